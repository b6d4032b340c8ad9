//! One option's text (JSON, shorthand, a scalar, or `file://`/`fileb://` contents) to its JSON value.

use serde_json::Value;

use crate::scalar::coerce;
use crate::schema::{Param, Schema};
use crate::shorthand;

/// What the command line gave for one parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawArg {
    /// `--flag` (true) or `--no-flag` (false) of a boolean parameter.
    Flag(bool),
    /// One value, or several for a list parameter (`--names a b c`).
    Values(Vec<String>),
}

/// The value of `param`; the error is one message naming the option.
pub(crate) fn param_value(param: &Param, raw: &RawArg) -> Result<Value, String> {
    // A parameter that holds sensitive data never has its text repeated in an error.
    let secret = param.sensitive || holds_sensitive(param.schema, &mut Vec::new());
    let given: Vec<&str> = match raw {
        RawArg::Values(values) => values.iter().map(String::as_str).collect(),
        RawArg::Flag(_) => Vec::new(),
    };
    let describe = |message: String| {
        let mut message = message;
        if secret {
            for text in &given {
                if !text.is_empty() {
                    message = message.replace(text, "***");
                }
            }
        }
        format!("Error parsing parameter '--{}': {message}", param.flag)
    };
    let texts = match raw {
        RawArg::Flag(value) => return Ok(Value::Bool(*value)),
        RawArg::Values(values) => values
            .iter()
            .map(|v| load(v, param.schema))
            .collect::<Result<Vec<_>, _>>()
            .map_err(describe)?,
    };
    match (param.schema, texts.as_slice()) {
        (Schema::List(element), several) if several.len() > 1 => several
            .iter()
            .map(|text| value_of(element, text))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
            .map_err(describe),
        (schema, [text]) => value_of(schema, text).map_err(describe),
        _ => Err(describe("expected one value".to_owned())),
    }
}

/// Whether a value of `schema` can hold a `@sensitive` member at any depth.
fn holds_sensitive(schema: &'static Schema, seen: &mut Vec<*const Schema>) -> bool {
    let here: *const Schema = schema;
    if seen.contains(&here) {
        return false;
    }
    seen.push(here);
    match schema {
        Schema::Structure(fields) | Schema::Union(fields) => fields
            .iter()
            .any(|f| f.sensitive || holds_sensitive(f.schema, seen)),
        Schema::List(inner) | Schema::Map(inner) => holds_sensitive(inner, seen),
        _ => false,
    }
}

/// Reads `file://path` (the text) and `fileb://path` (base64 of the bytes, for blobs); other values as given.
pub(crate) fn load(value: &str, schema: &Schema) -> Result<String, String> {
    if let Some(path) = value.strip_prefix("file://") {
        return std::fs::read_to_string(path)
            .map_err(|e| format!("Unable to load paramfile {value}: {e}"));
    }
    if let Some(path) = value.strip_prefix("fileb://") {
        if !matches!(schema, Schema::Blob) {
            return Err(format!(
                "fileb:// is only for blob parameters, not {}",
                schema.type_name()
            ));
        }
        return std::fs::read(path)
            .map(|bytes| base64(&bytes))
            .map_err(|e| format!("Unable to load paramfile {value}: {e}"));
    }
    Ok(value.to_owned())
}

/// A value of `schema` written as JSON or shorthand (or, for scalars, as plain text).
pub(crate) fn value_of(schema: &'static Schema, text: &str) -> Result<Value, String> {
    let trimmed = text.trim();
    if schema.is_scalar() {
        if trimmed.starts_with('"') {
            if let Ok(Value::String(s)) = serde_json::from_str::<Value>(trimmed) {
                return coerce(schema, &s, true);
            }
        }
        return coerce(schema, text, false);
    }
    if matches!(schema, Schema::Document) {
        return serde_json::from_str(trimmed).or_else(|e| {
            if trimmed.starts_with(['{', '[', '"']) {
                Err(format!("Invalid JSON: {e}"))
            } else {
                Ok(Value::String(text.to_owned()))
            }
        });
    }
    let value = if trimmed.starts_with(['{', '[', '"']) {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) => value,
            Err(json_error) if trimmed.starts_with('"') => {
                return Err(format!("Invalid JSON: {json_error}"))
            }
            Err(json_error) => shorthand::parse(text, schema).map_err(|e| {
                format!(
                    "Invalid JSON: {json_error}\nNor valid shorthand: {}",
                    e.describe(text)
                )
            })?,
        }
    } else {
        shorthand::parse(text, schema).map_err(|e| e.describe(text))?
    };
    Ok(match (schema, value) {
        (Schema::List(_), Value::Array(items)) => Value::Array(items),
        (Schema::List(_), single) => Value::Array(vec![single]),
        (_, value) => value,
    })
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static TAG: Schema = Schema::Structure(&[
        crate::schema::Field {
            name: "key",
            schema: &Schema::String,
            required: true,
            sensitive: false,
            docs: "",
        },
        crate::schema::Field {
            name: "value",
            schema: &Schema::String,
            required: false,
            sensitive: false,
            docs: "",
        },
    ]);
    static TAGS: Schema = Schema::List(&TAG);

    fn param(schema: &'static Schema) -> Param {
        Param {
            flag: "p",
            member: "p",
            schema,
            required: false,
            sensitive: false,
            docs: "",
        }
    }

    fn values(v: &[&str]) -> RawArg {
        RawArg::Values(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn json_or_shorthand_or_plain() {
        let tags = param(&TAGS);
        assert_eq!(
            param_value(&tags, &values(&[r#"[{"key":"a"}]"#])),
            Ok(json!([{"key": "a"}]))
        );
        assert_eq!(
            param_value(&tags, &values(&["key=a,value=b"])),
            Ok(json!([{"key": "a", "value": "b"}]))
        );
        assert_eq!(
            param_value(&tags, &values(&["key=a", "key=b"])),
            Ok(json!([{"key": "a"}, {"key": "b"}]))
        );
        assert_eq!(
            param_value(&tags, &values(&[r#"{"key":"a"}"#])),
            Ok(json!([{"key": "a"}]))
        );
        assert_eq!(
            param_value(&tags, &values(&["{key=a},{key=b}"])),
            Ok(json!([{"key": "a"}, {"key": "b"}]))
        );
        let text = param(&Schema::String);
        assert_eq!(param_value(&text, &values(&["a=b,c"])), Ok(json!("a=b,c")));
        assert_eq!(
            param_value(&text, &values(&["\"quoted\""])),
            Ok(json!("quoted"))
        );
        let number = param(&Schema::Integer);
        assert_eq!(param_value(&number, &values(&["12"])), Ok(json!(12)));
        assert_eq!(
            param_value(&param(&Schema::Boolean), &RawArg::Flag(false)),
            Ok(json!(false))
        );
        let names = param(&Schema::List(&Schema::String));
        assert_eq!(
            param_value(&names, &values(&["a", "b"])),
            Ok(json!(["a", "b"]))
        );
        assert_eq!(
            param_value(&names, &values(&["a,b"])),
            Ok(json!(["a", "b"]))
        );
    }

    #[test]
    fn errors_name_the_option() {
        let err = param_value(&param(&TAGS), &values(&["{bad json"])).unwrap_err();
        assert!(
            err.starts_with("Error parsing parameter '--p': Invalid JSON: "),
            "{err}"
        );
        assert!(err.contains("Nor valid shorthand"), "{err}");
        let err = param_value(&param(&Schema::Integer), &values(&["x"])).unwrap_err();
        assert_eq!(err, "Error parsing parameter '--p': expected an integer from -2147483648 to 2147483647, found 'x'");
        let err =
            param_value(&param(&Schema::String), &values(&["file:///nonexistent/x"])).unwrap_err();
        assert!(
            err.contains("Unable to load paramfile file:///nonexistent/x"),
            "{err}"
        );
    }

    #[test]
    fn files_are_read() {
        let dir = std::env::temp_dir().join(format!("smithy-cli-param-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tags.json");
        std::fs::write(&path, r#"[{"key": "f"}]"#).unwrap();
        let arg = values(&[&format!("file://{}", path.display())]);
        assert_eq!(param_value(&param(&TAGS), &arg), Ok(json!([{"key": "f"}])));
        std::fs::write(&path, [0u8, 1, 2, 255]).unwrap();
        let arg = values(&[&format!("fileb://{}", path.display())]);
        assert_eq!(
            param_value(&param(&Schema::Blob), &arg),
            Ok(json!("AAEC/w=="))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
