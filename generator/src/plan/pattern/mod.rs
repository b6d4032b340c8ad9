//! `@pattern`s compiled at generation time: ECMA-262 text -> tree (`parse`) -> NFA (`nfa`)
//! -> minimal DFA as tables (`dfa`). The generated crate then matches with a table lookup
//! per code point instead of carrying a regex engine. Patterns outside the supported subset,
//! or whose automaton would be too large, keep `regress` (the same engine as before), and
//! the plan says why.

pub mod charset;
pub mod dfa;
pub mod nfa;
pub mod parse;

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

/// The tables of `pattern`, or why it cannot have them.
pub fn compile(pattern: &str) -> Result<Tables, String> {
    let tree = parse::parse(pattern)?;
    if parse::size(&tree) > MAX_NFA_STATES {
        return Err(format!("more than {MAX_NFA_STATES} automaton states"));
    }
    dfa::build(&nfa::Nfa::build(&tree))
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
    fn counted_repetitions_up_to_the_limits_compile() {
        let tables = compile("^[\\w\\-\\/\\.\\+]{1,255}$").unwrap();
        assert!(tables.matches(&"a".repeat(255)));
        assert!(!tables.matches(&"a".repeat(256)));
        assert!(!tables.matches(""));
    }
}
