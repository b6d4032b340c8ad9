//! Error shapes (code, message, HTTP status, retryability) and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::{ident, rust_type};
use crate::emit::prelude::{OPTION, SOME};
use crate::plan::{ErrorFault, ErrorPlan, OperationPlan, RustType, StructPlan};

/// The `message` method of `ModeledError`, by the names AWS models use; none (the trait's
/// default) without such a member.
fn message_fn(plan: &StructPlan) -> TokenStream {
    let member = plan.members.iter().find(|m| {
        m.member_name.eq_ignore_ascii_case("message")
            && matches!(m.value_type, RustType::String)
            && !m.sensitive
    });
    let Some(m) = member else {
        return TokenStream::new();
    };
    let field = ident(&m.field);
    let body = if m.optional {
        quote!(self.#field.as_deref())
    } else {
        quote!(#SOME(self.#field.as_str()))
    };
    quote! {
        fn message(&self) -> #OPTION<&str> {
            #body
        }
    }
}

/// An error structure's `ModeledError` implementation (only what differs from the trait's
/// defaults) and its methods; `wire` adds `from_response`.
pub fn error_impls(plan: &StructPlan, error: &ErrorPlan, wire: bool) -> TokenStream {
    let name = ident(&plan.name);
    // What `code()` returns; dispatch on the wire uses `error.code` (`emit/wire/response.rs`).
    let code = error.exposed_code.as_ref().unwrap_or(&error.code);
    let status = error
        .http_status
        .map(|s| quote!(const HTTP_STATUS: #OPTION<u16> = #SOME(#s);));
    let flag = |set: bool, name: TokenStream| set.then(|| quote!(const #name: bool = true;));
    let retryable = flag(error.retryable, quote!(RETRYABLE));
    let throttling = flag(error.throttling, quote!(THROTTLING));
    let server = flag(error.fault == ErrorFault::Server, quote!(SERVER_FAULT));
    let message = message_fn(plan);
    let api = if wire {
        quote!(crate::error::modeled_error_api!(#name, from_response);)
    } else {
        quote!(crate::error::modeled_error_api!(#name);)
    };
    quote! {
        impl crate::error::ModeledError for #name {
            const CODE: &'static str = #code;
            #status
            #retryable
            #throttling
            #server
            #message
        }

        #api
    }
}

/// The operation's error enum: one variant per modeled error, plus `Unhandled`.
pub fn operation_error_enum(op: &OperationPlan, wire: bool) -> TokenStream {
    let name = ident(&op.error_enum);
    let doc = docs::line(&format!(
        "An error returned by the `{}` operation.",
        op.name
    ));
    let variants: Vec<_> = op.errors.iter().map(|e| ident(&e.variant)).collect();
    let types: Vec<_> = op.errors.iter().map(|e| rust_type(&e.error_type)).collect();
    let variant_docs = op
        .errors
        .iter()
        .map(|e| docs::line(&format!("The `{}` error.", e.shape.name())));
    // Only crates with the wire layer can receive a response that fails to parse.
    let (invalid_variant, invalid_api) = if wire {
        (
            quote! {
                /// The response could not be read (a malformed body, a wrong type, a bad header).
                InvalidResponse(crate::wire::InvalidResponse),
            },
            quote!(, InvalidResponse),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    quote! {
        #doc
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(#types),)*
            /// An error the model does not describe for this operation.
            Unhandled(crate::error::Unhandled),
            #invalid_variant
        }

        crate::error::operation_error_api!(
            #name { Unhandled #invalid_api },
            #(#variants(#types),)*
        );
    }
}
