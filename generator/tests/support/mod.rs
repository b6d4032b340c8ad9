//! Shared by the tests of the `smithy-codegen` binary (`cli.rs`, `cli_ast.rs`): running it, checking its exit
//! code, fresh directories and paths as arguments.

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
