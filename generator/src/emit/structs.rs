//! Structures: the struct, its serde impls and its redacting Debug. What every structure has
//! alike (`builder()`, `validate()`, the serde trait impls) comes from the runtime's
//! `structure_api!`; only what is the structure's own is written out.

use proc_macro2::TokenStream;
use quote::quote;

use super::defaults;
use super::deserialize;
use super::docs;
use super::serialize;
use super::tokens::{ident, rust_type, REDACTED};
use crate::emit::prelude::DEFAULT;
use crate::plan::{MemberPlan, Plan, StructPlan};

/// The struct definition with its impls (builder accessor, Debug).
pub fn struct_items(service: &Plan, plan: &StructPlan) -> TokenStream {
    let name = ident(&plan.name);
    let doc = docs::attrs(plan.docs.as_deref());
    let fields = plan.members.iter().map(field);
    let default_fns = plan
        .members
        .iter()
        .filter_map(|m| defaults::serde_default_fn(plan, m));
    let builder = ident(&crate::plan::naming::builder_name(&plan.name));
    let builder_path = super::builders::builders_path(&plan.module);
    let debug = debug_impl(plan);
    let derive_debug = derive_debug(plan);
    let members: Vec<&MemberPlan> = plan.members.iter().collect();
    let partial = quote!(#builder_path::#builder);
    let serde = match deserialize::plain_members(service, plan, &partial) {
        Some(members) => members,
        None => {
            let serialize = serialize::serialize_impl(plan);
            let deserialize = deserialize::read_members_impl(
                service,
                plan,
                &members,
                &quote!(#name),
                &partial,
                true,
            );
            quote!(#serialize #deserialize)
        }
    };
    // An output or error also holds its response's request IDs, read by `request_id()`.
    let (ids_field, ids_arg) = match &plan.response_ids {
        Some(field) => {
            let field = ident(field);
            (
                quote!(pub(crate) #field: crate::primitives::RequestIds,),
                quote!(, #field),
            )
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    quote! {
        #doc
        #[derive(Clone, #derive_debug PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #ids_field
        }

        crate::primitives::structure::structure_api!(#name, #builder_path::#builder #ids_arg);
        #serde

        #debug
        #(#default_fns)*
    }
}

/// The request IDs' field in a struct literal of `plan` (an output or error): unset, for the
/// response reader fills them in after.
pub fn unset_request_ids(plan: &StructPlan) -> TokenStream {
    match &plan.response_ids {
        Some(field) => {
            let field = ident(field);
            quote!(#field: #DEFAULT::default(),)
        }
        None => TokenStream::new(),
    }
}

fn field(member: &MemberPlan) -> TokenStream {
    let name = ident(&member.field);
    let ty = rust_type(&member.field_type());
    let doc = docs::attrs(member.docs.as_deref());
    quote! {
        #doc
        pub #name: #ty,
    }
}

/// Whether `plan`'s Debug is derived: nothing in it is `@sensitive`, so the derived impl
/// prints what a written one would (the type's name, each field's name without `r#`).
pub fn derives_debug(plan: &StructPlan) -> bool {
    !plan.sensitive && !plan.members.iter().any(|m| m.sensitive)
}

/// `Debug,` in the derive list when [`derives_debug`], else nothing.
pub fn derive_debug(plan: &StructPlan) -> TokenStream {
    if derives_debug(plan) {
        quote!(Debug,)
    } else {
        TokenStream::new()
    }
}

/// Debug that prints the redaction marker for `@sensitive` members (or the whole struct);
/// nothing when it is derived ([`derives_debug`]).
pub fn debug_impl(plan: &StructPlan) -> TokenStream {
    if derives_debug(plan) {
        return TokenStream::new();
    }
    let name = ident(&plan.name);
    let body = debug_body(plan);
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}

fn debug_body(plan: &StructPlan) -> TokenStream {
    let type_name = &plan.name.name;
    if plan.sensitive {
        let text = format!("{type_name} {{ {REDACTED} }}");
        return quote!(f.write_str(#text));
    }
    let fields = plan.members.iter().map(|m| {
        let field = ident(&m.field);
        let label = &m.field.name;
        if m.sensitive {
            quote!(s.field(#label, &#REDACTED);)
        } else {
            quote!(s.field(#label, &self.#field);)
        }
    });
    // As the derived Debug does, the request IDs show too (they are never sensitive).
    let ids = plan.response_ids.as_ref().map(|field| {
        let label = &field.name;
        let field = ident(field);
        quote!(s.field(#label, &self.#field);)
    });
    quote! {
        let mut s = f.debug_struct(#type_name);
        #(#fields)*
        #ids
        s.finish()
    }
}
