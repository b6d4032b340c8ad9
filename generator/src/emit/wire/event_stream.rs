//! Event streams (smithy.io, "Event streams"): each member of a `@streaming` union is one kind
//! of event, sent as an `application/vnd.amazon.eventstream` message (`wire::event_stream`).
//! `:message-type` is `event` (`:event-type` the member name) or, for a member targeting an
//! `@error` structure, `exception` (`:exception-type`); `@eventHeader` members are typed
//! headers, an `@eventPayload` member is the whole payload (a blob raw, a string as UTF-8, a
//! structure or union as a document of the protocol), the other members one document: JSON,
//! CBOR for rpcv2Cbor, XML for restXml (`xml_events`).

use proc_macro2::TokenStream;
use quote::quote;

use super::json_body::JsonWriters;
use super::values::{self, Scalar};
use super::xml_body::Xml;
use crate::emit::prelude::{BOX, ERR, NONE, OK, OPTION, RESULT, SOME, STRING, TO_STRING, VEC};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::{EventBinding, MemberPlan, OperationPlan, Plan, RustType, StructPlan, UnionPlan};

const RUNTIME: &str = "crate::wire::event_stream";

fn runtime() -> TokenStream {
    RUNTIME.parse().unwrap_or_default()
}

/// The event stream union a member's type names, if it is one.
pub fn stream_union<'a>(plan: &'a Plan, ty: &RustType) -> Option<&'a UnionPlan> {
    match ty {
        RustType::Option(inner) | RustType::Box(inner) | RustType::Vec(inner) => {
            stream_union(plan, inner)
        }
        RustType::Named { name, .. } => plan
            .unions
            .iter()
            .find(|u| &u.name == name && u.event_stream),
        _ => None,
    }
}

/// The event stream member of a structure (an input or output), with its union.
pub fn stream_member<'a>(
    plan: &'a Plan,
    s: &'a StructPlan,
) -> Option<(&'a MemberPlan, &'a UnionPlan)> {
    s.members
        .iter()
        .find_map(|m| stream_union(plan, &m.value_type).map(|u| (m, u)))
}

/// The content type of the protocol's documents (an event's body, a structure payload).
fn document_type(plan: &Plan) -> &'static str {
    plan.service
        .protocol
        .map_or("application/json", |p| p.body_content_type())
}

/// Whether the protocol has no HTTP bindings: the input's and output's other members travel
/// as the stream's first message (`initial-request`, `initial-response`).
pub fn initial_messages(plan: &Plan) -> bool {
    plan.service.protocol.is_some_and(|p| !p.http_bindings())
}

/// Statements appending the messages of an input's events (its member `member`) to `body`.
pub fn append_events(member: &MemberPlan) -> TokenStream {
    let rt = runtime();
    let field = ident(&member.field);
    let events = if member.optional {
        quote!(input.#field.iter().flatten())
    } else {
        quote!(input.#field.iter())
    };
    quote! {
        for event in #events {
            let message = #rt::EncodeEvent::encode_event(event).map_err(crate::wire::RequestError::new)?;
            body.extend(message.encode().map_err(|e| crate::wire::RequestError::new(e.to_string()))?);
        }
    }
}

/// The structure a union variant holds.
fn variant_struct<'a>(plan: &'a Plan, ty: &RustType) -> Option<&'a StructPlan> {
    match ty {
        RustType::Box(inner) => variant_struct(plan, inner),
        ty => plan.struct_of(ty),
    }
}

/// The `EncodeEvent` and `DecodeEvent` impls of an event stream union, in a crate whose wire
/// layer speaks event streams.
pub fn union_impls(plan: &Plan, u: &UnionPlan, json: &JsonWriters) -> TokenStream {
    let speaks = plan.service.protocol.is_some_and(|p| p.event_streams());
    if !plan.primitives.wire || !u.event_stream || !speaks {
        return TokenStream::new();
    }
    let rt = runtime();
    let name = ident(&u.name);
    let mut encode_arms = Vec::new();
    let mut event_arms = Vec::new();
    let mut exception_arms = Vec::new();
    for v in &u.variants {
        let variant = ident(&v.name);
        let member = &v.member_name;
        let (kind, type_header) = if v.error {
            ("exception", ":exception-type")
        } else {
            ("event", ":event-type")
        };
        let start = quote! {
            let mut message = #rt::Message::default()
                .with_header(":message-type", #rt::HeaderValue::String(#kind.to_owned()))
                .with_header(#type_header, #rt::HeaderValue::String(#member.to_owned()));
        };
        let s = v
            .value_type
            .as_ref()
            .and_then(|ty| variant_struct(plan, ty));
        let (encode, decode) = match (s, &v.value_type) {
            (Some(s), Some(value_type)) => {
                let ty = rust_type(value_type);
                let mut write = write_event(plan, s, json, (u, member));
                if write.is_empty() {
                    // An event of no members: its message is the type headers alone.
                    write = quote!(let _ = (&mut message, value););
                }
                let read = read_event(plan, s, v.error);
                // A recursive event is boxed in its variant.
                let read = if matches!(value_type, RustType::Box(_)) {
                    quote!(#BOX::new({ #read }))
                } else {
                    quote!({ #read })
                };
                (
                    quote!(Self::#variant(value) => { #start #write #OK(message) }),
                    quote!({
                        let value: #ty = #read;
                        #OK(Self::#variant(value))
                    }),
                )
            }
            // A member targeting `Unit` (or what is no structure) is an event without content.
            _ => (
                quote!(Self::#variant { .. } => { #start let _ = &mut message; #OK(message) }),
                match &v.value_type {
                    None => quote!(#OK(Self::#variant)),
                    Some(_) => quote!(#ERR(::std::format!(
                        "the event `{}` cannot be read", #member
                    ))),
                },
            ),
        };
        encode_arms.push(encode);
        if v.error {
            exception_arms.push(quote!(#member => #SOME((|| #decode)()),));
        } else {
            event_arms.push(quote!(#member => #decode,));
        }
    }
    let unknown = "the event stream member `{}` is not known to this crate, and cannot be sent";
    quote! {
        impl #rt::EncodeEvent for #name {
            fn encode_event(&self) -> #RESULT<#rt::Message, #STRING> {
                match self {
                    #(#encode_arms)*
                    Self::Unknown(member) => #ERR(::std::format!(#unknown, member)),
                }
            }
        }

        impl #rt::DecodeEvent for #name {
            fn decode_event(event_type: &str, message: &#rt::Message) -> #RESULT<Self, #STRING> {
                let _ = message;
                match event_type {
                    #(#event_arms)*
                    // An event type the model did not have when this crate was generated.
                    other => #OK(Self::Unknown(other.to_owned())),
                }
            }

            fn decode_exception(exception_type: &str, message: &#rt::Message) -> #OPTION<#RESULT<Self, #STRING>> {
                let _ = message;
                match exception_type {
                    #(#exception_arms)*
                    _ => #NONE,
                }
            }
        }
    }
}

/// Statements adding `value`'s (a `&S`) headers and payload to `message`; `event` is the
/// union and member whose event `s` is.
fn write_event(
    plan: &Plan,
    s: &StructPlan,
    json: &JsonWriters,
    event: (&UnionPlan, &str),
) -> TokenStream {
    let headers = s
        .members
        .iter()
        .filter(|m| m.event == EventBinding::Header)
        .map(|m| {
            let field = ident(&m.field);
            let name = &m.member_name;
            let header = header_value(plan, m);
            let push = quote!(message.headers.push((#name.to_owned(), #header)););
            if m.optional {
                quote! {
                    if let #SOME(value) = &value.#field {
                        #push
                    }
                }
            } else {
                quote! {{
                    let value = &value.#field;
                    #push
                }}
            }
        });
    let payload = match s.members.iter().find(|m| m.event == EventBinding::Payload) {
        Some(m) => explicit_payload(plan, s, m, json),
        None => implicit_payload(plan, s, json, event),
    };
    quote! {
        #(#headers)*
        #payload
    }
}

/// The typed header of a member's value (`value`, a reference).
fn header_value(plan: &Plan, m: &MemberPlan) -> TokenStream {
    let rt = runtime();
    let ty = match &m.value_type {
        RustType::Box(inner) => inner.as_ref(),
        ty => ty,
    };
    match (ty, values::scalar(plan, ty)) {
        (RustType::Bool, _) => quote!(#rt::HeaderValue::Bool(*value)),
        (RustType::I8, _) => quote!(#rt::HeaderValue::Byte(*value)),
        (RustType::I16, _) => quote!(#rt::HeaderValue::Short(*value)),
        (RustType::I32, _) => quote!(#rt::HeaderValue::Int(*value)),
        (RustType::I64, _) => quote!(#rt::HeaderValue::Long(*value)),
        (RustType::Blob, _) => quote!(#rt::HeaderValue::Bytes(value.as_ref().to_vec())),
        (RustType::DateTime, _) => quote! {
            #rt::HeaderValue::Timestamp(
                value.secs().saturating_mul(1000).saturating_add(i64::from(value.subsec_nanos() / 1_000_000)),
            )
        },
        (_, Some(Scalar::IntEnum)) => quote!(#rt::HeaderValue::Int(value.value())),
        (_, Some(Scalar::Enum)) => quote!(#rt::HeaderValue::String(value.as_str().to_owned())),
        // Strings, and whatever else as its text (Smithy allows no other header targets).
        _ => quote!(#rt::HeaderValue::String(#TO_STRING::to_string(value))),
    }
}

/// The payload of an `@eventPayload` member, with its `:content-type`.
fn explicit_payload(
    plan: &Plan,
    s: &StructPlan,
    m: &MemberPlan,
    json: &JsonWriters,
) -> TokenStream {
    let rt = runtime();
    let field = ident(&m.field);
    let media = |fallback: &str| m.media_type.clone().unwrap_or_else(|| fallback.to_owned());
    let (bytes, content_type) = match (&m.value_type, values::scalar(plan, &m.value_type)) {
        (RustType::Blob, _) => (
            quote!(value.as_ref().to_vec()),
            media("application/octet-stream"),
        ),
        (RustType::String, _) => (quote!(value.as_bytes().to_vec()), media("text/plain")),
        (_, Some(Scalar::Enum)) => (
            quote!(value.as_str().as_bytes().to_vec()),
            media("text/plain"),
        ),
        (ty, _) => (
            document_payload(plan, s, m, ty, json),
            document_type(plan).to_owned(),
        ),
    };
    let set = quote! {
        message.payload = #bytes;
        message.headers.push((":content-type".to_owned(), #rt::HeaderValue::String(#content_type.to_owned())));
    };
    if m.optional {
        quote! {
            if let #SOME(value) = &value.#field {
                #set
            }
        }
    } else {
        quote! {{
            let value = &value.#field;
            #set
        }}
    }
}

/// The bytes of a structure or union payload `value` of type `ty`: XML whose root is named as
/// a payload's, the serde impl through the CBOR writer, or JSON.
fn document_payload(
    plan: &Plan,
    s: &StructPlan,
    m: &MemberPlan,
    ty: &RustType,
    json: &JsonWriters,
) -> TokenStream {
    if let Some(xml) = Xml::of(plan) {
        return xml.payload_bytes(s, m);
    }
    if super::cbor_body::is_cbor(plan) {
        return quote!(crate::wire::cbor::to_vec(value).map_err(|e| e.message().to_owned())?);
    }
    let value_type = rust_type(ty);
    let write = json.write_value(ty, quote!(value));
    quote! {{
        fn write_payload(value: &#value_type, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
            #write
            #OK(())
        }
        let mut out = #VEC::new();
        write_payload(value, &mut out).map_err(|e| ::std::format!("cannot write the event payload: {e}"))?;
        out
    }}
}

/// The members that are neither headers nor the payload, as a document of the protocol.
fn implicit_payload(
    plan: &Plan,
    s: &StructPlan,
    json: &JsonWriters,
    (u, member): (&UnionPlan, &str),
) -> TokenStream {
    let rt = runtime();
    let members: Vec<&MemberPlan> = s
        .members
        .iter()
        .filter(|m| m.event == EventBinding::Body)
        .collect();
    if members.is_empty() {
        return TokenStream::new();
    }
    let ty = ident(&s.name);
    let path = crate::emit::tokens::module_path(&s.module);
    let content_type = document_type(plan);
    if let Some(xml) = Xml::of(plan) {
        let document = xml.event_document(u, member, s, &members);
        return quote! {
            message.payload = #document;
            message.headers.push((":content-type".to_owned(), #rt::HeaderValue::String(#content_type.to_owned())));
        };
    }
    if super::cbor_body::is_cbor(plan) {
        // The structure's serde impl, without the members sent apart.
        let apart = s
            .members
            .iter()
            .filter(|m| m.event != EventBinding::Body)
            .map(|m| &m.wire_name);
        return quote! {
            message.payload = crate::wire::cbor::to_vec_without(value, &[#(#apart),*])
                .map_err(|e| e.message().to_owned())?;
            message.headers.push((":content-type".to_owned(), #rt::HeaderValue::String(#content_type.to_owned())));
        };
    }
    let object = json.input_object(&members);
    quote! {
        fn write_body(input: &#path::#ty, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
            #object
            #OK(())
        }
        write_body(value, &mut message.payload).map_err(|e| ::std::format!("cannot write the event body: {e}"))?;
        message.headers.push((":content-type".to_owned(), #rt::HeaderValue::String(#content_type.to_owned())));
    }
}

/// An expression reading the structure `s` from `message` (an exception's when `exception`),
/// or returning the error text.
fn read_event(plan: &Plan, s: &StructPlan, exception: bool) -> TokenStream {
    let ty = ident(&s.name);
    let path = crate::emit::tokens::module_path(&s.module);
    let body_members: Vec<&MemberPlan> = s
        .members
        .iter()
        .filter(|m| m.event == EventBinding::Body)
        .collect();
    let xml = Xml::of(plan);
    let parse_body = if body_members.is_empty() {
        TokenStream::new()
    } else if let Some(xml) = &xml {
        xml.read_event_document(s, &body_members, exception)
    } else {
        let fields = body_members.iter().map(|m| {
            let name = ident(&m.field);
            let ty = rust_type(&m.field_type());
            quote!(#name: #ty,)
        });
        let builder = ident(&crate::plan::naming::builder_name(&s.name));
        let builders = crate::emit::builders::builders_path(&s.module);
        let parse = super::cbor_body::parse_fn(plan);
        let deserialize = crate::emit::deserialize::deserialize_impl(
            plan,
            s,
            &body_members,
            &quote!(EventBody),
            &quote!(#builders::#builder),
        );
        quote! {
            struct EventBody {
                #(#fields)*
            }
            #deserialize
            let parsed: EventBody = #parse(200, &message.payload)
                .map_err(|e| ::std::format!("the event body: {}", e.message))?;
        }
    };
    let values = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let name = &m.member_name;
        let value = match m.event {
            EventBinding::Body => quote!(parsed.#field),
            EventBinding::Header => {
                let read = read_header(plan, m);
                let missing = format!("the event has no header `{name}`");
                if m.optional {
                    quote!(match message.header(#name) {
                        #SOME(header) => #SOME(#read),
                        #NONE => #NONE,
                    })
                } else {
                    quote!(match message.header(#name) {
                        #SOME(header) => #read,
                        #NONE => return #ERR(#missing.to_owned()),
                    })
                }
            }
            EventBinding::Payload => {
                let read = read_payload(plan, m);
                let missing = format!("the event has no payload (`{name}`)");
                if m.optional {
                    quote!(if message.payload.is_empty() { #NONE } else { #SOME(#read) })
                } else {
                    quote!(if message.payload.is_empty() { return #ERR(#missing.to_owned()) } else { #read })
                }
            }
        };
        quote!(#field: #value,)
    });
    let ids = crate::emit::structs::unset_request_ids(s);
    quote! {
        #parse_body
        #path::#ty { #(#values)* #ids }
    }
}

/// The value of a header member from `header` (a `&HeaderValue`), or the error.
fn read_header(plan: &Plan, m: &MemberPlan) -> TokenStream {
    let rt = runtime();
    let name = &m.member_name;
    let (pattern, value, expected) = match (&m.value_type, values::scalar(plan, &m.value_type)) {
        (RustType::Bool, _) => (quote!(#rt::HeaderValue::Bool(v)), quote!(*v), "boolean"),
        (RustType::I8, _) => (quote!(#rt::HeaderValue::Byte(v)), quote!(*v), "byte"),
        (RustType::I16, _) => (quote!(#rt::HeaderValue::Short(v)), quote!(*v), "short"),
        (RustType::I32, _) => (quote!(#rt::HeaderValue::Int(v)), quote!(*v), "integer"),
        (RustType::I64, _) => (quote!(#rt::HeaderValue::Long(v)), quote!(*v), "long"),
        (RustType::Blob, _) => (
            quote!(#rt::HeaderValue::Bytes(v)),
            quote!(crate::primitives::Blob::new(v.clone())),
            "byte array",
        ),
        (RustType::DateTime, _) => (
            quote!(#rt::HeaderValue::Timestamp(v)),
            quote! {
                crate::primitives::DateTime::from_secs_and_nanos(
                    v.div_euclid(1000),
                    (v.rem_euclid(1000) * 1_000_000) as u32,
                )
            },
            "timestamp",
        ),
        (ty, Some(Scalar::IntEnum)) => {
            let ty = rust_type(ty);
            (
                quote!(#rt::HeaderValue::Int(v)),
                quote!(<#ty>::from(*v)),
                "integer",
            )
        }
        (ty, Some(Scalar::Enum)) => {
            let ty = rust_type(ty);
            (
                quote!(#rt::HeaderValue::String(v)),
                quote!(<#ty>::from(v.as_str())),
                "string",
            )
        }
        _ => (
            quote!(#rt::HeaderValue::String(v)),
            quote!(v.clone()),
            "string",
        ),
    };
    let wrong = format!("the header `{name}` is a {{}}, not a {expected}");
    quote! {
        match header {
            #pattern => #value,
            other => return #ERR(::std::format!(#wrong, other.type_name())),
        }
    }
}

/// The value of the `@eventPayload` member from `message.payload`, or the error.
fn read_payload(plan: &Plan, m: &MemberPlan) -> TokenStream {
    let name = &m.member_name;
    let not_utf8 = format!("the payload (`{name}`) is not UTF-8");
    match (&m.value_type, values::scalar(plan, &m.value_type)) {
        (RustType::Blob, _) => quote!(crate::primitives::Blob::new(message.payload.clone())),
        (RustType::String, _) => quote! {
            #STRING::from_utf8(message.payload.clone()).map_err(|_| #not_utf8.to_owned())?
        },
        (ty, Some(Scalar::Enum)) => {
            let ty = rust_type(ty);
            quote! {
                <#ty>::from(::std::str::from_utf8(&message.payload).map_err(|_| #not_utf8.to_owned())?)
            }
        }
        (ty, _) => {
            if let Some(xml) = Xml::of(plan) {
                return xml.read_event_payload(ty, name);
            }
            let ty = rust_type(ty);
            let parse = super::cbor_body::parse_fn(plan);
            quote! {
                #parse::<#ty>(200, &message.payload)
                    .map_err(|e| ::std::format!("the event payload (`{}`): {}", #name, e.message))?
            }
        }
    }
}

/// The event stream functions of an operation: `encode_event` for an input stream;
/// The `stream` of an operation as the clients call it (`client::call::Operation`, under
/// `root::client`): for an output stream (or a streaming blob output), how its success
/// response is handed on as it arrives.
pub fn client_output_stream(plan: &Plan, op: &OperationPlan, root: &TokenStream) -> TokenStream {
    let client = quote!(#root::client);
    let output = plan.struct_of(&op.output);
    if output.and_then(|o| stream_member(plan, o)).is_none() {
        return super::byte_stream::client_output_stream(plan, op, root)
            .unwrap_or_else(|| quote!(#NONE));
    }
    let first_message = initial_messages(plan);
    quote! {
        #SOME(#client::call::OutputStream {
            first_message: #first_message,
            whole_if_checked: false,
            attach: |output, body| output.1.attach(body),
        })
    }
}

/// `event_receiver` and `parse_event_stream_response` for an output stream.
pub fn operation_items(
    plan: &Plan,
    op: &OperationPlan,
    input: &StructPlan,
    output: &StructPlan,
) -> TokenStream {
    let rt = runtime();
    let mut items = TokenStream::new();
    if let Some((member, u)) = stream_member(plan, input) {
        let union = rust_type(&RustType::Named {
            module: crate::plan::ModulePath::Types,
            name: u.name.clone(),
        });
        let doc = format!(
            " The message bytes of one event of `{}`'s input stream (`{}`), unsigned. \
             [`serialize_request`] sends the input's events, each so encoded, as the body \
             (after the initial request's message, for an RPC protocol).",
            op.name, member.member_name
        );
        items.extend(quote! {
            #[doc = #doc]
            pub fn encode_event(event: &#union) -> #RESULT<#VEC<u8>, crate::wire::RequestError> {
                let message = #rt::EncodeEvent::encode_event(event).map_err(crate::wire::RequestError::new)?;
                message.encode().map_err(|e| crate::wire::RequestError::new(e.to_string()))
            }
        });
    }
    if let Some((member, u)) = stream_member(plan, output) {
        let union = rust_type(&RustType::Named {
            module: crate::plan::ModulePath::Types,
            name: u.name.clone(),
        });
        let output_type = rust_type(&op.output);
        let error_enum = ident(&op.error_enum);
        let new_receiver = if initial_messages(plan) {
            quote!(#rt::Receiver::after_initial_response())
        } else {
            quote!(#rt::Receiver::new())
        };
        let doc = format!(
            " The events of `{}`'s output stream (`{}`) in a response body: push bytes as they \
             arrive, or give the whole body. Each item is an event or, ending the stream, an error.",
            op.name, member.member_name
        );
        let parse_doc = format!(
            " Reads the initial HTTP response of `{}` ([`parse_response`]; its `{}` is left unset), \
             and the events of its body as received so far: the whole body, or the start of it to \
             which the clients attach the rest (`Receiver::attach`).",
            op.name, member.member_name
        );
        items.extend(quote! {
            #[doc = #doc]
            pub fn event_receiver(body: &[u8]) -> #rt::Receiver<#union> {
                let mut receiver = #new_receiver;
                receiver.push(body);
                receiver
            }

            #[doc = #parse_doc]
            pub fn parse_event_stream_response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> #RESULT<(#output_type, #rt::Receiver<#union>), #error_enum> {
                let output = parse_response(status, headers, body)?;
                #OK((output, #new_receiver.with_body(body)))
            }
        });
    }
    items
}
