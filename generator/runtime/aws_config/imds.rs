//! EC2 instance metadata, IMDSv2: a session token from `PUT /latest/api/token`, then the role name from
//! `/latest/meta-data/iam/security-credentials/` and its credentials. As botocore: 1 second timeouts and one
//! attempt (AWS_METADATA_SERVICE_TIMEOUT and AWS_METADATA_SERVICE_NUM_ATTEMPTS change them), skipped when
//! AWS_EC2_METADATA_DISABLED is true, and no credentials (not an error) when the service does not answer:
//! off EC2 there is nothing to find.

use std::time::{Duration, Instant};

use super::chain::Context;
use super::container;
use super::error::Error;
use super::settings::Credentials;

const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
const IPV6_ENDPOINT: &str = "http://[fd00:ec2::254]";
const PATH: &str = "/latest/meta-data/iam/security-credentials/";
/// The longest the whole provider may take, whatever the settings say.
const CEILING: Duration = Duration::from_secs(30);

pub fn provide(ctx: &Context) -> Result<Option<Credentials>, Error> {
    let setting = |var: &str, key: &str| {
        ctx.var(var)
            .or_else(|| ctx.profile.get(key).map(str::to_owned))
    };
    if setting("AWS_EC2_METADATA_DISABLED", "ec2_metadata_disabled")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return Ok(None);
    }
    let endpoint = match setting(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        "ec2_metadata_service_endpoint",
    ) {
        Some(url) => url.trim().trim_end_matches('/').to_owned(),
        None => match setting(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
            "ec2_metadata_service_endpoint_mode",
        ) {
            Some(mode) if mode.trim().eq_ignore_ascii_case("ipv6") => IPV6_ENDPOINT.to_owned(),
            _ => DEFAULT_ENDPOINT.to_owned(),
        },
    };
    let number = |var: &str, key: &str, default: u64| {
        setting(var, key)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(default)
    };
    let timeout = Duration::from_secs(number(
        "AWS_METADATA_SERVICE_TIMEOUT",
        "metadata_service_timeout",
        1,
    ));
    let attempts = number(
        "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
        "metadata_service_num_attempts",
        1,
    )
    .min(5);
    let v1_allowed = !setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let started = Instant::now();
    for _ in 0..attempts {
        if started.elapsed() > CEILING {
            break;
        }
        if let Some(found) = once(ctx, &endpoint, timeout, v1_allowed) {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// One pass: token, role, credentials; `None` at the first thing that fails. As botocore, a service that
/// refuses tokens (403, 404, 405) is asked without one (IMDSv1) unless v1 is disabled.
fn once(ctx: &Context, endpoint: &str, timeout: Duration, v1_allowed: bool) -> Option<Credentials> {
    let token = http::Request::put(format!("{endpoint}/latest/api/token"))
        .header("x-aws-ec2-metadata-token-ttl-seconds", "21600")
        .body(Vec::new())
        .ok()?;
    let token = ctx.hooks.exchange(token, timeout, false).ok()?;
    let token = match token.status {
        200 if super::chain::header_safe(token.body.trim()) => Some(token.body.trim().to_owned()),
        403..=405 if v1_allowed => None,
        _ => return None,
    };
    let get = |path: &str| {
        let mut request = http::Request::get(format!("{endpoint}{path}"));
        if let Some(token) = &token {
            request = request.header("x-aws-ec2-metadata-token", token);
        }
        let request = request.body(Vec::new()).ok()?;
        let reply = ctx.hooks.exchange(request, timeout, false).ok()?;
        (reply.status == 200).then_some(reply.body)
    };
    let roles = get(PATH)?;
    let role = roles.lines().map(str::trim).find(|l| !l.is_empty())?;
    if !role
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
    {
        return None;
    }
    container::parse(&get(&format!("{PATH}{role}"))?)
}
