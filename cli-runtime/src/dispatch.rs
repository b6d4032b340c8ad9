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
/// settings of `dispatch`; `Ok` = the output as JSON (wire names), and the events of an output event stream.
pub type Invoke = fn(&serde_json::Value, &Dispatch) -> Result<Outcome, CallError>;

/// What a call gave.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The output as JSON (wire names); an output event stream's member is not in it.
    pub output: serde_json::Value,
    /// The events of an output event stream in the order received, each the stream's union as JSON
    /// (`{"<event>": {...}}`).
    pub events: Vec<serde_json::Value>,
    /// What ended the stream early, after `events`.
    pub stream_error: Option<StreamError>,
    /// The rest of an output event stream, after `events`: its events as they arrive, printed one by one
    /// after the output.
    pub stream: Option<EventStream>,
    /// A `@streaming` blob output's body, still arriving: written to the outfile, never printed.
    pub body: Option<Body>,
}

/// A streaming body as it arrives (each read waits for the connection).
pub struct Body(Box<dyn std::io::Read + Send>);

impl Body {
    pub fn new(body: impl std::io::Read + Send + 'static) -> Self {
        Body(Box::new(body))
    }
}

impl std::io::Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Body(..)")
    }
}

/// An output event stream's events as they arrive (each the stream's union as JSON), up to the error that
/// ends it.
pub struct EventStream(Box<dyn Iterator<Item = Result<serde_json::Value, StreamError>> + Send>);

impl EventStream {
    pub fn new(
        events: impl Iterator<Item = Result<serde_json::Value, StreamError>> + Send + 'static,
    ) -> Self {
        EventStream(Box::new(events))
    }
}

impl Iterator for EventStream {
    type Item = Result<serde_json::Value, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl fmt::Debug for EventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventStream(..)")
    }
}

impl Outcome {
    /// The outcome of an operation without an output event stream.
    pub fn output(output: serde_json::Value) -> Outcome {
        Outcome {
            output,
            ..Outcome::default()
        }
    }
}

/// An error that ends an output event stream.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamError {
    /// An exception event of an error member of the stream's union: the union as JSON.
    Modeled(serde_json::Value),
    /// An error event, or an exception the model does not describe.
    Unhandled {
        code: String,
        message: Option<String>,
    },
    /// A message that is no valid event.
    Invalid(String),
}

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
    /// AWS_DISABLE_REQUEST_COMPRESSION, else the profile's `disable_request_compression`.
    pub disable_request_compression: bool,
    /// AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES, else the profile's `request_min_compression_size_bytes`
    /// (checked: 0 to 10485760; default 10240).
    pub request_min_compression_size_bytes: u32,
    /// AWS_REQUEST_CHECKSUM_CALCULATION, else the profile's `request_checksum_calculation`:
    /// `when_supported` (true, the default) or `when_required`.
    pub request_checksum_when_supported: bool,
    /// AWS_RESPONSE_CHECKSUM_VALIDATION, else the profile's `response_checksum_validation`.
    pub response_checksum_when_supported: bool,
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
