//! From a parsed file to a [`Model`]: shape IDs resolved, traits and node values as JSON
//! (annotation traits `{}`, or `[]` for list traits), `= value` as `default` or
//! `enumValue`, documentation comments as `documentation`, `apply` statements, metadata.
//! Elided member targets are left for [`super::elision`], which sees every file.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::errors::{Errors, Pos};
use super::resolve_ids::{Index, Resolved, Scope, PRELUDE};
use super::syntax::{
    Body, DefKind, Node, NodeKind, ParsedFile, RelId, ShapeDef, TraitApp, Traits, Version,
};
use crate::model::number::{needs_text, push_token, NumberTexts};
use crate::model::traits::ids;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, Traits as ModelTraits};

/// A member whose target comes from a resource identifier or a mixin member of the same
/// name: `$name`, or a list/map member a mixin provides.
#[derive(Clone, Debug)]
pub(super) struct Pending {
    pub shape: ShapeId,
    pub member: String,
    pub pos: Pos,
    pub resource: Option<ShapeId>,
    pub mixins: Vec<ShapeId>,
}

/// One file's model, the members still to resolve, and the problems found.
#[derive(Debug, Default)]
pub(super) struct FileModel {
    pub model: Model,
    pub pending: Vec<Pending>,
    pub errors: Errors,
}

/// The target a pending member has until [`super::elision`] sets it.
pub(super) fn placeholder() -> ShapeId {
    ShapeId::new(PRELUDE, "Unit")
}

fn prelude(id: &str) -> ShapeId {
    ShapeId::new(PRELUDE, id.strip_prefix("smithy.api#").unwrap_or(id))
}

pub(super) fn convert(file: &ParsedFile, index: &Index) -> FileModel {
    let mut errors = Errors::default();
    let Some(namespace) = file.namespace.as_deref() else {
        // Without a namespace (an empty file, or one whose namespace statement failed)
        // only metadata can be read.
        let uses = BTreeMap::new();
        let scope = Scope {
            namespace: "",
            uses: &uses,
            index,
        };
        let mut converter = Converter::new(file, scope);
        converter.metadata();
        return converter.finish();
    };
    let uses = use_map(file, &mut errors);
    let scope = Scope {
        namespace,
        uses: &uses,
        index,
    };
    let mut converter = Converter::new(file, scope);
    converter.errors = errors;
    converter.metadata();
    for def in &file.shapes {
        let id = ShapeId::new(namespace, &def.name);
        if let Some(imported) = uses.get(&def.name) {
            converter.error(
                def.pos,
                format!(
                    "shape name `{}` conflicts with imported shape `{imported}`",
                    def.name
                ),
            );
            continue;
        }
        if converter.model.shapes.contains_key(&id) {
            converter.error(def.pos, format!("shape `{id}` is defined more than once"));
            continue;
        }
        let shape = converter.shape(&id, def);
        converter
            .model
            .sources
            .insert(id.clone(), file.path.clone());
        converter.model.shapes.insert(id, shape);
    }
    for apply in &file.applies {
        let Some(target) = converter.resolve(&apply.target) else {
            continue;
        };
        let traits = converter.traits(&target, &apply.traits, None);
        if !traits.is_empty() {
            converter.model.applied.push((target, traits));
        }
    }
    converter.finish()
}

/// `use` statements by shape name; two different shapes with one name conflict.
fn use_map(file: &ParsedFile, errors: &mut Errors) -> BTreeMap<String, ShapeId> {
    let mut uses: BTreeMap<String, ShapeId> = BTreeMap::new();
    for used in &file.uses {
        let id = match ShapeId::parse(&used.text) {
            Ok(id) => id,
            Err(err) => {
                errors.push(used.pos, err.to_string());
                continue;
            }
        };
        match uses.get(id.name()) {
            Some(existing) if *existing != id => errors.push(
                used.pos,
                format!("cannot use `{id}`: its name conflicts with `{existing}`, used before"),
            ),
            Some(_) => {}
            None => {
                uses.insert(id.name().to_owned(), id);
            }
        }
    }
    uses
}

pub(super) struct Converter<'a> {
    pub file: &'a ParsedFile,
    pub scope: Scope<'a>,
    pub model: Model,
    pub pending: Vec<Pending>,
    pub errors: Errors,
}

impl<'a> Converter<'a> {
    fn new(file: &'a ParsedFile, scope: Scope<'a>) -> Self {
        Converter {
            file,
            scope,
            model: Model::default(),
            pending: Vec::new(),
            errors: Errors::default(),
        }
    }

    fn finish(self) -> FileModel {
        FileModel {
            model: self.model,
            pending: self.pending,
            errors: self.errors,
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.push(pos, message);
    }

    pub fn v1(&self) -> bool {
        self.file.version == Version::V1
    }

    /// Any shape ID (members allowed), resolved; an invalid one is reported.
    pub fn resolve(&mut self, rel: &RelId) -> Option<ShapeId> {
        match self.scope.resolve(&rel.text) {
            Ok(resolved) => Some(resolved.id()),
            Err(message) => {
                self.error(rel.pos, message);
                None
            }
        }
    }

    /// A reference to a shape (a target, mixin, operation, ...): not a member.
    pub fn target(&mut self, rel: &RelId) -> Option<ShapeId> {
        let id = self.resolve(rel)?;
        if id.member().is_some() {
            self.error(
                rel.pos,
                format!("`{}` names a member; a shape is expected here", rel.text),
            );
            return None;
        }
        Some(id)
    }

    /// A node value as JSON; unquoted shape IDs become their absolute form.
    pub fn value(&mut self, node: &Node) -> Value {
        match &node.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Number(n, _) => Value::Number(n.clone()),
            NodeKind::String(text) => Value::String(text.clone()),
            NodeKind::ShapeId(text) => match self.scope.resolve(text) {
                Ok(Resolved::Known(id)) => Value::String(id.to_string()),
                Ok(Resolved::Unknown(id)) => {
                    let missing = if self.scope.namespace.is_empty() {
                        "the file has no namespace and the prelude has no such shape".to_owned()
                    } else {
                        format!("no shape `{id}` is defined")
                    };
                    self.error(
                        node.pos,
                        format!(
                            "unquoted `{text}` is a shape ID, but {missing} (quote it if it is \
                             meant as a string)"
                        ),
                    );
                    Value::String(text.clone())
                }
                Err(message) => {
                    self.error(node.pos, message);
                    Value::String(text.clone())
                }
            },
            NodeKind::Array(items) => Value::Array(items.iter().map(|i| self.value(i)).collect()),
            NodeKind::Object(entries) => {
                let mut object = Map::new();
                for (key, value) in entries {
                    let value = self.value(value);
                    object.insert(key.clone(), value);
                }
                Value::Object(object)
            }
        }
    }

    /// Adds a trait by the trait conflict rules ([`ModelTraits::merge`]), reporting a
    /// conflict.
    fn set_trait(
        &mut self,
        traits: &mut ModelTraits,
        owner: &ShapeId,
        id: ShapeId,
        value: Value,
        texts: NumberTexts,
        pos: Pos,
    ) {
        if traits.merge(id.clone(), value, texts).is_err() {
            self.error(
                pos,
                format!(
                    "trait `{id}` is applied to `{owner}` more than once, with conflicting \
                     values (only list values are concatenated, other values must be equal)"
                ),
            );
        }
    }

    /// Traits of `owner`, with its documentation comment (an explicit `documentation`
    /// trait wins).
    pub fn traits(
        &mut self,
        owner: &ShapeId,
        apps: &[TraitApp],
        docs: Option<&str>,
    ) -> ModelTraits {
        let mut traits = ModelTraits::new();
        for app in apps {
            let Some(id) = self.resolve(&app.id) else {
                continue;
            };
            if id.member().is_some() {
                self.error(
                    app.id.pos,
                    format!("trait `{id}` names a member, not a shape"),
                );
                continue;
            }
            let value = match &app.value {
                Some(node) => self.value(node),
                None if self.scope.index.is_list(&id) => Value::Array(Vec::new()),
                None => Value::Object(Map::new()),
            };
            if self.v1() && id == prelude(ids::MIXIN) {
                self.error(
                    app.pos,
                    format!("mixins can only be used with Smithy version 2 or later (`{owner}` has the @mixin trait in a version 1.0 file)"),
                );
            }
            let texts = app.value.as_ref().map(number_texts).unwrap_or_default();
            self.set_trait(&mut traits, owner, id, value, texts, app.pos);
        }
        if let Some(docs) = docs {
            if !traits.has(ids::DOCUMENTATION) {
                traits.insert(prelude(ids::DOCUMENTATION), Value::String(docs.to_owned()));
            }
        }
        traits
    }

    fn def_traits(&mut self, owner: &ShapeId, traits: &Traits) -> ModelTraits {
        self.traits(owner, &traits.traits, traits.docs.as_deref())
    }

    fn metadata(&mut self) {
        for (key, node) in &self.file.metadata {
            let value = self.value(node);
            match (self.model.metadata.get_mut(key), value) {
                (None, value) => {
                    self.model.metadata.insert(key.clone(), value);
                }
                (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
                (Some(existing), value) if *existing == value => {}
                (Some(_), _) => self.errors.push(
                    node.pos,
                    format!("metadata `{key}` is defined more than once, with different values"),
                ),
            }
        }
    }

    fn shape(&mut self, id: &ShapeId, def: &ShapeDef) -> Shape {
        let mut traits = self.def_traits(id, &def.traits);
        if let Some(implied) = def.implied_trait {
            let implied = prelude(implied);
            if !traits.iter().any(|(existing, _)| *existing == implied) {
                traits.insert(implied, Value::Object(Map::new()));
            }
        }
        let mixins: Vec<ShapeId> = def.mixins.iter().filter_map(|m| self.target(m)).collect();
        let is_mixin = traits.has(ids::MIXIN);
        let kind = match def.kind {
            DefKind::Simple(simple) => ShapeKind::Simple(simple),
            DefKind::Enum => ShapeKind::Enum(self.enum_members(id, def, &mixins, false)),
            DefKind::IntEnum => ShapeKind::IntEnum(self.enum_members(id, def, &mixins, true)),
            DefKind::Structure => ShapeKind::Structure(self.members(id, def, &mixins, true)),
            DefKind::Union => ShapeKind::Union(self.members(id, def, &mixins, false)),
            DefKind::List | DefKind::Set => {
                let mut members = self.fixed_members(id, def, &mixins, &["member"]);
                let member = members.pop().unwrap_or_else(|| empty_member("member"));
                if def.kind == DefKind::Set {
                    ShapeKind::Set(member)
                } else {
                    ShapeKind::List(member)
                }
            }
            DefKind::Map => {
                let mut members = self
                    .fixed_members(id, def, &mixins, &["key", "value"])
                    .into_iter();
                let key = members.next().unwrap_or_else(|| empty_member("key"));
                let value = members.next().unwrap_or_else(|| empty_member("value"));
                ShapeKind::Map { key, value }
            }
            DefKind::Service => {
                let body = properties_of(&def.body);
                ShapeKind::Service(self.service(id, body))
            }
            DefKind::Resource => {
                let body = properties_of(&def.body);
                if is_mixin && body.is_some_and(|b| b.entries().is_some_and(|e| !e.is_empty())) {
                    self.error(
                        def.pos,
                        format!("resource mixin `{id}` must not define any properties"),
                    );
                }
                ShapeKind::Resource(self.resource(id, body))
            }
            DefKind::Operation => {
                let operation = match &def.body {
                    Body::Operation(op) => self.operation(op),
                    _ => Default::default(),
                };
                if is_mixin && (operation.input.is_some() || operation.output.is_some()) {
                    self.error(
                        def.pos,
                        format!("operation mixin `{id}` must not define its input or output (they must be smithy.api#Unit)"),
                    );
                }
                ShapeKind::Operation(operation)
            }
        };
        Shape {
            id: id.clone(),
            kind,
            traits,
            mixins,
        }
    }

    /// Structure and union members; `= value` is the `default` of a structure member.
    fn members(
        &mut self,
        id: &ShapeId,
        def: &ShapeDef,
        mixins: &[ShapeId],
        defaults: bool,
    ) -> Vec<Member> {
        let resource = def.resource.as_ref().and_then(|r| self.target(r));
        let mut members = Vec::new();
        for member in &def.members {
            let member_id = id.with_member(&member.name);
            let mut traits = self.def_traits(&member_id, &member.traits);
            let target = match &member.target {
                Some(target) => self.target(target).unwrap_or_else(placeholder),
                // Elision is an error in 1.0 files (reported by the parser).
                None if self.v1() => placeholder(),
                None => {
                    self.pending.push(Pending {
                        shape: id.clone(),
                        member: member.name.clone(),
                        pos: member.pos,
                        resource: resource.clone(),
                        mixins: mixins.to_vec(),
                    });
                    placeholder()
                }
            };
            if let Some(node) = &member.value {
                if defaults {
                    let value = self.value(node);
                    self.set_trait(
                        &mut traits,
                        &member_id,
                        prelude(ids::DEFAULT),
                        value,
                        number_texts(node),
                        node.pos,
                    );
                } else {
                    self.error(
                        node.pos,
                        format!("`{member_id}`: only structure members can have a default value (`= value`)"),
                    );
                }
            }
            members.push(Member {
                name: member.name.clone(),
                target,
                traits,
            });
        }
        members
    }

    /// The named members of a list (`member`) or map (`key`, `value`), in that order. One
    /// that is missing comes from a mixin when the shape has mixins.
    fn fixed_members(
        &mut self,
        id: &ShapeId,
        def: &ShapeDef,
        mixins: &[ShapeId],
        names: &[&str],
    ) -> Vec<Member> {
        for member in &def.members {
            if !names.contains(&member.name.as_str()) {
                let expected = names.join("` and `");
                self.error(
                    member.pos,
                    format!(
                        "`{id}` can only have members `{expected}`, not `{}`",
                        member.name
                    ),
                );
            }
        }
        let declared = self.members(id, def, mixins, false);
        let mut missing = Vec::new();
        let mut members = Vec::new();
        for name in names {
            match declared.iter().find(|m| m.name == *name) {
                Some(member) => members.push(member.clone()),
                None if !mixins.is_empty() => {
                    self.pending.push(Pending {
                        shape: id.clone(),
                        member: (*name).to_owned(),
                        pos: def.pos,
                        resource: None,
                        mixins: mixins.to_vec(),
                    });
                    members.push(empty_member(name));
                }
                None => {
                    missing.push(*name);
                    members.push(empty_member(name));
                }
            }
        }
        if !missing.is_empty() {
            let s = if missing.len() > 1 { "s" } else { "" };
            self.error(
                def.pos,
                format!(
                    "`{id}` is missing its required member{s} `{}`",
                    missing.join("` and `")
                ),
            );
        }
        members
    }

    /// Enum members target `smithy.api#Unit`; `= value` (or the member name, for `enum`)
    /// is the `enumValue`.
    fn enum_members(
        &mut self,
        id: &ShapeId,
        def: &ShapeDef,
        mixins: &[ShapeId],
        int: bool,
    ) -> Vec<Member> {
        if def.members.is_empty() && mixins.is_empty() {
            let kind = if int { "an intEnum" } else { "an enum" };
            self.error(
                def.pos,
                format!("`{id}`: {kind} must have at least one member"),
            );
        }
        let mut members = Vec::new();
        for member in &def.members {
            let member_id = id.with_member(&member.name);
            let mut traits = self.def_traits(&member_id, &member.traits);
            let value = match &member.value {
                Some(node) => self.enum_value(&member_id, node, int),
                // An enum member's value is its name unless it says otherwise.
                None if !int && !traits.has(ids::ENUM_VALUE) => {
                    Some(Value::String(member.name.clone()))
                }
                // Without mixins there is no value to inherit.
                None if int && mixins.is_empty() && !traits.has(ids::ENUM_VALUE) => {
                    self.error(
                        member.pos,
                        format!("`{member_id}`: intEnum members require a value (`= 1`)"),
                    );
                    None
                }
                None => None,
            };
            if let Some(value) = value {
                let pos = member.value.as_ref().map_or(member.pos, |v| v.pos);
                self.set_trait(
                    &mut traits,
                    &member_id,
                    prelude(ids::ENUM_VALUE),
                    value,
                    NumberTexts::new(),
                    pos,
                );
            }
            members.push(Member {
                name: member.name.clone(),
                target: placeholder(),
                traits,
            });
        }
        members
    }

    fn enum_value(&mut self, member_id: &ShapeId, node: &Node, int: bool) -> Option<Value> {
        match (&node.kind, int) {
            (NodeKind::String(text), false) => Some(Value::String(text.clone())),
            (NodeKind::Number(n, _), true) => match n.as_i64() {
                Some(v) if i32::try_from(v).is_ok() => Some(Value::Number(n.clone())),
                Some(_) => {
                    self.error(
                        node.pos,
                        format!(
                            "`{member_id}`: intEnum members must fit within an integer, found {n}"
                        ),
                    );
                    None
                }
                None => {
                    self.error(
                        node.pos,
                        format!("`{member_id}`: intEnum members require integer values, found {n}"),
                    );
                    None
                }
            },
            (_, false) => {
                self.error(
                    node.pos,
                    format!(
                        "`{member_id}`: enum members can only be assigned string values, found {}",
                        describe(&node.kind)
                    ),
                );
                None
            }
            (_, true) => {
                self.error(
                    node.pos,
                    format!(
                        "`{member_id}`: intEnum members require integer values, found {}",
                        describe(&node.kind)
                    ),
                );
                None
            }
        }
    }
}

fn empty_member(name: &str) -> Member {
    Member {
        name: name.to_owned(),
        target: placeholder(),
        traits: ModelTraits::new(),
    }
}

fn properties_of(body: &Body) -> Option<&Node> {
    match body {
        Body::Properties(node) => Some(node),
        _ => None,
    }
}

/// The written text of every number of `node` that its JSON value only approximates, by
/// JSON pointer (the value built by `value` has the same arrays and objects).
fn number_texts(node: &Node) -> NumberTexts {
    fn walk(node: &Node, pointer: &str, texts: &mut NumberTexts) {
        match &node.kind {
            NodeKind::Number(n, text) if needs_text(n, text) => {
                texts.insert(pointer.to_owned(), text.clone());
            }
            NodeKind::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, &push_token(pointer, &index.to_string()), texts);
                }
            }
            NodeKind::Object(entries) => {
                for (key, value) in entries {
                    walk(value, &push_token(pointer, key), texts);
                }
            }
            _ => {}
        }
    }
    let mut texts = NumberTexts::new();
    walk(node, "", &mut texts);
    texts
}

/// A node's kind, for messages.
pub(super) fn describe(kind: &NodeKind) -> String {
    match kind {
        NodeKind::Null => "null".to_owned(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Number(_, text) => text.clone(),
        NodeKind::String(text) => format!("{text:?}"),
        NodeKind::ShapeId(text) => format!("shape ID `{text}`"),
        NodeKind::Array(_) => "an array".to_owned(),
        NodeKind::Object(_) => "an object".to_owned(),
    }
}
