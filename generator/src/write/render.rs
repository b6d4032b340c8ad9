//! Formats generated modules with prettyplease, as one file (for `include!`) or as a
//! crate's `src/` tree (one file per module). Runtime files are not formatted: they are
//! declared (`pub mod date_time;`) and written as they are ([`runtime_files`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use proc_macro2::TokenStream;
use quote::quote;

use super::macro_spacing;
use super::parallel::{format_while, no_own_work};
use super::relative_paths::relativize;
use crate::emit::tokens::plain;
use crate::emit::{self, GeneratedCode, Module, RuntimeFile};
use crate::plan::Plan;

/// The emitted tokens did not form a Rust file: a generator bug, reported with its cause.
#[derive(Debug)]
pub struct RenderError(pub String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: generated code does not parse ({}); please report this with the model",
            self.0
        )
    }
}

impl std::error::Error for RenderError {}

/// Formats a whole file of tokens.
pub fn format(tokens: TokenStream) -> Result<String, RenderError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| RenderError(e.to_string()))?;
    Ok(prettyplease::unparse(&file))
}

/// Formats the file of the generated module at `module` (its path below the crate root),
/// its `crate::` paths written relative to it.
pub(super) fn format_module(tokens: TokenStream, module: &[String]) -> Result<String, RenderError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| RenderError(e.to_string()))?;
    Ok(unparse_module(file, module))
}

pub(super) fn unparse_module(mut file: syn::File, module: &[String]) -> String {
    relativize(module, &mut file.items);
    macro_spacing::tighten(&mut file.items);
    prettyplease::unparse(&file)
}

fn doc_attrs(text: &str, inner: bool) -> TokenStream {
    let lines = text.lines().map(|l| emit::docs::literal(&format!(" {l}")));
    if inner {
        quote!(#(#![doc = #lines])*)
    } else {
        quote!(#(#[doc = #lines])*)
    }
}

fn inline(module: &Module) -> TokenStream {
    let name = plain(&module.name);
    let docs = doc_attrs(&module.docs, false);
    let items = &module.items;
    let files = module.files.iter().map(file_declaration);
    let children = module.children.iter().map(inline);
    quote! {
        #docs
        pub mod #name {
            #items
            #(#files)*
            #(#children)*
        }
    }
}

/// One file with every module inline, for `include!(concat!(env!("OUT_DIR"), ...))` at a
/// crate root. Crate docs are left to the including crate (inner attributes cannot be included).
///
/// The runtime files it declares go beside it, at [`runtime_files`]' paths: `mod` items in an
/// included file are looked for from the included file's directory, and inline modules add
/// their names as directories (`pub mod primitives { pub mod date_time; }` in
/// `$OUT_DIR/service.rs` reads `$OUT_DIR/primitives/date_time.rs`).
pub fn single_file(code: &GeneratedCode) -> Result<String, RenderError> {
    let modules = code.modules.iter().map(inline);
    let files = code.root_files.iter().map(file_declaration);
    let root = &code.root_items;
    format_module(quote!(#(#modules)* #(#files)* #root), &[])
}

/// Every runtime file the modules declare, by path from the crate's module root (`src/` of a
/// crate, the directory of [`single_file`]'s file): `client/config.rs`, `blocking.rs`.
pub fn runtime_files(code: &GeneratedCode) -> Vec<(PathBuf, &'static str)> {
    let mut out: Vec<_> = code
        .root_files
        .iter()
        .map(|file| (PathBuf::from(format!("{}.rs", file.name)), file.text))
        .collect();
    for module in &code.modules {
        module_runtime_files(module, PathBuf::new(), &mut out);
    }
    out
}

/// The runtime files of `module` and its children, `module` being in `dir`.
fn module_runtime_files(module: &Module, dir: PathBuf, out: &mut Vec<(PathBuf, &'static str)>) {
    let dir = dir.join(&module.name);
    for file in &module.files {
        out.push((dir.join(format!("{}.rs", file.name)), file.text));
    }
    for child in &module.children {
        module_runtime_files(child, dir.clone(), out);
    }
}

/// `pub mod date_time;`, with the declaration's attributes.
fn file_declaration(file: &RuntimeFile) -> TokenStream {
    let name = plain(file.name);
    let attrs = &file.attrs;
    let visibility = if file.public {
        quote!(pub)
    } else {
        TokenStream::new()
    };
    quote!(#attrs #visibility mod #name;)
}

/// `src/lib.rs`, one file per module (`src/types.rs`, `src/types/builders.rs`, ...) and the
/// runtime files, as they are.
pub fn crate_files(code: &GeneratedCode) -> Result<BTreeMap<PathBuf, String>, RenderError> {
    crate_files_on(code, 1)
}

/// [`crate_files`], formatting on up to `threads` threads (the same bytes: each file is
/// formatted on its own). For one crate at a time; callers that already make several crates
/// in parallel gain nothing from it.
pub fn crate_files_on(
    code: &GeneratedCode,
    threads: usize,
) -> Result<BTreeMap<PathBuf, String>, RenderError> {
    let ((), formatted) = format_while(threads, &no_own_work, |formatter| {
        let mut jobs = vec![lib_job(code)];
        for module in &code.modules {
            split(module, &[], PathBuf::from("src"), &mut jobs);
        }
        formatter.add(jobs);
    });
    let src = PathBuf::from("src");
    let runtime = runtime_files(code)
        .into_iter()
        .map(|(path, text)| (src.join(path), text.to_owned()));
    Ok(formatted?.into_iter().chain(runtime).collect())
}

/// Emits `plan` ([`emit::emit_streaming`]) and formats each module's files on up to `threads`
/// threads as soon as it is emitted: [`crate_files_on`] of [`emit::emit_with`], the same
/// files, in about half the time on two cores. Also returns the emitted code, whose modules
/// are the streamed stubs.
pub fn emit_crate_files(
    plan: &Plan,
    client_runtime: &emit::ClientRuntime,
    threads: usize,
) -> Result<(GeneratedCode, BTreeMap<PathBuf, String>), crate::pipeline::Error> {
    plan_and_emit_crate_files(|| Ok(plan), client_runtime, threads)
        .map(|(_, code, files)| (code, files))
}

/// [`emit_crate_files`] of the plan `make_plan` returns, which runs on this thread once the
/// helper threads are started: a thread can take milliseconds to start on a busy machine,
/// and this way that time passes while planning instead of while the others wait. Returns
/// the plan too.
pub fn plan_and_emit_crate_files<P: AsRef<Plan> + Send + Sync>(
    make_plan: impl FnOnce() -> Result<P, crate::pipeline::Error>,
    client_runtime: &emit::ClientRuntime,
    threads: usize,
) -> Result<(P, GeneratedCode, BTreeMap<PathBuf, String>), crate::pipeline::Error> {
    use crate::pipeline::Error;
    let mut runtime = Vec::new();
    // The helpers emit and format the operations (most of the code) while this thread emits
    // the rest and formats it, handing out text if a helper runs dry; then it takes its share
    // of the operations left. Each operation goes to the first thread to claim it, so all
    // finish within about one operation of each other.
    let helpers = threads.saturating_sub(1);
    let elsewhere = |_: usize| helpers > 0;
    // The plan, once made, and a claim per operation; `None` when planning failed (the
    // helpers then have nothing to do).
    let ready: OnceLock<Option<Ready<P>>> = OnceLock::new();
    let own = |_: usize| {
        let Some(Ready { planned, claimed }) = ready.wait() else {
            return Vec::new();
        };
        let plan = planned.as_ref();
        let mut files = Vec::new();
        let mine = |index: usize| !claimed[index].swap(true, Ordering::Relaxed);
        let mut sink = |parent: &[String], module: Module| {
            let dir = parent
                .iter()
                .fold(PathBuf::new(), |dir, name| dir.join(name));
            let mut copies = Vec::new();
            module_runtime_files(&module, dir.clone(), &mut copies);
            let src = Path::new("src");
            files.extend(
                copies
                    .into_iter()
                    .map(|(path, text)| (src.join(path), Ok(text.to_owned()))),
            );
            let mut jobs = Vec::new();
            split(&module, parent, src.join(dir), &mut jobs);
            for job in jobs {
                files.push((job.path, format_module(job.tokens, &job.module)));
            }
        };
        emit::emit_operations(plan, &mine, &mut sink);
        files
    };
    let (code, formatted) = format_while(threads, &own, |formatter| {
        // Set before this returns, even by a panic: the helpers wait for it.
        let unblock = Unblock(&ready);
        let planned = make_plan();
        let planned = match planned {
            Ok(planned) => planned,
            Err(e) => {
                drop(unblock);
                return Err(e);
            }
        };
        let claimed = planned
            .as_ref()
            .operations
            .iter()
            .map(|_| AtomicBool::new(false))
            .collect();
        let _ = ready.set(Some(Ready { planned, claimed }));
        drop(unblock);
        let Some(Some(Ready { planned, .. })) = ready.get() else {
            return Err(Error::Internal("the plan was not kept".to_owned()));
        };
        let plan = planned.as_ref();
        let mut sink = |parent: &[String], module: Module| {
            let dir = parent
                .iter()
                .fold(PathBuf::new(), |dir, name| dir.join(name));
            module_runtime_files(&module, dir.clone(), &mut runtime);
            let mut jobs = Vec::new();
            split(&module, parent, Path::new("src").join(dir), &mut jobs);
            formatter.add(jobs);
        };
        let code = emit::emit_streaming(plan, client_runtime, &mut sink, &elsewhere)
            .map_err(Error::Internal)?;
        let mut jobs = vec![lib_job(&code)];
        for module in &code.modules {
            split(module, &[], PathBuf::from("src"), &mut jobs);
        }
        formatter.add(jobs);
        Ok(code)
    });
    let code = code?;
    let formatted = formatted.map_err(|e| Error::Internal(e.to_string()))?;
    let Some(Some(Ready { planned, .. })) = ready.into_inner() else {
        return Err(Error::Internal("the plan was not kept".to_owned()));
    };
    runtime.extend(runtime_files(&code));
    let src = PathBuf::from("src");
    let runtime = runtime
        .into_iter()
        .map(|(path, text)| (src.join(path), text.to_owned()));
    let files = formatted.into_iter().chain(runtime).collect();
    Ok((planned, code, files))
}

/// The plan shared with the helper threads, and which operations are taken.
struct Ready<P> {
    planned: P,
    claimed: Vec<AtomicBool>,
}

/// Tells the helper threads there is no plan unless one was set by the time it is dropped
/// (planning failed, or panicked: they would wait for ever).
struct Unblock<'a, P>(&'a OnceLock<Option<Ready<P>>>);

impl<P> Drop for Unblock<'_, P> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// `src/lib.rs`: the crate's docs, its modules' declarations and the root items.
fn lib_job(code: &GeneratedCode) -> Job {
    let docs = code
        .crate_docs
        .as_deref()
        .map(|d| doc_attrs(d, true))
        .unwrap_or_default();
    let declarations = code.modules.iter().map(declaration);
    let files = code.root_files.iter().map(file_declaration);
    let root = &code.root_items;
    // Deeply nested models need more than the default 128 levels for drop checking.
    let limit = quote!(#![recursion_limit = "512"]);
    Job {
        path: PathBuf::from("src/lib.rs"),
        module: Vec::new(),
        tokens: quote!(#docs #limit #(#declarations)* #(#files)* #root),
    }
}

fn declaration(module: &Module) -> TokenStream {
    let name = plain(&module.name);
    let docs = doc_attrs(&module.docs, false);
    quote!(#docs pub mod #name;)
}

/// One file to format: where it goes, the path of its module, its tokens.
pub(super) struct Job {
    pub(super) path: PathBuf,
    pub(super) module: Vec<String>,
    pub(super) tokens: TokenStream,
}

/// The files of `module` (in `dir`, its parent module at `parent`) and of its children; none
/// for a module already streamed.
fn split(module: &Module, parent: &[String], dir: PathBuf, jobs: &mut Vec<Job>) {
    if module.streamed {
        return;
    }
    let items = &module.items;
    let files = module.files.iter().map(file_declaration);
    let declarations = module.children.iter().map(declaration);
    let mut path = parent.to_vec();
    path.push(module.name.clone());
    jobs.push(Job {
        path: dir.join(format!("{}.rs", module.name)),
        module: path.clone(),
        tokens: quote!(#items #(#files)* #(#declarations)*),
    });
    for child in &module.children {
        split(child, &path, dir.join(&module.name), jobs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Runtime files are copied byte for byte, declared by the module above them, and only
    /// those the model needs are there.
    #[test]
    fn runtime_files_are_written_as_they_are() {
        let models = [concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/models/features"
        )];
        let code = crate::run(&models, None).unwrap().code;
        let files = crate_files(&code).unwrap();
        let date_time = include_str!("../../runtime/date_time.rs");
        assert!(files[&PathBuf::from("src/primitives/date_time.rs")] == date_time);
        assert!(files[&PathBuf::from("src/primitives.rs")].contains("pub mod date_time;"));
        assert!(files[&PathBuf::from("src/lib.rs")].contains("pub mod blocking;"));
        let config = include_str!("../../runtime/client/config.rs");
        assert!(files[&PathBuf::from("src/client/config.rs")] == config);
        // Private: its items are the client module's own, re-exported.
        assert!(files[&PathBuf::from("src/client.rs")].contains("\nmod config;"));
        for (path, text) in runtime_files(&code) {
            assert!(
                files[&Path::new("src").join(&path)] == text,
                "{}",
                path.display()
            );
            // The runtime's unit tests stay with it (`client-runtime` runs them).
            assert!(!text.contains("#[cfg(test)]"), "{}", path.display());
        }
        // Everything before them is kept.
        let sigv4 = include_str!("../../runtime/aws_config/sigv4.rs");
        let copy = &files[&PathBuf::from("src/client/aws_config/sigv4.rs")];
        assert!(copy.len() < sigv4.len() && sigv4.starts_with(copy.as_str()));
        assert!(copy.ends_with("}\n") && copy.contains("pub fn"));
        let plain = crate::run(&[concat!(env!("CARGO_MANIFEST_DIR"), "/../model")], None)
            .unwrap()
            .code;
        let paths: Vec<_> = runtime_files(&plain).into_iter().map(|(p, _)| p).collect();
        assert!(
            !paths.contains(&PathBuf::from("primitives/date_time.rs")),
            "{paths:?}"
        );
    }

    #[test]
    fn formatting_on_several_threads_gives_the_same_files() {
        // The features model uses every kind of generated code the runtime files sit beside.
        let models = [concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/models/features"
        )];
        let code = crate::run(&models, None).unwrap().code;
        let alone = crate_files(&code).unwrap();
        assert!(alone.len() > 5, "{:?}", alone.keys());
        let planned = crate::pipeline::plan_models(&models, None).unwrap();
        let runtime = emit::ClientRuntime::Embedded;
        for threads in [2, 3, 8] {
            let together = crate_files_on(&code, threads).unwrap();
            let (_, streamed) = emit_crate_files(&planned.plan, &runtime, threads).unwrap();
            let models_again = crate::pipeline::plan_models(&models, None);
            let (kept, _, made) =
                plan_and_emit_crate_files(|| models_again, &runtime, threads).unwrap();
            assert!(
                kept.plan == planned.plan,
                "the plan made is the one returned"
            );
            assert!(made == streamed);
            for files in [together, streamed] {
                assert_eq!(
                    files.keys().collect::<Vec<_>>(),
                    alone.keys().collect::<Vec<_>>()
                );
                for (path, text) in &alone {
                    assert!(files[path] == *text, "{} differs", path.display());
                }
            }
        }
    }

    /// The helper threads start before planning and wait for the plan: when planning fails
    /// or panics they are told so and end, and the error or panic comes back to the caller.
    #[test]
    fn helpers_started_before_planning_end_when_it_fails() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = emit::ClientRuntime::Embedded;
            let failed = plan_and_emit_crate_files(
                || Err::<Plan, _>(crate::pipeline::Error::Internal("no plan".to_owned())),
                &runtime,
                3,
            );
            let failed =
                matches!(failed, Err(crate::pipeline::Error::Internal(m)) if m == "no plan");
            let panicked = std::panic::catch_unwind(|| {
                plan_and_emit_crate_files(|| -> Result<Plan, _> { panic!("planning") }, &runtime, 3)
            })
            .is_err();
            let _ = done.send((failed, panicked));
        });
        let outcome = finished.recv_timeout(std::time::Duration::from_secs(60));
        assert_eq!(
            outcome,
            Ok((true, true)),
            "the error and the panic come back, nothing hangs"
        );
    }

    /// Streamed modules leave stubs: declared by their parents, with nothing left to format.
    #[test]
    fn streaming_leaves_only_declarations() {
        let models = [concat!(env!("CARGO_MANIFEST_DIR"), "/../model")];
        let planned = crate::pipeline::plan_models(&models, None).unwrap();
        let runtime = emit::ClientRuntime::Embedded;
        let (code, files) = emit_crate_files(&planned.plan, &runtime, 1).unwrap();
        let mut jobs = Vec::new();
        for module in &code.modules {
            split(module, &[], PathBuf::from("src"), &mut jobs);
        }
        let left: Vec<_> = jobs.iter().map(|j| j.path.clone()).collect();
        assert_eq!(left, [PathBuf::from("src/operation.rs")]);
        assert!(code.modules.iter().any(|m| m.streamed));
        assert!(files[&PathBuf::from("src/operation.rs")].contains("pub mod "));
        assert!(files[&PathBuf::from("src/lib.rs")].contains("pub mod types;"));
    }
}
