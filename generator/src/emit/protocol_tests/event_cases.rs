//! `smithy.test#eventStreamTests` client cases: the initial request or response through the
//! HTTP bindings, each sent event encoded and compared by its decoded headers and body, each
//! received event (its `bytes`) decoded and compared with its `params`, and the expected
//! failures (a modeled error's type by `errorId`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::{decode_base64, ident, request_test, response_parts, value_expr, At};
use crate::emit::prelude::{ERR, NONE, OK, SOME};
use crate::emit::wire::stream_member;
use crate::plan::{ModulePath, OperationPlan, Plan, RustType, TestCase};

/// A case's part moved under `params`, with the written text of its numbers, so that the
/// HTTP case builders read it.
fn as_http_case(test: &TestCase, message: &Value, params_key: &str) -> TestCase {
    let mut value = message.clone();
    if let (Value::Object(object), Some(params)) = (&mut value, test.value.get(params_key)) {
        object.insert("params".to_owned(), params.clone());
    }
    let prefix = format!("/{params_key}");
    let numbers = test
        .numbers
        .iter()
        .filter_map(|(pointer, text)| {
            let rest = pointer.strip_prefix(&prefix)?;
            Some((format!("/params{rest}"), text.clone()))
        })
        .collect();
    TestCase { value, numbers }
}

/// The short name of a shape ID as a case writes it (absolute or relative).
fn short_name(id: &str) -> &str {
    id.rsplit('#').next().unwrap_or(id)
}

/// The test body of one client case.
pub fn event_stream_test(
    plan: &Plan,
    op: &OperationPlan,
    test: &TestCase,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let case = &test.value;
    let module = ident(&op.module);
    let input = plan
        .struct_of(&op.input)
        .ok_or("the operation has no input structure")?;
    let output = plan
        .struct_of(&op.output)
        .ok_or("the operation has no output structure")?;
    let failure = case.get("expectation").and_then(|e| e.get("failure"));
    let error_id = failure
        .and_then(|f| f.get("errorId"))
        .and_then(Value::as_str)
        .map(short_name);
    let events: &[Value] = case
        .get("events")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut body = TokenStream::new();

    if case.get("initialRequest").is_some() || case.get("initialRequestParams").is_some() {
        let message = case
            .get("initialRequest")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        let request = as_http_case(test, &message, "initialRequestParams");
        let check = request_test(plan, op, &request, root)?;
        body.extend(quote!({ #check }));
    }

    let response_events = events
        .iter()
        .filter(|e| e.get("type").and_then(Value::as_str) == Some("response"))
        .count();
    // With HTTP bindings the initial response is the HTTP response, there even when a case
    // gives none: a case expecting a failure reads an empty one (200, no headers) first, where
    // a required member it lacks is the failure.
    let http_bindings = plan.service.protocol.is_some_and(|p| p.http_bindings());
    let empty = Value::Object(Default::default());
    let initial_response = case.get("initialResponse").or((failure.is_some()
        && http_bindings
        && stream_member(plan, output).is_some())
    .then_some(&empty));
    if let Some(message) = initial_response {
        let response = as_http_case(test, message, "initialResponseParams");
        let (code, headers, bytes) = response_parts(&response.value)?;
        let read = quote! {
            let headers = support::header_map(#headers);
            let result = #root::operation::#module::parse_response(#code, &headers, #bytes);
        };
        let check = match failure {
            // The initial response is the failure when no event follows it.
            Some(_) if response_events == 0 => {
                let error_enum = ident(&op.error_enum);
                match error_id {
                    Some(id) => {
                        let variant = op
                            .errors
                            .iter()
                            .find(|e| e.shape.name() == id)
                            .map(|e| ident(&e.variant))
                            .ok_or_else(|| format!("`{id}` is no error of the operation"))?;
                        quote! {
                            match result {
                                #ERR(#root::operation::#module::#error_enum::#variant(_)) => {}
                                other => panic!("expected the modeled error, got {other:?}"),
                            }
                        }
                    }
                    None => quote!(assert!(result.is_err(), "expected an error, got {result:?}");),
                }
            }
            _ if response.value.get("params").is_some() => {
                let expected = value_expr(
                    plan,
                    &op.output,
                    &response.value["params"],
                    &At::params(&response),
                    root,
                )?;
                quote! {
                    let output = result.expect("the initial response is read");
                    let expected = #expected;
                    support::assert_same(&output, &expected);
                }
            }
            _ => quote!(result.expect("the initial response is read");),
        };
        // A case that expects a failure has it where it comes: here, if the initial response
        // already fails (a required member missing), else at its last event.
        // Only an initial response with required members of its own can be the failure.
        let stream = stream_member(plan, output).map(|(m, _)| &m.member_name);
        let can_fail = output
            .members
            .iter()
            .any(|m| !m.optional && Some(&m.member_name) != stream);
        let failed_early = if failure.is_some() && response_events > 0 && can_fail {
            quote!(if result.is_err() {
                return;
            })
        } else {
            TokenStream::new()
        };
        body.extend(quote!({ #read #failed_early #check }));
    }

    let mut response_index = 0;
    for (index, event) in events.iter().enumerate() {
        let at = At {
            numbers: &test.numbers,
            pointer: format!("/events/{index}/params"),
        };
        let check = match event.get("type").and_then(Value::as_str) {
            Some("request") => {
                let (_, union) = stream_member(plan, input)
                    .ok_or("a request event, but the input has no event stream")?;
                sent_event(plan, event, &union_type(&union.name), &at, &module, root)?
            }
            Some("response") => {
                response_index += 1;
                let (_, union) = stream_member(plan, output)
                    .ok_or("a response event, but the output has no event stream")?;
                let last = response_index == response_events;
                let expect_failure = failure.is_some() && last;
                received_event(
                    plan,
                    event,
                    union,
                    &at,
                    &module,
                    root,
                    expect_failure,
                    error_id,
                )?
            }
            other => return Err(format!("event {index} has the unknown type {other:?}")),
        };
        body.extend(quote!({ #check }));
    }
    if body.is_empty() {
        return Err("the case has neither initial messages nor events".to_owned());
    }
    Ok(body)
}

fn union_type(name: &crate::plan::RustIdent) -> RustType {
    RustType::Named {
        module: ModulePath::Types,
        name: name.clone(),
    }
}

/// An event the client sends: encoded, then its message compared with the case.
fn sent_event(
    plan: &Plan,
    event: &Value,
    ty: &RustType,
    at: &At<'_>,
    module: &proc_macro2::Ident,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let params = event.get("params").ok_or("a sent event without params")?;
    let value = value_expr(plan, ty, params, at, root)?;
    let rt = quote!(#root::wire::event_stream);
    let headers = match event.get("headers") {
        Some(Value::Object(headers)) => headers
            .iter()
            .map(|(name, value)| {
                let value = header_value(value, &rt, root)?;
                Ok(quote!((#name, #value)))
            })
            .collect::<Result<Vec<_>, String>>()?,
        _ => Vec::new(),
    };
    let names = |key: &str| -> Vec<String> {
        event
            .get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (forbid, require) = (names("forbidHeaders"), names("requireHeaders"));
    let body = match event.get("body").and_then(Value::as_str) {
        Some(body) => {
            let media = match event.get("bodyMediaType").and_then(Value::as_str) {
                Some(m) => quote!(#SOME(#m)),
                None => quote!(#NONE),
            };
            quote!(support::assert_body(&message.payload, #body, #media);)
        }
        None => TokenStream::new(),
    };
    Ok(quote! {
        let event = #value;
        let bytes = #root::operation::#module::encode_event(&event).expect("the event is encoded");
        let mut decoder = #rt::Decoder::new();
        decoder.push(&bytes);
        let message = decoder
            .next_message()
            .expect("the message is valid framing")
            .expect("the bytes are one whole message");
        assert_eq!(decoder.finish(), #OK(()), "nothing follows the message");
        let expected: &[(&str, #rt::HeaderValue)] = &[#(#headers),*];
        for (name, value) in expected {
            assert_eq!(message.header(name), #SOME(value), "header {name}");
        }
        for name in [#(#forbid),*] {
            assert!(message.header(name).is_none(), "forbidden header {name}");
        }
        for name in [#(#require),*] {
            assert!(message.header(name).is_some(), "required header {name}");
        }
        #body
    })
}

/// A typed header value as the case writes it (`{ string: "event" }`).
fn header_value(
    value: &Value,
    rt: &TokenStream,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let (kind, v) = value
        .as_object()
        .and_then(|o| o.iter().next())
        .ok_or_else(|| format!("the header value {value} is no typed value"))?;
    let int = || {
        v.as_i64()
            .ok_or_else(|| format!("the {kind} header value {v} is no integer"))
    };
    let text = || {
        v.as_str()
            .ok_or_else(|| format!("the {kind} header value {v} is no string"))
    };
    Ok(match kind.as_str() {
        "boolean" => {
            let b = v.as_bool().ok_or("a boolean header that is no boolean")?;
            quote!(#rt::HeaderValue::Bool(#b))
        }
        "byte" => {
            let n = Literal::i8_suffixed(i8::try_from(int()?).map_err(|e| e.to_string())?);
            quote!(#rt::HeaderValue::Byte(#n))
        }
        "short" => {
            let n = Literal::i16_suffixed(i16::try_from(int()?).map_err(|e| e.to_string())?);
            quote!(#rt::HeaderValue::Short(#n))
        }
        "integer" => {
            let n = Literal::i32_suffixed(i32::try_from(int()?).map_err(|e| e.to_string())?);
            quote!(#rt::HeaderValue::Int(#n))
        }
        "long" => {
            let n = Literal::i64_suffixed(int()?);
            quote!(#rt::HeaderValue::Long(#n))
        }
        "blob" => {
            let bytes = decode_base64(text()?).ok_or("a blob header that is not base64")?;
            let bytes = Literal::byte_string(&bytes);
            quote!(#rt::HeaderValue::Bytes(#bytes.to_vec()))
        }
        "string" => {
            let s = text()?;
            quote!(#rt::HeaderValue::String(#s.to_owned()))
        }
        "timestamp" => {
            let s = text()?;
            quote! {{
                let t = #root::primitives::DateTime::parse(#s, #root::primitives::date_time::Format::DateTime)
                    .expect("the case's timestamp");
                #rt::HeaderValue::Timestamp(t.secs() * 1000 + i64::from(t.subsec_nanos() / 1_000_000))
            }}
        }
        other => return Err(format!("the header value type `{other}` is not known")),
    })
}

/// An event the client receives: its `bytes` decoded, and compared with `params` (or the
/// expected failure).
#[allow(clippy::too_many_arguments)]
fn received_event(
    plan: &Plan,
    event: &Value,
    union: &crate::plan::UnionPlan,
    at: &At<'_>,
    module: &proc_macro2::Ident,
    root: &TokenStream,
    expect_failure: bool,
    error_id: Option<&str>,
) -> Result<TokenStream, String> {
    let bytes = event
        .get("bytes")
        .and_then(Value::as_str)
        .ok_or("a received event without `bytes`")?;
    let bytes = decode_base64(bytes).ok_or("the event's bytes are not base64")?;
    let bytes = Literal::byte_string(&bytes);
    let rt = quote!(#root::wire::event_stream);
    let read = quote! {
        let item = #root::operation::#module::event_receiver(#bytes).next();
    };
    if expect_failure {
        let check = match error_id {
            Some(id) => {
                let variant = union
                    .variants
                    .iter()
                    .find(|v| {
                        v.error
                            && v.value_type
                                .as_ref()
                                .and_then(|t| plan.struct_of(t))
                                .is_some_and(|s| s.id.name() == id)
                    })
                    .map(|v| ident(&v.name))
                    .ok_or_else(|| format!("`{id}` is no error member of the event stream"))?;
                let name = ident(&union.name);
                quote! {
                    match item {
                        #SOME(#ERR(#rt::EventError::Modeled(#root::types::#name::#variant(_)))) => {}
                        other => panic!("expected the modeled error event, got {other:?}"),
                    }
                }
            }
            None => quote! {
                assert!(matches!(item, #SOME(#ERR(_))), "expected an error, got {item:?}");
            },
        };
        return Ok(quote!(#read #check));
    }
    let check = match event.get("params") {
        Some(params) => {
            let expected = value_expr(plan, &union_type(&union.name), params, at, root)?;
            quote! {
                let expected = #expected;
                support::assert_same(&actual, &expected);
            }
        }
        None => TokenStream::new(),
    };
    Ok(quote! {
        #read
        let actual = item.expect("one event").expect("the event is read");
        #check
    })
}
