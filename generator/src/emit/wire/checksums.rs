//! The request's checksum marks (`@httpChecksumRequired`, `aws.protocols#httpChecksum`): what
//! `wire::checksum::add_request_checksum` and `wire::checksum::validate_response` read from the
//! request's extensions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::prelude::{DEFAULT, NONE, OK, RESULT, SOME, VEC};
use crate::emit::tokens::ident;
use crate::plan::checksums::Checksums;
use crate::plan::StructPlan;

/// `Option<&str>` of the input's string or enum member `name` (`None` when it is not there).
fn member_text(input: &StructPlan, name: Option<&str>) -> TokenStream {
    let Some(member) = name.and_then(|n| input.members.iter().find(|m| m.member_name == n)) else {
        return quote!(#NONE::<&str>);
    };
    let field = ident(&member.field);
    match member.optional {
        true => quote!(input.#field.as_ref().map(|value| value.as_str())),
        false => quote!(#SOME(input.#field.as_str())),
    }
}

fn algorithm(name: &str) -> TokenStream {
    let constant = format_ident!("{}", name);
    quote!(crate::wire::checksum_algorithms::#constant)
}

/// The statements that put the operation's marks in `request`'s extensions.
pub fn marks(checksums: &Checksums, input: &StructPlan) -> TokenStream {
    let mut out = TokenStream::new();
    if checksums.on_request() {
        let chosen = match checksums.algorithm_member.as_deref() {
            Some(name) => {
                let text = member_text(input, Some(name));
                quote!(crate::wire::checksum_algorithms::requested(#text)?)
            }
            None => quote!(#NONE),
        };
        let supported = checksums.supported;
        let required = checksums.required;
        let default = match checksums.supported {
            true => {
                let crc32 = algorithm("CRC32");
                quote!(#SOME(#crc32))
            }
            false => quote!(#NONE),
        };
        let header = match &checksums.algorithm_header {
            Some(name) => quote!(#SOME(#name)),
            None => quote!(#NONE),
        };
        let md5 = match checksums.md5_required {
            true => {
                let md5 = algorithm("MD5");
                quote!(#SOME(#md5))
            }
            false => quote!(#NONE),
        };
        out.extend(quote! {
            request.extensions_mut().insert(crate::wire::checksum::RequestChecksum {
                chosen: #chosen,
                supported: #supported,
                required: #required,
                default: #default,
                algorithm_header: #header,
                md5: #md5,
            });
        });
    }
    if !checksums.response_algorithms.is_empty() {
        let algorithms = checksums.response_algorithms.iter().map(|a| algorithm(a));
        let mode = member_text(input, checksums.validation_member.as_deref());
        out.extend(quote! {
            request.extensions_mut().insert(crate::wire::checksum::ResponseChecksum {
                algorithms: &[#(#algorithms),*],
                enabled: #mode == #SOME("ENABLED"),
            });
        });
    }
    out
}

/// For an operation that sends a request checksum (and does not compress): the request
/// `serialize_request_without_checksum` builds and marks, with the checksum the SDKs send by
/// default added (the client adds it with its configuration's setting).
pub fn checksumming_fns(input_type: &TokenStream, build: TokenStream) -> TokenStream {
    quote! {
        /// [`serialize_request`] without validating the input first: the service then
        /// judges it.
        pub fn serialize_request_unchecked(
            input: &#input_type,
            endpoint: impl crate::wire::AsEndpoint,
        ) -> #RESULT<::http::Request<#VEC<u8>>, crate::wire::RequestError> {
            let mut request = serialize_request_without_checksum(input, endpoint)?;
            crate::wire::checksum::add_request_checksum(&mut request, #DEFAULT::default())?;
            #OK(request)
        }

        /// [`serialize_request_unchecked`] before its checksum is added: the request marked
        /// for it. [`crate::wire::checksum::add_request_checksum`] adds it as the setting of your
        /// choice says (the client's call does so with its configuration's).
        pub fn serialize_request_without_checksum(
            input: &#input_type,
            endpoint: impl crate::wire::AsEndpoint,
        ) -> #RESULT<::http::Request<#VEC<u8>>, crate::wire::RequestError> {
            #build
            #OK(request)
        }
    }
}
