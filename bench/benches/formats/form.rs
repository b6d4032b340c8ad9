//! An awsQuery request body written two ways: by our runtime's `Form` (RFC 3986 unreserved
//! characters kept, everything else percent-encoded, a space as `%20`, as the AWS SDKs write)
//! and by `form_urlencoded` (the WHATWG `application/x-www-form-urlencoded` serializer of
//! the `url` crate: a space as `+`, `*` kept and `~` encoded).

use crate::query::Form;

/// The pairs of a request as a generated writer pushes them, keys already made.
pub struct Request {
    pub action: &'static str,
    pub version: &'static str,
    pub pairs: Vec<(String, String)>,
}

/// A request with lists, a map, nested structures and values that must be escaped: spaces,
/// `=`, `&`, `+`, `/`, `%`, `~`, `*` and non-ASCII text.
pub fn typical() -> Request {
    let mut pairs = Vec::new();
    for i in 1..=8 {
        pairs.push((format!("ListArg.member.{i}"), format!("value {i}")));
    }
    for (i, value) in [
        "a=b&c",
        "1 + 1 = 2",
        "path/to/key",
        "100%",
        "tilde~star*",
        "Grüße",
        "日本語",
    ]
    .iter()
    .enumerate()
    {
        pairs.push((format!("Tags.member.{}.Value", i + 1), (*value).to_owned()));
        pairs.push((format!("Tags.member.{}.Key", i + 1), format!("key-{i}")));
    }
    for i in 1..=4 {
        pairs.push((format!("MapArg.entry.{i}.key"), format!("k{i}")));
        pairs.push((
            format!("MapArg.entry.{i}.value"),
            format!("a value with spaces {i}"),
        ));
    }
    pairs.push(("Nested.Inner.Name".to_owned(), "x".repeat(64)));
    Request {
        action: "QueryLists",
        version: "2020-01-08",
        pairs,
    }
}

/// The same shape with values both encoders write byte for byte alike (only unreserved
/// characters and characters both percent-encode).
pub fn plain() -> Request {
    let mut request = typical();
    for (_, value) in &mut request.pairs {
        *value = value.replace([' ', '~', '*'], "_");
    }
    request
}

pub fn ours(request: &Request) -> Vec<u8> {
    let mut form = Form::new(request.action, request.version);
    for (key, value) in &request.pairs {
        form.push(key, value);
    }
    form.into_bytes()
}

pub fn form_urlencoded(request: &Request) -> Vec<u8> {
    let mut form = ::form_urlencoded::Serializer::new(String::with_capacity(256));
    form.append_pair("Action", request.action);
    form.append_pair("Version", request.version);
    for (key, value) in &request.pairs {
        form.append_pair(key, value);
    }
    form.finish().into_bytes()
}

/// The pairs a form decoder reads from `body`.
pub fn decoded(body: &[u8]) -> Vec<(String, String)> {
    ::form_urlencoded::parse(body).into_owned().collect()
}
