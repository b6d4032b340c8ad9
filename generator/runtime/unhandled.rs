//! An error response that matches none of the operation's modeled errors.

/// The error code, message and HTTP status of an unmodeled error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unhandled {
    pub code: ::std::option::Option<::std::string::String>,
    pub message: ::std::option::Option<::std::string::String>,
    pub http_status: ::std::option::Option<u16>,
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
