//! Retries: throttling (HTTP 429, a throttling error code, or an error the model marks retryable), HTTP 5xx and
//! transport failures are tried again, up to 3 attempts in all (AWS_MAX_ATTEMPTS overrides), after a sleep with
//! exponential backoff and full jitter: random between 0 and min(20 s, 250 ms × 2^(retry − 1)).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::service::ServiceError;

pub(crate) const DEFAULT_MAX_ATTEMPTS: u32 = 3;
const BASE: Duration = Duration::from_millis(250);
const CAP: Duration = Duration::from_secs(20);

/// Error codes the AWS SDKs treat as throttling or transient, whatever the status.
const RETRYABLE_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "RequestTimeout",
    "RequestTimeoutException",
];

/// Attempts in all, from AWS_MAX_ATTEMPTS (a whole number, 1 or more) or the default.
pub(crate) fn max_attempts(env: &dyn Fn(&str) -> Option<String>) -> Result<u32, String> {
    match env("AWS_MAX_ATTEMPTS") {
        None => Ok(DEFAULT_MAX_ATTEMPTS),
        Some(text) => match text.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "Invalid value for AWS_MAX_ATTEMPTS: '{text}': expected a whole number of attempts, 1 or more"
            )),
        },
    }
}

/// Whether the error is worth another attempt.
pub(crate) fn is_retryable(error: &ServiceError) -> bool {
    error.retryable
        || error.http_status == 429
        || (500..600).contains(&error.http_status)
        || error
            .code
            .as_deref()
            .is_some_and(|code| RETRYABLE_CODES.contains(&code))
}

/// The sleep before retry number `retry` (1 for the second attempt).
pub(crate) fn backoff(retry: u32) -> Duration {
    let ceiling = BASE
        .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)))
        .min(CAP);
    ceiling.mul_f64(random_fraction())
}

/// A number in [0, 1): good enough for jitter, from the standard library's per-process random hash keys.
fn random_fraction() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    hasher.write_u128(nanos);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, code: Option<&str>, retryable: bool) -> ServiceError {
        ServiceError {
            code: code.map(str::to_owned),
            message: None,
            http_status: status,
            retryable,
            malformed: false,
        }
    }

    #[test]
    fn what_is_retried() {
        assert!(is_retryable(&error(
            429,
            Some("ThrottledRequestException"),
            false
        )));
        assert!(is_retryable(&error(503, None, false)));
        assert!(is_retryable(&error(
            502,
            Some("DependencyException"),
            false
        )));
        assert!(is_retryable(&error(
            400,
            Some("ThrottlingException"),
            false
        )));
        assert!(is_retryable(&error(400, Some("Modeled"), true)));
        assert!(!is_retryable(&error(
            400,
            Some("ValidationException"),
            false
        )));
        assert!(!is_retryable(&error(
            403,
            Some("AccessDeniedException"),
            false
        )));
    }

    #[test]
    fn max_attempts_from_the_environment() {
        assert_eq!(max_attempts(&|_| None), Ok(3));
        assert_eq!(max_attempts(&|_| Some("1".into())), Ok(1));
        assert_eq!(max_attempts(&|_| Some(" 7 ".into())), Ok(7));
        assert!(max_attempts(&|_| Some("0".into()))
            .unwrap_err()
            .contains("AWS_MAX_ATTEMPTS"));
        assert!(max_attempts(&|_| Some("many".into())).is_err());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for _ in 0..100 {
            assert!(backoff(1) < Duration::from_millis(250));
            assert!(backoff(3) < Duration::from_secs(1));
            assert!(backoff(40) <= CAP);
        }
    }
}
