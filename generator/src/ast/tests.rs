use std::path::Path;

use serde_json::{json, Value};

use super::*;

fn model(document: Value) -> Model {
    load::load_str(&document.to_string(), Path::new("test.json"))
        .unwrap_or_else(|diags| panic!("{diags}"))
}

fn print(document: Value, flatten: bool) -> Value {
    to_json(&model(document), flatten).unwrap_or_else(|diags| panic!("{diags}"))
}

fn errors(document: Value, flatten: bool) -> String {
    match to_json(&model(document), flatten) {
        Ok(value) => panic!("expected errors, got {value:#}"),
        Err(diags) => diags.to_string(),
    }
}

/// Every object key, depth first, in document order.
fn keys_in_order(value: &Value, path: &str, out: &mut Vec<(String, Vec<String>)>) {
    match value {
        Value::Object(object) => {
            out.push((path.to_owned(), object.keys().cloned().collect()));
            for (key, value) in object {
                keys_in_order(value, &format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                keys_in_order(item, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn every_shape_type() -> Value {
    serde_json::from_str(EVERY_SHAPE_TYPE).unwrap_or_else(|e| panic!("{e}"))
}

const EVERY_SHAPE_TYPE: &str = r##"{
    "smithy": "2.0",
    "metadata": {"zeta": {"b": 1, "a": [{"y": 1, "x": 2}]}, "alpha": true},
    "shapes": {
        "ex#Blob": {"type": "blob"},
        "ex#Boolean": {"type": "boolean"},
        "ex#String": {"type": "string", "traits": {"smithy.api#pattern": "^a$", "smithy.api#documentation": "S."}},
        "ex#Byte": {"type": "byte"},
        "ex#Short": {"type": "short"},
        "ex#Integer": {"type": "integer"},
        "ex#Long": {"type": "long"},
        "ex#Float": {"type": "float"},
        "ex#Double": {"type": "double"},
        "ex#BigInteger": {"type": "bigInteger"},
        "ex#BigDecimal": {"type": "bigDecimal"},
        "ex#Timestamp": {"type": "timestamp"},
        "ex#Document": {"type": "document"},
        "ex#Enum": {"type": "enum", "members": {
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}},
            "A": {}
        }},
        "ex#IntEnum": {"type": "intEnum", "members": {
            "ONE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}
        }},
        "ex#List": {"type": "list", "member": {"target": "ex#String"}},
        "ex#Set": {"type": "set", "member": {"target": "ex#String"}},
        "ex#Map": {"type": "map", "key": {"target": "ex#String"}, "value": {"target": "ex#Long"}},
        "ex#Structure": {"type": "structure", "members": {
            "b": {"target": "ex#Blob"},
            "a": {"target": "ex#String", "traits": {"smithy.api#required": {}}}
        }},
        "ex#Union": {"type": "union", "members": {"s": {"target": "ex#String"}}},
        "ex#Error": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
        "ex#Error2": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}},
        "ex#Service": {
            "type": "service", "version": "2024-01-01",
            "operations": [{"target": "ex#Operation"}, {"target": "ex#Bare"}],
            "resources": [{"target": "ex#Resource"}],
            "errors": [{"target": "ex#Error2"}, {"target": "ex#Error"}],
            "rename": {"other#Widget": "OtherWidget"}
        },
        "ex#Operation": {"type": "operation", "input": {"target": "ex#Structure"},
            "output": {"target": "ex#Structure"},
            "errors": [{"target": "ex#Error2"}, {"target": "ex#Error"}]},
        "ex#Bare": {"type": "operation"},
        "ex#Resource": {
            "type": "resource",
            "identifiers": {"id": {"target": "ex#String"}},
            "properties": {"name": {"target": "ex#String"}},
            "create": {"target": "ex#Bare"}, "put": {"target": "ex#Bare"},
            "read": {"target": "ex#Bare"}, "update": {"target": "ex#Bare"},
            "delete": {"target": "ex#Bare"}, "list": {"target": "ex#Bare"},
            "operations": [{"target": "ex#Operation"}],
            "collectionOperations": [{"target": "ex#Operation"}],
            "resources": [{"target": "ex#Child"}]
        },
        "ex#Child": {"type": "resource"}
    }
}"##;

#[test]
fn every_shape_type_prints_with_its_properties() {
    let printed = print(every_shape_type(), false);
    let shapes = &printed["shapes"];
    assert_eq!(printed["smithy"], json!("2.0"));
    assert_eq!(shapes.as_object().map(|s| s.len()), Some(27));
    for simple in [
        "Blob",
        "Boolean",
        "Byte",
        "Short",
        "Integer",
        "Long",
        "Float",
        "Double",
        "BigInteger",
        "BigDecimal",
        "Timestamp",
        "Document",
    ] {
        let type_name = shapes[format!("ex#{simple}")]["type"]
            .as_str()
            .map(str::to_owned);
        let expected = format!("{}{}", simple[..1].to_lowercase(), &simple[1..]);
        assert_eq!(type_name, Some(expected));
    }
    assert_eq!(
        shapes["ex#String"],
        json!({"type": "string", "traits": {
            "smithy.api#documentation": "S.", "smithy.api#pattern": "^a$"
        }})
    );
    assert_eq!(
        shapes["ex#Enum"],
        json!({"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit"},
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}}
        }})
    );
    assert_eq!(shapes["ex#IntEnum"]["type"], json!("intEnum"));
    assert_eq!(
        shapes["ex#List"],
        json!({"type": "list", "member": {"target": "ex#String"}})
    );
    assert_eq!(
        shapes["ex#Set"],
        json!({"type": "set", "member": {"target": "ex#String"}})
    );
    assert_eq!(
        shapes["ex#Map"],
        json!({"type": "map", "key": {"target": "ex#String"}, "value": {"target": "ex#Long"}})
    );
    assert_eq!(
        shapes["ex#Structure"],
        json!({"type": "structure", "members": {
            "a": {"target": "ex#String", "traits": {"smithy.api#required": {}}},
            "b": {"target": "ex#Blob"}
        }})
    );
    assert_eq!(
        shapes["ex#Union"],
        json!({"type": "union", "members": {"s": {"target": "ex#String"}}})
    );
    assert_eq!(
        shapes["ex#Error"],
        json!({"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}})
    );
    assert_eq!(
        shapes["ex#Service"],
        json!({
            "type": "service", "version": "2024-01-01",
            "operations": [{"target": "ex#Bare"}, {"target": "ex#Operation"}],
            "resources": [{"target": "ex#Resource"}],
            "errors": [{"target": "ex#Error"}, {"target": "ex#Error2"}],
            "rename": {"other#Widget": "OtherWidget"}
        })
    );
    assert_eq!(
        shapes["ex#Operation"],
        json!({
            "type": "operation",
            "input": {"target": "ex#Structure"}, "output": {"target": "ex#Structure"},
            "errors": [{"target": "ex#Error"}, {"target": "ex#Error2"}]
        })
    );
    assert_eq!(
        shapes["ex#Bare"],
        json!({"type": "operation",
            "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}})
    );
    let bare = json!({"target": "ex#Bare"});
    assert_eq!(
        shapes["ex#Resource"],
        json!({
            "type": "resource",
            "identifiers": {"id": {"target": "ex#String"}},
            "properties": {"name": {"target": "ex#String"}},
            "create": bare, "put": bare, "read": bare, "update": bare, "delete": bare, "list": bare,
            "operations": [{"target": "ex#Operation"}],
            "collectionOperations": [{"target": "ex#Operation"}],
            "resources": [{"target": "ex#Child"}]
        })
    );
    assert_eq!(shapes["ex#Child"], json!({"type": "resource"}));
    assert_eq!(
        printed["metadata"],
        json!({"alpha": true, "zeta": {"a": [{"x": 2, "y": 1}], "b": 1}})
    );
}

#[test]
fn output_is_canonical_and_loads_back_to_the_same_document() {
    let printed = print(every_shape_type(), false);
    let mut keys = Vec::new();
    keys_in_order(&printed, "", &mut keys);
    for (path, keys) in &keys {
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, &sorted, "keys of {path} are not sorted");
    }
    let shape_ids = keys
        .iter()
        .find(|(path, _)| path == "/shapes")
        .map(|(_, keys)| keys.as_slice())
        .unwrap_or_default();
    assert_eq!(
        shape_ids[..3],
        ["ex#Bare", "ex#BigDecimal", "ex#BigInteger"]
    );

    // Printing the printed document again changes nothing, as text.
    let again = print(printed.clone(), false);
    assert_eq!(
        serde_json::to_string_pretty(&again).ok(),
        serde_json::to_string_pretty(&printed).ok()
    );
    // The input order of keys does not matter.
    assert_eq!(
        sort_keys(json!({"b": {"d": 1, "c": [ {"f": 1, "e": 2} ]}, "a": 0})).to_string(),
        r#"{"a":0,"b":{"c":[{"e":2,"f":1}],"d":1}}"#
    );
}

#[test]
fn prelude_shapes_are_not_printed_and_empty_metadata_is_left_out() {
    let printed = print(
        json!({"smithy": "2.0", "shapes": {
            "smithy.api#String": {"type": "string"},
            "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}}}
        }}),
        false,
    );
    assert_eq!(
        printed,
        json!({"smithy": "2.0", "shapes": {
            "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}}}
        }})
    );
}

#[test]
fn apply_is_merged_into_shapes_and_members() {
    let printed = print(
        json!({"smithy": "2.0", "shapes": {
            "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#tags": ["a"]}},
            "ex#S$m": {"type": "apply", "traits": {"smithy.api#required": {}}},
            "ex#L": {"type": "list", "member": {"target": "smithy.api#String"}},
            "ex#L$member": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
        }}),
        false,
    );
    let mut model = model(json!({"smithy": "2.0", "shapes": {
        "ex#S": {"type": "structure", "members": {}, "traits": {"smithy.api#tags": ["a"]}}
    }}));
    let tags = |t: &str| {
        let mut traits = crate::model::Traits::new();
        let id = crate::model::ShapeId::parse("smithy.api#tags").unwrap_or_else(|e| panic!("{e}"));
        traits.insert(id, json!([t]));
        traits
    };
    let target = crate::model::ShapeId::new("ex", "S");
    model.applied.push((target.clone(), tags("b")));
    model.applied.push((target, tags("c")));
    let tagged = to_json(&model, false).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        tagged["shapes"]["ex#S"]["traits"]["smithy.api#tags"],
        json!(["a", "b", "c"])
    );
    assert_eq!(
        printed["shapes"],
        json!({
            "ex#L": {"type": "list", "member": {"target": "smithy.api#String",
                "traits": {"smithy.api#sensitive": {}}}},
            "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String",
                "traits": {"smithy.api#required": {}}}}, "traits": {"smithy.api#tags": ["a"]}}
        })
    );
}

fn with_mixins() -> Value {
    json!({"smithy": "2.0", "shapes": {
        "ex#Base": {"type": "structure",
            "members": {"id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}},
            "traits": {"smithy.api#mixin": {}, "smithy.api#documentation": "Base."}},
        "ex#Extra": {"type": "structure",
            "members": {"extra": {"target": "smithy.api#Integer"}},
            "traits": {"smithy.api#mixin": {"localTraits": ["smithy.api#private"]},
                       "smithy.api#private": {}, "smithy.api#sensitive": {}}},
        "ex#User": {"type": "structure", "mixins": [{"target": "ex#Extra"}, {"target": "ex#Base"}],
            "members": {"name": {"target": "smithy.api#String"}}},
        "ex#User$id": {"type": "apply", "traits": {"smithy.api#documentation": "The ID."}},
        "ex#OpBase": {"type": "operation", "errors": [{"target": "ex#Oops"}],
            "traits": {"smithy.api#mixin": {}}},
        "ex#Op": {"type": "operation", "mixins": [{"target": "ex#OpBase"}],
            "input": {"target": "ex#User"}},
        "ex#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}}
    }})
}

#[test]
fn without_flatten_mixins_stay_and_inherited_member_applies_stay_apply() {
    let printed = print(with_mixins(), false);
    let shapes = &printed["shapes"];
    assert_eq!(
        shapes["ex#User"],
        json!({"type": "structure",
            "mixins": [{"target": "ex#Extra"}, {"target": "ex#Base"}],
            "members": {"name": {"target": "smithy.api#String"}}})
    );
    assert_eq!(
        shapes["ex#User$id"],
        json!({"type": "apply", "traits": {"smithy.api#documentation": "The ID."}})
    );
    assert!(shapes.get("ex#Base").is_some() && shapes.get("ex#OpBase").is_some());
    assert_eq!(shapes["ex#Op"]["mixins"], json!([{"target": "ex#OpBase"}]));
    assert!(shapes["ex#Op"].get("errors").is_none());
}

#[test]
fn flatten_copies_mixin_members_traits_and_properties_and_drops_mixins() {
    let printed = print(with_mixins(), true);
    let shapes = &printed["shapes"];
    let ids: Vec<&String> = shapes
        .as_object()
        .map(|s| s.keys().collect())
        .unwrap_or_default();
    assert_eq!(ids, ["ex#Oops", "ex#Op", "ex#User"]);
    assert_eq!(
        shapes["ex#User"],
        json!({"type": "structure",
            "members": {
                "extra": {"target": "smithy.api#Integer"},
                "id": {"target": "smithy.api#String", "traits": {
                    "smithy.api#documentation": "The ID.", "smithy.api#required": {}}},
                "name": {"target": "smithy.api#String"}
            },
            // `private` is a local trait of its mixin; `mixin` itself is never inherited.
            "traits": {"smithy.api#documentation": "Base.", "smithy.api#sensitive": {}}})
    );
    assert_eq!(
        shapes["ex#Op"],
        json!({"type": "operation", "input": {"target": "ex#User"},
            "output": {"target": "smithy.api#Unit"}, "errors": [{"target": "ex#Oops"}]})
    );
}

#[test]
fn bad_applies_and_mixins_are_errors_with_or_without_flatten() {
    for flatten in [false, true] {
        let text = errors(
            json!({"smithy": "2.0", "shapes": {
                "ex#S": {"type": "structure", "members": {}},
                "ex#Nope$m": {"type": "apply", "traits": {"smithy.api#sensitive": {}}},
                "ex#S$absent": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
            }}),
            flatten,
        );
        assert!(
            text.contains("ex#Nope$m") && text.contains("ex#S$absent"),
            "{text}"
        );

        let text = errors(
            json!({"smithy": "2.0", "shapes": {
                "ex#A": {"type": "structure", "members": {}, "mixins": [{"target": "ex#B"}],
                         "traits": {"smithy.api#mixin": {}}},
                "ex#B": {"type": "structure", "members": {}, "mixins": [{"target": "ex#A"}],
                         "traits": {"smithy.api#mixin": {}}},
                "ex#User": {"type": "structure", "members": {}, "mixins": [{"target": "ex#Gone"}]},
                "ex#Inherits": {"type": "structure", "members": {}, "mixins": [{"target": "ex#M"}]},
                "ex#Inherits$nothing": {"type": "apply", "traits": {"smithy.api#sensitive": {}}},
                "ex#M": {"type": "structure", "members": {}, "traits": {"smithy.api#mixin": {}}}
            }}),
            flatten,
        );
        for needle in ["mixin cycle", "ex#Gone", "ex#Inherits$nothing"] {
            assert!(text.contains(needle), "flatten {flatten}: {needle}: {text}");
        }
    }
}

#[test]
fn references_are_checked() {
    let text = errors(
        json!({"smithy": "2.0", "shapes": {
            "ex#S": {"type": "structure", "members": {"m": {"target": "ex#Missing"}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#L"}},
            "ex#L": {"type": "list", "member": {"target": "smithy.api#String"}}
        }}),
        false,
    );
    assert!(
        text.contains("ex#S$m") && text.contains("ex#Missing"),
        "{text}"
    );
    assert!(
        text.contains("ex#Op") && text.contains("a structure is required"),
        "{text}"
    );
}

#[test]
fn load_to_json_reads_files_and_reports_load_errors() {
    let dir = std::env::temp_dir().join(format!("smithy-codegen-ast-unit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let good = dir.join("good.json");
    let bad = dir.join("bad.json");
    std::fs::write(
        &good,
        r#"{"smithy": "2.0", "shapes": {"ex#A": {"type": "string"}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &bad,
        "{\"smithy\": \"2.0\",\n \"shapes\": {\"ex#B\": {\"type\": \"strin\"}}}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let printed = load_to_json(&[&good], false).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        printed,
        json!({"smithy": "2.0", "shapes": {"ex#A": {"type": "string"}}})
    );
    let text = load_to_json(&[&good, &bad], true)
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(text.contains("ex#B: unknown shape type `strin`"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
