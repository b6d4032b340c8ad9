//! One JSON AST document: `smithy`, `metadata` and `shapes`.

use std::path::Path;

use serde_json::{Map, Value};

use super::context::{kind_of, Ctx};
use super::json::NumberIndex;
use super::shapes::{parse_apply, parse_shape, type_name};
use super::version::{parse_version, SmithyVersion};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Model, ShapeId, ShapeKind};

/// Parses `text` into a model whose shapes all name `path` as their source, with the
/// warnings it gave.
pub(super) fn parse_document(text: &str, path: &Path) -> Result<Read, Diagnostics> {
    let (value, numbers) =
        super::json::parse_indexed(text).map_err(|err| json_error(&err, path))?;
    from_value(&value, numbers, path)
}

/// A model read from a document, and what Smithy's loader would warn of in it.
pub(super) type Read = (Model, Vec<Diagnostic>);

/// A JSON file found among the model files: `None` when it is not a Smithy model (not an
/// object with a top-level `smithy` key), which Smithy's loader skips too.
pub(super) fn parse_file_document(text: &str, path: &Path) -> Result<Option<Read>, Diagnostics> {
    let (value, numbers) =
        super::json::parse_indexed(text).map_err(|err| json_error(&err, path))?;
    if value.get("smithy").is_none() {
        return Ok(None);
    }
    from_value(&value, numbers, path).map(Some)
}

fn from_value(value: &Value, numbers: NumberIndex, path: &Path) -> Result<Read, Diagnostics> {
    let mut ctx = Ctx::new(path);
    ctx.numbers = numbers;
    let mut model = Model::default();
    let Some(document) = value.as_object() else {
        let message = format!(
            "the document must be a JSON object, found {}",
            kind_of(value)
        );
        ctx.file_error(message);
        return ctx.finish(model);
    };
    for key in document.keys() {
        if !["smithy", "metadata", "shapes"].contains(&key.as_str()) {
            ctx.file_warning(format!("unexpected top-level property `{key}`: ignored"));
        }
    }
    // A bad version is reported and the rest still checked, as 2.0.
    let version = parse_version(document.get("smithy")).unwrap_or_else(|message| {
        ctx.file_error(message);
        SmithyVersion::V2
    });
    read_metadata(&mut ctx, document, &mut model);
    match document.get("shapes") {
        None => {}
        Some(Value::Object(shapes)) => read_shapes(&mut ctx, shapes, version, &mut model),
        Some(other) => {
            ctx.file_error(format!(
                "`shapes` must be an object, found {}",
                kind_of(other)
            ));
        }
    }
    ctx.finish(model)
}

/// serde_json's message without its trailing position, which the location already gives.
fn json_error(err: &serde_json::Error, path: &Path) -> Diagnostics {
    let mut message = err.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let location = Location::File {
        path: path.to_path_buf(),
        line: Some(err.line()),
        column: Some(err.column()),
    };
    Diagnostics(vec![Diagnostic::error(
        location,
        format!("invalid JSON: {message}"),
    )])
}

fn read_metadata(ctx: &mut Ctx<'_>, document: &Map<String, Value>, model: &mut Model) {
    match document.get("metadata") {
        None => {}
        Some(Value::Object(metadata)) => {
            for (key, value) in metadata {
                model.metadata.insert(key.clone(), value.clone());
            }
        }
        Some(other) => {
            ctx.file_error(format!(
                "`metadata` must be an object, found {}",
                kind_of(other)
            ));
        }
    }
}

fn read_shapes(
    ctx: &mut Ctx<'_>,
    shapes: &Map<String, Value>,
    version: SmithyVersion,
    model: &mut Model,
) {
    for (key, value) in shapes {
        let id = match ShapeId::parse(key) {
            Ok(id) => id,
            Err(err) => {
                ctx.file_error(format!("shape key: {err}"));
                continue;
            }
        };
        let Some(definition) = ctx.object(value, &id, "a shape definition") else {
            continue;
        };
        let Some(type_name) = type_name(ctx, &id, definition) else {
            continue;
        };
        if type_name == "apply" {
            let traits = parse_apply(ctx, &id, definition);
            model.applied.push((id, traits));
            continue;
        }
        if id.member().is_some() {
            let message = "a shape key must not have a member part (only `apply` entries may)";
            ctx.shape_error(&id, message);
            continue;
        }
        let Some(mut shape) = parse_shape(ctx, &id, definition, type_name) else {
            continue;
        };
        let v1 = version == SmithyVersion::V1;
        if v1 && matches!(&shape.kind, ShapeKind::Resource(r) if !r.properties.is_empty()) {
            let message = "resource `properties` can only be used with Smithy 2.0 or later, \
                           but this document is 1.0";
            ctx.shape_error(&id, message);
        }
        ctx.diags
            .extend(crate::upgrade::normalize_shape(&mut shape, v1, ctx.path));
        model.sources.insert(id.clone(), ctx.path.to_path_buf());
        model.shapes.insert(id, shape);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traits::ids;

    fn errors(text: &str) -> String {
        match parse_document(text, Path::new("m.json")) {
            Ok(model) => panic!("expected errors, got {model:?}"),
            Err(diags) => diags.to_string(),
        }
    }

    fn model(text: &str) -> Model {
        read(text).0
    }

    fn read(text: &str) -> Read {
        parse_document(text, Path::new("m.json")).unwrap_or_else(|diags| panic!("{diags}"))
    }

    #[test]
    fn unknown_properties_anywhere_are_warnings() {
        // Smithy's AST loader warns of them and ignores them (the property lists are closed).
        let (model, warnings) = read(
            r#"{"smithy": "2.0", "extra": 1, "shapes": {
                "ns#S": {"type": "string", "members": {"x": {"target": "ns#S"}}},
                "ns#T": {"type": "structure", "members": {"m": {"target": "ns#S", "doc": "x"}}},
                "ns#L": {"type": "list", "member": {"target": "ns#S"}, "value": {"target": "ns#S"}},
                "ns#O": {"type": "operation", "input": {"target": "ns#T", "x": 1}},
                "ns#A": {"type": "apply", "traits": {}, "target": "ns#S"}
            }}"#,
        );
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 6, "{text:#?}");
        for needle in [
            "`extra`",
            "`members`",
            "`doc`",
            "`value`",
            "`x`",
            "`target`",
        ] {
            assert!(
                text.iter().any(|w| w.contains(needle)),
                "{needle}: {text:#?}"
            );
        }
        assert!(
            text.iter().all(|w| w.starts_with("warning: m.json")),
            "{text:#?}"
        );
        assert!(matches!(
            model.shapes[&ShapeId::new("ns", "S")].kind,
            ShapeKind::Simple(_)
        ));
    }

    #[test]
    fn bad_json_has_line_and_column() {
        let text = errors("{\n  \"smithy\": \"2.0\",\n  oops\n}");
        assert!(
            text.contains("m.json:3:3: invalid JSON: key must be a string"),
            "{text}"
        );
        assert!(errors("").contains("m.json:1:0"));
    }

    #[test]
    fn document_shape_errors() {
        assert!(errors("[]").contains("must be a JSON object, found an array"));
        let text = errors(r#"{"smithy": "2.0", "shapes": [], "metadata": 1}"#);
        assert!(text.contains("`shapes` must be an object"), "{text}");
        assert!(text.contains("`metadata` must be an object"), "{text}");
    }

    #[test]
    fn version_errors_name_file_and_value() {
        let text = errors(r#"{"smithy": "3.0"}"#);
        assert!(
            text.contains("m.json: unsupported Smithy version `3.0`"),
            "{text}"
        );
        assert!(errors("{}").contains("m.json: missing the `smithy` version"));
    }

    #[test]
    fn shape_key_errors() {
        let text = errors(
            r#"{"smithy": "2.0", "shapes": {
                "NoNamespace": {"type": "string"},
                "ns#S$m": {"type": "string"},
                "ns#T": 5
            }}"#,
        );
        assert!(
            text.contains("shape key: invalid shape ID `NoNamespace`"),
            "{text}"
        );
        assert!(
            text.contains("ns#S$m: a shape key must not have a member part"),
            "{text}"
        );
        assert!(
            text.contains("ns#T: a shape definition must be an object"),
            "{text}"
        );
    }

    #[test]
    fn apply_goes_to_applied_in_order() {
        let model = model(
            r#"{"smithy": "2.0", "metadata": {"k": [1]}, "shapes": {
                "ns#S$m": {"type": "apply", "traits": {"smithy.api#required": {}}},
                "ns#S": {"type": "apply", "traits": {"smithy.api#documentation": "d"}}
            }}"#,
        );
        let ids: Vec<_> = model.applied.iter().map(|(id, _)| id.to_string()).collect();
        assert_eq!(ids, ["ns#S$m", "ns#S"]);
        assert!(model.shapes.is_empty());
        assert_eq!(model.metadata.get("k"), Some(&serde_json::json!([1])));
    }

    #[test]
    fn v1_models_get_defaults_and_enum_conversion() {
        let model = model(
            r#"{"smithy": "1.0", "shapes": {
                "ns#S": {"type": "structure", "members": {
                    "n": {"target": "smithy.api#PrimitiveInteger"}}},
                "ns#E": {"type": "string", "traits": {"smithy.api#enum": [{"value": "a"}]}},
                "ns#Tags": {"type": "set", "member": {"target": "smithy.api#String"}}
            }}"#,
        );
        let member_default = model.shape(&ShapeId::new("ns", "S")).and_then(|s| {
            s.kind
                .members()
                .first()
                .map(|m| m.traits.get(ids::DEFAULT).cloned())
        });
        assert_eq!(member_default, Some(Some(serde_json::json!(0))));
        let enum_kind = model
            .shape(&ShapeId::new("ns", "E"))
            .map(|s| s.kind.type_name());
        assert_eq!(enum_kind, Some("enum"));
        let set_kind = model
            .shape(&ShapeId::new("ns", "Tags"))
            .map(|s| s.kind.type_name());
        assert_eq!(set_kind, Some("set"));
    }

    #[test]
    fn resource_properties_need_smithy_2() {
        let document = |version: &str| {
            format!(
                r#"{{"smithy": "{version}", "shapes": {{"ns#Book": {{"type": "resource",
                    "properties": {{"title": {{"target": "smithy.api#String"}}}}}}}}}}"#
            )
        };
        let text = errors(&document("1.0"));
        assert!(
            text.contains("ns#Book: resource `properties` can only be used with Smithy 2.0"),
            "{text}"
        );
        model(&document("2.0"));
    }

    #[test]
    fn v2_models_get_no_primitive_defaults() {
        let model = model(
            r#"{"smithy": "2.0", "shapes": {"ns#S": {"type": "structure", "members": {
                "n": {"target": "smithy.api#PrimitiveInteger"}}}}}"#,
        );
        let has_default = model
            .shape(&ShapeId::new("ns", "S"))
            .is_some_and(|s| s.kind.members().iter().any(|m| m.traits.has(ids::DEFAULT)));
        assert!(!has_default);
        assert_eq!(
            model.sources.get(&ShapeId::new("ns", "S")),
            Some(&Path::new("m.json").to_path_buf())
        );
    }
}
