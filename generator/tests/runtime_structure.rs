//! Tests for `runtime/structure.rs`, what the generated structures' serde impls share, used the
//! way the generated impls use it.

#[path = "../runtime/structure.rs"]
mod structure;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};
use structure::{
    key_index, read_members, required, write_members, Keys, MemberWriter, ReadMembers, WriteMembers,
};

/// The keys an object gave, as `(member index, value)` in order, unknown keys left out.
fn indexes(json: &str, keys: fn() -> Keys) -> Result<Vec<(usize, serde_json::Value)>, String> {
    struct Read(fn() -> Keys);
    impl<'de> Visitor<'de> for Read {
        type Value = Vec<(usize, serde_json::Value)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut keys = (self.0)();
            let mut read = Vec::new();
            while let Some(index) = map.next_key_seed(&mut keys)? {
                if index == Keys::UNKNOWN {
                    map.next_value::<IgnoredAny>()?;
                } else {
                    read.push((index, map.next_value()?));
                }
            }
            Ok(read)
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer
        .deserialize_map(Read(keys))
        .map_err(|e| e.to_string())
}

fn two() -> Keys {
    Keys::new(&["name", "size"])
}

#[test]
fn keys_become_member_indexes_and_unknown_keys_are_skipped() {
    let read = indexes(r#"{"size": 2, "other": {"deep": [1]}, "name": "n"}"#, two).unwrap();
    assert_eq!(
        read,
        vec![(1, serde_json::json!(2)), (0, serde_json::json!("n"))]
    );
    assert_eq!(indexes("{}", two).unwrap(), vec![]);
    // Names match exactly: no case folding, no prefix.
    assert_eq!(indexes(r#"{"Name": 1, "nam": 2}"#, two).unwrap(), vec![]);
}

#[test]
fn a_member_given_twice_is_refused_even_after_null() {
    let error = indexes(r#"{"name": "a", "name": "b"}"#, two).unwrap_err();
    assert!(error.contains("duplicate field `name`"), "{error}");
    let error = indexes(r#"{"size": null, "size": 3}"#, two).unwrap_err();
    assert!(error.contains("duplicate field `size`"), "{error}");
    // Unknown keys may repeat: they are skipped.
    assert!(indexes(r#"{"x": 1, "x": 2}"#, two).is_ok());
}

#[test]
fn aliases_name_the_same_member_and_count_as_it() {
    fn aliased() -> Keys {
        Keys::with_aliases(&["name", "size"], &[("Size", 1), ("SIZE", 1)])
    }
    let read = indexes(r#"{"Size": 4}"#, aliased).unwrap();
    assert_eq!(read, vec![(1, serde_json::json!(4))]);
    let error = indexes(r#"{"size": 4, "SIZE": 5}"#, aliased).unwrap_err();
    assert!(error.contains("duplicate field `size`"), "{error}");
}

#[test]
fn duplicates_are_found_in_structures_of_any_size() {
    fn many() -> Keys {
        let names: Vec<&'static str> = (0..300)
            .map(|i| &*Box::leak(format!("m{i}").into_boxed_str()))
            .collect();
        Keys::new(Box::leak(names.into_boxed_slice()))
    }
    for index in [0, 127, 128, 299] {
        let json = format!(r#"{{"m{index}": 1, "m5": 2, "m{index}": 3}}"#);
        let error = indexes(&json, many).unwrap_err();
        assert!(
            error.contains(&format!("duplicate field `m{index}`")),
            "{error}"
        );
    }
    let all: String = (0..300)
        .map(|i| format!(r#""m{i}": {i}"#))
        .collect::<Vec<_>>()
        .join(",");
    let read = indexes(&format!("{{{all}}}"), many).unwrap();
    assert_eq!(read.len(), 300);
    assert!(read.iter().enumerate().all(|(i, (index, _))| i == *index));
}

struct Pair {
    name: String,
    size: Option<i32>,
}

impl WriteMembers for Pair {
    const NAME: &'static str = "Pair";
    fn write_members<W: MemberWriter>(&self, out: &mut W) -> Result<(), W::Error> {
        out.required("name", &self.name)?;
        out.optional("size", self.size.as_ref())
    }
}

impl Serialize for Pair {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_members(self, serializer)
    }
}

#[test]
fn optional_members_are_written_only_when_set() {
    let set = Pair {
        name: "n".into(),
        size: Some(3),
    };
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        r#"{"name":"n","size":3}"#
    );
    let unset = Pair {
        name: "n".into(),
        size: None,
    };
    assert_eq!(serde_json::to_string(&unset).unwrap(), r#"{"name":"n"}"#);
}

/// Formats that write a map's length first get the number of members actually written.
#[test]
fn the_struct_length_counts_only_the_members_written() {
    let mut bytes = Vec::new();
    let unset = Pair {
        name: "n".into(),
        size: None,
    };
    ciborium::into_writer(&unset, &mut bytes).unwrap();
    // A map of one pair (0xa1): "name" (0x64 ...) => "n" (0x61 0x6e).
    assert_eq!(bytes, b"\xa1\x64name\x61n");
    bytes.clear();
    let set = Pair {
        name: "n".into(),
        size: Some(3),
    };
    ciborium::into_writer(&set, &mut bytes).unwrap();
    assert_eq!(bytes, b"\xa2\x64name\x61n\x64size\x03");
}

/// A structure read the way generated ones are: a required and an optional member, the
/// members read so far held by a builder-like partial value.
#[derive(Debug, PartialEq)]
struct Member {
    name: String,
    size: Option<u32>,
}

#[derive(Default)]
struct MemberParts {
    name: Option<String>,
    size: Option<u32>,
}

impl<'de> serde::Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_members(deserializer)
    }
}

impl ReadMembers for Member {
    type Partial = MemberParts;
    const EXPECTING: &'static str = "a `Member` object";
    const KEYS: &'static [&'static str] = &["name", "size"];
    fn read_member<'de, A: MapAccess<'de>>(
        partial: &mut MemberParts,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match index {
            0 => partial.name = map.next_value()?,
            1 => partial.size = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn finish<E: serde::de::Error>(partial: MemberParts) -> Result<Self, E> {
        Ok(Member {
            name: required(partial.name, "name")?,
            size: partial.size,
        })
    }
}

#[test]
fn read_members_reads_in_any_order_and_skips_unknown_keys() {
    let pair: Member = serde_json::from_str(r#"{"size": 3, "other": [1, {"a": 2}], "name": "x"}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        pair,
        Member {
            name: "x".into(),
            size: Some(3)
        }
    );
    // `null` is absent.
    let pair: Member = serde_json::from_str(r#"{"name": "x", "size": null}"#).unwrap();
    assert_eq!(pair.size, None);
}

#[test]
fn read_members_refuses_what_the_structure_cannot_be() {
    let missing = serde_json::from_str::<Member>(r#"{"size": 3}"#).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `name`"),
        "{missing}"
    );
    let null = serde_json::from_str::<Member>(r#"{"name": null}"#).unwrap_err();
    assert!(null.to_string().contains("missing field `name`"), "{null}");
    let twice = serde_json::from_str::<Member>(r#"{"name": "a", "name": "b"}"#).unwrap_err();
    assert!(
        twice.to_string().contains("duplicate field `name`"),
        "{twice}"
    );
    // Not an object: the message says what was expected. (serde's derive would also take
    // an array, filling members by position.)
    let array = serde_json::from_str::<Member>(r#"["x", 3]"#).unwrap_err();
    assert!(array.to_string().contains("a `Member` object"), "{array}");
    let wrong = serde_json::from_str::<Member>(r#"{"name": 5}"#).unwrap_err();
    assert!(wrong.to_string().contains("expected a string"), "{wrong}");
}

#[test]
fn an_alias_points_at_its_members_index_at_compile_time() {
    const KEYS: &[&str] = &["message", "Message2", "code"];
    const CODE: usize = key_index(KEYS, "code");
    assert_eq!(CODE, 2);
    assert_eq!(key_index(KEYS, "message"), 0);
    // Text is compared whole: a prefix or another case is another key.
    assert_eq!(key_index(KEYS, "Message2"), 1);
    assert!(std::panic::catch_unwind(|| key_index(KEYS, "Message")).is_err());
    assert!(std::panic::catch_unwind(|| key_index(KEYS, "mess")).is_err());
}
