//! The default async transport (feature `client-hyper`): hyper 1's pooled client (through
//! hyper-util) over rustls with the ring provider, on the tokio runtime of the caller.
//! Without a tokio runtime around the call, the async client keeps the blocking transport on
//! a thread per attempt, so the client still runs under any executor.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use http_body_util::BodyExt;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::async_io::{
    AsyncHttpTransport, AsyncSleep, BodyChunks, BoxFuture, ThreadSleep, ThreadTransport,
};
use super::transport::{AttemptLimits, HttpTransport, TransportError, TransportErrorKind};

type Pool =
    hyper_util::client::legacy::Client<hyper_rustls::HttpsConnector<HttpConnector>, RequestBody>;

/// A request's body: whole (sent with its length), or produced while it is sent (a live
/// input event stream, sent chunked).
enum RequestBody {
    Whole(Option<bytes::Bytes>),
    Live(BodyChunks),
}

impl http_body::Body for RequestBody {
    type Data = bytes::Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
        match self.get_mut() {
            RequestBody::Whole(data) => {
                Poll::Ready(data.take().map(|d| Ok(http_body::Frame::data(d))))
            }
            RequestBody::Live(chunks) => match chunks(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Ready(Some(Ok(piece))) => {
                    Poll::Ready(Some(Ok(http_body::Frame::data(bytes::Bytes::from(piece)))))
                }
                Poll::Ready(Some(Err(why))) => Poll::Ready(Some(Err(why.into()))),
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, RequestBody::Whole(None))
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match self {
            RequestBody::Whole(data) => {
                http_body::SizeHint::with_exact(data.as_ref().map_or(0, |d| d.len() as u64))
            }
            RequestBody::Live(_) => http_body::SizeHint::default(),
        }
    }
}

/// Responses larger than this are refused rather than read into memory.
const MAX_BODY: usize = 1 << 30;

/// hyper with rustls: connections kept and reused per host, no redirects, every status
/// returned as a response. Needs a tokio runtime (with its timer) around each `send`.
#[derive(Clone, Debug)]
pub struct HyperTransport {
    /// The TLS setup's failure, reported by every send, when the roots or the provider were
    /// refused.
    pool: Result<Pool, TransportError>,
    read: Option<Duration>,
}

impl HyperTransport {
    /// A pool with the connect and per-read limits of `limits` (its `total` is the caller's).
    pub fn new(limits: &AttemptLimits) -> Self {
        HyperTransport::with_roots(limits, None)
    }

    /// As [`HyperTransport::new`], trusting `roots` (a CA bundle's certificates), when given,
    /// in place of the built-in roots, as the blocking transport does.
    pub fn with_roots(
        limits: &AttemptLimits,
        roots: Option<&[ureq::tls::Certificate<'static>]>,
    ) -> Self {
        HyperTransport {
            pool: pool(limits, roots),
            read: limits.read,
        }
    }
}

fn pool(
    limits: &AttemptLimits,
    roots: Option<&[ureq::tls::Certificate<'static>]>,
) -> Result<Pool, TransportError> {
    let mut store = rustls::RootCertStore::empty();
    match roots {
        Some(roots) => {
            let ders = roots
                .iter()
                .map(|cert| rustls::pki_types::CertificateDer::from(cert.der().to_vec()));
            let (added, _) = store.add_parsable_certificates(ders);
            if added == 0 {
                return Err(TransportError::new(
                    TransportErrorKind::Other,
                    "the CA bundle holds no usable certificate",
                ));
            }
        }
        None => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TransportError::new(TransportErrorKind::Other, format!("TLS setup: {e}")))?
        .with_root_certificates(store)
        .with_no_client_auth();
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(limits.connect);
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(
        hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(https),
    )
}

/// `work`'s output, or `None` when `limit` passes first.
async fn within<F: Future>(limit: Option<Duration>, work: F) -> Option<F::Output> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, work).await.ok(),
        None => Some(work.await),
    }
}

fn read_timeout(url: &str) -> TransportError {
    TransportError::new(
        TransportErrorKind::Timeout,
        format!("request to {url} timed out: no data within the read timeout"),
    )
}

/// A response body as hyper gives it (its type is hyper's, a crate the generated crate does
/// not name).
trait ResponseBody:
    BodyExt<Data = bytes::Bytes, Error: std::fmt::Display> + Unpin + Send + 'static
{
}

impl<B> ResponseBody for B where
    B: BodyExt<Data = bytes::Bytes, Error: std::fmt::Display> + Unpin + Send + 'static
{
}

impl HyperTransport {
    /// Sends `request` and waits for the response's head, the wait bounded by the read limit
    /// (which then bounds each read of the body); gives the URL too, for errors.
    async fn head(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<(http::Response<impl ResponseBody>, String), TransportError> {
        let pool = self.pool.as_ref().map_err(Clone::clone)?;
        let url = request.uri().to_string();
        let request = request.map(|body| {
            RequestBody::Whole(Some(bytes::Bytes::from(body)).filter(|b| !b.is_empty()))
        });
        let response = within(self.read, pool.request(request))
            .await
            .ok_or_else(|| read_timeout(&url))?
            .map_err(|e| hyper_error(&e, &url))?;
        Ok((response, url))
    }
}

impl AsyncHttpTransport for HyperTransport {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let (response, url) = self.head(request).await?;
            let (parts, mut body) = response.into_parts();
            let mut bytes = Vec::new();
            while let Some(frame) = within(self.read, body.frame())
                .await
                .ok_or_else(|| read_timeout(&url))?
            {
                let frame = frame.map_err(|e| {
                    TransportError::new(
                        TransportErrorKind::Io,
                        format!("request to {url} failed reading the response: {e}"),
                    )
                })?;
                if let Ok(data) = frame.into_data() {
                    if bytes.len() + data.len() > MAX_BODY {
                        return Err(TransportError::new(
                            TransportErrorKind::Other,
                            format!(
                                "request to {url} failed: the response is over {MAX_BODY} bytes"
                            ),
                        ));
                    }
                    bytes.extend_from_slice(&data);
                }
            }
            Ok(http::Response::from_parts(parts, bytes))
        })
    }

    fn send_streaming<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        Box::pin(async move {
            let (response, url) = self.head(request).await?;
            let read = self.read;
            Ok(response.map(|body| frames(body, read, url)))
        })
    }

    fn send_events<'a>(
        &'a self,
        request: http::Request<BodyChunks>,
        _limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        Box::pin(async move {
            let pool = self.pool.as_ref().map_err(Clone::clone)?;
            let url = request.uri().to_string();
            // The caller's pace sets the wait for the head (the service may answer only once
            // the stream ends): the operation's time limit bounds it, not the read limit.
            let request = request.map(RequestBody::Live);
            let response = pool
                .request(request)
                .await
                .map_err(|e| hyper_error(&e, &url))?;
            let read = self.read;
            Ok(response.map(|body| frames(body, read, url)))
        })
    }
}

/// The data of `body`'s frames as they arrive, each wait for one bounded by `read`.
fn frames(mut body: impl ResponseBody, read: Option<Duration>, url: String) -> BodyChunks {
    let mut timer: Option<Pin<Box<tokio::time::Sleep>>> = None;
    let mut ended = false;
    Box::new(move |cx| {
        // Frames without data (trailers) are skipped; the body has few.
        while !ended {
            let mut frame = body.frame();
            match Pin::new(&mut frame).poll(cx) {
                Poll::Ready(None) => ended = true,
                Poll::Ready(Some(Err(e))) => {
                    ended = true;
                    return Poll::Ready(Some(Err(format!(
                        "request to {url} failed reading the response: {e}"
                    ))));
                }
                Poll::Ready(Some(Ok(frame))) => {
                    timer = None;
                    match frame.into_data() {
                        Ok(data) if !data.is_empty() => {
                            return Poll::Ready(Some(Ok(data.to_vec())))
                        }
                        _ => {}
                    }
                }
                Poll::Pending => {
                    let Some(limit) = read else {
                        return Poll::Pending;
                    };
                    let timer = timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                    if timer.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    ended = true;
                    return Poll::Ready(Some(Err(read_timeout(&url).message)));
                }
            }
        }
        Poll::Ready(None)
    })
}

fn hyper_error(error: &hyper_util::client::legacy::Error, url: &str) -> TransportError {
    use std::error::Error as _;
    // The whole chain: hyper-util's own text is only "client error (Connect)".
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    let (kind, what) = if error.is_connect() {
        (TransportErrorKind::Connect, "could not connect")
    } else {
        (TransportErrorKind::Io, "failed")
    };
    TransportError::new(kind, format!("request to {url} {what}: {text}"))
}

/// The async client's default transport with this feature: hyper when the call runs on a
/// tokio runtime, else the blocking transport on a thread per attempt.
#[derive(Debug)]
pub struct TokioOrThreads {
    pub hyper: HyperTransport,
    pub threads: ThreadTransport,
}

impl TokioOrThreads {
    pub fn new(hyper: HyperTransport, blocking: Arc<dyn HttpTransport>) -> Self {
        TokioOrThreads {
            hyper,
            threads: ThreadTransport(blocking),
        }
    }
}

impl AsyncHttpTransport for TokioOrThreads {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>> {
        if on_tokio() {
            self.hyper.send(request, limits)
        } else {
            self.threads.send(request, limits)
        }
    }

    fn send_streaming<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        if on_tokio() {
            self.hyper.send_streaming(request, limits)
        } else {
            self.threads.send_streaming(request, limits)
        }
    }

    fn send_events<'a>(
        &'a self,
        request: http::Request<BodyChunks>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        if on_tokio() {
            self.hyper.send_events(request, limits)
        } else {
            self.threads.send_events(request, limits)
        }
    }
}

/// Sleeps on tokio's timer.
#[derive(Debug, Default)]
pub struct TokioSleep;

impl AsyncSleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Whether the caller runs on a tokio runtime whose timer hyper and [`TokioSleep`] can use.
pub fn on_tokio() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}

/// The async client's default sleep with this feature: tokio's timer on a tokio runtime,
/// else a thread per wait.
pub fn default_sleep() -> Arc<dyn AsyncSleep> {
    if on_tokio() {
        Arc::new(TokioSleep)
    } else {
        Arc::new(ThreadSleep)
    }
}
