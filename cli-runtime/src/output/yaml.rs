//! A small YAML emitter for JSON values, in the AWS CLI's block style: two-space indents, list items at the
//! indentation of their key, strings quoted only when plain text could read as something else.

use serde_json::Value;

/// The value as a YAML document, ending in a newline.
pub(crate) fn to_yaml(value: &Value) -> String {
    let lines = match value {
        Value::Object(map) if !map.is_empty() => block(value),
        Value::Array(items) if !items.is_empty() => block(value),
        scalar => vec![inline(scalar)],
    };
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The lines of a non-empty object or list, without indentation of their own.
fn block(value: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let key = string(key);
                if is_block(child) {
                    lines.push(format!("{key}:"));
                    let indent = if child.is_object() { "  " } else { "" };
                    lines.extend(
                        block(child)
                            .into_iter()
                            .map(|line| format!("{indent}{line}")),
                    );
                } else {
                    lines.push(format!("{key}: {}", inline(child)));
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_block(item) {
                    let mut child = block(item).into_iter();
                    lines.push(format!("- {}", child.next().unwrap_or_default()));
                    lines.extend(child.map(|line| format!("  {line}")));
                } else {
                    lines.push(format!("- {}", inline(item)));
                }
            }
        }
        scalar => lines.push(inline(scalar)),
    }
    lines
}

fn is_block(value: &Value) -> bool {
    match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    }
}

/// A scalar, or an empty object or list, on one line.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
    }
}

/// Plain when unambiguous; single-quoted when printable; double-quoted with escapes otherwise.
pub(crate) fn string(s: &str) -> String {
    if is_plain(s) {
        return s.to_owned();
    }
    if !s.chars().any(|c| c.is_control()) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Conservative: starts with a letter (or `_`/`/`), no `: ` or ` #`, no control characters, no surrounding
/// spaces, and not a word YAML 1.1 or 1.2 reads as a boolean or null.
fn is_plain(s: &str) -> bool {
    const SPECIAL: &[&str] = &["true", "false", "yes", "no", "on", "off", "y", "n", "null"];
    let Some(first) = s.chars().next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_' || first == '/')
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control() || c == '\u{feff}')
        && !SPECIAL.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn block_style_like_the_aws_cli() {
        let v = json!({
            "result": {
                "token": "t",
                "accounts": {"waba-1": {"name": "Acme", "numbers": [{"arn": "arn:x", "phone": "+15550100"}, {"arn": "b"}]}}
            },
            "statusCode": 200,
            "empty": [],
            "none": null,
            "nested": [[1, 2], []]
        });
        let expected = "\
result:
  token: t
  accounts:
    waba-1:
      name: Acme
      numbers:
      - arn: arn:x
        phone: '+15550100'
      - arn: b
statusCode: 200
empty: []
none: null
nested:
- - 1
  - 2
- []
";
        assert_eq!(to_yaml(&v), expected);
    }

    #[test]
    fn strings_are_quoted_when_needed() {
        assert_eq!(string("plain text"), "plain text");
        assert_eq!(string(""), "''");
        assert_eq!(string("true"), "'true'");
        assert_eq!(string("No"), "'No'");
        assert_eq!(string("123"), "'123'");
        assert_eq!(string("a: b"), "'a: b'");
        assert_eq!(string("it's"), "it's");
        assert_eq!(string("-x"), "'-x'");
        assert_eq!(string("'x'"), "'''x'''");
        assert_eq!(string("line\nbreak \"q\""), "\"line\\nbreak \\\"q\\\"\"");
        assert_eq!(to_yaml(&json!("x")), "x\n");
        assert_eq!(to_yaml(&json!([])), "[]\n");
    }
}
