//! `Deserialize` for structures, written out instead of derived: only a JSON object is
//! accepted (serde's derive would also take an array, filling members by position), `null`
//! means absent, and a missing required member is an error naming its wire name, except
//! while reading a response, where client error correction gives it its zero value and
//! skips `null` in lists and maps that are not sparse (crates with the wire layer only).
//! Keys are looked up, and given twice refused, by the runtime's `structure::Keys`: each impl
//! holds only its members' names and how each is read.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::correction;
use super::defaults;
use super::serde_attrs;
use super::tokens::{ident, rust_type};
use crate::plan::{MemberPlan, Plan, StructPlan};

/// The impl for `target` (a type path) built from `members` of `plan`.
pub fn deserialize_impl(
    service: &Plan,
    plan: &StructPlan,
    members: &[&MemberPlan],
    target: &TokenStream,
) -> TokenStream {
    // Error correction lives in the wire layer's runtime: a crate without one reads no
    // responses and stays strict.
    let correcting = service.primitives.wire;
    let type_name = &plan.name.name;
    let slots: Vec<_> = (0..members.len())
        .map(|i| format_ident!("m{}", i))
        .collect();
    let names = members.iter().map(|m| &m.wire_name);
    let aliases: Vec<TokenStream> = members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            let i = Literal::usize_unsuffixed(i);
            m.aliases.iter().map(move |alias| quote!((#alias, #i)))
        })
        .collect();
    let keys = if aliases.is_empty() {
        quote!(crate::primitives::structure::Keys::new(&[#(#names),*]))
    } else {
        quote!(crate::primitives::structure::Keys::with_aliases(&[#(#names),*], &[#(#aliases),*]))
    };
    let reads = members.iter().zip(&slots).enumerate().map(|(index, (m, slot))| {
        let ty = rust_type(&m.value_type);
        let read = match serde_attrs::with_module(&as_optional(m)) {
            // A `with` module needs a local newtype to be read through `next_value`.
            Some(module) => {
                let path: syn::Path = match syn::parse_str(&module) {
                    Ok(path) => path,
                    Err(_) => return TokenStream::new(),
                };
                quote! {{
                    struct __With(::std::option::Option<#ty>);
                    impl<'de> ::serde::Deserialize<'de> for __With {
                        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                            #path::deserialize(d).map(__With)
                        }
                    }
                    map.next_value::<__With>()?.0
                }}
            }
            None => match correction::reader(&m.value_type).filter(|_| correcting) {
                Some(reader) => quote! {
                    map.next_value_seed(crate::wire::correction::Nullable::<#reader>::new())?
                },
                None => quote!(map.next_value::<::std::option::Option<#ty>>()?),
            },
        };
        let index = Literal::usize_unsuffixed(index);
        quote!(#index => #slot = #read,)
    });
    let fields = members.iter().zip(&slots).map(|(m, slot)| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        if m.optional {
            quote!(#field: #slot,)
        } else if m.default.is_some() {
            let fallback = defaults::fallback_path(plan, m);
            quote!(#field: #slot.#fallback,)
        } else if correcting && correction::zero_is_default(&m.value_type) {
            quote! {
                #field: match #slot {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => crate::wire::correction::missing_or_default(#wire)?,
                },
            }
        } else if correcting && correction::is_structure(service, &m.value_type) {
            let ty = rust_type(&m.value_type);
            quote! {
                #field: match #slot {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => crate::wire::correction::missing_structure::<#ty, _>(#wire)?,
                },
            }
        } else if correcting {
            let zero = correction::zero(service, &m.value_type, &quote!(A::Error));
            quote! {
                #field: match #slot {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => crate::wire::correction::missing(#wire, || #zero)?,
                },
            }
        } else {
            quote!(#field: #slot.ok_or_else(|| <A::Error as ::serde::de::Error>::missing_field(#wire))?,)
        }
    });
    let expecting = format!("a `{type_name}` object");
    // A structure without members skips every key.
    let read_members = if members.is_empty() {
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            let mut keys = #keys;
            #(let mut #slots = ::std::option::Option::None;)*
            while let ::std::option::Option::Some(key) = map.next_key_seed(&mut keys)? {
                match key {
                    #(#reads)*
                    _ => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #target {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #target;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#target, A::Error> {
                        #read_members
                        ::std::result::Result::Ok(#target { #(#fields)* })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}

/// The member as if optional: reading always yields an `Option` (null or absent is `None`).
fn as_optional(m: &MemberPlan) -> MemberPlan {
    let mut m = m.clone();
    m.optional = true;
    m
}
