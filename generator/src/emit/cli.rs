//! The service's command line: static schemas of every shape its operations use, and an
//! operation table for `smithy-cli-runtime`, which does the rest (arguments, settings,
//! pagination, output). Each operation is sent by the library's client (its `client`
//! feature): the command line hands it what it resolved (endpoint, credentials, retries,
//! timeouts, its transport) through one `invoke` function per operation. Emitted into the
//! command-line crate, which depends on the generated library crate named `library`.

use crate::emit::prelude::{
    DEFAULT, ERR, NONE, OK, OPTION, RESULT, SOME, STRING, TO_OWNED, TO_STRING, VEC,
};
use std::collections::{BTreeSet, VecDeque};

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::tokens::{ident, plain, rust_type_in};
use crate::plan::{
    MemberPlan, ModulePath, OperationPlan, Plan, RustIdent, RustType, StructPlan, UnionPlan,
};

/// The whole command-line file: schemas, operations and `pub static SERVICE`.
pub fn cli_file(plan: &Plan, library: &str) -> TokenStream {
    let root = {
        let library = plain(&library.replace('-', "_"));
        quote!(::#library)
    };
    let operations: Vec<&OperationPlan> = plan
        .operations
        .iter()
        .filter(|op| op.wire.is_some())
        .collect();
    let statics = reachable(plan, &operations)
        .into_iter()
        .filter_map(|named| schema_static(plan, &named));
    let entries = operations.iter().map(|op| operation_entry(plan, op));
    let has_rules = plan.endpoint.is_some();
    let functions = operations
        .iter()
        .map(|op| operation_functions(plan, op, &root, has_rules));
    let cli_name = plan.service.cli_name();
    let sdk_id = &plan.service.sdk_id;
    let signing_name = &plan.service.signing_name;
    let endpoint_of = has_rules.then(|| endpoint_conversion(&root));
    let client_glue = (!operations.is_empty()).then(|| client_glue(&root));
    let stream_glue = operations
        .iter()
        .any(|op| output_stream(plan, op).is_some())
        .then(|| stream_error_glue(&root));
    quote! {
        /// The service as the command line sees it.
        pub static SERVICE: ::smithy_cli_runtime::Service = ::smithy_cli_runtime::Service {
            cli_name: #cli_name,
            sdk_id: #sdk_id,
            signing_name: #signing_name,
            operations: &[#(#entries),*],
        };
        #(#statics)*
        #(#functions)*
        #endpoint_of
        #client_glue
        #stream_glue
    }
}

/// The member of the operation's output that is its event stream, and its union, if it has one.
fn output_stream<'a>(
    plan: &'a Plan,
    op: &OperationPlan,
) -> Option<(&'a MemberPlan, &'a UnionPlan)> {
    let output = plan.struct_of(&op.output)?;
    crate::emit::wire::stream_member(plan, output)
}

/// The member of the operation's output that is its `@streaming` blob body, if it has one.
fn streaming_body<'a>(plan: &'a Plan, op: &OperationPlan) -> Option<&'a crate::plan::MemberPlan> {
    crate::emit::wire::streaming_body(plan.struct_of(&op.output)?)
}

/// Once per command line with an output event stream: the error that ended a stream as the command line's.
fn stream_error_glue(root: &TokenStream) -> TokenStream {
    quote! {
        /// The error that ended an output event stream, as the command line reports it.
        fn stream_error<T: ::serde::Serialize>(
            error: #root::wire::event_stream::EventError<T>,
        ) -> ::smithy_cli_runtime::StreamError {
            use #root::wire::event_stream::EventError;
            use ::smithy_cli_runtime::StreamError;
            match error {
                EventError::Modeled(event) => match ::serde_json::to_value(&event) {
                    #OK(event) => StreamError::Modeled(event),
                    #ERR(e) => StreamError::Invalid(#root::wire::redact_values(&e.to_string())),
                },
                EventError::Unhandled { code, message } => StreamError::Unhandled { code, message },
                EventError::Invalid(message) => StreamError::Invalid(message),
            }
        }
    }
}

/// Once per command line: the command line's transport as the client's, the client of one call
/// from what the command line resolved, and the client's errors as the command line's.
fn client_glue(root: &TokenStream) -> TokenStream {
    quote! {
            /// The command line's transport (its TLS options, proxies, `--debug` log) under the client.
            #[derive(Debug)]
            struct CliTransport(::std::sync::Arc<::smithy_cli_runtime::CliTransport>);

            /// The command line transport's failure as the client's transport error.
            fn transport_error(
                failure: ::smithy_cli_runtime::TransportFailure,
            ) -> #root::client::TransportError {
                use #root::client::TransportErrorKind as Kind;
                let kind = match failure.kind {
                    ::smithy_cli_runtime::TransportKind::Connect => Kind::Connect,
                    ::smithy_cli_runtime::TransportKind::Timeout => Kind::Timeout,
                    ::smithy_cli_runtime::TransportKind::Io => Kind::Io,
                    ::smithy_cli_runtime::TransportKind::Other => Kind::Other,
                };
                #root::client::TransportError::new(kind, failure.message)
            }

            impl #root::client::HttpTransport for CliTransport {
                fn send(
                    &self,
                    request: ::http::Request<#VEC<u8>>,
                    _limits: &#root::client::AttemptLimits,
                ) -> #RESULT<::http::Response<#VEC<u8>>, #root::client::TransportError> {
                    self.0.send(request).map_err(transport_error)
                }

                fn send_streaming(
                    &self,
                    request: ::http::Request<#VEC<u8>>,
                    _limits: &#root::client::AttemptLimits,
                ) -> #RESULT<::http::Response<#root::client::BodyReader>, #root::client::TransportError> {
                    self.0.send_streaming(request).map_err(transport_error)
                }
            }

            /// The client of one call, the endpoint the command line chose and whether to sign.
            fn client_of(
                dispatch: &::smithy_cli_runtime::Dispatch,
            ) -> #RESULT<
                (#root::blocking::Client, #root::client::ChosenEndpoint, #root::client::Auth),
                ::smithy_cli_runtime::CallError,
            > {
                use #root::client::{Auth, ChecksumWhen, ChosenEndpoint, Config, Credentials, RetryConfig, RetryMode, Timeouts};
                let mut config = Config::builder()
                    .retry_config(RetryConfig {
                        mode: match dispatch.retry_mode {
                            "legacy" => RetryMode::Legacy,
                            "adaptive" => RetryMode::Adaptive,
                            _ => RetryMode::Standard,
                        },
                        max_attempts: dispatch.max_attempts,
                        ..#DEFAULT::default()
                    })
                    .timeouts(Timeouts {
                        connect: dispatch.connect_timeout,
                        read: dispatch.read_timeout,
                        operation: #NONE,
                    })
                    .transport(CliTransport(::std::sync::Arc::clone(&dispatch.transport)))
                    // The settings the client's `Config::from_env` would read, as the command line read them.
                    .disable_request_compression(dispatch.disable_request_compression)
                    .request_min_compression_size_bytes(dispatch.request_min_compression_size_bytes)
                    .map_err(|e| ::smithy_cli_runtime::CallError::Other(e.to_string()))?
                    .request_checksum_calculation(match dispatch.request_checksum_when_supported {
                        true => ChecksumWhen::WhenSupported,
                        false => ChecksumWhen::WhenRequired,
                    })
                    .response_checksum_validation(match dispatch.response_checksum_when_supported {
                        true => ChecksumWhen::WhenSupported,
                        false => ChecksumWhen::WhenRequired,
                    });
                if let #SOME(region) = &dispatch.region {
                    config = config.region(region.clone());
                }
                let endpoint = ChosenEndpoint {
                    url: dispatch.endpoint.url.clone(),
                    headers: dispatch.endpoint.headers.clone(),
                    ..#DEFAULT::default()
                };
                let (auth, endpoint) = match &dispatch.signing {
                    #SOME(sigv4) => {
                        config = config.credentials(Credentials::new(
                            sigv4.access_key.clone(),
                            sigv4.secret_key.clone(),
                            sigv4.session_token.clone(),
                        ));
                        let endpoint = ChosenEndpoint {
                            signing_name: #SOME(sigv4.name.clone()),
                            signing_region: #SOME(sigv4.region.clone()),
                            disable_double_encoding: !sigv4.double_encode,
                            ..endpoint
                        };
                        (Auth::Required, endpoint)
                    }
                    #NONE => (Auth::None, endpoint),
                };
                #OK((#root::blocking::Client::new(&config.build()), endpoint, auth))
            }

    /// What the command line reads of an operation's error: its message, its own HTTP status,
            /// and whether the response could not be read.
            type ErrorDetails = (#OPTION<#STRING>, #OPTION<u16>, bool);

            /// A failed call as the command line reports it.
            fn call_error<E: #root::client::OperationError>(
                error: #root::client::SdkError<E>,
                details: fn(&E) -> ErrorDetails,
            ) -> ::smithy_cli_runtime::CallError {
                use #root::client::{retry, OperationError, SdkError};
                use ::smithy_cli_runtime::CallError;
                match error {
                    SdkError::Service(e) => {
                        let status = e.raw.status().as_u16();
                        let (message, http_status, malformed) = details(&e.error);
                        let code = OperationError::code(&e.error);
                        let retryable = retry::classify_response(code, status, e.error.modeled_retry())
                            != retry::RetryKind::Never;
                        CallError::Service(::smithy_cli_runtime::ServiceError {
                            code: code.map(#TO_OWNED::to_owned),
                            message,
                            http_status: http_status.unwrap_or(status),
                            retryable,
                            malformed,
                        })
                    }
                    SdkError::Validation(e) => CallError::Input(e.to_string()),
                    SdkError::Build(e) => CallError::Input(e.to_string()),
                    SdkError::Request(e) => CallError::Input(e.to_string()),
                    SdkError::Transport(e) | SdkError::Timeout(e) => CallError::Other(e.message),
                    SdkError::Credentials(e) => CallError::Other(e.message().to_owned()),
                    SdkError::Endpoint(message) => CallError::Other(message),
                    SdkError::Signing(message) => CallError::Other(::std::format!("cannot sign the request: {message}")),
                    SdkError::Checksum(mismatch) => CallError::Other(#TO_STRING::to_string(&mismatch)),
                    _ => CallError::Other(#TO_OWNED::to_owned("the call failed")),
                }
            }
        }
}

/// The library's resolved endpoint as the runtime's: URL, headers, and the auth schemes in the rules' order.
fn endpoint_conversion(root: &TokenStream) -> TokenStream {
    quote! {
        fn endpoint_of(endpoint: &#root::endpoint::ResolvedEndpoint) -> ::smithy_cli_runtime::Endpoint {
            ::smithy_cli_runtime::Endpoint {
                url: endpoint.url().to_owned(),
                headers: endpoint.headers().to_vec(),
                auth_schemes: endpoint
                    .auth_schemes()
                    .iter()
                    .map(|scheme| ::smithy_cli_runtime::AuthScheme {
                        name: scheme.name().to_owned(),
                        signing_name: scheme.signing_name().map(#TO_OWNED::to_owned),
                        signing_region: scheme.signing_region().map(#TO_OWNED::to_owned),
                        signing_region_set: scheme.signing_region_set().to_vec(),
                        disable_double_encoding: scheme.disable_double_encoding(),
                    })
                    .collect(),
            }
        }
    }
}

/// A named type: its module and name.
pub(super) type Named = (ModulePath, RustIdent);

/// The static holding a type's schema. Type names in one module are distinct (the plan makes
/// them so) and never contain `__` once shouted, so the double underscore keeps types of
/// different modules apart (`ErrorFoo` in `types`, `Foo` in `types::error`).
pub(super) fn static_name(named: &Named) -> Ident {
    let name = named.1.name.to_shouty_snake_case();
    plain(&match &named.0 {
        ModulePath::Types => format!("SCHEMA_{name}"),
        ModulePath::TypesError => format!("SCHEMA_ERROR__{name}"),
        ModulePath::Operation(op) => {
            format!("SCHEMA_OP_{}__{name}", op.name.to_shouty_snake_case())
        }
    })
}

pub(super) fn named_in(ty: &RustType, out: &mut Vec<Named>) {
    match ty {
        RustType::Named { module, name } => out.push((module.clone(), name.clone())),
        RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) => {
            named_in(inner, out)
        }
        // A map's keys are JSON object keys, read as text: the tables and schemas describe
        // only its values, so a key's type (an enum) needs no table of its own.
        RustType::Map(_, value) => named_in(value, out),
        _ => {}
    }
}

/// Every named type the operations' inputs and outputs reach, so no unused static is emitted.
fn reachable(plan: &Plan, operations: &[&OperationPlan]) -> Vec<Named> {
    let mut start = Vec::new();
    for op in operations {
        named_in(&op.input, &mut start);
        named_in(&op.output, &mut start);
    }
    reachable_from(plan, start)
}

/// Every named type reachable from `start`, each once, in breadth-first order.
pub(super) fn reachable_from(plan: &Plan, start: Vec<Named>) -> Vec<Named> {
    let mut queue: VecDeque<Named> = start.into();
    let mut seen: BTreeSet<Named> = BTreeSet::new();
    let mut order = Vec::new();
    while let Some(named) = queue.pop_front() {
        if !seen.insert(named.clone()) {
            continue;
        }
        let mut next = Vec::new();
        if let Some(s) = plan
            .structures
            .iter()
            .find(|s| s.module == named.0 && s.name == named.1)
        {
            for m in &s.members {
                named_in(&m.value_type, &mut next);
            }
        } else if let Some(u) = plan
            .unions
            .iter()
            .find(|u| named.0 == ModulePath::Types && u.name == named.1)
        {
            for v in &u.variants {
                if let Some(t) = &v.value_type {
                    named_in(t, &mut next);
                }
            }
        }
        queue.extend(next);
        order.push(named);
    }
    order
}

/// A reference to the schema of a type.
fn schema_ref(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(&::smithy_cli_runtime::Schema::String),
        RustType::Bool => quote!(&::smithy_cli_runtime::Schema::Boolean),
        RustType::I8 => quote!(&::smithy_cli_runtime::Schema::Byte),
        RustType::I16 => quote!(&::smithy_cli_runtime::Schema::Short),
        RustType::I32 => quote!(&::smithy_cli_runtime::Schema::Integer),
        RustType::I64 => quote!(&::smithy_cli_runtime::Schema::Long),
        RustType::F32 => quote!(&::smithy_cli_runtime::Schema::Float),
        RustType::F64 => quote!(&::smithy_cli_runtime::Schema::Double),
        RustType::BigInteger => quote!(&::smithy_cli_runtime::Schema::BigInteger),
        RustType::BigDecimal => quote!(&::smithy_cli_runtime::Schema::BigDecimal),
        RustType::DateTime => quote!(&::smithy_cli_runtime::Schema::Timestamp),
        RustType::Blob | RustType::ByteStream => quote!(&::smithy_cli_runtime::Schema::Blob),
        RustType::Document => quote!(&::smithy_cli_runtime::Schema::Document),
        RustType::Named { module, name } => {
            let name = static_name(&(module.clone(), name.clone()));
            quote!(&#name)
        }
        RustType::Vec(inner) => {
            let inner = schema_ref(inner);
            quote!(&::smithy_cli_runtime::Schema::List(#inner))
        }
        RustType::Map(_, value) => {
            let value = schema_ref(value);
            quote!(&::smithy_cli_runtime::Schema::Map(#value))
        }
        RustType::Option(inner) | RustType::Box(inner) => schema_ref(inner),
    }
}

fn doc_text(text: Option<&str>) -> String {
    text.map(docs::tidy).unwrap_or_default()
}

fn schema_static(plan: &Plan, named: &Named) -> Option<TokenStream> {
    let name = static_name(named);
    let value = if let Some(s) = plan
        .structures
        .iter()
        .find(|s| s.module == named.0 && s.name == named.1)
    {
        let fields = s.members.iter().map(|m| {
            let wire = &m.wire_name;
            let schema = schema_ref(&m.value_type);
            let required = m.required;
            let sensitive = m.sensitive;
            let docs = doc_text(m.docs.as_deref());
            quote!(::smithy_cli_runtime::Field { name: #wire, schema: #schema, required: #required, sensitive: #sensitive, docs: #docs })
        });
        quote!(::smithy_cli_runtime::Schema::Structure(&[#(#fields),*]))
    } else if let Some(u) = plan.unions.iter().find(|u| u.name == named.1) {
        let fields = u.variants.iter().map(|v| {
            let wire = &v.wire_name;
            let schema = match &v.value_type {
                Some(t) => schema_ref(t),
                None => quote!(&::smithy_cli_runtime::Schema::Structure(&[])),
            };
            let sensitive = v.sensitive;
            let docs = doc_text(v.docs.as_deref());
            quote!(::smithy_cli_runtime::Field { name: #wire, schema: #schema, required: false, sensitive: #sensitive, docs: #docs })
        });
        quote!(::smithy_cli_runtime::Schema::Union(&[#(#fields),*]))
    } else {
        let e = plan.enums.iter().find(|e| e.name == named.1)?;
        let values = e.variants.iter().map(|v| match &v.value {
            crate::plan::EnumValue::String(s) => quote!(#s),
            crate::plan::EnumValue::Int(i) => {
                let lit = proc_macro2::Literal::i64_unsuffixed(*i);
                quote!(#lit)
            }
        });
        if e.is_int {
            quote!(::smithy_cli_runtime::Schema::IntEnum(&[#(#values),*]))
        } else {
            quote!(::smithy_cli_runtime::Schema::Enum(&[#(#values),*]))
        }
    };
    Some(quote!(static #name: ::smithy_cli_runtime::Schema = #value;))
}

fn fn_names(op: &OperationPlan) -> (Ident, Ident, Ident, Ident) {
    (
        plain(&format!("check_{}", op.module.name)),
        plain(&format!("build_{}", op.module.name)),
        plain(&format!("invoke_{}", op.module.name)),
        plain(&format!("endpoint_{}", op.module.name)),
    )
}

/// The wire names along a dotted path of member names from `start`, and the last member.
fn wire_path<'a>(
    plan: &'a Plan,
    start: &'a StructPlan,
    path: &str,
) -> Option<(String, &'a MemberPlan)> {
    let mut current = start;
    let mut names = Vec::new();
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let member = current.members.iter().find(|m| m.member_name == part)?;
        names.push(member.wire_name.as_str());
        if parts.peek().is_none() {
            return Some((names.join("."), member));
        }
        current = plan.structures.iter().find(|s| s.id == member.target)?;
    }
    None
}

/// The operation's pagination for the command line, when `@paginated` (the service's values
/// merged in) names both tokens and the items: as the AWS CLI, whose paginators always name
/// their result key, an operation without items is called once.
fn pagination(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let none = quote!(#NONE);
    let Some(paginated) = &op.paginated else {
        return none;
    };
    let (Some(input), Some(output)) = (plan.struct_of(&op.input), plan.struct_of(&op.output))
    else {
        return none;
    };
    let (Some(input_token), Some(output_token), Some(items)) = (
        paginated.input_token.as_deref(),
        paginated.output_token.as_deref(),
        paginated.items.as_deref(),
    ) else {
        return none;
    };
    // Paths that do not lead where Smithy requires (top-level input members, a string token,
    // a list or map of items) get no pagination; Smithy's own validation refuses such models.
    let top_level = |name: &str| input.members.iter().find(|m| m.member_name == name);
    let Some(input_token) = top_level(input_token).filter(|m| m.value_type == RustType::String)
    else {
        return none;
    };
    let Some((output_token, _)) =
        wire_path(plan, output, output_token).filter(|(_, m)| m.value_type == RustType::String)
    else {
        return none;
    };
    let Some((items, _)) = wire_path(plan, output, items)
        .filter(|(_, m)| matches!(m.value_type, RustType::Vec(_) | RustType::Map(..)))
    else {
        return none;
    };
    let page_size = match paginated.page_size.as_deref().and_then(top_level) {
        Some(member) => {
            let wire = &member.wire_name;
            quote!(#SOME(#wire))
        }
        None => none.clone(),
    };
    let input_token = &input_token.wire_name;
    quote! {
        #SOME(::smithy_cli_runtime::Pagination {
            input_token: #input_token,
            output_token: #output_token,
            items: #items,
            page_size: #page_size,
        })
    }
}

fn operation_entry(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let cli_name = &op.cli_name;
    let name = &op.name;
    let docs = doc_text(op.docs.as_deref());
    let params = plan.struct_of(&op.input).into_iter().flat_map(|s| &s.members).map(|m| {
        let flag = &m.cli_flag;
        let member = &m.wire_name;
        let schema = schema_ref(&m.value_type);
        let required = m.required;
        let sensitive = m.sensitive;
        let docs = doc_text(m.docs.as_deref());
        quote!(::smithy_cli_runtime::Param { flag: #flag, member: #member, schema: #schema, required: #required, sensitive: #sensitive, docs: #docs })
    });
    let input = schema_ref(&op.input);
    let output = schema_ref(&op.output);
    let (check, build, invoke, resolve) = fn_names(op);
    let paginated = pagination(plan, op);
    let output_events = match output_stream(plan, op) {
        Some((member, _)) => {
            let schema = schema_ref(&member.value_type);
            quote!(#SOME(#schema))
        }
        None => quote!(#NONE),
    };
    let output_body = streaming_body(plan, op).is_some();
    quote! {
        ::smithy_cli_runtime::Operation {
            cli_name: #cli_name,
            name: #name,
            docs: #docs,
            params: &[#(#params),*],
            input: #input,
            output: #output,
            check_input: #check,
            build_request: #build,
            resolve_endpoint: #resolve,
            invoke: #invoke,
            output_events: #output_events,
            output_body: #output_body,
            paginated: #paginated,
        }
    }
}

/// The operation's endpoint from the library's resolver: the settings become the rules' built-ins, the input
/// binds the operation's context parameters.
fn rules_resolver(
    resolve: &Ident,
    input: &TokenStream,
    module: &Ident,
    root: &TokenStream,
) -> TokenStream {
    quote! {
        fn #resolve(input: &::serde_json::Value, settings: &::smithy_cli_runtime::EndpointSettings) -> ::smithy_cli_runtime::Resolution {
            let built_ins = #root::endpoint::BuiltIns {
                region: settings.region.clone(),
                use_fips: settings.use_fips,
                use_dual_stack: settings.use_dual_stack,
                endpoint: settings.endpoint_url.clone(),
                account_id: settings.account_id.clone(),
                account_id_endpoint_mode: settings.account_id_endpoint_mode.clone(),
                ..#DEFAULT::default()
            };
            let input = match <#input as ::serde::Deserialize>::deserialize(input) {
                #OK(input) => input,
                #ERR(e) => return ::smithy_cli_runtime::Resolution {
                    params: #STRING::new(),
                    endpoint: #ERR(::std::format!("invalid input: {}", #root::wire::redact_values(&e.to_string()))),
                },
            };
            let params = #root::operation::#module::endpoint_params(&input, &built_ins);
            ::smithy_cli_runtime::Resolution {
                params: ::std::format!("{params:?}"),
                endpoint: #root::endpoint::resolve(&params).map(|e| endpoint_of(&e)).map_err(|e| e.to_string()),
            }
        }
    }
}

/// A model without `smithy.rules#endpointRuleSet` names no endpoint: only a configured one can be used.
fn configured_only_resolver(resolve: &Ident) -> TokenStream {
    quote! {
        fn #resolve(_: &::serde_json::Value, settings: &::smithy_cli_runtime::EndpointSettings) -> ::smithy_cli_runtime::Resolution {
            ::smithy_cli_runtime::Resolution {
                params: ::std::format!("{settings:?}"),
                endpoint: match &settings.endpoint_url {
                    #SOME(url) => #OK(::smithy_cli_runtime::Endpoint {
                        url: url.clone(),
                        ..#DEFAULT::default()
                    }),
                    #NONE => #ERR(#TO_OWNED::to_owned(
                        "The model has no endpoint rules (smithy.rules#endpointRuleSet): give the endpoint with --endpoint-url, AWS_ENDPOINT_URL or the profile's endpoint_url",
                    )),
                },
            }
        }
    }
}

fn operation_functions(
    plan: &Plan,
    op: &OperationPlan,
    root: &TokenStream,
    has_rules: bool,
) -> TokenStream {
    let (check, build, invoke, resolve) = fn_names(op);
    let name = &op.name;
    let module = ident(&op.module);
    let serialize = crate::emit::wire::client_serialize_fn(op);
    let input = rust_type_in(&op.input, root);
    let error = ident(&op.error_enum);
    let resolver = match has_rules {
        true => rules_resolver(&resolve, &input, &module, root),
        false => configured_only_resolver(&resolve),
    };
    let stream = crate::emit::wire::client_output_stream(plan, op, root);
    // A streaming body is taken out of the output before it is printed.
    let body = streaming_body(plan, op).map(|m| {
        let field = ident(&m.field);
        match m.optional {
            true => quote!(let body = output.#field.take().unwrap_or_default();),
            false => quote!(let body = ::std::mem::take(&mut output.#field);),
        }
    });
    let (parse, received, outcome) = match output_stream(plan, op) {
        // The body goes to the outfile as it arrives; the printed output leaves it out.
        None if body.is_some() => (
            quote!(parse_response),
            quote!(mut output),
            quote! {
                let mut outcome = ::smithy_cli_runtime::Outcome::output(output);
                outcome.body = #SOME(::smithy_cli_runtime::Body::new(body));
                #OK(outcome)
            },
        ),
        None => (
            quote!(parse_response),
            quote!(output),
            quote!(#OK(
                ::smithy_cli_runtime::Outcome::output(output)
            )),
        ),
        Some((_, union)) => {
            let union = rust_type_in(
                &RustType::Named {
                    module: ModulePath::Types,
                    name: union.name.clone(),
                },
                root,
            );
            (
                quote!(parse_event_stream_response),
                quote!((output, receiver)),
                quote! {
                    // Each event in order as it arrives, up to the error that ends the stream (the receiver
                    // ends there); an event of a type the model does not name is left out, as clients ignore
                    // them.
                    let events = receiver.filter_map(|item| match item {
                        #OK(#union::Unknown(_)) => #NONE,
                        #OK(event) => #SOME(
                            ::serde_json::to_value(&event).map_err(|e| ::smithy_cli_runtime::StreamError::Invalid(
                                #root::wire::redact_values(&e.to_string()),
                            )),
                        ),
                        #ERR(error) => #SOME(#ERR(stream_error(error))),
                    });
                    let mut outcome = ::smithy_cli_runtime::Outcome::output(output);
                    outcome.stream = #SOME(::smithy_cli_runtime::EventStream::new(events));
                    #OK(outcome)
                },
            )
        }
    };
    quote! {
        #resolver

        fn #check(input: &::serde_json::Value) -> #RESULT<(), #STRING> {
            // The library's checker: every problem at once, with paths, never a sensitive value.
            <#input>::from_json_value(input).map(|_| ()).map_err(|problems| problems.to_string())
        }

        fn #build(input: &::serde_json::Value, endpoint: &str) -> #RESULT<::http::Request<#VEC<u8>>, #STRING> {
            // The message names the member and the expected type, never the value (it may be secret).
            let input = <#input as ::serde::Deserialize>::deserialize(input)
                .map_err(|e| ::std::format!("invalid input: {}", #root::wire::redact_values(&e.to_string())))?;
            #root::operation::#module::serialize_request(&input, endpoint).map_err(|e| e.to_string())
        }

        fn #invoke(input: &::serde_json::Value, dispatch: &::smithy_cli_runtime::Dispatch) -> #RESULT<::smithy_cli_runtime::Outcome, ::smithy_cli_runtime::CallError> {
            let input = <#input as ::serde::Deserialize>::deserialize(input)
                .map_err(|e| ::smithy_cli_runtime::CallError::Input(::std::format!("invalid input: {}", #root::wire::redact_values(&e.to_string()))))?;
            let (client, endpoint, auth) = client_of(dispatch)?;
            let operation = #root::client::call::Operation {
                name: #name,
                auth,
                // Unused: the command line chose the endpoint (and explained it with --debug).
                choose_endpoint: |_, config| #root::client::ChosenEndpoint::from_config(config, &#root::client::SERVICE),
                validate: <#input>::validate,
                serialize: |input, endpoint| #root::operation::#module::#serialize(input, endpoint),
                parse: #root::operation::#module::#parse,
                stream: #stream,
            };
            let #received = client
                .invoke_at(&operation, &input, #SOME(endpoint))
                .map_err(|error| call_error(error, |e| (
                    e.message().map(#TO_OWNED::to_owned),
                    e.http_status(),
                    ::std::matches!(e, #root::operation::#module::#error::InvalidResponse(_)),
                )))?;
            let unreadable = |e: ::serde_json::Error| ::smithy_cli_runtime::CallError::Other(
                ::std::format!("Unable to parse the response of the {} operation: {}", #name, #root::wire::redact_values(&e.to_string())),
            );
            #body
            let output = ::serde_json::to_value(&output).map_err(unreadable)?;
            #outcome
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;

    fn plan_of(model: serde_json::Value) -> Plan {
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
    }

    fn pagination_of(plan: &Plan, name: &str) -> String {
        let op = plan.operations.iter().find(|op| op.name == name).unwrap();
        pagination(plan, op).to_string().replace(' ', "")
    }

    /// The service's `@paginated` values fill in what the operation leaves out (smithy.io,
    /// "paginated trait"), and the command line gets the JSON names along each path.
    #[test]
    fn pagination_merges_the_service_defaults_and_uses_wire_names() {
        let plan = plan_of(json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1",
                "operations": [{"target": "ex#List"}, {"target": "ex#Get"}, {"target": "ex#NoItems"}],
                "traits": {"aws.protocols#restJson1": {},
                    "smithy.api#paginated": {"inputToken": "nextToken", "outputToken": "meta.next",
                                             "pageSize": "limit"}}},
            "ex#List": {"type": "operation", "input": {"target": "ex#ListIn"},
                "output": {"target": "ex#ListOut"},
                "traits": {"smithy.api#paginated": {"items": "things"}}},
            "ex#NoItems": {"type": "operation", "input": {"target": "ex#ListIn"},
                "output": {"target": "ex#ListOut"}, "traits": {"smithy.api#paginated": {}}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#ListIn"},
                "output": {"target": "ex#ListOut"}},
            "ex#ListIn": {"type": "structure", "members": {
                "nextToken": {"target": "smithy.api#String"},
                "limit": {"target": "smithy.api#Integer"}}},
            "ex#ListOut": {"type": "structure", "members": {
                "meta": {"target": "ex#Meta", "traits": {"smithy.api#jsonName": "Meta"}},
                "things": {"target": "ex#Things", "traits": {"smithy.api#jsonName": "Things"}}}},
            "ex#Meta": {"type": "structure", "members": {
                "next": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "Next"}}}},
            "ex#Things": {"type": "list", "member": {"target": "smithy.api#String"}}
        }}));
        assert_eq!(
            pagination_of(&plan, "List"),
            "::std::option::Option::Some(::smithy_cli_runtime::Pagination{input_token:\"nextToken\",\
             output_token:\"Meta.Next\",items:\"Things\",page_size:::std::option::Option::Some(\"limit\"),})"
        );
        // The service's values alone paginate nothing; without items the AWS CLI has no result key.
        assert_eq!(pagination_of(&plan, "Get"), "::std::option::Option::None");
        assert_eq!(
            pagination_of(&plan, "NoItems"),
            "::std::option::Option::None"
        );
    }
}
