//! Unit tests of the endpoint rules interpreter's `functions` module (`runtime/endpoint_rules/functions.rs`),
//! kept here so that generated crates carry that file whole.

use serde_json::{json, Value};

use crate::rules::functions::*;

#[test]
fn get_attr_follows_keys_and_indexes() {
    let v = json!({"a": {"b": ["x", "y", "z"]}});
    assert_eq!(get_attr(&v, &parse_path("a.b[1]").unwrap()), json!("y"));
    assert_eq!(get_attr(&v, &parse_path("a.b[3]").unwrap()), Value::Null);
    assert_eq!(get_attr(&v, &parse_path("a.b[-1]").unwrap()), json!("z"));
    assert_eq!(get_attr(&v, &parse_path("a.b[-3]").unwrap()), json!("x"));
    assert_eq!(get_attr(&v, &parse_path("a.b[-4]").unwrap()), Value::Null);
    assert_eq!(get_attr(&v, &parse_path("a.c").unwrap()), Value::Null);
    assert_eq!(
        get_attr(&json!(["p", "q"]), &parse_path("[0]").unwrap()),
        json!("p")
    );
    assert!(parse_path("a..b").is_err());
    assert!(parse_path("a[x]").is_err());
}

#[test]
fn substring_forward_and_reverse() {
    assert_eq!(substring("abcdefg", 0, 4, false), json!("abcd"));
    assert_eq!(substring("abcdefg", 0, 4, true), json!("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true), json!("ef"));
    assert_eq!(substring("abc", 0, 4, false), Value::Null);
    assert_eq!(substring("abcd", 2, 2, false), Value::Null);
    assert_eq!(substring("ab\u{e9}cd", 0, 2, false), Value::Null);
}

#[test]
fn uri_encode_keeps_only_unreserved() {
    assert_eq!(uri_encode("a b/c~d_e.f-g"), "a%20b%2Fc~d_e.f-g");
    assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
    assert_eq!(uri_encode("*"), "%2A");
}

#[test]
fn host_labels() {
    assert!(is_valid_host_label("us-east-1", false));
    assert!(!is_valid_host_label("-bad", false));
    assert!(!is_valid_host_label("", false));
    assert!(!is_valid_host_label("a.b", false));
    assert!(is_valid_host_label("a.b", true));
    assert!(!is_valid_host_label("a..b", true));
    assert!(!is_valid_host_label(&"a".repeat(64), false));
}

#[test]
fn parse_url_parts() {
    assert_eq!(
        parse_url("https://example.com:8443/a/b"),
        json!({"scheme": "https", "authority": "example.com:8443", "path": "/a/b",
               "normalizedPath": "/a/b/", "isIp": false})
    );
    assert_eq!(parse_url("http://127.0.0.1")["normalizedPath"], json!("/"));
    assert_eq!(parse_url("http://127.0.0.1")["isIp"], json!(true));
    assert_eq!(parse_url("http://[::1]:80/")["isIp"], json!(true));
    assert_eq!(parse_url("https://example.com/?q=1"), Value::Null);
    assert_eq!(parse_url("ftp://example.com"), Value::Null);
    assert_eq!(parse_url("example.com"), Value::Null);
}

#[test]
fn split_limits() {
    assert_eq!(split("a--b--c", "--", 0), json!(["a", "b", "c"]));
    assert_eq!(split("a--b--c", "--", 1), json!(["a--b--c"]));
    assert_eq!(split("a--b--c", "--", 2), json!(["a", "b--c"]));
    assert_eq!(split("", "--", 0), json!([""]));
}
