//! Per operation: the client's method, which returns the input's own builder bound to the
//! client; the operation's unit type that tells `send()` how to call it, and how the
//! operation's errors ask to be retried. What is the same for every operation is the
//! runtime's (`client_method!` and `operation_unit!` in `runtime/client/call.rs`): the
//! generator writes what differs.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::tokens::{ident, module_path_from_root};
use super::super::wire;
use crate::emit::prelude::{DEFAULT, OK, RESULT, SOME, STRING, TO_OWNED};
use crate::plan::{naming, OperationAuth, OperationPlan, Plan, StructPlan};

/// Names the client keeps for itself; an operation with one of these names gets
/// `_operation` after it. (The bound builder's own names are reserved among every builder's
/// setters, in `plan/disambiguate.rs`.)
const CLIENT_METHODS: &[&str] = &["new", "config", "invoke"];

/// What the items of one operation in `client::fluent` put after its stem: its unit type and
/// the type alias of its bound builder.
const SUFFIXES: [&str; 2] = ["", "FluentBuilder"];

/// Per operation, the name of its unit type, which the name of its bound builder's alias
/// starts with: the operation's type name, with a number after it where two names would be
/// the same (`Foo_Bar` and `FooBar`, or `Foo`'s alias and an operation named
/// `FooFluentBuilder`), since they all live in `client::fluent`.
pub fn stems(ops: &[&OperationPlan]) -> Vec<String> {
    let wanted: Vec<String> = ops
        .iter()
        .map(|op| naming::type_name(&op.name).name)
        .collect();
    unique_stems(&wanted)
}

fn unique_stems(wanted: &[String]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for base in wanted {
        let names = |stem: &str| SUFFIXES.map(|suffix| format!("{stem}{suffix}"));
        let clashes = |stem: &str, taken: &[String]| {
            let mine = names(stem);
            taken
                .iter()
                .any(|t| names(t).iter().any(|n| mine.contains(n)))
                || wanted.iter().any(|w| w != base && mine[1..].contains(w))
        };
        let mut stem = base.clone();
        let mut n = 2;
        while clashes(&stem, &taken) {
            stem = format!("{base}{n}");
            n += 1;
        }
        taken.push(stem);
    }
    taken
}

/// The client's method of `op` (its module name, unless that is one of the client's own).
pub fn method_name(op: &OperationPlan) -> proc_macro2::Ident {
    if CLIENT_METHODS.contains(&op.module.name.as_str()) {
        format_ident!("{}_operation", op.module.name)
    } else {
        ident(&op.module)
    }
}

/// `client.<operation>()`, on either client: the input's builder, bound to the client (the
/// runtime's `client_method!`, in each client's `impl`).
pub fn client_method(op: &OperationPlan, stem: &str) -> TokenStream {
    let method = method_name(op);
    let unit = format_ident!("{}", stem);
    let alias = format_ident!("{}FluentBuilder", stem);
    let name = &op.name;
    quote! {
        crate::client::call::client_method!(#method, #unit, #alias, #name);
    }
}

/// The operation's unit type, which names its input, output and error and how the clients
/// call it, with `OperationError` for its errors (the runtime's `operation_unit!`, given what
/// differs between operations), and its paginator.
pub fn operation_unit(
    plan: &Plan,
    op: &OperationPlan,
    input: &StructPlan,
    output: &StructPlan,
    stem: &str,
) -> TokenStream {
    let unit = format_ident!("{}", stem);
    let alias = format_ident!("{}FluentBuilder", stem);
    let name = &op.name;
    // The docs name the method as it is called (`r#type` for an escaped name).
    let method = method_name(op).to_string();
    let module = ident(&op.module);
    // The macro's paths are from the crate root, without `crate::`: the arguments read the
    // same whatever the module imports (the printer would write `crate ::x` in them).
    let input_module = module_path_from_root(&input.module);
    let input_name = ident(&input.name);
    let builder_name = ident(&naming::builder_name(&input.name));
    let output_module = module_path_from_root(&output.module);
    let output_name = ident(&output.name);
    let error = ident(&op.error_enum);
    let auth = match op.auth {
        OperationAuth::Required => quote!(Required),
        OperationAuth::Optional => quote!(Optional),
        OperationAuth::None => quote!(None),
    };
    let has_endpoint_params = plan
        .endpoint
        .as_ref()
        .is_some_and(|e| e.operations.iter().any(|o| o.module == op.module));
    let endpoint = if has_endpoint_params {
        quote!(rules)
    } else {
        quote!(config)
    };
    let serialize = crate::emit::wire::client_serialize_fn(op);
    let stream = output_stream(plan, output);
    let paginator = super::paginator::paginator(plan, op, input, &unit, &alias);
    let live = live_events(plan, input, &alias);
    quote! {
        crate::client::call::operation_unit!(
            #unit,
            #alias,
            name(#name),
            method(#method),
            module(#module),
            input(#input_module::#input_name),
            builder(#input_module::builders::#builder_name),
            output(#output_module::#output_name),
            error(#error),
            auth(#auth),
            endpoint(#endpoint),
            serialize(#serialize),
            stream(#stream),
        );

        #paginator

        #live
    }
}

/// How the call reads a success response whose body is still arriving, as `operation_unit!`
/// takes it: an output event stream (read after the `initial-response` message where the
/// protocol has no HTTP bindings), a `@streaming` blob payload, or neither.
fn output_stream(plan: &Plan, output: &StructPlan) -> TokenStream {
    if let Some((_, union)) = wire::stream_member(plan, output) {
        let union = ident(&union.name);
        return if wire::initial_messages(plan) {
            quote!(events(#union, initial_response))
        } else {
            quote!(events(#union))
        };
    }
    match wire::streaming_body(output) {
        Some(member) if member.optional => {
            let field = ident(&member.field);
            quote!(optional_blob(#field))
        }
        Some(member) => {
            let field = ident(&member.field);
            quote!(blob(#field))
        }
        None => quote!(none),
    }
}

/// `with_events` on the bound builder of an operation with an input event stream: the
/// events go live, as the caller gives them, in place of the input's member.
fn live_events(plan: &Plan, input: &StructPlan, alias: &proc_macro2::Ident) -> TokenStream {
    let Some((member, union)) = super::super::wire::stream_member(plan, input) else {
        return TokenStream::new();
    };
    let union = ident(&union.name);
    let doc = format!(
        " Sends the events of `events` as `{}`, live: each goes to the service as the call \
         takes it, while the call runs (the member's own events, if set, are not sent). Make \
         one with `EventStreamSender::channel()` to send from elsewhere as the call goes on.",
        member.member_name
    );
    quote! {
        impl<C> #alias<C> {
            #[doc = #doc]
            pub fn with_events(
                self,
                events: crate::wire::event_stream::EventStreamSender<crate::types::#union>,
            ) -> Self {
                let (bound, builder) = self.rebind(());
                builder.rebind(bound.with_live_events(events.into_messages())).1
            }
        }
    }
}

/// For crates with endpoint rules: the configuration as the rules' built-ins, and a resolved
/// endpoint as the client uses it (its first `sigv4` auth scheme sets the signing name and
/// region).
pub fn endpoint_bridge(plan: &Plan) -> TokenStream {
    // S3's addressing settings, for a rule set that takes them (the S3 customization).
    let takes = |built_in: &str| {
        plan.endpoint
            .iter()
            .flat_map(|e| &e.params)
            .any(|p| p.built_in.as_deref() == Some(built_in))
    };
    let mut s3 = TokenStream::new();
    if takes("AWS::S3::ForcePathStyle") {
        s3.extend(quote!(s3_force_path_style: #SOME(config.s3_force_path_style()),));
    }
    if takes("AWS::S3::Accelerate") {
        s3.extend(quote!(s3_accelerate: #SOME(config.s3_use_accelerate()),));
    }
    quote! {
        /// The configuration's settings as the endpoint rules' built-ins (the endpoint URL is
        /// `SDK::Endpoint`).
        pub fn built_ins(config: &Config) -> crate::endpoint::BuiltIns {
            crate::endpoint::BuiltIns {
                region: config.region().map(#TO_OWNED::to_owned),
                use_fips: config.use_fips(),
                use_dual_stack: config.use_dual_stack(),
                endpoint: config.endpoint_url().map(#TO_OWNED::to_owned),
                #s3
                ..#DEFAULT::default()
            }
        }

        /// Resolves `params` with the service's rules.
        pub fn resolve_endpoint(
            params: &crate::endpoint::Params,
        ) -> #RESULT<ChosenEndpoint, #STRING> {
            let resolved = crate::endpoint::resolve(params).map_err(|e| e.to_string())?;
            let sigv4 = resolved.auth_schemes().iter().find(|s| s.name() == "sigv4");
            #OK(ChosenEndpoint {
                url: resolved.url().to_owned(),
                headers: resolved.headers().to_vec(),
                signing_name: sigv4.and_then(|s| s.signing_name()).map(#TO_OWNED::to_owned),
                signing_region: sigv4.and_then(|s| s.signing_region()).map(#TO_OWNED::to_owned),
                disable_double_encoding: sigv4.is_some_and(|s| s.disable_double_encoding()),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unique_stems;

    /// The `stream` argument of each operation unit in the crate generated from `model`
    /// (below `tests/models/`), whitespace removed.
    fn streams(model: &str) -> Vec<String> {
        let path = format!("{}/../tests/models/{model}", env!("CARGO_MANIFEST_DIR"));
        let code = crate::run(&[path], None).unwrap().code;
        let files = crate::write::crate_files(&code).unwrap();
        let fluent: String = files[std::path::Path::new("src/client/fluent.rs")]
            .split_whitespace()
            .collect();
        fluent
            .split("operation_unit!(")
            .skip(1)
            .map(|unit| {
                let stream = &unit[unit.find("stream(").unwrap()..];
                stream[..stream.find(",);").unwrap()].to_owned()
            })
            .collect()
    }

    /// Each way of reading a response whose body is still arriving is named as
    /// `operation_unit!` takes it (the crates built by the workspace tests compile them).
    #[test]
    fn operation_units_name_their_output_streams() {
        let features = streams("features");
        for stream in [
            "stream(none)",
            "stream(blob(body))",
            "stream(events(ThingEvents))",
        ] {
            assert!(
                features.iter().any(|s| s == stream),
                "{stream}: {features:?}"
            );
        }
        // A protocol without HTTP bindings: the output's other members come first.
        let cbor = streams("hostile/event_streams_cbor.json");
        assert!(
            cbor.iter()
                .any(|s| s == "stream(events(Events,initial_response))"),
            "{cbor:?}"
        );
        assert_eq!(
            streams("hostile/streaming_body_only.json"),
            ["stream(blob(payload))", "stream(blob(payload))"]
        );
    }

    fn stems(names: &[&str]) -> Vec<String> {
        unique_stems(&names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn distinct_operations_keep_their_names() {
        assert_eq!(stems(&["Get", "Put", "List"]), ["Get", "Put", "List"]);
    }

    #[test]
    fn equal_type_names_are_numbered() {
        // `Foo_Bar` and `FooBar` both convert to `FooBar`.
        assert_eq!(stems(&["FooBar", "FooBar"]), ["FooBar", "FooBar2"]);
    }

    #[test]
    fn a_name_that_is_another_operations_alias_moves_the_other_aside() {
        // `List`'s alias would be `ListFluentBuilder`, an operation's own unit type.
        for order in [["List", "ListFluentBuilder"], ["ListFluentBuilder", "List"]] {
            let got = stems(&order);
            let list = if order[0] == "List" { &got[0] } else { &got[1] };
            assert_eq!(list, "List2", "{order:?} -> {got:?}");
            assert!(got.contains(&"ListFluentBuilder".to_owned()), "{got:?}");
        }
    }
}
