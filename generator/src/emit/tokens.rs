//! Small token helpers: identifiers and type paths from the plan.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::prelude::{BOX, OPTION, STRING, VEC};
use crate::plan::{ModulePath, RustIdent, RustType};

pub fn ident(name: &RustIdent) -> Ident {
    if name.raw {
        Ident::new_raw(&name.name, Span::call_site())
    } else {
        Ident::new(&name.name, Span::call_site())
    }
}

/// A plain identifier made by the generator itself (never from model text).
pub fn plain(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub fn module_path(module: &ModulePath) -> TokenStream {
    module_path_in(module, &quote!(crate))
}

/// The path of a generated module below `root` (`crate`, or the generated crate's name
/// when another crate refers to it).
pub fn module_path_in(module: &ModulePath, root: &TokenStream) -> TokenStream {
    let path = module_path_from_root(module);
    quote!(#root::#path)
}

/// The path of a generated module from the crate root, without it (`types::error`): what the
/// runtime's macros that put `crate::` before their paths take (`operation_unit!`).
pub fn module_path_from_root(module: &ModulePath) -> TokenStream {
    match module {
        ModulePath::Types => quote!(types),
        ModulePath::TypesError => quote!(types::error),
        ModulePath::Operation(op) => {
            let op = ident(op);
            quote!(operation::#op)
        }
    }
}

/// The full path of a type, so that model names never shadow `std` names such as `String`.
pub fn rust_type(ty: &RustType) -> TokenStream {
    rust_type_in(ty, &quote!(crate))
}

/// [`rust_type`] with generated types below `root`.
pub fn rust_type_in(ty: &RustType, root: &TokenStream) -> TokenStream {
    let rust_type = |ty: &RustType| rust_type_in(ty, root);
    match ty {
        RustType::String => quote!(#STRING),
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::Blob => quote!(#root::primitives::Blob),
        RustType::ByteStream => quote!(#root::primitives::ByteStream),
        RustType::DateTime => quote!(#root::primitives::DateTime),
        RustType::BigInteger => quote!(#root::primitives::BigInteger),
        RustType::BigDecimal => quote!(#root::primitives::BigDecimal),
        RustType::Document => quote!(#root::primitives::Document),
        RustType::Named { module, name } => {
            let module = module_path_in(module, root);
            let name = ident(name);
            quote!(#module::#name)
        }
        RustType::Vec(inner) => {
            let inner = rust_type(inner);
            quote!(#VEC<#inner>)
        }
        RustType::Map(key, value) => {
            let key = rust_type(key);
            let value = rust_type(value);
            quote!(::std::collections::HashMap<#key, #value>)
        }
        RustType::Option(inner) => {
            let inner = rust_type(inner);
            quote!(#OPTION<#inner>)
        }
        RustType::Box(inner) => {
            let inner = rust_type(inner);
            quote!(#BOX<#inner>)
        }
    }
}

/// The marker Debug prints in place of a `@sensitive` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Whether `tokens` use the binding `name` anywhere, inside groups too (`name` after a `.`
/// is a field or method, not the binding): emitted code declares a binding `mut` only where
/// later statements use it.
pub fn mentions(tokens: &TokenStream, name: &str) -> bool {
    let mut after_dot = false;
    tokens.clone().into_iter().any(|tree| {
        let found = match &tree {
            proc_macro2::TokenTree::Ident(ident) => !after_dot && ident == name,
            proc_macro2::TokenTree::Group(group) => mentions(&group.stream(), name),
            _ => false,
        };
        after_dot = matches!(&tree, proc_macro2::TokenTree::Punct(p) if p.as_char() == '.');
        found
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_types_are_fully_qualified() {
        let ty = RustType::Vec(Box::new(RustType::String)).option();
        assert_eq!(
            rust_type(&ty).to_string(),
            ":: std :: option :: Option < :: std :: vec :: Vec < :: std :: string :: String > >"
        );
    }

    #[test]
    fn raw_identifiers_stay_raw() {
        let name = RustIdent {
            name: "type".into(),
            raw: true,
        };
        assert_eq!(ident(&name).to_string(), "r#type");
    }

    #[test]
    fn a_binding_is_mentioned_but_not_a_field_of_that_name() {
        let used = quote!(if x {
            crate::wire::append_header(&mut headers, "a", &v)?;
        });
        assert!(mentions(&used, "headers"));
        assert!(mentions(&quote!(headers.insert(a, b);), "headers"));
        assert!(!mentions(
            &quote!(let v = input.headers.as_ref();),
            "headers"
        ));
        assert!(!mentions(&quote!(let body = vec![];), "headers"));
    }
}
