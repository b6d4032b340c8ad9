//! The runtime's `with` modules of values whose JSON form is not serde's default: the
//! written-out `Serialize` and `Deserialize` impls and the JSON body writer call them. Lists
//! and maps of such values, at any depth, go through their `items::Form` ([`items_form`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{self, rust_type};
use crate::plan::{MemberPlan, RustType, TimestampFormat};

/// The serde `with` module for values whose JSON form is not serde's default: timestamps
/// with an explicit format, and floats (restJson1 writes non-finite values as strings).
pub fn with_module(member: &MemberPlan) -> Option<String> {
    let module = base_module(member)?;
    Some(if member.optional {
        format!("{module}::option")
    } else {
        module.to_owned()
    })
}

/// [`with_module`] for the value itself (never its `Option`), as a path.
pub fn value_module(member: &MemberPlan) -> Option<TokenStream> {
    leaf_module_path(&member.value_type, member.timestamp_format)
}

fn base_module(member: &MemberPlan) -> Option<&'static str> {
    leaf_module(&member.value_type, member.timestamp_format)
}

/// The `with` module of a float, or of a timestamp with a format of its own.
fn leaf_module(ty: &RustType, format: Option<TimestampFormat>) -> Option<&'static str> {
    Some(match (ty, format) {
        (RustType::DateTime, Some(TimestampFormat::EpochSeconds)) => {
            "crate::primitives::date_time::serde_epoch_seconds"
        }
        (RustType::DateTime, Some(TimestampFormat::DateTime)) => {
            "crate::primitives::date_time::serde_date_time"
        }
        (RustType::DateTime, Some(TimestampFormat::HttpDate)) => {
            "crate::primitives::date_time::serde_http_date"
        }
        (RustType::F64, _) => "crate::primitives::float::f64_value",
        (RustType::F32, _) => "crate::primitives::float::f32_value",
        _ => return None,
    })
}

/// The `items::Form` type of a list or map whose innermost values (at any depth) are floats
/// or timestamps with a format of their own (`format`, the innermost member's); `None` for
/// anything else, written and read as its type's own serde form.
pub fn items_form(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    if !ty.is_collection() {
        return None;
    }
    form_of(ty, format, Written::AsType)
}

/// [`items_form`] as the runtime's `structure::members!` takes it: `list(map(String,
/// module))`, with no type arguments for prettyplease to print as a run of tokens.
pub fn items_form_args(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    if !ty.is_collection() {
        return None;
    }
    form_of(ty, format, Written::AsMacroArgs)
}

/// How a nest of lists and maps is written: as a type, or as `structure::members!`'s
/// arguments, which it expands to the same type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Written {
    AsType,
    AsMacroArgs,
}

impl Written {
    /// A list (`sparse` or not) of `item`, `module` being the runtime's module of the types.
    pub fn list(self, module: &TokenStream, sparse: bool, item: TokenStream) -> TokenStream {
        match (self, sparse) {
            (Written::AsType, false) => quote!(#module::List<#item>),
            (Written::AsType, true) => quote!(#module::SparseList<#item>),
            (Written::AsMacroArgs, false) => quote!(list(#item)),
            (Written::AsMacroArgs, true) => quote!(sparse_list(#item)),
        }
    }

    /// A map (`sparse` or not) from `key` to `value`.
    pub fn map(
        self,
        module: &TokenStream,
        sparse: bool,
        key: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        match (self, sparse) {
            (Written::AsType, false) => quote!(#module::Map<#key, #value>),
            (Written::AsType, true) => quote!(#module::SparseMap<#key, #value>),
            (Written::AsMacroArgs, false) => quote!(map(#key, #value)),
            (Written::AsMacroArgs, true) => quote!(sparse_map(#key, #value)),
        }
    }
}

/// The `Form` of `ty`: the collections mirrored, the leaf its module's `Form`.
fn form_of(
    ty: &RustType,
    format: Option<TimestampFormat>,
    written: Written,
) -> Option<TokenStream> {
    let items = quote!(crate::primitives::items);
    Some(match ty {
        RustType::Vec(item) => match item.as_ref() {
            RustType::Option(item) => written.list(&items, true, form_of(item, format, written)?),
            item => written.list(&items, false, form_of(item, format, written)?),
        },
        RustType::Map(key, value) => {
            let key = rust_type(key);
            match value.as_ref() {
                RustType::Option(value) => {
                    written.map(&items, true, key, form_of(value, format, written)?)
                }
                value => written.map(&items, false, key, form_of(value, format, written)?),
            }
        }
        leaf if written == Written::AsMacroArgs => leaf_module_path(leaf, format)?,
        leaf => leaf_form(leaf, format)?,
    })
}

/// The `Form` of a float, or of a timestamp with a format of its own (its `with` module's).
pub fn leaf_form(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    let path = leaf_module_path(ty, format)?;
    Some(quote!(#path::Form))
}

/// The `with` module of a float, or of a timestamp with a format of its own, as a path.
pub fn leaf_module_path(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    let path = leaf_module(ty, format)?.split("::").map(tokens::plain);
    Some(quote!(#(#path)::*))
}

/// Serializes as `ty` in `format` is written: `value` (a reference) through its `with`
/// module or `items::Form`, else as it is.
pub fn ser(ty: &RustType, format: Option<TimestampFormat>, value: TokenStream) -> TokenStream {
    if let Some(form) = items_form(ty, format) {
        return quote!(&crate::primitives::items::Ser::<#form>(#value));
    }
    match leaf_module(ty, format) {
        Some(module) => {
            let path = module.split("::").map(tokens::plain);
            quote!(&#(#path)::*::ser(#value))
        }
        None => value,
    }
}

/// A `DeserializeSeed` of `Option<ty>` (`null` is `None`) for a value of `ty` in `format`
/// that needs one; `None` when the type's own `Deserialize` reads it.
pub fn option_seed(ty: &RustType, format: Option<TimestampFormat>) -> Option<TokenStream> {
    if let Some(form) = items_form(ty, format) {
        return Some(quote!(crate::primitives::items::Seed::<#form>::new()));
    }
    let path = leaf_module(ty, format)?.split("::").map(tokens::plain);
    Some(quote!(#(#path)::*::option::Seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: Option<TokenStream>) -> String {
        tokens
            .map(|t| t.to_string().replace(' ', ""))
            .unwrap_or_default()
    }

    fn vec(ty: RustType) -> RustType {
        RustType::Vec(Box::new(ty))
    }

    fn map(ty: RustType) -> RustType {
        RustType::Map(Box::new(RustType::String), Box::new(ty))
    }

    #[test]
    fn forms_mirror_lists_and_maps_at_every_depth() {
        let ty = map(vec(RustType::Option(Box::new(RustType::DateTime))));
        assert_eq!(
            text(items_form(&ty, Some(TimestampFormat::HttpDate))),
            "crate::primitives::items::Map<::std::string::String,crate::primitives::items::SparseList<crate::primitives::date_time::serde_http_date::Form>>"
        );
        assert_eq!(
            text(items_form(&vec(vec(RustType::F32)), None)),
            "crate::primitives::items::List<crate::primitives::items::List<crate::primitives::float::f32_value::Form>>"
        );
    }

    #[test]
    fn values_in_their_own_serde_form_need_no_form() {
        // Timestamps without a format are epoch seconds, their own form.
        assert!(items_form(&vec(RustType::DateTime), None).is_none());
        assert!(items_form(&map(RustType::String), None).is_none());
        // A float outside any list or map goes through its `with` module.
        assert!(items_form(&RustType::F64, None).is_none());
        assert_eq!(
            text(option_seed(&RustType::F64, None)),
            "crate::primitives::float::f64_value::option::Seed"
        );
        assert!(option_seed(&vec(RustType::String), None).is_none());
    }
}
