//! Tests for the CBOR body writer and reader (`runtime/cbor.rs`) that rpcv2Cbor crates embed
//! verbatim, and for the CBOR forms of the primitives' serde impls.

#[allow(dead_code)]
#[path = "../runtime/big_number.rs"]
mod big_number;
#[allow(dead_code)]
#[path = "../runtime/big_number_cbor.rs"]
mod big_number_cbor;
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
#[path = "../runtime/items.rs"]
mod items;
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
/// The generated crate's `primitives` module, as the runtime sees it: the request IDs.
#[allow(dead_code)]
#[path = "../runtime"]
mod primitives {
    pub mod request_id;
    pub use self::request_id::{RequestId, RequestIds};
}

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

// ---- bigInteger and bigDecimal (RFC 8949 sections 3.4.3 and 3.4.4) ---------------------------

use big_number::{BigDecimal, BigInteger};

fn int(text: &str) -> BigInteger {
    text.parse().unwrap()
}

fn dec(text: &str) -> BigDecimal {
    text.parse().unwrap()
}

/// `bytes` with `n` zero bytes appended.
fn then_zeros(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out.resize(bytes.len() + n, 0);
    out
}

/// The examples of RFC 8949 (section 3.4.3 and appendix A): integers that fit in major type
/// 0 or 1 are plain integers, the ones just beyond are bignums, both ways.
#[test]
fn big_integers_take_the_rfc_examples_forms() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("0", vec![0x00]),
        ("1", vec![0x01]),
        ("-1", vec![0x20]),
        ("1000000", vec![0x1a, 0x00, 0x0f, 0x42, 0x40]),
        (
            "18446744073709551615",
            [0x1b].into_iter().chain([0xff; 8]).collect(),
        ),
        (
            "-18446744073709551616",
            [0x3b].into_iter().chain([0xff; 8]).collect(),
        ),
        // 2^64: tag 2 of h'010000000000000000'.
        ("18446744073709551616", then_zeros(&[0xc2, 0x49, 0x01], 8)),
        // -2^64 - 1: tag 3 of the same bytes (the value is -1 - n).
        ("-18446744073709551617", then_zeros(&[0xc3, 0x49, 0x01], 8)),
    ];
    for (text, bytes) in cases {
        assert_eq!(to_vec(&int(text)).unwrap(), bytes, "writing {text}");
        assert_eq!(
            parse::<BigInteger>(200, &bytes).unwrap(),
            int(text),
            "reading {text}"
        );
    }
    // "-0" is zero.
    assert_eq!(to_vec(&int("-0")).unwrap(), [0x00]);
}

/// Against ciborium's own integer encoding (plain, else bignum) over the whole 128-bit range.
#[test]
fn big_integers_match_ciborium_for_every_128_bit_size() {
    let mut values: Vec<i128> = vec![i128::MIN, i128::MAX, i128::MIN + 1, i128::MAX - 1];
    for shift in 0..127 {
        let power = 1i128 << shift;
        values.extend([power, power - 1, power + 1, -power, -power - 1, 1 - power]);
    }
    for value in values {
        let mut expected = Vec::new();
        ciborium::into_writer(&value, &mut expected).unwrap();
        let text = value.to_string();
        assert_eq!(to_vec(&int(&text)).unwrap(), expected, "writing {text}");
        assert_eq!(parse::<BigInteger>(200, &expected).unwrap(), int(&text));
    }
}

#[test]
fn bignums_are_read_in_every_valid_form() {
    // Leading zeros, an empty byte string (0 and -1), indefinite-length chunks.
    assert_eq!(
        parse::<BigInteger>(200, &[0xc2, 0x43, 0x00, 0x00, 0x05]).unwrap(),
        int("5")
    );
    assert_eq!(parse::<BigInteger>(200, &[0xc2, 0x40]).unwrap(), int("0"));
    assert_eq!(parse::<BigInteger>(200, &[0xc3, 0x40]).unwrap(), int("-1"));
    let mut chunked = vec![0xc2, 0x5f, 0x41, 0x01, 0x48];
    chunked.extend([0; 8]);
    chunked.push(0xff);
    assert_eq!(
        parse::<BigInteger>(200, &chunked).unwrap(),
        int("18446744073709551616")
    );
    // Beyond 128 bits: 2^200 and -(2^200) - 1.
    let two_200 = "1606938044258990275541962092341162602522202993782792835301376";
    let mut bytes = vec![0xc2, 0x58, 26, 0x01];
    bytes.extend([0; 25]);
    assert_eq!(parse::<BigInteger>(200, &bytes).unwrap(), int(two_200));
    assert_eq!(to_vec(&int(two_200)).unwrap(), bytes);
    bytes[0] = 0xc3;
    let negative = format!("-{}", &two_200[..two_200.len() - 1]) + "7";
    assert_eq!(parse::<BigInteger>(200, &bytes).unwrap(), int(&negative));
    assert_eq!(to_vec(&int(&negative)).unwrap(), bytes);
}

#[test]
fn forty_digit_numbers_round_trip_exactly() {
    for text in [
        "1234567890123456789012345678901234567890",
        "-9999999999999999999999999999999999999999",
    ] {
        let written = to_vec(&int(text)).unwrap();
        assert_eq!(parse::<BigInteger>(200, &written).unwrap(), int(text));
    }
    for text in [
        "1234567890123456789012345678901234567890.5",
        "-0.0000000000000000000000000000000000000001",
        "98765432109876543210987654321098765432.10",
        "1.00",
        "0",
    ] {
        let written = to_vec(&dec(text)).unwrap();
        assert_eq!(
            parse::<BigDecimal>(200, &written).unwrap(),
            dec(text),
            "{text}"
        );
    }
}

/// RFC 8949 section 3.4.4: 273.15 is tag 4 of [-2, 27315].
#[test]
fn big_decimals_are_decimal_fractions() {
    let expected = [0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3];
    assert_eq!(to_vec(&dec("273.15")).unwrap(), expected);
    assert_eq!(parse::<BigDecimal>(200, &expected).unwrap(), dec("273.15"));
    // The exponent carries the text's exponent: 1.5e3 is [2, 15]; an integer has exponent 0.
    assert_eq!(to_vec(&dec("1.5e3")).unwrap(), [0xc4, 0x82, 0x02, 0x0f]);
    assert_eq!(to_vec(&dec("-5")).unwrap(), [0xc4, 0x82, 0x00, 0x24]);
    // A bignum mantissa, both ways: 2^64 / 10.
    let fraction = then_zeros(&[0xc4, 0x82, 0x20, 0xc2, 0x49, 0x01], 8);
    assert_eq!(to_vec(&dec("1844674407370955161.6")).unwrap(), fraction);
    assert_eq!(
        parse::<BigDecimal>(200, &fraction).unwrap(),
        dec("1844674407370955161.6")
    );
    // A negative bignum mantissa (tag 3) and an indefinite-length array.
    let mut negative = then_zeros(&[0xc4, 0x9f, 0x21, 0xc3, 0x49, 0x01], 8);
    negative.push(0xff);
    assert_eq!(
        parse::<BigDecimal>(200, &negative).unwrap(),
        dec("-184467440737095516.17")
    );
}

#[test]
fn big_decimals_read_exponents_as_text_of_the_same_value() {
    let read = |bytes: &[u8]| parse::<BigDecimal>(200, bytes).unwrap();
    assert_eq!(read(&[0xc4, 0x82, 0x02, 0x0f]), dec("15e2"));
    assert_eq!(read(&[0xc4, 0x82, 0x27, 0x0f]), dec("0.00000015"));
    // An exponent far below the digits keeps the exponent, not millions of zeros.
    let mut far = vec![0xc4, 0x82, 0x3b];
    far.extend([0xff; 8]);
    far.push(0x01);
    assert_eq!(read(&far), dec("1e-18446744073709551616"));
    // A plain integer or a bignum is a big decimal with exponent 0.
    assert_eq!(read(&[0x18, 0x64]), dec("100"));
    assert_eq!(read(&[0xc3, 0x40]), dec("-1"));
}

#[test]
fn big_numbers_of_the_wrong_kind_are_errors_that_say_so() {
    let integer_error = |bytes: &[u8]| parse::<BigInteger>(200, bytes).unwrap_err().message;
    let decimal_error = |bytes: &[u8]| parse::<BigDecimal>(200, bytes).unwrap_err().message;
    // A float holds neither exactly: the spec's form is an integer or tag 4.
    let half = [0xfb, 0x3f, 0xe0, 0, 0, 0, 0, 0, 0];
    assert!(
        integer_error(&half).contains("float"),
        "{}",
        integer_error(&half)
    );
    assert!(
        decimal_error(&half).contains("float"),
        "{}",
        decimal_error(&half)
    );
    let error = integer_error(&[0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3]);
    assert!(error.contains("tag 4"), "{error}");
    let error = decimal_error(&[0xc1, 0x01]);
    assert!(error.contains("tag 1"), "{error}");
    // Text: the value is not repeated.
    let error = integer_error(&[0x63, b'1', b'2', b'3']);
    assert!(
        error.contains("a string") && !error.contains("123"),
        "{error}"
    );
    // A decimal fraction with three items, one item, a bignum exponent, a float mantissa.
    for bytes in [
        vec![0xc4, 0x83, 0x01, 0x01, 0x01],
        vec![0xc4, 0x81, 0x01],
        vec![0xc4, 0x82, 0xc2, 0x41, 0x01, 0x01],
        vec![0xc4, 0x82, 0x01, 0xf9, 0x3c, 0x00],
        vec![0xc4, 0x01],
        vec![0xc2, 0x01],
    ] {
        let error = decimal_error(&bytes);
        assert!(!error.is_empty(), "{bytes:02x?}");
    }
    assert!(decimal_error(&[0xc4, 0x83, 0x01, 0x01, 0x01]).contains("two items"));
    // A bignum too long to convert quickly.
    let mut long = vec![0xc2, 0x5a, 0x00, 0x01, 0x00, 0x00];
    long.extend(std::iter::repeat_n(0xff, 0x10000));
    assert!(
        integer_error(&long).contains("longer than"),
        "{}",
        integer_error(&long)
    );
    // Writing: an exponent beyond what major types 0 and 1 hold.
    let error = to_vec(&dec("1e99999999999999999999999")).unwrap_err();
    assert!(error.message().contains("exponent"), "{error:?}");
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Amounts {
    count: BigInteger,
    total: Option<BigDecimal>,
    history: Vec<BigDecimal>,
}

/// Inside structures, through the event streams' writer (a `ciborium::Value` in between) too.
#[test]
fn big_numbers_round_trip_as_members() {
    let amounts = Amounts {
        count: int("-340282366920938463463374607431768211457"),
        total: Some(dec("123456789012345678901234567890.123456789")),
        history: vec![dec("0.1"), dec("-0.007"), dec("5e40")],
    };
    let written = to_vec(&amounts).unwrap();
    assert_eq!(parse::<Amounts>(200, &written).unwrap(), amounts);
    let without = wire::cbor::to_vec_without(&amounts, &[]).unwrap();
    equivalent(&without, &written).unwrap();
    let value: ciborium::Value = ciborium::from_reader(written.as_slice()).unwrap();
    assert_eq!(value.deserialized::<Amounts>().unwrap(), amounts);
}
