//! `validate()`: every constraint of the model checked on a value, every violation
//! collected with its path. A member's checks are one chain of the runtime's `Check`
//! (`errors.member(path, "name", &self.name).length(1..=64).matches(..)`); loops descend into
//! the items of lists and the entries of maps whose checks are more than nested ones.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::tokens::{ident, plain};
use crate::emit::prelude::{OPTION, RESULT, SOME};
use crate::plan::constraints::{Checks, Nested};
use crate::plan::{PrimitiveUse, RustType, StructPlan, UnionPlan};

/// The inclusive bounds of a `@length` or `@range` as a range: `1..=64`, `1..`, `..=64`, `..`.
fn bounds(min: Option<TokenStream>, max: Option<TokenStream>) -> TokenStream {
    match (min, max) {
        (Some(min), Some(max)) => quote!(#min..=#max),
        (Some(min), None) => quote!(#min..),
        (None, Some(max)) => quote!(..=#max),
        (None, None) => quote!(..),
    }
}

// Unsuffixed literals: the runtime's `Bounds` of the value's type gives their type.

fn lit_u64(value: Option<u64>) -> Option<TokenStream> {
    value.map(|v| Literal::u64_unsuffixed(v).into_token_stream())
}

fn lit_i128(value: Option<i128>) -> Option<TokenStream> {
    value.map(|v| Literal::i128_unsuffixed(v).into_token_stream())
}

fn lit_f64(value: Option<f64>) -> Option<TokenStream> {
    value.map(|v| match v {
        // A bound beyond `f64` (`1e400`) is infinite, which no literal writes.
        v if v.is_infinite() && v > 0.0 => quote!(::core::primitive::f64::INFINITY),
        v if v.is_infinite() => quote!(::core::primitive::f64::NEG_INFINITY),
        v => Literal::f64_unsuffixed(v).into_token_stream(),
    })
}

fn lit_str(value: Option<&String>) -> Option<TokenStream> {
    value.map(|text| quote!(#text))
}

fn unboxed(ty: &RustType) -> &RustType {
    match ty {
        RustType::Box(inner) => inner.as_ref(),
        other => other,
    }
}

/// The type of an item or map value, and whether it is optional (a sparse list or map).
fn item_type(ty: &RustType) -> (&RustType, bool) {
    match ty {
        RustType::Option(inner) => (inner, true),
        other => (other, false),
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

/// The checks of a value of type `ty` (unboxed) itself, and the nested checks of the
/// structures and unions in it where those are all: `Check` calls, in the order the
/// violations are reported.
fn chain(checks: &Checks, ty: &RustType) -> TokenStream {
    let mut out = Vec::new();
    if let Some((min, max)) = checks.length {
        // `@length` on a named type: a string enum (Smithy's `string` selector takes enums).
        if let RustType::String
        | RustType::Named { .. }
        | RustType::Vec(_)
        | RustType::Map(..)
        | RustType::Blob = ty
        {
            let bounds = bounds(lit_u64(min), lit_u64(max));
            out.push(quote!(.length(#bounds)));
        }
    }
    if let Some((min, max)) = checks.range {
        let bounds = match ty {
            // Exact integer bounds, whatever their size as written. `@range` on a named type:
            // an intEnum (Smithy's `number` selector takes them).
            RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64
            | RustType::Named { .. } => {
                let (min, max) = checks.range_int.unwrap_or((None, None));
                Some(bounds(lit_i128(min), lit_i128(max)))
            }
            RustType::F32 | RustType::F64 => Some(bounds(lit_f64(min), lit_f64(max))),
            // Compared exactly with the bounds as written.
            RustType::BigInteger | RustType::BigDecimal => {
                let (min, max) = checks.range_text.clone().unwrap_or_default();
                Some(bounds(lit_str(min.as_ref()), lit_str(max.as_ref())))
            }
            _ => None,
        };
        if let Some(bounds) = bounds {
            out.push(quote!(.range(#bounds)));
        }
    }
    // `@pattern` on a string, or on a string enum (a named type).
    if let (Some(index), RustType::String | RustType::Named { .. }) = (checks.pattern, ty) {
        let pattern = plain(&format!("PATTERN_{index}"));
        out.push(quote!(.matches(&crate::validation::#pattern)));
    }
    if checks.unique && matches!(ty, RustType::Vec(_)) {
        out.push(quote!(.unique()));
    }
    let nested = match (&checks.nested, ty) {
        (Nested::Validate, RustType::Named { .. }) => true,
        (Nested::Items(item), RustType::Vec(item_ty)) => {
            !item.is_trivial() && only_nested(item, item_type(item_ty).0)
        }
        _ => false,
    };
    if nested {
        out.push(quote!(.nested()));
    }
    quote!(#(#out)*)
}

/// How the checks reach a value: `reference` to it, `place` for its methods.
struct Place {
    reference: TokenStream,
    place: TokenStream,
}

impl Place {
    fn field(field: &TokenStream) -> Self {
        Place {
            reference: quote!(&self.#field),
            place: quote!(self.#field),
        }
    }

    /// A binding (`value`, `key`) that holds a reference.
    fn binding(name: &str) -> Self {
        let name = plain(name);
        Place {
            reference: quote!(#name),
            place: quote!(#name),
        }
    }
}

/// Whether the checks take the value itself: all but an enum with checks of its own, which
/// are checked on its wire text or number.
fn checked_as_itself(ty: &RustType, checks: &Checks) -> bool {
    let own = checks.length.is_some() || checks.range.is_some() || checks.pattern.is_some();
    !(own && matches!(ty, RustType::Named { .. }))
}

/// What the checks take of the value at `place`, of type `ty` (in an `Option` when
/// `optional`): a reference to the value, or for an enum its wire text or number, which the
/// runtime's check traits take.
fn viewed(place: &Place, ty: &RustType, optional: bool, checks: &Checks) -> TokenStream {
    if checked_as_itself(ty, checks) {
        return place.reference.clone();
    }
    let (view, number) = if checks.range.is_some() {
        (quote!(value()), true)
    } else {
        (quote!(as_str()), false)
    };
    let place = &place.place;
    match (optional, number) {
        (true, _) => quote!(&#place.as_ref().map(|value| value.#view)),
        (false, true) => quote!(&#place.#view),
        (false, false) => quote!(#place.#view),
    }
}

/// The checks of a list item or map value (`value`, of type `ty`) at `path`, which is the
/// local `path` itself when `at_path`.
fn entry_checks(checks: &Checks, ty: &RustType, path: TokenStream, at_path: bool) -> TokenStream {
    let (ty, sparse) = item_type(ty);
    let inner = descent(checks, ty, &Place::binding("value"));
    // With checks below it, the item's path is bound once for its own checks and those.
    let (bind, path) = if inner.is_empty() || at_path {
        (None, path)
    } else {
        (Some(quote!(let path = #path;)), quote!(path))
    };
    let ty = unboxed(ty);
    let chain = chain(checks, ty);
    let own = if only_nested(checks, ty) {
        // `Option`'s `Validate` impl skips an item that is not set.
        quote!(errors.nested(&#path, value);)
    } else if chain.is_empty() {
        TokenStream::new()
    } else {
        let view = viewed(&Place::binding("value"), ty, sparse, checks);
        quote!(errors.check(&#path, #view)#chain;)
    };
    let inner = if sparse && !inner.is_empty() {
        quote!(if let #SOME(value) = value { #inner })
    } else {
        inner
    };
    quote!(#bind #own #inner)
}

/// The loop into the items of a list or the entries of a map at `place` (of type `ty`) and
/// `path`, where their checks are more than nested ones; else nothing.
fn descent(checks: &Checks, ty: &RustType, place: &Place) -> TokenStream {
    let collection = &place.place;
    match (&checks.nested, unboxed(ty)) {
        (Nested::Items(item), RustType::Vec(item_ty)) => {
            if item.is_trivial() || only_nested(item, item_type(item_ty).0) {
                return TokenStream::new();
            }
            let body = entry_checks(item, item_ty, quote!(path.index(index)), false);
            quote! {
                for (index, value) in #collection.iter().enumerate() {
                    #body
                }
            }
        }
        (Nested::Entries { key, value }, RustType::Map(key_ty, value_ty)) => {
            let key_ty = unboxed(key_ty);
            let key_chain = chain(key, key_ty);
            let key_view = viewed(&Place::binding("key"), key_ty, false, key);
            let path = quote!(path.key(key.as_str()));
            let entries = &place.reference;
            let value_at_path = entry_checks(value, value_ty, quote!(path), true);
            match (key_chain.is_empty(), value_at_path.is_empty()) {
                (true, true) => TokenStream::new(),
                // Iterate only over what has checks, so nothing is bound and left unused.
                (false, true) => quote! {
                    for key in #collection.keys() {
                        errors.check(&#path, #key_view)#key_chain;
                    }
                },
                (true, false) => {
                    let value_body = entry_checks(value, value_ty, path, false);
                    quote! {
                        for (key, value) in #entries {
                            #value_body
                        }
                    }
                }
                (false, false) => quote! {
                    for (key, value) in #entries {
                        let path = #path;
                        errors.check(&path, #key_view)#key_chain;
                        #value_at_path
                    }
                },
            }
        }
        _ => TokenStream::new(),
    }
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

/// `validate` and `validate_into` for a structure. Where each member's checks are one chain
/// on the member itself (no loop into its items, no enum viewed as its text or number), the
/// impl is the runtime's `validation::checks!(Type, required("name", field).length(..), ..)`.
pub fn struct_validate(plan: &StructPlan) -> TokenStream {
    let name = ident(&plan.name);
    let mut chains = Vec::new();
    let mut written = Vec::new();
    for m in &plan.members {
        let field = ident(&m.field);
        let field = quote!(#field);
        let wire = &m.wire_name;
        let ty = unboxed(&m.value_type);
        // Required members that the type leaves optional (`@input`, `@clientOptional`).
        let required = m.optional && m.required;
        let place = Place::field(&field);
        let how = if required {
            quote!(required)
        } else {
            quote!(member)
        };
        let own = if !required && only_nested(&m.checks, ty) {
            // `Option`'s `Validate` impl skips a member that is not set.
            chains.push(Some(quote!(member(#wire, #field).nested())));
            quote!(errors.nested(&path.member(#wire), &self.#field);)
        } else {
            let chain = chain(&m.checks, ty);
            let view = viewed(&place, ty, m.optional, &m.checks);
            let plain_view = checked_as_itself(ty, &m.checks);
            if !required && chain.is_empty() {
                TokenStream::new()
            } else {
                chains.push(plain_view.then(|| quote!(#how(#wire, #field)#chain)));
                quote!(errors.#how(path, #wire, #view)#chain;)
            }
        };
        let walk = if m.optional {
            let loops = descent(&m.checks, &m.value_type, &Place::binding("value"));
            (!loops.is_empty()).then(|| {
                quote! {
                    if let #SOME(value) = &self.#field {
                        let path = path.member(#wire);
                        #loops
                    }
                }
            })
        } else {
            let loops = descent(&m.checks, &m.value_type, &place);
            (!loops.is_empty()).then(|| {
                quote! {{
                    let path = path.member(#wire);
                    #loops
                }}
            })
        };
        if walk.is_some() {
            chains.push(None);
        }
        let member = quote!(#own #walk);
        if !member.is_empty() {
            written.push(member);
        }
    }
    if !chains.is_empty() {
        if let Some(chains) = chains.into_iter().collect::<Option<Vec<_>>>() {
            return quote!(crate::validation::checks!(#name, #(#chains),*););
        }
    }
    let body = (!written.is_empty()).then(|| quote!(#(#written)*));
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
            let value_type = v.value_type.as_ref()?;
            let ty = unboxed(value_type);
            let variant = ident(&v.name);
            let wire = &v.wire_name;
            if only_nested(&v.checks, ty) {
                return Some(quote! {
                    Self::#variant(value) => errors.nested(&path.member(#wire), value),
                });
            }
            let chain = chain(&v.checks, ty);
            let own = (!chain.is_empty()).then(|| {
                let view = viewed(&Place::binding("value"), ty, false, &v.checks);
                quote!(errors.member(path, #wire, #view)#chain;)
            });
            let loops = descent(&v.checks, value_type, &Place::binding("value"));
            let walk = (!loops.is_empty()).then(|| {
                quote! {
                    let path = path.member(#wire);
                    #loops
                }
            });
            if own.is_none() && walk.is_none() {
                return None;
            }
            Some(quote! {
                Self::#variant(value) => {
                    #own
                    #walk
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

/// The runtime's check traits for the primitives the crate carries, whose runtime files are
/// written (and tested) without the `validation` module: a blob's length in bytes, a big
/// number's range compared exactly with the bounds as written.
pub fn primitive_checks(used: PrimitiveUse) -> TokenStream {
    let mut out = TokenStream::new();
    if used.blob {
        out.extend(quote! {
            impl crate::validation::Length for crate::primitives::Blob {
                fn length_within(&self, min: #OPTION<u64>, max: #OPTION<u64>) -> bool {
                    crate::validation::Length::length_within(self.as_ref(), min, max)
                }
            }
        });
    }
    if used.big_number {
        for name in ["BigInteger", "BigDecimal"] {
            let name = plain(name);
            out.extend(quote! {
                impl crate::validation::Number for crate::primitives::#name {
                    type Bound = &'static str;
                    fn within(
                        &self,
                        min: #OPTION<&'static str>,
                        max: #OPTION<&'static str>,
                    ) -> bool {
                        // The inherent `within`, which compares the texts exactly.
                        crate::primitives::#name::within(self, min, max)
                    }
                    fn approx(bound: &'static str) -> #OPTION<f64> {
                        bound.parse().ok()
                    }
                }
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    /// The statements of `validate_into` of structure `ex#Thing` with `members` (the input
    /// of an operation, so its members stay `Option`), among the other `shapes`.
    fn thing(members: Value, shapes: Value) -> String {
        let mut all = json!({
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "input": {"target": "ex#Thing"}},
            "ex#Thing": {"type": "structure", "members": members,
                "traits": {"smithy.api#input": {}}},
        });
        all.as_object_mut()
            .unwrap()
            .extend(shapes.as_object().unwrap().clone());
        let plan = crate::plan::plan_of_json(&json!({"smithy": "2.0", "shapes": all}));
        let id = crate::model::ShapeId::new("ex", "Thing");
        let thing = plan.structures.iter().find(|s| s.id == id).unwrap();
        body(struct_validate(thing))
    }

    /// The statements of `validate_into` in `tokens`, as token text; the whole invocation
    /// where the impl is the runtime's `checks!`.
    fn body(tokens: TokenStream) -> String {
        let text = tokens.to_string();
        if text.starts_with("crate :: validation :: checks !") {
            return text;
        }
        let start = text.find("ValidationErrors ,) {").expect("a validate_into") + 21;
        text[start..text.len() - 4].trim().to_owned()
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string()
    }

    fn string(traits: Value) -> Value {
        json!({"target": "smithy.api#String", "traits": traits})
    }

    #[test]
    fn each_member_is_one_chain_of_its_checks() {
        // `@length`: inclusive bounds, either may be left out; `@pattern`; `@required`.
        let out = thing(
            json!({
                "name": string(json!({"smithy.api#length": {"min": 1, "max": 25}})),
                "code": string(json!({"smithy.api#length": {"max": 3},
                    "smithy.api#pattern": "^[A-Z]+$", "smithy.api#required": {}})),
                "id": string(json!({"smithy.api#required": {}})),
                "note": string(json!({"smithy.api#length": {"min": 2}})),
            }),
            json!({}),
        );
        // Each a chain on the member itself: the runtime's `checks!` writes the impl.
        let expected = quote! {
            crate::validation::checks!(
                OpInput,
                member("name", name).length(1..=25),
                required("code", code).length(..=3).matches(&crate::validation::PATTERN_0),
                required("id", id),
                member("note", note).length(2..)
            );
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn ranges_are_exact_for_integers_and_big_numbers() {
        let out = thing(
            json!({
                "count": {"target": "smithy.api#Integer",
                    "traits": {"smithy.api#range": {"min": -1, "max": 10}}},
                "ratio": {"target": "smithy.api#Double",
                    "traits": {"smithy.api#range": {"min": 0.5}}},
                "big": {"target": "smithy.api#BigInteger",
                    "traits": {"smithy.api#range": {"max": 12345678901234567890u64}}},
            }),
            json!({}),
        );
        let expected = quote! {
            crate::validation::checks!(
                OpInput,
                member("count", count).range(-1..=10),
                member("ratio", ratio).range(0.5..),
                member("big", big).range(..="12345678901234567890")
            );
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn structures_in_lists_and_options_are_one_nested_call() {
        let out = thing(
            json!({
                "inner": {"target": "ex#Inner"},
                "inners": {"target": "ex#Inners"},
                "bounded": {"target": "ex#Inners", "traits": {"smithy.api#length": {"max": 3}}},
            }),
            json!({
                "ex#Inner": {"type": "structure", "members": {"id": string(json!({"smithy.api#required": {}}))}},
                "ex#Inners": {"type": "list", "member": {"target": "ex#Inner"}},
            }),
        );
        // Nested checks alone are the same chain (`Option`'s `Validate` skips one not set).
        let expected = quote! {
            crate::validation::checks!(
                OpInput,
                member("inner", inner).nested(),
                member("inners", inners).nested(),
                member("bounded", bounded).length(..=3).nested()
            );
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn items_with_own_checks_are_walked_at_their_index() {
        let out = thing(
            json!({"names": {"target": "ex#Names",
                "traits": {"smithy.api#length": {"min": 1}}}}),
            json!({
                "ex#Names": {"type": "list", "member": string(json!({
                    "smithy.api#length": {"min": 1}, "smithy.api#pattern": "^a"})),
                    "traits": {"smithy.api#uniqueItems": {}}},
            }),
        );
        let expected = quote! {
            errors.member(path, "names", &self.names).length(1..).unique();
            if let #SOME(value) = &self.names {
                let path = path.member("names");
                for (index, value) in value.iter().enumerate() {
                    errors.check(&path.index(index), value).length(1..).matches(&crate::validation::PATTERN_0);
                }
            }
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn map_keys_and_values_are_checked_at_the_key() {
        let out = thing(
            json!({
                "both": {"target": "ex#Both"},
                "keys": {"target": "ex#Keys"},
                "sparse": {"target": "ex#Sparse"},
            }),
            json!({
                "ex#Both": {"type": "map", "key": string(json!({"smithy.api#length": {"max": 30}})),
                    "value": string(json!({"smithy.api#length": {"max": 400}}))},
                "ex#Keys": {"type": "map", "key": string(json!({"smithy.api#length": {"max": 30}})),
                    "value": {"target": "smithy.api#String"}},
                "ex#Sparse": {"type": "map", "key": {"target": "smithy.api#String"},
                    "value": string(json!({"smithy.api#length": {"max": 400}})),
                    "traits": {"smithy.api#sparse": {}}},
            }),
        );
        let expected = quote! {
            if let #SOME(value) = &self.both {
                let path = path.member("both");
                for (key, value) in value {
                    let path = path.key(key.as_str());
                    errors.check(&path, key).length(..=30);
                    errors.check(&path, value).length(..=400);
                }
            }
            if let #SOME(value) = &self.keys {
                let path = path.member("keys");
                for key in value.keys() {
                    errors.check(&path.key(key.as_str()), key).length(..=30);
                }
            }
            if let #SOME(value) = &self.sparse {
                let path = path.member("sparse");
                for (key, value) in value {
                    errors.check(&path.key(key.as_str()), value).length(..=400);
                }
            }
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn lists_of_lists_bind_the_item_path_once() {
        let out = thing(
            json!({"rows": {"target": "ex#Rows",
                "traits": {"smithy.api#required": {}}}}),
            json!({
                "ex#Rows": {"type": "list", "member": {"target": "ex#Row",
                    "traits": {"smithy.api#length": {"max": 2}}}},
                "ex#Row": {"type": "list", "member": string(json!({"smithy.api#length": {"max": 9}}))},
            }),
        );
        let expected = quote! {
            errors.required(path, "rows", &self.rows);
            if let #SOME(value) = &self.rows {
                let path = path.member("rows");
                for (index, value) in value.iter().enumerate() {
                    let path = path.index(index);
                    errors.check(&path, value).length(..=2);
                    for (index, value) in value.iter().enumerate() {
                        errors.check(&path.index(index), value).length(..=9);
                    }
                }
            }
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn enums_are_checked_by_their_wire_text_and_number() {
        let out = thing(
            json!({
                "kind": {"target": "ex#Kind", "traits": {"smithy.api#length": {"max": 3}}},
                "level": {"target": "ex#Level", "traits": {"smithy.api#range": {"max": 2}}},
            }),
            json!({
                "ex#Kind": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}},
                "ex#Level": {"type": "intEnum", "members": {"ONE": {"target": "smithy.api#Unit",
                    "traits": {"smithy.api#enumValue": 1}}}},
            }),
        );
        let expected = quote! {
            errors.member(path, "kind", &self.kind.as_ref().map(|value| value.as_str())).length(..=3);
            errors.member(path, "level", &self.level.as_ref().map(|value| value.value())).range(..=2);
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn a_union_checks_the_member_that_is_set() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"}},
            "ex#In": {"type": "structure", "members": {"u": {"target": "ex#U"}}},
            "ex#U": {"type": "union", "members": {
                "name": string(json!({"smithy.api#length": {"min": 1}})),
                "inner": {"target": "ex#In"},
                "free": {"target": "smithy.api#String"},
            }},
        }});
        let plan = crate::plan::plan_of_json(&model);
        let union = plan.unions.iter().find(|u| u.name.name == "U").unwrap();
        let out = body(union_validate(union));
        let expected = quote! {
            match self {
                Self::Name(value) => {
                    errors.member(path, "name", value).length(1..);
                }
                Self::Inner(value) => errors.nested(&path.member("inner"), value),
                _ => {}
            }
        };
        assert_eq!(out, text(expected));
    }

    #[test]
    fn collections_of_required_members_are_walked() {
        // In an output, `@required` members are not `Option`s.
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "output": {"target": "ex#Tree"}},
            "ex#Tree": {"type": "structure", "members": {
                "forest": {"target": "ex#Forest", "traits": {"smithy.api#required": {}}},
                "names": {"target": "ex#Names", "traits": {"smithy.api#required": {}}},
            }},
            "ex#Forest": {"type": "map", "key": string(json!({"smithy.api#length": {"min": 1}})),
                "value": {"target": "ex#Tree"}},
            "ex#Names": {"type": "list", "member": {"target": "ex#Name"},
                "traits": {"smithy.api#sparse": {}}},
            "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
        }});
        let plan = crate::plan::plan_of_json(&model);
        let id = crate::model::ShapeId::new("ex", "Tree");
        let tree = plan.structures.iter().find(|s| s.id == id).unwrap();
        let out = body(struct_validate(tree));
        let expected = quote! {
            {
                let path = path.member("forest");
                for (key, value) in &self.forest {
                    let path = path.key(key.as_str());
                    errors.check(&path, key).length(1..);
                    errors.nested(&path, value);
                }
            }
            {
                let path = path.member("names");
                for (index, value) in self.names.iter().enumerate() {
                    errors.check(&path.index(index), value).length(1..);
                }
            }
        };
        assert_eq!(out, text(expected));
    }
}
