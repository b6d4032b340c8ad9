//! A `@streaming` blob output's body (S3's `GetObject` `Body`): either complete (bytes, as
//! `parse_response` reads them from a whole body) or live, read from the response as it
//! arrives (the clients attach the transport's body to it).
//!
//! A live body is read with [`std::io::Read`] (the blocking client's, each read waiting for
//! the transport), or [`ByteStream::next_async`] / [`ByteStream::poll_next`] (the async
//! client's, never blocking the executor); [`ByteStream::collect`] reads the rest whole, at
//! most [`MAX_COLLECT`] bytes.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use super::blob::Blob;

/// A response body as it arrives: each poll gives the next piece, `None` at the end of the
/// body, `Some(Err(why))` when reading failed (the body ends there). The client's transports
/// give one (`client::async_io::BodyChunks` is the same type).
pub type BodyChunks =
    Box<dyn FnMut(&mut Context<'_>) -> Poll<Option<Result<Vec<u8>, String>>> + Send>;

/// The most [`ByteStream::collect`] reads into memory (1 GiB).
pub const MAX_COLLECT: usize = 1 << 30;

/// Why a body could not be read: the connection broke off or timed out, the body was over
/// [`MAX_COLLECT`] bytes, or it is the clone of a live body. Never holds the body's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByteStreamError {
    message: String,
}

impl ByteStreamError {
    fn new(message: impl Into<String>) -> Self {
        ByteStreamError {
            message: message.into(),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ByteStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ByteStreamError {}

impl From<ByteStreamError> for std::io::Error {
    fn from(error: ByteStreamError) -> Self {
        std::io::Error::other(error)
    }
}

enum Inner {
    /// Received bytes not handed out yet (a complete body's are all here).
    Complete(VecDeque<u8>),
    /// Bytes received but not handed out yet, then the rest of the body.
    Live {
        pending: VecDeque<u8>,
        source: Option<BodyChunks>,
        failed: Option<ByteStreamError>,
    },
    /// The clone of a live body: reading it fails (the bytes belong to the original).
    Detached,
}

/// A `@streaming` blob output's body; see the module documentation.
///
/// `Clone` and `PartialEq`: a complete body clones its bytes and compares by them (what is
/// left to read). A live body's bytes belong to the connection: its clone is a body whose
/// reads fail with a [`ByteStreamError`] saying so, and a live body (or such a clone) is
/// equal to no body, itself included. `Debug` never shows bytes, only the length of a
/// complete body.
pub struct ByteStream {
    inner: Inner,
}

impl ByteStream {
    /// A complete body of `bytes`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        ByteStream {
            inner: Inner::Complete(bytes.into().into()),
        }
    }

    /// A body read from `source` as it arrives (the clients' way in).
    pub fn from_chunks(source: BodyChunks) -> Self {
        ByteStream {
            inner: Inner::Live {
                pending: VecDeque::new(),
                source: Some(source),
                failed: None,
            },
        }
    }

    /// Whether the body is still arriving from the connection (not received whole).
    pub fn is_live(&self) -> bool {
        !matches!(self.inner, Inner::Complete(_))
    }

    /// A complete body's bytes left to read; `None` for a live body.
    pub fn bytes(&self) -> Option<&VecDeque<u8>> {
        match &self.inner {
            Inner::Complete(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// Polls for the next piece of the body (a `Stream`'s `poll_next`): `Ready(None)` at
    /// its end, `Ready(Some(Err(_)))` once when reading failed (the body ends there).
    pub fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Vec<u8>, ByteStreamError>>> {
        match &mut self.inner {
            Inner::Complete(bytes) => {
                if bytes.is_empty() {
                    Poll::Ready(None)
                } else {
                    let piece: Vec<u8> = bytes.drain(..).collect();
                    Poll::Ready(Some(Ok(piece)))
                }
            }
            Inner::Detached => {
                self.inner = Inner::Complete(VecDeque::new());
                Poll::Ready(Some(Err(detached())))
            }
            Inner::Live {
                pending,
                source,
                failed,
            } => {
                if !pending.is_empty() {
                    return Poll::Ready(Some(Ok(pending.drain(..).collect())));
                }
                if let Some(error) = failed.take() {
                    return Poll::Ready(Some(Err(error)));
                }
                let Some(next) = source.as_mut() else {
                    return Poll::Ready(None);
                };
                // Empty pieces are skipped, so that an empty piece never looks like the end.
                loop {
                    match next(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Some(Ok(piece))) if piece.is_empty() => continue,
                        Poll::Ready(Some(Ok(piece))) => return Poll::Ready(Some(Ok(piece))),
                        Poll::Ready(Some(Err(why))) => {
                            *source = None;
                            let message = format!("reading the body failed: {why}");
                            return Poll::Ready(Some(Err(ByteStreamError::new(message))));
                        }
                        Poll::Ready(None) => {
                            *source = None;
                            return Poll::Ready(None);
                        }
                    }
                }
            }
        }
    }

    /// The next piece of the body, waiting for it without blocking the executor; `None` at
    /// its end.
    pub async fn next_async(&mut self) -> Option<Result<Vec<u8>, ByteStreamError>> {
        std::future::poll_fn(|cx| self.poll_next(cx)).await
    }

    /// The rest of the body, waiting for it without blocking the executor; an error past
    /// [`MAX_COLLECT`] bytes.
    pub async fn collect(mut self) -> Result<Blob, ByteStreamError> {
        let mut whole = Vec::new();
        while let Some(piece) = self.next_async().await {
            whole.extend(piece?);
            if whole.len() > MAX_COLLECT {
                return Err(ByteStreamError::new(format!(
                    "the body is over {MAX_COLLECT} bytes: read it as it arrives instead"
                )));
            }
        }
        Ok(Blob::new(whole))
    }

    /// The rest of the body, each read waiting on this thread (the blocking client's: the
    /// transport's timeouts bound each read); an error past [`MAX_COLLECT`] bytes. On an
    /// async executor use [`collect`](ByteStream::collect).
    pub fn into_bytes(self) -> Result<Vec<u8>, ByteStreamError> {
        block_on(self.collect()).map(Blob::into_inner)
    }

    /// As [`into_bytes`](ByteStream::into_bytes), as a [`Blob`].
    pub fn into_blob(self) -> Result<Blob, ByteStreamError> {
        block_on(self.collect())
    }
}

fn detached() -> ByteStreamError {
    ByteStreamError::new("the clone of a body being received has no bytes: read the original")
}

/// Blocking reads: each waits on this thread for the next piece (the blocking client's
/// bodies; on an async executor use [`ByteStream::next_async`]).
impl std::io::Read for ByteStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let pending = match &mut self.inner {
            Inner::Complete(bytes) => bytes,
            Inner::Live { pending, .. } if !pending.is_empty() => pending,
            _ => match block_on(self.next_async()) {
                None => return Ok(0),
                Some(Err(error)) => return Err(error.into()),
                Some(Ok(piece)) => match &mut self.inner {
                    Inner::Live { pending, .. } => {
                        pending.extend(piece);
                        pending
                    }
                    _ => return Ok(0),
                },
            },
        };
        let n = buf.len().min(pending.len());
        for (slot, byte) in buf.iter_mut().zip(pending.drain(..n)) {
            *slot = byte;
        }
        Ok(n)
    }
}

/// Runs `future` to its end on this thread; the body's reads are bounded by the transport's
/// timeouts.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(std::sync::Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::park();
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        ByteStream::new(Vec::new())
    }
}

impl Clone for ByteStream {
    fn clone(&self) -> Self {
        match &self.inner {
            Inner::Complete(bytes) => ByteStream {
                inner: Inner::Complete(bytes.clone()),
            },
            _ => ByteStream {
                inner: Inner::Detached,
            },
        }
    }
}

impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.inner, &other.inner) {
            (Inner::Complete(a), Inner::Complete(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Complete(bytes) => write!(f, "ByteStream(<{} bytes>)", bytes.len()),
            _ => f.write_str("ByteStream(<being received>)"),
        }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<&[u8]> for ByteStream {
    fn from(bytes: &[u8]) -> Self {
        ByteStream::new(bytes.to_vec())
    }
}

impl From<Blob> for ByteStream {
    fn from(blob: Blob) -> Self {
        ByteStream::new(blob.into_inner())
    }
}

/// Output structures are serde types (the command line prints them): the body is no part of
/// their JSON, a `@streaming` member is skipped and reads back empty.
impl serde::Serialize for ByteStream {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> serde::Deserialize<'de> for ByteStream {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(ByteStream::default())
    }
}
