//! Settings from options and the environment: region, endpoint, credentials, output format, timeouts.

use std::time::Duration;

use crate::args::Globals;
use crate::failure::Failure;
use crate::output::OutputFormat;
use crate::service::Service;

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Seconds when neither `--cli-read-timeout` nor `--cli-connect-timeout` is given.
const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

pub(crate) struct Credentials {
    pub access_key: String,
    pub secret_key: String,
    pub session_token: Option<String>,
}

/// A variable's value, with an empty one counted as unset.
fn var(env: Env, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

/// `--region`, else AWS_REGION, else AWS_DEFAULT_REGION; `None` when none is set.
pub(crate) fn region(globals: &Globals, env: Env) -> Result<Option<String>, Failure> {
    if let Some(region) = &globals.region {
        return check_region(region).map(Some).map_err(Failure::Usage);
    }
    match var(env, "AWS_REGION").or_else(|| var(env, "AWS_DEFAULT_REGION")) {
        Some(region) => check_region(&region).map(Some).map_err(Failure::Config),
        None => Ok(None),
    }
}

/// A region goes into a host name, so it may hold only letters, digits and `-`.
fn check_region(region: &str) -> Result<String, String> {
    let region = region.trim();
    if !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        Ok(region.to_owned())
    } else {
        Err(format!(
            "Provided region_name '{region}' doesn't match a supported format."
        ))
    }
}

pub(crate) fn no_region() -> Failure {
    Failure::Config(
        "You must specify a region. Use --region or set AWS_REGION (or AWS_DEFAULT_REGION)."
            .to_owned(),
    )
}

/// `--endpoint-url`, else AWS_ENDPOINT_URL, else `https://<endpoint_prefix>.<region>.amazonaws.com`;
/// without a trailing `/`.
pub(crate) fn endpoint(
    service: &Service,
    globals: &Globals,
    region: Option<&str>,
    env: Env,
) -> Result<String, Failure> {
    if let Some(url) = &globals.endpoint_url {
        return check_endpoint(url).map_err(Failure::Usage);
    }
    if let Some(url) = var(env, "AWS_ENDPOINT_URL") {
        return check_endpoint(&url).map_err(Failure::Config);
    }
    let region = region.ok_or_else(no_region)?;
    let domain = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    Ok(format!(
        "https://{}.{region}.{domain}",
        service.endpoint_prefix
    ))
}

fn check_endpoint(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let uri = trimmed.parse::<http::Uri>().ok();
    let scheme_ok = uri.as_ref().is_some_and(|u| {
        matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some_and(|h| !h.is_empty())
    });
    if scheme_ok && uri.as_ref().is_some_and(|u| u.query().is_none()) {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "Bad value for --endpoint-url \"{url}\": it must be of the form http://<hostname>/ or https://<hostname>/"
        ))
    }
}

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the optional AWS_SESSION_TOKEN.
pub(crate) fn credentials(env: Env) -> Result<Credentials, Failure> {
    let (Some(access_key), Some(secret_key)) = (
        var(env, "AWS_ACCESS_KEY_ID"),
        var(env, "AWS_SECRET_ACCESS_KEY"),
    ) else {
        return Err(Failure::Config(
            "Unable to locate credentials. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN \
             for temporary credentials), or use --no-sign-request."
                .to_owned(),
        ));
    };
    let session_token = var(env, "AWS_SESSION_TOKEN");
    for (name, value) in [
        ("AWS_ACCESS_KEY_ID", Some(&access_key)),
        ("AWS_SESSION_TOKEN", session_token.as_ref()),
    ] {
        if value.is_some_and(|v| !v.trim().chars().all(|c| c.is_ascii_graphic())) {
            return Err(Failure::Config(format!(
                "{name} holds characters that cannot be sent in an HTTP header"
            )));
        }
    }
    Ok(Credentials {
        access_key: access_key.trim().to_owned(),
        secret_key: secret_key.trim().to_owned(),
        session_token: session_token.map(|t| t.trim().to_owned()),
    })
}

/// `--output`, else AWS_DEFAULT_OUTPUT, else json.
pub(crate) fn output_format(globals: &Globals, env: Env) -> Result<OutputFormat, Failure> {
    if let Some(format) = globals.output {
        return Ok(format);
    }
    match var(env, "AWS_DEFAULT_OUTPUT") {
        None => Ok(OutputFormat::Json),
        Some(name) => OutputFormat::parse(name.trim()).ok_or_else(|| {
            Failure::Config(format!(
                "Invalid AWS_DEFAULT_OUTPUT '{name}', valid choices are: {}",
                OutputFormat::NAMES.join(", ")
            ))
        }),
    }
}

/// A timeout option in seconds: the default when not given, none for 0.
pub(crate) fn timeout(seconds: Option<u64>) -> Option<Duration> {
    match seconds.unwrap_or(DEFAULT_TIMEOUT_SECONDS) {
        0 => None,
        n => Some(Duration::from_secs(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{env_of, SERVICE};

    #[test]
    fn region_order_and_checks() {
        let globals = Globals::default();
        let env = env_of(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
        ]);
        assert_eq!(region(&globals, &env), Ok(Some("eu-west-1".into())));
        let env = env_of(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "us-east-1")]);
        assert_eq!(region(&globals, &env), Ok(Some("us-east-1".into())));
        assert_eq!(region(&globals, &env_of(&[])), Ok(None));
        let bad = Globals {
            region: Some("evil.com/x".into()),
            ..Globals::default()
        };
        assert_eq!(region(&bad, &env_of(&[])).unwrap_err().code(), 252);
        assert_eq!(
            region(&globals, &env_of(&[("AWS_REGION", "a b")]))
                .unwrap_err()
                .code(),
            253
        );
    }

    #[test]
    fn endpoints() {
        let globals = Globals::default();
        let env = env_of(&[]);
        assert_eq!(
            endpoint(&SERVICE, &globals, Some("us-east-1"), &env),
            Ok("https://thing.us-east-1.amazonaws.com".into())
        );
        assert_eq!(
            endpoint(&SERVICE, &globals, Some("cn-north-1"), &env),
            Ok("https://thing.cn-north-1.amazonaws.com.cn".into())
        );
        assert_eq!(
            endpoint(&SERVICE, &globals, None, &env).unwrap_err().code(),
            253
        );
        let custom = Globals {
            endpoint_url: Some("http://127.0.0.1:9/".into()),
            ..Globals::default()
        };
        assert_eq!(
            endpoint(&SERVICE, &custom, None, &env),
            Ok("http://127.0.0.1:9".into())
        );
        let bad = Globals {
            endpoint_url: Some("127.0.0.1:9".into()),
            ..Globals::default()
        };
        assert_eq!(
            endpoint(&SERVICE, &bad, None, &env).unwrap_err().code(),
            252
        );
    }

    #[test]
    fn credentials_from_the_environment() {
        let err = credentials(&env_of(&[("AWS_ACCESS_KEY_ID", "AKID")]))
            .err()
            .unwrap();
        assert_eq!(err.code(), 253);
        assert!(err.message().starts_with("Unable to locate credentials"));
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
            ("AWS_SESSION_TOKEN", "a\nb"),
        ]);
        assert_eq!(credentials(&env).err().unwrap().code(), 253);
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
        ]);
        let creds = credentials(&env).ok().unwrap();
        assert_eq!(
            (creds.access_key.as_str(), creds.session_token),
            ("AKID", None)
        );
    }

    #[test]
    fn timeouts() {
        assert_eq!(timeout(None), Some(Duration::from_secs(60)));
        assert_eq!(timeout(Some(0)), None);
        assert_eq!(timeout(Some(5)), Some(Duration::from_secs(5)));
    }
}
