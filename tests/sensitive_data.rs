//! No `@sensitive` value leaks, whatever the channel: `Debug` (plain and `{:#?}`) of inputs,
//! outputs, builders and values nested deep in them; `BuildError`; validation errors;
//! and deserialization errors of responses that carry a secret in the wrong place. (The
//! `socialmessaging` command line's `--debug` log and error messages are checked in
//! `cli/tests/secrets.rs`, against the real binary.)
//!
//! Each test puts chosen secret values into sensitive members (`twoFactorPin` and
//! `associateInProgressToken` in `socialmessaging`; `Secret`, `secrets`, `Choice.secret` and
//! `PutThingOutput.pin` in `features_model`) and then looks for them in everything printed.

use std::fmt::Debug;

use features_model::operation::put_thing::{self, PutThingError, PutThingInput, PutThingOutput};
use features_model::operation::upload_thing::{self, UploadThingError};
use features_model::primitives::{BigDecimal, BigInteger, DateTime};
use features_model::types::{Choice, Tree};
use http::{HeaderMap, HeaderName, HeaderValue};
use serde_json::json;
use socialmessaging::operation::associate_whats_app_business_account::builders::{
    AssociateWhatsAppBusinessAccountInputBuilder, AssociateWhatsAppBusinessAccountOutputBuilder,
};
use socialmessaging::operation::associate_whats_app_business_account::{
    self as associate, AssociateWhatsAppBusinessAccountError,
    AssociateWhatsAppBusinessAccountInput, AssociateWhatsAppBusinessAccountOutput,
};
use socialmessaging::types::{
    WabaPhoneNumberSetupFinalization, WabaSetupFinalization,
    WhatsAppBusinessAccountEventDestination, WhatsAppSetupFinalization, WhatsAppSignupCallback,
    WhatsAppSignupCallbackResult,
};

/// A valid two-factor PIN (1 to 6 characters).
const PIN: &str = "Zq7Xk9";
/// A second PIN, for a second phone number.
const PIN_2: &str = "Wv3Jp8";
/// A valid in-progress token (at most 50 characters).
const TOKEN: &str = "tok-s3cr3t-Hq4Vb2Lx";
/// A features `Secret` (4 to 8 characters).
const SECRET: &str = "Sk8Rt4Yu";
const SECRET_2: &str = "Gm5Nc2Fe";
const SECRET_3: &str = "Pb9Dw6Tz";
/// What `Debug` prints instead of a sensitive value.
const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Fails naming the channel and the secret when any of `secrets` occurs in `text`.
fn assert_hidden(channel: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{channel} shows the secret {secret:?}:\n{text}"
        );
    }
}

/// `{:?}` and `{:#?}` of `value`, both checked.
fn assert_debug_hidden(channel: &str, value: &impl Debug, secrets: &[&str]) -> String {
    let plain = format!("{value:?}");
    let pretty = format!("{value:#?}");
    assert_hidden(&format!("{channel} ({{:?}})"), &plain, secrets);
    assert_hidden(&format!("{channel} ({{:#?}})"), &pretty, secrets);
    assert!(plain.contains(REDACTED), "{channel}: {plain}");
    plain
}

// ---------------------------------------------------------------------------------------
// Values with secrets in them
// ---------------------------------------------------------------------------------------

fn phone(id: &str, pin: &str) -> WabaPhoneNumberSetupFinalization {
    WabaPhoneNumberSetupFinalization::builder()
        .id(id)
        .two_factor_pin(pin)
        .data_localization_region("DE")
        .build()
        .unwrap()
}

fn setup(token: &str, pins: &[&str]) -> WhatsAppSetupFinalization {
    let phones: Vec<_> = pins
        .iter()
        .enumerate()
        .map(|(i, pin)| phone(&format!("phone-number-id-{i}"), pin))
        .collect();
    WhatsAppSetupFinalization::builder()
        .associate_in_progress_token(token)
        .phone_numbers(phones)
        .waba(
            WabaSetupFinalization::builder()
                .id("waba-visible")
                .event_destinations(vec![WhatsAppBusinessAccountEventDestination::builder()
                    .event_destination_arn("arn:aws:sns:us-east-1:123:topic")
                    .build()
                    .unwrap()])
                .build(),
        )
        .build()
        .unwrap()
}

fn social_input(token: &str, pins: &[&str]) -> AssociateWhatsAppBusinessAccountInput {
    AssociateWhatsAppBusinessAccountInput::builder()
        .signup_callback(
            WhatsAppSignupCallback::builder()
                .access_token("EAAG-visible")
                .build()
                .unwrap(),
        )
        .setup_finalization(setup(token, pins))
        .build()
}

fn social_output(token: &str) -> AssociateWhatsAppBusinessAccountOutput {
    AssociateWhatsAppBusinessAccountOutput::builder()
        .signup_callback_result(
            WhatsAppSignupCallbackResult::builder()
                .associate_in_progress_token(token)
                .build(),
        )
        .status_code(200)
        .build()
}

/// `Choice.secret` `depth` unions deep: `Nested(Nested(...Secret))`.
fn nested_secret(secret: &str, depth: usize) -> Choice {
    (0..depth).fold(Choice::Secret(secret.to_owned()), |inner, _| {
        Choice::Nested(Box::new(inner))
    })
}

fn features_input(secrets: &[&str], choice_secret: &str) -> PutThingInput {
    PutThingInput::builder()
        .name("visible-name")
        .secrets(secrets.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .choice(nested_secret(choice_secret, 3))
        .tree(
            Tree::builder()
                .value("root")
                .children(vec![Tree::builder().value("leaf").build().unwrap()])
                .build()
                .unwrap(),
        )
        .build()
}

fn features_output(pin: &str) -> PutThingOutput {
    PutThingOutput::builder()
        .id("visible-id")
        .pin(pin)
        .created(DateTime::from_secs(1_398_796_238))
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// Debug
// ---------------------------------------------------------------------------------------

#[test]
fn debug_of_socialmessaging_values_and_builders_hides_secrets() {
    let secrets = [PIN, PIN_2, TOKEN];
    let input = social_input(TOKEN, &[PIN, PIN_2]);
    let shown = assert_debug_hidden("input", &input, &secrets);
    // What is not sensitive is shown: the redaction is not just an empty Debug.
    assert!(
        shown.contains("phone-number-id-1") && shown.contains("waba-visible"),
        "{shown}"
    );
    let setup = input.setup_finalization.clone().unwrap();
    assert_debug_hidden("WhatsAppSetupFinalization", &setup, &secrets);
    assert_debug_hidden("phone numbers", &setup.phone_numbers, &secrets);
    assert_debug_hidden("Some(input)", &Some(&input), &secrets);
    assert_debug_hidden(
        "a list of inputs",
        &vec![input.clone(), input.clone()],
        &secrets,
    );

    // Builders, part-filled and full.
    let builder: AssociateWhatsAppBusinessAccountInputBuilder =
        AssociateWhatsAppBusinessAccountInput::builder().setup_finalization(setup.clone());
    assert_debug_hidden("input builder", &builder, &secrets);
    assert_debug_hidden(
        "WhatsAppSetupFinalization builder",
        &WhatsAppSetupFinalization::builder()
            .associate_in_progress_token(TOKEN)
            .phone_numbers(setup.phone_numbers.clone()),
        &secrets,
    );
    assert_debug_hidden(
        "WhatsAppSetupFinalization builder with only the token",
        &WhatsAppSetupFinalization::builder().associate_in_progress_token(TOKEN),
        &secrets,
    );
    assert_debug_hidden(
        "WabaPhoneNumberSetupFinalization builder",
        &WabaPhoneNumberSetupFinalization::builder().two_factor_pin(PIN),
        &secrets,
    );

    let output = social_output(TOKEN);
    assert_debug_hidden("output", &output, &secrets);
    assert_debug_hidden(
        "WhatsAppSignupCallbackResult",
        output.signup_callback_result.as_ref().unwrap(),
        &secrets,
    );
    let output_builder: AssociateWhatsAppBusinessAccountOutputBuilder =
        AssociateWhatsAppBusinessAccountOutput::builder()
            .signup_callback_result(output.signup_callback_result.clone().unwrap());
    assert_debug_hidden("output builder", &output_builder, &secrets);
    assert_debug_hidden(
        "WhatsAppSignupCallbackResult builder",
        &WhatsAppSignupCallbackResult::builder().associate_in_progress_token(TOKEN),
        &secrets,
    );
    // A parsed output too (not only a built one).
    let body = json!({"signupCallbackResult": {"associateInProgressToken": TOKEN}});
    let parsed = associate::parse_response(200, &HeaderMap::new(), body.to_string().as_bytes())
        .expect("parses");
    assert_debug_hidden("parsed output", &parsed, &secrets);
}

#[test]
fn debug_of_features_values_and_builders_hides_secrets() {
    let secrets = [SECRET, SECRET_2, SECRET_3];
    let input = features_input(&[SECRET, SECRET_2], SECRET_3);
    let shown = assert_debug_hidden("PutThingInput", &input, &secrets);
    assert!(
        shown.contains("visible-name") && shown.contains("leaf") && shown.contains("Nested"),
        "{shown}"
    );
    for depth in [0, 1, 5, 40] {
        assert_debug_hidden(
            &format!("Choice.secret {depth} unions deep"),
            &nested_secret(SECRET, depth),
            &secrets,
        );
    }
    assert_debug_hidden(
        "a list of choices",
        &vec![
            Choice::Text("visible".to_owned()),
            nested_secret(SECRET_2, 2),
        ],
        &secrets,
    );
    assert_debug_hidden(
        "PutThingInput builder",
        &PutThingInput::builder()
            .secrets(vec![SECRET.to_owned()])
            .choice(nested_secret(SECRET_2, 1)),
        &secrets,
    );
    let output = features_output(SECRET);
    assert_debug_hidden("PutThingOutput", &output, &secrets);
    assert_debug_hidden(
        "PutThingOutput builder",
        &PutThingOutput::builder().pin(SECRET),
        &secrets,
    );
    let body = json!({"id": "i", "pin": SECRET_2});
    let parsed = put_thing::parse_response(201, &HeaderMap::new(), body.to_string().as_bytes())
        .expect("parses");
    assert_eq!(parsed.pin, SECRET_2);
    assert_debug_hidden("parsed PutThingOutput", &parsed, &secrets);
}

// ---------------------------------------------------------------------------------------
// BuildError
// ---------------------------------------------------------------------------------------

#[test]
fn build_errors_hide_secrets() {
    let secrets = [PIN, TOKEN, SECRET];
    let error = WabaPhoneNumberSetupFinalization::builder()
        .two_factor_pin(PIN)
        .build()
        .unwrap_err();
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden(
        "BuildError of WabaPhoneNumberSetupFinalization",
        &shown,
        &secrets,
    );
    assert!(
        shown.contains("WabaPhoneNumberSetupFinalization.id"),
        "{shown}"
    );

    let error = WhatsAppSetupFinalization::builder()
        .associate_in_progress_token(TOKEN)
        .build()
        .unwrap_err();
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden("BuildError of WhatsAppSetupFinalization", &shown, &secrets);
    assert!(shown.contains("phoneNumbers"), "{shown}");

    let error = PutThingOutput::builder().pin(SECRET).build().unwrap_err();
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden("BuildError of PutThingOutput", &shown, &secrets);
    assert!(shown.contains("PutThingOutput.id"), "{shown}");
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

#[test]
fn validation_errors_hide_secrets() {
    // Each secret breaks its length constraint, so validation must talk about it.
    let long_pin = "Zq7Xk9Lm"; // TwoFactorPin: 1..6
    let long_token = format!("tok-s3cr3t-{}", "Hq4Vb2Lx".repeat(6)); // at most 50
    let secrets = [long_pin, long_token.as_str()];
    let input = social_input(&long_token, &[PIN, long_pin]);
    let error = input.validate().unwrap_err();
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden("ValidationErrors", &shown, &secrets);
    let paths: Vec<&str> = error.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "setupFinalization.associateInProgressToken",
            "setupFinalization.phoneNumbers[1].twoFactorPin",
        ]
    );
    for violation in error.violations() {
        assert_hidden(
            "a Violation",
            &format!("{violation} {violation:?}"),
            &secrets,
        );
    }
    // The request builder validates first: its error is the same, and hides them too.
    let error = associate::serialize_request(&input, "https://example.com").unwrap_err();
    assert_hidden(
        "serialize_request's error",
        &format!("{error} {error:?}"),
        &secrets,
    );
    // Nested structures validate on their own too.
    let error = input
        .setup_finalization
        .as_ref()
        .unwrap()
        .validate()
        .unwrap_err();
    assert_hidden("nested ValidationErrors", &format!("{error:?}"), &secrets);

    let long = [
        "Sk8Rt4Yu-too-long",
        "Gm5Nc2Fe-too-long",
        "Pb9Dw6Tz-too-long",
    ];
    let short = "Ab1"; // Secret: 4..8
    let input = features_input(&[long[0], short], long[1]);
    let error = input.validate().unwrap_err();
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden(
        "PutThingInput ValidationErrors",
        &shown,
        &[long[0], long[1], short],
    );
    let paths: Vec<&str> = error.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "choice.nested.nested.nested.secret",
            "secrets[0]",
            "secrets[1]"
        ],
        "{shown}"
    );
    let error = put_thing::serialize_request(&input, "https://example.com").unwrap_err();
    assert_hidden(
        "PutThing serialize_request's error",
        &format!("{error} {error:?}"),
        &[long[0], long[1], short],
    );
    let error = features_output(long[2]).validate().unwrap_err();
    assert_hidden(
        "PutThingOutput ValidationErrors",
        &format!("{error} {error:?}"),
        &[long[2]],
    );
    assert!(
        error.violations().iter().any(|v| v.path == "pin"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------
// Deserialization
// ---------------------------------------------------------------------------------------

/// The error of `parse_response`, checked to be a failure to read the response (not a
/// success), with every rendering of it free of `secrets`.
fn social_parse_error(status: u16, body: &str, secrets: &[&str]) -> String {
    let result = associate::parse_response(status, &HeaderMap::new(), body.as_bytes());
    let error = result.expect_err(body);
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden(&format!("parse_response error for {body}"), &shown, secrets);
    if let AssociateWhatsAppBusinessAccountError::InvalidResponse(invalid) = &error {
        assert_hidden("InvalidResponse.message", &invalid.message, secrets);
    }
    shown
}

#[test]
fn socialmessaging_deserialization_errors_hide_secrets() {
    // (body, secret in it)
    let numeric = "918273645";
    let cases = [
        // The sensitive member with a value of the wrong type.
        (
            format!(r#"{{"signupCallbackResult":{{"associateInProgressToken":{numeric}}}}}"#),
            numeric,
        ),
        (
            format!(r#"{{"signupCallbackResult":{{"associateInProgressToken":-{numeric}}}}}"#),
            numeric,
        ),
        (
            format!(r#"{{"signupCallbackResult":{{"associateInProgressToken":{numeric}.5}}}}"#),
            numeric,
        ),
        (
            format!(r#"{{"signupCallbackResult":{{"associateInProgressToken":["{TOKEN}"]}}}}"#),
            TOKEN,
        ),
        (
            format!(
                r#"{{"signupCallbackResult":{{"associateInProgressToken":{{"t":"{TOKEN}"}}}}}}"#
            ),
            TOKEN,
        ),
        // The secret where another type is expected.
        (format!(r#"{{"statusCode":"{TOKEN}"}}"#), TOKEN),
        (format!(r#"{{"signupCallbackResult":"{TOKEN}"}}"#), TOKEN),
        (
            format!(
                r#"{{"signupCallbackResult":{{"linkedAccountsWithIncompleteSetup":{{"waba-1":{{"registrationStatus":{numeric},"unregisteredWhatsAppPhoneNumbers":"{TOKEN}"}}}}}}}}"#
            ),
            TOKEN,
        ),
        (
            format!(
                r#"{{"signupCallbackResult":{{"linkedAccountsWithIncompleteSetup":{{"waba-1":{{"unregisteredWhatsAppPhoneNumbers":[{{"arn":"{TOKEN}","phoneNumber":{numeric}}}]}}}}}}}}"#
            ),
            numeric,
        ),
        // A string with escapes in it.
        (
            format!(r#"{{"statusCode":"{TOKEN}\"\\ \u00e9{TOKEN}"}}"#),
            TOKEN,
        ),
        // The whole body the wrong type.
        (format!(r#""{TOKEN}""#), TOKEN),
        (numeric.to_owned(), numeric),
        (format!(r#"[{numeric}]"#), numeric),
    ];
    for (body, secret) in &cases {
        let shown = social_parse_error(200, body, &[secret, TOKEN, numeric]);
        assert!(shown.contains("expected"), "{body}: {shown}");
    }
    // The member path is kept.
    let shown = social_parse_error(
        200,
        &format!(r#"{{"signupCallbackResult":{{"associateInProgressToken":{numeric}}}}}"#),
        &[numeric],
    );
    assert!(
        shown.contains("signupCallbackResult.associateInProgressToken: invalid type: an integer, expected a string"),
        "{shown}"
    );
    // An error response whose own members have the wrong type.
    let body = format!(r#"{{"__type":"ValidationException","message":{numeric}}}"#);
    let shown = social_parse_error(400, &body, &[numeric]);
    assert!(shown.contains("InvalidResponse"), "{shown}");
}

fn features_parse_error(body: &str, secrets: &[&str]) -> String {
    let result = put_thing::parse_response(201, &HeaderMap::new(), body.as_bytes());
    let error = result.expect_err(body);
    assert!(
        matches!(error, PutThingError::InvalidResponse(_)),
        "{body}: {error:?}"
    );
    let shown = format!("{error} {error:?} {error:#?}");
    assert_hidden(
        &format!("PutThing parse_response error for {body}"),
        &shown,
        secrets,
    );
    shown
}

#[test]
fn features_deserialization_errors_hide_secrets() {
    let numeric = "87654321";
    let text = "s3cr3t-value";
    let secrets = [numeric, text];
    let bodies = [
        // `pin` (a sensitive `Secret`) with the wrong type.
        format!(r#"{{"id":"i","pin":{numeric}}}"#),
        format!(r#"{{"id":"i","pin":{numeric}.25}}"#),
        format!(r#"{{"id":"i","pin":["{text}"]}}"#),
        format!(r#"{{"id":"i","pin":{{"{text}":{numeric}}}}}"#),
        // The secret where another type is expected.
        format!(r#"{{"id":"i","pin":"okay","count":"{text}"}}"#),
        format!(r#"{{"id":"i","pin":"okay","count":{numeric}{numeric}{numeric}}}"#),
        format!(r#"{{"id":"i","pin":"okay","flag":"{text}"}}"#),
        format!(r#"{{"id":"i","pin":"okay","ratio":"{text}"}}"#),
        format!(r#"{{"id":"i","pin":"okay","items":["a",{numeric}]}}"#),
        format!(r#"{{"id":"i","pin":"okay","items":"{text}"}}"#),
        // A timestamp whose text is the secret, and others that are wrong.
        format!(r#"{{"id":"i","pin":"okay","created":"{text}"}}"#),
        format!(r#"{{"id":"i","pin":"okay","created":"2014-04-29T18:30:38Z{text}"}}"#),
        format!(r#"{{"id":"i","pin":"okay","created":"{numeric}"}}"#),
        format!(r#"{{"id":"i","pin":"okay","created":{numeric}}}"#),
    ];
    for body in &bodies {
        let shown = features_parse_error(body, &secrets);
        assert!(
            shown.contains("expected") || shown.contains("timestamp"),
            "{body}: {shown}"
        );
    }

    // Headers: a bad timestamp header and a bad payload of UploadThing.
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("etag"),
        HeaderValue::from_static("e"),
    );
    headers.insert(
        HeaderName::from_static("last-modified"),
        HeaderValue::from_str(&format!("Tue, 29 Apr 2014 {text}")).unwrap(),
    );
    let error = upload_thing::parse_response(202, &headers, b"").unwrap_err();
    assert!(
        matches!(error, UploadThingError::InvalidResponse(_)),
        "{error:?}"
    );
    assert_hidden(
        "UploadThing header error",
        &format!("{error} {error:?}"),
        &secrets,
    );
    headers.remove("last-modified");
    let body = format!(r#"{{"value":{numeric}}}"#);
    let error = upload_thing::parse_response(202, &headers, body.as_bytes()).unwrap_err();
    assert_hidden(
        "UploadThing payload error",
        &format!("{error} {error:?}"),
        &secrets,
    );
}

#[test]
fn timestamp_blob_and_big_number_errors_hide_the_text() {
    // The runtime's own parsers: their messages may say what was expected, not what was found.
    let text = "s3cr3t-Value";
    for format in [
        features_model::primitives::date_time::Format::DateTime,
        features_model::primitives::date_time::Format::HttpDate,
        features_model::primitives::date_time::Format::EpochSeconds,
    ] {
        for bad in [
            text.to_owned(),
            format!("2014-04-29T18:30:38Z{text}"),
            format!("Tue, 29 Apr 2014 18:30:38 {text}"),
            format!("{text}Tue, 29 Apr 2014 18:30:38 GMT"),
            "918273645x".to_owned(),
        ] {
            let error = DateTime::parse(&bad, format).unwrap_err();
            assert_hidden(
                &format!("DateTime::parse({bad:?}, {format})"),
                &format!("{error} {error:?}"),
                &[text, "918273645"],
            );
        }
    }
    let error = DateTime::from_fractional_secs(9.18273645e300).unwrap_err();
    assert_hidden("from_fractional_secs", &error.to_string(), &["918273645"]);
    for bad in [text, "918273645.5", "-918273645x", "0918273645"] {
        let error = bad.parse::<BigInteger>().unwrap_err();
        assert_hidden(
            "BigInteger::from_str",
            &format!("{error} {error:?}"),
            &[bad],
        );
    }
    for bad in [text, "918273645.", "-918273645x", "0918273645"] {
        let error = bad.parse::<BigDecimal>().unwrap_err();
        assert_hidden(
            "BigDecimal::from_str",
            &format!("{error} {error:?}"),
            &[bad],
        );
    }

    // Through serde, as an input read from JSON (the command line does this).
    let cases = [
        (format!(r#"{{"name":"n","when":"{text}"}}"#), text),
        (format!(r#"{{"name":"n","httpWhen":"{text}"}}"#), text),
        (
            r#"{"name":"n","epoch":9.18273645e300}"#.to_owned(),
            "918273645",
        ),
        (
            r#"{"name":"n","epoch":18446744073709551615}"#.to_owned(),
            "18446744073709551615",
        ),
        (
            format!(r#"{{"name":"n","choice":{{"stamp":"{text}"}}}}"#),
            text,
        ),
        // Blobs: the secret text is not base64 ('-' is outside the alphabet).
        (format!(r#"{{"name":"n","data":"{text}"}}"#), text),
        (format!(r#"{{"name":"n","data":"{text}="}}"#), text),
        (r#"{"name":"n","data":"Zm9vY"}"#.to_owned(), "Zm9vY"),
        // Big numbers given as strings, or of the wrong kind.
        (format!(r#"{{"name":"n","big":"{text}"}}"#), text),
        (r#"{"name":"n","big":"918273645"}"#.to_owned(), "918273645"),
        (r#"{"name":"n","big":918273645.5}"#.to_owned(), "918273645"),
        (
            r#"{"name":"n","dec":"918273645.5"}"#.to_owned(),
            "918273645",
        ),
    ];
    for (body, secret) in &cases {
        let error = serde_json::from_str::<PutThingInput>(body).expect_err(body);
        assert_hidden(
            &format!("reading {body}"),
            &format!("{error} {error:?}"),
            &[secret],
        );
    }
}
