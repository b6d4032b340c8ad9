//! Tests for client error correction (`runtime/correction.rs`), which generated crates with
//! the wire layer embed as `wire::correction`. The generated readers are tested on the
//! feature model in `tests/error_correction.rs`; these cover the runtime alone.

#[allow(dead_code)]
#[path = "../runtime/correction.rs"]
mod correction;

use std::collections::HashMap;

use correction::{
    correcting, is_correcting, or_zero, zero_structure, List, Map, Plain, Read, SparseList,
    SparseMap,
};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// Reads `json` with the reader `R`.
fn read<'a, R: Read<'a>>(json: &'a str) -> Result<R::Value, serde_json::Error> {
    R::read(&mut serde_json::Deserializer::from_str(json))
}

/// A structure whose required member leads back to itself, which Smithy forbids: its zero
/// value cannot exist, and correction must fail instead of recursing without end.
#[derive(Debug)]
struct Loop {
    #[allow(dead_code)]
    next: Box<Loop>,
}

impl<'de> Deserialize<'de> for Loop {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LoopVisitor;
        impl<'de> Visitor<'de> for LoopVisitor {
            type Value = Loop;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a Loop")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loop, A::Error> {
                while map.next_key::<de::IgnoredAny>()?.is_some() {
                    map.next_value::<de::IgnoredAny>()?;
                }
                let next = or_zero(None, "next", || {
                    zero_structure::<Loop, A::Error>().map(Box::new)
                })?;
                Ok(Loop { next })
            }
        }
        deserializer.deserialize_map(LoopVisitor)
    }
}

#[test]
fn correction_is_on_only_inside_correcting() {
    assert!(!is_correcting());
    assert!(correcting(is_correcting));
    assert!(correcting(|| correcting(is_correcting)));
    assert!(!is_correcting(), "restored after the call");
    let unwound = std::panic::catch_unwind(|| correcting(|| panic!("inside")));
    assert!(unwound.is_err());
    assert!(!is_correcting(), "restored after a panic too");
}

#[test]
fn missing_members_are_errors_unless_correcting() {
    let zero = || Ok(String::from("zero"));
    let strict: Result<String, serde_json::Error> = or_zero(None, "name", zero);
    assert!(strict
        .unwrap_err()
        .to_string()
        .contains("missing field `name`"));
    let corrected: Result<String, serde_json::Error> = correcting(|| or_zero(None, "name", zero));
    assert_eq!(corrected.unwrap(), "zero");
    // A value read is kept, correcting or not.
    let read = |value: &str| Some(String::from(value));
    let kept: Result<String, serde_json::Error> = or_zero(read("given"), "name", zero);
    assert_eq!(kept.unwrap(), "given");
    let kept: Result<String, serde_json::Error> =
        correcting(|| or_zero(read("given"), "name", zero));
    assert_eq!(kept.unwrap(), "given");
}

#[test]
fn zero_structures_that_lead_back_to_themselves_are_an_error() {
    assert!(serde_json::from_str::<Loop>("{}").is_err());
    let error = correcting(|| serde_json::from_str::<Loop>("{}")).unwrap_err();
    assert!(error.to_string().contains("lead back"), "{error}");
}

#[test]
fn dense_lists_and_maps_skip_null_only_when_correcting() {
    type Strings = List<Plain<String>>;
    assert_eq!(read::<Strings>(r#"["a","b"]"#).unwrap(), ["a", "b"]);
    let strict = read::<Strings>(r#"["a",null]"#).unwrap_err();
    assert!(strict.to_string().contains("not sparse"), "{strict}");
    assert_eq!(
        correcting(|| read::<Strings>(r#"[null,"a",null]"#)).unwrap(),
        ["a"]
    );
    type Nested = List<List<Plain<i32>>>;
    assert_eq!(
        correcting(|| read::<Nested>("[[1,null],null,[]]")).unwrap(),
        [vec![1], vec![]]
    );
    type Counts = Map<String, Plain<i32>>;
    assert!(read::<Counts>(r#"{"a":1,"b":null}"#).is_err());
    assert_eq!(
        correcting(|| read::<Counts>(r#"{"a":1,"b":null}"#)).unwrap(),
        HashMap::from([("a".to_owned(), 1)])
    );
}

#[test]
fn sparse_lists_and_maps_keep_null() {
    type Strings = SparseList<Plain<String>>;
    let expected = vec![None, Some("a".to_owned())];
    assert_eq!(read::<Strings>(r#"[null,"a"]"#).unwrap(), expected);
    assert_eq!(
        correcting(|| read::<Strings>(r#"[null,"a"]"#)).unwrap(),
        expected
    );
    type Counts = SparseMap<String, List<Plain<i32>>>;
    assert_eq!(
        correcting(|| read::<Counts>(r#"{"a":null,"b":[1,null]}"#)).unwrap(),
        HashMap::from([("a".to_owned(), None), ("b".to_owned(), Some(vec![1]))])
    );
}

#[test]
fn malformed_collections_stay_errors_when_correcting() {
    type Strings = List<Plain<String>>;
    type Counts = Map<String, Plain<i32>>;
    for json in [r#"{"a":"b"}"#, r#""a""#, "[1]", "[[]]", "5"] {
        assert!(correcting(|| read::<Strings>(json)).is_err(), "{json}");
    }
    for json in [r#"["a"]"#, r#"{"a":"b"}"#, "true"] {
        assert!(correcting(|| read::<Counts>(json)).is_err(), "{json}");
    }
}
