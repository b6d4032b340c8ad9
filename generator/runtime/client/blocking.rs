//! The blocking client: each call runs on the calling thread, no async runtime needed.
//!
//! ```ignore
//! let config = client::Config::from_env()?;
//! let client = blocking::Client::new(&config);
//! let output = client.some_operation().member(value).send()?;
//! ```

use crate::client::async_io::{block_on, read_here};
use crate::client::call::{Call, LiveEvents, Operation};
use crate::client::{ChosenEndpoint, Config, OperationError, SdkError};

/// A client of the service. Cheap to clone; clients made from one [`Config`] share its
/// connections and retry quota.
#[derive(Clone, Debug)]
pub struct Client {
    config: Config,
}

impl Client {
    /// A client of this service sharing `config`'s credentials, connections and clock, with
    /// the service's own endpoint URL and retry quota (see [`Config::for_service`]).
    pub fn new(config: &Config) -> Self {
        Client {
            config: config.for_service(&crate::client::SERVICE),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `input` as `operation` says, retrying as the configuration says.
    pub(crate) fn invoke<I, O, E: OperationError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
    ) -> Result<O, SdkError<E>> {
        self.invoke_at(operation, input, None)
    }

    /// [`Client::invoke`] at `endpoint` when given, in place of the operation's choice: the
    /// command line's way in, which resolves (and explains) the endpoint itself.
    #[doc(hidden)]
    pub fn invoke_at<I, O, E: OperationError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
        endpoint: Option<ChosenEndpoint>,
    ) -> Result<O, SdkError<E>> {
        self.invoke_live(operation, input, endpoint, None)
    }

    /// [`Client::invoke_at`], sending `live`'s events as the input stream when given.
    pub(crate) fn invoke_live<I, O, E: OperationError>(
        &self,
        operation: &Operation<I, O, E>,
        input: &I,
        endpoint: Option<ChosenEndpoint>,
        live: Option<LiveEvents>,
    ) -> Result<O, SdkError<E>> {
        let mut call = Call::prepare_at(
            &self.config,
            &crate::client::SERVICE,
            operation,
            input,
            endpoint,
        )?;
        let transport = self.config.transport();
        loop {
            let wait = call.send_delay();
            if !wait.is_zero() {
                std::thread::sleep(wait);
            }
            let limits = call.limits();
            if let Some(live) = &live {
                let request = call.next_live_request(live)?;
                // The events are read on this thread as the transport sends them.
                let outcome = transport
                    .send_events(request, &limits)
                    .map(|response| response.map(read_here));
                let judged =
                    block_on(call.judge_live(outcome, operation.parse, operation.stream.as_ref()));
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
                            Some(wait) => std::thread::sleep(wait),
                            None => return Err(failure),
                        }
                    }
                }
                continue;
            }
            let request = call.next_request()?;
            let judged = match &operation.stream {
                None => call.judge(transport.send(request, &limits), operation.parse),
                // The body is read on this thread as the receiver asks for events.
                Some(stream) => {
                    let outcome = transport
                        .send_streaming(request, &limits)
                        .map(|response| response.map(read_here));
                    block_on(call.judge_streaming(outcome, operation.parse, stream))
                }
            };
            match judged {
                Ok(output) => return Ok(output),
                Err((kind, failure)) => match call.retry_wait(kind) {
                    Some(wait) => std::thread::sleep(wait),
                    None => return Err(failure),
                },
            }
        }
    }
}
