//! Two rpcv2Cbor shapes read and written two ways: through serde and ciborium (what rpcv2Cbor
//! crates do: impls written out as the generator emits them, over `primitives::structure`),
//! and by hand-written minicbor code, the per-shape writer and reader a generator would emit
//! to use minicbor (its derive keys maps by integers; Smithy keys them by member name).
//! The shapes are those of the suite's `SimpleScalarProperties` and `RpcV2CborLists` (with a
//! map added).

use std::borrow::Cow;
use std::collections::HashMap;

use minicbor::data::{Tag, Type};
use minicbor::{decode, encode, Decoder, Encoder};

use crate::blob::Blob;
use crate::date_time::DateTime;
use crate::float::{f32_value, f64_value};
use crate::structure;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimpleScalars {
    pub true_boolean_value: Option<bool>,
    pub false_boolean_value: Option<bool>,
    pub byte_value: Option<i8>,
    pub double_value: Option<f64>,
    pub float_value: Option<f32>,
    pub integer_value: Option<i32>,
    pub long_value: Option<i64>,
    pub short_value: Option<i16>,
    pub string_value: Option<String>,
    pub blob_value: Option<Blob>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lists {
    pub string_list: Option<Vec<String>>,
    pub integer_list: Option<Vec<i32>>,
    pub boolean_list: Option<Vec<bool>>,
    pub timestamp_list: Option<Vec<DateTime>>,
    pub nested_string_list: Option<Vec<Vec<String>>>,
    pub structure_list: Option<Vec<Pair>>,
    pub blob_list: Option<Vec<Blob>>,
    pub string_map: Option<HashMap<String, String>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pair {
    pub a: Option<String>,
    pub b: Option<String>,
}

pub fn simple_scalars() -> SimpleScalars {
    SimpleScalars {
        true_boolean_value: Some(true),
        false_boolean_value: Some(false),
        byte_value: Some(1),
        double_value: Some(1.5),
        float_value: Some(7.625),
        integer_value: Some(10),
        long_value: Some(4_294_967_296),
        short_value: Some(2),
        string_value: Some("simple".to_owned()),
        blob_value: Some(Blob::new(b"foo".to_vec())),
    }
}

/// Some 1.2 KB of CBOR: lists of every kind, nested lists, structures, blobs, timestamps
/// (whole and fractional) and a map.
pub fn lists() -> Lists {
    let words = |n: usize, stem: &str| (0..n).map(|i| format!("{stem}-{i}")).collect();
    Lists {
        string_list: Some(words(12, "item")),
        integer_list: Some((0..24).map(|i| i * 1000 - 5000).collect()),
        boolean_list: Some(vec![true, false, true, true, false, false]),
        timestamp_list: Some(vec![
            DateTime::from_secs(1_398_796_238),
            DateTime::from_fractional_secs(1_398_796_238.25).expect("a timestamp"),
            DateTime::from_secs(0),
            DateTime::from_secs(1_700_000_000),
        ]),
        nested_string_list: Some((0..4).map(|i| words(3, &format!("n{i}"))).collect()),
        structure_list: Some(
            (0..6)
                .map(|i| Pair {
                    a: Some(format!("a{i}")),
                    b: (i % 2 == 0).then(|| format!("b{i}")),
                })
                .collect(),
        ),
        blob_list: Some((0u8..4).map(|i| Blob::new(vec![i; 24])).collect()),
        string_map: Some(
            (0..8)
                .map(|i| (format!("key{i}"), format!("value {i}")))
                .collect(),
        ),
    }
}

// --- serde, as the generator writes the impls out -------------------------------------------

impl structure::WriteMembers for SimpleScalars {
    const NAME: &'static str = "SimpleScalars";
    fn write_members<W: structure::MemberWriter>(&self, out: &mut W) -> Result<(), W::Error> {
        out.optional("trueBooleanValue", self.true_boolean_value.as_ref())?;
        out.optional("falseBooleanValue", self.false_boolean_value.as_ref())?;
        out.optional("byteValue", self.byte_value.as_ref())?;
        out.optional(
            "doubleValue",
            self.double_value.as_ref().map(f64_value::ser),
        )?;
        out.optional("floatValue", self.float_value.as_ref().map(f32_value::ser))?;
        out.optional("integerValue", self.integer_value.as_ref())?;
        out.optional("longValue", self.long_value.as_ref())?;
        out.optional("shortValue", self.short_value.as_ref())?;
        out.optional("stringValue", self.string_value.as_ref())?;
        out.optional("blobValue", self.blob_value.as_ref())?;
        Ok(())
    }
}

impl serde::Serialize for SimpleScalars {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        structure::write_members(self, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for SimpleScalars {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        structure::read_members(deserializer)
    }
}

impl structure::ReadMembers for SimpleScalars {
    type Partial = SimpleScalars;
    const EXPECTING: &'static str = "a `SimpleScalars` object";
    const KEYS: &'static [&'static str] = &[
        "trueBooleanValue",
        "falseBooleanValue",
        "byteValue",
        "doubleValue",
        "floatValue",
        "integerValue",
        "longValue",
        "shortValue",
        "stringValue",
        "blobValue",
    ];
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        partial: &mut Self,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        struct F64(Option<f64>);
        impl<'de> serde::Deserialize<'de> for F64 {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                f64_value::option::deserialize(d).map(F64)
            }
        }
        struct F32(Option<f32>);
        impl<'de> serde::Deserialize<'de> for F32 {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                f32_value::option::deserialize(d).map(F32)
            }
        }
        match index {
            0 => partial.true_boolean_value = map.next_value()?,
            1 => partial.false_boolean_value = map.next_value()?,
            2 => partial.byte_value = map.next_value()?,
            3 => partial.double_value = map.next_value::<F64>()?.0,
            4 => partial.float_value = map.next_value::<F32>()?.0,
            5 => partial.integer_value = map.next_value()?,
            6 => partial.long_value = map.next_value()?,
            7 => partial.short_value = map.next_value()?,
            8 => partial.string_value = map.next_value()?,
            9 => partial.blob_value = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn finish<E: serde::de::Error>(partial: Self) -> Result<Self, E> {
        Ok(partial)
    }
}

impl structure::WriteMembers for Lists {
    const NAME: &'static str = "Lists";
    fn write_members<W: structure::MemberWriter>(&self, out: &mut W) -> Result<(), W::Error> {
        out.optional("stringList", self.string_list.as_ref())?;
        out.optional("integerList", self.integer_list.as_ref())?;
        out.optional("booleanList", self.boolean_list.as_ref())?;
        out.optional("timestampList", self.timestamp_list.as_ref())?;
        out.optional("nestedStringList", self.nested_string_list.as_ref())?;
        out.optional("structureList", self.structure_list.as_ref())?;
        out.optional("blobList", self.blob_list.as_ref())?;
        out.optional("stringMap", self.string_map.as_ref())?;
        Ok(())
    }
}

impl serde::Serialize for Lists {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        structure::write_members(self, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Lists {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        structure::read_members(deserializer)
    }
}

impl structure::ReadMembers for Lists {
    type Partial = Lists;
    const EXPECTING: &'static str = "a `Lists` object";
    const KEYS: &'static [&'static str] = &[
        "stringList",
        "integerList",
        "booleanList",
        "timestampList",
        "nestedStringList",
        "structureList",
        "blobList",
        "stringMap",
    ];
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        partial: &mut Self,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match index {
            0 => partial.string_list = map.next_value()?,
            1 => partial.integer_list = map.next_value()?,
            2 => partial.boolean_list = map.next_value()?,
            3 => partial.timestamp_list = map.next_value()?,
            4 => partial.nested_string_list = map.next_value()?,
            5 => partial.structure_list = map.next_value()?,
            6 => partial.blob_list = map.next_value()?,
            7 => partial.string_map = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn finish<E: serde::de::Error>(partial: Self) -> Result<Self, E> {
        Ok(partial)
    }
}

impl structure::WriteMembers for Pair {
    const NAME: &'static str = "Pair";
    fn write_members<W: structure::MemberWriter>(&self, out: &mut W) -> Result<(), W::Error> {
        out.optional("a", self.a.as_ref())?;
        out.optional("b", self.b.as_ref())?;
        Ok(())
    }
}

impl serde::Serialize for Pair {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        structure::write_members(self, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Pair {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        structure::read_members(deserializer)
    }
}

impl structure::ReadMembers for Pair {
    type Partial = Pair;
    const EXPECTING: &'static str = "a `Pair` object";
    const KEYS: &'static [&'static str] = &["a", "b"];
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        partial: &mut Self,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match index {
            0 => partial.a = map.next_value()?,
            1 => partial.b = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn finish<E: serde::de::Error>(partial: Self) -> Result<Self, E> {
        Ok(partial)
    }
}

// --- minicbor, written per shape ----------------------------------------------------------

type Enc = Encoder<Vec<u8>>;
type EncResult = Result<(), encode::Error<std::convert::Infallible>>;
type DecResult<T> = Result<T, decode::Error>;

/// The body of `value`, as [`crate::wire::cbor::to_vec`] starts it (256 bytes reserved).
pub fn minicbor_to_vec<T>(value: &T, write: fn(&T, &mut Enc) -> EncResult) -> Vec<u8> {
    let mut e = Encoder::new(Vec::with_capacity(256));
    write(value, &mut e).expect("writing to a Vec cannot fail");
    e.into_writer()
}

/// Reads one item as `T`; data after it is an error, as in `wire::cbor::parse`.
pub fn minicbor_parse<'b, T>(
    body: &'b [u8],
    read: fn(&mut Decoder<'b>) -> DecResult<T>,
) -> DecResult<T> {
    let mut d = Decoder::new(body);
    let value = read(&mut d)?;
    if d.position() != body.len() {
        return Err(decode::Error::message("data after the body's item"));
    }
    Ok(value)
}

pub fn write_simple(v: &SimpleScalars, e: &mut Enc) -> EncResult {
    let count = [
        v.true_boolean_value.is_some(),
        v.false_boolean_value.is_some(),
        v.byte_value.is_some(),
        v.double_value.is_some(),
        v.float_value.is_some(),
        v.integer_value.is_some(),
        v.long_value.is_some(),
        v.short_value.is_some(),
        v.string_value.is_some(),
        v.blob_value.is_some(),
    ];
    e.map(count.iter().filter(|set| **set).count() as u64)?;
    if let Some(x) = v.true_boolean_value {
        e.str("trueBooleanValue")?.bool(x)?;
    }
    if let Some(x) = v.false_boolean_value {
        e.str("falseBooleanValue")?.bool(x)?;
    }
    if let Some(x) = v.byte_value {
        e.str("byteValue")?.i8(x)?;
    }
    if let Some(x) = v.double_value {
        e.str("doubleValue")?.f64(x)?;
    }
    if let Some(x) = v.float_value {
        e.str("floatValue")?.f32(x)?;
    }
    if let Some(x) = v.integer_value {
        e.str("integerValue")?.i32(x)?;
    }
    if let Some(x) = v.long_value {
        e.str("longValue")?.i64(x)?;
    }
    if let Some(x) = v.short_value {
        e.str("shortValue")?.i16(x)?;
    }
    if let Some(x) = &v.string_value {
        e.str("stringValue")?.str(x)?;
    }
    if let Some(x) = &v.blob_value {
        e.str("blobValue")?.bytes(x.as_ref())?;
    }
    Ok(())
}

pub fn read_simple(d: &mut Decoder<'_>) -> DecResult<SimpleScalars> {
    let mut v = SimpleScalars::default();
    let mut seen = Seen::default();
    entries(d, |d, key| {
        match &*key {
            "trueBooleanValue" => v.true_boolean_value = nullable(d, 0, &mut seen, Decoder::bool)?,
            "falseBooleanValue" => {
                v.false_boolean_value = nullable(d, 1, &mut seen, Decoder::bool)?
            }
            "byteValue" => v.byte_value = nullable(d, 2, &mut seen, Decoder::i8)?,
            "doubleValue" => v.double_value = nullable(d, 3, &mut seen, Decoder::f64)?,
            "floatValue" => v.float_value = nullable(d, 4, &mut seen, Decoder::f32)?,
            "integerValue" => v.integer_value = nullable(d, 5, &mut seen, Decoder::i32)?,
            "longValue" => v.long_value = nullable(d, 6, &mut seen, Decoder::i64)?,
            "shortValue" => v.short_value = nullable(d, 7, &mut seen, Decoder::i16)?,
            "stringValue" => v.string_value = nullable(d, 8, &mut seen, string)?,
            "blobValue" => v.blob_value = nullable(d, 9, &mut seen, |d| bytes(d).map(Blob::new))?,
            _ => d.skip()?,
        }
        Ok(())
    })?;
    Ok(v)
}

pub fn write_lists(v: &Lists, e: &mut Enc) -> EncResult {
    let count = [
        v.string_list.is_some(),
        v.integer_list.is_some(),
        v.boolean_list.is_some(),
        v.timestamp_list.is_some(),
        v.nested_string_list.is_some(),
        v.structure_list.is_some(),
        v.blob_list.is_some(),
        v.string_map.is_some(),
    ];
    e.map(count.iter().filter(|set| **set).count() as u64)?;
    if let Some(list) = &v.string_list {
        e.str("stringList")?.array(list.len() as u64)?;
        for x in list {
            e.str(x)?;
        }
    }
    if let Some(list) = &v.integer_list {
        e.str("integerList")?.array(list.len() as u64)?;
        for x in list {
            e.i32(*x)?;
        }
    }
    if let Some(list) = &v.boolean_list {
        e.str("booleanList")?.array(list.len() as u64)?;
        for x in list {
            e.bool(*x)?;
        }
    }
    if let Some(list) = &v.timestamp_list {
        e.str("timestampList")?.array(list.len() as u64)?;
        for x in list {
            e.tag(Tag::new(1))?.f64(x.as_secs_f64())?;
        }
    }
    if let Some(list) = &v.nested_string_list {
        e.str("nestedStringList")?.array(list.len() as u64)?;
        for inner in list {
            e.array(inner.len() as u64)?;
            for x in inner {
                e.str(x)?;
            }
        }
    }
    if let Some(list) = &v.structure_list {
        e.str("structureList")?.array(list.len() as u64)?;
        for x in list {
            write_pair(x, e)?;
        }
    }
    if let Some(list) = &v.blob_list {
        e.str("blobList")?.array(list.len() as u64)?;
        for x in list {
            e.bytes(x.as_ref())?;
        }
    }
    if let Some(map) = &v.string_map {
        e.str("stringMap")?.map(map.len() as u64)?;
        for (key, value) in map {
            e.str(key)?.str(value)?;
        }
    }
    Ok(())
}

pub fn read_lists(d: &mut Decoder<'_>) -> DecResult<Lists> {
    let mut v = Lists::default();
    let mut seen = Seen::default();
    entries(d, |d, key| {
        match &*key {
            "stringList" => v.string_list = nullable(d, 0, &mut seen, |d| list(d, string))?,
            "integerList" => v.integer_list = nullable(d, 1, &mut seen, |d| list(d, Decoder::i32))?,
            "booleanList" => {
                v.boolean_list = nullable(d, 2, &mut seen, |d| list(d, Decoder::bool))?
            }
            "timestampList" => {
                v.timestamp_list = nullable(d, 3, &mut seen, |d| list(d, timestamp))?
            }
            "nestedStringList" => {
                v.nested_string_list = nullable(d, 4, &mut seen, |d| list(d, |d| list(d, string)))?
            }
            "structureList" => {
                v.structure_list = nullable(d, 5, &mut seen, |d| list(d, read_pair))?
            }
            "blobList" => {
                v.blob_list = nullable(d, 6, &mut seen, |d| list(d, |d| bytes(d).map(Blob::new)))?
            }
            "stringMap" => {
                v.string_map = nullable(d, 7, &mut seen, |d| {
                    let mut map = HashMap::new();
                    entries(d, |d, key| {
                        map.insert(key.into_owned(), string(d)?);
                        Ok(())
                    })?;
                    Ok(map)
                })?
            }
            _ => d.skip()?,
        }
        Ok(())
    })?;
    Ok(v)
}

fn write_pair(v: &Pair, e: &mut Enc) -> EncResult {
    e.map(u64::from(v.a.is_some()) + u64::from(v.b.is_some()))?;
    if let Some(x) = &v.a {
        e.str("a")?.str(x)?;
    }
    if let Some(x) = &v.b {
        e.str("b")?.str(x)?;
    }
    Ok(())
}

fn read_pair(d: &mut Decoder<'_>) -> DecResult<Pair> {
    let mut v = Pair::default();
    let mut seen = Seen::default();
    entries(d, |d, key| {
        match &*key {
            "a" => v.a = nullable(d, 0, &mut seen, string)?,
            "b" => v.b = nullable(d, 1, &mut seen, string)?,
            _ => d.skip()?,
        }
        Ok(())
    })?;
    Ok(v)
}

// What such a runtime would share: definite and indefinite lengths, null as absent, a member
// given twice as an error (as `structure::Keys` does), epoch seconds under tag 1.

#[derive(Default)]
struct Seen(u128);

fn nullable<'b, T>(
    d: &mut Decoder<'b>,
    index: u32,
    seen: &mut Seen,
    read: impl FnOnce(&mut Decoder<'b>) -> DecResult<T>,
) -> DecResult<Option<T>> {
    if seen.0 & (1 << index) != 0 {
        return Err(decode::Error::message("a member is given twice"));
    }
    seen.0 |= 1 << index;
    if d.datatype()? == Type::Null {
        d.skip()?;
        return Ok(None);
    }
    read(d).map(Some)
}

fn text<'b>(d: &mut Decoder<'b>) -> DecResult<Cow<'b, str>> {
    if d.datatype()? == Type::StringIndef {
        let mut out = String::new();
        for chunk in d.str_iter()? {
            out.push_str(chunk?);
        }
        return Ok(Cow::Owned(out));
    }
    d.str().map(Cow::Borrowed)
}

fn string(d: &mut Decoder<'_>) -> DecResult<String> {
    text(d).map(Cow::into_owned)
}

fn bytes(d: &mut Decoder<'_>) -> DecResult<Vec<u8>> {
    if d.datatype()? == Type::BytesIndef {
        let mut out = Vec::new();
        for chunk in d.bytes_iter()? {
            out.extend_from_slice(chunk?);
        }
        return Ok(out);
    }
    d.bytes().map(<[u8]>::to_vec)
}

fn timestamp(d: &mut Decoder<'_>) -> DecResult<DateTime> {
    if u64::from(d.tag()?) != 1 {
        return Err(decode::Error::message(
            "a timestamp must be under CBOR tag 1",
        ));
    }
    match d.datatype()? {
        Type::F16 | Type::F32 | Type::F64 => DateTime::from_fractional_secs(d.f64()?)
            .map_err(|_| decode::Error::message("a timestamp out of range")),
        _ => d.i64().map(DateTime::from_secs),
    }
}

/// Whether an indefinite-length item ends here; its break is then consumed.
fn at_break(d: &mut Decoder<'_>) -> DecResult<bool> {
    if d.datatype()? == Type::Break {
        d.set_position(d.position() + 1);
        return Ok(true);
    }
    Ok(false)
}

fn list<'b, T>(
    d: &mut Decoder<'b>,
    mut item: impl FnMut(&mut Decoder<'b>) -> DecResult<T>,
) -> DecResult<Vec<T>> {
    let mut out = Vec::new();
    match d.array()? {
        Some(len) => {
            // The length is untrusted: reserve no more than the body could hold.
            out.reserve(len.min(1024) as usize);
            for _ in 0..len {
                out.push(item(d)?);
            }
        }
        None => {
            while !at_break(d)? {
                out.push(item(d)?);
            }
        }
    }
    Ok(out)
}

fn entries<'b>(
    d: &mut Decoder<'b>,
    mut entry: impl FnMut(&mut Decoder<'b>, Cow<'b, str>) -> DecResult<()>,
) -> DecResult<()> {
    match d.map()? {
        Some(len) => {
            for _ in 0..len {
                let key = text(d)?;
                entry(d, key)?;
            }
        }
        None => {
            while !at_break(d)? {
                let key = text(d)?;
                entry(d, key)?;
            }
        }
    }
    Ok(())
}
