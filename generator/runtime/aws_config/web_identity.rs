//! Web identity: STS AssumeRoleWithWebIdentity (unsigned) with the token read from a file, configured by
//! AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME (which botocore reads first) or by the
//! profile's `web_identity_token_file`, `role_arn` and `role_session_name`.

use super::chain::{session_name, Context};
use super::error::Error;
use super::profile::Profile;
use super::settings::Credentials;
use super::sts;

/// `None` unless a token file is configured. `env_vars` is false when botocore would not look at them (an
/// explicit `--profile`, or a role's source profile).
pub fn provide(
    ctx: &Context,
    profile: &Profile,
    env_vars: bool,
) -> Result<Option<Credentials>, Error> {
    let get = |var: &str, key: &str| {
        env_vars
            .then(|| ctx.var(var))
            .flatten()
            .or_else(|| profile.get(key).map(str::to_owned))
    };
    let Some(path) = get("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file") else {
        return Ok(None);
    };
    let Some(role_arn) = get("AWS_ROLE_ARN", "role_arn") else {
        return Err(Error::config(
            "The provided profile or the current environment is configured to assume role with web identity \
             but has no role ARN configured. Ensure that the profile has the role_arn configuration set or the \
             AWS_ROLE_ARN env var is set."
                .to_owned(),
        ));
    };
    // The file is read as it is; a message never quotes it.
    let token = std::fs::read_to_string(&path).map_err(|e| {
        Error::config(format!(
            "Error when retrieving credentials from assume-role-with-web-identity: cannot read the web \
             identity token file {path}: {e}"
        ))
    })?;
    let token = token.trim().to_owned();
    let params = [
        ("RoleArn", role_arn),
        (
            "RoleSessionName",
            get("AWS_ROLE_SESSION_NAME", "role_session_name").unwrap_or_else(session_name),
        ),
        ("WebIdentityToken", token.clone()),
    ];
    sts::call(ctx, "AssumeRoleWithWebIdentity", &params, None, &[token]).map(Some)
}
