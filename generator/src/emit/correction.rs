//! Client error correction in generated readers (runtime: `wire::correction`): the zero value
//! of each type, and the reader types that skip `null` in lists and maps that are not sparse.

use proc_macro2::TokenStream;
use quote::quote;

use super::serde_attrs::Written;
use super::tokens::rust_type;
use crate::emit::prelude::{BOX, DEFAULT, NONE, RESULT, STRING};
use crate::plan::{ModulePath, Plan, RustType, TimestampFormat};

/// An expression of type `Result<ty, error>`: the zero value Smithy's client error correction
/// gives a required member the response left out (`false`, `0`, `""`, empty blob, list and
/// map, the epoch, a `null` document, the unknown variant of an enum, intEnum or union, and
/// for a structure `{}` read with correction).
pub fn zero(plan: &Plan, ty: &RustType, error: &TokenStream) -> TokenStream {
    let ok = |value: TokenStream| quote!(#RESULT::<_, #error>::Ok(#value));
    match ty {
        RustType::Named { module, name } => {
            let path = rust_type(ty);
            let in_types = *module == ModulePath::Types;
            if let Some(e) = plan.enums.iter().find(|e| in_types && e.name == *name) {
                // Enum values are never empty, so `""` is always the unknown variant.
                if e.is_int {
                    ok(quote!(#path::Unknown(0)))
                } else {
                    ok(quote!(<#path>::from("")))
                }
            } else if plan.unions.iter().any(|u| in_types && u.name == *name) {
                ok(quote!(#path::Unknown(#STRING::new())))
            } else {
                quote!(crate::wire::correction::zero_structure::<#path, #error>())
            }
        }
        RustType::Box(inner) => {
            let inner = zero(plan, inner, error);
            quote!(#inner.map(#BOX::new))
        }
        RustType::Option(_) => ok(quote!(#NONE)),
        // Every other type's `Default` is its zero value (the epoch for timestamps, a `null`
        // document, `0` for big numbers).
        _ => ok(quote!(#DEFAULT::default())),
    }
}

/// Whether `ty` is a generated string enum (whose zero value is its unknown value `""`).
pub fn is_string_enum(plan: &Plan, ty: &RustType) -> bool {
    match ty {
        RustType::Named { module, name } => {
            *module == ModulePath::Types && plan.enums.iter().any(|e| e.name == *name && !e.is_int)
        }
        _ => false,
    }
}

/// Whether `ty` is a generated structure (whose zero value is `{}` read with correction).
pub fn is_structure(plan: &Plan, ty: &RustType) -> bool {
    plan.struct_of(ty).is_some()
}

/// Whether `ty`'s zero value is its `Default` (everything but generated types and boxes).
pub fn zero_is_default(ty: &RustType) -> bool {
    !matches!(ty, RustType::Named { .. } | RustType::Box(_))
}

/// The `wire::correction` reader type for a value with a list or map inside, so that every
/// list and map at any depth reads with its own sparseness; `None` when there is none (the
/// value's own `Deserialize` is used).
/// Floats, and timestamps with a format of their own (`format`, the innermost member's),
/// are read by their `with` module's `Form`.
pub fn reader(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    has_collection(ty).then(|| reader_of(ty, format, Written::AsType))
}

/// [`reader`] as the runtime's `structure::members!` takes it (`list(plain(Tag))`): no type
/// arguments for prettyplease to print as a run of tokens.
pub fn reader_args(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    has_collection(ty).then(|| reader_of(ty, format, Written::AsMacroArgs))
}

fn has_collection(ty: &RustType) -> bool {
    match ty {
        RustType::Vec(_) | RustType::Map(..) => true,
        RustType::Option(inner) | RustType::Box(inner) => has_collection(inner),
        _ => false,
    }
}

fn reader_of(ty: &RustType, format: Option<TimestampFormat>, written: Written) -> TokenStream {
    let module = quote!(crate::wire::correction);
    let args = written == Written::AsMacroArgs;
    match ty {
        RustType::Vec(item) => match item.as_ref() {
            RustType::Option(item) => written.list(&module, true, reader_of(item, format, written)),
            item => written.list(&module, false, reader_of(item, format, written)),
        },
        RustType::Map(key, value) => {
            let key = rust_type(key);
            match value.as_ref() {
                RustType::Option(value) => {
                    written.map(&module, true, key, reader_of(value, format, written))
                }
                value => written.map(&module, false, key, reader_of(value, format, written)),
            }
        }
        // As arguments, a boxed leaf is the box of its reader (the same value is read):
        // `Box<T>` would be a type argument.
        RustType::Box(inner) if has_collection(inner) || args => {
            let inner = reader_of(inner, format, written);
            if args {
                quote!(boxed(#inner))
            } else {
                quote!(#module::Boxed<#inner>)
            }
        }
        other => match (written, super::serde_attrs::leaf_module_path(other, format)) {
            (Written::AsType, Some(path)) => quote!(#module::Seeded<#path::Form>),
            (Written::AsMacroArgs, Some(path)) => quote!(seeded(#path)),
            (Written::AsType, None) => {
                let ty = rust_type(other);
                quote!(#module::Plain<#ty>)
            }
            (Written::AsMacroArgs, None) => {
                let ty = rust_type(other);
                quote!(plain(#ty))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn values_without_collections_use_their_own_deserialize() {
        assert!(reader(&RustType::String, None).is_none());
        assert!(reader(&RustType::Box(Box::new(RustType::I32)), None).is_none());
    }

    #[test]
    fn readers_mirror_sparseness_at_every_depth() {
        let dense_of_sparse = RustType::Vec(Box::new(RustType::Vec(Box::new(RustType::Option(
            Box::new(RustType::String),
        )))));
        assert_eq!(
            text(reader(&dense_of_sparse, None).unwrap()),
            "crate::wire::correction::List<crate::wire::correction::SparseList<crate::wire::correction::Plain<::std::string::String>>>"
        );
        let sparse_map = RustType::Map(
            Box::new(RustType::String),
            Box::new(RustType::Option(Box::new(RustType::Vec(Box::new(
                RustType::I32,
            ))))),
        );
        assert_eq!(
            text(reader(&sparse_map, None).unwrap()),
            "crate::wire::correction::SparseMap<::std::string::String,crate::wire::correction::List<crate::wire::correction::Plain<i32>>>"
        );
    }

    #[test]
    fn floats_and_formatted_timestamps_are_read_by_their_form() {
        let floats = RustType::Vec(Box::new(RustType::Option(Box::new(RustType::F64))));
        assert_eq!(
            text(reader(&floats, None).unwrap()),
            "crate::wire::correction::SparseList<crate::wire::correction::Seeded<crate::primitives::float::f64_value::Form>>"
        );
        let stamps = RustType::Vec(Box::new(RustType::DateTime));
        assert_eq!(
            text(reader(&stamps, Some(TimestampFormat::DateTime)).unwrap()),
            "crate::wire::correction::List<crate::wire::correction::Seeded<crate::primitives::date_time::serde_date_time::Form>>"
        );
        // Epoch seconds without a trait are the timestamp's own form.
        assert_eq!(
            text(reader(&stamps, None).unwrap()),
            "crate::wire::correction::List<crate::wire::correction::Plain<crate::primitives::DateTime>>"
        );
    }
}
