//! Finding the model files: explicit `.json` and `.smithy` files and directories searched
//! recursively.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

fn file_error(diags: &mut Diagnostics, path: &Path, message: impl Into<String>) {
    let location = Location::File {
        path: path.to_path_buf(),
        line: None,
        column: None,
    };
    diags.push(Diagnostic::error(location, message));
}

/// A JSON AST (`.json`) or IDL (`.smithy`) file.
fn is_model_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "json") || crate::idl::is_idl_file(path)
}

/// Every model file named by `paths`, in argument order; a directory contributes its
/// `*.json` and `*.smithy` files sorted by path. A file reached twice is listed once.
pub(super) fn collect_model_files<P: AsRef<Path>>(
    paths: &[P],
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for path in paths {
        let path = path.as_ref();
        let found = match fs::metadata(path) {
            Err(err) => {
                file_error(diags, path, format!("cannot read: {err}"));
                continue;
            }
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                let mut visited = BTreeSet::new();
                walk(path, &mut found, &mut visited, diags);
                if found.is_empty() {
                    file_error(
                        diags,
                        path,
                        "the directory contains no .json files and no .smithy files",
                    );
                }
                found.sort();
                found
            }
            Ok(_) if is_model_file(path) => vec![path.to_path_buf()],
            Ok(_) => {
                file_error(
                    diags,
                    path,
                    "expected a .json file, a .smithy file or a directory",
                );
                continue;
            }
        };
        for file in found {
            let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if seen.insert(key) {
                files.push(file);
            }
        }
    }
    files
}

/// Collects `*.json` and `*.smithy` under `dir`; `visited` stops symlink cycles.
fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    visited: &mut BTreeSet<PathBuf>,
    diags: &mut Diagnostics,
) {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            file_error(diags, dir, format!("cannot read directory: {err}"));
            return;
        }
    };
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(err) => {
                file_error(diags, dir, format!("cannot read directory entry: {err}"));
                continue;
            }
        };
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, found, visited, diags),
            Ok(meta) if meta.is_file() && is_model_file(&path) => found.push(path),
            Ok(_) => {}
            Err(err) => file_error(diags, &path, format!("cannot read: {err}")),
        }
    }
}

/// A fresh, unique, empty directory under the system temp dir, for tests.
#[cfg(test)]
pub(super) fn test_dir(label: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!(
        "smithy-codegen-load-{label}-{}-{n}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("create {}: {err}", dir.display()));
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|err| panic!("{err}"));
        }
        fs::write(path, "{}").unwrap_or_else(|err| panic!("{err}"));
    }

    #[test]
    fn directories_are_searched_recursively_and_sorted() {
        let dir = test_dir("files");
        for name in [
            "b.json",
            "a/z.json",
            "a/b/c.json",
            "a/m.smithy",
            "notes.txt",
            "c.JSON5",
        ] {
            write(&dir.join(name));
        }
        let mut diags = Diagnostics::new();
        let files = collect_model_files(&[&dir, &dir.join("b.json")], &mut diags);
        assert!(diags.is_empty(), "{diags}");
        let relative: Vec<_> = files
            .iter()
            .filter_map(|f| f.strip_prefix(&dir).ok())
            .map(|f| f.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(relative, ["a/b/c.json", "a/m.smithy", "a/z.json", "b.json"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_paths_and_wrong_files_are_errors() {
        let dir = test_dir("bad-paths");
        write(&dir.join("model.txt"));
        fs::create_dir_all(dir.join("empty")).unwrap_or_else(|err| panic!("{err}"));
        let mut diags = Diagnostics::new();
        let paths = [
            dir.join("absent.json"),
            dir.join("model.txt"),
            dir.join("empty"),
        ];
        assert!(collect_model_files(&paths, &mut diags).is_empty());
        let text = diags.to_string();
        assert!(text.contains("absent.json: cannot read"), "{text}");
        assert!(text.contains("model.txt: expected a .json file"), "{text}");
        assert!(
            text.contains("empty: the directory contains no .json files"),
            "{text}"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
