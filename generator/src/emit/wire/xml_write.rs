//! Writing XML bodies: scalars as text, lists as item elements, maps as entries, flattened
//! members as repeated elements, structures and unions through their `WriteXml` impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::values::{self, Scalar};
use super::xml_body::{namespace, Xml};
use crate::emit::prelude::{NONE, SOME};
use crate::plan::xml::{Layout, XmlItem, XmlMember, XmlShape};
use crate::plan::{MemberPlan, RustType, TimestampFormat};

/// An expression giving the text (`String`) of the scalar `value` (a reference) in a body,
/// where timestamps are date-time unless the model says otherwise.
pub(super) fn scalar_text(
    kind: Scalar,
    format: Option<TimestampFormat>,
    value: &TokenStream,
) -> TokenStream {
    values::scalar_text(kind, format.unwrap_or(TimestampFormat::DateTime), value)
}

impl Xml<'_> {
    /// Writes `value` (a reference to a `ty`) as the element `name`.
    pub(super) fn write_value(
        &self,
        ty: &RustType,
        layout: &Layout,
        format: Option<TimestampFormat>,
        name: &str,
        ns: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        match (ty, layout) {
            (RustType::Option(inner), _) => {
                // A `@sparse` collection's null is left out: XML has no null.
                let inner = self.write_value(inner, layout, format, name, ns, quote!(value));
                quote! {
                    if let #SOME(value) = #value {
                        #inner
                    }
                }
            }
            (RustType::Vec(item_ty), Layout::List(item)) => {
                let items = self.write_items(item_ty, item, value);
                quote! {
                    out.start(#name, #ns);
                    out.open();
                    #items
                    out.end(#name);
                }
            }
            (RustType::Map(key_ty, value_ty), Layout::Map { .. }) => {
                let entries =
                    self.write_entries(key_ty, value_ty, layout, "entry", quote!(#NONE), value);
                quote! {
                    out.start(#name, #ns);
                    out.open();
                    #entries
                    out.end(#name);
                }
            }
            _ => match values::scalar(self.plan, ty) {
                Some(kind) => {
                    let text = scalar_text(kind, format, &value);
                    quote!(out.text_element(#name, #ns, &#text);)
                }
                None if self.is_generated(ty) => {
                    quote!(crate::wire::xml::WriteXml::write_xml(#value, out, #name, #ns);)
                }
                // Documents have no XML form; nothing is written.
                None => quote!(let _ = #value;),
            },
        }
    }

    /// The items of a list, each as an element named as `item` says.
    pub(super) fn write_items(
        &self,
        item_ty: &RustType,
        item: &XmlItem,
        value: TokenStream,
    ) -> TokenStream {
        let one = self.write_value(
            item_ty,
            &item.layout,
            item.timestamp_format,
            &item.name,
            namespace(item.namespace.as_ref()),
            quote!(item),
        );
        quote! {
            for item in #value.iter() {
                #one
            }
        }
    }

    /// A map's entries, each an element `entry_name` with a key and a value element.
    pub(super) fn write_entries(
        &self,
        key_ty: &RustType,
        value_ty: &RustType,
        layout: &Layout,
        entry_name: &str,
        entry_ns: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let Layout::Map { key, value: v } = layout else {
            return TokenStream::new();
        };
        let key_write = self.write_value(
            key_ty,
            &key.layout,
            key.timestamp_format,
            &key.name,
            namespace(key.namespace.as_ref()),
            quote!(key),
        );
        let value_write = self.write_value(
            value_ty,
            &v.layout,
            v.timestamp_format,
            &v.name,
            namespace(v.namespace.as_ref()),
            quote!(item),
        );
        quote! {
            for (key, item) in #value.iter() {
                out.start(#entry_name, #entry_ns);
                out.open();
                #key_write
                #value_write
                out.end(#entry_name);
            }
        }
    }

    /// Writes one member of a structure or union (`value` a reference to its value): an
    /// element, or for a flattened list or map, one element per item.
    pub(super) fn write_member(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
        value: TokenStream,
    ) -> TokenStream {
        let ns = namespace(member.namespace.as_ref());
        let name = &member.name;
        match (ty, &member.layout, member.flattened) {
            (RustType::Vec(item_ty), Layout::List(item), true) => {
                let flat = XmlItem {
                    name: name.clone(),
                    namespace: member.namespace.clone(),
                    layout: item.layout.clone(),
                    timestamp_format: item.timestamp_format.or(format),
                };
                self.write_items(item_ty, &flat, value)
            }
            (RustType::Map(key_ty, value_ty), layout @ Layout::Map { .. }, true) => {
                self.write_entries(key_ty, value_ty, layout, name, ns, value)
            }
            (_, layout, _) => self.write_value(ty, layout, format, name, ns, value),
        }
    }

    /// Writes an element `name` holding `members` (each with where its value is).
    pub(super) fn write_element(
        &self,
        name: TokenStream,
        ns: TokenStream,
        shape: &XmlShape,
        members: &[(&MemberPlan, TokenStream)],
    ) -> TokenStream {
        let mut attributes = Vec::new();
        let mut elements = Vec::new();
        for (m, place) in members {
            let Some(xml) = shape.member(&m.member_name) else {
                continue;
            };
            let get = |body: TokenStream| {
                if m.fills_idempotency_token() {
                    quote! {{
                        let token = #place.clone().unwrap_or_else(crate::wire::idempotency_token);
                        let value = &token;
                        #body
                    }}
                } else if m.optional {
                    quote! {
                        if let #SOME(value) = &#place {
                            #body
                        }
                    }
                } else {
                    quote! {{
                        let value = &#place;
                        #body
                    }}
                }
            };
            if xml.attribute {
                let kind = values::scalar(self.plan, &m.value_type).unwrap_or(Scalar::Str);
                let text = scalar_text(kind, m.timestamp_format, &quote!(value));
                let attribute = &xml.name;
                attributes.push(get(quote!(out.attribute(#attribute, &#text);)));
            } else {
                let write =
                    self.write_member(&m.value_type, m.timestamp_format, xml, quote!(value));
                elements.push(get(write));
            }
        }
        quote! {
            out.start(#name, #ns);
            #(#attributes)*
            out.open();
            #(#elements)*
            out.end(#name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_bodies_are_date_time_unless_the_model_says() {
        let text = scalar_text(Scalar::DateTime, None, &quote!(value)).to_string();
        assert!(text.contains("Format :: DateTime"), "{text}");
        let text = scalar_text(
            Scalar::DateTime,
            Some(TimestampFormat::EpochSeconds),
            &quote!(v),
        )
        .to_string();
        assert!(text.contains("EpochSeconds"), "{text}");
    }
}
