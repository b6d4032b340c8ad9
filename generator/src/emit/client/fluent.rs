//! Per operation: the client's method, its fluent builder (the input builder's setters and
//! `send()`), and how the operation's errors ask to be retried.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::builders::builders_path;
use super::super::docs;
use super::super::tokens::{ident, module_path, rust_type};
use crate::plan::{naming, OperationAuth, OperationPlan, Plan, RustIdent, StructPlan};

/// Names the fluent builder and the client keep for themselves; a member or operation with
/// one of these names gets `_value` / `_operation` after it.
const BUILDER_METHODS: &[&str] = &[
    "send",
    "with_input",
    "new",
    "operation_spec",
    "into_paginator",
];
const CLIENT_METHODS: &[&str] = &["new", "config", "invoke"];

/// Per operation, the stem of its fluent builder's and paginator's names: the operation's
/// type name, with a number after it where two operations would share one (`Foo_Bar` and
/// `FooBar`), since they all live in `client::fluent`.
pub fn stems(ops: &[&OperationPlan]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for op in ops {
        let base = naming::type_name(&op.name).name;
        let mut stem = base.clone();
        let mut n = 2;
        while taken.contains(&stem) {
            stem = format!("{base}{n}");
            n += 1;
        }
        taken.push(stem);
    }
    taken
}

fn fluent_name(stem: &str) -> proc_macro2::Ident {
    format_ident!("{}FluentBuilder", stem)
}

/// The client's method of `op` (its module name, unless that is one of the client's own).
pub fn method_name(op: &OperationPlan) -> proc_macro2::Ident {
    if CLIENT_METHODS.contains(&op.module.name.as_str()) {
        format_ident!("{}_operation", op.module.name)
    } else {
        ident(&op.module)
    }
}

fn unreserved(name: &RustIdent) -> proc_macro2::Ident {
    if BUILDER_METHODS.contains(&name.name.as_str()) {
        format_ident!("{}_value", name.name)
    } else {
        ident(name)
    }
}

/// `client.<operation>()`, on either client.
pub fn client_method(op: &OperationPlan, stem: &str) -> TokenStream {
    let method = method_name(op);
    let fluent = fluent_name(stem);
    let doc = docs::line(&format!(
        "Calls `{}`: set the input's members, then `send()`.",
        op.name
    ));
    quote! {
        #doc
        pub fn #method(&self) -> crate::client::fluent::#fluent<Self> {
            crate::client::fluent::#fluent::new(self.clone())
        }
    }
}

/// The fluent builder of one operation.
pub fn fluent_builder(
    plan: &Plan,
    op: &OperationPlan,
    input: &StructPlan,
    stem: &str,
) -> TokenStream {
    let op_name = &op.name;
    let fluent = fluent_name(stem);
    let op_module = ident(&op.module);
    let op_path = quote!(crate::operation::#op_module);
    let input_module = module_path(&input.module);
    let input_name = ident(&input.name);
    let input_type = quote!(#input_module::#input_name);
    let builders = builders_path(&input.module);
    let builder_name = ident(&naming::builder_name(&input.name));
    let builder = quote!(#builders::#builder_name);
    let output = rust_type(&op.output);
    let error_enum = ident(&op.error_enum);
    let error = quote!(#op_path::#error_enum);
    let setters = input.members.iter().map(|m| {
        let setter = unreserved(&m.setter);
        let option_setter = unreserved(&m.option_setter);
        let inner_setter = ident(&m.setter);
        let inner_option_setter = ident(&m.option_setter);
        let ty = rust_type(&m.value_type);
        let doc = docs::attrs(m.docs.as_deref());
        let option_doc = docs::line(&format!("Sets or clears `{}`.", m.member_name));
        quote! {
            #doc
            pub fn #setter(mut self, input: impl ::std::convert::Into<#ty>) -> Self {
                self.inner = self.inner.#inner_setter(input);
                self
            }

            #option_doc
            pub fn #option_setter(mut self, input: ::std::option::Option<#ty>) -> Self {
                self.inner = self.inner.#inner_option_setter(input);
                self
            }
        }
    });
    let from_input = if input.members.is_empty() {
        quote!(let _ = input; #builder::default())
    } else {
        let steps = input.members.iter().map(|m| {
            let field = ident(&m.field);
            let setter = ident(if m.optional {
                &m.option_setter
            } else {
                &m.setter
            });
            quote!(.#setter(input.#field))
        });
        quote!(#builder::default() #(#steps)*)
    };
    let build = if input.builder_is_fallible() {
        quote!(self.inner.build().map_err(crate::client::SdkError::Build)?)
    } else {
        quote!(self.inner.build())
    };
    let auth = match op.auth {
        OperationAuth::Required => quote!(crate::client::Auth::Required),
        OperationAuth::Optional => quote!(crate::client::Auth::Optional),
        OperationAuth::None => quote!(crate::client::Auth::None),
    };
    let has_endpoint_params = plan
        .endpoint
        .as_ref()
        .is_some_and(|e| e.operations.iter().any(|o| o.module == op.module));
    let choose_endpoint = if has_endpoint_params {
        quote! {
            |input, config| crate::client::resolve_endpoint(
                &#op_path::endpoint_params(input, &crate::client::built_ins(config)),
            )
        }
    } else {
        quote! {
            |_, config| crate::client::ChosenEndpoint::from_config(config, &crate::client::SERVICE)
        }
    };
    let paginator = super::paginator::paginator(
        plan,
        op,
        input,
        (&fluent, &format_ident!("{}Paginator", stem)),
        (&input_type, &output, &error),
    );
    let doc = docs::line(&format!(
        "Builds the input of `{}` member by member and sends it.",
        op.name
    ));
    quote! {
        #doc
        ///
        /// `C` is the client that sends it: [`crate::client::Client`] (async) or
        /// [`crate::blocking::Client`].
        #[derive(Clone, Debug)]
        pub struct #fluent<C> {
            client: C,
            inner: #builder,
        }

        impl<C> #fluent<C> {
            pub(crate) fn new(client: C) -> Self {
                #fluent { client, inner: ::std::default::Default::default() }
            }

            /// Takes every member from `input`, replacing what was set before.
            pub fn with_input(mut self, input: #input_type) -> Self {
                self.inner = { #from_input };
                self
            }

            #(#setters)*

            fn operation_spec() -> crate::client::call::Operation<#input_type, #output, #error> {
                crate::client::call::Operation {
                    name: #op_name,
                    auth: #auth,
                    choose_endpoint: #choose_endpoint,
                    validate: #input_type::validate,
                    serialize: |input, endpoint| #op_path::serialize_request_unchecked(input, endpoint),
                    parse: #op_path::parse_response,
                }
            }
        }

        impl #fluent<crate::blocking::Client> {
            /// Validates the input, then signs and sends the request, retrying as the
            /// configuration says, and reads the response.
            pub fn send(self) -> ::std::result::Result<#output, crate::client::SdkError<#error>> {
                let input = #build;
                self.client.invoke(&Self::operation_spec(), &input)
            }
        }

        impl #fluent<super::Client> {
            /// Validates the input, then signs and sends the request, retrying as the
            /// configuration says, and reads the response.
            pub async fn send(self) -> ::std::result::Result<#output, crate::client::SdkError<#error>> {
                let input = #build;
                self.client.invoke(&Self::operation_spec(), &input).await
            }
        }

        #paginator
    }
}

/// For crates with endpoint rules: the configuration as the rules' built-ins, and a resolved
/// endpoint as the client uses it (its first `sigv4` auth scheme sets the signing name and
/// region).
pub fn endpoint_bridge() -> TokenStream {
    quote! {
        /// The configuration's settings as the endpoint rules' built-ins (the endpoint URL is
        /// `SDK::Endpoint`).
        pub fn built_ins(config: &Config) -> crate::endpoint::BuiltIns {
            crate::endpoint::BuiltIns {
                region: config.region().map(::std::borrow::ToOwned::to_owned),
                use_fips: config.use_fips(),
                use_dual_stack: config.use_dual_stack(),
                endpoint: config.endpoint_url().map(::std::borrow::ToOwned::to_owned),
                ..::std::default::Default::default()
            }
        }

        /// Resolves `params` with the service's rules.
        pub fn resolve_endpoint(
            params: &crate::endpoint::Params,
        ) -> ::std::result::Result<ChosenEndpoint, ::std::string::String> {
            let resolved = crate::endpoint::resolve(params).map_err(|e| e.to_string())?;
            let sigv4 = resolved.auth_schemes().iter().find(|s| s.name() == "sigv4");
            ::std::result::Result::Ok(ChosenEndpoint {
                url: resolved.url().to_owned(),
                headers: resolved.headers().to_vec(),
                signing_name: sigv4.and_then(|s| s.signing_name()).map(::std::borrow::ToOwned::to_owned),
                signing_region: sigv4.and_then(|s| s.signing_region()).map(::std::borrow::ToOwned::to_owned),
                disable_double_encoding: sigv4.is_some_and(|s| s.disable_double_encoding()),
            })
        }
    }
}

/// `OperationError` for the operation's error enum: modeled throttling and `@retryable`.
pub fn operation_error_impl(op: &OperationPlan) -> TokenStream {
    let op_module = ident(&op.module);
    let error_enum = ident(&op.error_enum);
    let error = quote!(crate::operation::#op_module::#error_enum);
    quote! {
        impl OperationError for #error {
            fn code(&self) -> ::std::option::Option<&str> {
                #error::code(self)
            }

            fn modeled_retry(&self) -> ::std::option::Option<retry::RetryKind> {
                let error = self.inner();
                if error.is_throttling() {
                    ::std::option::Option::Some(retry::RetryKind::Throttling)
                } else if error.is_modeled_retryable() {
                    ::std::option::Option::Some(retry::RetryKind::Transient)
                } else {
                    ::std::option::Option::None
                }
            }
        }
    }
}
