//! Patterns read as `java.util.regex.Pattern` reads them: Smithy's own tools compile every
//! `@pattern` with it, so models carry Java-only syntax (inline flags, possessive
//! quantifiers, `\p{..}` classes, quantified anchors) that ECMA-262 refuses or reads
//! otherwise.
//!
//! The result is either the same tree as the ECMA-262 reader's, exact for the values the
//! Java pattern finds a match in, or the reason it cannot be checked exactly (the member
//! then gets no check), or the reason Java itself refuses it (Smithy refuses such a model).

mod exact;
mod parser;
#[cfg(test)]
mod tests;

use super::charset::CharSet;
use super::parse::Node;

/// How a pattern reads in Java's dialect.
#[derive(Debug, PartialEq)]
pub struct Reading {
    pub result: Result<Tree, Refusal>,
    /// The pattern uses syntax that only Java gives its meaning to (`\p{L}`, `(?i)`,
    /// `*+`, `[a[b]]`...): Smithy's tools read it so, whatever ECMA-262 makes of it.
    pub java_only: bool,
}

/// What the automaton is built from: `node`, less (or only) what each lookahead at its
/// start (`^(?!aws:)...`) finds there.
#[derive(Debug, PartialEq)]
pub struct Tree {
    pub node: Node,
    pub lookaheads: Vec<Lookahead>,
}

#[derive(Debug, PartialEq)]
pub struct Lookahead {
    /// Anchored at the start (`^x`): it matches when the lookahead's `x` does.
    pub node: Node,
    /// `(?!x)` rather than `(?=x)`.
    pub negative: bool,
}

#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// Valid Java (as far as we can tell) that an automaton cannot check exactly.
    Unchecked(String),
    /// Java refuses it too.
    Invalid(String),
}

pub fn read(pattern: &str) -> Reading {
    let parsed = parser::parse(pattern);
    let result = match parsed.tree {
        Err(invalid) => Err(Refusal::Invalid(invalid)),
        Ok(tree) => match parsed.unchecked {
            Some(reason) => Err(Refusal::Unchecked(reason)),
            None => exact::exact(tree).map_err(Refusal::Unchecked),
        },
    };
    Reading {
        result,
        java_only: parsed.java_only,
    }
}

/// The pattern before lowering: Java's `$` and possessive quantifiers kept apart, since
/// whether they can be checked exactly depends on what follows them.
#[derive(Clone, Debug)]
enum J {
    Leaf(Node),
    /// `$` or `\Z`: the end of the input, or just before a line terminator that ends it.
    Dollar,
    Concat(Vec<J>),
    Alt(Vec<J>),
    Repeat {
        node: Box<J>,
        min: u32,
        max: Option<u32>,
        possessive: bool,
    },
    /// `(?=x)` or `(?!x)`.
    Look {
        negative: bool,
        node: Box<J>,
    },
}

/// Java's line terminators, the ones `.` and `$` care about.
fn line_terminators() -> CharSet {
    CharSet::from_ranges(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029)])
}
