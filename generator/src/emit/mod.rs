//! Stage 4: the plan as `quote!` token streams, one module tree per crate.
//!
//! One file per kind of generated thing: structs, builders, enums, unions, errors; the
//! fixed runtime code in `runtime`. Nothing here builds Rust source from strings.

mod builders;
pub mod cli;
pub mod client;
mod correction;
mod defaults;
mod deserialize;
pub mod docs;
mod endpoint;
mod enums;
mod errors;
mod html;
mod json_input;
mod pattern;
mod prelude;
pub mod protocol_tests;
mod runtime;
mod serde_attrs;
mod serialize;
mod structs;
pub mod tokens;
mod unions;
mod validate;
mod wire;

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::pattern::PatternPlan;
use crate::plan::{ModulePath, Plan, StructPlan};

/// A module of the generated crate: its items, child modules and runtime files.
#[derive(Clone, Debug)]
pub struct Module {
    pub name: String,
    pub docs: String,
    pub items: TokenStream,
    pub children: Vec<Module>,
    /// Child modules that are runtime files, written as they are.
    pub files: Vec<RuntimeFile>,
    /// Its items, files and children went to the sink of [`emit_streaming`] when they were
    /// emitted: only its declaration (name and docs) is left here.
    pub streamed: bool,
}

impl Module {
    fn new(name: &str, docs: &str, items: TokenStream, children: Vec<Module>) -> Self {
        Module {
            name: name.to_owned(),
            docs: docs.to_owned(),
            items,
            children,
            files: Vec::new(),
            streamed: false,
        }
    }

    /// The module with the runtime files it declares and the items re-exporting theirs.
    fn with_runtime(mut self, part: runtime::Part) -> Self {
        let items = &self.items;
        let runtime = &part.items;
        self.items = quote!(#items #runtime);
        self.files.extend(part.files);
        self
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.files.is_empty() && self.children.iter().all(Module::is_empty)
    }
}

/// Everything generated for one service.
#[derive(Clone, Debug)]
pub struct GeneratedCode {
    /// Crate-level documentation (the service's docs).
    pub crate_docs: Option<String>,
    pub modules: Vec<Module>,
    /// Extra features the generated crate needs from `serde_json`.
    pub serde_json_features: Vec<&'static str>,
    /// The crate has the wire layer, and so needs `http` and `bytes`.
    pub wire: bool,
    /// The wire layer reads XML (restXml, awsQuery, ec2Query), and so needs `quick-xml`.
    pub xml: bool,
    /// The wire layer speaks rpcv2Cbor, and so needs `ciborium`.
    pub cbor: bool,
    /// An operation compresses its requests (`@requestCompression`), so the crate needs
    /// `flate2`.
    pub gzip: bool,
    /// Glacier's customization hashes request bodies, so the crate needs `sha2`.
    pub sha256: bool,
    /// Some pattern could not be compiled to an automaton, so the crate needs `regress`.
    pub regex: bool,
    /// Items at the crate root, after the modules (the client's re-exports).
    pub root_items: TokenStream,
    /// Runtime files that are modules of the crate root (the blocking client).
    pub root_files: Vec<RuntimeFile>,
}

pub use client::ClientRuntime;
pub use runtime::RuntimeFile;

/// Emits the whole crate, its client with a runtime of its own. Fails only on a generator bug
/// (a runtime file that does not parse).
pub fn emit(plan: &Plan) -> Result<GeneratedCode, String> {
    emit_with(plan, &ClientRuntime::Embedded)
}

/// [`emit`], the client's service-independent runtime as `client_runtime` says; it fails too
/// on a shared runtime path that is not a Rust path.
pub fn emit_with(plan: &Plan, client_runtime: &ClientRuntime) -> Result<GeneratedCode, String> {
    emit_into(plan, client_runtime, Handover::keep(plan))
}

/// A module handed over as soon as it is emitted: the path of its parent module (empty for
/// the crate root) and the module, complete with its children and runtime files.
pub type Sink<'a> = dyn FnMut(&[String], Module) + 'a;

/// [`emit_with`], each module given to `sink` as soon as it is complete, so that formatting
/// can start on it while the rest are emitted. The returned code's tree has those modules as
/// [`Module::streamed`] stubs; what is not streamed (modules with only declarations of
/// streamed children, the root items) is left in it.
///
/// The operations whose index `elsewhere` accepts are left to [`emit_operations`] on another
/// thread: the tree only declares them (stubs).
pub fn emit_streaming(
    plan: &Plan,
    client_runtime: &ClientRuntime,
    sink: &mut Sink<'_>,
    elsewhere: &dyn Fn(usize) -> bool,
) -> Result<GeneratedCode, String> {
    emit_into(
        plan,
        client_runtime,
        Handover {
            sink: Some(sink),
            elsewhere,
            ..Handover::keep(plan)
        },
    )
}

/// The modules of the operations whose index `which` accepts, each given to `sink` (under
/// `operation`) as soon as it is emitted, with prelude names: what [`emit_streaming`] leaves
/// to another thread. The plan is shared; token streams stay on the thread that makes them.
pub fn emit_operations(plan: &Plan, which: &dyn Fn(usize) -> bool, sink: &mut Sink<'_>) {
    let json = wire::JsonWriters::of(plan);
    let shape_names = json_input::ShapeNames::of(plan);
    let parent = ["operation".to_owned()];
    prelude_for(plan).scope(|| {
        for (_, module) in operation_modules(plan, &json, &shape_names, which) {
            sink(&parent, module);
        }
    });
}

/// No operation is emitted elsewhere.
fn nowhere(_: usize) -> bool {
    false
}

/// Where each finished module goes: to the sink, leaving a stub, or kept in the tree.
struct Handover<'a, 'b> {
    sink: Option<&'a mut Sink<'b>>,
    prelude: prelude::Prelude,
    /// The operations another thread emits ([`emit_operations`]).
    elsewhere: &'a dyn Fn(usize) -> bool,
}

impl<'a, 'b> Handover<'a, 'b> {
    fn keep(plan: &Plan) -> Self {
        Handover {
            sink: None,
            prelude: prelude_for(plan),
            elsewhere: &nowhere,
        }
    }

    fn give(&mut self, parent: &[String], module: Module) -> Module {
        match &mut self.sink {
            Some(sink) => {
                let stub = Module {
                    items: TokenStream::new(),
                    children: Vec::new(),
                    files: Vec::new(),
                    streamed: true,
                    ..Module::new(&module.name, &module.docs, TokenStream::new(), Vec::new())
                };
                sink(parent, module);
                stub
            }
            None => module,
        }
    }
}

fn emit_into(
    plan: &Plan,
    client_runtime: &ClientRuntime,
    handover: Handover<'_, '_>,
) -> Result<GeneratedCode, String> {
    // Standard library names are written short wherever the crate allows it ([`prelude`]).
    let prelude = handover.prelude;
    prelude.scope(|| emit_in_scope(plan, client_runtime, handover))
}

fn emit_in_scope(
    plan: &Plan,
    client_runtime: &ClientRuntime,
    mut handover: Handover<'_, '_>,
) -> Result<GeneratedCode, String> {
    let json = wire::JsonWriters::of(plan);
    let shape_names = json_input::ShapeNames::of(plan);
    // Operations first: they are most of the code, so formatting threads start early.
    let operation_path = ["operation".to_owned()];
    let elsewhere = handover.elsewhere;
    let here = |i: usize| !elsewhere(i);
    let mut own = operation_modules(plan, &json, &shape_names, &here).peekable();
    let mut operations = Vec::with_capacity(plan.operations.len());
    for (index, op) in plan.operations.iter().enumerate() {
        match own.next_if(|(i, _)| *i == index) {
            Some((_, module)) => operations.push(handover.give(&operation_path, module)),
            // Declared here, emitted and formatted on another thread.
            None => operations.push(Module {
                streamed: true,
                ..Module::new(
                    &op.module.name,
                    &operation_docs(op),
                    TokenStream::new(),
                    Vec::new(),
                )
            }),
        }
    }
    let operation = Module::new(
        "operation",
        "Operations: each with its input, output and error types.",
        TokenStream::new(),
        operations,
    );
    let mut types = types_module(
        plan,
        &json,
        &ModulePath::Types,
        "types",
        "Data types: structures, enums and unions of the model.",
    );
    let errors = types_module(
        plan,
        &json,
        &ModulePath::TypesError,
        "error",
        "The errors the service can return, as data.",
    );
    if !errors.is_empty() {
        types.children.push(errors);
    }
    let types = handover.give(&[], types);
    let error = Module::new(
        "error",
        "Errors of the generated code itself: missing builder members, unmodeled service errors.",
        TokenStream::new(),
        Vec::new(),
    )
    .with_runtime(runtime::errors());
    let primitives = Module::new(
        "primitives",
        &primitives_doc(plan),
        TokenStream::new(),
        Vec::new(),
    )
    .with_runtime(runtime::primitives(plan.primitives));
    let mut validation = Module::new(
        "validation",
        "Constraint checks of the model (`required`, `length`, `range`, `pattern`, \
         `uniqueItems`): every violation at once, each with its path in wire names.",
        TokenStream::new(),
        Vec::new(),
    )
    .with_runtime(runtime::validation());
    validation.items.extend(pattern::functions(&plan.patterns));
    validation
        .items
        .extend(validate::primitive_checks(plan.primitives));
    let endpoint_items = endpoint::module_items(plan)?;
    if plan.patterns.iter().any(PatternPlan::needs_tables) {
        if endpoint_items.is_some() {
            // The endpoint rules carry the same matcher (for the partition table): one copy.
            validation.items.extend(quote!(
                pub use crate::endpoint::rules::pattern;
            ));
        } else {
            validation.files.push(runtime::pattern());
        }
    }
    let mut modules = vec![
        types,
        operation,
        handover.give(&[], error),
        handover.give(&[], primitives),
        handover.give(&[], validation),
    ];
    let mut root_items = TokenStream::new();
    let mut root_files = Vec::new();
    if let Some(items) = endpoint_items {
        let rules = Module {
            files: runtime::endpoint_rules(),
            ..Module::new(
                "rules",
                "The rules engine: the interpreter of the rule set, its functions and the \
                 partition table's matcher.",
                TokenStream::new(),
                Vec::new(),
            )
        };
        let endpoint = Module::new(
            "endpoint",
            "The service's endpoint, resolved from its rule set (`smithy.rules#endpointRuleSet`).",
            items,
            vec![rules],
        );
        modules.push(handover.give(&[], endpoint));
    }
    if plan.primitives.wire {
        let query = plan.service.protocol.is_some_and(|p| p.query());
        let cbor = plan.service.protocol.is_some_and(|p| p.cbor());
        let wire_doc = if query {
            "Wire helpers for the query protocols: the form writer (`query`), the XML reader (`xml`) \
             and client error correction: what the generated wire layer calls."
        } else if cbor {
            "Wire helpers for rpcv2Cbor, the CBOR body writer and reader (`cbor`) \
             and client error correction: what the generated wire layer calls."
        } else if plan.xml.is_some() {
            "Wire helpers for restXml (the HTTP binding traits), the XML body writer and reader (`xml`) \
             and client error correction: what the generated wire layer calls."
        } else {
            "Wire helpers for restJson1 (the HTTP binding traits) and the JSON RPC protocols, the JSON body writer \
             and client error correction: what the generated wire layer calls."
        };
        let wire = Module::new("wire", wire_doc, TokenStream::new(), Vec::new()).with_runtime(
            runtime::wire(
                plan.xml.is_some(),
                query,
                cbor,
                compresses(plan),
                checksums(plan),
                tree_hashes(plan),
                // The framing, for a protocol whose event streams the wire layer speaks.
                plan.unions.iter().any(|u| u.event_stream)
                    && plan.service.protocol.is_some_and(|p| p.event_streams()),
            ),
        );
        modules.push(handover.give(&[], wire));
        let shapes = Module::new(
            "shapes",
            "The JSON shapes of the operation inputs, which their `from_json` methods check documents against.",
            json_input::items(plan, &shape_names),
            Vec::new(),
        );
        let json_input = Module::new(
            "json_input",
            "Every problem of an input read from JSON at once: missing required members, \
             wrong JSON types and unknown members at any depth, then the constraint \
             violations `validate()` finds.",
            TokenStream::new(),
            vec![shapes],
        )
        .with_runtime(runtime::json_input());
        modules.push(handover.give(&[], json_input));
        if let Some(client) = client::modules(plan, client_runtime)? {
            root_items = client::root_items();
            root_files.push(client::blocking());
            modules.push(handover.give(&[], client));
        }
    }
    let mut serde_json_features = Vec::new();
    if plan.primitives.big_number {
        serde_json_features.push("raw_value");
    }
    // Without it serde_json may read a double one unit in the last place off
    // (`123456789.12345679`); the SDKs read every float exactly.
    if plan.primitives.float || plan.primitives.document {
        serde_json_features.push("float_roundtrip");
    }
    Ok(GeneratedCode {
        crate_docs: plan.service.docs.as_deref().map(docs::tidy),
        modules,
        wire: plan.primitives.wire,
        xml: plan.xml.is_some() && plan.primitives.wire,
        cbor: plan.primitives.wire && plan.service.protocol.is_some_and(|p| p.cbor()),
        gzip: plan.primitives.wire && compresses(plan),
        sha256: plan.primitives.wire && tree_hashes(plan),
        regex: plan.patterns.iter().any(|p| p.needs_regress()),
        serde_json_features,
        root_items,
        root_files,
    })
}

/// Whether an operation's wire layer compresses its requests (`@requestCompression`).
fn compresses(plan: &Plan) -> bool {
    plan.operations
        .iter()
        .any(|op| op.wire.as_ref().is_some_and(|w| w.compression.is_some()))
}

/// Whether an operation's wire layer has checksums (`@httpChecksumRequired`, `@httpChecksum`).
fn checksums(plan: &Plan) -> bool {
    plan.operations
        .iter()
        .any(|op| op.wire.as_ref().is_some_and(|w| w.checksums.is_some()))
}

/// Whether an operation's wire layer sends Glacier's tree hash headers.
fn tree_hashes(plan: &Plan) -> bool {
    plan.operations
        .iter()
        .any(|op| op.wire.as_ref().is_some_and(|w| w.custom.tree_hash_headers))
}

/// The standard library's full paths shortened to prelude names wherever the crate does not
/// define the same name ([`prelude`]). The model's types and the client's operation unit types
/// are the only items whose names the model chooses.
fn prelude_for(plan: &Plan) -> prelude::Prelude {
    let types = plan.structures.iter().map(|s| s.name.name.as_str());
    let enums = plan.enums.iter().map(|e| e.name.name.as_str());
    let unions = plan.unions.iter().map(|u| u.name.name.as_str());
    // The client's unit type of each operation is named after it (`client::fluent`).
    let operations: Vec<String> = plan
        .operations
        .iter()
        .map(|op| crate::plan::naming::type_name(&op.name).name)
        .collect();
    let operations = operations.iter().map(String::as_str);
    prelude::Prelude::for_names(types.chain(enums).chain(unions).chain(operations))
}

/// Each operation's module: its input, output and error types, its wire layer, `from_json`
/// and endpoint parameters.
/// The docs of an operation's module.
fn operation_docs(op: &crate::plan::OperationPlan) -> String {
    op.docs
        .as_deref()
        .map(docs::tidy)
        .unwrap_or_else(|| format!("The `{}` operation.", op.name))
}

/// The modules of the operations whose index `which` accepts, with their indexes.
fn operation_modules<'a>(
    plan: &'a Plan,
    json: &'a wire::JsonWriters,
    shape_names: &'a json_input::ShapeNames,
    which: &'a dyn Fn(usize) -> bool,
) -> impl Iterator<Item = (usize, Module)> + 'a {
    // Operations may share an input type; its `from_json` is emitted once, with the first.
    let mut inputs_seen = Vec::new();
    let owns_input: Vec<bool> = plan
        .operations
        .iter()
        .map(|op| {
            let first = !inputs_seen.contains(&&op.input);
            inputs_seen.push(&op.input);
            first
        })
        .collect();
    plan.operations
        .iter()
        .zip(owns_input)
        .enumerate()
        .filter(move |(index, _)| which(*index))
        .map(move |(index, (op, owns_input))| {
            let module = ModulePath::Operation(op.module.clone());
            let mut m = types_module(plan, json, &module, &op.module.name, "");
            m.docs = operation_docs(op);
            let error_enum = errors::operation_error_enum(plan, op);
            let wire = wire::operation_items(plan, op, json);
            let endpoint_params = endpoint::operation_items(plan, op);
            let from_json = if owns_input {
                json_input::input_impl(plan, shape_names, op)
            } else {
                TokenStream::new()
            };
            let items = &m.items;
            m.items = quote!(#items #error_enum #wire #from_json #endpoint_params);
            (index, m)
        })
}

/// Names exactly the primitives this crate carries.
fn primitives_doc(plan: &Plan) -> String {
    let used = plan.primitives;
    let mut kinds = vec!["unknown enum values"];
    for (on, kind) in [
        (used.date_time, "timestamps"),
        (used.blob, "blobs"),
        (used.big_number, "big numbers"),
        (used.document, "documents"),
    ] {
        if on {
            kinds.push(kind);
        }
    }
    format!("Primitive types the model uses: {}.", kinds.join(", "))
}

/// The structs, enums and unions placed in `module`, with a `builders` child.
fn types_module(
    plan: &Plan,
    json: &wire::JsonWriters,
    module: &ModulePath,
    name: &str,
    doc: &str,
) -> Module {
    let structs: Vec<&StructPlan> = plan
        .structures
        .iter()
        .filter(|s| &s.module == module)
        .collect();
    let struct_items = structs.iter().map(|s| {
        let items = structs::struct_items(plan, s);
        let error = s
            .error
            .as_ref()
            .map(|e| errors::error_impls(s, e, plan.primitives.wire));
        let from_response = wire::error_items(plan, s);
        let validate = validate::struct_validate(s);
        let write_json = json.struct_impl(s);
        let xml = wire::Xml::of(plan).map(|x| x.struct_impls(s));
        quote!(#items #error #from_response #validate #write_json #xml)
    });
    let (enum_items, union_items) = if *module == ModulePath::Types {
        (
            plan.enums
                .iter()
                .map(|e| {
                    let items = enums::enum_items(e);
                    let write_json = json.enum_impl(&e.name, e.is_int);
                    quote!(#items #write_json)
                })
                .collect::<Vec<_>>(),
            plan.unions
                .iter()
                .map(|u| {
                    let items = unions::union_items(plan, u);
                    let validate = validate::union_validate(u);
                    let xml = wire::Xml::of(plan).map(|x| x.union_impls(u));
                    let events = wire::event_stream_impls(plan, u, json);
                    quote!(#items #validate #xml #events)
                })
                .collect::<Vec<_>>(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let builders: Vec<_> = structs
        .iter()
        .map(|s| builders::builder_items(s, client::is_called_input(plan, s)))
        .collect();
    let children = if builders.is_empty() {
        Vec::new()
    } else {
        vec![Module::new(
            "builders",
            "Builders for the types of the parent module.",
            quote!(#(#builders)*),
            Vec::new(),
        )]
    };
    Module::new(
        name,
        doc,
        quote!(#(#struct_items)* #(#enum_items)* #(#union_items)*),
        children,
    )
}
