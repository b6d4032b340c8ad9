//! `run()` for what happens before and around the request: help, skeletons, usage and configuration errors,
//! `--debug` redaction, and the canned service responses of the reference captures.

mod support;

use serde_json::{json, Value};
use support::{run, shared, Reply, Server, SIGNED_ENV};

#[test]
fn skeleton_of_the_input_without_sending() {
    let out = run(&["create-thing", "--generate-cli-skeleton"], &[]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let skeleton: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        skeleton,
        json!({
            "signupCallback": {"accessToken": ""},
            "setupFinalization": {
                "associateInProgressToken": "",
                "phoneNumbers": [{"id": "", "twoFactorPin": "", "dataLocalizationRegion": "", "tags": [{"key": "", "value": ""}]}],
                "phoneNumberParent": "",
                "waba": {"id": "", "eventDestinations": [{"eventDestinationArn": ""}], "tags": [{"key": "", "value": ""}]}
            },
            "count": 0,
            "dryRun": false,
            "node": {"name": "", "children": [{}]}
        })
    );
    assert!(out
        .stdout
        .starts_with("{\n    \"signupCallback\": {\n        \"accessToken\": \"\"\n    },\n"));
}

#[test]
fn skeleton_of_the_output_and_as_yaml() {
    let out = run(&["create-thing", "--generate-cli-skeleton", "output"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let skeleton: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        skeleton["signupCallbackResult"]["linkedAccountsWithIncompleteSetup"]["KeyName"]
            ["registrationStatus"],
        "COMPLETE"
    );
    let out = run(
        &[
            "create-thing",
            "--generate-cli-skeleton",
            "output",
            "--count",
            "-1",
        ],
        &[],
    );
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (252, "count: must be 0 or more\nthe second problem\n")
    );
    let out = run(
        &["create-thing", "--generate-cli-skeleton", "yaml-input"],
        &[],
    );
    assert!(
        out.stdout
            .starts_with("signupCallback:\n  accessToken: ''\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn help_lists_operations_and_options() {
    let out = run(&["help"], &[]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("  create-thing\n      Creates a thing.\n"),
        "{}",
        out.stdout
    );
    let out = run(&["create-thing", "help"], &[]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("--setup-finalization (structure)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("[--dry-run | --no-dry-run]"),
        "{}",
        out.stdout
    );
}

#[test]
fn usage_errors_exit_252() {
    let out = run(&["delete-thing"], &[]);
    assert_eq!(out.code, 252);
    assert!(
        out.stderr
            .starts_with("usage: thing <operation> [options]\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("thing: error: argument operation: Invalid choice 'delete-thing'"),
        "{}",
        out.stderr
    );

    let out = run(&["create-thing", "--bogus", "1"], SIGNED_ENV);
    assert_eq!(out.code, 252);
    assert!(
        out.stderr
            .ends_with("thing: error: Unknown options: --bogus, 1\n"),
        "{}",
        out.stderr
    );

    let out = run(&[], &[]);
    assert_eq!(out.code, 252);
    assert!(out
        .stderr
        .contains("the following arguments are required: operation"));
}

#[test]
fn every_bad_value_is_reported_with_its_position() {
    let out = run(
        &[
            "create-thing",
            "--signup-callback",
            "accessToken",
            "--count",
            "ten",
            "--setup-finalization",
            "waba={id=x",
        ],
        SIGNED_ENV,
    );
    assert_eq!(out.code, 252);
    assert_eq!(
        out.stderr,
        // Both structures can hold sensitive members, so their text is never repeated.
        "Error parsing parameter '--signup-callback': expected '=' after '***', found the end of the input \
         (at character 12):\n  ***\n             ^\n\
         Error parsing parameter '--count': expected an integer from -2147483648 to 2147483647, found 'ten'\n\
         Error parsing parameter '--setup-finalization': expected ',' or '}' after a member, found the end of the \
         input (at character 11):\n  ***\n            ^\n"
    );
}

#[test]
fn invalid_input_from_the_request_builder_exits_252() {
    let out = run(
        &[
            "create-thing",
            "--count",
            "-3",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ],
        SIGNED_ENV,
    );
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (252, "count: must be 0 or more\nthe second problem\n")
    );
    let out = run(
        &["create-thing", "--cli-input-json", r#"{"bogus": 1}"#],
        SIGNED_ENV,
    );
    assert_eq!(out.code, 252);
    assert!(
        out.stderr.contains("Unknown parameter in input: \"bogus\""),
        "{}",
        out.stderr
    );
    let out = run(&["create-thing", "--cli-input-json", "{"], SIGNED_ENV);
    assert_eq!(out.code, 252);
    assert!(
        out.stderr
            .starts_with("Error parsing parameter '--cli-input-json': Invalid JSON"),
        "{}",
        out.stderr
    );
    let out = run(
        &[
            "create-thing",
            "--query",
            "a[",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ],
        SIGNED_ENV,
    );
    assert_eq!(out.code, 252);
    assert!(
        out.stderr.starts_with("Bad value for --query a["),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_credentials_or_region_exit_253() {
    let out = run(&["create-thing"], &[("AWS_REGION", "us-east-1")]);
    assert_eq!(out.code, 253);
    assert!(
        out.stderr.starts_with("Unable to locate credentials"),
        "{}",
        out.stderr
    );
    let out = run(
        &["create-thing"],
        &[("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "S")],
    );
    assert_eq!(out.code, 253);
    assert!(
        out.stderr.starts_with("You must specify a region"),
        "{}",
        out.stderr
    );
    let out = run(
        &["create-thing", "--endpoint-url", "http://127.0.0.1:9"],
        &[("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "S")],
    );
    assert_eq!(
        out.code, 253,
        "signing needs a region even with --endpoint-url"
    );
}

#[test]
fn debug_masks_secrets_at_any_depth() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"signupCallbackResult":{"associateInProgressToken":"RESULT-SECRET"},"statusCode":200}"#,
    )]);
    let mut env = SIGNED_ENV.to_vec();
    env.push(("AWS_SESSION_TOKEN", "SESSION-SECRET"));
    let out = run(
        &[
            "create-thing",
            "--debug",
            "--endpoint-url",
            &server.url,
            "--signup-callback",
            "accessToken=EAAG-token",
            "--setup-finalization",
            "phoneNumbers=[{id=p1,twoFactorPin=987654}]",
        ],
        &env,
    );
    server.finish();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let log = &out.stderr;
    for secret in [
        "EAAG-token",
        "987654",
        "RESULT-SECRET",
        "SESSION-SECRET",
        "SECRETKEYVALUE",
        "Signature=",
    ] {
        assert!(!log.contains(secret), "{secret} leaked:\n{log}");
    }
    assert!(log.contains("[debug] request: POST "), "{log}");
    assert!(
        log.contains(r#""signupCallback":{"accessToken":"***"}"#),
        "{log}"
    );
    assert!(log.contains(r#""twoFactorPin":"***""#), "{log}");
    assert!(log.contains(r#""id":"p1""#), "{log}");
    assert!(log.contains("[debug]   authorization: ***"), "{log}");
    assert!(log.contains("[debug]   x-amz-security-token: ***"), "{log}");
    assert!(log.contains("[debug] response: 200 OK"), "{log}");
    assert!(log.contains(r#""associateInProgressToken":"***""#), "{log}");
    // The output itself is not masked.
    assert!(out.stdout.contains("RESULT-SECRET"));
}

/// Each canned response of the reference captures: the exit code, the message, and whether it was retried
/// (boto3 retried the 502 and the 429; our default is 3 attempts).
#[test]
fn canned_error_responses() {
    for case in [
        "access-denied-403",
        "dependency-502",
        "invalid-parameters-400",
        "throttled-429",
        "unknown-error-400",
        "validation-400",
    ] {
        let canned: Value =
            serde_json::from_str(&shared(&format!("wire/responses/{case}.json"))).unwrap();
        let boto3 = canned["boto3"].as_str().unwrap();
        let boto3_retries: u32 = boto3.rsplit(' ').next().unwrap().parse().unwrap();
        let reply = || Reply {
            status: canned["status"].as_u64().unwrap() as u16,
            headers: canned["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
            body: canned["body"].as_str().unwrap().to_owned(),
            delay: std::time::Duration::ZERO,
        };
        let expected_attempts = if boto3_retries > 0 { 3 } else { 1 };
        let server = Server::start((0..expected_attempts).map(|_| reply()).collect());
        let out = run(&["create-thing", "--endpoint-url", &server.url], SIGNED_ENV);
        let seen = server.finish();
        let code = canned["headers"]["x-amzn-errortype"].as_str().unwrap();
        let retries = if expected_attempts > 1 {
            " (reached max retries: 2)"
        } else {
            ""
        };
        assert_eq!(out.code, 254, "{case}");
        assert_eq!(
            out.stderr,
            format!("An error occurred ({code}) when calling the CreateThing operation{retries}: bad things\n"),
            "{case}"
        );
        assert_eq!(seen.len(), expected_attempts, "{case}");
    }
}
