//! `validation::pattern_N(value) -> bool`, one function per distinct `@pattern`: the
//! automaton's tables and the shared matcher (`runtime/pattern.rs`), `regress` for the
//! patterns the generator could not compile, or both (`regress` for the ECMA-262 reading,
//! tables for the Java one) when either reading accepting passes the value.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::plain;
use crate::plan::pattern::{Matcher, PatternPlan, Tables};

/// The pattern functions (the matcher they share, `validation::pattern`, is a runtime file
/// declared beside them when some pattern is an automaton).
pub fn functions(patterns: &[PatternPlan]) -> TokenStream {
    let functions = patterns.iter().enumerate().map(|(i, pattern)| {
        let name = plain(&format!("pattern_{i}"));
        let shown = pattern.source.replace('`', "'");
        let (how, body) = match &pattern.matcher {
            Matcher::Dfa(tables) => (
                "an automaton built when this code was generated".to_owned(),
                automaton(tables),
            ),
            Matcher::Regress { reason } => {
                (format!("`regress` ({reason})"), regress(&pattern.source))
            }
            Matcher::RegressOrDfa { reason, java } => {
                let java = automaton(java);
                let ecma = regress(&pattern.source);
                (
                    format!(
                        "an automaton of its Java reading built when this code was generated, \
                         or else `regress` for its ECMA-262 reading ({reason})"
                    ),
                    // The tables first: cheap, and they take most values Java accepts.
                    quote! {
                        let java = { #java };
                        java || { #ecma }
                    },
                )
            }
        };
        let doc = format!(" Whether `value` matches `{shown}`, checked by {how}.");
        quote! {
            #[doc = #doc]
            pub fn #name(value: &str) -> bool {
                #body
            }
        }
    });
    quote!(#(#functions)*)
}

fn automaton(tables: &Tables) -> TokenStream {
    let dfa = dfa_literal(tables, &quote!(crate::validation::pattern::Dfa));
    quote! {
        static DFA: crate::validation::pattern::Dfa<'static> = #dfa;
        DFA.matches(value)
    }
}

/// The tables as a `Dfa { .. }` literal of the runtime matcher at `dfa_type`.
pub fn dfa_literal(tables: &Tables, dfa_type: &TokenStream) -> TokenStream {
    let ascii = tables.ascii.iter().map(|&c| Literal::u8_unsuffixed(c));
    let non_ascii = tables.non_ascii.iter().map(|&(first, class)| {
        let first = Literal::u32_unsuffixed(first);
        let class = Literal::u8_unsuffixed(class);
        quote!((#first, #class))
    });
    let classes = Literal::usize_unsuffixed(tables.classes);
    let next = tables.next.iter().map(|&s| Literal::u16_unsuffixed(s));
    let accepts = &tables.accepts_at_end;
    let start = Literal::u16_unsuffixed(tables.start);
    quote! {
        #dfa_type {
            ascii: &[#(#ascii),*],
            non_ascii: &[#(#non_ascii),*],
            classes: #classes,
            next: &[#(#next),*],
            accepts_at_end: &[#(#accepts),*],
            start: #start,
        }
    }
}

/// Compiled once, on first use. Generation checked that it compiles; were it not to, the
/// value would not be judged.
fn regress(pattern: &str) -> TokenStream {
    quote! {
        static REGEX: ::std::sync::OnceLock<::std::option::Option<::regress::Regex>> =
            ::std::sync::OnceLock::new();
        REGEX
            .get_or_init(|| ::regress::Regex::new(#pattern).ok())
            .as_ref()
            .is_none_or(|regex| regex.find(value).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::pattern::{plan, Planned};

    #[test]
    fn automata_need_the_matcher_and_fallbacks_need_regress() {
        let automaton = PatternPlan::new("^[A-Z]{2}$");
        let compiled = functions(std::slice::from_ref(&automaton)).to_string();
        assert!(automaton.needs_tables() && compiled.contains("DFA . matches"));
        assert!(!compiled.contains("regress"), "{compiled}");
        let fallback = PatternPlan::new("^(?!x)");
        let regress = functions(std::slice::from_ref(&fallback)).to_string();
        assert!(!fallback.needs_tables() && regress.contains(":: regress :: Regex"));
        assert!(functions(&[]).is_empty());
        let Ok(Planned::Checked(either)) = plan("^(?!admin)[a-z]+$") else {
            panic!("checked");
        };
        let both = functions(std::slice::from_ref(&either)).to_string();
        assert!(either.needs_tables() && both.contains("DFA . matches"));
        assert!(both.contains("java || { static REGEX"), "{both}");
    }
}
