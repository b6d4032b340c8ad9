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
    /// Epoch seconds.
    Timestamp(f64),
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
                DefaultValue::Float(value.as_f64().ok_or_else(wrong)?)
            }
            SimpleType::String => {
                DefaultValue::String(value.as_str().ok_or_else(wrong)?.to_owned())
            }
            SimpleType::Blob => DefaultValue::Blob(value.as_str().ok_or_else(wrong)?.to_owned()),
            SimpleType::Timestamp => match value {
                Value::Number(n) => DefaultValue::Timestamp(n.as_f64().ok_or_else(wrong)?),
                _ => {
                    return Err(format!(
                        "default value {value} for a timestamp must be epoch seconds"
                    ))
                }
            },
            SimpleType::BigInteger | SimpleType::BigDecimal => match value {
                Value::Number(n) => DefaultValue::BigNumber(n.to_string()),
                _ => return Err(wrong()),
            },
            SimpleType::Document => DefaultValue::Document(value.clone()),
        },
        ShapeKind::Enum(_) => DefaultValue::EnumValue(value.as_str().ok_or_else(wrong)?.to_owned()),
        ShapeKind::IntEnum(_) => DefaultValue::IntEnumValue(value.as_i64().ok_or_else(wrong)?),
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

#[cfg(test)]
mod tests {
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
