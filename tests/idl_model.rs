//! The Smithy IDL reader against the JSON AST loader.
//!
//! `tests/models/idl/socialmessaging.smithy` is `model/socialmessaging.json` written by hand in
//! the IDL: both must print the same canonical JSON AST and generate byte-identical crates.
//! The other files in `tests/models/idl/` are small IDL models whose printed JSON AST is
//! snapshotted (`tests/snapshots/idl_model__*.snap`), so a change in how the reader reads
//! mixins, `apply`, inline operation input and output, target elision, text blocks,
//! defaults or enums shows up as a small diff.
//!
//! Update with `cargo insta review` (or `INSTA_UPDATE=always cargo test -p
//! smithy-codegen-tests --test idl_model`), then read every changed snapshot.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use smithy_codegen::{ast, write};
use smithy_codegen_tests::{model_dir, repo_root};

/// The folder of the IDL test models.
fn idl_dir() -> PathBuf {
    repo_root().join("tests/models/idl")
}

fn json_model() -> PathBuf {
    model_dir().join("socialmessaging.json")
}

fn idl_model() -> PathBuf {
    idl_dir().join("socialmessaging.smithy")
}

/// The canonical JSON AST of `paths`; a load or print error fails the test with every
/// diagnostic.
fn printed(paths: &[&Path], flatten: bool) -> Value {
    ast::load_to_json(paths, flatten).unwrap_or_else(|err| panic!("{paths:?}:\n{err}"))
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|err| panic!("{err}"))
}

/// The shapes (and other top-level keys) whose printed form differs, for a readable failure.
fn differences(left: &Value, right: &Value) -> Vec<String> {
    let empty = serde_json::Map::new();
    let left_shapes = left["shapes"].as_object().unwrap_or(&empty);
    let right_shapes = right["shapes"].as_object().unwrap_or(&empty);
    let mut ids: Vec<&String> = left_shapes.keys().chain(right_shapes.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut found: Vec<String> = ids
        .into_iter()
        .filter(|id| left_shapes.get(*id) != right_shapes.get(*id))
        .map(|id| {
            let show = |v: Option<&Value>| v.map_or_else(|| "(absent)".to_owned(), pretty);
            format!(
                "{id}\n  IDL:  {}\n  JSON: {}",
                show(left_shapes.get(id)),
                show(right_shapes.get(id))
            )
        })
        .collect();
    for key in ["smithy", "metadata"] {
        if left.get(key) != right.get(key) {
            found.push(format!("top-level `{key}` differs"));
        }
    }
    found
}

#[test]
fn idl_and_json_models_print_the_same_ast() {
    for flatten in [false, true] {
        let from_idl = printed(&[idl_model().as_path()], flatten);
        let from_json = printed(&[json_model().as_path()], flatten);
        let diff = differences(&from_idl, &from_json);
        assert!(
            diff.is_empty(),
            "flatten = {flatten}: the IDL and JSON models differ:\n{}",
            diff.join("\n")
        );
        assert_eq!(from_idl, from_json, "flatten = {flatten}");
        // The canonical form is canonical as text too.
        assert_eq!(pretty(&from_idl), pretty(&from_json), "flatten = {flatten}");
    }
}

/// The crate generated from `model`: every file `write::crate_files` returns plus
/// `Cargo.toml`, by path.
fn generated_crate(model: &Path) -> (smithy_codegen::Output, BTreeMap<PathBuf, String>) {
    let output = smithy_codegen::run(&[model], None)
        .unwrap_or_else(|err| panic!("{}:\n{err}", model.display()));
    let mut files =
        write::crate_files(&output.code).unwrap_or_else(|err| panic!("{}: {err}", model.display()));
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml("socialmessaging", "0.1.0", &output.code),
    );
    (output, files)
}

#[test]
fn idl_and_json_models_generate_identical_crates() {
    let (idl_output, idl_files) = generated_crate(&idl_model());
    let (json_output, json_files) = generated_crate(&json_model());

    assert_eq!(idl_output.service_name, json_output.service_name);
    assert_eq!(idl_output.service_version, json_output.service_version);
    let warnings = |output: &smithy_codegen::Output| -> Vec<String> {
        output.warnings.iter().map(|w| w.message.clone()).collect()
    };
    assert_eq!(warnings(&idl_output), warnings(&json_output));

    let idl_paths: Vec<&PathBuf> = idl_files.keys().collect();
    let json_paths: Vec<&PathBuf> = json_files.keys().collect();
    assert_eq!(idl_paths, json_paths, "the generated file sets differ");
    assert!(
        json_files.len() > 5,
        "too few generated files: {json_paths:?}"
    );
    for (path, json_text) in &json_files {
        let idl_text = &idl_files[path];
        if idl_text != json_text {
            let line = idl_text
                .lines()
                .zip(json_text.lines())
                .position(|(a, b)| a != b)
                .map_or_else(
                    || "(one is a prefix of the other)".to_owned(),
                    |i| {
                        format!(
                            "line {}:\n  IDL:  {}\n  JSON: {}",
                            i + 1,
                            idl_text.lines().nth(i).unwrap_or_default(),
                            json_text.lines().nth(i).unwrap_or_default()
                        )
                    },
                );
            panic!("{} differs, first at {line}", path.display());
        }
    }
}

/// The pretty JSON AST of one IDL test model, as the snapshots hold it.
fn snapshot_text(file: &str, flatten: bool) -> String {
    let path = idl_dir().join(file);
    let mut text = pretty(&printed(&[path.as_path()], flatten));
    text.push('\n');
    text
}

#[test]
fn snapshot_mixins_and_apply() {
    insta::assert_snapshot!(
        "mixins_and_apply",
        snapshot_text("mixins_and_apply.smithy", false)
    );
    insta::assert_snapshot!(
        "mixins_and_apply_flattened",
        snapshot_text("mixins_and_apply.smithy", true)
    );
}

#[test]
fn snapshot_operations() {
    insta::assert_snapshot!("operations", snapshot_text("operations.smithy", false));
}

#[test]
fn snapshot_text_blocks_defaults() {
    insta::assert_snapshot!(
        "text_blocks_defaults",
        snapshot_text("text_blocks_defaults.smithy", false)
    );
}

/// The IDL grammar allows `for` on inline input and output (`InlineAggregateShape = ":="
/// [WS] TraitStatements [ForResource] [Mixins] [WS] ShapeMembers`), so `$id` can take its
/// target from the resource. The reader does not accept it yet.
#[test]
fn inline_structure_for_resource() {
    let text = "$version: \"2.0\"\nnamespace ex\n\
                resource Book {\n    identifiers: { id: BookId }\n    read: GetBook\n}\n\
                string BookId\n\
                @readonly\noperation GetBook {\n    input := for Book {\n        @required\n        $id\n    }\n}\n";
    let model = smithy_codegen::idl::parse_str(text, Path::new("inline_for.smithy"))
        .unwrap_or_else(|err| panic!("{err}"));
    let printed = ast::to_json(&model, false).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        printed["shapes"]["ex#GetBookInput"]["members"]["id"]["target"],
        "ex#BookId"
    );
}
