//! Tests for the wire helpers (`runtime/wire.rs`) and float serde modules (`runtime/float.rs`)
//! that generated crates embed verbatim.

#[allow(dead_code)]
#[path = "../runtime/float.rs"]
mod float;
#[allow(dead_code)]
#[path = "../runtime/items.rs"]
mod items;
#[allow(dead_code)]
#[path = "../runtime/json_write.rs"]
mod json_write;
#[allow(dead_code)]
#[path = "../runtime/wire.rs"]
mod wire;
/// What `wire` uses of the generated crate's `error` module.
#[allow(dead_code)]
mod error {
    include!("../runtime/modeled_error.rs");
    pub use crate::unhandled::Unhandled;
}
#[allow(dead_code)]
#[path = "../runtime/unhandled.rs"]
mod unhandled;
/// The generated crate's `primitives` module, as the runtime sees it: the request IDs.
#[allow(dead_code)]
#[path = "../runtime"]
mod primitives {
    pub mod request_id;
    pub use self::request_id::{RequestId, RequestIds};
}

use std::collections::{HashMap, HashSet};

use http::header::{HeaderName, HeaderValue};
use http::HeaderMap;
use serde::{Deserialize, Serialize};
use wire::*;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

// ---------------------------------------------------------------------------------------
// Percent-encoding
// ---------------------------------------------------------------------------------------

#[test]
fn label_encoding_vectors() {
    let cases: &[(&str, &str, &str)] = &[
        // (input, non-greedy, greedy)
        ("string", "string", "string"),
        ("", "", ""),
        ("a b", "a%20b", "a%20b"),
        ("hello/escape", "hello%2Fescape", "hello/escape"),
        ("there/guy", "there%2Fguy", "there/guy"),
        ("/lead/", "%2Flead%2F", "/lead/"),
        ("100%", "100%25", "100%25"),
        ("%2F", "%252F", "%252F"),
        ("ü", "%C3%BC", "%C3%BC"),
        ("😹", "%F0%9F%98%B9", "%F0%9F%98%B9"),
        ("AZaz09-._~", "AZaz09-._~", "AZaz09-._~"),
        (
            "!*'();:@&=+$,?#[]",
            "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%3F%23%5B%5D",
            "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%3F%23%5B%5D",
        ),
        (
            "2019-12-16T23:48:18Z",
            "2019-12-16T23%3A48%3A18Z",
            "2019-12-16T23%3A48%3A18Z",
        ),
        (
            "a\u{0}\n\t\"<>\\^`{|}",
            "a%00%0A%09%22%3C%3E%5C%5E%60%7B%7C%7D",
            "a%00%0A%09%22%3C%3E%5C%5E%60%7B%7C%7D",
        ),
    ];
    for (input, plain, greedy) in cases {
        assert_eq!(encode_label(input, false), *plain, "label {input:?}");
        assert_eq!(encode_label(input, true), *greedy, "greedy label {input:?}");
    }
}

#[test]
fn label_encoding_matches_protocol_test() {
    // RestJsonHttpRequestLabelEscaping
    assert_eq!(
        encode_label(" %:/?#[]@!$&'()*+,;=😹", false),
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
}

#[test]
fn a_label_is_appended_encoded_and_an_empty_one_is_refused() {
    let mut path = String::from("/things/");
    push_label(&mut path, &"a b/c", "Name", false).unwrap();
    path.push('/');
    push_label(&mut path, &"x/y", "Key", true).unwrap();
    push_label(&mut path, &7, "Count", false).unwrap();
    assert_eq!(path, "/things/a%20b%2Fc/x/y7");
    let error = push_label(&mut path, &"", "Name", false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot build request: the URI label `Name` is empty"
    );
    assert_eq!(path, "/things/a%20b%2Fc/x/y7", "nothing appended");
}

#[test]
fn query_encoding_vectors() {
    assert_eq!(encode_query("Hello there"), "Hello%20there");
    assert_eq!(encode_query("a/b"), "a%2Fb");
    assert_eq!(encode_query("a+b=c&d"), "a%2Bb%3Dc%26d");
    assert_eq!(encode_query("100%"), "100%25");
    assert_eq!(encode_query("ü"), "%C3%BC");
    assert_eq!(
        encode_query("!*'();:@&=+$,?#[]"),
        "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%3F%23%5B%5D"
    );
    assert_eq!(
        encode_query("1970-01-01T00:00:01Z"),
        "1970-01-01T00%3A00%3A01Z"
    );
    assert_eq!(encode_query("-._~"), "-._~");
}

// ---------------------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------------------

#[test]
fn empty_query_string() {
    assert_eq!(QueryString::new("").finish(), "");
    assert_eq!(QueryString::new("&&").finish(), "");
}

#[test]
fn query_string_with_literal_prefix() {
    let mut query = QueryString::new("x-id=GetObject&flag");
    assert!(query.contains("x-id"));
    assert!(query.contains("flag"));
    assert!(!query.contains("GetObject"));
    query.push("String", "Hello there");
    assert_eq!(query.finish(), "?x-id=GetObject&flag&String=Hello%20there");
}

#[test]
fn query_string_literal_only() {
    // RestJsonConstantQueryString: "/ConstantQueryString/{hello}?foo=bar&hello"
    assert_eq!(QueryString::new("foo=bar&hello").finish(), "?foo=bar&hello");
}

#[test]
fn query_string_repeated_keys_and_order() {
    let mut query = QueryString::new("");
    for item in ["a", "b", "c"] {
        query.push("StringList", item);
    }
    query.push("Timestamp", "1970-01-01T00:00:01Z");
    query.push("a key", "a/value");
    assert!(query.contains("StringList"));
    assert!(query.contains("a key"));
    assert!(!query.contains("a%20key"));
    assert!(!query.contains("stringlist"));
    assert_eq!(
        query.finish(),
        "?StringList=a&StringList=b&StringList=c&Timestamp=1970-01-01T00%3A00%3A01Z&a%20key=a%2Fvalue"
    );
}

#[test]
fn query_string_contains_decodes_literal_keys() {
    let query = QueryString::new("a%20b=1&c%7E&%zz=3");
    assert!(query.contains("a b"));
    assert!(query.contains("c~"));
    assert!(query.contains("%zz"));
}

#[test]
fn query_params_do_not_override_query() {
    // The generator's pattern for httpQueryParams after httpQuery.
    let mut query = QueryString::new("");
    query.push("foo", "named");
    let params = [("foo", "map"), ("baz", "map")];
    for (key, value) in params {
        if !query.contains(key) {
            query.push(key, value);
        }
    }
    assert_eq!(query.finish(), "?foo=named&baz=map");
}

// ---------------------------------------------------------------------------------------
// Header lists
// ---------------------------------------------------------------------------------------

fn join_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| header_list_item(item))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn header_list_item_quoting() {
    assert_eq!(header_list_item("a"), "a");
    assert!(matches!(
        header_list_item("a b"),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(header_list_item("b,c"), r#""b,c""#);
    assert_eq!(header_list_item(r#""def""#), r#""\"def\"""#);
    assert_eq!(header_list_item(" lead"), r#"" lead""#);
    assert_eq!(header_list_item("trail "), r#""trail ""#);
    assert_eq!(header_list_item(r"a\b"), r"a\b");
    assert_eq!(header_list_item(r#"a\b,"#), r#""a\\b,""#);
    assert_eq!(header_list_item(""), r#""""#);
}

#[test]
fn header_list_matches_protocol_test() {
    // RestJsonInputAndOutputWithQuotedStringHeaders
    let wire = r#""b,c", "\"def\"", a"#;
    assert_eq!(join_list(&["b,c", "\"def\"", "a"]), wire);
    assert_eq!(split_header_list(wire), vec!["b,c", "\"def\"", "a"]);
    assert_eq!(split_header_list("a, b, c"), vec!["a", "b", "c"]);
    assert_eq!(split_header_list("a,b,c"), vec!["a", "b", "c"]);
    assert_eq!(
        split_header_list("true, false, true"),
        vec!["true", "false", "true"]
    );
}

#[test]
fn header_list_round_trips() {
    let lists: &[&[&str]] = &[
        &["a"],
        &["a", "b"],
        &["b,c", "\"def\"", "a"],
        &["", "x", ""],
        &[""],
        &[" spaced ", "\t", "a,\"b\\\"c,"],
        &["\\", "\\\"", ",", "\"", "ü, 😹"],
        &["inner space", "x"],
    ];
    for items in lists {
        let wire = join_list(items);
        assert_eq!(split_header_list(&wire), *items, "wire {wire:?}");
    }
}

#[test]
fn header_list_edge_cases() {
    assert!(split_header_list("").is_empty());
    assert!(split_header_list("   ").is_empty());
    assert_eq!(split_header_list("a,"), vec!["a", ""]);
    assert_eq!(split_header_list(",a"), vec!["", "a"]);
    assert_eq!(split_header_list("a, , b"), vec!["a", "", "b"]);
    assert_eq!(split_header_list("  a  ,\tb\t"), vec!["a", "b"]);
    // Unterminated quote and a dangling escape run to the end.
    assert_eq!(split_header_list(r#""abc, d"#), vec!["abc, d"]);
    assert_eq!(split_header_list(r#""abc\"#), vec!["abc"]);
    // Text after the closing quote is kept.
    assert_eq!(split_header_list(r#""a"b , c"#), vec!["ab", "c"]);
    // Backslashes outside quotes are literal.
    assert_eq!(split_header_list(r"a\b, c"), vec![r"a\b", "c"]);
}

#[test]
fn http_date_list_splitting() {
    // RestJsonInputAndOutputWithTimestampHeaders
    assert_eq!(
        split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT"),
        vec![
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Mon, 16 Dec 2019 23:48:18 GMT"
        ]
    );
    assert_eq!(
        split_http_date_list(
            "Mon, 16 Dec 2019 23:48:18 GMT,Tue, 17 Dec 2019 00:00:00 GMT, Wed, 18 Dec 2019 01:02:03 GMT"
        ),
        vec![
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Tue, 17 Dec 2019 00:00:00 GMT",
            "Wed, 18 Dec 2019 01:02:03 GMT"
        ]
    );
    assert_eq!(
        split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT"),
        vec!["Mon, 16 Dec 2019 23:48:18 GMT"]
    );
    assert!(split_http_date_list("").is_empty());
    assert!(split_http_date_list("  ").is_empty());
    // Malformed input: an odd part is an item of its own, no panic.
    assert_eq!(
        split_http_date_list("Mon, 16 Dec, junk"),
        vec!["Mon, 16 Dec", "junk"]
    );
    assert_eq!(split_http_date_list(","), vec![","]);
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

#[test]
fn sanitize_error_codes() {
    let cases = [
        ("FooError", "FooError"),
        ("ns#FooError", "FooError"),
        ("aws.protocoltests.restjson#FooError", "FooError"),
        (
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "FooError",
        ),
        (
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "FooError",
        ),
        (
            "aws.different.namespace#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "FooError",
        ),
        ("  FooError  ", "FooError"),
        ("a#b#FooError", "FooError"),
        ("FooError:x#y", "FooError"),
        ("", ""),
        (":", ""),
        ("#", ""),
        ("ns#", ""),
    ];
    for (raw, expected) in cases {
        assert_eq!(sanitize_error_code(raw), expected, "{raw:?}");
    }
}

#[test]
fn error_code_precedence() {
    let body = br#"{"__type": "ns#TypeError", "code": "CodeError"}"#;
    let with_header = headers(&[("X-Amzn-Errortype", "HeaderError:http://x/")]);
    assert_eq!(
        error_code(&with_header, body).as_deref(),
        Some("HeaderError")
    );
    assert_eq!(
        error_code(&HeaderMap::new(), body).as_deref(),
        Some("TypeError")
    );
    assert_eq!(
        error_code(&HeaderMap::new(), br#"{"code": "ns#CodeError:http://x"}"#).as_deref(),
        Some("CodeError")
    );
    // The header name is case-insensitive.
    let lower = headers(&[("x-amzn-errortype", "FooError")]);
    assert_eq!(error_code(&lower, b"").as_deref(), Some("FooError"));
}

#[test]
fn error_code_absent_or_empty() {
    assert_eq!(error_code(&HeaderMap::new(), b""), None);
    assert_eq!(error_code(&HeaderMap::new(), b"{}"), None);
    assert_eq!(error_code(&HeaderMap::new(), b"not json"), None);
    assert_eq!(error_code(&HeaderMap::new(), b"[1,2]"), None);
    assert_eq!(error_code(&HeaderMap::new(), br#"{"code": 5}"#), None);
    assert_eq!(error_code(&HeaderMap::new(), br#"{"__type": ""}"#), None);
    // An empty header or __type falls through to the next source.
    let empty = headers(&[("X-Amzn-Errortype", "")]);
    assert_eq!(error_code(&empty, b""), None);
    assert_eq!(
        error_code(&empty, br#"{"__type": " ", "code": "FooError"}"#).as_deref(),
        Some("FooError")
    );
    // A non-UTF-8 header is skipped.
    let mut binary = HeaderMap::new();
    binary.insert(
        "x-amzn-errortype",
        HeaderValue::from_bytes(b"\xffBad").unwrap(),
    );
    assert_eq!(
        error_code(&binary, br#"{"code": "FooError"}"#).as_deref(),
        Some("FooError")
    );
    // Deep nesting does not overflow.
    let deep = format!(r#"{{"x": {}, "code": "FooError"}}"#, "[".repeat(100_000));
    assert_eq!(error_code(&HeaderMap::new(), deep.as_bytes()), None);
}

#[test]
fn error_message_variants() {
    assert_eq!(
        error_message(br#"{"message": "lower"}"#).as_deref(),
        Some("lower")
    );
    assert_eq!(
        error_message(br#"{"Message": "upper"}"#).as_deref(),
        Some("upper")
    );
    assert_eq!(
        error_message(br#"{"errorMessage": "error"}"#).as_deref(),
        Some("error")
    );
    assert_eq!(
        error_message(br#"{"errorMessage": "c", "Message": "b", "message": "a"}"#).as_deref(),
        Some("a")
    );
    assert_eq!(
        error_message(br#"{"message": 5, "Message": "b"}"#).as_deref(),
        Some("b")
    );
    assert_eq!(error_message(br#"{"message": null}"#), None);
    assert_eq!(error_message(br#"{"MESSAGE": "x"}"#), None);
    assert_eq!(error_message(b""), None);
    assert_eq!(error_message(b"<html>oops</html>"), None);
    assert_eq!(error_message(b"\xff\xfe"), None);
    assert_eq!(error_message(br#""message""#), None);
    assert_eq!(error_message("[".repeat(100_000).as_bytes()), None);
}

#[test]
fn error_display() {
    let request = RequestError::new("label `name` is empty");
    assert_eq!(request.message(), "label `name` is empty");
    assert!(request.to_string().contains("label `name` is empty"));
    let response = InvalidResponse::new(200, "bad");
    assert_eq!(response.to_string(), "invalid response (HTTP 200): bad");
    let _: &dyn std::error::Error = &request;
    let _: &dyn std::error::Error = &response;
}

// ---------------------------------------------------------------------------------------
// Idempotency tokens
// ---------------------------------------------------------------------------------------

fn is_uuid_v4(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

#[test]
fn idempotency_tokens_are_uuid_v4_and_unique() {
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        let token = idempotency_token();
        assert!(is_uuid_v4(&token), "{token}");
        assert!(seen.insert(token), "duplicate token");
    }
}

#[test]
fn idempotency_tokens_unique_across_threads() {
    let handles: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| (0..1000).map(|_| idempotency_token()).collect::<Vec<_>>()))
        .collect();
    let mut seen = HashSet::new();
    for handle in handles {
        for token in handle.join().unwrap() {
            assert!(seen.insert(token));
        }
    }
    assert_eq!(seen.len(), 4000);
}

// ---------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------

#[test]
fn endpoint_uris() {
    let cases = [
        (
            "https://social-messaging.us-east-1.amazonaws.com",
            "",
            "/v1/whatsapp/signup",
            "https://social-messaging.us-east-1.amazonaws.com/v1/whatsapp/signup",
        ),
        (
            "https://social-messaging.us-east-1.amazonaws.com/",
            "",
            "/v1/whatsapp/signup",
            "https://social-messaging.us-east-1.amazonaws.com/v1/whatsapp/signup",
        ),
        (
            "http://127.0.0.1:8080/base",
            "",
            "/v1/x?a=b",
            "http://127.0.0.1:8080/base/v1/x?a=b",
        ),
        (
            "http://127.0.0.1:8080/base/",
            "",
            "/v1/x",
            "http://127.0.0.1:8080/base/v1/x",
        ),
        (
            "http://localhost:8080",
            "",
            "v1/x",
            "http://localhost:8080/v1/x",
        ),
        (
            "https://example.com",
            "abc.data.",
            "/path",
            "https://abc.data.example.com/path",
        ),
        (
            "https://example.com:8443/base",
            "foo.",
            "/path?x=1",
            "https://foo.example.com:8443/base/path?x=1",
        ),
        ("https://example.com", "", "", "https://example.com/"),
        ("http://[::1]:8080", "", "/p", "http://[::1]:8080/p"),
    ];
    for (endpoint, prefix, path, expected) in cases {
        let uri = endpoint_uri(endpoint, prefix, path)
            .unwrap_or_else(|e| panic!("{endpoint} {prefix} {path}: {e}"));
        assert_eq!(uri.to_string(), expected);
        // An endpoint parsed once gives the same URI, with the query passed apart or not.
        let parsed = Endpoint::parse(endpoint).unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        assert_eq!(parsed.as_str(), endpoint);
        let (path_only, query) = match path.find('?') {
            Some(at) => path.split_at(at),
            None => (path, ""),
        };
        for uri in [
            AsEndpoint::request_uri(&parsed, prefix, path_only, query),
            AsEndpoint::request_uri(endpoint, prefix, path_only, query),
        ] {
            let uri = uri.unwrap_or_else(|e| panic!("{endpoint} {prefix} {path}: {e}"));
            assert_eq!(uri.to_string(), expected);
        }
    }
    // A fixed path is borrowed rather than copied; the URI is the same.
    for endpoint in ["https://e.com", "https://e.com/base/", "http://u@[::1]:1/b"] {
        let parsed = Endpoint::parse(endpoint).unwrap();
        for prefix in ["", "p."] {
            let expected = endpoint_uri(endpoint, prefix, "/v1/x").unwrap();
            assert_eq!(
                AsEndpoint::request_uri_static(&parsed, prefix, "/v1/x").unwrap(),
                expected
            );
            assert_eq!(
                AsEndpoint::request_uri_static(endpoint, prefix, "/v1/x").unwrap(),
                expected
            );
        }
        assert!(AsEndpoint::request_uri_static(&parsed, "", "/a b").is_err());
    }
    let user = Endpoint::parse("http://user@localhost:8080/base/").unwrap();
    let uri = AsEndpoint::request_uri(&user, "p.", "/x", "?a=1").unwrap();
    assert_eq!(uri.to_string(), "http://user@p.localhost:8080/base/x?a=1");
    assert_eq!(
        "https://e.com".parse::<Endpoint>().unwrap().to_string(),
        "https://e.com"
    );
    let uri = endpoint_uri("https://example.com:8443/base", "foo.", "/p").unwrap();
    assert_eq!(uri.scheme_str(), Some("https"));
    assert_eq!(uri.host(), Some("foo.example.com"));
    assert_eq!(uri.port_u16(), Some(8443));
    assert_eq!(uri.path(), "/base/p");
}

#[test]
fn endpoint_uri_errors() {
    let bad = [
        ("example.com", "", "/p"),
        ("localhost:8080", "", "/p"),
        ("://example.com", "", "/p"),
        ("1http://example.com", "", "/p"),
        ("https://", "", "/p"),
        ("https:///path", "", "/p"),
        ("https://:8080", "", "/p"),
        ("https://example.com?x=1", "", "/p"),
        ("https://exa mple.com", "", "/p"),
        ("https://example.com", "bad prefix.", "/p"),
        ("https://example.com", "", "/p q"),
        ("", "", ""),
    ];
    for (endpoint, prefix, path) in bad {
        let error = endpoint_uri(endpoint, prefix, path).unwrap_err();
        assert!(!error.message().is_empty());
        // Parsed once, the endpoint or the request built from it is refused just the same.
        let refused = Endpoint::parse(endpoint)
            .and_then(|parsed| AsEndpoint::request_uri(&parsed, prefix, path, ""));
        assert!(refused.is_err(), "{endpoint} {prefix} {path}");
    }
    let error = endpoint_uri("example.com", "", "/p").unwrap_err();
    assert!(error.message().contains("example.com"), "{error}");
}

// ---------------------------------------------------------------------------------------
// parse_json
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Output {
    signup_callback_result: Option<CallbackResult>,
    status_code: Option<i32>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct CallbackResult {
    linked_accounts_with_incomplete_setup: Option<HashMap<String, Account>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Account {
    account_name: Option<String>,
}

#[test]
fn parse_json_success() {
    let body = br#"{"signupCallbackResult":{"linkedAccountsWithIncompleteSetup":{"waba-1":{"accountName":"Acme"}}},"statusCode":200}"#;
    let output: Output = parse_json(200, body).unwrap();
    let accounts = output
        .signup_callback_result
        .unwrap()
        .linked_accounts_with_incomplete_setup
        .unwrap();
    assert_eq!(accounts["waba-1"].account_name.as_deref(), Some("Acme"));
    assert_eq!(output.status_code, Some(200));
}

#[test]
fn parse_json_empty_body_is_empty_object() {
    for body in [&b""[..], b"  \n\t ", b"{}"] {
        let output: Output = parse_json(200, body).unwrap();
        assert_eq!(
            output,
            Output {
                signup_callback_result: None,
                status_code: None
            }
        );
    }
}

#[test]
fn parse_json_names_member_path() {
    let body = br#"{"signupCallbackResult":{"linkedAccountsWithIncompleteSetup":{"waba-1":{"accountName":5}}}}"#;
    let error = parse_json::<Output>(200, body).unwrap_err();
    assert_eq!(error.status, 200);
    assert_eq!(
        error.message,
        "signupCallbackResult.linkedAccountsWithIncompleteSetup.waba-1.accountName: \
         invalid type: an integer, expected a string at line 1 column 87"
    );
    assert!(error
        .to_string()
        .starts_with("invalid response (HTTP 200): signupCallbackResult."));
}

#[test]
fn parse_json_paths_through_arrays_and_to_objects_missing_members() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
        size: Option<u8>,
    }
    let cases: &[(&[u8], &str)] = &[
        (
            br#"{"items": [{"name": "a"}, {"name": "b", "size": 300}]}"#,
            "items[1].size: ",
        ),
        (
            br#"{"items": [{"name": "a"}, {"size": 1}]}"#,
            "items[1]: missing field `name`",
        ),
        (
            b"{\n \"items\": [\n  {\"name\": 7}\n ]\n}",
            "items[0].name: invalid type",
        ),
        (br#"{"items": {"name": "a"}}"#, "items: invalid type: map"),
        (br#"{"items": []}"#, ""),
    ];
    for (body, start) in cases {
        let result = parse_json::<Outer>(200, body);
        let text = String::from_utf8_lossy(body);
        match result {
            Err(error) if !start.is_empty() => {
                assert!(
                    error.message.starts_with(start),
                    "{text}: {}",
                    error.message
                )
            }
            Err(error) => panic!("{text}: {}", error.message),
            Ok(_) => assert!(start.is_empty(), "{text} parsed"),
        }
    }
}

#[test]
fn json_path_at_follows_members_and_indexes() {
    use wire::json_path_at;
    // Cut just after a member's value: the member is named unless the error is the object's.
    assert_eq!(json_path_at(br#"{"a": {"b": [1, 2, "x""#, true), "a.b[2]");
    assert_eq!(json_path_at(br#"{"a": {"b": 1"#, true), "a.b");
    assert_eq!(json_path_at(br#"{"a": {"b": 1"#, false), "a");
    // Closed containers and finished members no longer count.
    assert_eq!(
        json_path_at(br#"{"a": {"b": 1}, "c": [{}, [2]], "d": 4"#, true),
        "d"
    );
    // A key read but not yet its colon: the object itself.
    assert_eq!(json_path_at(br#"{"a": {"b""#, true), "a");
    // Strings hold brackets, commas, colons and escaped quotes that are not structure.
    assert_eq!(
        json_path_at(br#"{"k\"ey": {"x": "[{,:\"}]", "y": true"#, true),
        "k\"ey.y"
    );
    // Escaped names are read.
    assert_eq!(json_path_at(br#"{"\u0061b": 1"#, true), "ab");
    assert_eq!(json_path_at(b"[[1], [2, 3", true), "[1][1]");
    assert_eq!(json_path_at(b"", true), "");
    assert_eq!(json_path_at(b"  5", true), "");
    let deep = format!(r#"{{"a": {}"#, "[".repeat(1000));
    assert_eq!(
        json_path_at(deep.as_bytes(), true),
        format!("a{}", "[0]".repeat(127))
    );
}

#[test]
fn parse_json_malformed() {
    let error = parse_json::<Output>(201, br#"{"statusCode": 1"#).unwrap_err();
    assert_eq!(error.status, 201);
    assert!(error.message.contains("EOF"), "{}", error.message);
    let error = parse_json::<Output>(200, b"{} trailing").unwrap_err();
    assert!(error.message.contains("trailing"), "{}", error.message);
    let error = parse_json::<Output>(200, b"\xff").unwrap_err();
    assert!(!error.message.is_empty());
    let error = parse_json::<Output>(200, br#"{"statusCode": "x"}"#).unwrap_err();
    assert!(
        error.message.starts_with("statusCode: invalid type"),
        "{}",
        error.message
    );
}

#[test]
fn parse_json_null_body_is_an_error() {
    let error = parse_json::<Output>(200, b"null").unwrap_err();
    assert!(error.message.contains("null"), "{}", error.message);
    // A root-level failure has no path prefix.
    assert!(!error.message.starts_with(". "), "{}", error.message);
    assert!(!error.message.starts_with(':'), "{}", error.message);
}

#[test]
fn parse_json_deep_nesting_is_an_error() {
    let deep = "[".repeat(100_000);
    let error = parse_json::<serde_json::Value>(200, deep.as_bytes()).unwrap_err();
    assert!(
        error.message.contains("recursion limit"),
        "{}",
        error.message
    );
    let error = parse_json::<Output>(200, deep.as_bytes()).unwrap_err();
    assert!(!error.message.is_empty());
    // Deep nesting in an unknown (ignored) member too: serde_json skips it without
    // recursing, so the (unterminated) input fails at its end.
    let body = format!(r#"{{"unknown": {}}}"#, "[".repeat(100_000));
    let error = parse_json::<Output>(200, body.as_bytes()).unwrap_err();
    assert!(
        error.message.starts_with("unknown[0][0][0]"),
        "{}",
        error.message
    );
    // The path stops at serde_json's own depth limit.
    assert!(error.message.len() < 600, "{}", error.message);
    let body = format!(r#"{{"unknown": {}}}"#, r#"{"a":"#.repeat(100_000));
    assert!(parse_json::<Output>(200, body.as_bytes()).is_err());
    // Deep but balanced nesting in an ignored member is skipped.
    let body = format!(
        r#"{{"unknown": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(parse_json::<Output>(200, body.as_bytes()).is_ok());
    // Deep nesting inside a known member hits the limit.
    let body = format!(
        r#"{{"signupCallbackResult": {{"linkedAccountsWithIncompleteSetup": {}}}}}"#,
        "[".repeat(100_000)
    );
    assert!(parse_json::<Output>(200, body.as_bytes()).is_err());
    // Within the limit it is fine.
    let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(parse_json::<serde_json::Value>(200, ok.as_bytes()).is_ok());
}

// ---------------------------------------------------------------------------------------
// No values in messages
// ---------------------------------------------------------------------------------------

#[test]
fn redact_values_replaces_each_kind_of_quoted_value() {
    let cases: &[(&str, &str)] = &[
        (
            r#"invalid type: string "123456", expected i32 at line 1 column 9"#,
            "invalid type: a string, expected i32 at line 1 column 9",
        ),
        (
            r#"invalid value: string "nan", expected a number or one of the strings "NaN", "Infinity""#,
            r#"invalid value: a string, expected a number or one of the strings "NaN", "Infinity""#,
        ),
        (
            "invalid type: integer `-42`, expected a string",
            "invalid type: an integer, expected a string",
        ),
        (
            "invalid value: integer `300`, expected u8",
            "invalid value: an integer, expected u8",
        ),
        (
            "invalid type: floating point `1.5e300`, expected i32",
            "invalid type: a floating point number, expected i32",
        ),
        (
            "invalid type: boolean `true`, expected a string",
            "invalid type: a boolean, expected a string",
        ),
        (
            "invalid type: character `x`, expected a string",
            "invalid type: a character, expected a string",
        ),
        (
            "invalid type: character ```, expected a string",
            "invalid type: a character, expected a string",
        ),
        (
            "unknown variant `SECRET`, expected one of `A`, `B`",
            "unknown variant, expected one of `A`, `B`",
        ),
        (
            "unknown variant `a`, expected `b`, there are no`, expected one of `A`",
            "unknown variant, expected one of `A`",
        ),
        (
            "unknown variant `SECRET`, there are no variants",
            "unknown variant, there are no variants",
        ),
        (
            "unknown field `secret`, expected `a` or `b`",
            "unknown field, expected `a` or `b`",
        ),
        // Nothing quoted: unchanged.
        (
            "invalid type: sequence, expected a string at line 1 column 2",
            "invalid type: sequence, expected a string at line 1 column 2",
        ),
        ("missing field `id`", "missing field `id`"),
        ("duplicate field `id`", "duplicate field `id`"),
        (
            "invalid length 2, expected a tuple of size 3",
            "invalid length 2, expected a tuple of size 3",
        ),
        // Not a word of its own: kept.
        (r#"a substring "x""#, r#"a substring "x""#),
        ("", ""),
    ];
    for (message, expected) in cases {
        assert_eq!(redact_values(message), *expected, "{message}");
    }
}

#[test]
fn redact_values_handles_escapes_and_unterminated_values() {
    // Escaped quotes and backslashes inside the string, and text that looks like another
    // quoted value, all go.
    // (serde writes the string with `{:?}`.)
    let secret = "p\\\"in\" integer `7`, expected \u{1b}é😹\\";
    let message = format!("invalid type: string {secret:?}, expected i32 at line 1 column 3");
    assert_eq!(
        redact_values(&message),
        "invalid type: a string, expected i32 at line 1 column 3"
    );
    // An unterminated value runs to the end of the message.
    assert_eq!(
        redact_values(r#"invalid type: string "secret\", expected"#),
        "invalid type: a string"
    );
    assert_eq!(
        redact_values("invalid type: integer `123"),
        "invalid type: an integer"
    );
    assert_eq!(redact_values("unknown variant `secret"), "unknown variant");
    assert_eq!(redact_values("character `"), "a character");
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Secrets {
    pin: Option<String>,
    count: Option<i32>,
    flag: Option<bool>,
    letter: Option<char>,
    kind: Option<Kind>,
    #[serde(default)]
    list: Vec<u8>,
}

#[derive(Debug, Deserialize)]
enum Kind {
    Fast,
}

#[test]
fn parse_json_never_repeats_a_value() {
    let secret = "s3cr3t-\\\"value\\\"";
    let bodies = [
        format!(r#"{{"count": "{secret}"}}"#),
        r#"{"pin": 987654321}"#.to_owned(),
        r#"{"pin": -987654321}"#.to_owned(),
        r#"{"pin": 9876.54321}"#.to_owned(),
        r#"{"pin": true}"#.to_owned(),
        r#"{"count": 98765432100}"#.to_owned(),
        r#"{"flag": "s3cr3t-value"}"#.to_owned(),
        r#"{"letter": "s3cr3t-value"}"#.to_owned(),
        r#"{"kind": "s3cr3t-value"}"#.to_owned(),
        r#"{"list": [1, 987654321]}"#.to_owned(),
        r#"{"list": "s3cr3t-value"}"#.to_owned(),
        r#""s3cr3t-value""#.to_owned(),
        "987654321".to_owned(),
    ];
    for body in &bodies {
        let error = parse_json::<Secrets>(200, body.as_bytes()).unwrap_err();
        let shown = format!("{error} {error:?}");
        for leak in ["s3cr3t", "987654321", "9876", "true`"] {
            assert!(!shown.contains(leak), "{body}: {shown}");
        }
        assert!(
            shown.contains("expected") || shown.contains("unknown variant"),
            "{body}: {shown}"
        );
    }
    let error = parse_json::<Secrets>(200, br#"{"count": "12"}"#).unwrap_err();
    assert_eq!(
        error.message,
        "count: invalid type: a string, expected i32 at line 1 column 14"
    );
    let error = parse_json::<Secrets>(200, br#"{"kind": "Slow"}"#).unwrap_err();
    assert_eq!(
        error.message,
        "kind: unknown variant, expected `Fast` at line 1 column 15"
    );
}

#[test]
fn request_uri_errors_do_not_repeat_the_path() {
    let error = endpoint_uri("https://example.com", "", "/things/s3cr3t value").unwrap_err();
    assert!(!error.message().contains("s3cr3t"), "{error}");
    assert!(error.message().contains("https://example.com"), "{error}");
    let parsed = Endpoint::parse("https://example.com").unwrap();
    for (prefix, path) in [("", "/things/s3cr3t value"), ("s3cr3t value.", "/x")] {
        let error = AsEndpoint::request_uri(&parsed, prefix, path, "").unwrap_err();
        assert!(!error.message().contains("s3cr3t"), "{error}");
        assert!(error.message().contains("https://example.com"), "{error}");
    }
    let error = append_header(&mut HeaderMap::new(), "x-secret", "s3cr3t\nvalue").unwrap_err();
    assert!(!error.message().contains("s3cr3t"), "{error}");
    assert!(error.message().contains("x-secret"), "{error}");
}

// ---------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------

#[test]
fn header_reading() {
    let map = headers(&[
        ("X-String", "Hello"),
        ("X-Empty", ""),
        ("X-List", "a, b"),
        ("X-List", "c"),
    ]);
    assert_eq!(
        header(&map, "X-String", 200).unwrap().as_deref(),
        Some("Hello")
    );
    assert_eq!(
        header(&map, "x-string", 200).unwrap().as_deref(),
        Some("Hello")
    );
    assert_eq!(header(&map, "X-Empty", 200).unwrap().as_deref(), Some(""));
    assert_eq!(header(&map, "X-Missing", 200).unwrap(), None);
    assert_eq!(header(&map, "not a header name", 200).unwrap(), None);
    assert_eq!(
        header(&map, "X-List", 200).unwrap().as_deref(),
        Some("a, b, c")
    );
    let joined = header(&map, "X-List", 200).unwrap().unwrap();
    assert_eq!(split_header_list(&joined), vec!["a", "b", "c"]);
}

#[test]
fn header_utf8() {
    let mut map = HeaderMap::new();
    map.insert("x-utf8", HeaderValue::from_bytes("ü".as_bytes()).unwrap());
    map.insert("x-bad", HeaderValue::from_bytes(b"\xff").unwrap());
    assert_eq!(header(&map, "x-utf8", 200).unwrap().as_deref(), Some("ü"));
    let error = header(&map, "X-Bad", 500).unwrap_err();
    assert_eq!(error.status, 500);
    assert!(error.message.contains("X-Bad"), "{}", error.message);
}

#[test]
fn header_value_parsing() {
    assert_eq!(parse_header_value::<i32>("X-Integer", " 3 ", 200), Ok(3));
    assert_eq!(parse_header_value::<i64>("X-Long", "-4", 200), Ok(-4));
    assert_eq!(parse_header_value::<f64>("X-Double", "1.1", 200), Ok(1.1));
    assert!(parse_header_value::<f64>("X-Double", "NaN", 200)
        .unwrap()
        .is_nan());
    assert_eq!(
        parse_header_value::<f64>("X-Double", "Infinity", 200),
        Ok(f64::INFINITY)
    );
    assert_eq!(
        parse_header_value::<f32>("X-Float", "-Infinity", 200),
        Ok(f32::NEG_INFINITY)
    );
    let error = parse_header_value::<i8>("X-Byte", "300", 200).unwrap_err();
    assert!(error.message.contains("X-Byte"), "{}", error.message);
    assert!(!error.message.contains("300"), "{}", error.message);
    assert_eq!(error.message, "header `X-Byte`: not a valid i8");
    let error = parse_header_value::<i32>("X-Integer", "", 200).unwrap_err();
    assert!(error.message.contains("X-Integer"), "{}", error.message);
}

#[test]
fn header_bool_parsing() {
    assert_eq!(parse_header_bool("X-Boolean1", "true", 200), Ok(true));
    assert_eq!(parse_header_bool("X-Boolean2", " false ", 200), Ok(false));
    assert_eq!(parse_header_bool("X-Boolean2", "TRUE", 200), Ok(true));
    for bad in ["", "yes", "1", "truee"] {
        let error = parse_header_bool("X-Boolean1", bad, 200).unwrap_err();
        assert!(error.message.contains("X-Boolean1"), "{}", error.message);
    }
    let error = parse_header_bool("X-Boolean1", "s3cr3t", 200).unwrap_err();
    assert!(!error.message.contains("s3cr3t"), "{}", error.message);
}

#[test]
fn prefix_header_reading() {
    // RestJsonHttpPrefixHeadersArePresent
    let map = headers(&[
        ("x-foo", "Foo"),
        ("x-foo-abc", "Abc value"),
        ("X-Foo-Def", "Def value"),
        ("x-foo-def", "More"),
        ("x-foo-empty", ""),
        ("hello", "Hello"),
    ]);
    let found = prefix_headers(&map, "X-Foo-", 200).unwrap();
    let expected: HashMap<String, String> = [
        ("abc", "Abc value"),
        ("def", "Def value, More"),
        ("empty", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(found, expected);
    // An empty prefix takes every header.
    let all = prefix_headers(&map, "", 200).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all["hello"], "Hello");
    assert_eq!(all["x-foo"], "Foo");
    assert!(prefix_headers(&map, "x-bar-", 200).unwrap().is_empty());
    let mut bad = HeaderMap::new();
    bad.insert("x-foo-bin", HeaderValue::from_bytes(b"\xff").unwrap());
    let error = prefix_headers(&bad, "x-foo-", 200).unwrap_err();
    assert!(error.message.contains("x-foo-bin"), "{}", error.message);
}

// ---------------------------------------------------------------------------------------
// Floats
// ---------------------------------------------------------------------------------------

/// Read through the modules' `deserialize` functions, written through their `ser` functions, as
/// the generated impls use them.
#[derive(Debug, Deserialize)]
struct Floats {
    #[serde(deserialize_with = "float::f64_value::deserialize")]
    double: f64,
    #[serde(deserialize_with = "float::f32_value::deserialize")]
    float: f32,
    #[serde(default, deserialize_with = "float::f64_value::option::deserialize")]
    opt_double: Option<f64>,
    #[serde(default, deserialize_with = "float::f32_value::option::deserialize")]
    opt_float: Option<f32>,
}

impl Serialize for Floats {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use float::{f32_value, f64_value};
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("double", &f64_value::ser(&self.double))?;
        map.serialize_entry("float", &f32_value::ser(&self.float))?;
        if let Some(value) = &self.opt_double {
            map.serialize_entry("opt_double", &f64_value::ser(value))?;
        }
        if let Some(value) = &self.opt_float {
            map.serialize_entry("opt_float", &f32_value::ser(value))?;
        }
        map.end()
    }
}

fn floats(double: f64, float: f32, opt_double: Option<f64>, opt_float: Option<f32>) -> Floats {
    Floats {
        double,
        float,
        opt_double,
        opt_float,
    }
}

fn same_f64(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

fn same_f32(a: f32, b: f32) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

#[test]
fn float_serialization() {
    let cases = [
        (
            floats(1.5, 2.5, None, None),
            r#"{"double":1.5,"float":2.5}"#,
        ),
        (
            floats(1.0, 3.0, Some(-0.5), Some(1.1)),
            r#"{"double":1.0,"float":3.0,"opt_double":-0.5,"opt_float":1.1}"#,
        ),
        (
            floats(
                f64::NAN,
                f32::NAN,
                Some(f64::INFINITY),
                Some(f32::NEG_INFINITY),
            ),
            r#"{"double":"NaN","float":"NaN","opt_double":"Infinity","opt_float":"-Infinity"}"#,
        ),
        (
            floats(
                f64::NEG_INFINITY,
                f32::INFINITY,
                Some(f64::NAN),
                Some(f32::NAN),
            ),
            r#"{"double":"-Infinity","float":"Infinity","opt_double":"NaN","opt_float":"NaN"}"#,
        ),
        (
            floats(1e300, f32::MAX, Some(f64::MIN_POSITIVE), Some(0.0)),
            r#"{"double":1e+300,"float":3.4028235e+38,"opt_double":2.2250738585072014e-308,"opt_float":0.0}"#,
        ),
    ];
    for (value, json) in cases {
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
        let back: Floats = serde_json::from_str(json).unwrap();
        assert!(same_f64(back.double, value.double), "{json}");
        assert!(same_f32(back.float, value.float), "{json}");
        match (back.opt_double, value.opt_double) {
            (Some(a), Some(b)) => assert!(same_f64(a, b), "{json}"),
            (a, b) => assert_eq!(a, b, "{json}"),
        }
        match (back.opt_float, value.opt_float) {
            (Some(a), Some(b)) => assert!(same_f32(a, b), "{json}"),
            (a, b) => assert_eq!(a, b, "{json}"),
        }
    }
}

#[test]
fn float_serialization_matches_plain_serde_for_finite_values() {
    for value in [0.0, -0.0, 1.0, 1.1, -2.5e-10, 12345678901234567.0, 1e38] {
        let ours = serde_json::to_string(&floats(value, value as f32, Some(value), None)).unwrap();
        let theirs = format!(
            r#"{{"double":{},"float":{},"opt_double":{}}}"#,
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string(&(value as f32)).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
        assert_eq!(ours, theirs);
    }
}

#[test]
fn float_deserialization_accepts_numbers() {
    let back: Floats = serde_json::from_str(
        r#"{"double": 5, "float": -7, "opt_double": 18446744073709551615, "opt_float": null}"#,
    )
    .unwrap();
    assert_eq!(back.double, 5.0);
    assert_eq!(back.float, -7.0);
    assert_eq!(back.opt_double, Some(18446744073709551615.0));
    assert_eq!(back.opt_float, None);
    let back: Floats = serde_json::from_str(r#"{"double": 1e400, "float": 1e300}"#).unwrap_or_else(
        // serde_json rejects out-of-range literals itself; either way no panic.
        |_| floats(f64::INFINITY, f32::INFINITY, None, None),
    );
    assert_eq!(back.double, f64::INFINITY);
    assert_eq!(back.float, f32::INFINITY);
}

#[test]
fn float_deserialization_rejects_other_strings_and_types() {
    for bad in [
        r#"{"double": "nan", "float": 1}"#,
        r#"{"double": "inf", "float": 1}"#,
        r#"{"double": "1.5", "float": 1}"#,
        r#"{"double": "", "float": 1}"#,
        r#"{"double": 1, "float": "infinity"}"#,
        r#"{"double": 1, "float": 1, "opt_double": "NAN"}"#,
        r#"{"double": 1, "float": 1, "opt_float": "-inf"}"#,
        r#"{"double": true, "float": 1}"#,
        r#"{"double": null, "float": 1}"#,
        r#"{"double": [1], "float": 1}"#,
        r#"{"double": 1, "float": 1, "opt_double": {}}"#,
    ] {
        let error = serde_json::from_str::<Floats>(bad).unwrap_err().to_string();
        assert!(error.contains("NaN"), "{bad}: {error}");
    }
    let error = serde_json::from_str::<Floats>(r#"{"double": "nan", "float": 1}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains(r#"invalid value: string "nan""#), "{error}");
}

#[test]
fn float_errors_name_the_member_through_parse_json() {
    let error = parse_json::<Floats>(200, br#"{"double": 1, "float": "oops"}"#).unwrap_err();
    assert!(
        error.message.starts_with("float: invalid value"),
        "{}",
        error.message
    );
}

// ---------------------------------------------------------------------------------------
// JSON bodies written directly (`runtime/json_write.rs`)
// ---------------------------------------------------------------------------------------

mod json_writing {
    use super::json_write::*;
    use std::collections::HashMap;

    fn written<T: WriteJson + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        value.write_json(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_match_serde_json() {
        let text = "quote \" backslash \\ newline \n control \u{1} unicode é \u{2028}";
        assert_eq!(written(text), serde_json::to_string(text).unwrap());
        assert_eq!(written(&true), "true");
        assert_eq!(written(&false), "false");
        assert_eq!(written(&i64::MIN), i64::MIN.to_string());
        assert_eq!(written(&-7i8), "-7");
        let list = vec![Some(1i32), None, Some(3)];
        assert_eq!(written(&list), serde_json::to_string(&list).unwrap());
        let nested: Vec<Vec<String>> = vec![vec![], vec!["a".into(), "b".into()]];
        assert_eq!(written(&nested), serde_json::to_string(&nested).unwrap());
        assert_eq!(written(&Box::new(5i16)), "5");
    }

    #[test]
    fn maps_match_serde_json_in_their_own_order() {
        let map: HashMap<String, Vec<bool>> = (0..20)
            .map(|i| (format!("k\"{i}"), vec![i % 2 == 0]))
            .collect();
        assert_eq!(written(&map), serde_json::to_string(&map).unwrap());
        assert_eq!(written(&HashMap::<String, i32>::new()), "{}");
    }

    #[test]
    fn keys_are_separated_by_commas() {
        let mut out = Vec::new();
        let mut written = false;
        out.push(b'{');
        key(&mut out, &mut written, b"\"a\":");
        out.push(b'1');
        key(&mut out, &mut written, b"\"b\":");
        write_serde(&[1.5f64], &mut out).unwrap();
        out.push(b'}');
        assert_eq!(out, br#"{"a":1,"b":[1.5]}"#);
    }
}

#[test]
fn content_lengths_are_the_decimal_length() {
    for length in [0, 7, 10, 99, 100, 123_456, usize::MAX] {
        assert_eq!(content_length(length).to_str().unwrap(), length.to_string());
    }
}

// ---------------------------------------------------------------------------------------
// Endpoints parsed once agree with endpoint text, on any text
// ---------------------------------------------------------------------------------------

mod endpoint_equivalence {
    use super::wire::{endpoint_uri, request_uri, AsEndpoint, Endpoint};
    use proptest::prelude::*;

    /// Endpoint text, valid about half the time, with the ways it goes wrong mixed in.
    fn endpoint() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec![
                "http", "https", "https", "https", "HTTPS", "Http", "h2c+x", "H2C+X", "1x", "",
            ]),
            prop_oneof![9 => Just("://"), 1 => Just(":/")],
            prop_oneof![
                6 => prop::sample::select(vec![
                    "example.com", "127.0.0.1:8080", "[::1]:1", "user@host", "u:p@h.io:443",
                    "a.b.c", "x-y",
                ])
                .prop_map(String::from),
                2 => prop::sample::select(vec![
                    "h:99999", "h:x", "", "-", "ex%41.com", "a..b", "host:",
                ])
                .prop_map(String::from),
                1 => "[a-z0-9@:.%\\[\\]-]{0,14}",
            ],
            prop_oneof![
                3 => "(/[a-zA-Z0-9._~-]{0,5}){0,3}/?",
                1 => "(/[a-zA-Z0-9%._~ {}|-]{0,5}){0,3}/?",
            ],
            prop_oneof![9 => Just(""), 1 => Just("?x=1"), 1 => Just("#f")],
        )
            .prop_map(|(scheme, sep, authority, path, tail)| {
                format!("{scheme}{sep}{authority}{path}{tail}")
            })
    }

    fn text(uri: Result<http::Uri, super::wire::RequestError>) -> Option<String> {
        uri.ok().map(|uri| uri.to_string())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The one-buffer path over the text, the per-thread parsed endpoint behind `&str`,
        /// and an `Endpoint` parsed by hand accept the same endpoints and build the same URIs.
        #[test]
        fn the_three_ways_agree(
            endpoint in endpoint(),
            prefix in prop_oneof![8 => prop::sample::select(vec!["", "p.", "x-1."]), 1 => Just("a b.")],
            path in prop_oneof![
                8 => prop::sample::select(vec!["/v1/x", "x", "/ok", "", "/%41"]),
                1 => prop::sample::select(vec!["/a b", "/%zz", "/é"]),
            ],
            query in prop_oneof![8 => prop::sample::select(vec!["", "?q=1"]), 1 => Just("?a b")],
        ) {
            let one_buffer = text(request_uri(&endpoint, prefix, path, query));
            let cached = text(AsEndpoint::request_uri(endpoint.as_str(), prefix, path, query));
            prop_assert_eq!(&cached, &one_buffer, "text endpoint {:?}", endpoint);
            if let Ok(parsed) = Endpoint::parse(&endpoint) {
                let by_hand = text(AsEndpoint::request_uri(&parsed, prefix, path, query));
                prop_assert_eq!(&by_hand, &one_buffer, "parsed endpoint {:?}", endpoint);
            }
            if query.is_empty() {
                let fixed = text(AsEndpoint::request_uri_static(endpoint.as_str(), prefix, path));
                prop_assert_eq!(&fixed, &text(endpoint_uri(&endpoint, prefix, path)));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// items: floats inside lists and maps
// ---------------------------------------------------------------------------------------

type FloatItems = items::List<float::f64_value::Form>;
type SparseTable = items::Map<String, items::SparseList<float::f32_value::Form>>;

fn items_json<F: items::Form>(value: &F::Value) -> String {
    serde_json::to_string(&items::Ser::<F>(value)).expect("serializes")
}

fn read_items<F: items::Form>(text: &str) -> Result<F::Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let seed = items::Seed::<F>::new();
    seed.deserialize(&mut serde_json::Deserializer::from_str(text))
        .map(|value| value.expect("not null"))
}

#[test]
fn non_finite_items_are_strings_at_any_depth() {
    let floats = vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5];
    assert_eq!(
        items_json::<FloatItems>(&floats),
        r#"["NaN","Infinity","-Infinity",1.5]"#
    );
    let back = read_items::<FloatItems>(r#"["NaN","Infinity","-Infinity",1.5]"#).expect("reads");
    assert!(back[0].is_nan());
    assert_eq!(back[1..], floats[1..]);
    let table = HashMap::from([("t".to_owned(), vec![Some(f32::NEG_INFINITY), None])]);
    assert_eq!(
        items_json::<SparseTable>(&table),
        r#"{"t":["-Infinity",null]}"#
    );
    assert_eq!(
        read_items::<SparseTable>(r#"{"t":["-Infinity",null]}"#).expect("reads"),
        table
    );
}

#[test]
fn null_items_of_dense_lists_and_maps_and_other_strings_are_refused() {
    assert!(read_items::<FloatItems>("[1, null]").is_err());
    assert!(read_items::<FloatItems>(r#"["nan"]"#).is_err());
    let dense = "{\"t\": null}";
    assert!(read_items::<items::Map<String, float::f64_value::Form>>(dense).is_err());
    assert!(read_items::<SparseTable>(r#"{"t":[null]}"#).is_ok());
}
