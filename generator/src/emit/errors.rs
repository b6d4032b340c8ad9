//! Error shapes (code, message, HTTP status, retryability) and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::{ident, rust_type};
use crate::plan::{ErrorFault, ErrorPlan, OperationPlan, RustType, StructPlan};

/// The `message` member an error shape carries, by the names AWS models use.
fn message_expr(plan: &StructPlan) -> TokenStream {
    let member = plan.members.iter().find(|m| {
        m.member_name.eq_ignore_ascii_case("message")
            && matches!(m.value_type, RustType::String)
            && !m.sensitive
    });
    match member {
        Some(m) if m.optional => {
            let field = ident(&m.field);
            quote!(self.#field.as_deref())
        }
        Some(m) => {
            let field = ident(&m.field);
            quote!(::std::option::Option::Some(self.#field.as_str()))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// Methods and trait impls of an error structure.
pub fn error_impls(plan: &StructPlan, error: &ErrorPlan) -> TokenStream {
    let name = ident(&plan.name);
    let code = &error.code;
    let message = message_expr(plan);
    let status = match error.http_status {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    };
    let retryable = error.retryable;
    let throttling = error.throttling;
    let server = error.fault == ErrorFault::Server;
    quote! {
        impl #name {
            /// The error code that identifies this error on the wire.
            pub const CODE: &'static str = #code;

            /// The error code that identifies this error on the wire.
            pub fn code(&self) -> &'static str {
                Self::CODE
            }

            /// The human-readable message, when the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message
            }

            /// The HTTP status code the model gives this error (`httpError`).
            pub fn http_status(&self) -> ::std::option::Option<u16> {
                #status
            }

            /// Whether the request may succeed if sent again (`@retryable`).
            pub fn is_retryable(&self) -> bool {
                #retryable
            }

            /// Whether the service is throttling requests.
            pub fn is_throttling(&self) -> bool {
                #throttling
            }

            /// Whether the fault lies with the service rather than the request.
            pub fn is_server_fault(&self) -> bool {
                #server
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(Self::CODE)?;
                if let ::std::option::Option::Some(message) = self.message() {
                    write!(f, ": {message}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for #name {}
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
    let from_impls = variants.iter().zip(&types).map(|(variant, ty)| {
        quote! {
            impl ::std::convert::From<#ty> for #name {
                fn from(error: #ty) -> Self {
                    Self::#variant(error)
                }
            }
        }
    });
    // Only crates with the wire layer can receive a response that fails to parse.
    let when = |tokens: TokenStream| if wire { tokens } else { TokenStream::new() };
    let invalid_variant = when(quote! {
        /// The response could not be read (malformed JSON, a wrong type, a bad header).
        InvalidResponse(crate::wire::InvalidResponse),
    });
    let invalid_code = when(quote!(Self::InvalidResponse(_) => ::std::option::Option::None,));
    let invalid_message =
        when(quote!(Self::InvalidResponse(e) => ::std::option::Option::Some(e.message.as_str()),));
    let invalid_status =
        when(quote!(Self::InvalidResponse(e) => ::std::option::Option::Some(e.status),));
    let invalid_retry = when(quote!(Self::InvalidResponse(_) => false,));
    let invalid_display = when(quote!(Self::InvalidResponse(e) => ::std::fmt::Display::fmt(e, f),));
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

            impl #name {
                /// The error code, when known.
                pub fn code(&self) -> ::std::option::Option<&str> {
                    match self {
                        #(Self::#variants(e) => ::std::option::Option::Some(e.code()),)*
                        Self::Unhandled(e) => e.code.as_deref(),
    #invalid_code
                    }
                }

                /// The error message, when the service sent one.
                pub fn message(&self) -> ::std::option::Option<&str> {
                    match self {
                        #(Self::#variants(e) => e.message(),)*
                        Self::Unhandled(e) => e.message.as_deref(),
    #invalid_message
                    }
                }

                /// The HTTP status code of the error.
                pub fn http_status(&self) -> ::std::option::Option<u16> {
                    match self {
                        #(Self::#variants(e) => e.http_status(),)*
                        Self::Unhandled(e) => e.http_status,
    #invalid_status
                    }
                }

                /// Whether the request may succeed if sent again: `@retryable` errors,
                /// throttling, and server errors (HTTP 5xx).
                pub fn is_retryable(&self) -> bool {
                    match self {
                        #(Self::#variants(e) => e.is_retryable() || e.is_throttling() || e.http_status().is_some_and(|s| s >= 500),)*
                        Self::Unhandled(e) => e.http_status.is_some_and(|s| s >= 500 || s == 429),
    #invalid_retry
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(Self::#variants(e) => ::std::fmt::Display::fmt(e, f),)*
                        Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
    #invalid_display
                    }
                }
            }

            // Display already shows the inner error, so it is not repeated as a source.
            impl ::std::error::Error for #name {}

            #(#from_impls)*
        }
}
