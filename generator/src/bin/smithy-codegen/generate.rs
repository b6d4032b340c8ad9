//! `generate`: writes (or, with `--check`, compares) a standalone crate.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use heck::ToKebabCase;
use smithy_codegen::{write, Error};

use crate::args::Generate;

const MODEL_ERROR: u8 = 1;
const USAGE_ERROR: u8 = 2;
const STALE: u8 = 3;

pub fn run(options: &Generate) -> ExitCode {
    match files(options) {
        Ok(files) if options.check => check(options, &files),
        Ok(files) => write_all(options, &files),
        Err(Error::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(USAGE_ERROR)
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(MODEL_ERROR)
        }
    }
}

/// Every file of the crate, by path relative to `--out`.
fn files(options: &Generate) -> Result<BTreeMap<PathBuf, String>, Error> {
    let output = smithy_codegen::run(&options.models, options.service.as_deref())?;
    for warning in &output.warnings {
        eprintln!("{warning}");
    }
    let crate_name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| output.service_name.to_kebab_case());
    let version = "0.1.0";
    let mut files = write::crate_files(&output.code).map_err(|e| Error::Internal(e.to_string()))?;
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml(&crate_name, version, &output.code),
    );
    Ok(files)
}

fn write_all(options: &Generate, files: &BTreeMap<PathBuf, String>) -> ExitCode {
    let mut written = 0;
    for (path, contents) in files {
        let path = options.out.join(path);
        match write::write_if_changed(&path, contents) {
            Ok(changed) => written += usize::from(changed),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(MODEL_ERROR);
            }
        }
    }
    eprintln!(
        "wrote {written} of {} files to {}",
        files.len(),
        options.out.display()
    );
    ExitCode::SUCCESS
}

/// Compares the crate on disk with what would be generated; names what differs.
fn check(options: &Generate, files: &BTreeMap<PathBuf, String>) -> ExitCode {
    let stale: Vec<String> = files
        .iter()
        .filter_map(|(path, contents)| {
            let full = options.out.join(path);
            match std::fs::read_to_string(&full) {
                Ok(existing) if &existing == contents => None,
                Ok(_) => Some(format!("  changed: {}", full.display())),
                Err(_) => Some(format!("  missing: {}", full.display())),
            }
        })
        .collect();
    if stale.is_empty() {
        eprintln!("{} is up to date", options.out.display());
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{} is out of date ({} of {} files); run without --check to regenerate:\n{}",
            options.out.display(),
            stale.len(),
            files.len(),
            stale.join("\n")
        );
        ExitCode::from(STALE)
    }
}
