//! Default values (`@default`) checked against the member's target type.

use serde_json::Value;

use crate::model::number::is_integer_text;
use crate::model::{ShapeKind, SimpleType};

/// A member's default, typed for the Rust field it fills.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// A string enum value (the enum's `From<&str>` keeps unknown values).
    EnumValue(String),
    IntEnumValue(i64),
    /// An empty list or map: the type's `Default`.
    Empty,
    /// Epoch seconds and nanoseconds.
    Timestamp(i64, u32),
    /// Base64 text of a blob.
    Blob(String),
    BigNumber(String),
    Document(Value),
}

impl DefaultValue {
    /// Whether `Default::default()` of the Rust type gives this same value, so serde can use
    /// `#[serde(default)]` without a helper function.
    pub fn is_type_default(&self) -> bool {
        match self {
            DefaultValue::Bool(b) => !b,
            DefaultValue::Int(i) => *i == 0,
            DefaultValue::Float(f) => *f == 0.0 && f.is_sign_positive(),
            DefaultValue::String(s) => s.is_empty(),
            DefaultValue::Empty => true,
            DefaultValue::Document(v) => v.is_null(),
            _ => false,
        }
    }
}

/// Reads `value` as a default for a target of kind `kind`; `text` is a number's text as
/// written (see [`crate::model::Traits::number_text`]), so that big numbers stay exact and a
/// number is refused only where the target type cannot hold it. `Ok(None)` is the explicit
/// `null` that removes a default.
pub fn parse(
    value: &Value,
    text: Option<&str>,
    kind: &ShapeKind,
) -> Result<Option<DefaultValue>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let shown = text.map_or_else(|| value.to_string(), str::to_owned);
    let wrong = || {
        format!(
            "default value {shown} does not fit a {} target",
            kind.type_name()
        )
    };
    // The number's text: written, or as its value prints.
    let number = || match value {
        Value::Number(n) => Ok(text.map_or_else(|| n.to_string(), str::to_owned)),
        _ => Err(wrong()),
    };
    // Smithy reads integer shapes' values only from integers written without a fraction or
    // an exponent.
    let integer = || {
        let text = number()?;
        if is_integer_text(&text) {
            Ok(text)
        } else {
            Err(format!(
                "default value {text} must be written as an integer (no fraction or exponent) \
                 for a `{}` target",
                kind.type_name()
            ))
        }
    };
    let parsed = match kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::Boolean => DefaultValue::Bool(value.as_bool().ok_or_else(wrong)?),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => {
                let text = integer()?;
                let (min, max) = match simple {
                    SimpleType::Byte => (i8::MIN as i64, i8::MAX as i64),
                    SimpleType::Short => (i16::MIN as i64, i16::MAX as i64),
                    SimpleType::Integer => (i32::MIN as i64, i32::MAX as i64),
                    _ => (i64::MIN, i64::MAX),
                };
                match text.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) => DefaultValue::Int(n),
                    _ => {
                        return Err(format!(
                            "default value {text} is out of range for a {}",
                            simple.type_name()
                        ))
                    }
                }
            }
            SimpleType::Float | SimpleType::Double => {
                let text = number()?;
                let f: f64 = text.parse().map_err(|_| wrong())?;
                // The nearest value of the type must be finite: beyond it, the type cannot hold
                // the number.
                let infinite = match simple {
                    SimpleType::Float => (f as f32).is_infinite(),
                    _ => f.is_infinite(),
                };
                if infinite {
                    return Err(format!(
                        "default value {text} is out of range for a {}",
                        simple.type_name()
                    ));
                }
                DefaultValue::Float(f)
            }
            SimpleType::String => {
                DefaultValue::String(value.as_str().ok_or_else(wrong)?.to_owned())
            }
            SimpleType::Blob => DefaultValue::Blob(value.as_str().ok_or_else(wrong)?.to_owned()),
            SimpleType::Timestamp => match value {
                Value::Number(_) => {
                    let (secs, nanos) = split_seconds(&number()?).ok_or_else(wrong)?;
                    DefaultValue::Timestamp(secs, nanos)
                }
                _ => {
                    return Err(format!(
                        "default value {shown} for a timestamp must be epoch seconds"
                    ))
                }
            },
            // Every digit as written: the generated default parses this same text.
            SimpleType::BigInteger => DefaultValue::BigNumber(integer()?),
            SimpleType::BigDecimal => DefaultValue::BigNumber(number()?),
            SimpleType::Document => DefaultValue::Document(value.clone()),
        },
        ShapeKind::Enum(_) => DefaultValue::EnumValue(value.as_str().ok_or_else(wrong)?.to_owned()),
        ShapeKind::IntEnum(_) => DefaultValue::IntEnumValue(
            integer()
                .ok()
                .and_then(|text| text.parse::<i32>().ok())
                .map(i64::from)
                .ok_or_else(|| format!("default value {shown} is not a 32-bit intEnum value"))?,
        ),
        ShapeKind::List(_) | ShapeKind::Set(_) => match value {
            Value::Array(items) if items.is_empty() => DefaultValue::Empty,
            _ => return Err("a list default must be the empty list []".to_owned()),
        },
        ShapeKind::Map { .. } => match value {
            Value::Object(entries) if entries.is_empty() => DefaultValue::Empty,
            _ => return Err("a map default must be the empty map {}".to_owned()),
        },
        _ => {
            return Err(format!(
                "a {} member cannot have a default value",
                kind.type_name()
            ))
        }
    };
    Ok(Some(parsed))
}

/// Epoch seconds written as a decimal number (`946845296.123`) split exactly into seconds
/// and nanoseconds, without going through `f64` (which would turn `.123` into `.123000026`).
pub fn split_seconds(text: &str) -> Option<(i64, u32)> {
    if text.contains(['e', 'E']) {
        // Exponent notation: rare for timestamps; f64 is as exact as the text allows.
        let value: f64 = text.parse().ok()?;
        let whole = value.floor();
        let nanos = ((value - whole) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
        return (whole.abs() < 9.2e18).then_some((whole as i64, nanos));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole: i64 = whole.parse().ok()?;
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = fraction
        .chars()
        .chain(std::iter::repeat('0'))
        .take(9)
        .collect();
    let nanos: u32 = digits.parse().ok()?;
    // A negative time with a fraction lies before the whole second.
    Some(if whole < 0 || text.starts_with('-') {
        if nanos == 0 {
            (whole, 0)
        } else {
            (whole - 1, 1_000_000_000 - nanos)
        }
    } else {
        (whole, nanos)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn seconds_split_exactly() {
        use super::split_seconds;
        assert_eq!(
            split_seconds("946845296.123"),
            Some((946845296, 123_000_000))
        );
        assert_eq!(split_seconds("1576540098"), Some((1576540098, 0)));
        assert_eq!(split_seconds("-1.5"), Some((-2, 500_000_000)));
        assert_eq!(split_seconds("1.5e3"), Some((1500, 0)));
        assert_eq!(split_seconds("x"), None);
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_follow_the_target_type() {
        let int = ShapeKind::Simple(SimpleType::Integer);
        assert_eq!(parse(&json!(3), None, &int), Ok(Some(DefaultValue::Int(3))));
        assert_eq!(parse(&json!(null), None, &int), Ok(None));
        assert!(parse(&json!("3"), None, &int).is_err());
        assert!(parse(&json!(1i64 << 40), None, &int)
            .unwrap_err()
            .contains("out of range"));
        let list = ShapeKind::List(crate::model::Member {
            name: "member".into(),
            target: crate::model::ShapeId::new("smithy.api", "String"),
            traits: Default::default(),
        });
        assert_eq!(
            parse(&json!([]), None, &list),
            Ok(Some(DefaultValue::Empty))
        );
        assert!(parse(&json!(["a"]), None, &list).is_err());
    }

    /// `value` as the loaders give it for `text`: its stand-in, and the text beside it.
    fn number(text: &str, kind: SimpleType) -> Result<Option<DefaultValue>, String> {
        let value = Value::Number(crate::model::number::stand_in(text));
        parse(&value, Some(text), &ShapeKind::Simple(kind))
    }

    #[test]
    fn big_numbers_keep_the_written_text() {
        let big = |text: &str| Ok(Some(DefaultValue::BigNumber(text.to_owned())));
        for text in [
            "18446744073709551616",
            "-123456789012345678901234567890",
            "0",
        ] {
            assert_eq!(number(text, SimpleType::BigInteger), big(text));
        }
        for text in ["1.7976931348623157E+309", "2e+308", "0.10", "-1e-400", "1"] {
            assert_eq!(number(text, SimpleType::BigDecimal), big(text));
        }
        for text in ["1.0", "1e2", "2e+308"] {
            let error = number(text, SimpleType::BigInteger).unwrap_err();
            assert!(error.contains("must be written as an integer"), "{error}");
        }
    }

    #[test]
    fn numbers_are_refused_only_where_the_type_cannot_hold_them() {
        assert_eq!(
            number("127", SimpleType::Byte),
            Ok(Some(DefaultValue::Int(127)))
        );
        for (text, kind) in [
            ("300", SimpleType::Byte),
            ("-129", SimpleType::Byte),
            ("32768", SimpleType::Short),
            ("2147483648", SimpleType::Integer),
            ("9223372036854775808", SimpleType::Long),
            ("18446744073709551616", SimpleType::Long),
            ("1e400", SimpleType::Double),
            ("-1.7976931348623159e308", SimpleType::Double),
            ("3.5e38", SimpleType::Float),
        ] {
            let error = number(text, kind).unwrap_err();
            assert!(error.contains("out of range"), "{text}: {error}");
        }
        let error = number("1.0", SimpleType::Integer).unwrap_err();
        assert!(error.contains("must be written as an integer"), "{error}");
        assert_eq!(
            number("1.7976931348623157e308", SimpleType::Double),
            Ok(Some(DefaultValue::Float(f64::MAX)))
        );
        assert_eq!(
            number("946845296.123456789", SimpleType::Timestamp),
            Ok(Some(DefaultValue::Timestamp(946845296, 123_456_789)))
        );
    }

    #[test]
    fn type_defaults_are_recognised() {
        assert!(DefaultValue::Bool(false).is_type_default());
        assert!(!DefaultValue::Bool(true).is_type_default());
        assert!(DefaultValue::Int(0).is_type_default());
        assert!(!DefaultValue::EnumValue("A".into()).is_type_default());
    }
}
