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
