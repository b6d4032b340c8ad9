//! The typed intermediate form shared by every stage: shape IDs, shapes, members, traits.

pub mod number;
mod shape;
mod shape_id;
pub mod traits;

use std::collections::BTreeMap;

use serde_json::Value;

pub use shape::{Member, Operation, Resource, Service, Shape, ShapeKind, SimpleType};
pub use shape_id::{is_identifier, ShapeId, ShapeIdError};
pub use traits::Traits;

/// A model as loaded from one or more files: shapes by ID, metadata, and traits applied
/// from outside a shape's definition (`apply`), not yet merged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub shapes: BTreeMap<ShapeId, Shape>,
    pub metadata: BTreeMap<String, Value>,
    /// Traits applied with `apply` to a shape or member ID, in file order.
    pub applied: Vec<(ShapeId, Traits)>,
    /// The file each shape was defined in, for error messages.
    pub sources: BTreeMap<ShapeId, std::path::PathBuf>,
}

impl Model {
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }
}
