//! The endpoint rules engine against Smithy's rules-engine and AWS-function cases
//! (`../shared/smithy-tests/endpoint-rules/`, each rule set loaded with the trait
//! definitions of `definitions/`) and the `endpointTests` of the shared AWS models; and the
//! `endpoint-tests` command's output and exit code.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use smithy_codegen::{ast, rules::conformance};
use support::{expect, path_str, temp_dir};

fn shared() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    assert!(
        root.join("smithy-tests/endpoint-rules").is_dir() && root.join("models/corpus").is_dir(),
        "the shared reference data is missing: expected {} (`../shared/` from the workspace root)",
        root.display()
    );
    root
}

fn sorted(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|e| e.unwrap_or_else(|err| panic!("{err}")).path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

/// Runs each model (with `extra` files loaded beside it); returns the summed report.
fn run_each(models: &[PathBuf], extra: &[PathBuf]) -> conformance::Report {
    let mut report = conformance::Report::default();
    for model in models {
        let mut paths = vec![model.clone()];
        paths.extend_from_slice(extra);
        let document = ast::load_to_json(&paths, true)
            .unwrap_or_else(|diags| panic!("{}:\n{diags}", model.display()));
        conformance::run_document(&document, &mut report);
    }
    report
}

#[test]
fn smithy_rules_engine_and_aws_function_cases_pass() {
    let tests = shared().join("smithy-tests");
    let definitions: Vec<PathBuf> = sorted(&tests.join("definitions"), "smithy")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "prelude.smithy"))
        .collect();
    let mut models = sorted(&tests.join("endpoint-rules/rules-engine"), "smithy");
    models.extend(sorted(
        &tests.join("endpoint-rules/aws-functions"),
        "smithy",
    ));
    assert!(models.len() >= 25, "rule-set files: {}", models.len());
    let report = run_each(&models, &definitions);
    assert!(report.failures.is_empty(), "{}", report.failures.join("\n"));
    // 137 cases when this was written; fewer means cases went unread.
    assert!(report.passed >= 137, "only {} cases ran", report.passed);
}

#[test]
fn shared_aws_models_cases_pass() {
    let models_dir = shared().join("models");
    let mut models = vec![models_dir.join("socialmessaging-2024-01-01.json")];
    models.extend(sorted(&models_dir.join("corpus"), "json"));
    let report = run_each(&models, &[]);
    assert!(report.failures.is_empty(), "{}", report.failures.join("\n"));
    // 21 for socialmessaging, 132 with the corpus when this was written.
    assert!(report.passed >= 132, "only {} cases ran", report.passed);
}

#[test]
fn command_counts_and_exits_1_on_a_failed_case() {
    let model = shared().join("models/socialmessaging-2024-01-01.json");
    let (stdout, _) = expect(&["endpoint-tests", "--model", path_str(&model)], 0);
    assert_eq!(
        stdout.trim_end().lines().last(),
        Some("21 passed, 0 failed")
    );

    // The same model with one expectation made wrong.
    let text = fs::read_to_string(&model).unwrap_or_else(|err| panic!("{err}"));
    let mut doc: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
    let service = doc["shapes"]
        .as_object_mut()
        .and_then(|shapes| {
            shapes
                .values_mut()
                .find(|s| s["traits"].get("smithy.rules#endpointTests").is_some())
        })
        .unwrap_or_else(|| panic!("no service with endpointTests"));
    let cases = service["traits"]["smithy.rules#endpointTests"]["testCases"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("no testCases"));
    let url = cases
        .iter_mut()
        .find_map(|c| c["expect"].get_mut("endpoint"))
        .unwrap_or_else(|| panic!("no endpoint case"));
    url["url"] = serde_json::Value::from("https://wrong.example.com");
    let broken = temp_dir("endpoint-tests").join("model.json");
    fs::write(&broken, doc.to_string()).unwrap_or_else(|err| panic!("{err}"));

    let (stdout, _) = expect(&["endpoint-tests", "--model", path_str(&broken)], 1);
    let lines: Vec<&str> = stdout.trim_end().lines().collect();
    assert_eq!(lines.last(), Some(&"20 passed, 1 failed"), "{stdout}");
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("FAIL ") && lines[0].contains("https://wrong.example.com"),
        "{stdout}"
    );
}

#[test]
fn command_runs_each_model_alone_so_a_broken_one_does_not_stop_the_others() {
    let dir = temp_dir("endpoint-tests-each");
    let good = shared().join("models/socialmessaging-2024-01-01.json");
    fs::copy(&good, dir.join("a-good.json")).unwrap_or_else(|err| panic!("{err}"));
    fs::write(
        dir.join("b-broken.json"),
        "{\"smithy\": \"2.0\", \"shapes\": {",
    )
    .unwrap_or_else(|err| panic!("{err}"));
    fs::copy(&good, dir.join("c-good-again.json")).unwrap_or_else(|err| panic!("{err}"));

    let (stdout, _) = expect(&["endpoint-tests", "--model", path_str(&dir)], 1);
    let lines: Vec<&str> = stdout.trim_end().lines().collect();
    assert_eq!(lines.last(), Some(&"42 passed, 1 failed"), "{stdout}");
    assert!(
        lines[0].starts_with("FAIL ") && lines[0].contains("b-broken.json"),
        "{stdout}"
    );

    // Smithy's rule-set files need the trait definitions loaded beside each.
    let tests = shared().join("smithy-tests");
    let rules = tests.join("endpoint-rules/aws-functions");
    let (stdout, _) = expect(
        &[
            "endpoint-tests",
            "--model",
            path_str(&rules),
            "--with",
            path_str(&tests.join("definitions")),
        ],
        0,
    );
    assert!(stdout.trim_end().ends_with(" 0 failed"), "{stdout}");
}
