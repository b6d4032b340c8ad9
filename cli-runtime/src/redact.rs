//! Hiding secrets in `--debug` output: members marked sensitive (at any depth, by the schema), the values the
//! user gave for them wherever they show up again (URL, headers, non-JSON bodies), and credentials headers.

use serde_json::Value;

use crate::schema::{Param, Schema};

pub(crate) const MASK: &str = "***";

/// Headers whose values are credentials.
const SECRET_HEADERS: &[&str] = &["authorization", "x-amz-security-token"];

/// Beyond this depth a value is masked whole rather than walked.
const MAX_DEPTH: usize = 128;

/// `value` with each sensitive member (per `schema`) replaced by `***`.
pub(crate) fn redact_json(value: &Value, schema: &Schema) -> Value {
    walk(value, schema, 0)
}

fn walk(value: &Value, schema: &Schema, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::String(MASK.to_owned());
    }
    match (schema, value) {
        (Schema::Structure(fields) | Schema::Union(fields), Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(key, child)| {
                    let redacted = match fields.iter().find(|f| f.name == key.as_str()) {
                        Some(f) if f.sensitive => Value::String(MASK.to_owned()),
                        Some(f) => walk(child, f.schema, depth + 1),
                        None => child.clone(),
                    };
                    (key.clone(), redacted)
                })
                .collect(),
        ),
        (Schema::List(element), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| walk(item, element, depth + 1))
                .collect(),
        ),
        (Schema::Map(values), Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(key, child)| (key.clone(), walk(child, values, depth + 1)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// The input with sensitive members masked: by schema, and top-level members whose option is sensitive.
pub(crate) fn redact_input(input: &Value, schema: &Schema, params: &[Param]) -> Value {
    let mut redacted = redact_json(input, schema);
    if let Value::Object(map) = &mut redacted {
        for param in params.iter().filter(|p| p.sensitive) {
            if let Some(value) = map.get_mut(param.member) {
                *value = Value::String(MASK.to_owned());
            }
        }
    }
    redacted
}

/// Every scalar the input holds under a sensitive member, as text, longest first (so that replacing one does
/// not leave part of a longer one).
pub(crate) fn secrets_of(input: &Value, schema: &Schema, params: &[Param]) -> Vec<String> {
    let mut secrets = Vec::new();
    collect(input, schema, false, 0, &mut secrets);
    if let Value::Object(map) = input {
        for param in params.iter().filter(|p| p.sensitive) {
            if let Some(value) = map.get(param.member) {
                collect(value, param.schema, true, 0, &mut secrets);
            }
        }
    }
    secrets.retain(|s| !s.is_empty());
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    secrets.dedup();
    secrets
}

fn collect(value: &Value, schema: &Schema, sensitive: bool, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let field = schema
                    .fields()
                    .and_then(|fields| fields.iter().find(|f| f.name == key.as_str()));
                let child_schema = match (schema, field) {
                    (_, Some(f)) => f.schema,
                    (Schema::Map(values), None) => values,
                    _ => &Schema::Document,
                };
                let child_sensitive = sensitive || field.is_some_and(|f| f.sensitive);
                collect(child, child_schema, child_sensitive, depth + 1, out);
            }
        }
        Value::Array(items) => {
            let element = match schema {
                Schema::List(element) => element,
                _ => &Schema::Document,
            };
            for item in items {
                collect(item, element, sensitive, depth + 1, out);
            }
        }
        Value::String(s) if sensitive => out.push(s.clone()),
        Value::Number(n) if sensitive => out.push(n.to_string()),
        _ => {}
    }
}

/// `text` with every occurrence of each secret replaced by `***`.
pub(crate) fn redact_text(text: &str, secrets: &[String]) -> String {
    secrets.iter().fold(text.to_owned(), |text, secret| {
        text.replace(secret.as_str(), MASK)
    })
}

/// A header's value as `--debug` shows it.
pub(crate) fn header_value(name: &str, value: &[u8], secrets: &[String]) -> String {
    if SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)) {
        return MASK.to_owned();
    }
    redact_text(&String::from_utf8_lossy(value), secrets)
}

/// A body as `--debug` shows it: JSON with sensitive members masked (by the schema alone, so that short secrets do
/// not mangle it), other text with the secrets masked.
pub(crate) fn body(bytes: &[u8], schema: &Schema, secrets: &[String]) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        return redact_json(&value, schema).to_string();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => redact_text(text, secrets),
        Err(_) => format!("<{} bytes of binary data>", bytes.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{INPUT, PARAMS};
    use serde_json::json;

    #[test]
    fn sensitive_members_at_any_depth_are_masked() {
        let input = json!({"name": "n", "signupCallback": {"accessToken": "EAAG"}, "pin": "1234", "tags": [{"key": "k"}]});
        assert_eq!(
            redact_json(&input, &INPUT),
            json!({"name": "n", "signupCallback": {"accessToken": "***"}, "pin": "***", "tags": [{"key": "k"}]})
        );
    }

    #[test]
    fn secrets_are_found_and_masked_in_text() {
        let input =
            json!({"name": "n", "signupCallback": {"accessToken": "EAAG-token"}, "pin": "1234"});
        let secrets = secrets_of(&input, &INPUT, &PARAMS);
        assert_eq!(secrets, vec!["EAAG-token".to_owned(), "1234".to_owned()]);
        assert_eq!(
            redact_text("/v1/x?pin=1234&t=EAAG-token", &secrets),
            "/v1/x?pin=***&t=***"
        );
        assert_eq!(
            header_value("Authorization", b"AWS4-HMAC-SHA256 x", &[]),
            "***"
        );
        assert_eq!(header_value("X-Amz-Security-Token", b"tok", &[]), "***");
        assert_eq!(header_value("x-pin", b"1234", &secrets), "***");
        assert_eq!(
            header_value("content-type", b"application/json", &secrets),
            "application/json"
        );
    }

    #[test]
    fn bodies_are_masked_whether_json_or_not() {
        let secrets = vec!["EAAG".to_owned()];
        let body_json = br#"{"signupCallback":{"accessToken":"EAAG"},"name":"n"}"#;
        assert_eq!(
            body(body_json, &INPUT, &secrets),
            r#"{"signupCallback":{"accessToken":"***"},"name":"n"}"#
        );
        assert_eq!(body(b"token=EAAG", &INPUT, &secrets), "token=***");
        assert_eq!(
            body(&[0xff, 0xfe], &INPUT, &secrets),
            "<2 bytes of binary data>"
        );
        assert_eq!(body(b"", &INPUT, &secrets), "");
    }

    #[test]
    fn sensitive_params_mask_the_whole_member() {
        let input = json!({"name": "n", "pin": "1234"});
        assert_eq!(
            redact_input(&input, &INPUT, &PARAMS),
            json!({"name": "n", "pin": "***"})
        );
    }
}
