//! What the async client needs of an executor, tied to none: the transport and the sleep
//! between attempts are traits whose futures any executor can poll; without them configured,
//! each attempt and each wait runs on a thread of its own. Shared by the clients of every
//! service (the runtime crate holds it); the per-service `Client` is in `async_client.rs`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use super::transport::{AttemptLimits, BodyReader, HttpTransport, TransportError};

/// A boxed future, as the async traits return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A response body as it arrives: each poll gives the next piece, `None` at the end of the
/// body, `Some(Err(why))` when reading failed (the body ends there). The same type as
/// `wire::event_stream::BodyChunks`, which an output event stream's receiver reads.
pub type BodyChunks =
    Box<dyn FnMut(&mut Context<'_>) -> Poll<Option<Result<Vec<u8>, String>>> + Send>;

/// A body received whole, as one piece.
pub fn whole_body(body: Vec<u8>) -> BodyChunks {
    let mut body = Some(body).filter(|b| !b.is_empty());
    Box::new(move |_| Poll::Ready(body.take().map(Ok)))
}

/// The most one read of a streamed body takes.
const PIECE: usize = 64 * 1024;

/// What the reader has now (at most [`PIECE`] bytes); empty at the end of the body.
fn read_piece(reader: &mut dyn std::io::Read) -> Result<Vec<u8>, String> {
    let mut piece = vec![0u8; PIECE];
    // Interruptions are retried a bounded number of times.
    for _ in 0..100 {
        match reader.read(&mut piece) {
            Ok(n) => {
                piece.truncate(n);
                return Ok(piece);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("reading the response failed: {e}")),
        }
    }
    Err("reading the response failed: interrupted".to_owned())
}

/// A blocking reader's pieces, each read on the polling thread (the blocking client's: the
/// reader's own timeouts bound each read).
pub fn read_here(mut reader: BodyReader) -> BodyChunks {
    let mut ended = false;
    Box::new(move |_| {
        if ended {
            return Poll::Ready(None);
        }
        match read_piece(&mut reader) {
            Ok(piece) if !piece.is_empty() => Poll::Ready(Some(Ok(piece))),
            Ok(_) => {
                ended = true;
                Poll::Ready(None)
            }
            Err(e) => {
                ended = true;
                Poll::Ready(Some(Err(e)))
            }
        }
    })
}

/// A blocking reader's pieces, each read on a thread of its own, so that the async client's
/// executor never blocks.
pub fn read_on_threads(reader: BodyReader) -> BodyChunks {
    type Read = OnThread<(BodyReader, Result<Vec<u8>, String>)>;
    let mut reader = Some(reader);
    let mut reading: Option<Read> = None;
    Box::new(move |cx| {
        if reading.is_none() {
            let Some(mut idle) = reader.take() else {
                return Poll::Ready(None);
            };
            reading = Some(on_thread(move || {
                let piece = read_piece(&mut idle);
                (idle, piece)
            }));
        }
        let Some(pending) = reading.as_mut() else {
            return Poll::Ready(None);
        };
        let Poll::Ready((idle, piece)) = Pin::new(pending).poll(cx) else {
            return Poll::Pending;
        };
        reading = None;
        // The reader is kept only while the body goes on.
        match piece {
            Ok(piece) if piece.is_empty() => Poll::Ready(None),
            Ok(piece) => {
                reader = Some(idle);
                Poll::Ready(Some(Ok(piece)))
            }
            Err(e) => Poll::Ready(Some(Err(e))),
        }
    })
}

/// Runs `future` to its end on this thread (the blocking client's way to share the async
/// steps of a call); the future's own timeouts bound it.
#[doc(hidden)]
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::park();
    }
}

/// Sends one request without blocking the caller's executor.
pub trait AsyncHttpTransport: Send + Sync + fmt::Debug {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>>;

    /// Sends one request and gives the response's head once it has arrived, with its body
    /// to read as it arrives. Without an implementation of its own, a transport receives the
    /// whole body with [`AsyncHttpTransport::send`] first.
    fn send_streaming<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        Box::pin(async move { Ok(self.send(request, limits).await?.map(whole_body)) })
    }

    /// Sends one request whose body is produced while it is sent (a live input event
    /// stream), giving the response as [`AsyncHttpTransport::send_streaming`] does. Without
    /// an implementation of its own, a transport collects the whole body first: the events
    /// then all go at the end.
    fn send_events<'a>(
        &'a self,
        request: http::Request<BodyChunks>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        Box::pin(async move {
            let (parts, mut body) = request.into_parts();
            let mut whole = Vec::new();
            while let Some(piece) = std::future::poll_fn(|cx| body(cx)).await {
                whole.extend(piece.map_err(|why| {
                    TransportError::new(super::transport::TransportErrorKind::Other, why)
                })?);
            }
            let request = http::Request::from_parts(parts, whole);
            self.send_streaming(request, limits).await
        })
    }
}

/// Waits without blocking the caller's executor (`tokio::time::sleep`, `async_io::Timer`...).
pub trait AsyncSleep: Send + Sync + fmt::Debug {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// A blocking transport made async: each attempt runs on a thread of its own.
#[derive(Debug)]
pub struct ThreadTransport(pub Arc<dyn HttpTransport>);

impl AsyncHttpTransport for ThreadTransport {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>> {
        let transport = Arc::clone(&self.0);
        let limits = *limits;
        Box::pin(on_thread(move || transport.send(request, &limits)))
    }

    fn send_streaming<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        let transport = Arc::clone(&self.0);
        let limits = *limits;
        Box::pin(async move {
            let response = on_thread(move || transport.send_streaming(request, &limits)).await?;
            Ok(response.map(read_on_threads))
        })
    }

    fn send_events<'a>(
        &'a self,
        request: http::Request<BodyChunks>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<BodyChunks>, TransportError>> {
        // The attempt's thread waits for each event as the blocking transport sends it.
        let transport = Arc::clone(&self.0);
        let limits = *limits;
        Box::pin(async move {
            let response = on_thread(move || transport.send_events(request, &limits)).await?;
            Ok(response.map(read_on_threads))
        })
    }
}

/// Sleeps on a thread of its own.
#[derive(Debug, Default)]
pub struct ThreadSleep;

impl AsyncSleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(on_thread(move || std::thread::sleep(duration)))
    }
}

type Slot<T> = Arc<Mutex<(Option<T>, Option<Waker>)>>;

/// The result of `work`, run on a new thread; the future wakes its task when it is done.
#[doc(hidden)]
pub struct OnThread<T> {
    slot: Slot<T>,
}

#[doc(hidden)]
pub fn on_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> OnThread<T> {
    let slot: Slot<T> = Arc::new(Mutex::new((None, None)));
    let filled = Arc::clone(&slot);
    let run = move || {
        let value = work();
        let waker = {
            let mut slot = filled.lock().unwrap_or_else(|e| e.into_inner());
            slot.0 = Some(value);
            slot.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    };
    // Without a thread to spare, the work runs here: slower, never lost.
    let run = Arc::new(Mutex::new(Some(run)));
    let spare = Arc::clone(&run);
    let spawned = std::thread::Builder::new()
        .name("client-io".into())
        .spawn(move || {
            if let Some(run) = spare.lock().unwrap_or_else(|e| e.into_inner()).take() {
                run();
            }
        });
    if spawned.is_err() {
        if let Some(run) = run.lock().unwrap_or_else(|e| e.into_inner()).take() {
            run();
        }
    }
    OnThread { slot }
}

impl<T> Future for OnThread<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match slot.0.take() {
            Some(value) => Poll::Ready(value),
            None => {
                slot.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// `work`'s output, or `None` when `limit` passes first.
#[doc(hidden)]
pub async fn within<T>(
    mut work: BoxFuture<'_, T>,
    limit: Option<Duration>,
    sleep: &dyn AsyncSleep,
) -> Option<T> {
    let Some(limit) = limit else {
        return Some(work.await);
    };
    let mut timer = sleep.sleep(limit);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(value) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(value));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}
