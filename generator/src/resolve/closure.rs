//! What a service reaches: its operations (directly and through resources) and every shape
//! those refer to. Walks use explicit stacks so deep models cannot overflow the call stack.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Shape, ShapeId, ShapeKind};

/// The service's operations: its own `operations`, then, depth-first through `resources`,
/// each resource's lifecycle operations, `operations` and `collectionOperations` before its
/// nested resources. First occurrence wins.
pub(super) fn service_operations(
    shapes: &BTreeMap<ShapeId, Shape>,
    service: &ShapeId,
) -> Vec<ShapeId> {
    let Some(ShapeKind::Service(svc)) = shapes.get(service).map(|s| &s.kind) else {
        return Vec::new();
    };
    let mut operations: Vec<ShapeId> = Vec::new();
    let mut push = |id: &ShapeId| {
        if !operations.contains(id) {
            operations.push(id.clone());
        }
    };
    svc.operations.iter().for_each(&mut push);

    let mut seen = BTreeSet::new();
    let mut stack: Vec<&ShapeId> = svc.resources.iter().rev().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(ShapeKind::Resource(resource)) = shapes.get(id).map(|s| &s.kind) {
            resource.all_operations().for_each(&mut push);
            stack.extend(resource.resources.iter().rev());
        }
    }
    operations
}

/// Every shape reachable from the service (prelude shapes included, the service itself
/// excluded): resources, operations, their input/output/errors, service errors, resource
/// identifiers and properties, and member targets, transitively. Missing IDs are skipped.
pub(super) fn reachable(
    shapes: &BTreeMap<ShapeId, Shape>,
    service: &ShapeId,
    operations: &[ShapeId],
) -> BTreeSet<ShapeId> {
    let mut found = BTreeSet::new();
    let mut stack: Vec<&ShapeId> = operations.iter().collect();
    if let Some(ShapeKind::Service(svc)) = shapes.get(service).map(|s| &s.kind) {
        stack.extend(&svc.resources);
        stack.extend(&svc.errors);
    }
    while let Some(id) = stack.pop() {
        let Some(shape) = shapes.get(id) else {
            continue;
        };
        if id == service || !found.insert(id.clone()) {
            continue;
        }
        match &shape.kind {
            ShapeKind::Operation(op) => {
                stack.extend(op.input.iter().chain(&op.output).chain(&op.errors));
            }
            ShapeKind::Resource(resource) => {
                stack.extend(resource.identifiers.values());
                stack.extend(resource.properties.values());
                stack.extend(resource.all_operations());
                stack.extend(&resource.resources);
            }
            kind => stack.extend(kind.members().into_iter().map(|m| &m.target)),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::Resource;

    fn nested_model() -> BTreeMap<ShapeId, Shape> {
        let mut svc = service("ex#Svc", &["ex#Ping", "ex#GetChild"]);
        if let ShapeKind::Service(s) = &mut svc.kind {
            s.resources = ids(&["ex#Parent"]);
            s.errors = ids(&["ex#SvcError"]);
        }
        let parent = resource(
            "ex#Parent",
            Resource {
                identifiers: [("id".to_owned(), id("ex#ParentId"))].into(),
                read: Some(id("ex#GetParent")),
                create: Some(id("ex#CreateParent")),
                list: Some(id("ex#ListParents")),
                operations: ids(&["ex#Touch"]),
                collection_operations: ids(&["ex#Batch"]),
                resources: ids(&["ex#Child"]),
                ..Resource::default()
            },
        );
        let child = resource(
            "ex#Child",
            Resource {
                read: Some(id("ex#GetChild")),
                delete: Some(id("ex#DeleteChild")),
                // A cycle must not loop forever.
                resources: ids(&["ex#Parent"]),
                ..Resource::default()
            },
        );
        let mut shapes = vec![
            svc,
            parent,
            child,
            string("ex#ParentId"),
            error_structure("ex#SvcError"),
        ];
        for op in [
            "ex#Ping",
            "ex#GetChild",
            "ex#GetParent",
            "ex#CreateParent",
            "ex#ListParents",
            "ex#Touch",
            "ex#Batch",
            "ex#DeleteChild",
        ] {
            shapes.push(operation(op, None, None, &[]));
        }
        shapes.push(operation("ex#Touch", Some("ex#TouchIn"), None, &[]));
        shapes.push(structure(
            "ex#TouchIn",
            vec![
                member("items", "ex#Items"),
                member("s", "smithy.api#String"),
            ],
        ));
        shapes.push(list("ex#Items", "ex#Item"));
        shapes.push(structure("ex#Item", vec![member("self", "ex#Item")]));
        shapes.push(structure("ex#Unreachable", vec![]));
        let mut shapes = model(shapes).shapes;
        super::super::prelude::add(&mut shapes, &BTreeMap::new(), &mut Default::default());
        shapes
    }

    #[test]
    fn operations_are_found_through_nested_resources() {
        let shapes = nested_model();
        assert_eq!(
            service_operations(&shapes, &id("ex#Svc")),
            ids(&[
                "ex#Ping",
                "ex#GetChild",
                "ex#CreateParent",
                "ex#GetParent",
                "ex#ListParents",
                "ex#Touch",
                "ex#Batch",
                "ex#DeleteChild",
            ])
        );
    }

    #[test]
    fn reachable_follows_members_and_resources() {
        let shapes = nested_model();
        let ops = service_operations(&shapes, &id("ex#Svc"));
        let found = reachable(&shapes, &id("ex#Svc"), &ops);
        for expected in [
            "ex#Parent",
            "ex#Child",
            "ex#ParentId",
            "ex#SvcError",
            "ex#TouchIn",
            "ex#Items",
            "ex#Item",
            "smithy.api#String",
        ] {
            assert!(
                found.contains(&id(expected)),
                "{expected} missing from {found:?}"
            );
        }
        assert!(!found.contains(&id("ex#Unreachable")));
        assert!(!found.contains(&id("ex#Svc")));
    }

    #[test]
    fn a_missing_service_has_no_operations() {
        let shapes = nested_model();
        assert!(service_operations(&shapes, &id("ex#Nope")).is_empty());
        assert!(reachable(&shapes, &id("ex#Nope"), &[]).is_empty());
    }
}
