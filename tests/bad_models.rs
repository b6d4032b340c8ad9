//! Broken models (`models/bad/*.json`): every error says where the problem is, several
//! problems are reported together, and no corruption of a real model makes the generator
//! panic.

use std::collections::BTreeSet;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use smithy_codegen::Error;
use smithy_codegen_tests::{model_dir, repo_root};

fn bad_model(name: &str) -> PathBuf {
    repo_root().join("tests/models/bad").join(name)
}

/// The diagnostics of a model that must fail with model errors.
fn model_errors(name: &str) -> String {
    let path = bad_model(name);
    assert!(path.is_file(), "{} is missing", path.display());
    match smithy_codegen::run(&[&path], None) {
        Ok(_) => panic!("{name}: expected model errors, but generation succeeded"),
        Err(Error::Model(diagnostics)) => {
            assert!(diagnostics.has_errors(), "{name}: {diagnostics}");
            diagnostics.to_string()
        }
        Err(other) => panic!("{name}: expected model errors, got: {other}"),
    }
}

fn assert_contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "`{needle}` not in:\n{text}");
    }
}

/// The number of `error:` lines.
fn error_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("error: ")).collect()
}

#[test]
fn bad_json_names_file_line_and_column() {
    let text = model_errors("bad-json.json");
    // The second comma of line 4.
    assert_contains(&text, &["bad-json.json:4:37", "invalid JSON"]);
    assert_eq!(error_lines(&text).len(), 1, "{text}");
}

#[test]
fn unsupported_smithy_version_names_file_and_version() {
    let text = model_errors("unsupported-version.json");
    assert_contains(
        &text,
        &[
            "unsupported-version.json",
            "unsupported Smithy version `3.0`",
        ],
    );
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let text = model_errors("unknown-shape-type.json");
    assert_contains(
        &text,
        &[
            "unknown-shape-type.json",
            "com.bad#Widget",
            "unknown shape type `strang`",
        ],
    );
}

#[test]
fn missing_member_target_names_member_and_target() {
    let text = model_errors("missing-target.json");
    assert_contains(
        &text,
        &[
            "missing-target.json",
            "com.bad#OpInput$gadget",
            "`com.bad#Gadget`",
            "not defined",
        ],
    );
    // The member whose target exists is not blamed.
    assert!(!text.contains("$ok"), "{text}");
    assert_eq!(error_lines(&text).len(), 1, "{text}");
}

#[test]
fn invalid_shape_id_names_the_place_and_the_id() {
    let text = model_errors("invalid-shape-id.json");
    assert_contains(
        &text,
        &[
            "invalid-shape-id.json",
            "com.bad#Names$member",
            "invalid shape ID `com.bad#Not A Name`",
        ],
    );
}

#[test]
fn shape_names_equal_but_for_case_collide() {
    // `com.a#fooBar` and `com.a#FooBar`, both reachable: Smithy refuses them (unless the
    // service renames one), and so does resolution. Names that differ in Smithy and only
    // collide in Rust (`Foo_Bar`, `FooBar`) generate: `models/hostile/name_collisions.json`.
    let text = model_errors("shape-name-collision.json");
    assert_contains(
        &text,
        &[
            "shape-name-collision.json",
            "`com.a#fooBar`",
            "`com.a#FooBar`",
            "conflict",
            "rename",
        ],
    );
}

#[test]
fn member_names_equal_but_for_case_conflict() {
    // Member IDs `OpInput$fooBar` and `OpInput$FooBar` differ only in case, which Smithy
    // refuses; `foo_bar` is a different name (it generates as `foo_bar_2`).
    let text = model_errors("member-case-conflict.json");
    assert_contains(
        &text,
        &[
            "member-case-conflict.json",
            "com.bad#OpInput",
            "`fooBar` and `FooBar`",
            "conflict",
        ],
    );
    assert!(!text.contains("`foo_bar`"), "{text}");
    assert_eq!(error_lines(&text).len(), 1, "{text}");
}

/// One problem, one diagnostic: no line is reported twice.
#[test]
fn each_problem_is_reported_once() {
    let mut names: Vec<String> = fs::read_dir(repo_root().join("tests/models/bad"))
        .unwrap_or_else(|err| panic!("{err}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    let mut repeated = Vec::new();
    for name in &names {
        let text = model_errors(name);
        let mut seen = BTreeSet::new();
        for line in error_lines(&text) {
            if !seen.insert(line) {
                repeated.push(format!("{name}: {line}"));
            }
        }
    }
    assert!(
        repeated.is_empty(),
        "diagnostics reported more than once:\n{}",
        repeated.join("\n")
    );
}

#[test]
fn several_load_errors_are_reported_together() {
    let text = model_errors("several-errors.json");
    assert_contains(
        &text,
        &[
            "com.bad#Widget: unknown shape type `strang`",
            "com.bad#Names$member",
            "invalid shape ID `not an id`",
            "com.bad#Plain: `traits` must be an object, found an array",
            "invalid shape ID `not-a-shape-id`",
            "4 errors",
        ],
    );
    assert_eq!(error_lines(&text).len(), 4, "{text}");
}

#[test]
fn several_resolve_errors_are_reported_together() {
    let text = model_errors("several-resolve-errors.json");
    assert_contains(
        &text,
        &[
            "com.bad#OpInput$gadget",
            "`com.bad#Gadget`",
            "com.bad#OpInput$sprocket",
            "`com.bad#Sprocket`",
            "com.bad#Op",
            "`com.bad#NotAnError`",
            "error",
            "3 errors",
        ],
    );
    assert_eq!(error_lines(&text).len(), 3, "{text}");
}

/// Numbers are read exactly, whatever their size, and refused only where the type of the
/// shape they are for cannot hold them (Smithy's node validation: integer types take
/// integers written without a fraction or exponent, in their range; `range` bounds of
/// integer types are whole), each error naming the member.
#[test]
fn numbers_beyond_their_types_name_the_member() {
    let text = model_errors("numbers-beyond-their-types.smithy");
    assert_contains(
        &text,
        &[
            "bad.numbers#PutInput$tooBigForByte: default value 300 is out of range for a byte",
            "bad.numbers#PutInput$tooBigForLong: default value 9223372036854775808 is out of range",
            "bad.numbers#PutInput$tooBigForDouble: default value 1e400 is out of range",
            "bad.numbers#PutInput$exponentForBigInteger: default value 1e2 must be written as an integer",
            "bad.numbers#PutInput$fractionalBound: the `range` trait's `min` 1.5 has a fraction",
            "5 errors",
        ],
    );
    assert!(!text.contains("hugeBoundsAreFine"), "{text}");
    assert!(!text.contains("hugeDecimalIsFine"), "{text}");
}

/// The real model, truncated and corrupted in many ways: the pipeline must return Ok or
/// Err, never panic. A successful run must also render (an `Internal` error or a render
/// failure is a generator bug by the generator's own definition).
#[test]
fn corrupted_models_never_panic() {
    let original =
        fs::read(model_dir().join("socialmessaging.json")).unwrap_or_else(|err| panic!("{err}"));
    let len = original.len();

    // Rendering is slow; a change inside documentation text only changes doc strings, so
    // such runs are checked for panics but not rendered.
    let docs = documentation_ranges(&original);
    let in_docs = |at: usize| docs.iter().any(|r| r.contains(&at));

    let mut mutations: Vec<Mutation> = Vec::new();
    // Sparse enough to keep the suite quick whatever the model's size (about 225 cuts and 750 places, spread
    // over the whole file); the fuzz targets (FUZZING.md) go much further.
    let mut cuts: BTreeSet<usize> = (0..len).step_by((len / 225).max(1)).collect();
    cuts.extend((len.saturating_sub(64)..len).chain(0..64));
    for cut in cuts {
        mutations.push(Mutation {
            label: format!("truncated to {cut} bytes"),
            bytes: original[..cut].to_vec(),
            render: true,
        });
    }
    for at in (0..len).step_by((len / 750).max(1)) {
        for replacement in [b'"', b'}', b'0', b'#'] {
            if original[at] == replacement {
                continue;
            }
            let mut bytes = original.clone();
            bytes[at] = replacement;
            mutations.push(Mutation {
                label: format!(
                    "byte {at} ({:?}) replaced with {:?}",
                    original[at] as char, replacement as char
                ),
                bytes,
                render: !in_docs(at),
            });
        }
    }
    let total = mutations.len();
    assert!(total > 2_500, "only {total} mutations");

    let dir = repo_root().join("target/bad-models-sweep");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));

    // Panics are caught and reported below; keep the default hook from printing thousands.
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));

    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let ok_runs = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get().min(16));
    std::thread::scope(|scope| {
        for worker in 0..threads {
            let (next, failures, ok_runs, mutations, dir) =
                (&next, &failures, &ok_runs, &mutations, &dir);
            scope.spawn(move || {
                let path = dir.join(format!("worker-{worker}.json"));
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(mutation) = mutations.get(i) else {
                        break;
                    };
                    match run_one(&path, &mutation.bytes, mutation.render) {
                        Ok(true) => {
                            ok_runs.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(false) => {}
                        Err(problem) => {
                            if let Ok(mut failures) = failures.lock() {
                                failures.push(format!("{}: {problem}", mutation.label));
                            }
                        }
                    }
                }
            });
        }
    });
    panic::set_hook(previous_hook);
    let _ = fs::remove_dir_all(&dir);

    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    assert!(
        failures.is_empty(),
        "{} of {total} mutations of model/socialmessaging.json broke the generator:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Not vacuous: some mutations (e.g. inside documentation) still generate code.
    assert!(ok_runs.load(Ordering::Relaxed) > 0);
}

struct Mutation {
    label: String,
    bytes: Vec<u8>,
    /// Also render generated code to a formatted file.
    render: bool,
}

/// The byte ranges of `smithy.api#documentation` string values.
fn documentation_ranges(text: &[u8]) -> Vec<std::ops::Range<usize>> {
    const KEY: &[u8] = b"\"smithy.api#documentation\": \"";
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].windows(KEY.len()).position(|w| w == KEY) {
        let start = from + found + KEY.len();
        let mut end = start;
        while end < text.len() && text[end] != b'"' {
            end += if text[end] == b'\\' { 2 } else { 1 };
        }
        ranges.push(start..end.min(text.len()));
        from = end.min(text.len());
    }
    ranges
}

/// Writes `bytes` to `path` and runs the pipeline on it (rendering what it generated when
/// `render`): whether it generated code, or what went wrong in the generator.
fn run_one(path: &Path, bytes: &[u8], render: bool) -> Result<bool, String> {
    fs::write(path, bytes).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        match smithy_codegen::run(&[path], None) {
            Ok(_) if !render => Ok(true),
            Ok(output) => smithy_codegen::write::single_file(&output.code)
                .map(|_| true)
                .map_err(|err| err.to_string()),
            Err(Error::Internal(message)) => Err(format!("internal error: {message}")),
            Err(_) => Ok(false),
        }
    }));
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(non-string payload)".to_owned());
            Err(format!("panicked: {message}"))
        }
    }
}
