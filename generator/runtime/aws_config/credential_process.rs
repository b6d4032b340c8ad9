//! `credential_process`: the profile's command, split as a POSIX shell would split it but run without one
//! (as botocore), printing `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.

use std::process::{Command, Stdio};

use serde_json::Value;

use std::time::{Duration, SystemTime};

use super::error::Error;
use super::settings::Credentials;

/// Runs the command once; its stderr passes through to ours, as with the AWS CLI. No message quotes the
/// output, which holds secrets.
pub fn run(command: &str, profile: &str) -> Result<Credentials, Error> {
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
    Ok(Credentials {
        access_key,
        secret_key,
        session_token: field("SessionToken"),
        expiry: field("Expiration").as_deref().and_then(expiration_time),
    })
}

/// An `Expiration` as credential providers write it (RFC 3339, [`super::sso::unix_seconds`]); `None` for any
/// other form or a time before 1970.
pub fn expiration_time(text: &str) -> Option<SystemTime> {
    let seconds = u64::try_from(super::sso::unix_seconds(text)?).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}
