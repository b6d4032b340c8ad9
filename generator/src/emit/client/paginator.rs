//! Per `@paginated` operation: `into_paginator()` on its fluent builder, with `pages()` (and
//! `items()` where the model names them) on the blocking and the async client.
//! Paths the model gives that do not lead where Smithy requires (a string token, a list of
//! items) get no paginator; Smithy's own validation refuses such models.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::tokens::{ident, rust_type};
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

/// `|output| -> Option<&str>`: the token at `path`, by reference.
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
        |output| {
            let value = ::std::option::Option::Some(output);
            #(#steps)*
            value.map(|v| v.as_str())
        }
    })
}

/// `|output| -> Vec<T>`: the list at `path`, by value, and its element type.
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
            |output| {
                let value = ::std::option::Option::Some(output);
                #(#steps)*
                value.unwrap_or_default()
            }
        },
        element,
    ))
}

/// The paginator of `op`, or nothing when it is not paginated.
pub fn paginator(
    plan: &Plan,
    op: &OperationPlan,
    input: &StructPlan,
    (fluent, paginator): (&proc_macro2::Ident, &proc_macro2::Ident),
    types: (&TokenStream, &TokenStream, &TokenStream),
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
        .and_then(|m| take_items(&m));
    let (input_type, output_type, error) = types;
    let build = if input.builder_is_fallible() {
        quote!(self.builder.inner.build())
    } else {
        quote!(::std::result::Result::Ok(self.builder.inner.build()))
    };
    let field = ident(&token_member.field);
    let set_token = if token_member.optional {
        quote!(|input, token| input.#field = ::std::option::Option::Some(token))
    } else {
        quote!(|input, token| input.#field = token)
    };
    let async_items_fn = items.as_ref().map(|(take, element)| {
        quote! {
            /// The items of every page, in order: `while let Some(item) = items.next().await`.
            pub fn items(self) -> crate::client::paginate::AsyncItems<#input_type, #output_type, #error, #element> {
                crate::client::paginate::AsyncItems::new(self.pages(), #take)
            }
        }
    });
    let items_fn = items.map(|(take, element)| {
        quote! {
            /// The items of every page, in order (a call per page, as the iteration needs it).
            pub fn items(self) -> crate::client::paginate::Items<#input_type, #output_type, #error, #element> {
                crate::client::paginate::Items::new(self.pages(), #take)
            }
        }
    });
    let doc = format!(
        " Pages of `{}`: each page's `{output_token}` is sent back as `{input_token}` for the next.",
        op.name
    );
    quote! {
        impl<C> #fluent<C> {
            /// Calls the operation page after page (see the paginator).
            pub fn into_paginator(self) -> #paginator<C> {
                #paginator { builder: self }
            }
        }

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #paginator<C> {
            builder: #fluent<C>,
        }

        impl<C> #paginator<C> {
            fn pagination() -> crate::client::paginate::Pagination<#input_type, #output_type, #error> {
                crate::client::paginate::Pagination {
                    operation: #fluent::<C>::operation_spec(),
                    set_token: #set_token,
                    next_token: #next_token,
                }
            }
        }

        impl #paginator<crate::blocking::Client> {
            /// Every page, as an iterator: a call per page, as the iteration needs it.
            pub fn pages(self) -> crate::client::paginate::Pages<#input_type, #output_type, #error> {
                let input = #build;
                crate::client::paginate::Pages::new(self.builder.client, input, Self::pagination())
            }

            #items_fn
        }

        impl #paginator<super::Client> {
            /// Every page: `while let Some(page) = pages.next().await`.
            pub fn pages(self) -> crate::client::paginate::AsyncPages<#input_type, #output_type, #error> {
                let input = #build;
                crate::client::paginate::AsyncPages::new(self.builder.client, input, Self::pagination())
            }

            #async_items_fn
        }
    }
}
