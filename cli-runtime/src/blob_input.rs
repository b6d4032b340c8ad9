//! `--cli-binary-format`: blob values written on the command line (or in an input document) become the
//! canonical base64 the operation's input carries.
//!
//! `base64` (the AWS CLI v2 default) decodes the text as Python's `base64.b64decode` does (characters outside the
//! alphabet are skipped, padding ends the data) and reports `Invalid base64: "<text>"` when that fails;
//! `raw-in-base64-out` takes the text's own bytes. Values read with `fileb://` are bytes already and stay as
//! they are, whatever the format.

use serde_json::Value;

use crate::args::BinaryFormat;
use crate::param_value::base64;
use crate::schema::Schema;

/// Rewrites every blob string in `value` (of `schema`); `sensitive` hides the text in the error.
pub(crate) fn apply(
    format: BinaryFormat,
    schema: &'static Schema,
    value: &mut Value,
    sensitive: bool,
) -> Result<(), String> {
    match (schema, value) {
        (Schema::Blob, Value::String(text)) => {
            let bytes = match format {
                BinaryFormat::RawInBase64Out => text.as_bytes().to_vec(),
                BinaryFormat::Base64 => decode_leniently(text).ok_or_else(|| {
                    let shown = if sensitive { "***" } else { text.as_str() };
                    format!("Invalid base64: \"{shown}\"")
                })?,
            };
            *text = base64(&bytes);
            Ok(())
        }
        (Schema::Structure(fields) | Schema::Union(fields), Value::Object(map)) => {
            for field in fields.iter() {
                if let Some(member) = map.get_mut(field.name) {
                    apply(format, field.schema, member, sensitive || field.sensitive)?;
                }
            }
            Ok(())
        }
        (Schema::List(element), Value::Array(items)) => items
            .iter_mut()
            .try_for_each(|item| apply(format, element, item, sensitive)),
        (Schema::Map(element), Value::Object(map)) => map
            .values_mut()
            .try_for_each(|item| apply(format, element, item, sensitive)),
        // Anything else is the operation's check's to judge.
        _ => Ok(()),
    }
}

/// Whether a value of `schema` can hold a blob; a recursive schema is walked once.
pub(crate) fn holds_blob(schema: &'static Schema, seen: &mut Vec<*const Schema>) -> bool {
    let here: *const Schema = schema;
    if seen.contains(&here) {
        return false;
    }
    seen.push(here);
    match schema {
        Schema::Blob => true,
        Schema::Structure(fields) | Schema::Union(fields) => {
            fields.iter().any(|f| holds_blob(f.schema, seen))
        }
        Schema::List(inner) | Schema::Map(inner) => holds_blob(inner, seen),
        _ => false,
    }
}

/// Python's non-strict `binascii.a2b_base64`: other characters are skipped, a complete padding ends the
/// data, and a final group of one character, or of two or three without padding, is an error.
pub(crate) fn decode_leniently(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut quad, mut bits, mut pads) = (0u8, 0u32, 0u8);
    for c in text.bytes() {
        if c == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return Some(out);
                }
            }
            continue;
        }
        let Some(sextet) = sextet(c) else { continue };
        bits = (bits << 6) | u32::from(sextet);
        quad += 1;
        match quad {
            2 => out.push((bits >> 4) as u8),
            3 => out.push((bits >> 2) as u8),
            4 => {
                out.push(bits as u8);
                (quad, bits) = (0, 0);
            }
            _ => {}
        }
    }
    (quad == 0).then_some(out)
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Field;
    use serde_json::json;

    static ITEM: Schema = Schema::Structure(&[
        Field {
            name: "data",
            schema: &Schema::Blob,
            required: false,
            sensitive: false,
            docs: "",
        },
        Field {
            name: "secret",
            schema: &Schema::Blob,
            required: false,
            sensitive: true,
            docs: "",
        },
        Field {
            name: "text",
            schema: &Schema::String,
            required: false,
            sensitive: false,
            docs: "",
        },
    ]);
    static ITEMS: Schema = Schema::List(&ITEM);

    #[test]
    fn lenient_like_python() {
        assert_eq!(decode_leniently("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_leniently("aGVs bG8=\n"), Some(b"hello".to_vec()));
        // Padding ends the data; what follows is ignored.
        assert_eq!(decode_leniently("aGk=ignored"), Some(b"hi".to_vec()));
        assert_eq!(decode_leniently(""), Some(Vec::new()));
        // Missing padding, and one character too many.
        assert_eq!(decode_leniently("aGk"), None);
        assert_eq!(decode_leniently("hello"), None);
        assert_eq!(decode_leniently("{\"movie\": \"John Wick\"}"), None);
    }

    #[test]
    fn blobs_at_any_depth() {
        let mut value = json!([{"data": "aGVs bG8=", "text": "hello"}]);
        apply(BinaryFormat::Base64, &ITEMS, &mut value, false).unwrap();
        assert_eq!(value, json!([{"data": "aGVsbG8=", "text": "hello"}]));
        let mut value = json!([{"data": "hello", "text": "hello"}]);
        apply(BinaryFormat::RawInBase64Out, &ITEMS, &mut value, false).unwrap();
        assert_eq!(value, json!([{"data": "aGVsbG8=", "text": "hello"}]));
    }

    #[test]
    fn invalid_base64_as_the_aws_cli_says_it_but_never_a_secret() {
        let mut value = json!([{"data": "hello"}]);
        assert_eq!(
            apply(BinaryFormat::Base64, &ITEMS, &mut value, false),
            Err("Invalid base64: \"hello\"".to_owned())
        );
        let mut value = json!([{"secret": "hunter2"}]);
        assert_eq!(
            apply(BinaryFormat::Base64, &ITEMS, &mut value, false),
            Err("Invalid base64: \"***\"".to_owned())
        );
    }

    #[test]
    fn finds_blobs_in_schemas() {
        assert!(holds_blob(&ITEMS, &mut Vec::new()));
        assert!(!holds_blob(&Schema::String, &mut Vec::new()));
    }
}
