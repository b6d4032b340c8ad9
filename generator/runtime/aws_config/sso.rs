//! IAM Identity Center (SSO): the profile's `sso_account_id` and `sso_role_name`, with `sso_start_url` and
//! `sso_region` from its `[sso-session name]` section (or, the legacy form, from the profile itself); the access
//! token that `aws sso login` cached in `~/.aws/sso/cache/<sha1 of the session name or start URL>.json`;
//! then the portal's GetRoleCredentials. We never log in or refresh the token: that is `aws sso login`'s job.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value as Json;

use super::chain::{header_safe, service_endpoint, Context};
use super::error::Error;
use super::hooks::encode;
use super::profile::{text, Profile};
use super::settings::Credentials;
use super::sha1;

const TIMEOUT: Duration = Duration::from_secs(60);
const KEYS: [&str; 4] = [
    "sso_start_url",
    "sso_region",
    "sso_account_id",
    "sso_role_name",
];

const EXPIRED: &str = "The SSO session associated with this profile has expired or is otherwise invalid. \
                       To refresh this SSO session run aws sso login with the corresponding profile.";

/// `None` unless the profile has one of the SSO keys or `sso_session`.
pub fn provide(ctx: &Context, profile: &Profile) -> Result<Option<Credentials>, Error> {
    let session = profile.get("sso_session");
    let section = match session {
        Some(name) => Some(
            profile
                .files
                .config_section(&["sso-session", name])
                .ok_or_else(|| {
                    Error::config(format!(
                        "The specified sso-session does not exist: \"{name}\""
                    ))
                })?,
        ),
        None => None,
    };
    // The session's section gives the start URL and region, the profile the rest.
    let get = |key: &str| {
        section
            .and_then(|s| text(s, key))
            .or_else(|| profile.get(key))
            .map(str::to_owned)
    };
    let values: Vec<Option<String>> = KEYS.iter().map(|k| get(k)).collect();
    if session.is_none() && values.iter().all(Option::is_none) {
        return Ok(None);
    }
    let missing: Vec<&str> = KEYS
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| *k)
        .collect();
    if !missing.is_empty() {
        return Err(Error::config(format!(
            "The profile \"{}\" is configured to use SSO but is missing required configuration: {}",
            profile.name,
            missing.join(", ")
        )));
    }
    let [Some(start_url), Some(region), Some(account), Some(role)] =
        <[Option<String>; 4]>::try_from(values).unwrap_or_default()
    else {
        return Ok(None);
    };
    let token = cached_token(ctx, session.unwrap_or(&start_url))?;
    role_credentials(ctx, &region, &account, &role, &token).map(Some)
}

/// The cached access token, if present and not expired.
fn cached_token(ctx: &Context, key: &str) -> Result<String, Error> {
    let missing = || {
        Error::config(format!(
            "Error loading SSO Token: Token for {key} does not exist"
        ))
    };
    let path = cache_dir(ctx)
        .ok_or_else(missing)?
        .join(format!("{}.json", sha1::hex(key.as_bytes())));
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing()),
        Err(e) => {
            return Err(Error::config(format!(
                "Error loading SSO Token: cannot read {}: {e}",
                path.display()
            )))
        }
    };
    let unreadable = || {
        Error::config(format!(
            "Error loading SSO Token: {} is not a token cache file (it needs accessToken and expiresAt)",
            path.display()
        ))
    };
    let doc: Json = serde_json::from_slice(&bytes).map_err(|_| unreadable())?;
    let field = |name: &str| doc.get(name).and_then(Json::as_str);
    let (Some(token), Some(expires)) = (field("accessToken"), field("expiresAt")) else {
        return Err(unreadable());
    };
    let expires = unix_seconds(expires).ok_or_else(unreadable)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    if expires <= now {
        return Err(Error::config(format!(
            "Error loading SSO Token: Token for {key} has expired. {EXPIRED}"
        )));
    }
    if !header_safe(token) {
        return Err(unreadable());
    }
    Ok(token.to_owned())
}

fn cache_dir(ctx: &Context) -> Option<PathBuf> {
    let home = ctx.var("HOME").or_else(|| ctx.var("USERPROFILE"))?;
    Some(PathBuf::from(home).join(".aws").join("sso").join("cache"))
}

/// GetRoleCredentials: `GET /federation/credentials?account_id=..&role_name=..` with the bearer token header.
fn role_credentials(
    ctx: &Context,
    region: &str,
    account: &str,
    role: &str,
    token: &str,
) -> Result<Credentials, Error> {
    let base = match service_endpoint(ctx, "SSO")? {
        Some(url) => url,
        None if region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            format!("https://portal.sso.{region}.amazonaws.com")
        }
        None => {
            return Err(Error::config(format!(
                "Provided region_name '{region}' doesn't match a supported format."
            )))
        }
    };
    let url = format!(
        "{base}/federation/credentials?account_id={}&role_name={}",
        encode(account),
        encode(role)
    );
    let request = http::Request::get(&url)
        .header("x-amz-sso_bearer_token", token)
        .body(Vec::new())
        .map_err(|e| Error::config(format!("Invalid SSO endpoint \"{base}\": {e}")))?;
    let reply = ctx
        .hooks
        .exchange(request, TIMEOUT, true)
        .map_err(Error::transport)?;
    let doc: Option<Json> = serde_json::from_str(&reply.body).ok();
    if reply.status == 401 || reply.status == 403 {
        return Err(Error::config(EXPIRED.to_owned()));
    }
    if reply.status != 200 {
        let code = reply
            .error_type
            .unwrap_or_else(|| format!("HTTP {}", reply.status));
        let message = doc
            .as_ref()
            .and_then(|d| d.get("message").or_else(|| d.get("Message")))
            .and_then(Json::as_str)
            .unwrap_or("Unknown");
        return Err(Error::service(format!(
            "An error occurred ({code}) when calling the GetRoleCredentials operation: {message}"
        )));
    }
    let creds = doc.as_ref().and_then(|d| d.get("roleCredentials"));
    let field = |name: &str| {
        creds
            .and_then(|c| c.get(name))
            .and_then(Json::as_str)
            .map(str::to_owned)
    };
    match (field("accessKeyId"), field("secretAccessKey")) {
        (Some(access_key), Some(secret_key)) => Ok(Credentials {
            access_key,
            secret_key,
            session_token: field("sessionToken"),
            // Milliseconds since the epoch.
            expiry: creds
                .and_then(|c| c.get("expiration"))
                .and_then(Json::as_u64)
                .and_then(|ms| UNIX_EPOCH.checked_add(Duration::from_millis(ms))),
        }),
        _ => Err(Error::transport(
            "Unable to parse the response of the GetRoleCredentials operation: no roleCredentials with \
             accessKeyId and secretAccessKey"
                .to_owned(),
        )),
    }
}

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fff](Z|UTC|+HH:MM|-HH:MM)`, the forms the AWS CLI writes.
pub fn unix_seconds(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    let bytes = text.as_bytes();
    if seps.iter().any(|&(i, c)| bytes[i] != c) || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let mut zone = &text[19..];
    if let Some(fraction) = zone.strip_prefix('.') {
        zone = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match zone {
        "Z" | "z" | "UTC" | "" => 0,
        _ => {
            let sign = match zone.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let (h, m) = zone[1..].split_once(':')?;
            sign * (h.parse::<i64>().ok()? * 3600 + m.parse::<i64>().ok()? * 60)
        }
    };
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    Some(days * 86400 + hour * 3600 + minute * 60 + second - offset)
}
