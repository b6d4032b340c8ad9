//! SigV4 for the client's requests, with the signer the command line uses
//! (`aws_config::sigv4`).

use std::time::SystemTime;

use super::aws_config::sigv4::Signer;
use super::credentials::Credentials;

/// Signs `request` in place for `service` in `region` at `time`.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), String> {
    sign_encoded(request, credentials, (region, service), time, true)
}

/// As [`sign`]; `double_encode` false for an endpoint whose auth scheme sets
/// `disableDoubleEncoding` (the canonical path is then percent-encoded once).
pub fn sign_encoded(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    (region, service): (&str, &str),
    time: SystemTime,
    double_encode: bool,
) -> Result<(), String> {
    signer(credentials, (region, service), time, double_encode).sign(request)
}

/// The signer of `credentials` for a request to `service` in `region` at `time`.
fn signer<'a>(
    credentials: &'a Credentials,
    (region, service): (&'a str, &'a str),
    time: SystemTime,
    double_encode: bool,
) -> Signer<'a> {
    Signer {
        access_key_id: credentials.access_key_id(),
        secret_access_key: credentials.secret_access_key(),
        session_token: credentials.session_token(),
        region,
        service,
        time,
        double_encode,
        normalize_path: true,
    }
}

/// The content type of an event stream request's body: messages
/// (`application/vnd.amazon.eventstream`).
pub const EVENT_STREAM: &str = "application/vnd.amazon.eventstream";

/// Signs an event stream request as AWS's event stream signing says: the request with the
/// payload hash `STREAMING-AWS4-HMAC-SHA256-EVENTS` (sent as `x-amz-content-sha256`), then each
/// message of its body wrapped as the payload of a message with `:date` and
/// `:chunk-signature` headers, each signature chained from the one before (the first from the
/// request's), and an empty signed message to end the stream. The whole body is signed at
/// `time`: the transport sends it at once.
pub fn sign_event_stream(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    scope: (&str, &str),
    time: SystemTime,
    double_encode: bool,
) -> Result<(), String> {
    let body = std::mem::take(request.body_mut());
    let mut chain = EventSigner::start(request, credentials, scope, time, double_encode)?;
    let mut signed = Vec::with_capacity(body.len() + 128);
    let mut rest: &[u8] = &body;
    // Each message of the body, then the empty one that ends the stream.
    loop {
        let message = match rest.get(..4) {
            Some(length) => {
                let total =
                    u32::from_be_bytes([length[0], length[1], length[2], length[3]]) as usize;
                if total < 16 || total > rest.len() {
                    return Err(
                        "cannot sign the request: its body is not whole event stream messages"
                            .to_owned(),
                    );
                }
                let (message, after) = rest.split_at(total);
                rest = after;
                message
            }
            None if rest.is_empty() => &[][..],
            None => {
                return Err(
                    "cannot sign the request: its body is not whole event stream messages"
                        .to_owned(),
                )
            }
        };
        signed.extend(chain.sign_message(message, time)?);
        if message.is_empty() {
            break;
        }
    }
    if let Ok(length) = http::HeaderValue::from_str(&signed.len().to_string()) {
        request
            .headers_mut()
            .insert(http::header::CONTENT_LENGTH, length);
    }
    *request.body_mut() = signed;
    Ok(())
}

/// The chain of an event stream's message signatures, for messages signed as they are sent
/// (a live input stream) or all at once ([`sign_event_stream`]).
pub struct EventSigner {
    credentials: Credentials,
    region: String,
    service: String,
    double_encode: bool,
    /// The signature before the next message's (the request's, at first), in hex.
    prior: String,
}

impl std::fmt::Debug for EventSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventSigner")
            .field("region", &self.region)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

impl EventSigner {
    /// Signs the head of `request` (its body is not read) with the payload hash
    /// `STREAMING-AWS4-HMAC-SHA256-EVENTS`, sent as `x-amz-content-sha256`, and starts the
    /// chain of its messages from that signature.
    pub fn start(
        request: &mut http::Request<Vec<u8>>,
        credentials: &Credentials,
        (region, service): (&str, &str),
        time: SystemTime,
        double_encode: bool,
    ) -> Result<EventSigner, String> {
        use super::aws_config::sigv4::STREAMING_EVENTS;
        request.headers_mut().insert(
            "x-amz-content-sha256",
            http::HeaderValue::from_static(STREAMING_EVENTS),
        );
        let prior = signer(credentials, (region, service), time, double_encode)
            .sign_with_payload_hash(request, STREAMING_EVENTS)?;
        Ok(EventSigner {
            credentials: credentials.clone(),
            region: region.to_owned(),
            service: service.to_owned(),
            double_encode,
            prior,
        })
    }

    /// `message` (one encoded message; empty for the end of the stream) wrapped in a message
    /// with `:date` (`time`) and `:chunk-signature`, chained from the one before.
    pub fn sign_message(&mut self, message: &[u8], time: SystemTime) -> Result<Vec<u8>, String> {
        use super::aws_config::sigv4::hex_of;
        let millis = time
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|_| "cannot sign the request: the clock is before 1970".to_owned())?
            .as_millis();
        let millis = i64::try_from(millis).map_err(|_| "the clock is out of range".to_owned())?;
        let mut date_header = vec![5u8];
        date_header.extend_from_slice(b":date");
        date_header.push(8);
        date_header.extend_from_slice(&millis.to_be_bytes());
        let signer = signer(
            &self.credentials,
            (&self.region, &self.service),
            time,
            self.double_encode,
        );
        let signature = signer.sign_event(&self.prior, &date_header, message)?;
        self.prior = hex_of(&signature);
        let mut headers = date_header;
        headers.push(16);
        headers.extend_from_slice(b":chunk-signature");
        headers.push(6);
        headers.extend_from_slice(&(signature.len() as u16).to_be_bytes());
        headers.extend_from_slice(&signature);
        let mut out = Vec::with_capacity(message.len() + 96);
        frame(&headers, message, &mut out);
        Ok(out)
    }
}

/// One event stream message of encoded `headers` and `payload`, appended to `out`: the
/// prelude (lengths and their CRC-32), the data and the message's CRC-32.
fn frame(headers: &[u8], payload: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    let total = 16 + headers.len() + payload.len();
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(headers.len() as u32).to_be_bytes());
    let prelude_crc = crc32(&out[start..]);
    out.extend_from_slice(&prelude_crc.to_be_bytes());
    out.extend_from_slice(headers);
    out.extend_from_slice(payload);
    let message_crc = crc32(&out[start..]);
    out.extend_from_slice(&message_crc.to_be_bytes());
}

/// CRC-32 (IEEE), bit by bit: the messages here are few (the crate's own codec, in
/// `wire::event_stream`, has the table-driven one, but this file serves crates without it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
