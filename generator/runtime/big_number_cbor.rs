//! The CBOR forms of `bigInteger` and `bigDecimal` (RFC 8949 sections 3.4.3 and 3.4.4), for
//! `big_number`'s serde impls when the format is not human-readable.
//!
//! A big integer is a plain integer (major type 0 or 1) when it fits, else an unsigned (tag 2)
//! or negative (tag 3) bignum: a byte string holding `n`, the value being `n` or `-1 - n`. A
//! big decimal is a decimal fraction (tag 4): the array `[exponent, mantissa]`, the value being
//! `mantissa * 10^exponent`, the exponent a plain integer, the mantissa a plain integer or a
//! bignum. All arithmetic is on the digits themselves, so no digit is lost.
//!
//! Serde has no tags: ciborium, the generated code's CBOR crate, presents one as a tuple
//! variant `@@TAGGED@@` (tag number, value) of the enum `@@TAG@@`, and an item without a tag as
//! its newtype variant `@@UNTAGGED@@`. Errors never repeat a value (it may be `@sensitive`).

use std::fmt;

use serde::de::{self, DeserializeSeed, SeqAccess, VariantAccess, Visitor};
use serde::ser::{self, SerializeSeq, SerializeTupleVariant};
use serde::{Deserializer, Serializer};

const UNSIGNED_BIGNUM: u64 = 2;
const NEGATIVE_BIGNUM: u64 = 3;
const DECIMAL_FRACTION: u64 = 4;

/// The longest bignum read, in bytes (about 39,000 decimal digits): converting one to decimal
/// takes time quadratic in its length, which a hostile body must not be able to choose.
const MAX_BIGNUM_BYTES: usize = 16 * 1024;

/// How ciborium names a tagged item and its two forms.
const TAG_ENUM: &str = "@@TAG@@";
const TAGGED: &str = "@@TAGGED@@";
const UNTAGGED: &str = "@@UNTAGGED@@";
const TAG_VARIANTS: &[&str] = &[UNTAGGED, TAGGED];

/// An integer of any size: its sign and its magnitude in decimal digits (no leading zeros;
/// `"0"` for zero, which is never negative).
#[derive(Debug, PartialEq, Eq)]
struct Integer {
    negative: bool,
    magnitude: String,
}

impl Integer {
    fn new(negative: bool, magnitude: String) -> Integer {
        let negative = negative && magnitude != "0";
        Integer {
            negative,
            magnitude,
        }
    }

    fn text(&self) -> String {
        if self.negative {
            format!("-{}", self.magnitude)
        } else {
            self.magnitude.clone()
        }
    }
}

// ---- Base conversion --------------------------------------------------------------------------

/// Big-endian bytes (any leading zeros) of a decimal digit string, without leading zeros.
fn decimal_to_bytes(digits: &str) -> Vec<u8> {
    // Little-endian base 2^32 limbs, fed nine decimal digits at a time.
    let mut limbs: Vec<u32> = Vec::new();
    let bytes = digits.as_bytes();
    let first = bytes.len() % 9;
    let chunks = std::iter::once(&bytes[..first]).chain(bytes[first..].chunks(9));
    for chunk in chunks.filter(|chunk| !chunk.is_empty()) {
        let value = chunk
            .iter()
            .fold(0u64, |acc, digit| acc * 10 + u64::from(digit - b'0'));
        let scale = 10u64.pow(chunk.len() as u32);
        let mut carry = value;
        for limb in &mut limbs {
            let product = u64::from(*limb) * scale + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let mut out: Vec<u8> = limbs
        .iter()
        .rev()
        .flat_map(|limb| limb.to_be_bytes())
        .collect();
    let leading = out.iter().take_while(|b| **b == 0).count();
    out.drain(..leading);
    out
}

/// The decimal digits (no leading zeros, `"0"` for none) of big-endian bytes.
fn bytes_to_decimal(bytes: &[u8]) -> String {
    let start = bytes.iter().take_while(|b| **b == 0).count();
    let bytes = &bytes[start..];
    // Big-endian base 2^32 limbs, divided by 10^9 until nothing is left.
    let head = bytes.len() % 4;
    let mut limbs: Vec<u32> = std::iter::once(&bytes[..head])
        .chain(bytes[head..].chunks(4))
        .filter(|chunk| !chunk.is_empty())
        .map(|chunk| chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
        .collect();
    let mut groups: Vec<u32> = Vec::new();
    while !limbs.is_empty() {
        let mut remainder = 0u64;
        for limb in &mut limbs {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / 1_000_000_000) as u32;
            remainder = current % 1_000_000_000;
        }
        groups.push(remainder as u32);
        let zeros = limbs.iter().take_while(|limb| **limb == 0).count();
        limbs.drain(..zeros);
    }
    let mut text = groups.last().map_or_else(|| "0".to_owned(), u32::to_string);
    for group in groups.iter().rev().skip(1) {
        text.push_str(&format!("{group:09}"));
    }
    text
}

/// `bytes` (big-endian, no leading zeros) minus one; `bytes` must not be zero.
fn decrement(bytes: &mut Vec<u8>) {
    for byte in bytes.iter_mut().rev() {
        let (value, borrow) = byte.overflowing_sub(1);
        *byte = value;
        if !borrow {
            break;
        }
    }
    if bytes.first() == Some(&0) {
        bytes.remove(0);
    }
}

/// `bytes` (big-endian) plus one.
fn increment(bytes: &mut Vec<u8>) {
    for byte in bytes.iter_mut().rev() {
        let (value, carry) = byte.overflowing_add(1);
        *byte = value;
        if !carry {
            return;
        }
    }
    bytes.insert(0, 1);
}

// ---- Writing ----------------------------------------------------------------------------------

/// A byte string, for the content of a bignum tag.
struct ByteString<'a>(&'a [u8]);

impl ser::Serialize for ByteString<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// An integer's CBOR form: major type 0 or 1 when it fits in one, else a bignum.
struct IntegerItem<'a>(&'a Integer);

impl ser::Serialize for IntegerItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Integer {
            negative,
            magnitude,
        } = self.0;
        // A negative value -m is carried as n = m - 1 (major type 1 and tag 3 alike).
        let mut n = decimal_to_bytes(magnitude);
        if *negative {
            decrement(&mut n);
        }
        if n.len() <= 8 {
            let mut word = [0u8; 8];
            word[8 - n.len()..].copy_from_slice(&n);
            let n = u64::from_be_bytes(word);
            return match (negative, i64::try_from(n)) {
                (false, _) => serializer.serialize_u64(n),
                (true, Ok(n)) => serializer.serialize_i64(-1 - n),
                (true, Err(_)) => serializer.serialize_i128(-1 - i128::from(n)),
            };
        }
        let tag = if *negative {
            NEGATIVE_BIGNUM
        } else {
            UNSIGNED_BIGNUM
        };
        let mut tagged = serializer.serialize_tuple_variant(TAG_ENUM, 1, TAGGED, 2)?;
        tagged.serialize_field(&tag)?;
        tagged.serialize_field(&ByteString(&n))?;
        tagged.end()
    }
}

/// Writes a big integer's text (valid `-?[0-9]+`) as an integer or a bignum.
pub fn serialize_integer<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let magnitude = digits.trim_start_matches('0');
    let magnitude = if magnitude.is_empty() { "0" } else { magnitude };
    ser::Serialize::serialize(
        &IntegerItem(&Integer::new(negative, magnitude.to_owned())),
        serializer,
    )
}

/// The exponent and mantissa of valid JSON number text, exactly: `1.25e3` is `[1, 125]`.
/// `Err` when the exponent is beyond what CBOR's major types 0 and 1 hold.
fn decimal_fraction(text: &str) -> Result<(i128, Integer), &'static str> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (number, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], &unsigned[at + 1..]),
        None => (unsigned, "0"),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    const TOO_LARGE: &str = "the exponent is beyond what a CBOR decimal fraction holds";
    let exponent: i128 = exponent
        .trim_start_matches('+')
        .parse()
        .map_err(|_| TOO_LARGE)?;
    let exponent = i128::try_from(fraction.len())
        .ok()
        .and_then(|shift| exponent.checked_sub(shift))
        .filter(|e| (-(1i128 << 64)..(1i128 << 64)).contains(e))
        .ok_or(TOO_LARGE)?;
    let digits = format!("{whole}{fraction}");
    let magnitude = digits.trim_start_matches('0');
    let magnitude = if magnitude.is_empty() { "0" } else { magnitude };
    Ok((exponent, Integer::new(negative, magnitude.to_owned())))
}

/// A decimal fraction's array: the exponent, then the mantissa.
struct FractionArray<'a>(i128, &'a Integer);

impl ser::Serialize for FractionArray<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let exponent = Integer::new(self.0 < 0, self.0.unsigned_abs().to_string());
        let mut array = serializer.serialize_seq(Some(2))?;
        array.serialize_element(&IntegerItem(&exponent))?;
        array.serialize_element(&IntegerItem(self.1))?;
        array.end()
    }
}

/// Writes a big decimal's text (valid JSON number syntax) as a decimal fraction (tag 4).
pub fn serialize_decimal<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let (exponent, mantissa) = decimal_fraction(text).map_err(ser::Error::custom)?;
    let mut tagged = serializer.serialize_tuple_variant(TAG_ENUM, 1, TAGGED, 2)?;
    tagged.serialize_field(&DECIMAL_FRACTION)?;
    tagged.serialize_field(&FractionArray(exponent, &mantissa))?;
    tagged.end()
}

// ---- Reading ----------------------------------------------------------------------------------

/// What a reader accepts, which also names it in errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Accept {
    /// A decimal fraction's exponent: a plain integer only (RFC 8949 section 3.4.4).
    PlainInteger,
    /// A plain integer or a bignum.
    Integer,
    /// A decimal fraction, or (exactly, exponent 0) a plain integer or a bignum.
    Decimal,
}

impl Accept {
    fn expected(self) -> &'static str {
        match self {
            Accept::PlainInteger => "an integer (major type 0 or 1)",
            Accept::Integer => "an integer or a bignum (tag 2 or 3)",
            Accept::Decimal => "a decimal fraction (tag 4), an integer or a bignum (tag 2 or 3)",
        }
    }
}

/// A read number: an integer, or a decimal fraction's exponent and mantissa.
type Number = (i128, Integer);

/// Reads one item, tagged or not, as `Accept` says.
#[derive(Clone, Copy)]
struct NumberSeed(Accept);

impl<'de> DeserializeSeed<'de> for NumberSeed {
    type Value = Number;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Number, D::Error> {
        deserializer.deserialize_enum(TAG_ENUM, TAG_VARIANTS, self)
    }
}

impl<'de> Visitor<'de> for NumberSeed {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.expected())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Number, A::Error> {
        let (tagged, item) = data.variant_seed(TagForm)?;
        if tagged {
            item.tuple_variant(2, Tagged(self.0))
        } else {
            item.newtype_variant_seed(Untagged(self.0))
        }
    }
}

/// Whether the item has a tag (the variant's name).
struct TagForm;

impl<'de> DeserializeSeed<'de> for TagForm {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for TagForm {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CBOR item, tagged or not")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<bool, E> {
        match name {
            TAGGED => Ok(true),
            UNTAGGED => Ok(false),
            _ => Err(E::custom("expected a CBOR item")),
        }
    }
}

/// An item without a tag: only a plain integer is a number here.
struct Untagged(Accept);

impl<'de> DeserializeSeed<'de> for Untagged {
    type Value = Number;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Number, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Untagged {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.expected())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Number, E> {
        Ok((0, Integer::new(false, value.to_string())))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Number, E> {
        Ok((0, Integer::new(false, value.to_string())))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Number, E> {
        self.visit_i128(i128::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Number, E> {
        let magnitude = value.unsigned_abs().to_string();
        Ok((0, Integer::new(value < 0, magnitude)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Number, E> {
        Err(E::custom(format!(
            "expected {}, got a float (which cannot hold every such number exactly)",
            self.0.expected()
        )))
    }
}

/// A tagged item: a bignum, or a decimal fraction where one is accepted.
struct Tagged(Accept);

impl<'de> Visitor<'de> for Tagged {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.expected())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
        let tag: u64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::custom("a tag without a number"))?;
        let wrong_tag = || {
            de::Error::custom(format!(
                "expected {}, got an item under tag {tag}",
                self.0.expected()
            ))
        };
        let value = match tag {
            UNSIGNED_BIGNUM | NEGATIVE_BIGNUM if self.0 != Accept::PlainInteger => {
                let negative = tag == NEGATIVE_BIGNUM;
                let magnitude = seq.next_element_seed(Bignum { negative })?;
                magnitude.map(|magnitude| (0, Integer::new(negative, magnitude)))
            }
            DECIMAL_FRACTION if self.0 == Accept::Decimal => seq.next_element_seed(Fraction)?,
            _ => return Err(wrong_tag()),
        };
        value.ok_or_else(|| de::Error::custom("a tag without a value"))
    }
}

/// A bignum's byte string, as the magnitude's decimal digits.
struct Bignum {
    negative: bool,
}

impl<'de> DeserializeSeed<'de> for Bignum {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_byte_buf(self)
    }
}

impl Visitor<'_> for Bignum {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a byte string under a bignum tag (2 or 3)")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<String, E> {
        if bytes.len() > MAX_BIGNUM_BYTES {
            return Err(E::custom(format!(
                "a bignum of {} bytes is longer than the {MAX_BIGNUM_BYTES} read",
                bytes.len()
            )));
        }
        let mut n = bytes.to_vec();
        // Tag 3 holds n for the value -1 - n: the magnitude is n + 1.
        if self.negative {
            increment(&mut n);
        }
        Ok(bytes_to_decimal(&n))
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<String, E> {
        self.visit_bytes(&bytes)
    }
}

/// A decimal fraction's array `[exponent, mantissa]`.
struct Fraction;

impl<'de> DeserializeSeed<'de> for Fraction {
    type Value = Number;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Number, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Fraction {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal fraction's array of an exponent and a mantissa")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
        const SHAPE: &str = "a decimal fraction must be an array of two items";
        let (_, exponent) = seq
            .next_element_seed(NumberSeed(Accept::PlainInteger))?
            .ok_or_else(|| de::Error::custom(SHAPE))?;
        // A plain integer's magnitude is at most 2^64, well within i128.
        let magnitude: i128 = exponent
            .magnitude
            .parse()
            .map_err(|_| de::Error::custom("a decimal fraction's exponent is too large"))?;
        let exponent = if exponent.negative {
            -magnitude
        } else {
            magnitude
        };
        let (_, mantissa) = seq
            .next_element_seed(NumberSeed(Accept::Integer))?
            .ok_or_else(|| de::Error::custom(SHAPE))?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(SHAPE));
        }
        Ok((exponent, mantissa))
    }
}

/// How far a negative exponent may reach past the mantissa's digits and still be written
/// with a decimal point (`0.000001`); beyond, the text keeps the exponent (`1e-30`), so that a
/// hostile exponent cannot make the text huge.
const MAX_LEADING_ZEROS: usize = 100;

/// The text of `mantissa * 10^exponent` in JSON number syntax: with a decimal point for a
/// negative exponent (`[-2, 27315]` is `273.15`, trailing zeros kept), an exponent otherwise.
fn decimal_text(exponent: i128, mantissa: &Integer) -> String {
    let sign = if mantissa.negative { "-" } else { "" };
    let digits = &mantissa.magnitude;
    if exponent == 0 {
        return format!("{sign}{digits}");
    }
    if exponent > 0 {
        return format!("{sign}{digits}e{exponent}");
    }
    let shift = exponent.unsigned_abs();
    match usize::try_from(shift) {
        Ok(shift) if shift < digits.len() => {
            let (whole, fraction) = digits.split_at(digits.len() - shift);
            format!("{sign}{whole}.{fraction}")
        }
        Ok(shift) if shift - digits.len() <= MAX_LEADING_ZEROS => {
            let zeros = "0".repeat(shift - digits.len());
            format!("{sign}0.{zeros}{digits}")
        }
        _ => format!("{sign}{digits}e{exponent}"),
    }
}

/// Reads a big integer (a plain integer or a bignum) as its decimal text.
pub fn deserialize_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let (_, integer) = NumberSeed(Accept::Integer).deserialize(deserializer)?;
    Ok(integer.text())
}

/// Reads a big decimal (a decimal fraction, or a plain integer or bignum) as JSON number text.
pub fn deserialize_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let (exponent, mantissa) = NumberSeed(Accept::Decimal).deserialize(deserializer)?;
    Ok(decimal_text(exponent, &mantissa))
}
