//! Every supported protocol's generated client calls a service: one model per protocol in
//! `models/clients/` (the same operation, its input and output members from the mixin in
//! `common.json`: a string, an integer, a timestamp, a list, a map, a structure and an enum;
//! labels, a query parameter and headers where the protocol binds to HTTP; a modeled client
//! error), each generated with the client into one workspace under `target/loopback-clients`
//! and compiled once with `models/clients/calls.rs`, whose tests call the blocking and the
//! async client against loopback servers that check the request as the protocol requires
//! and answer as it says, successes and modeled errors.

use std::fs;
use std::path::PathBuf;

use smithy_codegen_tests::{generated_crates_cargo, repo_root, test_failures, write_crate};

/// The models of `models/clients/` (besides `common.json`), one per protocol.
const PROTOCOLS: &[&str] = &[
    "rest_json1",
    "aws_json1_0",
    "aws_json1_1",
    "rest_xml",
    "aws_query",
    "ec2_query",
    "rpcv2_cbor",
    "rpcv2_json",
];

/// The tests `calls.rs` has for every protocol.
const CALLS: &[&str] = &[
    "the_blocking_client_sends_and_reads",
    "the_async_client_sends_and_reads",
    "a_modeled_error_is_its_typed_variant",
];

fn models_dir() -> PathBuf {
    repo_root().join("tests/models/clients")
}

/// `rest_json1` -> `loopback-rest-json1`.
fn package(protocol: &str) -> String {
    format!("loopback-{}", protocol.replace('_', "-"))
}

/// The crate running `calls.rs`: the generated crates with their clients, and the crates
/// its servers read and write the protocols' bodies with (none of them the generated code).
fn calls_manifest() -> String {
    let mut manifest = String::from(
        "[package]\nname = \"loopback-calls\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[lib]\npath = \"lib.rs\"\ndoctest = false\n\n[dependencies]\n\
         http = \"1\"\nserde_json = \"1\"\nciborium = \"0.2\"\nroxmltree = \"0.21\"\n\
         form_urlencoded = \"1.2\"\n",
    );
    for protocol in PROTOCOLS {
        manifest.push_str(&format!(
            "{} = {{ path = \"../{protocol}\", features = [\"client\"] }}\n",
            package(protocol)
        ));
    }
    manifest
}

#[test]
fn every_protocols_client_calls_a_loopback_service() {
    let root = repo_root().join("target/loopback-clients");
    let _ = fs::remove_dir_all(&root);
    let on_disk: Vec<String> = {
        let mut names: Vec<String> = fs::read_dir(models_dir())
            .unwrap_or_else(|err| panic!("{}: {err}", models_dir().display()))
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                (path.extension()? == "json")
                    .then(|| path.file_stem()?.to_str().map(str::to_owned))?
            })
            .filter(|name| name != "common")
            .collect();
        names.sort();
        names
    };
    let mut listed: Vec<String> = PROTOCOLS.iter().map(|p| (*p).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "models/clients and PROTOCOLS differ");

    for protocol in PROTOCOLS {
        let models = [
            models_dir().join("common.json"),
            models_dir().join(format!("{protocol}.json")),
        ];
        let output =
            smithy_codegen::run(&models, None).unwrap_or_else(|err| panic!("{protocol}: {err}"));
        write_crate(&output, &package(protocol), &root.join(protocol))
            .unwrap_or_else(|err| panic!("{protocol}: {err}"));
    }
    let calls = root.join("calls");
    fs::create_dir_all(&calls).unwrap_or_else(|err| panic!("{err}"));
    fs::write(calls.join("Cargo.toml"), calls_manifest()).unwrap_or_else(|err| panic!("{err}"));
    // The server is public so that none of it is dead code where a test does not use it.
    fs::write(
        calls.join("lib.rs"),
        "pub mod loopback;\n\n#[cfg(test)]\nmod calls;\n",
    )
    .unwrap_or_else(|err| panic!("{err}"));
    for (from, to) in [
        (models_dir().join("calls.rs"), "calls.rs"),
        (repo_root().join("tests/support/loopback.rs"), "loopback.rs"),
    ] {
        fs::copy(&from, calls.join(to))
            .unwrap_or_else(|err| panic!("cannot copy {}: {err}", from.display()));
    }
    let members: Vec<String> = PROTOCOLS
        .iter()
        .map(|p| format!("{p:?}"))
        .chain(["\"calls\"".to_owned()])
        .collect();
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    // The repository's lock file: the versions the workspace tests with, nothing fetched.
    fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock"))
        .unwrap_or_else(|err| panic!("cannot copy Cargo.lock: {err}"));

    let run = generated_crates_cargo(&root, &["test", "-p", "loopback-calls"])
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    assert!(
        run.status.success(),
        "the protocols' client calls failed:\n{}",
        test_failures(&run)
    );
    // Never pass having run nothing: each protocol's calls ran and passed.
    let stdout = String::from_utf8_lossy(&run.stdout);
    for protocol in PROTOCOLS {
        for test in CALLS {
            let line = format!("test calls::{protocol}::{test} ... ok");
            assert!(stdout.contains(&line), "no `{line}`:\n{stdout}");
        }
    }
}
