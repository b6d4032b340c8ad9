//! The Smithy IDL reader: `.smithy` files (IDL 2.0, and 1.0 where the specification says
//! how) to the same typed [`Model`] the JSON AST loader builds, so that resolve, plan and
//! emit are shared.
//!
//! Reading goes in steps, each in its own file:
//! 1. `lexer.rs`: tokens, whitespace included (the grammar is whitespace sensitive), strings
//!    with escapes and text blocks (`text_block.rs`); lexing never fails.
//! 2. `parser.rs` with `control.rs`, `shapes.rs`, `members.rs`, `traits.rs` and `node.rs`:
//!    one file's statements, shape IDs as written (`syntax.rs`). After a syntax error the
//!    parser skips to the next statement, so every error of a file is reported at once.
//! 3. `resolve_ids.rs`: relative shape IDs, once every file is parsed (forward references
//!    and shapes of the same namespace in other files resolve).
//! 4. `to_model.rs` and `properties.rs`: traits and node values as JSON, members, service,
//!    resource and operation properties; `elision.rs`: targets taken from resources and
//!    mixins; then the conversions the JSON loader applies to every shape too (`enum` trait
//!    to enum shape, Smithy 1.0 primitive defaults: `upgrade`).
//!
//! The loader ([`crate::load`]) calls this reader for `.smithy` files; this reader does not
//! depend on the loader (the dependency is one-way). [`parse_node`] reads a document that is
//! one node value (JSON with comments).
//!
//! Errors are `path:line:column: message`. Nothing panics on any input, and node values
//! may nest at most 64 levels.

mod control;
mod elision;
mod errors;
mod lexer;
mod members;
mod node;
mod parser;
mod properties;
mod resolve_ids;
mod shapes;
mod syntax;
mod text_block;
mod to_model;
mod traits;

#[cfg(test)]
mod grammar_tests;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Model, ShapeId};

pub use errors::Pos;

/// Whether `path` names an IDL file (`*.smithy`).
pub fn is_idl_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "smithy")
}

/// Reads one IDL file on its own (its relative shape IDs resolve against its own shapes and
/// the prelude). `path` is used in messages and as the shapes' source.
pub fn parse_str(text: &str, path: &Path) -> Result<Model, Diagnostics> {
    parse_files(&[(path, text)], &[]).map(|read| read.models.into_iter().next().unwrap_or_default())
}

/// What [`parse_files`] read: one model per file, in order, and the warnings (what Smithy's
/// own loader reads with a warning, such as an unknown service property).
#[derive(Debug)]
pub struct Read {
    pub models: Vec<Model>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a document that is one node value: JSON, with the IDL's `//` comments and
/// optional commas (as Smithy's own JSON documents beside models, such as endpoint rule
/// sets, are written). Unquoted shape IDs are refused: there is no model to name.
pub fn parse_node(text: &str, path: &Path) -> Result<serde_json::Value, Diagnostics> {
    let (node, mut errors) = parser::parse_node_document(text, path);
    let value = node.map(|node| node::standalone_json(&node, &mut errors));
    match value {
        Some(value) if !errors.has_errors() => Ok(value),
        _ => Err(errors.into_diagnostics(path)),
    }
}

/// Reads IDL files together: a relative shape ID may name a shape of its namespace that
/// another of these files defines, or that one of the `others` models (loaded from JSON
/// beside them) defines. Returns one model per file, in order, with the warnings; every
/// error of every file otherwise.
pub fn parse_files(files: &[(&Path, &str)], others: &[&Model]) -> Result<Read, Diagnostics> {
    let parsed: Vec<syntax::ParsedFile> = files
        .iter()
        .map(|(path, text)| parser::parse(text, path))
        .collect();

    let mut index = resolve_ids::Index::default();
    for model in others {
        index.add_model(model);
    }
    for file in &parsed {
        let Some(namespace) = &file.namespace else {
            continue;
        };
        for shape in &file.shapes {
            index.add(&ShapeId::new(namespace, &shape.name), shape.kind.is_list());
        }
    }

    let mut converted: Vec<to_model::FileModel> = parsed
        .iter()
        .map(|file| to_model::convert(file, &index))
        .collect();
    elision::resolve(&mut converted, others);

    let mut diags = Diagnostics::new();
    let mut models = Vec::with_capacity(converted.len());
    for (file, mut converted) in parsed.into_iter().zip(converted) {
        let v1 = file.version == syntax::Version::V1;
        for shape in converted.model.shapes.values_mut() {
            diags.extend(crate::upgrade::normalize_shape(shape, v1, &file.path));
        }
        let mut errors = file.errors;
        errors.0.extend(converted.errors.0);
        diags.extend(errors.into_diagnostics(&file.path));
        models.push(converted.model);
    }
    let warnings = diags.warnings().cloned().collect();
    diags.into_result(Read { models, warnings })
}
