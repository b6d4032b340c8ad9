//! One entry of `shapes`: its `type`, closed property list, traits, mixins and kind.

use serde_json::{Map, Value};

use super::context::Ctx;
use super::members::{parse_members, required_member, unit};
use super::refs::target_refs;
use super::service_shapes::{parse_operation, parse_resource, parse_service};
use super::traits::parse_traits;
use crate::model::{Member, Shape, ShapeId, ShapeKind, SimpleType, Traits};

/// Properties every shape may have.
const COMMON: &[&str] = &["type", "traits", "mixins"];

/// The properties a shape type adds to [`COMMON`]; `None` for an unknown type.
fn type_properties(type_name: &str) -> Option<&'static [&'static str]> {
    if SimpleType::from_type_name(type_name).is_some() {
        return Some(&[]);
    }
    Some(match type_name {
        "enum" | "intEnum" | "structure" | "union" => &["members"],
        "list" | "set" => &["member"],
        "map" => &["key", "value"],
        "service" => &["version", "operations", "resources", "errors", "rename"],
        "operation" => &["input", "output", "errors"],
        "resource" => &[
            "identifiers",
            "properties",
            "create",
            "put",
            "read",
            "update",
            "delete",
            "list",
            "operations",
            "collectionOperations",
            "resources",
        ],
        _ => return None,
    })
}

/// The `type` string of a shape entry, reporting a missing or non-string one.
pub(super) fn type_name<'v>(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &'v Map<String, Value>,
) -> Option<&'v str> {
    match shape.get("type") {
        Some(value) => ctx.string(value, id, "`type`"),
        None => {
            ctx.shape_error(id, "missing the `type` property");
            None
        }
    }
}

/// Builds a shape (not `apply`) from its JSON definition; `None` after reporting errors.
pub(super) fn parse_shape(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
    type_name: &str,
) -> Option<Shape> {
    let Some(extra) = type_properties(type_name) else {
        ctx.shape_error(id, format!("unknown shape type `{type_name}`"));
        return None;
    };
    for key in shape.keys() {
        if !COMMON.contains(&key.as_str()) && !extra.contains(&key.as_str()) {
            // Smithy's loader warns and ignores the property; so do we.
            let message = format!("property `{key}` is not allowed on {type_name} shapes: ignored");
            ctx.shape_warning(id, message);
        }
    }
    let traits = parse_traits(ctx, id, shape.get("traits"));
    let mixins = shape
        .get("mixins")
        .map(|value| target_refs(ctx, id, "mixins", value))
        .unwrap_or_default();
    let kind = parse_kind(ctx, id, shape, type_name)?;
    Some(Shape {
        id: id.clone(),
        kind,
        traits,
        mixins,
    })
}

fn parse_kind(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
    type_name: &str,
) -> Option<ShapeKind> {
    if let Some(simple) = SimpleType::from_type_name(type_name) {
        return Some(ShapeKind::Simple(simple));
    }
    let unit = unit();
    Some(match type_name {
        "enum" => ShapeKind::Enum(parse_members(ctx, id, shape, Some(&unit))),
        "intEnum" => ShapeKind::IntEnum(parse_members(ctx, id, shape, Some(&unit))),
        "structure" => ShapeKind::Structure(parse_members(ctx, id, shape, None)),
        "union" => ShapeKind::Union(parse_members(ctx, id, shape, None)),
        "list" => ShapeKind::List(collection_member(ctx, id, shape, "member")?),
        "set" => ShapeKind::Set(collection_member(ctx, id, shape, "member")?),
        "map" => {
            // Both are read before returning so that both missing are reported.
            let key = collection_member(ctx, id, shape, "key");
            let value = collection_member(ctx, id, shape, "value");
            ShapeKind::Map {
                key: key?,
                value: value?,
            }
        }
        "service" => ShapeKind::Service(parse_service(ctx, id, shape)),
        "operation" => ShapeKind::Operation(parse_operation(ctx, id, shape)),
        "resource" => ShapeKind::Resource(parse_resource(ctx, id, shape)),
        _ => return None,
    })
}

/// A list's `member` or a map's `key` / `value`. A shape with mixins may leave it out and
/// inherit it: it then targets `smithy.api#Unit` until [`super::inherit_collection_members`]
/// copies the mixin's target (a collection of `Unit` is never valid, so nothing is lost).
fn collection_member(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
    name: &str,
) -> Option<Member> {
    let has_mixins = shape
        .get("mixins")
        .and_then(Value::as_array)
        .is_some_and(|m| !m.is_empty());
    if has_mixins && !shape.contains_key(name) {
        return Some(Member {
            name: name.to_owned(),
            target: unit(),
            traits: Traits::new(),
        });
    }
    required_member(ctx, id, shape, name)
}

/// An `apply` entry: only `type` and `traits` belong to it.
pub(super) fn parse_apply(ctx: &mut Ctx<'_>, id: &ShapeId, shape: &Map<String, Value>) -> Traits {
    ctx.check_properties(shape, &["type", "traits"], id, "an apply entry");
    parse_traits(ctx, id, shape.get("traits"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn parse(value: Value) -> (Option<Shape>, String) {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let id = ShapeId::new("ns", "S");
        let object = value.as_object().cloned().unwrap_or_default();
        let shape = type_name(&mut ctx, &id, &object)
            .map(str::to_owned)
            .and_then(|name| parse_shape(&mut ctx, &id, &object, &name));
        (shape, ctx.diags.to_string())
    }

    #[test]
    fn every_simple_type_is_known() {
        for name in [
            "blob",
            "boolean",
            "string",
            "byte",
            "short",
            "integer",
            "long",
            "float",
            "double",
            "bigInteger",
            "bigDecimal",
            "timestamp",
            "document",
        ] {
            let (shape, errors) = parse(json!({"type": name}));
            let kind = shape.map(|s| s.kind);
            assert_eq!(
                kind.as_ref().map(ShapeKind::type_name),
                Some(name),
                "{errors}"
            );
        }
    }

    #[test]
    fn mixins_and_traits_are_read() {
        let (shape, errors) = parse(json!({
            "type": "structure",
            "mixins": [{"target": "ns#Mixin"}],
            "traits": {"smithy.api#documentation": "d"},
            "members": {}
        }));
        let shape = shape.unwrap_or_else(|| panic!("{errors}"));
        assert_eq!(shape.mixins, vec![ShapeId::new("ns", "Mixin")]);
        assert_eq!(shape.traits.documentation(), Some("d"));
    }

    #[test]
    fn unknown_type_names_the_shape() {
        let (shape, errors) = parse(json!({"type": "strukture"}));
        assert!(shape.is_none());
        assert!(
            errors.contains("ns#S: unknown shape type `strukture`"),
            "{errors}"
        );
        let (_, errors) = parse(json!({}));
        assert!(
            errors.contains("ns#S: missing the `type` property"),
            "{errors}"
        );
    }

    #[test]
    fn misplaced_properties_are_ignored_with_a_warning() {
        // Smithy's AST loader warns of properties a shape type does not have and reads on.
        let (shape, text) = parse(json!({"type": "string", "members": {}}));
        assert!(shape.is_some(), "{text}");
        assert!(
            text.starts_with("warning: ")
                && text
                    .contains("ns#S: property `members` is not allowed on string shapes: ignored"),
            "{text}"
        );
        let (shape, text) = parse(json!({"type": "structure", "member": {"target": "ns#T"}}));
        assert!(
            shape.is_some_and(|s| matches!(s.kind, ShapeKind::Structure(ref m) if m.is_empty()))
        );
        assert!(
            text.contains("property `member` is not allowed on structure shapes"),
            "{text}"
        );
        let (shape, text) = parse(json!({"type": "list", "member": {"target": "ns#T"}, "key": {}}));
        assert!(shape.is_some() && text.contains("`key`"), "{text}");
        let (shape, text) = parse(json!({"type": "operation", "version": "1"}));
        assert!(shape.is_some(), "{text}");
        assert!(
            text.contains("`version` is not allowed on operation shapes"),
            "{text}"
        );
        assert!(!text.contains("error"), "{text}");
    }

    #[test]
    fn missing_key_and_value_are_both_reported() {
        let (shape, errors) = parse(json!({"type": "map"}));
        assert!(shape.is_none());
        assert!(
            errors.contains("`key`") && errors.contains("`value`"),
            "{errors}"
        );
        let (_, errors) = parse(json!({"type": "set"}));
        assert!(
            errors.contains("missing required property `member`"),
            "{errors}"
        );
    }

    #[test]
    fn apply_allows_only_traits() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let id = ShapeId::new("ns", "S").with_member("m");
        let object = json!({"type": "apply", "traits": {"ns#t": 1}, "members": {}});
        let object = object.as_object().cloned().unwrap_or_default();
        let traits = parse_apply(&mut ctx, &id, &object);
        assert_eq!(traits.get("ns#t"), Some(&json!(1)));
        assert!(ctx
            .diags
            .to_string()
            .contains("ns#S$m: unexpected property `members`"));
    }
}
