//! Open-content values (the Smithy `document` shape).

/// A Smithy document: untyped, open-content data whose structure the model does not fix.
///
/// It is a plain `serde_json::Value` because in the restJson1 protocol a document is sent
/// as the JSON value itself, inline in the body, with no wrapper or type tag; any JSON
/// (null, boolean, number, string, array or object) is a valid document.
pub type Document = serde_json::Value;
