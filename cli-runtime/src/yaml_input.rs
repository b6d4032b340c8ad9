//! `--cli-input-yaml`: one YAML document (YAML 1.2, core schema, as the AWS CLI's safe loader reads it) to JSON.
//!
//! Built from yaml-rust2's event stream rather than its `Yaml` tree so that aliases cannot expand without bound
//! (each alias copies its anchor's node: the copies count against a node budget), nesting is bounded (a JSON
//! value is dropped recursively), and duplicate keys are refused as the AWS CLI's loader refuses them.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::{Event, Yaml};

/// Nodes in the document, alias copies included.
const MAX_NODES: usize = 1_000_000;
/// Nested sequences and mappings.
const MAX_DEPTH: usize = 128;

/// The document as JSON, or why it is not one (with its line and column).
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    let mut builder = Builder::default();
    let loaded = Parser::new_from_str(text).load(&mut builder, true);
    if let Some(error) = builder.error {
        return Err(error);
    }
    loaded.map_err(|e| e.to_string())?;
    let mut docs = builder.docs;
    match docs.len() {
        1 => Ok(docs.remove(0)),
        0 => Ok(Value::Null),
        n => Err(format!("expected a single document, found {n}")),
    }
}

enum Frame {
    Sequence(Vec<Value>, usize),
    /// The mapping so far, the key waiting for its value, the anchor.
    Mapping(Map<String, Value>, Option<String>, usize),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    docs: Vec<Value>,
    nodes: usize,
    error: Option<String>,
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        if let Err(message) = self.event(event) {
            self.error = Some(format!(
                "{message} at line {} column {}",
                mark.line(),
                mark.col() + 1
            ));
        }
    }
}

impl Builder {
    fn event(&mut self, event: Event) -> Result<(), String> {
        match event {
            Event::SequenceStart(anchor, tag) => {
                check_tag(tag.as_ref(), "seq")?;
                self.open(Frame::Sequence(Vec::new(), anchor))
            }
            Event::MappingStart(anchor, tag) => {
                check_tag(tag.as_ref(), "map")?;
                self.open(Frame::Mapping(Map::new(), None, anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Sequence(items, anchor)) => self.node(Value::Array(items), anchor),
                Some(Frame::Mapping(map, _, anchor)) => self.node(Value::Object(map), anchor),
                None => Ok(()),
            },
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(text, style, tag.as_ref())?;
                self.node(value, anchor)
            }
            Event::Alias(anchor) => {
                let value = self
                    .anchors
                    .get(&anchor)
                    .cloned()
                    .ok_or_else(|| "an alias to an unknown anchor".to_owned())?;
                // The copy's own nodes count, so that aliases of aliases cannot grow without bound.
                self.nodes = self.nodes.saturating_add(count(&value, MAX_NODES));
                self.node(value, 0)
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => Ok(()),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// A finished node: the anchor remembers it, then it goes into its parent (or is a document).
    fn node(&mut self, value: Value, anchor: usize) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!("more than {MAX_NODES} nodes (aliases included)"));
        }
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.docs.push(value),
            Some(Frame::Sequence(items, _)) => items.push(value),
            Some(Frame::Mapping(map, pending, _)) => match pending.take() {
                Some(key) => {
                    if map.contains_key(&key) {
                        return Err(format!("duplicate key \"{key}\""));
                    }
                    map.insert(key, value);
                }
                None => match value {
                    Value::String(key) => *pending = Some(key),
                    // A JSON object's keys are strings; so are the names of the input's members.
                    _ => return Err("a mapping key that is not a string".to_owned()),
                },
            },
        }
        Ok(())
    }
}

/// `!!seq` and `!!map` (or no tag) on a collection; anything else is not a collection of the core schema.
fn check_tag(tag: Option<&Tag>, expected: &str) -> Result<(), String> {
    match tag {
        None => Ok(()),
        Some(tag) if is_core(tag) && tag.suffix == expected => Ok(()),
        Some(tag) => Err(format!("unsupported tag {}{}", tag.handle, tag.suffix)),
    }
}

fn is_core(tag: &Tag) -> bool {
    tag.handle == "tag:yaml.org,2002:"
}

/// A scalar by the core schema: a quoted or block scalar is a string; a plain one may be null, a boolean or a
/// number; `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` say which.
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let resolved = match tag {
        Some(tag) if is_core(tag) => match tag.suffix.as_str() {
            "str" => return Ok(Value::String(text)),
            "int" | "float" | "bool" | "null" => {
                let value = Yaml::from_str(&text);
                let fits = matches!(
                    (tag.suffix.as_str(), &value),
                    ("int", Yaml::Integer(_))
                        | ("float", Yaml::Real(_) | Yaml::Integer(_))
                        | ("bool", Yaml::Boolean(_))
                        | ("null", Yaml::Null)
                );
                if !fits {
                    return Err(format!("\"{text}\" is not a valid !!{}", tag.suffix));
                }
                value
            }
            other => return Err(format!("unsupported tag !!{other}")),
        },
        Some(tag) => return Err(format!("unsupported tag {}{}", tag.handle, tag.suffix)),
        None if style != TScalarStyle::Plain => return Ok(Value::String(text)),
        None => Yaml::from_str(&text),
    };
    Ok(match resolved {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::Real(real) => {
            let number = resolved_real(&real)
                .and_then(Number::from_f64)
                .ok_or_else(|| format!("{real} is not a finite number"))?;
            Value::Number(number)
        }
        _ => Value::String(text),
    })
}

fn resolved_real(text: &str) -> Option<f64> {
    Yaml::Real(text.to_owned()).as_f64()
}

/// Nodes in `value`, counting no further than `limit`.
fn count(value: &Value, limit: usize) -> usize {
    let mut seen = 0;
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        seen += 1;
        if seen >= limit {
            break;
        }
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.values()),
            _ => {}
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    #[test]
    fn a_skeleton_like_document() {
        let text = "name: x\ncount: 3\nratio: 0.5\nenabled: true\nnothing: null\nquoted: '42'\n\
                    tags:\n  - a\n  - 'b'\nnested:\n  inner: {k: v}\nblock: |\n  line\n";
        assert_eq!(
            parse(text),
            Ok(json!({
                "name": "x", "count": 3, "ratio": 0.5, "enabled": true, "nothing": null,
                "quoted": "42", "tags": ["a", "b"], "nested": {"inner": {"k": "v"}}, "block": "line\n"
            }))
        );
    }

    #[test]
    fn tags_of_the_core_schema() {
        assert_eq!(
            parse("a: !!str 12\nb: !!int 7\nc: !!float 1"),
            Ok(json!({"a": "12", "b": 7, "c": 1}))
        );
        assert!(parse("a: !!int x").unwrap_err().contains("!!int"));
        assert!(parse("a: !custom x")
            .unwrap_err()
            .contains("unsupported tag"));
    }

    #[test]
    fn refusals_say_where() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err, "duplicate key \"a\" at line 2 column 4");
        assert!(parse("a: [1, 2\n").is_err());
        assert!(parse("? [1]\n: x\n").unwrap_err().contains("not a string"));
        assert!(parse("a: .nan").unwrap_err().contains("finite"));
        assert!(parse("--- 1\n--- 2\n")
            .unwrap_err()
            .contains("single document"));
        assert_eq!(parse(""), Ok(json!(null)));
    }

    #[test]
    fn aliases_are_copies_within_a_budget() {
        assert_eq!(
            parse("a: &x [1, 2]\nb: *x\n"),
            Ok(json!({"a": [1, 2], "b": [1, 2]}))
        );
        // Ten levels of ten aliases each would be 10^10 nodes.
        let mut text = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let refs = vec![format!("*l{}", level - 1); 10].join(", ");
            text.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
        }
        assert!(parse(&text).unwrap_err().contains("nodes"));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).unwrap_err().contains("nesting"));
    }
}
