//! Tests for the CBOR body writer and reader (`runtime/cbor.rs`) that rpcv2Cbor crates embed
//! verbatim, and for the CBOR forms of the primitives' serde impls.

#[allow(dead_code)]
#[path = "../runtime/big_number.rs"]
mod big_number;
/// What `big_number` reads of the crate's `primitives` module.
const BIG_NUMBERS_AS_STRINGS: bool = false;
#[allow(dead_code)]
#[path = "../runtime/blob.rs"]
mod blob;
#[allow(dead_code)]
#[path = "../runtime/date_time.rs"]
mod date_time;
#[allow(dead_code)]
#[path = "../runtime/float.rs"]
mod float;
#[allow(dead_code)]
#[path = "../runtime/json_write.rs"]
mod json_write;
#[allow(dead_code)]
#[path = "../runtime/wire.rs"]
mod real_wire;
#[allow(dead_code)]
#[path = "../runtime/structure.rs"]
mod structure;
/// The generated crate's `wire` module, as `cbor` sees it (`super::`); its files are in
/// `runtime/`.
#[path = "../runtime"]
mod wire {
    pub use crate::real_wire::{redact_values, sanitize_error_code, InvalidResponse, RequestError};
    #[allow(dead_code)]
    pub mod cbor;
}
/// What `wire` uses of the generated crate's `error` module.
#[allow(dead_code)]
mod error {
    include!("../runtime/modeled_error.rs");
    pub use crate::unhandled::Unhandled;
}
#[allow(dead_code)]
#[path = "../runtime/unhandled.rs"]
mod unhandled;

use blob::Blob;
use date_time::DateTime;
use serde::{Deserialize, Serialize};
use wire::cbor::{equivalent, error_code_and_message, parse, to_vec};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Thing {
    name: String,
    data: Blob,
    at: DateTime,
    #[serde(with = "float::f64_value")]
    ratio: f64,
    items: Vec<Option<i32>>,
}

#[test]
fn values_take_their_cbor_forms_and_read_back() {
    let thing = Thing {
        name: "a".to_owned(),
        data: Blob::new(b"hi".to_vec()),
        at: DateTime::from_secs(1),
        ratio: f64::INFINITY,
        items: vec![Some(1), None],
    };
    let bytes = to_vec(&thing).unwrap();
    let value: ciborium::Value = ciborium::from_reader(&bytes[..]).unwrap();
    let ciborium::Value::Map(entries) = value else {
        panic!("not a map: {value:?}")
    };
    let get = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| k.as_text() == Some(key))
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(get("data"), ciborium::Value::Bytes(b"hi".to_vec()));
    assert_eq!(
        get("at"),
        ciborium::Value::Tag(1, Box::new(ciborium::Value::Float(1.0)))
    );
    assert_eq!(get("ratio"), ciborium::Value::Float(f64::INFINITY));
    assert_eq!(
        get("items"),
        ciborium::Value::Array(vec![ciborium::Value::from(1), ciborium::Value::Null])
    );
    assert_eq!(parse::<Thing>(200, &bytes).unwrap(), thing);
}

#[test]
fn indefinite_lengths_half_floats_and_integer_timestamps_are_read() {
    #[derive(Debug, Deserialize)]
    struct Read {
        name: String,
        data: Blob,
        at: DateTime,
        #[serde(with = "float::f64_value")]
        ratio: f64,
    }
    let body = [
        0xbf, // indefinite map
        0x64, b'n', b'a', b'm', b'e', // "name"
        0x7f, 0x61, b'x', 0x60, 0xff, // "x", chunked
        0x64, b'd', b'a', b't', b'a', 0x5f, 0x41, 1, 0x41, 2, 0xff, // bytes in two chunks
        0x62, b'a', b't', 0xc1, 0x19, 0x01, 0x00, // tag 1, integer 256
        0x65, b'r', b'a', b't', b'i', b'o', 0xf9, 0x3e, 0x00, // half float 1.5
        0xff,
    ];
    let read: Read = parse(200, &body).unwrap();
    assert_eq!(read.name, "x");
    assert_eq!(read.data.as_ref(), [1, 2]);
    assert_eq!(read.at, DateTime::from_secs(256));
    assert_eq!(read.ratio, 1.5);
}

/// The index of a member key, read as generated structures read them.
struct KeyIndex(usize);

impl<'de> Deserialize<'de> for KeyIndex {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut keys = structure::Keys::new(&["a", "name"]);
        serde::de::DeserializeSeed::deserialize(&mut keys, deserializer).map(KeyIndex)
    }
}

#[test]
fn member_keys_may_be_indefinite_length_text() {
    let chunked = [0x7f, 0x62, b'n', b'a', 0x62, b'm', b'e', 0xff];
    assert_eq!(parse::<KeyIndex>(200, &chunked).unwrap().0, 1);
    assert_eq!(parse::<KeyIndex>(200, &[0x61, b'a']).unwrap().0, 0);
}

#[test]
fn an_empty_body_reads_as_an_empty_map() {
    #[derive(Debug, Deserialize)]
    struct Empty {}
    parse::<Empty>(200, b"").unwrap();
}

#[test]
fn malformed_or_mistyped_bodies_are_errors_that_repeat_nothing_of_them() {
    #[derive(Debug, Deserialize)]
    struct Secret {
        #[allow(dead_code)]
        pin: i32,
    }
    let mistyped = [
        0xa1, 0x63, b'p', b'i', b'n', 0x66, b's', b'e', b'c', b'r', b'e', b't',
    ];
    let truncated = [0xa1, 0x63, b'p', b'i'];
    let trailing = [0xa0, 0x00];
    let reserved = [0xa1, 0x63, b'p', b'i', b'n', 0x1c];
    for body in [&mistyped[..], &truncated, &trailing, &reserved, &[0xff]] {
        let error = parse::<Secret>(500, body).unwrap_err();
        assert_eq!(error.status, 500);
        assert!(!error.message.contains("secret"), "{}", error.message);
    }
    // Deep nesting is an error, not a stack overflow.
    let mut deep = vec![0x81; 100_000];
    deep.push(0x00);
    let error = parse::<ciborium::Value>(200, &deep).unwrap_err();
    assert!(error.message.contains("deeper"), "{}", error.message);
}

#[test]
fn error_codes_come_from_type_without_namespace_or_suffix() {
    let mut body = Vec::new();
    let map = ciborium::Value::Map(vec![
        (
            "__type".into(),
            "aws.protocoltests#Oops:http://internal".into(),
        ),
        ("message".into(), "went wrong".into()),
    ]);
    ciborium::into_writer(&map, &mut body).unwrap();
    assert_eq!(
        error_code_and_message(&body),
        (Some("Oops".to_owned()), Some("went wrong".to_owned()))
    );
    assert_eq!(error_code_and_message(b"\xff"), (None, None));
    assert_eq!(error_code_and_message(b""), (None, None));
}

#[test]
fn bodies_compare_as_data() {
    // {"a": 1, "b": NaN} against the same map indefinite, reordered, NaN as a half float.
    let definite = [
        0xa2, 0x61, b'a', 0x01, 0x61, b'b', 0xfb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0,
    ];
    let indefinite = [0xbf, 0x61, b'b', 0xf9, 0x7e, 0x00, 0x61, b'a', 0x01, 0xff];
    equivalent(&definite, &indefinite).unwrap();
    // Tag 1 as integer or float seconds.
    equivalent(&[0xc1, 0x00], &[0xc1, 0xf9, 0x00, 0x00]).unwrap();
    assert!(equivalent(&[0x01], &[0x02]).is_err());
    assert!(equivalent(&[0xa0], &[0xff]).is_err());
}

#[test]
fn big_numbers_are_refused_not_written_wrong() {
    let big: big_number::BigInteger = "123".parse().unwrap();
    let error = to_vec(&big).unwrap_err();
    assert!(error.message().contains("not supported"), "{error:?}");
    let error = parse::<big_number::BigDecimal>(200, &[0x01]).unwrap_err();
    assert!(error.message.contains("not supported"), "{}", error.message);
}
