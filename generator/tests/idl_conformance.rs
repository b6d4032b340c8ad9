//! Smithy's own IDL loader cases (`../shared/smithy-tests/`, see its README), run through
//! `ast --flatten` (the library function [`ast::load_to_json`], not the binary).
//!
//! Checks, each named after the file it is about (relative to `smithy-tests/`):
//! - `idl-valid/X.json`: `X.json` + `__shared.json` loads and prints;
//! - `idl-valid/X.smithy`: `X.smithy` + `__shared.json` prints the same document as
//!   `X.json` + `__shared.json` (or, when there is no `X.json`, loads and prints);
//! - `idl-valid/X.flattened.smithy`: prints the same document as `X.smithy` (both with
//!   `__shared.json`, both flattened);
//! - `idl-invalid/Y.smithy`, `idl-invalid/Y.json`: rejected. When the file's first-line
//!   comment (Smithy's own message) says `Syntax error at line L`, an error must point at
//!   line L; when it starts with the shape at fault (`ns#Shape$member: ...`), an error must
//!   name that shape.
//!
//! Checks known to fail are in [`SKIP`], with why. The list only shrinks: a skipped check
//! that passes fails the test, so that it is taken off the list.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use smithy_codegen::model::ShapeId;
use smithy_codegen::{ast, Diagnostics, Location};
use support::{files_under, smithy_tests};

/// Checks known to fail: (check name, reason). Empty: every case passes. A listed case that
/// passes fails the test, so the list only shrinks.
const SKIP: &[(&str, &str)] = &[];

const SHARED: &str = "idl-valid/__shared.json";

/// What an invalid case's error must show, from its first-line comment.
#[derive(Debug, PartialEq)]
enum Expect {
    /// `Syntax error at line L, ...`: an error at line L.
    Line(usize),
    /// `ns#Shape$member: reason`: an error naming the shape.
    Shape(ShapeId),
    /// Any other message (or none): rejected.
    Rejected,
}

fn expectation(first_line: &str) -> Expect {
    let Some(comment) = first_line.trim().strip_prefix("//") else {
        return Expect::Rejected;
    };
    let comment = comment.trim();
    if let Some((_, after)) = comment.split_once("Syntax error at line ") {
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(line) = digits.parse() {
            return Expect::Line(line);
        }
    }
    comment
        .split_once(": ")
        .and_then(|(head, _)| ShapeId::parse(head).ok())
        .map_or(Expect::Rejected, |id| Expect::Shape(id.root()))
}

/// Whether `text` contains `needle` not followed by more of an identifier or number.
fn mentions(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        text[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// `None` when the rejection shows what Smithy's message does, else what is missing.
fn judge_rejection(diags: &Diagnostics, expect: &Expect) -> Option<String> {
    match expect {
        Expect::Rejected => None,
        Expect::Line(line) => {
            let at_line = diags.0.iter().any(|d| {
                matches!(&d.location, Location::File { line: Some(l), .. } if l == line)
                    || mentions(&d.message, &format!("line {line}"))
            });
            (!at_line).then(|| format!("no error points at line {line}"))
        }
        Expect::Shape(shape) => {
            let names = diags.0.iter().any(|d| {
                matches!(&d.location, Location::Shape { id, .. } if id.root() == *shape)
                    || mentions(&d.to_string(), &shape.to_string())
            });
            (!names).then(|| format!("no error names `{shape}`"))
        }
    }
}

/// One check: its name (a file relative to `smithy-tests/`) and how to run it.
struct Check {
    name: String,
    run: Box<dyn Fn() -> Result<(), String>>,
}

fn print_flat(paths: &[PathBuf]) -> Result<Value, String> {
    ast::load_to_json(paths, true).map_err(|diags| diags.to_string())
}

/// The first place two documents differ, for messages.
fn first_difference(left: &Value, right: &Value, path: &str) -> String {
    match (left, right) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) if x == y => {}
                    (Some(x), Some(y)) => return first_difference(x, y, &format!("{path}/{key}")),
                    (Some(_), None) => return format!("{path}/{key}: only on the left"),
                    _ => return format!("{path}/{key}: only on the right"),
                }
            }
            format!("{path}: equal")
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| first_difference(x, y, &format!("{path}/{i}")))
            .unwrap_or_else(|| format!("{path}: equal")),
        _ => format!("{path}: {left} vs {right}"),
    }
}

fn same_documents(left: &[PathBuf], right: &[PathBuf]) -> Result<(), String> {
    let left_doc = print_flat(left)?;
    let right_doc = print_flat(right)?;
    if left_doc == right_doc {
        Ok(())
    } else {
        Err(format!(
            "{} and {} print different documents, first at {}",
            left[0].display(),
            right[0].display(),
            first_difference(&left_doc, &right_doc, "")
        ))
    }
}

fn name_of(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn checks(root: &Path) -> Vec<Check> {
    let shared = root.join(SHARED);
    let mut checks = Vec::new();
    // Whether `.smithy` files load at all; invalid `.smithy` cases cannot be judged otherwise.
    let empty = root.join("idl-valid/empty.smithy");
    let idl_loads = ast::load_to_json(&[empty], false).is_ok();

    for path in files_under(&root.join("idl-valid")) {
        let name = name_of(root, &path);
        if name == SHARED {
            continue;
        }
        let with_shared = vec![path.clone(), shared.clone()];
        let file = name.rsplit('/').next().unwrap_or_default().to_owned();
        let run: Box<dyn Fn() -> Result<(), String>> =
            if let Some(base) = file.strip_suffix(".flattened.smithy") {
                let original = vec![
                    path.with_file_name(format!("{base}.smithy")),
                    shared.clone(),
                ];
                Box::new(move || same_documents(&with_shared, &original))
            } else if let Some(base) = file.strip_suffix(".smithy") {
                let json = path.with_file_name(format!("{base}.json"));
                if json.exists() {
                    let json = vec![json, shared.clone()];
                    Box::new(move || same_documents(&with_shared, &json))
                } else {
                    Box::new(move || print_flat(&with_shared).map(drop))
                }
            } else if file.ends_with(".json") {
                Box::new(move || print_flat(&with_shared).map(drop))
            } else {
                continue;
            };
        checks.push(Check { name, run });
    }

    for path in files_under(&root.join("idl-invalid")) {
        let name = name_of(root, &path);
        let reads_idl = name.ends_with(".smithy");
        if !reads_idl && !name.ends_with(".json") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{name}: {err}"));
        let expect = expectation(text.lines().next().unwrap_or_default());
        let run = move || {
            if reads_idl && !idl_loads {
                return Err("cannot be judged: `.smithy` files do not load".to_owned());
            }
            match ast::load_to_json(std::slice::from_ref(&path), true) {
                Ok(_) => Err(format!("accepted; Smithy rejects it ({expect:?})")),
                Err(diags) => judge_rejection(&diags, &expect).map_or(Ok(()), |problem| {
                    Err(format!("{problem}; the errors:\n{diags}"))
                }),
            }
        };
        checks.push(Check {
            name,
            run: Box::new(run),
        });
    }
    checks
}

#[test]
fn smithy_idl_conformance() {
    let root = smithy_tests();
    let checks = checks(&root);
    let mut problems = Vec::new();
    for (i, (name, _)) in SKIP.iter().enumerate() {
        if !checks.iter().any(|c| c.name == *name) {
            problems.push(format!("SKIP names `{name}`, which is not a check"));
        }
        if SKIP[..i].iter().any(|(other, _)| other == name) {
            problems.push(format!("SKIP names `{name}` twice"));
        }
    }

    let (mut passed, mut failed, mut skipped_listed) = (0, 0, 0);
    let mut to_skip = Vec::new();
    for check in &checks {
        let listed = SKIP.iter().any(|(name, _)| *name == check.name);
        match ((check.run)(), listed) {
            (Ok(()), false) => passed += 1,
            (Err(why), false) => {
                failed += 1;
                problems.push(format!("{} fails: {why}", check.name));
                to_skip.push(format!("    (\"{}\", \"...\"),", check.name));
            }
            (Err(_), true) => skipped_listed += 1,
            (Ok(()), true) => problems.push(format!(
                "{} passes, but SKIP lists it: take it off the list",
                check.name
            )),
        }
    }
    let summary = format!(
        "Smithy IDL conformance: {} checks: {passed} pass, {failed} fail, {skipped_listed} \
         skipped in SKIP",
        checks.len()
    );
    println!("{summary}");
    if !problems.is_empty() {
        let mut message = format!("{summary}\n\n{}", problems.join("\n\n"));
        if !to_skip.is_empty() {
            message.push_str(&format!(
                "\n\nto skip what fails (with the reason each fails), add to SKIP:\n{}",
                to_skip.join("\n")
            ));
        }
        panic!("{message}");
    }
}

#[test]
fn expectations_are_read_from_smithy_messages() {
    let line = "// Syntax error at line 7, column 1: Expected RBRACE('}') but found EOF | Model";
    assert_eq!(expectation(line), Expect::Line(7));
    let both = "// smithy.example#Foo: Syntax error at line 8, column 5: Found conflicting member";
    assert_eq!(expectation(both), Expect::Line(8));
    let shape = "// smithy.example#Foo$BAR: enum members can only be assigned string values";
    assert_eq!(
        expectation(shape),
        Expect::Shape(ShapeId::new("smithy.example", "Foo"))
    );
    let other = "// Missing required member of shape `com.foo#MyList`: member";
    assert_eq!(expectation(other), Expect::Rejected);
    assert_eq!(expectation("{"), Expect::Rejected);

    let at = |line: usize, message: &str| {
        Diagnostics(vec![smithy_codegen::Diagnostic::error(
            Location::File {
                path: PathBuf::from("a.smithy"),
                line: Some(line),
                column: Some(12),
            },
            message,
        )])
    };
    assert_eq!(judge_rejection(&at(7, "x"), &Expect::Line(7)), None);
    assert!(judge_rejection(&at(12, "x"), &Expect::Line(1)).is_some());
    assert!(judge_rejection(&at(1, "bad at line 17"), &Expect::Line(1)).is_none());
    assert!(judge_rejection(&at(2, "bad at line 17"), &Expect::Line(1)).is_some());
    let foo = Expect::Shape(ShapeId::new("smithy.example", "Foo"));
    assert!(judge_rejection(&at(2, "`smithy.example#Foo$BAR` is bad"), &foo).is_none());
    assert!(judge_rejection(&at(2, "`smithy.example#FooBar` is bad"), &foo).is_some());
}
