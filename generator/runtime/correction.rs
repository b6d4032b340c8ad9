//! Client error correction (Smithy, "Structure member optionality"): a response that leaves
//! out a `@required` member, or sends it as `null`, is read with the member's zero value
//! instead of failing, and a `null` inside a list or map that is not `@sparse` is skipped,
//! so that a client keeps working when a service changes.
//!
//! Correction applies only while [`correcting`] runs (the generated `parse_response` and
//! `from_response` read through it); plain serde reads of the same types stay strict. What
//! is malformed stays an error either way: wrong JSON types, JSON that does not parse, an
//! array where an object belongs, a union with no member or several.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer};

std::thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static ZERO_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// How deep zero structures may nest: required members that lead back to their structure
/// (which Smithy forbids) would otherwise recurse without end.
const MAX_ZERO_DEPTH: u32 = 64;

/// Restores a thread-local cell when dropped (also if `read` unwinds).
struct Restore<T: Copy + 'static>(&'static std::thread::LocalKey<Cell<T>>, T);

impl<T: Copy + 'static> Drop for Restore<T> {
    fn drop(&mut self) {
        let value = self.1;
        self.0.with(|cell| cell.set(value));
    }
}

/// Runs `read` with client error correction on for this thread: missing or `null` required
/// members read as their zero values and `null` items of lists and maps that are not sparse
/// are skipped. Use it to read a response body with serde as `parse_response` does, e.g.
/// `correcting(|| serde_json::from_slice::<Output>(body))`.
pub fn correcting<T>(read: impl FnOnce() -> T) -> T {
    let _restore = Restore(&ACTIVE, ACTIVE.with(|active| active.replace(true)));
    read()
}

/// Whether error correction is on (inside [`correcting`]).
pub fn is_correcting() -> bool {
    ACTIVE.with(Cell::get)
}

/// A required member's `value` as read: when it was absent or `null`, its zero value while
/// correcting, else serde's missing-field error.
pub fn or_zero<T, E: de::Error>(
    value: Option<T>,
    member: &'static str,
    zero: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    match value {
        Some(value) => Ok(value),
        None if is_correcting() => zero(),
        None => Err(E::missing_field(member)),
    }
}

/// [`or_zero`] for a type whose `Default` is its zero value (strings, numbers, booleans,
/// blobs, timestamps, documents, lists, maps), the most common case.
pub fn or_default<T: Default, E: de::Error>(
    value: Option<T>,
    member: &'static str,
) -> Result<T, E> {
    or_zero(value, member, || Ok(T::default()))
}

/// [`or_zero`] for a structure, whose zero value is [`zero_structure`].
pub fn or_zero_structure<T: DeserializeOwned, E: de::Error>(
    value: Option<T>,
    member: &'static str,
) -> Result<T, E> {
    or_zero(value, member, zero_structure)
}

/// The zero value of a structure: `{}`, read with correction, so its own required members
/// take their zero values too. An error when required members lead back to the structure.
pub fn zero_structure<T: DeserializeOwned, E: de::Error>() -> Result<T, E> {
    let depth = ZERO_DEPTH.with(Cell::get);
    if depth >= MAX_ZERO_DEPTH {
        return Err(E::custom(
            "no zero value: required members lead back to their own structure",
        ));
    }
    let _restore = Restore(&ZERO_DEPTH, depth);
    ZERO_DEPTH.with(|d| d.set(depth + 1));
    let empty = de::value::MapDeserializer::<_, E>::new(std::iter::empty::<((), ())>());
    correcting(|| T::deserialize(empty))
}

// ---------------------------------------------------------------------------------------
// Readers: how a value with lists or maps inside is read
// ---------------------------------------------------------------------------------------

/// Reads a value of type `Self::Value`. The generated code names a reader type that mirrors
/// the value's type (`List<Plain<String>>` for `Vec<String>`), so that every list and map at
/// any depth knows whether it is sparse.
pub trait Read<'de> {
    type Value;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
}

/// A value read with its own `Deserialize` (no list or map inside).
pub struct Plain<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Read<'de> for Plain<T> {
    type Value = T;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A value read by a seed of its own: a float or a timestamp with a format of its own inside a
/// list or map (the `Form` of a `with` module, such as `float::f64_value::Form`).
pub struct Seeded<S>(PhantomData<S>);

impl<'de, S: DeserializeSeed<'de> + Default> Read<'de> for Seeded<S> {
    type Value = S::Value;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<S::Value, D::Error> {
        S::default().deserialize(deserializer)
    }
}

/// A boxed value (a recursive member).
pub struct Boxed<R>(PhantomData<R>);

impl<'de, R: Read<'de>> Read<'de> for Boxed<R> {
    type Value = Box<R::Value>;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        R::read(deserializer).map(Box::new)
    }
}

/// A value or `null`, as a seed: the member slots and the items of collections.
pub struct Nullable<R>(PhantomData<R>);

impl<R> Nullable<R> {
    pub fn new() -> Self {
        Nullable(PhantomData)
    }
}

impl<R> Default for Nullable<R> {
    fn default() -> Self {
        Nullable::new()
    }
}

impl<'de, R: Read<'de>> DeserializeSeed<'de> for Nullable<R> {
    type Value = Option<R::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct Visitor<R>(PhantomData<R>);
        impl<'de, R: Read<'de>> de::Visitor<'de> for Visitor<R> {
            type Value = Option<R::Value>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                R::read(d).map(Some)
            }
        }
        deserializer.deserialize_option(Visitor::<R>(PhantomData))
    }
}

/// A `null` item of a collection that is not sparse: skipped when correcting, else an error.
fn dense_null<E: de::Error>(what: &'static str) -> Result<(), E> {
    if is_correcting() {
        Ok(())
    } else {
        Err(E::invalid_type(de::Unexpected::Unit, &what))
    }
}

/// A list that is not `@sparse`: `Vec<item>`; a `null` item is skipped when correcting.
pub struct List<R>(PhantomData<R>);

/// A `@sparse` list: `Vec<Option<item>>`, `null` items kept as `None`.
pub struct SparseList<R>(PhantomData<R>);

/// A map that is not `@sparse`: `HashMap<key, value>`; an entry whose value is `null` is
/// skipped when correcting.
pub struct Map<K, R>(PhantomData<(K, R)>);

/// A `@sparse` map: `HashMap<key, Option<value>>`, `null` values kept as `None`.
pub struct SparseMap<K, R>(PhantomData<(K, R)>);

/// Visits a JSON array or object for the reader `T` (one of the four above).
struct Visitor<T>(PhantomData<T>);

impl<'de, R: Read<'de>> Read<'de> for List<R> {
    type Value = Vec<R::Value>;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(Visitor::<Self>(PhantomData))
    }
}

impl<'de, R: Read<'de>> de::Visitor<'de> for Visitor<List<R>> {
    type Value = Vec<R::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(Nullable::<R>::new())? {
            match item {
                Some(item) => items.push(item),
                None => dense_null::<A::Error>("a list item (the list is not sparse)")?,
            }
        }
        Ok(items)
    }
}

impl<'de, R: Read<'de>> Read<'de> for SparseList<R> {
    type Value = Vec<Option<R::Value>>;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(Visitor::<Self>(PhantomData))
    }
}

impl<'de, R: Read<'de>> de::Visitor<'de> for Visitor<SparseList<R>> {
    type Value = Vec<Option<R::Value>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(Nullable::<R>::new())? {
            items.push(item);
        }
        Ok(items)
    }
}

impl<'de, K: Deserialize<'de> + Eq + Hash, R: Read<'de>> Read<'de> for Map<K, R> {
    type Value = HashMap<K, R::Value>;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(Visitor::<Self>(PhantomData))
    }
}

impl<'de, K: Deserialize<'de> + Eq + Hash, R: Read<'de>> de::Visitor<'de> for Visitor<Map<K, R>> {
    type Value = HashMap<K, R::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key::<K>()? {
            match map.next_value_seed(Nullable::<R>::new())? {
                Some(value) => {
                    out.insert(key, value);
                }
                None => dense_null::<A::Error>("a map value (the map is not sparse)")?,
            }
        }
        Ok(out)
    }
}

impl<'de, K: Deserialize<'de> + Eq + Hash, R: Read<'de>> Read<'de> for SparseMap<K, R> {
    type Value = HashMap<K, Option<R::Value>>;
    fn read<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(Visitor::<Self>(PhantomData))
    }
}

impl<'de, K: Deserialize<'de> + Eq + Hash, R: Read<'de>> de::Visitor<'de>
    for Visitor<SparseMap<K, R>>
{
    type Value = HashMap<K, Option<R::Value>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key::<K>()? {
            let value = map.next_value_seed(Nullable::<R>::new())?;
            out.insert(key, value);
        }
        Ok(out)
    }
}
