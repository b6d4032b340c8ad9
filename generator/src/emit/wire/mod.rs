//! The wire layer, sans I/O: requests from inputs, outputs and errors from responses.
//! Emitted for operations whose plan has a `WirePlan`. The HTTP bindings are shared; bodies
//! are JSON (`json_body`) or, for restXml, XML (`xml_body`), for rpcv2Cbor, CBOR
//! (`cbor_body`); the query protocols send forms (`query_body`) and read XML.

mod byte_stream;
mod cbor_body;
mod checksums;
mod event_stream;
mod json_body;
mod query_body;
mod request;
mod response;
mod values;
mod xml_body;
mod xml_events;
mod xml_read;
mod xml_write;

use proc_macro2::TokenStream;
use quote::quote;

pub use byte_stream::body_member as streaming_body;
pub use event_stream::{
    client_output_stream, initial_messages, stream_member, union_impls as event_stream_impls,
};
pub use json_body::JsonWriters;
pub use xml_body::Xml;

use crate::plan::{OperationPlan, Plan, StructPlan};

/// The wire functions of one operation, for its module.
pub fn operation_items(plan: &Plan, op: &OperationPlan, json: &JsonWriters) -> TokenStream {
    let (Some(wire), Some(input), Some(output)) = (
        &op.wire,
        plan.struct_of(&op.input),
        plan.struct_of(&op.output),
    ) else {
        return TokenStream::new();
    };
    let serialize = request::serialize_fn(plan, op, wire, input, json);
    let parse = response::parse_fns(plan, op, output);
    let events = event_stream::operation_items(plan, op, input, output);
    quote!(#serialize #parse #events)
}

/// The request builder the clients call: for an operation with `@requestCompression`, the
/// one that leaves compression (and any checksum) to the call, for one with a request
/// checksum the one that leaves the checksum to it (the call applies its configuration's
/// settings).
pub fn client_serialize_fn(op: &OperationPlan) -> proc_macro2::Ident {
    let compresses = op.wire.as_ref().is_some_and(|w| w.compression.is_some());
    let checksums = op
        .wire
        .as_ref()
        .and_then(|w| w.checksums.as_ref())
        .is_some_and(|c| c.on_request());
    let name = match (compresses, checksums) {
        (true, _) => "serialize_request_uncompressed",
        (false, true) => "serialize_request_without_checksum",
        (false, false) => "serialize_request_unchecked",
    };
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

/// `from_response` for an error structure, when the wire layer is generated.
pub fn error_items(plan: &Plan, s: &StructPlan) -> TokenStream {
    if !plan.primitives.wire || s.error.is_none() {
        return TokenStream::new();
    }
    response::error_from_response(plan, s)
}
