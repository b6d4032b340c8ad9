//! Shared by the tests of the `smithy-codegen` binary (`cli.rs`, `cli_ast.rs`): running it, checking its exit
//! code, fresh directories and paths as arguments; and by the tests that read Smithy's own test material.

#![allow(dead_code)] // each test file uses its own part of this

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_smithy-codegen");

pub const MODEL_ERROR: i32 = 1;
pub const USAGE_ERROR: i32 = 2;
pub const STALE: i32 = 3;

/// Our model, `model/socialmessaging.json`.
pub fn model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/socialmessaging.json")
}

/// A fresh, empty directory for one test, named after the test file, `label` and this process.
pub fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}-{label}-{}-{n}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("cannot run {BIN}: {err}"))
}

/// Runs and checks the exit code; returns (stdout, stderr).
pub fn expect(args: &[&str], code: i32) -> (String, String) {
    let output = run(args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(code),
        "smithy-codegen {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        args.join(" ")
    );
    (stdout, stderr)
}

pub fn path_str(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("not UTF-8: {}", path.display()))
}

/// Smithy's own test material, `../shared/smithy-tests` beside the repository; the test
/// fails loudly when it is missing.
pub fn smithy_tests() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/smithy-tests");
    assert!(
        [
            "definitions",
            "idl-valid",
            "idl-invalid",
            "endpoint-rules",
            "protocol-tests"
        ]
        .iter()
        .all(|folder| root.join(folder).is_dir()),
        "Smithy's test material is missing: expected {} (the shared reference data beside \
         the repository, `../shared/` from the workspace root)",
        root.display()
    );
    fs::canonicalize(&root).unwrap_or(root)
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
