//! `@streaming` blob outputs (`RustType::ByteStream`): how the clients hand on a success
//! response whose body is still arriving, with the machinery of output event streams.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::prelude::SOME;
use crate::emit::tokens::ident;
use crate::plan::{MemberPlan, OperationPlan, Plan, RustType, StructPlan};

/// The member of an output that is its streaming body, if it has one.
pub fn body_member(s: &StructPlan) -> Option<&MemberPlan> {
    s.members
        .iter()
        .find(|m| m.value_type == RustType::ByteStream)
}

/// The `stream` of an operation whose output has a streaming body, as the clients call it:
/// the head is parsed with an empty body, then the body is attached as it arrives (read
/// whole first when its checksum is to be validated).
pub fn client_output_stream(
    plan: &Plan,
    op: &OperationPlan,
    root: &TokenStream,
) -> Option<TokenStream> {
    let member = body_member(plan.struct_of(&op.output)?)?;
    let field = ident(&member.field);
    let live = quote!(#root::primitives::ByteStream::from_chunks(body));
    let value = if member.optional {
        quote!(#SOME(#live))
    } else {
        live
    };
    Some(quote! {
        #SOME(#root::client::call::OutputStream {
            first_message: false,
            whole_if_checked: true,
            attach: |output, body| output.#field = #value,
        })
    })
}
