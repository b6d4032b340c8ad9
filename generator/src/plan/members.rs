//! Member-level decisions: Rust type, optionality (Smithy 2.0 rules), default, wire name,
//! redaction and timestamp format.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use super::constraints;
use super::defaults;
use super::http;
use super::naming::{self, RustIdent};
use super::placement::Placement;
use super::recursion;
use super::rust_type::RustType;
use super::{MemberPlan, TimestampFormat};
use crate::model::{traits::ids, Member, ShapeId, ShapeKind, SimpleType};
use crate::resolve::ResolvedModel;

/// What planning a member needs to know about the rest of the model.
pub struct Context<'a> {
    pub model: &'a ResolvedModel,
    pub placement: &'a Placement,
    pub components: &'a BTreeMap<ShapeId, usize>,
    /// The model's patterns, collected as members are planned.
    pub patterns: std::cell::RefCell<constraints::Patterns>,
    /// The service's wire protocol: whether HTTP bindings and `@jsonName` apply.
    pub protocol: Option<super::protocol::Protocol>,
    /// The service has `@awsQueryCompatible`.
    pub query_compatible: bool,
}

impl Context<'_> {
    /// Whether `shape` is some operation's input.
    pub fn is_operation_input(&self, shape: &ShapeId) -> bool {
        self.placement
            .op_inputs
            .values()
            .any(|io| matches!(io, super::placement::IoType::Shape(id) if id == shape))
    }

    /// Whether `shape` is some operation's output.
    pub fn is_operation_output(&self, shape: &ShapeId) -> bool {
        self.placement
            .op_outputs
            .values()
            .any(|io| matches!(io, super::placement::IoType::Shape(id) if id == shape))
    }

    /// The constraint checks of a member's value; `container` is the member's shape.
    pub fn checks(
        &self,
        container: &ShapeId,
        member: &Member,
    ) -> Result<constraints::Checks, String> {
        let id = container.with_member(&member.name);
        constraints::of_member(self.model, &id, member, &mut self.patterns.borrow_mut())
    }

    /// The Rust type of a value of shape `target`, without `Option` or `Box`.
    pub fn type_of(&self, target: &ShapeId) -> Result<RustType, String> {
        self.type_of_guarded(target, &mut BTreeSet::new())
    }

    fn type_of_guarded(
        &self,
        target: &ShapeId,
        seen: &mut BTreeSet<ShapeId>,
    ) -> Result<RustType, String> {
        let shape = self
            .model
            .shape(target)
            .ok_or_else(|| format!("target `{target}` does not exist"))?;
        let simple = |s: SimpleType| match s {
            SimpleType::Blob => RustType::Blob,
            SimpleType::Boolean => RustType::Bool,
            SimpleType::String => RustType::String,
            SimpleType::Byte => RustType::I8,
            SimpleType::Short => RustType::I16,
            SimpleType::Integer => RustType::I32,
            SimpleType::Long => RustType::I64,
            SimpleType::Float => RustType::F32,
            SimpleType::Double => RustType::F64,
            SimpleType::BigInteger => RustType::BigInteger,
            SimpleType::BigDecimal => RustType::BigDecimal,
            SimpleType::Timestamp => RustType::DateTime,
            SimpleType::Document => RustType::Document,
        };
        match &shape.kind {
            ShapeKind::Simple(s) => Ok(simple(*s)),
            ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_) => {
                let (module, name) = self
                    .placement
                    .types
                    .get(&target.root())
                    .ok_or_else(|| format!("`{target}` cannot be used as a member type"))?;
                Ok(RustType::Named {
                    module: module.clone(),
                    name: name.clone(),
                })
            }
            ShapeKind::List(member) | ShapeKind::Set(member) => {
                let element =
                    self.collection_element(target, member, shape.traits.has(ids::SPARSE), seen)?;
                Ok(RustType::Vec(Box::new(element)))
            }
            ShapeKind::Map { key, value } => {
                let key_type = self.collection_element(target, key, false, seen)?;
                if !matches!(key_type, RustType::String | RustType::Named { .. }) {
                    return Err(format!("map `{target}` has keys that are not strings"));
                }
                let value_type =
                    self.collection_element(target, value, shape.traits.has(ids::SPARSE), seen)?;
                Ok(RustType::Map(Box::new(key_type), Box::new(value_type)))
            }
            other => Err(format!(
                "a member cannot target `{target}`, a {} shape",
                other.type_name()
            )),
        }
    }

    fn collection_element(
        &self,
        collection: &ShapeId,
        member: &Member,
        sparse: bool,
        seen: &mut BTreeSet<ShapeId>,
    ) -> Result<RustType, String> {
        if !seen.insert(collection.clone()) {
            return Err(format!(
                "`{collection}` contains itself through lists and maps only; put a structure or union in the cycle"
            ));
        }
        let element = self.type_of_guarded(&member.target, seen)?;
        seen.remove(collection);
        Ok(if sparse { element.option() } else { element })
    }

    /// Whether values of `target` must be redacted by the container: the shape is
    /// `@sensitive`, or it is a collection of such values. Structures and unions redact themselves.
    pub fn redacts(&self, target: &ShapeId) -> bool {
        self.redacts_guarded(target, &mut BTreeSet::new())
    }

    fn redacts_guarded(&self, target: &ShapeId, seen: &mut BTreeSet<ShapeId>) -> bool {
        let Some(shape) = self.model.shape(target) else {
            return false;
        };
        if shape.traits.is_sensitive() {
            return true;
        }
        if !seen.insert(target.clone()) {
            return false;
        }
        match &shape.kind {
            ShapeKind::List(m) | ShapeKind::Set(m) => self.redacts_guarded(&m.target, seen),
            ShapeKind::Map { key, value } => {
                self.redacts_guarded(&key.target, seen) || self.redacts_guarded(&value.target, seen)
            }
            _ => false,
        }
    }

    /// The format of the timestamps the member holds: the member's `@timestampFormat`, else
    /// its target's; for a member holding lists and maps (a list of timestamps, a map of lists
    /// of them), that of the innermost member, the one targeting the timestamp (Smithy puts
    /// the trait only on timestamps and members targeting them), at any depth.
    pub fn timestamp_format(&self, member: &Member) -> Option<TimestampFormat> {
        // RPC v2 writes every timestamp as epoch seconds, whatever the model says.
        if self.protocol.is_some_and(|p| !p.timestamp_format()) {
            return None;
        }
        let mut member = member;
        // Bounded: a list that contains itself (through other lists and maps only) holds no
        // timestamp.
        for _ in 0..MAX_ITEM_DEPTH {
            let target = self.model.shape(&member.target)?;
            match &target.kind {
                ShapeKind::List(item) | ShapeKind::Set(item) => member = item,
                ShapeKind::Map { value, .. } => member = value,
                _ => {
                    let text = member
                        .traits
                        .string(ids::TIMESTAMP_FORMAT)
                        .or_else(|| target.traits.string(ids::TIMESTAMP_FORMAT))?;
                    return match text {
                        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
                        "date-time" => Some(TimestampFormat::DateTime),
                        "http-date" => Some(TimestampFormat::HttpDate),
                        _ => None,
                    };
                }
            }
        }
        None
    }

    /// Whether a member of `container` targeting `target` closes a containment cycle.
    pub fn needs_box(&self, container: &ShapeId, target: &ShapeId) -> bool {
        recursion::needs_box(self.components, container, target)
    }
}

/// How many lists and maps deep [`Context::timestamp_format`] looks for the timestamp.
const MAX_ITEM_DEPTH: usize = 64;

/// Documentation of a member, else of its target shape.
pub fn docs_of(model: &ResolvedModel, member: &Member) -> Option<String> {
    member
        .traits
        .documentation()
        .or_else(|| {
            model
                .shape(&member.target)
                .and_then(|s| s.traits.documentation())
        })
        .map(str::to_owned)
}

/// Plans one structure member.
///
/// Optionality follows the Smithy 2.0 rules for clients: a member is `Option` when it is
/// `@clientOptional`, belongs to an `@input` structure, or is neither `@required` nor has a
/// (non-null) `@default`.
pub fn plan_member(
    ctx: &Context<'_>,
    container: &ShapeId,
    container_is_input: bool,
    member: &Member,
) -> Result<MemberPlan, String> {
    let mut value_type = ctx.type_of(&member.target)?;
    if ctx.needs_box(container, &member.target) {
        value_type = value_type.boxed();
    }
    // An input's event stream is the events to send, in order (the transport sends whole
    // requests); an output's is read apart, by the operation's `event_receiver`.
    let stream = ctx
        .model
        .shape(&member.target)
        .is_some_and(|t| matches!(t.kind, ShapeKind::Union(_)) && http::is_streaming(&t.traits));
    // An event stream is sent whenever its structure is an operation's input, with or without
    // `@input` (which only changes optionality).
    if stream && (container_is_input || ctx.is_operation_input(container)) {
        value_type = RustType::Vec(Box::new(ctx.type_of(&member.target)?));
    }
    // Without HTTP bindings every member is in the body.
    let binding = if ctx.protocol.is_none_or(|p| p.http_bindings()) {
        http::Binding::of(member)
    } else {
        http::Binding::Body
    };
    // A `@streaming` blob bound to an output's payload is read as it arrives; a structure
    // that is also an input keeps `Blob` (inputs are sent whole).
    let streaming_blob = value_type == RustType::Blob
        && binding == http::Binding::Payload
        && ctx.protocol.is_some()
        && ctx
            .model
            .shape(&member.target)
            .is_some_and(|t| http::is_streaming(&t.traits));
    if streaming_blob
        && !container_is_input
        && ctx.is_operation_output(container)
        && !ctx.is_operation_input(container)
    {
        value_type = RustType::ByteStream;
    }
    let required = member.traits.is_required();
    let target_kind = &ctx
        .model
        .shape(&member.target)
        .ok_or_else(|| format!("target `{}` does not exist", member.target))?
        .kind;
    let default = match member.traits.get(ids::DEFAULT) {
        Some(value) => {
            let text = member.traits.number_text(ids::DEFAULT, "");
            defaults::parse(value, text.as_deref(), target_kind)?
        }
        None => None,
    };
    let client_optional = member.traits.has(ids::CLIENT_OPTIONAL) || container_is_input;
    let optional = client_optional || (!required && default.is_none());
    // Wanted names; the structure's planning makes them distinct (`disambiguate::members`).
    let field = naming::field_name(&member.name);
    Ok(MemberPlan {
        member_name: member.name.clone(),
        setter: field.clone(),
        option_setter: RustIdent {
            name: format!("set_{}", field.name.trim_end_matches('_')),
            raw: false,
        },
        cli_flag: member.name.to_kebab_case(),
        field,
        wire_name: member
            .traits
            .string(ids::JSON_NAME)
            .filter(|_| ctx.protocol.is_none_or(|p| p.json_name()))
            .unwrap_or(&member.name)
            .to_owned(),
        docs: docs_of(ctx.model, member),
        target: member.target.clone(),
        value_type,
        optional,
        required,
        default: if optional { None } else { default },
        sensitive: member.traits.is_sensitive() || ctx.redacts(&member.target),
        timestamp_format: ctx.timestamp_format(member),
        binding,
        idempotency_token: http::is_idempotency_token(member),
        host_label: http::is_host_label(member),
        media_type: ctx
            .model
            .shape(&member.target)
            .and_then(|s| s.traits.string(http::MEDIA_TYPE))
            .map(str::to_owned),
        aliases: Vec::new(),
        checks: ctx.checks(container, member)?,
        event: http::event_binding(member),
    })
}
