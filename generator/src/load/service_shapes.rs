//! Properties of service, operation and resource shapes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::context::Ctx;
use super::refs::{named_refs, target_ref, target_refs};
use crate::model::{Operation, Resource, Service, ShapeId};

fn refs(ctx: &mut Ctx<'_>, id: &ShapeId, shape: &Map<String, Value>, key: &str) -> Vec<ShapeId> {
    shape
        .get(key)
        .map(|value| target_refs(ctx, id, key, value))
        .unwrap_or_default()
}

fn one_ref(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
    key: &str,
) -> Option<ShapeId> {
    let value = shape.get(key)?;
    target_ref(ctx, id, &format!("`{key}`"), value)
}

pub(super) fn parse_service(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
) -> Service {
    let version = shape
        .get("version")
        .and_then(|value| ctx.string(value, id, "`version`"))
        .map(str::to_owned);
    Service {
        version,
        operations: refs(ctx, id, shape, "operations"),
        resources: refs(ctx, id, shape, "resources"),
        errors: refs(ctx, id, shape, "errors"),
        rename: shape
            .get("rename")
            .map(|value| parse_rename(ctx, id, value))
            .unwrap_or_default(),
    }
}

/// `rename`: absolute shape ID to the new shape name.
fn parse_rename(ctx: &mut Ctx<'_>, id: &ShapeId, value: &Value) -> BTreeMap<ShapeId, String> {
    let mut rename = BTreeMap::new();
    let Some(object) = ctx.object(value, id, "`rename`") else {
        return rename;
    };
    for (from, to) in object {
        let target = ctx.parse_id(from, id, "`rename` key");
        let name = ctx.string(to, id, &format!("`rename.{from}`"));
        if let (Some(target), Some(name)) = (target, name) {
            rename.insert(target, name.to_owned());
        }
    }
    rename
}

pub(super) fn parse_operation(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
) -> Operation {
    Operation {
        input: one_ref(ctx, id, shape, "input"),
        output: one_ref(ctx, id, shape, "output"),
        errors: refs(ctx, id, shape, "errors"),
    }
}

pub(super) fn parse_resource(
    ctx: &mut Ctx<'_>,
    id: &ShapeId,
    shape: &Map<String, Value>,
) -> Resource {
    let mut named = |key: &str| {
        shape
            .get(key)
            .map(|value| named_refs(ctx, id, key, value))
            .unwrap_or_default()
    };
    let identifiers = named("identifiers");
    let properties = named("properties");
    Resource {
        identifiers,
        properties,
        create: one_ref(ctx, id, shape, "create"),
        put: one_ref(ctx, id, shape, "put"),
        read: one_ref(ctx, id, shape, "read"),
        update: one_ref(ctx, id, shape, "update"),
        delete: one_ref(ctx, id, shape, "delete"),
        list: one_ref(ctx, id, shape, "list"),
        operations: refs(ctx, id, shape, "operations"),
        collection_operations: refs(ctx, id, shape, "collectionOperations"),
        resources: refs(ctx, id, shape, "resources"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn id(name: &str) -> ShapeId {
        ShapeId::new("ns", name)
    }

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn service_properties() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let shape = object(json!({
            "version": "2024-01-01",
            "operations": [{"target": "ns#Op"}],
            "resources": [{"target": "ns#Res"}],
            "errors": [{"target": "ns#Err"}],
            "rename": {"other#Widget": "OtherWidget"}
        }));
        let service = parse_service(&mut ctx, &id("Svc"), &shape);
        assert!(ctx.diags.is_empty(), "{}", ctx.diags);
        assert_eq!(service.version.as_deref(), Some("2024-01-01"));
        assert_eq!(service.operations, vec![id("Op")]);
        assert_eq!(service.resources, vec![id("Res")]);
        assert_eq!(service.errors, vec![id("Err")]);
        let renamed = ShapeId::new("other", "Widget");
        assert_eq!(
            service.rename.get(&renamed).map(String::as_str),
            Some("OtherWidget")
        );
    }

    #[test]
    fn operation_properties() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let shape = object(json!({
            "input": {"target": "ns#In"}, "output": {"target": "ns#Out"},
            "errors": [{"target": "ns#E1"}, {"target": "ns#E2"}]
        }));
        let operation = parse_operation(&mut ctx, &id("Op"), &shape);
        assert_eq!(operation.input, Some(id("In")));
        assert_eq!(operation.output, Some(id("Out")));
        assert_eq!(operation.errors, vec![id("E1"), id("E2")]);
    }

    #[test]
    fn resource_properties() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let shape = object(json!({
            "identifiers": {"id": {"target": "smithy.api#String"}},
            "properties": {"name": {"target": "smithy.api#String"}},
            "create": {"target": "ns#C"}, "put": {"target": "ns#P"}, "read": {"target": "ns#R"},
            "update": {"target": "ns#U"}, "delete": {"target": "ns#D"}, "list": {"target": "ns#L"},
            "operations": [{"target": "ns#O"}],
            "collectionOperations": [{"target": "ns#CO"}],
            "resources": [{"target": "ns#Child"}]
        }));
        let resource = parse_resource(&mut ctx, &id("Res"), &shape);
        assert!(ctx.diags.is_empty(), "{}", ctx.diags);
        assert!(resource.identifiers.contains_key("id"));
        assert!(resource.properties.contains_key("name"));
        let all: Vec<_> = resource
            .all_operations()
            .map(|o| o.name().to_owned())
            .collect();
        assert_eq!(all, ["C", "P", "R", "U", "D", "L", "O", "CO"]);
        assert_eq!(resource.resources, vec![id("Child")]);
    }

    #[test]
    fn bad_values_are_reported_together() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let shape = object(json!({"version": 1, "rename": {"bad": "X"}, "errors": {}}));
        parse_service(&mut ctx, &id("Svc"), &shape);
        let text = ctx.diags.to_string();
        assert!(text.contains("`version` must be a string"), "{text}");
        assert!(
            text.contains("`rename` key: invalid shape ID `bad`"),
            "{text}"
        );
        assert!(text.contains("`errors` must be an array"), "{text}");
    }
}
