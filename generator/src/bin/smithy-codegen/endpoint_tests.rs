//! `endpoint-tests`: every `smithy.rules#endpointTests` case of the models' services, through
//! the rules engine; a line per failure, then `N passed, M failed`.
//!
//! Each model file is loaded and run on its own (with the `--with` files beside it): a
//! directory of hundreds of AWS models is read one model at a time, so memory stays that of
//! one model, and a model that does not load is one failure, not the end of the run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use smithy_codegen::{ast, load, rules::conformance};

pub fn run(models: &[PathBuf], with: &[PathBuf]) -> ExitCode {
    let files = match load::model_files(models) {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::from(1);
        }
    };
    let mut report = conformance::Report::default();
    for file in &files {
        run_file(file, with, &mut report);
    }
    println!("{} passed, {} failed", report.passed, report.failed());
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs one model's cases, printing its failures as they come.
fn run_file(file: &Path, with: &[PathBuf], report: &mut conformance::Report) {
    let already = report.failures.len();
    let mut paths = vec![file.to_path_buf()];
    paths.extend_from_slice(with);
    match ast::load_to_json(&paths, true) {
        Ok(document) => conformance::run_document(&document, report),
        Err(diagnostics) => report.failures.push(format!(
            "{}: the model does not load:\n{diagnostics}",
            file.display()
        )),
    }
    for failure in &report.failures[already..] {
        println!("FAIL {failure}");
    }
}
