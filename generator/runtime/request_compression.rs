//! `@requestCompression` (smithy.io, "requestCompression trait"): an operation with the trait
//! marks its request ([`Compressible`]); [`compress_request`] then compresses the body as the
//! settings say and names the coding in `Content-Encoding`. The settings are the AWS SDKs'
//! `disable_request_compression` and `request_min_compression_size_bytes`.
//!
//! Nothing here panics, whatever the input.

use super::RequestError;

/// The SDKs' default minimum body size for compression (10 KiB).
pub const DEFAULT_MIN_SIZE_BYTES: u32 = 10_240;
/// The largest minimum size the SDKs accept (10 MiB).
pub const MAX_MIN_SIZE_BYTES: u32 = 10_485_760;

/// Whether and from what size requests of operations with `@requestCompression` are
/// compressed. The default compresses bodies of at least 10240 bytes, as the SDKs do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompressionSettings {
    disabled: bool,
    min_size_bytes: u32,
}

impl Default for CompressionSettings {
    fn default() -> Self {
        CompressionSettings {
            disabled: false,
            min_size_bytes: DEFAULT_MIN_SIZE_BYTES,
        }
    }
}

impl CompressionSettings {
    /// `disabled` (the SDKs' `disable_request_compression`) and the minimum body size
    /// (`request_min_compression_size_bytes`), which must be at most 10485760.
    pub fn new(disabled: bool, min_size_bytes: u32) -> Result<Self, RequestError> {
        if min_size_bytes > MAX_MIN_SIZE_BYTES {
            return Err(RequestError::new(format!(
                "the minimum compression size {min_size_bytes} is out of range: it must be between 0 and {MAX_MIN_SIZE_BYTES} bytes"
            )));
        }
        Ok(CompressionSettings {
            disabled,
            min_size_bytes,
        })
    }

    /// No request is compressed.
    pub fn disabled() -> Self {
        CompressionSettings {
            disabled: true,
            ..CompressionSettings::default()
        }
    }

    pub fn is_disabled(&self) -> bool {
        self.disabled
    }

    pub fn min_size_bytes(&self) -> u32 {
        self.min_size_bytes
    }
}

/// What an operation's `@requestCompression` asks of its request, carried in the request's
/// extensions until [`compress_request`] applies it.
#[derive(Clone, Copy, Debug)]
pub struct Compressible {
    /// The content coding, as `Content-Encoding` names it (`gzip`).
    pub encoding: &'static str,
    /// Compresses a body.
    pub encode: fn(&[u8]) -> std::io::Result<Vec<u8>>,
    /// The body is a `@streaming` member without `@requiresLength`: compressed whatever its
    /// size.
    pub unbounded_stream: bool,
}

/// Compresses the body of a request marked [`Compressible`] when `settings` allow and the
/// body is at least their minimum size (or is an unbounded stream), appending the coding to
/// `Content-Encoding` (after codings the input set) and correcting `Content-Length`. A
/// request without the mark, or with an empty body, is left as it is. The mark is removed, so
/// a request is compressed at most once.
pub fn compress_request(
    request: &mut http::Request<Vec<u8>>,
    settings: &CompressionSettings,
) -> Result<(), RequestError> {
    let Some(how) = request.extensions_mut().remove::<Compressible>() else {
        return Ok(());
    };
    let body = request.body();
    let large_enough = u64::try_from(body.len()).unwrap_or(u64::MAX) >= u64::from(settings.min_size_bytes);
    if settings.disabled || body.is_empty() || !(large_enough || how.unbounded_stream) {
        return Ok(());
    }
    let compressed = (how.encode)(body)
        .map_err(|e| RequestError::new(format!("cannot {}-compress the body: {e}", how.encoding)))?;
    let headers = request.headers_mut();
    let mut codings: Vec<String> = headers
        .get_all(http::header::CONTENT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect();
    codings.push(how.encoding.to_owned());
    let value = http::HeaderValue::from_str(&codings.join(", "))
        .map_err(|_| RequestError::new("the Content-Encoding header is not a valid header value"))?;
    headers.insert(http::header::CONTENT_ENCODING, value);
    headers.insert(
        http::header::CONTENT_LENGTH,
        super::content_length(compressed.len()),
    );
    *request.body_mut() = compressed;
    Ok(())
}
