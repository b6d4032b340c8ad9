//! The `smithy-codegen` binary: generate, `--check`, exit codes and messages.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{expect, model, path_str, temp_dir, MODEL_ERROR, STALE, USAGE_ERROR};

/// Every file under `dir`, relative to it.
fn relative_files(dir: &Path) -> Vec<PathBuf> {
    support::files_under(dir)
        .into_iter()
        .filter_map(|path| path.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

#[test]
fn generate_then_check_is_up_to_date() {
    let out = temp_dir("generate").join("crate");
    let model = model();
    let generate = [
        "generate",
        "--model",
        path_str(&model),
        "--out",
        path_str(&out),
    ];
    expect(&generate, 0);

    let files = relative_files(&out);
    for expected in [
        "Cargo.toml",
        "src/lib.rs",
        "src/types.rs",
        "src/operation.rs",
    ] {
        assert!(
            files.contains(&PathBuf::from(expected)),
            "{expected} not generated: {files:?}"
        );
    }
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        manifest.contains("name = \"social-messaging\""),
        "{manifest}"
    );

    let mut check = generate.to_vec();
    check.push("--check");
    let (_, stderr) = expect(&check, 0);
    assert!(stderr.contains("up to date"), "{stderr}");

    // Generating again changes nothing: --check still passes.
    expect(&generate, 0);
    expect(&check, 0);
}

#[test]
fn crate_name_option_names_the_package() {
    let out = temp_dir("crate-name");
    let model = model();
    expect(
        &[
            "generate",
            "--model",
            path_str(&model),
            "--out",
            path_str(&out),
            "--crate-name",
            "my_messaging",
        ],
        0,
    );
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(manifest.contains("name = \"my_messaging\""), "{manifest}");
}

#[test]
fn shared_client_runtime_option_depends_on_the_runtime_crate() {
    let out = temp_dir("shared-runtime");
    let model = model();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../client-runtime");
    expect(
        &[
            "generate",
            "--model",
            path_str(&model),
            "--out",
            path_str(&out),
            "--shared-client-runtime",
            path_str(&runtime),
        ],
        0,
    );
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap_or_else(|e| panic!("{e}"));
    let dependency = format!(
        "smithy-client-runtime = {{ path = {:?}, optional = true }}",
        path_str(&runtime)
    );
    assert!(manifest.contains(&dependency), "{manifest}");
    assert!(!manifest.contains("ureq"), "{manifest}");
    let client = fs::read_to_string(out.join("src/client.rs")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        client.contains("pub use ::smithy_client_runtime::*;"),
        "{client}"
    );
    // The service-independent half is the runtime crate's, not a copy: no `ConfigBuilder` here.
    assert!(!client.contains("struct ConfigBuilder"), "{client}");
    assert!(client.contains("pub mod call"), "{client}");
}

#[test]
fn check_reports_changed_and_missing_files() {
    let out = temp_dir("stale");
    let model = model();
    let generate = [
        "generate",
        "--model",
        path_str(&model),
        "--out",
        path_str(&out),
    ];
    let mut check = generate.to_vec();
    check.push("--check");

    // Nothing generated yet: everything is missing.
    let (_, stderr) = expect(&check, STALE);
    assert!(stderr.contains("missing"), "{stderr}");
    assert!(stderr.contains("Cargo.toml"), "{stderr}");
    assert!(!out.join("Cargo.toml").exists(), "--check wrote files");

    expect(&generate, 0);
    let edited = out.join("src/types.rs");
    let mut text = fs::read_to_string(&edited).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\n// a hand edit\n");
    fs::write(&edited, &text).unwrap_or_else(|e| panic!("{e}"));

    let (_, stderr) = expect(&check, STALE);
    assert!(stderr.contains("changed"), "{stderr}");
    assert!(stderr.contains(path_str(&edited)), "{stderr}");
    assert!(
        !stderr.contains("lib.rs"),
        "only the edited file is stale: {stderr}"
    );
    // --check leaves the edit alone.
    assert_eq!(
        fs::read_to_string(&edited).unwrap_or_else(|e| panic!("{e}")),
        text
    );

    let removed = out.join("src/lib.rs");
    fs::remove_file(&removed).unwrap_or_else(|e| panic!("{e}"));
    let (_, stderr) = expect(&check, STALE);
    assert!(
        stderr.contains("missing") && stderr.contains(path_str(&removed)),
        "{stderr}"
    );
    assert!(stderr.contains(path_str(&edited)), "{stderr}");

    // Regenerating repairs both.
    expect(&generate, 0);
    expect(&check, 0);
}

#[test]
fn broken_model_exits_1_with_the_error_on_stderr() {
    let dir = temp_dir("broken");
    let broken = dir.join("broken.json");
    fs::write(
        &broken,
        "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n    \"ex#A\": {\"type\": \"strin\"}\n  }\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out");
    let (stdout, stderr) = expect(
        &[
            "generate",
            "--model",
            path_str(&broken),
            "--out",
            path_str(&out),
        ],
        MODEL_ERROR,
    );
    assert!(stderr.contains("broken.json"), "{stderr}");
    assert!(stderr.contains("ex#A"), "{stderr}");
    assert!(stderr.contains("unknown shape type `strin`"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(!out.exists(), "output written for a broken model");

    // Invalid JSON: file, line and column.
    fs::write(&broken, "{\"smithy\": \"2.0\",\n\"shapes\": {,}}").unwrap_or_else(|e| panic!("{e}"));
    let (_, stderr) = expect(
        &[
            "generate",
            "--model",
            path_str(&broken),
            "--out",
            path_str(&out),
        ],
        MODEL_ERROR,
    );
    assert!(stderr.contains("broken.json:2:12"), "{stderr}");

    // A model file that does not exist is a model error too, naming the path.
    let absent = dir.join("absent.json");
    let (_, stderr) = expect(
        &[
            "generate",
            "--model",
            path_str(&absent),
            "--out",
            path_str(&out),
        ],
        MODEL_ERROR,
    );
    assert!(stderr.contains("absent.json"), "{stderr}");
}

#[test]
fn bad_usage_exits_2() {
    let model = model();
    let model = path_str(&model);
    let out = temp_dir("usage");
    let out = path_str(&out);
    for (args, mentions) in [
        (vec!["generate", "--model", model], "--out"),
        (vec!["generate", "--out", out], "--model"),
        (
            vec!["generate", "--model", model, "--out", out, "--frobnicate"],
            "--frobnicate",
        ),
        (vec!["generate", "--model", model, "--out"], "--out"),
        (vec!["frobnicate"], "frobnicate"),
        (
            vec![
                "generate",
                "--model",
                model,
                "--out",
                out,
                "--crate-name",
                "a/b",
            ],
            "a/b",
        ),
    ] {
        let (stdout, stderr) = expect(&args, USAGE_ERROR);
        assert!(stderr.contains(mentions), "{args:?}: {stderr}");
        assert!(stderr.contains("usage:"), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
    }
    // A malformed service ID is the caller's mistake as well.
    let (_, stderr) = expect(
        &[
            "generate",
            "--model",
            model,
            "--out",
            out,
            "--service",
            "not a shape id",
        ],
        USAGE_ERROR,
    );
    assert!(stderr.contains("not a shape id"), "{stderr}");
    // Nothing was written by any of them.
    assert!(relative_files(Path::new(out)).is_empty());
}

#[test]
fn help_exits_0() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &[],
        &["generate", "--help"],
    ] {
        let (stdout, _) = expect(args, 0);
        assert!(
            stdout.contains("usage: smithy-codegen generate"),
            "{args:?}: {stdout}"
        );
        for option in ["--model", "--out", "--crate-name", "--service", "--check"] {
            assert!(stdout.contains(option), "{args:?}: {stdout}");
        }
    }
    let (stdout, _) = expect(&["--version"], 0);
    assert!(stdout.starts_with("smithy-codegen "), "{stdout}");
}

#[test]
fn each_model_becomes_its_own_crate() {
    let out = temp_dir("each");
    // A directory is one model too (the feature model is split over several files).
    let features = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/models/features");
    let broken =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/models/bad/missing-target.json");
    let models = [
        path_str(&model()).to_owned(),
        path_str(&features).to_owned(),
    ];
    let mut args = vec!["generate", "--each", "--out", path_str(&out), "--model"];
    args.extend(models.iter().map(String::as_str));
    expect(&args, 0);
    assert!(out.join("social-messaging/Cargo.toml").is_file());
    assert!(out.join("feature-service/src/lib.rs").is_file());
    args.push("--check");
    expect(&args, 0);

    // One broken model fails the run, and the others are still generated.
    let out = temp_dir("each-broken");
    let (_, stderr) = expect(
        &[
            "generate",
            "--each",
            "--out",
            path_str(&out),
            "--model",
            path_str(&model()),
            path_str(&broken),
        ],
        MODEL_ERROR,
    );
    assert!(stderr.contains("missing-target.json"), "{stderr}");
    assert!(out.join("social-messaging/Cargo.toml").is_file());
    expect(
        &[
            "generate",
            "--each",
            "--crate-name",
            "x",
            "--out",
            path_str(&out),
            "--model",
            path_str(&model()),
        ],
        USAGE_ERROR,
    );
}

/// A small model whose service is named `service` in namespace `namespace`.
fn service_model(namespace: &str, service: &str, docs: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "{namespace}#{service}": {{"type": "service", "version": "1",
                "traits": {{"smithy.api#documentation": "{docs}"}}}}
        }}}}"#
    )
}

#[test]
fn each_never_writes_one_crate_over_another() {
    // Real models share service names (RDS, DocumentDB and Neptune all say `AmazonRDSv19`).
    let dir = temp_dir("each-clash");
    let models = dir.join("models");
    fs::create_dir_all(&models).unwrap_or_else(|e| panic!("{e}"));
    let rds = models.join("rds-2014-10-31.json");
    let docdb = models.join("docdb-2014-10-31.json");
    let other = models.join("other.json");
    fs::write(
        &rds,
        service_model("com.amazonaws.rds", "AmazonRDSv19", "RDS"),
    )
    .unwrap();
    fs::write(
        &docdb,
        service_model("com.amazonaws.docdb", "AmazonRDSv19", "DocumentDB"),
    )
    .unwrap();
    fs::write(&other, service_model("ex", "Other", "Other")).unwrap();
    let out = dir.join("out");
    let args = [
        "generate",
        "--each",
        "--out",
        path_str(&out),
        "--model",
        path_str(&rds),
        path_str(&docdb),
        path_str(&other),
    ];
    expect(&args, 0);
    let crates: Vec<PathBuf> = fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|entry| PathBuf::from(entry.unwrap_or_else(|e| panic!("{e}")).file_name()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        crates,
        ["docdb-2014-10-31", "other", "rds-2014-10-31"].map(PathBuf::from),
        "one folder per model, named after the file where service names clash"
    );
    for (folder, docs) in [
        ("rds-2014-10-31", "RDS"),
        ("docdb-2014-10-31", "DocumentDB"),
    ] {
        let manifest = fs::read_to_string(out.join(folder).join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("name = \"{folder}\"")),
            "{manifest}"
        );
        let lib = fs::read_to_string(out.join(folder).join("src/lib.rs")).unwrap();
        assert!(lib.contains(docs), "{folder} holds its own model: {lib}");
    }
    let manifest = fs::read_to_string(out.join("other/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"other\""), "{manifest}");
    // The same run again is deterministic: nothing is out of date.
    let mut check = args.to_vec();
    check.push("--check");
    expect(&check, 0);

    // Two files of one name in different folders cannot be told apart: refused, nothing written.
    let second = dir.join("more");
    fs::create_dir_all(&second).unwrap_or_else(|e| panic!("{e}"));
    let rds_again = second.join("rds-2014-10-31.json");
    fs::write(
        &rds_again,
        service_model("com.amazonaws.neptune", "AmazonRDSv19", "Neptune"),
    )
    .unwrap();
    let refused = dir.join("refused");
    let (_, stderr) = expect(
        &[
            "generate",
            "--each",
            "--out",
            path_str(&refused),
            "--model",
            path_str(&rds),
            path_str(&rds_again),
            path_str(&other),
        ],
        USAGE_ERROR,
    );
    assert!(
        stderr.contains(path_str(&rds)) && stderr.contains(path_str(&rds_again)),
        "{stderr}"
    );
    assert!(!refused.exists(), "nothing is written when names clash");
}

#[test]
fn several_services_without_service_is_a_usage_error_naming_them() {
    let dir = temp_dir("services");
    let model = dir.join("two.json");
    fs::write(
        &model,
        r#"{"smithy": "2.0", "shapes": {
            "ex#A": {"type": "service", "version": "1"},
            "ex#B": {"type": "service", "version": "1"}
        }}"#,
    )
    .unwrap_or_else(|err| panic!("{err}"));
    let out = dir.join("out");
    let (_, stderr) = expect(
        &[
            "generate",
            "--model",
            path_str(&model),
            "--out",
            path_str(&out),
        ],
        USAGE_ERROR,
    );
    assert!(
        stderr.contains("ex#A") && stderr.contains("ex#B") && stderr.contains("--service"),
        "{stderr}"
    );
    expect(
        &[
            "generate",
            "--model",
            path_str(&model),
            "--out",
            path_str(&out),
            "--service",
            "ex#A",
        ],
        0,
    );
}

#[test]
fn cli_writes_the_command_line_crate_beside_the_library_and_check_covers_it() {
    let out = temp_dir("cli").join("crate");
    let model = model();
    let generate = [
        "generate",
        "--cli",
        "--model",
        path_str(&model),
        "--out",
        path_str(&out),
    ];
    expect(&generate, 0);
    let files = relative_files(&out);
    for wanted in [
        "Cargo.toml",
        "src/lib.rs",
        "cli/Cargo.toml",
        "cli/src/lib.rs",
        "cli/src/main.rs",
        "cli/runtime/Cargo.toml",
        "cli/runtime/src/lib.rs",
        "cli/runtime/src/aws_config.rs",
        "cli/runtime/src/aws_config/chain.rs",
    ] {
        assert!(
            files.contains(&PathBuf::from(wanted)),
            "{wanted} not written: {files:?}"
        );
    }
    let manifest = fs::read_to_string(out.join("cli/Cargo.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        manifest.contains("[[bin]]\nname = \"socialmessaging\""),
        "{manifest}"
    );

    let mut check = generate.to_vec();
    check.push("--check");
    expect(&check, 0);
    fs::remove_file(out.join("cli/runtime/src/run.rs")).unwrap_or_else(|e| panic!("{e}"));
    let (_, stderr) = expect(&check, STALE);
    assert!(stderr.contains("run.rs"), "{stderr}");
    // Without --cli the command line's files are none of --check's business.
    let library_only: Vec<&str> = check.iter().copied().filter(|a| *a != "--cli").collect();
    expect(&library_only, 0);
}

#[test]
fn cli_for_a_service_without_a_wire_protocol_is_a_usage_error() {
    let dir = temp_dir("cli-no-wire");
    let model = dir.join("model.json");
    fs::write(&model, service_model("ex", "Plain", "no protocol"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out");
    let (_, stderr) = expect(
        &[
            "generate",
            "--cli",
            "--model",
            path_str(&model),
            "--out",
            path_str(&out),
        ],
        USAGE_ERROR,
    );
    assert!(
        stderr.contains("ex#Plain") && stderr.contains("restJson1"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

/// A service with two protocol traits and one operation bound to `PUT /things`.
fn two_protocol_model() -> String {
    r#"{"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#PutThing"}],
            "traits": {"aws.protocols#restJson1": {}, "aws.protocols#awsJson1_1": {}}},
        "ex#PutThing": {"type": "operation",
            "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things"}}}
    }}"#
    .to_owned()
}

#[test]
fn protocol_option_chooses_another_of_the_services_protocols() {
    let dir = temp_dir("protocol-option");
    let model = dir.join("model.json");
    fs::write(&model, two_protocol_model()).unwrap_or_else(|e| panic!("{e}"));
    let operation = |out: &Path| {
        fs::read_to_string(out.join("src/operation/put_thing.rs")).unwrap_or_else(|e| panic!("{e}"))
    };
    // By default the SDKs' preference: awsJson1_1 before restJson1.
    let preferred = dir.join("preferred");
    let generate = |out: &Path, extra: &[&str], code| {
        let mut args = vec![
            "generate",
            "--model",
            path_str(&model),
            "--out",
            path_str(out),
        ];
        args.extend_from_slice(extra);
        expect(&args, code)
    };
    generate(&preferred, &[], 0);
    let text = operation(&preferred);
    assert!(
        text.contains("x-amz-target") && text.contains("Svc.PutThing"),
        "{text}"
    );
    let chosen = dir.join("chosen");
    generate(&chosen, &["--protocol", "restJson1"], 0);
    let text = operation(&chosen);
    assert!(!text.contains("x-amz-target"), "{text}");
    assert!(text.contains("PUT /things"), "{text}");
    let (_, stderr) = generate(
        &dir.join("absent"),
        &["--protocol", "awsJson1_0"],
        MODEL_ERROR,
    );
    assert!(
        stderr.contains("no `aws.protocols#awsJson1_0` trait") && stderr.contains("ex#Svc"),
        "{stderr}"
    );
    assert!(!dir.join("absent").exists(), "nothing is written");
}
