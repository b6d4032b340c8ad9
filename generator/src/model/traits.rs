//! Trait values attached to shapes and members, kept as JSON node values.
//!
//! Unknown traits are kept (never fatal); the generator reads the ones it knows through
//! the typed accessors below.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ShapeId;

/// Well-known prelude trait IDs, named once.
pub mod ids {
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const INPUT: &str = "smithy.api#input";
    pub const OUTPUT: &str = "smithy.api#output";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const HTTP: &str = "smithy.api#http";
    pub const ENUM: &str = "smithy.api#enum";
    pub const BOX: &str = "smithy.api#box";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const TITLE: &str = "smithy.api#title";
}

/// The traits applied to one shape or member, keyed by trait shape ID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits(BTreeMap<ShapeId, Value>);

impl Traits {
    pub fn new() -> Self {
        Traits(BTreeMap::new())
    }

    pub fn insert(&mut self, id: ShapeId, value: Value) -> Option<Value> {
        self.0.insert(id, value)
    }

    /// The value of the trait named by an absolute ID string such as `smithy.api#required`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        let parsed = ShapeId::parse(id).ok()?;
        self.0.get(&parsed)
    }

    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// A trait whose value is a string, such as `documentation` or `jsonName`.
    pub fn string(&self, id: &str) -> Option<&str> {
        self.get(id).and_then(Value::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&ShapeId, &Value)> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a trait as Smithy's trait conflict rules say when it is applied more than once,
    /// in their order: list values (JSON arrays) are concatenated (equal lists too), other
    /// equal values are kept once, and any other pair conflicts: the set is left unchanged
    /// and the value already there is returned.
    pub fn merge(&mut self, id: ShapeId, value: Value) -> Result<(), Value> {
        match (self.0.get_mut(&id), value) {
            (None, value) => {
                self.0.insert(id, value);
                Ok(())
            }
            (Some(Value::Array(existing)), Value::Array(more)) => {
                existing.extend(more);
                Ok(())
            }
            (Some(existing), value) if *existing == value => Ok(()),
            (Some(existing), _) => Err(existing.clone()),
        }
    }

    /// Adds traits from `other` that this set does not have yet (used for mixins: local wins).
    pub fn inherit(&mut self, other: &Traits) {
        for (id, value) in other.iter() {
            self.0.entry(id.clone()).or_insert_with(|| value.clone());
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let parsed = ShapeId::parse(id).ok()?;
        self.0.remove(&parsed)
    }

    pub fn documentation(&self) -> Option<&str> {
        self.string(ids::DOCUMENTATION)
    }

    pub fn is_required(&self) -> bool {
        self.has(ids::REQUIRED)
    }

    pub fn is_sensitive(&self) -> bool {
        self.has(ids::SENSITIVE)
    }
}
