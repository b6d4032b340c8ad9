//! Trait statements: documentation comments then `@trait`, `@trait(value)` and
//! `@trait(key: value, ...)`.

use super::lexer::Tok;
use super::parser::{PResult, Parser};
use super::syntax::{Node, NodeKind, TraitApp, Traits};

impl Parser {
    /// `TraitStatements`: the documentation comment waiting before the first trait, and
    /// the traits. Documentation comments between or after traits are ignored.
    pub(super) fn trait_statements(&mut self) -> PResult<Traits> {
        self.ws();
        let docs = self.take_docs();
        let mut traits = Vec::new();
        while self.tok() == &Tok::At {
            traits.push(self.trait_application()?);
            self.ws();
        }
        self.clear_docs();
        Ok(Traits { docs, traits })
    }

    /// `"@" ShapeId [TraitBody]`
    pub(super) fn trait_application(&mut self) -> PResult<TraitApp> {
        let pos = self.pos();
        self.bump();
        let id = self.shape_id()?;
        let value = if self.tok() == &Tok::LParen {
            self.trait_body()?
        } else {
            None
        };
        Ok(TraitApp { id, value, pos })
    }

    /// `"(" *WS [TraitStructure / NodeValue] *WS ")"`; `None` for `()`.
    fn trait_body(&mut self) -> PResult<Option<Node>> {
        let open = self.pos();
        self.bump();
        self.ws();
        if self.tok() == &Tok::RParen {
            self.bump();
            return Ok(None);
        }
        if self.structure_body_ahead() {
            return self.trait_structure(open).map(Some);
        }
        let value = self.node_value(0)?;
        self.ws();
        self.expect(&Tok::RParen)?;
        Ok(Some(value))
    }

    /// Whether the body is `key: value, ...`: it starts with a string followed by `:`, or
    /// with a bare identifier that is not the whole value (not followed by `)`).
    fn structure_body_ahead(&self) -> bool {
        let after = self.index() + 1;
        match self.tok() {
            Tok::Str(_) => self.next_non_ws(after) == &Tok::Colon,
            Tok::Ident(_) => {
                !matches!(self.nth(1), Tok::Dot | Tok::Pound | Tok::Dollar)
                    && self.next_non_ws(after) != &Tok::RParen
            }
            _ => false,
        }
    }

    /// `TraitStructureKvp *(*WS TraitStructureKvp)` then `)`: an object value.
    fn trait_structure(&mut self, open: super::errors::Pos) -> PResult<Node> {
        let mut entries = Vec::new();
        loop {
            let entry = self.node_object_kvp(1)?;
            self.add_entry(&mut entries, entry)?;
            self.ws();
            if self.tok() == &Tok::RParen {
                self.bump();
                break;
            }
        }
        Ok(Node {
            kind: NodeKind::Object(entries),
            pos: open,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::test_support::*;
    use super::super::syntax::NodeKind;

    /// The traits of the one shape of `namespace ns\n{traits}\nstring S`.
    fn traits(text: &str) -> Vec<(String, Option<NodeKind>)> {
        let file = clean(&format!("namespace ns\n{text}\nstring S\n"));
        file.shapes
            .into_iter()
            .flat_map(|s| s.traits.traits)
            .map(|t| (t.id.text, t.value.map(|v| v.kind)))
            .collect()
    }

    fn keys(kind: &Option<NodeKind>) -> Vec<String> {
        match kind {
            Some(NodeKind::Object(entries)) => entries.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn annotation_and_value_forms() {
        let found = traits(
            "@a @b() @c(\"x\") @d(1) @e([1]) @f({}) @g(true) @h(null) @i(Foo$bar) @j(x.y#Z)",
        );
        let ids: Vec<_> = found.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
        assert_eq!(found.first().map(|t| t.1.is_none()), Some(true));
        assert_eq!(found.get(1).map(|t| t.1.is_none()), Some(true));
        assert_eq!(
            found.get(2).and_then(|t| t.1.clone()),
            Some(NodeKind::String("x".to_owned()))
        );
        assert_eq!(found.get(7).and_then(|t| t.1.clone()), Some(NodeKind::Null));
        assert_eq!(
            found.get(8).and_then(|t| t.1.clone()),
            Some(NodeKind::ShapeId("Foo$bar".to_owned()))
        );
    }

    #[test]
    fn structured_bodies() {
        let found = traits("@paginated(inputToken: \"a\", \"outputToken\": \"b\"\n  pageSize: c)");
        assert_eq!(
            keys(&found.first().and_then(|t| t.1.clone())),
            ["inputToken", "outputToken", "pageSize"]
        );
        let found = traits("@deprecated(    // comment\n    since: \"1.0\"\n)");
        assert_eq!(keys(&found.first().and_then(|t| t.1.clone())), ["since"]);
    }

    #[test]
    fn documentation_comments_come_first() {
        let file = clean("namespace ns\n/// Docs\n/// more\n@a\n/// not docs\n@b\nstring S\n");
        let docs = file.shapes.first().and_then(|s| s.traits.docs.clone());
        assert_eq!(docs.as_deref(), Some("Docs\nmore"));
    }

    #[test]
    fn trait_syntax_errors() {
        one_error(
            "namespace foo.bar\n\n@invalid##foo..bar\nstring MyString\n",
            (3, 10),
            "expected an identifier, found `#`",
        );
        one_error(
            "namespace com.foo\n@foo(100: true)\nstring S\n",
            (2, 9),
            "expected `)`, found `:`",
        );
        one_error(
            "namespace com.foo\n@foo({}: true)\nstring S\n",
            (2, 8),
            "expected `)`, found `:`",
        );
        one_error(
            "namespace com.foo\n@foo(foo: true, {}: true)\nstring S\n",
            (2, 17),
            "expected an identifier or a string, found `{`",
        );
        one_error(
            "namespace com.foo\n@foo(\nstring MyString\n",
            (3, 8),
            "expected `:`, found `MyString`",
        );
        one_error(
            "namespace com.foo\n@foo(bar:\nstring MyString\n",
            (4, 1),
            "expected `:`, found the end of the file",
        );
        one_error(
            "namespace com.foo\n@foo(bar: \"baz\", \"bam\"\nstring S\n",
            (3, 1),
            "expected `:`, found `string`",
        );
        one_error(
            "namespace com.foo\n@tags([\"foo\", \"bar\"\nstring MyString\n",
            (4, 1),
            "expected a node value, found the end of the file",
        );
        one_error(
            "namespace ns\n@e(\n    \"\"\"\n    Foo\"\"\": \"bar\")\nstring S\n",
            (4, 11),
            "expected `)`, found `:`",
        );
        one_error(
            "namespace ns\n@foo(a: 1, a: 2)\nstring S\n",
            (2, 12),
            "duplicate object key `a`",
        );
    }
}
