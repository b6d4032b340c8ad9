//! Node values: arrays, objects, numbers, `true` / `false` / `null`, quoted strings, text
//! blocks and unquoted shape IDs. Nesting is limited so that no input recurses without
//! bound.

use serde_json::Value;

use super::errors::Errors;
use super::lexer::Tok;
use super::parser::{PResult, Parser};
use super::syntax::{Node, NodeKind, RelId};

/// The deepest nesting of arrays and objects accepted in a node value.
pub(super) const MAX_DEPTH: usize = 64;

impl Parser {
    /// `NodeValue`; `depth` is the nesting of the enclosing arrays and objects.
    pub(super) fn node_value(&mut self, depth: usize) -> PResult<Node> {
        let pos = self.pos();
        if depth > MAX_DEPTH {
            return self.fail(
                pos,
                format!("node values are nested too deeply (more than {MAX_DEPTH} levels)"),
            );
        }
        let kind = match self.tok() {
            Tok::LBrace => return self.node_object(depth),
            Tok::LBracket => return self.node_array(depth),
            Tok::Number(number, text) => NodeKind::Number(number.clone(), text.clone()),
            Tok::Str(text) | Tok::TextBlock(text) => NodeKind::String(text.clone()),
            Tok::Ident(word) => {
                let continues = matches!(self.nth(1), Tok::Dot | Tok::Pound | Tok::Dollar);
                match word.as_str() {
                    "true" if !continues => NodeKind::Bool(true),
                    "false" if !continues => NodeKind::Bool(false),
                    "null" if !continues => NodeKind::Null,
                    _ => {
                        let id = self.shape_id()?;
                        return Ok(Node {
                            kind: NodeKind::ShapeId(id.text),
                            pos,
                        });
                    }
                }
            }
            _ => return self.unexpected("a node value"),
        };
        self.bump();
        Ok(Node { kind, pos })
    }

    /// `"[" *WS *(NodeValue *WS) "]"`
    fn node_array(&mut self, depth: usize) -> PResult<Node> {
        let pos = self.pos();
        self.bump();
        let mut items = Vec::new();
        loop {
            self.ws();
            if self.tok() == &Tok::RBracket {
                self.bump();
                break;
            }
            items.push(self.node_value(depth + 1)?);
        }
        Ok(Node {
            kind: NodeKind::Array(items),
            pos,
        })
    }

    /// `"{" *WS [NodeObjectKvp *(WS NodeObjectKvp)] *WS "}"`
    fn node_object(&mut self, depth: usize) -> PResult<Node> {
        let pos = self.pos();
        self.bump();
        let mut entries: Vec<(String, Node)> = Vec::new();
        loop {
            self.ws();
            if self.tok() == &Tok::RBrace {
                self.bump();
                break;
            }
            let entry = self.node_object_kvp(depth + 1)?;
            self.add_entry(&mut entries, entry)?;
        }
        Ok(Node {
            kind: NodeKind::Object(entries),
            pos,
        })
    }

    /// `NodeObjectKey *WS ":" *WS NodeValue`
    pub(super) fn node_object_kvp(&mut self, depth: usize) -> PResult<(String, Node, RelId)> {
        let (key, key_pos) = self.node_object_key()?;
        self.ws();
        self.expect(&Tok::Colon)?;
        self.ws();
        let value = self.node_value(depth)?;
        let key_ref = RelId {
            text: key.clone(),
            pos: key_pos,
        };
        Ok((key, value, key_ref))
    }

    /// Adds an object entry; a repeated key is an error.
    pub(super) fn add_entry(
        &mut self,
        entries: &mut Vec<(String, Node)>,
        (key, value, key_ref): (String, Node, RelId),
    ) -> PResult<()> {
        if entries.iter().any(|(existing, _)| *existing == key) {
            return self.fail(key_ref.pos, format!("duplicate object key `{key}`"));
        }
        entries.push((key, value));
        Ok(())
    }

    /// `QuotedText / Identifier`
    pub(super) fn node_object_key(&mut self) -> PResult<(String, super::errors::Pos)> {
        match self.tok() {
            Tok::Ident(text) | Tok::Str(text) => {
                let text = text.clone();
                let pos = self.pos();
                self.bump();
                Ok((text, pos))
            }
            _ => self.unexpected("an identifier or a string"),
        }
    }

    /// A shape ID as written: `Identifier`, `ns.a#Name`, either with `$member`. The parts
    /// must touch (no whitespace inside).
    pub(super) fn shape_id(&mut self) -> PResult<RelId> {
        let (mut text, pos) = self.ident()?;
        let mut dotted = false;
        while self.tok() == &Tok::Dot {
            self.bump();
            let (part, _) = self.ident()?;
            text.push('.');
            text.push_str(&part);
            dotted = true;
        }
        if self.tok() == &Tok::Pound {
            self.bump();
            let (name, _) = self.ident()?;
            text.push('#');
            text.push_str(&name);
        } else if dotted {
            return self.unexpected("`#`");
        }
        if self.tok() == &Tok::Dollar {
            self.bump();
            let (member, _) = self.ident()?;
            text.push('$');
            text.push_str(&member);
        }
        Ok(RelId { text, pos })
    }
}

/// A node value of a document on its own (see [`super::parse_node`]) as JSON. With no
/// model around it, an unquoted shape ID names nothing: it is reported.
pub(super) fn standalone_json(node: &Node, errors: &mut Errors) -> Value {
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number(n, _) => Value::Number(n.clone()),
        NodeKind::String(text) => Value::String(text.clone()),
        NodeKind::ShapeId(text) => {
            errors.push(
                node.pos,
                format!("unquoted `{text}` is not a value here (quote it if it is a string)"),
            );
            Value::String(text.clone())
        }
        NodeKind::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| standalone_json(item, errors))
                .collect(),
        ),
        NodeKind::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| (key.clone(), standalone_json(value, errors)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::test_support::*;
    use super::*;

    /// The metadata value `text` as parsed.
    fn value(text: &str) -> NodeKind {
        let file = clean(&format!("metadata m = {text}\n"));
        match file.metadata.into_iter().next() {
            Some((_, node)) => node.kind,
            None => panic!("no metadata in {text}"),
        }
    }

    fn string(text: &str) -> NodeKind {
        NodeKind::String(text.to_owned())
    }

    #[test]
    fn scalars_and_keywords() {
        assert_eq!(value("true"), NodeKind::Bool(true));
        assert_eq!(value("false"), NodeKind::Bool(false));
        assert_eq!(value("null"), NodeKind::Null);
        assert_eq!(value("\"null\""), string("null"));
        assert_eq!(value("12"), NodeKind::Number(12.into(), "12".to_owned()));
        assert_eq!(
            value("truefalse"),
            NodeKind::ShapeId("truefalse".to_owned())
        );
        assert_eq!(value("true$x"), NodeKind::ShapeId("true$x".to_owned()));
        assert_eq!(
            value("smithy.api#String"),
            NodeKind::ShapeId("smithy.api#String".to_owned())
        );
        assert_eq!(value("\"\"\"\n  a\n  b\"\"\""), string("a\nb"));
    }

    #[test]
    fn arrays_and_objects_allow_commas_comments_and_newlines() {
        let NodeKind::Array(items) = value("[\ntrue , \"x\"\n,\n// c\nnull,]") else {
            panic!("not an array");
        };
        assert_eq!(items.len(), 3);
        let NodeKind::Object(entries) = value("{\n\"a\"\n:\n1\n, b: {c: []},\n}") else {
            panic!("not an object");
        };
        let keys: Vec<_> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(value("{}"), NodeKind::Object(Vec::new()));
    }

    #[test]
    fn node_errors_have_positions() {
        one_error(
            "metadata m = {a: 1, a: 2}\n",
            (1, 21),
            "duplicate object key `a`",
        );
        one_error(
            "metadata m = { x := {} }\n",
            (1, 18),
            "expected `:`, found `:=`",
        );
        one_error(
            "metadata m = [1\n",
            (2, 1),
            "expected a node value, found the end of the file",
        );
        one_error(
            "metadata m = {1: 2}\n",
            (1, 15),
            "expected an identifier or a string, found number `1`",
        );
        one_error(
            "metadata m = a.b\n",
            (1, 17),
            "expected `#`, found a line break",
        );
        one_error(
            "metadata m = .1\n",
            (1, 14),
            "expected a node value, found `.`",
        );
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        clean(&format!("metadata m = {ok}\n"));
        let deep = "[".repeat(100_000);
        let found = errors(&format!("metadata m = {deep}\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found.iter().all(|e| e.contains("nested too deeply")),
            "{found:?}"
        );
        let objects = "{a:".repeat(10_000);
        let found = errors(&format!("metadata m = {objects}\n"));
        assert!(
            found.iter().all(|e| e.contains("nested too deeply")),
            "{found:?}"
        );
    }
}
