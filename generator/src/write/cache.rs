//! The build-script cache: [`crate::Config::compile`] skips generating when nothing it is
//! made from changed and its output is still there as it was written.
//!
//! Cargo reruns a build script when a model file's timestamp changes (a checkout, a `touch`,
//! an edit undone) or when the build script itself is rebuilt. The first must not cost a
//! generation; the second must always regenerate, since the generator may have changed
//! without its version number. So the key hashes:
//! - what was asked (the kind of output, the [`crate::Config`], the model paths as given),
//! - the generator: its version and the identity of the running executable (its size and
//!   modification time; a build script links the generator in, so a rebuilt generator is a
//!   new executable),
//! - every model file the paths name (directories walked as the loader walks them): its path
//!   and its bytes.
//!
//! The record lives beside the output, in `<out dir>/.smithy-codegen-<job>.json`, where `<job>`
//! is the hash of what was asked alone (so that two `compile` calls sharing an out dir keep a
//! record each). It holds the key, the path and hash of every file written (the output and the
//! runtime files it declares), and what a hit must still tell Cargo: the files read
//! (`rerun-if-changed`) and the warnings.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde_json::{json, Value};

/// What a generation produced, as the record remembers it.
#[derive(Debug, PartialEq)]
pub struct Entry {
    pub output: PathBuf,
    /// The model files read, for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

/// The record's name and the key its entry must match.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    job: String,
    key: String,
}

/// A 128-bit hash from two differently seeded SipHashes: collisions are out of reach for a
/// cache, and the standard library has it.
struct Hash128(DefaultHasher, DefaultHasher);

impl Hash128 {
    fn new() -> Self {
        let mut second = DefaultHasher::new();
        second.write(b"smithy-codegen cache, second half");
        Hash128(DefaultHasher::new(), second)
    }

    /// Length-prefixed, so that the boundaries between parts are part of the hash.
    fn part(&mut self, bytes: &[u8]) {
        for h in [&mut self.0, &mut self.1] {
            h.write_u64(bytes.len() as u64);
            h.write(bytes);
        }
    }

    fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.0.finish(), self.1.finish())
    }
}

/// The running generator: its version and executable. `None` when the executable cannot be
/// identified; then nothing is cached.
fn generator_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len(),
        modified.as_nanos()
    ))
}

/// The fingerprint of a job (`job` describes what was asked) over `models`; `None` when a
/// model path or file cannot be read (generation then runs and reports it) or the generator
/// cannot be identified.
pub fn fingerprint<P: AsRef<Path>>(job: &str, models: &[P]) -> Option<Fingerprint> {
    let mut asked = Hash128::new();
    asked.part(job.as_bytes());
    for model in models {
        asked.part(model.as_ref().as_os_str().as_encoded_bytes());
    }
    let mut key = Hash128::new();
    key.part(asked.hex().as_bytes());
    key.part(generator_identity()?.as_bytes());
    for file in crate::load::model_files(models).ok()? {
        key.part(file.as_os_str().as_encoded_bytes());
        key.part(&fs::read(&file).ok()?);
    }
    Some(Fingerprint {
        job: asked.hex(),
        key: key.hex(),
    })
}

fn record_path(out_dir: &Path, fingerprint: &Fingerprint) -> PathBuf {
    out_dir.join(format!(".smithy-codegen-{}.json", fingerprint.job))
}

fn content_hash(bytes: &[u8]) -> String {
    let mut h = Hash128::new();
    h.part(bytes);
    h.hex()
}

/// The entry recorded for `fingerprint` in `out_dir`, if its key matches and every file it
/// wrote is still there, unchanged.
pub fn lookup(out_dir: &Path, fingerprint: &Fingerprint) -> Option<Entry> {
    let record: Value =
        serde_json::from_slice(&fs::read(record_path(out_dir, fingerprint)).ok()?).ok()?;
    if record.get("key")?.as_str()? != fingerprint.key {
        return None;
    }
    let output = PathBuf::from(record.get("output")?.as_str()?);
    for file in record.get("written")?.as_array()? {
        let [path, hash] = file.as_array()?.as_slice() else {
            return None;
        };
        if hash.as_str()? != content_hash(&fs::read(path.as_str()?).ok()?) {
            return None;
        }
    }
    let strings = |name: &str| -> Option<Vec<String>> {
        record
            .get(name)?
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    Some(Entry {
        output,
        files: strings("files")?.into_iter().map(PathBuf::from).collect(),
        warnings: strings("warnings")?,
    })
}

/// Records `entry` for `fingerprint`, with every file the generation wrote (its output
/// among them) and what it wrote there. A record that cannot be written only costs the next
/// build a generation, so the error is the caller's to ignore.
pub fn store(
    out_dir: &Path,
    fingerprint: &Fingerprint,
    entry: &Entry,
    written: &[(PathBuf, &str)],
) -> std::io::Result<()> {
    // Paths that are not UTF-8 cannot be recorded faithfully: leave no record.
    let text = |p: &Path| p.to_str().map(str::to_owned);
    let written = written
        .iter()
        .map(|(path, contents)| Some(json!([text(path)?, content_hash(contents.as_bytes())])))
        .collect::<Option<Vec<_>>>();
    let (Some(output), Some(files), Some(written)) = (
        text(&entry.output),
        entry
            .files
            .iter()
            .map(|f| text(f))
            .collect::<Option<Vec<_>>>(),
        written,
    ) else {
        return Ok(());
    };
    let record = json!({
        "key": fingerprint.key,
        "output": output,
        "written": written,
        "files": files,
        "warnings": entry.warnings,
    });
    fs::write(record_path(out_dir, fingerprint), record.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "smithy-codegen-cache-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_key_follows_the_model_bytes_and_the_job() {
        let dir = temp_dir("key");
        let model = dir.join("m.json");
        fs::write(&model, r#"{"smithy": "2.0", "shapes": {}}"#).unwrap();
        let first = fingerprint("lib", &[&model]).unwrap();
        assert_eq!(fingerprint("lib", &[&model]), Some(first.clone()));
        // Another job: another record and key.
        let other = fingerprint("cli", &[&model]).unwrap();
        assert_ne!(other.job, first.job);
        assert_ne!(other.key, first.key);
        // The same job over changed bytes: the same record, another key.
        fs::write(&model, r#"{"smithy": "2.0", "shapes": {} }"#).unwrap();
        let changed = fingerprint("lib", &[&model]).unwrap();
        assert_eq!(changed.job, first.job);
        assert_ne!(changed.key, first.key);
        // A new file in a model directory changes the key too.
        let by_dir = fingerprint("lib", &[&dir]).unwrap();
        fs::write(dir.join("n.json"), r#"{"smithy": "2.0"}"#).unwrap();
        assert_ne!(fingerprint("lib", &[&dir]).unwrap().key, by_dir.key);
        // An unreadable model: no fingerprint, generation reports the problem.
        assert_eq!(fingerprint("lib", &[dir.join("missing.json")]), None);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_record_is_found_only_for_its_key_and_unchanged_output() {
        let dir = temp_dir("record");
        let model = dir.join("m.json");
        fs::write(&model, r#"{"smithy": "2.0", "shapes": {}}"#).unwrap();
        let fp = fingerprint("lib", &[&model]).unwrap();
        let output = dir.join("out.rs");
        fs::write(&output, "pub struct A;\n").unwrap();
        let runtime = dir.join("primitives/blob.rs");
        fs::create_dir_all(runtime.parent().unwrap()).unwrap();
        fs::write(&runtime, "pub struct Blob;\n").unwrap();
        let entry = Entry {
            output: output.clone(),
            files: vec![model.clone()],
            warnings: vec!["warning: line one\nline two".to_owned()],
        };
        assert_eq!(lookup(&dir, &fp), None, "nothing recorded yet");
        let written = [
            (output.clone(), "pub struct A;\n"),
            (runtime.clone(), "pub struct Blob;\n"),
        ];
        store(&dir, &fp, &entry, &written).unwrap();
        assert_eq!(lookup(&dir, &fp), Some(entry));
        fs::write(&runtime, "pub struct Edited;\n").unwrap();
        assert_eq!(lookup(&dir, &fp), None, "a runtime file was edited");
        fs::write(&runtime, "pub struct Blob;\n").unwrap();
        assert!(lookup(&dir, &fp).is_some());
        let other_key = Fingerprint {
            job: fp.job.clone(),
            key: "0".repeat(32),
        };
        assert_eq!(lookup(&dir, &other_key), None);
        fs::write(&output, "pub struct B;\n").unwrap();
        assert_eq!(lookup(&dir, &fp), None, "the output was edited");
        fs::remove_file(&output).unwrap();
        assert_eq!(lookup(&dir, &fp), None, "the output is gone");
        fs::remove_dir_all(dir).unwrap();
    }
}
