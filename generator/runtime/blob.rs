//! Opaque binary data (the Smithy `blob` shape) and the base64 text form used on the wire.
//!
//! Base64 here is RFC 4648 section 4: the standard alphabet (`A-Z a-z 0-9 + /`), output
//! padded with `=`. Decoding is strict about everything except padding: padding may be
//! omitted (some services drop it), but if present it must be complete and only at the
//! end; whitespace, URL-safe characters and non-canonical final characters (unused bits
//! that are not zero) are rejected.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Binary data; serialized as a base64 string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps the given bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    /// The bytes.
    #[allow(clippy::should_implement_trait)]
    pub fn as_ref(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, by value.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}

/// Why a string is not valid base64: what was wrong and where, never the text itself (blobs
/// may be `@sensitive`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64Error {
    message: String,
}

impl Base64Error {
    fn new(message: impl Into<String>) -> Self {
        Base64Error {
            message: message.into(),
        }
    }
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64: {}", self.message)
    }
}

impl std::error::Error for Base64Error {}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes `bytes` as padded standard base64.
pub fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0];
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let group = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| char::from(ALPHABET[((group >> shift) & 0x3f) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// The 6-bit value of a base64 character, or `None` outside the standard alphabet.
fn sextet_value(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes standard base64, with or without padding (see the module documentation).
pub fn decode_base64(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    let padding = bytes
        .iter()
        .rev()
        .take(2)
        .take_while(|b| **b == b'=')
        .count();
    if padding > 0 && !bytes.len().is_multiple_of(4) {
        return Err(Base64Error::new(
            "padded input must be a multiple of 4 characters long",
        ));
    }
    let data = &bytes[..bytes.len() - padding];
    let mut values = Vec::with_capacity(data.len());
    for (index, byte) in data.iter().enumerate() {
        match sextet_value(*byte) {
            Some(value) => values.push(value),
            None => {
                return Err(Base64Error::new(format!(
                    "a character outside the base64 alphabet (A-Z a-z 0-9 + /) at offset {index}"
                )));
            }
        }
    }
    if values.len() % 4 == 1 {
        return Err(Base64Error::new(
            "the number of characters (one more than a multiple of 4) cannot encode whole bytes",
        ));
    }
    let mut out = Vec::with_capacity(values.len() / 4 * 3 + 2);
    for chunk in values.chunks(4) {
        let group = chunk.iter().enumerate().fold(0u32, |acc, (i, v)| {
            acc | (u32::from(*v) << (18 - 6 * i as u32))
        });
        let decoded = [(group >> 16) as u8, (group >> 8) as u8, group as u8];
        let (keep, unused_mask) = match chunk.len() {
            4 => (3, 0),
            3 => (2, 0xff),
            _ => (1, 0xffff),
        };
        if group & unused_mask != 0 {
            return Err(Base64Error::new(
                "the final character has nonzero unused bits (non-canonical encoding)",
            ));
        }
        out.extend_from_slice(&decoded[..keep]);
    }
    Ok(out)
}

/// A base64 string; a byte string in binary formats (CBOR).
impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return serializer.serialize_bytes(&self.0);
        }
        serializer.serialize_str(&encode_base64(&self.0))
    }
}

/// A base64 string (padding optional); a byte string in binary formats (CBOR).
impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            return deserializer.deserialize_byte_buf(BytesVisitor);
        }
        deserializer.deserialize_str(Base64Visitor)
    }
}

struct BytesVisitor;

impl de::Visitor<'_> for BytesVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a byte string")
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Blob, E> {
        Ok(Blob(value.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, value: Vec<u8>) -> Result<Blob, E> {
        Ok(Blob(value))
    }
}

struct Base64Visitor;

impl de::Visitor<'_> for Base64Visitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Blob, E> {
        decode_base64(value).map(Blob).map_err(E::custom)
    }
}
