//! Sketches of cheaper ways to do what the generated code does, measured beside it so that the
//! suggestions in BENCHMARKS.md carry numbers. They are not the generator's code and need not
//! handle every case it handles (labels, query strings, host prefixes): only what this
//! operation needs.

use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{HeaderValue, Method, Request, Uri};
use serde::Serialize;

/// The operation's fixed path (no labels, no query).
pub const PATH: &str = "/v1/whatsapp/signup";

/// One `String` for the URI (no `format!`, no intermediate strings), parsed once;
/// `Request::new` and typed header constants instead of the builder and header names parsed
/// from text.
pub fn one_string_request<T: Serialize>(input: &T, endpoint: &str) -> Request<Vec<u8>> {
    let body = serde_json::to_vec(input).expect("serializable");
    let base = endpoint.trim_end_matches('/');
    let mut uri = String::with_capacity(base.len() + PATH.len());
    uri.push_str(base);
    uri.push_str(PATH);
    let uri = Uri::try_from(uri).expect("valid URI");
    finish(body, uri)
}

/// An endpoint checked and split once, when the client is configured, instead of per request.
#[derive(Clone, Debug)]
pub struct Endpoint {
    scheme: Scheme,
    authority: Authority,
}

impl Endpoint {
    pub fn parse(endpoint: &str) -> Endpoint {
        let uri: Uri = endpoint.parse().expect("valid endpoint");
        let parts = uri.into_parts();
        Endpoint {
            scheme: parts.scheme.expect("scheme"),
            authority: parts.authority.expect("authority"),
        }
    }
}

/// [`one_string_request`] with a pre-parsed [`Endpoint`] and a static path: no URI parsing at
/// all per request (cloning the scheme and authority only bumps reference counts).
pub fn preparsed_endpoint_request<T: Serialize>(
    input: &T,
    endpoint: &Endpoint,
) -> Request<Vec<u8>> {
    let body = serde_json::to_vec(input).expect("serializable");
    let mut parts = http::uri::Parts::default();
    parts.scheme = Some(endpoint.scheme.clone());
    parts.authority = Some(endpoint.authority.clone());
    parts.path_and_query = Some(PathAndQuery::from_static(PATH));
    let uri = Uri::from_parts(parts).expect("valid URI");
    finish(body, uri)
}

fn finish(body: Vec<u8>, uri: Uri) -> Request<Vec<u8>> {
    let length = body.len();
    let mut request = Request::new(body);
    *request.method_mut() = Method::POST;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    request
}

/// The ARN pattern of `EventDestinationArn`, the costliest check of the typical input
/// (compared across engines in `benches/support/patterns.rs`).
pub const ARN_PATTERN: &str = "^arn:.*:[a-z-]+([/:](.*))?$";
/// The value it is checked against in the typical input.
pub const ARN_VALUE: &str = "arn:aws:sns:us-east-1:123456789012:events";
