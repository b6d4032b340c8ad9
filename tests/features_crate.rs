//! Uses the crate generated from `tests/models/features/` for real: every kind of shape
//! the generator supports, through serde, builders, Debug and the error types.

use features_model::operation::get_gadget::{GetGadgetError, GetGadgetInput, GetGadgetOutput};
use features_model::operation::put_thing::{PutThingError, PutThingInput, PutThingOutput};
use features_model::primitives::{BigDecimal, BigInteger, Blob, DateTime};
use features_model::types::error::{NotFound, ServerFault};
use features_model::types::{Choice, Kind, Level, Tree};
use serde_json::{json, Value};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(wire: Value) -> (T, Value) {
    let parsed: T = serde_json::from_value(wire).expect("deserializes");
    let back = serde_json::to_value(&parsed).expect("serializes");
    (parsed, back)
}

#[test]
fn every_member_type_round_trips_through_json() {
    let wire = json!({
        "name": "n",
        "kind": "slow-mode",
        "level": 10,
        "when": "2014-04-29T18:30:38Z",
        "httpWhen": "Tue, 29 Apr 2014 18:30:38 GMT",
        "epoch": 1398796238,
        "data": "aGVsbG8=",
        "doc": {"any": ["json", 1, null]},
        "tags": {"a": "b"},
        "sparseList": ["x", null, "y"],
        "byKind": {"FAST": 1, "brand-new": 2},
        "tree": {"value": "root", "children": [{"value": "leaf"}], "next": {"value": "next"}},
        "choice": {"stamp": "2014-04-29T18:30:38Z"},
        "type": "keyword member",
        "secrets": ["s1"],
        "renamed-on-wire": "r"
    });
    let (input, back): (PutThingInput, Value) = round_trip(wire.clone());
    assert_eq!(back, wire);
    assert_eq!(input.kind, Some(Kind::Slow));
    assert_eq!(input.level, Some(Level::High));
    assert_eq!(input.when, Some(DateTime::from_secs(1_398_796_238)));
    assert_eq!(input.http_when, input.when);
    assert_eq!(input.epoch, input.when);
    assert_eq!(
        input.data.as_ref().map(|b| b.as_ref().to_vec()),
        Some(b"hello".to_vec())
    );
    assert_eq!(
        input.sparse_list,
        Some(vec![Some("x".to_owned()), None, Some("y".to_owned())])
    );
    assert_eq!(input.r#type.as_deref(), Some("keyword member"));
    assert_eq!(input.renamed.as_deref(), Some("r"));
    let by_kind = input.by_kind.expect("map with enum keys");
    assert_eq!(by_kind.get(&Kind::Fast), Some(&1));
    assert_eq!(by_kind.get(&Kind::from("brand-new")), Some(&2));
}

/// `serialize_request` writes the body itself (names pre-escaped, values by kind); for an
/// input whose members all go to the body that must be byte for byte what serde writes.
#[test]
fn request_bodies_are_exactly_what_serde_writes() {
    let wire = r#"{
        "name": "quote \" and \\ and \u0001 and é",
        "kind": "slow-mode",
        "level": 10,
        "when": "2014-04-29T18:30:38.123Z",
        "httpWhen": "Tue, 29 Apr 2014 18:30:38 GMT",
        "epoch": 1398796238.5,
        "data": "aGVsbG8=",
        "doc": {"any": ["json", 1, null, 1.5e300]},
        "big": 123456789012345678901234567890,
        "dec": 0.1000000000000000000000000001,
        "tags": {"a": "b", "c\"": "d"},
        "sparseList": ["x", null, "y"],
        "byKind": {"FAST": 1, "brand-new": 2},
        "tree": {"value": "root", "children": [{"value": "leaf"}], "next": {"value": "next"}},
        "choice": {"stamp": "2014-04-29T18:30:38Z"},
        "type": "keyword member",
        "secrets": ["s1"],
        "renamed-on-wire": "r",
        "clientToken": "token-1",
        "count": -3,
        "ratio": 0.25,
        "code": "ab",
        "labels": ["x", "y"]
    }"#;
    let input: PutThingInput = serde_json::from_str(wire).expect("deserializes");
    let request = features_model::operation::put_thing::serialize_request_unchecked(
        &input,
        "https://example.com",
    )
    .expect("request");
    let serde_bytes = serde_json::to_vec(&input).unwrap();
    assert_eq!(
        String::from_utf8_lossy(request.body()),
        String::from_utf8_lossy(&serde_bytes)
    );
    // With nothing set but the required name: only the name and a fresh idempotency token.
    let bare = PutThingInput::builder().name("n").build();
    let request =
        features_model::operation::put_thing::serialize_request_unchecked(&bare, "https://e.com")
            .expect("request");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    let object = body.as_object().unwrap();
    assert_eq!(object.len(), 2, "{body}");
    assert_eq!(object["name"], "n");
    assert!(object["clientToken"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
}

#[test]
fn big_numbers_keep_every_digit() {
    // Straight from text: a `serde_json::Value` would itself round the numbers.
    let text = r#"{"name":"n","big":123456789012345678901234567890,"dec":1.23456789012345678901234567890e+400}"#;
    let input: PutThingInput = serde_json::from_str(text).unwrap();
    assert_eq!(
        input.big.as_ref().map(BigInteger::as_str),
        Some("123456789012345678901234567890")
    );
    let dec: &BigDecimal = input.dec.as_ref().expect("dec");
    assert_eq!(dec.as_str(), "1.23456789012345678901234567890e+400");
    assert_eq!(serde_json::to_string(&input).unwrap(), text);
}

#[test]
fn enums_are_open_and_reserved_names_are_escaped() {
    assert_eq!(Kind::from("UNKNOWN"), Kind::UnknownValue);
    let novel = Kind::from("NOT_IN_MODEL");
    assert!(matches!(novel, Kind::Unknown(_)));
    assert_eq!(novel.as_str(), "NOT_IN_MODEL");
    assert_eq!(serde_json::to_value(&novel).unwrap(), json!("NOT_IN_MODEL"));
    assert_eq!(Kind::values(), &["FAST", "slow-mode", "UNKNOWN"]);
    let level: Level = serde_json::from_value(json!(7)).unwrap();
    assert_eq!(level, Level::Unknown(7));
    assert_eq!(serde_json::to_value(level).unwrap(), json!(7));
}

#[test]
fn unions_take_exactly_one_member() {
    let (choice, back): (Choice, Value) = round_trip(json!({"text": "t"}));
    assert_eq!(choice, Choice::Text("t".into()));
    assert_eq!(back, json!({"text": "t"}));

    let (choice, _): (Choice, Value) = round_trip(json!({"nothing": {}}));
    assert_eq!(choice, Choice::Nothing);

    let (choice, back): (Choice, Value) = round_trip(json!({"nested": {"number": 3}}));
    assert_eq!(choice, Choice::Nested(Box::new(Choice::Number(3))));
    assert_eq!(back, json!({"nested": {"number": 3}}));

    // Null members and the `__type` marker do not count as set.
    let choice: Choice =
        serde_json::from_value(json!({"text": null, "__type": "x", "number": 1})).unwrap();
    assert_eq!(choice, Choice::Number(1));

    let unknown: Choice = serde_json::from_value(json!({"addedLater": 5})).unwrap();
    assert_eq!(unknown, Choice::Unknown("addedLater".into()));
    assert!(
        serde_json::to_value(&unknown).is_err(),
        "an unknown member cannot be sent back"
    );

    let two = serde_json::from_value::<Choice>(json!({"text": "a", "number": 1})).unwrap_err();
    assert!(two.to_string().contains("more than one member"), "{two}");
    let none = serde_json::from_value::<Choice>(json!({})).unwrap_err();
    assert!(none.to_string().contains("no member"), "{none}");
    let bad = serde_json::from_value::<Choice>(json!({"stamp": "yesterday"})).unwrap_err();
    assert!(bad.to_string().contains("Choice.stamp"), "{bad}");
}

#[test]
fn recursive_structures_are_boxed_and_round_trip() {
    let tree = Tree::builder()
        .value("root")
        .next(Tree::builder().value("next").build().unwrap())
        .children(vec![Tree::builder().value("leaf").build().unwrap()])
        .build()
        .unwrap();
    let wire = serde_json::to_value(&tree).unwrap();
    assert_eq!(
        wire,
        json!({"value": "root", "children": [{"value": "leaf"}], "next": {"value": "next"}})
    );
    let back: Tree = serde_json::from_value(wire).unwrap();
    assert_eq!(back, tree);
}

#[test]
fn a_member_named_build_has_setters_named_otherwise() {
    // `build()` is the builder's own: the member's setter is `build_value`.
    let tree = Tree::builder().value("v").build_value(3).build().unwrap();
    assert_eq!(tree.build, Some(3));
    let cleared = Tree::builder()
        .value("v")
        .build_value(3)
        .set_build(None)
        .build()
        .unwrap();
    assert_eq!(cleared.build, None);
    assert_eq!(
        serde_json::to_value(&tree).unwrap(),
        json!({"value": "v", "build": 3})
    );
}

#[test]
fn defaults_fill_absent_members_on_the_wire_and_in_builders() {
    let output: PutThingOutput = serde_json::from_value(json!({"id": "i", "pin": "p"})).unwrap();
    assert_eq!(output.count, 5);
    assert!(!output.flag);
    assert_eq!(output.ratio, 0.5);
    assert_eq!(output.mode, Kind::Fast);
    assert!(output.items.is_empty());
    assert_eq!(
        output.maybe, None,
        "@clientOptional keeps a required member optional"
    );

    let built = PutThingOutput::builder().id("i").pin("p").build().unwrap();
    assert_eq!(built, output);
}

#[test]
fn missing_required_members_are_all_reported() {
    let error = PutThingOutput::builder().build().unwrap_err();
    let paths: Vec<_> = error.missing().iter().map(|m| m.path).collect();
    assert_eq!(paths, ["PutThingOutput.id", "PutThingOutput.pin"]);
    let text = error.to_string();
    assert!(
        text.contains("`PutThingOutput.id`") && text.contains("`PutThingOutput.pin`"),
        "{text}"
    );

    let wire = serde_json::from_value::<PutThingOutput>(json!({"id": "i"})).unwrap_err();
    assert!(wire.to_string().contains("pin"), "{wire}");
}

#[test]
fn input_members_stay_optional_even_when_required() {
    // `@input` structures: required members are Option and build() cannot fail.
    let input: PutThingInput = PutThingInput::builder().build();
    assert_eq!(input.name, None);
    let input: GetGadgetInput = GetGadgetInput::builder().gadget_id("g").build();
    assert_eq!(input.gadget_id.as_deref(), Some("g"));
}

#[test]
fn sensitive_values_never_reach_debug() {
    let input = PutThingInput::builder()
        .name("visible-name")
        .secrets(vec!["hunter2".to_owned()])
        .choice(Choice::Secret("swordfish".into()))
        .build();
    let debug = format!("{input:?}");
    assert!(debug.contains("visible-name"), "{debug}");
    assert!(
        !debug.contains("hunter2") && !debug.contains("swordfish"),
        "{debug}"
    );
    assert!(debug.contains("*** Sensitive Data Redacted ***"), "{debug}");

    let output = PutThingOutput::builder()
        .id("i")
        .pin("1234")
        .build()
        .unwrap();
    assert!(!format!("{output:?}").contains("1234"));
    let builder = PutThingOutput::builder().pin("5678");
    assert!(
        !format!("{builder:?}").contains("5678"),
        "builders redact too"
    );
}

#[test]
fn errors_expose_code_status_and_retryability() {
    let not_found = NotFound::builder()
        .message("no such gadget")
        .build()
        .unwrap();
    assert_eq!(not_found.code(), "NotFound");
    assert_eq!(not_found.http_status(), Some(404));
    assert!(!not_found.is_retryable());
    assert_eq!(not_found.to_string(), "NotFound: no such gadget");

    let fault = ServerFault::builder().message("busy").build();
    assert_eq!(
        fault.message(),
        Some("busy"),
        "a `Message` member is the message too"
    );
    assert!(fault.is_retryable() && fault.is_throttling() && fault.is_server_fault());

    // Service errors join every operation's error enum.
    let error = PutThingError::from(fault);
    assert_eq!(error.code(), Some("ServerFault"));
    assert_eq!(error.http_status(), Some(503));
    assert!(error.is_retryable());
    let error = GetGadgetError::from(not_found);
    assert!(matches!(error, GetGadgetError::NotFound(_)));
    assert_eq!(error.to_string(), "NotFound: no such gadget");
    assert!(
        std::error::Error::source(&error).is_none(),
        "Display already shows the inner error"
    );

    // Built from `default()`: the request IDs' field is private.
    let mut teapot = features_model::error::Unhandled::default();
    teapot.code = Some("Teapot".into());
    teapot.http_status = Some(418);
    let unhandled = PutThingError::Unhandled(teapot);
    assert_eq!(unhandled.to_string(), "Teapot (HTTP 418)");
    assert!(!unhandled.is_retryable());
}

#[test]
fn operations_without_output_get_an_empty_struct() {
    let output: GetGadgetOutput = serde_json::from_value(json!({})).unwrap();
    assert_eq!(output, GetGadgetOutput::builder().build());
}

#[test]
fn blobs_reject_bad_base64() {
    let error = serde_json::from_value::<PutThingInput>(json!({"data": "***"})).unwrap_err();
    assert!(
        error.to_string().to_lowercase().contains("base64"),
        "{error}"
    );
    let blob = Blob::new(b"\x00\xff".to_vec());
    assert_eq!(serde_json::to_value(&blob).unwrap(), json!("AP8="));
}

// The endpoint resolver: built-ins, the operation's bindings, and the rule set.

use features_model::endpoint::{self, BuiltIns, Params};
use features_model::operation::{put_thing, upload_thing};

fn built_ins(region: &str) -> BuiltIns {
    BuiltIns {
        region: Some(region.to_owned()),
        ..BuiltIns::default()
    }
}

#[test]
fn built_ins_fill_only_their_parameters() {
    let params = Params::from_built_ins(&BuiltIns {
        use_fips: true,
        endpoint: Some("https://local".into()),
        ..built_ins("eu-west-1")
    });
    assert_eq!(
        params,
        Params {
            region: Some("eu-west-1".into()),
            use_fips: Some(true),
            endpoint: Some("https://local".into()),
            ..Params::default()
        }
    );
}

#[test]
fn operation_bindings_read_the_input() {
    let input = PutThingInput::builder()
        .name("n1")
        .kind(Kind::Fast)
        .trees(vec![
            Tree::builder().value("a").build().unwrap(),
            Tree::builder().value("b").build().unwrap(),
        ])
        .items(vec![Some("x".to_owned()), None, Some("y".to_owned())])
        .build();
    let params = put_thing::endpoint_params(&input, &built_ins("us-west-2"));
    assert_eq!(params.region.as_deref(), Some("us-west-2"));
    assert_eq!(params.thing_name.as_deref(), Some("n1"));
    assert_eq!(params.kind.as_deref(), Some(Kind::Fast.as_str()));
    assert_eq!(params.mode.as_deref(), Some("put"));
    assert_eq!(
        params.tree_values,
        Some(vec!["a".to_owned(), "b".to_owned()])
    );
    // A sparse list's nulls are left out, as a JMESPath projection leaves them.
    assert_eq!(params.items, Some(vec!["x".to_owned(), "y".to_owned()]));
    assert_eq!(params.extra_keys, None);

    // Unset members leave their parameters unset; the static one is always there.
    let bare = put_thing::endpoint_params(&PutThingInput::builder().build(), &BuiltIns::default());
    assert_eq!(
        bare,
        Params {
            use_fips: Some(false),
            mode: Some("put".into()),
            ..Params::default()
        }
    );

    let upload = upload_thing::UploadThingInput::builder()
        .account_id("1")
        .thing_id("t")
        .path("p")
        .extra(
            [("zeta", "1"), ("alpha", "2")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect::<std::collections::HashMap<_, _>>(),
        )
        .build();
    let params = upload_thing::endpoint_params(&upload, &BuiltIns::default());
    assert_eq!(
        params.extra_keys,
        Some(vec!["alpha".to_owned(), "zeta".to_owned()])
    );
}

#[test]
fn resolution_from_the_rule_set() {
    let got = endpoint::resolve(&Params::from_built_ins(&built_ins("cn-north-1"))).unwrap();
    assert_eq!(got.url(), "https://features.cn-north-1.amazonaws.com.cn");
    assert_eq!(
        got.headers(),
        [("x-partition".to_owned(), vec!["aws-cn".to_owned()])]
    );
    let scheme = &got.auth_schemes()[0];
    assert_eq!(
        (
            scheme.name(),
            scheme.signing_name(),
            scheme.signing_region()
        ),
        ("sigv4", Some("features"), Some("cn-north-1"))
    );
    // Cached: the same answer again.
    let again = endpoint::resolve(&Params::from_built_ins(&built_ins("cn-north-1"))).unwrap();
    assert_eq!(again, got);

    let fips = BuiltIns {
        use_fips: true,
        ..built_ins("us-east-1")
    };
    let err = endpoint::resolve(&Params::from_built_ins(&fips)).unwrap_err();
    assert_eq!(err.to_string(), "FIPS is not offered in us-east-1");
    assert_eq!(
        endpoint::resolve(&Params::default())
            .unwrap_err()
            .to_string(),
        "Invalid Configuration: Missing Region"
    );
}

#[test]
fn parameters_from_sensitive_members_never_reach_debug() {
    let input = PutThingInput::builder()
        .secrets(vec!["hunter2".to_owned()])
        .build();
    let params = put_thing::endpoint_params(&input, &BuiltIns::default());
    assert_eq!(params.secrets, Some(vec!["hunter2".to_owned()]));
    let shown = format!("{params:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(
        shown.contains("secrets: Some(\"*** Sensitive Data Redacted ***\")"),
        "{shown}"
    );
    assert!(shown.contains("mode: Some(\"put\")"), "{shown}");
}
