//! `@pattern`s compiled at generation time: ECMA-262 text -> tree (`parse`) -> NFA (`nfa`)
//! -> minimal DFA as tables (`dfa`). The generated crate then matches with a table lookup
//! per code point instead of carrying a regex engine. Patterns outside the supported subset,
//! or whose automaton would be too large, keep `regress` (the same engine as before), and
//! the plan says why.
//!
//! Smithy's own tools compile patterns with Java's `java.util.regex`, so models also carry
//! Java-only syntax: such patterns are read as Java reads them (`java`), compiled to the
//! same tables where that is exact, and left unchecked where it is not (`plan`).

pub mod charset;
pub mod dfa;
pub mod java;
pub mod nfa;
pub mod parse;
pub mod unicode;

pub use dfa::Tables;

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
        matches!(self.matcher, Matcher::Regress { .. })
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

/// Reads a model's pattern the way it was meant. One that `regress` accepts and that uses
/// no Java-only syntax is ECMA-262, as the specification says. Otherwise it is read as
/// Java (Smithy's validator compiles every pattern with `java.util.regex`): compiled when
/// that is exact, unchecked when not, and an error only when neither dialect accepts it.
pub fn plan(source: &str) -> Result<Planned, String> {
    let ecma = regress::Regex::new(source);
    let java = java::read(source);
    if ecma.is_ok() && !java.java_only {
        return Ok(Planned::Checked(PatternPlan::new(source)));
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
mod runtime;

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
        for ecma in ["^[a-z]+$", "x{", "(?i:a)"] {
            assert_eq!(plan(ecma), Ok(Planned::Checked(PatternPlan::new(ecma))));
        }
        // Lookbehind alone is ECMA-262 (`regress` at run time); beside Java-only syntax, a
        // long one cannot be checked, and neither can a too large automaton.
        assert!(matches!(plan("^(?<!a)b"), Ok(Planned::Checked(p)) if p.needs_regress()));
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

    #[test]
    fn counted_repetitions_up_to_the_limits_compile() {
        let tables = compile("^[\\w\\-\\/\\.\\+]{1,255}$").unwrap();
        assert!(tables.matches(&"a".repeat(255)));
        assert!(!tables.matches(&"a".repeat(256)));
        assert!(!tables.matches(""));
    }
}
