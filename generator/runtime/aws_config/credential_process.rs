//! `credential_process`: the profile's command, split as a POSIX shell would split it but run without one
//! (as botocore), printing `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.

use std::process::{Command, Stdio};

use serde_json::Value;

use std::time::{Duration, SystemTime};

use super::error::Error;
use super::settings::Credentials;

/// Runs the command once; its stderr passes through to ours, as with the AWS CLI. No message quotes the
/// output, which holds secrets. With the `Expiration` text of temporary credentials.
pub fn run(command: &str, profile: &str) -> Result<(Credentials, Option<String>), Error> {
    let fail = |why: String| {
        Error::config(format!(
            "Error when retrieving credentials from custom-process (profile {profile}): {why}"
        ))
    };
    let words = shlex::split(command)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| fail("credential_process is not a well-formed command".to_owned()))?;
    let output = Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| fail(format!("cannot run {}: {e}", words[0])))?;
    if !output.status.success() {
        return Err(fail(format!("the command exited with {}", output.status)));
    }
    let doc: Value = serde_json::from_slice(&output.stdout)
        .map_err(|_| fail("the command's output is not a JSON object".to_owned()))?;
    match doc.get("Version") {
        Some(v) if v == 1 => {}
        Some(v) => {
            return Err(fail(format!(
                "Unsupported version '{v}' for credential process provider, supported versions: 1"
            )))
        }
        None => return Err(fail("the output has no Version".to_owned())),
    }
    let field = |name: &str| doc.get(name).and_then(Value::as_str).map(str::to_owned);
    let (Some(access_key), Some(secret_key)) = (field("AccessKeyId"), field("SecretAccessKey"))
    else {
        return Err(fail(
            "the output lacks AccessKeyId or SecretAccessKey".to_owned(),
        ));
    };
    Ok((
        Credentials {
            access_key,
            secret_key,
            session_token: field("SessionToken"),
        },
        field("Expiration"),
    ))
}

/// An RFC 3339 time in UTC (`2026-12-01T05:00:00Z`, fractions allowed), as credential providers give
/// `Expiration`; `None` for any other form.
pub fn expiration_time(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let text = text
        .strip_suffix('Z')
        .or_else(|| text.strip_suffix("+00:00"))?;
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let number = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let mut d = date.splitn(3, '-').map(number);
    let (year, month, day) = (d.next()??, d.next()??, d.next()??);
    let (time, _fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut t = time.splitn(3, ':').map(number);
    let (hour, minute, second) = (t.next()??, t.next()??, t.next()??);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    let seconds = u64::try_from(seconds).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}
