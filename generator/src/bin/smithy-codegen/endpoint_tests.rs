//! `endpoint-tests`: every `smithy.rules#endpointTests` case of the models' services, through
//! the rules engine; a line per failure, then `N passed, M failed`.

use std::path::PathBuf;
use std::process::ExitCode;

use smithy_codegen::{ast, rules::conformance};

pub fn run(models: &[PathBuf]) -> ExitCode {
    let document = match ast::load_to_json(models, true) {
        Ok(document) => document,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::from(1);
        }
    };
    let mut report = conformance::Report::default();
    conformance::run_document(&document, &mut report);
    for failure in &report.failures {
        println!("FAIL {failure}");
    }
    println!("{} passed, {} failed", report.passed, report.failed());
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
