//! Formats generated modules with prettyplease, as one file (for `include!`) or as a
//! crate's `src/` tree (one file per module). Runtime files are not formatted: they are
//! declared (`pub mod date_time;`) and written as they are ([`runtime_files`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use super::relative_paths::relativize;
use crate::emit::tokens::plain;
use crate::emit::{GeneratedCode, Module, RuntimeFile};

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
fn format_module(tokens: TokenStream, module: &[String]) -> Result<String, RenderError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| RenderError(e.to_string()))?;
    Ok(unparse_module(file, module))
}

fn unparse_module(mut file: syn::File, module: &[String]) -> String {
    relativize(module, &mut file.items);
    prettyplease::unparse(&file)
}

fn doc_attrs(text: &str, inner: bool) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
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
    fn walk(module: &Module, dir: PathBuf, out: &mut Vec<(PathBuf, &'static str)>) {
        let dir = dir.join(&module.name);
        for file in &module.files {
            out.push((dir.join(format!("{}.rs", file.name)), file.text));
        }
        for child in &module.children {
            walk(child, dir.clone(), out);
        }
    }
    let mut out: Vec<_> = code
        .root_files
        .iter()
        .map(|file| (PathBuf::from(format!("{}.rs", file.name)), file.text))
        .collect();
    for module in &code.modules {
        walk(module, PathBuf::new(), &mut out);
    }
    out
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
    let mut jobs = Vec::new();
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
    jobs.push(Job {
        path: PathBuf::from("src/lib.rs"),
        module: Vec::new(),
        tokens: quote!(#docs #limit #(#declarations)* #(#files)* #root),
    });
    for module in &code.modules {
        split(module, &[], PathBuf::from("src"), &mut jobs);
    }
    let formatted = if threads > 1 {
        format_in_parallel(jobs, threads - 1)?
    } else {
        jobs.into_iter()
            .map(|job| Ok((job.path, format_module(job.tokens, &job.module)?)))
            .collect::<Result<Vec<_>, RenderError>>()?
    };
    let src = PathBuf::from("src");
    let runtime = runtime_files(code)
        .into_iter()
        .map(|(path, text)| (src.join(path), text.to_owned()));
    Ok(formatted.into_iter().chain(runtime).collect())
}

/// Formats `jobs` on this thread and `helpers` more. Token streams cannot cross threads, so a
/// helper's file goes to it as text (parsed again there, which gives the same `syn::File`: the
/// emitted tokens hold no invisible groups). This thread formats from the front and keeps two
/// files from the back queued per helper; when it runs out, it takes back what is still
/// queued, so that all finish at about the same time.
fn format_in_parallel(
    mut jobs: Vec<Job>,
    helpers: usize,
) -> Result<Vec<(PathBuf, String)>, RenderError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{mpsc, Mutex, TryLockError};

    let (send, receive) = mpsc::channel::<(PathBuf, Vec<String>, String)>();
    let receive = Mutex::new(receive);
    // Files sent and not yet taken by a helper.
    let waiting = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let next = receive.lock().ok().and_then(|r| r.recv().ok());
                        let Some((path, module, text)) = next else {
                            break;
                        };
                        waiting.fetch_sub(1, Ordering::SeqCst);
                        let formatted = syn::parse_file(&text)
                            .map(|file| unparse_module(file, &module))
                            .map_err(|e| RenderError(e.to_string()));
                        done.push((path, formatted));
                    }
                    done
                })
            })
            .collect();
        let mut mine = Vec::new();
        let mut front = 0;
        let mut back = jobs.len();
        let mut result = Ok(());
        while front < back {
            // Two files queued per helper, so that none runs dry while this thread formats a
            // large file; what is still queued at the end, this thread takes back below.
            if waiting.load(Ordering::SeqCst) < 2 * helpers {
                back -= 1;
                let job = std::mem::take(&mut jobs[back]);
                waiting.fetch_add(1, Ordering::SeqCst);
                if send
                    .send((job.path, job.module, job.tokens.to_string()))
                    .is_err()
                {
                    result = Err(RenderError("a formatting thread stopped".into()));
                    break;
                }
                continue;
            }
            let job = std::mem::take(&mut jobs[front]);
            front += 1;
            match format_module(job.tokens, &job.module) {
                Ok(text) => mine.push((job.path, text)),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        // Files still queued are formatted here. A helper holding the lock is waiting for a
        // file only when none is queued; with some queued it takes one and lets go at once.
        while result.is_ok() && waiting.load(Ordering::SeqCst) > 0 {
            let queue = match receive.try_lock() {
                Ok(queue) => queue,
                Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    std::thread::yield_now();
                    continue;
                }
            };
            let Ok((path, module, text)) = queue.try_recv() else {
                continue;
            };
            drop(queue);
            waiting.fetch_sub(1, Ordering::SeqCst);
            match syn::parse_file(&text) {
                Ok(file) => mine.push((path, unparse_module(file, &module))),
                Err(e) => result = Err(RenderError(e.to_string())),
            }
        }
        drop(send);
        for handle in handles {
            let done = handle
                .join()
                .map_err(|_| RenderError("a formatting thread panicked".into()))?;
            for (path, formatted) in done {
                mine.push((path, formatted?));
            }
        }
        result.map(|()| mine)
    })
}

fn declaration(module: &Module) -> TokenStream {
    let name = plain(&module.name);
    let docs = doc_attrs(&module.docs, false);
    quote!(#docs pub mod #name;)
}

/// One file to format: where it goes, the path of its module, its tokens.
#[derive(Default)]
struct Job {
    path: PathBuf,
    module: Vec<String>,
    tokens: TokenStream,
}

fn split(module: &Module, parent: &[String], dir: PathBuf, jobs: &mut Vec<Job>) {
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
        }
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
        for threads in [2, 3, 8] {
            let together = crate_files_on(&code, threads).unwrap();
            assert_eq!(
                together.keys().collect::<Vec<_>>(),
                alone.keys().collect::<Vec<_>>()
            );
            for (path, text) in &alone {
                assert!(together[path] == *text, "{} differs", path.display());
            }
        }
    }
}
