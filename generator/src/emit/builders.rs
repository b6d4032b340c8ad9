//! Builders: a setter pair per member and a `build()` that reports every missing member.

use proc_macro2::TokenStream;
use quote::quote;

use super::defaults;
use super::docs;
use super::structs;
use super::tokens::{ident, module_path, rust_type};
use crate::plan::{naming, ModulePath, StructPlan};

/// The module holding the builders of types in `module`.
pub fn builders_path(module: &ModulePath) -> TokenStream {
    let module = module_path(module);
    quote!(#module::builders)
}

pub fn builder_items(plan: &StructPlan) -> TokenStream {
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
        ..plan.clone()
    };
    let builder = ident(&builder_plan.name);
    let doc = docs::line(&format!("A builder for `{}`.", plan.name.name));
    let fields = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = rust_type(&m.value_type);
        quote!(#field: ::std::option::Option<#ty>,)
    });
    let setters = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        let setter = ident(&m.setter);
        let option_setter = ident(&m.option_setter);
        let ty = rust_type(&m.value_type);
        let doc = docs::attrs(m.docs.as_deref());
        let required = if m.must_be_set() {
            let blank = docs::line("");
            let line = docs::line("This member is required.");
            quote!(#blank #line)
        } else {
            TokenStream::new()
        };
        let option_doc = docs::line(&format!("Sets or clears `{}`.", m.member_name));
        quote! {
            #doc
            #required
            pub fn #setter(mut self, input: impl ::std::convert::Into<#ty>) -> Self {
                self.#field = ::std::option::Option::Some(input.into());
                self
            }

            #option_doc
            pub fn #option_setter(mut self, input: ::std::option::Option<#ty>) -> Self {
                self.#field = input;
                self
            }
        }
    });
    let build = build_fn(plan, &target);
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

/// `build()`: infallible when nothing is required, else `Result` with every missing member.
fn build_fn(plan: &StructPlan, target: &TokenStream) -> TokenStream {
    let field_values = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        if m.optional {
            quote!(#field: self.#field,)
        } else if m.default.is_some() {
            let fallback = defaults::fallback(plan, m);
            quote!(#field: self.#field.#fallback,)
        } else {
            quote!(#field,)
        }
    });
    let required: Vec<_> = plan.members.iter().filter(|m| m.must_be_set()).collect();
    if required.is_empty() {
        return quote! {
            /// Builds the value.
            pub fn build(self) -> #target {
                #target { #(#field_values)* }
            }
        };
    }
    let shape = plan.id.name();
    let checks = required.iter().map(|m| {
        let field = ident(&m.field);
        let path = format!("{shape}.{}", m.member_name);
        let setter = m.setter.as_source();
        quote!(error.require(&self.#field, #path, #setter);)
    });
    let names: Vec<_> = required.iter().map(|m| ident(&m.field)).collect();
    let names2 = names.clone();
    quote! {
        /// Builds the value, or lists every required member that was not set.
        pub fn build(self) -> ::std::result::Result<#target, crate::error::BuildError> {
            let mut error = crate::error::BuildError::new(#shape);
            #(#checks)*
            match (#(self.#names,)*) {
                (#(::std::option::Option::Some(#names2),)*) => ::std::result::Result::Ok(#target { #(#field_values)* }),
                _ => ::std::result::Result::Err(error),
            }
        }
    }
}
