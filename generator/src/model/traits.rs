//! Trait values attached to shapes and members, kept as JSON node values.
//!
//! Unknown traits are kept (never fatal); the generator reads the ones it knows through
//! the typed accessors below. Numbers a `serde_json::Number` cannot give back as written
//! keep their text beside the value (see [`super::number`]): [`Traits::number_text`].

use std::collections::BTreeMap;

use serde_json::Value;

use super::number::NumberTexts;
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

/// The traits applied to one shape or member, keyed by trait shape ID: their values, and
/// for the values holding numbers their JSON numbers only approximate, those numbers' written
/// text (see [`super::number`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits(BTreeMap<ShapeId, Value>, BTreeMap<ShapeId, NumberTexts>);

impl Traits {
    pub fn new() -> Self {
        Traits::default()
    }

    /// Sets a trait whose numbers are all as `value` prints them.
    pub fn insert(&mut self, id: ShapeId, value: Value) -> Option<Value> {
        self.1.remove(&id);
        self.0.insert(id, value)
    }

    /// Sets a trait with the written text of the numbers its `value` only approximates.
    pub fn insert_exact(&mut self, id: ShapeId, value: Value, texts: NumberTexts) {
        if texts.is_empty() {
            self.1.remove(&id);
        } else {
            self.1.insert(id.clone(), texts);
        }
        self.0.insert(id, value);
    }

    /// Adds written number texts to trait `id` where it has none at those pointers yet (the
    /// first application of a trait is the one kept).
    pub fn add_number_texts(&mut self, id: &ShapeId, texts: NumberTexts) {
        if texts.is_empty() || !self.0.contains_key(id) {
            return;
        }
        let recorded = self.1.entry(id.clone()).or_default();
        for (pointer, text) in texts {
            recorded.entry(pointer).or_insert(text);
        }
    }

    /// The written texts of the numbers of trait `id` that its value only approximates.
    pub fn number_texts(&self, id: &ShapeId) -> Option<&NumberTexts> {
        self.1.get(id)
    }

    /// The number at `pointer` (a JSON pointer) in trait `id`, as written.
    pub fn number_text(&self, id: &str, pointer: &str) -> Option<String> {
        let parsed = ShapeId::parse(id).ok()?;
        let number = self.0.get(&parsed)?.pointer(pointer)?.as_number()?;
        let written = self.1.get(&parsed).and_then(|texts| texts.get(pointer));
        Some(written.cloned().unwrap_or_else(|| number.to_string()))
    }

    /// Copies trait `id` of `other`, number texts included (nothing if `other` lacks it).
    pub fn copy_from(&mut self, other: &Traits, id: &ShapeId) {
        if let Some(value) = other.0.get(id) {
            let texts = other.1.get(id).cloned().unwrap_or_default();
            self.insert_exact(id.clone(), value.clone(), texts);
        }
    }

    /// The value of the trait named by an absolute ID string such as `smithy.api#required`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        // A shape has a few traits: comparing each ID costs less than parsing `id` into one.
        self.0
            .iter()
            .find(|(key, _)| key.is(id))
            .map(|(_, value)| value)
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
    /// equal values (numbers by their written text) are kept once, and any other pair
    /// conflicts: the set is left unchanged and the value already there is returned.
    /// `texts` are the written numbers of `value` it only approximates.
    pub fn merge(&mut self, id: ShapeId, value: Value, texts: NumberTexts) -> Result<(), Value> {
        let Some(existing) = self.0.get_mut(&id) else {
            self.insert_exact(id, value, texts);
            return Ok(());
        };
        let recorded = self.1.get(&id).cloned().unwrap_or_default();
        match (existing, value) {
            (Value::Array(before), Value::Array(more)) => {
                // The appended items' numbers move down the list by the items before them.
                let shift = before.len();
                before.extend(more);
                let mut numbers = recorded;
                for (pointer, text) in texts {
                    numbers.insert(shift_first_index(&pointer, shift), text);
                }
                if !numbers.is_empty() {
                    self.1.insert(id, numbers);
                }
                Ok(())
            }
            (existing, value) if *existing == value && recorded == texts => Ok(()),
            (existing, _) => Err(existing.clone()),
        }
    }

    /// [`Traits::merge`] of trait `id` as `from` has it (nothing if `from` lacks it).
    pub fn merge_from(&mut self, from: &Traits, id: &ShapeId) -> Result<(), Value> {
        match from.0.get(id) {
            Some(value) => {
                let texts = from.1.get(id).cloned().unwrap_or_default();
                self.merge(id.clone(), value.clone(), texts)
            }
            None => Ok(()),
        }
    }

    /// Adds traits from `other` that this set does not have yet (used for mixins: local wins).
    pub fn inherit(&mut self, other: &Traits) {
        for id in other.0.keys() {
            if !self.0.contains_key(id) {
                self.copy_from(other, id);
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let parsed = ShapeId::parse(id).ok()?;
        self.1.remove(&parsed);
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

/// JSON pointer `pointer` (`/3/...`) with its first token, a list index, moved up by `by`.
fn shift_first_index(pointer: &str, by: usize) -> String {
    let rest = pointer.strip_prefix('/').unwrap_or(pointer);
    let (index, tail) = rest.split_once('/').unwrap_or((rest, ""));
    match index.parse::<usize>() {
        Ok(index) if tail.is_empty() => format!("/{}", index + by),
        Ok(index) => format!("/{}/{tail}", index + by),
        Err(_) => pointer.to_owned(),
    }
}
