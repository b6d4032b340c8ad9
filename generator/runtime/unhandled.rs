//! An error response that matches none of the operation's modeled errors.

/// The error code, message and HTTP status of an unmodeled error response, and its request
/// IDs (`request_id()`). Build one from `Unhandled::default()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unhandled {
    pub code: ::std::option::Option<::std::string::String>,
    pub message: ::std::option::Option<::std::string::String>,
    pub http_status: ::std::option::Option<u16>,
    pub(crate) request_ids: crate::primitives::RequestIds,
}

impl Unhandled {
    /// The request ID of the response.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_ids.request_id()
    }

    /// S3's extended request ID (`x-amz-id-2`) of the response.
    pub fn extended_request_id(&self) -> ::std::option::Option<&str> {
        self.request_ids.extended_request_id()
    }
}

impl crate::primitives::RequestId for Unhandled {
    fn request_ids(&self) -> &crate::primitives::RequestIds {
        &self.request_ids
    }
}

impl crate::primitives::request_id::SetRequestIds for Unhandled {
    fn set_request_ids(&mut self, ids: crate::primitives::RequestIds) {
        self.request_ids = ids;
    }
}

impl ::std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
        if let Some(status) = self.http_status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for Unhandled {}

impl crate::error::ErrorInfo for Unhandled {
    fn code(&self) -> ::std::option::Option<&str> {
        self.code.as_deref()
    }

    fn message(&self) -> ::std::option::Option<&str> {
        self.message.as_deref()
    }

    fn http_status(&self) -> ::std::option::Option<u16> {
        self.http_status
    }

    /// Server errors (HTTP 5xx) and too many requests (429).
    fn worth_retrying(&self) -> bool {
        self.http_status.is_some_and(|s| s >= 500 || s == 429)
    }
}
