//! Reading responses: outputs and error structures from status, headers and body, and the
//! operation's `parse_response` that tells success from error.

use proc_macro2::TokenStream;
use quote::quote;

use super::values::{self, Scalar};
use super::xml_body::Xml;
use crate::emit::prelude::{DEFAULT, ERR, NONE, OK, RESULT, SOME, STRING, VEC};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::http::Binding;
use crate::plan::{MemberPlan, OperationPlan, Plan, RustType, StructPlan};

/// The body of a function `(status: u16, headers: &HeaderMap, body: &[u8]) ->
/// Result<T, InvalidResponse>` that reads the structure `target` (a path to its type).
pub fn read_struct(plan: &Plan, s: &StructPlan, target: &TokenStream) -> TokenStream {
    let body_members = body_members(s);
    let xml = Xml::of(plan);
    let parse = super::cbor_body::parse_fn(plan);
    // The initial response of an event stream is read without error correction for headers.
    let strict = super::event_stream::stream_member(plan, s).is_some();
    if let Some(parse) = whole_body_parse(plan, s) {
        // Everything is in the JSON (or CBOR) body: read the type itself.
        return quote! {
            let _ = headers;
            #parse::<#target>(status, body)
        };
    }
    let parse_body = if body_members.is_empty() {
        quote!(let _ = (&body, status);)
    } else if let Some(xml) = &xml {
        xml.response_body(s, &body_members)
    } else {
        let fields = body_members.iter().map(|m| {
            let name = ident(&m.field);
            let ty = rust_type(&m.field_type());
            quote!(#name: #ty,)
        });
        // The output's builder holds the body's members while they are read.
        let builder = ident(&crate::plan::naming::builder_name(&s.name));
        let builders = crate::emit::builders::builders_path(&s.module);
        let deserialize = crate::emit::deserialize::deserialize_impl(
            plan,
            s,
            &body_members,
            &quote!(ResponseBody),
            &quote!(#builders::#builder),
        );
        quote! {
            struct ResponseBody {
                #(#fields)*
            }
            #deserialize
            let parsed: ResponseBody = #parse(status, body)?;
        }
    };
    let values = s.members.iter().map(|m| {
        let name = ident(&m.field);
        let value = match &m.binding {
            binding if in_body(binding) => quote!(parsed.#name),
            Binding::Header(header) => header_value(plan, m, header, strict),
            Binding::PrefixHeaders(prefix) => {
                let map = prefix_map(
                    m,
                    quote!(crate::wire::prefix_headers(headers, #prefix, status)?),
                );
                // The headers with the prefix, none giving an empty map (Smithy's
                // `HttpPrefixHeadersAreNotPresent` response case reads `{}`).
                if m.optional {
                    quote!(#SOME(#map))
                } else {
                    map
                }
            }
            Binding::ResponseCode => {
                // An integer, or an intEnum made from one.
                let code = match &m.value_type {
                    RustType::I32 => quote!(i32::from(status)),
                    ty => {
                        let ty = rust_type(ty);
                        quote!(<#ty>::from(i32::from(status)))
                    }
                };
                if m.optional {
                    quote!(#SOME(#code))
                } else {
                    code
                }
            }
            // The body is the event stream: its events are read apart (`event_receiver`).
            Binding::Payload
                if super::event_stream::stream_union(plan, &m.value_type).is_some() =>
            {
                if m.optional {
                    quote!(#NONE)
                } else {
                    zero_value(plan, &m.value_type)
                }
            }
            Binding::Payload => payload_value(plan, m, xml.as_ref()),
            _ if m.optional => quote!(#NONE),
            _ => quote!(#DEFAULT::default()),
        };
        quote!(#name: #value,)
    });
    let unused_headers = if s
        .members
        .iter()
        .any(|m| matches!(m.binding, Binding::Header(_) | Binding::PrefixHeaders(_)))
    {
        TokenStream::new()
    } else {
        quote!(let _ = headers;)
    };
    let ids = crate::emit::structs::unset_request_ids(s);
    quote! {
        #unused_headers
        #parse_body
        #OK(#target { #(#values)* #ids })
    }
}

/// The `httpPrefixHeaders` map read as text, converted when its keys or values are enums.
fn prefix_map(m: &MemberPlan, text_map: TokenStream) -> TokenStream {
    let RustType::Map(key, value) = &m.value_type else {
        return text_map;
    };
    if **key == RustType::String && **value == RustType::String {
        return text_map;
    }
    let key = rust_type(key);
    let value = rust_type(value);
    quote! {
        #text_map
            .into_iter()
            .map(|(key, value)| (<#key>::from(key.as_str()), <#value>::from(value.as_str())))
            .collect::<::std::collections::HashMap<#key, #value>>()
    }
}

fn header_value(plan: &Plan, m: &MemberPlan, header: &str, strict: bool) -> TokenStream {
    let read = match &m.value_type {
        RustType::Vec(item) => {
            // A `@sparse` list reads every item as set.
            let (item, sparse) = match item.as_ref() {
                RustType::Option(inner) => (inner.as_ref(), true),
                item => (item, false),
            };
            let kind = values::scalar(plan, item).unwrap_or(Scalar::Str);
            let one = values::from_text(kind, m, item, header, quote!(item.as_str()));
            let one = if sparse { quote!(#SOME(#one)) } else { one };
            let split = if kind == Scalar::DateTime
                && values::timestamp_format(m, values::Place::Header)
                    == crate::plan::TimestampFormat::HttpDate
            {
                quote!(crate::wire::split_http_date_list(text))
            } else {
                quote!(crate::wire::split_header_list(text))
            };
            quote! {{
                let mut items = #VEC::new();
                for item in #split {
                    items.push(#one);
                }
                items
            }}
        }
        ty => {
            let kind = values::scalar(plan, ty).unwrap_or(Scalar::Str);
            if m.optional && kind == Scalar::DateTime && header.eq_ignore_ascii_case("expires") {
                // RFC 9111 (5.3): an `Expires` that is not a date (`0`, `-1`, free text, as
                // servers and S3 objects' metadata send) means "already expired", not a broken
                // response: the member is left unset rather than failing the whole call.
                let format =
                    values::format_tokens(values::timestamp_format(m, values::Place::Header));
                return optional_header(
                    header,
                    quote!(crate::primitives::DateTime::parse(text.trim(), #format).ok()),
                );
            }
            values::from_text(kind, m, ty, header, quote!(text))
        }
    };
    if m.optional {
        optional_header(header, quote!(#SOME(#read)))
    } else {
        // Client error correction: a required header the response left out is its zero value;
        // but the initial response of an event stream must have its required members
        // (Smithy's event stream cases expect the error).
        let missing = if strict {
            let message = format!("the required header `{header}` is missing");
            quote! {
                return #ERR(crate::wire::InvalidResponse::new(status, #message))
            }
        } else {
            zero_value(plan, &m.value_type)
        };
        quote! {
            match crate::wire::header(headers, #header, status)? {
                #SOME(text) => {
                    let text = text.as_str();
                    #read
                }
                #NONE => #missing,
            }
        }
    }
}

/// An optional header member: `read` (an `Option`, with the header's text in `text`) when
/// the header is there, else unset.
fn optional_header(header: &str, read: TokenStream) -> TokenStream {
    quote! {
        match crate::wire::header(headers, #header, status)? {
            #SOME(text) => {
                let text = text.as_str();
                #read
            }
            #NONE => #NONE,
        }
    }
}

/// The zero value of `ty` (see `correction::zero`) in a function returning
/// `Result<_, InvalidResponse>`.
fn zero_value(plan: &Plan, ty: &RustType) -> TokenStream {
    if crate::emit::correction::zero_is_default(ty) {
        return quote!(#DEFAULT::default());
    }
    let zero = crate::emit::correction::zero(plan, ty, &quote!(::serde_json::Error));
    quote! {
        #zero.map_err(|e| crate::wire::InvalidResponse::new(status, crate::wire::redact_values(&e.to_string())))?
    }
}

/// Where a member is read from in a response: request-only bindings (labels, query) mean
/// nothing there, so such members travel in the body.
fn in_body(binding: &Binding) -> bool {
    matches!(
        binding,
        Binding::Body | Binding::Label(_) | Binding::Query(_) | Binding::QueryParams
    )
}

fn payload_value(plan: &Plan, m: &MemberPlan, xml: Option<&Xml>) -> TokenStream {
    let is_enum = values::scalar(plan, &m.value_type) == Some(Scalar::Enum);
    let read = match &m.value_type {
        ty if is_enum => {
            let ty = rust_type(ty);
            quote! {
                <#ty>::from(::std::str::from_utf8(body).map_err(|_| crate::wire::InvalidResponse::new(status, "the text payload is not UTF-8"))?)
            }
        }
        RustType::Blob => quote!(crate::primitives::Blob::new(body.to_vec())),
        // A whole body (sans I/O); the clients attach a live one instead (`OutputStream`).
        RustType::ByteStream => quote!(crate::primitives::ByteStream::new(body.to_vec())),
        RustType::String => quote! {
            #STRING::from_utf8(body.to_vec()).map_err(|_| crate::wire::InvalidResponse::new(status, "the text payload is not UTF-8"))?
        },
        ty if xml.is_some() => {
            let ty = rust_type(ty);
            quote! {{
                let invalid = |message| crate::wire::InvalidResponse::new(status, message);
                let document = crate::wire::xml::parse(body).map_err(invalid)?;
                <#ty as crate::wire::xml::ReadXml>::read_xml(&document).map_err(invalid)?
            }}
        }
        _ => {
            let parse = super::cbor_body::parse_fn(plan);
            quote!(#parse(status, body)?)
        }
    };
    if m.optional {
        quote! {
            if body.is_empty() { #NONE } else { #SOME(#read) }
        }
    } else {
        // Client error correction: a required payload the response left out is its zero value.
        let zero = zero_value(plan, &m.value_type);
        quote! {
            if body.is_empty() { #zero } else { #read }
        }
    }
}

/// The members of `s` read from the response's document body.
fn body_members(s: &StructPlan) -> Vec<&MemberPlan> {
    // Beside a payload there is no document body: members bound only in requests are unset.
    let has_payload = s.members.iter().any(|m| m.binding == Binding::Payload);
    let in_body =
        |binding: &Binding| *binding == Binding::Body || (!has_payload && in_body(binding));
    s.members.iter().filter(|m| in_body(&m.binding)).collect()
}

/// The runtime function that reads `s` from a response whose JSON or CBOR body holds all its
/// members (`wire::parse_json`, `wire::cbor::parse`); `None` when anything is elsewhere (or
/// the body is XML, or there is nothing to read).
fn whole_body_parse(plan: &Plan, s: &StructPlan) -> Option<TokenStream> {
    let everything_in_body = !s.members.is_empty() && body_members(s).len() == s.members.len();
    (everything_in_body && Xml::of(plan).is_none()).then(|| super::cbor_body::parse_fn(plan))
}

/// The restJson1 reader of an error structure (its public `from_response` calls it).
pub fn error_from_response(plan: &Plan, s: &StructPlan) -> TokenStream {
    let name = ident(&s.name);
    if let Some(parse) = whole_body_parse(plan, s) {
        return quote!(crate::wire::from_response_body!(#name, #parse););
    }
    let read = read_struct(plan, s, &quote!(Self));
    quote! {
        impl crate::wire::FromResponse for #name {
            fn from_response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> #RESULT<Self, crate::wire::InvalidResponse> {
                crate::wire::correction::correcting(|| { #read })
            }
        }
    }
}

/// `parse_response`, `parse_http_response` and the private readers of one operation.
pub fn parse_fns(plan: &Plan, op: &OperationPlan, output: &StructPlan) -> TokenStream {
    let output_type = rust_type(&op.output);
    let error_enum = ident(&op.error_enum);
    let read_output = read_struct(plan, output, &output_type);
    // XML protocols (restXml, awsQuery, ec2Query): the code is the body's `<Code>` element.
    let xml = Xml::of(plan);
    let (new_response, code_doc) = match &xml {
        None if super::cbor_body::is_cbor(plan) => (
            super::cbor_body::error_response(&error_enum),
            quote!(#[doc = " Matches the error code (the CBOR body's `__type`) against the operation's errors."]),
        ),
        Some(xml) => {
            let wrapped = xml.errors_wrapped();
            let response = quote! {
                crate::wire::ErrorResponse::with_code(
                    status, headers, body,
                    crate::wire::xml::error_code_and_message(body, #wrapped),
                    #error_enum::InvalidResponse,
                )
            };
            (
                response,
                quote!(#[doc = " Matches the error code (the body's `<Code>`) against the operation's errors."]),
            )
        }
        None => (
            quote!(crate::wire::ErrorResponse::new(status, headers, body, #error_enum::InvalidResponse)),
            quote! {
                /// Matches the error code (header `X-Amzn-Errortype`, else the body's `__type` or
                /// `code`) against the operation's errors.
            },
        ),
    };
    let doc = format!(
        " Reads the HTTP response of `{}`: the output for a 2xx status, else the error.",
        op.name
    );
    let read_output_fn = quote! {
        fn read_output(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> #RESULT<#output_type, crate::wire::InvalidResponse> {
            // Responses are read with client error correction (see `wire::correction`).
            crate::wire::correction::correcting(|| { #read_output })
        }
    };
    // An RPC protocol's output stream: the output's other members are the document of the
    // body's first message, `initial-response`.
    let rpc_stream = super::event_stream::stream_member(plan, output).is_some()
        && plan.service.protocol.is_some_and(|p| !p.http_bindings());
    let read_initial = if rpc_stream {
        quote! {
            let initial = crate::wire::event_stream::initial_response(body).map_err(|e| {
                #error_enum::InvalidResponse(crate::wire::InvalidResponse::new(status, e.to_string()))
            })?;
            let body: &[u8] = &initial;
        }
    } else {
        TokenStream::new()
    };
    // The query protocols put the request ID in the body; the others in a header.
    let query_ids = plan.service.protocol.is_some_and(|p| p.query());
    let ids = if query_ids {
        quote!(crate::wire::query_request_ids(
            headers,
            crate::wire::xml::body_request_id(body)
        ))
    } else {
        quote!(crate::wire::request_ids(headers))
    };
    // S3's customization: some operations may answer `200 OK` with an `<Error>` document.
    let error_in_ok = op
        .wire
        .as_ref()
        .is_some_and(|w| w.custom.error_in_ok_response && xml.is_some())
        .then(|| quote!(|| crate::wire::xml::is_error_document(body)));
    // The error enum's `from_error_response` (`operation_error!`) matches the code.
    let parse_error = quote! {
        #code_doc
        fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> #error_enum {
            #error_enum::from_error_response(#new_response)
        }
    };
    let operation = &op.name;
    if !rpc_stream && error_in_ok.is_none() && !query_ids {
        // Nothing of the operation's own but names (and perhaps its body's reader).
        let body = whole_body_parse(plan, output).map(|parse| quote!(, body(#parse)));
        let read_output = if body.is_some() {
            TokenStream::new()
        } else {
            read_output_fn
        };
        // JSON protocols' errors (code in a header or the body) need nothing of their own.
        let json_errors = xml.is_none() && !super::cbor_body::is_cbor(plan);
        let (errors, parse_error) = if json_errors {
            (quote!(, errors(json)), TokenStream::new())
        } else {
            (TokenStream::new(), parse_error)
        };
        return quote! {
            crate::wire::parse_response_api!(#output_type, #error_enum, #operation #errors #body);
            #read_output
            #parse_error
        };
    }
    quote! {
        #[doc = #doc]
        pub fn parse_response(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> #RESULT<#output_type, #error_enum> {
            crate::wire::with_request_ids(#ids, (|| {
                if !(200..300).contains(&status) #error_in_ok {
                    return #ERR(parse_error(status, headers, body));
                }
                #read_initial
                read_output(status, headers, body).map_err(#error_enum::InvalidResponse)
            })())
        }

        crate::wire::parse_http_response_api!(#output_type, #error_enum);

        #read_output_fn
        #parse_error
    }
}
