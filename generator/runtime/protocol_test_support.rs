//! Assertions shared by generated protocol compliance tests.

use std::collections::HashMap;

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_pairs(uri: &http::Uri) -> Vec<(String, String)> {
    uri.query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(pair), String::new()),
        })
        .collect()
}

/// `queryParams` (each `key=value` present), `forbidQueryParams`, `requireQueryParams`.
pub fn assert_query(uri: &http::Uri, expected: &[&str], forbid: &[&str], require: &[&str]) {
    let mut actual = query_pairs(uri);
    for pair in expected {
        let (key, value) = match pair.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(pair), String::new()),
        };
        let found = actual.iter().position(|(k, v)| *k == key && *v == value);
        match found {
            Some(i) => {
                actual.remove(i);
            }
            None => panic!("query parameter `{pair}` missing from `{uri}`"),
        }
    }
    let keys: Vec<(String, String)> = query_pairs(uri);
    for key in forbid {
        assert!(!keys.iter().any(|(k, _)| k == key), "query parameter `{key}` must not be in `{uri}`");
    }
    for key in require {
        assert!(keys.iter().any(|(k, _)| k == key), "query parameter `{key}` must be in `{uri}`");
    }
}

/// `headers` (equal values), `forbidHeaders`, `requireHeaders`; names case-insensitively.
pub fn assert_headers(headers: &http::HeaderMap, expected: &[(&str, &str)], forbid: &[&str], require: &[&str]) {
    for (name, value) in expected {
        let actual: Vec<&str> = headers.get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
        assert!(!actual.is_empty(), "header `{name}` missing");
        assert_eq!(actual.join(", "), *value, "header `{name}`");
    }
    for name in forbid {
        assert!(!headers.contains_key(*name), "header `{name}` must not be sent");
    }
    for name in require {
        assert!(headers.contains_key(*name), "header `{name}` must be sent");
    }
}

/// The pairs of a form body, decoded and sorted: forms say the same in any order.
fn form_pairs(body: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = body
        .split('&')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(pair), String::new()),
        })
        .collect();
    pairs.sort();
    pairs
}

/// The body, compared as JSON for JSON media types, as pairs in any order for forms, and
/// byte for byte otherwise.
pub fn assert_body(actual: &[u8], expected: &str, media_type: Option<&str>) {
    if media_type.is_some_and(|m| m.contains("x-www-form-urlencoded")) {
        let actual = String::from_utf8_lossy(actual);
        assert_eq!(form_pairs(&actual), form_pairs(expected), "form body\nactual:   {actual}\nexpected: {expected}");
        return;
    }
    let json = media_type.is_some_and(|m| m.contains("json"));
    if json && !(expected.is_empty() && actual.is_empty()) {
        let actual_value: serde_json::Value = serde_json::from_slice(actual)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(actual)));
        let expected_value: serde_json::Value =
            serde_json::from_str(expected).unwrap_or_else(|e| panic!("expected body is not JSON ({e})"));
        assert_eq!(actual_value, expected_value, "JSON body");
    } else {
        assert_eq!(String::from_utf8_lossy(actual), expected, "body");
    }
}

/// A header map from the test case's pairs.
pub fn header_map(pairs: &[(&str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        if let (Ok(name), Ok(value)) = (
            http::header::HeaderName::from_bytes(name.as_bytes()),
            http::header::HeaderValue::from_str(value),
        ) {
            map.append(name, value);
        }
    }
    map
}

/// Two values equal as JSON (so that NaN equals NaN, as the wire sees it).
pub fn assert_same<T: serde::Serialize + std::fmt::Debug>(actual: &T, expected: &T) {
    let a = serde_json::to_value(actual).unwrap_or(serde_json::Value::Null);
    let e = serde_json::to_value(expected).unwrap_or(serde_json::Value::Null);
    assert_eq!(a, e, "\nactual:   {actual:?}\nexpected: {expected:?}");
}

/// A map from pairs, for map-valued parameters.
pub fn map<K: std::hash::Hash + Eq, V>(pairs: Vec<(K, V)>) -> HashMap<K, V> {
    pairs.into_iter().collect()
}
