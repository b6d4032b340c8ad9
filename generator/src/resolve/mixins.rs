//! Flattens mixins into the shapes that use them, then drops the mixin shapes.
//!
//! Mixin members come first (in mixin order), then local members; a later mixin's traits
//! override an earlier one's and the shape's own traits override all inherited ones.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use super::apply::PendingMemberTraits;
use super::{a_kind, error_at};
use crate::diagnostics::Diagnostics;
use crate::model::traits::ids;
use crate::model::{Member, Operation, Resource, Service, Shape, ShapeId, ShapeKind, Traits};

/// Flattens every shape with mixins, consuming the applied traits that were waiting for
/// inherited members. Returns the IDs of the removed mixin shapes.
pub(super) fn flatten(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    mut pending: PendingMemberTraits,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) -> BTreeSet<ShapeId> {
    let mut waiting: Vec<ShapeId> = shapes
        .values()
        .filter(|shape| !shape.mixins.is_empty())
        .map(|shape| shape.id.clone())
        .collect();
    // Flatten in dependency order without recursion: each pass handles the shapes whose
    // mixins are already flat. What never becomes ready sits on (or behind) a cycle.
    loop {
        let before = waiting.len();
        let mut still_waiting = Vec::new();
        for id in waiting {
            if is_ready(shapes, &id) {
                flatten_one(shapes, &id, &mut pending, sources, diags);
            } else {
                still_waiting.push(id);
            }
        }
        waiting = still_waiting;
        if waiting.is_empty() || waiting.len() == before {
            break;
        }
    }
    for id in &waiting {
        let mixins = shapes
            .get(id)
            .map(|shape| list_ids(&shape.mixins))
            .unwrap_or_default();
        diags.push(error_at(
            sources,
            id,
            format!("mixin cycle: `{id}` uses {mixins}, which lead back into a cycle of mixins"),
        ));
    }

    for (member_id, _) in pending {
        diags.push(error_at(
            sources,
            &member_id,
            format!(
                "`apply` targets `{member_id}`, but `{}` neither declares nor inherits that member",
                member_id.root()
            ),
        ));
    }

    let removed: BTreeSet<ShapeId> = shapes
        .values()
        .filter(|shape| shape.is_mixin())
        .map(|shape| shape.id.clone())
        .collect();
    for id in &removed {
        shapes.remove(id);
    }
    removed
}

/// A shape can be flattened once none of its mixins still has mixins of its own.
/// Missing mixins count as ready: `flatten_one` reports them.
fn is_ready(shapes: &BTreeMap<ShapeId, Shape>, id: &ShapeId) -> bool {
    shapes.get(id).is_some_and(|shape| {
        shape.mixins.iter().all(|mixin| {
            shapes
                .get(mixin)
                .is_none_or(|mixin| mixin.mixins.is_empty())
        })
    })
}

fn flatten_one(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    id: &ShapeId,
    pending: &mut PendingMemberTraits,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) {
    let Some(shape) = shapes.get(id) else {
        return;
    };
    let mut mixins = Vec::new();
    for mixin_id in &shape.mixins {
        match shapes.get(mixin_id) {
            None => diags.push(error_at(
                sources,
                id,
                format!("mixin `{mixin_id}` of `{id}` is not defined"),
            )),
            Some(mixin) if !mixin.is_mixin() => diags.push(error_at(
                sources,
                id,
                format!("`{id}` uses `{mixin_id}` as a mixin, but it lacks the `smithy.api#mixin` trait"),
            )),
            Some(mixin) if mixin.kind.type_name() != shape.kind.type_name() => {
                diags.push(error_at(
                    sources,
                    id,
                    format!(
                        "`{id}` is {} but its mixin `{mixin_id}` is {}; a mixin must be of the same shape type",
                        a_kind(&shape.kind),
                        a_kind(&mixin.kind)
                    ),
                ))
            }
            Some(mixin) => mixins.push(mixin.clone()),
        }
    }

    let traits = inherit_traits(&shape.traits, &mixins);
    let members = merge_members(id, &mixins, shape.kind.members(), pending, sources, diags);
    let kind = merge_properties(&shape.kind, &mixins);

    let Some(shape) = shapes.get_mut(id) else {
        return;
    };
    shape.traits = traits;
    shape.kind = kind;
    set_members(&mut shape.kind, members);
    shape.mixins.clear();
}

/// Traits the mixins pass on (all but `mixin` itself and its `localTraits`), later mixins
/// overriding earlier ones, under the shape's own traits.
fn inherit_traits(local: &Traits, mixins: &[Shape]) -> Traits {
    let mut inherited = Traits::new();
    for mixin in mixins {
        let kept_local = local_traits(&mixin.traits);
        for (trait_id, _) in mixin.traits.iter() {
            if trait_id.to_string() != ids::MIXIN && !kept_local.contains(trait_id) {
                inherited.copy_from(&mixin.traits, trait_id);
            }
        }
    }
    let mut traits = local.clone();
    traits.inherit(&inherited);
    traits
}

/// The `localTraits` of a mixin trait: traits that stay on the mixin.
fn local_traits(traits: &Traits) -> BTreeSet<ShapeId> {
    traits
        .get(ids::MIXIN)
        .and_then(|mixin| mixin.get("localTraits"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|text| ShapeId::parse(text).ok())
        .collect()
}

/// Mixin members first, then local members; a re-declared member must keep its target.
/// Applied traits waiting for an inherited member are merged in as local traits.
fn merge_members(
    id: &ShapeId,
    mixins: &[Shape],
    local: Vec<&Member>,
    pending: &mut PendingMemberTraits,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) -> Vec<Member> {
    let mut merged: Vec<Member> = Vec::new();
    for mixin in mixins {
        for member in mixin.kind.members() {
            match merged.iter_mut().find(|m| m.name == member.name) {
                Some(existing) if existing.target != member.target => diags.push(error_at(
                    sources,
                    &id.with_member(&member.name),
                    format!(
                        "mixins of `{id}` define member `{}` with different targets: `{}` and `{}` (from `{}`)",
                        member.name, existing.target, member.target, mixin.id
                    ),
                )),
                Some(existing) => {
                    let mut traits = member.traits.clone();
                    traits.inherit(&existing.traits);
                    existing.traits = traits;
                }
                None => merged.push(member.clone()),
            }
        }
    }
    for member in local {
        match merged.iter_mut().find(|m| m.name == member.name) {
            Some(existing) if existing.target != member.target => diags.push(error_at(
                sources,
                &id.with_member(&member.name),
                format!(
                    "member `{}` re-declares a mixin member with target `{}`, but targets `{}`",
                    id.with_member(&member.name),
                    existing.target,
                    member.target
                ),
            )),
            Some(existing) => {
                let mut traits = member.traits.clone();
                traits.inherit(&existing.traits);
                existing.traits = traits;
            }
            None => merged.push(member.clone()),
        }
    }
    for member in &mut merged {
        if let Some(applied) = pending.remove(&id.with_member(&member.name)) {
            let mut traits = applied;
            traits.inherit(&member.traits);
            member.traits = traits;
        }
    }
    merged
}

/// Writes merged members back: whole lists for aggregates, by name for list/map slots.
fn set_members(kind: &mut ShapeKind, members: Vec<Member>) {
    match kind {
        ShapeKind::Enum(list)
        | ShapeKind::IntEnum(list)
        | ShapeKind::Structure(list)
        | ShapeKind::Union(list) => *list = members,
        other => {
            for slot in other.members_mut() {
                if let Some(member) = members.iter().find(|m| m.name == slot.name) {
                    *slot = member.clone();
                }
            }
        }
    }
}

/// Service, operation and resource properties: mixins first, the shape's own last; single
/// values of later sources win, lists concatenate without duplicates, maps merge.
fn merge_properties(kind: &ShapeKind, mixins: &[Shape]) -> ShapeKind {
    let sources = mixins.iter().map(|m| &m.kind).chain([kind]);
    match kind {
        ShapeKind::Operation(_) => {
            let mut merged = Operation::default();
            for source in sources {
                if let ShapeKind::Operation(op) = source {
                    merged.input = op.input.clone().or(merged.input);
                    merged.output = op.output.clone().or(merged.output);
                    extend_unique(&mut merged.errors, &op.errors);
                }
            }
            ShapeKind::Operation(merged)
        }
        ShapeKind::Service(_) => {
            let mut merged = Service::default();
            for source in sources {
                if let ShapeKind::Service(svc) = source {
                    merged.version = svc.version.clone().or(merged.version);
                    extend_unique(&mut merged.operations, &svc.operations);
                    extend_unique(&mut merged.resources, &svc.resources);
                    extend_unique(&mut merged.errors, &svc.errors);
                    merged.rename.extend(svc.rename.clone());
                }
            }
            ShapeKind::Service(merged)
        }
        ShapeKind::Resource(_) => {
            let mut merged = Resource::default();
            for source in sources {
                if let ShapeKind::Resource(res) = source {
                    merged.identifiers.extend(res.identifiers.clone());
                    merged.properties.extend(res.properties.clone());
                    merged.create = res.create.clone().or(merged.create);
                    merged.put = res.put.clone().or(merged.put);
                    merged.read = res.read.clone().or(merged.read);
                    merged.update = res.update.clone().or(merged.update);
                    merged.delete = res.delete.clone().or(merged.delete);
                    merged.list = res.list.clone().or(merged.list);
                    extend_unique(&mut merged.operations, &res.operations);
                    extend_unique(
                        &mut merged.collection_operations,
                        &res.collection_operations,
                    );
                    extend_unique(&mut merged.resources, &res.resources);
                }
            }
            ShapeKind::Resource(merged)
        }
        other => other.clone(),
    }
}

fn extend_unique(into: &mut Vec<ShapeId>, more: &[ShapeId]) {
    for id in more {
        if !into.contains(id) {
            into.push(id.clone());
        }
    }
}

fn list_ids(ids: &[ShapeId]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn run(
        shapes: Vec<Shape>,
        pending: PendingMemberTraits,
    ) -> (BTreeMap<ShapeId, Shape>, BTreeSet<ShapeId>, Diagnostics) {
        let mut shapes = model(shapes).shapes;
        let mut diags = Diagnostics::new();
        let removed = flatten(&mut shapes, pending, &BTreeMap::new(), &mut diags);
        (shapes, removed, diags)
    }

    fn names(shape: &Shape) -> Vec<&str> {
        shape
            .kind
            .members()
            .into_iter()
            .map(|m| m.name.as_str())
            .collect()
    }

    #[test]
    fn mixin_members_come_first_and_traits_are_inherited() {
        let base = with_trait(
            mixin(structure(
                "ex#Base",
                vec![with_member_trait(
                    member("id", "smithy.api#String"),
                    ids::REQUIRED,
                    json!({}),
                )],
            )),
            ids::DOCUMENTATION,
            json!("from the mixin"),
        );
        let user = with_mixins(
            structure("ex#User", vec![member("name", "smithy.api#String")]),
            &["ex#Base"],
        );
        let (shapes, removed, diags) = run(vec![base, user], PendingMemberTraits::new());
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(removed, BTreeSet::from([id("ex#Base")]));
        assert!(!shapes.contains_key(&id("ex#Base")));
        let user = &shapes[&id("ex#User")];
        assert_eq!(names(user), ["id", "name"]);
        assert!(user.kind.members()[0].traits.is_required());
        assert_eq!(user.traits.documentation(), Some("from the mixin"));
        assert!(!user.is_mixin(), "the mixin trait itself is not inherited");
        assert!(user.mixins.is_empty());
    }

    #[test]
    fn mixins_of_mixins_flatten_in_order() {
        let a = mixin(structure("ex#A", vec![member("a", "smithy.api#String")]));
        let b = with_mixins(
            mixin(structure("ex#B", vec![member("b", "smithy.api#String")])),
            &["ex#A"],
        );
        let c = mixin(structure("ex#C", vec![member("c", "smithy.api#String")]));
        let user = with_mixins(
            structure("ex#User", vec![member("own", "smithy.api#String")]),
            &["ex#B", "ex#C"],
        );
        let (shapes, removed, diags) = run(vec![a, b, c, user], PendingMemberTraits::new());
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(removed.len(), 3);
        assert_eq!(names(&shapes[&id("ex#User")]), ["a", "b", "c", "own"]);
    }

    #[test]
    fn local_traits_win_and_local_traits_list_is_not_inherited() {
        let base = with_trait(
            with_trait(
                with_trait(
                    mixin(structure(
                        "ex#Base",
                        vec![with_member_trait(
                            member("m", "smithy.api#String"),
                            ids::DOCUMENTATION,
                            json!("mixin"),
                        )],
                    )),
                    ids::MIXIN,
                    json!({"localTraits": ["smithy.api#private"]}),
                ),
                "smithy.api#private",
                json!({}),
            ),
            ids::SENSITIVE,
            json!({}),
        );
        let user = with_mixins(
            with_trait(
                structure(
                    "ex#User",
                    vec![with_member_trait(
                        member("m", "smithy.api#String"),
                        ids::DOCUMENTATION,
                        json!("local"),
                    )],
                ),
                ids::SENSITIVE,
                json!({"own": true}),
            ),
            &["ex#Base"],
        );
        let (shapes, _, diags) = run(vec![base, user], PendingMemberTraits::new());
        assert!(diags.is_empty(), "{diags}");
        let user = &shapes[&id("ex#User")];
        assert!(!user.traits.has("smithy.api#private"));
        assert_eq!(user.traits.get(ids::SENSITIVE), Some(&json!({"own": true})));
        assert_eq!(names(user), ["m"]);
        assert_eq!(user.kind.members()[0].traits.documentation(), Some("local"));
    }

    #[test]
    fn redeclared_member_with_another_target_is_an_error() {
        let base = mixin(structure("ex#Base", vec![member("m", "smithy.api#String")]));
        let user = with_mixins(
            structure("ex#User", vec![member("m", "smithy.api#Integer")]),
            &["ex#Base"],
        );
        let (_, _, diags) = run(vec![base, user], PendingMemberTraits::new());
        let text = messages(&diags);
        assert!(
            text.contains("ex#User$m") && text.contains("smithy.api#Integer"),
            "{text}"
        );
    }

    #[test]
    fn bad_mixin_references_are_errors() {
        let not_mixin = structure("ex#Plain", vec![]);
        let other_type = mixin(string("ex#StringMixin"));
        let user = with_mixins(
            structure("ex#User", vec![]),
            &["ex#Missing", "ex#Plain", "ex#StringMixin"],
        );
        let (_, _, diags) = run(
            vec![not_mixin, other_type, user],
            PendingMemberTraits::new(),
        );
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 3, "{text}");
        assert!(
            text.contains("ex#Missing")
                && text.contains("ex#Plain")
                && text.contains("ex#StringMixin"),
            "{text}"
        );
    }

    #[test]
    fn mixin_cycles_are_errors() {
        let a = with_mixins(mixin(structure("ex#A", vec![])), &["ex#B"]);
        let b = with_mixins(mixin(structure("ex#B", vec![])), &["ex#A"]);
        let own = with_mixins(mixin(structure("ex#Own", vec![])), &["ex#Own"]);
        let user = with_mixins(structure("ex#User", vec![]), &["ex#A"]);
        let (_, _, diags) = run(vec![a, b, own, user], PendingMemberTraits::new());
        let text = messages(&diags);
        assert!(text.contains("mixin cycle"), "{text}");
        for name in ["ex#A", "ex#B", "ex#Own", "ex#User"] {
            assert!(text.contains(&format!("`{name}` uses")), "{name}: {text}");
        }
    }

    #[test]
    fn pending_applies_reach_inherited_members() {
        let base = mixin(structure("ex#Base", vec![member("m", "smithy.api#String")]));
        let user = with_mixins(structure("ex#User", vec![]), &["ex#Base"]);
        let mut pending = PendingMemberTraits::new();
        pending.insert(id("ex#User$m"), traits(&[(ids::REQUIRED, json!({}))]));
        pending.insert(id("ex#User$absent"), traits(&[(ids::REQUIRED, json!({}))]));
        let (shapes, _, diags) = run(vec![base, user], pending);
        assert!(shapes[&id("ex#User")].kind.members()[0]
            .traits
            .is_required());
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 1, "{text}");
        assert!(text.contains("ex#User$absent"), "{text}");
    }

    #[test]
    fn operation_mixins_merge_errors_and_io() {
        let base = mixin(operation("ex#Base", Some("ex#In"), None, &["ex#E1"]));
        let op = with_mixins(
            operation("ex#Op", None, Some("ex#Out"), &["ex#E2", "ex#E1"]),
            &["ex#Base"],
        );
        let (shapes, _, diags) = run(vec![base, op], PendingMemberTraits::new());
        assert!(diags.is_empty(), "{diags}");
        let ShapeKind::Operation(op) = &shapes[&id("ex#Op")].kind else {
            panic!("not an operation");
        };
        assert_eq!(op.input, Some(id("ex#In")));
        assert_eq!(op.output, Some(id("ex#Out")));
        assert_eq!(op.errors, ids(&["ex#E1", "ex#E2"]));
    }

    #[test]
    fn list_mixin_member_traits_merge() {
        let base = mixin(shape(
            "ex#Base",
            ShapeKind::List(with_member_trait(
                member("member", "smithy.api#String"),
                ids::SENSITIVE,
                json!({}),
            )),
        ));
        let user = with_mixins(list("ex#L", "smithy.api#String"), &["ex#Base"]);
        let (shapes, _, diags) = run(vec![base, user], PendingMemberTraits::new());
        assert!(diags.is_empty(), "{diags}");
        assert!(shapes[&id("ex#L")].kind.members()[0].traits.is_sensitive());
    }
}
