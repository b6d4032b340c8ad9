//! Printing a result: `json` (4-space indent, like the AWS CLI), `text`, `yaml`, `yaml-stream` or `table`.

mod table;
mod text;
mod yaml;

use serde_json::Value;

pub(crate) use yaml::to_yaml;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    Json,
    Text,
    Yaml,
    /// Each response (here the one) as an item of a YAML list, as the AWS CLI streams pages.
    YamlStream,
    Table,
}

impl OutputFormat {
    pub const NAMES: &'static [&'static str] = &["json", "text", "table", "yaml", "yaml-stream"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "json" => Some(OutputFormat::Json),
            "text" => Some(OutputFormat::Text),
            "yaml" => Some(OutputFormat::Yaml),
            "yaml-stream" => Some(OutputFormat::YamlStream),
            "table" => Some(OutputFormat::Table),
            _ => None,
        }
    }
}

/// The whole printed result, ending in a newline; empty for an empty object (an operation with no output),
/// as the AWS CLI prints nothing then.
#[cfg(test)]
pub(crate) fn render(format: OutputFormat, value: &Value, title: &str) -> String {
    render_styled(format, value, title, false)
}

/// As [`render`]; `color` colours a table's values (the only output the AWS CLI colours).
pub(crate) fn render_styled(
    format: OutputFormat,
    value: &Value,
    title: &str,
    color: bool,
) -> String {
    if value.as_object().is_some_and(|o| o.is_empty()) {
        return String::new();
    }
    match format {
        OutputFormat::Json => to_pretty_json(value),
        OutputFormat::Text => text::to_text(value),
        OutputFormat::Yaml => to_yaml(value),
        OutputFormat::YamlStream => to_yaml(&Value::Array(vec![value.clone()])),
        OutputFormat::Table => table::to_styled_table(value, title, color),
    }
}

/// JSON with a 4-space indent and a final newline, non-ASCII characters as they are.
pub(crate) fn to_pretty_json(value: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    // Serializing a `Value` into memory cannot fail; fall back to compact JSON all the same.
    if value.serialize(&mut serializer).is_err() {
        return format!("{value}\n");
    }
    let mut text = String::from_utf8(out).unwrap_or_else(|_| value.to_string());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_uses_four_spaces() {
        let v = json!({"b": [1, {"x": "é"}], "a": {}, "c": []});
        assert_eq!(
            render(OutputFormat::Json, &v, "T"),
            "{\n    \"b\": [\n        1,\n        {\n            \"x\": \"é\"\n        }\n    ],\n    \"a\": {},\n    \"c\": []\n}\n"
        );
    }

    #[test]
    fn empty_output_prints_nothing() {
        for format in [
            OutputFormat::Json,
            OutputFormat::Text,
            OutputFormat::Yaml,
            OutputFormat::YamlStream,
            OutputFormat::Table,
        ] {
            assert_eq!(render(format, &json!({}), "T"), "");
        }
        assert_eq!(render(OutputFormat::Json, &json!(null), "T"), "null\n");
    }

    #[test]
    fn yaml_stream_is_a_list_of_responses() {
        let v = json!({"a": 1, "b": {"c": "d"}});
        assert_eq!(
            render(OutputFormat::YamlStream, &v, "T"),
            "- a: 1\n  b:\n    c: d\n"
        );
        assert_eq!(
            OutputFormat::parse("yaml-stream"),
            Some(OutputFormat::YamlStream)
        );
    }
}
