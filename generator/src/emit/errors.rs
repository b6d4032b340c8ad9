//! Error shapes (code, message, HTTP status, retryability) and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, rust_type};
use crate::emit::prelude::{OPTION, SOME};
use crate::plan::{
    ErrorFault, ErrorPlan, ModulePath, OperationErrorPlan, OperationPlan, Plan, RustType,
    StructPlan,
};

/// The `message` method of `ModeledError`, by the names AWS models use; none (the trait's
/// default) without such a member.
fn message_fn(plan: &StructPlan) -> TokenStream {
    let member = plan.members.iter().find(|m| {
        m.member_name.eq_ignore_ascii_case("message")
            && matches!(m.value_type, RustType::String)
            && !m.sensitive
    });
    let Some(m) = member else {
        return TokenStream::new();
    };
    let field = ident(&m.field);
    let body = if m.optional {
        quote!(self.#field.as_deref())
    } else {
        quote!(#SOME(self.#field.as_str()))
    };
    quote! {
        fn message(&self) -> #OPTION<&str> {
            #body
        }
    }
}

/// An error structure's `ModeledError` implementation (only what differs from the trait's
/// defaults) and its methods; `wire` adds `from_response`.
pub fn error_impls(plan: &StructPlan, error: &ErrorPlan, wire: bool) -> TokenStream {
    let name = ident(&plan.name);
    // What `code()` returns; dispatch on the wire uses `error.code` (`emit/wire/response.rs`).
    let code = error.exposed_code.as_ref().unwrap_or(&error.code);
    let status = error
        .http_status
        .map(|s| quote!(const HTTP_STATUS: #OPTION<u16> = #SOME(#s);));
    let flag = |set: bool, name: TokenStream| set.then(|| quote!(const #name: bool = true;));
    let retryable = flag(error.retryable, quote!(RETRYABLE));
    let throttling = flag(error.throttling, quote!(THROTTLING));
    let server = flag(error.fault == ErrorFault::Server, quote!(SERVER_FAULT));
    let message = message_fn(plan);
    let api = if wire {
        quote!(crate::error::modeled_error_api!(#name, from_response);)
    } else {
        quote!(crate::error::modeled_error_api!(#name);)
    };
    quote! {
        impl crate::error::ModeledError for #name {
            const CODE: &'static str = #code;
            #status
            #retryable
            #throttling
            #server
            #message
        }

        #api
    }
}

/// The operation's error enum: one variant per modeled error, plus `Unhandled`, declared
/// with its methods by the runtime's `operation_error!` (their docs are fixed text around
/// names, so nothing is lost by not writing the enum out).
pub fn operation_error_enum(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let wire = plan.primitives.wire;
    let name = ident(&op.error_enum);
    let operation = &op.name;
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        // The type goes without saying where it is the error structure of the variant's name.
        let own = matches!(&e.error_type, RustType::Named { module: ModulePath::TypesError, name }
            if *name == e.variant);
        let error = (!own).then(|| {
            let error = rust_type(&e.error_type);
            quote!((#error))
        });
        // The variant's doc names the error shape: given only where the variant's name differs.
        let shape = e.shape.name();
        let named = !e.variant.raw && shape == e.variant.name;
        let shape_name = (!named).then(|| quote!(= #shape));
        // The code a response names it by, where not the shape's name.
        let code = wire_code(plan, e)
            .filter(|code| *code != shape)
            .map(|code| quote!(code(#code)));
        quote!(#variant #error #shape_name #code)
    });
    // Only crates with the wire layer can receive a response that fails to parse.
    let invalid = wire.then(|| quote!(InvalidResponse));
    quote! {
        crate::error::operation_error!(
            #name(#invalid),
            #operation,
            #(#variants,)*
        );
    }
}

/// The code that names operation error `e` in a response: its shape's name, or for awsQuery
/// its `@awsQueryError` code when it has one.
fn wire_code<'a>(plan: &'a Plan, e: &OperationErrorPlan) -> Option<&'a str> {
    let error = plan.struct_of(&e.error_type)?.error.as_ref()?;
    let aws_query = plan.service.protocol == Some(crate::plan::protocol::Protocol::AwsQuery);
    Some(match &error.exposed_code {
        Some(code) if aws_query => code,
        _ => &error.code,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The error enum of operation `ex#Op`, whose errors are `errors` (shape names), as token
    /// text, after checking that the macro's arguments read as expressions (so that the
    /// relative-paths pass can shorten the types in them).
    fn enum_text(errors: &[&str], wire: bool) -> String {
        // A protocol gives the crate its wire layer.
        let traits = if wire {
            json!({"aws.protocols#awsJson1_0": {}})
        } else {
            json!({})
        };
        let mut shapes = json!({
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                "traits": traits},
            "ex#Op": {"type": "operation",
                "errors": errors.iter().map(|e| json!({"target": format!("ex#{e}")})).collect::<Vec<_>>()}
        });
        for e in errors {
            shapes[format!("ex#{e}")] = json!({"type": "structure", "members": {},
                "traits": {"smithy.api#error": "client"}});
        }
        let model = json!({"smithy": "2.0", "shapes": shapes});
        let plan = crate::plan::plan_of_json(&model);
        let tokens = super::operation_error_enum(&plan, &plan.operations[0]);
        let mac = match syn::parse2::<syn::Item>(tokens.clone()) {
            Ok(syn::Item::Macro(item)) => item.mac,
            _ => panic!("not a macro invocation: {tokens}"),
        };
        mac.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        )
        .unwrap_or_else(|e| panic!("not expressions: {e}"));
        tokens.to_string()
    }

    #[test]
    fn the_enum_names_its_operation_and_each_error_with_its_type() {
        let out = enum_text(&["NotFound", "Throttled"], true);
        assert!(
            out.starts_with(
                "crate :: error :: operation_error ! (OpError (InvalidResponse) , \"Op\" ,"
            ),
            "{out}"
        );
        // Each variant's type is the error structure of its name: it goes without saying.
        assert!(out.contains("NotFound , Throttled ,"), "{out}");
        assert!(!out.contains("types :: error"), "{out}");
        assert!(!out.contains('='), "no shape name differs: {out}");
    }

    #[test]
    fn a_crate_without_the_wire_layer_has_no_invalid_response_variant() {
        let out = enum_text(&["NotFound"], false);
        assert!(out.contains("OpError () , \"Op\" ,"), "{out}");
        assert!(!out.contains("InvalidResponse"), "{out}");
    }

    #[test]
    fn a_variant_named_otherwise_than_its_shape_carries_the_shape_name() {
        let out = enum_text(&["badRequest"], true);
        assert!(out.contains("BadRequest = \"badRequest\""), "{out}");
    }

    #[test]
    fn a_variant_named_otherwise_than_its_type_names_the_type() {
        // `Unhandled` is the enum's own variant: the error's variant is named otherwise.
        let out = enum_text(&["Unhandled"], true);
        assert!(
            out.contains("(crate :: types :: error :: Unhandled) = \"Unhandled\""),
            "{out}"
        );
    }

    #[test]
    fn an_aws_query_error_is_matched_by_its_own_code() {
        // awsQuery names an error by its `@awsQueryError` code where it has one; the
        // other protocols by the shape's name.
        let model = |protocol: &str| {
            json!({"smithy": "2.0", "shapes": {
                "ex#Svc": {"type": "service", "version": "1",
                    "operations": [{"target": "ex#Op"}],
                    "traits": {protocol: {}, "aws.protocols#awsQueryCompatible": {}}},
                "ex#Op": {"type": "operation", "errors": [{"target": "ex#Busy"}]},
                "ex#Busy": {"type": "structure", "members": {}, "traits": {
                    "smithy.api#error": "client",
                    "aws.protocols#awsQueryError": {"code": "Busy.Try", "httpResponseCode": 400}}}
            }})
        };
        let text = |protocol: &str| {
            let plan = crate::plan::plan_of_json(&model(protocol));
            super::operation_error_enum(&plan, &plan.operations[0]).to_string()
        };
        let query = text("aws.protocols#awsQuery");
        assert!(query.contains("Busy code (\"Busy.Try\")"), "{query}");
        let json = text("aws.protocols#awsJson1_0");
        assert!(!json.contains("code ("), "{json}");
    }
}
