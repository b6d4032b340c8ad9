//! `run()` against a loopback server: requests on the wire, results, errors, retries, timeouts, signing.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{run, shared, Reply, Server, SIGNED_ENV};

const SHORTHAND_SETUP: &str = "associateInProgressToken=tok-123,\
    phoneNumbers=[{id=phone-number-id-01234567890123456789012345678901,twoFactorPin=123456,\
    dataLocalizationRegion=DE,tags=[{key=team,value=support}]}],\
    waba={id=waba-01234567890123456789012345678901,\
    eventDestinations=[{eventDestinationArn=arn:aws:sns:us-east-1:123456789012:events}],tags=[{key=env,value=prod}]}";

fn ok_body() -> String {
    let canned: Value = serde_json::from_str(&shared("wire/responses/ok-200.json")).unwrap();
    canned["body"].as_str().unwrap().to_owned()
}

#[test]
fn success_prints_the_output_as_json() {
    let server = Server::start(vec![Reply::json(200, &ok_body())]);
    let out = run(
        &[
            "create-thing",
            "--endpoint-url",
            &server.url,
            "--signup-callback",
            "accessToken=EAAG-token",
        ],
        SIGNED_ENV,
    );
    let seen = server.finish();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(printed, serde_json::from_str::<Value>(&ok_body()).unwrap());
    assert!(out.stdout.starts_with(
        "{\n    \"signupCallbackResult\": {\n        \"associateInProgressToken\": \"t\",\n"
    ));
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", "/v1/thing")
    );
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(
        seen[0].json(),
        json!({"signupCallback": {"accessToken": "EAAG-token"}})
    );
}

#[test]
fn shorthand_arrives_as_the_same_json_the_aws_cli_sends() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let out = run(
        &[
            "create-thing",
            "--endpoint-url",
            &server.url,
            "--signup-callback",
            "accessToken=EAAG-token",
            "--setup-finalization",
            SHORTHAND_SETUP,
        ],
        SIGNED_ENV,
    );
    let seen = server.finish();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    let typical: Value = serde_json::from_str(&shared("wire/input-typical.json")).unwrap();
    assert_eq!(seen[0].json(), typical);
    let awscli: Value = serde_json::from_str(&shared("wire/request-awscli.json")).unwrap();
    assert_eq!(seen[0].json(), awscli["body"]);
}

#[test]
fn signed_requests_carry_the_credential_scope_and_unsigned_ones_no_authorization() {
    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]);
    let signed = run(
        &[
            "create-thing",
            "--endpoint-url",
            &server.url,
            "--count",
            "1",
        ],
        SIGNED_ENV,
    );
    let unsigned = run(
        &[
            "create-thing",
            "--endpoint-url",
            &server.url,
            "--no-sign-request",
        ],
        &[],
    );
    let seen = server.finish();
    assert_eq!(
        (signed.code, unsigned.code),
        (0, 0),
        "{} {}",
        signed.stderr,
        unsigned.stderr
    );

    let date = seen[0].header("x-amz-date").expect("x-amz-date");
    let authorization = seen[0].header("authorization").expect("authorization");
    let scope = format!(
        "Credential=AKID/{}/us-east-1/thing-signing/aws4_request",
        &date[..8]
    );
    assert!(
        authorization.starts_with(&format!("AWS4-HMAC-SHA256 {scope}, ")),
        "{authorization}"
    );
    // The same signed headers as the AWS CLI's capture.
    let awscli: Value = serde_json::from_str(&shared("wire/request-awscli.json")).unwrap();
    let signed_headers = format!(
        "SignedHeaders={}, ",
        awscli["signed_headers"].as_str().unwrap()
    );
    assert!(authorization.contains(&signed_headers), "{authorization}");

    assert!(seen[1].header("authorization").is_none());
    assert!(seen[1].header("x-amz-date").is_none());
}

#[test]
fn session_tokens_are_sent() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let mut env = SIGNED_ENV.to_vec();
    env.push(("AWS_SESSION_TOKEN", "SESSIONTOKEN"));
    let out = run(&["create-thing", "--endpoint-url", &server.url], &env);
    let seen = server.finish();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(seen[0].header("x-amz-security-token"), Some("SESSIONTOKEN"));
}

#[test]
fn service_errors_exit_254_with_the_aws_cli_message() {
    let server = Server::start(vec![Reply::error(400, "ValidationException")]);
    let out = run(&["create-thing", "--endpoint-url", &server.url], SIGNED_ENV);
    let seen = server.finish();
    assert_eq!(out.code, 254);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "An error occurred (ValidationException) when calling the CreateThing operation: bad things\n");
    assert_eq!(seen.len(), 1);
}

#[test]
fn server_errors_are_retried_until_success() {
    let server = Server::start(vec![
        Reply::error(503, "ServiceUnavailable"),
        Reply::error(503, "ServiceUnavailable"),
        Reply::json(200, r#"{"statusCode":200}"#),
    ]);
    let out = run(&["create-thing", "--endpoint-url", &server.url], SIGNED_ENV);
    let seen = server.finish();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(out.stdout, "{\n    \"statusCode\": 200\n}\n");
    assert_eq!(seen.len(), 3);
    // Each attempt is signed anew.
    assert!(seen.iter().all(|r| r.header("authorization").is_some()));
}

#[test]
fn max_attempts_from_the_environment() {
    let server = Server::start(vec![Reply::error(503, "ServiceUnavailable")]);
    let mut env = SIGNED_ENV.to_vec();
    env.push(("AWS_MAX_ATTEMPTS", "1"));
    let out = run(&["create-thing", "--endpoint-url", &server.url], &env);
    let seen = server.finish();
    assert_eq!(out.code, 254);
    assert_eq!(
        out.stderr,
        "An error occurred (ServiceUnavailable) when calling the CreateThing operation (reached max retries: 0): bad things\n"
    );
    assert_eq!(seen.len(), 1);
}

#[test]
fn invalid_max_attempts_is_a_configuration_error() {
    let mut env = SIGNED_ENV.to_vec();
    env.push(("AWS_MAX_ATTEMPTS", "lots"));
    let out = run(
        &["create-thing", "--endpoint-url", "http://127.0.0.1:9"],
        &env,
    );
    // botocore's InvalidMaxRetryAttemptsError; a configuration error, as a bad region or profile is.
    assert_eq!(out.code, 253);
    assert!(
        out.stderr.contains(
            "Value provided to \"max_attempts\": lots must be an integer greater than or equal to 1."
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn read_timeout_exits_255() {
    let mut slow = Reply::json(200, "{}");
    slow.delay = Duration::from_millis(2500);
    let server = Server::start(vec![slow]);
    let mut env = SIGNED_ENV.to_vec();
    env.push(("AWS_MAX_ATTEMPTS", "1"));
    let started = std::time::Instant::now();
    let out = run(
        &[
            "create-thing",
            "--endpoint-url",
            &server.url,
            "--cli-read-timeout",
            "1",
        ],
        &env,
    );
    let elapsed = started.elapsed();
    let url = server.url.clone();
    server.finish();
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        format!("Read timeout on endpoint URL: \"{url}/v1/thing\"\n")
    );
    assert!(elapsed < Duration::from_millis(2400), "{elapsed:?}");
}

#[test]
fn connection_refused_exits_255_after_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = run(&["create-thing", "--endpoint-url", &url], SIGNED_ENV);
    assert_eq!(out.code, 255);
    assert!(
        out.stderr.starts_with(&format!(
            "Could not connect to the endpoint URL: \"{url}/v1/thing\""
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn malformed_responses_exit_255() {
    let server = Server::start(vec![Reply::json(200, "{not json")]);
    let out = run(&["create-thing", "--endpoint-url", &server.url], SIGNED_ENV);
    server.finish();
    assert_eq!(out.code, 255);
    assert!(
        out.stderr.starts_with(
            "Unable to parse the response of the CreateThing operation (HTTP 200): invalid JSON"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn cli_input_json_with_options_over_it() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let input = r#"{"count": 1, "signupCallback": {"accessToken": "from-json"}, "dryRun": false}"#;
    let out = run(
        &[
            "create-thing",
            "--endpoint-url",
            &server.url,
            "--cli-input-json",
            input,
            "--count",
            "7",
            "--dry-run",
        ],
        SIGNED_ENV,
    );
    let seen = server.finish();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        seen[0].json(),
        json!({"count": 7, "signupCallback": {"accessToken": "from-json"}, "dryRun": true})
    );
}

#[test]
fn query_and_output_formats() {
    let replies = (0..4).map(|_| Reply::json(200, &ok_body())).collect();
    let server = Server::start(replies);
    let base = [
        "create-thing",
        "--endpoint-url",
        server.url.as_str(),
        "--no-sign-request",
    ];
    let query = "signupCallbackResult.linkedAccountsWithIncompleteSetup.*.unregisteredWhatsAppPhoneNumbers[][phoneNumber, qualityRating][]";
    let text = run(
        &[&base[..], &["--output", "text", "--query", query]].concat(),
        &[],
    );
    let json = run(&[&base[..], &["--query", "statusCode"]].concat(), &[]);
    let yaml = run(&[&base[..], &["--output", "yaml"]].concat(), &[]);
    let table = run(
        &[
            &base[..],
            &["--output", "table", "--query", "signupCallbackResult"],
        ]
        .concat(),
        &[],
    );
    server.finish();
    assert_eq!(
        (text.code, text.stdout.as_str()),
        (0, "+15550100\tGREEN\n"),
        "{}",
        text.stderr
    );
    assert_eq!(json.stdout, "200\n");
    assert!(
        yaml.stdout.starts_with(
            "signupCallbackResult:\n  associateInProgressToken: t\n  linkedAccountsWithIncompleteSetup:\n    waba-1:\n"
        ),
        "{}",
        yaml.stdout
    );
    assert!(
        yaml.stdout
            .contains("\n      - arn: arn:x\n        phoneNumber: '+15550100'\n"),
        "{}",
        yaml.stdout
    );
    assert!(
        yaml.stdout.ends_with("statusCode: 200\n"),
        "{}",
        yaml.stdout
    );
    assert!(table.stdout.starts_with("+-"), "{}", table.stdout);
    assert!(
        table.stdout.contains("|  CreateThing  ") || table.stdout.contains("CreateThing"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("| associateInProgressToken | t"),
        "{}",
        table.stdout
    );
}

/// Records when the `--debug` line of the request was written.
struct Timed {
    text: Vec<u8>,
    request_seen: Option<std::time::Instant>,
}

impl std::io::Write for Timed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(buf);
        if self.request_seen.is_none()
            && String::from_utf8_lossy(&self.text).contains("request: POST")
        {
            self.request_seen = Some(std::time::Instant::now());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn debug_shows_the_request_while_the_response_is_awaited() {
    let mut reply = Reply::json(200, "{}");
    reply.delay = Duration::from_millis(1500);
    let server = Server::start(vec![reply]);
    let args: Vec<String> = ["create-thing", "--endpoint-url", &server.url, "--debug"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let env = |name: &str| match name {
        "AWS_EC2_METADATA_DISABLED" => Some("true".to_owned()),
        _ => SIGNED_ENV
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string()),
    };
    let mut stdout = Vec::new();
    let mut stderr = Timed {
        text: Vec::new(),
        request_seen: None,
    };
    let code = smithy_cli_runtime::run(&support::SERVICE, &args, &env, &mut stdout, &mut stderr);
    let done = std::time::Instant::now();
    server.finish();
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr.text));
    let seen = stderr.request_seen.expect("the request is logged");
    assert!(
        done - seen >= Duration::from_millis(1000),
        "the request was logged only {:?} before the end",
        done - seen
    );
}
