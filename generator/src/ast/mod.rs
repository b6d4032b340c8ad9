//! Prints a [`Model`] as a Smithy JSON AST 2.0 document, like the Smithy command line's
//! `ast` command: `{"smithy": "2.0", "metadata": {...}, "shapes": {...}}`.
//!
//! What is printed:
//! - every shape outside the prelude namespace `smithy.api`, with its type, `mixins`,
//!   members (target and traits), type-specific properties and traits;
//! - `apply` merged into the shapes and members it targets; traits applied to a member a
//!   shape only inherits from a mixin stay `apply` entries (`"ns#Shape$member": {"type":
//!   "apply", ...}`), as Smithy prints them;
//! - with `flatten`, mixins flattened as the resolve stage does: mixin members, traits and
//!   properties are copied into the shapes that use them and the mixin shapes are removed.
//!
//! The output is canonical, so two documents can be compared as JSON or as text: every
//! object's keys are sorted (shape IDs, member names, trait IDs, metadata and trait values
//! alike), and the ID lists Smithy treats as sets (operation, service and resource
//! `operations`, `collectionOperations`, `resources`, `errors`) are sorted as Smithy sorts
//! them. `mixins` keep their order, which matters. Like Smithy: `metadata` is left out when
//! empty, empty `traits` and empty ID lists are left out, structures, unions and enums
//! always have `members`, and an operation without `input` or `output` prints
//! `smithy.api#Unit` (its meaning in Smithy 2.0).
//!
//! Unlike Smithy, a Smithy 1.0 `set` prints as `set` rather than `list`, so the printed
//! document loads back to the same model; and the loader's 1.0 upgrades (string shapes
//! with the `enum` trait become `enum` shapes, primitive members get their `default`) show.

mod shapes;

use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostics;
use crate::load;
use crate::model::Model;
use crate::resolve::{self, is_prelude};

/// The Smithy IDL version the printed documents declare.
pub const SMITHY_VERSION: &str = "2.0";

/// `model` as a canonical JSON AST document. `flatten` flattens mixins (and removes the
/// mixin shapes); without it shapes keep their `mixins` and only their own members.
///
/// The model is checked as the resolve stage checks it (see [`resolve::merge`]), with and
/// without `flatten`: errors are `apply` aimed at an undefined shape or member, conflicting
/// applied traits, a redefined prelude shape, mixin problems (undefined, not a mixin,
/// another shape type, cycles, members redefined with another target) and references to
/// undefined shapes or shapes of the wrong kind.
pub fn to_json(model: &Model, flatten: bool) -> Result<Value, Diagnostics> {
    let merged = resolve::merge(model, flatten)?;
    let mut shapes = Map::new();
    for (id, shape) in &merged.shapes {
        if !is_prelude(id) {
            shapes.insert(id.to_string(), shapes::shape(shape));
        }
    }
    for (member, traits) in &merged.inherited_member_traits {
        if !is_prelude(member) && !traits.is_empty() {
            shapes.insert(member.to_string(), shapes::apply(traits));
        }
    }
    let mut document = Map::new();
    document.insert("smithy".to_owned(), Value::from(SMITHY_VERSION));
    if !model.metadata.is_empty() {
        let metadata = model
            .metadata
            .iter()
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        document.insert("metadata".to_owned(), Value::Object(metadata));
    }
    document.insert("shapes".to_owned(), Value::Object(shapes));
    Ok(sort_keys(Value::Object(document)))
}

/// Loads `paths` (files or directories, as [`load::load_paths`] reads them) and prints the
/// model with [`to_json`]. Load errors and print errors are both [`Diagnostics`].
pub fn load_to_json<P: AsRef<Path>>(paths: &[P], flatten: bool) -> Result<Value, Diagnostics> {
    let loaded = load::load_paths(paths)?;
    to_json(&loaded.model, flatten)
}

/// `value` with the keys of every object, at every depth, in sorted order (arrays keep
/// their order). `serde_json`'s `preserve_order` keeps insertion order, so canonical output
/// needs this; it also makes any JSON AST file comparable with printed output as text.
pub fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<(String, Value)> = object.into_iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.cmp(b));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, sort_keys(value)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests;
