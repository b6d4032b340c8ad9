//! The chain's rules that need no server: role chains and their loops, bad role settings, SSO settings and the
//! token cache, configured endpoints, timestamps. (Network exchanges are tested end to end in cli/tests.)

use std::collections::HashMap;
use std::sync::Arc;

use super::*;
use crate::aws_config::chain::{service_endpoint, Context};
use crate::aws_config::{sha1, sso};
use crate::profile::{parse, Files};

/// A profile of a config file text, selected as AWS_PROFILE selects it (the environment is read too).
fn setup(config: &str, name: &str) -> Profile {
    let files = Arc::new(Files {
        config: parse(config).expect("config parses"),
        credentials: HashMap::new(),
    });
    Profile {
        explicit: false,
        ..files.profile(name).expect("profile exists")
    }
}

/// The chain with these variables; instance metadata always off.
fn run(
    profile: &Profile,
    vars: &[(&str, &str)],
) -> Result<Option<(Credentials, &'static str)>, Failure> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain([("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned())])
        .collect();
    let env = |name: &str| vars.get(name).cloned();
    chain(&env, profile, Some("us-east-1"), &Default::default())
}

fn error(profile: &Profile, vars: &[(&str, &str)]) -> Failure {
    match run(profile, vars) {
        Err(e) => e,
        Ok(found) => panic!("expected an error, got {:?}", found.map(|f| f.1)),
    }
}

#[test]
fn role_chain_loops_name_the_profiles() {
    let config = "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n\
                  [profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n\
                  [profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = a\n";
    let err = error(&setup(config, "a"), &[]);
    assert_eq!(err.code(), 253);
    assert_eq!(
        err.message(),
        "Infinite loop in credential configuration detected. Attempting to load from profile a which has \
         already been visited. Visited profiles: a, b, c"
    );
    // A profile naming itself without keys of its own loops too.
    let own = "[profile s]\nrole_arn = arn:aws:iam::1:role/S\nsource_profile = s\n";
    assert!(error(&setup(own, "s"), &[])
        .message()
        .contains("Visited profiles: s"));
}

#[test]
fn bad_role_settings_are_configuration_errors() {
    let cases = [
        (
            "[profile a]\nrole_arn = r\nsource_profile = nowhere\n",
            "The source_profile \"nowhere\" referenced in the profile \"a\" does not exist.",
        ),
        (
            "[profile a]\nrole_arn = r\nsource_profile = b\ncredential_source = Environment\n[profile b]\nregion = x\n",
            "The profile \"a\" contains both source_profile and credential_source.",
        ),
        (
            "[profile a]\nrole_arn = r\n",
            "Partial credentials found in assume-role, missing: source_profile or credential_source",
        ),
        (
            "[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nregion = x\n",
            "The source profile \"b\" must have credentials.",
        ),
        (
            "[profile a]\nrole_arn = r\ncredential_source = Environment\n",
            "No credentials found in credential_source referenced in profile a",
        ),
        (
            "[profile a]\nrole_arn = r\ncredential_source = Elsewhere\n",
            "The credential_source \"Elsewhere\" referenced in profile \"a\" is not valid; valid values are \
             Environment, Ec2InstanceMetadata and EcsContainer.",
        ),
        (
            "[profile a]\nrole_arn = r\ncredential_source = Ec2InstanceMetadata\n",
            "No credentials found in credential_source referenced in profile a",
        ),
        (
            "[profile a]\nrole_arn = r\nsource_profile = b\nduration_seconds = soon\n\
             [profile b]\naws_access_key_id = K\naws_secret_access_key = S\n",
            "The duration_seconds of profile \"a\" must be a whole number of seconds",
        ),
    ];
    for (config, message) in cases {
        let err = error(&setup(config, "a"), &[]);
        assert_eq!((err.code(), err.message()), (253, message), "{config}");
    }
}

#[test]
fn web_identity_needs_a_role_and_a_readable_file() {
    let profile = setup("[profile w]\nregion = x\n", "w");
    let err = error(
        &profile,
        &[("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token")],
    );
    assert!(
        err.message().contains("has no role ARN configured"),
        "{}",
        err.message()
    );
    let err = error(
        &profile,
        &[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token"),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/W"),
        ],
    );
    assert_eq!(err.code(), 253);
    assert!(
        err.message().contains("/nonexistent/token"),
        "{}",
        err.message()
    );
    // Nothing configured: nothing found, no error.
    assert!(run(&profile, &[]).unwrap().is_none());
}

#[test]
fn sso_settings_and_the_token_cache() {
    let home = std::env::temp_dir().join(format!("creds-unit-sso-{}", std::process::id()));
    let cache = home.join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    let home_str = home.display().to_string();
    let env = [("HOME", home_str.as_str())];
    let config = "[profile s]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = R\n\
                  [sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start\n\
                  [profile legacy]\nsso_start_url = https://l.awsapps.com/start\nsso_region = eu-west-1\n\
                  [profile half]\nsso_account_id = 1\n\
                  [profile lost]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = R\n";
    let err = error(&setup(config, "s"), &env);
    assert_eq!(
        (err.code(), err.message()),
        (
            253,
            "Error loading SSO Token: Token for corp does not exist"
        )
    );
    // The file is named by the SHA-1 of the session name, as `aws sso login` writes it.
    std::fs::write(
        cache.join(format!("{}.json", sha1::hex(b"corp"))),
        r#"{"accessToken": "sso-Secret-Token", "expiresAt": "2001-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let err = error(&setup(config, "s"), &env);
    assert!(err
        .message()
        .starts_with("Error loading SSO Token: Token for corp has expired"));
    assert!(err.message().contains("run aws sso login"));
    assert!(!err.message().contains("sso-Secret-Token"));
    let err = error(&setup(config, "legacy"), &env);
    assert_eq!(
        err.message(),
        "The profile \"legacy\" is configured to use SSO but is missing required configuration: \
         sso_account_id, sso_role_name"
    );
    assert!(error(&setup(config, "half"), &env)
        .message()
        .contains("sso_start_url, sso_region, sso_role_name"));
    assert_eq!(
        error(&setup(config, "lost"), &env).message(),
        "The specified sso-session does not exist: \"gone\""
    );
    std::fs::remove_dir_all(&home).unwrap();
}

#[test]
fn configured_endpoints_for_sts_and_sso() {
    let config = "[profile p]\nservices = mine\nendpoint_url = http://127.0.0.1:3\n\
                  [services mine]\nsts =\n  endpoint_url = http://127.0.0.1:1/\n";
    let profile = setup(config, "p");
    let at = |vars: &[(&str, &str)], sdk_id: &str| {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = |name: &str| vars.get(name).cloned();
        let tls = ureq::tls::TlsConfig::default();
        let hooks = CliHooks {
            env: &env,
            tls: &tls,
        };
        let ctx = Context {
            env: &env,
            region: None,
            profile: &profile,
            hooks: &hooks,
        };
        service_endpoint(&ctx, sdk_id).map_err(Failure::from)
    };
    assert_eq!(at(&[], "STS"), Ok(Some("http://127.0.0.1:1".into())));
    assert_eq!(
        at(&[("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:2")], "STS"),
        Ok(Some("http://127.0.0.1:2".into()))
    );
    // The global variable outranks the services section, as for the operation's own endpoint (the AWS SDKs'
    // "Service-specific endpoints" precedence).
    assert_eq!(
        at(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:5")], "STS"),
        Ok(Some("http://127.0.0.1:5".into()))
    );
    // No `sso` in the services section: the global settings apply, the variable before the profile.
    assert_eq!(at(&[], "SSO"), Ok(Some("http://127.0.0.1:3".into())));
    assert_eq!(
        at(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:4")], "SSO"),
        Ok(Some("http://127.0.0.1:4".into()))
    );
    assert_eq!(
        at(&[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")], "STS"),
        Ok(None)
    );
    assert_eq!(
        at(&[("AWS_ENDPOINT_URL_STS", "nonsense")], "STS")
            .unwrap_err()
            .code(),
        253
    );
}

#[test]
fn cache_timestamps() {
    assert_eq!(sso::unix_seconds("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(
        sso::unix_seconds("2024-02-29T12:30:05UTC"),
        Some(1_709_209_805)
    );
    assert_eq!(
        sso::unix_seconds("2024-02-29T12:30:05.123Z"),
        Some(1_709_209_805)
    );
    assert_eq!(
        sso::unix_seconds("2024-02-29T14:30:05+02:00"),
        Some(1_709_209_805)
    );
    for bad in [
        "",
        "2024-02-29",
        "2024-13-01T00:00:00Z",
        "2024-02-29T12:30:05 PST",
        "2024/02/29T12:30:05Z",
    ] {
        assert_eq!(sso::unix_seconds(bad), None, "{bad}");
    }
}
