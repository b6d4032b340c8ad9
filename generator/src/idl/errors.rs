//! Positions in an IDL file and the problems found there.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// A 1-based line and column (counted in characters) of an IDL file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// One problem of an IDL file, at a position: an error, or a warning where Smithy's own
/// loader only warns (the file still reads).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct IdlError {
    pub pos: Pos,
    pub message: String,
    pub warning: bool,
}

/// The problems of one file, collected while reading it.
#[derive(Clone, Debug, Default)]
pub(super) struct Errors(pub Vec<IdlError>);

impl Errors {
    pub fn push(&mut self, pos: Pos, message: impl Into<String>) {
        self.0.push(IdlError {
            pos,
            message: message.into(),
            warning: false,
        });
    }

    pub fn warn(&mut self, pos: Pos, message: impl Into<String>) {
        self.0.push(IdlError {
            pos,
            message: message.into(),
            warning: true,
        });
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|e| !e.warning)
    }

    /// `path:line:column: message` diagnostics, in file order.
    pub fn into_diagnostics(mut self, path: &Path) -> Diagnostics {
        self.0.sort();
        self.0.dedup();
        Diagnostics(
            self.0
                .into_iter()
                .map(|error| {
                    let diagnostic = diagnostic(path, error.pos, error.message);
                    if error.warning {
                        Diagnostic::warning(diagnostic.location, diagnostic.message)
                    } else {
                        diagnostic
                    }
                })
                .collect(),
        )
    }
}

pub(super) fn diagnostic(path: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
    let location = Location::File {
        path: path.to_path_buf(),
        line: Some(pos.line),
        column: Some(pos.column),
    };
    Diagnostic::error(location, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_are_sorted_by_position_and_formatted() {
        let mut errors = Errors::default();
        errors.push(Pos::new(3, 1), "later");
        errors.push(Pos::new(1, 7), "first");
        errors.push(Pos::new(1, 7), "first");
        let text = errors.into_diagnostics(Path::new("a.smithy")).to_string();
        assert_eq!(
            text,
            "error: a.smithy:1:7: first\nerror: a.smithy:3:1: later\n2 errors"
        );
    }
}
