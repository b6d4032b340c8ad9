//! Copied by `tests/shared_models.rs` into the crate generated from the official (newer)
//! socialmessaging model: the same wire checks our own model's crate passes, against the
//! captures in `$SMITHY_SHARED_DIR/wire`.

use std::path::PathBuf;

use serde_json::Value;
use social_messaging_official::operation::associate_whats_app_business_account as associate;

fn wire(name: &str) -> Value {
    let dir = PathBuf::from(std::env::var("SMITHY_SHARED_DIR").expect("SMITHY_SHARED_DIR is set by the calling test"));
    let path = dir.join("wire").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_typical_request_matches_the_official_tools() {
    let input: associate::AssociateWhatsAppBusinessAccountInput =
        serde_json::from_value(wire("input-typical.json")).expect("the typical input reads");
    let request = associate::serialize_request(&input, "https://social-messaging.us-east-1.amazonaws.com").unwrap();
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    for tool in ["request-boto3.json", "request-awscli.json", "request-sdk-rust.json"] {
        let expected = wire(tool);
        assert_eq!(request.method().as_str(), expected["method"], "{tool}");
        assert_eq!(request.uri().path(), expected["path"], "{tool}");
        assert_eq!(request.headers()["content-type"].to_str().unwrap(), expected["headers"]["content-type"], "{tool}");
        assert_eq!(body, expected["body"], "{tool}");
    }
}

#[test]
fn every_canned_response_reads_as_the_official_tools_read_it() {
    let mut count = 0;
    for name in ["ok-200", "access-denied-403", "dependency-502", "invalid-parameters-400", "throttled-429", "unknown-error-400", "validation-400"] {
        let case = wire(&format!("responses/{name}.json"));
        let mut builder = http::Response::builder().status(case["status"].as_u64().unwrap() as u16);
        for (k, v) in case["headers"].as_object().unwrap() {
            builder = builder.header(k, v.as_str().unwrap());
        }
        let response = builder.body(case["body"].as_str().unwrap().as_bytes().to_vec()).unwrap();
        let boto3 = case["boto3"].as_str().unwrap();
        match associate::parse_http_response(&response) {
            Ok(output) => {
                let expected: Value = serde_json::from_str(boto3.strip_prefix("OK ").expect("boto3 succeeded")).unwrap();
                assert_eq!(serde_json::to_value(&output).unwrap(), expected, "{name}");
            }
            Err(error) => {
                let code = boto3.split("'Code': '").nth(1).and_then(|s| s.split('\'').next()).unwrap();
                assert_eq!(error.code(), Some(code), "{name}");
                assert_eq!(error.message(), Some("bad things"), "{name}");
                let retries: u32 = boto3.rsplit(' ').next().unwrap().parse().unwrap();
                assert_eq!(error.is_retryable(), retries > 0, "{name}");
            }
        }
        count += 1;
    }
    assert_eq!(count, 7);
}
