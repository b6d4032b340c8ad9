//! Shape references: `{"target": "ns#Name"}`, lists of them, and maps of name to them.

use std::collections::BTreeMap;

use serde_json::Value;

use super::context::{kind_of, Ctx};
use crate::model::ShapeId;

/// One `{"target": ...}` object in property `what` of `owner`.
pub(super) fn target_ref(
    ctx: &mut Ctx<'_>,
    owner: &ShapeId,
    what: &str,
    value: &Value,
) -> Option<ShapeId> {
    let object = ctx.object(value, owner, what)?;
    ctx.check_properties(object, &["target"], owner, what);
    let Some(target) = object.get("target") else {
        ctx.shape_error(owner, format!("{what} is missing `target`"));
        return None;
    };
    let text = ctx.string(target, owner, &format!("{what}.target"))?;
    ctx.parse_id(text, owner, what)
}

/// An array of `{"target": ...}` objects.
pub(super) fn target_refs(
    ctx: &mut Ctx<'_>,
    owner: &ShapeId,
    what: &str,
    value: &Value,
) -> Vec<ShapeId> {
    let Some(items) = value.as_array() else {
        let message = format!("`{what}` must be an array, found {}", kind_of(value));
        ctx.shape_error(owner, message);
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| target_ref(ctx, owner, &format!("an entry of `{what}`"), item))
        .collect()
}

/// An object of name to `{"target": ...}` (resource identifiers and properties).
pub(super) fn named_refs(
    ctx: &mut Ctx<'_>,
    owner: &ShapeId,
    what: &str,
    value: &Value,
) -> BTreeMap<String, ShapeId> {
    let Some(object) = ctx.object(value, owner, &format!("`{what}`")) else {
        return BTreeMap::new();
    };
    let mut refs = BTreeMap::new();
    for (name, item) in object {
        if let Some(id) = target_ref(ctx, owner, &format!("`{what}.{name}`"), item) {
            refs.insert(name.clone(), id);
        }
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn owner() -> ShapeId {
        ShapeId::new("ns", "S")
    }

    #[test]
    fn reads_lists_and_maps_of_targets() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let list = json!([{"target": "ns#A"}, {"target": "ns#B"}]);
        let ids = target_refs(&mut ctx, &owner(), "errors", &list);
        assert_eq!(ids, vec![ShapeId::new("ns", "A"), ShapeId::new("ns", "B")]);
        let map = json!({"id": {"target": "smithy.api#String"}});
        let named = named_refs(&mut ctx, &owner(), "identifiers", &map);
        assert_eq!(named.get("id"), Some(&ShapeId::new("smithy.api", "String")));
        assert!(ctx.diags.is_empty(), "{}", ctx.diags);
    }

    #[test]
    fn reports_every_bad_entry() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let list = json!([{"target": "bad"}, {}, "ns#A", {"target": "ns#A", "x": 1}]);
        let ids = target_refs(&mut ctx, &owner(), "errors", &list);
        assert_eq!(ids, vec![ShapeId::new("ns", "A")]);
        let text = ctx.diags.to_string();
        assert!(text.contains("`bad`"), "{text}");
        assert!(text.contains("missing `target`"), "{text}");
        assert!(text.contains("must be an object"), "{text}");
        assert!(text.contains("`x`"), "{text}");
        assert_eq!(ctx.diags.0.len(), 4);
    }

    #[test]
    fn a_non_array_is_reported() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        assert!(target_refs(&mut ctx, &owner(), "mixins", &json!({})).is_empty());
        assert!(ctx.diags.to_string().contains("`mixins` must be an array"));
    }
}
