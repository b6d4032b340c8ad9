//! Building and running what users build, outside this workspace: the shared target directory, the build
//! folders (the same on every run of a checkout, so only changed files are rewritten), bounded cargo builds and
//! program runs, and the isolated environment a built command line runs in. Used by `outside_workspace.rs` and
//! `cli_streams_and_compression.rs` (as `#[path]` modules, so other test binaries do not carry it).

#![allow(dead_code)] // each test file uses its own part of this

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::path_str;

/// The longest one cargo build may take (a cold build of rustls, ring and the generator on a busy machine
/// takes a few minutes; waiting for the other test's build holding the target directory counts too).
pub const BUILD_LIMIT: Duration = Duration::from_secs(20 * 60);
/// The longest a built program may run.
pub const RUN_LIMIT: Duration = Duration::from_secs(30);

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The target directory the outside builds share, beside the workspace's own (`<target>/tmp` is
/// Cargo's): the one the workspace tests build their generated crates in (the tests crate's
/// `generated_crates_target`), so the dependencies built with the same flags are shared.
pub fn outside_target() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../generated-crates");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir.canonicalize().unwrap_or(dir)
}

/// Where a test's crates are built: outside the workspace (a crate inside it would be taken for one of its
/// members), at the same path on every run of this checkout, so that the shared target directory holds one
/// build of each rather than one per run.
pub fn build_dir(label: &str) -> PathBuf {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(env!("CARGO_MANIFEST_DIR"), &mut hasher);
    let checkout = std::hash::Hasher::finish(&hasher);
    std::env::temp_dir().join(format!("smithy-codegen-outside-{checkout:016x}/{label}"))
}

/// A fresh, empty directory for `label`'s files, to be moved into [`build_dir`] with [`sync`].
pub fn staging_dir(label: &str) -> PathBuf {
    let dir = build_dir(label).with_extension("staging");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Makes `to` hold exactly the files of `from` (then removed): files that changed are written, others left
/// untouched (so Cargo sees unchanged crates as built), files `from` lacks deleted.
pub fn sync(from: &Path, to: &Path) {
    fn files(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path();
            if path.is_dir() {
                files(&path, base, out);
            } else {
                out.push(path.strip_prefix(base).expect("below base").to_path_buf());
            }
        }
    }
    let (mut new, mut old) = (Vec::new(), Vec::new());
    files(from, from, &mut new);
    files(to, to, &mut old);
    for path in old.iter().filter(|p| !new.contains(p)) {
        std::fs::remove_file(to.join(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    for path in &new {
        let contents = std::fs::read(from.join(path)).unwrap_or_else(|e| panic!("{e}"));
        if std::fs::read(to.join(path)).ok().as_deref() != Some(&contents[..]) {
            write(to.join(path), &contents);
        }
    }
    let _ = std::fs::remove_dir_all(from);
}

pub fn write(path: impl AsRef<Path>, contents: impl AsRef<[u8]>) {
    let path = path.as_ref();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Runs `command` to its end or kills it after `limit`; the test fails when it has to be killed.
pub fn run_bounded(command: &mut Command, limit: Duration, what: &str) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
                panic!("{what} did not finish within {limit:?}; killed. stderr:\n{stderr}");
            }
            Err(e) => panic!("waiting for {what}: {e}"),
        }
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

/// `cargo build --offline` of `manifest` with `args`, into the shared target directory, warnings denied; fails
/// the test with cargo's own output when the build fails. Prints how long it took (`--nocapture` shows it).
pub fn cargo_build(manifest: &Path, args: &[&str]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["build", "--offline", "--manifest-path", path_str(manifest)])
        .args(args)
        .env("CARGO_TARGET_DIR", outside_target())
        .env("RUSTFLAGS", "-D warnings")
        // Debug info is nothing these tests look at; without it the builds take less time and disk.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_INCREMENTAL", "0")
        // What the outer cargo sets for this test would point the inner one elsewhere or override RUSTFLAGS.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_MANIFEST_PATH")
        .env_remove("CARGO_PRIMARY_PACKAGE");
    let what = format!("cargo build {} {}", manifest.display(), args.join(" "));
    let start = Instant::now();
    let output = run_bounded(&mut command, BUILD_LIMIT, &what);
    eprintln!("{what}: {:.1} s", start.elapsed().as_secs_f64());
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The environment a built command line runs in: only what the test gives, credentials static, instance
/// metadata off, empty configuration files, a home of its own.
pub fn isolated(program: &Path, home: &Path) -> Command {
    let config = home.join("config");
    let credentials = home.join("credentials");
    write(&config, "");
    write(&credentials, "");
    let mut command = Command::new(program);
    command
        .env_clear()
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "AKIDOUTSIDEEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "outside-secret-key")
        .env("AWS_REGION", "us-east-1");
    command
}
