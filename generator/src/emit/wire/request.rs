//! `serialize_request`: an operation's input as an unsigned `http::Request`.

use proc_macro2::TokenStream;
use quote::quote;

use super::values::{self, Place, Scalar};
use crate::emit::docs;
use crate::emit::serde_attrs::{self, Use};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::http::{Binding, Segment};
use crate::plan::{MemberPlan, OperationPlan, Plan, RustType, StructPlan, WirePlan};

/// Runs `body` with `value` bound to a reference to the member's value, when it is set.
fn with_value(member: &MemberPlan, body: TokenStream) -> TokenStream {
    let field = ident(&member.field);
    if member.optional {
        quote! {
            if let ::std::option::Option::Some(value) = &input.#field {
                #body
            }
        }
    } else {
        quote! {{
            let value = &input.#field;
            #body
        }}
    }
}

/// A label's text, or an error when it is unset or empty (it would change the path).
fn label_text(plan: &Plan, member: &MemberPlan, place: &str) -> TokenStream {
    let field = ident(&member.field);
    let name = &member.member_name;
    let kind = values::scalar(plan, &member.value_type).unwrap_or(Scalar::Str);
    let text = values::to_text(kind, member, Place::Uri, quote!(value));
    let missing = format!("the {place} label `{name}` is not set");
    let empty = format!("the {place} label `{name}` is empty");
    let get = if member.optional {
        quote! {
            let ::std::option::Option::Some(value) = &input.#field else {
                return ::std::result::Result::Err(crate::wire::RequestError::new(#missing));
            };
        }
    } else {
        quote!(let value = &input.#field;)
    };
    quote! {{
        #get
        let text = #text;
        if text.is_empty() {
            return ::std::result::Result::Err(crate::wire::RequestError::new(#empty));
        }
        text
    }}
}

fn member_named<'a>(input: &'a StructPlan, name: &str) -> Option<&'a MemberPlan> {
    input.members.iter().find(|m| m.member_name == name)
}

fn path(plan: &Plan, wire: &WirePlan, input: &StructPlan) -> TokenStream {
    let pieces = wire.uri.path.iter().map(|segment| match segment {
        Segment::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote!(path.push(#c);)
        }
        Segment::Literal(text) => quote!(path.push_str(#text);),
        Segment::Label { name, greedy } => match member_named(input, name) {
            Some(member) => {
                let text = label_text(plan, member, "URI");
                quote!(path.push_str(&crate::wire::encode_label(&#text, #greedy));)
            }
            // The plan stage has checked every label; an unknown one cannot happen.
            None => TokenStream::new(),
        },
    });
    if let [Segment::Literal(text)] = wire.uri.path.as_slice() {
        return quote!(let path = #text;);
    }
    quote! {
        let mut path = ::std::string::String::new();
        #(#pieces)*
    }
}

fn host_prefix(plan: &Plan, wire: &WirePlan, input: &StructPlan) -> TokenStream {
    let pieces: Vec<TokenStream> = wire.host_prefix.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(host_prefix.push_str(#text);),
        Segment::Label { name, .. } => match member_named(input, name) {
            Some(member) => {
                let text = label_text(plan, member, "host");
                quote! {{
                    let text = #text;
                    // A host label must be a valid DNS label, or the request goes elsewhere.
                    if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                        return ::std::result::Result::Err(crate::wire::RequestError::new(
                            ::std::format!("the host label `{}` is not a valid host name part", #name),
                        ));
                    }
                    host_prefix.push_str(&text);
                }}
            }
            None => TokenStream::new(),
        },
    }).collect();
    if wire.host_prefix.is_empty() {
        return quote!(let host_prefix = ::std::string::String::new(););
    }
    quote! {
        let mut host_prefix = ::std::string::String::new();
        #(#pieces)*
    }
}

fn query(plan: &Plan, wire: &WirePlan, input: &StructPlan) -> TokenStream {
    let literal = &wire.uri.query;
    let explicit = input.members.iter().filter_map(|m| match &m.binding {
        Binding::Query(key) => {
            let push = match &m.value_type {
                RustType::Vec(item) => {
                    let kind = values::scalar(plan, item).unwrap_or(Scalar::Str);
                    let text = values::to_text(kind, m, Place::Uri, quote!(item));
                    quote! {
                        for item in value {
                            query.push(#key, &#text);
                        }
                    }
                }
                ty => {
                    let kind = values::scalar(plan, ty).unwrap_or(Scalar::Str);
                    let text = values::to_text(kind, m, Place::Uri, quote!(value));
                    quote!(query.push(#key, &#text);)
                }
            };
            if m.idempotency_token && m.optional && m.value_type == RustType::String {
                // An unset token is filled, wherever it is bound.
                let field = ident(&m.field);
                return Some(quote! {
                    let token = input.#field.clone().unwrap_or_else(crate::wire::idempotency_token);
                    query.push(#key, &token);
                });
            }
            Some(with_value(m, push))
        }
        _ => None,
    });
    let explicit: Vec<_> = explicit.collect();
    // Query maps come last and never override an explicit `@httpQuery` key.
    let maps = input
        .members
        .iter()
        .filter_map(|m| match (&m.binding, &m.value_type) {
            (Binding::QueryParams, RustType::Map(_, values)) => {
                let push_values = match values.as_ref() {
                    RustType::Vec(_) => quote! {
                        for item in values {
                            query.push(key, item);
                        }
                    },
                    _ => quote!(query.push(key, values);),
                };
                Some(with_value(
                    m,
                    quote! {
                        let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, values) in entries {
                            if !explicit_keys.contains(&key.as_str()) {
                                #push_values
                            }
                        }
                    },
                ))
            }
            _ => None,
        });
    let maps: Vec<_> = maps.collect();
    let explicit_keys: Vec<&str> = input
        .members
        .iter()
        .filter_map(|m| match &m.binding {
            Binding::Query(key) => Some(key.as_str()),
            _ => None,
        })
        .collect();
    let keys = if maps.is_empty() {
        TokenStream::new()
    } else {
        quote!(let explicit_keys: &[&str] = &[#(#explicit_keys),*];)
    };
    let binding = if explicit.is_empty() && maps.is_empty() {
        quote!(let query = crate::wire::QueryString::new(#literal);)
    } else {
        quote!(let mut query = crate::wire::QueryString::new(#literal);)
    };
    quote! {
        #binding
        #(#explicit)*
        #keys
        #(#maps)*
    }
}

fn headers(plan: &Plan, input: &StructPlan) -> TokenStream {
    let pieces = input.members.iter().filter_map(|m| match &m.binding {
        Binding::Header(name) => {
            let text = match &m.value_type {
                RustType::Vec(item) => {
                    let kind = values::scalar(plan, item).unwrap_or(Scalar::Str);
                    let one = values::to_text(kind, m, Place::Header, quote!(item));
                    let quoted = if kind == Scalar::Str && m.media_type.is_none() {
                        quote!(crate::wire::header_list_item(&#one).into_owned())
                    } else {
                        one
                    };
                    quote!(value.iter().map(|item| #quoted).collect::<::std::vec::Vec<_>>().join(", "))
                }
                ty => {
                    let kind = values::scalar(plan, ty).unwrap_or(Scalar::Str);
                    values::to_text(kind, m, Place::Header, quote!(value))
                }
            };
            let set = quote!(builder = builder.header(#name, #text););
            if m.idempotency_token && m.optional {
                let field = ident(&m.field);
                Some(quote! {
                    let token = input.#field.clone().unwrap_or_else(crate::wire::idempotency_token);
                    builder = builder.header(#name, token);
                })
            } else {
                Some(with_value(m, set))
            }
        }
        Binding::PrefixHeaders(prefix) => {
            // A header bound on its own wins over the same name from the prefix map.
            let explicit: Vec<String> = input
                .members
                .iter()
                .filter_map(|m| match &m.binding {
                    Binding::Header(name) => Some(name.to_ascii_lowercase()),
                    _ => None,
                })
                .collect();
            Some(with_value(
                m,
                quote! {
                    let explicit: &[&str] = &[#(#explicit),*];
                    for (key, item) in value {
                        let name = ::std::format!("{}{}", #prefix, key);
                        if !explicit.contains(&name.to_ascii_lowercase().as_str()) {
                            builder = builder.header(name, item.as_str());
                        }
                    }
                },
            ))
        }
        _ => None,
    });
    quote!(#(#pieces)*)
}

/// The body bytes and content type.
fn body(plan: &Plan, input: &StructPlan) -> TokenStream {
    if let Some(payload) = input.members.iter().find(|m| m.binding == Binding::Payload) {
        return payload_body(plan, payload);
    }
    let members: Vec<&MemberPlan> = input
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect();
    if members.is_empty() {
        return quote!(let (body, content_type): (::std::vec::Vec<u8>, &str) = (::std::vec::Vec::new(), ""););
    }
    let direct =
        members.len() == input.members.len() && !members.iter().any(|m| m.idempotency_token);
    let to_json = if direct {
        // Every member is in the body: serialize the input itself.
        quote!(::serde_json::to_vec(input))
    } else {
        let fields = members.iter().map(|m| {
            let name = ident(&m.field);
            let attr = serde_attrs::field_attr(input, m, Use::Serialize);
            let ty = rust_type(&m.value_type);
            let field_type = if m.idempotency_token || serde_attrs::by_value(m) {
                if m.optional {
                    quote!(::std::option::Option<#ty>)
                } else {
                    quote!(#ty)
                }
            } else if m.optional {
                quote!(::std::option::Option<&'a #ty>)
            } else {
                quote!(&'a #ty)
            };
            quote!(#attr #name: #field_type,)
        });
        let values = members.iter().map(|m| {
            let name = ident(&m.field);
            if m.idempotency_token {
                quote!(#name: input.#name.clone().or_else(|| ::std::option::Option::Some(crate::wire::idempotency_token())),)
            } else if serde_attrs::by_value(m) {
                quote!(#name: input.#name,)
            } else if m.optional {
                quote!(#name: input.#name.as_ref(),)
            } else {
                quote!(#name: &input.#name,)
            }
        });
        quote! {{
            #[derive(::serde::Serialize)]
            struct RequestBody<'a> {
                #(#fields)*
                #[serde(skip)]
                _input: ::std::marker::PhantomData<&'a ()>,
            }
            ::serde_json::to_vec(&RequestBody { #(#values)* _input: ::std::marker::PhantomData })
        }}
    };
    quote! {
        let body = #to_json.map_err(|e| crate::wire::RequestError::new(::std::format!("cannot write the JSON body: {e}")))?;
        let content_type = "application/json";
    }
}

fn payload_body(plan: &Plan, payload: &MemberPlan) -> TokenStream {
    let field = ident(&payload.field);
    let is_enum = values::scalar(plan, &payload.value_type) == Some(Scalar::Enum);
    let is_union = matches!(&payload.value_type, RustType::Named { name, .. } if plan.unions.iter().any(|u| &u.name == name));
    let media = |fallback: &str| {
        payload
            .media_type
            .clone()
            .unwrap_or_else(|| fallback.to_owned())
    };
    let json = quote!(
        ::serde_json::to_vec(value).map_err(|e| crate::wire::RequestError::new(::std::format!(
            "cannot write the JSON body: {e}"
        )))?
    );
    let nothing = quote!(::std::vec::Vec::new());
    let (bytes, content_type, empty) = match &payload.value_type {
        // A string enum payload is its value as text.
        _ if is_enum => (
            quote!(value.as_str().as_bytes().to_vec()),
            media("text/plain"),
            nothing,
        ),
        RustType::Blob => (
            quote!(value.as_ref().to_vec()),
            media("application/octet-stream"),
            nothing,
        ),
        RustType::String => (
            quote!(value.as_bytes().to_vec()),
            media("text/plain"),
            nothing,
        ),
        // Documents and unions: JSON; unset, nothing is sent.
        _ if is_union || payload.value_type == RustType::Document => {
            (json, "application/json".to_owned(), nothing)
        }
        // Structures: JSON; an unset structure is sent as `{}`.
        _ => (json, "application/json".to_owned(), quote!(b"{}".to_vec())),
    };
    let get = if payload.optional {
        quote! {
            match &input.#field {
                ::std::option::Option::Some(value) => #bytes,
                ::std::option::Option::None => #empty,
            }
        }
    } else {
        quote! {{
            let value = &input.#field;
            #bytes
        }}
    };
    quote! {
        let body: ::std::vec::Vec<u8> = #get;
        let content_type = #content_type;
    }
}

/// `serialize_request` for one operation.
pub fn serialize_fn(
    plan: &Plan,
    op: &OperationPlan,
    wire: &WirePlan,
    input: &StructPlan,
) -> TokenStream {
    let input_type = rust_type(&op.input);
    let path = path(plan, wire, input);
    let host_prefix = host_prefix(plan, wire, input);
    let query = query(plan, wire, input);
    let headers = headers(plan, input);
    let body = body(plan, input);
    let method = &wire.method;
    let doc = docs::line(&format!(
        "Builds the unsigned HTTP request for `{}`: `{} {}`.",
        op.name,
        wire.method,
        op.http.as_ref().map(|h| h.uri.as_str()).unwrap_or("")
    ));
    let doc_endpoint = docs::line(
        "`endpoint` is the service URL, such as `https://service.us-east-1.amazonaws.com`.",
    );
    let unused = if input.members.is_empty() {
        quote!(let _ = input;)
    } else {
        TokenStream::new()
    };
    quote! {
        #doc
        ///
        #doc_endpoint
        ///
        /// The input is validated first ([`validate`](#input_type::validate)): every violation
        /// of the model's constraints is reported at once and nothing is built. Use
        /// [`serialize_request_unchecked`] to skip that.
        pub fn serialize_request(
            input: &#input_type,
            endpoint: &str,
        ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::wire::RequestError> {
            input
                .validate()
                .map_err(|e| crate::wire::RequestError::new(e.to_string()))?;
            serialize_request_unchecked(input, endpoint)
        }

        /// [`serialize_request`] without validating the input first: the service then
        /// judges it.
        pub fn serialize_request_unchecked(
            input: &#input_type,
            endpoint: &str,
        ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::wire::RequestError> {
            #unused
            #path
            #query
            #host_prefix
            let uri = crate::wire::endpoint_uri(endpoint, &host_prefix, &::std::format!("{}{}", path, query.finish()))?;
            let mut builder = ::http::Request::builder().method(#method).uri(uri);
            #headers
            #body
            if !body.is_empty() {
                // A member bound to `Content-Type` says it better than the default.
                let has_type = builder
                    .headers_ref()
                    .is_some_and(|h| h.contains_key(::http::header::CONTENT_TYPE));
                if !has_type {
                    builder = builder.header("Content-Type", content_type);
                }
                builder = builder.header("Content-Length", body.len());
            }
            builder
                .body(body)
                .map_err(|e| crate::wire::RequestError::new(::std::format!("invalid request: {e}")))
        }
    }
}
