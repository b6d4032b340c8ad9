//! The rest of botocore's credential chain, after the environment's keys (in `settings`): assume-role from a
//! profile, web identity, SSO, the profile's own keys and `credential_process` (in `settings`), container
//! credentials and EC2 instance metadata. Each provider answers `None` when it is not configured, an error
//! when it is configured wrongly or fails, so that a broken configuration is never silently skipped.

use std::time::{SystemTime, UNIX_EPOCH};

use super::error::Error;
use super::hooks::Hooks;
use super::profile::Env;
use super::profile::Profile;
use super::settings::{self, Credentials};
use super::{assume_role, container, imds, sso, web_identity};

/// What every provider may need: the environment, the command's region (STS is regional), the selected profile
/// (whose `services` section can name an STS or SSO endpoint).
pub struct Context<'a> {
    pub env: Env<'a>,
    pub region: Option<&'a str>,
    pub profile: &'a Profile,
    /// HTTP, signing and MFA codes, as the host does them.
    pub hooks: &'a dyn Hooks,
}

impl Context<'_> {
    /// A variable's value, with an empty one counted as unset.
    pub fn var(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.trim().is_empty())
    }
}

/// The chain after the environment's keys; `None` when no provider has credentials. The name is botocore's
/// name of the provider that gave them, for `--debug`.
pub fn chain(
    env: Env,
    profile: &Profile,
    region: Option<&str>,
    hooks: &dyn Hooks,
) -> Result<Option<(Credentials, &'static str)>, Error> {
    let ctx = Context {
        env,
        region,
        profile,
        hooks,
    };
    if let Some(found) = assume_role::provide(&ctx, profile)? {
        return Ok(Some((found, "assume-role")));
    }
    // With `--profile`, botocore leaves the web identity variables aside as it does the keys.
    if let Some(found) = profile_chain(&ctx, profile, !profile.explicit)? {
        return Ok(Some(found));
    }
    if let Some(found) = container::provide(&ctx)? {
        return Ok(Some((found, "container-role")));
    }
    Ok(imds::provide(&ctx)?.map(|found| (found, "iam-role")))
}

/// The providers that read one profile, in botocore's order: web identity, SSO, the credentials file's keys,
/// `credential_process`, the config file's keys. A role's `source_profile` is read with these too.
pub fn profile_chain(
    ctx: &Context,
    profile: &Profile,
    env_vars: bool,
) -> Result<Option<(Credentials, &'static str)>, Error> {
    if let Some(found) = web_identity::provide(ctx, profile, env_vars)? {
        return Ok(Some((found, "assume-role-with-web-identity")));
    }
    if let Some(found) = sso::provide(ctx, profile)? {
        return Ok(Some((found, "sso")));
    }
    settings::profile_keys(profile)
}

/// An endpoint configured for a service the chain calls (`sdk_id` `STS` or `SSO`), found exactly as the
/// operation's own (`settings::configured_url`): `AWS_ENDPOINT_URL_<ID>`, `AWS_ENDPOINT_URL`, the profile's
/// `services` section (`sts =` then an indented `endpoint_url = ...`), the profile's `endpoint_url`; none when
/// configured URLs are ignored. Without a trailing `/`.
pub fn service_endpoint(ctx: &Context, sdk_id: &str) -> Result<Option<String>, Error> {
    Ok(settings::configured_url(sdk_id, ctx.env, ctx.profile)?.map(|(url, _)| url))
}

/// botocore's default role session name.
pub fn session_name() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("botocore-session-{now}")
}

/// A value read from JSON or a file goes into headers: it must be printable ASCII.
pub fn header_safe(value: &str) -> bool {
    value.chars().all(|c| c.is_ascii_graphic())
}
