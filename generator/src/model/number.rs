//! Numbers of node values, kept exactly as written.
//!
//! Why a side form: trait values are `serde_json::Value`s, whose numbers are `u64`, `i64` or
//! `f64` (serde_json's `arbitrary_precision` feature would keep the text, but cargo features
//! unify across the workspace and it would change how the generated crates read JSON). So a
//! number that such a [`Number`] cannot give back as written (`18446744073709551616`,
//! `1.7976931348623157E+309`, `2e+308`, `1e2`, `0.10`) is stored as its nearest stand-in
//! ([`stand_in`]) and its written text is recorded beside the value, by JSON pointer
//! ([`NumberTexts`], kept in [`super::Traits`]). Readers that need the exact value (defaults,
//! range bounds, protocol-test parameters) ask for the text; everything else sees the
//! stand-in, which is as close as an `f64` gets.

use std::collections::BTreeMap;

use serde_json::Number;

/// Written number texts of one node value, by JSON pointer into that value (`""` is the
/// value itself), for the numbers whose [`Number`] does not print as written.
pub type NumberTexts = BTreeMap<String, String>;

/// The `Number` that stands for `text` (JSON number syntax): the integer itself where 64 bits
/// hold it, else the nearest `f64`, and the largest finite `f64` of the same sign beyond that.
pub fn stand_in(text: &str) -> Number {
    let integer = !text.contains(['.', 'e', 'E']);
    if integer {
        if let Ok(n) = text.parse::<u64>() {
            return Number::from(n);
        }
        if let Ok(n) = text.parse::<i64>() {
            return Number::from(n);
        }
    }
    let value = text.parse::<f64>().unwrap_or(0.0);
    let finite = if value.is_finite() {
        value
    } else if text.starts_with('-') {
        f64::MIN
    } else {
        f64::MAX
    };
    Number::from_f64(finite).unwrap_or_else(|| Number::from(0))
}

/// Whether `text` must be recorded beside its stand-in: the stand-in prints differently.
pub fn needs_text(number: &Number, text: &str) -> bool {
    number.to_string() != text
}

/// `pointer` with one more token (`~` and `/` escaped as RFC 6901 says).
pub fn push_token(pointer: &str, token: &str) -> String {
    let mut longer = pointer.to_owned();
    append_token(&mut longer, token);
    longer
}

/// Appends one JSON pointer token to `pointer` in place.
pub fn append_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// A number as an integer, exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whole {
    /// The integer, where an `i128` holds it.
    Fits(i128),
    /// Beyond `i128`, below (`true`) or above (`false`) it.
    Beyond { negative: bool },
    /// Not an integer: it has a non-zero fraction.
    Fraction,
}

/// A decimal in JSON number syntax, split exactly: `digits × 10^exponent`, `digits` without
/// leading or trailing zeros (empty for zero).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i128,
}

impl Decimal {
    /// Reads JSON number syntax (`[-] int [frac] [exp]`, the IDL's `number`); `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (mantissa, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || (int.len() > 1 && int.starts_with('0')) {
            return None;
        }
        if frac.is_some_and(|f| !all_digits(f)) {
            return None;
        }
        let mut exponent: i128 = match exponent {
            None => 0,
            Some(exp) => {
                let unsigned = exp.strip_prefix(['+', '-']).unwrap_or(exp);
                if !all_digits(unsigned) {
                    return None;
                }
                // Exponents beyond any model's reach saturate: the comparisons stay right.
                let magnitude = unsigned.parse::<i128>().unwrap_or(i128::from(i64::MAX));
                let magnitude = magnitude.min(i128::from(i64::MAX));
                if exp.starts_with('-') {
                    -magnitude
                } else {
                    magnitude
                }
            }
        };
        let frac = frac.unwrap_or("");
        exponent -= frac.len() as i128;
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let leading = digits.iter().take_while(|d| **d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        if digits.is_empty() {
            exponent = 0;
        }
        Some(Decimal {
            negative: negative && !digits.is_empty(),
            digits,
            exponent,
        })
    }

    /// The number as an integer, if it is one.
    pub fn whole(&self) -> Whole {
        if self.exponent < 0 {
            return Whole::Fraction;
        }
        // i128 has 39 digits at most.
        if self.digits.len() as i128 + self.exponent > 39 {
            return Whole::Beyond {
                negative: self.negative,
            };
        }
        // Accumulated as a negative number, whose range is the larger one.
        let zeros = std::iter::repeat_n(0u8, self.exponent as usize);
        let mut negated: i128 = 0;
        for digit in self.digits.iter().copied().chain(zeros) {
            let next = negated
                .checked_mul(10)
                .and_then(|v| v.checked_sub(i128::from(digit)));
            match next {
                Some(next) => negated = next,
                None => {
                    return Whole::Beyond {
                        negative: self.negative,
                    }
                }
            }
        }
        if self.negative {
            Whole::Fits(negated)
        } else {
            match negated.checked_neg() {
                Some(value) => Whole::Fits(value),
                None => Whole::Beyond { negative: false },
            }
        }
    }
}

/// Whether `text` is written as an integer (no fraction, no exponent), as Smithy requires of
/// values for `byte`, `short`, `integer`, `long` and `bigInteger` shapes.
pub fn is_integer_text(text: &str) -> bool {
    !text.contains(['.', 'e', 'E'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn stand_ins_are_exact_where_64_bits_are() {
        assert_eq!(stand_in("18446744073709551615"), Number::from(u64::MAX));
        assert_eq!(stand_in("-9223372036854775808"), Number::from(i64::MIN));
        assert_eq!(
            stand_in("18446744073709551616").as_f64(),
            Some(1.8446744073709552e19)
        );
        assert_eq!(stand_in("1.7976931348623157E+309").as_f64(), Some(f64::MAX));
        assert_eq!(stand_in("-2e+308").as_f64(), Some(f64::MIN));
        assert_eq!(stand_in("1e2").as_f64(), Some(100.0));
        assert!(needs_text(&stand_in("1e2"), "1e2"));
        assert!(needs_text(
            &stand_in("18446744073709551616"),
            "18446744073709551616"
        ));
        assert!(!needs_text(&stand_in("1.5"), "1.5"));
        assert!(!needs_text(&stand_in("-7"), "-7"));
    }

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(dec("1e2"), dec("100"));
        assert_eq!(dec("100.00"), dec("1E+2"));
        assert_eq!(dec("-0"), dec("0.0"));
        assert_ne!(dec("18446744073709551617"), dec("18446744073709551616"));
        assert_ne!(dec("0.1"), dec("0.10000000000000000000001"));
        assert_eq!(
            dec("1e99999999999999999999999").whole(),
            Whole::Beyond { negative: false }
        );
        for bad in [
            "", "-", "01", "1.", ".1", "1e", "1e+", "+1", "1x", "1.5e2.5",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn whole_numbers_are_exact_or_beyond() {
        assert_eq!(dec("1e3").whole(), Whole::Fits(1000));
        assert_eq!(dec("2.50e1").whole(), Whole::Fits(25));
        assert_eq!(dec("1.0").whole(), Whole::Fits(1));
        assert_eq!(dec("1.5").whole(), Whole::Fraction);
        assert_eq!(
            dec("-18446744073709551616").whole(),
            Whole::Fits(-18446744073709551616)
        );
        assert_eq!(dec("1e400").whole(), Whole::Beyond { negative: false });
        assert_eq!(dec("-1e39").whole(), Whole::Beyond { negative: true });
        let min = i128::MIN.to_string();
        assert_eq!(dec(&min).whole(), Whole::Fits(i128::MIN));
        let max = i128::MAX.to_string();
        assert_eq!(dec(&max).whole(), Whole::Fits(i128::MAX));
        assert_eq!(
            dec("170141183460469231731687303715884105728").whole(),
            Whole::Beyond { negative: false }
        );
    }
}
