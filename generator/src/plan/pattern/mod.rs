//! `@pattern`s compiled at generation time: ECMA-262 text -> tree (`parse`) -> NFA (`nfa`)
//! -> minimal DFA as tables (`dfa`). The generated crate then matches with a table lookup
//! per code point instead of carrying a regex engine. Patterns outside the supported subset,
//! or whose automaton would be too large, keep `regress` (the same engine as before), and
//! the plan says why.
//!
//! Smithy's own tools and services compile patterns with Java's `java.util.regex`, so models
//! also carry Java-only syntax: such patterns are read as Java reads them (`java`), and a
//! pattern both dialects read accepts what either reading accepts (`plan`): compiled to the
//! same tables where that is exact, `regress` beside the Java reading's tables where only
//! the ECMA-262 reading needs it, left unchecked where the Java reading is not exact.

pub mod charset;
pub mod dfa;
pub mod java;
mod minimise;
pub mod nfa;
pub mod parse;
pub mod unicode;

pub use dfa::Tables;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The most NFA states a pattern may expand to (counted repetitions are copied out).
const MAX_NFA_STATES: usize = 10_000;

/// One distinct pattern of the model and how the generated crate checks it.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternPlan {
    /// The pattern as the model writes it.
    pub source: String,
    pub matcher: Matcher,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Matcher {
    /// Compiled: the generated crate carries these tables.
    Dfa(Tables),
    /// Checked with `regress` at run time, for this reason.
    Regress { reason: String },
    /// A pattern both dialects read whose ECMA-262 reading needs `regress` (for this
    /// reason) and whose Java reading compiles exactly: a value passes when either
    /// `regress` or the Java reading's tables accept it.
    RegressOrDfa { reason: String, java: Tables },
}

impl PatternPlan {
    /// The pattern, compiled if it can be. `regress` must already accept it.
    pub fn new(source: &str) -> Self {
        let matcher = match compile(source) {
            Ok(tables) => Matcher::Dfa(tables),
            Err(reason) => Matcher::Regress { reason },
        };
        PatternPlan {
            source: source.to_owned(),
            matcher,
        }
    }

    pub fn needs_regress(&self) -> bool {
        matches!(
            self.matcher,
            Matcher::Regress { .. } | Matcher::RegressOrDfa { .. }
        )
    }

    /// Whether the generated crate carries tables (and so the table matcher) for it.
    pub fn needs_tables(&self) -> bool {
        matches!(self.matcher, Matcher::Dfa(_) | Matcher::RegressOrDfa { .. })
    }

    /// What the generated `validation::pattern_N(value)` answers, for tests. Like the
    /// generated code, a pattern `regress` cannot compile does not judge the value.
    pub fn matches(&self, value: &str) -> bool {
        let regress =
            || regress::Regex::new(&self.source).map_or(true, |regex| regex.find(value).is_some());
        match &self.matcher {
            Matcher::Dfa(tables) => tables.matches(value),
            Matcher::Regress { .. } => regress(),
            Matcher::RegressOrDfa { java, .. } => java.matches(value) || regress(),
        }
    }
}

/// How the generated crate treats one `@pattern`.
#[derive(Clone, Debug, PartialEq)]
pub enum Planned {
    Checked(PatternPlan),
    /// Valid Java that cannot be checked exactly: the member gets no pattern check, so that
    /// no value the service accepts is refused.
    Unchecked {
        reason: String,
    },
}

/// [`plan`], each pattern read and compiled once per process. `generate --each` plans many
/// models in one process, and AWS models share many patterns (names, ARNs, free text): about
/// a quarter of their compilations are of a pattern another model already had. `plan` is a
/// function of the text alone, so a remembered answer is the answer. What is kept is bounded
/// ([`CACHE_LIMIT`] table entries); past that, patterns are compiled each time.
pub fn plan_once(source: &str) -> Result<Planned, String> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let lock = || {
        cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    if let Some(known) = lock().answers.get(source) {
        return known.clone();
    }
    // Compiled outside the lock, so that threads compile different patterns at once; two
    // that meet the same new pattern both compile it and keep one answer.
    let answer = plan(source);
    let mut cache = lock();
    let size = answer.as_ref().map_or(0, Planned::table_entries) + source.len();
    if cache.size + size <= CACHE_LIMIT {
        cache.size += size;
        cache.answers.insert(source.to_owned(), answer.clone());
    }
    answer
}

/// How much [`plan_once`] keeps, in table entries and pattern bytes: about 64 MB at most.
const CACHE_LIMIT: usize = 16 << 20;

#[derive(Default)]
struct Cache {
    answers: HashMap<String, Result<Planned, String>>,
    size: usize,
}

impl Planned {
    /// About how many entries its tables hold (each at most 4 bytes).
    fn table_entries(&self) -> usize {
        let tables =
            |t: &Tables| t.ascii.len() + t.non_ascii.len() + t.next.len() + t.accepts_at_end.len();
        match self {
            Planned::Checked(plan) => match &plan.matcher {
                Matcher::Dfa(t) | Matcher::RegressOrDfa { java: t, .. } => tables(t),
                Matcher::Regress { .. } => 0,
            },
            Planned::Unchecked { .. } => 0,
        }
    }
}

/// Reads a model's pattern the way it was meant. The specification says ECMA-262, but
/// services (and Smithy's validator) use `java.util.regex`, and the two read some patterns
/// differently (Java's `$` allows a final line terminator, its `\s` is ASCII, its `.`
/// refuses U+0085). A pattern both dialects read passes a value when either reading
/// accepts it; one with Java-only syntax is read as Java, one Java refuses as ECMA-262.
/// Compiled when that is exact, unchecked when not, and an error only when neither dialect
/// accepts the pattern.
pub fn plan(source: &str) -> Result<Planned, String> {
    let ecma = regress::Regex::new(source);
    let java = java::read(source);
    if ecma.is_ok() && !java.java_only {
        return Ok(either(source, java.result));
    }
    let unchecked = |reason: String| Planned::Unchecked { reason };
    Ok(match java.result {
        Ok(tree) => match compile_java(&tree) {
            Ok(tables) => Planned::Checked(PatternPlan {
                source: source.to_owned(),
                matcher: Matcher::Dfa(tables),
            }),
            Err(reason) => unchecked(reason),
        },
        Err(java::Refusal::Unchecked(reason)) => unchecked(reason),
        Err(java::Refusal::Invalid(java_error)) => match ecma {
            Ok(_) => Planned::Checked(PatternPlan::new(source)),
            Err(ecma_error) => {
                return Err(format!(
                    "the pattern `{source}` is neither a valid ECMA-262 regular expression \
                     ({ecma_error}) nor a valid Java one ({java_error})"
                ))
            }
        },
    })
}

/// A pattern both dialects read: the union of the two readings as one automaton; or, when
/// the ECMA-262 reading needs `regress` (or the union is too large), `regress` beside the
/// Java reading's tables. No check at all when the Java reading is inexact: `regress` alone
/// would refuse what Java accepts.
fn either(source: &str, java: Result<java::Tree, java::Refusal>) -> Planned {
    let ecma = PatternPlan::new(source);
    let unchecked = |reason: String| Planned::Unchecked {
        reason: format!("{reason} (in its Java reading)"),
    };
    let java = match java {
        Ok(tree) => tree,
        // Java refuses it (`x{`, `\0`): only the ECMA-262 reading remains.
        Err(java::Refusal::Invalid(_)) => return Planned::Checked(ecma),
        Err(java::Refusal::Unchecked(reason)) => return unchecked(reason),
    };
    let java_tables = match compile_java(&java) {
        Ok(tables) => tables,
        Err(reason) => return unchecked(reason),
    };
    let matcher = match ecma.matcher {
        Matcher::Dfa(ecma_tables) => match dfa::union(&ecma_tables, &java_tables) {
            Ok(tables) => Matcher::Dfa(tables),
            Err(reason) => Matcher::RegressOrDfa {
                reason: format!("{reason} (both readings together)"),
                java: java_tables,
            },
        },
        Matcher::Regress { reason } | Matcher::RegressOrDfa { reason, .. } => {
            Matcher::RegressOrDfa {
                reason,
                java: java_tables,
            }
        }
    };
    Planned::Checked(PatternPlan {
        source: source.to_owned(),
        matcher,
    })
}

/// The tables of the pattern's Java reading alone, or why it has none (tests compare the
/// union of both readings with it).
pub fn compile_java_reading(pattern: &str) -> Result<Tables, String> {
    match java::read(pattern).result {
        Ok(tree) => compile_java(&tree),
        Err(java::Refusal::Unchecked(reason) | java::Refusal::Invalid(reason)) => Err(reason),
    }
}

/// The tables of `pattern` (ECMA-262), or why it cannot have them.
pub fn compile(pattern: &str) -> Result<Tables, String> {
    compile_tree(&parse::parse(pattern)?)
}

/// A Java reading's tables: its pattern's, less or only what each lookahead finds.
fn compile_java(tree: &java::Tree) -> Result<Tables, String> {
    let mut tables = compile_tree(&tree.node)?;
    for look in &tree.lookaheads {
        tables = dfa::product(&tables, &compile_tree(&look.node)?, look.negative)?;
    }
    Ok(tables)
}

fn compile_tree(tree: &parse::Node) -> Result<Tables, String> {
    if parse::size(tree) > MAX_NFA_STATES {
        return Err(format!("more than {MAX_NFA_STATES} automaton states"));
    }
    dfa::build(&nfa::Nfa::build(tree))
}

/// The generated crate's matcher itself, so that the generator's tests run the very code
/// generated crates carry.
#[allow(dead_code)]
#[path = "../../../runtime/pattern.rs"]
pub mod runtime;

impl Tables {
    /// Runs the tables through the generated crates' matcher (`runtime/pattern.rs`): what
    /// `validation::pattern_N(value)` answers in a generated crate.
    pub fn matches(&self, value: &str) -> bool {
        let mut ascii = [0u8; 128];
        for (slot, class) in ascii.iter_mut().zip(&self.ascii) {
            *slot = *class;
        }
        runtime::Dfa {
            ascii: &ascii,
            non_ascii: &self.non_ascii,
            classes: self.classes,
            next: &self.next,
            accepts_at_end: &self.accepts_at_end,
            start: self.start,
        }
        .matches(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_answer_is_the_one_plan_gives() {
        // Checked, checked by `regress`, unchecked (Java lookahead too large), invalid in
        // both dialects: each asked twice, and in between others of the same kind.
        let sources = [
            "^[a-z]+$",
            "^(?!admin)[a-z]+$",
            "^(?=.{20,2048}$)arn:[a-z]+:.*",
            "[",
            "^[a-z]+$",
            "[",
            "^arn:aws:[0-9]{12}$",
        ];
        for source in sources.iter().chain(&sources) {
            assert_eq!(plan_once(source), plan(source), "{source}");
        }
    }

    #[test]
    fn supported_patterns_compile_and_others_say_why() {
        let arn = PatternPlan::new("^arn:.*:[a-z-]+([/:](.*))?$");
        assert!(!arn.needs_regress());
        let lookahead = PatternPlan::new("^(?!admin)[a-z]+$");
        assert_eq!(
            lookahead.matcher,
            Matcher::Regress {
                reason: "lookaround".to_owned()
            }
        );
        let long = PatternPlan::new("^.{1,2048}$");
        assert!(
            matches!(&long.matcher, Matcher::Regress { reason } if reason.contains("states")),
            "{long:?}"
        );
        let huge = PatternPlan::new("^(a{1000}){1000}$");
        assert!(
            matches!(&huge.matcher, Matcher::Regress { reason } if reason.contains("states")),
            "{huge:?}"
        );
    }

    #[test]
    fn java_only_syntax_is_read_as_java_and_the_rest_as_ecma() {
        // `regress` reads `\p{L}` as `p{L}` (no unicode flag); Smithy's tools, as a letter.
        let Ok(Planned::Checked(letters)) = plan("^[\\p{L}]+$") else {
            panic!("compiled");
        };
        let Matcher::Dfa(tables) = &letters.matcher else {
            panic!("{letters:?}");
        };
        assert!(tables.matches("é") && !tables.matches("{") && !tables.matches("1"));
        // Java refuses `x{` and `\0`: their ECMA-262 reading alone is checked.
        for ecma in ["x{", "^\\0$", "^[^]$", "a{,2}"] {
            assert_eq!(
                plan(ecma),
                Ok(Planned::Checked(PatternPlan::new(ecma))),
                "{ecma}"
            );
        }
        // Read by both, with Java's `$` (a final line terminator) and `(?i)` (ASCII only).
        for (pattern, reason, yes, no) in [
            (
                "^(?!admin)[a-z]+$",
                "lookaround",
                &["user", "admi", "useradmin", "user\n"][..],
                &["admin", "administrator", "", "User", "user\n\n"][..],
            ),
            (
                "^(?<!a)b",
                "lookaround",
                &["b", "bc"][..],
                &["ab", "a", ""][..],
            ),
            ("(?i:a)", "", &["a", "A", "xAx"][..], &["b", ""][..]),
        ] {
            let Ok(Planned::Checked(checked)) = plan(pattern) else {
                panic!("{pattern}: {:?}", plan(pattern));
            };
            assert!(
                matches!(&checked.matcher, Matcher::RegressOrDfa { reason: why, .. } if why.contains(reason)),
                "{pattern}: {checked:?}"
            );
            assert!(checked.needs_regress() && checked.needs_tables());
            for value in yes {
                assert!(checked.matches(value), "{pattern} takes {value:?}");
            }
            for value in no {
                assert!(!checked.matches(value), "{pattern} refuses {value:?}");
            }
        }
        // Each reading takes what the other refuses: ECMA-262's `.` takes U+0085 and Java's
        // does not (but its `$` holds before it, as before any final line terminator).
        let Ok(Planned::Checked(negative)) = plan("^(?!admin).+$") else {
            panic!("checked");
        };
        let Matcher::RegressOrDfa { java, .. } = &negative.matcher else {
            panic!("{negative:?}");
        };
        assert!(negative.matches("x\u{85}y") && !java.matches("x\u{85}y"));
        let ecma = regress::Regex::new("^(?!admin).+$").unwrap();
        assert!(negative.matches("x\n") && ecma.find("x\n").is_none());
        assert!(!negative.matches("admin\u{85}") && !negative.matches("x\n\n"));
        // `^.{1,2048}$` needs `regress` in its ECMA-262 reading, and its Java reading is as
        // large (over 1024 states): Java's reading cannot be bounded, so no check at all.
        assert!(
            matches!(plan("^.{1,2048}$"), Ok(Planned::Unchecked { reason }) if reason.contains("states") && reason.contains("Java")),
            "{:?}",
            plan("^.{1,2048}$")
        );
        // Beside Java-only syntax, a long lookbehind cannot be checked, and neither can a
        // too large automaton.
        assert_eq!(
            plan("^(?<!ab)\\p{L}"),
            Ok(Planned::Unchecked {
                reason: "a lookbehind longer than one character".to_owned()
            })
        );
        assert!(matches!(
            plan("^\\p{L}{1,2048}$"),
            Ok(Planned::Unchecked { reason }) if reason.contains("states")
        ));
        let error = plan("^[a-z").unwrap_err();
        assert!(
            error.contains("ECMA-262") && error.contains("Unclosed character class"),
            "{error}"
        );
    }

    /// The tables `plan` gives a pattern both dialects read.
    fn union_of(pattern: &str) -> Tables {
        match plan(pattern) {
            Ok(Planned::Checked(PatternPlan {
                matcher: Matcher::Dfa(tables),
                ..
            })) => tables,
            other => panic!("{pattern}: {other:?}"),
        }
    }

    #[test]
    fn patterns_both_dialects_read_accept_what_either_accepts() {
        // Java's `$` also holds before one final line terminator (`\r\n` is one).
        let code = union_of("^[A-Z]{2}$");
        for yes in ["AB", "AB\n", "AB\r\n", "AB\r", "AB\u{85}", "AB\u{2028}"] {
            assert!(code.matches(yes), "{yes:?}");
        }
        for no in ["AB\n\n", "ABC", "AB\nC", "\nAB", "A", "ab"] {
            assert!(!code.matches(no), "{no:?}");
        }
        // Java's `\s` is ASCII only, so its `\S` takes a no-break space; ECMA's does not.
        let non_space = union_of("^\\S+$");
        assert!(non_space.matches("a\u{A0}b") && non_space.matches("\u{3000}"));
        assert!(!non_space.matches("a b") && !non_space.matches("\t"));
        assert!(!compile("^\\S+$").unwrap().matches("\u{A0}"));
        // ECMA's `.` takes U+0085, Java's does not: the union takes it.
        let one = union_of("^.$");
        assert!(one.matches("\u{85}") && one.matches("a") && one.matches("a\n"));
        assert!(!one.matches("\n") && !one.matches("ab") && !one.matches("\u{85}\n"));
        assert!(!compile_java_reading("^.$").unwrap().matches("\u{85}"));
        // The ARN pattern stays small tables.
        let arn = union_of("^arn:.*:[a-z-]+([/:](.*))?$");
        assert!(arn.matches("arn:aws:sns:us-east-1:123456789012:events\n"));
        assert!(arn.matches("arn:\u{85}:abc") && !arn.matches("arn:\u{85}:abc\n"));
        assert!(arn.states() <= 24 && arn.classes <= 12, "{arn:?}");
    }

    #[test]
    fn readings_too_large_together_keep_regress_beside_the_java_tables() {
        // A no-break space is `\s` to ECMA-262 (a pair of them is one repetition) and `\S`
        // to Java (one is): the counts part, and the union would pass 1024 states.
        let pattern = "^(?:\\s\\s|\\S){0,40}$";
        let Ok(Planned::Checked(checked)) = plan(pattern) else {
            panic!("{:?}", plan(pattern));
        };
        assert!(
            matches!(&checked.matcher, Matcher::RegressOrDfa { reason, .. } if reason.contains("both readings together")),
            "{checked:?}"
        );
        let nbsp = |n: usize| "\u{a0}".repeat(n);
        // 42 no-break spaces are 21 pairs to ECMA-262 but 42 repetitions to Java; one is a
        // repetition to Java only.
        for yes in [nbsp(42), nbsp(1), "a".repeat(40), "  ".to_owned()] {
            assert!(checked.matches(&yes), "{yes:?}");
        }
        for no in [nbsp(41), "a".repeat(41), " ".to_owned(), "a b".to_owned()] {
            assert!(!checked.matches(&no), "{no:?}");
        }
    }

    #[test]
    fn counted_repetitions_up_to_the_limits_compile() {
        let tables = compile("^[\\w\\-\\/\\.\\+]{1,255}$").unwrap();
        assert!(tables.matches(&"a".repeat(255)));
        assert!(!tables.matches(&"a".repeat(256)));
        assert!(!tables.matches(""));
    }
}
