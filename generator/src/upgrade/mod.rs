//! Smithy 1.0 forms in 2.0 terms, applied the same way to the shapes of both readers (the
//! JSON AST loader, [`crate::load`], and the IDL reader, [`crate::idl`]), which both
//! depend on this module and not on each other: a `string` with the `enum` trait becomes an
//! enum shape and, in a 1.0 file, members targeting prelude primitives get their zero
//! `default`.

mod enum_trait;
mod v1_defaults;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Shape, ShapeId};

/// Brings one shape of the file at `path` (a Smithy 1.0 file when `v1`) to its 2.0 form;
/// problems are named by shape and file.
pub(crate) fn normalize_shape(shape: &mut Shape, v1: bool, path: &Path) -> Diagnostics {
    let mut report = Report::new(path);
    enum_trait::convert_enum_trait(&mut report, shape);
    if v1 {
        v1_defaults::add_primitive_defaults(shape);
    }
    report.diags
}

/// The problems found in the shapes of one file.
struct Report<'a> {
    path: &'a Path,
    diags: Diagnostics,
}

impl<'a> Report<'a> {
    fn new(path: &'a Path) -> Self {
        Report {
            path,
            diags: Diagnostics::new(),
        }
    }

    fn shape_error(&mut self, id: &ShapeId, message: impl Into<String>) {
        let location = Location::Shape {
            id: id.clone(),
            file: Some(self.path.to_path_buf()),
        };
        self.diags.push(Diagnostic::error(location, message));
    }
}
