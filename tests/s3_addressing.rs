//! The generated S3 client's addressing: a crate generated from Smithy's S3 test model
//! (`restXml/services/s3.smithy`, which has no endpoint rule set, so the S3 customization's
//! addressing rules) runs `tests/templates/s3_addressing_client.rs`: the bucket in the host
//! name or the path as the client's settings say, and path style forced against a loopback
//! server. Built in the target directory `shared_models.rs` uses.

use std::fs;
use std::path::PathBuf;

use smithy_codegen::write;
use smithy_codegen_tests::{generated_crates_cargo, repo_root, shared_dir};

const NAME: &str = "s3-addressing";

/// The S3 test model and the definitions it uses (as `protocol_compliance.rs` loads them).
fn models() -> Vec<PathBuf> {
    let tests = shared_dir().join("smithy-tests");
    let mut models = vec![
        tests.join("protocol-tests/restXml"),
        tests.join("protocol-tests/shared-types.smithy"),
    ];
    for definition in [
        "aws.api.smithy",
        "aws.auth.smithy",
        "aws.customizations.smithy",
        "aws.protocols.smithy",
        "smithy.framework.validation.smithy",
        "smithy.test.smithy",
        "smithy.protocols.rpcv2.smithy",
    ] {
        models.push(tests.join("definitions").join(definition));
    }
    models
}

#[test]
fn the_generated_s3_client_addresses_buckets_as_configured() {
    let output = smithy_codegen::run(&models(), Some("com.amazonaws.s3#AmazonS3"))
        .unwrap_or_else(|err| panic!("the S3 test model:\n{err}"));
    let root = repo_root().join("target/s3-addressing-check");
    let dir = root.join(NAME);
    let mut files = write::crate_files(&output.code).unwrap_or_else(|err| panic!("{err}"));
    // The test uses `http`, a dependency of the crate's wire layer.
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml(NAME, "0.1.0", &output.code),
    );
    let template = repo_root().join("tests/templates/s3_addressing_client.rs");
    files.insert(
        PathBuf::from("tests/addressing.rs"),
        fs::read_to_string(&template).unwrap_or_else(|err| panic!("{}: {err}", template.display())),
    );
    for (path, contents) in &files {
        let path = dir.join(path);
        write::write_if_changed(&path, contents)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
    }
    fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{NAME:?}]\n"),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    // The repository's lock file: the versions the workspace tests with, nothing fetched.
    fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock"))
        .unwrap_or_else(|err| panic!("cannot copy Cargo.lock: {err}"));

    let run = generated_crates_cargo(
        &root,
        &["test", "--features", "client", "--test", "addressing"],
    )
    .output()
    .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success() && stdout.contains("test result: ok. 3 passed"),
        "the S3 client's addressing tests failed ({}):\n{stdout}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
}
