//! The SDKs' *standard* retry mode: which failures are retried, the retry quota shared by the
//! clients of one configuration, and exponential backoff with full jitter.

use std::sync::Mutex;
use std::time::Duration;

/// Error codes of throttling, as the SDKs list them.
pub const THROTTLING_CODES: &[&str] = &[
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
];

/// Error codes of transient failures.
pub const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses of transient failures.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// How a failed attempt is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service asks to slow down.
    Throttling,
    /// A server fault or broken connection that may pass.
    Transient,
    /// The attempt timed out (costs more of the quota).
    Timeout,
    /// Sending again would fail the same way.
    Never,
}

/// Classifies an error response from what the model says of the error (`@retryable`,
/// throttling), else its code and status.
pub fn classify_response(code: Option<&str>, status: u16, modeled: Option<RetryKind>) -> RetryKind {
    if let Some(kind) = modeled {
        return kind;
    }
    if code.is_some_and(|c| THROTTLING_CODES.contains(&c)) {
        RetryKind::Throttling
    } else if code.is_some_and(|c| TRANSIENT_CODES.contains(&c))
        || TRANSIENT_STATUSES.contains(&status)
    {
        RetryKind::Transient
    } else {
        RetryKind::Never
    }
}

/// Retry mode, as `AWS_RETRY_MODE` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryMode {
    Standard,
    /// `Standard`, and each attempt first waits for a token from a client-side rate limiter
    /// that throttling responses slow down (see the `adaptive` module).
    Adaptive,
    /// The older mode: 5 attempts by default, same algorithm otherwise.
    Legacy,
}

/// Retry settings. `max_attempts` counts the first attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    pub mode: RetryMode,
    pub max_attempts: u32,
    /// The backoff of the first retry before jitter; doubled on each retry.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// The wait before retry number `retry` (0 for the first): a random fraction of
    /// `initial_backoff * 2^retry`, at most `max_backoff` (full jitter).
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_backoff);
        ceiling.mul_f64(random_fraction())
    }
}

/// A number in [0, 1) from the standard library's randomly keyed hasher: jitter needs spread,
/// not secrecy.
fn random_fraction() -> f64 {
    use std::collections::hash_map::RandomState;
    use std::hash::BuildHasher;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let bits = RandomState::new().hash_one(COUNTER.fetch_add(1, Ordering::Relaxed));
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// The retry quota: retries take tokens, successes give some back, so that a failing service
/// is not hit by every client's retries at once.
#[derive(Debug)]
pub struct RetryQuota {
    available: Mutex<u32>,
}

/// The quota's size.
pub const QUOTA_CAPACITY: u32 = 500;
/// Tokens a retry takes.
pub const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout takes.
pub const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a success on the first attempt gives back.
pub const NO_RETRY_INCREMENT: u32 = 1;

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota {
            available: Mutex::new(QUOTA_CAPACITY),
        }
    }
}

impl RetryQuota {
    /// Takes the tokens for a retry after a failure of `kind`; `None` when the quota is spent.
    pub fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = if kind == RetryKind::Timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        if *available < cost {
            return None;
        }
        *available -= cost;
        Some(cost)
    }

    /// A call succeeded: the tokens of its last retry come back, or one token when it
    /// needed no retry.
    pub fn success(&self, last_retry_cost: Option<u32>) {
        let give = last_retry_cost.unwrap_or(NO_RETRY_INCREMENT);
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = (*available + give).min(QUOTA_CAPACITY);
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap_or_else(|e| e.into_inner())
    }
}
