//! Member lists: `{ [traits] name: Target [= default] ... }`, elided `$name` members and
//! enum members `NAME [= value]`.

use super::lexer::Tok;
use super::parser::{PResult, Parser};
use super::syntax::{DefKind, MemberDef, Node, Traits, Version};

impl Parser {
    /// `"{" *WS *(TraitStatements Member *WS) "}"` of a shape named `owner`.
    pub(super) fn members(&mut self, kind: DefKind, owner: &str) -> PResult<Vec<MemberDef>> {
        self.expect(&Tok::LBrace)?;
        let mut members: Vec<MemberDef> = Vec::new();
        loop {
            let traits = self.trait_statements()?;
            if traits.traits.is_empty() {
                match self.tok() {
                    Tok::RBrace => {
                        self.bump();
                        return Ok(members);
                    }
                    Tok::Eof => return self.unexpected("`}`"),
                    _ => {}
                }
            }
            let member = if matches!(kind, DefKind::Enum | DefKind::IntEnum) {
                self.enum_member(traits)?
            } else {
                self.member(traits)?
            };
            if members.iter().any(|m| m.name == member.name) {
                let id = self.describe_shape(owner);
                self.error(
                    member.pos,
                    format!("`{id}` defines member `{}` more than once", member.name),
                );
                continue;
            }
            members.push(member);
        }
    }

    /// `Identifier *SP ":" *SP ShapeId` or `"$" Identifier`, then `[ValueAssignment]`.
    fn member(&mut self, traits: Traits) -> PResult<MemberDef> {
        let pos = self.pos();
        let (name, target, elided) = match self.tok() {
            Tok::Dollar => {
                if self.version == Version::V1 {
                    self.error(
                        pos,
                        "members can only elide their target (`$name`) in Smithy version 2 or later",
                    );
                }
                self.bump();
                let (name, _) = self.ident()?;
                (name, None, true)
            }
            Tok::Ident(_) => {
                let (name, _) = self.ident()?;
                self.sp();
                self.expect(&Tok::Colon)?;
                self.sp();
                (name, Some(self.shape_id()?), false)
            }
            _ => return self.unexpected("a member name"),
        };
        let value = self.value_assignment()?;
        Ok(MemberDef {
            name,
            pos,
            target,
            elided,
            traits,
            value,
        })
    }

    /// `Identifier [ValueAssignment]`
    fn enum_member(&mut self, traits: Traits) -> PResult<MemberDef> {
        let pos = self.pos();
        let (name, _) = match self.tok() {
            Tok::Ident(_) => self.ident()?,
            _ => return self.unexpected("an enum member name"),
        };
        let value = self.value_assignment()?;
        Ok(MemberDef {
            name,
            pos,
            target: None,
            elided: false,
            traits,
            value,
        })
    }

    /// `[SP] "=" [SP] NodeValue [SP] [Comma] BR`, if present.
    fn value_assignment(&mut self) -> PResult<Option<Node>> {
        self.sp();
        if self.tok() != &Tok::Equal {
            return Ok(None);
        }
        let pos = self.pos();
        if self.version == Version::V1 {
            self.error(
                pos,
                "default value assignments (`= value`) can only be used in Smithy version 2 or later",
            );
        }
        self.bump();
        self.sp();
        let value = self.node_value(0)?;
        // `BR`, or the closing brace of a one-line body (`{ A = 1 }`).
        self.sp();
        if self.tok() == &Tok::Comma {
            self.bump();
        }
        if self.tok() != &Tok::RBrace {
            self.br()?;
        }
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::test_support::*;
    use super::super::syntax::{MemberDef, NodeKind};

    const V2: &str = "$version: \"2.0\"\nnamespace ns\n";

    fn members(text: &str) -> Vec<MemberDef> {
        clean(&format!("{V2}{text}\n"))
            .shapes
            .into_iter()
            .flat_map(|s| s.members)
            .collect()
    }

    fn summary(members: &[MemberDef]) -> Vec<(String, Option<String>, usize, bool)> {
        members
            .iter()
            .map(|m| {
                let target = m.target.as_ref().map(|t| t.text.clone());
                (
                    m.name.clone(),
                    target,
                    m.traits.traits.len(),
                    m.value.is_some(),
                )
            })
            .collect()
    }

    #[test]
    fn structure_members() {
        let found = members(
            "structure S {\n  /// Docs\n  @required a: String\n  b:String, c : x.y#Z = 5\n  $d\n  @a @b\n  e: E\n}",
        );
        assert_eq!(
            summary(&found),
            vec![
                ("a".into(), Some("String".into()), 1, false),
                ("b".into(), Some("String".into()), 0, false),
                ("c".into(), Some("x.y#Z".into()), 0, true),
                ("d".into(), None, 0, false),
                ("e".into(), Some("E".into()), 2, false),
            ]
        );
        assert_eq!(
            found.first().and_then(|m| m.traits.docs.clone()).as_deref(),
            Some("Docs")
        );
        assert!(found.get(3).is_some_and(|m| m.elided));
    }

    #[test]
    fn list_and_map_members_need_no_separators() {
        let found = members("map H{key:String value:String}\nmap J {key:String,,,value:String}\nlist L {@a member: X}");
        let names: Vec<_> = found.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["key", "value", "key", "value", "member"]);
    }

    #[test]
    fn enum_members() {
        let found = members("enum A { FOO BAR, BAZ // c\n}\nenum D { FOO\n  /// Bar\n  @deprecated\n  BAR = \"bar\"\n}\nintEnum I { ONE = 1\n TWO = 2\n}");
        let names: Vec<_> = found.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["FOO", "BAR", "BAZ", "FOO", "BAR", "ONE", "TWO"]);
        let bar = found.get(4);
        assert_eq!(
            bar.and_then(|m| m.traits.docs.clone()).as_deref(),
            Some("Bar")
        );
        assert_eq!(
            bar.and_then(|m| m.value.clone()).map(|v| v.kind),
            Some(NodeKind::String("bar".to_owned()))
        );
    }

    #[test]
    fn member_errors() {
        one_error(
            &format!("{V2}structure S {{\n    bar: String =\n}}\n"),
            (4, 18),
            "expected a node value, found a line break",
        );
        one_error(
            &format!("{V2}structure S {{\n    bar: String =\n        \"Hi\"\n}}\n"),
            (4, 18),
            "expected a node value",
        );
        one_error(
            &format!("{V2}structure S {{\n    bar: String = \"Hi\" baz: String = \"Hi\"\n}}\n"),
            (4, 24),
            "expected a line break, found `baz`",
        );
        one_error(
            &format!("{V2}structure S {{\n    bar: String = [\n\n"),
            (6, 1),
            "expected a node value, found the end of the file",
        );
        one_error(
            &format!("{V2}structure S {{\n    bar: String = \"\"\n\n"),
            (6, 1),
            "expected `}`, found the end of the file",
        );
        one_error(
            &format!("{V2}structure S {{\n    inlined := String\n}}\n"),
            (4, 13),
            "expected `:`, found `:=`",
        );
        one_error(
            &format!("{V2}structure S {{\n  baz: String,\n\n  @deprecated\n}}\n"),
            (7, 1),
            "expected a member name, found `}`",
        );
        one_error(
            &format!("{V2}enum Foo {{\n    BAR =\n    \"hi\"\n}}\n"),
            (4, 10),
            "expected a node value, found a line break",
        );
        one_error(
            &format!("{V2}enum Foo {{\n    BAR = \"bar\"\n    BAR = \"bar\"\n}}\n"),
            (5, 5),
            "`ns#Foo` defines member `BAR` more than once",
        );
        one_error(
            "namespace ns\nstructure Foo {\n    baz: String = \"hello\"\n}\n",
            (3, 17),
            "default value assignments",
        );
        one_error(
            "namespace ns\nstructure Foo {\n    $foo\n}\n",
            (3, 5),
            "members can only elide their target",
        );
    }
}
