//! A profile with `role_arn`: STS AssumeRole signed with the credentials of its `source_profile` (itself possibly
//! a role, so chains are followed, and a loop is an error naming the profiles) or of its `credential_source`.

use super::chain::{profile_chain, session_name, Context};
use super::error::Error;
use super::profile::Profile;
use super::settings::{self, Credentials};
use super::{container, imds, sts};

/// `None` unless the profile has `role_arn` (and no `web_identity_token_file`, which makes it web identity).
pub fn provide(ctx: &Context, profile: &Profile) -> Result<Option<Credentials>, Error> {
    if !is_role(profile) {
        return Ok(None);
    }
    let mut visited = vec![profile.name.clone()];
    assume(ctx, profile, &mut visited).map(Some)
}

fn is_role(profile: &Profile) -> bool {
    profile.get("role_arn").is_some() && profile.get("web_identity_token_file").is_none()
}

fn assume(
    ctx: &Context,
    profile: &Profile,
    visited: &mut Vec<String>,
) -> Result<Credentials, Error> {
    let name = &profile.name;
    let source = match (
        profile.get("source_profile"),
        profile.get("credential_source"),
    ) {
        (Some(_), Some(_)) => {
            return Err(Error::config(format!(
                "The profile \"{name}\" contains both source_profile and credential_source."
            )))
        }
        (None, None) => {
            return Err(Error::config(
                "Partial credentials found in assume-role, missing: source_profile or credential_source"
                    .to_owned(),
            ))
        }
        (Some(source), None) => from_source_profile(ctx, profile, source, visited)?,
        (None, Some(source)) => from_credential_source(ctx, name, source)?,
    };
    let mut params = vec![
        (
            "RoleArn",
            profile.get("role_arn").unwrap_or_default().to_owned(),
        ),
        (
            "RoleSessionName",
            profile
                .get("role_session_name")
                .map(str::to_owned)
                .unwrap_or_else(session_name),
        ),
    ];
    if let Some(id) = profile.get("external_id") {
        params.push(("ExternalId", id.to_owned()));
    }
    if let Some(seconds) = profile.get("duration_seconds") {
        let seconds: u32 = seconds.trim().parse().map_err(|_| {
            Error::config(format!(
                "The duration_seconds of profile \"{name}\" must be a whole number of seconds"
            ))
        })?;
        params.push(("DurationSeconds", seconds.to_string()));
    }
    if let Some(serial) = profile.get("mfa_serial") {
        params.push(("SerialNumber", serial.to_owned()));
        params.push(("TokenCode", ctx.hooks.mfa_code(name, serial)?));
    }
    sts::call(ctx, "AssumeRole", &params, Some(&source), &[])
}

/// botocore's rules: a profile may name itself only to take its own static keys; a source with static keys (or
/// without a role) is read with the profile providers; a source with a role is assumed in turn.
fn from_source_profile(
    ctx: &Context,
    parent: &Profile,
    name: &str,
    visited: &mut Vec<String>,
) -> Result<Credentials, Error> {
    let Some(source) = parent.files.profile(name) else {
        return Err(Error::config(format!(
            "The source_profile \"{name}\" referenced in the profile \"{}\" does not exist.",
            parent.name
        )));
    };
    let static_keys = source.get("aws_access_key_id").is_some();
    if visited.iter().any(|v| v == name) && !(name == parent.name && static_keys) {
        return Err(Error::config(format!(
            "Infinite loop in credential configuration detected. Attempting to load from profile {name} \
             which has already been visited. Visited profiles: {}",
            visited.join(", ")
        )));
    }
    visited.push(name.to_owned());
    if static_keys || !is_role(&source) {
        return match profile_chain(ctx, &source, false)? {
            Some((found, _)) => Ok(found),
            None => Err(Error::config(format!(
                "The source profile \"{name}\" must have credentials."
            ))),
        };
    }
    assume(ctx, &source, visited)
}

/// `credential_source`: botocore's three canonical names.
fn from_credential_source(
    ctx: &Context,
    profile: &str,
    source: &str,
) -> Result<Credentials, Error> {
    let found = match source {
        "Environment" => settings::env_keys(ctx.env)?,
        "Ec2InstanceMetadata" => imds::provide(ctx)?,
        "EcsContainer" => container::provide(ctx)?,
        other => {
            return Err(Error::config(format!(
                "The credential_source \"{other}\" referenced in profile \"{profile}\" is not valid; valid \
                 values are Environment, Ec2InstanceMetadata and EcsContainer."
            )))
        }
    };
    found.ok_or_else(|| {
        Error::config(format!(
            "No credentials found in credential_source referenced in profile {profile}"
        ))
    })
}
