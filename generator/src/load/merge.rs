//! Merging the models of several files into one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Model;

/// Accumulates file models; conflicts become errors naming both files.
#[derive(Default)]
pub(super) struct Merger {
    model: Model,
    /// The first file that set each metadata key, for conflict messages.
    metadata_files: BTreeMap<String, PathBuf>,
    diags: Diagnostics,
}

impl Merger {
    pub fn add(&mut self, part: Model, path: &Path) {
        for (id, shape) in part.shapes {
            match self.model.shapes.get(&id) {
                // The same definition in two files (e.g. a shared file copied) is harmless.
                Some(existing) if *existing == shape => {}
                Some(_) => {
                    let first = self.model.sources.get(&id).map(|p| p.display().to_string());
                    let first = first.unwrap_or_else(|| "an earlier file".to_owned());
                    let message = format!(
                        "shape `{id}` is defined differently in {first} and {}",
                        path.display()
                    );
                    let location = Location::Shape {
                        id,
                        file: Some(path.to_path_buf()),
                    };
                    self.diags.push(Diagnostic::error(location, message));
                }
                None => {
                    self.model.sources.insert(id.clone(), path.to_path_buf());
                    self.model.shapes.insert(id, shape);
                }
            }
        }
        for (key, value) in part.metadata {
            self.add_metadata(key, value, path);
        }
        self.model.applied.extend(part.applied);
    }

    /// Smithy's rule: arrays concatenate, identical values are fine, anything else conflicts.
    fn add_metadata(&mut self, key: String, value: Value, path: &Path) {
        let Some(existing) = self.model.metadata.get_mut(&key) else {
            self.metadata_files.insert(key.clone(), path.to_path_buf());
            self.model.metadata.insert(key, value);
            return;
        };
        match (existing, value) {
            (Value::Array(existing), Value::Array(more)) => existing.extend(more),
            (existing, value) if *existing == value => {}
            _ => {
                let first = self
                    .metadata_files
                    .get(&key)
                    .map(|p| p.display().to_string());
                let first = first.unwrap_or_else(|| "an earlier file".to_owned());
                let message = format!("metadata key `{key}` conflicts with the value in {first}");
                let location = Location::File {
                    path: path.to_path_buf(),
                    line: None,
                    column: None,
                };
                self.diags.push(Diagnostic::error(location, message));
            }
        }
    }

    pub fn finish(self) -> (Model, Diagnostics) {
        (self.model, self.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;
    use serde_json::json;

    fn file(path: &str, text: &str) -> Model {
        load_str(text, Path::new(path)).unwrap_or_else(|diags| panic!("{diags}"))
    }

    #[test]
    fn identical_shapes_merge_and_different_ones_conflict() {
        let a = r#"{"smithy": "2.0", "shapes": {"ns#A": {"type": "string"}, "ns#B": {"type": "blob"}}}"#;
        let b = r#"{"smithy": "2.0", "shapes": {"ns#A": {"type": "string"}, "ns#B": {"type": "long"}}}"#;
        let mut merger = Merger::default();
        merger.add(file("a.json", a), Path::new("a.json"));
        merger.add(file("b.json", b), Path::new("b.json"));
        let (model, diags) = merger.finish();
        assert_eq!(model.shapes.len(), 2);
        let text = diags.to_string();
        assert_eq!(diags.0.len(), 1, "{text}");
        assert!(
            text.contains("`ns#B` is defined differently in a.json and b.json"),
            "{text}"
        );
    }

    #[test]
    fn metadata_merges_by_smithy_rules() {
        let a = r#"{"smithy": "2.0", "metadata": {"list": [1], "same": "x", "clash": 1}}"#;
        let b = r#"{"smithy": "2.0", "metadata": {"list": [2], "same": "x", "clash": 2}}"#;
        let mut merger = Merger::default();
        merger.add(file("a.json", a), Path::new("a.json"));
        merger.add(file("b.json", b), Path::new("b.json"));
        let (model, diags) = merger.finish();
        assert_eq!(model.metadata.get("list"), Some(&json!([1, 2])));
        assert_eq!(model.metadata.get("same"), Some(&json!("x")));
        let text = diags.to_string();
        assert!(text.contains("b.json: metadata key `clash` conflicts with the value in a.json"));
        assert_eq!(diags.0.len(), 1, "{text}");
    }
}
