use std::collections::HashMap;

use super::*;
use crate::profile::Files;
use crate::test_fixtures::env_of;

fn text(pairs: &[(&str, &str)]) -> HashMap<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
        .collect()
}

/// Profile `p` with these config keys, and a `[services local]` section holding these sub-sections.
fn profile(config: &[(&str, &str)], services: &[(&str, &[(&str, &str)])]) -> Profile {
    let section = services
        .iter()
        .map(|(key, pairs)| {
            let nested = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (key.to_string(), Value::Nested(nested))
        })
        .collect();
    Profile {
        name: "p".into(),
        config: text(config),
        files: std::sync::Arc::new(Files {
            config: [("services local".to_owned(), section)]
                .into_iter()
                .collect(),
            credentials: Default::default(),
        }),
        ..Profile::default()
    }
}

const SDK_ID: &str = "Social Messaging-Thing";

fn url_of(globals: &Globals, env: Env, profile: &Profile) -> Option<(String, String)> {
    let chosen = endpoint_settings(SDK_ID, globals, Some("us-east-1"), env, profile).unwrap();
    chosen.settings.endpoint_url.map(|url| {
        let (_, source) = chosen
            .sources
            .iter()
            .find(|(setting, _)| *setting == "endpoint_url")
            .unwrap();
        (url, source.clone())
    })
}

#[test]
fn names_from_the_sdk_id() {
    assert_eq!(
        service_variable("SocialMessaging"),
        "AWS_ENDPOINT_URL_SOCIALMESSAGING"
    );
    assert_eq!(
        service_variable("Elastic Beanstalk"),
        "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK"
    );
    assert_eq!(services_key("Elastic Beanstalk"), "elastic_beanstalk");
    assert_eq!(services_key("Route53-Recovery"), "route53_recovery");
}

/// botocore's order (its functional tests "configured_endpoint_urls"): the option, the service's variable, the
/// global variable, the profile's services section, the profile's `endpoint_url`.
#[test]
fn configured_url_in_the_aws_cli_order() {
    let full = profile(
        &[
            ("endpoint_url", "https://global.config"),
            ("services", "local"),
        ],
        &[(
            "social_messaging_thing",
            &[("endpoint_url", "https://service.config")],
        )],
    );
    let env_both = env_of(&[
        ("AWS_ENDPOINT_URL", "https://global.env"),
        (
            "AWS_ENDPOINT_URL_SOCIAL_MESSAGING_THING",
            "https://service.env/",
        ),
    ]);
    let option = Globals {
        endpoint_url: Some("http://127.0.0.1:9/".into()),
        ..Globals::default()
    };
    assert_eq!(
        url_of(&option, &env_both, &full),
        Some(("http://127.0.0.1:9".into(), "--endpoint-url".into()))
    );
    let none = Globals::default();
    assert_eq!(
        url_of(&none, &env_both, &full),
        Some((
            "https://service.env".into(),
            "AWS_ENDPOINT_URL_SOCIAL_MESSAGING_THING".into()
        ))
    );
    let env_global = env_of(&[("AWS_ENDPOINT_URL", "https://global.env")]);
    assert_eq!(
        url_of(&none, &env_global, &full).unwrap().0,
        "https://global.env"
    );
    let (url, source) = url_of(&none, &env_of(&[]), &full).unwrap();
    assert_eq!(url, "https://service.config");
    assert!(source.contains("[services local]"), "{source}");
    let global_only = profile(&[("endpoint_url", "https://global.config")], &[]);
    assert_eq!(
        url_of(&none, &env_of(&[]), &global_only),
        Some((
            "https://global.config".into(),
            "endpoint_url in profile p".into()
        ))
    );
    // A services section without this service's sub-section falls through to the profile's endpoint_url.
    let other_service = profile(
        &[
            ("endpoint_url", "https://global.config"),
            ("services", "local"),
        ],
        &[("dynamodb", &[("endpoint_url", "https://dynamodb.config")])],
    );
    assert_eq!(
        url_of(&none, &env_of(&[]), &other_service).unwrap().0,
        "https://global.config"
    );
    assert_eq!(url_of(&none, &env_of(&[]), &Profile::default()), None);
}

#[test]
fn ignoring_configured_urls_leaves_only_the_option() {
    let full = profile(
        &[
            ("endpoint_url", "https://global.config"),
            ("services", "local"),
            ("ignore_configured_endpoint_urls", "true"),
        ],
        &[(
            "social_messaging_thing",
            &[("endpoint_url", "https://service.config")],
        )],
    );
    let env = env_of(&[("AWS_ENDPOINT_URL", "https://global.env")]);
    assert_eq!(url_of(&Globals::default(), &env, &full), None);
    let option = Globals {
        endpoint_url: Some("http://127.0.0.1:9".into()),
        ..Globals::default()
    };
    assert_eq!(
        url_of(&option, &env, &full).unwrap().0,
        "http://127.0.0.1:9"
    );
    // The variable outranks the profile's key, both ways.
    let env = env_of(&[
        ("AWS_ENDPOINT_URL", "https://global.env"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "FALSE"),
    ]);
    assert_eq!(
        url_of(&Globals::default(), &env, &full).unwrap().0,
        "https://global.env"
    );
    let env = env_of(&[
        ("AWS_ENDPOINT_URL", "https://global.env"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ]);
    assert_eq!(url_of(&Globals::default(), &env, &Profile::default()), None);
}

#[test]
fn configuration_errors() {
    let none = Globals::default();
    let missing = profile(&[("services", "elsewhere")], &[]);
    let err = endpoint_settings(SDK_ID, &none, None, &env_of(&[]), &missing).unwrap_err();
    assert_eq!(err.code(), 253);
    assert_eq!(
        err.message(),
        "The profile is configured to use the services section but the \"elsewhere\" services configuration does not exist."
    );
    let bad_option = Globals {
        endpoint_url: Some("127.0.0.1:9".into()),
        ..Globals::default()
    };
    let err = endpoint_settings(SDK_ID, &bad_option, None, &env_of(&[]), &Profile::default())
        .unwrap_err();
    assert_eq!(err.code(), 252);
    let err = endpoint_settings(
        SDK_ID,
        &none,
        None,
        &env_of(&[("AWS_ENDPOINT_URL", "ftp://x")]),
        &Profile::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), 253);
    assert!(
        err.message().contains("AWS_ENDPOINT_URL"),
        "{}",
        err.message()
    );
    for (env, message) in [
        (
            env_of(&[("AWS_USE_FIPS_ENDPOINT", "yes")]),
            "The configured value \"yes\" for \"AWS_USE_FIPS_ENDPOINT\" is invalid. Valid values are: true, false.",
        ),
        (
            env_of(&[("AWS_ACCOUNT_ID_ENDPOINT_MODE", "sometimes")]),
            "The configured value \"sometimes\" for \"AWS_ACCOUNT_ID_ENDPOINT_MODE\" is invalid. Valid values are: preferred, disabled, required.",
        ),
    ] {
        let err = endpoint_settings(SDK_ID, &none, None, &env, &Profile::default()).unwrap_err();
        assert_eq!((err.code(), err.message()), (253, message));
    }
    let bad_profile = profile(&[("use_dualstack_endpoint", "1")], &[]);
    let err = endpoint_settings(SDK_ID, &none, None, &env_of(&[]), &bad_profile).unwrap_err();
    assert!(
        err.message().contains("\"use_dualstack_endpoint\""),
        "{}",
        err.message()
    );
}

#[test]
fn fips_dual_stack_and_account_settings() {
    let none = Globals::default();
    let p = profile(
        &[
            ("use_fips_endpoint", "True"),
            ("use_dualstack_endpoint", "false"),
            ("aws_account_id", "111122223333"),
        ],
        &[],
    );
    let chosen = endpoint_settings(SDK_ID, &none, Some("us-gov-west-1"), &env_of(&[]), &p).unwrap();
    assert_eq!(
        chosen.settings,
        EndpointSettings {
            region: Some("us-gov-west-1".into()),
            use_fips: true,
            use_dual_stack: false,
            endpoint_url: None,
            account_id: Some("111122223333".into()),
            account_id_endpoint_mode: None,
        }
    );
    assert!(chosen
        .sources
        .contains(&("use_fips", "use_fips_endpoint in profile p".to_owned())));
    // The environment outranks the profile.
    let env = env_of(&[
        ("AWS_USE_FIPS_ENDPOINT", "false"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE"),
        ("AWS_ACCOUNT_ID", "444455556666"),
    ]);
    let chosen = endpoint_settings(SDK_ID, &none, None, &env, &p).unwrap();
    let s = &chosen.settings;
    assert_eq!(
        (s.use_fips, s.use_dual_stack, s.account_id.as_deref()),
        (false, true, Some("444455556666"))
    );
    // With the mode `disabled` the account ID is not given to the rules.
    let env = env_of(&[("AWS_ACCOUNT_ID_ENDPOINT_MODE", "Disabled")]);
    let chosen = endpoint_settings(SDK_ID, &none, None, &env, &p).unwrap();
    assert_eq!(
        (
            chosen.settings.account_id,
            chosen.settings.account_id_endpoint_mode.as_deref()
        ),
        (None, Some("disabled"))
    );
    let nothing =
        endpoint_settings(SDK_ID, &none, None, &env_of(&[]), &Profile::default()).unwrap();
    assert_eq!(nothing.settings, EndpointSettings::default());
    assert!(nothing.sources.is_empty());
}
