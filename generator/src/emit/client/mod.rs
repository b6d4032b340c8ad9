//! The client (`client` cargo feature): the fixed runtime from `generator/runtime/client/`
//! and, per operation, a method on the async and the blocking client that returns the
//! input's builder bound to that client. Emitted only for crates
//! with the wire layer; everything sits behind `#[cfg(feature = "client")]`.
//!
//! The runtime has two halves. The service-independent one (configuration, credentials,
//! retries, transport, signing, clock, `aws_config`) is either carried as files of the
//! crate's `client` module (the runtime files, written as they are) or re-exported from the runtime crate (`client-runtime/`, [`ClientRuntime`]), which
//! is what lets several generated crates share one `Config`. The other half names the crate's
//! own types (`SdkError` holds its typed validation errors; the call core runs its
//! `serialize_request`; the clients carry its operations) and is always the crate's. Either
//! way the client module offers the same names, so the per-operation code is the same.

mod fluent;
mod paginator;

/// For tests that drive a generated client: each operation's method on the clients.
pub use fluent::method_name;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Module, RuntimeFile};
use crate::plan::{OperationPlan, Plan, RustType, StructPlan};

/// Where a generated crate's client finds its service-independent runtime.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ClientRuntime {
    /// A copy of its own, as modules of the crate: the crate stands alone.
    #[default]
    Embedded,
    /// The runtime crate (`smithy-client-runtime`) at this Rust path (`::smithy_client_runtime`),
    /// a dependency of the generated crate: every crate generated so shares its `Config`.
    Shared(String),
}

impl ClientRuntime {
    /// The shared runtime's path as tokens; an error names a path that is not one.
    fn path(path: &str) -> Result<syn::Path, String> {
        syn::parse_str::<syn::Path>(path)
            .map_err(|e| format!("the client runtime crate path `{path}` is not a Rust path: {e}"))
    }

    /// Refuses a shared runtime path that is not a Rust path.
    pub fn check(&self) -> Result<(), String> {
        match self {
            ClientRuntime::Embedded => Ok(()),
            ClientRuntime::Shared(path) => ClientRuntime::path(path).map(|_| ()),
        }
    }
}

const CONFIG: &str = include_str!("../../../runtime/client/config.rs");
const CREDENTIALS: &str = include_str!("../../../runtime/client/credentials.rs");
const RETRY: &str = include_str!("../../../runtime/client/retry.rs");
const TRANSPORT: &str = include_str!("../../../runtime/client/transport.rs");
const ERROR: &str = include_str!("../../../runtime/client/error.rs");
const SIGN: &str = include_str!("../../../runtime/client/sign.rs");
const CLOCK: &str = include_str!("../../../runtime/client/clock.rs");
const CALL: &str = include_str!("../../../runtime/client/call.rs");
const ASYNC_IO: &str = include_str!("../../../runtime/client/async_io.rs");
const ASYNC_CLIENT: &str = include_str!("../../../runtime/client/async_client.rs");
const PAGINATE: &str = include_str!("../../../runtime/client/paginate.rs");
const BLOCKING: &str = include_str!("../../../runtime/client/blocking.rs");
const ADAPTIVE: &str = include_str!("../../../runtime/client/adaptive.rs");
/// Behind the `client-hyper` feature of generated crates.
const HYPER_TRANSPORT: &str = include_str!("../../../runtime/client/hyper_transport.rs");
/// The modules of the service-independent half beside `config` (whose items are the client
/// module's own) and `aws_config`: what `client-runtime/src/lib.rs` includes.
const SHARED: [(&str, &str); 7] = [
    ("credentials", CREDENTIALS),
    ("retry", RETRY),
    ("transport", TRANSPORT),
    ("sign", SIGN),
    ("clock", CLOCK),
    ("async_io", ASYNC_IO),
    ("adaptive", ADAPTIVE),
];
/// The shared configuration files, settings and credential providers: the same code the
/// command line includes (`cli-runtime/src/aws_config.rs`).
const AWS_CONFIG: [(&str, &str); 16] = [
    (
        "ca_bundle",
        include_str!("../../../runtime/aws_config/ca_bundle.rs"),
    ),
    (
        "assume_role",
        include_str!("../../../runtime/aws_config/assume_role.rs"),
    ),
    (
        "chain",
        include_str!("../../../runtime/aws_config/chain.rs"),
    ),
    (
        "container",
        include_str!("../../../runtime/aws_config/container.rs"),
    ),
    (
        "credential_process",
        include_str!("../../../runtime/aws_config/credential_process.rs"),
    ),
    (
        "error",
        include_str!("../../../runtime/aws_config/error.rs"),
    ),
    (
        "hooks",
        include_str!("../../../runtime/aws_config/hooks.rs"),
    ),
    ("imds", include_str!("../../../runtime/aws_config/imds.rs")),
    (
        "profile",
        include_str!("../../../runtime/aws_config/profile.rs"),
    ),
    (
        "settings",
        include_str!("../../../runtime/aws_config/settings.rs"),
    ),
    ("sha1", include_str!("../../../runtime/aws_config/sha1.rs")),
    (
        "sigv4",
        include_str!("../../../runtime/aws_config/sigv4.rs"),
    ),
    ("sso", include_str!("../../../runtime/aws_config/sso.rs")),
    ("sts", include_str!("../../../runtime/aws_config/sts.rs")),
    (
        "web_identity",
        include_str!("../../../runtime/aws_config/web_identity.rs"),
    ),
    ("xml", include_str!("../../../runtime/aws_config/xml.rs")),
];

/// `client::aws_config`: the profile files, the settings and credential providers found in
/// them and the environment.
fn aws_config() -> Module {
    Module {
        files: AWS_CONFIG
            .iter()
            .map(|(name, text)| RuntimeFile::public(name, text))
            .collect(),
        ..Module::new("aws_config", "", TokenStream::new(), Vec::new())
    }
}

/// The service-independent half of the runtime: the items of the runtime crate's root
/// (`client-runtime/src/lib.rs` includes the same files), or a re-export of that crate.
fn service_independent(
    runtime: &ClientRuntime,
) -> Result<(TokenStream, Vec<RuntimeFile>, Option<Module>), String> {
    if let ClientRuntime::Shared(path) = runtime {
        let path = ClientRuntime::path(path)?;
        let items = quote! {
            #[doc(inline)]
            pub use #path::*;
        };
        return Ok((items, Vec::new(), None));
    }
    let mut files = vec![RuntimeFile::private("config", CONFIG)];
    files.extend(
        SHARED
            .iter()
            .map(|(name, text)| RuntimeFile::public(name, text)),
    );
    files.push(
        RuntimeFile::public("hyper_transport", HYPER_TRANSPORT)
            .with_attrs(quote!(#[cfg(feature = "client-hyper")])),
    );
    Ok((
        quote!(
            pub use self::config::*;
        ),
        files,
        Some(aws_config()),
    ))
}

/// The operations the clients call (those with a wire layer), each with its input and output
/// (structures, as Smithy requires).
fn called(plan: &Plan) -> Vec<(&OperationPlan, &StructPlan, &StructPlan)> {
    plan.operations
        .iter()
        .filter_map(|op| Some((op, plan.struct_of(&op.input)?, plan.struct_of(&op.output)?)))
        .filter(|(op, _, _)| op.wire.is_some())
        .collect()
}

/// Whether `input` is the input of an operation the clients call: its builder then carries
/// the client ([`super::builders::builder_items`]).
pub fn is_called_input(plan: &Plan, input: &StructPlan) -> bool {
    // Asked once per structure: the operations are matched by the input's name first, so
    // that only the few that take it look their output up (as `called` would).
    plan.operations.iter().any(|op| {
        op.wire.is_some()
            && matches!(&op.input, RustType::Named { module, name }
                if *module == input.module && *name == input.name)
            && plan.struct_of(&op.output).is_some()
    })
}

/// The `client` module, or none when no operation has a wire layer; the crate root then
/// declares [`blocking`] too.
pub fn modules(plan: &Plan, runtime: &ClientRuntime) -> Result<Option<Module>, String> {
    let operations = called(plan);
    if operations.is_empty() {
        return Ok(None);
    }
    let cfg = quote!(#![cfg(feature = "client")]);
    let (shared, mut files, aws_config) = service_independent(runtime)?;
    files.extend([
        RuntimeFile::public("error", ERROR),
        RuntimeFile::public("call", CALL),
        RuntimeFile::public("asynchronous", ASYNC_CLIENT),
        RuntimeFile::public("paginate", PAGINATE),
    ]);
    let sdk_id = &plan.service.sdk_id;
    let signing_name = &plan.service.signing_name;
    let endpoint_prefix = &plan.service.endpoint_prefix;
    let endpoint_bridge = if plan.endpoint.is_some() {
        fluent::endpoint_bridge(plan)
    } else {
        TokenStream::new()
    };
    let stems = fluent::stems(&operations.iter().map(|(op, _, _)| *op).collect::<Vec<_>>());
    let async_methods: Vec<_> = operations
        .iter()
        .zip(&stems)
        .map(|((op, _, _), stem)| fluent::client_method(op, stem))
        .collect();
    let units = operations
        .iter()
        .zip(&stems)
        .map(|((op, input, output), stem)| fluent::operation_unit(plan, op, input, output, stem));
    let fluent = Module::new(
        "fluent",
        "`client.<operation>()` returns the operation's input builder bound to the client: set \
         the members, then `send()` (`.await` on the async client). Per operation, the unit \
         type that binds it (and how its errors ask to be retried), and its paginator where it \
         has one.",
        quote!(#(#units)*),
        Vec::new(),
    );
    let mut children = vec![fluent];
    children.extend(aws_config);
    let client = Module::new(
        "client",
        "The client: a [`Config`] every client of a program can share (whatever its service), \
         the async [`Client`] of this service, retries, credentials, transport and errors. \
         Behind the `client` feature; the rest of the crate does no I/O.",
        quote! {
            #cfg
            #shared
            pub use self::asynchronous::Client;
            pub use self::error::{SdkError, ServiceError};

            impl Client {
                #(#async_methods)*
            }

            impl crate::blocking::Client {
                #(#async_methods)*
            }

            /// This service, as the model describes it.
            pub const SERVICE: ServiceInfo = ServiceInfo {
                sdk_id: #sdk_id,
                signing_name: #signing_name,
                endpoint_prefix: #endpoint_prefix,
            };

            #endpoint_bridge
        },
        children,
    );
    Ok(Some(Module { files, ..client }))
}

/// The `blocking` module at the crate root: the blocking client, whose methods the `client`
/// module adds (they are the async client's, on the calling thread).
pub fn blocking() -> RuntimeFile {
    RuntimeFile::public("blocking", BLOCKING).with_attrs(quote!(#[cfg(feature = "client")]))
}

/// The crate root's names for the client: `Config`, the async `Client`, and `SdkError`.
pub fn root_items() -> TokenStream {
    quote! {
        #[cfg(feature = "client")]
        pub use crate::client::{Client, Config, SdkError};
    }
}

/// The adaptive mode's rate calculation, as generated crates carry it (it needs nothing of
/// the crate), compiled here for its unit tests.
#[cfg(test)]
#[allow(dead_code)] // Only its tests run here.
#[path = "../../../runtime/client/adaptive.rs"]
mod adaptive_runtime;

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime crate is built from the very files embedded otherwise, all of the
    /// service-independent half and none of the other.
    #[test]
    fn the_runtime_crate_includes_the_service_independent_files() {
        let lib = include_str!("../../../../client-runtime/src/lib.rs");
        let aws_config = include_str!("../../../../client-runtime/src/aws_config.rs");
        let included = |text: &str, file: &str| {
            text.contains(&format!("\"../../generator/runtime/{file}.rs\""))
        };
        for (name, _) in SHARED.iter().chain([&("config", CONFIG)]) {
            assert!(included(lib, &format!("client/{name}")), "{name}");
        }
        for (name, _) in AWS_CONFIG {
            assert!(
                included(aws_config, &format!("aws_config/{name}")),
                "{name}"
            );
        }
        for name in ["error", "call", "async_client", "paginate", "blocking"] {
            assert!(
                !included(lib, &format!("client/{name}")),
                "{name} names the generated crate's types"
            );
        }
    }

    #[test]
    fn every_client_runtime_file_parses() {
        for (name, source) in [
            ("config", CONFIG),
            ("credentials", CREDENTIALS),
            ("retry", RETRY),
            ("transport", TRANSPORT),
            ("error", ERROR),
            ("sign", SIGN),
            ("clock", CLOCK),
            ("call", CALL),
            ("async_io", ASYNC_IO),
            ("async_client", ASYNC_CLIENT),
            ("paginate", PAGINATE),
            ("blocking", BLOCKING),
            ("adaptive", ADAPTIVE),
            ("hyper_transport", HYPER_TRANSPORT),
        ]
        .into_iter()
        .chain(AWS_CONFIG)
        {
            // Generated crates carry them as they are: each must be a Rust file.
            assert!(syn::parse_file(source).is_ok(), "{name}");
        }
    }
}
