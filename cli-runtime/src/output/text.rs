//! `--output text`, the AWS CLI's way: scalars of an object on one tab-separated line (keys sorted), each nested
//! list or object after it, introduced by its key in upper case; a list of objects gives one line per object with
//! the same columns (every scalar key seen in the list, sorted).

use serde_json::{Map, Value};

pub(crate) fn to_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, None, None, &mut out);
    out
}

fn write_value(
    value: &Value,
    identifier: Option<&str>,
    columns: Option<&[String]>,
    out: &mut String,
) {
    match value {
        Value::Object(map) => write_object(map, identifier, columns, out),
        Value::Array(items) => write_list(items, identifier, out),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn write_object(
    map: &Map<String, Value>,
    identifier: Option<&str>,
    columns: Option<&[String]>,
    out: &mut String,
) {
    let mut scalars = Vec::new();
    let mut nested: Vec<(&str, &Value)> = Vec::new();
    match columns {
        Some(columns) => {
            scalars.extend(
                columns
                    .iter()
                    .map(|key| map.get(key).map(scalar_text).unwrap_or_default()),
            );
            let mut rest: Vec<&String> = map.keys().filter(|k| !columns.contains(k)).collect();
            rest.sort();
            nested.extend(rest.into_iter().map(|k| (k.as_str(), &map[k])));
        }
        None => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for key in keys {
                match &map[key] {
                    v @ (Value::Object(_) | Value::Array(_)) => nested.push((key, v)),
                    v => scalars.push(scalar_text(v)),
                }
            }
        }
    }
    if !scalars.is_empty() {
        if let Some(identifier) = identifier {
            scalars.insert(0, identifier.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        write_value(value, Some(key), None, out);
    }
}

fn write_list(items: &[Value], identifier: Option<&str>, out: &mut String) {
    if items.iter().any(Value::is_object) {
        let columns = scalar_keys(items);
        for item in items {
            write_value(item, identifier, Some(&columns), out);
        }
        return;
    }
    let (scalars, nested): (Vec<&Value>, Vec<&Value>) = items.iter().partition(|v| !v.is_array());
    if !scalars.is_empty() {
        match identifier {
            Some(identifier) => {
                for scalar in &scalars {
                    out.push_str(&format!(
                        "{}\t{}\n",
                        identifier.to_uppercase(),
                        scalar_text(scalar)
                    ));
                }
            }
            None => {
                let line: Vec<String> = scalars.iter().map(|v| scalar_text(v)).collect();
                out.push_str(&line.join("\t"));
                out.push('\n');
            }
        }
    }
    for value in nested {
        write_value(value, identifier, None, out);
    }
}

/// Every key with a scalar value in any object of the list, sorted.
fn scalar_keys(items: &[Value]) -> Vec<String> {
    let mut keys: Vec<String> = items
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|map| map.iter())
        .filter(|(_, v)| !v.is_object() && !v.is_array())
        .map(|(k, _)| k.clone())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Scalars as Python's `str()` prints them, as the AWS CLI does: `True`, `False`, `None`.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Null => "None".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_lists_and_identifiers() {
        let v = json!({
            "statusCode": 200,
            "name": "x",
            "result": {"token": "t", "ok": true, "numbers": [{"arn": "a1", "phone": "+1"}, {"arn": "a2", "extra": null}]},
            "ids": ["i1", "i2"]
        });
        assert_eq!(
            to_text(&v),
            "x\t200\nIDS\ti1\nIDS\ti2\nRESULT\tTrue\tt\nNUMBERS\ta1\t\t+1\nNUMBERS\ta2\tNone\t\n"
        );
    }

    #[test]
    fn bare_scalars_and_lists() {
        assert_eq!(to_text(&json!("abc")), "abc\n");
        assert_eq!(to_text(&json!(["a", "b", 3])), "a\tb\t3\n");
        assert_eq!(to_text(&json!([["a", "b"], ["c"]])), "a\tb\nc\n");
        assert_eq!(to_text(&json!([])), "");
    }
}
