//! smithy-codegen: turns Smithy service models (JSON AST or IDL) into typed Rust crates.
//!
//! The pipeline, one module per stage:
//! [`load`] (JSON AST, and IDL through [`idl`], to a typed [`model::Model`]) -> [`resolve`]
//! (prelude, targets, mixins, `apply`, the service's operations) -> [`plan`] (Rust names,
//! types, optionality, boxing) -> [`emit`] (`quote!` token streams) -> [`write`]
//! (prettyplease, files written only on change).
//!
//! Build scripts use [`Config`]; the `smithy-codegen` binary wraps the same API. [`ast`] prints
//! a loaded model back as a canonical Smithy JSON AST (the binary's `ast` command).

pub mod ast;
pub mod config;
pub mod diagnostics;
pub mod emit;
mod fast_hash;
pub mod idl;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod resolve;
pub mod rules;
mod upgrade;
pub mod write;

pub use config::Config;
pub use diagnostics::{Diagnostic, Diagnostics, Location, Severity};
pub use emit::ClientRuntime;
pub use pipeline::{run, run_with, Error, Output};
