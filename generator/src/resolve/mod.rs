//! Stage 2: from a loaded model to a resolved one for one service.
//!
//! Adds the prelude, merges `apply`, flattens mixins, checks that every target exists,
//! finds the service's operations (directly and through resources) and records `rename`.

use std::collections::BTreeMap;

use crate::model::{Shape, ShapeId};

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
}
