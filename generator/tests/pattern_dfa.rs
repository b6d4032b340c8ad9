//! Patterns compiled to automata must agree with `regress` (the ECMA-262 engine generated
//! crates used before, and still use as the fallback) on every input: hand-picked tricky
//! patterns, random patterns, and every `@pattern` of the reference models in `../shared`.
//! Inputs are drawn from each pattern's own characters, from strings the pattern itself
//! generates (then mutated, or given a final line terminator), and from all of Unicode.
//!
//! What `plan` checks for a pattern both dialects read is the union of the two readings:
//! it must accept exactly what `regress` or the pattern's Java reading (its own automaton,
//! checked against `java.util.regex` in `java/tests.rs`) accepts.
//!
//! `cargo test -p smithy-codegen --test pattern_dfa -- --nocapture` prints how many of the
//! reference models' patterns compile and which fall back, and why.

use std::collections::BTreeSet;
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use smithy_codegen::plan::pattern::parse::{self, Node};
use smithy_codegen::plan::pattern::{
    compile, compile_java_reading, java, plan, Matcher, PatternPlan, Planned, Tables,
};

/// Patterns chosen to break a translation: Annex B oddities, escapes, anchors in odd
/// places, empty loops, every character class, non-BMP code points.
const TRICKY: &[&str] = &[
    "",
    "a",
    "^$",
    "^",
    "$",
    "a|^b",
    "a$|^b",
    "(^a|b)c",
    "x(^|y)z",
    "(a|$)b",
    "a*$",
    "^a*?$",
    "(a*)*b",
    "(a|)+b",
    "(?:a?){3}b",
    "(?:a|^){3}b",
    "(?:$|a){2}",
    "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
    "^arn:.*:[a-z-]+([/:](.*))?$",
    "(^phone-number-id-.*$)|(^arn:.*:phone-number-id/[0-9a-zA-Z]+$)",
    ".",
    "^.$",
    "^.*$",
    "^[^]$",
    "[]",
    "a[]",
    "[^a]",
    "^[\\s]+$",
    "^\\S+$",
    "^[\\S\\s]$",
    "\\w\\W\\d\\D",
    "^[\\w-]+$",
    "[\\d-z]",
    "[a-]",
    "[-a]",
    "[a\\-z]",
    "[\\b]",
    "[\\cJ\\c1\\c_]",
    "[\\c]",
    "[\\c-]",
    "\\c",
    "\\c+",
    "\\cj",
    "a{,2}",
    "a{2,}",
    "a{0}",
    "a{0,0}b",
    "a{1,3}?",
    "x{",
    "x{1",
    "x{1,",
    "}",
    "]",
    "a}",
    "\\{\\}",
    "\\x41\\x4",
    "\\xg",
    "\\u0041",
    "\\u004",
    "\\u{41}",
    "\\u{1F980}",
    "\\u{}",
    "\\u+041",
    "\\uD83E\\uDD80",
    "\\uD83E",
    "[\\uD800-\\uDFFF]",
    "[\\u0000-\\uFFFF]",
    "\\uD83E\\u0041",
    "\\0",
    "\\08",
    "[\\0]",
    "[\\1]",
    "[\\12]",
    "[\\123]",
    "[\\477]",
    "[\\8]",
    "\\a\\e\\g\\-\\~\\/",
    "\\p{L}",
    "\\t\\n\\r\\f\\v",
    "(?<name>a)b",
    "(?:)",
    "()",
    "(|a)",
    "^[é漢🦀]+$",
    "🦀+",
    "^[\\u2028\\u2029]$",
    "^\\s$",
    "[\\s\\S]*\\S[\\s\\S]*",
    "^[\\x21-\\x7E]{1,64}$",
    "^[\\w\\-\\/\\.\\+]{1,255}$",
    "^s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?$",
    // Fall back: the automaton would be too large, or the syntax is not translated.
    "^[ab]*a[ab]{12}$",
    "\\u{110000}",
    "(a)\\1",
    "(?=a)a",
    "\\bx",
    "(?i:a)",
];

/// Patterns that must stay with `regress`.
const FALLBACK: &[&str] = &[
    "^[ab]*a[ab]{12}$",
    // Not a code point: `u` 110000 times.
    "\\u{110000}",
    "(a)\\1",
    "(?=a)a",
    "\\bx",
    "(?i:a)",
];

/// Characters every input may draw on: line terminators, spaces by every definition,
/// surrogate neighbours, the last code point.
const SPECIAL: &[char] = &[
    '\n',
    '\r',
    '\t',
    '\u{0B}',
    '\u{0C}',
    ' ',
    '\0',
    '\u{08}',
    '\u{85}',
    '\u{A0}',
    '\u{1680}',
    '\u{180E}',
    '\u{2000}',
    '\u{200A}',
    '\u{200B}',
    '\u{2028}',
    '\u{2029}',
    '\u{202F}',
    '\u{205F}',
    '\u{3000}',
    '\u{FEFF}',
    '\u{D7FF}',
    '\u{E000}',
    '\u{FFFF}',
    '\u{10000}',
    '\u{10FFFF}',
    '🦀',
    'é',
    '-',
    '_',
    '\\',
    'c',
    'u',
];

/// A small deterministic generator, so that a seed from proptest fixes a whole input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Ends and middles of the pattern's ranges: where a translation goes wrong.
fn interesting_chars(node: &Node, out: &mut BTreeSet<char>) {
    match node {
        Node::Class(set) | Node::Behind { set, .. } => {
            for &(first, last) in set.ranges().iter().take(64) {
                for c in [
                    first.saturating_sub(1),
                    first,
                    first + (last - first) / 2,
                    last,
                    last + 1,
                ] {
                    if let Some(c) = char::from_u32(c) {
                        out.insert(c);
                    }
                }
            }
        }
        Node::Concat(items) | Node::Alt(items) => {
            for item in items {
                interesting_chars(item, out);
            }
        }
        Node::Repeat { node, .. } => interesting_chars(node, out),
        Node::Empty | Node::Start | Node::End => {}
    }
}

/// A string the pattern (mostly) matches: a random walk through its tree.
fn sample(node: &Node, rng: &mut Rng, out: &mut String) {
    match node {
        Node::Class(set) => {
            let ranges = set.ranges();
            if ranges.is_empty() {
                return;
            }
            let (first, last) = ranges[rng.below(ranges.len())];
            let span = (last - first) as usize;
            let code = match rng.below(3) {
                0 => first,
                1 => last,
                _ => first + rng.below(span + 1) as u32,
            };
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        }
        Node::Concat(items) => {
            for item in items {
                sample(item, rng, out);
            }
        }
        Node::Alt(items) => sample(&items[rng.below(items.len())], rng, out),
        Node::Repeat { node, min, max } => {
            let extra = match max {
                Some(max) => rng.below((max - min) as usize + 1).min(4),
                None => rng.below(4),
            };
            for _ in 0..(*min as usize).min(300) + extra {
                sample(node, rng, out);
            }
        }
        Node::Empty | Node::Start | Node::End | Node::Behind { .. } => {}
    }
}

/// A sampled string with a few random edits.
fn mutated(node: &Node, alphabet: &[char], seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let mut text = String::new();
    sample(node, &mut rng, &mut text);
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..rng.below(3) {
        let c = alphabet[rng.below(alphabet.len())];
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => chars.insert(at, c),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            2 if at < chars.len() => chars[at] = c,
            _ => chars.push(c),
        }
    }
    chars.into_iter().collect()
}

/// Compares the automaton with `regress` on many inputs; `Err` names the first difference.
fn check(pattern: &str, tables: &Tables, cases: u32) -> Result<(), String> {
    compare(pattern, cases, |_, ecma| ecma, tables)
}

/// Compares what `plan` checks with the union of the two readings, when it compiles both;
/// `Ok(false)` when it does not (a pattern with Java-only syntax, one left unchecked, or
/// one whose ECMA-262 reading keeps `regress`: then the tables beside it must be the Java
/// reading's own).
fn check_union(pattern: &str, cases: u32) -> Result<bool, String> {
    if java::read(pattern).java_only {
        return Ok(false);
    }
    let tables = match plan(pattern)? {
        Planned::Checked(PatternPlan {
            matcher: Matcher::Dfa(tables),
            ..
        }) => tables,
        Planned::Checked(PatternPlan {
            matcher: Matcher::RegressOrDfa { java, .. },
            ..
        }) => {
            return match compile_java_reading(pattern) {
                Ok(own) if own == java => Ok(false),
                other => Err(format!(
                    "beside regress: {java:?}, the Java reading alone: {other:?}"
                )),
            }
        }
        Planned::Checked(_) | Planned::Unchecked { .. } => return Ok(false),
    };
    // Java refuses some patterns (`x{`): then the ECMA-262 reading alone.
    let java = compile_java_reading(pattern).ok();
    let either = |value: &str, ecma: bool| ecma || java.as_ref().is_some_and(|j| j.matches(value));
    compare(pattern, cases, either, &tables)?;
    Ok(true)
}

/// Runs `tables` on many inputs against `expected(value, what regress says)`.
fn compare(
    pattern: &str,
    cases: u32,
    expected: impl Fn(&str, bool) -> bool,
    tables: &Tables,
) -> Result<(), String> {
    let regex = regress::Regex::new(pattern).map_err(|e| e.to_string())?;
    let tree = parse::parse(pattern)?;
    let mut chars = BTreeSet::new();
    interesting_chars(&tree, &mut chars);
    chars.extend(pattern.chars());
    chars.extend(SPECIAL);
    let alphabet: Vec<char> = chars.into_iter().collect();
    let random = prop::collection::vec(
        prop_oneof![4 => prop::sample::select(alphabet.clone()), 1 => any::<char>()],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>());
    let generated = {
        let alphabet = alphabet.clone();
        let tree = tree.clone();
        any::<u64>().prop_map(move |seed| mutated(&tree, &alphabet, seed))
    };
    // Where the dialects part: Java's `$` allows one final line terminator.
    let terminated = {
        let alphabet = alphabet.clone();
        (
            any::<u64>(),
            prop::sample::select(&["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\n\n"][..]),
        )
            .prop_map(move |(seed, end)| mutated(&tree, &alphabet, seed) + end)
    };
    let inputs = prop_oneof![2 => random, 2 => generated, 1 => terminated];
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&inputs, |value| {
            let ecma = regex.find(&value).is_some();
            let expected = expected(&value, ecma);
            let actual = tables.matches(&value);
            if expected == actual {
                Ok(())
            } else {
                Err(TestCaseError::fail(format!(
                    "on {value:?}: regress says {ecma}, so expected {expected}, the automaton {actual}"
                )))
            }
        })
        .map_err(|e| format!("{e}"))
}

#[test]
fn tricky_patterns_agree_with_regress() {
    let mut failures = Vec::new();
    for &pattern in TRICKY {
        if regress::Regex::new(pattern).is_err() {
            failures.push(format!("{pattern:?}: regress rejects it; pick another"));
            continue;
        }
        match compile(pattern) {
            Ok(tables) => {
                if FALLBACK.contains(&pattern) {
                    failures.push(format!("{pattern:?}: compiled, expected a fallback"));
                }
                if let Err(e) = check(pattern, &tables, 400) {
                    failures.push(format!("{pattern:?}: {e}"));
                }
            }
            Err(reason) if !FALLBACK.contains(&pattern) => {
                failures.push(format!("{pattern:?}: not compiled ({reason})"));
            }
            Err(_) => {}
        }
        if let Err(e) = check_union(pattern, 400) {
            failures.push(format!("{pattern:?}, both readings: {e}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Pieces of pattern syntax, valid and invalid, glued at random.
const PIECES: &[&str] = &[
    "a",
    "b",
    "-",
    ".",
    "^",
    "$",
    "|",
    "(",
    ")",
    "(?:",
    "[",
    "]",
    "[^",
    "*",
    "+",
    "?",
    "{",
    "}",
    "{2}",
    "{1,3}",
    "{0,}",
    ",",
    "\\",
    "\\d",
    "\\s",
    "\\W",
    "\\c",
    "\\cA",
    "\\x4",
    "\\x41",
    "\\u00e9",
    "\\u{1F980}",
    "\\0",
    "\\12",
    "\\-",
    "\\b",
    "\\B",
    "é",
    "🦀",
    "\n",
    "1",
    "k",
];

#[test]
fn random_patterns_agree_with_regress() {
    let patterns = prop::collection::vec(prop::sample::select(PIECES), 1..10)
        .prop_map(|pieces| pieces.concat());
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    let compared = std::cell::Cell::new(0);
    let unions = std::cell::Cell::new(0);
    let result = runner.run(&patterns, |pattern| {
        if regress::Regex::new(&pattern).is_err() {
            return Ok(());
        }
        if let Ok(tables) = compile(&pattern) {
            compared.set(compared.get() + 1);
            check(&pattern, &tables, 40)
                .map_err(|e| TestCaseError::fail(format!("{pattern:?}: {e}")))?;
        }
        match check_union(&pattern, 40) {
            Ok(true) => unions.set(unions.get() + 1),
            Ok(false) => {}
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "{pattern:?}, both readings: {e}"
                )))
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Enough of the glued patterns must be valid for the test to mean something.
    assert!(
        compared.get() > 500 && unions.get() > 300,
        "only {} patterns compared, {} unions",
        compared.get(),
        unions.get()
    );
}

/// `../shared` beside the repository; its absence fails the test rather than passing it.
fn shared_models() -> Vec<PathBuf> {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models");
    assert!(
        shared.is_dir(),
        "\n\n*** ../shared is missing (looked in {}) ***\n\
         This test checks every pattern of the reference models there.\n",
        shared.display()
    );
    let mut files = Vec::new();
    for dir in [shared.clone(), shared.join("corpus")] {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no models in {}", shared.display());
    files
}

fn collect_patterns(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("smithy.api#pattern", serde_json::Value::String(p)) => {
                        out.insert(p.clone());
                    }
                    _ => collect_patterns(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_patterns(item, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_reference_model_pattern_agrees_with_regress() {
    let mut patterns = BTreeSet::new();
    for file in shared_models() {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
        collect_patterns(&json, &mut patterns);
    }
    assert!(
        !patterns.is_empty(),
        "the reference models have no patterns"
    );
    let mut compiled = 0;
    let mut fallbacks = Vec::new();
    let mut failures = Vec::new();
    for pattern in &patterns {
        if regress::Regex::new(pattern).is_err() {
            fallbacks.push(format!("  {pattern:?}: regress rejects it"));
            continue;
        }
        // None of them uses Java-only syntax: each is checked as the union of both
        // readings, compiled.
        match check_union(pattern, 1000) {
            Ok(true) => {}
            Ok(false) => failures.push(format!("{pattern:?} is not compiled: {:?}", plan(pattern))),
            Err(e) => failures.push(format!("{pattern:?}, both readings: {e}")),
        }
        match compile(pattern) {
            Ok(tables) => {
                compiled += 1;
                if let Err(e) = check(pattern, &tables, 1000) {
                    failures.push(format!("{pattern:?}: {e}"));
                }
            }
            Err(reason) => fallbacks.push(format!("  {pattern:?}: {reason}")),
        }
    }
    println!(
        "reference model patterns: {} distinct, {compiled} compiled to automata, {} fall back to regress{}",
        patterns.len(),
        fallbacks.len(),
        if fallbacks.is_empty() { String::new() } else { format!(":\n{}", fallbacks.join("\n")) }
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
