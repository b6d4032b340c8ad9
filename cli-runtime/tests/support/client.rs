//! The fake service's calls go through a generated client's runtime (`socialmessaging`'s `client` feature),
//! its input and output kept as JSON: the same glue the generated command lines emit (`client_of`,
//! `call_error` in generator/src/emit/cli.rs), so these tests run the one sending path and retry policy.

use std::sync::Arc;

use serde_json::Value;
use smithy_cli_runtime::{CallError, Dispatch, ServiceError, TransportKind};
use socialmessaging::client::call::Operation;
use socialmessaging::client::retry::{self, RetryKind};
use socialmessaging::client::{
    AttemptLimits, Auth, ChosenEndpoint, Config, Credentials, HttpTransport, OperationError,
    RetryConfig, RetryMode, SdkError, Timeouts, TransportError, TransportErrorKind,
};

/// An error response of the fake service, read by hand.
#[derive(Debug)]
pub struct ThingError {
    pub code: Option<String>,
    pub message: Option<String>,
    /// Modeled `@retryable`.
    pub retryable: bool,
    pub malformed: bool,
}

impl OperationError for ThingError {
    fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    fn modeled_retry(&self) -> Option<RetryKind> {
        self.retryable.then_some(RetryKind::Transient)
    }
}

#[derive(Debug)]
struct Transport(Arc<smithy_cli_runtime::CliTransport>);

impl HttpTransport for Transport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.0.send(request).map_err(|f| {
            let kind = match f.kind {
                TransportKind::Connect => TransportErrorKind::Connect,
                TransportKind::Timeout => TransportErrorKind::Timeout,
                TransportKind::Io => TransportErrorKind::Io,
                TransportKind::Other => TransportErrorKind::Other,
            };
            TransportError::new(kind, f.message)
        })
    }
}

/// Sends `input` as `operation` (its `auth` set here) with what the command line resolved.
pub fn invoke(
    input: &Value,
    dispatch: &Dispatch,
    mut operation: Operation<Value, Value, ThingError>,
) -> Result<Value, CallError> {
    let mut config = Config::builder()
        .retry_config(RetryConfig {
            mode: match dispatch.retry_mode {
                "legacy" => RetryMode::Legacy,
                "adaptive" => RetryMode::Adaptive,
                _ => RetryMode::Standard,
            },
            max_attempts: dispatch.max_attempts,
            ..RetryConfig::default()
        })
        .timeouts(Timeouts {
            connect: dispatch.connect_timeout,
            read: dispatch.read_timeout,
            operation: None,
        })
        .transport(Transport(Arc::clone(&dispatch.transport)));
    if let Some(region) = &dispatch.region {
        config = config.region(region.clone());
    }
    let mut endpoint = ChosenEndpoint {
        url: dispatch.endpoint.url.clone(),
        headers: dispatch.endpoint.headers.clone(),
        ..ChosenEndpoint::default()
    };
    operation.auth = Auth::None;
    if let Some(sigv4) = &dispatch.signing {
        config = config.credentials(Credentials::new(
            sigv4.access_key.clone(),
            sigv4.secret_key.clone(),
            sigv4.session_token.clone(),
        ));
        endpoint.signing_name = Some(sigv4.name.clone());
        endpoint.signing_region = Some(sigv4.region.clone());
        endpoint.disable_double_encoding = !sigv4.double_encode;
        operation.auth = Auth::Required;
    }
    let client = socialmessaging::blocking::Client::new(&config.build());
    client
        .invoke_at(&operation, input, Some(endpoint))
        .map_err(|error| match error {
            SdkError::Service(e) => {
                let status = e.raw.status().as_u16();
                let code = e.error.code();
                let retryable = retry::classify_response(code, status, e.error.modeled_retry())
                    != RetryKind::Never;
                CallError::Service(ServiceError {
                    code: e.error.code.clone(),
                    message: e.error.message.clone(),
                    http_status: status,
                    retryable,
                    malformed: e.error.malformed,
                })
            }
            SdkError::Request(e) => CallError::Input(e.to_string()),
            SdkError::Transport(e) | SdkError::Timeout(e) => CallError::Other(e.message),
            other => CallError::Other(format!("{other:?}")),
        })
}

/// No validation beyond the command line's check.
pub fn valid(_: &Value) -> Result<(), socialmessaging::validation::ValidationErrors> {
    Ok(())
}

/// Never used: the command line chooses the endpoint.
pub fn no_endpoint(_: &Value, _: &Config) -> Result<ChosenEndpoint, String> {
    Err("the command line chooses the endpoint".to_owned())
}
