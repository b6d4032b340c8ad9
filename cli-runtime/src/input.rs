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
    let mut input = match cli_input_json.map(|text| read_cli_input(op, text)) {
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
    for param in op.params {
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
fn read_cli_input(op: &Operation, text: &str) -> Result<Map<String, Value>, Vec<String>> {
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
    if let Some(fields) = op.input.fields() {
        let unknown: Vec<String> = map
            .keys()
            .filter(|key| !fields.iter().any(|f| f.name == key.as_str()))
            .map(|key| {
                let valid: Vec<&str> = fields.iter().map(|f| f.name).collect();
                format!(
                    "Parameter validation failed: Unknown parameter in input: \"{key}\", must be one of: {}",
                    valid.join(", ")
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
    }
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
