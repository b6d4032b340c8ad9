//! Members: `members` maps of structures, unions and enums; `member`, `key`, `value`.

use serde_json::{Map, Value};

use super::context::Ctx;
use super::traits::parse_traits;
use crate::model::{is_identifier, Member, ShapeId};

/// The target enum members get when they omit one.
pub(super) fn unit() -> ShapeId {
    ShapeId::new("smithy.api", "Unit")
}

/// One member definition `{"target": ..., "traits": ...}` named `name` of `owner`.
/// `default_target` is used when `target` is absent (enum members); otherwise it is required.
pub(super) fn parse_member(
    ctx: &mut Ctx<'_>,
    owner: &ShapeId,
    name: &str,
    value: &Value,
    default_target: Option<&ShapeId>,
) -> Option<Member> {
    if !is_identifier(name) {
        ctx.shape_error(owner, format!("member name `{name}` is not an identifier"));
        return None;
    }
    let id = owner.with_member(name);
    let object = ctx.object(value, &id, "a member")?;
    ctx.check_properties(object, &["target", "traits"], &id, "a member");
    let traits = parse_traits(ctx, &id, object.get("traits"));
    let target = match (object.get("target"), default_target) {
        (Some(target), _) => {
            let text = ctx.string(target, &id, "`target`")?;
            ctx.parse_id(text, &id, "`target`")?
        }
        (None, Some(default)) => default.clone(),
        (None, None) => {
            ctx.shape_error(&id, "member is missing `target`");
            return None;
        }
    };
    Some(Member {
        name: name.to_owned(),
        target,
        traits,
    })
}

/// The `members` object in file order; absent means no members (mixins may add some).
pub(super) fn parse_members(
    ctx: &mut Ctx<'_>,
    owner: &ShapeId,
    shape: &Map<String, Value>,
    default_target: Option<&ShapeId>,
) -> Vec<Member> {
    let Some(value) = shape.get("members") else {
        return Vec::new();
    };
    let Some(object) = ctx.object(value, owner, "`members`") else {
        return Vec::new();
    };
    object
        .iter()
        .filter_map(|(name, member)| parse_member(ctx, owner, name, member, default_target))
        .collect()
}

/// A required single member property such as a list's `member` or a map's `key`.
pub(super) fn required_member(
    ctx: &mut Ctx<'_>,
    owner: &ShapeId,
    shape: &Map<String, Value>,
    property: &str,
) -> Option<Member> {
    let Some(value) = shape.get(property) else {
        ctx.shape_error(owner, format!("missing required property `{property}`"));
        return None;
    };
    parse_member(ctx, owner, property, value, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn owner() -> ShapeId {
        ShapeId::new("ns", "S")
    }

    fn shape(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn members_keep_file_order_and_traits() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let object = shape(json!({"members": {
            "zeta": {"target": "smithy.api#String"},
            "alpha": {"target": "ns#T", "traits": {"smithy.api#required": {}}}
        }}));
        let members = parse_members(&mut ctx, &owner(), &object, None);
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["zeta", "alpha"]);
        assert!(members.get(1).is_some_and(|m| m.traits.is_required()));
        assert!(ctx.diags.is_empty(), "{}", ctx.diags);
    }

    #[test]
    fn enum_members_default_to_unit() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let object = shape(json!({"members": {"A": {}}}));
        let members = parse_members(&mut ctx, &owner(), &object, Some(&unit()));
        assert_eq!(members.first().map(|m| m.target.clone()), Some(unit()));
    }

    #[test]
    fn missing_targets_and_members_are_errors() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let object = shape(json!({"members": {"a": {}, "b": {"target": "x"}, "c-d": {}}}));
        assert!(parse_members(&mut ctx, &owner(), &object, None).is_empty());
        assert!(required_member(&mut ctx, &owner(), &object, "member").is_none());
        let text = ctx.diags.to_string();
        assert!(
            text.contains("ns#S$a: member is missing `target`"),
            "{text}"
        );
        assert!(
            text.contains("ns#S$b: `target`: invalid shape ID `x`"),
            "{text}"
        );
        assert!(text.contains("`c-d` is not an identifier"), "{text}");
        assert!(
            text.contains("missing required property `member`"),
            "{text}"
        );
    }
}
