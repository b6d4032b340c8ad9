//! The SDKs' *adaptive* retry mode: standard mode plus a client-side rate limiter. Sends take
//! a token from a bucket that is off until the first throttling response; from then on its
//! fill rate follows CUBIC (RFC 8312's window curve): cut to `BETA` of the sending rate on
//! each throttling response, then growing back along a cubic through the rate where
//! throttling began. One limiter per [`Config`](super::Config), shared by its clients.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// CUBIC's scale: how fast the rate grows back.
pub const SCALE_CONSTANT: f64 = 0.4;
/// The fraction of the rate kept after a throttling response.
pub const BETA: f64 = 0.7;
/// Weight of the newest measure in the smoothed sending rate.
pub const SMOOTHING: f64 = 0.8;
/// The sending rate is measured over buckets of this many seconds.
pub const TIME_BUCKET_SECONDS: f64 = 0.5;
/// The bucket never fills slower than this (tokens per second).
pub const MIN_FILL_RATE: f64 = 0.5;
/// The bucket holds at least one token.
pub const MIN_CAPACITY: f64 = 1.0;

/// The limiter's clock: seconds since a fixed origin. A test gives its own to measure rates
/// without waiting.
pub trait TimeSource: Send + Sync + fmt::Debug {
    fn now(&self) -> Duration;
}

/// Time since the limiter was made, from the monotonic clock.
#[derive(Debug)]
pub struct MonotonicTime(Instant);

impl Default for MonotonicTime {
    fn default() -> Self {
        MonotonicTime(Instant::now())
    }
}

impl TimeSource for MonotonicTime {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// The CUBIC curve: `rate(t) = SCALE * (t - last_throttle - K)^3 + W_max`, where `W_max` is
/// the rate when throttling last happened and `K = cbrt(W_max * (1 - BETA) / SCALE)` the time
/// the curve takes to climb back to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cubic {
    w_max: f64,
    k: f64,
    last_throttle: f64,
}

impl Cubic {
    pub fn new(starting_max_rate: f64, now: f64) -> Self {
        Cubic {
            w_max: starting_max_rate,
            k: Cubic::zero_point(starting_max_rate),
            last_throttle: now,
        }
    }

    /// `K`: when the curve is back at `w_max` after a throttle.
    pub fn zero_point(w_max: f64) -> f64 {
        (w_max * (1.0 - BETA) / SCALE_CONSTANT).cbrt()
    }

    /// The rate after a success at `now`.
    pub fn success(&self, now: f64) -> f64 {
        SCALE_CONSTANT * (now - self.last_throttle - self.k).powi(3) + self.w_max
    }

    /// The rate after a throttling response at `now`, `rate` being what was sent at.
    pub fn throttled(&mut self, rate: f64, now: f64) -> f64 {
        self.w_max = rate;
        self.k = Cubic::zero_point(rate);
        self.last_throttle = now;
        rate * BETA
    }
}

/// The measured sending rate: requests per second over time buckets, smoothed.
#[derive(Clone, Debug, PartialEq)]
pub struct RateMeasure {
    rate: f64,
    last_bucket: f64,
    count: f64,
}

impl RateMeasure {
    pub fn new(now: f64) -> Self {
        RateMeasure {
            rate: 0.0,
            last_bucket: now.floor(),
            count: 0.0,
        }
    }

    /// Counts one response at `now`; the smoothed rate.
    pub fn record(&mut self, now: f64) -> f64 {
        let scale = 1.0 / TIME_BUCKET_SECONDS;
        let bucket = (now * scale).floor() / scale;
        self.count += 1.0;
        if bucket > self.last_bucket {
            let current = self.count / (bucket - self.last_bucket);
            self.rate = current * SMOOTHING + self.rate * (1.0 - SMOOTHING);
            self.count = 0.0;
            self.last_bucket = bucket;
        }
        self.rate
    }
}

/// The send bucket: tokens accrue at `fill_rate` up to `capacity`; a send takes one, and a
/// send that finds none reserves the next and waits for it.
#[derive(Clone, Debug, PartialEq)]
pub struct SendBucket {
    fill_rate: f64,
    capacity: f64,
    tokens: f64,
    last_refill: Option<f64>,
}

impl SendBucket {
    pub fn new(max_rate: f64, now: f64) -> Self {
        let mut bucket = SendBucket {
            fill_rate: MIN_FILL_RATE,
            capacity: MIN_CAPACITY,
            tokens: 0.0,
            last_refill: None,
        };
        bucket.set_max_rate(max_rate, now);
        bucket
    }

    fn refill(&mut self, now: f64) {
        if let Some(last) = self.last_refill {
            let filled = (now - last).max(0.0) * self.fill_rate;
            self.tokens = (self.tokens + filled).min(self.capacity);
        }
        self.last_refill = Some(now);
    }

    /// A new rate: tokens earned at the old rate are kept, up to the new capacity.
    pub fn set_max_rate(&mut self, rate: f64, now: f64) {
        self.refill(now);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.capacity = rate.max(MIN_CAPACITY);
        self.tokens = self.tokens.min(self.capacity);
    }

    /// Takes a token at `now`: the seconds to wait before sending (zero when one was there).
    pub fn acquire(&mut self, now: f64) -> f64 {
        self.refill(now);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            0.0
        } else {
            -self.tokens / self.fill_rate
        }
    }

    pub fn fill_rate(&self) -> f64 {
        self.fill_rate
    }
}

#[derive(Debug)]
struct State {
    /// Off until the first throttling response: until then sends are not limited.
    enabled: bool,
    cubic: Cubic,
    measure: RateMeasure,
    bucket: SendBucket,
}

/// The client-side rate limiter of adaptive mode.
#[derive(Debug)]
pub struct RateLimiter {
    time: Arc<dyn TimeSource>,
    state: Mutex<State>,
}

impl RateLimiter {
    pub fn new(time: Arc<dyn TimeSource>) -> Self {
        let now = time.now().as_secs_f64();
        RateLimiter {
            time,
            state: Mutex::new(State {
                enabled: false,
                cubic: Cubic::new(0.0, now),
                measure: RateMeasure::new(now),
                bucket: SendBucket::new(1.0, now),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Before an attempt: how long to wait for its token (zero while not throttled).
    pub fn before_send(&self) -> Duration {
        let now = self.time.now().as_secs_f64();
        let mut state = self.lock();
        if !state.enabled {
            return Duration::ZERO;
        }
        Duration::try_from_secs_f64(state.bucket.acquire(now)).unwrap_or(Duration::MAX)
    }

    /// After an attempt's outcome: a throttling response cuts the rate, anything else lets it
    /// grow back; the bucket never fills faster than twice the rate actually sent at.
    pub fn after_response(&self, throttled: bool) {
        let now = self.time.now().as_secs_f64();
        let mut state = self.lock();
        let measured = state.measure.record(now);
        let rate = if throttled {
            let sent_at = match state.enabled {
                true => measured.min(state.bucket.fill_rate),
                false => measured,
            };
            state.enabled = true;
            state.cubic.throttled(sent_at, now)
        } else {
            state.cubic.success(now)
        };
        state.bucket.set_max_rate(rate.min(2.0 * measured), now);
    }

    /// The bucket's fill rate now (tokens per second), whether or not it is in use.
    pub fn fill_rate(&self) -> f64 {
        self.lock().bucket.fill_rate
    }

    /// Whether sends are being limited (a throttling response was seen).
    pub fn enabled(&self) -> bool {
        self.lock().enabled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn cubic_follows_the_curve_through_w_max() {
        let mut cubic = Cubic::new(0.0, 0.0);
        // A throttle at rate 10 cuts to 7 and sets K = cbrt(10 * 0.3 / 0.4).
        assert!(close(cubic.throttled(10.0, 5.0), 7.0));
        let k = (10.0_f64 * 0.3 / 0.4).cbrt();
        assert!(close(Cubic::zero_point(10.0), k));
        // Right after the throttle the curve is at BETA * W_max, at K it is back at W_max.
        assert!(close(cubic.success(5.0), 10.0 - 0.4 * k.powi(3)));
        assert!(close(cubic.success(5.0 + k), 10.0));
        assert!(close(cubic.success(5.0 + k + 2.0), 10.0 + 0.4 * 8.0));
    }

    #[test]
    fn measured_rate_is_smoothed_per_half_second_bucket() {
        let mut measure = RateMeasure::new(0.0);
        // Within the first bucket nothing is measured yet.
        assert_eq!(measure.record(0.1), 0.0);
        assert_eq!(measure.record(0.2), 0.0);
        // At 0.5 s: 3 requests over 0.5 s = 6/s, weighted by 0.8.
        assert!(close(measure.record(0.5), 6.0 * 0.8));
        // At 1.0 s: 1 request over 0.5 s = 2/s; 2 * 0.8 + 4.8 * 0.2.
        assert!(close(measure.record(1.0), 2.0 * 0.8 + 4.8 * 0.2));
    }

    #[test]
    fn bucket_makes_sends_wait_for_their_token() {
        let mut bucket = SendBucket::new(2.0, 0.0);
        assert!(close(bucket.fill_rate(), 2.0));
        // Empty at first: the first send waits half a second, the next a whole one.
        assert!(close(bucket.acquire(0.0), 0.5));
        assert!(close(bucket.acquire(0.0), 1.0));
        // Three seconds later it is full (capacity 2), so two sends go at once.
        assert_eq!(bucket.acquire(3.0), 0.0);
        assert_eq!(bucket.acquire(3.0), 0.0);
        assert!(close(bucket.acquire(3.0), 0.5));
        // Never slower than the minimum rate.
        bucket.set_max_rate(0.0, 3.0);
        assert!(close(bucket.fill_rate(), MIN_FILL_RATE));
    }

    #[derive(Debug, Default)]
    struct Fixed(Mutex<Duration>);

    impl TimeSource for Fixed {
        fn now(&self) -> Duration {
            *self.0.lock().unwrap()
        }
    }

    #[test]
    fn limiter_starts_off_and_throttling_slows_it() {
        let time = Arc::new(Fixed::default());
        let limiter = RateLimiter::new(Arc::clone(&time) as Arc<dyn TimeSource>);
        for _ in 0..5 {
            assert_eq!(limiter.before_send(), Duration::ZERO);
            limiter.after_response(false);
        }
        assert!(!limiter.enabled());
        limiter.after_response(true);
        assert!(limiter.enabled());
        // Nothing measured yet: the rate falls to the minimum, a token every 2 s.
        assert!(close(limiter.fill_rate(), MIN_FILL_RATE));
        assert_eq!(limiter.before_send(), Duration::from_secs(2));
    }
}
