//! The operation's input as JSON: `--cli-input-json` first, then each parameter option over it.

use serde_json::{Map, Value};

use crate::param_value::{load, param_value, RawArg};
use crate::schema::{Param, Schema};
use crate::service::Operation;

/// The input, or every problem found (one message each).
pub(crate) fn build_input(
    op: &Operation,
    params: &[(&'static Param, RawArg)],
    cli_input_json: Option<&str>,
) -> Result<Value, Vec<String>> {
    let mut problems = Vec::new();
    let mut input = match cli_input_json.map(read_cli_input) {
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
    for param in op.params.iter().filter(|_| cli_input_json.is_none()) {
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

/// `--cli-input-json`: a JSON object (inline or `file://`) whose members are the input's.
fn read_cli_input(text: &str) -> Result<Map<String, Value>, Vec<String>> {
    let describe = |message: String| {
        vec![format!(
            "Error parsing parameter '--cli-input-json': {message}"
        )]
    };
    let text = load(text, &Schema::String).map_err(describe)?;
    let map = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            return Err(describe(format!(
                "expected a JSON object, found {}",
                json_kind(&other)
            )))
        }
        Err(e) => return Err(describe(format!("Invalid JSON received: {e}"))),
    };
    // Unknown members, like every other problem of the document, are the operation's check's to report.
    Ok(map)
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
            build_input(&OPERATIONS[0], &[], Some(r#"{"bogus": {"x": 1}}"#)),
            Ok(json!({"bogus": {"x": 1}}))
        );
        let refused = build_input(&OPERATIONS[0], &[], Some("[1]")).unwrap_err();
        assert_eq!(
            refused,
            ["Error parsing parameter '--cli-input-json': expected a JSON object, found an array"]
        );
    }
}
