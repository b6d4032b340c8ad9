//! The async client of this service, tied to no runtime: the transport and the sleep between
//! attempts are traits whose futures any executor can poll (`async_io.rs`). Without them
//! configured, each attempt and each wait runs on a thread of its own (the blocking
//! transport), so the client works under any executor, or none.

use std::sync::Arc;

use super::async_io::{on_thread, within};
use super::call::{Call, LiveEvents, Operation};
use super::transport::{TransportError, TransportErrorKind};
use super::{Auth, Config, OperationError, SdkError, SERVICE};

/// The async client of the service: `client.<operation>()...send().await`. Cheap to clone;
/// clients made from one [`Config`] share its connections and retry quota.
#[derive(Clone, Debug)]
pub struct Client {
    config: Config,
}

impl Client {
    /// A client of this service sharing `config`'s credentials, connections and clock, with
    /// the service's own endpoint URL and retry quota (see [`Config::for_service`]).
    pub fn new(config: &Config) -> Self {
        Client {
            config: config.for_service(&SERVICE),
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
        self.invoke_live(operation, input, None).await
    }

    /// [`Client::invoke`], sending `live`'s events as the input stream when given.
    pub(crate) async fn invoke_live<I, O, E: OperationError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
        live: Option<LiveEvents>,
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
            let limits = call.limits();
            if let Some(live) = &live {
                // The time limit bounds the whole exchange: the events go while it runs.
                let request = call.next_live_request(live)?;
                let (call_ref, transport) = (&call, &transport);
                let exchange = async move {
                    let outcome = transport.send_events(request, &limits).await;
                    call_ref
                        .judge_live(outcome, operation.parse, operation.stream.as_ref())
                        .await
                };
                let judged = within(Box::pin(exchange), limits.total, sleep.as_ref())
                    .await
                    .unwrap_or_else(|| {
                        let timed_out = TransportError::new(
                            TransportErrorKind::Timeout,
                            "the operation's time limit passed",
                        );
                        call.judge(Err(timed_out), operation.parse)
                    });
                match judged {
                    Ok(output) => return Ok(output),
                    // Events once taken are gone: no attempt may send them again.
                    Err((kind, failure)) => {
                        let wait = if live.taken() {
                            None
                        } else {
                            call.retry_wait(kind)
                        };
                        match wait {
                            Some(wait) => sleep.sleep(wait).await,
                            None => return Err(failure),
                        }
                    }
                }
                continue;
            }
            let request = call.next_request()?;
            let timed_out = || {
                TransportError::new(
                    TransportErrorKind::Timeout,
                    "the operation's time limit passed",
                )
            };
            let judged = match &operation.stream {
                None => {
                    let outcome = within(
                        transport.send(request, &limits),
                        limits.total,
                        sleep.as_ref(),
                    )
                    .await
                    .unwrap_or_else(|| Err(timed_out()));
                    call.judge(outcome, operation.parse)
                }
                // The time limit bounds the head (and an RPC protocol's first message), not
                // the events, which the receiver reads as they arrive.
                Some(stream) => {
                    let (call, transport) = (&call, &transport);
                    let head = async move {
                        let outcome = transport.send_streaming(request, &limits).await;
                        call.judge_streaming(outcome, operation.parse, stream).await
                    };
                    within(Box::pin(head), limits.total, sleep.as_ref())
                        .await
                        .unwrap_or_else(|| call.judge(Err(timed_out()), operation.parse))
                }
            };
            match judged {
                Ok(output) => return Ok(output),
                Err((kind, failure)) => match call.retry_wait(kind) {
                    Some(wait) => sleep.sleep(wait).await,
                    None => return Err(failure),
                },
            }
        }
    }
}
