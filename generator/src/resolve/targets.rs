//! Checks that every reference names an existing shape of a kind allowed in that place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::prelude::UNIT_TYPE;
use super::{a_kind, error_at};
use crate::diagnostics::Diagnostics;
use crate::model::traits::ids;
use crate::model::{Member, Shape, ShapeId, ShapeKind, SimpleType};

/// What a reference may point at.
#[derive(Clone, Copy)]
enum Expect {
    /// Member targets: any data shape; `Unit` only where `allow_unit`.
    Data {
        allow_unit: bool,
    },
    /// Map keys: strings and string enums.
    StringLike,
    Structure,
    /// Structures with the `error` trait.
    Error,
    Operation,
    Resource,
}

struct Checker<'a> {
    shapes: &'a BTreeMap<ShapeId, Shape>,
    removed_mixins: &'a BTreeSet<ShapeId>,
    sources: &'a BTreeMap<ShapeId, PathBuf>,
    diags: &'a mut Diagnostics,
}

/// Checks every shape of the model (not only the service's closure), as Smithy does.
pub(super) fn check(
    shapes: &BTreeMap<ShapeId, Shape>,
    removed_mixins: &BTreeSet<ShapeId>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) {
    let mut checker = Checker {
        shapes,
        removed_mixins,
        sources,
        diags,
    };
    for shape in shapes.values() {
        checker.shape(shape);
    }
}

impl Checker<'_> {
    fn members(&mut self, id: &ShapeId, members: &[Member], allow_unit: bool) {
        for member in members {
            let at = id.with_member(&member.name);
            self.reference(&at, "member", &member.target, Expect::Data { allow_unit });
        }
    }

    fn shape(&mut self, shape: &Shape) {
        let id = &shape.id;
        match &shape.kind {
            ShapeKind::Simple(_) => {}
            // Enum members target `Unit`; union members may.
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) | ShapeKind::Union(members) => {
                self.members(id, members, true)
            }
            ShapeKind::Structure(members) => self.members(id, members, false),
            ShapeKind::List(member) | ShapeKind::Set(member) => {
                self.members(id, std::slice::from_ref(member), false)
            }
            ShapeKind::Map { key, value } => {
                self.reference(
                    &id.with_member(&key.name),
                    "map key",
                    &key.target,
                    Expect::StringLike,
                );
                let at = id.with_member(&value.name);
                self.reference(
                    &at,
                    "map value",
                    &value.target,
                    Expect::Data { allow_unit: false },
                );
            }
            ShapeKind::Operation(op) => {
                if let Some(input) = &op.input {
                    self.reference(id, "operation input", input, Expect::Structure);
                }
                if let Some(output) = &op.output {
                    self.reference(id, "operation output", output, Expect::Structure);
                }
                for error in &op.errors {
                    self.reference(id, "operation error", error, Expect::Error);
                }
            }
            ShapeKind::Service(service) => {
                for op in &service.operations {
                    self.reference(id, "service operation", op, Expect::Operation);
                }
                for resource in &service.resources {
                    self.reference(id, "service resource", resource, Expect::Resource);
                }
                for error in &service.errors {
                    self.reference(id, "service error", error, Expect::Error);
                }
            }
            ShapeKind::Resource(resource) => {
                for target in resource.identifiers.values() {
                    self.reference(id, "resource identifier", target, Expect::StringLike);
                }
                for target in resource.properties.values() {
                    self.reference(
                        id,
                        "resource property",
                        target,
                        Expect::Data { allow_unit: false },
                    );
                }
                for op in resource.all_operations() {
                    self.reference(id, "resource operation", op, Expect::Operation);
                }
                for nested in &resource.resources {
                    self.reference(id, "nested resource", nested, Expect::Resource);
                }
            }
        }
    }

    /// Reports a missing target or one of the wrong kind, at `at` (a shape or member ID).
    fn reference(&mut self, at: &ShapeId, role: &str, target: &ShapeId, expect: Expect) {
        let problem = match self.shapes.get(target) {
            _ if target.member().is_some() => Some(format!(
                "{role} targets `{target}`, a member ID; only shapes can be targeted"
            )),
            None if self.removed_mixins.contains(target) => Some(format!(
                "{role} targets `{target}`, a mixin; mixins can only be used with `mixins`"
            )),
            None => Some(format!("{role} targets `{target}`, which is not defined")),
            Some(shape) => kind_problem(shape, expect).map(|wanted| {
                format!(
                    "{role} targets `{target}`, {}, but {wanted}",
                    describe(shape)
                )
            }),
        };
        if let Some(problem) = problem {
            self.diags
                .push(error_at(self.sources, at, format!("`{at}`: {problem}")));
        }
    }
}

/// What the reference needed, when `shape` is not acceptable.
fn kind_problem(shape: &Shape, expect: Expect) -> Option<&'static str> {
    let is_unit = shape.traits.has(UNIT_TYPE);
    match (expect, &shape.kind) {
        (Expect::Data { .. }, ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_)) => {
            Some("members cannot target services, operations or resources")
        }
        (Expect::Data { allow_unit: false }, _) if is_unit => {
            Some("`smithy.api#Unit` can only be targeted by union and enum members and operation input/output")
        }
        (Expect::Data { .. }, _) => None,
        (Expect::StringLike, ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)) => None,
        (Expect::StringLike, _) => Some("a string (or enum) is required here"),
        (Expect::Structure, ShapeKind::Structure(_)) => None,
        (Expect::Structure, _) => Some("a structure is required here"),
        (Expect::Error, ShapeKind::Structure(_)) if shape.traits.has(ids::ERROR) => None,
        (Expect::Error, _) => Some("errors must be structures with the `smithy.api#error` trait"),
        (Expect::Operation, ShapeKind::Operation(_)) => None,
        (Expect::Operation, _) => Some("an operation is required here"),
        (Expect::Resource, ShapeKind::Resource(_)) => None,
        (Expect::Resource, _) => Some("a resource is required here"),
    }
}

fn describe(shape: &Shape) -> String {
    let kind = a_kind(&shape.kind);
    if matches!(shape.kind, ShapeKind::Structure(_)) && shape.traits.has(ids::ERROR) {
        format!("{kind} with the `error` trait")
    } else {
        kind
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::Resource;

    fn run(shapes: Vec<Shape>, removed: &[&str]) -> Diagnostics {
        let mut shapes = model(shapes).shapes;
        super::super::prelude::add(&mut shapes, &BTreeMap::new(), &mut Diagnostics::new());
        let removed = ids(removed).into_iter().collect();
        let mut diags = Diagnostics::new();
        check(&shapes, &removed, &BTreeMap::new(), &mut diags);
        diags
    }

    #[test]
    fn a_valid_model_has_no_errors() {
        let diags = run(
            vec![
                service("ex#Svc", &["ex#Op"]),
                operation("ex#Op", Some("ex#In"), Some("smithy.api#Unit"), &["ex#Err"]),
                structure(
                    "ex#In",
                    vec![member("tags", "ex#Tags"), member("names", "ex#Names")],
                ),
                map("ex#Tags", "smithy.api#String", "smithy.api#Integer"),
                list("ex#Names", "smithy.api#String"),
                error_structure("ex#Err"),
                shape(
                    "ex#U",
                    ShapeKind::Union(vec![member("none", "smithy.api#Unit")]),
                ),
            ],
            &[],
        );
        assert!(diags.is_empty(), "{diags}");
    }

    #[test]
    fn missing_target_error_names_shape_and_member() {
        let mut loaded = model(vec![structure("ex#S", vec![member("m", "ex#Missing")])]);
        loaded
            .sources
            .insert(id("ex#S"), PathBuf::from("models/s.json"));
        let mut diags = Diagnostics::new();
        check(
            &loaded.shapes,
            &BTreeSet::new(),
            &loaded.sources,
            &mut diags,
        );
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 1, "{text}");
        assert!(
            text.contains("ex#S$m") && text.contains("ex#Missing"),
            "{text}"
        );
        assert!(text.contains("models/s.json"), "{text}");
    }

    #[test]
    fn targets_of_removed_mixins_are_reported_as_such() {
        let diags = run(
            vec![structure("ex#S", vec![member("m", "ex#Base")])],
            &["ex#Base"],
        );
        assert!(messages(&diags).contains("a mixin"), "{diags}");
    }

    #[test]
    fn operation_references_are_kind_checked() {
        let diags = run(
            vec![
                operation(
                    "ex#Op",
                    Some("ex#Str"),
                    Some("ex#Nope"),
                    &["ex#NotError", "ex#Str"],
                ),
                string("ex#Str"),
                structure("ex#NotError", vec![]),
            ],
            &[],
        );
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 4, "{text}");
        assert!(
            text.contains("operation input targets `ex#Str`, a string"),
            "{text}"
        );
        assert!(
            text.contains("operation output targets `ex#Nope`"),
            "{text}"
        );
        assert!(
            text.contains("`ex#NotError`, a structure, but errors must"),
            "{text}"
        );
    }

    #[test]
    fn service_and_resource_references_are_kind_checked() {
        let mut svc = service("ex#Svc", &["ex#S"]);
        if let ShapeKind::Service(s) = &mut svc.kind {
            s.resources = ids(&["ex#Op"]);
            s.errors = ids(&["ex#Op"]);
        }
        let res = resource(
            "ex#R",
            Resource {
                identifiers: [("id".to_owned(), id("smithy.api#Integer"))].into(),
                read: Some(id("ex#S")),
                resources: ids(&["ex#Missing"]),
                ..Resource::default()
            },
        );
        let diags = run(
            vec![
                svc,
                res,
                structure("ex#S", vec![]),
                operation("ex#Op", None, None, &[]),
            ],
            &[],
        );
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 6, "{text}");
        assert!(text.contains("service operation targets `ex#S`"), "{text}");
        assert!(text.contains("service resource targets `ex#Op`"), "{text}");
        assert!(text.contains("service error targets `ex#Op`"), "{text}");
        assert!(
            text.contains("resource identifier targets `smithy.api#Integer`"),
            "{text}"
        );
        assert!(text.contains("resource operation targets `ex#S`"), "{text}");
        assert!(
            text.contains("nested resource targets `ex#Missing`"),
            "{text}"
        );
    }

    #[test]
    fn member_kind_rules() {
        let diags = run(
            vec![
                structure(
                    "ex#S",
                    vec![
                        member("op", "ex#Op"),
                        member("unit", "smithy.api#Unit"),
                        member("m", "ex#S$op"),
                    ],
                ),
                map("ex#M", "smithy.api#Integer", "ex#Op"),
                list("ex#L", "smithy.api#Unit"),
                operation("ex#Op", None, None, &[]),
            ],
            &[],
        );
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 6, "{text}");
        assert!(
            text.contains("`ex#S$op`: member targets `ex#Op`, an operation"),
            "{text}"
        );
        assert!(text.contains("`ex#S$unit`"), "{text}");
        assert!(
            text.contains("`ex#S$m`: member targets `ex#S$op`, a member ID"),
            "{text}"
        );
        assert!(
            text.contains("`ex#M$key`: map key targets `smithy.api#Integer`"),
            "{text}"
        );
        assert!(
            text.contains("`ex#M$value`: map value targets `ex#Op`"),
            "{text}"
        );
        assert!(text.contains("`ex#L$member`"), "{text}");
    }

    #[test]
    fn map_keys_may_target_enums() {
        let diags = run(
            vec![
                map("ex#M", "ex#E", "smithy.api#String"),
                shape(
                    "ex#E",
                    ShapeKind::Enum(vec![member("A", "smithy.api#Unit")]),
                ),
            ],
            &[],
        );
        assert!(diags.is_empty(), "{diags}");
    }
}
