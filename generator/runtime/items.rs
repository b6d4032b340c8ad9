//! Lists and maps whose items have a wire form other than their type's own serde form:
//! timestamps with a `@timestampFormat` and floats (JSON writes NaN and the infinities as
//! the strings `"NaN"`, `"Infinity"`, `"-Infinity"`), at any depth.
//!
//! A [`Form`] mirrors the value's type: `List<Map<String, f64_value::Form>>` is the form of
//! `Vec<HashMap<String, f64>>`. The leaf forms are the `Form` of each `with` module
//! (`float::f64_value::Form`, `date_time::serde_date_time::Form`, ...). The generated code
//! writes a value through [`Ser`] and reads it through [`Seed`]; a `null` item of a list or
//! map that is not `@sparse` is refused here (responses read them with the wire layer's
//! error correction instead, which skips it).

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// How a value of type `Value` is written and read.
pub trait Form {
    type Value;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
}

/// A value that serializes in the form `F`.
pub struct Ser<'a, F: Form>(pub &'a F::Value);

impl<F: Form> Serialize for Ser<'_, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::serialize(self.0, serializer)
    }
}

/// Reads `null` as `None`, otherwise a value in the form `F`: a member slot or an item.
pub struct Seed<F>(PhantomData<F>);

impl<F> Seed<F> {
    pub fn new() -> Self {
        Seed(PhantomData)
    }
}

impl<F> Default for Seed<F> {
    fn default() -> Self {
        Seed::new()
    }
}

impl<'de, F: Form> DeserializeSeed<'de> for Seed<F> {
    type Value = Option<F::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct Visitor<F>(PhantomData<F>);
        impl<'de, F: Form> de::Visitor<'de> for Visitor<F> {
            type Value = Option<F::Value>;
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
                F::deserialize(d).map(Some)
            }
        }
        deserializer.deserialize_option(Visitor::<F>(PhantomData))
    }
}

/// A list that is not `@sparse`: `Vec<item>`.
pub struct List<F>(PhantomData<F>);

/// A `@sparse` list: `Vec<Option<item>>`, `None` written as `null`.
pub struct SparseList<F>(PhantomData<F>);

/// A map that is not `@sparse`: `HashMap<key, value>`.
pub struct Map<K, F>(PhantomData<(K, F)>);

/// A `@sparse` map: `HashMap<key, Option<value>>`, `None` written as `null`.
pub struct SparseMap<K, F>(PhantomData<(K, F)>);

/// Visits an array or object for the form `T` (one of the four above).
struct Visitor<T>(PhantomData<T>);

/// A `null` item of a collection that is not sparse.
fn dense_null<E: de::Error>(what: &'static str) -> E {
    E::invalid_type(de::Unexpected::Unit, &what)
}

/// At most this many items are reserved up front, whatever the length a reader announces.
const MAX_RESERVED: usize = 4096;

impl<F: Form> Form for List<F> {
    type Value = Vec<F::Value>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&Ser::<F>(item))?;
        }
        seq.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(Visitor::<Self>(PhantomData))
    }
}

impl<'de, F: Form> de::Visitor<'de> for Visitor<List<F>> {
    type Value = Vec<F::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_RESERVED));
        while let Some(item) = seq.next_element_seed(Seed::<F>::new())? {
            items.push(item.ok_or_else(|| dense_null("a list item (the list is not sparse)"))?);
        }
        Ok(items)
    }
}

impl<F: Form> Form for SparseList<F> {
    type Value = Vec<Option<F::Value>>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&item.as_ref().map(Ser::<F>))?;
        }
        seq.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(Visitor::<Self>(PhantomData))
    }
}

impl<'de, F: Form> de::Visitor<'de> for Visitor<SparseList<F>> {
    type Value = Vec<Option<F::Value>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_RESERVED));
        while let Some(item) = seq.next_element_seed(Seed::<F>::new())? {
            items.push(item);
        }
        Ok(items)
    }
}

impl<K, F> Form for Map<K, F>
where
    K: Serialize + for<'de> Deserialize<'de> + Eq + Hash,
    F: Form,
{
    type Value = HashMap<K, F::Value>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, item) in value {
            map.serialize_entry(key, &Ser::<F>(item))?;
        }
        map.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(Visitor::<Self>(PhantomData))
    }
}

impl<'de, K, F> de::Visitor<'de> for Visitor<Map<K, F>>
where
    K: Deserialize<'de> + Eq + Hash,
    F: Form,
{
    type Value = HashMap<K, F::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(MAX_RESERVED));
        while let Some(key) = map.next_key::<K>()? {
            let value = map.next_value_seed(Seed::<F>::new())?;
            out.insert(
                key,
                value.ok_or_else(|| dense_null("a map value (the map is not sparse)"))?,
            );
        }
        Ok(out)
    }
}

impl<K, F> Form for SparseMap<K, F>
where
    K: Serialize + for<'de> Deserialize<'de> + Eq + Hash,
    F: Form,
{
    type Value = HashMap<K, Option<F::Value>>;
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, item) in value {
            map.serialize_entry(key, &item.as_ref().map(Ser::<F>))?;
        }
        map.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(Visitor::<Self>(PhantomData))
    }
}

impl<'de, K, F> de::Visitor<'de> for Visitor<SparseMap<K, F>>
where
    K: Deserialize<'de> + Eq + Hash,
    F: Form,
{
    type Value = HashMap<K, Option<F::Value>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(MAX_RESERVED));
        while let Some(key) = map.next_key::<K>()? {
            let value = map.next_value_seed(Seed::<F>::new())?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

/// The `Form` of a `with` module's values (`float::f64_value::Form`, ...), and the same as a
/// `DeserializeSeed` (the wire layer's error correction reads leaves through seeds). Invoked
/// in a module of a sibling of this file's module (`primitives::float::f64_value`): the paths
/// are relative, so that the files also compile apart (the generator's runtime tests).
macro_rules! leaf_form {
    ($value:ty) => {
        /// This module's form of values inside lists, maps and unions.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Form;

        impl super::super::items::Form for Form {
            type Value = $value;
            fn serialize<S: serde::Serializer>(
                value: &$value,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serialize(value, serializer)
            }
            fn deserialize<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$value, D::Error> {
                deserialize(deserializer)
            }
        }

        impl<'de> serde::de::DeserializeSeed<'de> for Form {
            type Value = $value;
            fn deserialize<D: serde::Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<$value, D::Error> {
                deserialize(deserializer)
            }
        }
    };
}
pub(crate) use leaf_form;
