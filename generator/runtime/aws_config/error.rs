//! Why the shared configuration could not be loaded, with the class of failure the command
//! line maps to its exit codes. The message never holds a secret.

use std::fmt;

/// What kind of failure: a bad or missing configuration, an error a credentials service
/// answered with, or a failure to reach one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Config,
    Service,
    Transport,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub fn config(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Config,
            message: message.into(),
        }
    }

    pub fn service(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Service,
            message: message.into(),
        }
    }

    pub fn transport(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Transport,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
