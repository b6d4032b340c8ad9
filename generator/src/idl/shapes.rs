//! Shape statements and `apply`: the shape keyword, name, `for` resource, mixins and body.

use super::lexer::Tok;
use super::parser::{PResult, Parser};
use super::syntax::{
    ApplyDef, Body, DefKind, IoRef, OperationDef, RelId, ShapeDef, Traits, Version,
};

impl Parser {
    /// `TraitStatements ShapeBody BR`, or an `apply` statement.
    pub(super) fn shape_statement(&mut self) -> PResult<()> {
        let traits = self.trait_statements()?;
        let pos = self.pos();
        let word = match self.tok() {
            Tok::Ident(word) => word.clone(),
            _ => return self.unexpected("a shape type or `apply`"),
        };
        if word == "apply" {
            if !traits.traits.is_empty() {
                return self.fail(pos, "traits cannot be applied to an `apply` statement");
            }
            return self.apply_statement();
        }
        let Some(kind) = DefKind::from_keyword(&word) else {
            return self.fail(pos, format!("unknown shape type `{word}`"));
        };
        match (kind, self.version) {
            (DefKind::Enum | DefKind::IntEnum, Version::V1) => self.error(
                pos,
                format!("{word} shapes cannot be used in Smithy version 1.0"),
            ),
            (DefKind::Set, Version::V2) => self.error(
                pos,
                "set shapes cannot be used in Smithy version 2.0 (use a list with @uniqueItems)",
            ),
            _ => {}
        }
        self.bump();
        self.expect_sp()?;
        let (name, name_pos) = self.ident()?;
        let mut shape = ShapeDef {
            name,
            pos: name_pos,
            kind,
            traits,
            mixins: Vec::new(),
            resource: None,
            members: Vec::new(),
            body: Body::None,
            implied_trait: None,
        };
        // `ForResource` belongs to every `AggregateShape` (list, map, structure, union).
        if matches!(
            kind,
            DefKind::List | DefKind::Set | DefKind::Map | DefKind::Structure | DefKind::Union
        ) {
            shape.resource = self.for_resource()?;
        }
        shape.mixins = self.mixins()?;
        match kind {
            DefKind::Simple(_) => {}
            DefKind::Service | DefKind::Resource => {
                self.ws();
                if self.tok() != &Tok::LBrace {
                    return self.unexpected("`{`");
                }
                shape.body = Body::Properties(self.node_value(0)?);
            }
            DefKind::Operation => {
                self.ws();
                shape.body = Body::Operation(self.operation_body(&shape.name)?);
            }
            _ => {
                self.ws();
                shape.members = self.members(kind, &shape.name)?;
            }
        }
        self.br()?;
        self.push_shape(shape);
        Ok(())
    }

    /// `SP "for" SP ShapeId` of an aggregate shape, if present.
    fn for_resource(&mut self) -> PResult<Option<RelId>> {
        self.sp();
        if !self.at_word("for") {
            return Ok(None);
        }
        if self.version == Version::V1 {
            let pos = self.pos();
            self.error(
                pos,
                "structures can only be bound to resources (`for`) in Smithy version 2 or later",
            );
        }
        self.bump();
        self.expect_sp()?;
        self.shape_id().map(Some)
    }

    /// `*SP "with" *WS "[" 1*(*WS ShapeId) *WS "]"`, if present.
    pub(super) fn mixins(&mut self) -> PResult<Vec<RelId>> {
        self.sp();
        if !self.at_word("with") {
            return Ok(Vec::new());
        }
        if self.version == Version::V1 {
            let pos = self.pos();
            self.error(
                pos,
                "mixins can only be used with Smithy version 2 or later",
            );
        }
        self.bump();
        self.ws();
        self.expect(&Tok::LBracket)?;
        let mut ids = Vec::new();
        loop {
            self.ws();
            if self.tok() == &Tok::RBracket && !ids.is_empty() {
                self.bump();
                return Ok(ids);
            }
            ids.push(self.shape_id()?);
        }
    }

    /// `{ [input ...] [output ...] [errors ...] }` in any order; inline structures are added
    /// to the file's shapes.
    fn operation_body(&mut self, operation: &str) -> PResult<OperationDef> {
        self.expect(&Tok::LBrace)?;
        let mut def = OperationDef::default();
        let mut seen: Vec<String> = Vec::new();
        loop {
            self.ws();
            if self.tok() == &Tok::RBrace {
                self.bump();
                return Ok(def);
            }
            let (key, key_pos) = match self.tok() {
                Tok::Ident(_) => self.ident()?,
                _ => return self.unexpected("`input`, `output`, `errors` or `}`"),
            };
            let id = self.describe_shape(operation);
            if !["input", "output", "errors"].contains(&key.as_str()) {
                return self.fail(
                    key_pos,
                    format!("unknown property `{key}` of operation `{id}` (expected input, output or errors)"),
                );
            }
            if seen.contains(&key) {
                return self.fail(
                    key_pos,
                    format!("duplicate `{key}` property of operation `{id}`"),
                );
            }
            seen.push(key.clone());
            self.ws();
            match key.as_str() {
                "errors" => {
                    self.expect(&Tok::Colon)?;
                    self.ws();
                    self.expect(&Tok::LBracket)?;
                    loop {
                        self.ws();
                        if self.tok() == &Tok::RBracket {
                            self.bump();
                            break;
                        }
                        def.errors.push(self.shape_id()?);
                    }
                }
                _ => {
                    let io = self.operation_io(operation, key == "input")?;
                    if key == "input" {
                        def.input = Some(io);
                    } else {
                        def.output = Some(io);
                    }
                }
            }
            if !self.tok().is_ws() && self.tok() != &Tok::RBrace {
                return self.unexpected("whitespace");
            }
        }
    }

    /// `":" *WS ShapeId` or an inline structure `":=" TraitStatements [Mixins] { ... }`.
    fn operation_io(&mut self, operation: &str, input: bool) -> PResult<IoRef> {
        match self.tok() {
            Tok::Colon => {
                self.bump();
                self.ws();
                self.shape_id().map(IoRef::Id)
            }
            Tok::Walrus => {
                let pos = self.pos();
                if self.version == Version::V1 {
                    self.error(
                        pos,
                        "inline operation input and output (`:=`) can only be used with Smithy version 2 or later",
                    );
                }
                self.bump();
                let traits = self.trait_statements()?;
                // `:= [traits] [for Resource] [with [...]] { ... }`, as the grammar allows.
                let resource = self.for_resource()?;
                let mixins = self.mixins()?;
                self.ws();
                let suffix = if input {
                    &self.input_suffix
                } else {
                    &self.output_suffix
                };
                let name = format!("{operation}{suffix}");
                let members = self.members(DefKind::Structure, &name)?;
                self.push_shape(ShapeDef {
                    name: name.clone(),
                    pos,
                    kind: DefKind::Structure,
                    traits,
                    mixins,
                    resource,
                    members,
                    body: Body::None,
                    implied_trait: Some(if input {
                        "smithy.api#input"
                    } else {
                        "smithy.api#output"
                    }),
                });
                Ok(IoRef::Inline(name))
            }
            _ => self.unexpected("`:` or `:=`"),
        }
    }

    /// `apply SP ShapeId WS (Trait / "{" TraitStatements "}") BR`
    fn apply_statement(&mut self) -> PResult<()> {
        self.bump();
        self.expect_sp()?;
        let target = self.shape_id()?;
        // `WS`, not only `SP`: the trait or block may start on the next line.
        self.expect_ws()?;
        let traits = match self.tok() {
            Tok::At => {
                let applied = self.trait_application()?;
                vec![applied]
            }
            Tok::LBrace => {
                self.bump();
                let Traits { traits, .. } = self.trait_statements()?;
                self.expect(&Tok::RBrace)?;
                traits
            }
            _ => return self.unexpected("`@` or `{`"),
        };
        self.br()?;
        self.push_apply(ApplyDef { target, traits });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::test_support::*;
    use super::*;

    fn kinds(text: &str) -> Vec<(String, DefKind)> {
        clean(text)
            .shapes
            .into_iter()
            .map(|s| (s.name, s.kind))
            .collect()
    }

    #[test]
    fn every_shape_keyword() {
        let found = kinds(
            "$version: \"2\"\nnamespace ns\nblob A\nboolean B\nstring C\nbyte D\nshort E\ninteger F\nlong G\nfloat H\ndouble I\nbigInteger J\nbigDecimal K\ntimestamp L\ndocument M\nenum N { X }\nintEnum O { X = 1 }\nlist P { member: A }\nmap Q { key: C, value: A }\nstructure R {}\nunion S {}\nservice T {}\nresource U {}\noperation V {}\n",
        );
        let names: Vec<_> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.len(), 22);
        assert_eq!(found.last().map(|(_, k)| *k), Some(DefKind::Operation));
        let found = kinds("namespace ns\nset W { member: String }\n");
        assert_eq!(found.first().map(|(_, k)| *k), Some(DefKind::Set));
    }

    #[test]
    fn shape_statement_errors() {
        one_error(
            "namespace com.foo\n\nstring com.foo#Bam\n",
            (3, 11),
            "expected a line break, found `.`",
        );
        one_error(
            "namespace com.foo\n\nstring (Nope)\n",
            (3, 8),
            "expected an identifier, found `(`",
        );
        one_error(
            "$version: \"2.0\"\nnamespace ns\n\nstructure\nFoo {}\n",
            (4, 10),
            "expected a space, found a line break",
        );
        one_error(
            "namespace ns\n\nstringFoo\n",
            (3, 1),
            "unknown shape type `stringFoo`",
        );
        one_error(
            "namespace ns\n\nstructure Not...Valid {}\n",
            (3, 14),
            "expected `{`, found `.`",
        );
        one_error(
            "namespace ns\n\nstructure %Invalid {}\n",
            (3, 11),
            "unexpected character `%`",
        );
        one_error(
            "namespace ns\n\nstructure _ {}\n",
            (3, 12),
            "needs a letter after `_`",
        );
        one_error(
            "namespace ns\nmap MyMap {\n",
            (3, 1),
            "expected `}`, found the end of the file",
        );
        one_error(
            "$version: \"2.0\"\nnamespace ns\nset S { member: String }\n",
            (3, 1),
            "set shapes cannot be used in Smithy version 2.0",
        );
        one_error(
            "namespace ns\nenum E { A }\n",
            (2, 1),
            "enum shapes cannot be used in Smithy version 1.0",
        );
        one_error(
            "$version: \"1.0\"\nnamespace ns\nintEnum E { @enumValue(1) A }\n",
            (3, 1),
            "intEnum shapes cannot be used",
        );
    }

    #[test]
    fn mixins_and_for() {
        let file = clean(
            "$version: \"2\"\nnamespace ns\nstructure C for R with [\n  A ,,,\n\n  , B ,, ] {}\ninteger I with [x.y#A iiiiiii]\n",
        );
        let mixins: Vec<Vec<&str>> = file
            .shapes
            .iter()
            .map(|s| s.mixins.iter().map(|m| m.text.as_str()).collect())
            .collect();
        assert_eq!(mixins, vec![vec!["A", "B"], vec!["x.y#A", "iiiiiii"]]);
        assert_eq!(
            file.shapes
                .first()
                .and_then(|s| s.resource.as_ref())
                .map(|r| r.text.as_str()),
            Some("R")
        );
    }

    #[test]
    fn mixin_and_for_errors() {
        let v2 = "$version: \"2\"\nnamespace ns\n";
        one_error(
            &format!("{v2}structure Foo with [] {{}}\n"),
            (3, 21),
            "expected an identifier, found `]`",
        );
        one_error(
            &format!("{v2}structure Foo wit [Baz] {{}}\n"),
            (3, 15),
            "expected `{`, found `wit`",
        );
        one_error(
            &format!("{v2}structure I with [M] for R {{}}\n"),
            (3, 22),
            "expected `{`, found `for`",
        );
        one_error(
            &format!("{v2}string S\n    with [M]\n"),
            (4, 5),
            "unknown shape type `with`",
        );
        one_error(
            &format!("{v2}structure S\n    with [M] {{}}\n"),
            (4, 5),
            "expected `{`, found `with`",
        );
        one_error(
            "namespace ns\nstructure Foo with [Bar] {}\n",
            (2, 15),
            "mixins can only be used with Smithy version 2",
        );
        one_error(
            "namespace ns\nresource R {}\nstructure S for R {}\n",
            (3, 13),
            "can only be bound to resources",
        );
    }

    #[test]
    fn operations() {
        let file = clean(
            "$version: \"2\"\nnamespace ns\noperation A { input: I, output: O }\noperation B {\n  errors: []\n  output: O\n  input := @sensitive with [M] {\n    id: String\n  }\n  // c\n}\n",
        );
        let ops: Vec<_> = file
            .shapes
            .iter()
            .filter_map(|s| match &s.body {
                Body::Operation(op) => Some(op.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(ops.len(), 2);
        assert!(
            matches!(ops.get(1).and_then(|o| o.input.clone()), Some(IoRef::Inline(name)) if name == "BInput")
        );
        let inline = file.shapes.iter().find(|s| s.name == "BInput");
        assert_eq!(
            inline.map(|s| s.implied_trait),
            Some(Some("smithy.api#input"))
        );
        assert_eq!(inline.map(|s| s.traits.traits.len()), Some(1));
        assert_eq!(inline.map(|s| s.mixins.len()), Some(1));
    }

    #[test]
    fn operation_errors() {
        let v2 = "$version: \"2\"\nnamespace ns\n";
        one_error(
            &format!("{v2}operation Op {{\n    errors := [{{}}]\n}}\n"),
            (4, 12),
            "expected `:`, found `:=`",
        );
        one_error(
            &format!("{v2}operation Op {{\n    errors = [\n    ]\n}}\n"),
            (4, 12),
            "expected `:`, found `=`",
        );
        one_error(
            &format!("{v2}operation Op {{\n    input := CustomName {{}}\n}}\n"),
            (4, 14),
            "expected `{`, found `CustomName`",
        );
        one_error(
            &format!("{v2}operation Op {{\n    input: A,\n    input: A,\n}}\n"),
            (5, 5),
            "duplicate `input` property of operation `ns#Op`",
        );
        one_error(
            &format!("{v2}operation Op {{\n    other: String\n}}\n"),
            (4, 5),
            "unknown property `other` of operation `ns#Op`",
        );
        one_error(
            &format!("{v2}operation Op {{\n    input: GetFooInputoutput: GetFooOutput\n}}\n"),
            (4, 29),
            "expected whitespace, found `:`",
        );
        one_error(
            "namespace ns\noperation Op {\n    input := {}\n}\n",
            (3, 11),
            "inline operation input and output",
        );
    }

    #[test]
    fn apply_statements() {
        let file = clean(
            "namespace ns\napply A @documentation(\"d\")\napply A$b {\n  @a\n  @b\n}\napply C {}\n",
        );
        let applies: Vec<_> = file
            .applies
            .iter()
            .map(|a| (a.target.text.as_str(), a.traits.len()))
            .collect();
        assert_eq!(applies, vec![("A", 1), ("A$b", 2), ("C", 0)]);
    }

    #[test]
    fn apply_errors() {
        one_error(
            "namespace ns\napply S {\n    @deprecated\n\n",
            (5, 1),
            "expected `}`, found the end of the file",
        );
        one_error(
            "namespace ns\napply S @deprecated apply S @sensitive\n",
            (2, 21),
            "expected a line break, found `apply`",
        );
        one_error(
            "namespace ns\napply Foo{ @sensitive }\n",
            (2, 10),
            "expected whitespace, found `{`",
        );
        one_error(
            "namespace ns\napply S // c\nstring MyString\n",
            (3, 1),
            "expected `@` or `{`, found `string`",
        );
        one_error(
            "namespace ns\nstring Foo\n@deprecated\napply Foo @deprecated\n",
            (4, 1),
            "traits cannot be applied to an `apply` statement",
        );
    }
}
