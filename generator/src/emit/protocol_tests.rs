//! Protocol compliance tests (`smithy.test#httpRequestTests` / `httpResponseTests` /
//! `eventStreamTests`) as a test file of the generated crate. Each case's `params` become Rust expressions built with
//! the generated builders, so a case tests exactly the code users call.

mod endpoint_cases;
mod event_cases;

use heck::ToSnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::tokens::{ident, plain, rust_type_in};
use crate::emit::prelude::{BOX, ERR, NONE, SOME, STRING};
use crate::model::number::{push_token, NumberTexts};
use crate::plan::protocol::Protocol;
use crate::plan::{OperationPlan, Plan, RustType, StructPlan, TestCase};

const SUPPORT: &str = include_str!("../../runtime/protocol_test_support.rs");

/// A case that has no test, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub id: String,
    pub reason: String,
}

/// The generated tests: the file, the names of its tests, and the cases left out.
pub struct ProtocolTests {
    pub file: TokenStream,
    pub tests: Vec<String>,
    pub skipped: Vec<Skipped>,
}

/// Whether a case is for clients and for the crate's protocol (by shape ID or, as the IDL
/// loader leaves a relative one, by name).
fn applies(case: &Value, protocol: Option<Protocol>) -> bool {
    let Some(ours) = protocol else {
        return false;
    };
    let client = case
        .get("appliesTo")
        .and_then(Value::as_str)
        .is_none_or(|a| a == "client");
    let theirs = case.get("protocol").and_then(Value::as_str).unwrap_or("");
    client && (theirs == ours.name() || theirs.ends_with(&format!("#{}", ours.name())))
}

fn id_of(case: &Value) -> String {
    case.get("id")
        .and_then(Value::as_str)
        .unwrap_or("unnamed")
        .to_owned()
}

/// The test file for the crate named `library`.
pub fn test_file(plan: &Plan, library: &str) -> Result<ProtocolTests, String> {
    let support = syn::parse_file(SUPPORT)
        .map_err(|e| format!("runtime file `protocol_test_support` does not parse: {e}"))?;
    let support_items = support.items;
    let root = {
        let library = plain(&library.replace('-', "_"));
        quote!(::#library)
    };
    let mut out = ProtocolTests {
        file: TokenStream::new(),
        tests: Vec::new(),
        skipped: Vec::new(),
    };
    let mut functions = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut add = |name: String,
                   body: Result<TokenStream, String>,
                   id: String,
                   out: &mut ProtocolTests| match body {
        Ok(body) => {
            let mut unique = name.clone();
            let mut n = 2;
            while !names.insert(unique.clone()) {
                unique = format!("{name}_{n}");
                n += 1;
            }
            let test = plain(&unique);
            functions.push(quote! {
                #[test]
                fn #test() {
                    #body
                }
            });
            out.tests.push(unique);
        }
        Err(reason) => out.skipped.push(Skipped { id, reason }),
    };
    for op in &plan.operations {
        for case in op
            .request_tests
            .iter()
            .filter(|c| applies(&c.value, plan.service.protocol))
        {
            let id = id_of(&case.value);
            let body = match op.wire {
                Some(_) => request_test(plan, op, case, &root),
                None => Err(format!("operation `{}` has no wire layer", op.name)),
            };
            add(
                format!("request_{}", id.to_snake_case()),
                body,
                id,
                &mut out,
            );
        }
        for case in op
            .response_tests
            .iter()
            .filter(|c| applies(&c.value, plan.service.protocol))
        {
            let id = id_of(&case.value);
            let body = match op.wire {
                Some(_) => response_test(plan, op, case, &root),
                None => Err(format!("operation `{}` has no wire layer", op.name)),
            };
            add(
                format!("response_{}", id.to_snake_case()),
                body,
                id,
                &mut out,
            );
        }
    }
    for op in &plan.operations {
        for case in op
            .event_stream_tests
            .iter()
            .filter(|c| applies(&c.value, plan.service.protocol))
        {
            let id = id_of(&case.value);
            let body = match op.wire {
                Some(_) => event_cases::event_stream_test(plan, op, case, &root),
                None => Err(format!("operation `{}` has no wire layer", op.name)),
            };
            add(format!("events_{}", id.to_snake_case()), body, id, &mut out);
        }
    }
    for error in plan.structures.iter().filter(|s| s.error.is_some()) {
        for case in error
            .response_tests
            .iter()
            .filter(|c| applies(&c.value, plan.service.protocol))
        {
            let id = id_of(&case.value);
            let body = error_test(plan, error, case, &root);
            add(format!("error_{}", id.to_snake_case()), body, id, &mut out);
        }
    }
    if let Some(endpoint) = &plan.endpoint {
        for (i, case) in endpoint.tests.iter().enumerate() {
            let id = format!("endpointTests[{i}]");
            let body = endpoint_cases::endpoint_case(plan, endpoint, case, &root);
            add(format!("endpoint_case_{i}"), body, id, &mut out);
        }
    }
    // No case to run (none for this protocol, or all left out): no support code either, so
    // the file needs nothing the crate may lack (`http` comes with the wire layer).
    if functions.is_empty() {
        return Ok(out);
    }
    // Not every crate's cases use every helper.
    out.file = quote! {
        #![allow(clippy::all, unused_imports, dead_code)]
        mod support {
            #(#support_items)*
        }
        #(#functions)*
    };
    Ok(out)
}

fn strings(case: &Value, key: &str) -> Vec<String> {
    case.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn pairs(case: &Value, key: &str) -> Vec<(String, String)> {
    case.get(key)
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

fn header_tokens(case: &Value, key: &str) -> TokenStream {
    let pairs = pairs(case, key).into_iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#pairs),*])
}

fn str_list(case: &Value, key: &str) -> TokenStream {
    let items = strings(case, key);
    quote!(&[#(#items),*])
}

fn request_test(
    plan: &Plan,
    op: &OperationPlan,
    test: &TestCase,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let case = &test.value;
    // Endpoint built-ins in `vendorParams`: the endpoint comes from the resolver.
    let vendor = case
        .get("vendorParams")
        .filter(|v| !v.is_null() && *v != &Value::Object(Default::default()));
    let resolved = match vendor {
        None => None,
        Some(vendor) if plan.endpoint.is_some() => {
            Some(endpoint_cases::vendor_params(vendor, root)?)
        }
        Some(_) => {
            return Err(
                "vendorParams (endpoint configuration) without an endpoint rule set".to_owned(),
            )
        }
    };
    let params = case
        .get("params")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let input = value_expr(plan, &op.input, &params, &At::params(test), root)?;
    let module = ident(&op.module);
    let method = case.get("method").and_then(Value::as_str).unwrap_or("GET");
    let uri = case.get("uri").and_then(Value::as_str).unwrap_or("/");
    let host = case
        .get("host")
        .and_then(Value::as_str)
        .unwrap_or("example.com");
    let endpoint = format!("https://{host}");
    let module_for_endpoint = ident(&op.module);
    let (resolve, endpoint) = match resolved {
        Some(built_ins) => (
            quote! {
                #built_ins
                let params = #root::operation::#module_for_endpoint::endpoint_params(&input, &built_ins);
                let endpoint = #root::endpoint::resolve(&params).expect("the endpoint resolves");
            },
            quote!(endpoint.url()),
        ),
        None => (TokenStream::new(), quote!(#endpoint)),
    };
    let body = match case.get("body").and_then(Value::as_str) {
        Some(body) => {
            let media = case.get("bodyMediaType").and_then(Value::as_str);
            // XML bodies are compared as documents, by the crate's own XML reader.
            if media.is_some_and(is_cbor) && !body.is_empty() {
                // CBOR bodies are base64 in the case, compared as data (lengths may be
                // written definite or indefinite, floats in any width).
                let expected = cbor_bytes(body)?;
                quote! {
                    if let #ERR(difference) = #root::wire::cbor::equivalent(request.body(), #expected) {
                        panic!("{difference}");
                    }
                }
            } else if media.is_some_and(|m| m.contains("xml")) && !body.is_empty() {
                quote! {
                    if let #ERR(difference) = #root::wire::xml::equivalent(request.body(), #body.as_bytes()) {
                        panic!("{difference}");
                    }
                }
            } else {
                let media = match media {
                    Some(m) => quote!(#SOME(#m)),
                    None => quote!(#NONE),
                };
                quote!(support::assert_body(request.body(), #body, #media);)
            }
        }
        None => TokenStream::new(),
    };
    let resolved_host = match case.get("resolvedHost").and_then(Value::as_str) {
        Some(h) => {
            quote!(assert_eq!(request.uri().host(), #SOME(#h), "host");)
        }
        None => TokenStream::new(),
    };
    let (headers, forbid_headers, require_headers) = (
        header_tokens(case, "headers"),
        str_list(case, "forbidHeaders"),
        str_list(case, "requireHeaders"),
    );
    let (query, forbid_query, require_query) = (
        str_list(case, "queryParams"),
        str_list(case, "forbidQueryParams"),
        str_list(case, "requireQueryParams"),
    );
    Ok(quote! {
        let input = #input;
        #resolve
        // Protocol tests expect this token wherever one is filled in.
        let request = #root::wire::with_idempotency_token("00000000-0000-4000-8000-000000000000", || {
            #root::operation::#module::serialize_request_unchecked(&input, #endpoint)
        })
        .expect("the request is built");
        assert_eq!(request.method().as_str(), #method, "method");
        assert_eq!(request.uri().path(), #uri, "path");
        support::assert_query(request.uri(), #query, #forbid_query, #require_query);
        support::assert_headers(request.headers(), #headers, #forbid_headers, #require_headers);
        #resolved_host
        #body
    })
}

/// A CBOR body, base64 in the case, as a byte string literal.
fn cbor_bytes(base64: &str) -> Result<TokenStream, String> {
    let bytes = decode_base64(base64).ok_or("the CBOR body is not base64")?;
    let literal = proc_macro2::Literal::byte_string(&bytes);
    Ok(quote!(#literal))
}

/// Standard base64, padding optional; `None` for any other character.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for c in text.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

/// Whether a `bodyMediaType` is CBOR's.
fn is_cbor(media_type: &str) -> bool {
    media_type == "application/cbor"
}

/// The status, headers and an expression of the body's bytes (a CBOR body is base64 in the
/// case) of a response case.
fn response_parts(case: &Value) -> Result<(u16, TokenStream, TokenStream), String> {
    let code = case
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(200);
    let headers = header_tokens(case, "headers");
    let body = case.get("body").and_then(Value::as_str).unwrap_or("");
    let cbor = case
        .get("bodyMediaType")
        .and_then(Value::as_str)
        .is_some_and(is_cbor);
    let body = if cbor {
        cbor_bytes(body)?
    } else {
        quote!(#body.as_bytes())
    };
    Ok((code, headers, body))
}

fn response_test(
    plan: &Plan,
    op: &OperationPlan,
    test: &TestCase,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let case = &test.value;
    let params = case
        .get("params")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let expected = value_expr(plan, &op.output, &params, &At::params(test), root)?;
    let module = ident(&op.module);
    let (code, headers, body) = response_parts(case)?;
    Ok(quote! {
        let headers = support::header_map(#headers);
        let output = #root::operation::#module::parse_response(#code, &headers, #body).expect("the response is read");
        let expected = #expected;
        support::assert_same(&output, &expected);
    })
}

fn error_test(
    plan: &Plan,
    error: &StructPlan,
    test: &TestCase,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let case = &test.value;
    let ty = RustType::Named {
        module: error.module.clone(),
        name: error.name.clone(),
    };
    let op = plan
        .operations
        .iter()
        .find(|op| op.wire.is_some() && op.errors.iter().any(|e| e.error_type == ty))
        .ok_or_else(|| {
            format!(
                "no operation with a wire layer returns `{}`",
                error.name.name
            )
        })?;
    let variant = op
        .errors
        .iter()
        .find(|e| e.error_type == ty)
        .map(|e| ident(&e.variant))
        .ok_or("the error is not in the operation's enum")?;
    let params = case
        .get("params")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let expected = value_expr(plan, &ty, &params, &At::params(test), root)?;
    let module = ident(&op.module);
    let error_enum = ident(&op.error_enum);
    let (code, headers, body) = response_parts(case)?;
    // `ErrorCodeParams`: the code an SDK exposes for the error.
    let exposed = case
        .get("vendorParams")
        .and_then(|v| v.get("code"))
        .and_then(Value::as_str)
        .map(|exposed| quote!(assert_eq!(actual.code(), #exposed, "the error code users see");));
    Ok(quote! {
        let headers = support::header_map(#headers);
        let result = #root::operation::#module::parse_response(#code, &headers, #body);
        let expected = #expected;
        match result {
            #ERR(#root::operation::#module::#error_enum::#variant(actual)) => {
                #exposed
                support::assert_same(&actual, &expected)
            }
            other => panic!("expected the modeled error, got {other:?}"),
        }
    })
}

/// Where a value sits in its test case, for the numbers' written text.
struct At<'a> {
    numbers: &'a NumberTexts,
    pointer: String,
}

impl<'a> At<'a> {
    fn params(test: &'a TestCase) -> Self {
        At {
            numbers: &test.numbers,
            pointer: "/params".to_owned(),
        }
    }

    fn child(&self, token: &str) -> At<'a> {
        At {
            numbers: self.numbers,
            pointer: push_token(&self.pointer, token),
        }
    }

    /// The number here, as written.
    fn text(&self, number: &serde_json::Number) -> String {
        match self.numbers.get(&self.pointer) {
            Some(text) => text.clone(),
            None => number.to_string(),
        }
    }
}

/// A Rust expression building a value of type `ty` from a test case's node value at `at`.
fn value_expr(
    plan: &Plan,
    ty: &RustType,
    value: &Value,
    at: &At<'_>,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let wrong = || format!("a test value {value} does not fit {ty:?}");
    Ok(match ty {
        RustType::String => {
            let s = value.as_str().ok_or_else(wrong)?;
            quote!(#STRING::from(#s))
        }
        RustType::Bool => {
            let b = value.as_bool().ok_or_else(wrong)?;
            quote!(#b)
        }
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            let n = value.as_i64().ok_or_else(wrong)?;
            let lit = match ty {
                RustType::I8 => Literal::i8_suffixed(i8::try_from(n).map_err(|_| wrong())?),
                RustType::I16 => Literal::i16_suffixed(i16::try_from(n).map_err(|_| wrong())?),
                RustType::I32 => Literal::i32_suffixed(i32::try_from(n).map_err(|_| wrong())?),
                _ => Literal::i64_suffixed(n),
            };
            quote!(#lit)
        }
        RustType::F32 | RustType::F64 => {
            let suffix = if *ty == RustType::F32 {
                quote!(f32)
            } else {
                quote!(f64)
            };
            match value {
                Value::String(s) if s == "NaN" => quote!(#suffix::NAN),
                Value::String(s) if s == "Infinity" => quote!(#suffix::INFINITY),
                Value::String(s) if s == "-Infinity" => quote!(#suffix::NEG_INFINITY),
                _ => {
                    let f = value.as_f64().ok_or_else(wrong)?;
                    let lit = if *ty == RustType::F32 {
                        Literal::f32_suffixed(f as f32)
                    } else {
                        Literal::f64_suffixed(f)
                    };
                    quote!(#lit)
                }
            }
        }
        RustType::Blob => {
            let s = value.as_str().ok_or_else(wrong)?;
            let bytes = Literal::byte_string(s.as_bytes());
            quote!(#root::primitives::Blob::new(#bytes.to_vec()))
        }
        RustType::ByteStream => {
            let s = value.as_str().ok_or_else(wrong)?;
            let bytes = Literal::byte_string(s.as_bytes());
            quote!(#root::primitives::ByteStream::new(#bytes.to_vec()))
        }
        RustType::DateTime => {
            // A node value of a timestamp is epoch seconds or, as text, a date-time.
            if let Value::String(text) = value {
                return Ok(quote! {
                    #root::primitives::DateTime::parse(#text, #root::primitives::date_time::Format::DateTime)
                        .expect("a date-time")
                });
            }
            let Value::Number(n) = value else {
                return Err(wrong());
            };
            let (secs, nanos) = crate::plan::split_seconds(&at.text(n)).ok_or_else(wrong)?;
            let secs = Literal::i64_suffixed(secs);
            quote!(#root::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        RustType::BigInteger | RustType::BigDecimal => {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => at.text(n),
                _ => return Err(wrong()),
            };
            let rust = rust_type_in(ty, root);
            quote!(<#rust as ::std::str::FromStr>::from_str(#text).expect("a number"))
        }
        RustType::Document => {
            let text = value.to_string();
            quote!(::serde_json::from_str::<::serde_json::Value>(#text).expect("JSON"))
        }
        RustType::Vec(item) => {
            let items = value.as_array().ok_or_else(wrong)?;
            let items = items
                .iter()
                .enumerate()
                .map(|(i, v)| value_expr(plan, item, v, &at.child(&i.to_string()), root))
                .collect::<Result<Vec<_>, _>>()?;
            quote!(::std::vec![#(#items),*])
        }
        RustType::Map(key, item) => {
            let entries = value.as_object().ok_or_else(wrong)?;
            let entries = entries
                .iter()
                .map(|(name, v)| {
                    let k = value_expr(plan, key, &Value::String(name.clone()), at, root)?;
                    let v = value_expr(plan, item, v, &at.child(name), root)?;
                    Ok(quote!((#k, #v)))
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(support::map(::std::vec![#(#entries),*]))
        }
        RustType::Option(inner) => match value {
            Value::Null => quote!(#NONE),
            _ => {
                let inner = value_expr(plan, inner, value, at, root)?;
                quote!(#SOME(#inner))
            }
        },
        RustType::Box(inner) => {
            let inner = value_expr(plan, inner, value, at, root)?;
            quote!(#BOX::new(#inner))
        }
        RustType::Named { .. } => named_expr(plan, ty, value, at, root)?,
    })
}

fn named_expr(
    plan: &Plan,
    ty: &RustType,
    value: &Value,
    at: &At<'_>,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let rust = rust_type_in(ty, root);
    let RustType::Named { name, .. } = ty else {
        return Err("not a named type".to_owned());
    };
    if let Some(s) = plan.struct_of(ty) {
        let object = value
            .as_object()
            .ok_or_else(|| format!("`{}` needs an object, got {value}", name.name))?;
        let mut setters = Vec::new();
        for (key, v) in object {
            let member = s
                .members
                .iter()
                .find(|m| &m.member_name == key)
                .ok_or_else(|| format!("`{}` has no member `{key}`", name.name))?;
            if v.is_null() {
                continue;
            }
            let setter = ident(&member.setter);
            let v = value_expr(plan, &member.value_type, v, &at.child(key), root)?;
            setters.push(quote!(.#setter(#v)));
        }
        let build = if s.builder_is_fallible() {
            quote!(.build().expect("the test case sets every required member"))
        } else {
            quote!(.build())
        };
        return Ok(quote!(<#rust>::builder() #(#setters)* #build));
    }
    if let Some(e) = plan.enums.iter().find(|e| &e.name == name) {
        return Ok(if e.is_int {
            let n = value
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .ok_or("an intEnum value must be an i32")?;
            quote!(<#rust>::from(#n))
        } else {
            let s = value.as_str().ok_or("an enum value must be a string")?;
            quote!(<#rust>::from(#s))
        });
    }
    if let Some(u) = plan.unions.iter().find(|u| &u.name == name) {
        let object = value.as_object().ok_or("a union value must be an object")?;
        let (key, v) = object.iter().next().ok_or("a union value needs a member")?;
        let variant = u
            .variants
            .iter()
            .find(|variant| &variant.member_name == key)
            .ok_or_else(|| format!("union `{}` has no member `{key}`", name.name))?;
        let variant_name = ident(&variant.name);
        return Ok(match &variant.value_type {
            None => quote!(<#rust>::#variant_name),
            Some(t) => {
                let v = value_expr(plan, t, v, &at.child(key), root)?;
                quote!(<#rust>::#variant_name(#v))
            }
        });
    }
    Err(format!("unknown type `{}`", name.name))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The protocol tests of a JSON AST model.
    fn tests_of(model: &str) -> super::ProtocolTests {
        let loaded = crate::load::load_str(model, Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let plan = crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"));
        super::test_file(&plan, "ex").unwrap_or_else(|e| panic!("{e}"))
    }

    /// Parameters of `bigInteger` and `bigDecimal` members (alone, in a list, beyond `u64` and
    /// `f64`) are built from their text as written.
    #[test]
    fn cbor_bodies_are_decoded_from_base64() {
        assert_eq!(super::decode_base64("v/8=").unwrap(), [0xbf, 0xff]);
        assert_eq!(super::decode_base64("Zm9vYg").unwrap(), b"foob");
        assert_eq!(super::decode_base64("").unwrap(), b"");
        assert!(super::decode_base64("a b").is_none());
        let literal = super::cbor_bytes("oA==").unwrap().to_string();
        assert_eq!(literal, "b\"\\xA0\"");
    }

    #[test]
    fn big_number_params_are_exact() {
        let model = r#"{"smithy": "2.0", "shapes": {
            "ex#Service": {"type": "service", "version": "1",
                "operations": [{"target": "ex#Get"}],
                "traits": {"aws.protocols#restJson1": {}}},
            "ex#Get": {"type": "operation", "output": {"target": "ex#GetOutput"},
                "traits": {
                    "smithy.api#http": {"method": "GET", "uri": "/get", "code": 200},
                    "smithy.test#httpResponseTests": [{"id": "Small", "protocol":
                        "aws.protocols#restJson1", "code": 200, "params": {"n": 1}},
                    {"id": "Big", "protocol": "aws.protocols#restJson1", "code": 200,
                        "body": "{}", "params": {"n": 18446744073709551617,
                        "d": 1.7976931348623157E+309, "l": [1, 1e400, 0.10]}}]}},
            "ex#GetOutput": {"type": "structure", "members": {
                "n": {"target": "smithy.api#BigInteger"},
                "d": {"target": "smithy.api#BigDecimal"},
                "l": {"target": "ex#Decimals"}}},
            "ex#Decimals": {"type": "list", "member": {"target": "smithy.api#BigDecimal"}}
        }}"#;
        let tests = tests_of(model);
        assert!(tests.skipped.is_empty(), "{:?}", tests.skipped);
        let file = tests.file.to_string();
        for text in [
            "18446744073709551617",
            "1.7976931348623157E+309",
            "1e400",
            "0.10",
        ] {
            assert!(
                file.contains(&format!("from_str (\"{text}\")")),
                "{text}: {file}"
            );
        }
        assert!(!file.contains("1.8446744073709552e19"), "{file}");
    }

    /// A model whose cases are all for a protocol without a wire layer gets an empty test
    /// file: the support code (which needs `http`) must not be there.
    #[test]
    fn no_case_no_support_code() {
        let model = r#"{"smithy": "2.0", "shapes": {
            "ex#Service": {"type": "service", "version": "1",
                "operations": [{"target": "ex#Get"}],
                "traits": {"ex#soap": {}}},
            "ex#soap": {"type": "structure", "members": {},
                "traits": {"smithy.api#trait": {"selector": "service"},
                    "smithy.api#protocolDefinition": {}}},
            "ex#Get": {"type": "operation",
                "traits": {"smithy.test#httpRequestTests": [{"id": "Soap", "protocol":
                    "ex#soap", "method": "POST", "uri": "/", "params": {}}]}}
        }}"#;
        let tests = tests_of(model);
        assert!(tests.tests.is_empty());
        assert!(tests.file.is_empty(), "{}", tests.file);
    }
}
