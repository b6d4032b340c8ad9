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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    finish(options, &options.out, outcome, cores)
}

/// Writes (or checks) one crate, or reports why it could not be generated.
fn finish(
    options: &Generate,
    out: &Path,
    outcome: Result<BTreeMap<PathBuf, String>, Error>,
    threads: usize,
) -> ExitCode {
    match outcome {
        Ok(files) if options.check => check(out, &files),
        Ok(files) => write_all(out, &files, threads),
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
///
/// In two passes, so that memory holds a crate per worker, not every crate at once: the first
/// loads and resolves every model (a few percent of the work) for its service's name, from
/// which every crate name is chosen before anything is written; the second plans and makes
/// each crate and writes it at once. Warnings are printed at the end, model by model.
fn run_each(options: &Generate) -> ExitCode {
    let planned = in_parallel(options.models.len(), |i| {
        let model = std::slice::from_ref(&options.models[i]);
        smithy_codegen::pipeline::resolve_models(model, options.service.as_deref())
            .map(|resolved| resolved.service_name().to_kebab_case())
    });
    // The worst outcome decides the exit code: usage, then model errors, then stale output.
    let mut code = 0u8;
    let mut named = Vec::new();
    for (i, result) in planned.into_iter().enumerate() {
        match result {
            None => code = worst(code, lost(&options.models[i])),
            Some(Ok(service_crate_name)) => named.push((i, service_crate_name)),
            Some(Err(error)) => {
                eprintln!("{}:", options.models[i].display());
                code = worst(
                    code,
                    exit_byte(finish(options, &options.out, Err(error), 1)),
                );
            }
        }
    }
    // Every name is chosen before anything is written, so that no crate replaces another.
    let generated: Vec<_> = named
        .iter()
        .map(|(i, service_crate_name)| crate_names::Generated {
            model: &options.models[*i],
            service_name: service_crate_name.clone(),
        })
        .collect();
    let names = match crate_names::choose(&generated) {
        Ok(names) => names,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(worst(code, USAGE_ERROR));
        }
    };
    let outcomes = in_parallel(named.len(), |k| {
        let (i, name) = (named[k].0, &names[k]);
        let model = std::slice::from_ref(&options.models[i]);
        // One formatting thread each: the workers already use every core.
        let made = generate(options, model, 1);
        let warnings = made
            .as_ref()
            .map(|made| made.warnings.clone())
            .unwrap_or_default();
        let outcome = made.and_then(|made| made.finish(options, name));
        if outcome.is_err() {
            eprintln!("{}:", options.models[i].display());
        }
        // One writing thread each, as for formatting.
        let code = exit_byte(finish(options, &options.out.join(name), outcome, 1));
        (code, warnings)
    });
    for (outcome, (i, _)) in outcomes.into_iter().zip(&named) {
        match outcome {
            Some((made, warnings)) => {
                for warning in &warnings {
                    eprintln!("{warning}");
                }
                code = worst(code, made);
            }
            None => code = worst(code, lost(&options.models[*i])),
        }
    }
    ExitCode::from(code)
}

/// A model whose job was lost to a panic (a generator bug): reported, and the run fails.
fn lost(model: &Path) -> u8 {
    eprintln!(
        "{}: internal error: generation stopped unexpectedly; please report this with the model",
        model.display()
    );
    MODEL_ERROR
}

/// `job(0..n)` on as many threads as there are cores, the results in order; `None` for a job
/// whose thread panicked.
fn in_parallel<T: Send>(n: usize, job: impl Fn(usize) -> T + Sync) -> Vec<Option<T>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(n.max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        done.push((i, job(i)));
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
    let mut ordered: Vec<Option<T>> = (0..n).map(|_| None).collect();
    for (i, result) in results.drain(..) {
        ordered[i] = Some(result);
    }
    ordered
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
    xml: bool,
    cbor: bool,
    gzip: bool,
    sha256: bool,
    /// Kept only for `--protocol-tests` and `--cli`.
    plan: Option<smithy_codegen::plan::Plan>,
    warnings: Vec<smithy_codegen::Diagnostic>,
}

/// Generates and formats the crate's sources, with the model's warnings.
fn make(options: &Generate, models: &[PathBuf]) -> Result<Made, Error> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let made = generate(options, models, cores)?;
    for warning in &made.warnings {
        eprintln!("{warning}");
    }
    Ok(made)
}

/// [`make`] without printing the warnings (the costly part, done in parallel by `--each`),
/// formatting on up to `threads` threads.
fn generate(options: &Generate, models: &[PathBuf], threads: usize) -> Result<Made, Error> {
    let client_runtime = match options.shared_client_runtime {
        Some(_) => smithy_codegen::ClientRuntime::Shared("::smithy_client_runtime".to_owned()),
        None => smithy_codegen::ClientRuntime::Embedded,
    };
    client_runtime.check().map_err(Error::Usage)?;
    // Formatting starts on the first module emitted, on every core; the other threads are
    // started before planning.
    let plan = || {
        smithy_codegen::pipeline::plan_models_choosing(
            models,
            options.service.as_deref(),
            options.protocol.as_deref(),
        )
    };
    let (planned, code, files) = write::plan_and_emit_crate_files(plan, &client_runtime, threads)?;
    Ok(Made {
        service_crate_name: planned.plan.service.name.to_kebab_case(),
        files,
        serde_json_features: code.serde_json_features,
        wire: code.wire,
        regex: code.regex,
        xml: code.xml,
        cbor: code.cbor,
        gzip: code.gzip,
        sha256: code.sha256,
        plan: (options.protocol_tests || options.cli).then_some(planned.plan),
        warnings: planned.warnings,
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
            xml: self.xml,
            cbor: self.cbor,
            gzip: self.gzip,
            sha256: self.sha256,
            root_items: Default::default(),
            root_files: Vec::new(),
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

fn write_all(out: &Path, files: &BTreeMap<PathBuf, String>, threads: usize) -> ExitCode {
    let written = match write::write_files(out, files, threads) {
        Ok(written) => written,
        Err((path, e)) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(MODEL_ERROR);
        }
    };
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
