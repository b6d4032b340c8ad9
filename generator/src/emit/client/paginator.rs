//! Per `@paginated` operation: `into_paginator()` on its bound input builder, with `pages()` (and
//! `items()` where the model names them) on the blocking and the async client.
//! Paths the model gives that do not lead where Smithy requires (a string token, a list of
//! items) get no paginator; Smithy's own validation refuses such models.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::tokens::{ident, rust_type};
use crate::emit::prelude::{OK, OPTION, SOME, STRING, VEC};
use crate::plan::{MemberPlan, OperationPlan, Plan, RustType, StructPlan};

/// The members along a dotted path from `start`.
fn walk<'a>(plan: &'a Plan, start: &'a StructPlan, path: &str) -> Option<Vec<&'a MemberPlan>> {
    let mut current = start;
    let mut members = Vec::new();
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let member = current.members.iter().find(|m| m.member_name == part)?;
        members.push(member);
        if parts.peek().is_some() {
            current = plan.structures.iter().find(|s| s.id == member.target)?;
        }
    }
    Some(members)
}

/// The body of `next_token(output) -> Option<&str>`: the token at `path`, by reference.
fn read_token(members: &[&MemberPlan]) -> Option<TokenStream> {
    let last = members.last()?;
    let is_string = |t: &RustType| *t == RustType::String;
    if !is_string(&last.value_type) {
        return None;
    }
    let steps = members.iter().map(|m| {
        let field = ident(&m.field);
        if m.optional {
            quote!(let value = value.and_then(|v| v.#field.as_ref());)
        } else {
            quote!(let value = value.map(|v| &v.#field);)
        }
    });
    Some(quote! {
        let value = #SOME(output);
        #(#steps)*
        value.map(|v| v.as_str())
    })
}

/// The body of `take_items(output) -> Vec<T>`: the list at `path`, by value, and its element
/// type.
fn take_items(members: &[&MemberPlan]) -> Option<(TokenStream, TokenStream)> {
    let last = members.last()?;
    let RustType::Vec(element) = &last.value_type else {
        return None;
    };
    let element = rust_type(element);
    let steps = members.iter().map(|m| {
        let field = ident(&m.field);
        if m.optional {
            quote!(let value = value.and_then(|v| v.#field);)
        } else {
            quote!(let value = value.map(|v| v.#field);)
        }
    });
    Some((
        quote! {
            let value = #SOME(output);
            #(#steps)*
            value.unwrap_or_default()
        },
        element,
    ))
}

/// For a paginated `op`: where its tokens (and items) are, as the runtime's `Paginated` (and
/// `PageItems`) of its unit type, and `into_paginator()` on its bound builder; nothing when
/// it is not paginated.
pub fn paginator(
    plan: &Plan,
    op: &OperationPlan,
    input: &StructPlan,
    unit: &proc_macro2::Ident,
    bound_builder: &proc_macro2::Ident,
) -> TokenStream {
    let (Some(paginated), Some(output)) = (&op.paginated, plan.struct_of(&op.output)) else {
        return TokenStream::new();
    };
    let (Some(input_token), Some(output_token)) = (&paginated.input_token, &paginated.output_token)
    else {
        return TokenStream::new();
    };
    let Some(token_member) = input
        .members
        .iter()
        .find(|m| &m.member_name == input_token && m.value_type == RustType::String)
    else {
        return TokenStream::new();
    };
    let Some(next_token) = walk(plan, output, output_token).and_then(|m| read_token(&m)) else {
        return TokenStream::new();
    };
    let items = paginated
        .items
        .as_deref()
        .and_then(|path| walk(plan, output, path))
        .and_then(|m| take_items(&m))
        .map(|(take, element)| {
            quote! {
                impl crate::client::paginate::PageItems for #unit {
                    type Item = #element;

                    fn take_items(output: Self::Output) -> #VEC<Self::Item> {
                        #take
                    }
                }
            }
        });
    let build = if input.builder_is_fallible() {
        quote!(builder.build())
    } else {
        quote!(#OK(builder.build()))
    };
    let field = ident(&token_member.field);
    let set_token = if token_member.optional {
        quote!(input.#field = #SOME(token);)
    } else {
        quote!(input.#field = token;)
    };
    let doc = format!(
        " Calls `{}` page after page: each page's `{output_token}` is sent back as \
         `{input_token}` for the next. Then `pages()`, or `items()` where the model names them.",
        op.name
    );
    quote! {
        impl crate::client::paginate::Paginated for #unit {
            fn set_token(input: &mut Self::Input, token: #STRING) {
                #set_token
            }

            fn next_token(output: &Self::Output) -> #OPTION<&str> {
                #next_token
            }
        }

        #items

        impl<C> #bound_builder<C> {
            #[doc = #doc]
            pub fn into_paginator(self) -> crate::client::paginate::Paginator<C, #unit> {
                let (bound, builder) = self.rebind(());
                crate::client::paginate::Paginator::new(bound.into_client(), #build)
            }
        }
    }
}
