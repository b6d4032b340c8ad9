//! `validate()`: every constraint of the model checked on a value, every violation
//! collected with its path. The checks descend through lists, maps, structures and unions.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{ident, plain};
use crate::emit::prelude::{NONE, RESULT, SOME};
use crate::plan::constraints::{Checks, Nested};
use crate::plan::pattern::PatternPlan;
use crate::plan::{RustType, StructPlan, UnionPlan};

fn opt_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(#SOME(#v)),
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

/// The checks of `value` (a reference to a value of type `ty`) at `path`.
fn checks_of(checks: &Checks, ty: &RustType, patterns: &[PatternPlan]) -> TokenStream {
    if checks.is_trivial() {
        return TokenStream::new();
    }
    let ty = match ty {
        RustType::Box(inner) => inner.as_ref(),
        other => other,
    };
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
        let pattern = patterns
            .get(index)
            .map(|p| p.source.clone())
            .unwrap_or_default();
        let function = plain(&format!("pattern_{index}"));
        let text = match ty {
            RustType::String => quote!(value),
            _ => quote!(value.as_str()),
        };
        out.push(quote! {
            errors.pattern(&path, crate::validation::#function(#text), #pattern);
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
            let inner = checks_of(item, item_type, patterns);
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
            let key_checks = checks_of(key, key_type, patterns);
            let (value_type, sparse) = match value_type.as_ref() {
                RustType::Option(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let inner = checks_of(value, value_type, patterns);
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
pub fn struct_validate(plan: &StructPlan, patterns: &[PatternPlan]) -> TokenStream {
    let name = ident(&plan.name);
    let members = plan.members.iter().filter_map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        let checks = checks_of(&m.checks, &m.value_type, patterns);
        // Required members that the type leaves optional (`@input`, `@clientOptional`).
        let required = m.optional && m.required;
        if checks.is_empty() && !required {
            return None;
        }
        Some(if m.optional && checks.is_empty() {
            quote! {
                if self.#field.is_none() {
                    errors.required(&path.member(#wire));
                }
            }
        } else if m.optional && !required {
            quote! {
                if let #SOME(value) = &self.#field {
                    let path = path.member(#wire);
                    #checks
                }
            }
        } else if m.optional {
            let missing = quote!(errors.required(&path););
            quote! {{
                let path = path.member(#wire);
                match &self.#field {
                    #SOME(value) => { #checks }
                    #NONE => { #missing }
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
pub fn union_validate(plan: &UnionPlan, patterns: &[PatternPlan]) -> TokenStream {
    let name = ident(&plan.name);
    let arms: Vec<TokenStream> = plan
        .variants
        .iter()
        .filter_map(|v| {
            let ty = v.value_type.as_ref()?;
            let checks = checks_of(&v.checks, ty, patterns);
            if checks.is_empty() {
                return None;
            }
            let variant = ident(&v.name);
            let wire = &v.wire_name;
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
