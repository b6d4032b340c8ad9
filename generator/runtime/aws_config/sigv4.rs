//! Signature Version 4 for HTTP requests, signed in headers: `x-amz-date`, `authorization` and,
//! with a session token, `x-amz-security-token`. No `x-amz-content-sha256` header, as the SDKs do
//! for services other than S3.
//!
//! Written here rather than taken from `aws-sigv4`: that crate brings 37 crates the client does
//! not otherwise build (tokio and `aws-smithy-types` among them), while SHA-256 and HMAC come from
//! `ring`, which rustls already compiles. The algorithm follows AWS's "Create a signed AWS API
//! request" page; the tests check the published `get-vanilla` case and compare with `aws-sigv4`.

use std::time::{SystemTime, UNIX_EPOCH};

use ring::{digest, hmac};

/// Headers never signed: the transport or a proxy may add, drop or rewrite them.
const UNSIGNED: &[&str] = &[
    "authorization",
    "content-length",
    "expect",
    "transfer-encoding",
    "user-agent",
    "x-amzn-trace-id",
];

/// Who signs, for what, and when.
pub struct Signer<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub session_token: Option<&'a str>,
    pub region: &'a str,
    /// The signing name, e.g. `social-messaging`.
    pub service: &'a str,
    pub time: SystemTime,
    /// False when the endpoint's auth scheme sets `disableDoubleEncoding` (S3): the canonical
    /// path is then the request's path as sent, not encoded again.
    pub double_encode: bool,
    /// False when the endpoint's auth scheme sets `disableNormalizePath` (S3): `.`, `..` and
    /// empty segments then stay in the canonical path.
    pub normalize_path: bool,
}

/// The payload hash of an event stream's request, whose messages are signed one by one.
pub const STREAMING_EVENTS: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

impl Signer<'_> {
    /// Signs `request` in place.
    pub fn sign(&self, request: &mut http::Request<Vec<u8>>) -> Result<(), String> {
        let hash = hex(digest::digest(&digest::SHA256, request.body()).as_ref());
        self.sign_with_payload_hash(request, &hash).map(|_| ())
    }

    /// Signs `request` in place with `payload_hash` as its payload's hash in the canonical
    /// request; returns the signature (hex), which an event stream's first message chains from.
    pub fn sign_with_payload_hash(
        &self,
        request: &mut http::Request<Vec<u8>>,
        payload_hash: &str,
    ) -> Result<String, String> {
        let (date, stamp) = timestamps(self.time)?;
        set(request, "x-amz-date", &stamp, false)?;
        if let Some(token) = self.session_token {
            set(request, "x-amz-security-token", token, true)?;
        }
        let (headers, signed) = canonical_headers(request)?;
        let canonical_request = [
            request.method().as_str(),
            &canonical_path(
                request.uri().path(),
                self.double_encode,
                self.normalize_path,
            ),
            &canonical_query(request.uri().query().unwrap_or("")),
            &headers,
            &signed,
            payload_hash,
        ]
        .join("\n");
        let scope = format!("{date}/{}/{}/aws4_request", self.region, self.service);
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{}",
            hex(digest::digest(&digest::SHA256, canonical_request.as_bytes()).as_ref())
        );
        let key = self.signing_key(&date);
        let signature = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed}, Signature={signature}",
            self.access_key_id
        );
        set(request, "authorization", &authorization, true)?;
        Ok(signature)
    }

    /// The signature of one message of an event stream (AWS's "event stream signing"):
    /// chained from `prior` (hex: the request's signature for the first message), over the
    /// encoded `:date` header and the payload (the message being sent, encoded).
    pub fn sign_event(
        &self,
        prior: &str,
        date_header: &[u8],
        payload: &[u8],
    ) -> Result<Vec<u8>, String> {
        let (date, stamp) = timestamps(self.time)?;
        let scope = format!("{date}/{}/{}/aws4_request", self.region, self.service);
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{stamp}\n{scope}\n{prior}\n{}\n{}",
            hex(digest::digest(&digest::SHA256, date_header).as_ref()),
            hex(digest::digest(&digest::SHA256, payload).as_ref()),
        );
        Ok(hmac_sha256(
            &self.signing_key(&date),
            string_to_sign.as_bytes(),
        ))
    }

    /// The key of the day's scope: `AWS4` + secret, then date, region, service, `aws4_request`.
    fn signing_key(&self, date: &str) -> Vec<u8> {
        let mut key = hmac_sha256(
            format!("AWS4{}", self.secret_access_key).as_bytes(),
            date.as_bytes(),
        );
        for part in [self.region, self.service, "aws4_request"] {
            key = hmac_sha256(&key, part.as_bytes());
        }
        key
    }
}

/// Lower-case hex of bytes (a signature, for the next event's `prior`).
pub fn hex_of(bytes: &[u8]) -> String {
    hex(bytes)
}

fn set(
    request: &mut http::Request<Vec<u8>>,
    name: &'static str,
    value: &str,
    sensitive: bool,
) -> Result<(), String> {
    let mut value = http::HeaderValue::from_str(value)
        .map_err(|_| format!("cannot sign the request: {name} is not a valid header value"))?;
    value.set_sensitive(sensitive);
    request.headers_mut().insert(name, value);
    Ok(())
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    hmac::sign(&key, data).as_ref().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 15)] as char);
    }
    out
}

/// `YYYYMMDD` and `YYYYMMDD'T'HHMMSS'Z'` in UTC.
fn timestamps(time: SystemTime) -> Result<(String, String), String> {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| "cannot sign the request: the clock is before 1970".to_owned())?
        .as_secs();
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days);
    let date = format!("{year:04}{month:02}{day:02}");
    let stamp = format!(
        "{date}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    Ok((date, stamp))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Lower-case names with trimmed values (inner runs of spaces made one), sorted by name; values
/// of a repeated header joined by commas. `host` comes from the URI when the request has none,
/// with its port unless it is the scheme's default.
fn canonical_headers(request: &http::Request<Vec<u8>>) -> Result<(String, String), String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in request.headers() {
        let name = name.as_str();
        if UNSIGNED.contains(&name) {
            continue;
        }
        let value = value.to_str().map_err(|_| {
            format!("cannot sign the request: header {name} is not printable ASCII")
        })?;
        let value = trim_spaces(value);
        match headers.iter_mut().find(|(known, _)| known == name) {
            Some((_, joined)) => {
                joined.push(',');
                joined.push_str(&value);
            }
            None => headers.push((name.to_owned(), value)),
        }
    }
    if !headers.iter().any(|(name, _)| name == "host") {
        let uri = request.uri();
        let host = uri
            .host()
            .ok_or_else(|| format!("cannot sign the request: {uri} has no host"))?;
        let default_port = match uri.scheme_str() {
            Some("http") => Some(80),
            Some("https") => Some(443),
            _ => None,
        };
        let host = match uri.port_u16() {
            Some(port) if Some(port) != default_port => format!("{host}:{port}"),
            _ => host.to_owned(),
        };
        headers.push(("host".to_owned(), host));
    }
    headers.sort();
    let signed = headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical = headers
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect::<String>();
    Ok((canonical, signed))
}

/// Leading and trailing spaces removed and inner runs of spaces made one, as the SigV4 page says
/// (spaces only: other whitespace is part of the value).
fn trim_spaces(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(' ').filter(|word| !word.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The path as sent is already percent-encoded; services other than S3 expect it normalised and
/// encoded once more.
fn canonical_path(path: &str, double_encode: bool, normalize: bool) -> String {
    let path = match path {
        "" => "/".to_owned(),
        _ if normalize => normalize_path(path),
        _ => path.to_owned(),
    };
    if !double_encode {
        return path;
    }
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'/' => out.push('/'),
            _ => encode_byte(byte, &mut out),
        }
    }
    out
}

/// Relative (`.`, `..`) and empty segments removed (RFC 3986 section 5.2.4 and the SigV4 page's
/// "remove redundant path components"); a path that ends in a directory keeps its slash.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let directory = ["/", "/.", "/.."].iter().any(|end| path.ends_with(end));
    let mut out = format!("/{}", segments.join("/"));
    if directory && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Each name and value decoded (a `+` is a space, as form encoding reads it) and encoded again
/// with only the unreserved characters left as they are, sorted by name, then value.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode(name), reencode(value))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn reencode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escaped) {
            (_, Some(value)) => {
                decoded.push(value);
                index += 3;
            }
            (b'+', None) => {
                decoded.push(b' ');
                index += 1;
            }
            (other, None) => {
                decoded.push(other);
                index += 1;
            }
        }
    }
    // Escapes that are not UTF-8 become U+FFFD, as the SDKs read queries (form decoding).
    let decoded = String::from_utf8_lossy(&decoded);
    let mut out = String::with_capacity(decoded.len());
    for byte in decoded.bytes() {
        encode_byte(byte, &mut out);
    }
    out
}

fn encode_byte(byte: u8, out: &mut String) {
    match byte {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
            out.push(byte as char)
        }
        _ => {
            const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(DIGITS[usize::from(byte >> 4)] as char);
            out.push(DIGITS[usize::from(byte & 15)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// The AWS SigV4 test suite's clock and keys.
    fn suite_signer(double_encode: bool) -> Signer<'static> {
        Signer {
            access_key_id: "AKIDEXAMPLE",
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            session_token: None,
            region: "us-east-1",
            service: "service",
            time: UNIX_EPOCH + Duration::from_secs(1_440_938_160),
            double_encode,
            normalize_path: true,
        }
    }

    #[test]
    fn the_published_get_vanilla_case() {
        let mut request = http::Request::get("https://example.amazonaws.com/")
            .body(Vec::new())
            .unwrap();
        suite_signer(true).sign(&mut request).unwrap();
        assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            request.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert!(request.headers()["authorization"].is_sensitive());
    }

    #[test]
    fn dates_across_leap_years_and_centuries() {
        let at = |seconds| timestamps(UNIX_EPOCH + Duration::from_secs(seconds)).unwrap();
        assert_eq!(at(0), ("19700101".into(), "19700101T000000Z".into()));
        assert_eq!(
            at(951_782_400),
            ("20000229".into(), "20000229T000000Z".into())
        );
        assert_eq!(
            at(4_107_542_399),
            ("21000228".into(), "21000228T235959Z".into())
        );
        assert_eq!(
            at(1_709_210_096),
            ("20240229".into(), "20240229T123456Z".into())
        );
    }

    #[test]
    fn paths_are_normalised_and_encoded_again_unless_single_encoding() {
        assert_eq!(canonical_path("", true, true), "/");
        assert_eq!(canonical_path("/a%20b/c", true, true), "/a%2520b/c");
        assert_eq!(canonical_path("/a%20b/c", false, true), "/a%20b/c");
        assert_eq!(canonical_path("/a/./b/../c", true, true), "/a/c");
        assert_eq!(canonical_path("/a//b/", true, true), "/a/b/");
        assert_eq!(canonical_path("/a/b/..", true, true), "/a/");
        assert_eq!(canonical_path("/a/..", true, true), "/");
        assert_eq!(canonical_path("/.", true, true), "/");
        assert_eq!(canonical_path("/a/./b/../c", true, false), "/a/./b/../c");
        assert_eq!(canonical_path("/~user_a-b.c", true, true), "/~user_a-b.c");
    }

    #[test]
    fn queries_are_decoded_encoded_strictly_and_sorted() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("b=2&a=1&a=0"), "a=0&a=1&b=2");
        assert_eq!(canonical_query("k=a+b%2Bc"), "k=a%20b%2Bc");
        assert_eq!(canonical_query("flag&x=%7e%2f"), "flag=&x=~%2F");
        assert_eq!(canonical_query("bad=%zz"), "bad=%25zz");
        assert_eq!(canonical_query("latin1=%E9"), "latin1=%EF%BF%BD");
    }

    #[test]
    fn headers_are_trimmed_joined_and_sorted_with_the_host_from_the_uri() {
        let request = http::Request::post("http://127.0.0.1:8080/x")
            .header("X-Custom", "  a   b ")
            .header("x-custom", "c")
            .header("content-type", "application/json")
            .header("user-agent", "left out")
            .header("content-length", "2")
            .body(b"{}".to_vec())
            .unwrap();
        let (canonical, signed) = canonical_headers(&request).unwrap();
        assert_eq!(
            canonical,
            "content-type:application/json\nhost:127.0.0.1:8080\nx-custom:a b,c\n"
        );
        assert_eq!(signed, "content-type;host;x-custom");
        let default_port = http::Request::get("https://example.com:443/")
            .body(Vec::new())
            .unwrap();
        assert_eq!(canonical_headers(&default_port).unwrap().1, "host");
        assert!(canonical_headers(&default_port)
            .unwrap()
            .0
            .contains("host:example.com\n"));
    }

    #[test]
    fn a_session_token_is_sent_and_signed() {
        let mut request = http::Request::post("https://example.amazonaws.com/")
            .header("content-type", "application/json")
            .body(b"{}".to_vec())
            .unwrap();
        let signer = Signer {
            session_token: Some("TOKEN"),
            ..suite_signer(true)
        };
        signer.sign(&mut request).unwrap();
        assert_eq!(request.headers()["x-amz-security-token"], "TOKEN");
        assert!(request.headers()["x-amz-security-token"].is_sensitive());
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.contains(
                "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="
            ),
            "{authorization}"
        );
    }

    #[test]
    fn single_encoding_changes_the_signature_of_an_encoded_path() {
        let signed = |double| {
            let mut request = http::Request::get("https://example.amazonaws.com/a%20b")
                .body(Vec::new())
                .unwrap();
            suite_signer(double).sign(&mut request).unwrap();
            request.headers()["authorization"].clone()
        };
        assert_ne!(signed(true), signed(false));
    }

    #[test]
    fn unprintable_header_values_and_early_clocks_are_errors() {
        let mut request = http::Request::get("https://example.amazonaws.com/")
            .header(
                "x-custom",
                http::HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap(),
            )
            .body(Vec::new())
            .unwrap();
        let err = suite_signer(true).sign(&mut request).unwrap_err();
        assert!(err.contains("x-custom"), "{err}");
        let early = Signer {
            time: UNIX_EPOCH - Duration::from_secs(1),
            ..suite_signer(true)
        };
        let mut request = http::Request::get("https://example.amazonaws.com/")
            .body(Vec::new())
            .unwrap();
        assert!(early.sign(&mut request).unwrap_err().contains("1970"));
    }
}
