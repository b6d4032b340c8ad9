//! Open enums: a variant per modeled value plus `Unknown`, which keeps any other value so
//! that it round-trips unchanged.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::tokens::{ident, REDACTED};
use crate::emit::prelude::FROM;
use crate::plan::{EnumPlan, EnumValue};

pub fn enum_items(plan: &EnumPlan) -> TokenStream {
    if plan.is_int {
        int_enum(plan)
    } else {
        string_enum(plan)
    }
}

fn debug(plan: &EnumPlan) -> (TokenStream, TokenStream) {
    if plan.sensitive {
        let name = ident(&plan.name);
        let text = format!("{} {{ {REDACTED} }}", plan.name.name);
        (
            TokenStream::new(),
            quote! {
                impl ::std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#text)
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), TokenStream::new())
    }
}

fn string_enum(plan: &EnumPlan) -> TokenStream {
    let name = ident(&plan.name);
    let doc = docs::attrs(plan.docs.as_deref());
    let variants: Vec<_> = plan.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<String> = plan
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        })
        .collect();
    let variant_docs = plan.variants.iter().map(|v| {
        let value_doc = docs::line(&format!("`{}`", values_escape(&v.value)));
        let model_doc = docs::attrs(v.docs.as_deref());
        quote!(#model_doc #value_doc)
    });
    let (derive_debug, debug_impl) = debug(plan);
    quote! {
        #doc
        #[derive(Clone, #derive_debug PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know; it is kept as received.
            Unknown(crate::primitives::UnknownVariantValue),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model defines.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl #FROM<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(crate::primitives::UnknownVariantValue::new(other)),
                }
            }
        }

        crate::primitives::unknown_variant::string_enum_api!(#name);
        #debug_impl
    }
}

fn values_escape(value: &EnumValue) -> String {
    match value {
        EnumValue::String(s) => s.replace('`', "\\`"),
        EnumValue::Int(i) => i.to_string(),
    }
}

fn int_enum(plan: &EnumPlan) -> TokenStream {
    let name = ident(&plan.name);
    let doc = docs::attrs(plan.docs.as_deref());
    let variants: Vec<_> = plan.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<Literal> = plan
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::Int(i) => Literal::i64_unsuffixed(*i),
            EnumValue::String(_) => Literal::i64_unsuffixed(0),
        })
        .collect();
    let variant_docs = plan.variants.iter().map(|v| docs::attrs(v.docs.as_deref()));
    let (derive_debug, debug_impl) = debug(plan);
    quote! {
        #doc
        #[derive(Clone, Copy, #derive_debug PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know; it is kept as received.
            Unknown(i32),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => *value,
                }
            }

            /// Every value the model defines.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl #FROM<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(other),
                }
            }
        }

        crate::primitives::unknown_variant::int_enum_api!(#name);

        #debug_impl
    }
}
