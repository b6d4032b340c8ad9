//! Builders: a setter pair per member and a `build()` that reports every missing member.

use proc_macro2::TokenStream;
use quote::quote;

use super::defaults;
use super::docs;
use super::structs;
use super::tokens::{ident, module_path, rust_type};
use crate::emit::prelude::{DEFAULT, INTO, OPTION, SOME};
use crate::plan::{naming, ModulePath, RustType, StructPlan};

/// The line a setter's docs end with when the member must be set.
const REQUIRED: &str = "This member is required.";

/// The module holding the builders of types in `module`.
pub fn builders_path(module: &ModulePath) -> TokenStream {
    let module = module_path(module);
    quote!(#module::builders)
}

/// The builder of a structure. `bound` is for the input of an operation the client calls:
/// its builder is also what `client.<operation>()` returns, so it carries a type parameter
/// for the client and operation (`()` when it is a plain builder), and `send()` where that
/// is a client.
pub fn builder_items(plan: &StructPlan, bound: bool) -> TokenStream {
    let target_module = module_path(&plan.module);
    let target_name = ident(&plan.name);
    let target = quote!(#target_module::#target_name);
    let builder_plan = StructPlan {
        name: naming::builder_name(&plan.name),
        members: plan
            .members
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.optional = true;
                m
            })
            .collect(),
        response_ids: None,
        ..plan.clone()
    };
    let builder = ident(&builder_plan.name);
    let doc = docs::line(&format!("A builder for `{}`.", plan.name.name));
    let fields = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = rust_type(&m.value_type);
        // `Deserialize` of the structure (and of a response body) reads members into it.
        quote!(pub(crate) #field: #OPTION<#ty>,)
    });
    let setters = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        let setter = ident(&m.setter);
        let option_setter = ident(&m.option_setter);
        let ty = rust_type(&m.value_type);
        let member = &m.member_name;
        let required = m.must_be_set();
        // A macro's arguments print as a run of tokens (`Vec < T >`): the setters of a list,
        // map or box are written out; so are those with docs of several lines, which read
        // better as `///` lines than as a run of string literals.
        let lines = docs::line_literals(m.docs.as_deref());
        if !has_type_arguments(&m.value_type) && lines.len() <= 1 {
            let named = if m.setter == m.field {
                quote!(#field)
            } else {
                quote!(#field as #setter)
            };
            // The macro adds the line that says a member must be set.
            let member = if required {
                quote!(required(#member))
            } else {
                quote!(#member)
            };
            return quote! {
                crate::primitives::builder::setters!(#named, #option_setter, #ty, #member #(, #lines)*);
            };
        }
        let doc = docs::attrs(m.docs.as_deref());
        let required = if required {
            let blank = docs::line("");
            let line = docs::line(REQUIRED);
            quote!(#blank #line)
        } else {
            TokenStream::new()
        };
        let option_doc = docs::line(&format!("Sets or clears `{member}`."));
        quote! {
            #doc
            #required
            pub fn #setter(mut self, input: impl #INTO<#ty>) -> Self {
                self.#field = #SOME(input.into());
                self
            }
            #option_doc
            pub fn #option_setter(mut self, input: #OPTION<#ty>) -> Self {
                self.#field = input;
                self
            }
        }
    });
    let build = build_fn(plan, &target);
    if bound {
        return bound_builder(
            plan,
            &builder_plan,
            &target,
            quote!(#(#fields)*),
            quote!(#(#setters)* ),
            build,
            doc,
        );
    }
    let debug = structs::debug_impl(&builder_plan);
    let derive_debug = structs::derive_debug(&builder_plan);
    quote! {
        #doc
        #[derive(Clone, #derive_debug Default, PartialEq)]
        pub struct #builder {
            #(#fields)*
        }

        impl #builder {
            #(#setters)*
            #build
        }

        #debug
    }
}

/// Whether `ty` is written with type arguments (`Vec<T>`).
fn has_type_arguments(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::Vec(_) | RustType::Map(..) | RustType::Option(_) | RustType::Box(_)
    )
}

/// An input builder with its client parameter `S`. What every input builder has alike
/// (`Default` for `S = ()`, `with_input`, `rebind`, a `Debug` that does not show `S`) comes
/// from the runtime's `input_builder!`, given the fields and which of them Debug redacts.
fn bound_builder(
    plan: &StructPlan,
    builder_plan: &StructPlan,
    target: &TokenStream,
    fields: TokenStream,
    setters: TokenStream,
    build: TokenStream,
    doc: TokenStream,
) -> TokenStream {
    let builder = ident(&builder_plan.name);
    let whole = plan.sensitive.then(|| quote!(#[sensitive]));
    let names = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        // A member is marked only when Debug does not redact the whole builder.
        let mark = (m.sensitive && !plan.sensitive).then(|| quote!(#[sensitive]));
        quote!(#mark #field)
    });
    let sends = send_impls(plan, &builder);
    quote! {
        #doc
        ///
        /// `S` is `()` for a builder made by `builder()`; `client.<operation>()` gives one
        /// bound to that client and operation, with `send()`.
        #[derive(Clone, PartialEq)]
        pub struct #builder<S = ()> {
            #fields
            _client: S,
        }

        impl<S> #builder<S> {
            #setters
        }

        impl #builder {
            #build
        }

        crate::primitives::builder::input_builder!(#whole #builder, #target #(, #names)*);

        #sends
    }
}

/// `send()` on an input builder bound to either client, from the runtime's `send_impls!`.
fn send_impls(plan: &StructPlan, builder: &proc_macro2::Ident) -> TokenStream {
    let input = ident(&plan.name);
    let fallible = if plan.builder_is_fallible() {
        quote!(, fallible)
    } else {
        TokenStream::new()
    };
    quote! {
        #[cfg(feature = "client")]
        crate::primitives::structure::send_impls!(#builder, super::#input #fallible);
    }
}

/// `build()`: infallible when nothing is required, else `Result` with every missing member.
/// When every member is optional the fields just move, and the runtime's `build!` writes it;
/// when some must be set, the runtime's `fallible_build!`.
fn build_fn(plan: &StructPlan, target: &TokenStream) -> TokenStream {
    if plan.members.iter().all(|m| m.optional) {
        let fields = plan.members.iter().map(|m| ident(&m.field));
        // The response reader fills in the request IDs after.
        let ids = plan.response_ids.as_ref().map(|field| {
            let field = ident(field);
            quote!(, #field = #DEFAULT::default())
        });
        return quote! {
            crate::primitives::builder::build!(#target #(, #fields)* #ids);
        };
    }
    if plan.builder_is_fallible() {
        return fallible_build(plan, target);
    }
    let field_values = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        if m.default.is_some() && !m.optional {
            let fallback = defaults::fallback(plan, m);
            quote!(#field: self.#field.#fallback,)
        } else {
            quote!(#field: self.#field,)
        }
    });
    let ids = structs::unset_request_ids(plan);
    quote! {
        /// Builds the value.
        pub fn build(self) -> #target {
            #target { #(#field_values)* #ids }
        }
    }
}

/// A `build()` that fails when members that must be set are not, from the runtime's
/// `fallible_build!`: each field in order, with how it is filled.
fn fallible_build(plan: &StructPlan, target: &TokenStream) -> TokenStream {
    let shape = plan.id.name();
    let members = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        if m.optional {
            quote!(optional(#field))
        } else if m.default.is_some() {
            match defaults::fallback_fn(plan, m) {
                Some(function) => quote!(default(#field, #function)),
                None => quote!(default(#field)),
            }
        } else {
            let member = &m.member_name;
            // The error names the setter, which is the field unless it had to be renamed.
            let setter = (m.setter != m.field).then(|| {
                let setter = ident(&m.setter);
                quote!(, #setter)
            });
            quote!(required(#field, #member #setter))
        }
    });
    // The response reader fills in the request IDs after.
    let ids = plan.response_ids.as_ref().map(|field| {
        let field = ident(field);
        quote!(, unset(#field))
    });
    quote! {
        crate::primitives::builder::fallible_build!(#target, #shape #(, #members)* #ids);
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use serde_json::json;

    /// The `build()` of structure `ex#name` of a model with `shapes`, as token text. The
    /// service's operation gives `ex#Out`: one of `shapes`, or else made to hold an `ex#S`.
    fn build_text(shapes: serde_json::Value, name: &str) -> String {
        let mut all = json!({
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "output": {"target": "ex#Out"}},
            "ex#Out": {"type": "structure", "members": {"s": {"target": "ex#S"}}},
        });
        for (id, shape) in shapes.as_object().unwrap() {
            all[id] = shape.clone();
        }
        let model = json!({"smithy": "2.0", "shapes": all});
        let plan = crate::plan::plan_of_json(&model);
        let plan = plan
            .structures
            .iter()
            .find(|s| s.id.name() == name)
            .unwrap_or_else(|| panic!("no structure {name}"));
        let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        let target = quote!(crate::types::#name);
        super::build_fn(plan, &target).to_string()
    }

    #[test]
    fn a_fallible_build_lists_every_member_with_how_it_is_filled() {
        let shapes = json!({
            "ex#S": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                "note": {"target": "smithy.api#String"},
                "count": {"target": "smithy.api#Integer",
                    "traits": {"smithy.api#required": {}, "smithy.api#default": 0}},
                "label": {"target": "smithy.api#String",
                    "traits": {"smithy.api#required": {}, "smithy.api#default": "x"}},
                "later": {"target": "smithy.api#String",
                    "traits": {"smithy.api#required": {}, "smithy.api#clientOptional": {}}},
                "type": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                "error": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            }},
        });
        let out = build_text(shapes, "S");
        assert_eq!(
            out,
            "crate :: primitives :: builder :: fallible_build ! (crate :: types :: S , \"S\" , \
             required (name , \"Name\") , optional (note) , default (count) , \
             default (label , default_label) , optional (later) , \
             required (r#type , \"type\") , required (error , \"error\")) ;"
        );
    }

    #[test]
    fn a_setter_named_otherwise_than_its_field_is_named_in_the_error() {
        let shapes = json!({
            "ex#S": {"type": "structure", "members": {
                "build": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            }},
        });
        let out = build_text(shapes, "S");
        // The builder's own `build()` takes the name: the setter is `build_value()`.
        assert!(
            out.contains("required (build , \"build\" , build_value)"),
            "{out}"
        );
    }

    /// The builder items of structure `ex#S` of a model with `shapes`, as token text.
    fn builder_text(shapes: serde_json::Value) -> String {
        let mut all = json!({
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "output": {"target": "ex#S"}},
        });
        for (id, shape) in shapes.as_object().unwrap() {
            all[id] = shape.clone();
        }
        let plan = crate::plan::plan_of_json(&json!({"smithy": "2.0", "shapes": all}));
        let plan = plan.structures.iter().find(|s| s.id.name() == "S").unwrap();
        super::builder_items(plan, false).to_string()
    }

    #[test]
    fn setters_carry_the_members_docs_and_say_when_it_is_required() {
        let shapes = json!({
            "ex#S": {"type": "structure", "members": {
                "note": {"target": "smithy.api#String",
                    "traits": {"smithy.api#documentation": "One \"quoted\" line."}},
                "long": {"target": "smithy.api#String",
                    "traits": {"smithy.api#documentation": "First line.\n\nSecond line."}},
                "Id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                "build": {"target": "smithy.api#Integer"},
                "tags": {"target": "ex#Tags", "traits": {"smithy.api#documentation": "Tags."}},
            }},
            "ex#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
        });
        let out = builder_text(shapes);
        assert!(
            out.contains(
                "setters ! (note , set_note , :: std :: string :: String , \"note\" , \
                 \"One \\\"quoted\\\" line.\") ;"
            ),
            "{out}"
        );
        // The macro adds the line that says a member must be set.
        assert!(
            out.contains(
                "setters ! (id , set_id , :: std :: string :: String , required (\"Id\")) ;"
            ),
            "{out}"
        );
        // The builder's own `build()` takes the name: the setter is named otherwise.
        assert!(
            out.contains("setters ! (build as build_value , set_build , i32 , \"build\") ;"),
            "{out}"
        );
        // Docs of several lines stay `///` lines: the setters are written out.
        assert!(!out.contains("setters ! (long"), "{out}");
        assert!(
            out.contains("# [doc = r\" Second line.\"] pub fn long (mut self"),
            "{out}"
        );
        // A list's setters are written out, with the docs as attributes.
        assert!(!out.contains("setters ! (tags"), "{out}");
        assert!(
            out.contains("pub fn tags (mut self , input : impl :: std :: convert :: Into < :: std :: vec :: Vec"),
            "{out}"
        );
        assert!(
            out.contains("pub fn set_tags (mut self , input : :: std :: option :: Option < :: std :: vec :: Vec"),
            "{out}"
        );
    }

    #[test]
    fn an_output_leaves_its_request_ids_to_the_response_reader() {
        let shapes = json!({
            "ex#Out": {"type": "structure", "members": {
                "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            }},
        });
        let out = build_text(shapes, "Out");
        assert!(out.contains("required (id , \"id\") , unset ("), "{out}");
    }

    #[test]
    fn without_members_that_must_be_set_build_is_infallible_and_written_out() {
        let shapes = json!({
            "ex#S": {"type": "structure", "members": {
                "count": {"target": "smithy.api#Integer",
                    "traits": {"smithy.api#required": {}, "smithy.api#default": 0}},
                "note": {"target": "smithy.api#String"},
            }},
        });
        let out = build_text(shapes, "S");
        assert!(!out.contains("fallible_build"), "{out}");
        assert!(
            out.contains("pub fn build (self) -> crate :: types :: S"),
            "{out}"
        );
        assert!(
            out.contains("count : self . count . unwrap_or_default ()"),
            "{out}"
        );
    }
}
