//! The `traits` object of a shape, member or `apply` entry.

use serde_json::Value;

use super::context::Ctx;
use crate::model::{ShapeId, Traits};

/// Reads `traits` (absolute trait shape ID to any JSON value) of `owner`.
pub(super) fn parse_traits(ctx: &mut Ctx<'_>, owner: &ShapeId, value: Option<&Value>) -> Traits {
    let mut traits = Traits::new();
    let Some(value) = value else {
        return traits;
    };
    let Some(object) = ctx.object(value, owner, "`traits`") else {
        return traits;
    };
    for (name, trait_value) in object {
        if let Some(id) = ctx.parse_id(name, owner, "trait name") {
            let texts = ctx.numbers.texts_within(trait_value);
            traits.insert_exact(id, trait_value.clone(), texts);
        }
    }
    traits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traits::ids;
    use serde_json::json;
    use std::path::Path;

    fn owner() -> ShapeId {
        ShapeId::new("ns", "S")
    }

    #[test]
    fn keeps_values_as_json() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let value = json!({"smithy.api#documentation": "Hi", "ns#custom": {"a": [1]}});
        let traits = parse_traits(&mut ctx, &owner(), Some(&value));
        assert!(ctx.diags.is_empty());
        assert_eq!(traits.documentation(), Some("Hi"));
        assert_eq!(traits.get("ns#custom"), Some(&json!({"a": [1]})));
        assert!(parse_traits(&mut ctx, &owner(), None).is_empty());
        assert!(!traits.has(ids::REQUIRED));
    }

    #[test]
    fn relative_and_member_trait_names_are_errors() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let value = json!({"required": {}, "ns#t$m": {}, "ns#ok": {}});
        let traits = parse_traits(&mut ctx, &owner(), Some(&value));
        assert_eq!(traits.len(), 1);
        let text = ctx.diags.to_string();
        assert!(
            text.contains("ns#S: trait name: invalid shape ID `required`"),
            "{text}"
        );
        assert!(text.contains("`ns#t$m`"), "{text}");
    }

    #[test]
    fn non_object_traits_are_errors() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        assert!(parse_traits(&mut ctx, &owner(), Some(&json!([]))).is_empty());
        assert!(ctx.diags.to_string().contains("`traits` must be an object"));
    }
}
