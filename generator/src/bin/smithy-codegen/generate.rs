//! `generate`: writes (or, with `--check`, compares) a standalone crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heck::ToKebabCase;
use smithy_codegen::{write, Error};

use crate::args::Generate;
use crate::crate_names;

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
    let mut results: Vec<(usize, Result<Made, Error>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(model) = options.models.get(i) else {
                            break;
                        };
                        done.push((i, make(options, std::slice::from_ref(model))));
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
    let mut crates = Vec::new();
    for (i, result) in results {
        match result {
            Ok(made) => crates.push((i, made)),
            Err(error) => {
                eprintln!("{}:", options.models[i].display());
                code = worst(code, exit_byte(finish(options, &options.out, Err(error))));
            }
        }
    }
    // Every name is chosen before anything is written, so that no crate replaces another.
    let generated: Vec<_> = crates
        .iter()
        .map(|(i, made)| crate_names::Generated {
            model: &options.models[*i],
            service_name: made.service_crate_name.clone(),
        })
        .collect();
    let names = match crate_names::choose(&generated) {
        Ok(names) => names,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(worst(code, USAGE_ERROR));
        }
    };
    for ((_, made), name) in crates.into_iter().zip(names) {
        let outcome = made.finish(options, &name);
        code = worst(
            code,
            exit_byte(finish(options, &options.out.join(&name), outcome)),
        );
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
    let made = make(options, models)?;
    let name = crate_name.map_or_else(|| made.service_crate_name.clone(), str::to_owned);
    made.finish(options, &name)
}

/// A generated crate before it is named: its source files, and what its `Cargo.toml` and
/// protocol tests (which name the crate) are made from.
struct Made {
    /// The default crate name: the service name in kebab case.
    service_crate_name: String,
    files: BTreeMap<PathBuf, String>,
    /// What `Cargo.toml` needs of the emitted code (token streams cannot cross threads).
    serde_json_features: Vec<&'static str>,
    wire: bool,
    regex: bool,
    /// Kept only for `--protocol-tests` and `--cli`.
    plan: Option<smithy_codegen::plan::Plan>,
}

/// Generates and formats the crate's sources (the costly part, done in parallel by `--each`).
fn make(options: &Generate, models: &[PathBuf]) -> Result<Made, Error> {
    let client_runtime = match options.shared_client_runtime {
        Some(_) => smithy_codegen::ClientRuntime::Shared("::smithy_client_runtime".to_owned()),
        None => smithy_codegen::ClientRuntime::Embedded,
    };
    let output = smithy_codegen::run_with(models, options.service.as_deref(), &client_runtime)?;
    for warning in &output.warnings {
        eprintln!("{warning}");
    }
    let files = write::crate_files(&output.code).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Made {
        service_crate_name: output.service_name.to_kebab_case(),
        files,
        serde_json_features: output.code.serde_json_features,
        wire: output.code.wire,
        regex: output.code.regex,
        plan: (options.protocol_tests || options.cli).then_some(output.plan),
    })
}

impl Made {
    /// The crate's files under the name `crate_name` (with `--protocol-tests`, also
    /// `tests/protocol_tests.rs`; with `--cli`, the command-line crate in `cli/`).
    fn finish(
        self,
        options: &Generate,
        crate_name: &str,
    ) -> Result<BTreeMap<PathBuf, String>, Error> {
        let mut files = self.files;
        let version = "0.1.0";
        let code = smithy_codegen::emit::GeneratedCode {
            crate_docs: None,
            modules: Vec::new(),
            serde_json_features: self.serde_json_features,
            wire: self.wire,
            regex: self.regex,
            root_items: Default::default(),
        };
        let manifest = match &options.shared_client_runtime {
            // Absolute: Cargo reads a relative path from the manifest's directory, not ours.
            Some(dir) => {
                let dir = std::path::absolute(dir).map_err(|source| Error::Io {
                    path: dir.clone(),
                    source,
                })?;
                let dir = dir
                    .to_str()
                    .ok_or_else(|| Error::Usage(format!("{} is not valid UTF-8", dir.display())))?;
                write::cargo_toml_with_shared_runtime(crate_name, version, &code, dir)
            }
            None => write::cargo_toml(crate_name, version, &code),
        };
        files.insert(PathBuf::from("Cargo.toml"), manifest);
        if let (true, Some(plan)) = (options.protocol_tests, &self.plan) {
            let tests = smithy_codegen::emit::protocol_tests::test_file(plan, crate_name)
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
        if let (true, Some(plan)) = (options.cli, &self.plan) {
            for (path, contents) in write::cli_crate_files(plan, crate_name)? {
                files.insert(Path::new("cli").join(path), contents);
            }
        }
        Ok(files)
    }
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
