//! `serialize_request`: an operation's input as an unsigned `http::Request`.

use proc_macro2::TokenStream;
use quote::quote;

use super::json_body::JsonWriters;
use super::values::{self, Place, Scalar};
use super::xml_body::Xml;
use crate::emit::docs;
use crate::emit::prelude::{DEFAULT, ERR, NONE, OK, RESULT, SOME, STRING, VEC};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::http::{Binding, Segment};
use crate::plan::protocol::Protocol;
use crate::plan::{MemberPlan, OperationPlan, Plan, RustType, StructPlan, WirePlan};

/// Runs `body` with `value` bound to a reference to the member's value, when it is set.
fn with_value(member: &MemberPlan, body: TokenStream) -> TokenStream {
    let field = ident(&member.field);
    if member.optional {
        quote! {
            if let #SOME(value) = &input.#field {
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

/// A label's text, or an error when it is unset or empty (it would change the path); with a
/// default (a service customization's), that text instead of the error.
fn label_text(plan: &Plan, member: &MemberPlan, place: &str, default: Option<&str>) -> TokenStream {
    let field = ident(&member.field);
    let name = &member.member_name;
    let kind = values::scalar(plan, &member.value_type).unwrap_or(Scalar::Str);
    let text = values::to_text(kind, member, Place::Uri, quote!(value));
    if let Some(default) = default {
        let get = match member.optional {
            true => quote!(input.#field.as_ref()),
            false => quote!(#SOME(&input.#field)),
        };
        return quote! {
            match #get.map(|value| #text).filter(|text| !text.is_empty()) {
                #SOME(text) => text,
                #NONE => #STRING::from(#default),
            }
        };
    }
    let missing = format!("the {place} label `{name}` is not set");
    let empty = format!("the {place} label `{name}` is empty");
    let get = if member.optional {
        quote! {
            let #SOME(value) = &input.#field else {
                return #ERR(crate::wire::RequestError::new(#missing));
            };
        }
    } else {
        quote!(let value = &input.#field;)
    };
    quote! {{
        #get
        let text = #text;
        if text.is_empty() {
            return #ERR(crate::wire::RequestError::new(#empty));
        }
        text
    }}
}

fn member_named<'a>(input: &'a StructPlan, name: &str) -> Option<&'a MemberPlan> {
    input.members.iter().find(|m| m.member_name == name)
}

/// The `@httpLabel` member bound to the URI label `name`.
fn label_member<'a>(input: &'a StructPlan, name: &str) -> Option<&'a MemberPlan> {
    input
        .members
        .iter()
        .find(|m| matches!(&m.binding, Binding::Label(label) if label == name))
}

/// The operation's path when it has no labels.
fn fixed_path(wire: &WirePlan) -> Option<&str> {
    match wire.uri.path.as_slice() {
        // S3's paths without their bucket (`customizations::s3`).
        [] => Some(""),
        [Segment::Literal(text)] => Some(text),
        _ => None,
    }
}

fn path(plan: &Plan, wire: &WirePlan, input: &StructPlan) -> TokenStream {
    let pieces = wire.uri.path.iter().map(|segment| match segment {
        Segment::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote!(path.push(#c);)
        }
        Segment::Literal(text) => quote!(path.push_str(#text);),
        Segment::Label { name, greedy } => match label_member(input, name) {
            Some(member) => {
                let default = wire
                    .custom
                    .label_defaults
                    .iter()
                    .find(|(label, _)| label == name)
                    .map(|(_, text)| text.as_str());
                // A set label whose text is its `Display` (strings, enums, numbers, booleans).
                let displayed = matches!(
                    values::scalar(plan, &member.value_type).unwrap_or(Scalar::Str),
                    Scalar::Str | Scalar::Enum | Scalar::Bool | Scalar::Number
                );
                if displayed && default.is_none() && !member.optional {
                    let field = ident(&member.field);
                    let label = &member.member_name;
                    return quote! {
                        crate::wire::push_label(&mut path, &input.#field, #label, #greedy)?;
                    };
                }
                let text = label_text(plan, member, "URI", default);
                quote!(path.push_str(&crate::wire::encode_label(&#text, #greedy));)
            }
            // The plan stage has checked every label; an unknown one cannot happen.
            None => TokenStream::new(),
        },
    });
    if let Some(text) = fixed_path(wire) {
        return quote!(let path = #text;);
    }
    quote! {
        let mut path = #STRING::new();
        #(#pieces)*
        let path: &str = &path;
    }
}

fn host_prefix(plan: &Plan, wire: &WirePlan, input: &StructPlan) -> TokenStream {
    let pieces: Vec<TokenStream> = wire.host_prefix.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(host_prefix.push_str(#text);),
        Segment::Label { name, .. } => match member_named(input, name) {
            Some(member) => {
                let text = label_text(plan, member, "host", None);
                quote! {{
                    let text = #text;
                    // A host label must be a valid DNS label, or the request goes elsewhere.
                    if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                        return #ERR(crate::wire::RequestError::new(
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
        return quote!(let host_prefix = "";);
    }
    quote! {
        let mut host_prefix = #STRING::new();
        #(#pieces)*
        let host_prefix: &str = &host_prefix;
    }
}

/// The statements that bind `query` (`&str`, empty or `?...`); `None` when the operation
/// has no query at all.
fn query(plan: &Plan, wire: &WirePlan, input: &StructPlan) -> Option<TokenStream> {
    let literal = &wire.uri.query;
    let explicit = input.members.iter().filter_map(|m| match &m.binding {
        Binding::Query(key) => {
            let push = match &m.value_type {
                RustType::Vec(item) => {
                    let (item, items) = list_items(item);
                    let kind = values::scalar(plan, item).unwrap_or(Scalar::Str);
                    let text = values::to_text(kind, m, Place::Uri, quote!(item));
                    quote! {
                        for item in #items {
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
            if m.fills_idempotency_token() {
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
                let push_values = query_param_values(values);
                Some(with_value(
                    m,
                    quote! {
                        // Keys and values are strings or string enums: both have `as_str`.
                        let mut entries: #VEC<_> = value.iter().collect();
                        entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                        for (key, values) in entries {
                            let key = key.as_str();
                            if !explicit_keys.contains(&key) {
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
    if explicit.is_empty() && maps.is_empty() {
        if literal.is_empty() {
            return None;
        }
        return Some(quote! {
            let query = crate::wire::QueryString::new(#literal).finish();
            let query: &str = &query;
        });
    }
    Some(quote! {
        let mut query = crate::wire::QueryString::new(#literal);
        #(#explicit)*
        #keys
        #(#maps)*
        let query = query.finish();
        let query: &str = &query;
    })
}

/// The item type of a bound list and the iterator over its set items: a `@sparse` list's
/// nulls are left out, as they have no text.
fn list_items(item: &RustType) -> (&RustType, TokenStream) {
    match item {
        RustType::Option(inner) => (inner, quote!(value.iter().flatten())),
        _ => (item, quote!(value.iter())),
    }
}

/// Pushes the value(s) of one `httpQueryParams` entry (`key`, `values`): a string or string
/// enum, or a list of them, each as `key=value`; nulls of sparse maps and lists are left out.
fn query_param_values(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Option(inner) => {
            let inner = query_param_values(inner);
            quote! {
                if let #SOME(values) = values {
                    #inner
                }
            }
        }
        RustType::Vec(item) => {
            let item = match item.as_ref() {
                RustType::Option(_) => quote!(values.iter().flatten()),
                _ => quote!(values.iter()),
            };
            quote! {
                for item in #item {
                    query.push(key, item.as_str());
                }
            }
        }
        _ => quote!(query.push(key, values.as_str());),
    }
}

fn headers(plan: &Plan, input: &StructPlan) -> TokenStream {
    let pieces = input.members.iter().filter_map(|m| match &m.binding {
        Binding::Header(name) => {
            let text = match &m.value_type {
                RustType::Vec(item) => {
                    let (item, items) = list_items(item);
                    let kind = values::scalar(plan, item).unwrap_or(Scalar::Str);
                    let one = values::to_text(kind, m, Place::Header, quote!(item));
                    // Strings and string enums may hold `,` or `"`: quoted as list items.
                    let quoted =
                        if matches!(kind, Scalar::Str | Scalar::Enum) && m.media_type.is_none() {
                            quote!(crate::wire::header_list_item(&#one).into_owned())
                        } else {
                            one
                        };
                    quote!(#items.map(|item| #quoted).collect::<#VEC<_>>().join(", "))
                }
                ty => {
                    let kind = values::scalar(plan, ty).unwrap_or(Scalar::Str);
                    values::to_text(kind, m, Place::Header, quote!(value))
                }
            };
            let set = quote!(crate::wire::append_header(&mut headers, #name, &#text)?;);
            if m.fills_idempotency_token() {
                let field = ident(&m.field);
                Some(quote! {
                    let token = input.#field.clone().unwrap_or_else(crate::wire::idempotency_token);
                    crate::wire::append_header(&mut headers, #name, &token)?;
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
                    // Keys and values are strings or string enums: both have `as_str`.
                    for (key, item) in value {
                        let name = ::std::format!("{}{}", #prefix, key.as_str());
                        if !explicit.contains(&name.to_ascii_lowercase().as_str()) {
                            crate::wire::append_header(&mut headers, &name, item.as_str())?;
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
fn body(
    plan: &Plan,
    operation: &str,
    wire: &WirePlan,
    input: &StructPlan,
    input_type: &TokenStream,
    json: &JsonWriters,
) -> TokenStream {
    if let Some(payload) = input.members.iter().find(|m| m.binding == Binding::Payload) {
        if super::event_stream::stream_union(plan, &payload.value_type).is_some() {
            // The body is the events, each a message.
            let events = super::event_stream::append_events(payload);
            return quote! {
                let mut body: #VEC<u8> = #VEC::new();
                #events
                let content_type = "application/vnd.amazon.eventstream";
                headers.insert(
                    ::http::header::CONTENT_TYPE,
                    ::http::HeaderValue::from_static("application/vnd.amazon.eventstream"),
                );
            };
        }
        return payload_body(plan, input, payload, json);
    }
    // A status code means nothing in a request: such a member is a body member there.
    let members: Vec<&MemberPlan> = input
        .members
        .iter()
        .filter(|m| matches!(m.binding, Binding::Body | Binding::ResponseCode))
        .collect();
    let protocol = plan.service.protocol.unwrap_or(Protocol::RestJson1);
    let content_type = protocol.body_content_type();
    if let Some((stream, _)) = super::event_stream::stream_member(plan, input) {
        return initial_request(plan, stream, &members, input_type, json, content_type);
    }
    if let Some(xml) = Xml::of(plan).filter(|x| x.query_forms()) {
        // Every query request is a form naming its action, whatever the input holds.
        return xml.query_request_body(operation, input, &members);
    }
    if let (Some(xml), false) = (Xml::of(plan), members.is_empty()) {
        return xml.request_body(input, &members);
    }
    if protocol.cbor() {
        return super::cbor_body::request_body(wire, &members, content_type);
    }
    if members.is_empty() {
        // The REST protocols send no body; the RPC protocols send an object, as the plan says.
        if !wire.empty_object {
            return quote!(let (body, content_type): (#VEC<u8>, &str) = (#VEC::new(), ""););
        }
        return quote!(let (body, content_type): (#VEC<u8>, &str) = (b"{}".to_vec(), #content_type););
    }
    let object = json.input_object(&members);
    quote! {
        fn write_body(input: &#input_type, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
            #object
            #OK(())
        }
        let mut body = #VEC::with_capacity(512);
        write_body(input, &mut body).map_err(crate::wire::RequestError::json_body)?;
        let content_type = #content_type;
    }
}

/// An RPC protocol's event stream input: the body starts with the `initial-request` message,
/// the input's other members as a document (`{}` for none); the events follow it.
fn initial_request(
    plan: &Plan,
    stream: &MemberPlan,
    members: &[&MemberPlan],
    input_type: &TokenStream,
    json: &JsonWriters,
    content_type: &str,
) -> TokenStream {
    let members: Vec<&MemberPlan> = members
        .iter()
        .copied()
        .filter(|m| super::event_stream::stream_union(plan, &m.value_type).is_none())
        .collect();
    let document = if super::cbor_body::is_cbor(plan) {
        // The input's serde impl, without the stream.
        let stream_name = &stream.wire_name;
        quote!(let document = crate::wire::cbor::to_vec_without(input, &[#stream_name])?;)
    } else if members.is_empty() {
        quote!(let document = b"{}".to_vec();)
    } else {
        let object = json.input_object(&members);
        quote! {
            fn write_body(input: &#input_type, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
                #object
                #OK(())
            }
            let mut document = #VEC::with_capacity(512);
            write_body(input, &mut document).map_err(crate::wire::RequestError::json_body)?;
        }
    };
    let events = super::event_stream::append_events(stream);
    quote! {
        #document
        let mut body = crate::wire::event_stream::initial_request(document, #content_type)
            .map_err(|e| crate::wire::RequestError::new(e.to_string()))?;
        #events
        let content_type = "application/vnd.amazon.eventstream";
    }
}

fn payload_body(
    plan: &Plan,
    input: &StructPlan,
    payload: &MemberPlan,
    json: &JsonWriters,
) -> TokenStream {
    let field = ident(&payload.field);
    let is_enum = values::scalar(plan, &payload.value_type) == Some(Scalar::Enum);
    let is_union = matches!(&payload.value_type, RustType::Named { name, .. } if plan.unions.iter().any(|u| &u.name == name));
    let media = |fallback: &str| {
        payload
            .media_type
            .clone()
            .unwrap_or_else(|| fallback.to_owned())
    };
    let value_type = rust_type(&payload.value_type);
    let write = json.write_value(&payload.value_type, quote!(value));
    let json = quote! {{
        fn write_payload(value: &#value_type, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
            #write
            #OK(())
        }
        let mut body = #VEC::with_capacity(512);
        write_payload(value, &mut body).map_err(crate::wire::RequestError::json_body)?;
        body
    }};
    let nothing = quote!(#VEC::new());
    let xml = Xml::of(plan);
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
        // restXml: a structure or union is its root element; unset, nothing is sent.
        RustType::Named { .. }
            if xml.is_some() && values::scalar(plan, &payload.value_type).is_none() =>
        {
            let bytes = xml
                .as_ref()
                .map(|x| x.payload_bytes(input, payload))
                .unwrap_or_default();
            (bytes, media("application/xml"), nothing)
        }
        // Structures: JSON; an unset structure is sent as `{}`.
        RustType::Named { .. }
            if !is_union && values::scalar(plan, &payload.value_type).is_none() =>
        {
            (json, "application/json".to_owned(), quote!(b"{}".to_vec()))
        }
        // Documents, unions and whatever else Smithy lets a payload be (lists, maps, numbers,
        // booleans, timestamps, intEnums): JSON; unset, nothing is sent.
        _ => (json, "application/json".to_owned(), nothing),
    };
    let get = if payload.optional {
        quote! {
            match &input.#field {
                #SOME(value) => #bytes,
                #NONE => #empty,
            }
        }
    } else {
        quote! {{
            let value = &input.#field;
            #bytes
        }}
    };
    quote! {
        let body: #VEC<u8> = #get;
        let content_type = #content_type;
    }
}

/// `serialize_request` for one operation.
pub fn serialize_fn(
    plan: &Plan,
    op: &OperationPlan,
    wire: &WirePlan,
    input: &StructPlan,
    json: &JsonWriters,
) -> TokenStream {
    let input_type = rust_type(&op.input);
    let path = path(plan, wire, input);
    let host_prefix = host_prefix(plan, wire, input);
    let query = query(plan, wire, input);
    let mut headers = headers(plan, input);
    for (name, value) in &wire.fixed_headers {
        headers.extend(quote! {
            headers.insert(
                ::http::header::HeaderName::from_static(#name),
                ::http::HeaderValue::from_static(#value),
            );
        });
    }
    let body = body(plan, &op.name, wire, input, &input_type, json);
    let method = method(&wire.method);
    // A fixed path without a query is borrowed, not copied, into the URI.
    let borrowed = query.is_none() && fixed_path(wire).is_some();
    let query = match borrowed {
        true => TokenStream::new(),
        false => query.unwrap_or_else(|| quote!(let query = "";)),
    };
    let uri_from = |endpoint: TokenStream| match borrowed {
        true => quote!(crate::wire::AsEndpoint::request_uri_static(#endpoint, host_prefix, path)?),
        false => quote!(crate::wire::AsEndpoint::request_uri(#endpoint, host_prefix, path, query)?),
    };
    let given = uri_from(quote!(&endpoint));
    let uri = match custom_endpoint(wire, input) {
        None => quote! {
            #query
            let uri = #given;
        },
        Some(custom) => {
            let chosen = uri_from(quote!(custom));
            quote! {
                #query
                #custom
                let uri = match &custom_endpoint {
                    #SOME(custom) => #chosen,
                    #NONE => #given,
                };
            }
        }
    };
    let rpc = plan.service.protocol.is_some_and(|p| !p.http_bindings());
    let uri_text = if !rpc {
        op.http.as_ref().map(|h| h.uri.clone()).unwrap_or_default()
    } else {
        // An RPC protocol's path: literal segments only.
        let segments: Vec<&str> = wire
            .uri
            .path
            .iter()
            .map(|s| match s {
                Segment::Literal(text) => text.as_str(),
                Segment::Label { name, .. } => name.as_str(),
            })
            .collect();
        // The segments start with the empty one before the first `/`: one slash, not two.
        format!("/{}", segments.join("/").trim_start_matches('/'))
    };
    let fixed: Vec<String> = wire
        .fixed_headers
        .iter()
        .map(|(name, value)| format!(", `{name}: {value}`"))
        .collect();
    let first_line = format!(
        "Builds the unsigned HTTP request for `{}`: `{} {uri_text}`{}.",
        op.name,
        wire.method,
        fixed.concat()
    );
    let doc = docs::line(&first_line);
    let routed = crate::plan::customizations::s3::routed_bucket(plan, op).is_some();
    let doc_endpoint = if routed {
        docs::line(
            "`endpoint` is the URL `crate::endpoint::resolve` gives for the operation's `endpoint_params`: S3's rules put the bucket in it (host name or path), not in the path here.",
        )
    } else {
        docs::line(
            "`endpoint` is the service URL, such as `https://service.us-east-1.amazonaws.com`, as text or as a [`crate::wire::Endpoint`] parsed once.",
        )
    };
    // A label outside the path (S3's bucket, routed by the endpoint) is not serialized.
    let in_path = |label: &str| {
        wire.uri
            .path
            .iter()
            .any(|s| matches!(s, Segment::Label { name, .. } if name == label))
    };
    let unused = if input
        .members
        .iter()
        .all(|m| matches!(&m.binding, Binding::Label(label) if !in_path(label)))
    {
        quote!(let _ = input;)
    } else {
        TokenStream::new()
    };
    let tree_hash = match wire.custom.tree_hash_headers {
        true => quote!(crate::wire::tree_hash::add_checksum_headers(&mut request);),
        false => TokenStream::new(),
    };
    let headers_mutable = match super::super::tokens::mentions(&quote!(#headers #body), "headers") {
        true => quote!(mut),
        false => TokenStream::new(),
    };
    let checksum_marks = wire
        .checksums
        .as_ref()
        .map(|c| super::checksums::marks(c, input))
        .unwrap_or_default();
    // Changed after it is built: a tree hash added, marked for compression or checksums.
    let mutable = match wire.custom.tree_hash_headers
        || wire.compression.is_some()
        || !checksum_marks.is_empty()
    {
        true => quote!(mut),
        false => TokenStream::new(),
    };
    let build = quote! {
        #unused
        #path
        #host_prefix
        #uri
        let #headers_mutable headers = ::http::HeaderMap::new();
        #headers
        #body
        let #mutable request = crate::wire::request(#method, uri, headers, body, content_type)?;
        #tree_hash
        #checksum_marks
    };
    let request_checksum = wire.checksums.as_ref().is_some_and(|c| c.on_request());
    let functions = match &wire.compression {
        None if request_checksum => super::checksums::checksumming_fns(&input_type, build),
        None => quote! {
            /// [`serialize_request`] without validating the input first: the service then
            /// judges it.
            pub fn serialize_request_unchecked(
                input: &#input_type,
                endpoint: impl crate::wire::AsEndpoint,
            ) -> #RESULT<::http::Request<#VEC<u8>>, crate::wire::RequestError> {
                #build
                #OK(request)
            }
        },
        Some(compression) => compressing_fns(&input_type, compression, request_checksum, build),
    };
    let compressed = match &wire.compression {
        None if request_checksum => quote! {
            ///
            /// The request carries the body's checksum as the SDKs send it by default
            /// ([`serialize_request_without_checksum`] leaves the choice to you).
        },
        None => TokenStream::new(),
        Some(c) if c.unbounded_stream => quote! {
            ///
            /// `@requestCompression`: the body (a stream) is gzip-compressed whatever its size, as
            /// the SDKs do by default ([`serialize_request_uncompressed`] leaves the choice to you).
        },
        Some(_) => quote! {
            ///
            /// `@requestCompression`: a body of at least 10240 bytes is gzip-compressed, as the
            /// SDKs do by default ([`serialize_request_uncompressed`] leaves the choice to you).
        },
    };
    // The common case, whose docs say nothing of its own beyond the first line, comes from
    // the runtime.
    if compressed.is_empty() && !routed {
        return quote! {
            crate::wire::serialize_request_api!(#input_type, #first_line);
            #functions
        };
    }
    let validate_link = docs::line(&format!(
        "The input is validated first ([`validate`]({}::validate)): every violation",
        quote!(#input_type).to_string().replace(' ', "")
    ));
    quote! {
        #doc
        ///
        #doc_endpoint
        ///
        #validate_link
        /// of the model's constraints is reported at once and nothing is built. Use
        /// [`serialize_request_unchecked`] to skip that.
        #compressed
        pub fn serialize_request(
            input: &#input_type,
            endpoint: impl crate::wire::AsEndpoint,
        ) -> #RESULT<::http::Request<#VEC<u8>>, crate::wire::RequestError> {
            input
                .validate()
                .map_err(|e| crate::wire::RequestError::new(e.to_string()))?;
            serialize_request_unchecked(input, endpoint)
        }

        #functions
    }
}

/// For an operation with `@requestCompression`: `serialize_request_unchecked` compresses with
/// the default settings the request `serialize_request_uncompressed` builds and marks as
/// compressible (the client compresses that one with its configuration's settings).
fn compressing_fns(
    input_type: &TokenStream,
    compression: &crate::plan::compression::RequestCompression,
    request_checksum: bool,
    build: TokenStream,
) -> TokenStream {
    let unbounded = compression.unbounded_stream;
    // The checksum is of the body as sent: after compression, as the SDKs do.
    let checksum = match request_checksum {
        true => quote! {
            crate::wire::checksum::add_request_checksum(&mut request, #DEFAULT::default())?;
        },
        false => TokenStream::new(),
    };
    quote! {
        /// [`serialize_request`] without validating the input first: the service then
        /// judges it.
        pub fn serialize_request_unchecked(
            input: &#input_type,
            endpoint: impl crate::wire::AsEndpoint,
        ) -> #RESULT<::http::Request<#VEC<u8>>, crate::wire::RequestError> {
            let mut request = serialize_request_uncompressed(input, endpoint)?;
            crate::wire::compression::compress_request(
                &mut request,
                &crate::wire::compression::CompressionSettings::default(),
            )?;
            #checksum
            #OK(request)
        }

        /// [`serialize_request_unchecked`] before `@requestCompression` applies: the body as
        /// written, the request marked for gzip (and for its checksum, if the operation has one,
        /// which [`crate::wire::checksum::add_request_checksum`] adds after compression).
        /// [`crate::wire::compression::compress_request`]
        /// compresses it with settings of your choice (the client's call does so with its
        /// configuration's).
        pub fn serialize_request_uncompressed(
            input: &#input_type,
            endpoint: impl crate::wire::AsEndpoint,
        ) -> #RESULT<::http::Request<#VEC<u8>>, crate::wire::RequestError> {
            #build
            request
                .extensions_mut()
                .insert(crate::wire::gzip::compressible(#unbounded));
            #OK(request)
        }
    }
}

/// A service customization's endpoint from an input member (Machine Learning's
/// `PredictEndpoint`): `custom_endpoint` is the member's URL, parsed, when it is set.
fn custom_endpoint(wire: &WirePlan, input: &StructPlan) -> Option<TokenStream> {
    let member = member_named(input, wire.custom.endpoint_member.as_deref()?)?;
    let field = ident(&member.field);
    let get = match member.optional {
        true => quote!(input.#field.as_deref()),
        false => quote!(#SOME(input.#field.as_str())),
    };
    Some(quote! {
        let custom_endpoint = match #get {
            #SOME(url) if !url.is_empty() => {
                #SOME(crate::wire::Endpoint::parse(url)?)
            }
            _ => #NONE,
        };
    })
}

/// The method: one of `http`'s constants, or parsed (and refused if it is no method name).
fn method(name: &str) -> TokenStream {
    match name {
        "GET" => quote!(::http::Method::GET),
        "PUT" => quote!(::http::Method::PUT),
        "POST" => quote!(::http::Method::POST),
        "DELETE" => quote!(::http::Method::DELETE),
        "PATCH" => quote!(::http::Method::PATCH),
        "HEAD" => quote!(::http::Method::HEAD),
        "OPTIONS" => quote!(::http::Method::OPTIONS),
        other => {
            let bytes = proc_macro2::Literal::byte_string(other.as_bytes());
            let message = format!("`{other}` is not a valid HTTP method");
            quote! {
                ::http::Method::from_bytes(#bytes)
                    .map_err(|_| crate::wire::RequestError::new(#message))?
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The wire items of operation `Put` (with `traits`, taking `ex#PutInput`) on a service
    /// with `protocol`, as token text.
    fn put_items(protocol: &str, traits: serde_json::Value) -> String {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Put"}],
                "traits": {protocol: {}}},
            "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"}, "traits": traits},
            "ex#PutInput": {"type": "structure", "members": {
                "data": {"target": "smithy.api#String"}}}
        }});
        let plan = crate::plan::plan_of_json(&model);
        let op = &plan.operations[0];
        let json = super::super::JsonWriters::of(&plan);
        super::super::operation_items(&plan, op, &json).to_string()
    }

    /// The first documentation line of `Put`'s request builder on a service with `protocol`.
    fn builder_doc(protocol: &str) -> String {
        let tokens = put_items(protocol, json!({}));
        let start = tokens
            .find("Builds the unsigned")
            .expect("the builder's documentation");
        tokens[start..].split('.').next().unwrap_or("").to_owned()
    }

    #[test]
    fn rpc_paths_are_documented_with_one_leading_slash() {
        for (protocol, path) in [
            ("aws.protocols#awsQuery", "`POST /`"),
            ("aws.protocols#awsJson1_0", "`POST /`"),
            (
                "smithy.protocols#rpcv2Cbor",
                "`POST /service/Svc/operation/Put`",
            ),
        ] {
            let doc = builder_doc(protocol);
            assert!(doc.contains(path), "{protocol}: {doc}");
        }
    }

    #[test]
    fn a_plain_request_builder_comes_from_the_runtime_with_its_first_doc_line() {
        let tokens = put_items("aws.protocols#awsJson1_0", json!({}));
        assert!(
            tokens.contains(
                "crate :: wire :: serialize_request_api ! (crate :: operation :: put :: PutInput , \"Builds the unsigned HTTP request for `Put`: `POST /`, `x-amz-target: Svc.Put`.\") ;"
            ),
            "{tokens}"
        );
        assert!(!tokens.contains("pub fn serialize_request ("), "{tokens}");
    }

    #[test]
    fn a_compressed_request_builder_is_written_out_linking_its_input_validate() {
        let tokens = put_items(
            "aws.protocols#awsJson1_0",
            json!({"smithy.api#requestCompression": {"encodings": ["gzip"]}}),
        );
        assert!(!tokens.contains("serialize_request_api"), "{tokens}");
        assert!(tokens.contains("pub fn serialize_request ("), "{tokens}");
        assert!(
            tokens.contains("([`validate`](crate::operation::put::PutInput::validate))"),
            "{tokens}"
        );
    }
}
