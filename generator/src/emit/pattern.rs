//! `validation::pattern_N(value) -> bool`, one function per distinct `@pattern`: the
//! automaton's tables and the shared matcher (`runtime/pattern.rs`), `regress` for the
//! patterns the generator could not compile, or both (`regress` for the ECMA-262 reading,
//! tables for the Java one) when either reading accepting passes the value.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::runtime;
use super::tokens::plain;
use crate::plan::pattern::{Matcher, PatternPlan, Tables};

/// The pattern functions, with the matcher when some pattern is an automaton.
pub fn functions(patterns: &[PatternPlan]) -> Result<TokenStream, String> {
    let matcher = if patterns.iter().any(PatternPlan::needs_tables) {
        runtime::pattern()?
    } else {
        TokenStream::new()
    };
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
    Ok(quote!(#matcher #(#functions)*))
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
        let compiled = functions(&[PatternPlan::new("^[A-Z]{2}$")])
            .unwrap()
            .to_string();
        assert!(compiled.contains("pub mod pattern") && compiled.contains("DFA . matches"));
        assert!(!compiled.contains("regress"), "{compiled}");
        let fallback = functions(&[PatternPlan::new("^(?!x)")])
            .unwrap()
            .to_string();
        assert!(!fallback.contains("pub mod pattern") && fallback.contains(":: regress :: Regex"));
        assert!(functions(&[]).unwrap().is_empty());
        let Ok(Planned::Checked(either)) = plan("^(?!admin)[a-z]+$") else {
            panic!("checked");
        };
        let both = functions(&[either]).unwrap().to_string();
        assert!(both.contains("pub mod pattern") && both.contains("DFA . matches"));
        assert!(both.contains("java || { static REGEX"), "{both}");
    }
}
