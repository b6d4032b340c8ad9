//! Hostile models (`models/hostile/*.json`): names, text and numbers chosen to break the
//! generator. Each model either generates a crate that compiles without a warning (and, where
//! `models/hostile/behaviour.rs` has tests for it, behaves), or is rejected with model errors
//! that name the shapes at fault. Nothing may panic, and no model text may become code: the
//! crates whose models are made of hostile documentation also run their doctests, of which
//! there must be none that fail.
//!
//! The generated crates share one workspace under `target/hostile-check`, checked with a single
//! `cargo check --workspace`; for the models of `CLI_CHECKED` the command line is generated and
//! checked too. Two models are written by the tests themselves: a chain of
//! 150 nested structures (compiled with the others) and a model of 10,000 shapes, which is
//! generated only: its million lines would take `cargo check` many minutes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Instant;

use serde_json::{json, Map, Value};
use smithy_codegen::{write, Error};
use smithy_codegen_tests::{generated_crates_cargo, head, repo_root, test_failures, write_crate};

/// What a hostile model must do.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Generate a crate that compiles with `-D warnings`.
    Compiles,
    /// Fail with model errors whose text contains each of these (the shapes at fault).
    Rejected(&'static [&'static str]),
}

use Expect::{Compiles, Rejected};

/// Every file of `models/hostile`, by name without `.json`.
const MODELS: &[(&str, Expect)] = &[
    // `type`, `match`, `self`, `crate`, `try`, `async`, `super`, `fn`, `mod`, `impl` and every
    // other keyword as shape, member, enum, union and operation names, bound to the wire.
    ("keywords", Compiles),
    // Every Rust keyword (strict, reserved and weak) as a structure, member, enum, intEnum
    // and union member name, and as an enum value.
    ("keyword_shapes", Compiles),
    // Every Rust keyword as an operation name: modules, inputs, outputs and error enums.
    ("keyword_operations", Compiles),
    // A structure, enum variant and union member named `Self`.
    ("self_type", Compiles),
    // An operation named `Self` (its input, output, error enum and builders).
    ("self_operation", Compiles),
    // Shapes named `Builder`, `Unknown`, `Error`, `Result`, `Option`, `String`, `Vec`, `Box`,
    // `HashMap` and every other prelude name the generated code uses (`Some`, `Default`...),
    // which then keep their full paths; members `builder`, `build`, `validate`; enum values `UNKNOWN` and `Unknown`;
    // an error named `Unhandled`; structures `E` and `W`, named like type parameters of the
    // serde impls, with members that must be set (the structure is then made member by member,
    // `E`'s written out for its timestamp, `W`'s by `structure::members!`).
    ("helper_names", Compiles),
    // Operations named `Option`, `Some`, `Result`, `Vec` and `ListFluentBuilder` (beside
    // `List`, whose bound builder's alias has that name); members named like the bound input
    // builder's methods (`send`, `intoPaginator`, `withInput`, `rebind`, `build`) and its
    // client field (`_client`); two paginated operations sharing one input.
    ("client_names", Compiles),
    // The same over awsJson1_0: every operation `POST /`, named in `X-Amz-Target`, the
    // `@http` traits left on the operations ignored.
    ("client_names_rpc", Compiles),
    // restXml: keyword members renamed by `@xmlName`, a prefixed attribute, recursion through
    // lists of structures, lists of lists, a flattened map of lists, a union with a unit and a
    // flattened member, escaped enum text, a sensitive member, payload roots and errors.
    ("xml_shapes", Compiles),
    // awsQuery: members named like the form writer's locals (`out`, `prefix`, `value`, `index`,
    // `entries`, `item`, `token`, `form`), operations named `Query` and `Form` and a structure
    // `WriteQuery` (the runtime's module, type and trait), lists of lists, a flattened map of
    // lists, a sparse list, recursion, a union, an error with an `@awsQueryError` code.
    ("query_shapes", Compiles),
    // ec2Query, whose request IDs are in the body (`<requestId>`, `<RequestID>` beside
    // errors); output members named `requestId` and `_request_ids`, like the output's
    // `request_id()` and the private field holding the IDs.
    ("request_ids_ec2", Compiles),
    // A restXml service with sdkId `S3`: CopyObject may answer 200 OK with an `<Error>`
    // document (S3's customization); PutObject, not in S3's list, reads one as its payload.
    ("s3_errors_in_ok", Compiles),
    // Shapes named like the generated code's local types: `Key`, `Visitor`, `KeyVisitor`, `With`.
    ("local_names", Compiles),
    // Types named like the generated code's generic parameters and associated types (`S`, `D`,
    // `A`, `E`, `T`, `B`, `C`, `Op`, `Partial`, `Value`, `Output`, `Input`, `Ok`, `Keys`) with
    // members named like its bindings (`partial`, `index`, `map`, `path`, `errors`), and
    // operations whose modules are named like the crate's own (`Wire`, `Types`, `Error`,
    // `Client`, `Validation`, `Primitives`, `JsonInput`, `Endpoint`, `Operation`, `Std`,
    // `Serde`, `Http`, `Builders`, `Structure`, `Correction`): paths written relative to their
    // module must still name the same items.
    ("path_names", Compiles),
    // Errors named like the generated variants of an operation's error enum.
    ("error_variants", Compiles),
    // A union member named `__type` and an error whose `message` alias is another member's name.
    // (Valid Smithy: the generated names step aside, the wire names stay.)
    ("wire_names", Compiles),
    // `FooBar.baz` and `Foo.barBaz`, both with defaults.
    ("default_names", Compiles),
    // Self- and mutually-recursive structures, lists, maps and unions.
    ("recursion", Compiles),
    // Documentation with `*/`, `#[`, `#![doc = "x"]`, quotes, backslashes, backticks, HTML,
    // unbalanced and tilde fences, indented code.
    ("docs", Compiles),
    // Documentation with a lone carriage return, NUL, bidirectional overrides.
    ("doc_control_chars", Compiles),
    // Enum values and patterns with quotes, backslashes, non-ASCII, newlines, fences.
    ("enum_values", Compiles),
    // Range traits and defaults at the edges of byte, short, integer, long, float and double.
    ("numbers", Compiles),
    // bigInteger and bigDecimal defaults beyond `u64` and `f64`, and range bounds beyond
    // `i128` and `f64` on integer, double and big number members: kept exactly as written.
    ("big_integer_default", Compiles),
    // A float default that no `f32` can hold.
    (
        "float_overflow",
        Rejected(&["hostile.floats#GetOutput$tooBig"]),
    ),
    // intEnum values and defaults beyond `i32`.
    (
        "int_enum_overflow",
        Rejected(&[
            "hostile.intenums#Level$TOO_HIGH",
            "hostile.intenums#GetOutput$level",
        ]),
    ),
    // An empty structure (input, output, error, list element) and one-member unions.
    ("empty_and_single", Compiles),
    // Every constraint trait (`length`, `pattern`, `range`, `uniqueItems`, enums) on every shape
    // it applies to, bound to every HTTP location: labels, query, query lists, headers, header
    // lists, query params, prefix headers, body, each kind of payload, response headers and code.
    ("constraints_everywhere", Compiles),
    // Structures bound to a query parameter and a header.
    (
        "bad_bindings",
        Rejected(&[
            "hostile.bindings#SendInput$filter",
            "hostile.bindings#SendOutput$detail",
        ]),
    ),
    // Constrained strings, numbers, enums, intEnums, timestamps, booleans, lists and maps of
    // them in every HTTP location Smithy allows (labels, greedy labels, query, query maps of
    // enum lists, headers and header lists, prefix headers, payloads of any type, response
    // codes), in requests, responses and errors.
    ("http_locations", Compiles),
    // awsJson1_1 event streams: an input stream after an `initial-request`, an output stream
    // after an `initial-response`, events and event members named like the generated code's
    // locals (`message`, `value`, `out`, `parsed`, `header`, `other`), an event of no members,
    // header members of every kind, a blob payload, a modeled error in the stream.
    ("event_streams", Compiles),
    // The same over rpcv2Cbor: CBOR initial messages and event bodies.
    ("event_streams_cbor", Compiles),
    // restXml event streams: input and output streams after the HTTP request and response
    // (a required header on the initial response), header events, blob, string and structure
    // payloads, body members as an XML document named by `@xmlName` (the structure's, the union
    // member's), attributes and lists in it, a modeled error in the stream; SigV4 signing.
    ("event_streams_xml", Compiles),
    // restJson1 input and output event streams in structures without `@input` and `@output`
    // (as models converted from other formats have them), the stream unions named `SendInput`
    // and `SendOutput` like the operation's generated input and output: the input's stream is
    // still the events to send.
    ("event_stream_plain_input", Compiles),
    // rpcv2Cbor bigInteger and bigDecimal members (bignum and decimal fraction tags) named like
    // the tags' parts (`value`, `mantissa`, `exponents`, `tag`), in lists and maps, `@sensitive`,
    // with defaults and a range beyond 64 bits.
    ("big_numbers_cbor", Compiles),
    // restJson1 checksums: `@httpChecksum` with an algorithm member bound to
    // `x-amz-sdk-checksum-algorithm`, a required checksum without one, `@httpChecksumRequired`
    // (Content-MD5), response checks enabled by a mode member (with an algorithm the runtime
    // lacks), both traits on an operation named `Checksum` with string members; members named
    // like the emitted code's locals (`request`, `chosen`, `headers`).
    ("checksums", Compiles),
    // restXml, as S3's notification configurations are modelled: a deprecated member `Event`
    // beside the flattened list `Events` whose items are also `<Event>` elements (each member
    // reads them); an input map whose keys are an enum used nowhere else (keys are text, so
    // the enum needs no input table of its own).
    ("shared_element_names", Compiles),
    // `operationContextParams` paths of every form the rules engine's specification lists: a
    // member, a sub-expression through a recursive pair, a projection, `keys`, a multi-select
    // list, and a projected multi-select through a union's members, flattened (DynamoDB's
    // `TransactWriteItems`).
    ("context_paths", Compiles),
    // An optional timestamp bound to the `Expires` header (in any case): a value that is no
    // date leaves it unset (RFC 9111) where any other header's bad timestamp is an error.
    ("expires_header", Compiles),
    // Outputs whose only member is a `@streaming` blob payload (with a default, and required),
    // so their structure document has nothing to write.
    ("streaming_body_only", Compiles),
    // Shapes `fooBar` and `FooBar`: equal but for case, which Smithy refuses too.
    (
        "case_collisions",
        Rejected(&["hostile.cases#FooBar", "hostile.cases#fooBar"]),
    ),
    // Shapes `Foo_Bar` and `FooBar`, members `a_b` and `aB`, variants `x_y`/`xY`, `ONE_TWO`/`OneTwo`:
    // valid Smithy whose Rust names collide, told apart by a numeric suffix.
    ("underscore_collisions", Compiles),
    // Every kind of Rust name collision at once: operations `Foo_Bar`/`FooBar`, errors
    // `Oops_Now`/`OopsNow`, types `Thing_Name`/`ThingName` beside a modeled `ThingName2`,
    // members whose fields, setters and `set_` setters collide (`fooBar`/`foo_bar`/`foo__bar`,
    // `setFoo`/`foo`, `build`/`buildValue`, `type`/`type_`, `self`/`self_`), and enum, intEnum
    // and union members `Unknown`, `UnknownValue`, `UnknownValue2`, `Self`, `SelfValue`,
    // `unknown_value` beside the generated `Unknown`.
    ("name_collisions", Compiles),
    // Floats and timestamps inside lists, maps and unions, in every protocol family:
    // `@timestampFormat` on list members, map values and timestamp shapes (lists of lists, maps
    // of lists, sparse lists and maps), NaN and the infinities; restJson1 and restXml also bind
    // timestamp and double lists to headers and the query string.
    ("items_rest_json", Compiles),
    ("items_aws_json", Compiles),
    ("items_cbor", Compiles),
    ("items_rest_xml", Compiles),
    ("items_query", Compiles),
    ("items_ec2", Compiles),
];

/// The crates whose doctests run: their models put hostile text into documentation.
const DOCTESTED: &[&str] = &["docs", "enum_values"];

/// Models whose command line is generated and compiled too (as `hostile-<model>-cli`): their
/// operations, options and schema statics have names that collide or are keywords.
const CLI_CHECKED: &[&str] = &[
    "name_collisions",
    "keyword_operations",
    "keyword_shapes",
    "constraints_everywhere",
];

/// The crates `models/hostile/behaviour.rs` uses.
const BEHAVIOUR_DEPS: &[&str] = &[
    "client_names",
    "client_names_rpc",
    "keywords",
    "constraints_everywhere",
    "name_collisions",
    "helper_names",
    "recursion",
    "enum_values",
    "numbers",
    "big_integer_default",
    "empty_and_single",
    "http_locations",
    "xml_shapes",
    "shared_element_names",
    "query_shapes",
    "request_ids_ec2",
    "s3_errors_in_ok",
    "event_streams",
    "event_streams_cbor",
    "event_streams_xml",
    "event_stream_plain_input",
    "big_numbers_cbor",
    "checksums",
    "context_paths",
    "expires_header",
    "items_rest_json",
    "items_aws_json",
    "items_cbor",
    "items_rest_xml",
    "items_query",
    "items_ec2",
];

/// Links of the nested chain that is compiled with the other crates: more than rustc's default
/// recursion limit of 128.
const DEEP_CHAIN_LINKS: usize = 150;

fn hostile_dir() -> PathBuf {
    repo_root().join("tests/models/hostile")
}

fn package_name(model: &str) -> String {
    format!("hostile-{}", model.replace('_', "-"))
}

/// A model whose operation reaches a chain of `links` structures, each holding the next and
/// an enum of its own: `2 * links + 2` shapes.
fn chain_model(namespace: &str, links: usize) -> Value {
    let id = |name: &str| format!("{namespace}#{name}");
    let mut shapes = Map::new();
    shapes.insert(
        id("Service"),
        json!({
            "type": "service",
            "version": "1",
            "operations": [{"target": id("Walk")}],
            "traits": {"aws.protocols#restJson1": {}}
        }),
    );
    shapes.insert(
        id("Walk"),
        json!({
            "type": "operation",
            "input": {"target": id("Link0")},
            "output": {"target": id("Link0")},
            "traits": {"smithy.api#http": {"method": "POST", "uri": "/walk", "code": 200}}
        }),
    );
    for i in 0..links {
        let mut members = Map::new();
        members.insert("kind".into(), json!({"target": id(&format!("Kind{i}"))}));
        members.insert("name".into(), json!({"target": "smithy.api#String"}));
        if i + 1 < links {
            members.insert(
                "next".into(),
                json!({"target": id(&format!("Link{}", i + 1))}),
            );
        }
        shapes.insert(
            id(&format!("Link{i}")),
            json!({"type": "structure", "members": members}),
        );
        shapes.insert(
            id(&format!("Kind{i}")),
            json!({
                "type": "enum",
                "members": {
                    "FIRST": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": format!("first-{i}")}},
                    "SECOND": {"target": "smithy.api#Unit"}
                }
            }),
        );
    }
    json!({"smithy": "2.0", "shapes": shapes})
}

/// Runs the generator, turning a panic into an error message.
fn generate(path: &Path) -> Result<Result<smithy_codegen::Output, Error>, String> {
    panic::catch_unwind(AssertUnwindSafe(|| smithy_codegen::run(&[path], None))).map_err(
        |payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".to_owned())
        },
    )
}

/// Writes the command-line crate of `output` into `dir`, beside its library crate `model`.
fn write_cli_crate(output: &smithy_codegen::Output, model: &str, dir: &Path) -> Result<(), String> {
    let tokens = smithy_codegen::emit::cli::cli_file(&output.plan, "library");
    let table = write::format_tokens(tokens).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{package}-cli\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[[bin]]\nname = \"{package}-cli\"\npath = \"main.rs\"\n\n\
         [dependencies]\nlibrary = {{ path = \"../{model}\", package = \"{package}\", features = [\"client\"] }}\n\
         smithy-cli-runtime = {{ path = {runtime:?} }}\nserde = \"1\"\nserde_json = \"1\"\nhttp = \"1\"\n",
        package = package_name(model),
        runtime = repo_root().join("cli-runtime").display().to_string(),
    );
    let main = "include!(\"table.rs\");\n\n\
                fn main() -> std::process::ExitCode {\n    smithy_cli_runtime::main(&SERVICE)\n}\n";
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (file, text) in [
        ("Cargo.toml", manifest.as_str()),
        ("table.rs", &table),
        ("main.rs", main),
    ] {
        fs::write(dir.join(file), text).map_err(|e| format!("cannot write {file}: {e}"))?;
    }
    Ok(())
}

/// The crates of [`BEHAVIOUR_DEPS`] whose clients `behaviour.rs` calls.
const CLIENT_BEHAVIOUR: &[&str] = &[
    "client_names",
    "client_names_rpc",
    "event_streams",
    "event_streams_xml",
    "checksums",
    "request_ids_ec2",
];

/// The `Cargo.toml` of the crate that runs `behaviour.rs` against the generated crates.
fn behaviour_manifest() -> String {
    let mut manifest = String::from(
        "[package]\nname = \"hostile-behaviour\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n\
         serde = \"1\"\nserde_json = \"1\"\nhttp = \"1\"\n",
    );
    for dep in BEHAVIOUR_DEPS {
        // The crates whose clients the tests call get the client.
        let features = if CLIENT_BEHAVIOUR.contains(dep) {
            ", features = [\"client\"]"
        } else {
            ""
        };
        let _ = writeln!(
            manifest,
            "{} = {{ path = \"../{dep}\"{features} }}",
            package_name(dep)
        );
    }
    manifest
}

/// Cargo in `dir`, with warnings denied and nothing of the outer cargo's environment.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    generated_crates_cargo(dir, args)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"))
}

/// The rendered compiler errors of `cargo check --message-format=json`, by lib target name.
fn errors_by_crate(stdout: &[u8]) -> BTreeMap<String, Vec<String>> {
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let target = message["target"]["name"].as_str().unwrap_or("?").to_owned();
        let rendered = message["message"]["rendered"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        errors.entry(target).or_default().push(rendered);
    }
    errors
}

#[test]
fn hostile_models_compile_or_are_rejected_by_name() {
    let root = repo_root().join("target/hostile-check");
    if root.exists() {
        fs::remove_dir_all(&root)
            .unwrap_or_else(|err| panic!("cannot clean {}: {err}", root.display()));
    }
    fs::create_dir_all(root.join("models")).unwrap_or_else(|err| panic!("{err}"));

    // Every file in the folder has an expectation, and every expectation has its file.
    let on_disk: BTreeSet<String> = fs::read_dir(hostile_dir())
        .unwrap_or_else(|err| panic!("{}: {err}", hostile_dir().display()))
        .map(|entry| entry.unwrap_or_else(|err| panic!("{err}")).path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter_map(|path| Some(path.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    let listed: BTreeSet<String> = MODELS.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(on_disk, listed, "models/hostile and MODELS differ");

    let deep_chain = root.join("models/deep_chain.json");
    fs::write(
        &deep_chain,
        chain_model("hostile.chain", DEEP_CHAIN_LINKS).to_string(),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    let mut models: Vec<(String, PathBuf, Expect)> = MODELS
        .iter()
        .map(|(name, expect)| {
            (
                (*name).to_owned(),
                hostile_dir().join(format!("{name}.json")),
                *expect,
            )
        })
        .collect();
    models.push(("deep_chain".to_owned(), deep_chain, Compiles));

    let mut problems: Vec<String> = Vec::new();
    // Generated crates that must compile, and those that may.
    let mut to_compile: Vec<(String, Expect)> = Vec::new();
    let mut cli_crates: Vec<String> = Vec::new();
    let mut rejected = 0;
    for (name, path, expect) in &models {
        let result = match generate(path) {
            Ok(result) => result,
            Err(panic) => {
                problems.push(format!("{name}: the generator panicked: {panic}"));
                continue;
            }
        };
        match (result, expect) {
            (Ok(output), Compiles) => {
                match write_crate(&output, &package_name(name), &root.join(name)) {
                    Ok(()) => to_compile.push((name.clone(), *expect)),
                    Err(err) => problems.push(format!("{name}: {err}")),
                }
                if CLI_CHECKED.contains(&name.as_str()) {
                    let cli = format!("{name}-cli");
                    match write_cli_crate(&output, name, &root.join(&cli)) {
                        Ok(()) => cli_crates.push(cli),
                        Err(err) => problems.push(format!("{cli}: {err}")),
                    }
                }
            }
            (Ok(_), Rejected(needles)) => problems.push(format!(
                "{name}: generation succeeded; expected model errors naming {needles:?}"
            )),
            (Err(Error::Model(diagnostics)), Rejected(needles)) => {
                let text = diagnostics.to_string();
                let missing: Vec<_> = needles.iter().filter(|n| !text.contains(*n)).collect();
                if missing.is_empty() {
                    rejected += 1;
                } else {
                    problems.push(format!(
                        "{name}: the model errors do not name {missing:?}:\n{text}"
                    ));
                }
            }
            (Err(err), _) => problems.push(format!("{name}: expected {expect:?}, got: {err}")),
        }
    }

    let generated: BTreeSet<&str> = to_compile.iter().map(|(name, _)| name.as_str()).collect();
    let mut members: Vec<String> = generated.iter().map(|name| (*name).to_owned()).collect();
    members.extend(cli_crates.iter().cloned());
    let behaviour = BEHAVIOUR_DEPS.iter().all(|dep| generated.contains(dep));
    if behaviour {
        let dir = root.join("behaviour");
        fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
        fs::write(dir.join("Cargo.toml"), behaviour_manifest()).unwrap_or_else(|e| panic!("{e}"));
        fs::copy(hostile_dir().join("behaviour.rs"), dir.join("lib.rs"))
            .unwrap_or_else(|err| panic!("cannot copy behaviour.rs: {err}"));
        members.push("behaviour".to_owned());
    } else {
        problems.push(format!(
            "the behaviour tests did not run: not every one of {BEHAVIOUR_DEPS:?} was generated"
        ));
    }
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            list.join(", ")
        ),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    // The repository's lock file pins the dependencies to the versions we test with.
    fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock"))
        .unwrap_or_else(|err| panic!("cannot copy Cargo.lock: {err}"));

    let check = cargo(
        &root,
        &[
            "check",
            "--workspace",
            // The client's code too: its method and builder names meet the model's.
            "--all-features",
            "--keep-going",
            "--message-format=json",
        ],
    );
    let errors = errors_by_crate(&check.stdout);
    let mut compiled = BTreeSet::new();
    for (name, expect) in &to_compile {
        match errors.get(&package_name(name).replace('-', "_")) {
            None => {
                compiled.insert(name.as_str());
            }
            Some(list) => problems.push(format!(
                "{name}: the generated crate does not compile ({expect:?}); {} errors, the first:\n{}",
                list.len(),
                list.iter()
                    .take(3)
                    .map(|e| head(e, 12))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }
    for cli in &cli_crates {
        // A binary target keeps the dashes of its name.
        let bin = package_name(cli);
        let found = errors
            .get(&bin)
            .or_else(|| errors.get(&bin.replace('-', "_")));
        if let Some(list) = found {
            problems.push(format!(
                "{cli}: the generated command line does not compile; {} errors, the first:\n{}",
                list.len(),
                list.iter()
                    .take(3)
                    .map(|e| head(e, 12))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert_eq!(cli_crates.len(), CLI_CHECKED.len(), "{cli_crates:?}");
    if !check.status.success() && errors.is_empty() {
        problems.push(format!(
            "`cargo check` failed in {} without compiler errors:\n{}",
            root.display(),
            String::from_utf8_lossy(&check.stderr)
        ));
    }

    // Behaviour and doctests, for the crates that compiled.
    let mut packages: Vec<String> = DOCTESTED
        .iter()
        .filter(|name| compiled.contains(*name))
        .map(|name| package_name(name))
        .collect();
    if behaviour && BEHAVIOUR_DEPS.iter().all(|dep| compiled.contains(dep)) {
        packages.push("hostile-behaviour".to_owned());
    } else if behaviour {
        problems.push("the behaviour tests did not run: a crate they use does not compile".into());
    }
    if !packages.is_empty() {
        let mut args = vec!["test", "--no-fail-fast"];
        for package in &packages {
            args.extend(["-p", package.as_str()]);
        }
        let test = cargo(&root, &args);
        if !test.status.success() {
            problems.push(format!(
                "`cargo test` of {} failed:\n{}",
                packages.join(", "),
                test_failures(&test)
            ));
        }
    }

    // Never pass having checked nothing: every model was generated and compiled or rejected.
    let expected_compiled = models
        .iter()
        .filter(|(_, _, e)| matches!(e, Compiles))
        .count();
    assert_eq!(models.len(), MODELS.len() + 1);
    assert!(
        problems.is_empty(),
        "{} of {} hostile models misbehave ({} compiled of {expected_compiled} expected to, {rejected} rejected as expected):\n\n{}",
        problems.len(),
        models.len(),
        compiled.len(),
        problems.join("\n\n")
    );
    assert_eq!(compiled.len() + rejected, models.len(), "{compiled:?}");
    assert_eq!(compiled.len(), expected_compiled, "{compiled:?}");
    assert!(
        rejected > 0 && compiled.len() > rejected,
        "{compiled:?}, {rejected} rejected"
    );
}

/// 10,000 shapes, all reachable from one operation, generate (generation only: see the
/// module docs) into the expected number of types.
#[test]
fn ten_thousand_shapes_generate() {
    let dir = repo_root().join("target/hostile-huge");
    fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    let path = dir.join("huge.json");
    // 4,999 structures + 4,999 enums + the service and its operation.
    let model = chain_model("hostile.huge", 4_999);
    assert_eq!(model["shapes"].as_object().map(Map::len), Some(10_000));
    fs::write(&path, model.to_string()).unwrap_or_else(|err| panic!("{err}"));

    let started = Instant::now();
    let output = match generate(&path) {
        Ok(Ok(output)) => output,
        Ok(Err(err)) => panic!("the 10,000-shape model is rejected: {err}"),
        Err(panic) => panic!("the generator panicked on the 10,000-shape model: {panic}"),
    };
    let files = write::crate_files(&output.code).unwrap_or_else(|err| panic!("{err}"));
    eprintln!(
        "10,000 shapes generated and formatted in {:.1?}",
        started.elapsed()
    );
    let types = &files[Path::new("src/types.rs")];
    assert_eq!(types.matches("pub struct Link").count(), 4_999);
    assert_eq!(types.matches("pub enum Kind").count(), 4_999);
    let operation = &files[Path::new("src/operation/walk.rs")];
    assert!(
        operation.contains("pub fn serialize_request_unchecked"),
        "the wire layer"
    );
    assert!(operation.contains("types::Link0"), "the input and output");
}
