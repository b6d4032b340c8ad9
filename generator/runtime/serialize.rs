//! What the written-out `Serialize` impls of structures share.

use serde::ser::SerializeStruct;
use serde::Serialize;

/// Writes an optional member under `key` when it is set and skips it otherwise, as serde's
/// derive does with `skip_serializing_if = "Option::is_none"`.
pub fn optional<S: SerializeStruct, T: Serialize>(
    s: &mut S,
    key: &'static str,
    value: Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => s.serialize_field(key, &value),
        None => s.skip_field(key),
    }
}
