//! Default values (`@default`) checked against the member's target type.

use serde_json::Value;

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

/// Reads `value` as a default for a target of kind `kind`. `Ok(None)` is the explicit
/// `null` that removes a default.
pub fn parse(value: &Value, kind: &ShapeKind) -> Result<Option<DefaultValue>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let wrong = || {
        format!(
            "default value {value} does not fit a {} target",
            kind.type_name()
        )
    };
    let parsed = match kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::Boolean => DefaultValue::Bool(value.as_bool().ok_or_else(wrong)?),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => {
                let n = value.as_i64().ok_or_else(wrong)?;
                let (min, max) = match simple {
                    SimpleType::Byte => (i8::MIN as i64, i8::MAX as i64),
                    SimpleType::Short => (i16::MIN as i64, i16::MAX as i64),
                    SimpleType::Integer => (i32::MIN as i64, i32::MAX as i64),
                    _ => (i64::MIN, i64::MAX),
                };
                if n < min || n > max {
                    return Err(format!(
                        "default value {n} is out of range for a {}",
                        simple.type_name()
                    ));
                }
                DefaultValue::Int(n)
            }
            SimpleType::Float | SimpleType::Double => {
                let f = value.as_f64().ok_or_else(wrong)?;
                // A float default must be a finite f32.
                if *simple == SimpleType::Float && (f as f32).is_infinite() {
                    return Err(format!("default value {f} is out of range for a float"));
                }
                DefaultValue::Float(f)
            }
            SimpleType::String => {
                DefaultValue::String(value.as_str().ok_or_else(wrong)?.to_owned())
            }
            SimpleType::Blob => DefaultValue::Blob(value.as_str().ok_or_else(wrong)?.to_owned()),
            SimpleType::Timestamp => match value {
                Value::Number(n) => {
                    let (secs, nanos) = split_seconds(&n.to_string()).ok_or_else(wrong)?;
                    DefaultValue::Timestamp(secs, nanos)
                }
                _ => {
                    return Err(format!(
                        "default value {value} for a timestamp must be epoch seconds"
                    ))
                }
            },
            SimpleType::BigInteger => match value {
                // Integers beyond 64 bits reach us as floating point: not exact, so refused.
                Value::Number(n) if n.is_i64() || n.is_u64() => {
                    DefaultValue::BigNumber(n.to_string())
                }
                Value::Number(n) => return Err(too_big_integer(n)),
                _ => return Err(wrong()),
            },
            SimpleType::BigDecimal => match value {
                Value::Number(n) => DefaultValue::BigNumber(n.to_string()),
                _ => return Err(wrong()),
            },
            SimpleType::Document => DefaultValue::Document(value.clone()),
        },
        ShapeKind::Enum(_) => DefaultValue::EnumValue(value.as_str().ok_or_else(wrong)?.to_owned()),
        ShapeKind::IntEnum(_) => DefaultValue::IntEnumValue(
            value
                .as_i64()
                .filter(|i| i32::try_from(*i).is_ok())
                .ok_or_else(|| format!("default value {value} is not a 32-bit intEnum value"))?,
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

fn too_big_integer(n: &serde_json::Number) -> String {
    format!("the bigInteger default {n} does not fit 64 bits, so it cannot be read exactly")
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
        assert_eq!(parse(&json!(3), &int), Ok(Some(DefaultValue::Int(3))));
        assert_eq!(parse(&json!(null), &int), Ok(None));
        assert!(parse(&json!("3"), &int).is_err());
        assert!(parse(&json!(1i64 << 40), &int)
            .unwrap_err()
            .contains("out of range"));
        let list = ShapeKind::List(crate::model::Member {
            name: "member".into(),
            target: crate::model::ShapeId::new("smithy.api", "String"),
            traits: Default::default(),
        });
        assert_eq!(parse(&json!([]), &list), Ok(Some(DefaultValue::Empty)));
        assert!(parse(&json!(["a"]), &list).is_err());
    }

    #[test]
    fn type_defaults_are_recognised() {
        assert!(DefaultValue::Bool(false).is_type_default());
        assert!(!DefaultValue::Bool(true).is_type_default());
        assert!(DefaultValue::Int(0).is_type_default());
        assert!(!DefaultValue::EnumValue("A".into()).is_type_default());
    }
}
