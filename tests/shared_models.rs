//! The official models in `../shared/models` (the whole socialmessaging service and the
//! corpus of other restJson1 services) each generate a standalone crate that compiles
//! without a single warning; the crate of the official socialmessaging model (a newer
//! version of our API) also passes the wire checks our own crate passes.

use std::fs;
use std::path::{Path, PathBuf};

use smithy_codegen::emit::protocol_tests;
use smithy_codegen::write;
use smithy_codegen_tests::{generated_crates_cargo, repo_root, shared_dir};

/// Every model to generate: the full socialmessaging service plus the whole corpus.
fn shared_models() -> Vec<PathBuf> {
    let models = shared_dir().join("models");
    let mut found = vec![models.join("socialmessaging-2024-01-01.json")];
    let corpus = models.join("corpus");
    let mut corpus_files: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", corpus.display()))
        .map(|entry| entry.unwrap_or_else(|err| panic!("{err}")).path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    corpus_files.sort();
    found.extend(corpus_files);
    found
}

/// The crate generated from the official socialmessaging model; the wire checks in
/// `tests/templates/official_wire_checks.rs` name it.
const OFFICIAL: &str = "social-messaging-official";

/// A package name from the model's file name (`dataexchange-2017-07-25.json` ->
/// `dataexchange-2017-07-25`).
fn crate_name(model: &Path) -> String {
    if model.ends_with("socialmessaging-2024-01-01.json") {
        return OFFICIAL.to_owned();
    }
    model
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| panic!("no file name: {}", model.display()))
}

/// Generates the crate for `model` into `dir`; returns the number of files written.
fn generate(model: &Path, name: &str, dir: &Path) -> usize {
    let output = smithy_codegen::run(&[model], None)
        .unwrap_or_else(|err| panic!("{}:\n{err}", model.display()));
    // Every operation gets its wire layer (connecthealth's event streams included).
    let without: Vec<&str> = output
        .plan
        .operations
        .iter()
        .filter(|op| op.wire.is_none())
        .map(|op| op.name.as_str())
        .collect();
    assert!(
        without.is_empty(),
        "{}: operations without a wire layer: {without:?}",
        model.display()
    );
    let mut files =
        write::crate_files(&output.code).unwrap_or_else(|err| panic!("{}: {err}", model.display()));
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml(name, "0.1.0", &output.code),
    );
    // With the protocol tests, which carry the service's endpoint test cases.
    let tests = protocol_tests::test_file(&output.plan, name)
        .unwrap_or_else(|err| panic!("{}: {err}", model.display()));
    files.insert(
        PathBuf::from("tests/protocol_tests.rs"),
        write::format_tokens(tests.file).unwrap_or_else(|err| panic!("{err}")),
    );
    for (path, contents) in &files {
        let path = dir.join(path);
        write::write_if_changed(&path, contents)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
    }
    files.len()
}

#[test]
fn shared_models_generate_crates_that_compile_without_warnings() {
    let root = repo_root().join("target/shared-models-check");
    if root.exists() {
        fs::remove_dir_all(&root)
            .unwrap_or_else(|err| panic!("cannot clean {}: {err}", root.display()));
    }
    fs::create_dir_all(&root).unwrap_or_else(|err| panic!("{err}"));

    let models = shared_models();
    let mut members = Vec::new();
    for model in &models {
        let name = crate_name(model);
        let files = generate(model, &name, &root.join(&name));
        assert!(
            files >= 3,
            "{}: only {files} files generated",
            model.display()
        );
        members.push(name);
    }
    // The full service and the five corpus models: never pass having checked nothing.
    assert_eq!(
        members.len(),
        6,
        "expected six generated crates, got {members:?}"
    );
    for name in &members {
        assert!(root.join(name).join("Cargo.toml").is_file(), "{name}");
        assert!(root.join(name).join("src/lib.rs").is_file(), "{name}");
    }

    // The official model's crate gets the wire checks our own crate passes, and the
    // dev-dependency they need.
    let official = root.join(OFFICIAL);
    let checks = repo_root().join("tests/templates/official_wire_checks.rs");
    fs::create_dir_all(official.join("tests")).unwrap_or_else(|err| panic!("{err}"));
    fs::copy(&checks, official.join("tests/wire_checks.rs"))
        .unwrap_or_else(|err| panic!("cannot copy {}: {err}", checks.display()));
    let mut manifest =
        fs::read_to_string(official.join("Cargo.toml")).unwrap_or_else(|err| panic!("{err}"));
    manifest.push_str("\n[dev-dependencies]\nserde_json = \"1\"\n");
    fs::write(official.join("Cargo.toml"), manifest).unwrap_or_else(|err| panic!("{err}"));

    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        list.join(", ")
    );
    fs::write(root.join("Cargo.toml"), manifest).unwrap_or_else(|err| panic!("{err}"));
    // The repository's lock file pins serde and serde_json to the versions we test with.
    fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock"))
        .unwrap_or_else(|err| panic!("cannot copy Cargo.lock: {err}"));

    let output = generated_crates_cargo(&root, &["check", "--workspace", "--quiet"])
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    assert!(
        output.status.success(),
        "`cargo check --workspace` with -D warnings failed for the crates in {} ({}):\n{}",
        root.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );

    let output = generated_crates_cargo(&root, &["test", "-p", OFFICIAL, "--test", "wire_checks"])
        .env("SMITHY_SHARED_DIR", shared_dir())
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("test result: ok. 2 passed"),
        "the official model's crate failed the wire checks ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );

    // Every crate's protocol tests, among them each service's `endpointTests` cases through
    // the generated `endpoint::resolve`.
    let output = generated_crates_cargo(
        &root,
        &[
            "test",
            "--workspace",
            "--test",
            "protocol_tests",
            "--",
            "--test-threads=2",
        ],
    )
    .output()
    .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let passed_endpoint_cases = stdout
        .lines()
        .filter(|l| l.starts_with("test endpoint_case_") && l.ends_with(" ... ok"))
        .count();
    assert!(
        output.status.success(),
        "the shared crates' protocol tests failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    // 132 endpoint cases across these models when this was written (as `endpoint-tests`
    // counts them); fewer means cases were left out.
    assert!(
        passed_endpoint_cases >= 132,
        "only {passed_endpoint_cases} endpoint cases passed:\n{stdout}"
    );
}
