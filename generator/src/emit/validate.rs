//! `validate()`: every constraint of the model checked on a value, every violation
//! collected with its path. The checks descend through lists, maps, structures and unions.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{ident, plain};
use crate::emit::prelude::{NONE, RESULT, SOME};
use crate::plan::constraints::{Checks, Nested};
use crate::plan::{RustType, StructPlan, UnionPlan};

fn opt_u64(value: Option<u64>) -> TokenStream {
    match value {
        // Unsuffixed: the runtime's parameters give the type.
        Some(v) => {
            let lit = Literal::u64_unsuffixed(v);
            quote!(#SOME(#lit))
        }
        None => quote!(#NONE),
    }
}

fn opt_f64(value: Option<f64>) -> TokenStream {
    match value {
        // A bound beyond `f64` (`1e400`) is infinite, which no literal writes.
        Some(v) if v.is_infinite() && v > 0.0 => {
            quote!(#SOME(
                ::core::primitive::f64::INFINITY
            ))
        }
        Some(v) if v.is_infinite() => {
            quote!(#SOME(
                ::core::primitive::f64::NEG_INFINITY
            ))
        }
        Some(v) => {
            let lit = Literal::f64_unsuffixed(v);
            quote!(#SOME(#lit))
        }
        None => quote!(#NONE),
    }
}

fn opt_i128(value: Option<i128>) -> TokenStream {
    match value {
        Some(v) => {
            let lit = Literal::i128_unsuffixed(v);
            quote!(#SOME(#lit))
        }
        None => quote!(#NONE),
    }
}

fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote!(#SOME(#text)),
        None => quote!(#NONE),
    }
}

fn unboxed(ty: &RustType) -> &RustType {
    match ty {
        RustType::Box(inner) => inner.as_ref(),
        other => other,
    }
}

/// Whether the only checks of a value of type `ty` are those of the structures and unions in
/// it, possibly in lists and optional items: the runtime's `Validate` impls of `Option` and
/// `Vec` then do them, with the same paths and in the same order, in one call.
fn only_nested(checks: &Checks, ty: &RustType) -> bool {
    let own = checks.length.is_none()
        && checks.range.is_none()
        && checks.pattern.is_none()
        && !checks.unique;
    own && match (&checks.nested, unboxed(ty)) {
        (Nested::Validate, RustType::Named { .. }) => true,
        (Nested::Items(item), RustType::Vec(item_type)) => {
            let item_type = match item_type.as_ref() {
                RustType::Option(inner) => inner.as_ref(),
                other => other,
            };
            !item.is_trivial() && only_nested(item, item_type)
        }
        _ => false,
    }
}

/// The checks of `value` (a reference to a value of type `ty`) at `path`.
fn checks_of(checks: &Checks, ty: &RustType) -> TokenStream {
    if checks.is_trivial() {
        return TokenStream::new();
    }
    let ty = unboxed(ty);
    if only_nested(checks, ty) {
        return quote!(errors.nested(&path, value););
    }
    let mut out = Vec::new();
    if let Some((min, max)) = checks.length {
        let (min, max) = (opt_u64(min), opt_u64(max));
        let len = match ty {
            RustType::String => {
                out.push(quote!(errors.text_length(&path, value, #min, #max);));
                None
            }
            // `@length` on a named type: a string enum (Smithy's `string` selector takes enums).
            RustType::Named { .. } => {
                out.push(quote!(errors.text_length(&path, value.as_str(), #min, #max);));
                None
            }
            RustType::Vec(_) | RustType::Map(..) => Some(quote!(value.len())),
            RustType::Blob => Some(quote!(value.as_ref().len())),
            _ => None,
        };
        if let Some(len) = len {
            out.push(quote!(errors.length(&path, #len, #min, #max);));
        }
    }
    if let Some((min, max)) = checks.range {
        match ty {
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
                // Exact integer bounds, whatever their size as written.
                let (exact_min, exact_max) = checks.range_int.unwrap_or((None, None));
                let (min, max) = (opt_i128(exact_min), opt_i128(exact_max));
                out.push(quote!(errors.range_int(&path, i128::from(*value), #min, #max);));
            }
            // `@range` on a named type: an intEnum (Smithy's `number` selector takes them).
            RustType::Named { .. } => {
                let (exact_min, exact_max) = checks.range_int.unwrap_or((None, None));
                let (min, max) = (opt_i128(exact_min), opt_i128(exact_max));
                out.push(quote!(errors.range_int(&path, i128::from(value.value()), #min, #max);));
            }
            RustType::F32 => {
                let (min, max) = (opt_f64(min), opt_f64(max));
                out.push(quote!(errors.range(&path, f64::from(*value), #min, #max);));
            }
            RustType::F64 => {
                let (min, max) = (opt_f64(min), opt_f64(max));
                out.push(quote!(errors.range(&path, *value, #min, #max);));
            }
            RustType::BigInteger | RustType::BigDecimal => {
                // Compared exactly with the bounds as written; the message shows them as f64.
                let (min_text, max_text) = checks.range_text.clone().unwrap_or_default();
                let (min_text, max_text) =
                    (opt_str(min_text.as_deref()), opt_str(max_text.as_deref()));
                let (min, max) = (opt_f64(min), opt_f64(max));
                out.push(quote! {
                    if !value.within(#min_text, #max_text) {
                        errors.push(&path, crate::validation::Rule::Range { min: #min, max: #max });
                    }
                });
            }
            _ => {}
        }
    }
    // `@pattern` on a string, or on a string enum (a named type).
    if let (Some(index), RustType::String | RustType::Named { .. }) = (checks.pattern, ty) {
        let pattern = plain(&format!("PATTERN_{index}"));
        let text = match ty {
            RustType::String => quote!(value),
            _ => quote!(value.as_str()),
        };
        out.push(quote! {
            errors.matches(&path, #text, &crate::validation::#pattern);
        });
    }
    if checks.unique && matches!(ty, RustType::Vec(_)) {
        out.push(quote!(errors.unique(&path, value);));
    }
    match (&checks.nested, ty) {
        (Nested::Validate, RustType::Named { .. }) => {
            out.push(quote!(crate::validation::Validate::validate_into(value, &path, errors);))
        }
        (Nested::Items(item), RustType::Vec(item_type)) if !item.is_trivial() => {
            let (item_type, sparse) = match item_type.as_ref() {
                RustType::Option(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let inner = checks_of(item, item_type);
            if only_nested(item, item_type) {
                // `Vec`'s and `Option`'s `Validate` impls walk the items.
                out.push(quote!(errors.nested(&path, value);));
                return quote!(#(#out)*);
            }
            let body = if sparse {
                quote!(if let #SOME(value) = value { #inner })
            } else {
                inner
            };
            out.push(quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = path.index(index);
                    #body
                }
            });
        }
        (Nested::Entries { key, value }, RustType::Map(key_type, value_type))
            if !(key.is_trivial() && value.is_trivial()) =>
        {
            let key_checks = checks_of(key, key_type);
            let (value_type, sparse) = match value_type.as_ref() {
                RustType::Option(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let inner = checks_of(value, value_type);
            let value_body = if sparse {
                quote!(if let #SOME(value) = value { #inner })
            } else {
                inner
            };
            // Iterate only over what has checks, so nothing is bound and left unused.
            out.push(if value_body.is_empty() {
                quote! {
                    for key in value.keys() {
                        let path = path.key(key.as_str());
                        let value = key;
                        #key_checks
                    }
                }
            } else if key_checks.is_empty() {
                quote! {
                    for (key, value) in value {
                        let path = path.key(key.as_str());
                        #value_body
                    }
                }
            } else {
                quote! {
                    for (key, value) in value {
                        let path = path.key(key.as_str());
                        {
                            let value = key;
                            #key_checks
                        }
                        #value_body
                    }
                }
            });
        }
        _ => {}
    }
    quote!(#(#out)*)
}

/// The `Validate` impl of type `name` with `body`, or the trait's default where nothing is
/// checked.
fn validate_impl(name: &TokenStream, body: Option<TokenStream>) -> TokenStream {
    let validate_into = body.map(|body| {
        quote! {
            fn validate_into(
                &self,
                path: &crate::validation::Path<'_>,
                errors: &mut crate::validation::ValidationErrors,
            ) {
                #body
            }
        }
    });
    quote! {
        impl crate::validation::Validate for #name {
            #validate_into
        }
    }
}

/// `validate` and `validate_into` for a structure.
pub fn struct_validate(plan: &StructPlan) -> TokenStream {
    let name = ident(&plan.name);
    let members = plan.members.iter().filter_map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        let checks = checks_of(&m.checks, &m.value_type);
        // Required members that the type leaves optional (`@input`, `@clientOptional`).
        let required = m.optional && m.required;
        if checks.is_empty() && !required {
            return None;
        }
        Some(if m.optional && checks.is_empty() {
            quote! {
                errors.require(&path.member(#wire), &self.#field);
            }
        } else if !required && only_nested(&m.checks, &m.value_type) {
            // `Option`'s `Validate` impl skips a member that is not set.
            quote! {
                errors.nested(&path.member(#wire), &self.#field);
            }
        } else if m.optional && !required {
            quote! {
                if let #SOME(value) = &self.#field {
                    let path = path.member(#wire);
                    #checks
                }
            }
        } else if m.optional {
            quote! {{
                let path = path.member(#wire);
                if let #SOME(value) = errors.require(&path, &self.#field) {
                    #checks
                }
            }}
        } else {
            quote! {{
                let path = path.member(#wire);
                let value = &self.#field;
                #checks
            }}
        })
    });
    let members: Vec<_> = members.collect();
    let body = (!members.is_empty()).then(|| quote!(#(#members)*));
    // `validate()` itself comes from the runtime's `structure_api!`.
    validate_impl(&quote!(#name), body)
}

/// `validate` and `validate_into` for a union: the checks of the member that is set.
pub fn union_validate(plan: &UnionPlan) -> TokenStream {
    let name = ident(&plan.name);
    let arms: Vec<TokenStream> = plan
        .variants
        .iter()
        .filter_map(|v| {
            let ty = v.value_type.as_ref()?;
            let checks = checks_of(&v.checks, ty);
            if checks.is_empty() {
                return None;
            }
            let variant = ident(&v.name);
            let wire = &v.wire_name;
            if only_nested(&v.checks, ty) {
                return Some(quote! {
                    Self::#variant(value) => errors.nested(&path.member(#wire), value),
                });
            }
            Some(quote! {
                Self::#variant(value) => {
                    let path = path.member(#wire);
                    #checks
                }
            })
        })
        .collect();
    let body = (!arms.is_empty()).then(|| {
        quote! {
            match self {
                #(#arms)*
                _ => {}
            }
        }
    });
    let validate = validate_impl(&quote!(#name), body);
    quote! {
        impl #name {
            /// Checks every constraint the model puts on this union and the values in it,
            /// returning every violation with its path ([`crate::validation`]).
            pub fn validate(&self) -> #RESULT<(), crate::validation::ValidationErrors> {
                crate::validation::validate(self)
            }
        }
        #validate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::rust_type::ModulePath;
    use crate::plan::RustIdent;

    fn named() -> RustType {
        RustType::Named {
            module: ModulePath::Types,
            name: RustIdent {
                name: "Inner".to_owned(),
                raw: false,
            },
        }
    }

    fn nested() -> Checks {
        Checks {
            nested: Nested::Validate,
            ..Checks::default()
        }
    }

    fn items(item: Checks) -> Checks {
        Checks {
            nested: Nested::Items(Box::new(item)),
            ..Checks::default()
        }
    }

    #[test]
    fn structures_in_lists_and_options_are_one_nested_call() {
        let list = RustType::Vec(Box::new(named()));
        let sparse = RustType::Vec(Box::new(RustType::Option(Box::new(named()))));
        let lists = RustType::Vec(Box::new(list.clone()));
        for (checks, ty) in [
            (nested(), named()),
            (items(nested()), list.clone()),
            (items(nested()), sparse),
            (items(items(nested())), lists),
        ] {
            assert!(only_nested(&checks, &ty), "{ty:?}");
            let out = checks_of(&checks, &ty).to_string();
            assert_eq!(out, "errors . nested (& path , value) ;", "{ty:?}");
        }
        // A length of its own keeps the list's checks, and the items are still one call.
        let bounded = Checks {
            length: Some((None, Some(3))),
            ..items(nested())
        };
        assert!(!only_nested(&bounded, &list));
        let out = checks_of(&bounded, &list).to_string();
        let length = quote!(errors.length(&path, value.len(), #NONE, #SOME(3));).to_string();
        assert!(out.contains(&length), "{out}");
        assert!(out.contains("errors . nested (& path , value)") && !out.contains("for "));
    }

    #[test]
    fn items_with_own_checks_are_walked_and_patterns_carry_their_text() {
        let strings = RustType::Vec(Box::new(RustType::String));
        let checks = items(Checks {
            pattern: Some(2),
            length: Some((Some(1), None)),
            ..Checks::default()
        });
        assert!(!only_nested(&checks, &strings));
        let out = checks_of(&checks, &strings).to_string();
        assert!(out.contains("for (index , value) in value . iter () . enumerate ()"));
        let length = quote!(errors.text_length(&path, value, #SOME(1), #NONE);).to_string();
        assert!(out.contains(&length), "{out}");
        assert!(
            out.contains("errors . matches (& path , value , & crate :: validation :: PATTERN_2)")
        );
    }
}
