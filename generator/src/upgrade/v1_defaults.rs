//! Smithy 1.0 nullability: members targeting prelude primitives were non-null with a zero value.
//!
//! Kept simple: only structure members that target `smithy.api#Primitive*` directly get a
//! `smithy.api#default` (`false` or `0`), unless they already have a default or are `@box`ed.
//! Non-prelude 1.0 shapes without `@box` are not converted.

use serde_json::Value;

use crate::model::traits::ids;
use crate::model::{Shape, ShapeId, ShapeKind};

/// The zero value of a prelude primitive shape, `None` for any other target.
fn primitive_zero(target: &ShapeId) -> Option<Value> {
    if target.namespace() != "smithy.api" || target.member().is_some() {
        return None;
    }
    match target.name() {
        "PrimitiveBoolean" => Some(Value::Bool(false)),
        "PrimitiveByte" | "PrimitiveShort" | "PrimitiveInteger" | "PrimitiveLong"
        | "PrimitiveFloat" | "PrimitiveDouble" => Some(Value::from(0)),
        _ => None,
    }
}

/// Adds the 2.0 `default` trait to the structure members of a 1.0 shape that need it.
pub(super) fn add_primitive_defaults(shape: &mut Shape) {
    let ShapeKind::Structure(members) = &mut shape.kind else {
        return;
    };
    for member in members {
        if member.traits.has(ids::DEFAULT) || member.traits.has(ids::BOX) {
            continue;
        }
        if let Some(zero) = primitive_zero(&member.target) {
            member
                .traits
                .insert(ShapeId::new("smithy.api", "default"), zero);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Traits};
    use serde_json::json;

    fn member(name: &str, target: &str, traits: &[(&str, Value)]) -> Member {
        let mut set = Traits::new();
        for (id, value) in traits {
            if let Ok(id) = ShapeId::parse(id) {
                set.insert(id, value.clone());
            }
        }
        Member {
            name: name.to_owned(),
            target: ShapeId::new("smithy.api", target),
            traits: set,
        }
    }

    #[test]
    fn primitives_get_zero_defaults() {
        let mut shape = Shape {
            id: ShapeId::new("ns", "S"),
            kind: ShapeKind::Structure(vec![
                member("flag", "PrimitiveBoolean", &[]),
                member("count", "PrimitiveInteger", &[]),
                member("ratio", "PrimitiveDouble", &[]),
                member("boxed", "PrimitiveLong", &[(ids::BOX, json!({}))]),
                member("preset", "PrimitiveShort", &[(ids::DEFAULT, json!(5))]),
                member("text", "String", &[]),
            ]),
            traits: Traits::new(),
            mixins: Vec::new(),
        };
        add_primitive_defaults(&mut shape);
        let defaults: Vec<_> = shape
            .kind
            .members()
            .iter()
            .map(|m| m.traits.get(ids::DEFAULT).cloned())
            .collect();
        let expected = [
            Some(json!(false)),
            Some(json!(0)),
            Some(json!(0)),
            None,
            Some(json!(5)),
            None,
        ];
        assert_eq!(defaults, expected);
    }

    #[test]
    fn lists_are_untouched() {
        let list = ShapeKind::List(member("member", "PrimitiveInteger", &[]));
        let mut shape = Shape {
            id: ShapeId::new("ns", "L"),
            kind: list.clone(),
            traits: Traits::new(),
            mixins: Vec::new(),
        };
        add_primitive_defaults(&mut shape);
        assert_eq!(shape.kind, list);
    }
}
