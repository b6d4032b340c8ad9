//! Picks the service to generate and validates its `rename` map and shape names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::{error_at, is_prelude};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{is_identifier, Shape, ShapeId, ShapeKind};

/// The requested service, or the only one. Reports an error (listing the services found)
/// and returns None otherwise.
pub(super) fn select(
    shapes: &BTreeMap<ShapeId, Shape>,
    requested: Option<&ShapeId>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) -> Option<ShapeId> {
    let services: Vec<&ShapeId> = shapes
        .values()
        .filter(|shape| matches!(shape.kind, ShapeKind::Service(_)))
        .map(|shape| &shape.id)
        .collect();
    let found = match services.as_slice() {
        [] => "the model defines no service".to_owned(),
        several => format!("the model defines: {}", list_ids(several)),
    };
    match requested {
        Some(id) if services.contains(&id) => Some(id.clone()),
        Some(id) => {
            let what = match shapes.get(id) {
                Some(shape) => format!("`{id}` is {}, not a service", super::a_kind(&shape.kind)),
                None => format!("service `{id}` is not defined"),
            };
            diags.push(error_at(sources, id, format!("{what}; {found}")));
            None
        }
        None => match services.as_slice() {
            [only] => Some((*only).clone()),
            [] => {
                diags.push(Diagnostic::error(Location::Model, found));
                None
            }
            _ => {
                diags.push(Diagnostic::error(
                    Location::Model,
                    format!(
                        "{} services found, so one must be chosen; {found}",
                        services.len()
                    ),
                ));
                None
            }
        },
    }
}

/// The service's `rename` map, checked against the Smithy rules: keys are non-member shapes
/// of the closure other than operations, resources and services; values are identifiers
/// that differ from the original name.
pub(super) fn check_renames(
    shapes: &BTreeMap<ShapeId, Shape>,
    service: &ShapeId,
    closure: &BTreeSet<ShapeId>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) -> BTreeMap<ShapeId, String> {
    let Some(ShapeKind::Service(svc)) = shapes.get(service).map(|s| &s.kind) else {
        return BTreeMap::new();
    };
    for (id, name) in &svc.rename {
        let problem = if id.member().is_some() {
            Some("members cannot be renamed".to_owned())
        } else if !closure.contains(id) {
            Some("the shape is not in the service's closure".to_owned())
        } else if let Some(shape) = shapes.get(id).filter(|s| {
            matches!(
                s.kind,
                ShapeKind::Operation(_) | ShapeKind::Resource(_) | ShapeKind::Service(_)
            )
        }) {
            Some(format!("{} cannot be renamed", super::a_kind(&shape.kind)))
        } else if !is_identifier(name) {
            Some("the new name is not a valid identifier".to_owned())
        } else if name == id.name() {
            Some("the new name must differ from the shape's name".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            diags.push(error_at(
                sources,
                service,
                format!("`rename` of `{id}` to `{name}`: {problem}"),
            ));
        }
    }
    svc.rename.clone()
}

/// Shape names must be case-insensitively unique across the closure (after `rename`), since
/// generated code names types after them. Prelude shapes are exempt.
pub(super) fn check_name_conflicts(
    service: &ShapeId,
    closure: &BTreeSet<ShapeId>,
    renames: &BTreeMap<ShapeId, String>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) {
    let mut by_name: BTreeMap<String, Vec<&ShapeId>> = BTreeMap::new();
    for id in closure.iter().chain([service]).filter(|id| !is_prelude(id)) {
        let name = renames.get(id).map_or(id.name(), String::as_str);
        by_name.entry(name.to_lowercase()).or_default().push(id);
    }
    for ids in by_name.values().filter(|ids| ids.len() > 1) {
        let described: Vec<String> = ids
            .iter()
            .map(|id| match renames.get(*id) {
                Some(name) => format!("`{id}` (renamed to `{name}`)"),
                None => format!("`{id}`"),
            })
            .collect();
        diags.push(error_at(
            sources,
            service,
            format!(
                "shape names conflict in the service closure (case-insensitively): {}; \
                 disambiguate them with the service's `rename`",
                described.join(" and ")
            ),
        ));
    }
}

/// Member names of one shape must be case-insensitively unique: Smithy refuses two shape IDs
/// that differ only in case, and a member's ID is its shape's ID with `$member`. Names that
/// differ otherwise (`fooBar`, `foo_bar`) are valid and generate (see `plan::naming`).
pub(super) fn check_member_conflicts(
    shapes: &BTreeMap<ShapeId, Shape>,
    closure: &BTreeSet<ShapeId>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) {
    for id in closure.iter().filter(|id| !is_prelude(id)) {
        let Some(shape) = shapes.get(id) else {
            continue;
        };
        let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for member in shape.kind.members() {
            by_name
                .entry(member.name.to_lowercase())
                .or_default()
                .push(&member.name);
        }
        for names in by_name.values().filter(|names| names.len() > 1) {
            let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            diags.push(error_at(
                sources,
                id,
                format!(
                    "member names conflict (case-insensitively): {}",
                    listed.join(" and ")
                ),
            ));
        }
    }
}

fn list_ids(ids: &[&ShapeId]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::Model;
    use crate::resolve::resolve;

    fn with_renames(mut svc: Shape, renames: &[(&str, &str)]) -> Shape {
        if let ShapeKind::Service(s) = &mut svc.kind {
            s.rename = renames
                .iter()
                .map(|(from, to)| (id(from), (*to).to_owned()))
                .collect();
        }
        svc
    }

    fn conflicting(renames: &[(&str, &str)]) -> Model {
        model(vec![
            with_renames(service("ex#Svc", &["ex#Op"]), renames),
            operation("ex#Op", Some("ex#In"), None, &[]),
            structure(
                "ex#In",
                vec![member("a", "ex#Widget"), member("b", "other#widget")],
            ),
            string("ex#Widget"),
            string("other#widget"),
        ])
    }

    #[test]
    fn zero_services_is_an_error() {
        let err = resolve(model(vec![string("ex#S")]), None).unwrap_err();
        assert!(messages(&err).contains("defines no service"), "{err}");
    }

    #[test]
    fn two_services_are_an_error_listing_them() {
        let err = resolve(
            model(vec![service("ex#A", &[]), service("ex#B", &[])]),
            None,
        )
        .unwrap_err();
        let text = messages(&err);
        assert!(text.contains("`ex#A`") && text.contains("`ex#B`"), "{text}");
    }

    #[test]
    fn a_requested_service_must_exist_and_be_a_service() {
        let shapes = model(vec![service("ex#A", &[]), string("ex#S")]);
        let err = resolve(shapes.clone(), Some(&id("ex#Nope"))).unwrap_err();
        let text = messages(&err);
        assert!(
            text.contains("ex#Nope") && text.contains("`ex#A`"),
            "{text}"
        );
        let err = resolve(shapes, Some(&id("ex#S"))).unwrap_err();
        assert!(messages(&err).contains("not a service"), "{err}");
    }

    #[test]
    fn conflict_without_rename_is_an_error_naming_both() {
        let err = resolve(conflicting(&[]), None).unwrap_err();
        let text = messages(&err);
        assert_eq!(err.errors().count(), 1, "{text}");
        assert!(
            text.contains("`ex#Widget`") && text.contains("`other#widget`"),
            "{text}"
        );
    }

    #[test]
    fn members_equal_but_for_case_conflict_and_others_do_not() {
        let with_members = |names: &[&str]| {
            model(vec![
                service("ex#Svc", &["ex#Op"]),
                operation("ex#Op", Some("ex#In"), None, &[]),
                structure(
                    "ex#In",
                    names.iter().map(|n| member(n, "ex#Widget")).collect(),
                ),
                string("ex#Widget"),
            ])
        };
        let err = resolve(with_members(&["fooBar", "FooBar", "other"]), None).unwrap_err();
        let text = messages(&err);
        assert_eq!(err.errors().count(), 1, "{text}");
        assert!(
            text.contains("ex#In") && text.contains("`fooBar` and `FooBar`"),
            "{text}"
        );
        resolve(with_members(&["fooBar", "foo_bar", "FOO_BAR_2"]), None)
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn rename_removes_a_conflict() {
        let resolved = resolve(conflicting(&[("other#widget", "OtherWidget")]), None).unwrap();
        assert_eq!(resolved.renames[&id("other#widget")], "OtherWidget");
        assert_eq!(resolved.name_of(&id("other#widget")), "OtherWidget");
        assert_eq!(resolved.name_of(&id("ex#Widget")), "Widget");
    }

    #[test]
    fn a_rename_can_create_a_conflict() {
        let err = resolve(
            conflicting(&[("other#widget", "In"), ("ex#Widget", "W")]),
            None,
        )
        .unwrap_err();
        let text = messages(&err);
        assert!(
            text.contains("`ex#In`") && text.contains("renamed to `In`"),
            "{text}"
        );
    }

    #[test]
    fn invalid_renames_are_errors() {
        let err = resolve(
            conflicting(&[
                ("other#widget", "Other Widget"),
                ("ex#Widget", "Widget"),
                ("ex#Op", "Operation"),
                ("ex#Unused", "Used"),
                ("ex#In$a", "B"),
            ]),
            None,
        )
        .unwrap_err();
        let text = messages(&err);
        for expected in [
            "not a valid identifier",
            "must differ",
            "an operation cannot be renamed",
            "`ex#Unused` to `Used`: the shape is not in the service's closure",
            "members cannot be renamed",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
    }

    #[test]
    fn prelude_shapes_never_conflict() {
        let resolved = resolve(
            model(vec![
                service("ex#Svc", &["ex#Op"]),
                operation("ex#Op", Some("ex#In"), None, &[]),
                structure(
                    "ex#In",
                    vec![member("a", "ex#String"), member("b", "smithy.api#String")],
                ),
                string("ex#String"),
            ]),
            None,
        );
        assert!(resolved.is_ok(), "{resolved:?}");
    }
}
