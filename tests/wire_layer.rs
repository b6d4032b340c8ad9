//! The restJson1 wire layer of the generated crates: requests compared with what the
//! official tools send, responses with what they make of canned answers (../shared/wire),
//! plus every binding rule on the feature-coverage model.

use std::collections::BTreeMap;
use std::path::PathBuf;

use features_model::operation::{get_gadget, put_thing, upload_thing};
use features_model::primitives::{Blob, DateTime};
use serde_json::{json, Value};
use smithy_codegen_tests::shared_dir;
use socialmessaging::operation::associate_whats_app_business_account::{
    self as associate, AssociateWhatsAppBusinessAccountError as AssociateError,
    AssociateWhatsAppBusinessAccountInput,
};

const ENDPOINT: &str = "https://social-messaging.us-east-1.amazonaws.com";

fn wire_file(name: &str) -> Value {
    let path: PathBuf = shared_dir().join("wire").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn typical_input() -> AssociateWhatsAppBusinessAccountInput {
    serde_json::from_value(wire_file("input-typical.json")).expect("the typical input reads")
}

/// A request as text for snapshots: method, URI, headers sorted, body.
fn describe(request: &http::Request<Vec<u8>>) -> String {
    let mut headers: Vec<String> = request
        .headers()
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("<binary>")))
        .collect();
    headers.sort();
    let body = String::from_utf8_lossy(request.body());
    format!(
        "{} {}\n{}\n\n{}",
        request.method(),
        request.uri(),
        headers.join("\n"),
        body
    )
}

#[test]
fn the_typical_request_matches_every_official_tool() {
    let request = associate::serialize_request(&typical_input(), ENDPOINT).unwrap();
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    for tool in [
        "request-boto3.json",
        "request-awscli.json",
        "request-sdk-rust.json",
    ] {
        let expected = wire_file(tool);
        assert_eq!(
            request.method().as_str(),
            expected["method"],
            "{tool}: method"
        );
        assert_eq!(request.uri().path(), expected["path"], "{tool}: path");
        assert_eq!(request.uri().query(), None, "{tool}: no query");
        let content_type = request.headers()["content-type"].to_str().unwrap();
        assert_eq!(
            content_type, expected["headers"]["content-type"],
            "{tool}: content type"
        );
        assert_eq!(body, expected["body"], "{tool}: body");
    }
    assert_eq!(
        request.uri().host(),
        Some("social-messaging.us-east-1.amazonaws.com")
    );
    assert_eq!(
        request.headers()["content-length"].to_str().unwrap(),
        request.body().len().to_string()
    );
    insta::assert_snapshot!("request_typical", describe(&request));
}

#[test]
fn an_empty_input_still_sends_a_json_object() {
    let input = AssociateWhatsAppBusinessAccountInput::builder().build();
    let request = associate::serialize_request(&input, "http://127.0.0.1:9000/base").unwrap();
    insta::assert_snapshot!("request_empty_input", describe(&request));
    assert_eq!(request.body(), b"{}");
}

/// One canned response of ../shared/wire/responses.
struct Case {
    name: String,
    response: http::Response<Vec<u8>>,
    boto3: String,
    sdk_rust: String,
}

fn cases() -> Vec<Case> {
    let dir = shared_dir().join("wire/responses");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let cases: Vec<Case> = files
        .iter()
        .map(|path| {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let mut response =
                http::Response::builder().status(case["status"].as_u64().unwrap() as u16);
            for (name, value) in case["headers"].as_object().unwrap() {
                response = response.header(name, value.as_str().unwrap());
            }
            Case {
                name: case["case"].as_str().unwrap().to_owned(),
                response: response
                    .body(case["body"].as_str().unwrap().as_bytes().to_vec())
                    .unwrap(),
                boto3: case["boto3"].as_str().unwrap().to_owned(),
                sdk_rust: case["sdk_rust"].as_str().unwrap().to_owned(),
            }
        })
        .collect();
    assert_eq!(
        cases.len(),
        7,
        "expected the seven canned responses in {}",
        dir.display()
    );
    cases
}

#[test]
fn every_canned_response_reads_as_the_official_tools_read_it() {
    for case in cases() {
        let result = associate::parse_http_response(&case.response);
        if let Some(parsed) = case.boto3.strip_prefix("OK ") {
            let output = result.unwrap_or_else(|e| panic!("{}: {e}", case.name));
            let expected: Value = serde_json::from_str(parsed).unwrap();
            assert_eq!(
                serde_json::to_value(&output).unwrap(),
                expected,
                "{}",
                case.name
            );
            assert!(case.sdk_rust.starts_with("OK "), "{}", case.name);
            continue;
        }
        let error = match result {
            Err(error) => error,
            Ok(output) => panic!("{}: expected an error, got {output:?}", case.name),
        };
        // boto3: `ERR <class> {'Message': ..., 'Code': ...} <retries>`.
        let code = case
            .boto3
            .split("'Code': '")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .unwrap();
        let message = case
            .boto3
            .split("'Message': '")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .unwrap();
        let retries: u32 = case.boto3.rsplit(' ').next().unwrap().parse().unwrap();
        assert_eq!(error.code(), Some(code), "{}", case.name);
        assert_eq!(error.message(), Some(message), "{}", case.name);
        assert_eq!(
            error.http_status(),
            Some(case.response.status().as_u16()),
            "{}",
            case.name
        );
        assert_eq!(
            error.is_retryable(),
            retries > 0,
            "{}: boto3 retried {retries} times",
            case.name
        );
        let unhandled = case.sdk_rust.contains("detail=Unhandled");
        assert_eq!(
            matches!(error, AssociateError::Unhandled(_)),
            unhandled,
            "{}",
            case.name
        );
        if !unhandled {
            assert!(
                case.sdk_rust.contains(&format!("detail={code}(")),
                "{}",
                case.name
            );
        }
    }
}

#[test]
fn a_sensitive_token_in_a_response_stays_out_of_debug() {
    // boto3 hands the token back in clear text wherever it is printed; we redact it like the
    // official Rust SDK does, and unlike both keep the rest readable.
    let case = cases().into_iter().find(|c| c.name == "ok-200").unwrap();
    let output = associate::parse_http_response(&case.response).unwrap();
    let debug = format!("{output:?}");
    assert!(
        debug.contains("associate_in_progress_token: \"*** Sensitive Data Redacted ***\""),
        "{debug}"
    );
    assert!(debug.contains("Acme"), "{debug}");
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn error_codes_come_from_header_then_type_then_code() {
    let parse = |headers: &[(&str, &str)], body: &str| {
        associate::parse_http_response(&response(400, headers, body)).unwrap_err()
    };
    let from_type = parse(
        &[],
        r#"{"__type":"com.amazonaws.socialmessaging#ValidationException:http://internal/","message":"m"}"#,
    );
    assert!(
        matches!(from_type, AssociateError::ValidationException(_)),
        "{from_type:?}"
    );
    let from_code = parse(
        &[],
        r#"{"code":"InvalidParametersException","Message":"capitalised"}"#,
    );
    assert!(
        matches!(&from_code, AssociateError::InvalidParametersException(e) if e.message() == Some("capitalised")),
        "{from_code:?}"
    );
    let header_wins = parse(
        &[("x-amzn-errortype", "AccessDeniedException:http://x")],
        r#"{"__type":"ValidationException"}"#,
    );
    assert!(
        matches!(header_wins, AssociateError::AccessDeniedException(_)),
        "{header_wins:?}"
    );
    let nothing =
        associate::parse_http_response(&response(503, &[], "<html>busy</html>")).unwrap_err();
    assert!(
        matches!(&nothing, AssociateError::Unhandled(u) if u.code.is_none() && u.http_status == Some(503)),
        "{nothing:?}"
    );
    assert!(nothing.is_retryable(), "a 5xx is worth retrying");
}

#[test]
fn bad_success_responses_are_errors_that_say_where() {
    let parse = |body: &str| associate::parse_http_response(&response(200, &[], body));
    let AssociateError::InvalidResponse(e) = parse(r#"{"statusCode":"two hundred"}"#).unwrap_err()
    else {
        panic!("expected InvalidResponse");
    };
    assert!(e.message.contains("statusCode"), "{e}");
    let AssociateError::InvalidResponse(e) = parse(r#"{"signupCallbackResult":{"linkedAccountsWithIncompleteSetup":{"w":{"unregisteredWhatsAppPhoneNumbers":[{"arn":5}]}}}}"#).unwrap_err() else {
        panic!("expected InvalidResponse");
    };
    assert!(e.message.contains("signupCallbackResult.linkedAccountsWithIncompleteSetup.w.unregisteredWhatsAppPhoneNumbers[0].arn"), "{e}");
    assert!(matches!(
        parse("{\"statusCode\":"),
        Err(AssociateError::InvalidResponse(_))
    ));
    assert!(
        matches!(parse("null"), Err(AssociateError::InvalidResponse(_))),
        "null is not an empty success"
    );
    assert!(matches!(
        parse("[]"),
        Err(AssociateError::InvalidResponse(_))
    ));
    // An array where an object belongs is not read by position.
    assert!(matches!(
        parse(r#"{"signupCallbackResult":["tok"]}"#),
        Err(AssociateError::InvalidResponse(_))
    ));
    let AssociateError::InvalidResponse(e) = parse(r#"{"signupCallbackResult":{"associateInProgressToken":"t","associateInProgressToken":"u"}}"#).unwrap_err() else {
        panic!("expected InvalidResponse");
    };
    assert!(e.message.contains("duplicate field"), "{e}");
    // Unknown members are ignored, null members are absent, an empty body has nothing set.
    let output = parse(r#"{"newMember":{"x":1},"statusCode":null}"#).unwrap();
    assert_eq!(output.status_code, None);
    assert_eq!(parse("").unwrap(), parse("{}").unwrap());
    let deep = "[".repeat(100_000);
    assert!(matches!(
        parse(&format!("{{\"signupCallbackResult\":{deep}")),
        Err(AssociateError::InvalidResponse(_))
    ));
}

fn upload_input() -> upload_thing::UploadThingInput {
    let mut meta = std::collections::HashMap::new();
    meta.insert("owner".to_owned(), "ann".to_owned());
    let mut extra = std::collections::HashMap::new();
    extra.insert("zeta".to_owned(), "last".to_owned());
    extra.insert("tag".to_owned(), "ignored: httpQuery wins".to_owned());
    upload_thing::UploadThingInput::builder()
        .account_id("123456789012")
        .thing_id("thing 1/2")
        .path("dir/sub dir/file.png")
        .tag("a&b=c")
        .limits(vec![1, 2])
        .since(DateTime::from_secs(1_398_796_238))
        .extra(extra)
        .trace("trace-1")
        .items(vec![
            "plain".to_owned(),
            "with, comma".to_owned(),
            "with \"quote\"".to_owned(),
        ])
        .when(DateTime::from_secs(1_398_796_238))
        .flag(true)
        .meta(meta)
        .token("fixed-token")
        .content(Blob::new(b"PNG".to_vec()))
        .build()
}

#[test]
fn every_request_binding_lands_where_the_model_says() {
    let request =
        upload_thing::serialize_request(&upload_input(), "https://things.example.com").unwrap();
    insta::assert_snapshot!("request_every_binding", describe(&request));
    assert_eq!(
        request.uri().host(),
        Some("123456789012.data.things.example.com")
    );
    assert_eq!(
        request.uri().path(),
        "/things/thing%201%2F2/files/dir/sub%20dir/file.png"
    );
    let query = request.uri().query().unwrap();
    assert_eq!(
        query,
        "mode=fast&tag=a%26b%3Dc&limit=1&limit=2&since=2014-04-29T18%3A30%3A38Z&zeta=last"
    );
    let header = |name: &str| request.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(
        header("x-items"),
        r#"plain, "with, comma", "with \"quote\"""#
    );
    assert_eq!(header("x-when"), "Tue, 29 Apr 2014 18:30:38 GMT");
    assert_eq!(header("x-meta-owner"), "ann");
    assert_eq!(header("x-client-token"), "fixed-token");
    assert_eq!(header("x-account-id"), "123456789012");
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(request.body(), b"PNG");
}

#[test]
fn labels_must_be_set_and_non_empty() {
    let missing = upload_thing::UploadThingInput::builder()
        .account_id("a")
        .path("p")
        .build();
    let error = upload_thing::serialize_request(&missing, "https://x.example.com").unwrap_err();
    assert!(error.to_string().contains("thingId"), "{error}");
    let empty = get_gadget::GetGadgetInput::builder().gadget_id("").build();
    let error = get_gadget::serialize_request(&empty, "https://x.example.com").unwrap_err();
    assert!(error.to_string().contains("empty"), "{error}");
    let bad_host = upload_thing::UploadThingInput::builder()
        .account_id("evil.com/")
        .thing_id("t")
        .path("p")
        .build();
    assert!(upload_thing::serialize_request(&bad_host, "https://x.example.com").is_err());
    let request = get_gadget::serialize_request(
        &get_gadget::GetGadgetInput::builder()
            .gadget_id("g/1")
            .build(),
        "https://x.example.com",
    )
    .unwrap();
    assert_eq!(request.uri().path(), "/gadgets/g%2F1");
    assert!(
        request.body().is_empty() && !request.headers().contains_key("content-type"),
        "no body, no content type"
    );
}

#[test]
fn idempotency_tokens_are_filled_when_absent() {
    let input = upload_thing::UploadThingInput::builder()
        .account_id("a")
        .thing_id("t")
        .path("p")
        .build();
    let first = upload_thing::serialize_request(&input, "https://x.example.com").unwrap();
    let second = upload_thing::serialize_request(&input, "https://x.example.com").unwrap();
    let token =
        |r: &http::Request<Vec<u8>>| r.headers()["x-client-token"].to_str().unwrap().to_owned();
    assert_eq!(token(&first).len(), 36, "a UUID");
    assert_ne!(token(&first), token(&second));

    let put = put_thing::PutThingInput::builder().name("n").build();
    let request = put_thing::serialize_request(&put, "https://x.example.com").unwrap();
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body["name"], "n");
    assert_eq!(
        body["clientToken"].as_str().map(str::len),
        Some(36),
        "{body}"
    );
    let given = put_thing::PutThingInput::builder()
        .name("n")
        .client_token("mine")
        .build();
    let body: Value = serde_json::from_slice(
        put_thing::serialize_request(&given, "https://x.example.com")
            .unwrap()
            .body(),
    )
    .unwrap();
    assert_eq!(body, json!({"name": "n", "clientToken": "mine"}));
}

#[test]
fn every_response_binding_is_read() {
    let ok = response(
        202,
        &[
            ("ETag", "\"abc\""),
            ("Last-Modified", "Tue, 29 Apr 2014 18:30:38 GMT"),
            ("X-Items", "a, \"b, c\""),
            ("X-Meta-Owner", "ann"),
            ("X-Meta-Team", "ops"),
        ],
        r#"{"value":"root"}"#,
    );
    let output = upload_thing::parse_http_response(&ok).unwrap();
    assert_eq!(output.status, Some(202));
    assert_eq!(output.etag, "\"abc\"");
    assert_eq!(output.modified, Some(DateTime::from_secs(1_398_796_238)));
    assert_eq!(output.items, Some(vec!["a".to_owned(), "b, c".to_owned()]));
    let meta: BTreeMap<_, _> = output.meta.clone().unwrap().into_iter().collect();
    assert_eq!(
        meta,
        BTreeMap::from([
            ("owner".to_owned(), "ann".to_owned()),
            ("team".to_owned(), "ops".to_owned())
        ])
    );
    assert_eq!(output.summary.map(|t| t.value), Some("root".to_owned()));

    // Client error correction: a required header left out reads as its zero value.
    let missing = upload_thing::parse_http_response(&response(200, &[], "")).unwrap();
    assert_eq!(missing.etag, "");
    let bad_date = upload_thing::parse_http_response(&response(
        200,
        &[("ETag", "x"), ("Last-Modified", "yesterday")],
        "",
    ))
    .unwrap_err();
    assert!(bad_date.to_string().contains("Last-Modified"), "{bad_date}");
    let error = upload_thing::parse_http_response(&response(
        404,
        &[("x-amzn-errortype", "NotFound")],
        r#"{"message":"gone"}"#,
    ))
    .unwrap_err();
    assert!(
        matches!(&error, upload_thing::UploadThingError::NotFound(e) if e.message == "gone"),
        "{error:?}"
    );
    let no_message = upload_thing::parse_http_response(&response(
        404,
        &[("x-amzn-errortype", "NotFound")],
        "{}",
    ))
    .unwrap_err();
    assert!(
        matches!(&no_message, upload_thing::UploadThingError::NotFound(e) if e.message.is_empty()),
        "a required message left out is corrected to empty: {no_message:?}"
    );
    let bad_error = upload_thing::parse_http_response(&response(
        404,
        &[("x-amzn-errortype", "NotFound")],
        r#"{"message":5}"#,
    ))
    .unwrap_err();
    assert!(
        matches!(
            bad_error,
            upload_thing::UploadThingError::InvalidResponse(_)
        ),
        "a message of the wrong type is malformed"
    );
}

/// An operation path that is empty (S3's, whose `/{Bucket}` the endpoint routes) is the
/// endpoint's own path alone, else `/`; any other path follows the endpoint's path.
#[test]
fn an_empty_operation_path_is_the_endpoints_path() {
    use socialmessaging::wire::{request_uri, AsEndpoint, Endpoint};
    let cases = [
        (
            "https://s3.amazonaws.com/mybucket",
            "",
            "?list-type=2",
            "https://s3.amazonaws.com/mybucket?list-type=2",
        ),
        (
            "https://s3.amazonaws.com/mybucket/",
            "",
            "",
            "https://s3.amazonaws.com/mybucket",
        ),
        (
            "https://mybucket.s3.amazonaws.com",
            "",
            "?list-type=2",
            "https://mybucket.s3.amazonaws.com/?list-type=2",
        ),
        (
            "https://mybucket.s3.amazonaws.com",
            "",
            "",
            "https://mybucket.s3.amazonaws.com/",
        ),
        (
            "https://s3.amazonaws.com/mybucket",
            "/k",
            "",
            "https://s3.amazonaws.com/mybucket/k",
        ),
        (
            "https://example.com/custom",
            "/",
            "",
            "https://example.com/custom/",
        ),
    ];
    for (endpoint, path, query, expected) in cases {
        let text = request_uri(endpoint, "", path, query).unwrap();
        let parsed = Endpoint::parse(endpoint)
            .unwrap()
            .request_uri("", path, query)
            .unwrap();
        assert_eq!(text.to_string(), expected, "{endpoint} + {path:?}");
        assert_eq!(
            parsed.to_string(),
            expected,
            "{endpoint} + {path:?} (parsed)"
        );
    }
}
