//! Clock skew: when a service refuses a signature for its time, the `Date` of its answer
//! tells how far the local clock is off; later signatures use the corrected time.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Error codes of a request signed at the wrong time.
pub const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// A skew smaller than this is not what made a signature fail.
const MEANINGFUL_SKEW_SECONDS: i64 = 60;

/// The signing clock: the system's, plus the skew the last service reported.
#[derive(Debug, Default)]
pub struct Clock {
    skew_seconds: AtomicI64,
}

impl Clock {
    /// The time to sign at.
    pub fn now(&self) -> SystemTime {
        let skew = self.skew_seconds.load(Ordering::Relaxed);
        let now = SystemTime::now();
        let magnitude = Duration::from_secs(skew.unsigned_abs());
        if skew >= 0 {
            now + magnitude
        } else {
            now.checked_sub(magnitude).unwrap_or(now)
        }
    }

    /// The skew now in use, in seconds (the service's clock minus ours).
    pub fn skew_seconds(&self) -> i64 {
        self.skew_seconds.load(Ordering::Relaxed)
    }

    /// Takes the skew from a response's `Date`; whether it is large enough to have caused
    /// the refusal (and so the request is worth signing again).
    pub fn correct(&self, headers: &http::HeaderMap) -> bool {
        let Some(server) = headers
            .get(http::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date)
        else {
            return false;
        };
        let Ok(local) = SystemTime::now().duration_since(UNIX_EPOCH) else {
            return false;
        };
        let skew = server - local.as_secs() as i64;
        let previous = self.skew_seconds.swap(skew, Ordering::Relaxed);
        (skew - previous).abs() >= MEANINGFUL_SKEW_SECONDS
    }
}

/// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn parse_http_date(text: &str) -> Option<i64> {
    let mut parts = text.split_ascii_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == month_name)? as i64
        + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}
