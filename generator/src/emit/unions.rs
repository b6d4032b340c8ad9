//! Tagged unions: one variant per member, plus `Unknown` for members this crate does not
//! know. On the wire a union is a JSON object with exactly one non-null member.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::serde_attrs;
use super::tokens::{ident, rust_type, REDACTED};
use crate::emit::prelude::{ERR, NONE, OPTION, RESULT, SOME, STRING};
use crate::plan::{Plan, RustType, TimestampFormat, UnionPlan, UnionVariantPlan};

pub fn union_items(service: &Plan, plan: &UnionPlan) -> TokenStream {
    let name = ident(&plan.name);
    let doc = docs::attrs(plan.docs.as_deref());
    let variants = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::attrs(v.docs.as_deref());
        match &v.value_type {
            Some(ty) => {
                let ty = rust_type(ty);
                quote!(#doc #variant(#ty),)
            }
            None => quote!(#doc #variant,),
        }
    });
    let serialize = serialize_impl(plan);
    let deserialize = deserialize_impl(plan, service.primitives.wire);
    let debug = debug_impl(plan);
    quote! {
        #doc
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know; its name is kept.
            Unknown(#STRING),
        }

        #serialize
        #deserialize
        #debug
    }
}

/// The string form of a timestamp with an explicit string format.
fn string_format(v: &UnionVariantPlan) -> Option<TokenStream> {
    match (v.value_type.as_ref()?, v.timestamp_format?) {
        (RustType::DateTime, TimestampFormat::DateTime) => {
            Some(quote!(crate::primitives::date_time::Format::DateTime))
        }
        (RustType::DateTime, TimestampFormat::HttpDate) => {
            Some(quote!(crate::primitives::date_time::Format::HttpDate))
        }
        _ => None,
    }
}

/// Whether the variant's value is written in a form other than its type's own serde form:
/// a float (non-finite values are strings in JSON), or a list or map of floats or of
/// timestamps with a format (a timestamp itself has [`string_format`]).
fn has_form(v: &UnionVariantPlan) -> bool {
    v.value_type.as_ref().is_some_and(|ty| {
        matches!(ty, RustType::F32 | RustType::F64)
            || serde_attrs::items_form(ty, v.timestamp_format).is_some()
    })
}

fn serialize_impl(plan: &UnionPlan) -> TokenStream {
    let name = ident(&plan.name);
    let type_name = &plan.name.name;
    let arms = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire_name;
        match (&v.value_type, string_format(v)) {
            (None, _) => quote! {
                Self::#variant => map.serialize_entry(#wire, &::serde_json::Map::new())?,
            },
            (Some(_), Some(format)) => quote! {
                Self::#variant(value) => map.serialize_entry(#wire, &value.fmt(#format))?,
            },
            (Some(ty), None) if has_form(v) => {
                let value = serde_attrs::ser(ty, v.timestamp_format, quote!(value));
                quote!(Self::#variant(value) => map.serialize_entry(#wire, #value)?,)
            }
            (Some(_), None) => quote! {
                Self::#variant(value) => map.serialize_entry(#wire, value)?,
            },
        }
    });
    let unknown = format!("cannot serialize an unknown member of union `{type_name}`");
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #RESULT<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(#SOME(1))?;
                match self {
                    #(#arms)*
                    Self::Unknown(_) => return #ERR(<S::Error as ::serde::ser::Error>::custom(#unknown)),
                }
                map.end()
            }
        }
    }
}

/// Reads the union straight from the map, without an intermediate JSON value, so numbers
/// keep their precision. Null members and the `__type` marker some services add are not set.
/// With the wire layer, lists and maps inside read with error correction when it is on.
fn deserialize_impl(plan: &UnionPlan, correcting: bool) -> TokenStream {
    let name = ident(&plan.name);
    let type_name = &plan.name.name;
    let arms = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire_name;
        let context = format!("{type_name}.{wire}: ");
        match (&v.value_type, string_format(v)) {
            (None, _) => quote! {
                #wire => map.next_value::<#OPTION<::serde::de::IgnoredAny>>()?.map(|_| #name::#variant),
            },
            (Some(_), Some(format)) => quote! {
                #wire => match map.next_value::<#OPTION<#STRING>>()? {
                    #SOME(text) => #SOME(#name::#variant(
                        crate::primitives::DateTime::parse(&text, #format)
                            .map_err(|e| <A::Error as ::serde::de::Error>::custom(format_args!("{}{}", #context, e)))?,
                    )),
                    #NONE => #NONE,
                },
            },
            (Some(ty), None) => match super::correction::reader(ty, v.timestamp_format)
                .filter(|_| correcting)
            {
                Some(reader) => quote! {
                    #wire => map
                        .next_value_seed(crate::wire::correction::Nullable::<#reader>::new())?
                        .map(#name::#variant),
                },
                None if has_form(v) => {
                    let seed = serde_attrs::option_seed(ty, v.timestamp_format);
                    quote! {
                        #wire => map.next_value_seed(#seed)?.map(#name::#variant),
                    }
                }
                None => {
                    let ty = rust_type(ty);
                    quote! {
                        #wire => map.next_value::<#OPTION<#ty>>()?.map(#name::#variant),
                    }
                }
            },
        }
    });
    // The `__type` marker is skipped, unless the union has a member of that name.
    let type_marker = if plan.variants.iter().any(|v| v.wire_name == "__type") {
        TokenStream::new()
    } else {
        quote! {
            "__type" => {
                map.next_value::<::serde::de::IgnoredAny>()?;
                #NONE
            }
        }
    };
    let expecting = format!("an object with one member of union `{type_name}`");
    let none = format!("union `{type_name}` has no member set");
    let many = format!("union `{type_name}` has more than one member set");
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #RESULT<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> #RESULT<#name, A::Error> {
                        let mut found = #NONE;
                        while let #SOME(key) = map.next_key::<#STRING>()? {
                            let value = match key.as_str() {
                                #(#arms)*
                                #type_marker
                                _ => map
                                    .next_value::<#OPTION<::serde::de::IgnoredAny>>()?
                                    .map(|_| #name::Unknown(key)),
                            };
                            if value.is_some() {
                                if found.is_some() {
                                    return #ERR(<A::Error as ::serde::de::Error>::custom(#many));
                                }
                                found = value;
                            }
                        }
                        found.ok_or_else(|| <A::Error as ::serde::de::Error>::custom(#none))
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}

fn debug_impl(plan: &UnionPlan) -> TokenStream {
    let name = ident(&plan.name);
    let type_name = &plan.name.name;
    let body = if plan.sensitive {
        let text = format!("{type_name} {{ {REDACTED} }}");
        quote!(f.write_str(#text))
    } else {
        let arms = plan.variants.iter().map(|v| {
            let variant = ident(&v.name);
            let label = &v.name.name;
            match (&v.value_type, v.sensitive) {
                (None, _) => quote!(Self::#variant => f.write_str(#label),),
                (Some(_), true) => {
                    quote!(Self::#variant(_) => f.debug_tuple(#label).field(&#REDACTED).finish(),)
                }
                (Some(_), false) => {
                    quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),)
                }
            }
        });
        quote! {
            match self {
                #(#arms)*
                Self::Unknown(member) => f.debug_tuple("Unknown").field(member).finish(),
            }
        }
    };
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}
