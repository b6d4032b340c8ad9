//! `validate()` on generated types: every violation at once, with wire-name paths and
//! limits, never a value; the request builder refuses invalid input unless told not to.

use features_model::operation::put_thing::{self, PutThingInput};
use serde_json::json;
use smithy_codegen_tests::shared_dir;
use socialmessaging::operation::associate_whats_app_business_account::{
    self as associate, AssociateWhatsAppBusinessAccountInput,
};

fn violations<E: std::fmt::Display>(error: E) -> Vec<String> {
    error
        .to_string()
        .lines()
        .skip(1)
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn the_typical_input_is_valid() {
    let text = std::fs::read_to_string(shared_dir().join("wire/input-typical.json")).unwrap();
    let input: AssociateWhatsAppBusinessAccountInput = serde_json::from_str(&text).unwrap();
    assert_eq!(input.validate(), Ok(()));
}

fn invalid_input() -> AssociateWhatsAppBusinessAccountInput {
    serde_json::from_value(json!({
        "signupCallback": {"accessToken": "token"},
        "setupFinalization": {
            "associateInProgressToken": "x".repeat(51),
            "phoneNumbers": [
                {"id": "", "twoFactorPin": "1234567", "dataLocalizationRegion": "de", "tags": [{"key": ""}]},
                {"id": "ok", "twoFactorPin": "123456"}
            ],
            "waba": {"eventDestinations": [{"eventDestinationArn": "nope"}, {"eventDestinationArn": "arn:aws:sns:x:1:topic"}]}
        }
    }))
    .unwrap()
}

#[test]
fn every_violation_is_reported_with_its_path_and_limit() {
    let error = invalid_input().validate().unwrap_err();
    assert_eq!(
        violations(&error),
        [
            "setupFinalization.associateInProgressToken: length must be at most 50",
            "setupFinalization.phoneNumbers[0].id: length must be between 1 and 100",
            "setupFinalization.phoneNumbers[0].twoFactorPin: length must be between 1 and 6",
            "setupFinalization.phoneNumbers[0].dataLocalizationRegion: must match the pattern ^[A-Z]{2}$",
            "setupFinalization.phoneNumbers[0].tags[0].key: length must be between 1 and 128",
            "setupFinalization.waba.eventDestinations: length must be at most 1",
            "setupFinalization.waba.eventDestinations[0].eventDestinationArn: must match the pattern ^arn:.*:[a-z-]+([/:](.*))?$",
        ]
    );
    assert_eq!(error.violations().len(), 7);
    let text = error.to_string();
    assert!(
        !text.contains("1234567") && !text.contains(&"x".repeat(51)),
        "values never appear: {text}"
    );
}

#[test]
fn the_request_builder_refuses_invalid_input_unless_told_not_to() {
    let input = invalid_input();
    let error = associate::serialize_request(&input, "https://x.example.com").unwrap_err();
    assert_eq!(violations(&error).len(), 7, "{error}");
    assert!(!error.to_string().contains("1234567"));
    let request = associate::serialize_request_unchecked(&input, "https://x.example.com").unwrap();
    assert!(
        String::from_utf8_lossy(request.body()).contains("1234567"),
        "the caller opted out"
    );
}

#[test]
fn ranges_patterns_unique_items_and_map_keys_are_checked() {
    let input: PutThingInput = serde_json::from_value(json!({
        "count": 11,
        "ratio": 0.25,
        "code": "ab12",
        "labels": ["a", "a", "toolong", "b"],
        "tags": {"k1": "v", "k2": "v", "waytoolong": "v"},
        "secrets": ["abc"],
        "tree": {"value": "", "next": {"value": ""}},
    }))
    .unwrap();
    let error = input.validate().unwrap_err();
    assert_eq!(
        violations(&error),
        [
            "name: is required",
            "tags: length must be at most 2",
            "tags.waytoolong: length must be between 1 and 5",
            "tree.value: length must be at least 1",
            "tree.next.value: length must be at least 1",
            "secrets[0]: length must be between 4 and 8",
            "count: must be between 1 and 10",
            "ratio: must be at least 0.5",
            "code: length must be between 3 and 3",
            "code: must match the pattern ^[A-Z]{2}\\d$",
            "labels: length must be at most 3",
            "labels: items must be unique",
            "labels[2]: length must be between 1 and 5",
        ]
    );
    let error = put_thing::serialize_request(&input, "https://x.example.com").unwrap_err();
    assert!(error.to_string().contains("name: is required"), "{error}");
}

#[test]
fn lengths_count_unicode_scalar_values_not_bytes() {
    let ok: PutThingInput =
        serde_json::from_value(json!({"name": "n", "labels": ["ééééé"], "code": "ÉÉ1"})).unwrap();
    let error = ok.validate().unwrap_err();
    // Five characters (ten bytes) fit a length of 5; `É` is not `[A-Z]`.
    assert_eq!(
        violations(&error),
        ["code: must match the pattern ^[A-Z]{2}\\d$"]
    );
    let too_long: PutThingInput =
        serde_json::from_value(json!({"name": "n", "labels": ["éééééé"]})).unwrap();
    assert_eq!(
        violations(too_long.validate().unwrap_err()),
        ["labels[0]: length must be between 1 and 5"]
    );
    // Around the bounds that byte lengths alone can decide (1 to 4 bytes a character).
    let labels = [
        "😀",
        "😀😀",
        "😀😀😀😀😀",
        "abcde",
        "é",
        "",
        "abcdef",
        "😀😀😀😀😀😀",
        "aé😀aé",
    ];
    let input: PutThingInput =
        serde_json::from_value(json!({"name": "n", "labels": labels})).unwrap();
    assert_eq!(
        violations(input.validate().unwrap_err()),
        [
            "labels: length must be at most 3",
            "labels[5]: length must be between 1 and 5",
            "labels[6]: length must be between 1 and 5",
            "labels[7]: length must be between 1 and 5",
        ]
    );
}

#[test]
fn unknown_enum_values_are_not_violations() {
    let input: PutThingInput =
        serde_json::from_value(json!({"name": "n", "kind": "FUTURE_KIND"})).unwrap();
    assert_eq!(input.validate(), Ok(()));
}
