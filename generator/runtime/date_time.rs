//! A UTC instant with nanosecond precision and the three Smithy timestamp formats.
//!
//! `DateTime` stores whole seconds since the Unix epoch (1970-01-01T00:00:00Z) plus a
//! nanosecond part in `0..1_000_000_000`, so every `i64` second count is representable and
//! instants before 1970 have a negative `secs()` with a non-negative `subsec_nanos()`.
//!
//! Formatting never fails and parsing never panics: malformed text, out-of-range values,
//! NaN and infinities all come back as a [`DateTimeError`], whose message says what was
//! expected but never repeats the value (which may be `@sensitive`).

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

const NANOS_PER_SECOND: u32 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// An instant in time (UTC), as whole seconds since the Unix epoch plus nanoseconds.
///
/// Ordering is chronological. The `Default` value is the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    seconds: i64,
    subsec_nanos: u32,
}

/// A Smithy `timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `epoch-seconds`: seconds since the Unix epoch as a decimal number, e.g. `1515531081.123`.
    EpochSeconds,
    /// `date-time`: RFC 3339 in UTC, e.g. `2014-04-29T18:30:38Z`.
    DateTime,
    /// `http-date`: the IMF-fixdate of RFC 9110, e.g. `Tue, 29 Apr 2014 18:30:38 GMT`.
    HttpDate,
}

impl Format {
    /// The name Smithy uses for this format in the `timestampFormat` trait.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::EpochSeconds => "epoch-seconds",
            Format::DateTime => "date-time",
            Format::HttpDate => "http-date",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a timestamp could not be built or parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    message: String,
}

impl DateTimeError {
    fn new(message: impl Into<String>) -> Self {
        DateTimeError {
            message: message.into(),
        }
    }

    /// A parse error: the format and what was wrong, never the text itself (timestamps may be
    /// `@sensitive`, and the text comes from untrusted input).
    fn parse(format: Format, reason: &str) -> Self {
        DateTimeError::new(format!("invalid {format} timestamp: {reason}"))
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// The instant `seconds` whole seconds after (or, if negative, before) the Unix epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        DateTime {
            seconds,
            subsec_nanos: 0,
        }
    }

    /// The instant `seconds` plus `subsec_nanos` nanoseconds after the Unix epoch.
    ///
    /// Nanoseconds of a full second or more carry into the seconds; the seconds saturate at
    /// `i64::MAX` rather than overflow.
    pub const fn from_secs_and_nanos(seconds: i64, subsec_nanos: u32) -> Self {
        let carry = (subsec_nanos / NANOS_PER_SECOND) as i64;
        DateTime {
            seconds: seconds.saturating_add(carry),
            subsec_nanos: subsec_nanos % NANOS_PER_SECOND,
        }
    }

    /// The instant `seconds` (fractional) after the Unix epoch.
    ///
    /// The value is taken at the shortest decimal that round-trips to the same `f64` (so
    /// `1515531081.123` gives exactly 123 000 000 nanoseconds rather than the binary
    /// approximation's 122 999 906.5); digits beyond nanoseconds are rounded down (towards
    /// the past). NaN, infinities and values outside the `i64` seconds range are errors.
    pub fn from_fractional_secs(seconds: f64) -> Result<Self, DateTimeError> {
        if !seconds.is_finite() {
            return Err(DateTimeError::new(
                "cannot build a timestamp from a non-finite number (NaN or infinity)",
            ));
        }
        // 2^63: the first value past i64::MAX; -2^63 is i64::MIN itself.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if !(-LIMIT..LIMIT).contains(&seconds) {
            return Err(DateTimeError::new(
                "the number of seconds is outside the supported timestamp range",
            ));
        }
        if seconds.fract() == 0.0 {
            // Whole (including every value of 2^52 or more): exact, and the shortest
            // decimal of values near the limits (e.g. -9223372036854776000) could overflow.
            return Ok(DateTime::from_secs(seconds as i64));
        }
        // `Display` for f64 prints the shortest round-tripping decimal, never an exponent.
        let text = seconds.to_string();
        parse_decimal_seconds(text.as_bytes()).map_err(|reason| {
            DateTimeError::new(format!(
                "cannot build a timestamp from the number of seconds: {reason}"
            ))
        })
    }

    /// Whole seconds since the Unix epoch (rounded towards the past).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past `secs()`, always in `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }

    /// Seconds since the Unix epoch as an `f64` (lossy for large values).
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.subsec_nanos) / f64::from(NANOS_PER_SECOND)
    }

    /// Formats this instant in `format`.
    ///
    /// * `EpochSeconds`: `1398796238`, or with the shortest exact fraction when the
    ///   nanoseconds are nonzero (`1398796238.5`, `-1.25`).
    /// * `DateTime`: `2014-04-29T18:30:38Z`, with the shortest exact fraction when the
    ///   nanoseconds are nonzero (`2014-04-29T18:30:38.123Z`). Years outside `0000..=9999`
    ///   use the ISO 8601 expanded form (`+10000-01-01T00:00:00Z`, `-0001-12-31T00:00:00Z`),
    ///   which `parse` also accepts.
    /// * `HttpDate`: `Tue, 29 Apr 2014 18:30:38 GMT`. As in smithy-rs, a fraction is added
    ///   only when the millisecond part is nonzero, and then always as three digits
    ///   (`18:30:38.123 GMT`); precision below a millisecond is truncated. Years outside
    ///   `0000..=9999` are printed with as many digits as needed, negative years with `-`.
    pub fn fmt(&self, format: Format) -> String {
        match format {
            Format::EpochSeconds => self.fmt_epoch_seconds(),
            Format::DateTime => self.fmt_date_time(),
            Format::HttpDate => self.fmt_http_date(),
        }
    }

    /// Parses `text` in `format`.
    ///
    /// * `EpochSeconds`: `-?DIGITS(.DIGITS)?` (no exponent, no surrounding whitespace);
    ///   digits beyond nanoseconds are rounded down.
    /// * `DateTime`: RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, with `t`
    ///   and `z` accepted in lowercase and expanded years (`+10000`) accepted. Any number of
    ///   fraction digits is accepted, those beyond nanoseconds are truncated. Leap seconds
    ///   (`:60`) and a space instead of `T` are rejected.
    /// * `HttpDate`: IMF-fixdate only (not the obsolete RFC 850 or asctime forms), with an
    ///   optional fraction of any length after the seconds. Names are case-sensitive; the
    ///   weekday must be a valid name but is not checked against the date.
    pub fn parse(text: &str, format: Format) -> Result<Self, DateTimeError> {
        let result = match format {
            Format::EpochSeconds => parse_decimal_seconds(text.as_bytes()),
            Format::DateTime => parse_date_time(text.as_bytes()),
            Format::HttpDate => parse_http_date(text.as_bytes()),
        };
        result.map_err(|reason| DateTimeError::parse(format, reason))
    }

    fn fmt_epoch_seconds(&self) -> String {
        if self.subsec_nanos == 0 {
            return self.seconds.to_string();
        }
        let (sign, whole, nanos) = if self.seconds >= 0 {
            ("", i128::from(self.seconds), self.subsec_nanos)
        } else {
            // -2 s + 0.75 s is written -1.25.
            (
                "-",
                -(i128::from(self.seconds) + 1),
                NANOS_PER_SECOND - self.subsec_nanos,
            )
        };
        format!("{sign}{whole}{}", fraction_digits(nanos))
    }

    fn fmt_date_time(&self) -> String {
        let (year, month, day, hour, minute, second) = self.civil();
        let year_text = if (0..=9999).contains(&year) {
            format!("{year:04}")
        } else if year > 9999 {
            format!("+{year}")
        } else {
            format!("-{:04}", year.unsigned_abs())
        };
        format!(
            "{year_text}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{}Z",
            fraction_digits(self.subsec_nanos)
        )
    }

    fn fmt_http_date(&self) -> String {
        let (year, month, day, hour, minute, second) = self.civil();
        let days = self.seconds.div_euclid(SECONDS_PER_DAY);
        let weekday = WEEKDAYS[weekday_index(days)];
        let month_name = MONTHS[(month - 1) as usize];
        let year_text = if year >= 0 {
            format!("{year:04}")
        } else {
            format!("-{:04}", year.unsigned_abs())
        };
        let millis = self.subsec_nanos / 1_000_000;
        let fraction = if millis == 0 {
            String::new()
        } else {
            format!(".{millis:03}")
        };
        format!(
            "{weekday}, {day:02} {month_name} {year_text} {hour:02}:{minute:02}:{second:02}{fraction} GMT"
        )
    }

    /// (year, month 1-12, day 1-31, hour, minute, second) in UTC.
    fn civil(&self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        (
            year,
            month,
            day,
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        )
    }
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `.ddd` with trailing zeros removed, or nothing for zero nanoseconds.
fn fraction_digits(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let padded = format!("{nanos:09}");
    format!(".{}", padded.trim_end_matches('0'))
}

/// Index into `WEEKDAYS` for a day count since 1970-01-01 (a Thursday).
fn weekday_index(days: i64) -> usize {
    (days + 4).rem_euclid(7) as usize
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1-12, `day` 1-31).
///
/// Works in 400-year eras starting on March 1st so that the leap day ends each era-year.
/// Exact for any `year` whose day count fits in an `i64` divided by 146 097.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian (year, month 1-12, day 1-31) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Builds a `DateTime` from signed nanoseconds-resolution parts, checking the `i64` range.
fn from_total(seconds: i128, subsec_nanos: u32) -> Result<DateTime, &'static str> {
    let seconds = i64::try_from(seconds).map_err(|_| "outside the supported timestamp range")?;
    Ok(DateTime {
        seconds,
        subsec_nanos,
    })
}

/// A byte cursor for the hand-written parsers; never indexes out of bounds.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8, reason: &'static str) -> Result<(), &'static str> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(reason)
        }
    }

    /// Consumes a run of ASCII digits and returns it (possibly empty).
    fn digits(&mut self) -> &'a [u8] {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    /// Exactly `count` digits (at most 9), not followed by another digit.
    fn fixed_digits(&mut self, count: usize, reason: &'static str) -> Result<u32, &'static str> {
        let run = self.digits();
        if run.len() != count {
            return Err(reason);
        }
        Ok(digits_value(run))
    }

    /// Matches one of `names` (all of the same length) and returns its index.
    fn name(&mut self, names: &[&str], reason: &'static str) -> Result<usize, &'static str> {
        for (index, name) in names.iter().enumerate() {
            let end = self.pos + name.len();
            if self.bytes.get(self.pos..end) == Some(name.as_bytes()) {
                self.pos = end;
                return Ok(index);
            }
        }
        Err(reason)
    }

    fn finish(&self) -> Result<(), &'static str> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err("unexpected text after the timestamp")
        }
    }
}

/// The value of a short run of ASCII digits (caller guarantees at most 9 digits).
fn digits_value(run: &[u8]) -> u32 {
    run.iter()
        .fold(0u32, |acc, digit| acc * 10 + u32::from(digit - b'0'))
}

/// Nanoseconds of a fraction's digits (truncated past nine) and whether any nonzero digit
/// was truncated.
fn fraction_nanos(run: &[u8]) -> (u32, bool) {
    let mut nanos = 0u32;
    for index in 0..9 {
        let digit = run.get(index).map_or(0, |digit| u32::from(digit - b'0'));
        nanos = nanos * 10 + digit;
    }
    let truncated = run.iter().skip(9).any(|digit| *digit != b'0');
    (nanos, truncated)
}

/// An optional `.DIGITS` fraction: nanoseconds, truncated past nine digits.
fn parse_optional_fraction(cursor: &mut Cursor<'_>) -> Result<u32, &'static str> {
    if !cursor.eat(b'.') {
        return Ok(0);
    }
    let run = cursor.digits();
    if run.is_empty() {
        return Err("expected digits after the decimal point");
    }
    Ok(fraction_nanos(run).0)
}

/// A year of 4 to 12 digits (12 covers every year an `i64` second count can reach).
fn year_digits(cursor: &mut Cursor<'_>) -> Result<i64, &'static str> {
    let run = cursor.digits();
    if run.len() < 4 || run.len() > 12 {
        return Err("expected a year of four digits");
    }
    Ok(run
        .iter()
        .fold(0i64, |acc, digit| acc * 10 + i64::from(digit - b'0')))
}

fn hms(cursor: &mut Cursor<'_>) -> Result<(u32, u32, u32), &'static str> {
    let hour = cursor.fixed_digits(2, "expected a two-digit hour")?;
    cursor.expect(b':', "expected ':' after the hour")?;
    let minute = cursor.fixed_digits(2, "expected a two-digit minute")?;
    cursor.expect(b':', "expected ':' after the minute")?;
    let second = cursor.fixed_digits(2, "expected two-digit seconds")?;
    if hour > 23 {
        return Err("hour out of range");
    }
    if minute > 59 {
        return Err("minute out of range");
    }
    if second > 59 {
        return Err("second out of range (leap seconds are not supported)");
    }
    Ok((hour, minute, second))
}

/// Seconds since the epoch of a validated civil date and time, minus `offset_seconds`.
fn civil_to_seconds(
    year: i64,
    month: u32,
    day: u32,
    (hour, minute, second): (u32, u32, u32),
    offset_seconds: i64,
) -> Result<i128, &'static str> {
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day out of range for the month");
    }
    let days = i128::from(days_from_civil(year, month, day));
    let time = i128::from(hour * 3600 + minute * 60 + second);
    Ok(days * i128::from(SECONDS_PER_DAY) + time - i128::from(offset_seconds))
}

/// `-?DIGITS(.DIGITS)?`, rounded down to whole nanoseconds.
fn parse_decimal_seconds(bytes: &[u8]) -> Result<DateTime, &'static str> {
    let mut cursor = Cursor::new(bytes);
    let negative = cursor.eat(b'-');
    let whole_run = cursor.digits();
    if whole_run.is_empty() {
        return Err("expected a number of seconds");
    }
    // Anything with more than 20 significant digits is far outside the i64 range.
    let significant = whole_run
        .iter()
        .position(|digit| *digit != b'0')
        .map_or(&whole_run[..0], |first| &whole_run[first..]);
    if significant.len() > 20 {
        return Err("outside the supported timestamp range");
    }
    let whole = significant
        .iter()
        .fold(0i128, |acc, digit| acc * 10 + i128::from(digit - b'0'));
    let (mut nanos, mut truncated) = (0, false);
    if cursor.eat(b'.') {
        let run = cursor.digits();
        if run.is_empty() {
            return Err("expected digits after the decimal point");
        }
        (nanos, truncated) = fraction_nanos(run);
    }
    cursor.finish()?;
    if !negative {
        return from_total(whole, nanos);
    }
    // Rounding down a negative value rounds its magnitude up.
    let magnitude_nanos = i128::from(nanos) + i128::from(truncated);
    let total = -(whole * i128::from(NANOS_PER_SECOND) + magnitude_nanos);
    let seconds = total.div_euclid(i128::from(NANOS_PER_SECOND));
    let subsec = total.rem_euclid(i128::from(NANOS_PER_SECOND)) as u32;
    from_total(seconds, subsec)
}

/// RFC 3339 `date-time`, with ISO 8601 expanded years.
fn parse_date_time(bytes: &[u8]) -> Result<DateTime, &'static str> {
    let mut cursor = Cursor::new(bytes);
    let year = match cursor.peek() {
        Some(sign @ (b'+' | b'-')) => {
            cursor.pos += 1;
            let magnitude = year_digits(&mut cursor)?;
            if sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => i64::from(cursor.fixed_digits(4, "expected a four-digit year")?),
    };
    cursor.expect(b'-', "expected '-' after the year")?;
    let month = cursor.fixed_digits(2, "expected a two-digit month")?;
    cursor.expect(b'-', "expected '-' after the month")?;
    let day = cursor.fixed_digits(2, "expected a two-digit day")?;
    if !(cursor.eat(b'T') || cursor.eat(b't')) {
        return Err("expected 'T' between the date and the time");
    }
    let time = hms(&mut cursor)?;
    let nanos = parse_optional_fraction(&mut cursor)?;
    let offset_seconds = match cursor.peek() {
        Some(b'Z' | b'z') => {
            cursor.pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            cursor.pos += 1;
            let hours = cursor.fixed_digits(2, "expected a two-digit offset hour")?;
            cursor.expect(b':', "expected ':' in the UTC offset")?;
            let minutes = cursor.fixed_digits(2, "expected a two-digit offset minute")?;
            if hours > 23 || minutes > 59 {
                return Err("UTC offset out of range");
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return Err("expected 'Z' or a UTC offset such as +01:00"),
    };
    cursor.finish()?;
    let seconds = civil_to_seconds(year, month, day, time, offset_seconds)?;
    from_total(seconds, nanos)
}

/// IMF-fixdate, e.g. `Tue, 29 Apr 2014 18:30:38 GMT`, with an optional fraction.
fn parse_http_date(bytes: &[u8]) -> Result<DateTime, &'static str> {
    let mut cursor = Cursor::new(bytes);
    cursor.name(&WEEKDAYS, "expected a day name such as 'Tue'")?;
    cursor.expect(b',', "expected ',' after the day name")?;
    cursor.expect(b' ', "expected a space after the day name")?;
    let day = cursor.fixed_digits(2, "expected a two-digit day")?;
    cursor.expect(b' ', "expected a space after the day")?;
    let month = cursor.name(&MONTHS, "expected a month name such as 'Apr'")? as u32 + 1;
    cursor.expect(b' ', "expected a space after the month")?;
    let negative = cursor.eat(b'-');
    let magnitude = year_digits(&mut cursor)?;
    let year = if negative { -magnitude } else { magnitude };
    cursor.expect(b' ', "expected a space after the year")?;
    let time = hms(&mut cursor)?;
    let nanos = parse_optional_fraction(&mut cursor)?;
    cursor.expect(b' ', "expected a space before 'GMT'")?;
    cursor.name(&["GMT"], "expected 'GMT'")?;
    cursor.finish()?;
    let seconds = civil_to_seconds(year, month, day, time, 0)?;
    from_total(seconds, nanos)
}

/// Epoch seconds as a JSON number: an integer when there is no fraction, else an `f64`
/// (which keeps about microsecond precision for present-day instants).
impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return serialize_tagged(self, serializer);
        }
        if self.subsec_nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

/// CBOR's epoch-based date/time tag (RFC 8949 section 3.4.2).
const EPOCH_TAG: u64 = 1;

/// Epoch seconds under tag 1, for binary formats (CBOR). Serde has no tags: this is the
/// convention of ciborium, the CBOR crate of the generated code, a tuple variant of the enum
/// `@@TAG@@` holding the tag number and the value (its `tag::Required`).
fn serialize_tagged<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeTupleVariant;
    let mut tagged = serializer.serialize_tuple_variant("@@TAG@@", 0, "@@TAGGED@@", 2)?;
    tagged.serialize_field(&EPOCH_TAG)?;
    // Always a float, whole seconds too: what the SDKs write and the protocol tests expect
    // (readers take integers as well).
    tagged.serialize_field(&value.as_secs_f64())?;
    tagged.end()
}

/// Accepts epoch seconds as an integer or floating-point number; in CBOR, also under tag 1.
impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EpochSecondsVisitor)
    }
}

struct EpochSecondsVisitor;

impl<'de> de::Visitor<'de> for EpochSecondsVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp as a number of seconds since the Unix epoch")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<DateTime, E> {
        i64::try_from(value).map(DateTime::from_secs).map_err(|_| {
            E::custom("the number of seconds is outside the supported timestamp range")
        })
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<DateTime, E> {
        DateTime::from_fractional_secs(value).map_err(E::custom)
    }

    /// A CBOR tag, as ciborium presents it (see [`serialize_tagged`]): only tag 1.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<DateTime, A::Error> {
        use serde::de::VariantAccess;
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        variant.tuple_variant(2, TaggedVisitor)
    }
}

/// The tag number and value of a tagged CBOR item.
struct TaggedVisitor;

impl<'de> de::Visitor<'de> for TaggedVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp under CBOR tag 1")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<DateTime, A::Error> {
        let tag: Option<u64> = seq.next_element()?;
        if tag != Some(EPOCH_TAG) {
            return Err(de::Error::custom("a timestamp must be under CBOR tag 1"));
        }
        seq.next_element_seed(EpochSeconds)?
            .ok_or_else(|| de::Error::custom("a tag without a value"))
    }
}

/// Epoch seconds as a seed, for the value under a tag.
struct EpochSeconds;

impl<'de> de::DeserializeSeed<'de> for EpochSeconds {
    type Value = DateTime;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_any(EpochSecondsVisitor)
    }
}

/// Parses a string in a fixed format.
struct TextVisitor(Format);

impl de::Visitor<'_> for TextVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} timestamp string", self.0)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<DateTime, E> {
        DateTime::parse(value, self.0).map_err(E::custom)
    }
}

/// `null`/absent as `None`, otherwise a string in a fixed format.
struct OptionalTextVisitor(Format);

impl<'de> de::Visitor<'de> for OptionalTextVisitor {
    type Value = Option<DateTime>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or a {} timestamp string", self.0)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextVisitor(self.0)).map(Some)
    }
}

/// A timestamp that serializes as text in `Format`: what the text modules' `ser` return.
pub struct Text<'a>(&'a DateTime, Format);

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(self.0, self.1, serializer)
    }
}

fn serialize_text<S: Serializer>(
    value: &DateTime,
    format: Format,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.fmt(format))
}

/// `Seed`: the `option` module's `deserialize` as a `DeserializeSeed`, so that a structure's
/// reader reads a member through it in one call (`map.next_value_seed(option::Seed)`).
macro_rules! option_seed {
    ($value:ty) => {
        /// [`deserialize`] as a `DeserializeSeed`.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Seed;

        impl<'de> serde::de::DeserializeSeed<'de> for Seed {
            type Value = Option<$value>;

            fn deserialize<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Option<$value>, D::Error> {
                deserialize(deserializer)
            }
        }
    };
}

/// Epoch seconds as a JSON number (the same as `DateTime`'s own `Serialize`/`Deserialize`).
pub mod serde_epoch_seconds {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::DateTime;

    /// The value as [`serialize`] writes it, for a written-out `Serialize`: epoch seconds are
    /// `DateTime`'s own form.
    pub fn ser(value: &DateTime) -> &DateTime {
        value
    }

    /// Writes epoch seconds as a number.
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads epoch seconds from an integer or floating-point number.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        DateTime::deserialize(deserializer)
    }

    super::super::items::leaf_form!(DateTime);

    /// Reading `Option<DateTime>` (`null` is `None`).
    pub mod option {
        use serde::{Deserialize, Deserializer};

        use super::DateTime;

        /// Reads `null` as `None`, a number as epoch seconds.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            Option::<DateTime>::deserialize(deserializer)
        }

        option_seed!(DateTime);
    }
}

/// An RFC 3339 `date-time` string.
pub mod serde_date_time {
    use serde::{Deserializer, Serializer};

    use super::{DateTime, Format, Text};

    /// The value as [`serialize`] writes it, for a written-out `Serialize`.
    pub fn ser(value: &DateTime) -> Text<'_> {
        Text(value, Format::DateTime)
    }

    /// Writes the `date-time` string.
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_text(value, Format::DateTime, serializer)
    }

    /// Reads a `date-time` string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_str(super::TextVisitor(Format::DateTime))
    }

    super::super::items::leaf_form!(DateTime);

    /// Reading `Option<DateTime>` (`null` is `None`).
    pub mod option {
        use serde::Deserializer;

        use super::super::{DateTime, Format};

        /// Reads `null` as `None`, a string as a `date-time`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            deserializer.deserialize_option(super::super::OptionalTextVisitor(Format::DateTime))
        }

        option_seed!(DateTime);
    }
}

/// An IMF-fixdate `http-date` string.
pub mod serde_http_date {
    use serde::{Deserializer, Serializer};

    use super::{DateTime, Format, Text};

    /// The value as [`serialize`] writes it, for a written-out `Serialize`.
    pub fn ser(value: &DateTime) -> Text<'_> {
        Text(value, Format::HttpDate)
    }

    /// Writes the `http-date` string.
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        super::serialize_text(value, Format::HttpDate, serializer)
    }

    /// Reads an `http-date` string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_str(super::TextVisitor(Format::HttpDate))
    }

    super::super::items::leaf_form!(DateTime);

    /// Reading `Option<DateTime>` (`null` is `None`).
    pub mod option {
        use serde::Deserializer;

        use super::super::{DateTime, Format};

        /// Reads `null` as `None`, a string as an `http-date`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            deserializer.deserialize_option(super::super::OptionalTextVisitor(Format::HttpDate))
        }

        option_seed!(DateTime);
    }
}
