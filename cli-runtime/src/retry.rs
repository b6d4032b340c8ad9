//! Retries: throttling (HTTP 429, a throttling error code, or an error the model marks retryable), HTTP 5xx and
//! transport failures are tried again, after a sleep with exponential backoff and full jitter: random between 0
//! and min(20 s, 250 ms × 2^(retry − 1)).
//!
//! The retry mode (AWS_RETRY_MODE, else the profile's `retry_mode`: `legacy`, `standard` (the default) or
//! `adaptive`) sets the default number of attempts, 5 for legacy and 3 otherwise, as botocore's; AWS_MAX_ATTEMPTS,
//! else the profile's `max_attempts`, overrides it. Adaptive's client-side rate limiting only matters across
//! many requests, so for a single command it retries as standard does.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::failure::Failure;
use crate::profile::Profile;
use crate::service::ServiceError;

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

/// Attempts in all, from the environment, else the profile, else the retry mode's default
/// ([`crate::aws_config::settings::retries`]); a bad mode or number is a configuration error, exit 253.
pub(crate) fn max_attempts(
    env: &dyn Fn(&str) -> Option<String>,
    profile: &Profile,
) -> Result<u32, Failure> {
    Ok(crate::aws_config::settings::retries(env, profile)?.max_attempts)
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
    use crate::test_fixtures::env_of;

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

    fn profile(pairs: &[(&str, &str)]) -> Profile {
        Profile {
            config: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), crate::profile::Value::Text(v.to_string())))
                .collect(),
            ..Profile::default()
        }
    }

    #[test]
    fn max_attempts_from_the_environment_then_the_profile() {
        let none = Profile::default();
        let attempts = |pairs: &'static [(&'static str, &'static str)], p: &Profile| {
            max_attempts(&env_of(pairs), p).map_err(|f| (f.code(), f.message().to_owned()))
        };
        assert_eq!(attempts(&[], &none), Ok(3));
        assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "1")], &none), Ok(1));
        assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", " 7 ")], &none), Ok(7));
        let p = profile(&[("max_attempts", "4"), ("retry_mode", "legacy")]);
        assert_eq!(attempts(&[], &p), Ok(4));
        assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "2")], &p), Ok(2));
        assert_eq!(attempts(&[], &profile(&[("retry_mode", "legacy")])), Ok(5));
        assert_eq!(attempts(&[("AWS_RETRY_MODE", "adaptive")], &p), Ok(4));
        assert_eq!(
            attempts(&[("AWS_MAX_ATTEMPTS", "0")], &none),
            Err((
                253,
                "Value provided to \"max_attempts\": 0 must be an integer greater than or equal to 1.".into()
            ))
        );
        assert_eq!(
            attempts(&[], &profile(&[("max_attempts", "many")]))
                .unwrap_err()
                .0,
            253
        );
        assert_eq!(
            attempts(&[("AWS_RETRY_MODE", "fast")], &none),
            Err((
                253,
                "Invalid value provided to \"mode\": \"fast\" must be one of: legacy, standard, adaptive".into()
            ))
        );
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
