//! Protocol compliance: `smithy-codegen generate --protocol-tests` turns every client case of
//! `smithy.test#httpRequestTests` / `httpResponseTests` / `eventStreamTests` into a test of the
//! generated crate;
//! here those crates are generated, their tests run, and the outcomes compared with what we
//! expect: every case passes, except the listed skips (each with its reason), and a skipped
//! case that starts passing fails the run so the list only shrinks.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use smithy_codegen::emit::protocol_tests;
use smithy_codegen::write;
use smithy_codegen_tests::{generated_crates_cargo, repo_root};

/// How one generated test ended.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
}

/// Generates `crate_name` from `models` with its protocol tests, runs them and returns each
/// test's outcome plus the cases generation left out.
fn run_suite(
    models: &[PathBuf],
    service: Option<&str>,
    crate_name: &str,
) -> (BTreeMap<String, Outcome>, Vec<protocol_tests::Skipped>) {
    let root = repo_root()
        .join("target/protocol-compliance")
        .join(crate_name);
    let _ = fs::remove_dir_all(&root);
    let output =
        smithy_codegen::run(models, service).unwrap_or_else(|e| panic!("{crate_name}: {e}"));
    let mut files = write::crate_files(&output.code).unwrap_or_else(|e| panic!("{e}"));
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml(crate_name, "0.1.0", &output.code),
    );
    let tests =
        protocol_tests::test_file(&output.plan, crate_name).unwrap_or_else(|e| panic!("{e}"));
    let source = write::format_tokens(tests.file).unwrap_or_else(|e| panic!("{e}"));
    files.insert(PathBuf::from("tests/protocol_tests.rs"), source);
    let crate_dir = root.join(crate_name);
    for (path, contents) in &files {
        write::write_if_changed(&crate_dir.join(path), contents).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{crate_name:?}]\n"),
    )
    .unwrap();
    fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    let run = generated_crates_cargo(
        &root,
        &["test", "--test", "protocol_tests", "--", "--test-threads=2"],
    )
    .output()
    .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let outcomes = parse_outcomes(&stdout);
    assert!(
        !outcomes.is_empty() || tests.tests.is_empty(),
        "no test ran for {crate_name}:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        outcomes.len(),
        tests.tests.len(),
        "every generated test ran:\n{stdout}"
    );
    (outcomes, tests.skipped)
}

/// `test NAME ... ok` / `... FAILED` lines of libtest's output.
fn parse_outcomes(stdout: &str) -> BTreeMap<String, Outcome> {
    stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("test ")?;
            let (name, result) = rest.rsplit_once(" ... ")?;
            let outcome = match result.trim() {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                _ => return None,
            };
            Some((name.trim().to_owned(), outcome))
        })
        .collect()
}

#[test]
fn outcomes_are_read_from_libtest_output() {
    let outcomes = parse_outcomes(
        "running 2 tests\ntest a ... ok\ntest b_c ... FAILED\n\ntest result: FAILED.",
    );
    assert_eq!(outcomes.get("a"), Some(&Outcome::Passed));
    assert_eq!(outcomes.get("b_c"), Some(&Outcome::Failed));
}

fn features_model() -> PathBuf {
    repo_root().join("tests/models/features")
}

#[test]
fn the_feature_models_protocol_tests_all_pass() {
    let (outcomes, skipped) = run_suite(&[features_model()], None, "features-protocol");
    let failed: Vec<&String> = outcomes
        .iter()
        .filter(|(_, o)| **o == Outcome::Failed)
        .map(|(n, _)| n)
        .collect();
    assert!(failed.is_empty(), "failed: {failed:?}");
    // Five protocol cases, one with `vendorParams` (its endpoint from the resolver), one a
    // streaming body read sans I/O into a complete `ByteStream`, and the three
    // `endpointTests` cases.
    assert_eq!(outcomes.len(), 9, "{outcomes:?}");
    assert!(outcomes.contains_key("request_put_thing_endpoint_from_vendor_params"));
    assert!(outcomes.contains_key("response_download_streaming_body"));
    assert!(outcomes.contains_key("endpoint_case_2"));
    assert!(skipped.is_empty(), "{skipped:?}");
}

/// Cases of the restJson1 suite that are not passed yet, each with the reason. A case listed
/// here that passes fails the test, so the list only shrinks.
const REST_JSON_SKIPS: &[(&str, &str)] = &[];

/// Cases generation leaves out (operations without a wire layer), with the expected reason.
const REST_JSON_LEFT_OUT: &[(&str, &str)] = &[];

/// The models of one of Smithy's protocol test suites (`protocol-tests/<suite>`): the suite,
/// its shared types (beside it: the AWS suites share one file, Smithy's RPC v2 suites under
/// `smithy/` another) and the trait definitions it uses (the prelude is built in).
fn suite_models(suite: &str) -> Vec<PathBuf> {
    let shared = smithy_codegen_tests::shared_dir().join("smithy-tests");
    let folder = shared.join("protocol-tests").join(suite);
    let shared_types = match folder.parent() {
        Some(parent) => parent.join("shared-types.smithy"),
        None => shared.join("protocol-tests/shared-types.smithy"),
    };
    let mut models = vec![folder, shared_types];
    for definition in [
        "aws.api.smithy",
        "aws.auth.smithy",
        "aws.customizations.smithy",
        "aws.protocols.smithy",
        "smithy.framework.validation.smithy",
        "smithy.test.smithy",
        "smithy.protocols.rpcv2.smithy",
    ] {
        models.push(shared.join("definitions").join(definition));
    }
    models
}

/// One suite's expectations.
struct Suite {
    /// The protocol, for messages.
    protocol: &'static str,
    /// The folder under `protocol-tests/`.
    folder: &'static str,
    service: &'static str,
    crate_name: &'static str,
    /// Generated cases that fail, each with the reason; one that passes fails the run.
    skips: &'static [(&'static str, &'static str)],
    /// Cases generation leaves out, with (part of) the reason it gives.
    left_out: &'static [(&'static str, &'static str)],
    /// At least this many cases pass.
    at_least: usize,
}

/// Generates the suite's crate, runs its tests and checks every outcome against `suite`.
fn check_suite(suite: &Suite) {
    let (outcomes, skipped) = run_suite(
        &suite_models(suite.folder),
        Some(suite.service),
        suite.crate_name,
    );
    let mut problems = Vec::new();
    let (mut passed, mut expected_failures) = (0, 0);
    for (name, outcome) in &outcomes {
        let listed = suite.skips.iter().any(|(skip, _)| skip == name);
        match (outcome, listed) {
            (Outcome::Passed, false) => passed += 1,
            (Outcome::Failed, true) => expected_failures += 1,
            (Outcome::Failed, false) => problems.push(format!("{name} fails")),
            (Outcome::Passed, true) => problems.push(format!(
                "{name} passes but is listed as failing: take it off"
            )),
        }
    }
    for (skip, _) in suite.skips {
        if !outcomes.contains_key(*skip) {
            problems.push(format!(
                "the skips name {skip}, which is not a generated test"
            ));
        }
    }
    let left_out: Vec<(&str, &str)> = skipped
        .iter()
        .map(|s| (s.id.as_str(), s.reason.as_str()))
        .collect();
    for (id, reason) in &left_out {
        let expected = suite
            .left_out
            .iter()
            .any(|(e, op)| e == id && reason.contains(op));
        if !expected {
            problems.push(format!("{id} was left out unexpectedly: {reason}"));
        }
    }
    for (id, _) in suite.left_out {
        if !left_out.iter().any(|(l, _)| l == id) {
            problems.push(format!(
                "{id} is listed as left out but was generated: take it off"
            ));
        }
    }
    println!(
        "{} protocol tests: {} generated, {passed} passed, {expected_failures} known failures, {} left out",
        suite.protocol,
        outcomes.len(),
        left_out.len()
    );
    assert!(
        passed >= suite.at_least,
        "{}: only {passed} cases passed",
        suite.protocol
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rest_json1_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "restJson1",
        folder: "restJson1",
        service: "aws.protocoltests.restjson#RestJson",
        crate_name: "rest-json-protocol",
        skips: REST_JSON_SKIPS,
        left_out: REST_JSON_LEFT_OUT,
        at_least: 200,
    });
}

#[test]
fn the_aws_json1_0_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "awsJson1_0",
        folder: "awsJson1_0",
        service: "aws.protocoltests.json10#JsonRpc10",
        crate_name: "aws-json10-protocol",
        skips: &[],
        left_out: &[],
        at_least: 67,
    });
}

#[test]
fn the_aws_json1_1_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "awsJson1_1",
        folder: "awsJson1_1",
        service: "aws.protocoltests.json#JsonProtocol",
        crate_name: "aws-json11-protocol",
        skips: &[],
        left_out: &[],
        at_least: 118,
    });
}

#[test]
fn the_aws_json1_0_query_compatible_cases() {
    check_suite(&Suite {
        protocol: "awsJson1_0 (awsQueryCompatible)",
        folder: "awsJson1_0",
        service: "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
        crate_name: "aws-json10-query-compatible",
        skips: &[],
        left_out: &[],
        at_least: 3,
    });
}

#[test]
fn the_rpcv2_json_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "rpcv2Json",
        folder: "smithy/rpcv2Json",
        service: "smithy.protocoltests.rpcv2Json#RpcV2JsonProtocol",
        crate_name: "rpcv2-json-protocol",
        skips: &[],
        left_out: &[],
        at_least: 73,
    });
}

#[test]
fn the_rpcv2_cbor_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "rpcv2Cbor",
        folder: "smithy/rpcv2Cbor",
        service: "smithy.protocoltests.rpcv2Cbor#RpcV2Protocol",
        crate_name: "rpcv2-cbor-protocol",
        skips: &[],
        left_out: &[],
        at_least: 72,
    });
}

#[test]
fn the_rpcv2_cbor_query_compatible_cases() {
    check_suite(&Suite {
        protocol: "rpcv2Cbor (awsQueryCompatible)",
        folder: "rpcv2Cbor",
        service: "aws.protocoltests.rpcv2cbor#QueryCompatibleRpcV2Protocol",
        crate_name: "rpcv2-cbor-query-compatible",
        skips: &[],
        left_out: &[],
        at_least: 3,
    });
}

#[test]
fn the_rpcv2_cbor_non_query_compatible_case() {
    check_suite(&Suite {
        protocol: "rpcv2Cbor (not awsQueryCompatible)",
        folder: "rpcv2Cbor",
        service: "aws.protocoltests.rpcv2cbor#NonQueryCompatibleRpcV2Protocol",
        crate_name: "rpcv2-cbor-non-query-compatible",
        skips: &[],
        left_out: &[],
        at_least: 1,
    });
}

#[test]
fn the_rest_xml_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "restXml",
        folder: "restXml",
        service: "aws.protocoltests.restxml#RestXml",
        crate_name: "rest-xml-protocol",
        skips: &[],
        left_out: &[],
        at_least: 178,
    });
}

#[test]
fn the_rest_xml_with_namespace_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "restXml (service @xmlNamespace)",
        folder: "restXmlWithNamespace",
        service: "aws.protocoltests.restxml.xmlns#RestXmlWithNamespace",
        crate_name: "rest-xml-namespace-protocol",
        skips: &[],
        left_out: &[],
        at_least: 2,
    });
}

/// The S3 cases of the restXml suite (`services/s3.smithy`): S3's addressing (virtual host,
/// path style, dual stack, accelerate) from `vendorParams`, through the S3 customization's
/// addressing rule set (the test model carries none), and key escaping under those styles.
#[test]
fn the_rest_xml_s3_cases() {
    check_suite(&Suite {
        protocol: "restXml (S3)",
        folder: "restXml",
        service: "com.amazonaws.s3#AmazonS3",
        crate_name: "rest-xml-s3-protocol",
        skips: &[],
        left_out: &[],
        at_least: 13,
    });
}

#[test]
fn the_aws_query_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "awsQuery",
        folder: "awsQuery",
        service: "aws.protocoltests.query#AwsQuery",
        crate_name: "aws-query-protocol",
        skips: &[],
        left_out: &[],
        at_least: 77,
    });
}

#[test]
fn the_ec2_query_protocol_compliance_suite() {
    check_suite(&Suite {
        protocol: "ec2Query",
        folder: "ec2Query",
        service: "aws.protocoltests.ec2#AwsEc2",
        crate_name: "ec2-query-protocol",
        skips: &[],
        left_out: &[],
        at_least: 59,
    });
}

/// The AWS SDKs' service customizations the suites test (`services/`), keyed on the sdkId as
/// the SDKs key them (`generator/src/plan/customizations/`).
#[test]
fn the_rest_json1_api_gateway_customization() {
    check_suite(&Suite {
        protocol: "restJson1 (API Gateway)",
        folder: "restJson1",
        service: "com.amazonaws.apigateway#BackplaneControlService",
        crate_name: "rest-json-apigateway-protocol",
        skips: &[],
        left_out: &[],
        at_least: 1,
    });
}

#[test]
fn the_rest_json1_glacier_customization() {
    check_suite(&Suite {
        protocol: "restJson1 (Glacier)",
        folder: "restJson1",
        service: "com.amazonaws.glacier#Glacier",
        crate_name: "rest-json-glacier-protocol",
        skips: &[],
        left_out: &[],
        at_least: 4,
    });
}

#[test]
fn the_aws_json1_1_machine_learning_customization() {
    check_suite(&Suite {
        protocol: "awsJson1_1 (Machine Learning)",
        folder: "awsJson1_1",
        service: "com.amazonaws.machinelearning#AmazonML_20141212",
        crate_name: "aws-json11-machinelearning-protocol",
        skips: &[],
        left_out: &[],
        at_least: 1,
    });
}
