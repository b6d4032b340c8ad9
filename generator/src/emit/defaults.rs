//! Default values: serde's `default` attribute and the builder's fallback.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{plain, rust_type};
use crate::emit::prelude::{DEFAULT, ERR, OK, STRING};
use crate::plan::{DefaultValue, MemberPlan, RustType, StructPlan};

/// The name of the function that returns a member's default, when one is needed.
fn fn_name(plan: &StructPlan, member: &MemberPlan) -> Option<proc_macro2::Ident> {
    let default = member.default.as_ref()?;
    if default.is_type_default() || member.optional {
        return None;
    }
    let _ = plan;
    // An associated function of the struct, so names cannot clash across structs.
    Some(plain(&format!(
        "default_{}",
        member.field.name.trim_end_matches('_')
    )))
}

/// The struct's path, for naming its default functions.
fn struct_path(plan: &StructPlan) -> TokenStream {
    let module = super::tokens::module_path(&plan.module);
    let name = super::tokens::ident(&plan.name);
    quote!(#module::#name)
}

/// A private function returning the default, for values `Default::default()` does not give.
pub fn serde_default_fn(plan: &StructPlan, member: &MemberPlan) -> Option<TokenStream> {
    let name = fn_name(plan, member)?;
    let value = expr(member.default.as_ref()?, &member.value_type);
    let ty = rust_type(&member.value_type);
    // Crate-visible: wire-layer body structs in other modules name it too.
    Some(quote! {
        #[doc(hidden)]
        pub(crate) fn #name() -> #ty {
            #value
        }
    })
    .map(|function| {
        let owner = super::tokens::ident(&plan.name);
        quote!(impl #owner { #function })
    })
}

/// How the builder fills an unset member that has a default.
pub fn fallback(plan: &StructPlan, member: &MemberPlan) -> TokenStream {
    match fn_name(plan, member) {
        Some(name) => {
            let owner = struct_path(plan);
            quote!(unwrap_or_else(#owner::#name))
        }
        None => quote!(unwrap_or_default()),
    }
}

/// The structure's function the builder calls for an unset member's default, when
/// `Default::default()` does not give it.
pub fn fallback_fn(plan: &StructPlan, member: &MemberPlan) -> Option<proc_macro2::Ident> {
    fn_name(plan, member)
}

/// How a reader outside the struct's module fills an unset member that has a default.
pub fn fallback_path(plan: &StructPlan, member: &MemberPlan) -> TokenStream {
    match fn_name(plan, member) {
        Some(name) => {
            let owner = struct_path(plan);
            quote!(unwrap_or_else(#owner::#name))
        }
        None => quote!(unwrap_or_default()),
    }
}

/// A Rust expression for a default value of type `ty`.
fn expr(value: &DefaultValue, ty: &RustType) -> TokenStream {
    let rust = rust_type(ty);
    match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        DefaultValue::Float(f) => {
            let lit = Literal::f64_unsuffixed(*f);
            quote!(#lit)
        }
        DefaultValue::String(s) => quote!(#STRING::from(#s)),
        DefaultValue::EnumValue(s) => quote!(<#rust>::from(#s)),
        DefaultValue::IntEnumValue(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            quote!(<#rust>::from(#lit))
        }
        DefaultValue::Empty => quote!(#DEFAULT::default()),
        DefaultValue::Timestamp(secs, nanos) => {
            let secs = Literal::i64_unsuffixed(*secs);
            quote!(crate::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        DefaultValue::Blob(text) => {
            let blob = quote! {
                crate::primitives::Blob::new(crate::primitives::blob::decode_base64(#text).unwrap_or_default())
            };
            // A streaming body's default is a complete body of those bytes.
            match ty {
                RustType::ByteStream => quote!(crate::primitives::ByteStream::from(#blob)),
                _ => blob,
            }
        }
        DefaultValue::BigNumber(text) => quote! {
            match ::std::str::FromStr::from_str(#text) {
                #OK(value) => value,
                // The text was checked as a JSON number when the model was planned.
                #ERR(_) => unreachable!("default checked at generation time"),
            }
        },
        DefaultValue::Document(v) => {
            let text = v.to_string();
            quote!(::serde_json::from_str(#text).unwrap_or_default())
        }
    }
}
