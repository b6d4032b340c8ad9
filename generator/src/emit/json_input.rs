//! Each operation input's `from_json` / `from_json_value`, which report every problem of a JSON
//! document at once, and the static shape tables they walk (`json_input::shapes`: one per
//! structure, union and enum an input reaches; lists and maps inline). The walk itself is the
//! fixed `json_input` module (`runtime/json_input.rs`).

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::cli::{named_in, reachable_from, static_name, Named};
use super::tokens::rust_type;
use crate::plan::{MemberPlan, ModulePath, OperationPlan, Plan, RustType};

/// The static of each named type an operation input reaches, in a stable order, with names
/// that cannot collide (two types whose names convert alike get numbered suffixes).
pub struct ShapeNames {
    order: Vec<Named>,
    names: BTreeMap<Named, Ident>,
}

impl ShapeNames {
    /// Empty when no operation has the wire layer (the checker reads through it).
    pub fn of(plan: &Plan) -> ShapeNames {
        let mut start = Vec::new();
        for op in plan.operations.iter().filter(|op| op.wire.is_some()) {
            named_in(&op.input, &mut start);
        }
        let order = reachable_from(plan, start);
        // Static names are distinct per type (`cli::static_name` keeps modules apart).
        let names = order
            .iter()
            .map(|named| (named.clone(), static_name(named)))
            .collect();
        ShapeNames { order, names }
    }

    /// A reference to the shape table of a type.
    fn shape_ref(&self, ty: &RustType) -> TokenStream {
        shape_ref(ty, &|named| self.names.get(named).cloned())
    }
}

/// The `shapes` module's items: the tables.
pub fn items(plan: &Plan, names: &ShapeNames) -> TokenStream {
    let statics = names
        .order
        .iter()
        .filter_map(|named| shape_static(plan, names, named));
    quote! {
        #(#statics)*
    }
}

/// `from_json` and `from_json_value` on the operation's input, emitted beside the input.
pub fn input_impl(plan: &Plan, names: &ShapeNames, op: &OperationPlan) -> TokenStream {
    if op.wire.is_none() || plan.struct_of(&op.input).is_none() {
        return TokenStream::new();
    }
    let input = rust_type(&op.input);
    // The input is a structure, so its table is a static of `json_input::shapes`.
    let shape = match &op.input {
        RustType::Named { module, name } => names.names.get(&(module.clone(), name.clone())),
        _ => None,
    };
    let Some(shape) = shape else {
        return TokenStream::new();
    };
    let name = &op.name;
    quote! {
        crate::json_input::from_json_api!(#input, #name, #shape);
    }
}

/// A reference to the shape table of a type; `name` gives the static of a named type.
fn shape_ref(ty: &RustType, name: &dyn Fn(&Named) -> Option<Ident>) -> TokenStream {
    match ty {
        RustType::String => quote!(&crate::json_input::Shape::String),
        RustType::Bool => quote!(&crate::json_input::Shape::Boolean),
        RustType::I8 => quote!(&crate::json_input::Shape::I8),
        RustType::I16 => quote!(&crate::json_input::Shape::I16),
        RustType::I32 => quote!(&crate::json_input::Shape::I32),
        RustType::I64 => quote!(&crate::json_input::Shape::I64),
        RustType::F32 | RustType::F64 => quote!(&crate::json_input::Shape::Float),
        RustType::BigInteger | RustType::BigDecimal => quote!(&crate::json_input::Shape::Number),
        RustType::DateTime => quote!(&crate::json_input::Shape::Timestamp),
        // The command line's output documents leave a streaming body out (see `ByteStream`).
        RustType::Blob | RustType::ByteStream => quote!(&crate::json_input::Shape::Blob),
        RustType::Document => quote!(&crate::json_input::Shape::Document),
        RustType::Named { module, name: rust } => match name(&(module.clone(), rust.clone())) {
            Some(name) => quote!(&crate::json_input::shapes::#name),
            // Every reachable type has a table; a type without one is read as any JSON value.
            None => quote!(&crate::json_input::Shape::Document),
        },
        RustType::Vec(inner) => {
            let member = shape_ref(inner, name);
            match **inner {
                RustType::Option(_) => quote!(&crate::json_input::Shape::sparse_list(#member)),
                _ => quote!(&crate::json_input::Shape::list(#member)),
            }
        }
        RustType::Map(_, value) => {
            let shape = shape_ref(value, name);
            match **value {
                RustType::Option(_) => quote!(&crate::json_input::Shape::sparse_map(#shape)),
                _ => quote!(&crate::json_input::Shape::map(#shape)),
            }
        }
        RustType::Option(inner) | RustType::Box(inner) => shape_ref(inner, name),
    }
}

/// Required in a document: `@required`, no default, and not a token the client fills in.
/// A member's table entry: `Member::required(name, shape)` or `Member::optional(..)`, then
/// `.sensitive()` if it is.
fn member(wire: &str, shape: TokenStream, required: bool, sensitive: bool) -> TokenStream {
    let entry = if required {
        quote!(crate::json_input::Member::required(#wire, #shape))
    } else {
        quote!(crate::json_input::Member::optional(#wire, #shape))
    };
    if sensitive {
        quote!(#entry.sensitive())
    } else {
        entry
    }
}

fn required(m: &MemberPlan) -> bool {
    m.required && m.default.is_none() && !m.fills_idempotency_token()
}

fn shape_static(plan: &Plan, names: &ShapeNames, named: &Named) -> Option<TokenStream> {
    let name = names.names.get(named)?;
    let value = if let Some(s) = plan
        .structures
        .iter()
        .find(|s| s.module == named.0 && s.name == named.1)
    {
        let members = s.members.iter().map(|m| {
            let wire = &m.wire_name;
            let shape = names.shape_ref(&m.value_type);
            member(wire, shape, required(m), m.sensitive)
        });
        quote!(crate::json_input::Shape::Structure(&[#(#members),*]))
    } else if let Some(u) = plan
        .unions
        .iter()
        .find(|u| named.0 == ModulePath::Types && u.name == named.1)
    {
        let members = u.variants.iter().map(|v| {
            let wire = &v.wire_name;
            let shape = match &v.value_type {
                Some(t) => names.shape_ref(t),
                // A unit member is written as an empty object.
                None => quote!(&crate::json_input::Shape::Structure(&[])),
            };
            member(wire, shape, false, v.sensitive)
        });
        quote!(crate::json_input::Shape::Union(&[#(#members),*]))
    } else {
        let e = plan
            .enums
            .iter()
            .find(|e| named.0 == ModulePath::Types && e.name == named.1)?;
        if e.is_int {
            quote!(crate::json_input::Shape::I32)
        } else {
            quote!(crate::json_input::Shape::String)
        }
    };
    Some(quote!(pub(crate) static #name: crate::json_input::Shape = #value;))
}

#[cfg(test)]
mod tests {
    use super::ShapeNames;

    /// A structure `ErrorThing` and an error structure `Thing` would both shout as
    /// `SCHEMA_ERROR_THING` without their module in the name.
    const COLLIDING: &str = r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Put"}],
                   "traits": {"aws.protocols#restJson1": {}}},
        "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"}, "output": {"target": "smithy.api#Unit"},
                   "errors": [{"target": "ex#Thing"}], "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
        "ex#PutInput": {"type": "structure", "traits": {"smithy.api#input": {}}, "members": {
            "a": {"target": "ex#ErrorThing"}, "b": {"target": "ex#Thing"}}},
        "ex#ErrorThing": {"type": "structure", "members": {"x": {"target": "smithy.api#String"}}},
        "ex#Thing": {"type": "structure", "traits": {"smithy.api#error": "client"},
                     "members": {"y": {"target": "smithy.api#String"}}}
    }}"#;

    #[test]
    fn shape_tables_get_distinct_names_when_type_names_convert_alike() {
        let dir =
            std::env::temp_dir().join(format!("smithy-codegen-json-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let model = dir.join("model.json");
        std::fs::write(&model, COLLIDING).unwrap();
        let output = crate::run(&[&model], None);
        let _ = std::fs::remove_dir_all(&dir);
        let names = ShapeNames::of(&output.unwrap().plan);
        let mut all: Vec<String> = names.names.values().map(ToString::to_string).collect();
        all.sort();
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(all.contains(&"SCHEMA_ERROR_THING".to_owned()), "{all:?}");
        assert!(all.contains(&"SCHEMA_ERROR__THING".to_owned()), "{all:?}");
    }

    #[test]
    fn each_member_is_one_entry_naming_its_shape() {
        use crate::plan::RustType;
        let none = |_: &super::Named| None;
        let text = |ty: RustType| super::shape_ref(&ty, &none).to_string().replace(' ', "");
        assert_eq!(text(RustType::I16), "&crate::json_input::Shape::I16");
        let sparse = RustType::Vec(Box::new(RustType::Option(Box::new(RustType::I64))));
        assert_eq!(
            text(sparse),
            "&crate::json_input::Shape::sparse_list(&crate::json_input::Shape::I64)"
        );
        let map = RustType::Map(Box::new(RustType::String), Box::new(RustType::Bool));
        assert_eq!(
            text(map),
            "&crate::json_input::Shape::map(&crate::json_input::Shape::Boolean)"
        );
        let shape = quote::quote!(&S);
        let entry = |required, sensitive| {
            super::member("k", shape.clone(), required, sensitive)
                .to_string()
                .replace(' ', "")
        };
        assert_eq!(
            entry(true, false),
            "crate::json_input::Member::required(\"k\",&S)"
        );
        assert_eq!(
            entry(false, true),
            "crate::json_input::Member::optional(\"k\",&S).sensitive()"
        );
    }
}
