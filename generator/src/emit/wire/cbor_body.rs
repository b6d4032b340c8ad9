//! CBOR bodies (rpcv2Cbor). The types' serde impls already hold each member's wire name and
//! form; the runtime's `wire::cbor` runs them through a CBOR serializer, so this side only
//! chooses, per protocol, which reader and writer the wire layer calls.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::prelude::VEC;
use crate::plan::{MemberPlan, Plan, WirePlan};

/// Whether the service's wire layer speaks CBOR.
pub(super) fn is_cbor(plan: &Plan) -> bool {
    plan.service.protocol.is_some_and(|p| p.cbor())
}

/// The path of the function that reads a whole body as a type: `parse_json`, or
/// `cbor::parse` for CBOR. Both take `(status, body)`.
pub(super) fn parse_fn(plan: &Plan) -> TokenStream {
    if is_cbor(plan) {
        quote!(crate::wire::cbor::parse)
    } else {
        quote!(crate::wire::parse_json)
    }
}

/// The request body: the input as a CBOR map. An operation without input (`Unit`) sends no
/// body and no content type, as the protocol says.
pub(super) fn request_body(
    wire: &WirePlan,
    members: &[&MemberPlan],
    content_type: &str,
) -> TokenStream {
    if members.is_empty() && !wire.empty_object {
        return quote!(let (body, content_type): (#VEC<u8>, &str) = (#VEC::new(), ""););
    }
    quote! {
        let body = crate::wire::cbor::to_vec(input)?;
        let content_type = #content_type;
    }
}

/// The `ErrorResponse` of an error body: code from `__type`, message from `message`.
pub(super) fn error_response(error_enum: &Ident) -> TokenStream {
    quote! {
        crate::wire::ErrorResponse::with_code(
            status, headers, body,
            crate::wire::cbor::error_code_and_message(body),
            #error_enum::InvalidResponse,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_the_cbor_code() {
        let out = error_response(&quote::format_ident!("GetError")).to_string();
        assert!(
            out.contains("cbor :: error_code_and_message (body)"),
            "{out}"
        );
        assert!(out.contains("GetError :: InvalidResponse"), "{out}");
    }
}
