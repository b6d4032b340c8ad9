//! `smithy-codegen ast`: the printed JSON AST, `--flatten`, exit codes.
//!
//! Snapshots are in `tests/snapshots/`; update with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test -p smithy-codegen --test cli_ast`).

mod support;

use std::fs;
use std::path::PathBuf;

use serde_json::{json, Value};
use support::{expect, model, path_str, temp_dir, MODEL_ERROR, USAGE_ERROR};

/// Writes `files` (name, contents) into a fresh directory; returns their paths.
fn write_models(label: &str, files: &[(&str, &str)]) -> Vec<PathBuf> {
    let dir = temp_dir(label);
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::write(&path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            path
        })
        .collect()
}

/// `smithy-codegen ast [--flatten] --model <paths>`: the printed document, parsed.
fn ast(paths: &[PathBuf], flatten: bool) -> (String, Value) {
    let mut args = vec!["ast", "--model"];
    args.extend(paths.iter().map(|p| path_str(p)));
    if flatten {
        args.push("--flatten");
    }
    let (stdout, _) = expect(&args, 0);
    let value = serde_json::from_str(&stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON: {err}\n{stdout}"));
    (stdout, value)
}

/// Every object's keys sorted, at every depth (written here independently of the library).
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut keys: Vec<&String> = object.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|key| (key.clone(), canonical(&object[key])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

#[test]
fn ast_of_our_model_is_the_model_file_itself() {
    let path = model();
    let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{err}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
    let (stdout, printed) = ast(std::slice::from_ref(&path), false);
    assert_eq!(printed, canonical(&file));
    // Canonical as text too: sorted keys, 2-space indentation, one final newline.
    let expected = serde_json::to_string_pretty(&canonical(&file)).unwrap_or_default() + "\n";
    assert!(stdout == expected, "stdout is not the canonical text");
    // The model has no mixins: flattening changes nothing.
    let (flat, _) = ast(&[path], true);
    assert_eq!(flat, stdout);
}

/// A mixin structure (with a local trait), a structure using two mixins, an enum and an
/// operation with mixins, and a service.
const MIXINS: &str = r##"{
    "smithy": "2.0",
    "metadata": {"owner": {"team": "b", "area": "a"}},
    "shapes": {
        "ex#Weather": {
            "type": "service", "version": "2024-01-01",
            "operations": [{"target": "ex#GetCity"}]
        },
        "ex#GetCity": {
            "type": "operation", "mixins": [{"target": "ex#Audited"}],
            "input": {"target": "ex#City"}
        },
        "ex#Audited": {
            "type": "operation", "errors": [{"target": "ex#Denied"}],
            "traits": {"smithy.api#mixin": {}}
        },
        "ex#Denied": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
        "ex#Identified": {
            "type": "structure",
            "members": {"id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}},
            "traits": {"smithy.api#mixin": {}, "smithy.api#documentation": "Has an ID."}
        },
        "ex#Internal": {
            "type": "structure",
            "members": {"secret": {"target": "smithy.api#String"}},
            "traits": {
                "smithy.api#mixin": {"localTraits": ["smithy.api#internal"]},
                "smithy.api#internal": {},
                "smithy.api#sensitive": {}
            }
        },
        "ex#City": {
            "type": "structure", "mixins": [{"target": "ex#Identified"}, {"target": "ex#Internal"}],
            "members": {"name": {"target": "smithy.api#String"}},
            "traits": {"smithy.api#input": {}}
        },
        "ex#BaseColor": {
            "type": "enum", "members": {"RED": {}}, "traits": {"smithy.api#mixin": {}}
        },
        "ex#Color": {
            "type": "enum", "mixins": [{"target": "ex#BaseColor"}], "members": {"BLUE": {}}
        }
    }
}"##;

/// Applied from another file: to a member `ex#City` inherits, one it declares, and a shape.
const APPLY: &str = r##"{
    "smithy": "2.0",
    "shapes": {
        "ex#City$id": {"type": "apply", "traits": {"smithy.api#documentation": "The city ID."}},
        "ex#City$name": {"type": "apply", "traits": {"smithy.api#length": {"min": 1}}},
        "ex#Color": {"type": "apply", "traits": {"smithy.api#documentation": "A color."}}
    }
}"##;

fn mixin_models(label: &str) -> Vec<PathBuf> {
    write_models(label, &[("mixins.json", MIXINS), ("apply.json", APPLY)])
}

#[test]
fn mixins_stay_without_flatten_and_apply_is_merged() {
    let (_, printed) = ast(&mixin_models("merged"), false);
    let shapes = &printed["shapes"];
    assert_eq!(
        shapes["ex#City"],
        json!({
            "type": "structure",
            "mixins": [{"target": "ex#Identified"}, {"target": "ex#Internal"}],
            "members": {"name": {"target": "smithy.api#String", "traits": {"smithy.api#length": {"min": 1}}}},
            "traits": {"smithy.api#input": {}}
        })
    );
    // An inherited member's applied traits stay an `apply` entry, as Smithy prints them.
    assert_eq!(
        shapes["ex#City$id"],
        json!({"type": "apply", "traits": {"smithy.api#documentation": "The city ID."}})
    );
    assert_eq!(
        shapes["ex#Color"],
        json!({
            "type": "enum", "mixins": [{"target": "ex#BaseColor"}],
            "members": {"BLUE": {"target": "smithy.api#Unit"}},
            "traits": {"smithy.api#documentation": "A color."}
        })
    );
    for mixin in ["ex#Identified", "ex#Internal", "ex#BaseColor", "ex#Audited"] {
        assert!(shapes.get(mixin).is_some(), "{mixin} is missing");
    }
    assert_eq!(
        printed["metadata"],
        json!({"owner": {"area": "a", "team": "b"}})
    );
}

#[test]
fn flatten_merges_mixins_into_their_users_and_drops_them() {
    let (_, printed) = ast(&mixin_models("flat"), true);
    let shapes = printed["shapes"]
        .as_object()
        .unwrap_or_else(|| panic!("no shapes: {printed}"));
    let ids: Vec<&str> = shapes.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "ex#City",
            "ex#Color",
            "ex#Denied",
            "ex#GetCity",
            "ex#Weather"
        ]
    );
    assert_eq!(
        shapes["ex#City"],
        json!({
            "type": "structure",
            "members": {
                "id": {"target": "smithy.api#String", "traits": {
                    "smithy.api#documentation": "The city ID.", "smithy.api#required": {}}},
                "name": {"target": "smithy.api#String", "traits": {"smithy.api#length": {"min": 1}}},
                "secret": {"target": "smithy.api#String"}
            },
            "traits": {
                "smithy.api#documentation": "Has an ID.",
                "smithy.api#input": {},
                "smithy.api#sensitive": {}
            }
        })
    );
    assert_eq!(
        shapes["ex#GetCity"],
        json!({
            "type": "operation",
            "input": {"target": "ex#City"},
            "output": {"target": "smithy.api#Unit"},
            "errors": [{"target": "ex#Denied"}]
        })
    );
    assert_eq!(
        shapes["ex#Color"]["members"],
        json!({"BLUE": {"target": "smithy.api#Unit"}, "RED": {"target": "smithy.api#Unit"}})
    );
}

#[test]
fn printed_ast_snapshots() {
    let models = mixin_models("snapshot");
    let (merged, _) = ast(&models, false);
    insta::assert_snapshot!("ast_mixins", merged);
    let (flat, _) = ast(&models, true);
    insta::assert_snapshot!("ast_mixins_flattened", flat);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["ast"][..],
        &["ast", "--flatten"],
        &["ast", "--model"],
        &["ast", "--model", "m.json", "--out", "x"],
        &["ast", "--model", "m.json", "--bogus"],
    ] {
        let (stdout, stderr) = expect(args, USAGE_ERROR);
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("usage: smithy-codegen"), "{stderr}");
    }
}

#[test]
fn broken_models_exit_1_and_print_nothing() {
    let paths = write_models(
        "broken",
        &[
            ("syntax.json", "{\"smithy\": \"2.0\",\n  \"shapes\": {,}}"),
            (
                "cycle.json",
                r#"{"smithy": "2.0", "shapes": {
                    "ex#A": {"type": "structure", "members": {}, "mixins": [{"target": "ex#A"}],
                             "traits": {"smithy.api#mixin": {}}}
                }}"#,
            ),
            (
                "apply.json",
                r#"{"smithy": "2.0", "shapes": {
                    "ex#Nowhere": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
                }}"#,
            ),
        ],
    );
    let cases = [
        (&paths[0], "syntax.json:2:14"),
        (&paths[1], "mixin cycle"),
        (&paths[2], "ex#Nowhere"),
    ];
    for (path, needle) in cases {
        for flatten in [false, true] {
            let mut args = vec!["ast", "--model", path_str(path)];
            if flatten {
                args.push("--flatten");
            }
            let (stdout, stderr) = expect(&args, MODEL_ERROR);
            assert!(stdout.is_empty(), "{stdout}");
            assert!(stderr.contains(needle), "{needle}: {stderr}");
        }
    }
    let missing = temp_dir("missing").join("absent.json");
    let (_, stderr) = expect(&["ast", "--model", path_str(&missing)], MODEL_ERROR);
    assert!(stderr.contains("absent.json"), "{stderr}");
}
