//! Why a command failed, and the exit code for it (the AWS CLI's return codes).

/// 252: the command line or a parameter value is invalid (unknown operation or option, bad shorthand or JSON,
/// input the operation rejects, a bad AWS_MAX_ATTEMPTS).
pub const EXIT_USAGE: u8 = 252;
/// 253: the environment or configuration is invalid (no credentials, no region, a bad AWS_DEFAULT_OUTPUT).
pub const EXIT_CONFIG: u8 = 253;
/// 254: the service answered with an error.
pub const EXIT_SERVICE: u8 = 254;
/// 255: anything else: connection refused, timeouts, a response that cannot be read, a failure to sign.
pub const EXIT_OTHER: u8 = 255;

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    Usage(String),
    Config(String),
    Service(String),
    Other(String),
}

impl Failure {
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => EXIT_USAGE,
            Failure::Config(_) => EXIT_CONFIG,
            Failure::Service(_) => EXIT_SERVICE,
            Failure::Other(_) => EXIT_OTHER,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Config(m) | Failure::Service(m) | Failure::Other(m) => m,
        }
    }
}

/// The shared configuration code's errors, by their class.
impl From<crate::aws_config::error::Error> for Failure {
    fn from(e: crate::aws_config::error::Error) -> Self {
        use crate::aws_config::error::ErrorKind;
        match e.kind {
            ErrorKind::Config => Failure::Config(e.message),
            ErrorKind::Service => Failure::Service(e.message),
            ErrorKind::Transport => Failure::Other(e.message),
        }
    }
}
