//! Stage 5: token streams to formatted files, written only when their content changed.

pub mod cache;
mod cargo_toml;
mod cli_crate;
mod cli_runtime;
mod macro_spacing;
mod parallel;
mod relative_paths;
mod render;

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub use cargo_toml::{cargo_toml, cargo_toml_with_shared_runtime};
pub use cli_crate::cli_crate_files;
pub use macro_spacing::tighten as tighten_macro_arguments;
pub use render::{
    crate_files, crate_files_on, emit_crate_files, format as format_tokens,
    plan_and_emit_crate_files, runtime_files, single_file, RenderError,
};

/// Writes `contents` to `path` unless the file already holds exactly that, so that an
/// unchanged model does not touch timestamps (and trigger rebuilds). Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_unless_same(path, contents)
}

/// [`write_if_changed`] in a directory that exists.
fn write_unless_same(path: &Path, contents: &str) -> io::Result<bool> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == contents.as_bytes() {
            return Ok(false);
        }
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

/// [`write_if_changed`] for every file of `files` (paths below `out`), each directory created
/// once and the files written on up to `threads` threads: a crate is about a hundred small
/// files, and a system call each is a good part of a generation. Returns how many files were
/// written, or the first error met with its path.
pub fn write_files(
    out: &Path,
    files: &BTreeMap<PathBuf, String>,
    threads: usize,
) -> Result<usize, (PathBuf, io::Error)> {
    let files: Vec<(PathBuf, &str)> = files
        .iter()
        .map(|(path, contents)| (out.join(path), contents.as_str()))
        .collect();
    let directories: BTreeSet<&Path> = files.iter().filter_map(|(p, _)| p.parent()).collect();
    // In a directory made now no file can be there yet: it is written without looking first
    // (opening a file that is not there costs a system call as dear as writing one).
    let mut made_now = BTreeSet::new();
    for directory in directories {
        if !directory.is_dir() {
            std::fs::create_dir_all(directory).map_err(|e| (directory.to_owned(), e))?;
            made_now.insert(directory);
        }
    }
    // Files are claimed one at a time, so that a thread slow to start (a few milliseconds on
    // a busy machine) leaves its share to the others instead of keeping them waiting.
    let next = AtomicUsize::new(0);
    let write_share = || -> Result<usize, (PathBuf, io::Error)> {
        let mut written = 0;
        while let Some((path, contents)) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
            let fresh = path.parent().is_some_and(|dir| made_now.contains(dir));
            let changed = if fresh {
                std::fs::write(path, contents).map(|()| true)
            } else {
                write_unless_same(path, contents)
            };
            written += usize::from(changed.map_err(|e| (path.clone(), e))?);
        }
        Ok(written)
    };
    let threads = threads.clamp(1, files.len().max(1));
    if threads == 1 {
        return write_share();
    }
    std::thread::scope(|scope| {
        let write_share = &write_share;
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(write_share)).collect();
        let mut written = write_share()?;
        for helper in helpers {
            let done = helper.join().unwrap_or_else(|_| {
                Err((
                    out.to_owned(),
                    io::Error::other("a writing thread panicked"),
                ))
            });
            written += done?;
        }
        Ok(written)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("smithy-codegen-write-{}", std::process::id()));
        let path = dir.join("nested/file.rs");
        assert!(write_if_changed(&path, "a").unwrap());
        assert!(!write_if_changed(&path, "a").unwrap());
        assert!(write_if_changed(&path, "b").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "b");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn files_are_written_on_several_threads_once_each() {
        let dir = std::env::temp_dir().join(format!("smithy-codegen-files-{}", std::process::id()));
        let files: BTreeMap<PathBuf, String> = (0..40)
            .map(|n| {
                let path = PathBuf::from(format!("src/m{}/f{n}.rs", n % 3));
                (path, format!("// {n}\n"))
            })
            .collect();
        for threads in [1, 2, 5] {
            let _ = std::fs::remove_dir_all(&dir);
            assert_eq!(write_files(&dir, &files, threads).unwrap(), 40);
            for (path, contents) in &files {
                assert_eq!(&std::fs::read_to_string(dir.join(path)).unwrap(), contents);
            }
            // Unchanged: nothing written again.
            assert_eq!(write_files(&dir, &files, threads).unwrap(), 0);
        }
        let mut changed = files.clone();
        changed.insert(PathBuf::from("src/m1/f1.rs"), "// changed\n".into());
        assert_eq!(write_files(&dir, &changed, 2).unwrap(), 1);
        // A file where a directory must go: the error names that path.
        std::fs::write(dir.join("blocked"), "").unwrap();
        let blocked = BTreeMap::from([(PathBuf::from("blocked/f.rs"), String::new())]);
        let (path, _) = write_files(&dir, &blocked, 2).unwrap_err();
        assert_eq!(path, dir.join("blocked"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
