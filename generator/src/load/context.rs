//! Per-file state while reading one document: the path for messages and the errors so far.

use std::path::Path;

use serde_json::{Map, Value};

use super::json::NumberIndex;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::ShapeId;

/// Collects every error of one file instead of stopping at the first.
pub(super) struct Ctx<'a> {
    pub path: &'a Path,
    pub diags: Diagnostics,
    /// The written text of the document's numbers that their values only approximate.
    pub numbers: NumberIndex,
}

impl<'a> Ctx<'a> {
    pub fn new(path: &'a Path) -> Self {
        Ctx {
            path,
            diags: Diagnostics::new(),
            numbers: NumberIndex::default(),
        }
    }

    pub fn file_error(&mut self, message: impl Into<String>) {
        let location = Location::File {
            path: self.path.to_path_buf(),
            line: None,
            column: None,
        };
        self.diags.push(Diagnostic::error(location, message));
    }

    pub fn shape_error(&mut self, id: &ShapeId, message: impl Into<String>) {
        let location = Location::Shape {
            id: id.clone(),
            file: Some(self.path.to_path_buf()),
        };
        self.diags.push(Diagnostic::error(location, message));
    }

    /// The value with the file's warnings, or every diagnostic when there is an error.
    pub fn finish<T>(self, value: T) -> Result<(T, Vec<Diagnostic>), Diagnostics> {
        if self.diags.has_errors() {
            return Err(self.diags);
        }
        Ok((value, self.diags.warnings().cloned().collect()))
    }

    /// Something Smithy's loader reads with a warning (an unknown property, ignored).
    pub fn file_warning(&mut self, message: impl Into<String>) {
        let location = Location::File {
            path: self.path.to_path_buf(),
            line: None,
            column: None,
        };
        self.diags.push(Diagnostic::warning(location, message));
    }

    /// A warning about shape `id` (see [`Ctx::file_warning`]).
    pub fn shape_warning(&mut self, id: &ShapeId, message: impl Into<String>) {
        let location = Location::Shape {
            id: id.clone(),
            file: Some(self.path.to_path_buf()),
        };
        self.diags.push(Diagnostic::warning(location, message));
    }

    /// Parses a reference to a shape (no member part) found in `what` of `owner`.
    pub fn parse_id(&mut self, text: &str, owner: &ShapeId, what: &str) -> Option<ShapeId> {
        match ShapeId::parse(text) {
            Ok(id) if id.member().is_some() => {
                let message = format!("{what}: `{text}` must name a shape, not a member");
                self.shape_error(owner, message);
                None
            }
            Ok(id) => Some(id),
            Err(err) => {
                self.shape_error(owner, format!("{what}: {err}"));
                None
            }
        }
    }

    /// The value as an object, or an error saying `what` should have been one.
    pub fn object<'v>(
        &mut self,
        value: &'v Value,
        owner: &ShapeId,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            let message = format!("{what} must be an object, found {}", kind_of(value));
            self.shape_error(owner, message);
        }
        object
    }

    /// The value as a string, or an error saying `what` should have been one.
    pub fn string<'v>(&mut self, value: &'v Value, owner: &ShapeId, what: &str) -> Option<&'v str> {
        let text = value.as_str();
        if text.is_none() {
            let message = format!("{what} must be a string, found {}", kind_of(value));
            self.shape_error(owner, message);
        }
        text
    }

    /// Warns of every property of `object` not in `allowed`: the spec's property lists are
    /// closed, but Smithy's loader only warns of others and ignores them, so we do too.
    pub fn check_properties(
        &mut self,
        object: &Map<String, Value>,
        allowed: &[&str],
        owner: &ShapeId,
        what: &str,
    ) {
        for key in object.keys() {
            if !allowed.contains(&key.as_str()) {
                let message = format!("unexpected property `{key}` in {what}: ignored");
                self.shape_warning(owner, message);
            }
        }
    }
}

pub(super) use crate::diagnostics::kind_of;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn owner() -> ShapeId {
        ShapeId::new("ns", "S")
    }

    #[test]
    fn member_ids_are_rejected_as_references() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        assert!(ctx.parse_id("ns#T$m", &owner(), "target").is_none());
        assert!(ctx.parse_id("bad", &owner(), "target").is_none());
        assert_eq!(
            ctx.parse_id("ns#T", &owner(), "target"),
            Some(ShapeId::new("ns", "T"))
        );
        let text = ctx.diags.to_string();
        assert!(text.contains("a.json: ns#S: target: `ns#T$m`"), "{text}");
        assert!(text.contains("`bad`"), "{text}");
    }

    #[test]
    fn wrong_json_types_are_named() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        assert!(ctx.object(&json!([1]), &owner(), "`traits`").is_none());
        assert!(ctx.string(&json!(1), &owner(), "`version`").is_none());
        let text = ctx.diags.to_string();
        assert!(
            text.contains("`traits` must be an object, found an array"),
            "{text}"
        );
        assert!(
            text.contains("`version` must be a string, found a number"),
            "{text}"
        );
    }

    #[test]
    fn unknown_properties_are_warnings() {
        let mut ctx = Ctx::new(Path::new("a.json"));
        let object = json!({"target": "x", "extra": 1});
        let object = object.as_object().cloned().unwrap_or_default();
        ctx.check_properties(&object, &["target"], &owner(), "a member");
        assert_eq!(ctx.diags.0.len(), 1);
        assert!(!ctx.diags.has_errors());
        assert!(ctx.diags.to_string().contains("`extra`"));
    }
}
