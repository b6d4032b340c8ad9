//! What the parser reads from one file, before shape IDs are resolved: names and shape IDs
//! are kept as written, with their positions.

use std::path::PathBuf;

use serde_json::Number;

use super::errors::{Errors, Pos};
use crate::model::SimpleType;

/// The IDL version of a file (`$version`); files without one are 1.0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Version {
    V1,
    V2,
}

/// A shape ID as written (relative or absolute, maybe with a `$member`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RelId {
    pub text: String,
    pub pos: Pos,
}

/// A node value, with unquoted shape IDs not yet resolved.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum NodeKind {
    Null,
    Bool(bool),
    /// The value (exact, or the nearest stand-in; see [`crate::model::number`]) and the text.
    Number(Number, String),
    String(String),
    /// An unquoted shape ID, which becomes the string of its absolute form.
    ShapeId(String),
    Array(Vec<Node>),
    /// Entries in file order; keys are unique.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The entries of an object node.
    pub fn entries(&self) -> Option<&[(String, Node)]> {
        match &self.kind {
            NodeKind::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

/// `@id` or `@id(value)`; `None` for an annotation (`@id` or `@id()`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct TraitApp {
    pub id: RelId,
    pub value: Option<Node>,
    pub pos: Pos,
}

/// Documentation comment and traits before a shape or member.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Traits {
    pub docs: Option<String>,
    pub traits: Vec<TraitApp>,
}

/// The keyword of a shape statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DefKind {
    Simple(SimpleType),
    Enum,
    IntEnum,
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Resource,
    Operation,
}

impl DefKind {
    pub fn from_keyword(word: &str) -> Option<DefKind> {
        if let Some(simple) = SimpleType::from_type_name(word) {
            return Some(DefKind::Simple(simple));
        }
        Some(match word {
            "enum" => DefKind::Enum,
            "intEnum" => DefKind::IntEnum,
            "list" => DefKind::List,
            "set" => DefKind::Set,
            "map" => DefKind::Map,
            "structure" => DefKind::Structure,
            "union" => DefKind::Union,
            "service" => DefKind::Service,
            "resource" => DefKind::Resource,
            "operation" => DefKind::Operation,
            _ => return None,
        })
    }

    pub fn is_list(self) -> bool {
        matches!(self, DefKind::List | DefKind::Set)
    }
}

/// A member: `name: Target`, `$name` (target elided), or an enum member `NAME`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MemberDef {
    pub name: String,
    pub pos: Pos,
    /// `None` when elided (`$name`) or for enum members.
    pub target: Option<RelId>,
    pub elided: bool,
    pub traits: Traits,
    /// `= value`: the default of a structure member, the value of an enum member.
    pub value: Option<Node>,
}

/// An operation's `input` or `output`.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum IoRef {
    Id(RelId),
    /// `:= { ... }`: the name of the structure generated in the same namespace.
    Inline(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct OperationDef {
    pub input: Option<IoRef>,
    pub output: Option<IoRef>,
    pub errors: Vec<RelId>,
}

/// The body of a shape statement beyond its members.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Body {
    None,
    /// The node object of a service or resource.
    Properties(Node),
    Operation(OperationDef),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct ShapeDef {
    pub name: String,
    pub pos: Pos,
    pub kind: DefKind,
    pub traits: Traits,
    pub mixins: Vec<RelId>,
    /// `for Resource` of a structure.
    pub resource: Option<RelId>,
    pub members: Vec<MemberDef>,
    pub body: Body,
    /// `smithy.api#input` / `smithy.api#output` of an inline input or output structure.
    pub implied_trait: Option<&'static str>,
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ApplyDef {
    pub target: RelId,
    pub traits: Vec<TraitApp>,
}

/// Everything read from one file.
#[derive(Clone, Debug)]
pub(super) struct ParsedFile {
    pub path: PathBuf,
    pub version: Version,
    pub namespace: Option<String>,
    /// `use` statements: absolute shape IDs.
    pub uses: Vec<RelId>,
    pub metadata: Vec<(String, Node)>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<ApplyDef>,
    pub errors: Errors,
}
