//! The command line pages every `@paginated` operation of the official model: its operation table
//! gets a `Pagination` for each, with the service's `@paginated` values merged in (smithy.io,
//! "paginated trait") and the JSON names the wire uses, computed here from the model's JSON
//! independently of the generator.

use serde_json::Value;
use smithy_codegen_tests::shared_dir;

/// A member's JSON name: `@jsonName`, else its name.
fn json_name(model: &Value, structure: &str, member: &str) -> (String, String) {
    let m = &model["shapes"][structure]["members"][member];
    assert!(m.is_object(), "{structure}${member} is not in the model");
    let name = m["traits"]["smithy.api#jsonName"]
        .as_str()
        .unwrap_or(member)
        .to_owned();
    (name, m["target"].as_str().unwrap_or_default().to_owned())
}

fn wire_path(model: &Value, mut structure: String, path: &str) -> String {
    let mut names = Vec::new();
    for part in path.split('.') {
        let (name, target) = json_name(model, &structure, part);
        names.push(name);
        structure = target;
    }
    names.join(".")
}

#[test]
fn every_paginated_operation_of_the_official_model_pages() {
    let path = shared_dir().join("models/socialmessaging-2024-01-01.json");
    let model: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let service = shapes
        .values()
        .find(|s| s["type"] == "service")
        .expect("a service");
    let defaults = &service["traits"]["smithy.api#paginated"];
    let mut expected = Vec::new();
    for shape in shapes.values().filter(|s| s["type"] == "operation") {
        let Some(own) = shape["traits"].get("smithy.api#paginated") else {
            continue;
        };
        let value = |key: &str| {
            own.get(key)
                .or_else(|| defaults.get(key))
                .and_then(Value::as_str)
        };
        let input = shape["input"]["target"].as_str().unwrap().to_owned();
        let output = shape["output"]["target"].as_str().unwrap().to_owned();
        let page_size = match value("pageSize") {
            Some(member) => format!("Some(\"{}\")", json_name(&model, &input, member).0),
            None => "None".to_owned(),
        };
        expected.push(format!(
            "Pagination{{input_token:\"{}\",output_token:\"{}\",items:\"{}\",page_size:::std::option::Option::{page_size},}}",
            json_name(&model, &input, value("inputToken").unwrap()).0,
            wire_path(&model, output.clone(), value("outputToken").unwrap()),
            wire_path(&model, output, value("items").unwrap()),
        ));
    }
    assert!(
        expected.len() >= 3,
        "the official model pages several operations"
    );

    let output = smithy_codegen::run(&[&path], None).unwrap_or_else(|e| panic!("{e}"));
    let table = smithy_codegen::emit::cli::cli_file(&output.plan, "library")
        .to_string()
        .replace(' ', "");
    for pagination in &expected {
        assert!(table.contains(pagination), "missing {pagination}");
    }
    assert_eq!(
        table.matches("::smithy_cli_runtime::Pagination{").count(),
        expected.len(),
        "only paginated operations page"
    );
}
