//! CBOR bodies (rpcv2Cbor, RFC 8949) through ciborium and the types' own serde impls: those
//! see a serializer that is not human-readable and write blobs as byte strings, timestamps
//! under tag 1 and non-finite floats as floats. Reading accepts definite and indefinite
//! lengths and half, single and double precision floats.
//!
//! Messages never repeat a value from the body: it may be `@sensitive`.

use super::{InvalidResponse, RequestError};

/// Nesting deeper than this is refused, so that a hostile body cannot overflow the stack.
const MAX_DEPTH: usize = 128;

/// The CBOR encoding of `value`.
pub fn to_vec<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, RequestError> {
    let mut out = Vec::with_capacity(256);
    ciborium::into_writer(value, &mut out)
        .map_err(|e| RequestError::new(format!("cannot write the CBOR body: {e}")))?;
    Ok(out)
}

/// The CBOR encoding of `value` (a structure, so a map) without the members of the wire
/// names `skip`: those an event stream sends apart (headers, the stream itself).
pub fn to_vec_without<T: serde::Serialize + ?Sized>(
    value: &T,
    skip: &[&str],
) -> Result<Vec<u8>, RequestError> {
    let mut item = ciborium::Value::serialized(value)
        .map_err(|e| RequestError::new(format!("cannot write the CBOR body: {e}")))?;
    if let ciborium::Value::Map(entries) = &mut item {
        entries.retain(|(key, _)| !key.as_text().is_some_and(|k| skip.contains(&k)));
    }
    to_vec(&item)
}

/// Reads a CBOR body as `T`; an empty body reads as an empty map. A body that is not one
/// well-formed CBOR item of the expected shape is an [`InvalidResponse`].
pub fn parse<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<T, InvalidResponse> {
    let body: &[u8] = if body.is_empty() { &[0xa0] } else { body };
    let mut rest = body;
    let value = ciborium::de::from_reader_with_recursion_limit(&mut rest, MAX_DEPTH)
        .map_err(|error| InvalidResponse::new(status, failure(&error)))?;
    if !rest.is_empty() {
        let offset = body.len() - rest.len();
        return Err(InvalidResponse::new(
            status,
            format!("malformed CBOR: data after the body's item at byte {offset}"),
        ));
    }
    Ok(value)
}

/// What went wrong, values redacted (see [`super::redact_values`]).
fn failure(error: &ciborium::de::Error<std::io::Error>) -> String {
    use ciborium::de::Error;
    match error {
        Error::Io(_) => "malformed CBOR: the body ends inside an item".to_owned(),
        Error::Syntax(offset) => format!("malformed CBOR at byte {offset}"),
        Error::Semantic(Some(offset), message) => {
            format!("at byte {offset}: {}", super::redact_values(message))
        }
        Error::Semantic(None, message) => super::redact_values(message),
        Error::RecursionLimitExceeded => {
            format!("the body nests deeper than {MAX_DEPTH} levels")
        }
    }
}

/// The error code (the body's `__type`, sanitized as [`super::sanitize_error_code`] does)
/// and message (`message`, else `Message`) of an error body; `None`s for a body that is not
/// a CBOR map.
pub fn error_code_and_message(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(ciborium::Value::Map(entries)) =
        ciborium::de::from_reader_with_recursion_limit::<ciborium::Value, _>(body, MAX_DEPTH)
    else {
        return (None, None);
    };
    let text = |key: &str| {
        entries.iter().find_map(|(k, v)| match (k, v) {
            (ciborium::Value::Text(k), ciborium::Value::Text(v)) if k == key => Some(v.as_str()),
            _ => None,
        })
    };
    let code = text("__type")
        .map(super::sanitize_error_code)
        .filter(|code| !code.is_empty())
        .map(str::to_owned);
    let message = text("message")
        .or_else(|| text("Message"))
        .map(str::to_owned);
    (code, message)
}

/// Whether two CBOR items are the same data, for protocol tests: maps compare as maps (any
/// order), byte and text strings whatever their chunking, floats by value whatever their
/// width (NaN equals NaN), tags by number and content, epoch seconds (tag 1) by value. `Err` says where they differ.
pub fn equivalent(actual: &[u8], expected: &[u8]) -> Result<(), String> {
    let read = |bytes: &[u8], which: &str| {
        ciborium::de::from_reader_with_recursion_limit::<ciborium::Value, _>(bytes, MAX_DEPTH)
            .map_err(|e| format!("the {which} body is not CBOR: {e:?}"))
    };
    let (actual, expected) = (read(actual, "actual")?, read(expected, "expected")?);
    if same(&actual, &expected) {
        Ok(())
    } else {
        Err(format!(
            "CBOR bodies differ:\nactual:   {actual:?}\nexpected: {expected:?}"
        ))
    }
}

fn same(a: &ciborium::Value, b: &ciborium::Value) -> bool {
    use ciborium::Value;
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(key, value)| {
                    y.iter()
                        .any(|(other_key, other)| same(key, other_key) && same(value, other))
                })
        }
        // Tag 1 holds epoch seconds as an integer or a float, the same instant either way
        // (RFC 8949 section 3.4.2).
        (Value::Tag(1, x), Value::Tag(1, y)) => match (seconds(x), seconds(y)) {
            (Some(x), Some(y)) => x == y,
            _ => same(x, y),
        },
        (Value::Tag(t, x), Value::Tag(u, y)) => t == u && same(x, y),
        _ => a == b,
    }
}

/// An integer or float as seconds, for tag 1.
fn seconds(value: &ciborium::Value) -> Option<f64> {
    match value {
        ciborium::Value::Float(x) => Some(*x),
        ciborium::Value::Integer(x) => Some(i128::from(*x) as f64),
        _ => None,
    }
}
