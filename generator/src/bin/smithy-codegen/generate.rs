//! `generate`: writes (or, with `--check`, compares) a standalone crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heck::ToKebabCase;
use smithy_codegen::{write, Error};

use crate::args::Generate;

const MODEL_ERROR: u8 = 1;
const USAGE_ERROR: u8 = 2;
const STALE: u8 = 3;

pub fn run(options: &Generate) -> ExitCode {
    if options.each {
        return run_each(options);
    }
    let outcome = files(options, &options.models, options.crate_name.as_deref());
    finish(options, &options.out, outcome)
}

/// Writes (or checks) one crate, or reports why it could not be generated.
fn finish(
    options: &Generate,
    out: &Path,
    outcome: Result<BTreeMap<PathBuf, String>, Error>,
) -> ExitCode {
    match outcome {
        Ok(files) if options.check => check(out, &files),
        Ok(files) => write_all(out, &files),
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

/// `--each`: every `--model` is its own service, generated into `<out>/<crate name>/`, in
/// parallel (generation is CPU-bound and the models are independent).
fn run_each(options: &Generate) -> ExitCode {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(options.models.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Result<NamedCrate, Error>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(model) = options.models.get(i) else {
                            break;
                        };
                        done.push((
                            i,
                            generate_named(options, std::slice::from_ref(model), None),
                        ));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    // The worst outcome decides the exit code: usage, then model errors, then stale output.
    let mut code = 0u8;
    for (i, result) in results {
        let model = options.models[i].display();
        let outcome = match result {
            Ok((name, files)) => {
                let out = options.out.join(&name);
                finish(options, &out, Ok(files))
            }
            Err(error) => {
                eprintln!("{model}:");
                finish(options, &options.out, Err(error))
            }
        };
        let this = exit_byte(outcome);
        code = worst(code, this);
    }
    ExitCode::from(code)
}

fn exit_byte(code: ExitCode) -> u8 {
    [0, MODEL_ERROR, USAGE_ERROR, STALE]
        .into_iter()
        .find(|c| ExitCode::from(*c) == code)
        .unwrap_or(MODEL_ERROR)
}

fn worst(a: u8, b: u8) -> u8 {
    let rank = |c: u8| match c {
        USAGE_ERROR => 3,
        MODEL_ERROR => 2,
        STALE => 1,
        _ => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Every file of the crate, by path relative to `--out`.
fn files(
    options: &Generate,
    models: &[PathBuf],
    crate_name: Option<&str>,
) -> Result<BTreeMap<PathBuf, String>, Error> {
    generate_named(options, models, crate_name).map(|(_, files)| files)
}

/// A crate's name and its files by path.
type NamedCrate = (String, BTreeMap<PathBuf, String>);

/// The crate's name and files (with `--protocol-tests`, also `tests/protocol_tests.rs`).
fn generate_named(
    options: &Generate,
    models: &[PathBuf],
    crate_name: Option<&str>,
) -> Result<NamedCrate, Error> {
    let output = smithy_codegen::run(models, options.service.as_deref())?;
    for warning in &output.warnings {
        eprintln!("{warning}");
    }
    let crate_name = crate_name
        .map(str::to_owned)
        .unwrap_or_else(|| output.service_name.to_kebab_case());
    let version = "0.1.0";
    let mut files = write::crate_files(&output.code).map_err(|e| Error::Internal(e.to_string()))?;
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml(&crate_name, version, &output.code),
    );
    if options.protocol_tests {
        let tests = smithy_codegen::emit::protocol_tests::test_file(&output.plan, &crate_name)
            .map_err(Error::Internal)?;
        for skipped in &tests.skipped {
            eprintln!(
                "warning: protocol test {} left out: {}",
                skipped.id, skipped.reason
            );
        }
        let source =
            write::format_tokens(tests.file).map_err(|e| Error::Internal(e.to_string()))?;
        files.insert(PathBuf::from("tests/protocol_tests.rs"), source);
    }
    Ok((crate_name, files))
}

fn write_all(out: &Path, files: &BTreeMap<PathBuf, String>) -> ExitCode {
    let mut written = 0;
    for (path, contents) in files {
        let path = out.join(path);
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
        out.display()
    );
    ExitCode::SUCCESS
}

/// Compares the crate on disk with what would be generated; names what differs.
fn check(out: &Path, files: &BTreeMap<PathBuf, String>) -> ExitCode {
    let stale: Vec<String> = files
        .iter()
        .filter_map(|(path, contents)| {
            let full = out.join(path);
            match std::fs::read_to_string(&full) {
                Ok(existing) if &existing == contents => None,
                Ok(_) => Some(format!("  changed: {}", full.display())),
                Err(_) => Some(format!("  missing: {}", full.display())),
            }
        })
        .collect();
    if stale.is_empty() {
        eprintln!("{} is up to date", out.display());
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{} is out of date ({} of {} files); run without --check to regenerate:\n{}",
            out.display(),
            stale.len(),
            files.len(),
            stale.join("\n")
        );
        ExitCode::from(STALE)
    }
}
