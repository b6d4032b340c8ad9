//! Form bodies of the query protocols (awsQuery, ec2Query): the input's members as
//! `key=value` pairs after `Action` and `Version`, and the `WriteQuery` impls of the
//! structures and unions a request holds. Keys follow Smithy's query serialisation: a
//! member's query name (the plan's `XmlMember::query_name`), `.`-joined for nesting, list
//! items `.member.N` (`.N` when flattened, always so for ec2Query), map entries
//! `.entry.N.key` / `.value` (the item names from `@xmlName`).

use proc_macro2::TokenStream;
use quote::quote;

use super::values;
use super::xml_body::Xml;
use super::xml_write::scalar_text;
use crate::emit::prelude::{SOME, VEC};
use crate::emit::tokens::ident;
use crate::plan::protocol::Protocol;
use crate::plan::xml::{Layout, XmlItem, XmlMember, XmlShape};
use crate::plan::{MemberPlan, RustType, StructPlan, TimestampFormat, UnionPlan};

impl Xml<'_> {
    /// ec2Query flattens every list and leaves empty ones out.
    fn ec2(&self) -> bool {
        self.plan.service.protocol == Some(Protocol::Ec2Query)
    }

    /// Writes `value` (a reference to a `ty`) under the key `key` (a `&str` expression).
    fn query_value(
        &self,
        ty: &RustType,
        layout: &Layout,
        format: Option<TimestampFormat>,
        key: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        match (ty, layout) {
            (RustType::Option(inner), _) => {
                // A `@sparse` collection's null has no form; it is left out.
                let inner = self.query_value(inner, layout, format, key, quote!(value));
                quote! {
                    if let #SOME(value) = #value {
                        #inner
                    }
                }
            }
            (RustType::Vec(item_ty), Layout::List(item)) => {
                self.query_items(item_ty, item, self.ec2(), key, value)
            }
            (RustType::Map(key_ty, value_ty), Layout::Map { .. }) => {
                self.query_entries(key_ty, value_ty, layout, false, key, value)
            }
            _ => match values::scalar(self.plan, ty) {
                Some(kind) => {
                    let text = scalar_text(kind, format, &value);
                    quote!(out.push(#key, &#text);)
                }
                None if self.is_generated(ty) => {
                    quote!(crate::wire::query::WriteQuery::write_query(#value, out, #key);)
                }
                // Documents have no form; nothing is written.
                None => quote!(let _ = #value;),
            },
        }
    }

    /// A list's items, keyed `key.member.N` (the item's `@xmlName` for `member`) or, flattened,
    /// `key.N`. awsQuery sends an empty list as `key=`; ec2Query leaves it out.
    fn query_items(
        &self,
        item_ty: &RustType,
        item: &XmlItem,
        flattened: bool,
        key: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let item_key = if flattened {
            quote!(::std::format!("{}.{}", #key, index + 1))
        } else {
            let name = &item.name;
            quote!(::std::format!("{}.{}.{}", #key, #name, index + 1))
        };
        let one = self.query_value(
            item_ty,
            &item.layout,
            item.timestamp_format,
            quote!(&item_key),
            quote!(item),
        );
        let empty = (!self.ec2()).then(|| {
            quote! {
                if #value.is_empty() {
                    out.push(#key, "");
                }
            }
        });
        quote! {
            #empty
            for (index, item) in #value.iter().enumerate() {
                let item_key = #item_key;
                #one
            }
        }
    }

    /// A map's entries in key order (numbered, so the order is the form's), each keyed
    /// `key.entry.N` (flattened: `key.N`) with its key and value under their item names.
    fn query_entries(
        &self,
        key_ty: &RustType,
        value_ty: &RustType,
        layout: &Layout,
        flattened: bool,
        key: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let Layout::Map { key: k, value: v } = layout else {
            return TokenStream::new();
        };
        let entry_key = if flattened {
            quote!(::std::format!("{}.{}", #key, index + 1))
        } else {
            quote!(::std::format!("{}.entry.{}", #key, index + 1))
        };
        let (key_name, value_name) = (&k.name, &v.name);
        let write_key = self.query_value(
            key_ty,
            &k.layout,
            k.timestamp_format,
            quote!(&key_key),
            quote!(map_key),
        );
        let write_value = self.query_value(
            value_ty,
            &v.layout,
            v.timestamp_format,
            quote!(&value_key),
            quote!(map_item),
        );
        quote! {
            // Map keys are strings or string enums: both have `as_str`.
            let mut entries: #VEC<_> = #value.iter().collect();
            entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
            for (index, (map_key, map_item)) in entries.into_iter().enumerate() {
                let entry_key = #entry_key;
                let key_key = ::std::format!("{}.{}", entry_key, #key_name);
                let value_key = ::std::format!("{}.{}", entry_key, #value_name);
                #write_key
                #write_value
            }
        }
    }

    /// Writes one member of a structure or union under `key`: its value, or a flattened
    /// list's or map's items.
    fn query_member(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
        key: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        match (ty, &member.layout) {
            (RustType::Vec(item_ty), Layout::List(item)) => {
                let item = XmlItem {
                    timestamp_format: item.timestamp_format.or(format),
                    ..(**item).clone()
                };
                self.query_items(item_ty, &item, member.flattened || self.ec2(), key, value)
            }
            (RustType::Map(key_ty, value_ty), layout @ Layout::Map { .. }) => {
                self.query_entries(key_ty, value_ty, layout, member.flattened, key, value)
            }
            (_, layout) => self.query_value(ty, layout, format, key, value),
        }
    }

    /// The members (each with where its value is) keyed inside `prefix` (a `&str` expression),
    /// or at the top of the form when `None`.
    fn query_members(
        &self,
        shape: &XmlShape,
        members: &[(&MemberPlan, TokenStream)],
        prefix: Option<TokenStream>,
    ) -> TokenStream {
        let writes = members.iter().filter_map(|(m, place)| {
            let xml = shape.member(&m.member_name)?;
            let name = &xml.query_name;
            let key = match &prefix {
                Some(prefix) => quote!(&crate::wire::query::key(#prefix, #name)),
                None => quote!(#name),
            };
            let write =
                self.query_member(&m.value_type, m.timestamp_format, xml, key, quote!(value));
            Some(if m.fills_idempotency_token() {
                quote! {{
                    let token = #place.clone().unwrap_or_else(crate::wire::idempotency_token);
                    let value = &token;
                    #write
                }}
            } else if m.optional {
                quote! {
                    if let #SOME(value) = &#place {
                        #write
                    }
                }
            } else {
                quote! {{
                    let value = &#place;
                    #write
                }}
            })
        });
        quote!(#(#writes)*)
    }

    /// The statements binding `body` (the form of `input`'s `members`, after `Action` and
    /// `Version`) and `content_type`.
    pub fn query_request_body(
        &self,
        operation: &str,
        input: &StructPlan,
        members: &[&MemberPlan],
    ) -> TokenStream {
        let version = self.plan.service.version.clone().unwrap_or_default();
        let content_type = Protocol::AwsQuery.body_content_type();
        let fields = super::xml_body::member_fields(members.iter().copied(), &quote!(input));
        let writes = match self.shape(&input.id) {
            Some(shape) => self.query_members(shape, &fields, None),
            None => TokenStream::new(),
        };
        let form = if writes.is_empty() {
            quote!(let form = crate::wire::query::Form::new(#operation, #version);)
        } else {
            quote! {
                let mut form = crate::wire::query::Form::new(#operation, #version);
                {
                    let out = &mut form;
                    #writes
                }
            }
        };
        quote! {
            #form
            let body = form.into_bytes();
            let content_type = #content_type;
        }
    }

    /// `WriteQuery` for a structure some request holds.
    pub(super) fn struct_write_query(&self, s: &StructPlan, shape: &XmlShape) -> TokenStream {
        let type_name = ident(&s.name);
        let members = super::xml_body::member_fields(&s.members, &quote!(self));
        let writes = self.query_members(shape, &members, Some(quote!(prefix)));
        let unused = members.is_empty().then(|| quote!(let _ = (out, prefix);));
        quote! {
            impl crate::wire::query::WriteQuery for #type_name {
                fn write_query(&self, out: &mut crate::wire::query::Form, prefix: &str) {
                    #unused
                    #writes
                }
            }
        }
    }

    /// `WriteQuery` for a union some request holds: its set member.
    pub(super) fn union_write_query(&self, u: &UnionPlan, shape: &XmlShape) -> TokenStream {
        let type_name = ident(&u.name);
        let arms = u.variants.iter().filter_map(|v| {
            let member = shape.member(&v.member_name)?;
            let variant = ident(&v.name);
            let name = &member.query_name;
            let key = quote!(&crate::wire::query::key(prefix, #name));
            Some(match &v.value_type {
                Some(ty) => {
                    let write =
                        self.query_member(ty, v.timestamp_format, member, key, quote!(value));
                    quote!(Self::#variant(value) => { #write })
                }
                None => quote!(Self::#variant => out.push(#key, ""),),
            })
        });
        quote! {
            impl crate::wire::query::WriteQuery for #type_name {
                fn write_query(&self, out: &mut crate::wire::query::Form, prefix: &str) {
                    match self {
                        #(#arms)*
                        // An unknown member cannot be sent: its value is not kept.
                        Self::Unknown(_) => {}
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::wire::values::Scalar;

    #[test]
    fn scalars_are_their_text() {
        let text = scalar_text(Scalar::Blob, None, &quote!(value)).to_string();
        assert!(text.contains("encode_base64"), "{text}");
    }
}
