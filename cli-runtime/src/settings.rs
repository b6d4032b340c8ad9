//! Settings from options and the environment: region, endpoint, credentials, output format, timeouts.

use std::time::Duration;

use crate::args::Globals;
use crate::aws_config::settings::{self as shared, var};
use crate::failure::Failure;
use crate::output::OutputFormat;
use crate::profile::Profile;

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Seconds when neither `--cli-read-timeout` nor `--cli-connect-timeout` is given.
const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

pub(crate) use crate::aws_config::settings::Credentials;

/// `--region`, else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's `region`; `None` when none is set.
pub(crate) fn region(
    globals: &Globals,
    env: Env,
    profile: &Profile,
) -> Result<Option<String>, Failure> {
    if let Some(region) = &globals.region {
        return shared::check_region(region)
            .map(Some)
            .map_err(Failure::Usage);
    }
    Ok(shared::region(env, profile)?)
}

pub(crate) fn no_region() -> Failure {
    Failure::Config(
        "You must specify a region. Use --region or set AWS_REGION (or AWS_DEFAULT_REGION)."
            .to_owned(),
    )
}

/// Credentials in botocore's order: the environment's keys (unless `--profile` named a profile), then the rest
/// of the chain (`credentials`), which comes back here for the profile's own keys. With the name of the provider
/// that gave them, for `--debug`.
pub(crate) fn credentials(
    env: Env,
    profile: &Profile,
    region: Option<&str>,
    tls: &ureq::tls::TlsConfig,
) -> Result<(Credentials, &'static str), Failure> {
    let from_env = match profile.explicit {
        true => None,
        false => env_keys(env)?.map(|found| (found, "env")),
    };
    let found = match from_env {
        Some(found) => found,
        None => crate::credentials::chain(env, profile, region, tls)?.ok_or_else(|| {
            Failure::Config(
                "Unable to locate credentials. You can configure credentials by running \"aws configure\", setting \
                 AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --no-sign-request."
                    .to_owned(),
            )
        })?,
    };
    Ok((checked(found.0)?, found.1))
}

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN ([`shared::env_keys`]).
pub(crate) fn env_keys(env: Env) -> Result<Option<Credentials>, Failure> {
    Ok(shared::env_keys(env)?)
}

fn checked(found: Credentials) -> Result<Credentials, Failure> {
    Ok(shared::checked(found)?)
}

/// `--output`, else AWS_DEFAULT_OUTPUT, else the profile's `output`, else json.
pub(crate) fn output_format(
    globals: &Globals,
    env: Env,
    profile: &Profile,
) -> Result<OutputFormat, Failure> {
    if let Some(format) = globals.output {
        return Ok(format);
    }
    let found = var(env, "AWS_DEFAULT_OUTPUT")
        .map(|v| ("AWS_DEFAULT_OUTPUT", v))
        .or_else(|| profile.get("output").map(|v| ("output", v.to_owned())));
    match found {
        None => Ok(OutputFormat::Json),
        Some((source, name)) => OutputFormat::parse(name.trim()).ok_or_else(|| {
            Failure::Config(format!(
                "Invalid {source} '{name}', valid choices are: {}",
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
    use crate::profile::Value;
    use crate::test_fixtures::env_of;

    /// The chain with instance metadata off: a unit test never reaches 169.254.169.254.
    fn creds(env: Env, profile: &Profile) -> Result<Credentials, Failure> {
        let guarded = |name: &str| match name {
            "AWS_EC2_METADATA_DISABLED" => Some("true".to_owned()),
            _ => env(name),
        };
        credentials(&guarded, profile, Some("us-east-1"), &Default::default())
            .map(|(found, _)| found)
    }

    fn none() -> Profile {
        Profile::default()
    }

    fn profile(explicit: bool, config: &[(&str, &str)], credentials: &[(&str, &str)]) -> Profile {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
                .collect()
        };
        Profile {
            name: "p".into(),
            explicit,
            config: map(config),
            credentials: map(credentials),
            files: Default::default(),
        }
    }

    #[test]
    fn the_profile_comes_after_options_and_environment() {
        let p = profile(
            false,
            &[
                ("region", "eu-west-3"),
                ("output", "text"),
                ("endpoint_url", "http://127.0.0.1:1"),
            ],
            &[],
        );
        let globals = Globals::default();
        assert_eq!(
            region(&globals, &env_of(&[]), &p),
            Ok(Some("eu-west-3".into()))
        );
        let env = env_of(&[("AWS_DEFAULT_REGION", "us-east-2")]);
        assert_eq!(region(&globals, &env, &p), Ok(Some("us-east-2".into())));
        assert_eq!(
            output_format(&globals, &env_of(&[]), &p),
            Ok(OutputFormat::Text)
        );
        let bad = profile(false, &[("output", "xml")], &[]);
        assert_eq!(
            output_format(&globals, &env_of(&[]), &bad)
                .unwrap_err()
                .code(),
            253
        );
    }

    #[test]
    fn credentials_in_botocore_order() {
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "ENVKEY"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
        ]);
        let files = |explicit| {
            profile(
                explicit,
                &[
                    ("aws_access_key_id", "CONFIGKEY"),
                    ("aws_secret_access_key", "S"),
                ],
                &[
                    ("aws_access_key_id", "CREDKEY"),
                    ("aws_secret_access_key", "S"),
                    ("aws_session_token", "T"),
                ],
            )
        };
        // AWS_PROFILE (not explicit): the environment's keys still win; --profile: the profile's.
        assert_eq!(creds(&env, &files(false)).unwrap().access_key, "ENVKEY");
        let explicit = creds(&env, &files(true)).unwrap();
        assert_eq!(
            (
                explicit.access_key.as_str(),
                explicit.session_token.as_deref()
            ),
            ("CREDKEY", Some("T"))
        );
        let config_only = profile(
            true,
            &[
                ("aws_access_key_id", "CONFIGKEY"),
                ("aws_secret_access_key", "S"),
            ],
            &[],
        );
        assert_eq!(
            creds(&env_of(&[]), &config_only).unwrap().access_key,
            "CONFIGKEY"
        );
        // credential_process comes before the config file's static keys.
        let process = profile(
            true,
            &[
                ("aws_access_key_id", "CONFIGKEY"),
                ("aws_secret_access_key", "S"),
                ("credential_process", "sh -c 'echo \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"PROCKEY\\\", \\\"SecretAccessKey\\\": \\\"S\\\"}\"'"),
            ],
            &[],
        );
        assert_eq!(creds(&env_of(&[]), &process).unwrap().access_key, "PROCKEY");
        let failing = profile(true, &[("credential_process", "sh -c 'exit 3'")], &[]);
        assert_eq!(creds(&env_of(&[]), &failing).err().unwrap().code(), 253);
        let version = profile(
            true,
            &[("credential_process", "echo '{\"Version\":2}'")],
            &[],
        );
        let err = creds(&env_of(&[]), &version).err().unwrap();
        assert!(
            err.message().contains("Unsupported version"),
            "{}",
            err.message()
        );
        let partial = profile(true, &[], &[("aws_access_key_id", "CREDKEY")]);
        let err = creds(&env_of(&[]), &partial).err().unwrap();
        assert_eq!(
            err.message(),
            "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key"
        );
        let env_partial = env_of(&[("AWS_SECRET_ACCESS_KEY", "S")]);
        let err = creds(&env_partial, &files(false)).err().unwrap();
        assert_eq!(err.code(), 253);
        assert!(
            err.message().ends_with("missing: AWS_ACCESS_KEY_ID"),
            "{}",
            err.message()
        );
        // With --profile the environment is not looked at.
        assert_eq!(
            creds(&env_partial, &files(true)).unwrap().access_key,
            "CREDKEY"
        );
        assert!(creds(&env_of(&[]), &none())
            .err()
            .unwrap()
            .message()
            .starts_with("Unable to locate credentials"));
    }

    #[test]
    fn region_order_and_checks() {
        let globals = Globals::default();
        let env = env_of(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
        ]);
        assert_eq!(
            region(&globals, &env, &none()),
            Ok(Some("eu-west-1".into()))
        );
        let env = env_of(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "us-east-1")]);
        assert_eq!(
            region(&globals, &env, &none()),
            Ok(Some("us-east-1".into()))
        );
        assert_eq!(region(&globals, &env_of(&[]), &none()), Ok(None));
        let bad = Globals {
            region: Some("evil.com/x".into()),
            ..Globals::default()
        };
        assert_eq!(region(&bad, &env_of(&[]), &none()).unwrap_err().code(), 252);
        assert_eq!(
            region(&globals, &env_of(&[("AWS_REGION", "a b")]), &none())
                .unwrap_err()
                .code(),
            253
        );
    }

    #[test]
    fn credentials_from_the_environment() {
        let err = creds(&env_of(&[("AWS_ACCESS_KEY_ID", "AKID")]), &none())
            .err()
            .unwrap();
        assert_eq!(err.code(), 253);
        assert_eq!(
            err.message(),
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"
        );
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
            ("AWS_SESSION_TOKEN", "a\nb"),
        ]);
        assert_eq!(creds(&env, &none()).err().unwrap().code(), 253);
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
        ]);
        let creds = creds(&env, &none()).ok().unwrap();
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
