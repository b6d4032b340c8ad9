//! `Input::from_json` / `from_json_value` (the generated `json_input` module): every problem of
//! a JSON document at once, with wire-name paths, in the AWS CLI's words, never a sensitive value;
//! beside plain serde, which stops at the first.

use features_model::json_input::Problem;
use features_model::operation::put_thing::PutThingInput;
use serde_json::{json, Value};
use socialmessaging::operation::associate_whats_app_business_account::AssociateWhatsAppBusinessAccountInput;

/// The problems of `document` as a `PutThingInput`, one line each (the heading checked apart).
fn problems(document: Value) -> Vec<String> {
    let error = PutThingInput::from_json_value(&document).expect_err("the document has problems");
    let text = error.to_string();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("Parameter validation failed:"));
    let lines: Vec<String> = lines.map(str::to_owned).collect();
    assert_eq!(lines.len(), error.problems().len(), "{text}");
    lines
}

#[test]
fn the_issues_document_reports_every_problem_as_the_aws_cli_does() {
    let document = br#"{"signupCallback":{"accessToken":"a"},"setupFinalization":{"associateInProgressToken":5,
 "phoneNumbers":[{"tags":[{"value":"v"}]}],"waba":{"x":1}}}"#;
    // Plain serde stops at the first problem.
    assert!(serde_json::from_slice::<AssociateWhatsAppBusinessAccountInput>(document).is_err());
    let error = AssociateWhatsAppBusinessAccountInput::from_json(document).unwrap_err();
    // As the AWS CLI, but the token is @sensitive: its value is not shown.
    assert_eq!(
        error.to_string(),
        "Parameter validation failed:\n\
         Invalid type for parameter setupFinalization.associateInProgressToken, value: <sensitive>, type: integer, valid types: string\n\
         Missing required parameter in setupFinalization.phoneNumbers[0]: \"id\"\n\
         Missing required parameter in setupFinalization.phoneNumbers[0]: \"twoFactorPin\"\n\
         Missing required parameter in setupFinalization.phoneNumbers[0].tags[0]: \"key\"\n\
         Unknown parameter in setupFinalization.waba: \"x\", must be one of: id, eventDestinations, tags"
    );
}

#[test]
fn a_good_document_reads_as_serde_reads_it() {
    let document = json!({
        "name": "n", "kind": "slow-mode", "level": 10, "when": "2014-04-29T18:30:38Z",
        "epoch": 1398796238, "data": "aGVsbG8=", "doc": {"any": [1, null]}, "big": 12345678901234567890u64,
        "tags": {"abc": "d"}, "sparseList": ["x", null], "byKind": {"FAST": 1},
        "tree": {"value": "root", "children": [{"value": "leaf"}]}, "choice": {"nested": {"number": 3}},
        "secrets": ["s1s1"], "renamed-on-wire": "r", "count": 3, "ratio": 1.5, "code": "AB1"
    });
    let checked = PutThingInput::from_json_value(&document).unwrap();
    let plain: PutThingInput = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(checked, plain);
    assert_eq!(
        PutThingInput::from_json(document.to_string().as_bytes()),
        Ok(plain)
    );
}

#[test]
fn missing_required_members_at_any_depth_and_null_as_absent() {
    assert_eq!(
        problems(json!({"tree": {"children": [{"value": "a"}, {"next": {}}]}})),
        [
            "Missing required parameter in input: \"name\"",
            "Missing required parameter in tree: \"value\"",
            "Missing required parameter in tree.children[1]: \"value\"",
            "Missing required parameter in tree.children[1].next: \"value\"",
        ]
    );
    assert_eq!(
        problems(json!({"name": null})),
        ["Missing required parameter in input: \"name\""]
    );
}

#[test]
fn an_idempotency_token_is_not_missing_the_client_fills_it() {
    // `clientToken` is not @required here; a document without it reads.
    assert!(PutThingInput::from_json_value(&json!({"name": "n"})).is_ok());
}

#[test]
fn wrong_types_in_members_lists_and_maps() {
    assert_eq!(
        problems(json!({
            "name": ["n"],
            "count": 2.5,
            "level": 4294967296i64,
            "ratio": true,
            "when": {},
            "data": 5,
            "tags": {"ok": "v", "bad": 1},
            "sparseList": ["x", null, 3],
            "byKind": [],
            "big": "12",
            "tree": {"value": "v", "children": [{"value": "a"}, "b"]}
        })),
        [
            "Invalid type for parameter name, value: [\"n\"], type: array, valid types: string",
            "Invalid type for parameter level, value: 4294967296, type: integer, valid types: integer between -2147483648 and 2147483647",
            "Invalid type for parameter when, value: {}, type: object, valid types: number, string",
            "Invalid type for parameter data, value: 5, type: integer, valid types: string (base64)",
            "Invalid type for parameter big, value: \"12\", type: string, valid types: number",
            "Invalid type for parameter tags.bad, value: 1, type: integer, valid types: string",
            "Invalid type for parameter sparseList[2], value: 3, type: integer, valid types: string",
            "Invalid type for parameter byKind, value: [], type: array, valid types: object",
            "Invalid type for parameter tree.children[1], value: \"b\", type: string, valid types: object",
            "Invalid type for parameter count, value: 2.5, type: number, valid types: integer between -2147483648 and 2147483647",
            "Invalid type for parameter ratio, value: true, type: boolean, valid types: number, string",
        ]
    );
}

#[test]
fn a_null_in_a_list_that_is_not_sparse_is_a_wrong_type() {
    assert_eq!(
        problems(json!({"name": "n", "secrets": [null]})),
        ["Invalid type for parameter secrets[0], value: <sensitive>, type: null, valid types: string"]
    );
}

#[test]
fn the_document_must_be_an_object() {
    assert_eq!(
        problems(json!([1])),
        ["Invalid type for parameter input, value: [1], type: array, valid types: object"]
    );
    let error = PutThingInput::from_json(b"{\"name\": ").unwrap_err();
    assert!(matches!(error.problems(), [Problem::NotJson(_)]), "{error}");
}

#[test]
fn unknown_members_at_any_depth_are_problems() {
    let lines = problems(json!({
        "name": "n", "nmae": "typo",
        "tree": {"value": "v", "children": [{"value": "a", "colour": "red"}]},
        "choice": {"text": "t", "txet": "t"}
    }));
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].starts_with("Unknown parameter in input: \"nmae\", must be one of: name, kind, level, when, httpWhen, epoch, data, doc, big, dec, tags, sparseList, byKind, tree, choice, type, secrets, renamed-on-wire, clientToken,"), "{}", lines[0]);
    assert_eq!(
        lines[1],
        "Unknown parameter in tree.children[0]: \"colour\", must be one of: value, children, next, build"
    );
    assert_eq!(
        lines[2],
        "Unknown parameter in choice: \"txet\", must be one of: text, number, nothing, stamp, nested, secret"
    );
}

#[test]
fn member_names_are_the_wire_names() {
    // `renamed` is `renamed-on-wire` in JSON: the Smithy member name is unknown there.
    assert_eq!(
        problems(json!({"name": "n", "renamed": "r"}))[0],
        "Unknown parameter in input: \"renamed\", must be one of: name, kind, level, when, httpWhen, epoch, data, doc, big, dec, tags, sparseList, byKind, tree, choice, type, secrets, renamed-on-wire, clientToken, count, ratio, code, labels, trees, items"
    );
}

#[test]
fn a_union_takes_exactly_one_member() {
    let one_of =
        "Can only set one of the following keys: text, number, nothing, stamp, nested, secret.";
    assert_eq!(
        problems(json!({"name": "n", "choice": {}})),
        [format!(
            "Invalid number of parameters set for tagged union structure choice. {one_of}"
        )]
    );
    assert_eq!(
        problems(json!({"name": "n", "choice": {"text": "a", "nested": {"number": "x"}}})),
        [
            "Invalid type for parameter choice.nested.number, value: \"x\", type: string, valid types: integer".to_owned(),
            format!("Invalid number of parameters set for tagged union structure choice. {one_of}"),
        ]
    );
    // A unit member is an empty object; `null` members are not set.
    assert!(PutThingInput::from_json_value(
        &json!({"name": "n", "choice": {"nothing": {}, "text": null}})
    )
    .is_ok());
}

#[test]
fn enums_stay_open_but_must_be_of_their_json_type() {
    assert!(PutThingInput::from_json_value(
        &json!({"name": "n", "kind": "brand-new", "level": 7, "byKind": {"brand-new": 1}})
    )
    .is_ok());
    assert_eq!(
        problems(json!({"name": "n", "kind": 1, "level": "HIGH"})),
        [
            "Invalid type for parameter kind, value: 1, type: integer, valid types: string",
            "Invalid type for parameter level, value: \"HIGH\", type: string, valid types: integer",
        ]
    );
}

#[test]
fn sensitive_values_never_appear() {
    let secret = "hunter2-very-secret";
    for document in [
        json!({"name": "n", "secrets": [secret, 7, {"k": secret}]}),
        json!({"name": "n", "choice": {"secret": {"inner": secret}}}),
        json!({"name": "n", "choice": {"secret": 12345678}}),
    ] {
        let text = PutThingInput::from_json_value(&document)
            .unwrap_err()
            .to_string();
        assert!(text.contains("value: <sensitive>"), "{text}");
        assert!(
            !text.contains(secret) && !text.contains("12345678"),
            "{text}"
        );
    }
}

#[test]
fn constraint_violations_follow_the_structural_problems() {
    assert_eq!(
        problems(json!({"name": "n", "nmae": 1, "count": 11, "code": "abcd", "tree": {"value": ""}})),
        [
            "Unknown parameter in input: \"nmae\", must be one of: name, kind, level, when, httpWhen, epoch, data, doc, big, dec, tags, sparseList, byKind, tree, choice, type, secrets, renamed-on-wire, clientToken, count, ratio, code, labels, trees, items",
            "Invalid value for parameter tree.value: length must be at least 1",
            "Invalid value for parameter count: must be between 1 and 10",
            "Invalid value for parameter code: length must be between 3 and 3",
            "Invalid value for parameter code: must match the pattern ^[A-Z]{2}\\d$",
        ]
    );
    // Constraints of a sensitive member name the rule, never the value.
    let text = PutThingInput::from_json_value(&json!({"name": "n", "secrets": ["x".repeat(500)]}))
        .unwrap_err()
        .to_string();
    assert!(!text.contains(&"x".repeat(500)), "{text}");
}

#[test]
fn a_value_of_the_right_json_type_that_cannot_be_read_is_reported_with_its_path() {
    let lines = problems(json!({"name": "n", "data": "not base64!", "when": "yesterday"}));
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with("Invalid value for parameter data: ")
            || lines[0].starts_with("Invalid value for parameter when: "),
        "{}",
        lines[0]
    );
    assert!(
        !lines[0].contains("yesterday") && !lines[0].contains("base64!"),
        "{}",
        lines[0]
    );
    // No position: it would be one in the document as re-read, not the caller's.
    assert!(!lines[0].contains(" at line "), "{}", lines[0]);
}
