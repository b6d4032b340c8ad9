//! The operation's input as JSON: `--cli-input-json` or `--cli-input-yaml` first, then each parameter option
//! over it; then blobs as `--cli-binary-format` says.

use serde_json::{Map, Value};

use crate::args::{BinaryFormat, CliInput};
use crate::blob_input;
use crate::param_value::{load, param_value, RawArg};
use crate::schema::{Param, Schema};
use crate::service::Operation;

/// The input, or every problem found (one message each).
pub(crate) fn build_input(
    op: &Operation,
    params: &[(&'static Param, RawArg)],
    cli_input: Option<&CliInput>,
) -> Result<Value, Vec<String>> {
    let mut problems = Vec::new();
    let mut input = match cli_input.map(read_cli_input) {
        None => Map::new(),
        Some(Ok(map)) => map,
        Some(Err(mut errors)) => {
            problems.append(&mut errors);
            Map::new()
        }
    };
    for (param, raw) in params {
        match param_value(param, raw) {
            Ok(value) => {
                input.insert(param.member.to_owned(), value);
            }
            Err(message) => problems.push(message),
        }
    }
    // With a document, a missing member is one of its problems, reported with the others by the
    // operation's check (as the AWS CLI does); without one, it is a missing option.
    for param in op.params.iter().filter(|_| cli_input.is_none()) {
        let given = params.iter().any(|(p, _)| std::ptr::eq(*p, param));
        if param.required && !given && !input.contains_key(param.member) {
            problems.push(format!(
                "the following arguments are required: --{}",
                param.flag
            ));
        }
    }
    if problems.is_empty() {
        Ok(Value::Object(input))
    } else {
        Err(problems)
    }
}

/// `--cli-input-json` (a JSON object) or `--cli-input-yaml` (a YAML mapping), inline or `file://`, whose members
/// are the input's.
fn read_cli_input(input: &CliInput) -> Result<Map<String, Value>, Vec<String>> {
    let (option, text, kind) = match input {
        CliInput::Json(text) => ("cli-input-json", text, "JSON"),
        CliInput::Yaml(text) => ("cli-input-yaml", text, "YAML"),
    };
    let describe =
        |message: String| vec![format!("Error parsing parameter '--{option}': {message}")];
    let text = load(text, &Schema::String).map_err(describe)?;
    let parsed = match input {
        CliInput::Json(_) => serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()),
        CliInput::Yaml(_) => crate::yaml_input::parse(&text),
    };
    let map = match parsed {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let expected = match kind {
                "JSON" => "a JSON object",
                _ => "a YAML mapping",
            };
            return Err(describe(format!(
                "expected {expected}, found {}",
                json_kind(&other)
            )));
        }
        Err(e) => return Err(describe(format!("Invalid {kind} received: {e}"))),
    };
    // Unknown members, like every other problem of the document, are the operation's check's to report.
    Ok(map)
}

/// Blobs as `--cli-binary-format` says, except options read with `fileb://` (bytes already).
pub(crate) fn apply_binary_format(
    op: &Operation,
    params: &[(&'static Param, RawArg)],
    input: &mut Value,
    format: BinaryFormat,
) -> Result<(), String> {
    let (Schema::Structure(fields), Value::Object(map)) = (op.input, input) else {
        return Ok(());
    };
    for field in fields.iter() {
        let from_file = params.iter().any(|(param, raw)| {
            param.member == field.name
                && matches!(raw, RawArg::Values(values) if values.iter().any(|v| v.starts_with("fileb://")))
        });
        if let Some(value) = map.get_mut(field.name).filter(|_| !from_file) {
            blob_input::apply(format, field.schema, value, field.sensitive)?;
        }
    }
    Ok(())
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::build_input;
    use crate::args::CliInput;
    use crate::test_fixtures::OPERATIONS;
    use serde_json::json;

    #[test]
    fn a_missing_required_option_is_an_argument_error_without_a_document() {
        assert_eq!(
            build_input(&OPERATIONS[0], &[], None),
            Err(vec![
                "the following arguments are required: --name".to_owned()
            ])
        );
    }

    #[test]
    fn a_document_is_left_whole_to_the_operations_check() {
        // Missing and unknown members are among the document's problems, which the operation's check lists
        // together; reading the document only refuses what is not a JSON object.
        assert_eq!(
            build_input(
                &OPERATIONS[0],
                &[],
                Some(&CliInput::Json(r#"{"bogus": {"x": 1}}"#.into()))
            ),
            Ok(json!({"bogus": {"x": 1}}))
        );
        let refused =
            build_input(&OPERATIONS[0], &[], Some(&CliInput::Json("[1]".into()))).unwrap_err();
        assert_eq!(
            refused,
            ["Error parsing parameter '--cli-input-json': expected a JSON object, found an array"]
        );
    }

    #[test]
    fn a_yaml_document_is_read_like_a_json_one() {
        let yaml = CliInput::Yaml("name: n\ntags:\n  - key: k\n".into());
        assert_eq!(
            build_input(&OPERATIONS[0], &[], Some(&yaml)),
            Ok(json!({"name": "n", "tags": [{"key": "k"}]}))
        );
        let refused =
            build_input(&OPERATIONS[0], &[], Some(&CliInput::Yaml("- 1".into()))).unwrap_err();
        assert_eq!(
            refused,
            ["Error parsing parameter '--cli-input-yaml': expected a YAML mapping, found an array"]
        );
        let bad =
            build_input(&OPERATIONS[0], &[], Some(&CliInput::Yaml("a: [".into()))).unwrap_err();
        assert!(
            bad[0]
                .starts_with("Error parsing parameter '--cli-input-yaml': Invalid YAML received: "),
            "{bad:?}"
        );
    }

    #[test]
    fn blobs_follow_the_binary_format_except_fileb_values() {
        use super::apply_binary_format;
        use crate::args::BinaryFormat;
        use crate::param_value::RawArg;
        use crate::test_fixtures::{BLOB_OPERATION, BLOB_PARAMS};

        let file = std::env::temp_dir().join(format!("smithy-cli-blob-{}", std::process::id()));
        std::fs::write(&file, b"hi").unwrap();
        let params = vec![
            (
                &BLOB_PARAMS[0],
                RawArg::Values(vec![format!("fileb://{}", file.display())]),
            ),
            (
                &BLOB_PARAMS[2],
                RawArg::Values(vec!["[{\"body\": \"raw text\"}]".to_owned()]),
            ),
        ];
        let mut input = build_input(&BLOB_OPERATION, &params, None).unwrap();
        apply_binary_format(
            &BLOB_OPERATION,
            &params,
            &mut input,
            BinaryFormat::RawInBase64Out,
        )
        .unwrap();
        // The file's bytes as they were read; the typed text as its own bytes.
        assert_eq!(
            input,
            json!({"data": "aGk=", "parts": [{"body": "cmF3IHRleHQ="}]})
        );

        let mut input = build_input(&BLOB_OPERATION, &params, None).unwrap();
        assert_eq!(
            apply_binary_format(&BLOB_OPERATION, &params, &mut input, BinaryFormat::Base64),
            Err("Invalid base64: \"raw text\"".to_owned())
        );
        let document = CliInput::Yaml("key: not base64!\n".into());
        let mut input = build_input(&BLOB_OPERATION, &[], Some(&document)).unwrap();
        assert_eq!(
            apply_binary_format(&BLOB_OPERATION, &[], &mut input, BinaryFormat::Base64),
            Err("Invalid base64: \"***\"".to_owned())
        );
        std::fs::remove_file(&file).unwrap();
    }
}
