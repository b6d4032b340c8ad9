//! Client error correction (smithy.io, "Structure member optionality" > "Client error
//! correction"): a response that leaves out a `@required` member, in the body or a bound
//! header, reads with the member's zero value; `null` in a list or map that is not `@sparse`
//! is skipped. What is malformed stays an error. The operations are those of
//! `tests/models/features/responses.json`.

use std::collections::HashMap;

use features_model::operation::{read_choice, read_everything, read_nested};
use features_model::primitives::{BigDecimal, BigInteger, Blob, DateTime};
use features_model::types::error::Broken;
use features_model::types::{Choice, Inner, Kind, Level, Nested};
use features_model::wire::correction::correcting;
use read_everything::{ReadEverythingError, ReadEverythingOutput};
use serde_json::Value;

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn read(headers: &[(&str, &str)], body: &str) -> Result<ReadEverythingOutput, ReadEverythingError> {
    read_everything::parse_http_response(&response(200, headers, body))
}

/// The zero value of `Nested`: its required members zero, at every depth.
fn zero_nested() -> Nested {
    Nested::builder()
        .id("")
        .count(0)
        .inner(
            Inner::builder()
                .ok(false)
                .kinds(Vec::new())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

#[test]
fn every_required_body_member_left_out_reads_as_its_zero_value() {
    let output = read(&[], "{}").unwrap();
    assert_eq!(output.text, "");
    assert!(!output.flag);
    assert_eq!(
        (output.tiny, output.small, output.number, output.large),
        (0, 0, 0, 0)
    );
    assert_eq!((output.ratio, output.precise), (0.0, 0.0));
    assert_eq!(output.big, "0".parse::<BigInteger>().unwrap());
    assert_eq!(output.dec, "0".parse::<BigDecimal>().unwrap());
    assert_eq!(output.data, Blob::new(Vec::new()));
    assert_eq!(output.when, DateTime::from_secs(0), "the Unix epoch");
    assert_eq!(output.iso_when, DateTime::from_secs(0));
    assert_eq!(output.doc, Value::Null, "a null document");
    assert!(output.strings.is_empty());
    assert!(output.string_map.is_empty());
    // Enums, intEnums and unions take their unknown variant.
    assert!(matches!(&output.kind, Kind::Unknown(v) if v.as_str().is_empty()));
    assert_eq!(output.level, Level::Unknown(0));
    assert_eq!(output.choice, Choice::Unknown(String::new()));
    // A structure is `{}`, read with correction: its own required members are zero too.
    assert_eq!(output.nested, zero_nested());
    // Members that are not required stay unset.
    assert_eq!(output.nested_list, None);
    assert_eq!(output.sparse_map, None);
    // An empty body is the same as `{}`, and `null` is the same as absent.
    assert_eq!(read(&[], "").unwrap(), output);
    let nulls = r#"{"text":null,"flag":null,"number":null,"big":null,"data":null,"when":null,
        "doc":null,"strings":null,"stringMap":null,"kind":null,"level":null,"choice":null,
        "nested":null}"#;
    assert_eq!(read(&[], nulls).unwrap(), output);
}

#[test]
fn every_required_header_left_out_reads_as_its_zero_value() {
    let output = read(&[], "{}").unwrap();
    assert_eq!(output.header_text, "");
    assert_eq!(output.header_count, 0);
    assert!(!output.header_flag);
    assert_eq!(output.header_when, DateTime::from_secs(0));
    assert!(output.header_items.is_empty());
    assert!(matches!(&output.header_kind, Kind::Unknown(v) if v.as_str().is_empty()));
    assert_eq!(output.header_level, Level::Unknown(0));
    // Headers that are present are read as before.
    let output = read(
        &[
            ("X-Text", "t"),
            ("X-Count", "7"),
            ("X-Flag", "true"),
            ("X-Items", "a, b"),
            ("X-Kind", "FAST"),
            ("X-Level", "10"),
        ],
        "{}",
    )
    .unwrap();
    assert_eq!(
        (
            output.header_text.as_str(),
            output.header_count,
            output.header_flag
        ),
        ("t", 7, true)
    );
    assert_eq!(output.header_items, ["a", "b"]);
    assert_eq!(
        (output.header_kind, output.header_level),
        (Kind::Fast, Level::High)
    );
}

#[test]
fn nested_structures_are_corrected_at_any_depth() {
    let output = read(
        &[],
        r#"{"nested":{"id":"n","inner":{}},"nestedList":[{},{"count":2}],"nestedMap":{"a":{"inner":null}}}"#,
    )
    .unwrap();
    let with_id = Nested::builder()
        .id("n")
        .count(0)
        .inner(zero_nested().inner)
        .build()
        .unwrap();
    assert_eq!(output.nested, with_id);
    let mut counted = zero_nested();
    counted.count = 2;
    assert_eq!(output.nested_list, Some(vec![zero_nested(), counted]));
    assert_eq!(
        output.nested_map,
        Some(HashMap::from([("a".to_owned(), zero_nested())]))
    );
}

#[test]
fn null_in_lists_and_maps_that_are_not_sparse_is_skipped() {
    let output = read(
        &[],
        r#"{"strings":["a",null,"b"],"stringMap":{"x":"1","y":null},
            "nestedList":[null,{"id":"i"},null],"nestedMap":{"gone":null},
            "listOfLists":[["a",null],null,[]],
            "nested":{"inner":{"kinds":[null,"FAST",null]}}}"#,
    )
    .unwrap();
    assert_eq!(output.strings, ["a", "b"]);
    assert_eq!(
        output.string_map,
        HashMap::from([("x".to_owned(), "1".to_owned())])
    );
    assert_eq!(output.nested_list.map(|list| list.len()), Some(1));
    assert_eq!(output.nested_map, Some(HashMap::new()));
    assert_eq!(
        output.list_of_lists,
        Some(vec![vec!["a".to_owned()], Vec::new()])
    );
    assert_eq!(output.nested.inner.kinds, [Kind::Fast]);
}

#[test]
fn null_in_sparse_lists_and_maps_is_kept() {
    let output = read(
        &[],
        r#"{"sparseList":[null,"hi",null],"sparseMap":{"x":null,"y":"v"}}"#,
    )
    .unwrap();
    assert_eq!(
        output.sparse_list,
        Some(vec![None, Some("hi".to_owned()), None])
    );
    assert_eq!(
        output.sparse_map,
        Some(HashMap::from([
            ("x".to_owned(), None),
            ("y".to_owned(), Some("v".to_owned()))
        ]))
    );
}

#[test]
fn malformed_responses_stay_errors() {
    let malformed = [
        // Wrong JSON types, at the top and inside lists, maps and nested structures.
        r#"{"text":5}"#,
        r#"{"number":"5"}"#,
        r#"{"flag":"true"}"#,
        r#"{"strings":"a"}"#,
        r#"{"strings":[1]}"#,
        r#"{"stringMap":["a"]}"#,
        r#"{"stringMap":{"a":1}}"#,
        r#"{"nested":{"count":"two"}}"#,
        r#"{"nestedList":[5]}"#,
        r#"{"kind":1}"#,
        r#"{"level":"LOW"}"#,
        r#"{"when":"yesterday"}"#,
        r#"{"isoWhen":"not a date"}"#,
        r#"{"data":"!!not base64!!"}"#,
        // An array where an object belongs, and an object where an array belongs.
        r#"{"nested":["n",1]}"#,
        r#"{"strings":{"a":"b"}}"#,
        "[]",
        "null",
        // A union with no member or two members set.
        r#"{"choice":{}}"#,
        r#"{"choice":{"text":"a","number":1}}"#,
        // JSON that does not parse, and a member sent twice.
        r#"{"text":"a""#,
        r#"{"text":"a","text":"b"}"#,
    ];
    for body in malformed {
        assert!(
            matches!(
                read(&[], body),
                Err(ReadEverythingError::InvalidResponse(_))
            ),
            "{body} must be an error"
        );
    }
    // Header values that cannot be read are errors naming the header.
    for (name, value) in [
        ("X-Count", "seven"),
        ("X-Flag", "yes"),
        ("X-When", "yesterday"),
        ("X-Level", "high"),
    ] {
        match read(&[(name, value)], "{}") {
            Err(ReadEverythingError::InvalidResponse(e)) => {
                assert!(e.message.contains(name), "{name}: {e}")
            }
            other => panic!("{name}: {value} must be an error, got {other:?}"),
        }
    }
}

#[test]
fn required_members_of_errors_are_corrected() {
    let error = read_everything::parse_http_response(&response(
        503,
        &[("X-Amzn-Errortype", "Broken")],
        "{}",
    ))
    .unwrap_err();
    let ReadEverythingError::Broken(broken) = error else {
        panic!("expected Broken, got {error:?}");
    };
    assert_eq!(broken.message, "");
    assert_eq!(broken.reason, "", "a required header of an error");
    assert_eq!(broken.inner, zero_nested().inner);
    // A malformed error body is still an invalid response.
    let error = read_everything::parse_http_response(&response(
        503,
        &[("X-Amzn-Errortype", "Broken")],
        r#"{"message":7}"#,
    ))
    .unwrap_err();
    assert!(
        matches!(error, ReadEverythingError::InvalidResponse(_)),
        "{error:?}"
    );
}

#[test]
fn required_payloads_left_out_read_as_their_zero_value() {
    let choice = read_choice::parse_http_response(&response(200, &[], "")).unwrap();
    assert_eq!(choice.choice, Choice::Unknown(String::new()));
    let choice = read_choice::parse_http_response(&response(200, &[], r#"{"text":"t"}"#)).unwrap();
    assert_eq!(choice.choice, Choice::Text("t".to_owned()));
    assert!(read_choice::parse_http_response(&response(200, &[], "{}")).is_err());

    let nested = read_nested::parse_http_response(&response(200, &[], "")).unwrap();
    assert_eq!(nested.nested, zero_nested());
    assert_eq!(nested.doc, "");
    let nested = read_nested::parse_http_response(&response(200, &[], r#"{"id":"x"}"#)).unwrap();
    assert_eq!(nested.nested.id, "x");
}

#[test]
fn plain_serde_stays_strict_and_correcting_opts_in() {
    // Outside a response, a missing required member and a null list item are errors...
    let missing = serde_json::from_str::<Nested>("{}").unwrap_err();
    assert!(
        missing.to_string().contains("missing field `id`"),
        "{missing}"
    );
    let null_item = serde_json::from_str::<Inner>(r#"{"ok":true,"kinds":[null]}"#).unwrap_err();
    assert!(null_item.to_string().contains("not sparse"), "{null_item}");
    let error = serde_json::from_str::<Broken>("{}").unwrap_err();
    assert!(error.to_string().contains("missing field"), "{error}");
    // ...and `correcting` reads them as a response is read.
    let nested = correcting(|| serde_json::from_str::<Nested>("{}")).unwrap();
    assert_eq!(nested, zero_nested());
    let inner =
        correcting(|| serde_json::from_str::<Inner>(r#"{"ok":true,"kinds":[null]}"#)).unwrap();
    assert!(inner.ok && inner.kinds.is_empty());
    // Correction ends with the call.
    assert!(serde_json::from_str::<Nested>("{}").is_err());
}
