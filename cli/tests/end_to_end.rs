//! End-to-end tests of the real `socialmessaging` binary against a loopback HTTP server of our own: what goes on
//! the wire, what comes out on stdout and stderr, exit codes, retries, timeouts, and an independent SigV4 check.
//!
//! Reference data (the typical input, the AWS CLI's request, canned responses) comes from `../shared/wire/`.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support::{call, call_at, run, Canned, Outcome, Received, Reply, Server};

const OPERATION_NAME: &str = "AssociateWhatsAppBusinessAccount";
const PATH: &str = "/v1/whatsapp/signup";
const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const CREDENTIALS: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
    ("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
];

// ---------------------------------------------------------------------------------------------------------------
// Reference data

/// `../shared` beside the repository; the tests cannot say anything without it.
fn shared_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    assert!(
        dir.join("wire").is_dir(),
        "MISSING REFERENCE DATA: {} (with wire/) must exist beside the repository for these tests",
        dir.display()
    );
    dir.canonicalize()
        .unwrap_or_else(|e| panic!("cannot resolve {}: {e}", dir.display()))
}

fn shared_file(relative: &str) -> PathBuf {
    let path = shared_dir().join(relative);
    assert!(path.is_file(), "MISSING REFERENCE FILE: {}", path.display());
    path
}

fn shared_json(relative: &str) -> Value {
    let path = shared_file(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// `--cli-input-json file://...` of the typical input.
fn typical_input_arg() -> String {
    format!(
        "file://{}",
        shared_file("wire/input-typical.json").display()
    )
}

fn typical_input() -> Value {
    shared_json("wire/input-typical.json")
}

impl Canned {
    /// A canned HTTP response from `wire/responses/<case>.json`.
    fn load(case: &str) -> Canned {
        let value = shared_json(&format!("wire/responses/{case}.json"));
        let status = value["status"]
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or_else(|| panic!("{case}: no status"));
        let headers = value["headers"]
            .as_object()
            .unwrap_or_else(|| panic!("{case}: no headers"))
            .iter()
            .map(|(name, value)| {
                let value = value
                    .as_str()
                    .unwrap_or_else(|| panic!("{case}: header {name} is not a string"));
                (name.clone(), value.to_owned())
            })
            .collect();
        let body = value["body"]
            .as_str()
            .unwrap_or_else(|| panic!("{case}: no body"))
            .to_owned();
        Canned {
            status,
            headers,
            body,
        }
    }
}

fn with_env<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    CREDENTIALS.iter().chain(extra).copied().collect()
}

/// JSON as the AWS CLI prints it: 4-space indent, members in order.
fn pretty4(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(value, &mut serializer).expect("serialize");
    String::from_utf8(out).expect("UTF-8")
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Success

#[test]
fn typical_input_file_is_sent_as_the_aws_cli_sends_it_and_the_response_printed_as_json() {
    let ok = Canned::load("ok-200");
    let server = Server::answering(ok.clone());
    let out = run(
        &call(&server, &["--cli-input-json", &typical_input_arg()]),
        CREDENTIALS,
    );
    let seen = server.finish();

    out.assert_code(0);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout_json(), ok.body_json());
    assert_eq!(out.stdout, format!("{}\n", pretty4(&ok.body_json())));

    let request = seen.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, PATH);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("content-length"),
        Some(request.body.len().to_string().as_str())
    );
    let awscli = shared_json("wire/request-awscli.json");
    assert_eq!(awscli["method"], "POST");
    assert_eq!(awscli["path"], PATH);
    assert_eq!(request.json(), awscli["body"]);
    assert_eq!(request.json(), typical_input());
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Errors and retries

fn error_cases() -> Vec<String> {
    let dir = shared_dir().join("wire/responses");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|case| case != "ok-200")
        .collect();
    cases.sort();
    for known in [
        "access-denied-403",
        "dependency-502",
        "invalid-parameters-400",
        "throttled-429",
        "unknown-error-400",
        "validation-400",
    ] {
        assert!(
            cases.iter().any(|c| c == known),
            "{known} missing from {}",
            dir.display()
        );
    }
    cases
}

/// Runs one error case; returns what was wrong, if anything.
fn check_error_case(case: &str, max_attempts: Option<&str>) -> Vec<String> {
    let canned = Canned::load(case);
    let code = canned
        .header("x-amzn-errortype")
        .unwrap_or_else(|| panic!("{case}: no x-amzn-errortype"))
        .to_owned();
    let retried = canned.status == 429 || canned.status >= 500;
    let attempts = match (retried, max_attempts) {
        (false, _) => 1,
        (true, None) => 3,
        (true, Some(n)) => n.parse().expect("a number"),
    };
    let retries = match retried {
        true => format!(" (reached max retries: {})", attempts - 1),
        false => String::new(),
    };
    let expected_stderr = format!(
        "An error occurred ({code}) when calling the {OPERATION_NAME} operation{retries}: bad things\n"
    );

    let server = Server::answering(canned);
    let env = match max_attempts {
        Some(n) => with_env(&[("AWS_MAX_ATTEMPTS", n)]),
        None => with_env(&[]),
    };
    let out = run(
        &call(&server, &["--cli-input-json", &typical_input_arg()]),
        &env,
    );
    let seen = server.finish();

    let label = format!("{case} (AWS_MAX_ATTEMPTS={max_attempts:?})");
    let mut problems = Vec::new();
    if out.code != Some(254) {
        problems.push(format!("{label}: exit {:?}, expected 254", out.code));
    }
    if out.stderr != expected_stderr {
        problems.push(format!(
            "{label}: stderr {:?}, expected {expected_stderr:?}",
            out.stderr
        ));
    }
    if !out.stdout.is_empty() {
        problems.push(format!(
            "{label}: stdout {:?}, expected nothing",
            out.stdout
        ));
    }
    if seen.requests.len() != attempts {
        problems.push(format!(
            "{label}: {} attempts, expected {attempts}",
            seen.requests.len()
        ));
    }
    for (n, request) in seen.requests.iter().enumerate() {
        let same = request.method == "POST"
            && request.target == PATH
            && request.json() == typical_input()
            && request.header("authorization").is_some()
            && request.header("x-amz-date").is_some();
        if !same {
            problems.push(format!(
                "{label}: attempt {} is not the same signed request: {request:?}",
                n + 1
            ));
        }
    }
    problems
}

#[test]
fn every_error_response_exits_254_and_only_throttling_and_5xx_are_retried() {
    let mut problems = Vec::new();
    for case in error_cases() {
        problems.extend(check_error_case(&case, None));
        problems.extend(check_error_case(&case, Some("2")));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Shorthand and --cli-input-json overrides

#[test]
fn shorthand_options_arrive_as_typed_json() {
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(
        &call(
            &server,
            &[
                "--signup-callback",
                "accessToken=abc",
                "--setup-finalization",
                "associateInProgressToken=t,phoneNumbers=[{id=p1,twoFactorPin=123456,tags=[{key=k,value=v}]}]",
            ],
        ),
        CREDENTIALS,
    );
    let seen = server.finish();
    out.assert_code(0);
    assert_eq!(
        seen.only_request().json(),
        json!({
            "signupCallback": {"accessToken": "abc"},
            "setupFinalization": {
                "associateInProgressToken": "t",
                // A string member: the digits stay a string.
                "phoneNumbers": [{"id": "p1", "twoFactorPin": "123456", "tags": [{"key": "k", "value": "v"}]}]
            }
        })
    );
}

#[test]
fn options_replace_the_top_level_members_of_cli_input_json() {
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(
        &call(
            &server,
            &[
                "--cli-input-json",
                &typical_input_arg(),
                "--setup-finalization",
                "associateInProgressToken=other,phoneNumbers=[{id=p2,twoFactorPin=000000}],phoneNumberParent=waba-1",
            ],
        ),
        CREDENTIALS,
    );
    let seen = server.finish();
    out.assert_code(0);
    let mut expected = typical_input();
    expected["setupFinalization"] = json!({
        "associateInProgressToken": "other",
        "phoneNumbers": [{"id": "p2", "twoFactorPin": "000000"}],
        "phoneNumberParent": "waba-1"
    });
    assert_eq!(seen.only_request().json(), expected);

    // And the other member, given as JSON this time.
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(
        &call(
            &server,
            &[
                "--signup-callback",
                r#"{"accessToken": "from-option"}"#,
                "--cli-input-json",
                &typical_input_arg(),
            ],
        ),
        CREDENTIALS,
    );
    let seen = server.finish();
    out.assert_code(0);
    let mut expected = typical_input();
    expected["signupCallback"] = json!({"accessToken": "from-option"});
    assert_eq!(seen.only_request().json(), expected);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Skeletons

fn input_skeleton() -> Value {
    json!({
        "signupCallback": {"accessToken": ""},
        "setupFinalization": {
            "associateInProgressToken": "",
            "phoneNumbers": [{
                "id": "",
                "twoFactorPin": "",
                "dataLocalizationRegion": "",
                "tags": [{"key": "", "value": ""}]
            }],
            "phoneNumberParent": "",
            "waba": {
                "id": "",
                "eventDestinations": [{"eventDestinationArn": ""}],
                "tags": [{"key": "", "value": ""}]
            }
        }
    })
}

#[test]
fn skeletons_print_the_shapes_and_send_nothing() {
    for kind in [None, Some("input"), Some("output"), Some("yaml-input")] {
        let server = Server::start(Reply::Never);
        let mut extra = vec!["--generate-cli-skeleton"];
        extra.extend(kind);
        let out = run(&call(&server, &extra), CREDENTIALS);
        let seen = server.finish();
        out.assert_code(0);
        assert_eq!(out.stderr, "", "{kind:?}");
        seen.assert_nothing();
        match kind {
            None | Some("input") => {
                assert_eq!(out.stdout_json(), input_skeleton(), "{kind:?}");
                assert!(out
                    .stdout
                    .starts_with("{\n    \"signupCallback\": {\n        \"accessToken\": \"\"\n"));
            }
            Some("output") => {
                let skeleton = out.stdout_json();
                assert_eq!(skeleton["statusCode"], 0);
                let result = &skeleton["signupCallbackResult"];
                assert_eq!(result["associateInProgressToken"], "");
                let account = &result["linkedAccountsWithIncompleteSetup"]["KeyName"];
                assert_eq!(account["accountName"], "");
                assert!(account["registrationStatus"].is_string());
                let phone = &account["unregisteredWhatsAppPhoneNumbers"][0];
                for member in [
                    "arn",
                    "phoneNumber",
                    "phoneNumberId",
                    "metaPhoneNumberId",
                    "displayPhoneNumberName",
                    "displayPhoneNumber",
                    "qualityRating",
                ] {
                    assert_eq!(phone[member], "", "{member} in {skeleton:#}");
                }
            }
            _ => {
                for line in [
                    "signupCallback:",
                    "  accessToken: ''",
                    "setupFinalization:",
                    "  phoneNumbers:",
                    "    twoFactorPin: ''",
                    "    - eventDestinationArn: ''",
                ] {
                    assert!(
                        out.stdout.lines().any(|l| l == line),
                        "{line:?} in\n{}",
                        out.stdout
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Bad parameters

#[test]
fn bad_parameters_exit_252_and_send_nothing() {
    // What is wrong, the arguments, and a piece of the error message that must name the culprit.
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "unknown option",
            &["--no-such-option", "x"],
            "--no-such-option",
        ),
        (
            "malformed JSON option",
            &["--signup-callback", r#"{"accessToken": "#],
            "--signup-callback",
        ),
        (
            "malformed --cli-input-json",
            &["--cli-input-json", r#"{"signupCallback": {"#],
            "--cli-input-json",
        ),
        (
            "malformed shorthand",
            &[
                "--setup-finalization",
                "associateInProgressToken=t,phoneNumbers=[{id=p1",
            ],
            "--setup-finalization",
        ),
        (
            "shorthand key without a value",
            &["--signup-callback", "accessToken"],
            "--signup-callback",
        ),
        (
            "option without its value",
            &["--signup-callback"],
            "--signup-callback",
        ),
    ];
    let mut problems = Vec::new();
    for (what, extra, culprit) in cases {
        let server = Server::start(Reply::Never);
        let out = run(&call(&server, extra), CREDENTIALS);
        let seen = server.finish();
        if out.code != Some(252) || !out.stderr.contains(culprit) || !out.stdout.is_empty() {
            problems.push(format!("{what}: {out:?}"));
        }
        if seen.connections != 0 {
            problems.push(format!("{what}: sent something: {seen:?}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The issue's document: the AWS CLI lists five problems at once.
const BAD_DOCUMENT: &str = r#"{"signupCallback":{"accessToken":"a"},"setupFinalization":{"associateInProgressToken":5,
 "phoneNumbers":[{"tags":[{"value":"v"}]}],"waba":{"x":1}}}"#;

#[test]
fn every_problem_of_an_input_document_is_reported_at_once() {
    // As the AWS CLI reports it, line for line, except that the in-progress token is @sensitive (its value is
    // not shown) and types are JSON's, not Python's.
    let expected = "Parameter validation failed:\n\
        Invalid type for parameter setupFinalization.associateInProgressToken, value: <sensitive>, type: integer, valid types: string\n\
        Missing required parameter in setupFinalization.phoneNumbers[0]: \"id\"\n\
        Missing required parameter in setupFinalization.phoneNumbers[0]: \"twoFactorPin\"\n\
        Missing required parameter in setupFinalization.phoneNumbers[0].tags[0]: \"key\"\n\
        Unknown parameter in setupFinalization.waba: \"x\", must be one of: id, eventDestinations, tags\n";
    let file = std::env::temp_dir().join(format!("bad-input-{}.json", std::process::id()));
    std::fs::write(&file, BAD_DOCUMENT).unwrap();
    let from_file = format!("file://{}", file.display());
    for document in [BAD_DOCUMENT, from_file.as_str()] {
        // Checked before anything else: no credentials are needed to hear about it.
        for env in [CREDENTIALS, &[][..]] {
            let server = Server::start(Reply::Never);
            let out = run(&call(&server, &["--cli-input-json", document]), env);
            server.finish().assert_nothing();
            out.assert_code(252);
            assert_eq!(out.stderr, expected);
            assert_eq!(out.stdout, "");
        }
    }
    let _ = std::fs::remove_file(&file);
}

#[test]
fn the_document_merged_from_options_is_checked_as_one() {
    // `--cli-input-json` gives part, a JSON option value the rest; an option overrides the document's member.
    let server = Server::start(Reply::Never);
    let out = run(
        &call(
            &server,
            &[
                "--cli-input-json",
                r#"{"signupCallback": {"accessToken": "a"}, "setupFinalization": {"phoneNumbers": []}, "bogus": 1}"#,
                "--setup-finalization",
                r#"{"associateInProgressToken": "tok", "phoneNumbers": [{"id": "p", "twoFactorPin": "1234567"}, {"id": 5}]}"#,
            ],
        ),
        CREDENTIALS,
    );
    server.finish().assert_nothing();
    out.assert_code(252);
    assert_eq!(
        out.stderr,
        "Parameter validation failed:\n\
         Unknown parameter in input: \"bogus\", must be one of: signupCallback, setupFinalization\n\
         Missing required parameter in setupFinalization.phoneNumbers[1]: \"twoFactorPin\"\n\
         Invalid type for parameter setupFinalization.phoneNumbers[1].id, value: 5, type: integer, valid types: string\n"
    );
    // With the structure right, the constraints: every violation, never the sensitive PIN.
    let server = Server::start(Reply::Never);
    let out = run(
        &call(
            &server,
            &[
                "--signup-callback",
                "accessToken=a",
                "--setup-finalization",
                "associateInProgressToken=tok,phoneNumbers=[{id=p,twoFactorPin=1234567,tags=[{key=,value=v}]}]",
            ],
        ),
        CREDENTIALS,
    );
    server.finish().assert_nothing();
    out.assert_code(252);
    assert_eq!(
        out.stderr,
        "Parameter validation failed:\n\
         Invalid value for parameter setupFinalization.phoneNumbers[0].twoFactorPin: length must be between 1 and 6\n\
         Invalid value for parameter setupFinalization.phoneNumbers[0].tags[0].key: length must be between 1 and 128\n"
    );
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Timeouts and refused connections

#[test]
fn a_server_that_never_answers_is_a_read_timeout_exit_255() {
    let server = Server::start(Reply::Never);
    let out = run(
        &call(
            &server,
            &[
                "--cli-read-timeout",
                "1",
                "--cli-input-json",
                &typical_input_arg(),
            ],
        ),
        CREDENTIALS,
    );
    let url = server.url();
    let seen = server.finish();
    out.assert_code(255);
    assert!(out.stdout.is_empty());
    assert_eq!(
        out.stderr,
        format!("Read timeout on endpoint URL: \"{url}{PATH}\"\n")
    );
    // Timeouts are retried: 3 attempts of 1 s each, plus at most 0.75 s of backoff.
    assert_eq!(seen.requests.len(), 3, "{seen:?}");
    assert!(
        out.elapsed >= Duration::from_secs(3) && out.elapsed < Duration::from_secs(8),
        "took {:?}",
        out.elapsed
    );
}

#[test]
fn a_refused_connection_exits_255() {
    let port = {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        listener.local_addr().expect("address").port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let out = run(
        &call_at(&url, &["--cli-input-json", &typical_input_arg()]),
        CREDENTIALS,
    );
    out.assert_code(255);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.starts_with(&format!(
            "Could not connect to the endpoint URL: \"{url}{PATH}\""
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.elapsed < Duration::from_secs(5),
        "took {:?}",
        out.elapsed
    );
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Signing, checked by an independent SigV4 implementation

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// RFC 3986 encoding of one path segment (unreserved characters kept).
fn encode_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The parts of `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.
struct Authorization {
    credential: String,
    signed_headers: String,
    signature: String,
}

fn parse_authorization(value: &str) -> Authorization {
    let rest = value
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .unwrap_or_else(|| panic!("not a SigV4 authorization: {value}"));
    let mut parts = std::collections::HashMap::new();
    for part in rest.split(", ") {
        let (key, value) = part
            .split_once('=')
            .unwrap_or_else(|| panic!("bad authorization part {part:?}"));
        assert!(parts.insert(key, value).is_none(), "{key} twice");
    }
    let take = |key: &str| {
        parts
            .get(key)
            .unwrap_or_else(|| panic!("no {key} in {value}"))
            .to_string()
    };
    assert_eq!(parts.len(), 3, "{value}");
    Authorization {
        credential: take("Credential"),
        signed_headers: take("SignedHeaders"),
        signature: take("Signature"),
    }
}

/// Recomputes the SigV4 signature of `request` from what was received and compares it with the one sent.
/// Returns the parsed authorization.
fn verify_sigv4(
    request: &Received,
    access_key: &str,
    secret_key: &str,
    region: &str,
    service: &str,
) -> Authorization {
    let authorization = parse_authorization(
        request
            .header("authorization")
            .expect("an authorization header"),
    );
    let amz_date = request.header("x-amz-date").expect("an x-amz-date header");
    assert!(
        amz_date.len() == 16 && amz_date.as_bytes()[8] == b'T' && amz_date.ends_with('Z'),
        "x-amz-date {amz_date}"
    );
    let date = &amz_date[..8];
    let scope = format!("{date}/{region}/{service}/aws4_request");
    assert_eq!(authorization.credential, format!("{access_key}/{scope}"));

    let names: Vec<&str> = authorization.signed_headers.split(';').collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted, "signed headers are sorted and unique");
    assert!(
        names.iter().all(|n| *n == n.to_ascii_lowercase()),
        "signed headers are lower case"
    );
    let canonical_headers: String = names
        .iter()
        .map(|name| {
            let value = request
                .header(name)
                .unwrap_or_else(|| panic!("signed header {name} was not received"));
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            format!("{name}:{value}\n")
        })
        .collect();
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    assert_eq!(query, "", "no query string expected");
    // Non-S3 services encode the (already encoded) path segments once more.
    let canonical_uri = path
        .split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/");
    let canonical_request = format!(
        "{}\n{canonical_uri}\n{query}\n{canonical_headers}\n{}\n{}",
        request.method,
        authorization.signed_headers,
        hex(&Sha256::digest(&request.body))
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let key = [date, region, service, "aws4_request"]
        .iter()
        .fold(format!("AWS4{secret_key}").into_bytes(), |key, part| {
            hmac_sha256(&key, part.as_bytes())
        });
    let expected = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
    assert_eq!(
        authorization.signature, expected,
        "signature mismatch\n--- canonical request:\n{canonical_request}\n--- string to sign:\n{string_to_sign}"
    );
    authorization
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Seconds since the epoch of an `x-amz-date` (`yyyymmddThhmmssZ`).
fn amz_date_seconds(amz_date: &str) -> i64 {
    let field = |range: std::ops::Range<usize>| -> i64 {
        amz_date[range]
            .parse()
            .unwrap_or_else(|_| panic!("x-amz-date {amz_date}"))
    };
    days_from_civil(field(0..4), field(4..6), field(6..8)) * 86_400
        + field(9..11) * 3_600
        + field(11..13) * 60
        + field(13..15)
}

/// The verifier itself, on the AWS SigV4 test suite's `get-vanilla` case.
#[test]
fn the_test_verifier_agrees_with_the_aws_test_suite() {
    let request = Received {
        method: "GET".to_owned(),
        target: "/".to_owned(),
        headers: vec![
            ("Host".to_owned(), "example.amazonaws.com".to_owned()),
            ("X-Amz-Date".to_owned(), "20150830T123600Z".to_owned()),
            (
                "Authorization".to_owned(),
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                 SignedHeaders=host;x-amz-date, \
                 Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
                    .to_owned(),
            ),
        ],
        body: Vec::new(),
    };
    verify_sigv4(&request, ACCESS_KEY, SECRET_KEY, "us-east-1", "service");
    assert_eq!(amz_date_seconds("20150830T123600Z"), 1_440_938_160);
    assert_eq!(days_from_civil(1970, 1, 1), 0);
}

fn now_seconds() -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970");
    i64::try_from(now.as_secs()).expect("seconds fit")
}

#[test]
fn requests_are_signed_with_sigv4_for_social_messaging() {
    let server = Server::answering(Canned::load("ok-200"));
    let port = server.port;
    let before = now_seconds();
    let out = run(
        &call(&server, &["--cli-input-json", &typical_input_arg()]),
        CREDENTIALS,
    );
    let after = now_seconds();
    let seen = server.finish();
    out.assert_code(0);
    let request = seen.only_request();
    let authorization = verify_sigv4(
        request,
        ACCESS_KEY,
        SECRET_KEY,
        "us-east-1",
        "social-messaging",
    );
    let signed: Vec<&str> = authorization.signed_headers.split(';').collect();
    assert!(
        signed.contains(&"host") && signed.contains(&"x-amz-date"),
        "{signed:?}"
    );
    assert_eq!(
        request.header("host"),
        Some(format!("127.0.0.1:{port}").as_str())
    );
    let signed_at = amz_date_seconds(request.header("x-amz-date").expect("x-amz-date"));
    assert!(
        (before - 1..=after + 1).contains(&signed_at),
        "signed at {signed_at}, ran from {before} to {after}"
    );
    assert!(request.header("x-amz-security-token").is_none());
}

/// cli-runtime's README promises the AWS CLI's signed headers, `content-type;host;x-amz-date` (as captured in
/// `wire/request-awscli.json`), and the AWS CLI's credential scope.
#[test]
fn signed_headers_and_scope_are_the_aws_cli_ones() {
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(
        &call(&server, &["--cli-input-json", &typical_input_arg()]),
        CREDENTIALS,
    );
    let seen = server.finish();
    out.assert_code(0);
    let request = seen.only_request();
    let authorization = parse_authorization(request.header("authorization").expect("signed"));
    let awscli = shared_json("wire/request-awscli.json");
    let awscli_scope = awscli["credential_scope"]
        .as_str()
        .expect("credential_scope");
    let date = &request.header("x-amz-date").expect("x-amz-date")[..8];
    assert_eq!(
        authorization.credential,
        format!("{ACCESS_KEY}/{date}{}", &awscli_scope[8..])
    );
    assert_eq!(authorization.signed_headers, awscli["signed_headers"]);
}

#[test]
fn a_session_token_is_sent_and_signed() {
    let server = Server::answering(Canned::load("ok-200"));
    let port = server.port;
    let token = "FwoGZXIvYXdzEXAMPLE-session-token";
    let out = run(
        &call(&server, &["--cli-input-json", &typical_input_arg()]),
        &with_env(&[("AWS_SESSION_TOKEN", token)]),
    );
    let seen = server.finish();
    out.assert_code(0);
    let request = seen.only_request();
    assert_eq!(
        request.header("host"),
        Some(format!("127.0.0.1:{port}").as_str())
    );
    assert_eq!(request.header("x-amz-security-token"), Some(token));
    let authorization = verify_sigv4(
        request,
        ACCESS_KEY,
        SECRET_KEY,
        "us-east-1",
        "social-messaging",
    );
    let signed: Vec<&str> = authorization.signed_headers.split(';').collect();
    for name in ["content-type", "host", "x-amz-date", "x-amz-security-token"] {
        assert!(signed.contains(&name), "{name} not in {signed:?}");
    }
}

#[test]
fn no_sign_request_sends_no_authorization_and_needs_no_credentials() {
    for env in [CREDENTIALS, &[]] {
        let server = Server::answering(Canned::load("ok-200"));
        let out = run(
            &call(
                &server,
                &[
                    "--no-sign-request",
                    "--cli-input-json",
                    &typical_input_arg(),
                ],
            ),
            env,
        );
        let seen = server.finish();
        out.assert_code(0);
        let request = seen.only_request();
        assert!(request.header("authorization").is_none(), "{request:?}");
        assert!(request.header("x-amz-security-token").is_none());
        assert_eq!(request.json(), typical_input());
    }
}

#[test]
fn without_credentials_nothing_is_sent_and_the_exit_is_253() {
    for env in [
        &[][..],
        &[("AWS_ACCESS_KEY_ID", ACCESS_KEY)][..],
        &[("AWS_SECRET_ACCESS_KEY", SECRET_KEY)][..],
    ] {
        let server = Server::start(Reply::Never);
        let out = run(
            &call(&server, &["--cli-input-json", &typical_input_arg()]),
            env,
        );
        server.finish().assert_nothing();
        out.assert_code(253);
        assert!(out.stdout.is_empty());
        // One key of the pair alone is botocore's PartialCredentialsError.
        let expected = match env.len() {
            0 => "Unable to locate credentials",
            _ => "Partial credentials found in env, missing: ",
        };
        assert!(out.stderr.contains(expected), "{}", out.stderr);
        assert!(!out.stderr.contains(SECRET_KEY), "{}", out.stderr);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 8. --debug

/// Fails if any secret shows in stdout or stderr, once the non-secret texts that happen to contain one (the
/// typical input's IDs and ARN hold the digits of its PIN) are taken out.
fn assert_no_secrets(out: &Outcome, secrets: &[&str], not_secret: &[&str]) {
    for (stream, text) in [("stderr", &out.stderr), ("stdout", &out.stdout)] {
        let rest = not_secret.iter().fold(text.to_string(), |text, harmless| {
            text.replace(harmless, "")
        });
        for secret in secrets {
            assert!(!rest.contains(secret), "{secret} in {stream}:\n{text}");
        }
    }
}

/// The authorization header is shown masked, and the signature sent is nowhere in stderr.
fn assert_authorization_masked(out: &Outcome, request: &Received) {
    let sent = parse_authorization(request.header("authorization").expect("signed"));
    assert!(
        !out.stderr.contains(&sent.signature),
        "signature in stderr:\n{}",
        out.stderr
    );
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.to_ascii_lowercase().contains("authorization"))
        .collect();
    assert!(
        !lines.is_empty(),
        "authorization header not shown:\n{}",
        out.stderr
    );
    for line in lines {
        assert!(!line.contains("Signature="), "{line}");
        assert!(!line.contains(ACCESS_KEY), "{line}");
        assert!(line.contains("***"), "{line}");
    }
}

#[test]
fn debug_shows_the_exchange_without_secrets() {
    let server = Server::answering(Canned::load("ok-200"));
    let url = server.url();
    let out = run(
        &call(
            &server,
            &["--debug", "--cli-input-json", &typical_input_arg()],
        ),
        CREDENTIALS,
    );
    let seen = server.finish();
    out.assert_code(0);
    let stderr = &out.stderr;

    // The request and the response are there.
    for piece in [
        format!("POST {url}{PATH}"),
        "content-type: application/json".to_owned(),
        "x-amz-date".to_owned(),
        "phone-number-id-01234567890123456789012345678901".to_owned(),
        "arn:aws:sns:us-east-1:123456789012:events".to_owned(),
        "200".to_owned(),
        "x-amzn-requestid: e2e-request-id".to_owned(),
        "+1 555 0100".to_owned(),
    ] {
        assert!(
            stderr.contains(&piece),
            "{piece:?} not in stderr:\n{stderr}"
        );
    }

    // Secrets are not, anywhere.
    assert_no_secrets(
        &out,
        &["123456", "tok-123", SECRET_KEY],
        &["01234567890123456789012345678901", "123456789012"],
    );
    assert_authorization_masked(&out, seen.only_request());
    // The sensitive member of the response body is masked too (its value, "t", is too short to search for).
    assert!(
        !stderr.contains(r#""associateInProgressToken":"t""#)
            && !stderr.contains(r#""associateInProgressToken": "t""#),
        "{stderr}"
    );
}

#[test]
fn debug_masks_secrets_given_as_shorthand_and_on_retries() {
    let (pin, token) = ("918273", "tok-zq-hidden");
    let setup =
        format!("associateInProgressToken={token},phoneNumbers=[{{id=p1,twoFactorPin={pin}}}]");
    let server = Server::answering(Canned::load("throttled-429"));
    let out = run(
        &call(
            &server,
            &[
                "--debug",
                "--signup-callback",
                "accessToken=abc",
                "--setup-finalization",
                &setup,
            ],
        ),
        &with_env(&[("AWS_MAX_ATTEMPTS", "2")]),
    );
    let seen = server.finish();
    out.assert_code(254);
    assert_eq!(seen.requests.len(), 2);
    assert_eq!(
        seen.requests[1].json()["setupFinalization"]["phoneNumbers"][0]["twoFactorPin"],
        pin
    );
    assert!(
        out.stderr.contains("ThrottledRequestException"),
        "{}",
        out.stderr
    );
    assert_no_secrets(&out, &[pin, token, SECRET_KEY], &[]);
    for request in &seen.requests {
        assert_authorization_masked(&out, request);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 9. Output formats and --query

fn ok_output(extra: &[&str]) -> Outcome {
    let server = Server::answering(Canned::load("ok-200"));
    let mut args = vec!["--cli-input-json".to_owned(), typical_input_arg()];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&call(&server, &args), CREDENTIALS);
    server.finish().only_request();
    out.assert_code(0);
    assert_eq!(out.stderr, "");
    out
}

#[test]
fn text_output() {
    let out = ok_output(&["--output", "text"]);
    // The AWS CLI's algorithm: an object's scalars on one line (keys sorted), then each nested value with its
    // key upper-cased first; a map's entries under their own keys.
    assert_eq!(
        out.stdout,
        "200\n\
         SIGNUPCALLBACKRESULT\tt\n\
         WABA-1\tAcme\tINCOMPLETE\n\
         UNREGISTEREDWHATSAPPPHONENUMBERS\tarn:x\t+1 555 0100\tAcme\tm1\t+15550100\tphone-number-id-1\tGREEN\n"
    );
}

#[test]
fn yaml_output() {
    let out = ok_output(&["--output", "yaml"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    for line in [
        "signupCallbackResult:",
        "  associateInProgressToken: t",
        "  linkedAccountsWithIncompleteSetup:",
        "    waba-1:",
        "      accountName: Acme",
        "      registrationStatus: INCOMPLETE",
        "      unregisteredWhatsAppPhoneNumbers:",
        "      - arn: arn:x",
        "        qualityRating: GREEN",
        "statusCode: 200",
    ] {
        assert!(lines.contains(&line), "{line:?} in\n{}", out.stdout);
    }
    // `+15550100` unquoted would read back as a number; `+1 555 0100` may be quoted or not.
    assert!(
        lines.contains(&"        phoneNumber: '+15550100'")
            || lines.contains(&"        phoneNumber: \"+15550100\""),
        "{}",
        out.stdout
    );
    assert!(
        ["+1 555 0100", "'+1 555 0100'", "\"+1 555 0100\""]
            .iter()
            .any(|v| lines.contains(&format!("        displayPhoneNumber: {v}").as_str())),
        "{}",
        out.stdout
    );
}

#[test]
fn table_output() {
    let out = ok_output(&["--output", "table"]);
    let text = &out.stdout;
    assert!(text.contains(OPERATION_NAME), "{text}");
    for piece in [
        "statusCode",
        "200",
        "associateInProgressToken",
        "Acme",
        "INCOMPLETE",
        "+15550100",
        "phone-number-id-1",
        "GREEN",
    ] {
        assert!(text.contains(piece), "{piece:?} in\n{text}");
    }
    // Boxed: every line is a border or a row.
    for line in text.lines() {
        assert!(
            line.starts_with('+') || line.starts_with('|') || line.starts_with('-'),
            "{line:?} in\n{text}"
        );
    }
    // One common width.
    let widths: Vec<usize> = text.lines().map(|l| l.chars().count()).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn query_selects_from_the_response() {
    let out = ok_output(&["--query", "signupCallbackResult.associateInProgressToken"]);
    assert_eq!(out.stdout, "\"t\"\n");
    let out = ok_output(&[
        "--query",
        "signupCallbackResult.associateInProgressToken",
        "--output",
        "text",
    ]);
    assert_eq!(out.stdout, "t\n");
    let out = ok_output(&["--query", "statusCode", "--output", "yaml"]);
    assert_eq!(out.stdout, "200\n");
}

// ---------------------------------------------------------------------------------------------------------------
// Profiles: the shared config and credentials files

const PROFILE_KEY: &str = "AKIDPROFILE";
const PROFILE_SECRET: &str = "profileSecretKeyThatMustNeverBePrinted";

/// A temporary HOME with `.aws/config` and `.aws/credentials`, removed at the end.
struct Home(PathBuf);

impl Home {
    fn new(tag: &str, config: &str, credentials: &str) -> Home {
        let dir =
            std::env::temp_dir().join(format!("socialmessaging-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".aws")).expect("temporary HOME");
        std::fs::write(dir.join(".aws/config"), config).expect("config");
        std::fs::write(dir.join(".aws/credentials"), credentials).expect("credentials");
        Home(dir)
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The typical call without `--region`, so that the region comes from the configuration.
fn call_without_region(server: &Server, extra: &[&str]) -> Vec<String> {
    let mut args = call(server, &[]);
    assert_eq!(args[3..5], ["--region", "us-east-1"]);
    args.drain(3..5);
    args.extend(["--cli-input-json".to_owned(), typical_input_arg()]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

/// Runs the call against a fresh server and returns the one request it received.
fn signed_request(extra: &[&str], env: &[(&str, &str)]) -> Received {
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(&call_without_region(&server, extra), env);
    let seen = server.finish();
    out.assert_code(0);
    seen.only_request().clone()
}

fn profile_home(tag: &str) -> Home {
    Home::new(
        tag,
        "[default]\nregion = us-west-1\n\n# the profile under test\n[profile p]\nregion = eu-west-2\noutput = json\n\
         s3 =\n  addressing_style = path\n",
        &format!(
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = defaultSecret\n\n\
             [p]\naws_access_key_id = {PROFILE_KEY}\naws_secret_access_key = {PROFILE_SECRET}\n"
        ),
    )
}

#[test]
fn profile_option_and_aws_profile_sign_with_the_profiles_keys_for_its_region() {
    let home = profile_home("profile-keys");
    let home_env = [("HOME", home.path())];
    let env: Vec<(&str, &str)> = home_env.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let request = signed_request(&["--profile", "p"], &env);
    verify_sigv4(
        &request,
        PROFILE_KEY,
        PROFILE_SECRET,
        "eu-west-2",
        "social-messaging",
    );

    let with_profile_var: Vec<(&str, &str)> =
        env.iter().copied().chain([("AWS_PROFILE", "p")]).collect();
    let request = signed_request(&[], &with_profile_var);
    verify_sigv4(
        &request,
        PROFILE_KEY,
        PROFILE_SECRET,
        "eu-west-2",
        "social-messaging",
    );

    // No profile named: `default`.
    let request = signed_request(&[], &env);
    verify_sigv4(
        &request,
        "AKIDDEFAULT",
        "defaultSecret",
        "us-west-1",
        "social-messaging",
    );

    // As botocore: the environment's keys win over AWS_PROFILE's, but --profile wins over them.
    let with_env_keys: Vec<(&str, &str)> = with_profile_var
        .iter()
        .copied()
        .chain(CREDENTIALS.iter().copied())
        .collect();
    let request = signed_request(&[], &with_env_keys);
    verify_sigv4(
        &request,
        ACCESS_KEY,
        SECRET_KEY,
        "eu-west-2",
        "social-messaging",
    );
    let request = signed_request(&["--profile", "p"], &with_env_keys);
    verify_sigv4(
        &request,
        PROFILE_KEY,
        PROFILE_SECRET,
        "eu-west-2",
        "social-messaging",
    );

    // --region and AWS_REGION come before the profile's region.
    let request = signed_request(&["--profile", "p", "--region", "ap-south-1"], &env);
    verify_sigv4(
        &request,
        PROFILE_KEY,
        PROFILE_SECRET,
        "ap-south-1",
        "social-messaging",
    );
}

#[test]
fn files_named_by_the_environment_and_credential_process() {
    let home = Home::new("process", "", "");
    let script = home.0.join("creds.sh");
    std::fs::write(
        &script,
        format!(
            "printf '%s' '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"{PROFILE_SECRET}\", \
             \"SessionToken\": \"processTokenNeverPrinted\", \"Expiration\": \"2999-01-01T00:00:00Z\"}}'\n"
        ),
    )
    .expect("script");
    let config = home.0.join("elsewhere-config");
    std::fs::write(
        &config,
        format!(
            "[profile proc]\nregion = ca-central-1\ncredential_process = sh \"{}\"\n",
            script.display()
        ),
    )
    .expect("config");
    let config = config.display().to_string();
    let env = [
        ("AWS_CONFIG_FILE", config.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"),
    ];
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(
        &call_without_region(&server, &["--profile", "proc", "--debug"]),
        &env,
    );
    let seen = server.finish();
    out.assert_code(0);
    let request = seen.only_request();
    verify_sigv4(
        request,
        "AKIDPROCESS",
        PROFILE_SECRET,
        "ca-central-1",
        "social-messaging",
    );
    assert_eq!(
        request.header("x-amz-security-token"),
        Some("processTokenNeverPrinted")
    );
    for secret in [PROFILE_SECRET, "processTokenNeverPrinted"] {
        assert!(
            !out.stderr.contains(secret),
            "{secret} in --debug:\n{}",
            out.stderr
        );
        assert!(!out.stdout.contains(secret));
    }
}

#[test]
fn a_bad_configuration_exits_253_with_the_aws_clis_message_and_no_secret() {
    let home = profile_home("bad-config");
    let env = [("HOME", home.path())];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let server = Server::answering(Canned::load("ok-200"));
    let out = run(&call_without_region(&server, &["--profile", "nope"]), &env);
    out.assert_code(253);
    assert_eq!(
        out.stderr.trim_end(),
        "The config profile (nope) could not be found"
    );
    let missing_var: Vec<(&str, &str)> = env
        .iter()
        .copied()
        .chain([("AWS_PROFILE", "nope")])
        .collect();
    run(&call_without_region(&server, &[]), &missing_var).assert_code(253);

    let broken = Home::new(
        "malformed",
        "[default]\nregion = us-east-1\n",
        &format!("[default]\naws_access_key_id = AKID\n{PROFILE_SECRET}\n"),
    );
    let env = [("HOME", broken.path())];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = run(&call_without_region(&server, &["--debug"]), &env);
    out.assert_code(253);
    let path = broken.0.join(".aws/credentials").display().to_string();
    assert!(
        out.stderr.contains(&path) && out.stderr.contains("line 3"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(PROFILE_SECRET), "{}", out.stderr);
    server.finish().assert_nothing();
}
