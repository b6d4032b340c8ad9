//! One textual token to the JSON value its schema asks for (`5` for an integer, `true` for a boolean, ...).

use serde_json::Value;

use crate::schema::Schema;

/// Coerces `token` to `schema`. `quoted` tokens were written in quotes, so they stay strings where that matters.
/// The error says what was expected; the caller adds where.
pub(crate) fn coerce(schema: &Schema, token: &str, quoted: bool) -> Result<Value, String> {
    match schema {
        Schema::String | Schema::Enum(_) | Schema::Blob => Ok(Value::String(token.to_owned())),
        Schema::Timestamp => Ok(timestamp(token, quoted)),
        Schema::Boolean => boolean(token),
        Schema::Byte => integer(token, i8::MIN.into(), i8::MAX.into()),
        Schema::Short => integer(token, i16::MIN.into(), i16::MAX.into()),
        Schema::Integer | Schema::IntEnum(_) => integer(token, i32::MIN.into(), i32::MAX.into()),
        Schema::Long => integer(token, i64::MIN, i64::MAX),
        Schema::Float | Schema::Double => float(token),
        Schema::BigInteger => big_integer(token),
        Schema::BigDecimal => big_decimal(token),
        Schema::Document => Ok(document(token, quoted)),
        Schema::List(_) | Schema::Map(_) | Schema::Structure(_) | Schema::Union(_) => Err(format!(
            "expected a {} value, found the single value '{token}'",
            schema.type_name()
        )),
    }
}

/// Epoch seconds stay numbers; anything else (ISO 8601) is passed on as a string.
fn timestamp(token: &str, quoted: bool) -> Value {
    let trimmed = token.trim();
    if !quoted {
        if let Ok(Value::Number(n)) = serde_json::from_str::<Value>(trimmed) {
            return Value::Number(n);
        }
    }
    Value::String(token.to_owned())
}

fn boolean(token: &str) -> Result<Value, String> {
    let trimmed = token.trim();
    if trimmed.eq_ignore_ascii_case("true") {
        Ok(Value::Bool(true))
    } else if trimmed.eq_ignore_ascii_case("false") {
        Ok(Value::Bool(false))
    } else {
        Err(format!("expected true or false, found '{token}'"))
    }
}

fn integer(token: &str, min: i64, max: i64) -> Result<Value, String> {
    match token.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Value::from(n)),
        _ => Err(format!(
            "expected an integer from {min} to {max}, found '{token}'"
        )),
    }
}

/// Non-finite values are written as the strings Smithy's JSON protocols use.
fn float(token: &str) -> Result<Value, String> {
    let trimmed = token.trim();
    let n = trimmed
        .parse::<f64>()
        .map_err(|_| format!("expected a number, found '{token}'"))?;
    Ok(match serde_json::Number::from_f64(n) {
        Some(number) => Value::Number(number),
        None if n.is_nan() => Value::String("NaN".into()),
        None if n > 0.0 => Value::String("Infinity".into()),
        None => Value::String("-Infinity".into()),
    })
}

/// Fits in 64 bits: a JSON number; larger: the digits as a string, so none is lost.
fn big_integer(token: &str) -> Result<Value, String> {
    let trimmed = token.trim();
    let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("expected an integer, found '{token}'"));
    }
    if let Ok(n) = trimmed.parse::<i64>() {
        return Ok(Value::from(n));
    }
    if let Ok(n) = trimmed.parse::<u64>() {
        return Ok(Value::from(n));
    }
    Ok(Value::String(trimmed.trim_start_matches('+').to_owned()))
}

/// Up to 15 significant digits (exact in a double): a JSON number; more: the text as a string.
fn big_decimal(token: &str) -> Result<Value, String> {
    let trimmed = token.trim();
    let n = trimmed
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("expected a decimal number, found '{token}'"))?;
    let mantissa = trimmed.split(['e', 'E']).next().unwrap_or("");
    let significant = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
        .count();
    match serde_json::Number::from_f64(n) {
        Some(number) if significant <= 15 => Ok(Value::Number(number)),
        _ => Ok(Value::String(trimmed.to_owned())),
    }
}

/// A document member takes any JSON scalar; other text is a string.
fn document(token: &str, quoted: bool) -> Value {
    if !quoted {
        if let Ok(value) = serde_json::from_str::<Value>(token.trim()) {
            return value;
        }
    }
    Value::String(token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_and_booleans_follow_the_schema() {
        assert_eq!(coerce(&Schema::Integer, "42", false), Ok(json!(42)));
        assert_eq!(coerce(&Schema::Long, " -7 ", false), Ok(json!(-7)));
        assert_eq!(coerce(&Schema::Double, "1.5", false), Ok(json!(1.5)));
        assert_eq!(coerce(&Schema::Float, "nan", false), Ok(json!("NaN")));
        assert_eq!(
            coerce(&Schema::Float, "-inf", false),
            Ok(json!("-Infinity"))
        );
        assert_eq!(coerce(&Schema::Boolean, "TRUE", false), Ok(json!(true)));
        assert_eq!(coerce(&Schema::String, "42", false), Ok(json!("42")));
        assert_eq!(
            coerce(&Schema::Timestamp, "1700000000", false),
            Ok(json!(1700000000))
        );
        assert_eq!(
            coerce(&Schema::Timestamp, "2024-01-01T00:00:00Z", false),
            Ok(json!("2024-01-01T00:00:00Z"))
        );
        assert_eq!(coerce(&Schema::Document, "[1,2]", false), Ok(json!([1, 2])));
        assert_eq!(
            coerce(&Schema::Document, "hello", false),
            Ok(json!("hello"))
        );
    }

    #[test]
    fn ranges_are_checked() {
        assert_eq!(coerce(&Schema::Byte, "127", false), Ok(json!(127)));
        let err = coerce(&Schema::Byte, "128", false).unwrap_err();
        assert!(err.contains("from -128 to 127"), "{err}");
        assert!(coerce(&Schema::Integer, "2147483648", false).is_err());
        assert!(coerce(&Schema::Integer, "1.5", false).is_err());
        assert!(coerce(&Schema::Boolean, "yes", false)
            .unwrap_err()
            .contains("true or false"));
    }

    #[test]
    fn big_numbers_keep_every_digit() {
        assert_eq!(coerce(&Schema::BigInteger, "12", false), Ok(json!(12)));
        assert_eq!(
            coerce(&Schema::BigInteger, "123456789012345678901234567890", false),
            Ok(json!("123456789012345678901234567890"))
        );
        assert!(coerce(&Schema::BigInteger, "12a", false).is_err());
        assert_eq!(coerce(&Schema::BigDecimal, "1.25", false), Ok(json!(1.25)));
        assert_eq!(
            coerce(&Schema::BigDecimal, "3.14159265358979323846", false),
            Ok(json!("3.14159265358979323846"))
        );
    }
}
