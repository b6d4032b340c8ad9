//! Reading XML bodies from the runtime's parsed `Element` tree: scalars from text, lists
//! from item elements, maps from entries, flattened members from repeated elements, structures
//! and unions through their `ReadXml` impls. Every reader's error names the member, never the
//! value.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::values::{self, Scalar};
use super::xml_body::{format_tokens, Xml};
use crate::emit::prelude::{DEFAULT, NONE, OPTION, SOME, STRING, VEC};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::xml::{Layout, XmlMember, XmlShape};
use crate::plan::{MemberPlan, RustType, StructPlan, TimestampFormat};

/// An expression reading the scalar `ty` from `text` (a `&str`), with `?` on a
/// `Result<_, String>`; `what` names it in errors.
pub(super) fn scalar_from_text(
    kind: Scalar,
    ty: &RustType,
    format: Option<TimestampFormat>,
    text: &TokenStream,
    what: &str,
) -> TokenStream {
    let path = rust_type(ty);
    match kind {
        Scalar::Str => quote!(#STRING::from(#text)),
        Scalar::Enum => quote!(<#path>::from(#text)),
        Scalar::IntEnum => {
            quote!(<#path>::from(crate::wire::xml::read_number::<i32>(#text, #what)?))
        }
        Scalar::Bool => quote!(crate::wire::xml::read_bool(#text, #what)?),
        Scalar::Number | Scalar::BigNumber | Scalar::Float => {
            quote!(crate::wire::xml::read_number::<#path>(#text, #what)?)
        }
        Scalar::DateTime => {
            let format = format_tokens(format);
            let message = format!("`{what}` is not a timestamp of its format");
            quote! {
                crate::primitives::DateTime::parse(#text.trim(), #format)
                    .map_err(|_| #STRING::from(#message))?
            }
        }
        Scalar::Blob => {
            let message = format!("`{what}` is not base64");
            quote! {
                crate::primitives::Blob::new(
                    crate::primitives::blob::decode_base64(#text.trim())
                        .map_err(|_| #STRING::from(#message))?,
                )
            }
        }
    }
}

impl Xml<'_> {
    /// A union member's value from its element `child` of the union's `element`; a flattened
    /// list or map is every child of the member's name.
    pub(super) fn read_union_value(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
    ) -> TokenStream {
        let name = &member.name;
        match (ty, &member.layout, member.flattened) {
            (RustType::Vec(item_ty), Layout::List(item), true) => {
                let one = self.read_value(
                    item_ty,
                    &item.layout,
                    item.timestamp_format.or(format),
                    &quote!(child),
                    name,
                );
                quote! {{
                    let mut items = #VEC::new();
                    for child in element.children.iter().filter(|c| c.name == #name) {
                        items.push(#one);
                    }
                    items
                }}
            }
            (RustType::Map(..), layout @ Layout::Map { .. }, true) => {
                let insert = self.read_entry(ty, layout, &quote!(child), name);
                let map_type = rust_type(ty);
                quote! {{
                    let mut map: #map_type = #DEFAULT::default();
                    for child in element.children.iter().filter(|c| c.name == #name) {
                        #insert
                    }
                    map
                }}
            }
            _ => self.read_member_value(ty, format, member, &quote!(child), name),
        }
    }

    /// Reads `ty` from the element `el` (an `&Element`), with `?` on `Result<_, String>`.
    pub(super) fn read_value(
        &self,
        ty: &RustType,
        layout: &Layout,
        format: Option<TimestampFormat>,
        el: &TokenStream,
        what: &str,
    ) -> TokenStream {
        match (ty, layout) {
            (RustType::Option(inner), _) => {
                let inner = self.read_value(inner, layout, format, el, what);
                quote!(#SOME(#inner))
            }
            (RustType::Vec(item_ty), Layout::List(item)) => {
                let name = &item.name;
                let one = self.read_value(
                    item_ty,
                    &item.layout,
                    item.timestamp_format,
                    &quote!(child),
                    what,
                );
                quote! {{
                    let mut items = #VEC::new();
                    for child in #el.children.iter().filter(|c| c.name == #name) {
                        items.push(#one);
                    }
                    items
                }}
            }
            (RustType::Map(..), Layout::Map { .. }) => {
                let insert = self.read_entry(ty, layout, &quote!(entry), what);
                let map_type = rust_type(ty);
                quote! {{
                    let mut map: #map_type = #DEFAULT::default();
                    for entry in #el.children.iter().filter(|c| c.name == "entry") {
                        #insert
                    }
                    map
                }}
            }
            _ => match values::scalar(self.plan, ty) {
                Some(kind) => scalar_from_text(kind, ty, format, &quote!(#el.text.as_str()), what),
                None if self.is_generated(ty) => {
                    let path = rust_type(ty);
                    quote!(<#path as crate::wire::xml::ReadXml>::read_xml(#el)?)
                }
                None => quote!(#DEFAULT::default()),
            },
        }
    }

    /// Inserts the entry element `entry` of a map of type `ty` into `map`.
    pub(super) fn read_entry(
        &self,
        ty: &RustType,
        layout: &Layout,
        entry: &TokenStream,
        what: &str,
    ) -> TokenStream {
        let (RustType::Map(key_ty, value_ty), Layout::Map { key, value }) = (ty, layout) else {
            return TokenStream::new();
        };
        let (key_name, value_name) = (&key.name, &value.name);
        let read_key = self.read_value(
            key_ty,
            &key.layout,
            key.timestamp_format,
            &quote!(key),
            what,
        );
        let read_value = self.read_value(
            value_ty,
            &value.layout,
            value.timestamp_format,
            &quote!(value),
            what,
        );
        let no_key = format!("an entry of `{what}` has no `{key_name}`");
        // A missing value element is an empty one (an empty string, list or structure).
        quote! {{
            let key = #entry.child(#key_name).ok_or_else(|| #STRING::from(#no_key))?;
            let empty = crate::wire::xml::Element::default();
            let value = #entry.child(#value_name).unwrap_or(&empty);
            map.insert(#read_key, #read_value);
        }}
    }

    /// Reads a (not flattened) member's value from its element `el`.
    pub(super) fn read_member_value(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
        el: &TokenStream,
        what: &str,
    ) -> TokenStream {
        self.read_value(ty, &member.layout, format, el, what)
    }

    /// Statements reading `members` of `s` from `el` into locals, and the field
    /// initializers that use them.
    pub(super) fn read_members(
        &self,
        s: &StructPlan,
        shape: &XmlShape,
        members: &[&MemberPlan],
        el: &TokenStream,
    ) -> ReadMembers {
        let mut slots = Vec::new();
        let mut arms: Vec<(String, Vec<TokenStream>)> = Vec::new();
        let mut attributes = Vec::new();
        let mut fields = Vec::new();
        // The other spellings an element may have (an error's `message` member is
        // `<Message>` as often as `<message>`): read where no member has that name.
        let mut alias_arms: Vec<(String, TokenStream)> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let slot = format_ident!("m{}", i);
            let ty = rust_type(&m.value_type);
            slots.push(quote!(let mut #slot: #OPTION<#ty> = #NONE;));
            let what = format!("{}.{}", s.name.name, m.member_name);
            if let Some(xml) = shape.member(&m.member_name) {
                let name = &xml.name;
                if xml.attribute {
                    let kind = values::scalar(self.plan, &m.value_type).unwrap_or(Scalar::Str);
                    let read = scalar_from_text(
                        kind,
                        &m.value_type,
                        m.timestamp_format,
                        &quote!(text),
                        &what,
                    );
                    attributes.push(quote! {
                        if let #SOME(text) = #el.attribute(#name) {
                            #slot = #SOME(#read);
                        }
                    });
                } else {
                    let read = match (&m.value_type, &xml.layout, xml.flattened) {
                        (RustType::Vec(item_ty), Layout::List(item), true) => {
                            let one = self.read_value(
                                item_ty,
                                &item.layout,
                                item.timestamp_format.or(m.timestamp_format),
                                &quote!(child),
                                &what,
                            );
                            quote!(#slot.get_or_insert_with(#DEFAULT::default).push(#one);)
                        }
                        (map @ RustType::Map(..), layout @ Layout::Map { .. }, true) => {
                            let insert = self.read_entry(map, layout, &quote!(child), &what);
                            quote! {{
                                let map = #slot.get_or_insert_with(#DEFAULT::default);
                                #insert
                            }}
                        }
                        _ => {
                            let read = self.read_member_value(
                                &m.value_type,
                                m.timestamp_format,
                                xml,
                                &quote!(child),
                                &what,
                            );
                            quote!(#slot = #SOME(#read);)
                        }
                    };
                    alias_arms.extend(
                        m.aliases
                            .iter()
                            .filter(|alias| *alias != name)
                            .map(|alias| (alias.clone(), read.clone())),
                    );
                    // Members may share an element name (a deprecated member beside the
                    // flattened list replacing it): each of them reads the element, in one arm.
                    match arms.iter_mut().find(|(n, _)| n == name) {
                        Some((_, reads)) => reads.push(read),
                        None => arms.push((name.clone(), vec![read])),
                    }
                }
            }
            let field = ident(&m.field);
            let value = if m.optional {
                quote!(#slot)
            } else if m.default.is_some() {
                let fallback = crate::emit::defaults::fallback_path(s, m);
                quote!(#slot.#fallback)
            } else {
                // Client error correction (on while a response is read): the zero value.
                let zero = crate::emit::correction::zero(
                    self.plan,
                    &m.value_type,
                    &quote!(::serde_json::Error),
                );
                let wire = &m.member_name;
                quote! {
                    crate::wire::correction::or_zero::<_, ::serde_json::Error>(#slot, #wire, || #zero)
                        .map_err(|e| ::std::format!("`{}`: {}", #what, e))?
                }
            };
            fields.push(quote!(#field: #value,));
        }
        for (alias, read) in alias_arms {
            if !arms.iter().any(|(n, _)| *n == alias) {
                arms.push((alias, vec![read]));
            }
        }
        let walk = if arms.is_empty() {
            quote!(let _ = &#el;)
        } else {
            let arms = arms
                .iter()
                .map(|(name, reads)| quote!(#name => { #(#reads)* }));
            quote! {
                for child in &#el.children {
                    match child.name.as_str() {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        };
        ReadMembers {
            statements: quote! {
                #(#slots)*
                #walk
                #(#attributes)*
            },
            fields: quote!(#(#fields)*),
        }
    }
}

/// Code reading members: statements, then field initializers.
pub struct ReadMembers {
    pub statements: TokenStream,
    pub fields: TokenStream,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `from_response` of the errors `Refused` and `Renamed` (whose `detail` is the
    /// element `<Message>`) of a service with `protocol`.
    fn error_readers(protocol: &str) -> (String, String) {
        let model = serde_json::json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Put"}],
                "traits": {protocol: {}}},
            "ex#Put": {"type": "operation", "errors": [{"target": "ex#Refused"}, {"target": "ex#Renamed"}],
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
            "ex#Refused": {"type": "structure", "traits": {"smithy.api#error": "client"},
                "members": {"message": {"target": "smithy.api#String"}}},
            "ex#Renamed": {"type": "structure", "traits": {"smithy.api#error": "client"},
                "members": {"message": {"target": "smithy.api#String"},
                    "detail": {"target": "smithy.api#String",
                        "traits": {"smithy.api#xmlName": "Message"}}}}
        }});
        let loaded = crate::load::load_str(&model.to_string(), std::path::Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let plan = crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"));
        let reader = |name: &str| {
            let s = plan
                .structures
                .iter()
                .find(|s| s.name.name == name)
                .expect(name);
            crate::emit::wire::error_items(&plan, s).to_string()
        };
        (reader("Refused"), reader("Renamed"))
    }

    #[test]
    fn an_errors_message_member_reads_message_in_either_case() {
        for protocol in [
            "aws.protocols#restXml",
            "aws.protocols#awsQuery",
            "aws.protocols#ec2Query",
        ] {
            let (refused, renamed) = error_readers(protocol);
            // `message` and `Message` both fill the member `message` (slot `m0`).
            for arm in ["\"message\" => { m0 =", "\"Message\" => { m0 ="] {
                assert!(refused.contains(arm), "{protocol}: no `{arm}` in {refused}");
            }
            // Where another member is `<Message>`, that element is that member's alone.
            assert!(
                renamed.contains("\"message\" => { m0 ="),
                "{protocol}: {renamed}"
            );
            assert!(
                renamed.contains("\"Message\" => { m1 ="),
                "{protocol}: {renamed}"
            );
            assert_eq!(
                renamed.matches("\"Message\" =>").count(),
                1,
                "{protocol}: {renamed}"
            );
        }
    }

    #[test]
    fn scalars_are_read_in_their_format_and_errors_name_the_member() {
        let text = quote!(text);
        let stamp = scalar_from_text(
            Scalar::DateTime,
            &RustType::DateTime,
            Some(TimestampFormat::HttpDate),
            &text,
            "Out.when",
        )
        .to_string();
        assert!(stamp.contains("Format :: HttpDate"), "{stamp}");
        assert!(stamp.contains("`Out.when` is not a timestamp"), "{stamp}");
        let blob =
            scalar_from_text(Scalar::Blob, &RustType::Blob, None, &text, "Out.data").to_string();
        assert!(blob.contains("`Out.data` is not base64"), "{blob}");
        let number =
            scalar_from_text(Scalar::Number, &RustType::I64, None, &text, "Out.n").to_string();
        assert!(number.contains("read_number :: < i64 >"), "{number}");
    }
}
