//! JSON request bodies written straight into bytes (the runtime's `wire::json`).
//!
//! The bytes are those `serde_json::to_vec` gives for the serde-derived types, member for
//! member: the member names are pre-escaped byte strings, optional members are left out when
//! unset, and values that need a serde `with` module or are unions, documents, timestamps,
//! blobs, floats or big numbers go through `serde::Serialize` as derive would send them.
//! Only the types request bodies can reach get a `WriteJson` impl.

use crate::fast_hash::FastSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::prelude::{OK, RESULT, SOME, VEC};
use crate::emit::serde_attrs;
use crate::emit::tokens::ident;
use crate::plan::http::Binding;
use crate::plan::{MemberPlan, ModulePath, Plan, RustIdent, RustType, StructPlan};

/// The structures and enums some request body reaches through writable positions.
#[derive(Clone, Debug, Default)]
pub struct JsonWriters {
    structs: FastSet<(ModulePath, RustIdent)>,
    enums: FastSet<RustIdent>,
}

impl JsonWriters {
    /// Walks every operation input's body (and payload) members.
    pub fn of(plan: &Plan) -> Self {
        let mut writers = JsonWriters::default();
        // restXml bodies are XML, query bodies forms: nothing is written as JSON.
        if !plan.primitives.wire || plan.xml.is_some() {
            return writers;
        }
        for op in plan.operations.iter().filter(|op| op.wire.is_some()) {
            let Some(input) = plan.struct_of(&op.input) else {
                continue;
            };
            for m in &input.members {
                if matches!(
                    m.binding,
                    Binding::Body | Binding::Payload | Binding::ResponseCode
                ) {
                    writers.walk(plan, &m.value_type);
                }
            }
        }
        writers
    }

    /// Marks what `ty` reaches. Iterative, with a stack of types still to look at: models
    /// nest structures thousands deep.
    fn walk(&mut self, plan: &Plan, ty: &RustType) {
        let mut pending = vec![ty];
        while let Some(ty) = pending.pop() {
            match ty {
                RustType::Named { module, name } => {
                    if let Some(s) = plan.struct_of(ty) {
                        if self.structs.insert((module.clone(), name.clone())) {
                            pending.extend(s.members.iter().map(|m| &m.value_type));
                        }
                    } else if plan.enums.iter().any(|e| &e.name == name) {
                        self.enums.insert(name.clone());
                    }
                }
                RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) => {
                    pending.push(inner)
                }
                RustType::Map(key, value) if **key == RustType::String => pending.push(value),
                _ => {}
            }
        }
    }

    /// Whether values of `ty` implement `WriteJson`.
    fn writable(&self, ty: &RustType) -> bool {
        match ty {
            RustType::String
            | RustType::Bool
            | RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64 => true,
            RustType::Named { module, name } => {
                self.structs.contains(&(module.clone(), name.clone())) || self.enums.contains(name)
            }
            RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) => {
                self.writable(inner)
            }
            RustType::Map(key, value) => **key == RustType::String && self.writable(value),
            _ => false,
        }
    }

    /// Writes `value` (a reference to a value of `ty`) to `out`, or returns the error.
    pub fn write_value(&self, ty: &RustType, value: TokenStream) -> TokenStream {
        if self.writable(ty) {
            quote!(crate::wire::json::WriteJson::write_json(#value, out)?;)
        } else {
            quote!(crate::wire::json::write_serde(#value, out)?;)
        }
    }

    /// `WriteJson` for a structure that request bodies reach.
    pub fn struct_impl(&self, plan: &StructPlan) -> TokenStream {
        if !self
            .structs
            .contains(&(plan.module.clone(), plan.name.clone()))
        {
            return TokenStream::new();
        }
        let name = ident(&plan.name);
        let members: Vec<Field> = plan
            .members
            .iter()
            .map(|m| {
                let field = ident(&m.field);
                Field {
                    member: m,
                    place: quote!(self.#field),
                    fill_token: false,
                }
            })
            .collect();
        let object = self.object(&members);
        quote! {
            impl crate::wire::json::WriteJson for #name {
                fn write_json(&self, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
                    #object
                    #OK(())
                }
            }
        }
    }

    /// `WriteJson` for an enum that request bodies reach: its value, as serde writes it.
    pub fn enum_impl(&self, name: &RustIdent, is_int: bool) -> TokenStream {
        if !self.enums.contains(name) {
            return TokenStream::new();
        }
        let type_name = ident(name);
        let body = if is_int {
            quote!(crate::wire::json::WriteJson::write_json(&self.value(), out))
        } else {
            quote!(crate::wire::json::write_str(self.as_str(), out))
        };
        quote! {
            impl crate::wire::json::WriteJson for #type_name {
                fn write_json(&self, out: &mut #VEC<u8>) -> #RESULT<(), ::serde_json::Error> {
                    #body
                }
            }
        }
    }

    /// The body members of an operation input as one JSON object, into `out`; unset
    /// idempotency tokens are filled.
    pub fn input_object(&self, members: &[&MemberPlan]) -> TokenStream {
        let fields: Vec<Field> = members
            .iter()
            .map(|m| {
                let field = ident(&m.field);
                Field {
                    member: m,
                    place: quote!(input.#field),
                    fill_token: m.fills_idempotency_token(),
                }
            })
            .collect();
        self.object(&fields)
    }

    /// `{`, the members in order, `}`. A comma is written before a member only when one
    /// was written before it; where an earlier member is always written that is known here,
    /// and only the uncertain ones track it at run time.
    fn object(&self, fields: &[Field]) -> TokenStream {
        // The common case, an object of optional members each written as it is, as one
        // `json::Object`.
        if !fields.is_empty()
            && fields.iter().all(|f| {
                f.member.optional
                    && !f.fill_token
                    && serde_attrs::value_module(f.member).is_none()
                    && serde_attrs::items_form(&f.member.value_type, f.member.timestamp_format)
                        .is_none()
                    && self.writable(&f.member.value_type)
            })
        {
            let members = fields.iter().map(|f| {
                let name = key_bytes(&f.member.wire_name, false);
                let place = &f.place;
                quote!(object.optional(#name, &#place)?;)
            });
            return quote! {
                let mut object = crate::wire::json::Object::start(out);
                #(#members)*
                object.end();
            };
        }
        let always = |f: &Field| !f.member.optional || f.fill_token;
        let first_always = fields.iter().position(always).unwrap_or(fields.len());
        let tracked = fields.len().min(first_always + 1) > 1;
        let pieces = fields.iter().enumerate().map(|(i, f)| {
            let name = key_bytes(&f.member.wire_name, false);
            let key = if i > first_always {
                let name = key_bytes(&f.member.wire_name, true);
                quote!(out.extend_from_slice(#name);)
            } else if tracked {
                quote!(crate::wire::json::key(out, &mut written, #name);)
            } else {
                quote!(out.extend_from_slice(#name);)
            };
            let place = &f.place;
            let write = self.member_value(f.member, quote!(value));
            if f.fill_token {
                quote! {{
                    let token = #place.clone().unwrap_or_else(crate::wire::idempotency_token);
                    let value = &token;
                    #key
                    #write
                }}
            } else if f.member.optional {
                quote! {
                    if let #SOME(value) = &#place {
                        #key
                        #write
                    }
                }
            } else {
                quote! {{
                    let value = &#place;
                    #key
                    #write
                }}
            }
        });
        let flag = if tracked {
            quote!(let mut written = false;)
        } else {
            TokenStream::new()
        };
        quote! {
            out.push(b'{');
            #flag
            #(#pieces)*
            out.push(b'}');
        }
    }

    fn member_value(&self, member: &MemberPlan, value: TokenStream) -> TokenStream {
        // Lists and maps of floats or formatted timestamps: through their `items::Form`.
        if let Some(form) = serde_attrs::items_form(&member.value_type, member.timestamp_format) {
            return quote!(crate::wire::json::write_serde(&crate::primitives::items::Ser::<#form>(#value), out)?;);
        }
        match serde_attrs::value_module(member) {
            Some(module) => {
                quote!(#module::serialize(#value, &mut ::serde_json::Serializer::new(&mut *out))?;)
            }
            None => self.write_value(&member.value_type, value),
        }
    }
}

/// A member of an object being written, and where its value is.
struct Field<'a> {
    member: &'a MemberPlan,
    place: TokenStream,
    fill_token: bool,
}

/// `"name":` (or `,"name":`) as a byte string literal, the name escaped as JSON.
fn key_bytes(wire_name: &str, comma: bool) -> Literal {
    let mut bytes = Vec::with_capacity(wire_name.len() + 4);
    if comma {
        bytes.push(b',');
    }
    // A `&str` always serializes; the fallback keeps this free of panics regardless.
    let quoted = serde_json::to_string(wire_name).unwrap_or_else(|_| String::from("\"\""));
    bytes.extend_from_slice(quoted.as_bytes());
    bytes.push(b':');
    Literal::byte_string(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::naming::type_name;

    fn bytes_of(literal: Literal) -> Vec<u8> {
        syn::parse_str::<syn::LitByteStr>(&literal.to_string())
            .unwrap()
            .value()
    }

    #[test]
    fn keys_are_escaped_json() {
        assert_eq!(bytes_of(key_bytes("a", false)), br#""a":"#);
        assert_eq!(
            bytes_of(key_bytes("q\"\u{1}é", true)),
            ",\"q\\\"\\u0001é\":".as_bytes()
        );
    }

    fn writers() -> JsonWriters {
        let mut w = JsonWriters::default();
        w.structs.insert((ModulePath::Types, type_name("Known")));
        w.enums.insert(type_name("Color"));
        w
    }

    fn named(name: &str) -> RustType {
        RustType::Named {
            module: ModulePath::Types,
            name: type_name(name),
        }
    }

    #[test]
    fn writable_types_are_those_with_an_impl() {
        let w = writers();
        assert!(w.writable(&RustType::String));
        assert!(w.writable(&RustType::Vec(Box::new(named("Known")))));
        assert!(w.writable(&RustType::Map(
            Box::new(RustType::String),
            Box::new(named("Color"))
        )));
        assert!(!w.writable(&named("SomeUnion")));
        assert!(!w.writable(&RustType::DateTime));
        assert!(!w.writable(&RustType::F64));
        assert!(!w.writable(&RustType::Map(
            Box::new(named("Color")),
            Box::new(RustType::String)
        )));
        let fallback = w.write_value(&RustType::Blob, quote!(v)).to_string();
        assert!(fallback.contains("write_serde"), "{fallback}");
    }
}
