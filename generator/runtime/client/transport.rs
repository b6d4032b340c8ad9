//! The HTTP transport: a whole request in, a whole response out, or the response's body read
//! as it arrives (an output event stream). The default sends with `ureq` over rustls; any
//! other client plugs in through [`HttpTransport`].

use std::fmt;
use std::io::Read;
use std::time::Duration;

use super::async_io::{block_on, BodyChunks};

/// The time limits of one attempt.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttemptLimits {
    /// Establishing the connection (name resolution included).
    pub connect: Option<Duration>,
    /// Each read of the response.
    pub read: Option<Duration>,
    /// The whole attempt: what is left of the operation's time.
    pub total: Option<Duration>,
}

/// Why an attempt got no response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// No connection could be made.
    Connect,
    /// A time limit passed.
    Timeout,
    /// The connection failed while sending or reading, or the response was not HTTP.
    Io,
    /// Anything that sending again will not fix (a bad URL, a TLS failure).
    Other,
}

/// An attempt that got no HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    pub kind: TransportErrorKind,
    pub message: String,
}

impl TransportError {
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }

    /// Connection failures, timeouts and broken connections may succeed when sent again.
    pub fn is_retryable(&self) -> bool {
        self.kind != TransportErrorKind::Other
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

/// A response body read as it arrives. Each read is bounded by the transport's read timeout;
/// a failure is an `io::Error` whose text says what went wrong.
pub type BodyReader = Box<dyn Read + Send>;

/// Sends one request and reads the whole response. Implementations keep their connection
/// pool inside, so one transport serves every client of a configuration.
pub trait HttpTransport: Send + Sync + fmt::Debug {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError>;

    /// Sends one request and gives the response's head once it has arrived, with its body
    /// to read as it arrives (an output event stream's events). Without an implementation of
    /// its own, a transport receives the whole body with [`HttpTransport::send`] first.
    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<BodyReader>, TransportError> {
        let response = self.send(request, limits)?;
        Ok(response.map(|body| Box::new(std::io::Cursor::new(body)) as BodyReader))
    }

    /// Sends one request whose body is produced while it is sent (a live input event
    /// stream: each piece as the caller gives it, waiting on this thread for the next), and
    /// gives the response as [`HttpTransport::send_streaming`] does. Without an
    /// implementation of its own, a transport collects the whole body first: the events then
    /// all go at the end.
    fn send_events(
        &self,
        request: http::Request<BodyChunks>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<BodyReader>, TransportError> {
        let (parts, body) = request.into_parts();
        let mut whole = Vec::new();
        ChunksReader::new(body)
            .read_to_end(&mut whole)
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e.to_string()))?;
        self.send_streaming(http::Request::from_parts(parts, whole), limits)
    }
}

/// A body produced while it is sent, read as bytes: each read waits on this thread for the
/// next piece; the producer's failure is the read's error.
pub struct ChunksReader {
    chunks: BodyChunks,
    piece: Vec<u8>,
    at: usize,
    ended: bool,
}

impl ChunksReader {
    pub fn new(chunks: BodyChunks) -> Self {
        ChunksReader {
            chunks,
            piece: Vec::new(),
            at: 0,
            ended: false,
        }
    }
}

impl Read for ChunksReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Each turn takes the next piece; empty pieces are skipped.
        while self.at >= self.piece.len() {
            if self.ended {
                return Ok(0);
            }
            let chunks = &mut self.chunks;
            match block_on(std::future::poll_fn(|cx| chunks(cx))) {
                Some(Ok(piece)) => {
                    self.piece = piece;
                    self.at = 0;
                }
                None => self.ended = true,
                Some(Err(why)) => {
                    self.ended = true;
                    return Err(std::io::Error::other(why));
                }
            }
        }
        let n = buf.len().min(self.piece.len() - self.at);
        buf[..n].copy_from_slice(&self.piece[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Responses larger than this are refused rather than read into memory.
const MAX_BODY: u64 = 1 << 30;

/// The default transport: `ureq` (HTTPS with rustls), connections reused, no redirects, HTTP
/// errors returned as responses.
#[derive(Debug)]
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl UreqTransport {
    /// An agent with the connect and read limits of `limits` (its `total` is per attempt).
    pub fn new(limits: &AttemptLimits) -> Self {
        UreqTransport::with_roots(limits, None)
    }

    /// As [`UreqTransport::new`], trusting `roots` (a CA bundle's certificates), when given, in
    /// place of the built-in roots.
    pub fn with_roots(
        limits: &AttemptLimits,
        roots: Option<&[ureq::tls::Certificate<'static>]>,
    ) -> Self {
        let mut tls = ureq::tls::TlsConfig::builder();
        if let Some(roots) = roots {
            tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(roots));
        }
        let agent = ureq::Agent::config_builder()
            .tls_config(tls.build())
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_resolve(limits.connect)
            .timeout_connect(limits.connect)
            .timeout_per_read(limits.read)
            .build()
            .into();
        UreqTransport { agent }
    }
}

impl UreqTransport {
    /// Sends `request`, giving the response once its head has arrived.
    fn head(
        &self,
        request: http::Request<Vec<u8>>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<ureq::Body>, TransportError> {
        let url = request.uri().to_string();
        let request = self
            .agent
            .configure_request(request)
            .timeout_global(limits.total)
            .build();
        self.agent.run(request).map_err(|e| ureq_error(e, &url))
    }
}

impl HttpTransport for UreqTransport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let url = request.uri().to_string();
        let (parts, mut body) = self.head(request, limits)?.into_parts();
        let bytes = body
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| ureq_error(e, &url))?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<BodyReader>, TransportError> {
        // The agent's per-read and the attempt's total limits bound each read of the body.
        let response = self.head(request, limits)?;
        Ok(response.map(|body| Box::new(body.into_reader()) as BodyReader))
    }

    fn send_events(
        &self,
        request: http::Request<BodyChunks>,
        limits: &AttemptLimits,
    ) -> Result<http::Response<BodyReader>, TransportError> {
        // No length: ureq sends the body chunked, each piece as the reader gives it.
        let url = request.uri().to_string();
        let request =
            request.map(|body| ureq::SendBody::from_owned_reader(ChunksReader::new(body)));
        let request = self
            .agent
            .configure_request(request)
            .timeout_global(limits.total)
            .build();
        let response = self.agent.run(request).map_err(|e| ureq_error(e, &url))?;
        Ok(response.map(|body| Box::new(body.into_reader()) as BodyReader))
    }
}

fn ureq_error(error: ureq::Error, url: &str) -> TransportError {
    use ureq::Error;
    use TransportErrorKind::*;
    let kind = match &error {
        Error::Timeout(_) => Timeout,
        Error::Io(e)
            if e.kind() == std::io::ErrorKind::TimedOut
                || e.kind() == std::io::ErrorKind::WouldBlock =>
        {
            Timeout
        }
        Error::ConnectionFailed | Error::HostNotFound => Connect,
        Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Connect,
        Error::Io(_) | Error::Protocol(_) => Io,
        _ => Other,
    };
    let what = match kind {
        Timeout => "timed out",
        Connect => "could not connect",
        Io | Other => "failed",
    };
    TransportError::new(kind, format!("request to {url} {what}: {error}"))
}
