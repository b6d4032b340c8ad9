//! Request and response checksums, as the AWS SDKs compute and check them.
//!
//! `@httpChecksumRequired` (smithy.api) and `aws.protocols#httpChecksum` mark an operation's
//! request ([`RequestChecksum`], [`ResponseChecksum`], in the request's extensions);
//! [`add_request_checksum`] then puts the body's checksum in a header as the settings say, and
//! [`validate_response`] checks a response's `x-amz-checksum-*` header against its body. The
//! settings are the SDKs' `request_checksum_calculation` and `response_checksum_validation`.
//! The algorithms themselves live in `checksum_algorithms`, carried only by crates with such
//! operations.
//!
//! Nothing here panics, whatever the input.

use std::fmt;

use super::RequestError;

/// When requests get a checksum (the SDKs' `request_checksum_calculation`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RequestChecksumCalculation {
    /// Every operation that supports a checksum (`@httpChecksum` with an algorithm member or
    /// `requestChecksumRequired`) sends one, CRC32 unless the input names another (default).
    #[default]
    WhenSupported,
    /// Only when the input names an algorithm or the operation requires a checksum.
    WhenRequired,
}

/// When responses' checksums are checked (the SDKs' `response_checksum_validation`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ResponseChecksumValidation {
    /// Every operation with `responseAlgorithms` checks them (default).
    #[default]
    WhenSupported,
    /// Only when the input's validation mode member is `ENABLED`.
    WhenRequired,
}

/// `when_supported` or `when_required`, in any case.
fn parse_when(text: &str) -> Option<bool> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("when_supported") {
        Some(true)
    } else if text.eq_ignore_ascii_case("when_required") {
        Some(false)
    } else {
        None
    }
}

impl RequestChecksumCalculation {
    /// The setting's value as the SDKs write it (`when_supported`, `when_required`).
    pub fn parse(text: &str) -> Option<Self> {
        parse_when(text).map(|supported| match supported {
            true => RequestChecksumCalculation::WhenSupported,
            false => RequestChecksumCalculation::WhenRequired,
        })
    }
}

impl ResponseChecksumValidation {
    /// The setting's value as the SDKs write it (`when_supported`, `when_required`).
    pub fn parse(text: &str) -> Option<Self> {
        parse_when(text).map(|supported| match supported {
            true => ResponseChecksumValidation::WhenSupported,
            false => ResponseChecksumValidation::WhenRequired,
        })
    }
}

/// A checksum algorithm: its name in the model (`CRC32`), the header that carries it and the
/// base64 of a body's checksum.
#[derive(Clone, Copy)]
pub struct Algorithm {
    pub name: &'static str,
    /// Lowercase header name (`x-amz-checksum-crc32`, `content-md5`).
    pub header: &'static str,
    pub compute: fn(&[u8]) -> String,
}

impl fmt::Debug for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// What an operation's checksum traits ask of its request, carried in the request's
/// extensions until [`add_request_checksum`] applies it.
#[derive(Clone, Debug)]
pub struct RequestChecksum {
    /// The algorithm the input names (`requestAlgorithmMember`), when set.
    pub chosen: Option<Algorithm>,
    /// `@httpChecksum` with an algorithm member or `requestChecksumRequired`: a checksum is
    /// sent whenever the settings say `when_supported`.
    pub supported: bool,
    /// `requestChecksumRequired`: a checksum is always sent.
    pub required: bool,
    /// The algorithm when none is named (CRC32).
    pub default: Option<Algorithm>,
    /// The header the algorithm member is bound to (`x-amz-sdk-checksum-algorithm`), set to
    /// the algorithm used when the input left it unset.
    pub algorithm_header: Option<&'static str>,
    /// `@httpChecksumRequired`: `Content-MD5` when no other checksum is sent.
    pub md5: Option<Algorithm>,
}

/// Adds the checksum of the body (as it is now: after any compression) to a request marked
/// [`RequestChecksum`], as `settings` say. A request that already carries an
/// `x-amz-checksum-*` header (one the input set) keeps it. The mark is removed, so a checksum
/// is added at most once; a request without the mark is left as it is.
pub fn add_request_checksum(
    request: &mut http::Request<Vec<u8>>,
    settings: RequestChecksumCalculation,
) -> Result<(), RequestError> {
    let Some(mark) = request.extensions_mut().remove::<RequestChecksum>() else {
        return Ok(());
    };
    let given = request
        .headers()
        .keys()
        .any(|name| is_checksum_header(name.as_str()));
    if given {
        return Ok(());
    }
    let wanted =
        mark.required || (mark.supported && settings == RequestChecksumCalculation::WhenSupported);
    let flexible = mark.chosen.or(if wanted { mark.default } else { None });
    let algorithm = match (flexible, mark.md5) {
        (Some(algorithm), _) => algorithm,
        (None, Some(md5)) => md5,
        (None, None) => return Ok(()),
    };
    let value = (algorithm.compute)(request.body());
    let header = |text: &str| {
        http::HeaderValue::from_str(text)
            .map_err(|_| RequestError::new("a checksum is not a valid header value"))
    };
    let value = header(&value)?;
    let headers = request.headers_mut();
    headers.insert(http::HeaderName::from_static(algorithm.header), value);
    if let (Some(name), true) = (
        mark.algorithm_header,
        mark.chosen.is_none() && flexible.is_some(),
    ) {
        headers.insert(http::HeaderName::from_static(name), header(algorithm.name)?);
    }
    Ok(())
}

/// A header carrying a checksum of one of the trait's algorithms (`x-amz-checksum-crc32`),
/// unlike `x-amz-checksum-mode` or S3's `x-amz-checksum-type`.
fn is_checksum_header(name: &str) -> bool {
    const ALGORITHMS: [&str; 10] = [
        "crc32",
        "crc32c",
        "crc64nvme",
        "sha1",
        "sha256",
        "sha512",
        "md5",
        "xxhash64",
        "xxhash3",
        "xxhash128",
    ];
    name.strip_prefix("x-amz-checksum-")
        .is_some_and(|algorithm| ALGORITHMS.contains(&algorithm))
}

/// What an operation's `responseAlgorithms` ask of its responses, carried in the request's
/// extensions (the client takes it from there; so can a caller without the client).
#[derive(Clone, Debug)]
pub struct ResponseChecksum {
    /// The algorithms to look for, in the SDKs' order (fastest first).
    pub algorithms: &'static [Algorithm],
    /// The input's validation mode member is `ENABLED`.
    pub enabled: bool,
}

/// A response whose body does not match its checksum header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumMismatch {
    /// The header checked (`x-amz-checksum-crc32`).
    pub header: &'static str,
    pub expected: String,
    pub computed: String,
}

impl fmt::Display for ChecksumMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body does not match its checksum: {} is {:?}, the body's is {:?}",
            self.header, self.expected, self.computed
        )
    }
}

impl std::error::Error for ChecksumMismatch {}

/// Checks a response against the first of `mark`'s algorithms whose header it carries, when
/// `settings` (or the input's validation mode) ask for it. Gives the algorithm checked, or
/// `None` when nothing was (not asked, no such header, or a checksum of parts, `...-<n>`,
/// which is not one of the body).
pub fn validate_response(
    mark: &ResponseChecksum,
    settings: ResponseChecksumValidation,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Option<&'static str>, ChecksumMismatch> {
    if !(mark.enabled || settings == ResponseChecksumValidation::WhenSupported) {
        return Ok(None);
    }
    for algorithm in mark.algorithms {
        let Some(value) = headers.get(algorithm.header) else {
            continue;
        };
        let expected = String::from_utf8_lossy(value.as_bytes()).trim().to_owned();
        if is_of_parts(&expected) {
            return Ok(None);
        }
        let computed = (algorithm.compute)(body);
        if computed != expected {
            return Err(ChecksumMismatch {
                header: algorithm.header,
                expected,
                computed,
            });
        }
        return Ok(Some(algorithm.name));
    }
    Ok(None)
}

/// Whether [`validate_response`] would check a response with `headers` (so that a streaming
/// body must be read whole first).
pub fn will_validate(
    mark: &ResponseChecksum,
    settings: ResponseChecksumValidation,
    headers: &http::HeaderMap,
) -> bool {
    if !(mark.enabled || settings == ResponseChecksumValidation::WhenSupported) {
        return false;
    }
    let value = mark.algorithms.iter().find_map(|a| headers.get(a.header));
    value.is_some_and(|v| !is_of_parts(String::from_utf8_lossy(v.as_bytes()).trim()))
}

/// A multipart upload's checksum (of its parts' checksums), `<base64>-<parts>`.
fn is_of_parts(value: &str) -> bool {
    value
        .rsplit_once('-')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
