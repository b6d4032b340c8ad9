//! The statements before shapes: control (`$version: "2.0"`), `metadata`, `namespace` and
//! `use`.

use super::lexer::Tok;
use super::parser::{PResult, Parser};
use super::syntax::{NodeKind, RelId, Version};
use crate::model::is_identifier;

impl Parser {
    /// `"$" NodeObjectKey *SP ":" *SP NodeValue BR`
    pub(super) fn control_statement(&mut self) -> PResult<()> {
        self.bump();
        let (key, _) = self.node_object_key()?;
        self.sp();
        self.expect(&Tok::Colon)?;
        self.sp();
        let value = self.node_value(0)?;
        let end = self.pos();
        self.br()?;
        if !self.controls.insert(key.clone()) {
            self.error(value.pos, format!("duplicate control statement `{key}`"));
            return Ok(());
        }
        let text = match &value.kind {
            NodeKind::String(text) => Some(text.clone()),
            _ => None,
        };
        match (key.as_str(), text) {
            ("version", Some(text)) => match parse_version(&text) {
                Some(version) => self.version = version,
                None => self.error(
                    end,
                    format!("unsupported Smithy version `{text}` (expected 1.0 or 2.0)"),
                ),
            },
            ("operationInputSuffix" | "operationOutputSuffix", Some(text))
                if !is_identifier(&format!("A{text}")) =>
            {
                self.error(
                    value.pos,
                    format!("`${key}` must be made of letters, digits and `_`, found `{text}`"),
                );
            }
            ("operationInputSuffix", Some(text)) => self.input_suffix = text,
            ("operationOutputSuffix", Some(text)) => self.output_suffix = text,
            ("version" | "operationInputSuffix" | "operationOutputSuffix", None) => {
                self.error(
                    value.pos,
                    format!("the `${key}` control statement must have a string value"),
                );
            }
            // Unknown control statements are ignored, as the specification requires.
            _ => {}
        }
        Ok(())
    }

    /// `metadata SP NodeObjectKey *SP "=" *SP NodeValue BR`
    pub(super) fn metadata_statement(&mut self) -> PResult<()> {
        self.bump();
        self.expect_sp()?;
        let (key, _) = self.node_object_key()?;
        self.sp();
        self.expect(&Tok::Equal)?;
        self.sp();
        let value = self.node_value(0)?;
        self.br()?;
        self.file.metadata.push((key, value));
        Ok(())
    }

    /// `namespace SP Namespace BR`
    pub(super) fn namespace_statement(&mut self) -> PResult<()> {
        self.bump();
        self.expect_sp()?;
        let (namespace, _) = self.namespace_name()?;
        self.br()?;
        self.namespace = Some(namespace);
        Ok(())
    }

    /// `use SP AbsoluteRootShapeId BR`
    pub(super) fn use_statement(&mut self) -> PResult<()> {
        self.bump();
        self.expect_sp()?;
        let (mut text, pos) = self.namespace_name()?;
        self.expect(&Tok::Pound)?;
        let (name, _) = self.ident()?;
        text.push('#');
        text.push_str(&name);
        self.br()?;
        self.file.uses.push(RelId { text, pos });
        Ok(())
    }

    /// `Identifier *("." Identifier)`
    pub(super) fn namespace_name(&mut self) -> PResult<(String, super::errors::Pos)> {
        let (mut text, pos) = self.ident()?;
        while self.tok() == &Tok::Dot {
            self.bump();
            let (part, _) = self.ident()?;
            text.push('.');
            text.push_str(&part);
        }
        Ok((text, pos))
    }
}

/// The versions the JSON loader accepts too.
fn parse_version(text: &str) -> Option<Version> {
    match text {
        "2" | "2.0" => Some(Version::V2),
        "1" | "1.0" | "1.1" => Some(Version::V1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::test_support::*;
    use super::*;

    #[test]
    fn control_statements() {
        assert_eq!(clean("$version: \"2.0\"\n").version, Version::V2);
        assert_eq!(clean("$version:\"2\" // c\n").version, Version::V2);
        assert_eq!(clean("$version: \"1.0\"").version, Version::V1);
        assert_eq!(clean("").version, Version::V1);
        clean("$foo: true\n$\"bar\": [1]\n");
        one_error(
            "$version\n: \"2.0\"\n",
            (1, 9),
            "expected `:`, found a line break",
        );
        one_error(
            "$version: \"2.0\"\n$version: \"2.0\"\n",
            (2, 11),
            "duplicate control statement `version`",
        );
        one_error(
            "$version: \"2.0\" $xyz: \"100\"\n",
            (1, 17),
            "expected a line break, found `$`",
        );
        one_error(
            "$version: \"999\"\n",
            (1, 16),
            "unsupported Smithy version `999`",
        );
        one_error("$version: 0.1\n", (1, 11), "must have a string value");
    }

    #[test]
    fn operation_suffixes() {
        let file = clean(
            "$version: \"2\"\n$operationInputSuffix: \"Request\"\n$operationOutputSuffix: \"Response\"\nnamespace ns\noperation Op {\n input := {}\n output := {}\n}\n",
        );
        let names: Vec<_> = file.shapes.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["OpRequest", "OpResponse", "Op"]);
    }

    #[test]
    fn metadata_statements() {
        let file = clean("metadata foo = \"abc\"\nmetadata \"foo.1\"=[1]\n");
        let keys: Vec<_> = file.metadata.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["foo", "foo.1"]);
        one_error(
            "metadata foo.bar = \"baz\"\n",
            (1, 13),
            "expected `=`, found `.`",
        );
        one_error(
            "metadata\nfoo = \"bar\"\n",
            (1, 9),
            "expected a space, found a line break",
        );
        one_error(
            "metadata foo = // no\n\"bar\"\n",
            (1, 16),
            "expected a node value, found a comment",
        );
        one_error(
            "metadata foo = \"bar\" metadata baz = \"bar\"\n",
            (1, 22),
            "expected a line break",
        );
        one_error(
            "namespace com.foo\n\nmetadata foo = \"hello\"\n",
            (3, 1),
            "unknown shape type `metadata`",
        );
    }

    #[test]
    fn namespace_statements() {
        assert_eq!(
            clean("namespace com.foo_bar.baz\n").namespace.as_deref(),
            Some("com.foo_bar.baz")
        );
        one_error(
            "namespace not.valid.trailing.\n",
            (1, 30),
            "expected an identifier, found a line break",
        );
        one_error(
            "namespace    // c\ncom.foo\n",
            (1, 14),
            "expected an identifier, found a comment",
        );
        one_error(
            "namespace com.foo\nnamespace com.baz\n",
            (2, 1),
            "unknown shape type `namespace`",
        );
    }

    #[test]
    fn use_statements() {
        let file = clean("namespace ns\nuse a.b#C\nuse d#E // c\n");
        let uses: Vec<_> = file.uses.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(uses, ["a.b#C", "d#E"]);
        one_error(
            "namespace ns\nuse #\n",
            (2, 5),
            "expected an identifier, found `#`",
        );
        one_error(
            "namespace ns\nuse a$#Bar\n",
            (2, 6),
            "expected `#`, found `$`",
        );
        one_error(
            "namespace ns\nuse invalid#\n",
            (2, 13),
            "expected an identifier, found a line break",
        );
        one_error(
            "namespace ns\nuse a#B use a#C\n",
            (2, 9),
            "expected a line break",
        );
        one_error("namespace ns\nuse\na#B\n", (2, 4), "expected a space");
        one_error(
            "namespace ns\n@trait\nstructure foo {}\nuse a#B\n",
            (4, 1),
            "unknown shape type `use`",
        );
    }
}
