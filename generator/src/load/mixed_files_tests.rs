//! JSON AST and IDL files loaded together from directories.

use std::fs;
use std::path::PathBuf;

use serde_json::json;

use super::load_paths;
use crate::model::{Member, Model, ShapeId};

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap_or_else(|err| panic!("{err}"))
}

fn member<'m>(model: &'m Model, text: &str) -> &'m Member {
    let member_id = id(text);
    let name = member_id.member().unwrap_or_default().to_owned();
    model
        .shape(&member_id.root())
        .unwrap_or_else(|| panic!("no shape {text}"))
        .kind
        .members()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {text}"))
}

/// A unique empty directory for one test.
fn test_dir(label: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("smithy-codegen-idl-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    dir
}

#[test]
fn directories_of_json_and_idl_files_load_together() {
    let dir = test_dir("load");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|err| panic!("{err}"));
        }
        fs::write(&path, text).unwrap_or_else(|err| panic!("{err}"));
    };
    write(
        "a.json",
        r#"{"smithy": "2.0", "metadata": {"m": [1]}, "shapes": {"ex#FromJson": {"type": "string"}}}"#,
    );
    write(
        "b/c.smithy",
        "$version: \"2\"\nmetadata m = [2]\nnamespace ex\nstructure S { j: FromJson, d: D }\n",
    );
    write(
        "b/d.smithy",
        "$version: \"2\"\nmetadata m = [3]\nnamespace ex\n@ref(S)\ninteger D\n@trait\nstring ref\n",
    );
    let loaded = load_paths(&[&dir]).unwrap_or_else(|diags| panic!("{diags}"));
    assert_eq!(loaded.files.len(), 3);
    assert_eq!(loaded.model.metadata.get("m"), Some(&json!([1, 2, 3])));
    assert_eq!(member(&loaded.model, "ex#S$j").target, id("ex#FromJson"));
    assert_eq!(member(&loaded.model, "ex#S$d").target, id("ex#D"));
    assert_eq!(
        loaded.model.sources.get(&id("ex#D")),
        Some(&dir.join("b/d.smithy"))
    );

    write(
        "b/e.smithy",
        "namespace ex\nstring FromJson\nstring Bad (\n",
    );
    let text = match load_paths(&[&dir]) {
        Ok(_) => panic!("expected errors"),
        Err(diags) => diags.to_string(),
    };
    assert!(
        text.contains("e.smithy:3:12: expected a line break, found `(`"),
        "{text}"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// Smithy's trait conflict rules hold whichever files and forms apply a trait: the shape's
/// own traits, `apply` in IDL, `apply` in JSON, across files. Lists concatenate, equal
/// values are kept once, anything else is an error naming the shape and the trait.
#[test]
fn a_trait_applied_in_several_files_merges_by_the_conflict_rules() {
    let dir = test_dir("conflicts");
    let write = |name: &str, text: &str| {
        fs::write(dir.join(name), text).unwrap_or_else(|err| panic!("{err}"));
    };
    write(
        "a.json",
        r#"{"smithy": "2.0", "shapes": {
            "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#tags": ["a"], "smithy.api#documentation": "d"}},
            "ex#S$m": {"type": "apply", "traits": {"smithy.api#tags": ["m1"]}}
        }}"#,
    );
    write(
        "b.smithy",
        "$version: \"2\"\nnamespace ex\napply S @tags([\"b\"])\napply S {\n    @tags([\"c\"])\n    @documentation(\"d\")\n}\napply S$m @tags([\"m2\"])\n",
    );
    write(
        "c.json",
        r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "apply", "traits": {"smithy.api#tags": ["d"]}}}}"#,
    );
    let loaded = load_paths(&[&dir]).unwrap_or_else(|diags| panic!("{diags}"));
    let merged =
        crate::resolve::merge(&loaded.model, false).unwrap_or_else(|diags| panic!("{diags}"));
    let shape = &merged.shapes[&id("ex#S")];
    assert_eq!(
        shape.traits.get("smithy.api#tags"),
        Some(&json!(["a", "b", "c", "d"]))
    );
    assert_eq!(shape.traits.documentation(), Some("d"));
    assert_eq!(
        shape.kind.members()[0].traits.get("smithy.api#tags"),
        Some(&json!(["m1", "m2"]))
    );

    write(
        "d.smithy",
        "$version: \"2\"\nnamespace ex\napply S @documentation(\"other\")\n",
    );
    let loaded = load_paths(&[&dir]).unwrap_or_else(|diags| panic!("{diags}"));
    let text = match crate::resolve::merge(&loaded.model, false) {
        Ok(_) => panic!("expected a conflict"),
        Err(diags) => diags.to_string(),
    };
    assert!(
        text.contains("trait `smithy.api#documentation` is applied to `ex#S` twice"),
        "{text}"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// As in Smithy's loader, a JSON file without a top-level `smithy` key (a rule set, a
/// partition table, any data file beside the models) is not a model: it is skipped with a
/// warning. A JSON file that does not parse is still an error.
#[test]
fn json_files_that_are_not_models_are_skipped() {
    let dir = test_dir("not-models");
    let write = |name: &str, text: &str| {
        fs::write(dir.join(name), text).unwrap_or_else(|err| panic!("{err}"));
    };
    // An unknown property of a model is a warning too, reaching `Loaded::warnings`.
    write(
        "model.json",
        r#"{"smithy": "2.0", "shapes": {"ex#A": {"type": "string", "members": {}}}}"#,
    );
    write(
        "rules.json",
        r#"{"version": "1.0", "parameters": {}, "rules": []}"#,
    );
    write("list.json", "[1, 2]");
    let loaded = load_paths(&[&dir]).unwrap_or_else(|diags| panic!("{diags}"));
    assert_eq!(loaded.model.shapes.len(), 1);
    assert_eq!(loaded.files.len(), 3);
    let warned: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warned.len(), 3, "{warned:?}");
    assert!(
        warned
            .iter()
            .any(|w| w.contains("model.json") && w.contains("ex#A: property `members`")),
        "{warned:?}"
    );
    assert!(
        warned
            .iter()
            .any(|w| w.contains("rules.json") && w.contains("not a Smithy model")),
        "{warned:?}"
    );

    write("broken.json", "{\"smithy\": ");
    let text = match load_paths(&[&dir]) {
        Ok(_) => panic!("expected an error"),
        Err(diags) => diags.to_string(),
    };
    assert!(text.contains("broken.json"), "{text}");
    let _ = fs::remove_dir_all(&dir);
}
