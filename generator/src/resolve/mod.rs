//! Stage 2: from a loaded model to a resolved one for one service.
//!
//! Adds the prelude, merges `apply`, flattens mixins, checks that every target exists,
//! finds the service's operations (directly and through resources) and records `rename`.
//! Every problem is collected and reported together.

mod apply;
mod closure;
mod mixins;
mod prelude;
mod service;
mod targets;
#[cfg(test)]
mod test_support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Model, Shape, ShapeId, Traits};

pub use prelude::{is_prelude, PRELUDE_NAMESPACE};

/// A model ready for planning: one service and everything it can reach.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedModel {
    /// The service being generated.
    pub service: ShapeId,
    /// Every shape, prelude included, with `apply` merged and mixins flattened (mixin shapes
    /// themselves removed).
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// The service's operations, found directly and through its resources, in model order.
    pub operations: Vec<ShapeId>,
    /// The service's `rename` map: shape ID to the name used in its closure.
    pub renames: BTreeMap<ShapeId, String>,
    /// The file each shape was defined in (copied from the loaded model), for diagnostics.
    pub sources: BTreeMap<ShapeId, PathBuf>,
}

impl ResolvedModel {
    /// The shape with this ID. Resolution has checked every target, so lookups of targets
    /// reachable from the service succeed.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(&id.root())
    }

    /// The name of a shape within the service, after `rename`.
    pub fn name_of<'a>(&'a self, id: &'a ShapeId) -> &'a str {
        self.renames
            .get(&id.root())
            .map(String::as_str)
            .unwrap_or_else(|| id.name())
    }

    pub fn service_shape(&self) -> &Shape {
        &self.shapes[&self.service]
    }

    /// Every non-prelude shape reachable from the service (resources, operations, their
    /// input/output/errors, service errors, and member targets transitively), sorted by
    /// shape ID. The service itself is not included.
    pub fn closure(&self) -> Vec<ShapeId> {
        closure::reachable(&self.shapes, &self.service, &self.operations)
            .into_iter()
            .filter(|id| !is_prelude(id))
            .collect()
    }

    /// Where a shape or member was defined, for diagnostics of later stages.
    pub fn location(&self, id: &ShapeId) -> Location {
        locate(&self.sources, id)
    }
}

/// Resolves `model` for one service: `service` names it, or None when the model has exactly
/// one service (zero or several -> error listing the services found).
pub fn resolve(model: Model, service: Option<&ShapeId>) -> Result<ResolvedModel, Diagnostics> {
    let Model {
        mut shapes,
        applied,
        sources,
        metadata: _,
    } = model;
    let mut diags = Diagnostics::new();

    prelude::add(&mut shapes, &sources, &mut diags);
    let pending = apply::apply(&mut shapes, applied, &sources, &mut diags);
    let removed_mixins = mixins::flatten(&mut shapes, pending, &sources, &mut diags);
    targets::check(&shapes, &removed_mixins, &sources, &mut diags);

    let Some(service_id) = service::select(&shapes, service, &sources, &mut diags) else {
        return Err(diags);
    };
    let operations = closure::service_operations(&shapes, &service_id);
    let reachable = closure::reachable(&shapes, &service_id, &operations);
    let renames = service::check_renames(&shapes, &service_id, &reachable, &sources, &mut diags);
    service::check_name_conflicts(&service_id, &reachable, &renames, &sources, &mut diags);
    service::check_member_conflicts(&shapes, &reachable, &sources, &mut diags);

    diags.into_result(ResolvedModel {
        service: service_id,
        shapes,
        operations,
        renames,
        sources,
    })
}

/// A loaded model after the steps of [`resolve`] that need no service; see [`merge`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// Every shape, prelude included, with `apply` merged (and mixins flattened when asked).
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// Traits applied to members that shapes inherit from their mixins, by member ID; only
    /// without flattening (flattening merges them into the inherited members).
    pub inherited_member_traits: BTreeMap<ShapeId, Traits>,
}

/// The service-independent part of [`resolve`]: adds the prelude, merges `apply`, checks
/// mixins (undefined, cyclic, of another type, conflicting members) and that every reference
/// names a shape of the right kind. With `flatten_mixins`, mixin members, traits and
/// properties are copied into the shapes that use them and the mixin shapes removed, as
/// [`resolve`] does; without, shapes keep their own members and their `mixins` list (the
/// checks still see the model flattened, so both forms reject the same models).
pub fn merge(model: &Model, flatten_mixins: bool) -> Result<Merged, Diagnostics> {
    let mut shapes = model.shapes.clone();
    let sources = &model.sources;
    let mut diags = Diagnostics::new();
    prelude::add(&mut shapes, sources, &mut diags);
    let pending = apply::apply(&mut shapes, model.applied.clone(), sources, &mut diags);
    let mut flat = if flatten_mixins {
        std::mem::take(&mut shapes)
    } else {
        shapes.clone()
    };
    let removed_mixins = mixins::flatten(&mut flat, pending.clone(), sources, &mut diags);
    targets::check(&flat, &removed_mixins, sources, &mut diags);
    let merged = if flatten_mixins {
        Merged {
            shapes: flat,
            inherited_member_traits: BTreeMap::new(),
        }
    } else {
        Merged {
            shapes,
            inherited_member_traits: pending,
        }
    };
    diags.into_result(merged)
}

/// A shape or member location, with the file of its shape when the loader recorded it.
fn locate(sources: &BTreeMap<ShapeId, PathBuf>, id: &ShapeId) -> Location {
    let file = sources.get(id).or_else(|| sources.get(&id.root())).cloned();
    Location::Shape {
        id: id.clone(),
        file,
    }
}

/// "a structure", "an operation": a shape type for messages.
fn a_kind(kind: &crate::model::ShapeKind) -> String {
    let name = kind.type_name();
    let vowel = name.starts_with(['a', 'e', 'i', 'o']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

fn error_at(
    sources: &BTreeMap<ShapeId, PathBuf>,
    id: &ShapeId,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(locate(sources, id), message)
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn resolves_a_small_service_end_to_end() {
        let mut model = model(vec![
            service("ex#Svc", &["ex#Op"]),
            operation("ex#Op", Some("ex#In"), None, &[]),
            structure("ex#In", vec![member("name", "smithy.api#String")]),
        ]);
        model.sources.insert(id("ex#In"), PathBuf::from("svc.json"));
        let resolved = resolve(model, None).unwrap();
        assert_eq!(resolved.service, id("ex#Svc"));
        assert_eq!(resolved.operations, vec![id("ex#Op")]);
        assert_eq!(resolved.closure(), vec![id("ex#In"), id("ex#Op")]);
        assert_eq!(
            resolved.location(&id("ex#In$name")),
            Location::Shape {
                id: id("ex#In$name"),
                file: Some(PathBuf::from("svc.json")),
            }
        );
        assert!(resolved.shape(&id("smithy.api#Unit")).is_some());
    }

    #[test]
    fn collects_errors_from_several_steps() {
        let mut model = model(vec![
            service("ex#Svc", &["ex#Op"]),
            operation("ex#Op", Some("ex#Missing"), None, &[]),
            structure("ex#A", vec![member("x", "ex#AlsoMissing")]),
        ]);
        model
            .applied
            .push((id("ex#Nope"), traits(&[("ex#t", json!({}))])));
        let errors = resolve(model, None).unwrap_err();
        let text = errors.to_string();
        assert!(text.contains("ex#Missing"), "{text}");
        assert!(text.contains("ex#AlsoMissing"), "{text}");
        assert!(text.contains("ex#Nope"), "{text}");
    }

    #[test]
    fn selects_the_named_service() {
        let model = model(vec![service("ex#A", &[]), service("ex#B", &[])]);
        let resolved = resolve(model, Some(&id("ex#B"))).unwrap();
        assert_eq!(resolved.service, id("ex#B"));
        assert_eq!(resolved.service_shape().id, id("ex#B"));
    }
}
