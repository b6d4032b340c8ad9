//! The seam between the command line and the generated client: what the command line resolved (endpoint,
//! signing, retries, timeouts, its transport), handed to an operation's [`Invoke`], which the generated
//! command-line crate implements by calling the library's client. One sending path, one retry policy: the
//! client's.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::endpoint::Endpoint;
use crate::transport::CliTransport;

/// Sends the checked input (JSON, wire names) as the operation through the generated client, with the
/// settings of `dispatch`; `Ok` = the output as JSON (wire names).
pub type Invoke = fn(&serde_json::Value, &Dispatch) -> Result<serde_json::Value, CallError>;

/// Everything the command line resolved for one call.
#[derive(Debug, Clone)]
pub struct Dispatch {
    /// The endpoint the rules chose (URL and headers).
    pub endpoint: Endpoint,
    /// `None` with `--no-sign-request`.
    pub signing: Option<SigV4>,
    /// The configured region, if any.
    pub region: Option<String>,
    /// `legacy`, `standard` or `adaptive`.
    pub retry_mode: &'static str,
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// `--cli-connect-timeout`, `--cli-read-timeout`: `None` waits forever.
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    /// Sends each attempt with the command's TLS and proxy settings and writes its `--debug` log.
    pub transport: Arc<CliTransport>,
}

/// SigV4 keys and scope. Debug never shows the keys.
#[derive(Clone)]
pub struct SigV4 {
    pub access_key: String,
    pub secret_key: String,
    pub session_token: Option<String>,
    pub name: String,
    pub region: String,
    /// False when the endpoint's scheme sets `disableDoubleEncoding`.
    pub double_encode: bool,
}

impl fmt::Debug for SigV4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigV4")
            .field("name", &self.name)
            .field("region", &self.region)
            .field("double_encode", &self.double_encode)
            .finish_non_exhaustive()
    }
}

/// An error response, or a response that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub code: Option<String>,
    pub message: Option<String>,
    pub http_status: u16,
    /// The client's retry policy would have retried it (so running out of attempts is worth saying).
    pub retryable: bool,
    /// True when the response itself could not be read (malformed).
    pub malformed: bool,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The service answered with an error, after any retries.
    Service(ServiceError),
    /// The request could not be built from the input: exit 252.
    Input(String),
    /// No response (the transport's message, in the AWS CLI's words), an endpoint or signing failure.
    Other(String),
}
