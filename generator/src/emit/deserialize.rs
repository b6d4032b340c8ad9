//! `Deserialize` for structures, written out instead of derived: only a JSON object is
//! accepted (serde's derive would also take an array, filling members by position), `null`
//! means absent, and a missing required member is an error naming its wire name, except
//! while reading a response, where client error correction gives it its zero value and
//! skips `null` in lists and maps that are not sparse (crates with the wire layer only).
//! Keys are looked up, and given twice refused, by the runtime's `structure::Keys`: each impl
//! holds only its members' names and how each is read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::correction;
use super::defaults;
use super::serde_attrs;
use super::tokens::ident;
use crate::emit::prelude::{OK, RESULT};
use crate::plan::{MemberPlan, Plan, StructPlan};

/// The impls for `target` (a type name) built from `members` of `plan`: `Deserialize`
/// through the runtime's `structure::read_members` and [`read_members_impl`].
pub fn deserialize_impl(
    service: &Plan,
    plan: &StructPlan,
    members: &[&MemberPlan],
    target: &TokenStream,
    partial: &TokenStream,
) -> TokenStream {
    let read_members = read_members_impl(service, plan, members, target, partial, false);
    quote! {
        crate::primitives::structure::deserialize!(#target);
        #read_members
    }
}

/// The `ReadMembers` impl for `target` built from `members` of `plan`: what is this
/// structure's own, with its builder (`partial`, a type path) holding the members read so far.
/// `own` when `target` is the structure itself and `members` all of its members: where no
/// member must be set, its builder's `build()` then makes it.
pub fn read_members_impl(
    service: &Plan,
    plan: &StructPlan,
    members: &[&MemberPlan],
    target: &TokenStream,
    partial: &TokenStream,
    own: bool,
) -> TokenStream {
    // Error correction lives in the wire layer's runtime: a crate without one reads no
    // responses and stays strict.
    let correcting = service.primitives.wire;
    let type_name = &plan.name.name;
    let names = members.iter().map(|m| &m.wire_name);
    let aliases: Vec<TokenStream> = members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            let i = Literal::usize_unsuffixed(i);
            m.aliases.iter().map(move |alias| quote!((#alias, #i)))
        })
        .collect();
    let aliases = if aliases.is_empty() {
        TokenStream::new()
    } else {
        quote!(const ALIASES: &'static [(&'static str, usize)] = &[#(#aliases),*];)
    };
    let reads = members.iter().enumerate().map(|(index, m)| {
        let field = ident(&m.field);
        let form = serde_attrs::items_form(&m.value_type, m.timestamp_format);
        let read = match serde_attrs::with_module(&as_optional(m)) {
            // Read through the `with` module's `option::Seed`.
            Some(module) => {
                let path: syn::Path = match syn::parse_str(&module) {
                    Ok(path) => path,
                    Err(_) => return TokenStream::new(),
                };
                quote!(map.next_value_seed(#path::Seed)?)
            }
            None => match correction::reader(&m.value_type, m.timestamp_format)
                .filter(|_| correcting)
            {
                Some(reader) => quote! {
                    map.next_value_seed(crate::wire::correction::Nullable::<#reader>::new())?
                },
                // Lists and maps of floats or formatted timestamps, read strictly.
                None => match form {
                    Some(form) => {
                        quote!(map.next_value_seed(crate::primitives::items::Seed::<#form>::new())?)
                    }
                    None => quote!(map.next_value()?),
                },
            },
        };
        let index = Literal::usize_unsuffixed(index);
        quote!(#index => partial.#field = #read,)
    });
    let fields = members.iter().map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        let value = quote!(partial.#field);
        if m.optional {
            quote!(#field: #value,)
        } else if m.default.is_some() {
            let fallback = defaults::fallback_path(plan, m);
            quote!(#field: #value.#fallback,)
        } else if correcting && correction::zero_is_default(&m.value_type) {
            quote!(#field: crate::wire::correction::or_default(#value, #wire)?,)
        } else if correcting && correction::is_structure(service, &m.value_type) {
            quote!(#field: crate::wire::correction::or_zero_structure(#value, #wire)?,)
        } else if correcting {
            let zero = correction::zero(service, &m.value_type, &quote!(E));
            quote!(#field: crate::wire::correction::or_zero(#value, #wire, || #zero)?,)
        } else {
            quote!(#field: crate::primitives::structure::required(#value, #wire)?,)
        }
    });
    let expecting = format!("a `{type_name}` object");
    // A structure without members reads none: every key is skipped.
    let read_member = if members.is_empty() {
        quote! {
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                _: &mut Self::Partial,
                _: usize,
                _: &mut A,
            ) -> #RESULT<bool, A::Error> {
                #OK(false)
            }
        }
    } else {
        quote! {
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                partial: &mut Self::Partial,
                index: usize,
                map: &mut A,
            ) -> #RESULT<bool, A::Error> {
                match index {
                    #(#reads)*
                    _ => return #OK(false),
                }
                #OK(true)
            }
        }
    };
    // Unset members with defaults get them as the builder gives them; nothing else differs.
    let by_builder = own && !members.is_empty() && !plan.builder_is_fallible();
    let finish_arg = if members.is_empty() {
        quote!(_)
    } else {
        quote!(partial)
    };
    let finished = if by_builder {
        quote!(partial.build())
    } else {
        // The structure's own impl also sets its request IDs' field (a response body's
        // struct has none).
        let ids = if own {
            super::structs::unset_request_ids(plan)
        } else {
            TokenStream::new()
        };
        quote!(#target { #(#fields)* #ids })
    };
    quote! {
        impl crate::primitives::structure::ReadMembers for #target {
            type Partial = #partial;
            const EXPECTING: &'static str = #expecting;
            const KEYS: &'static [&'static str] = &[#(#names),*];
            #aliases
            #read_member
            fn finish<E: ::serde::de::Error>(#finish_arg: Self::Partial) -> #RESULT<Self, E> {
                #OK(#finished)
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
