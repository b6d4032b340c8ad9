//! One shape as a JSON AST value (keys are sorted afterwards, by the caller).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::model::{Member, Operation, Resource, Service, Shape, ShapeId, ShapeKind, Traits};
use crate::resolve::PRELUDE_NAMESPACE;

/// A shape definition: `type`, `mixins`, its kind's properties, `traits`.
pub(super) fn shape(shape: &Shape) -> Value {
    let mut object = Map::new();
    object.insert("type".to_owned(), Value::from(shape.kind.type_name()));
    if !shape.mixins.is_empty() {
        // Mixin order decides which mixin's traits win: kept as defined.
        let mixins = shape.mixins.iter().map(reference).collect();
        object.insert("mixins".to_owned(), Value::Array(mixins));
    }
    match &shape.kind {
        ShapeKind::Simple(_) => {}
        ShapeKind::Enum(members)
        | ShapeKind::IntEnum(members)
        | ShapeKind::Structure(members)
        | ShapeKind::Union(members) => {
            let members = members
                .iter()
                .map(|m| (m.name.clone(), member(m)))
                .collect();
            object.insert("members".to_owned(), Value::Object(members));
        }
        ShapeKind::List(item) | ShapeKind::Set(item) => {
            object.insert("member".to_owned(), member(item));
        }
        ShapeKind::Map { key, value } => {
            object.insert("key".to_owned(), member(key));
            object.insert("value".to_owned(), member(value));
        }
        ShapeKind::Service(service) => service_properties(service, &mut object),
        ShapeKind::Operation(operation) => operation_properties(operation, &mut object),
        ShapeKind::Resource(resource) => resource_properties(resource, &mut object),
    }
    insert_traits(&mut object, &shape.traits);
    Value::Object(object)
}

/// An `apply` entry carrying `traits`.
pub(super) fn apply(traits: &Traits) -> Value {
    let mut object = Map::new();
    object.insert("type".to_owned(), Value::from("apply"));
    insert_traits(&mut object, traits);
    Value::Object(object)
}

fn member(member: &Member) -> Value {
    let mut object = Map::new();
    object.insert("target".to_owned(), Value::from(member.target.to_string()));
    insert_traits(&mut object, &member.traits);
    Value::Object(object)
}

/// `traits`, keyed by absolute trait ID, when there are any.
fn insert_traits(object: &mut Map<String, Value>, traits: &Traits) {
    if traits.is_empty() {
        return;
    }
    let traits = traits
        .iter()
        .map(|(id, value)| (id.to_string(), value.clone()))
        .collect();
    object.insert("traits".to_owned(), Value::Object(traits));
}

fn reference(id: &ShapeId) -> Value {
    json!({ "target": id.to_string() })
}

/// A list of references sorted by ID (Smithy sorts these sets of IDs); left out when empty.
fn insert_sorted_refs(object: &mut Map<String, Value>, key: &str, ids: &[ShapeId]) {
    if ids.is_empty() {
        return;
    }
    let mut ids: Vec<String> = ids.iter().map(ShapeId::to_string).collect();
    ids.sort();
    let refs = ids.into_iter().map(|id| json!({ "target": id })).collect();
    object.insert(key.to_owned(), Value::Array(refs));
}

fn insert_ref(object: &mut Map<String, Value>, key: &str, id: Option<&ShapeId>) {
    if let Some(id) = id {
        object.insert(key.to_owned(), reference(id));
    }
}

/// `identifiers` / `properties`: name to reference; left out when empty.
fn insert_named_refs(object: &mut Map<String, Value>, key: &str, refs: &BTreeMap<String, ShapeId>) {
    if refs.is_empty() {
        return;
    }
    let refs = refs
        .iter()
        .map(|(name, id)| (name.clone(), reference(id)))
        .collect();
    object.insert(key.to_owned(), Value::Object(refs));
}

fn service_properties(service: &Service, object: &mut Map<String, Value>) {
    if let Some(version) = &service.version {
        object.insert("version".to_owned(), Value::from(version.as_str()));
    }
    insert_sorted_refs(object, "operations", &service.operations);
    insert_sorted_refs(object, "resources", &service.resources);
    insert_sorted_refs(object, "errors", &service.errors);
    if !service.rename.is_empty() {
        let rename = service
            .rename
            .iter()
            .map(|(id, name)| (id.to_string(), Value::from(name.as_str())))
            .collect();
        object.insert("rename".to_owned(), Value::Object(rename));
    }
}

/// `input` and `output` always: a missing one means `smithy.api#Unit` in Smithy 2.0.
fn operation_properties(operation: &Operation, object: &mut Map<String, Value>) {
    let unit = ShapeId::new(PRELUDE_NAMESPACE, "Unit");
    let input = operation.input.as_ref().unwrap_or(&unit);
    let output = operation.output.as_ref().unwrap_or(&unit);
    object.insert("input".to_owned(), reference(input));
    object.insert("output".to_owned(), reference(output));
    insert_sorted_refs(object, "errors", &operation.errors);
}

fn resource_properties(resource: &Resource, object: &mut Map<String, Value>) {
    insert_named_refs(object, "identifiers", &resource.identifiers);
    insert_named_refs(object, "properties", &resource.properties);
    insert_ref(object, "create", resource.create.as_ref());
    insert_ref(object, "put", resource.put.as_ref());
    insert_ref(object, "read", resource.read.as_ref());
    insert_ref(object, "update", resource.update.as_ref());
    insert_ref(object, "delete", resource.delete.as_ref());
    insert_ref(object, "list", resource.list.as_ref());
    insert_sorted_refs(object, "operations", &resource.operations);
    insert_sorted_refs(
        object,
        "collectionOperations",
        &resource.collection_operations,
    );
    insert_sorted_refs(object, "resources", &resource.resources);
}
