//! Arbitrary HTTP responses (status, headers, body) into the generated `parse_response` of
//! two crates: `socialmessaging` (AssociateWhatsAppBusinessAccount) and the feature-coverage
//! crate (UploadThing: header lists, prefix headers, dates, a recursive payload). Each must
//! return `Ok` or `Err`, never panic; bodies can be wrapped in deep nesting, which must be an
//! error rather than a stack overflow.

#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

/// Header names the two operations read, and some they do not.
const HEADER_NAMES: &[&str] = &[
    "x-amzn-errortype",
    "x-amzn-requestid",
    "content-type",
    "etag",
    "last-modified",
    "x-items",
    "x-meta-owner",
    "x-meta-",
    "x-amz-apigw-id",
];

/// Openings that nest a body, each matching a recursive path of one of the outputs or
/// nothing at all; the closing text is derived from the opening.
const NESTINGS: &[&str] = &[
    "[",
    "{\"a\":",
    "{\"children\":[",
    "{\"next\":",
    "{\"linkedAccountsWithIncompleteSetup\":{\"x\":",
    "{\"signupCallbackResult\":",
    "{\"message\":",
    "{\"__type\":",
];

#[derive(Arbitrary, Debug)]
struct Header {
    /// An index into `HEADER_NAMES`, or an arbitrary name.
    known: Option<u8>,
    name: String,
    value: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct Response {
    status: u16,
    headers: Vec<Header>,
    body: Vec<u8>,
    /// Wrap the body in `depth` levels of `NESTINGS[nesting]`.
    nesting: u8,
    depth: u16,
}

fn closing(opening: &str) -> String {
    opening
        .chars()
        .rev()
        .filter_map(|c| match c {
            '[' => Some(']'),
            '{' => Some('}'),
            _ => None,
        })
        .collect()
}

fuzz_target!(|response: Response| {
    let mut headers = http::HeaderMap::new();
    for header in &response.headers {
        let name = match header.known {
            Some(i) => HEADER_NAMES[usize::from(i) % HEADER_NAMES.len()],
            None => header.name.as_str(),
        };
        let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_bytes(&header.value),
        ) else {
            continue;
        };
        headers.append(name, value);
    }
    let mut body = response.body.clone();
    if response.depth > 0 {
        let opening = NESTINGS[usize::from(response.nesting) % NESTINGS.len()];
        // Up to 65,504 levels: far past serde_json's limit of 128, not so far that building
        // the body dominates the run.
        let depth = usize::from(response.depth % 2048) * 32;
        let mut nested = opening.repeat(depth).into_bytes();
        nested.extend_from_slice(&body);
        nested.extend_from_slice(closing(opening).repeat(depth).as_bytes());
        body = nested;
    }
    let status = response.status;
    let _ = socialmessaging::operation::associate_whats_app_business_account::parse_response(
        status, &headers, &body,
    );
    let _ = features_model::operation::upload_thing::parse_response(status, &headers, &body);
    // The same body on the success path, whatever the status drawn.
    let _ = socialmessaging::operation::associate_whats_app_business_account::parse_response(
        200, &headers, &body,
    );
    let _ = features_model::operation::upload_thing::parse_response(202, &headers, &body);
    // Every type of required member, corrected when left out (client error correction).
    let _ = features_model::operation::read_everything::parse_response(200, &headers, &body);
});
