//! Stage 1: reads Smithy JSON AST files (and IDL files, through [`crate::idl`]) into one
//! typed [`Model`].
//!
//! Every problem of every file is collected and reported together; nothing here panics on
//! malformed input. Smithy 1.0 documents are brought to 2.0 form on the way in: `set` stays
//! [`ShapeKind::Set`](crate::model::ShapeKind::Set), string shapes with the `enum` trait become
//! enum shapes, and members targeting prelude primitives get their zero `default` (both in
//! `upgrade`, which the IDL reader uses too). A `.json` file without a top-level
//! `smithy` key is not a model: skipped with a warning, as Smithy's loader skips it.
//!
//! Dependencies go one way: this module calls [`crate::idl`]; the IDL reader never calls
//! back.

mod context;
mod document;
mod files;
mod json;
mod members;
mod merge;
mod refs;
mod service_shapes;
mod shapes;
mod traits;
mod version;

#[cfg(test)]
mod exact_numbers_tests;
#[cfg(test)]
mod idl_conformance_tests;
#[cfg(test)]
mod mixed_files_tests;
#[cfg(test)]
mod shared_models_tests;

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Model;

/// Files read plus the merged model.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub model: Model,
    pub files: Vec<PathBuf>,
    /// What was read but is not an error, as Smithy's own loader reads it with a warning:
    /// JSON files that are not Smithy models (no top-level `smithy` key) are skipped,
    /// unknown service and resource properties in IDL files ignored.
    pub warnings: Vec<Diagnostic>,
}

/// The model files `paths` name (directories read recursively, sorted), without loading
/// them; errors for paths that are neither model files nor readable directories.
pub fn model_files<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let files = files::collect_model_files(paths, &mut diags);
    diags.into_result(files)
}

/// Loads every path: a `.json` (JSON AST) or `.smithy` (IDL) file, or a directory read
/// recursively for both (sorted, deterministic). Merges them into one Model, in file order.
/// The IDL files are read together, after the JSON files, so that their relative shape IDs
/// resolve against every file (see [`crate::idl::parse_files`]). All errors from all files
/// are reported together.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::new();
    let files = files::collect_model_files(paths, &mut diags);
    if files.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::error(
            Location::Model,
            "no model files were given",
        ));
    }
    // Each file's model in file order; `None` for an IDL file, read below.
    let mut parts: Vec<(&PathBuf, Option<Model>)> = Vec::new();
    let mut idl_texts: Vec<(&Path, String)> = Vec::new();
    let mut warnings = Vec::new();
    for file in &files {
        let text = match fs::read_to_string(file) {
            Ok(text) => text,
            Err(err) => {
                let location = Location::File {
                    path: file.clone(),
                    line: None,
                    column: None,
                };
                diags.push(Diagnostic::error(location, format!("cannot read: {err}")));
                continue;
            }
        };
        if crate::idl::is_idl_file(file) {
            idl_texts.push((file, text));
            parts.push((file, None));
            continue;
        }
        match document::parse_file_document(&text, file) {
            Ok(Some((model, file_warnings))) => {
                parts.push((file, Some(model)));
                warnings.extend(file_warnings);
            }
            Ok(None) => {
                let location = Location::File {
                    path: file.clone(),
                    line: None,
                    column: None,
                };
                let message = "not a Smithy model (no top-level `smithy` key): skipped";
                warnings.push(Diagnostic::warning(location, message));
            }
            Err(file_diags) => diags.extend(file_diags),
        }
    }
    let mut idl_models = Vec::new().into_iter();
    if !idl_texts.is_empty() {
        let json: Vec<&Model> = parts.iter().filter_map(|(_, m)| m.as_ref()).collect();
        let texts: Vec<(&Path, &str)> = idl_texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        match crate::idl::parse_files(&texts, &json) {
            Ok(read) => {
                idl_models = read.models.into_iter();
                warnings.extend(read.warnings);
            }
            Err(idl_diags) => diags.extend(idl_diags),
        }
    }
    let mut merger = merge::Merger::default();
    for (file, model) in parts {
        if let Some(model) = model.or_else(|| idl_models.next()) {
            merger.add(model, file);
        }
    }
    let (mut model, merge_diags) = merger.finish();
    diags.extend(merge_diags);
    inherit_collection_members(&mut model);
    diags.into_result(Loaded {
        model,
        files,
        warnings,
    })
}

/// Lists and maps with mixins that left out `member` / `key` / `value` take the target of
/// the first mixin (through chains of mixins) that has one. Whatever is still unresolved keeps
/// targeting `Unit`, which the resolve stage reports.
pub(crate) fn inherit_collection_members(model: &mut Model) {
    let placeholder = members::unit();
    // Bounded by the number of shapes: each round resolves at least one link of a chain.
    for _ in 0..model.shapes.len().max(1) {
        let mut updates = Vec::new();
        for (id, shape) in &model.shapes {
            for member in shape.kind.members() {
                if member.target != placeholder || shape.mixins.is_empty() {
                    continue;
                }
                let inherited = shape.mixins.iter().find_map(|mixin| {
                    let mixin = model.shapes.get(mixin)?;
                    let m = mixin
                        .kind
                        .members()
                        .into_iter()
                        .find(|m| m.name == member.name)?;
                    (m.target != placeholder).then(|| m.target.clone())
                });
                if let Some(target) = inherited {
                    updates.push((id.clone(), member.name.clone(), target));
                }
            }
        }
        if updates.is_empty() {
            break;
        }
        for (id, name, target) in updates {
            if let Some(shape) = model.shapes.get_mut(&id) {
                for member in shape.kind.members_mut() {
                    if member.name == name {
                        member.target = target.clone();
                    }
                }
            }
        }
    }
}

/// Parses one JSON AST document (path used only in messages); its warnings (unknown
/// properties, which Smithy ignores too) are dropped.
pub fn load_str(text: &str, path: &Path) -> Result<Model, Diagnostics> {
    document::parse_document(text, path).map(|(model, _)| model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ShapeId, ShapeKind, SimpleType};

    const EVERY_TYPE: &str = r##"{
        "smithy": "2.0",
        "metadata": {"suppressions": []},
        "shapes": {
            "ex#Blob": {"type": "blob"},
            "ex#Boolean": {"type": "boolean"},
            "ex#String": {"type": "string"},
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
                "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
                "B": {}
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
            "ex#Service": {"type": "service", "version": "1", "operations": [{"target": "ex#Operation"}]},
            "ex#Operation": {"type": "operation", "input": {"target": "ex#Structure"}},
            "ex#Resource": {"type": "resource", "identifiers": {"id": {"target": "ex#String"}}},
            "ex#Structure$a": {"type": "apply", "traits": {"smithy.api#documentation": "A."}}
        }
    }"##;

    fn id(name: &str) -> ShapeId {
        ShapeId::new("ex", name)
    }

    fn load_errors(text: &str) -> String {
        match load_str(text, Path::new("model.json")) {
            Ok(model) => panic!("expected errors, got {model:?}"),
            Err(diags) => diags.to_string(),
        }
    }

    #[test]
    fn every_shape_type_loads_to_its_kind() {
        let model =
            load_str(EVERY_TYPE, Path::new("every.json")).unwrap_or_else(|diags| panic!("{diags}"));
        assert_eq!(model.shapes.len(), 23);
        for shape in model.shapes.values() {
            // Each test shape is named after its type.
            let expected = shape.id.name().to_lowercase();
            assert_eq!(shape.kind.type_name().to_lowercase(), expected);
        }
        let kind = |name: &str| model.shape(&id(name)).map(|s| s.kind.clone());
        assert_eq!(
            kind("Timestamp"),
            Some(ShapeKind::Simple(SimpleType::Timestamp))
        );
        let Some(ShapeKind::Structure(members)) = kind("Structure") else {
            panic!("not a structure");
        };
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        let Some(ShapeKind::Map { key, value }) = kind("Map") else {
            panic!("not a map");
        };
        assert_eq!((key.target, value.target), (id("String"), id("Long")));
        let Some(ShapeKind::Enum(members)) = kind("Enum") else {
            panic!("not an enum");
        };
        assert!(members
            .iter()
            .all(|m| m.target == ShapeId::new("smithy.api", "Unit")));
        assert_eq!(model.applied.len(), 1);
        assert_eq!(
            model
                .applied
                .first()
                .map(|(id, _)| id.to_string())
                .as_deref(),
            Some("ex#Structure$a")
        );
        assert!(model.metadata.contains_key("suppressions"));
    }

    #[test]
    fn two_errors_in_one_model_are_both_reported() {
        let text = load_errors(
            r#"{"smithy": "2.0", "shapes": {
                "ex#A": {"type": "strin"},
                "ex#B": {"type": "list", "member": {"target": "not an id"}},
                "ex#C": {"type": "string", "traits": []}
            }}"#,
        );
        assert!(text.contains("ex#A: unknown shape type `strin`"), "{text}");
        assert!(
            text.contains("ex#B$member: `target`: invalid shape ID `not an id`"),
            "{text}"
        );
        assert!(text.contains("ex#C: `traits` must be an object"), "{text}");
        assert!(text.ends_with("3 errors"), "{text}");
    }

    #[test]
    fn invalid_json_reports_line_and_column() {
        let text = load_errors("{\"smithy\": \"2.0\",\n\"shapes\": {,}}");
        assert!(text.contains("model.json:2:12"), "{text}");
    }

    #[test]
    fn directory_load_reads_nested_files_in_order() {
        let dir = files::test_dir("load-paths");
        let nested = dir.join("nested");
        fs::create_dir_all(&nested).unwrap_or_else(|err| panic!("{err}"));
        let write = |path: PathBuf, text: &str| {
            fs::write(&path, text).unwrap_or_else(|err| panic!("{err}"));
        };
        write(
            nested.join("b.json"),
            r#"{"smithy": "2", "metadata": {"m": [2]}, "shapes": {"ex#B": {"type": "blob"}}}"#,
        );
        write(
            dir.join("a.json"),
            r#"{"smithy": "2.0", "metadata": {"m": [1]}, "shapes": {"ex#A": {"type": "string"}}}"#,
        );
        write(dir.join("readme.md"), "not a model");
        let loaded = load_paths(&[&dir]).unwrap_or_else(|diags| panic!("{diags}"));
        assert_eq!(
            loaded.files,
            vec![dir.join("a.json"), nested.join("b.json")]
        );
        assert_eq!(
            loaded.model.metadata.get("m"),
            Some(&serde_json::json!([1, 2]))
        );
        assert_eq!(
            loaded.model.sources.get(&id("B")),
            Some(&nested.join("b.json"))
        );

        // A conflicting redefinition plus a broken file: both reported.
        write(
            nested.join("c.json"),
            r#"{"smithy": "2.0", "shapes": {"ex#A": {"type": "blob"}}}"#,
        );
        write(nested.join("d.json"), r#"{"smithy": "9"}"#);
        let text = match load_paths(&[&dir]) {
            Ok(_) => panic!("expected errors"),
            Err(diags) => diags.to_string(),
        };
        assert!(text.contains("`ex#A` is defined differently in"), "{text}");
        assert!(text.contains("a.json") && text.contains("c.json"), "{text}");
        assert!(
            text.contains("d.json: unsupported Smithy version `9`"),
            "{text}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn no_paths_is_an_error() {
        let paths: [&Path; 0] = [];
        assert!(load_paths(&paths).is_err());
    }
}
