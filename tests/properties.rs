//! Properties of the generated `socialmessaging` crate, checked on generated values (proptest):
//!
//! * round trips lose nothing: inputs through serde_json and through the request body of
//!   `serialize_request_unchecked` (whose bytes are exactly serde_json's), outputs through
//!   `parse_response`;
//! * `validate()` reports exactly the violations that a reference check written here, in plain
//!   Rust from the model's constraints, expects, for inputs generated around the limits.

use std::collections::BTreeMap;

use http::HeaderMap;
use proptest::collection::{hash_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::test_runner::Config;
use socialmessaging::operation::associate_whats_app_business_account::{
    self as associate, AssociateWhatsAppBusinessAccountInput,
    AssociateWhatsAppBusinessAccountOutput,
};
use socialmessaging::types::{
    LinkedWhatsAppBusinessAccountIdMetaData, RegistrationStatus, Tag,
    WabaPhoneNumberSetupFinalization, WabaSetupFinalization,
    WhatsAppBusinessAccountEventDestination, WhatsAppPhoneNumberDetail, WhatsAppSetupFinalization,
    WhatsAppSignupCallback, WhatsAppSignupCallbackResult,
};
use socialmessaging::validation::Rule;

/// Few cases and no regression files: the whole file runs in a few seconds.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// Strategies for any value (round trips)
// ---------------------------------------------------------------------------------------

/// Any text: plain, JSON-hostile (quotes, backslashes, control characters), or any Unicode.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-zA-Z0-9 _-]{0,12}",
        "[\"\\\\/\u{0}-\u{1f}\u{7f}é😹\u{2028}]{0,6}",
        any::<String>(),
    ]
    .boxed()
}

fn tag() -> impl Strategy<Value = Tag> {
    (text(), option::of(text())).prop_map(|(key, value)| {
        Tag::builder()
            .key(key)
            .set_value(value)
            .build()
            .expect("key is set")
    })
}

fn tags() -> impl Strategy<Value = Option<Vec<Tag>>> {
    option::of(vec(tag(), 0..3))
}

fn phone_number() -> impl Strategy<Value = WabaPhoneNumberSetupFinalization> {
    (text(), text(), option::of(text()), tags()).prop_map(|(id, pin, region, tags)| {
        WabaPhoneNumberSetupFinalization::builder()
            .id(id)
            .two_factor_pin(pin)
            .set_data_localization_region(region)
            .set_tags(tags)
            .build()
            .expect("id and pin are set")
    })
}

fn event_destination() -> impl Strategy<Value = WhatsAppBusinessAccountEventDestination> {
    text().prop_map(|arn| {
        WhatsAppBusinessAccountEventDestination::builder()
            .event_destination_arn(arn)
            .build()
            .expect("arn is set")
    })
}

fn waba() -> impl Strategy<Value = WabaSetupFinalization> {
    (
        option::of(text()),
        option::of(vec(event_destination(), 0..3)),
        tags(),
    )
        .prop_map(|(id, destinations, tags)| {
            WabaSetupFinalization::builder()
                .set_id(id)
                .set_event_destinations(destinations)
                .set_tags(tags)
                .build()
        })
}

fn setup_finalization() -> impl Strategy<Value = WhatsAppSetupFinalization> {
    (
        text(),
        vec(phone_number(), 0..3),
        option::of(text()),
        option::of(waba()),
    )
        .prop_map(|(token, phones, parent, waba)| {
            WhatsAppSetupFinalization::builder()
                .associate_in_progress_token(token)
                .phone_numbers(phones)
                .set_phone_number_parent(parent)
                .set_waba(waba)
                .build()
                .expect("token and phone numbers are set")
        })
}

fn any_input() -> impl Strategy<Value = AssociateWhatsAppBusinessAccountInput> {
    (
        option::of(text().prop_map(|token| {
            WhatsAppSignupCallback::builder()
                .access_token(token)
                .build()
                .expect("access token is set")
        })),
        option::of(setup_finalization()),
    )
        .prop_map(|(callback, setup)| {
            AssociateWhatsAppBusinessAccountInput::builder()
                .set_signup_callback(callback)
                .set_setup_finalization(setup)
                .build()
        })
}

fn registration_status() -> impl Strategy<Value = RegistrationStatus> {
    prop_oneof![
        Just("COMPLETE".to_owned()),
        Just("INCOMPLETE".to_owned()),
        text(),
    ]
    .prop_map(|value| RegistrationStatus::from(value.as_str()))
}

fn phone_number_detail() -> impl Strategy<Value = WhatsAppPhoneNumberDetail> {
    vec(text(), 7).prop_map(|t| {
        WhatsAppPhoneNumberDetail::builder()
            .arn(t[0].clone())
            .phone_number(t[1].clone())
            .phone_number_id(t[2].clone())
            .meta_phone_number_id(t[3].clone())
            .display_phone_number_name(t[4].clone())
            .display_phone_number(t[5].clone())
            .quality_rating(t[6].clone())
            .build()
            .expect("every member is set")
    })
}

fn linked_account() -> impl Strategy<Value = LinkedWhatsAppBusinessAccountIdMetaData> {
    (
        option::of(text()),
        option::of(registration_status()),
        option::of(vec(phone_number_detail(), 0..3)),
    )
        .prop_map(|(name, status, numbers)| {
            LinkedWhatsAppBusinessAccountIdMetaData::builder()
                .set_account_name(name)
                .set_registration_status(status)
                .set_unregistered_whats_app_phone_numbers(numbers)
                .build()
        })
}

fn any_output() -> impl Strategy<Value = AssociateWhatsAppBusinessAccountOutput> {
    let result = (
        option::of(text()),
        option::of(hash_map(text(), linked_account(), 0..3)),
    )
        .prop_map(|(token, linked)| {
            WhatsAppSignupCallbackResult::builder()
                .set_associate_in_progress_token(token)
                .set_linked_accounts_with_incomplete_setup(linked)
                .build()
        });
    (option::of(result), option::of(any::<i32>())).prop_map(|(result, status)| {
        AssociateWhatsAppBusinessAccountOutput::builder()
            .set_signup_callback_result(result)
            .set_status_code(status)
            .build()
    })
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn inputs_round_trip_through_json(input in any_input()) {
        let json = serde_json::to_string(&input).unwrap();
        let back: AssociateWhatsAppBusinessAccountInput = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &input, "{}", json);
        // Through a `serde_json::Value` too (as the command line reads its input).
        let value = serde_json::to_value(&input).unwrap();
        let back: AssociateWhatsAppBusinessAccountInput = serde_json::from_value(value).unwrap();
        prop_assert_eq!(back, input);
    }

    #[test]
    fn inputs_round_trip_through_the_request_body(input in any_input()) {
        let request = associate::serialize_request_unchecked(&input, "https://example.com")
            .unwrap();
        prop_assert_eq!(request.uri().path(), "/v1/whatsapp/signup");
        // The body is written directly, not through serde: byte for byte what serde writes.
        prop_assert_eq!(request.body(), &serde_json::to_vec(&input).unwrap());
        let length = request.body().len().to_string();
        prop_assert_eq!(request.headers()["content-length"].to_str().unwrap(), length.as_str());
        let back: AssociateWhatsAppBusinessAccountInput =
            serde_json::from_slice(request.body()).unwrap();
        prop_assert_eq!(back, input);
    }

    #[test]
    fn outputs_round_trip_through_parse_response(output in any_output()) {
        let body = serde_json::to_vec(&output).unwrap();
        let back = associate::parse_response(200, &HeaderMap::new(), &body);
        prop_assert!(back.is_ok(), "{:?}", back);
        prop_assert_eq!(back.unwrap(), output);
    }
}

// ---------------------------------------------------------------------------------------
// validate() against a reference check
// ---------------------------------------------------------------------------------------

/// Strings of `lengths` characters from a small alphabet with multi-byte characters, so that
/// length in characters and in bytes differ. (Drawn from one number rather than character by
/// character: the long ones would make the file slow.)
fn sized(lengths: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    const ALPHABET: [char; 5] = ['a', 'Z', '7', '\u{e9}', '\u{1f639}'];
    (lengths, any::<u64>()).prop_map(|(length, seed)| {
        (0..length)
            .map(|i| ALPHABET[(seed.rotate_left(i as u32 * 7) % 5) as usize])
            .collect()
    })
}

/// Around a `max` length: short, or just under, at or over it.
fn around_max(max: usize) -> BoxedStrategy<String> {
    prop_oneof![sized(0..3), sized(max - 1..max + 2)].boxed()
}

fn region() -> BoxedStrategy<String> {
    prop_oneof![
        "[A-Z]{2}",
        "[A-Za-z0-9]{0,3}",
        "[A-Z]{2}(\n|\r\n|\r|\u{85}|\u{2028}|\n\n|\r\r)",
        "\n[A-Z]{2}",
        "[A-Z]É",
    ]
    .boxed()
}

fn arn() -> BoxedStrategy<String> {
    prop_oneof![
        "arn:[a-z0-9:]{0,5}:[a-z-]{1,4}([/:][a-zA-Z0-9:\n]{0,3})?",
        "arn:[a-z:\u{85}]{0,3}:[a-z-]{1,3}([/:][a-z\u{85}]{0,2})?(\n|\r\n|\u{85}|\r\r|)",
        "(arn:|arn|ARN:|)[a-zA-Z0-9:/\\-é\n\r\u{85}\u{2028}]{0,8}",
    ]
    .boxed()
}

fn parent() -> BoxedStrategy<String> {
    prop_oneof![
        "waba-[a-z0-9\n]{0,4}",
        "arn:[a-z0-9:]{0,4}:waba/[0-9a-zA-Zé\n]{0,3}",
        "(waba-|arn:[a-z\u{85}]{0,2}:waba/)[a-z0-9\u{85}]{0,2}(\n|\r\n|\u{85}|\u{2029}|\n\n|)",
        "(arn:|waba|waba-|)[a-z0-9:/\\-]{0,8}",
        sized(110..118).prop_map(|s| format!("waba-{s}")),
    ]
    .boxed()
}

fn edge_tag() -> impl Strategy<Value = Tag> {
    (around_max(128), option::of(around_max(256))).prop_map(|(key, value)| {
        Tag::builder()
            .key(key)
            .set_value(value)
            .build()
            .expect("key is set")
    })
}

fn edge_phone_number() -> impl Strategy<Value = WabaPhoneNumberSetupFinalization> {
    (
        around_max(100),
        sized(0..8),
        option::of(region()),
        option::of(vec(edge_tag(), 0..2)),
    )
        .prop_map(|(id, pin, region, tags)| {
            WabaPhoneNumberSetupFinalization::builder()
                .id(id)
                .two_factor_pin(pin)
                .set_data_localization_region(region)
                .set_tags(tags)
                .build()
                .expect("id and pin are set")
        })
}

fn edge_waba() -> impl Strategy<Value = WabaSetupFinalization> {
    (
        option::of(around_max(100)),
        option::of(vec(
            arn().prop_map(|arn| {
                WhatsAppBusinessAccountEventDestination::builder()
                    .event_destination_arn(arn)
                    .build()
                    .expect("arn is set")
            }),
            0..4,
        )),
        option::of(vec(edge_tag(), 0..2)),
    )
        .prop_map(|(id, destinations, tags)| {
            WabaSetupFinalization::builder()
                .set_id(id)
                .set_event_destinations(destinations)
                .set_tags(tags)
                .build()
        })
}

fn edge_input() -> impl Strategy<Value = AssociateWhatsAppBusinessAccountInput> {
    let setup = (
        around_max(50),
        vec(edge_phone_number(), 0..3),
        option::of(parent()),
        option::of(edge_waba()),
    )
        .prop_map(|(token, phones, parent, waba)| {
            WhatsAppSetupFinalization::builder()
                .associate_in_progress_token(token)
                .phone_numbers(phones)
                .set_phone_number_parent(parent)
                .set_waba(waba)
                .build()
                .expect("token and phone numbers are set")
        });
    (option::of(around_max(1000)), option::of(setup)).prop_map(|(token, setup)| {
        AssociateWhatsAppBusinessAccountInput::builder()
            .set_signup_callback(token.map(|token| {
                WhatsAppSignupCallback::builder()
                    .access_token(token)
                    .build()
                    .expect("access token is set")
            }))
            .set_setup_finalization(setup)
            .build()
    })
}

/// The model's constraints, checked by hand. Lengths count Unicode scalar values. A value
/// passes a pattern when either of its readings accepts it: as an ECMAScript regular
/// expression without flags (the specification's), `.` matches anything but a line
/// terminator and `^`/`$` are the ends of the whole text; as `java.util.regex` reads it
/// (the service's), `.` also refuses U+0085 and `$` also holds before one final line
/// terminator. (Each of these patterns ends with `$` and has no other; nothing else in them
/// reads differently.)
mod reference {
    /// `(path, "length" | "pattern")` of every violation.
    pub type Violations = Vec<(String, &'static str)>;

    fn length(path: String, value: &str, min: usize, max: usize, out: &mut Violations) {
        let count = value.chars().count();
        if count < min || count > max {
            out.push((path, "length"));
        }
    }

    fn pattern(path: String, matches: bool, out: &mut Violations) {
        if !matches {
            out.push((path, "pattern"));
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Dialect {
        Ecma,
        Java,
    }

    /// What `.` refuses in `dialect`; Java's `$` may stand before one of these.
    fn is_line_terminator(c: char, dialect: Dialect) -> bool {
        matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
            || (dialect == Dialect::Java && c == '\u{85}')
    }

    /// `.*` matches `text`.
    fn any_line(text: &str, dialect: Dialect) -> bool {
        !text.chars().any(|c| is_line_terminator(c, dialect))
    }

    /// Whether either reading of a pattern that ends with `$` accepts `value`: `reads` is the
    /// pattern with `$` the very end. Java's `$` also holds before a final line terminator
    /// (`\r\n` is one; `$` never stands between its halves).
    fn either(value: &str, reads: impl Fn(&str, Dialect) -> bool) -> bool {
        if reads(value, Dialect::Ecma) {
            return true;
        }
        let mut heads = vec![value];
        heads.extend(value.strip_suffix("\r\n"));
        if let Some(last) = value.chars().last() {
            let head = &value[..value.len() - last.len_utf8()];
            if is_line_terminator(last, Dialect::Java) && !(last == '\n' && head.ends_with('\r')) {
                heads.push(head);
            }
        }
        heads.into_iter().any(|head| reads(head, Dialect::Java))
    }

    /// `^[A-Z]{2}$`
    pub fn iso_country_code(value: &str) -> bool {
        either(value, |value, _| {
            value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())
        })
    }

    /// `^arn:.*:[a-z-]+([/:](.*))?$`: after `arn:`, some `:` followed by a run of `[a-z-]`
    /// that ends the text or is followed by `/` or `:`, and no line terminator anywhere.
    pub fn event_destination_arn(value: &str) -> bool {
        either(value, event_destination_arn_to_end)
    }

    fn event_destination_arn_to_end(value: &str, dialect: Dialect) -> bool {
        let Some(rest) = value.strip_prefix("arn:") else {
            return false;
        };
        if !any_line(rest, dialect) {
            return false;
        }
        rest.char_indices()
            .filter(|(_, c)| *c == ':')
            .any(|(i, _)| {
                let after = &rest[i + 1..];
                let run = after
                    .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
                    .unwrap_or(after.len());
                run > 0 && (run == after.len() || after[run..].starts_with(['/', ':']))
            })
    }

    /// `(^waba-.*$)|(^arn:.*:waba/[0-9a-zA-Z]+$)`
    pub fn linked_account_id(value: &str) -> bool {
        either(value, linked_account_id_to_end)
    }

    fn linked_account_id_to_end(value: &str, dialect: Dialect) -> bool {
        if let Some(rest) = value.strip_prefix("waba-") {
            if any_line(rest, dialect) {
                return true;
            }
        }
        let head = value.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
        head.len() < value.len()
            && head.starts_with("arn:")
            && head.len() >= "arn:".len() + ":waba/".len()
            && head.ends_with(":waba/")
            && any_line(head, dialect)
    }

    pub fn input(input: &super::AssociateWhatsAppBusinessAccountInput) -> Violations {
        let mut out = Vec::new();
        if let Some(callback) = &input.signup_callback {
            length(
                "signupCallback.accessToken".into(),
                &callback.access_token,
                0,
                1000,
                &mut out,
            );
        }
        let Some(setup) = &input.setup_finalization else {
            return out;
        };
        let at = |member: &str| format!("setupFinalization.{member}");
        length(
            at("associateInProgressToken"),
            &setup.associate_in_progress_token,
            0,
            50,
            &mut out,
        );
        for (i, phone) in setup.phone_numbers.iter().enumerate() {
            let at = |member: &str| at(&format!("phoneNumbers[{i}].{member}"));
            length(at("id"), &phone.id, 1, 100, &mut out);
            length(at("twoFactorPin"), &phone.two_factor_pin, 1, 6, &mut out);
            if let Some(region) = &phone.data_localization_region {
                pattern(
                    at("dataLocalizationRegion"),
                    iso_country_code(region),
                    &mut out,
                );
            }
            tags(&at("tags"), phone.tags.as_deref(), &mut out);
        }
        if let Some(parent) = &setup.phone_number_parent {
            length(at("phoneNumberParent"), parent, 1, 115, &mut out);
            pattern(at("phoneNumberParent"), linked_account_id(parent), &mut out);
        }
        if let Some(waba) = &setup.waba {
            if let Some(id) = &waba.id {
                length(at("waba.id"), id, 1, 100, &mut out);
            }
            if let Some(destinations) = &waba.event_destinations {
                if destinations.len() > 1 {
                    out.push((at("waba.eventDestinations"), "length"));
                }
                for (i, destination) in destinations.iter().enumerate() {
                    let path = at(&format!("waba.eventDestinations[{i}].eventDestinationArn"));
                    let arn = &destination.event_destination_arn;
                    length(path.clone(), arn, 0, 2048, &mut out);
                    pattern(path, event_destination_arn(arn), &mut out);
                }
            }
            tags(&at("waba.tags"), waba.tags.as_deref(), &mut out);
        }
        out
    }

    fn tags(path: &str, tags: Option<&[super::Tag]>, out: &mut Violations) {
        for (i, tag) in tags.unwrap_or_default().iter().enumerate() {
            length(format!("{path}[{i}].key"), &tag.key, 1, 128, out);
            if let Some(value) = &tag.value {
                length(format!("{path}[{i}].value"), value, 0, 256, out);
            }
        }
    }
}

/// What `validate()` reported, as `(path, rule)` pairs.
fn reported(input: &AssociateWhatsAppBusinessAccountInput) -> reference::Violations {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .violations()
            .iter()
            .map(|violation| {
                let rule = match violation.rule {
                    Rule::Length { .. } => "length",
                    Rule::Pattern(_) => "pattern",
                    Rule::Range { .. } => "range",
                    Rule::Required => "required",
                    Rule::UniqueItems => "uniqueItems",
                };
                (violation.path.clone(), rule)
            })
            .collect(),
    }
}

/// Counts of each `(path, rule)`: the same violations whatever their order.
fn counted(violations: &reference::Violations) -> BTreeMap<(String, &'static str), usize> {
    let mut counts = BTreeMap::new();
    for violation in violations {
        *counts.entry(violation.clone()).or_insert(0) += 1;
    }
    counts
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn validate_agrees_with_the_reference(input in edge_input()) {
        let expected = reference::input(&input);
        let actual = reported(&input);
        prop_assert_eq!(counted(&actual), counted(&expected), "{:#?}", input);
        // Each path is reported once per rule: a set, in effect.
        prop_assert_eq!(actual.len(), expected.len());
        // The request builder validates first: it refuses exactly the inputs with violations.
        let request = associate::serialize_request(&input, "https://example.com");
        prop_assert_eq!(request.is_ok(), expected.is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// The reference itself, on known values
// ---------------------------------------------------------------------------------------

#[test]
fn the_reference_patterns_match_as_the_model_means() {
    use reference::{event_destination_arn, iso_country_code, linked_account_id};
    // Java's `$` lets a final line terminator through.
    for yes in [
        "DE",
        "ZZ",
        "DE\n",
        "DE\r\n",
        "DE\r",
        "DE\u{85}",
        "DE\u{2028}",
    ] {
        assert!(iso_country_code(yes), "{yes:?}");
    }
    for no in ["", "D", "de", "DEU", "DE\n\n", "DE\r\r", "\nDE", "É1", "D1"] {
        assert!(!iso_country_code(no), "{no}");
    }
    for yes in [
        "arn:aws:sns:us-east-1:123456789012:topic",
        "arn:aws:firehose:us-east-1:123456789012:deliverystream/x",
        "arn::a",
        "arn::a-b/",
        "arn:x:abc:",
        "arn:X:abc/\u{e9}",
        "arn:x:abc\n",
        "arn:x:abc/d\r\n",
        // ECMA-262's `.` takes U+0085.
        "arn:\u{85}:abc",
        "arn:x:abc/\u{85}",
    ] {
        assert!(event_destination_arn(yes), "{yes}");
    }
    for no in [
        "",
        "arn:",
        "arn:aws",
        "arn:aws:",
        "arn:aws:ABC",
        "arn:aws:abc1",
        "arn:aws:abc/x\ny",
        "ARN:aws:sns",
        "xarn:aws:sns",
        "arn:\n:abc",
        "arn:x:abc\n\n",
        // Only Java's `$` takes the `\n`, and Java's `.` refuses U+0085.
        "arn:\u{85}:abc\n",
        "arn:x:abc/\u{85}\n",
    ] {
        assert!(!event_destination_arn(no), "{no}");
    }
    for yes in [
        "waba-",
        "waba-123",
        "arn:aws::waba/A1",
        "arn::waba/x",
        "waba-1\n",
        "arn::waba/x\u{2029}",
        "waba-\u{85}",
    ] {
        assert!(linked_account_id(yes), "{yes}");
    }
    for no in [
        "waba",
        "waba-1\n\n",
        "waba-\u{85}\n",
        "arn::waba/x\n\r",
        "arn:waba/x",
        "arn:aws:waba/",
        "arn:aws:waba/x-y",
        "arn:aws:waba/é",
        "arn:\n:waba/x",
        "x",
    ] {
        assert!(!linked_account_id(no), "{no}");
    }
    // And the generated validation agrees on these.
    let parent = |value: &str| {
        WhatsAppSetupFinalization::builder()
            .associate_in_progress_token("t")
            .phone_numbers(Vec::new())
            .phone_number_parent(value)
            .build()
            .unwrap()
            .validate()
            .is_ok()
    };
    assert!(parent("arn::waba/x") && !parent("arn:waba/x") && parent("waba-1\n"));
    assert!(!parent("waba-1\n\n") && !parent("waba-\u{85}\n") && parent("waba-\u{85}"));
}
