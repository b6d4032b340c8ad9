//! `ast`: prints the models as one canonical Smithy JSON AST 2.0 document on stdout.

use std::io::Write;
use std::process::ExitCode;

use smithy_codegen::ast;

use crate::args::Ast;

const MODEL_ERROR: u8 = 1;

/// Prints the document pretty (serde_json's 2-space indentation) with a final newline;
/// on a model error prints the diagnostics to stderr and prints nothing on stdout.
pub fn run(options: &Ast) -> ExitCode {
    let document = match ast::load_to_json(&options.models, options.flatten) {
        Ok(document) => document,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::from(MODEL_ERROR);
        }
    };
    let text = match serde_json::to_string_pretty(&document) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("internal error: cannot print the model: {err}");
            return ExitCode::from(MODEL_ERROR);
        }
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        eprintln!("error: cannot write to stdout: {err}");
        return ExitCode::from(MODEL_ERROR);
    }
    ExitCode::SUCCESS
}
