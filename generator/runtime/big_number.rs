//! Arbitrary-precision numbers (the Smithy `bigInteger` and `bigDecimal` shapes).
//!
//! Values are kept as validated decimal text in JSON number syntax, so no digit is ever lost.
//! Equality is textual: `1.0` and `1.00` are different values.
//!
//! On the wire they are JSON numbers, written and read through `serde_json::value::RawValue`
//! (this needs serde_json's `raw_value` feature). That only works with serde_json's own
//! serializer and deserializer reading from text, not with `serde_json::Value`. Formats that
//! are not human-readable (CBOR) get the bignum and decimal fraction tags of
//! `big_number_cbor`.

use std::fmt;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// An integer of any size, e.g. `-123456789012345678901234567890`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInteger(String);

/// A decimal number of any size and precision in JSON number syntax,
/// e.g. `1.23456789012345678901234567890e+400`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigDecimal(String);

/// Why text is not a valid `BigInteger` or `BigDecimal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseBigNumberError {
    message: String,
}

impl fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseBigNumberError {}

impl ParseBigNumberError {
    /// What was wrong, never the text itself (numbers may be `@sensitive`).
    fn new(kind: &str, reason: &str) -> Self {
        ParseBigNumberError {
            message: format!("invalid {kind}: {reason}"),
        }
    }
}

/// Consumes one or more ASCII digits starting at `pos`; returns the position after them.
fn digits(bytes: &[u8], pos: usize) -> Option<usize> {
    let count = bytes
        .get(pos..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (count > 0).then_some(pos + count)
}

/// Checks JSON number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, with the
/// fraction and exponent only when `integer_only` is false.
fn validate(text: &str, integer_only: bool) -> Result<(), &'static str> {
    let bytes = text.as_bytes();
    let mut pos = usize::from(bytes.first() == Some(&b'-'));
    let int_end = digits(bytes, pos).ok_or("expected digits")?;
    if bytes[pos] == b'0' && int_end - pos > 1 {
        return Err("leading zeros are not allowed");
    }
    pos = int_end;
    if integer_only {
        return if pos == bytes.len() {
            Ok(())
        } else {
            Err("expected an integer (digits only, optionally preceded by '-')")
        };
    }
    if bytes.get(pos) == Some(&b'.') {
        pos = digits(bytes, pos + 1).ok_or("expected digits after the decimal point")?;
    }
    if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(bytes.get(pos), Some(b'+' | b'-')) {
            pos += 1;
        }
        pos = digits(bytes, pos).ok_or("expected digits in the exponent")?;
    }
    if pos == bytes.len() {
        Ok(())
    } else {
        Err("unexpected characters after the number")
    }
}

/// The parts of valid number text that decide its order: whether it is negative, its
/// significant digits (no leading or trailing zeros; none for zero) and the power of ten just
/// above its first digit.
fn order_parts(text: &str) -> (bool, Vec<u8>, i128) {
    let negative = text.starts_with('-');
    let unsigned = text.trim_start_matches('-');
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], &unsigned[at + 1..]),
        None => (unsigned, "0"),
    };
    // Exponents too large for i128 are far beyond any digit count, so they saturate.
    let exponent = match exponent.trim_start_matches('+').parse::<i128>() {
        Ok(exponent) => exponent,
        Err(_) if exponent.starts_with('-') => i128::MIN / 2,
        Err(_) => i128::MAX / 2,
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let leading = all.iter().take_while(|b| **b == b'0').count();
    let mut digits = all[leading..].to_vec();
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    let magnitude = exponent + (int.len() as i128) - (leading as i128);
    (negative && !digits.is_empty(), digits, magnitude)
}

/// The exact order of two valid number texts, whatever their size or precision.
fn compare_texts(a: &str, b: &str) -> std::cmp::Ordering {
    let (a_negative, a_digits, a_magnitude) = order_parts(a);
    let (b_negative, b_digits, b_magnitude) = order_parts(b);
    let sign = |negative: bool, digits: &[u8]| match (digits.is_empty(), negative) {
        (true, _) => 0,
        (false, true) => -1,
        (false, false) => 1,
    };
    let (a_sign, b_sign) = (sign(a_negative, &a_digits), sign(b_negative, &b_digits));
    if a_sign != b_sign || a_sign == 0 {
        return a_sign.cmp(&b_sign);
    }
    let absolute = a_magnitude
        .cmp(&b_magnitude)
        .then_with(|| a_digits.cmp(&b_digits));
    if a_sign < 0 {
        absolute.reverse()
    } else {
        absolute
    }
}

/// Whether `text` lies within the inclusive bounds `min` and `max` (number texts), exactly.
fn text_within(text: &str, min: Option<&str>, max: Option<&str>) -> bool {
    use std::cmp::Ordering;
    let above_min = min.is_none_or(|min| compare_texts(text, min) != Ordering::Less);
    let below_max = max.is_none_or(|max| compare_texts(text, max) != Ordering::Greater);
    above_min && below_max
}

impl BigInteger {
    /// Whether the value lies within the inclusive bounds (JSON number text, as the `range`
    /// trait writes them), compared exactly.
    pub fn within(&self, min: Option<&str>, max: Option<&str>) -> bool {
        text_within(&self.0, min, max)
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The decimal text, by value.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl BigDecimal {
    /// Whether the value lies within the inclusive bounds (JSON number text, as the `range`
    /// trait writes them), compared exactly.
    pub fn within(&self, min: Option<&str>, max: Option<&str>) -> bool {
        text_within(&self.0, min, max)
    }

    /// The number's text in JSON number syntax.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number's text, by value.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Accepts `-?(0|[1-9][0-9]*)`: no sign `+`, no leading zeros, no whitespace.
impl FromStr for BigInteger {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        validate(text, true)
            .map(|()| BigInteger(text.to_owned()))
            .map_err(|reason| ParseBigNumberError::new("big integer", reason))
    }
}

/// Accepts any JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
impl FromStr for BigDecimal {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        validate(text, false)
            .map(|()| BigDecimal(text.to_owned()))
            .map_err(|reason| ParseBigNumberError::new("big decimal", reason))
    }
}

impl Default for BigInteger {
    fn default() -> Self {
        BigInteger("0".to_owned())
    }
}

impl Default for BigDecimal {
    fn default() -> Self {
        BigDecimal("0".to_owned())
    }
}

impl From<i64> for BigInteger {
    fn from(value: i64) -> Self {
        BigInteger(value.to_string())
    }
}

impl From<u64> for BigInteger {
    fn from(value: u64) -> Self {
        BigInteger(value.to_string())
    }
}

impl From<BigInteger> for BigDecimal {
    fn from(value: BigInteger) -> Self {
        BigDecimal(value.0)
    }
}

impl AsRef<str> for BigInteger {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for BigDecimal {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writes validated number text as a raw JSON number, or as a JSON string where the crate's
/// protocol says so (`super::BIG_NUMBERS_AS_STRINGS`, RPC v2 JSON).
fn serialize_raw<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if super::BIG_NUMBERS_AS_STRINGS {
        return serializer.serialize_str(text);
    }
    let raw: &RawValue = serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
    raw.serialize(serializer)
}

/// Reads a raw JSON value and checks that it is a number of the right kind.
fn deserialize_raw<'de, D, T>(deserializer: D, expected: &str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = ParseBigNumberError>,
{
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    let mut text = raw.get().trim();
    // Where the protocol writes big numbers as strings, the digits are read from the string.
    let unquoted: String;
    if super::BIG_NUMBERS_AS_STRINGS && text.starts_with('"') {
        unquoted =
            serde_json::from_str(text).map_err(|_| de::Error::custom("a bad JSON string"))?;
        text = &unquoted;
    }
    text.parse().map_err(|_| {
        // The kind of JSON value found, not the value (which may be `@sensitive`).
        let found = match text.as_bytes().first() {
            Some(b'"') => "a string",
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number that is not an integer",
        };
        de::Error::custom(format!("expected {expected}, got {found}"))
    })
}

/// A JSON number with every digit kept; in CBOR an integer or a bignum (tag 2 or 3).
impl Serialize for BigInteger {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return super::big_number_cbor::serialize_integer(&self.0, serializer);
        }
        serialize_raw(&self.0, serializer)
    }
}

/// A JSON integer of any size; strings and non-integers are errors. In CBOR, an integer or a
/// bignum.
impl<'de> Deserialize<'de> for BigInteger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            return super::big_number_cbor::deserialize_integer(deserializer).map(BigInteger);
        }
        deserialize_raw(deserializer, "a JSON integer")
    }
}

/// A JSON number with every digit kept; in CBOR a decimal fraction (tag 4).
impl Serialize for BigDecimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return super::big_number_cbor::serialize_decimal(&self.0, serializer);
        }
        serialize_raw(&self.0, serializer)
    }
}

/// A JSON number of any size and precision; strings and other values are errors. In CBOR, a
/// decimal fraction, or an integer or bignum.
impl<'de> Deserialize<'de> for BigDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            return super::big_number_cbor::deserialize_decimal(deserializer).map(BigDecimal);
        }
        deserialize_raw(deserializer, "a JSON number")
    }
}
