//! The async client, tied to no runtime: the transport and the sleep between attempts are
//! traits whose futures any executor can poll. Without them configured, each attempt and
//! each wait runs on a thread of its own (the blocking transport), so the client works under
//! any executor, or none.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use super::call::{Call, Operation};
use super::transport::{AttemptLimits, HttpTransport, TransportError, TransportErrorKind};
use super::{Auth, Config, OperationError, SdkError, SERVICE};

/// A boxed future, as the async traits return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request without blocking the caller's executor.
pub trait AsyncHttpTransport: Send + Sync + fmt::Debug {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>>;
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
struct OnThread<T> {
    slot: Slot<T>,
}

fn on_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> OnThread<T> {
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
async fn within<T>(
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

/// The async client of the service: `client.<operation>()...send().await`. Cheap to clone;
/// clients made from one [`Config`] share its connections and retry quota.
#[derive(Clone, Debug)]
pub struct Client {
    config: Config,
}

impl Client {
    pub fn new(config: &Config) -> Self {
        Client {
            config: config.clone(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `input` as `operation` says, retrying as the configuration says.
    pub(crate) async fn invoke<I, O, E: OperationError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
    ) -> Result<O, SdkError<E>> {
        // A provider that must fetch (run a process) does so on a thread, as the transport;
        // the call below then finds its credentials cached.
        let provider = self.config.credentials_provider().filter(|p| p.may_block());
        if let (Some(provider), true) = (provider, operation.auth != Auth::None) {
            let provider = Arc::clone(provider);
            let fetched = on_thread(move || provider.provide_credentials()).await;
            if let (Err(e), Auth::Required) = (fetched, operation.auth) {
                return Err(SdkError::Credentials(e));
            }
        }
        let mut call = Call::prepare(&self.config, &SERVICE, operation, input)?;
        let transport = self.config.async_transport();
        let sleep = self.config.sleep_impl();
        loop {
            let wait = call.send_delay();
            if !wait.is_zero() {
                sleep.sleep(wait).await;
            }
            let request = call.next_request()?;
            let limits = call.limits();
            let outcome = within(
                transport.send(request, &limits),
                limits.total,
                sleep.as_ref(),
            )
            .await
            .unwrap_or_else(|| {
                Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    "the operation's time limit passed",
                ))
            });
            match call.judge(outcome, operation.parse) {
                Ok(output) => return Ok(output),
                Err((kind, failure)) => sleep.sleep(call.retry_after(kind, failure)?).await,
            }
        }
    }
}
