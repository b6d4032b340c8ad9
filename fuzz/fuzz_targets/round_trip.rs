//! Structured inputs for `AssociateWhatsAppBusinessAccountInput`: the fuzz bytes drive a small
//! generator that walks the Smithy model from the operation's input and writes JSON for each
//! shape (or, now and then, a value of the wrong type, `null`, an unknown member). When that
//! JSON deserializes, the request built from the value must carry a body that deserializes to
//! an equal value: every member of this input is bound to the body.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use socialmessaging::operation::associate_whats_app_business_account::{
    serialize_request_unchecked, AssociateWhatsAppBusinessAccountInput,
};

const INPUT: &str = "com.amazonaws.socialmessaging#AssociateWhatsAppBusinessAccountInput";
const MAX_DEPTH: usize = 12;

/// The model's shapes, by ID.
fn shapes() -> &'static Map<String, Value> {
    static SHAPES: OnceLock<Map<String, Value>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let model: Value = serde_json::from_str(include_str!("../../model/socialmessaging.json"))
            .expect("the model is JSON");
        model["shapes"]
            .as_object()
            .cloned()
            .expect("the model has shapes")
    })
}

/// Text that is often awkward: empty, escapes, non-ASCII, control characters, long.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=7u8)? {
        0 => String::new(),
        1 => "\"\\/\u{0}\u{1f}\u{7f}\n\r\t".to_owned(),
        2 => "é漢🦀\u{202e}\u{feff}\u{10ffff}".to_owned(),
        3 => "x".repeat(u.int_in_range(0..=3000)?),
        4 => "waba-123".to_owned(),
        5 => "arn:aws:social-messaging:us-east-1:123456789012:waba/abc".to_owned(),
        _ => u.arbitrary::<String>()?,
    })
}

fn number(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => Value::from(i64::MIN),
        1 => Value::from(u64::MAX),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => serde_json::Number::from_f64(u.arbitrary::<f64>()?)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        4 => Value::from(f64::MAX),
        _ => Value::from(u.arbitrary::<i32>()?),
    })
}

/// Any JSON value, for wrong types and unknown members.
fn any(u: &mut Unstructured<'_>, depth: usize) -> Result<Value> {
    let choice = if depth >= MAX_DEPTH {
        u.int_in_range(0..=3u8)?
    } else {
        u.int_in_range(0..=5u8)?
    };
    Ok(match choice {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => number(u)?,
        3 => Value::String(text(u)?),
        4 => {
            let len = u.int_in_range(0..=3)?;
            Value::Array((0..len).map(|_| any(u, depth + 1)).collect::<Result<_>>()?)
        }
        _ => {
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=3)? {
                map.insert(text(u)?, any(u, depth + 1)?);
            }
            Value::Object(map)
        }
    })
}

/// A value for `target`: usually of the right type, sometimes not.
fn value(u: &mut Unstructured<'_>, target: &str, depth: usize) -> Result<Value> {
    if u.ratio(1u8, 16u8)? {
        return any(u, depth);
    }
    let shape = match target {
        "smithy.api#String" => return Ok(Value::String(text(u)?)),
        "smithy.api#Integer" | "smithy.api#Long" => return number(u),
        "smithy.api#Boolean" => return Ok(Value::Bool(u.arbitrary()?)),
        _ => match shapes().get(target) {
            Some(shape) => shape,
            None => return any(u, depth),
        },
    };
    let kind = shape["type"].as_str().unwrap_or("");
    Ok(match kind {
        "string" => Value::String(text(u)?),
        "integer" | "long" => number(u)?,
        "boolean" => Value::Bool(u.arbitrary()?),
        "enum" => {
            let values: Vec<String> = shape["members"]
                .as_object()
                .map(|members| {
                    members
                        .iter()
                        .map(|(name, m)| {
                            m["traits"]["smithy.api#enumValue"]
                                .as_str()
                                .unwrap_or(name)
                                .to_owned()
                        })
                        .collect()
                })
                .unwrap_or_default();
            match u.choose(&values) {
                Ok(v) if u.ratio(3u8, 4u8)? => Value::String(v.clone()),
                _ => Value::String(text(u)?),
            }
        }
        "list" if depth < MAX_DEPTH => {
            let member = shape["member"]["target"].as_str().unwrap_or("");
            let len = u.int_in_range(0..=4)?;
            Value::Array(
                (0..len)
                    .map(|_| value(u, member, depth + 1))
                    .collect::<Result<_>>()?,
            )
        }
        "map" if depth < MAX_DEPTH => {
            let target = shape["value"]["target"].as_str().unwrap_or("");
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=3)? {
                map.insert(text(u)?, value(u, target, depth + 1)?);
            }
            Value::Object(map)
        }
        "structure" | "union" if depth < MAX_DEPTH => {
            let mut map = Map::new();
            if let Some(members) = shape["members"].as_object() {
                for (name, member) in members {
                    match u.int_in_range(0..=7u8)? {
                        0 => {}
                        1 => {
                            map.insert(name.clone(), Value::Null);
                        }
                        _ => {
                            let target = member["target"].as_str().unwrap_or("");
                            map.insert(name.clone(), value(u, target, depth + 1)?);
                        }
                    }
                }
            }
            if u.ratio(1u8, 8u8)? {
                map.insert(text(u)?, any(u, depth + 1)?);
            }
            Value::Object(map)
        }
        _ => any(u, depth)?,
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(json) = value(&mut u, INPUT, 0) else {
        return;
    };
    let Ok(input) = serde_json::from_value::<AssociateWhatsAppBusinessAccountInput>(json.clone())
    else {
        return;
    };
    // The text form too: the same value must come out of it.
    let text = json.to_string();
    let from_text: AssociateWhatsAppBusinessAccountInput =
        serde_json::from_str(&text).expect("the text of a JSON value that deserialized");
    assert_eq!(from_text, input, "{text}");
    let request = match serialize_request_unchecked(&input, "https://example.com") {
        Ok(request) => request,
        Err(error) => panic!("a deserialized input cannot be sent ({error}): {text}"),
    };
    let body = request.body();
    // The body is written directly, not through serde: it must be serde's bytes exactly.
    let serde_body = serde_json::to_vec(&input).expect("a deserialized input serializes");
    assert!(
        body == &serde_body,
        "the request body differs from serde_json's:\nbody:  {}\nserde: {}",
        String::from_utf8_lossy(body),
        String::from_utf8_lossy(&serde_body)
    );
    let again: AssociateWhatsAppBusinessAccountInput = match serde_json::from_slice(body) {
        Ok(again) => again,
        Err(error) => panic!(
            "the request body does not read back ({error}):\ninput: {text}\nbody: {}",
            String::from_utf8_lossy(body)
        ),
    };
    assert_eq!(
        again,
        input,
        "round trip changed the input:\ninput: {text}\nbody: {}",
        String::from_utf8_lossy(body)
    );
});
