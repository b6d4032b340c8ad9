//! What a call can fail with: the operation's own error, or something before or around it.

use std::fmt;

use super::credentials::CredentialsError;
use super::transport::TransportError;

/// An error response of the service, read into the operation's error type, with the raw
/// response and its request id.
#[derive(Debug)]
pub struct ServiceError<E> {
    pub error: E,
    pub raw: http::Response<Vec<u8>>,
    pub request_id: Option<String>,
}

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The service answered with an error (after any retries).
    Service(Box<ServiceError<E>>),
    /// The input breaks the model's constraints: every violation, nothing sent.
    Validation(crate::validation::ValidationErrors),
    /// The fluent builder lacks members its input's builder requires; nothing sent.
    Build(crate::error::BuildError),
    /// The request could not be built (a value that cannot go in a header, a bad endpoint).
    Request(crate::wire::RequestError),
    /// No response: the connection failed (after any retries).
    Transport(TransportError),
    /// A connect, read or operation time limit passed.
    Timeout(TransportError),
    /// Credentials could not be found or loaded.
    Credentials(CredentialsError),
    /// No endpoint: neither an endpoint URL nor a region is configured, or the URL is invalid.
    Endpoint(String),
    /// Signing failed.
    Signing(String),
    /// The response's body does not match the checksum it came with (`@httpChecksum`'s
    /// response validation); not retried.
    Checksum(crate::wire::checksum::ChecksumMismatch),
}

impl<E> SdkError<E> {
    /// The service's error, when the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(&e.error),
            _ => None,
        }
    }

    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e.error),
            _ => None,
        }
    }

    /// The request ID of the error response, when there was one (`x-amzn-RequestId`,
    /// `x-amz-request-id`, or the query protocols' `<RequestId>` in the body).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// S3's extended request ID (`x-amz-id-2`) of the error response, when there was one.
    pub fn extended_request_id(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => e
                .raw
                .headers()
                .get("x-amz-id-2")
                .and_then(|v| v.to_str().ok()),
            _ => None,
        }
    }

    /// The raw response, when there was one.
    pub fn raw_response(&self) -> Option<&http::Response<Vec<u8>>> {
        match self {
            SdkError::Service(e) => Some(&e.raw),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Service(e) => {
                write!(f, "service error: {}", e.error)?;
                if let Some(id) = &e.request_id {
                    write!(f, " (request id {id})")?;
                }
                Ok(())
            }
            SdkError::Validation(e) => write!(f, "invalid input: {e}"),
            SdkError::Build(e) => write!(f, "{e}"),
            SdkError::Request(e) => write!(f, "cannot build the request: {}", e.message()),
            SdkError::Transport(e) => write!(f, "transport error: {e}"),
            SdkError::Timeout(e) => write!(f, "timeout: {e}"),
            SdkError::Credentials(e) => write!(f, "no credentials: {e}"),
            SdkError::Endpoint(e) => write!(f, "no endpoint: {e}"),
            SdkError::Signing(e) => write!(f, "cannot sign the request: {e}"),
            SdkError::Checksum(e) => write!(f, "{e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for SdkError<E> {}
