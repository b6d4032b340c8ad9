//! Wire helpers for the restJson1 protocol and the Smithy HTTP binding traits: percent-encoding
//! of labels and query strings, header lists, error codes and messages, endpoints, idempotency
//! tokens and reading JSON bodies and headers with errors that name what was wrong.
//!
//! Nothing here panics, whatever the input.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use http::HeaderMap;

/// A request could not be built (e.g. a missing or empty label, an invalid header value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    message: String,
}

impl RequestError {
    /// An error with the given description.
    pub fn new(message: impl Into<String>) -> Self {
        RequestError {
            message: message.into(),
        }
    }

    /// The JSON body could not be written (a value serde refuses, such as an unknown union
    /// member).
    pub fn json_body(error: serde_json::Error) -> Self {
        RequestError::new(format!("cannot write the JSON body: {error}"))
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build request: {}", self.message)
    }
}

impl std::error::Error for RequestError {}

/// A response could not be read: status plus a message naming the member path where known,
/// and the response's request IDs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidResponse {
    /// The HTTP status code of the response.
    pub status: u16,
    /// What was wrong, naming the member path or header where known.
    pub message: String,
    request_ids: crate::primitives::RequestIds,
}

impl InvalidResponse {
    /// The response of status `status` could not be read, for the reason `message`.
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        InvalidResponse {
            status,
            message: message.into(),
            request_ids: crate::primitives::RequestIds::default(),
        }
    }

    /// The request ID of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.request_ids.request_id()
    }

    /// S3's extended request ID (`x-amz-id-2`) of the response.
    pub fn extended_request_id(&self) -> Option<&str> {
        self.request_ids.extended_request_id()
    }
}

impl crate::primitives::RequestId for InvalidResponse {
    fn request_ids(&self) -> &crate::primitives::RequestIds {
        &self.request_ids
    }
}

impl crate::primitives::request_id::SetRequestIds for InvalidResponse {
    fn set_request_ids(&mut self, ids: crate::primitives::RequestIds) {
        self.request_ids = ids;
    }
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid response (HTTP {}): {}",
            self.status, self.message
        )
    }
}

impl std::error::Error for InvalidResponse {}

impl crate::error::ErrorInfo for InvalidResponse {
    fn code(&self) -> Option<&str> {
        None
    }

    fn message(&self) -> Option<&str> {
        Some(&self.message)
    }

    fn http_status(&self) -> Option<u16> {
        Some(self.status)
    }

    /// The same response would be just as unreadable.
    fn worth_retrying(&self) -> bool {
        false
    }
}

// ---------------------------------------------------------------------------------------
// Percent-encoding
// ---------------------------------------------------------------------------------------

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if is_unreserved(byte) || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes (a `%` not followed by two hex digits is kept as it is).
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'%' {
            let high = bytes.get(i + 1).copied().and_then(hex_value);
            let low = bytes.get(i + 2).copied().and_then(hex_value);
            if let (Some(high), Some(low)) = (high, low) {
                out.push((high << 4) | low);
                i += 3;
                continue;
            }
        }
        out.push(byte);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a path label (RFC 3986): every byte of the UTF-8 form except the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`. A greedy label (`{name+}`) keeps `/`.
pub fn encode_label(value: &str, greedy: bool) -> String {
    percent_encode(value, greedy)
}

/// Appends the text of the URI label `label` to `path`, percent-encoded ([`encode_label`]);
/// an error naming the label when the text is empty, as that would change the path.
pub fn push_label(
    path: &mut String,
    value: &impl std::fmt::Display,
    label: &str,
    greedy: bool,
) -> Result<(), RequestError> {
    let text = value.to_string();
    if text.is_empty() {
        return Err(RequestError::new(format!(
            "the URI label `{label}` is empty"
        )));
    }
    path.push_str(&encode_label(&text, greedy));
    Ok(())
}

/// Percent-encodes a query key or value with the rules of [`encode_label`] (not greedy): a
/// space becomes `%20`, and `/`, `&`, `=` and `+` are encoded too.
pub fn encode_query(value: &str) -> String {
    percent_encode(value, false)
}

// ---------------------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------------------

/// A query string under construction: the literal query of the `http` trait's URI followed by
/// the bound members (`httpQuery`, `httpQueryParams`), in the order they are pushed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryString {
    /// Encoded `key=value` or `key` pieces.
    pieces: Vec<String>,
    /// The decoded keys present, for [`QueryString::contains`].
    keys: Vec<String>,
}

impl QueryString {
    /// Starts from the literal query of the `http` trait's URI (the text after `?`, already
    /// encoded, e.g. `x-id=GetObject&flag`); it may be empty.
    pub fn new(literal: &str) -> Self {
        let mut query = QueryString::default();
        for piece in literal.split('&').filter(|piece| !piece.is_empty()) {
            let key = piece.split('=').next().unwrap_or(piece);
            query.keys.push(percent_decode(key));
            query.pieces.push(piece.to_owned());
        }
        query
    }

    /// Adds `key=value`, percent-encoding both. Repeated keys are kept (lists repeat the key).
    pub fn push(&mut self, key: &str, value: &str) {
        self.pieces
            .push(format!("{}={}", encode_query(key), encode_query(value)));
        self.keys.push(key.to_owned());
    }

    /// Whether `key` (unencoded) is already present, from the literal or a push; used so that
    /// `httpQueryParams` does not override keys bound by `httpQuery`.
    pub fn contains(&self, key: &str) -> bool {
        self.keys.iter().any(|existing| existing == key)
    }

    /// `""` when empty, otherwise `?` followed by the pieces joined with `&`.
    pub fn finish(self) -> String {
        if self.pieces.is_empty() {
            String::new()
        } else {
            format!("?{}", self.pieces.join("&"))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Header lists
// ---------------------------------------------------------------------------------------

/// A string list item as written in a header list: quoted (with `\"` and `\\` escapes) when
/// it contains `,` or `"`, has leading or trailing whitespace, or is empty (so that it reads
/// back as one empty item); otherwise unchanged.
pub fn header_list_item(value: &str) -> Cow<'_, str> {
    let needs_quotes = value.is_empty()
        || value.contains([',', '"'])
        || value.starts_with([' ', '\t'])
        || value.ends_with([' ', '\t']);
    if !needs_quotes {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Cow::Owned(out)
}

/// Splits a comma-separated header value into its items, trimming spaces and tabs around each.
/// An item in double quotes may contain commas, and `\` escapes the next character inside it;
/// an unterminated quote runs to the end of the value. A value that is empty (or only
/// whitespace) is an empty list; empty items between commas are kept as `""`.
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    if value.trim_matches([' ', '\t']).is_empty() {
        return items;
    }
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => {
                        if let Some(escaped) = chars.next() {
                            item.push(escaped);
                        }
                    }
                    _ => item.push(c),
                }
            }
            // Anything between the closing quote and the next comma is kept, trimmed.
            let mut rest = String::new();
            while let Some(c) = chars.next_if(|c| *c != ',') {
                rest.push(c);
            }
            item.push_str(rest.trim_matches([' ', '\t']));
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                item.push(c);
            }
            let trimmed = item.trim_end_matches([' ', '\t']).len();
            item.truncate(trimmed);
        }
        items.push(item);
        if chars.next().is_none() {
            break;
        }
    }
    items
}

/// Splits a list of http-dates (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 ...`), which
/// contain a comma each, after every second comma; items are trimmed. An empty value is an
/// empty list.
pub fn split_http_date_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    if value.trim().is_empty() {
        return items;
    }
    let mut parts = value.split(',');
    while let Some(first) = parts.next() {
        let item = match parts.next() {
            Some(second) => format!("{},{}", first, second),
            None => first.to_owned(),
        };
        items.push(item.trim().to_owned());
    }
    items
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// The top-level members of a JSON object body, or `None` when it is not one.
fn json_object(body: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    serde_json::from_slice(body).ok()
}

fn string_member<'a>(
    object: &'a serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> Option<&'a str> {
    object.get(name).and_then(serde_json::Value::as_str)
}

/// The header that names the error first; a constant, so that its name is not parsed again
/// for every response.
const ERROR_TYPE_HEADER: http::HeaderName = http::HeaderName::from_static("x-amzn-errortype");

/// The error's shape name: the `X-Amzn-Errortype` header, else the body's `__type`, else its
/// `code`, each sanitized with [`sanitize_error_code`]; `None` when none gives a non-empty name.
/// A name from the header is borrowed from it.
pub fn error_code<'a>(headers: &'a HeaderMap, body: &[u8]) -> Option<Cow<'a, str>> {
    let from_header = headers
        .get_all(&ERROR_TYPE_HEADER)
        .iter()
        .filter_map(|value| std::str::from_utf8(value.as_bytes()).ok())
        .map(sanitize_error_code)
        .find(|code| !code.is_empty());
    if let Some(code) = from_header {
        return Some(Cow::Borrowed(code));
    }
    let object = json_object(body)?;
    ["__type", "code"]
        .iter()
        .filter_map(|name| string_member(&object, name))
        .map(sanitize_error_code)
        .find(|code| !code.is_empty())
        .map(|code| Cow::Owned(code.to_owned()))
}

/// Reduces an error type to the shape name: drops everything from the first `:` (a URL some
/// services append), then everything up to the last `#` (the namespace), then trims whitespace.
/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/...` gives `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    // `:` and `#` are ASCII, so their positions are character boundaries.
    let bytes = raw.as_bytes();
    let end = bytes.iter().position(|&b| b == b':').unwrap_or(bytes.len());
    let start = bytes[..end]
        .iter()
        .rposition(|&b| b == b'#')
        .map_or(0, |hash| hash + 1);
    raw.get(start..end).unwrap_or("").trim()
}

/// The request ID headers AWS services send: `x-amzn-RequestId` (S3: `x-amz-request-id`).
const REQUEST_ID_HEADERS: [http::HeaderName; 2] = [
    http::HeaderName::from_static("x-amzn-requestid"),
    http::HeaderName::from_static("x-amz-request-id"),
];
/// S3's extended request ID.
const EXTENDED_REQUEST_ID_HEADER: http::HeaderName = http::HeaderName::from_static("x-amz-id-2");

/// The first non-empty text of a header among `names`.
fn header_text(headers: &HeaderMap, names: &[http::HeaderName]) -> Option<String> {
    names
        .iter()
        .filter_map(|name| headers.get(name))
        .filter_map(|value| value.to_str().ok())
        .map(str::trim)
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

/// The request IDs of a response from its headers: `x-amzn-RequestId` (the JSON and CBOR
/// protocols), else `x-amz-request-id` (S3), and S3's extended `x-amz-id-2`.
pub fn request_ids(headers: &HeaderMap) -> crate::primitives::RequestIds {
    crate::primitives::RequestIds::new(
        header_text(headers, &REQUEST_ID_HEADERS),
        header_text(headers, std::slice::from_ref(&EXTENDED_REQUEST_ID_HEADER)),
    )
}

/// The request IDs of a query protocol's response: `body_id`, the body's
/// (`xml::body_request_id`), else the headers' ([`request_ids`]).
pub fn query_request_ids(
    headers: &HeaderMap,
    body_id: Option<String>,
) -> crate::primitives::RequestIds {
    let ids = request_ids(headers);
    match body_id {
        Some(id) => crate::primitives::RequestIds::new(
            Some(id),
            ids.extended_request_id().map(str::to_owned),
        ),
        None => ids,
    }
}

/// The outcome of reading a response, its output or error given the response's request IDs.
pub fn with_request_ids<O, E>(
    ids: crate::primitives::RequestIds,
    read: Result<O, E>,
) -> Result<O, E>
where
    O: crate::primitives::request_id::SetRequestIds,
    E: crate::primitives::request_id::SetRequestIds,
{
    match read {
        Ok(mut output) => {
            output.set_request_ids(ids);
            Ok(output)
        }
        Err(mut error) => {
            error.set_request_ids(ids);
            Err(error)
        }
    }
}

/// A modeled error structure read from an error response (restJson1).
pub trait FromResponse: Sized {
    /// Reads the error from the response's status, headers and body.
    fn from_response(
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, InvalidResponse>;
}

/// An error response being matched against an operation's errors (enum `E`): its code, and
/// what each arm of the match needs to read the error it names.
pub struct ErrorResponse<'a, E> {
    response: ErrorParts<'a>,
    invalid: fn(InvalidResponse) -> E,
}

/// What [`ErrorResponse`] reads, apart from the operation's error type so that the code
/// reading it is compiled once, not per operation.
struct ErrorParts<'a> {
    status: u16,
    headers: &'a HeaderMap,
    body: &'a [u8],
    code: Option<Cow<'a, str>>,
    /// The message when the protocol read it with the code (restXml's `<Message>`).
    message: Option<String>,
}

impl ErrorParts<'_> {
    fn unhandled(&self) -> crate::error::Unhandled {
        crate::error::Unhandled {
            message: self.message.clone().or_else(|| error_message(self.body)),
            code: self.code.as_deref().map(str::to_owned),
            http_status: Some(self.status),
            ..Default::default()
        }
    }
}

impl<'a, E> ErrorResponse<'a, E> {
    /// The response, with `invalid` the variant of `E` for a response that does not parse.
    pub fn new(
        status: u16,
        headers: &'a HeaderMap,
        body: &'a [u8],
        invalid: fn(InvalidResponse) -> E,
    ) -> Self {
        let code = error_code(headers, body);
        let mut response = ErrorResponse::with_code(status, headers, body, (None, None), invalid);
        response.response.code = code;
        response
    }

    /// [`ErrorResponse::new`] with the code and message read by the protocol (restXml's
    /// `<Code>` and `<Message>`): `(code, message)`.
    pub fn with_code(
        status: u16,
        headers: &'a HeaderMap,
        body: &'a [u8],
        (code, message): (Option<String>, Option<String>),
        invalid: fn(InvalidResponse) -> E,
    ) -> Self {
        ErrorResponse {
            response: ErrorParts {
                status,
                headers,
                body,
                code: code.map(Cow::Owned),
                message,
            },
            invalid,
        }
    }

    /// The error code ([`error_code`]).
    pub fn code(&self) -> Option<&str> {
        self.response.code.as_deref()
    }

    /// The response read as the modeled error `T`, in the variant that holds it.
    pub fn read<T: FromResponse>(&self, variant: fn(T) -> E) -> E {
        let ErrorParts {
            status,
            headers,
            body,
            ..
        } = self.response;
        match T::from_response(status, headers, body) {
            Ok(error) => variant(error),
            Err(invalid) => (self.invalid)(invalid),
        }
    }

    /// The response as an error the operation does not model.
    pub fn unhandled(&self) -> crate::error::Unhandled {
        self.response.unhandled()
    }
}

/// The error message in a JSON body: its `message`, else `Message`, else `errorMessage` member
/// (string values only). `None` for a body that is not a JSON object.
pub fn error_message(body: &[u8]) -> Option<String> {
    let object = json_object(body)?;
    ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|name| string_member(&object, name))
        .map(str::to_owned)
}

// ---------------------------------------------------------------------------------------
// Idempotency tokens
// ---------------------------------------------------------------------------------------

std::thread_local! {
    static FIXED_TOKEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with every token filled in on this thread being `token`: for tests and for
/// callers that make their own tokens (retries must reuse one token).
pub fn with_idempotency_token<T>(token: &str, f: impl FnOnce() -> T) -> T {
    let previous = FIXED_TOKEN.with(|fixed| fixed.replace(Some(token.to_owned())));
    let result = f();
    FIXED_TOKEN.with(|fixed| *fixed.borrow_mut() = previous);
    result
}

/// A new random UUID (version 4) in lowercase `8-4-4-4-12` form, for `@idempotencyToken`
/// members left unset.
///
/// The bits come from the standard library's randomly keyed hasher applied to the time, the
/// thread and a process-wide counter: tokens are unique, but they are not cryptographically
/// random and must not be used as secrets.
pub fn idempotency_token() -> String {
    if let Some(token) = FIXED_TOKEN.with(|fixed| fixed.borrow().clone()) {
        return token;
    }
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hash, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos())
        .unwrap_or(0);
    let thread = std::thread::current().id();
    let half = |which: u8| {
        let mut hasher = RandomState::new().build_hasher();
        which.hash(&mut hasher);
        count.hash(&mut hasher);
        now.hash(&mut hasher);
        thread.hash(&mut hasher);
        hasher.finish()
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&half(0).to_be_bytes());
    bytes[8..].copy_from_slice(&half(1).to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)].to_ascii_lowercase()));
        out.push(char::from(
            HEX[usize::from(byte & 0x0f)].to_ascii_lowercase(),
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------

/// The request URI: `endpoint` (`scheme://host[:port][/base/path]`) with `host_prefix` (already
/// expanded, e.g. `abc.data.`) put before the host, and `path_and_query` (e.g. `/v1/x?y=z`)
/// appended to the base path without doubling the `/`.
pub fn endpoint_uri(
    endpoint: &str,
    host_prefix: &str,
    path_and_query: &str,
) -> Result<http::Uri, RequestError> {
    request_uri(endpoint, host_prefix, path_and_query, "")
}

/// [`endpoint_uri`] with the path and the query (`""` or `?...`) apart, so that the URI is
/// written once into one buffer and parsed once.
pub fn request_uri(
    endpoint: &str,
    host_prefix: &str,
    path: &str,
    query: &str,
) -> Result<http::Uri, RequestError> {
    let parts = EndpointParts::split(endpoint)?;
    let pieces = [
        parts.scheme,
        "://",
        parts.user_info,
        host_prefix,
        parts.host_and_port,
        parts.base_path,
        path_separator(parts.base_path, path),
        path,
        query,
    ];
    let mut uri = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in pieces {
        uri.push_str(piece);
    }
    http::Uri::try_from(uri).map_err(|e| invalid_request_uri(endpoint, e))
}

/// `/` between the base path and an operation path that does not start with one. An empty
/// operation path (S3's `/{Bucket}` routed by the endpoint) is the base path alone, or `/`.
fn path_separator(base_path: &str, path: &str) -> &'static str {
    if path.starts_with('/') || (path.is_empty() && !base_path.is_empty()) {
        ""
    } else {
        "/"
    }
}

// The path, query and host prefix hold member values (which may be `@sensitive`): the
// message names only the endpoint, which the caller chose.
fn invalid_request_uri(endpoint: &str, error: impl fmt::Display) -> RequestError {
    RequestError::new(format!(
        "invalid request URI for endpoint `{endpoint}` (with the host prefix, path and query of the input): {error}"
    ))
}

/// The pieces of an endpoint's text, checked: a scheme, a host, no query or fragment.
struct EndpointParts<'a> {
    scheme: &'a str,
    /// `user_info` followed by `host_and_port`.
    authority: &'a str,
    user_info: &'a str,
    host_and_port: &'a str,
    /// Without a trailing `/`.
    base_path: &'a str,
}

impl<'a> EndpointParts<'a> {
    fn split(endpoint: &'a str) -> Result<Self, RequestError> {
        let invalid =
            |why: &str| RequestError::new(format!("invalid endpoint `{endpoint}`: {why}"));
        let (scheme, rest) = endpoint
            .split_once("://")
            .ok_or_else(|| invalid("no scheme (expected e.g. `https://host`)"))?;
        let scheme_ok = scheme
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
        if !scheme_ok {
            return Err(invalid("no valid scheme (expected e.g. `https://host`)"));
        }
        // One pass over the rest: where the path starts, and no query or fragment.
        let mut slash = None;
        for (i, byte) in rest.bytes().enumerate() {
            match byte {
                b'?' | b'#' => {
                    return Err(invalid("an endpoint may not have a query or fragment"));
                }
                b'/' if slash.is_none() => slash = Some(i),
                _ => {}
            }
        }
        let (authority, base_path) = rest.split_at(slash.unwrap_or(rest.len()));
        let (user_info, host_and_port) = match authority.rfind('@') {
            Some(at) => authority.split_at(at + 1),
            None => ("", authority),
        };
        let host = if host_and_port.starts_with('[') {
            host_and_port
        } else {
            host_and_port.split(':').next().unwrap_or("")
        };
        if host.is_empty() {
            return Err(invalid("no host"));
        }
        Ok(EndpointParts {
            scheme,
            authority,
            user_info,
            host_and_port,
            base_path: base_path.trim_end_matches('/'),
        })
    }
}

/// A service endpoint checked and split once, for a client that sends many requests to it:
/// building a request then parses only the operation's path and query, not the endpoint.
/// `serialize_request` takes this or the endpoint's text (see [`AsEndpoint`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    text: String,
    scheme: http::uri::Scheme,
    authority: http::uri::Authority,
    /// The length of `user@` at the start of `authority` (a host prefix goes after it).
    user_info_len: usize,
    base_path: String,
}

impl Endpoint {
    /// Checks and splits `scheme://host[:port][/base/path]`.
    pub fn parse(endpoint: &str) -> Result<Endpoint, RequestError> {
        let parts = EndpointParts::split(endpoint)?;
        let invalid = |e: http::uri::InvalidUri| {
            RequestError::new(format!("invalid endpoint `{endpoint}`: {e}"))
        };
        // `http` reads `HTTP` and `HTTPS` in a URI as its standard schemes, other schemes as
        // written: do the same, so that both ways build the same URI.
        let scheme = match parts.scheme {
            text if text.eq_ignore_ascii_case("http") => http::uri::Scheme::HTTP,
            text if text.eq_ignore_ascii_case("https") => http::uri::Scheme::HTTPS,
            text => http::uri::Scheme::try_from(text).map_err(invalid)?,
        };
        let authority = http::uri::Authority::try_from(parts.authority).map_err(invalid)?;
        if !parts.base_path.is_empty() {
            http::uri::PathAndQuery::try_from(parts.base_path).map_err(invalid)?;
        }
        Ok(Endpoint {
            text: endpoint.to_owned(),
            scheme,
            authority,
            user_info_len: parts.user_info.len(),
            base_path: parts.base_path.to_owned(),
        })
    }

    /// The endpoint as it was given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn uri(
        &self,
        host_prefix: &str,
        path: RequestPath<'_>,
        query: &str,
    ) -> Result<http::Uri, RequestError> {
        let invalid = |e: http::uri::InvalidUri| invalid_request_uri(&self.text, e);
        let authority = if host_prefix.is_empty() {
            self.authority.clone()
        } else {
            let (user_info, host_and_port) = self.authority.as_str().split_at(self.user_info_len);
            let text = [user_info, host_prefix, host_and_port].concat();
            http::uri::Authority::try_from(text).map_err(invalid)?
        };
        let text = path.text();
        let separator = path_separator(&self.base_path, text);
        let alone = self.base_path.is_empty() && separator.is_empty() && query.is_empty();
        let path_and_query = match path {
            // Borrowed from the program, not copied.
            RequestPath::Fixed(text) if alone => http::uri::PathAndQuery::from_maybe_shared(
                bytes::Bytes::from_static(text.as_bytes()),
            ),
            _ if alone => http::uri::PathAndQuery::try_from(text),
            _ => http::uri::PathAndQuery::try_from(
                [self.base_path.as_str(), separator, text, query].concat(),
            ),
        }
        .map_err(invalid)?;
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(authority);
        parts.path_and_query = Some(path_and_query);
        http::Uri::from_parts(parts).map_err(|e| invalid_request_uri(&self.text, e))
    }

    /// The [`Endpoint`] this thread parsed last from `text`, parsed now if it was another;
    /// `None` if `text` does not parse (or the thread is ending).
    fn cached<R>(text: &str, use_it: impl FnOnce(&Endpoint) -> R) -> Option<R> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<Endpoint>> = const { std::cell::RefCell::new(None) };
        }
        LAST.try_with(|last| {
            let mut last = last.try_borrow_mut().ok()?;
            if last.as_ref().is_none_or(|endpoint| endpoint.text != text) {
                *last = Some(Endpoint::parse(text).ok()?);
            }
            last.as_ref().map(use_it)
        })
        .ok()
        .flatten()
    }
}

/// An operation's path as `serialize_request` hands it to [`AsEndpoint::uri_for`]: fixed by
/// the model (then borrowed into the URI, not copied), or built from the input's labels.
#[derive(Clone, Copy, Debug)]
pub enum RequestPath<'a> {
    Fixed(&'static str),
    Built(&'a str),
}

impl RequestPath<'_> {
    fn text(&self) -> &str {
        match self {
            RequestPath::Fixed(text) => text,
            RequestPath::Built(text) => text,
        }
    }
}

impl std::str::FromStr for Endpoint {
    type Err = RequestError;

    fn from_str(endpoint: &str) -> Result<Self, Self::Err> {
        Endpoint::parse(endpoint)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What `serialize_request` accepts as the endpoint: its text (`&str`, `String`) or an
/// [`Endpoint`] parsed once.
///
/// Text is parsed into an [`Endpoint`] that each thread keeps for the next call with the
/// same text (a client sends most requests to one endpoint). Text that does not parse that
/// way takes the one-buffer path of [`request_uri`], which reports the error.
pub trait AsEndpoint {
    /// The request URI for an operation's path and query (`""` or `?...`), with the host
    /// prefix before the host. The one method to implement.
    fn uri_for(
        &self,
        host_prefix: &str,
        path: RequestPath<'_>,
        query: &str,
    ) -> Result<http::Uri, RequestError>;

    /// [`AsEndpoint::uri_for`] with a path built at run time.
    fn request_uri(
        &self,
        host_prefix: &str,
        path: &str,
        query: &str,
    ) -> Result<http::Uri, RequestError> {
        self.uri_for(host_prefix, RequestPath::Built(path), query)
    }

    /// [`AsEndpoint::uri_for`] for a fixed path without a query: the path is not copied.
    fn request_uri_static(
        &self,
        host_prefix: &str,
        path: &'static str,
    ) -> Result<http::Uri, RequestError> {
        self.uri_for(host_prefix, RequestPath::Fixed(path), "")
    }
}

impl AsEndpoint for Endpoint {
    fn uri_for(
        &self,
        host_prefix: &str,
        path: RequestPath<'_>,
        query: &str,
    ) -> Result<http::Uri, RequestError> {
        self.uri(host_prefix, path, query)
    }
}

impl AsEndpoint for str {
    fn uri_for(
        &self,
        host_prefix: &str,
        path: RequestPath<'_>,
        query: &str,
    ) -> Result<http::Uri, RequestError> {
        Endpoint::cached(self, |endpoint| endpoint.uri(host_prefix, path, query))
            .unwrap_or_else(|| request_uri(self, host_prefix, path.text(), query))
    }
}

impl AsEndpoint for String {
    fn uri_for(
        &self,
        host_prefix: &str,
        path: RequestPath<'_>,
        query: &str,
    ) -> Result<http::Uri, RequestError> {
        self.as_str().uri_for(host_prefix, path, query)
    }
}

impl<T: AsEndpoint + ?Sized> AsEndpoint for &T {
    fn uri_for(
        &self,
        host_prefix: &str,
        path: RequestPath<'_>,
        query: &str,
    ) -> Result<http::Uri, RequestError> {
        (**self).uri_for(host_prefix, path, query)
    }
}

// ---------------------------------------------------------------------------------------
// Request headers
// ---------------------------------------------------------------------------------------

/// Adds a header bound to a member (repeated names are kept). The error names the header,
/// never the value, which may be `@sensitive`.
pub fn append_header(headers: &mut HeaderMap, name: &str, value: &str) -> Result<(), RequestError> {
    let header_name = http::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::new(format!("`{name}` is not a valid header name")))?;
    let header_value = http::HeaderValue::from_str(value).map_err(|_| {
        RequestError::new(format!(
            "the value of header `{name}` is not a valid header value"
        ))
    })?;
    headers.append(header_name, header_value);
    Ok(())
}

/// `Content-Length` for a body of `length` bytes: the digits are copied once into the value
/// (`HeaderValue::from(usize)` takes two allocations).
pub fn content_length(length: usize) -> http::HeaderValue {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = length;
    loop {
        start -= 1;
        // `rest % 10` is a single digit.
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    http::HeaderValue::from_bytes(&digits[start..])
        .unwrap_or_else(|_| http::HeaderValue::from(length))
}

/// The request of an operation from its parts. A body gets `Content-Type: content_type`,
/// unless a member bound that header (it says it better), and its `Content-Length`.
pub fn request(
    method: http::Method,
    uri: http::Uri,
    mut headers: HeaderMap,
    body: Vec<u8>,
    content_type: &'static str,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    if !body.is_empty() {
        if !headers.contains_key(http::header::CONTENT_TYPE) {
            headers.insert(
                http::header::CONTENT_TYPE,
                static_header_value(content_type)?,
            );
        }
        headers.insert(http::header::CONTENT_LENGTH, content_length(body.len()));
    }
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

/// A header value fixed by the model (a content type), checked instead of trusted: the
/// `http` crate would panic on a character a header cannot hold.
pub fn static_header_value(value: &'static str) -> Result<http::HeaderValue, RequestError> {
    if value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        Ok(http::HeaderValue::from_static(value))
    } else {
        Err(RequestError::new(format!(
            "`{value}` is not a valid header value"
        )))
    }
}

// ---------------------------------------------------------------------------------------
// Reading responses
// ---------------------------------------------------------------------------------------

/// Reads a JSON body as `T`. An empty (or whitespace-only) body reads as `{}`. On failure the
/// error names the member path and what was expected, but never the value found, e.g.
/// `signupCallbackResult.linkedAccountsWithIncompleteSetup.waba-1.accountName: invalid type:
/// an integer, expected a string at line 1 column 90` (see [`redact_values`]): a response may
/// carry `@sensitive` data in the wrong place, and the message must not repeat it.
/// Nesting deeper than serde_json's recursion limit (128) is an error, not a stack overflow.
pub fn parse_json<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<T, InvalidResponse> {
    let body = json_body(body);
    read_json::<T>(body).map_err(|(path, error)| json_failure(status, path, &error))
}

/// A body to read as JSON: an empty (or whitespace-only) one reads as `{}`.
fn json_body(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

/// A body that does not read as its type: the member path and serde_json's message, values
/// redacted. Kept apart from [`parse_json`] so that it is compiled once, not per type.
fn json_failure(status: u16, path: String, error: &serde_json::Error) -> InvalidResponse {
    let inner = redact_values(&error.to_string());
    let message = if path.is_empty() {
        inner
    } else {
        format!("{path}: {inner}")
    };
    InvalidResponse::new(status, message)
}

/// Reads `T` from a JSON document; on failure, with serde_json's error, the member path where
/// reading stopped (`a.b[0].c`, see [`json_path_at`]). The path comes from the text: parsing
/// again through a path-tracking deserializer would compile every type read twice.
pub fn read_json<T: serde::de::DeserializeOwned>(
    text: &[u8],
) -> Result<T, (String, serde_json::Error)> {
    serde_json::from_slice(text).map_err(|error| (error_path(text, &error), error))
}

/// The member path of `error`, raised while reading `text` (see [`read_json`]).
fn error_path(text: &[u8], error: &serde_json::Error) -> String {
    let end = byte_offset(text, error.line(), error.column());
    // An object's own errors (a missing member) are raised at its end, after the last
    // member, which they are not about.
    let own = error.to_string().starts_with("missing field");
    json_path_at(&text[..end], !own)
}

/// The byte offset of serde_json's 1-based `line` and 0-based byte `column` in `body`.
fn byte_offset(body: &[u8], line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        body.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(body.len(), |(newline, _)| newline + 1)
    };
    start.saturating_add(column).min(body.len())
}

/// The path of the value being read where `text` (a JSON document, cut where reading stopped)
/// ends, written as `a.b[0].c`: each open object's member and each open array's index. The
/// innermost object's member is left out unless `member` (the error is about the member's
/// value, not the object). The text is valid JSON as far as it goes (serde_json read it).
pub fn json_path_at(text: &[u8], member: bool) -> String {
    enum Open {
        /// An object; the member whose value is being read, once its `:` was seen.
        Object(Option<String>, bool),
        Array(usize),
    }
    // Deeper levels than serde_json reads into (an ignored member may nest without limit)
    // are counted, not kept: the path stops at this depth.
    const DEPTH: usize = 128;
    let mut open: Vec<Open> = Vec::new();
    let mut deeper = 0usize;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'{' | b'[' if open.len() == DEPTH => deeper += 1,
            b'{' => open.push(Open::Object(None, false)),
            b'[' => open.push(Open::Array(0)),
            b'}' | b']' if deeper > 0 => deeper -= 1,
            b'}' | b']' => {
                open.pop();
            }
            b'"' if deeper > 0 => i = string_end(text, i + 1),
            _ if deeper > 0 => {}
            b',' => match open.last_mut() {
                Some(Open::Object(key, in_value)) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Open::Array(index)) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Open::Object(_, in_value)) = open.last_mut() {
                    *in_value = true;
                }
            }
            b'"' => {
                let start = i + 1;
                i = string_end(text, start);
                if let Some(Open::Object(key, false)) = open.last_mut() {
                    let raw = &text[start..i.min(text.len())];
                    *key = Some(unescape_key(raw));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let last = open.len().saturating_sub(1);
    let mut path = String::new();
    for (depth, frame) in open.iter().enumerate() {
        match frame {
            Open::Object(Some(key), true) if depth < last || member => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Object(..) => {}
            Open::Array(index) => {
                path.push_str(&format!("[{index}]"));
            }
        }
    }
    path
}

/// The index of the quote that ends the string starting at `start` (just after its opening
/// quote), or the end of `text`.
fn string_end(text: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < text.len() && text[i] != b'"' {
        i += if text[i] == b'\\' { 2 } else { 1 };
    }
    i
}

/// A member name as written between quotes, its escapes read (one that does not read is
/// kept as written).
fn unescape_key(raw: &[u8]) -> String {
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice(&quoted).unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
}

/// `message` (a serde or serde_json error message) without the values it quotes: `string
/// "…"` becomes `a string`, ``integer `5` `` `an integer`, and likewise floating point numbers,
/// booleans and characters; ``unknown variant `…` `` and ``unknown field `…` `` lose the
/// name. What was expected, member names and the line and column are kept. Used for every
/// message built from a response body, so that no value (which may be `@sensitive`) is
/// repeated in an error; use it likewise for serde errors about any untrusted input.
pub fn redact_values(message: &str) -> String {
    /// How a value that serde quotes ends.
    #[derive(Clone, Copy)]
    enum End {
        /// A Rust debug string: `"…"` with `\` escapes.
        DebugString,
        /// Text without backticks, up to the next backtick.
        Backtick,
        /// One character (possibly a backtick itself), then a backtick.
        OneCharacter,
        /// Any text, up to the `` `, expected `` or `` `, there are no `` that follows it.
        Listed,
    }

    /// The phrases before a value in serde's messages (`serde::de::Unexpected`, and the
    /// unknown variant and field errors), and what each is replaced with.
    const QUOTED: &[(&str, &str, End)] = &[
        ("string \"", "a string", End::DebugString),
        ("integer `", "an integer", End::Backtick),
        ("floating point `", "a floating point number", End::Backtick),
        ("boolean `", "a boolean", End::Backtick),
        ("character `", "a character", End::OneCharacter),
        ("unknown variant `", "unknown variant", End::Listed),
        ("unknown field `", "unknown field", End::Listed),
    ];

    /// The length of the value at the start of `rest` (just after its opening quote or
    /// backtick), with its closing quote or backtick; all of `rest` when it does not end.
    fn quoted_len(rest: &str, end: End) -> usize {
        match end {
            End::DebugString => {
                let mut chars = rest.char_indices();
                while let Some((index, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => return index + 1,
                        _ => {}
                    }
                }
                rest.len()
            }
            End::Backtick => rest.find('`').map_or(rest.len(), |index| index + 1),
            End::OneCharacter => {
                let first = rest.chars().next().map_or(0, char::len_utf8);
                match rest[first..].starts_with('`') {
                    true => first + 1,
                    false => quoted_len(rest, End::Backtick),
                }
            }
            End::Listed => ["`, expected ", "`, there are no "]
                .iter()
                .filter_map(|suffix| rest.rfind(suffix))
                .max()
                .map_or(rest.len(), |index| index + 1),
        }
    }

    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut at_word_start = true;
    'scan: while let Some(c) = rest.chars().next() {
        if at_word_start {
            for (phrase, replacement, end) in QUOTED {
                if let Some(value) = rest.strip_prefix(phrase) {
                    out.push_str(replacement);
                    rest = &value[quoted_len(value, *end)..];
                    at_word_start = false;
                    continue 'scan;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
        at_word_start = !c.is_alphanumeric() && c != '_';
    }
    out
}

/// The value of header `name` as text, or `None` when absent. A header sent several times
/// reads as its values joined with `", "` (the HTTP rule for combining field lines), so list
/// headers keep every item and a repeated single-valued header fails to parse rather than
/// silently losing values. A value that is not UTF-8 is an error naming the header.
pub fn header(
    headers: &HeaderMap,
    name: &str,
    status: u16,
) -> Result<Option<String>, InvalidResponse> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = std::str::from_utf8(value.as_bytes()).map_err(|_| {
            InvalidResponse::new(status, format!("header `{name}` is not valid UTF-8"))
        })?;
        match joined.as_mut() {
            Some(joined) => {
                joined.push_str(", ");
                joined.push_str(text);
            }
            None => joined = Some(text.to_owned()),
        }
    }
    Ok(joined)
}

/// Parses a header value (trimmed) with `FromStr`; the error names the header and the type
/// expected, not the value (which may be `@sensitive`).
pub fn parse_header_value<T: std::str::FromStr>(
    name: &str,
    value: &str,
    status: u16,
) -> Result<T, InvalidResponse> {
    value.trim().parse::<T>().map_err(|_| {
        InvalidResponse::new(
            status,
            format!(
                "header `{name}`: not a valid {}",
                std::any::type_name::<T>()
            ),
        )
    })
}

/// Parses a boolean header value: `true` or `false` (trimmed, any letter case).
pub fn parse_header_bool(name: &str, value: &str, status: u16) -> Result<bool, InvalidResponse> {
    let trimmed = value.trim();
    if trimmed.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if trimmed.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(InvalidResponse::new(
            status,
            format!("header `{name}`: not a boolean (expected `true` or `false`)"),
        ))
    }
}

/// The headers whose names start with `prefix` (`httpPrefixHeaders`; compared ignoring case,
/// an empty prefix takes every header), keyed by the rest of the lowercase name. Repeated
/// headers are joined with `", "` as in [`header`]; a value that is not UTF-8 is an error.
pub fn prefix_headers(
    headers: &HeaderMap,
    prefix: &str,
    status: u16,
) -> Result<HashMap<String, String>, InvalidResponse> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = HashMap::new();
    for name in headers.keys() {
        let Some(rest) = name.as_str().strip_prefix(prefix.as_str()) else {
            continue;
        };
        if let Some(value) = header(headers, name.as_str(), status)? {
            out.insert(rest.to_owned(), value);
        }
    }
    Ok(out)
}

/// An operation's `serialize_request`: the input validated, then its
/// `serialize_request_unchecked`. Given the input type and the first line of the doc (what
/// request it builds). Operations whose request is compressed or carries a checksum, and S3's
/// with the bucket routed by the endpoint, write theirs out, as their docs say more.
#[allow(unused_macros)]
macro_rules! serialize_request_api {
    ($input:path, $doc:literal $(,)?) => {
        #[doc = $doc]
        ///
        /// `endpoint` is the service URL, such as `https://service.us-east-1.amazonaws.com`, as text or as a [`crate::wire::Endpoint`] parsed once.
        ///
        #[doc = ::std::concat!(
                    "The input is validated first ([`validate`](",
                    ::std::stringify!($input),
                    "::validate)): every violation\n",
                    "of the model's constraints is reported at once and nothing is built. Use\n",
                    "[`serialize_request_unchecked`] to skip that."
                )]
        pub fn serialize_request(
            input: &$input,
            endpoint: impl crate::wire::AsEndpoint,
        ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::wire::RequestError>
        {
            input.validate().map_err(|e| {
                crate::wire::RequestError::new(::std::string::ToString::to_string(&e))
            })?;
            serialize_request_unchecked(input, endpoint)
        }
    };
}
#[allow(unused_imports)]
pub(crate) use serialize_request_api;

/// An operation's `parse_http_response`: its `parse_response` of an `http::Response`, given
/// the output and error types.
#[allow(unused_macros)]
macro_rules! parse_http_response_api {
    ($output:path, $error:ident $(,)?) => {
        /// [`parse_response`] for an `http::Response`.
        pub fn parse_http_response<B: ::std::convert::AsRef<[u8]>>(
            response: &::http::Response<B>,
        ) -> ::std::result::Result<$output, $error> {
            parse_response(
                response.status().as_u16(),
                response.headers(),
                response.body().as_ref(),
            )
        }
    };
}
#[allow(unused_imports)]
pub(crate) use parse_http_response_api;

/// An operation's `parse_response` where nothing is its own but names: the request IDs in
/// the headers, a 2xx status the output (read by the module's `read_output`), any other the
/// error (its `parse_error`); then its `parse_http_response`. Given the output and error types
/// and the operation's name; with `errors(json)`, also `parse_error` of a JSON protocol's
/// error response (the error enum's `from_error_response` matches its code); with
/// `body(parse)`, also `read_output` of an output whose members are all in the body, read by
/// `parse` (`wire::parse_json`, `wire::cbor::parse`) with client error correction.
#[allow(unused_macros)]
macro_rules! parse_response_api {
    (@errors json, $error:ident) => {
        /// Matches the error code (header `X-Amzn-Errortype`, else the body's `__type` or
        /// `code`) against the operation's errors.
        fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> $error {
            $error::from_error_response(crate::wire::ErrorResponse::new(
                status,
                headers,
                body,
                $error::InvalidResponse,
            ))
        }
    };
    (
        $output:path, $error:ident, $operation:literal $(, errors($errors:ident))?
        $(, body($($parse:ident)::+))? $(,)?
    ) => {
        #[doc = ::std::concat!(
            "Reads the HTTP response of `",
            $operation,
            "`: the output for a 2xx status, else the error."
        )]
        pub fn parse_response(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<$output, $error> {
            crate::wire::with_request_ids(crate::wire::request_ids(headers), (|| {
                if !(200..300).contains(&status) {
                    return ::std::result::Result::Err(parse_error(status, headers, body));
                }
                read_output(status, headers, body).map_err($error::InvalidResponse)
            })())
        }

        crate::wire::parse_http_response_api!($output, $error);

        $(crate::wire::parse_response_api!(@errors $errors, $error);)?

        $(
            fn read_output(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<$output, crate::wire::InvalidResponse> {
                let _ = headers;
                crate::wire::correction::correcting(|| $($parse)::+::<$output>(status, body))
            }
        )?
    };
}
#[allow(unused_imports)]
pub(crate) use parse_response_api;

/// [`FromResponse`] of an error structure whose members are all in the body, read by `parse`
/// (`wire::parse_json`, `wire::cbor::parse`) with client error correction.
#[allow(unused_macros)]
macro_rules! from_response_body {
    ($name:ident, $($parse:ident)::+ $(,)?) => {
        impl crate::wire::FromResponse for $name {
            fn from_response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<Self, crate::wire::InvalidResponse> {
                let _ = headers;
                crate::wire::correction::correcting(|| $($parse)::+::<Self>(status, body))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use from_response_body;
