//! Small builders for the inline test models of this module.

use serde_json::Value;

pub use serde_json::json;

use crate::diagnostics::Diagnostics;
use crate::model::{
    Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind, SimpleType, Traits,
};

pub fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

pub fn ids(texts: &[&str]) -> Vec<ShapeId> {
    texts.iter().map(|t| id(t)).collect()
}

pub fn traits(pairs: &[(&str, Value)]) -> Traits {
    let mut traits = Traits::new();
    for (name, value) in pairs {
        traits.insert(id(name), value.clone());
    }
    traits
}

pub fn member(name: &str, target: &str) -> Member {
    Member {
        name: name.to_owned(),
        target: id(target),
        traits: Traits::new(),
    }
}

pub fn shape(shape_id: &str, kind: ShapeKind) -> Shape {
    Shape {
        id: id(shape_id),
        kind,
        traits: Traits::new(),
        mixins: Vec::new(),
    }
}

pub fn string(shape_id: &str) -> Shape {
    shape(shape_id, ShapeKind::Simple(SimpleType::String))
}

pub fn structure(shape_id: &str, members: Vec<Member>) -> Shape {
    shape(shape_id, ShapeKind::Structure(members))
}

pub fn error_structure(shape_id: &str) -> Shape {
    with_trait(
        structure(shape_id, Vec::new()),
        "smithy.api#error",
        json!("client"),
    )
}

pub fn list(shape_id: &str, target: &str) -> Shape {
    shape(shape_id, ShapeKind::List(member("member", target)))
}

pub fn map(shape_id: &str, key: &str, value: &str) -> Shape {
    shape(
        shape_id,
        ShapeKind::Map {
            key: member("key", key),
            value: member("value", value),
        },
    )
}

pub fn operation(
    shape_id: &str,
    input: Option<&str>,
    output: Option<&str>,
    errors: &[&str],
) -> Shape {
    shape(
        shape_id,
        ShapeKind::Operation(Operation {
            input: input.map(id),
            output: output.map(id),
            errors: ids(errors),
        }),
    )
}

pub fn service(shape_id: &str, operations: &[&str]) -> Shape {
    shape(
        shape_id,
        ShapeKind::Service(Service {
            version: Some("2024-01-01".to_owned()),
            operations: ids(operations),
            ..Service::default()
        }),
    )
}

pub fn resource(shape_id: &str, resource: Resource) -> Shape {
    shape(shape_id, ShapeKind::Resource(resource))
}

pub fn with_trait(mut shape: Shape, trait_id: &str, value: Value) -> Shape {
    shape.traits.insert(id(trait_id), value);
    shape
}

pub fn with_member_trait(mut member: Member, trait_id: &str, value: Value) -> Member {
    member.traits.insert(id(trait_id), value);
    member
}

pub fn mixin(shape: Shape) -> Shape {
    with_trait(shape, "smithy.api#mixin", json!({}))
}

pub fn with_mixins(mut shape: Shape, mixins: &[&str]) -> Shape {
    shape.mixins = ids(mixins);
    shape
}

pub fn model(shapes: Vec<Shape>) -> Model {
    let mut model = Model::default();
    for shape in shapes {
        model.shapes.insert(shape.id.clone(), shape);
    }
    model
}

/// Every diagnostic message, one per line, for `contains` assertions.
pub fn messages(diags: &Diagnostics) -> String {
    diags
        .0
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
