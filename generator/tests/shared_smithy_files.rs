//! Every IDL and JSON model file of Smithy's own test material (`../shared/smithy-tests/`,
//! see its README) loads, except the cases that exist to be refused (`idl-invalid/`):
//! - each file on its own reads (syntax, node values, trait conflicts within the file); the
//!   JSON files of `endpoint-rules/` are not models but rule sets and the partition table,
//!   JSON with comments, and read as node values;
//! - each group of files that Smithy's tests load together (a protocol's folder with the
//!   shared types, one rule set, one `idl-valid` case with `__shared.json`), with the trait
//!   definitions of `definitions/`, merges: `apply` finds its targets, mixins flatten and
//!   every shape reference names a shape.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use smithy_codegen::ast;
use support::{files_under, smithy_tests};

fn is_model(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "smithy" || ext == "json")
}

/// The trait definitions, without Smithy's prelude (ours is built in).
fn definitions(root: &Path) -> Vec<PathBuf> {
    files_under(&root.join("definitions"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "prelude.smithy"))
        .collect()
}

/// The JSON documents of the rules engine (rule sets, the partition table), not models.
fn is_rules_document(relative: &Path) -> bool {
    relative.starts_with("endpoint-rules") && relative.extension().is_some_and(|e| e == "json")
}

fn failures(groups: Vec<(String, Vec<PathBuf>)>) -> Vec<String> {
    let mut failed = Vec::new();
    for (name, paths) in groups {
        if let Err(diags) = ast::load_to_json(&paths, true) {
            failed.push(format!("{name}:\n{diags}"));
        }
    }
    failed
}

/// A rule set has `version`, `parameters` and `rules`; the partition table `partitions`.
fn rules_document(text: &str, path: &Path) -> Result<(), String> {
    let value = smithy_codegen::idl::parse_node(text, path).map_err(|diags| diags.to_string())?;
    let has = |key: &str| value.get(key).is_some();
    if (has("version") && has("parameters") && has("rules")) || has("partitions") {
        Ok(())
    } else {
        Err(format!("neither a rule set nor a partition table: {value}"))
    }
}

#[test]
fn every_file_reads_on_its_own() {
    let root = smithy_tests();
    let mut groups = Vec::new();
    for file in files_under(&root) {
        let relative = file.strip_prefix(&root).unwrap_or(&file).to_path_buf();
        if !is_model(&file) || relative.starts_with("idl-invalid") {
            continue;
        }
        groups.push((relative, file));
    }
    assert!(groups.len() > 300, "only {} files found", groups.len());
    // On its own a file may name shapes of other files; reading is what is checked here.
    let failed: Vec<String> = groups
        .into_iter()
        .filter_map(|(relative, path)| {
            let name = relative.display().to_string();
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let result = if is_rules_document(&relative) {
                rules_document(&text, &path)
            } else if name.ends_with(".smithy") {
                smithy_codegen::idl::parse_str(&text, &path)
                    .map(drop)
                    .map_err(|d| d.to_string())
            } else {
                smithy_codegen::load::load_str(&text, &path)
                    .map(drop)
                    .map_err(|d| d.to_string())
            };
            result.err().map(|problem| format!("{name}:\n{problem}"))
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// Each protocol folder (services included) with the shared types of its suite.
fn protocol_groups(
    root: &Path,
    with_definitions: &dyn Fn(Vec<PathBuf>) -> Vec<PathBuf>,
) -> Vec<(String, Vec<PathBuf>)> {
    let protocols = root.join("protocol-tests");
    let suites = [
        ("awsJson1_0", "shared-types.smithy"),
        ("awsJson1_1", "shared-types.smithy"),
        ("awsQuery", "shared-types.smithy"),
        ("ec2Query", "shared-types.smithy"),
        ("restJson1", "shared-types.smithy"),
        ("restXml", "shared-types.smithy"),
        ("restXmlWithNamespace", "shared-types.smithy"),
        ("rpcv2Cbor", "shared-types.smithy"),
        ("smithy/rpcv2Cbor", "smithy/shared-types.smithy"),
        ("smithy/rpcv2Json", "smithy/shared-types.smithy"),
    ];
    suites
        .into_iter()
        .map(|(folder, shared)| {
            let mut paths = vec![protocols.join(folder), protocols.join(shared)];
            if protocols.join("aws-config.smithy").is_file() {
                paths.push(protocols.join("aws-config.smithy"));
            }
            (format!("protocol-tests/{folder}"), with_definitions(paths))
        })
        .collect()
}

/// Each rule set of the rules engine's cases on its own.
fn rule_set_groups(
    root: &Path,
    with_definitions: &dyn Fn(Vec<PathBuf>) -> Vec<PathBuf>,
) -> Vec<(String, Vec<PathBuf>)> {
    files_under(&root.join("endpoint-rules"))
        .into_iter()
        .filter(|file| {
            let relative = file.strip_prefix(root).unwrap_or(file);
            is_model(file) && !is_rules_document(relative)
        })
        .map(|file| {
            let name = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string();
            (name, with_definitions(vec![file]))
        })
        .collect()
}

#[test]
fn every_group_of_files_merges_with_the_definitions() {
    let root = smithy_tests();
    let definitions = definitions(&root);
    let with_definitions = |mut paths: Vec<PathBuf>| {
        paths.extend(definitions.iter().cloned());
        paths
    };
    let mut groups = Vec::new();

    groups.extend(protocol_groups(&root, &with_definitions));
    groups.extend(rule_set_groups(&root, &with_definitions));

    // Each valid IDL case with the shapes its cases share.
    let shared = root.join("idl-valid/__shared.json");
    for file in files_under(&root.join("idl-valid")) {
        if is_model(&file) && file != shared {
            let name = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            groups.push((name, vec![file, shared.clone()]));
        }
    }

    let failed = failures(groups);
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// Every service of those groups (protocol suites, AWS customisation services, rule sets)
/// generates: Smithy accepts them, so must we. Services of protocols without a wire layer
/// yet get their types; their protocol-test cases are for other protocols and none is
/// emitted.
#[test]
fn every_service_of_the_test_material_generates() {
    let root = smithy_tests();
    let definitions = definitions(&root);
    let with_definitions = |mut paths: Vec<PathBuf>| {
        paths.extend(definitions.iter().cloned());
        paths
    };
    let mut groups = protocol_groups(&root, &with_definitions);
    groups.extend(rule_set_groups(&root, &with_definitions));
    let mut generated = 0;
    let mut failed = Vec::new();
    for (name, paths) in groups {
        let loaded = smithy_codegen::load::load_paths(&paths)
            .unwrap_or_else(|diags| panic!("{name}:\n{diags}"));
        let services: Vec<String> = loaded
            .model
            .shapes
            .iter()
            .filter(|(_, shape)| matches!(shape.kind, smithy_codegen::model::ShapeKind::Service(_)))
            .map(|(id, _)| id.to_string())
            .collect();
        for service in services {
            match smithy_codegen::run(&paths, Some(&service)) {
                Ok(output) => {
                    generated += 1;
                    let tests = smithy_codegen::emit::protocol_tests::test_file(
                        &output.plan,
                        "crate_under_test",
                    );
                    if let Err(err) = tests {
                        failed.push(format!("{name} {service}: protocol tests: {err}"));
                    }
                }
                Err(err) => failed.push(format!("{name} {service}:\n{err}")),
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    // Twelve protocol-test services and one per rule set at the time of writing.
    assert!(generated >= 30, "only {generated} services generated");
}
