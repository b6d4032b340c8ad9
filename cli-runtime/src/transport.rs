//! The command line's transport for the generated client: each attempt goes out through the command's `ureq`
//! agent (its TLS options, proxies and timeouts), with the command line's user agent, and is written to the
//! `--debug` log with secrets masked. The client signs and retries; this only sends and records.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use crate::schema::Schema;
use crate::{debug_log, send};

/// Why an attempt got no response, as the client's retry policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    Connect,
    Timeout,
    Io,
    Other,
}

/// An attempt without a response; the message is the AWS CLI's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportFailure {
    pub kind: TransportKind,
    pub message: String,
}

/// What `--debug` shows of each attempt.
struct DebugLog {
    lines: Mutex<Vec<u8>>,
    input: &'static Schema,
    output: &'static Schema,
    secrets: Vec<String>,
}

/// One command's transport. The client needs a `'static` transport, so the log is kept here and the command
/// line passes it on to stderr while the call runs ([`CliTransport::take_log`]).
pub struct CliTransport {
    agent: ureq::Agent,
    user_agent: String,
    max_attempts: u32,
    attempts: AtomicU32,
    debug: Option<DebugLog>,
}

impl std::fmt::Debug for CliTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CliTransport")
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl CliTransport {
    pub(crate) fn new(agent: ureq::Agent, user_agent: String, max_attempts: u32) -> Self {
        CliTransport {
            agent,
            user_agent,
            max_attempts,
            attempts: AtomicU32::new(0),
            debug: None,
        }
    }

    /// Logs every attempt, its bodies read with the operation's schemas and `secrets` masked.
    pub(crate) fn with_debug(
        mut self,
        input: &'static Schema,
        output: &'static Schema,
        secrets: Vec<String>,
    ) -> Self {
        self.debug = Some(DebugLog {
            lines: Mutex::new(Vec::new()),
            input,
            output,
            secrets,
        });
        self
    }

    /// Sends one attempt and reads the whole response.
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportFailure> {
        let request = self.prepare(request);
        let outcome = send::send(&self.agent, request);
        if let Ok(response) = &outcome {
            self.log(|log, out| debug_log::response(out, response, log.output, &log.secrets));
        }
        self.failure(outcome)
    }

    /// Sends one attempt and gives the response once its head has arrived, its body to be read as it
    /// arrives (an output event stream's events).
    pub fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Box<dyn std::io::Read + Send>>, TransportFailure> {
        let request = self.prepare(request);
        let outcome = send::send_streaming(&self.agent, request);
        if let Ok(response) = &outcome {
            self.log(|log, out| {
                debug_log::response_head(out, response.status(), response.headers(), &log.secrets)
            });
        }
        self.failure(outcome)
    }

    /// Counts and logs an attempt, with the command line's user agent.
    fn prepare(&self, mut request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
        let attempt = self.attempts.fetch_add(1, Ordering::Relaxed) + 1;
        if !request.headers().contains_key(http::header::USER_AGENT) {
            if let Ok(value) = http::HeaderValue::from_str(&self.user_agent) {
                request
                    .headers_mut()
                    .insert(http::header::USER_AGENT, value);
            }
        }
        self.log(|log, out| {
            debug_log::line(out, &format!("attempt {attempt} of {}", self.max_attempts));
            debug_log::request(out, &request, log.input, &log.secrets);
        });
        request
    }

    /// A failed attempt logged, in the command line's terms.
    fn failure<T>(&self, outcome: Result<T, send::TransportError>) -> Result<T, TransportFailure> {
        match outcome {
            Ok(response) => Ok(response),
            Err(error) => {
                self.log(|_, out| {
                    debug_log::line(out, &format!("transport error: {}", error.message))
                });
                Err(TransportFailure {
                    kind: error.kind,
                    message: error.message,
                })
            }
        }
    }

    /// Attempts sent so far, across every call of the command.
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts.load(Ordering::Relaxed)
    }

    /// Whether attempts are written to a `--debug` log.
    pub(crate) fn logs(&self) -> bool {
        self.debug.is_some()
    }

    /// The `--debug` lines written since last asked, to be shown now.
    pub(crate) fn take_log(&self) -> Vec<u8> {
        match &self.debug {
            Some(log) => std::mem::take(&mut *log.lines.lock().unwrap_or_else(|e| e.into_inner())),
            None => Vec::new(),
        }
    }

    fn log(&self, write: impl FnOnce(&DebugLog, &mut Vec<u8>)) {
        if let Some(log) = &self.debug {
            let mut lines = log.lines.lock().unwrap_or_else(|e| e.into_inner());
            write(log, &mut lines);
        }
    }
}
