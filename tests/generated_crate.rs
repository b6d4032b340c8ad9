//! The generated `socialmessaging` crate in use: builders, build errors, Debug redaction,
//! open enums, serde round trips of the wire captures in `../shared/wire`, and error types.

use std::fs;

use serde_json::Value;
use smithy_codegen_tests::shared_dir;
use socialmessaging::error::{BuildError, Unhandled};
use socialmessaging::operation::associate_whats_app_business_account::{
    AssociateWhatsAppBusinessAccountError as OpError,
    AssociateWhatsAppBusinessAccountInput as Input,
    AssociateWhatsAppBusinessAccountOutput as Output,
};
use socialmessaging::types::error::{
    AccessDeniedException, DependencyException, InvalidParametersException,
    ThrottledRequestException, ValidationException,
};
use socialmessaging::types::{
    LinkedWhatsAppBusinessAccountIdMetaData, RegistrationStatus, Tag,
    WabaPhoneNumberSetupFinalization, WabaSetupFinalization,
    WhatsAppBusinessAccountEventDestination, WhatsAppPhoneNumberDetail, WhatsAppSetupFinalization,
    WhatsAppSignupCallback,
};

const REDACTED: &str = "*** Sensitive Data Redacted ***";

fn read_json(relative: &str) -> Value {
    let path = shared_dir().join(relative);
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|err| panic!("{} is not JSON: {err}", path.display()))
}

/// `wire/input-typical.json` as the operation input.
fn typical_input() -> Input {
    serde_json::from_value(read_json("wire/input-typical.json"))
        .unwrap_or_else(|err| panic!("input-typical.json does not deserialize: {err}"))
}

/// A canned response: its status, its `x-amzn-errortype` header (if any) and its raw body.
struct Response {
    status: u16,
    error_type: Option<String>,
    body: String,
}

fn response(case: &str) -> Response {
    let value = read_json(&format!("wire/responses/{case}.json"));
    let status = value["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or_else(|| panic!("{case}: no numeric `status`"));
    let error_type = value["headers"]["x-amzn-errortype"]
        .as_str()
        .map(str::to_owned);
    let body = value["body"]
        .as_str()
        .unwrap_or_else(|| panic!("{case}: `body` is not a string"))
        .to_owned();
    Response {
        status,
        error_type,
        body,
    }
}

fn build<T>(result: Result<T, BuildError>) -> T {
    result.unwrap_or_else(|err| panic!("{err}"))
}

/// The typical input, built by hand with the builders.
fn built_input() -> Input {
    let phone = build(
        WabaPhoneNumberSetupFinalization::builder()
            .id("phone-number-id-01234567890123456789012345678901")
            .two_factor_pin("123456")
            .data_localization_region("DE")
            .tags(vec![build(
                Tag::builder().key("team").value("support").build(),
            )])
            .build(),
    );
    let waba = WabaSetupFinalization::builder()
        .id("waba-01234567890123456789012345678901")
        .event_destinations(vec![build(
            WhatsAppBusinessAccountEventDestination::builder()
                .event_destination_arn("arn:aws:sns:us-east-1:123456789012:events")
                .build(),
        )])
        .tags(vec![build(Tag::builder().key("env").value("prod").build())])
        .build();
    let setup = build(
        WhatsAppSetupFinalization::builder()
            .associate_in_progress_token("tok-123")
            .phone_numbers(vec![phone])
            .waba(waba)
            .build(),
    );
    let callback = build(
        WhatsAppSignupCallback::builder()
            .access_token("EAAG-token")
            .build(),
    );
    Input::builder()
        .signup_callback(callback)
        .setup_finalization(setup)
        .build()
}

#[test]
fn builders_set_every_member() {
    let input = built_input();
    assert_eq!(input, typical_input());

    let setup = input
        .setup_finalization
        .as_ref()
        .expect("setupFinalization");
    assert_eq!(setup.associate_in_progress_token, "tok-123");
    assert_eq!(setup.phone_numbers.len(), 1);
    assert_eq!(setup.phone_numbers[0].two_factor_pin, "123456");
    assert_eq!(setup.phone_number_parent, None);
    let waba = setup.waba.as_ref().expect("waba");
    assert_eq!(
        waba.id.as_deref(),
        Some("waba-01234567890123456789012345678901")
    );

    // `set_*` takes an Option and can clear what a setter set.
    let tag = build(
        Tag::builder()
            .key("k")
            .value("v")
            .set_value(None)
            .set_key(Some("k2".to_owned()))
            .build(),
    );
    assert_eq!(tag.key, "k2");
    assert_eq!(tag.value, None);

    // Builders with no required member cannot fail.
    let empty = Input::builder().build();
    assert_eq!(empty.signup_callback, None);
    assert_eq!(empty.setup_finalization, None);
}

#[test]
fn build_error_names_every_missing_member() {
    let err = WhatsAppSetupFinalization::builder()
        .build()
        .expect_err("no required member was set");
    assert_eq!(err.shape(), "WhatsAppSetupFinalization");
    let missing: Vec<(&str, &str)> = err.missing().iter().map(|m| (m.path, m.setter)).collect();
    assert_eq!(
        missing,
        [
            (
                "WhatsAppSetupFinalization.associateInProgressToken",
                "associate_in_progress_token"
            ),
            ("WhatsAppSetupFinalization.phoneNumbers", "phone_numbers"),
        ]
    );
    let text = err.to_string();
    for needle in [
        "WhatsAppSetupFinalization",
        "members",
        "associateInProgressToken",
        ".associate_in_progress_token()",
        "phoneNumbers",
        ".phone_numbers()",
    ] {
        assert!(text.contains(needle), "`{needle}` not in: {text}");
    }
    // Optional members are never reported.
    assert!(
        !text.contains("waba") && !text.contains("phoneNumberParent"),
        "{text}"
    );

    // One missing of two: only that one, and the message says "member".
    let err = WhatsAppSetupFinalization::builder()
        .associate_in_progress_token("t")
        .build()
        .expect_err("phoneNumbers was not set");
    assert_eq!(err.missing().len(), 1);
    assert_eq!(
        err.missing()[0].path,
        "WhatsAppSetupFinalization.phoneNumbers"
    );
    let text = err.to_string();
    assert!(text.contains("missing required member "), "{text}");
    assert!(!text.contains("associateInProgressToken"), "{text}");

    // A shape with seven required members lists all seven.
    let err = WhatsAppPhoneNumberDetail::builder()
        .build()
        .expect_err("nothing was set");
    let paths: Vec<&str> = err.missing().iter().map(|m| m.path).collect();
    assert_eq!(
        paths,
        [
            "WhatsAppPhoneNumberDetail.arn",
            "WhatsAppPhoneNumberDetail.phoneNumber",
            "WhatsAppPhoneNumberDetail.phoneNumberId",
            "WhatsAppPhoneNumberDetail.metaPhoneNumberId",
            "WhatsAppPhoneNumberDetail.displayPhoneNumberName",
            "WhatsAppPhoneNumberDetail.displayPhoneNumber",
            "WhatsAppPhoneNumberDetail.qualityRating",
        ]
    );

    // `set_x(None)` after `x(..)` makes the member missing again.
    let err = Tag::builder()
        .key("k")
        .set_key(None)
        .build()
        .expect_err("key was cleared");
    assert_eq!(err.missing()[0].path, "Tag.key");
    // BuildError is a std error.
    let _: &dyn std::error::Error = &err;
}

#[test]
fn debug_redacts_sensitive_members_at_depth() {
    // Sentinels that cannot occur by chance in the other values.
    const PIN: &str = "PIN-Zq7";
    const TOKEN: &str = "TOKEN-Xk9-secret";
    let mut input = typical_input();
    let setup = input
        .setup_finalization
        .as_mut()
        .expect("setupFinalization");
    setup.associate_in_progress_token = TOKEN.to_owned();
    setup.phone_numbers[0].two_factor_pin = PIN.to_owned();

    for debug in [format!("{input:?}"), format!("{input:#?}")] {
        assert!(!debug.contains(PIN), "twoFactorPin leaked: {debug}");
        assert!(
            !debug.contains(TOKEN),
            "associateInProgressToken leaked: {debug}"
        );
        assert!(debug.contains(REDACTED), "{debug}");
        // Non-sensitive values at every depth are shown.
        for shown in [
            "phone-number-id-01234567890123456789012345678901",
            "\"DE\"",
            "support",
            "waba-01234567890123456789012345678901",
            "arn:aws:sns:us-east-1:123456789012:events",
            "prod",
            "two_factor_pin",
            "associate_in_progress_token",
        ] {
            assert!(debug.contains(shown), "`{shown}` missing from: {debug}");
        }
    }

    // The wire capture's own values, unchanged: "123456" occurs inside the phone number
    // ID, so look for the pin as a whole Debug string.
    let debug = format!("{:?}", typical_input());
    assert!(!debug.contains("\"123456\""), "{debug}");
    assert!(!debug.contains("tok-123"), "{debug}");

    // Builders redact too, and so does the output's sensitive token.
    let builder = WabaPhoneNumberSetupFinalization::builder()
        .id("visible-id")
        .two_factor_pin(PIN);
    let debug = format!("{builder:?}");
    assert!(
        !debug.contains(PIN) && debug.contains("visible-id"),
        "{debug}"
    );
    let mut output: Output =
        serde_json::from_str(&response("ok-200").body).unwrap_or_else(|err| panic!("{err}"));
    output
        .signup_callback_result
        .as_mut()
        .expect("signupCallbackResult")
        .associate_in_progress_token = Some(TOKEN.to_owned());
    let debug = format!("{output:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(
        debug.contains("Acme") && debug.contains("+15550100"),
        "{debug}"
    );
    // Note: `accessToken` is not `@sensitive` in the model (nor in the official one), so
    // it is shown like any other string; redaction follows the model.
}

#[test]
fn unknown_enum_values_round_trip() {
    let status: RegistrationStatus =
        serde_json::from_str("\"PENDING_SOMETHING\"").unwrap_or_else(|err| panic!("{err}"));
    match &status {
        RegistrationStatus::Unknown(value) => assert_eq!(value.as_str(), "PENDING_SOMETHING"),
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(status.as_str(), "PENDING_SOMETHING");
    assert_eq!(status.to_string(), "PENDING_SOMETHING");
    assert_eq!(
        serde_json::to_string(&status).unwrap_or_else(|err| panic!("{err}")),
        "\"PENDING_SOMETHING\""
    );

    for (wire, expected) in [
        ("COMPLETE", RegistrationStatus::Complete),
        ("INCOMPLETE", RegistrationStatus::Incomplete),
    ] {
        let parsed: RegistrationStatus =
            serde_json::from_value(Value::from(wire)).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(parsed, expected);
        assert_eq!(RegistrationStatus::from(wire), expected);
        assert_eq!(wire.parse::<RegistrationStatus>(), Ok(expected.clone()));
        assert_eq!(
            serde_json::to_value(&expected).ok(),
            Some(Value::from(wire))
        );
    }
    // Values are matched exactly: another case is an unknown value, kept as it was.
    let lower = RegistrationStatus::from("complete");
    assert!(matches!(lower, RegistrationStatus::Unknown(_)), "{lower:?}");
    assert_eq!(lower.as_str(), "complete");
    assert_eq!(RegistrationStatus::values(), ["COMPLETE", "INCOMPLETE"]);

    // Nested in a structure, the unknown value survives a round trip too.
    let json =
        serde_json::json!({"accountName": "Acme", "registrationStatus": "PENDING_SOMETHING"});
    let meta: LinkedWhatsAppBusinessAccountIdMetaData =
        serde_json::from_value(json.clone()).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(serde_json::to_value(&meta).ok(), Some(json));
}

#[test]
fn typical_input_round_trips() {
    let wire = read_json("wire/input-typical.json");
    let input: Input = serde_json::from_value(wire.clone()).unwrap_or_else(|err| panic!("{err}"));
    let back = serde_json::to_value(&input).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(back, wire);

    // What we serialize is the body every official tool sent for this input.
    for tool in ["boto3", "awscli", "sdk-rust"] {
        let request = read_json(&format!("wire/request-{tool}.json"));
        assert_eq!(back, request["body"], "request body of {tool}");
        let raw = request["body_raw"]
            .as_str()
            .unwrap_or_else(|| panic!("{tool}: no body_raw"));
        let parsed: Input = serde_json::from_str(raw).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(parsed, input, "raw request body of {tool}");
    }
}

#[test]
fn ok_response_round_trips() {
    let body = response("ok-200").body;
    let output: Output = serde_json::from_str(&body).unwrap_or_else(|err| panic!("{err}"));
    let expected: Value = serde_json::from_str(&body).unwrap_or_else(|err| panic!("{err}"));
    let back = serde_json::to_value(&output).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(back, expected);

    assert_eq!(output.status_code, Some(200));
    let result = output
        .signup_callback_result
        .as_ref()
        .expect("signupCallbackResult");
    assert_eq!(result.associate_in_progress_token.as_deref(), Some("t"));
    let linked = result
        .linked_accounts_with_incomplete_setup
        .as_ref()
        .and_then(|m| m.get("waba-1"))
        .expect("linkedAccountsWithIncompleteSetup.waba-1");
    assert_eq!(linked.account_name.as_deref(), Some("Acme"));
    assert_eq!(
        linked.registration_status,
        Some(RegistrationStatus::Incomplete)
    );
    let numbers = linked
        .unregistered_whats_app_phone_numbers
        .as_deref()
        .unwrap_or_default();
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0].display_phone_number, "+1 555 0100");
    assert_eq!(numbers[0].quality_rating, "GREEN");
}

#[test]
fn missing_required_member_in_a_response_is_an_error_naming_it() {
    let err = serde_json::from_str::<Tag>(r#"{"value": "v"}"#)
        .expect_err("a Tag without `key` must not deserialize");
    assert!(err.to_string().contains("key"), "{err}");

    // Deep in the real response: drop `arn` from the phone number detail.
    let mut body: Value =
        serde_json::from_str(&response("ok-200").body).unwrap_or_else(|err| panic!("{err}"));
    let detail = body
        .pointer_mut(
            "/signupCallbackResult/linkedAccountsWithIncompleteSetup/waba-1/unregisteredWhatsAppPhoneNumbers/0",
        )
        .and_then(Value::as_object_mut)
        .expect("the phone number detail in ok-200");
    assert!(detail.remove("arn").is_some());
    let err = serde_json::from_value::<Output>(body)
        .expect_err("a phone number detail without `arn` must not deserialize");
    assert!(err.to_string().contains("`arn`"), "{err}");

    // `null` is not a value for a required member either.
    let err = serde_json::from_str::<Tag>(r#"{"key": null}"#)
        .expect_err("a Tag with a null `key` must not deserialize");
    assert!(!err.to_string().is_empty());
}

/// The generated error structures against the canned error responses.
#[test]
fn error_structs_match_the_wire() {
    /// `kind`: (retryable, throttling, server fault).
    fn check<E>(case: &str, kind: (bool, bool, bool), into_op: impl Fn(E) -> OpError)
    where
        E: serde::de::DeserializeOwned + std::error::Error + ErrorApi + Clone,
    {
        let response = response(case);
        let error: E =
            serde_json::from_str(&response.body).unwrap_or_else(|err| panic!("{case}: {err}"));
        let code = response.error_type.as_deref().expect("x-amzn-errortype");
        assert_eq!(error.code_(), code, "{case}");
        assert_eq!(error.message_(), Some("bad things"), "{case}");
        assert_eq!(error.http_status_(), Some(response.status), "{case}");
        let (retryable, throttling, server) = kind;
        assert_eq!(error.is_retryable_(), retryable, "{case}");
        assert_eq!(error.is_throttling_(), throttling, "{case}");
        assert_eq!(error.is_server_fault_(), server, "{case}");
        assert_eq!(error.to_string(), format!("{code}: bad things"), "{case}");

        let op = into_op(error.clone());
        assert_eq!(op.code(), Some(code), "{case}");
        assert_eq!(op.message(), Some("bad things"), "{case}");
        assert_eq!(op.http_status(), Some(response.status), "{case}");
        assert_eq!(op.is_retryable(), retryable, "{case}");
        assert_eq!(op.to_string(), error.to_string(), "{case}");
        // Display already shows the inner error, so it is not repeated as the source.
        assert!(std::error::Error::source(&op).is_none(), "{case}");
    }
    let none = (false, false, false);
    check::<AccessDeniedException>("access-denied-403", none, OpError::from);
    check::<DependencyException>("dependency-502", (true, false, true), OpError::from);
    check::<InvalidParametersException>("invalid-parameters-400", none, OpError::from);
    check::<ThrottledRequestException>("throttled-429", (true, true, false), OpError::from);
    check::<ValidationException>("validation-400", none, OpError::from);

    // Without a message, Display is the code alone.
    let bare = ValidationException::builder().build();
    assert_eq!(bare.to_string(), "ValidationException");
    assert_eq!(ValidationException::CODE, "ValidationException");

    // An error code the model does not know stays available as Unhandled.
    let response = response("unknown-error-400");
    let body: Value = serde_json::from_str(&response.body).unwrap_or_else(|err| panic!("{err}"));
    // Built from `default()`: the request IDs' field is private.
    let mut unhandled = Unhandled::default();
    unhandled.code = response.error_type.clone();
    unhandled.message = body["message"].as_str().map(str::to_owned);
    unhandled.http_status = Some(response.status);
    let op = OpError::Unhandled(unhandled);
    assert_eq!(op.code(), Some("SomethingNewException"));
    assert_eq!(op.message(), Some("bad things"));
    assert_eq!(op.http_status(), Some(400));
    assert!(!op.is_retryable());
    assert_eq!(
        op.to_string(),
        "SomethingNewException (HTTP 400): bad things"
    );
    for (status, retryable) in [(429, true), (500, true), (503, true), (404, false)] {
        let mut unhandled = Unhandled::default();
        unhandled.http_status = Some(status);
        let op = OpError::Unhandled(unhandled);
        assert_eq!(op.is_retryable(), retryable, "HTTP {status}");
    }
}

/// The inherent methods every generated error has, as a trait so that one check covers all.
trait ErrorApi {
    fn code_(&self) -> &'static str;
    fn message_(&self) -> Option<&str>;
    fn http_status_(&self) -> Option<u16>;
    fn is_retryable_(&self) -> bool;
    fn is_throttling_(&self) -> bool;
    fn is_server_fault_(&self) -> bool;
}

macro_rules! error_api {
    ($($ty:ty),*) => {$(
        impl ErrorApi for $ty {
            fn code_(&self) -> &'static str { self.code() }
            fn message_(&self) -> Option<&str> { self.message() }
            fn http_status_(&self) -> Option<u16> { self.http_status() }
            fn is_retryable_(&self) -> bool { self.is_retryable() }
            fn is_throttling_(&self) -> bool { self.is_throttling() }
            fn is_server_fault_(&self) -> bool { self.is_server_fault() }
        }
    )*};
}

error_api!(
    AccessDeniedException,
    DependencyException,
    InvalidParametersException,
    ThrottledRequestException,
    ValidationException
);
