//! `validation::pattern_N(value) -> bool`, one function per distinct `@pattern`: the
//! automaton's tables and the shared matcher (`runtime/pattern.rs`), `regress` for the
//! patterns the generator could not compile, or both (`regress` for the ECMA-262 reading,
//! tables for the Java one) when either reading accepting passes the value.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::plain;
use crate::emit::prelude::OPTION;
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
        let constant = plain(&format!("PATTERN_{i}"));
        let constant_doc = format!(" [`{name}`] with its text, for the messages.");
        let source = &pattern.source;
        // The text travels with the matcher, so each check is one short call.
        quote! {
            #[doc = #doc]
            pub fn #name(value: &str) -> bool {
                #body
            }
            #[doc = #constant_doc]
            pub const #constant: crate::validation::Pattern = crate::validation::Pattern {
                source: #source,
                matches: #name,
            };
        }
    });
    quote!(#(#functions)*)
}

fn automaton(tables: &Tables) -> TokenStream {
    let dfa = dfa_literal(tables, &quote!(crate::validation::pattern));
    quote! {
        static DFA: crate::validation::pattern::Dfa<'static> = #dfa;
        DFA.matches(value)
    }
}

/// The tables as a `Dfa { .. }` literal of the runtime matcher in `module`. The ASCII classes,
/// the states and the accepting flags are byte strings that the matcher's `const fn`s
/// decode at compile time (one token each instead of one per entry); a table whose values do
/// not fit in a byte is written as numbers.
pub fn dfa_literal(tables: &Tables, module: &TokenStream) -> TokenStream {
    let non_ascii = tables.non_ascii.iter().map(|&(first, class)| {
        let first = Literal::u32_unsuffixed(first);
        let class = Literal::u8_unsuffixed(class);
        quote!((#first, #class))
    });
    let classes = Literal::usize_unsuffixed(tables.classes);
    let start = Literal::u16_unsuffixed(tables.start);
    let ascii = match as_text(tables.ascii.iter().map(|&c| usize::from(c))) {
        Some(text) if tables.ascii.len() == 128 => quote!(&#module::classes(#text)),
        _ => {
            let ascii = tables.ascii.iter().map(|&c| Literal::u8_unsuffixed(c));
            quote!(&[#(#ascii),*])
        }
    };
    let numbers = tables
        .next
        .iter()
        .map(|&offset| usize::from(offset).checked_div(tables.classes));
    let next = match numbers
        .collect::<Option<Vec<usize>>>()
        .and_then(|n| as_text(n.into_iter()))
    {
        Some(text) => {
            let classes = Literal::u16_unsuffixed(tables.classes as u16);
            quote!(&#module::states(#text, #classes))
        }
        None => match tables
            .next
            .iter()
            .map(|&offset| usize::from(offset).checked_div(tables.classes))
            .collect::<Option<Vec<usize>>>()
            .and_then(|numbers| as_wide_text(&numbers))
        {
            // Too many states for a byte each: two bytes each, still one token.
            Some(text) => {
                let classes = Literal::u16_unsuffixed(tables.classes as u16);
                let entries = Literal::usize_unsuffixed(tables.next.len());
                quote!(&#module::wide_states::<#entries>(#text, #classes))
            }
            None => {
                let next = tables.next.iter().map(|&s| Literal::u16_unsuffixed(s));
                quote!(&[#(#next),*])
            }
        },
    };
    let flags: Vec<u8> = tables
        .accepts_at_end
        .iter()
        .map(|&accepts| if accepts { b'1' } else { b'0' })
        .collect();
    let flags = Literal::byte_string(&flags);
    quote! {
        #module::Dfa {
            ascii: #ascii,
            non_ascii: &[#(#non_ascii),*],
            classes: #classes,
            next: #next,
            accepts_at_end: &#module::flags(#flags),
            start: #start,
        }
    }
}

/// `values` as a byte string, each plus the matcher's `TEXT_OFFSET` (32), when every one fits.
fn as_text(values: impl Iterator<Item = usize>) -> Option<Literal> {
    let bytes = values
        .map(|v| u8::try_from(v + TEXT_OFFSET).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some(Literal::byte_string(&bytes))
}

/// `values` as a byte string of two bytes each (`value / 95`, `value % 95`, each plus
/// `TEXT_OFFSET`: printable text), when every one is below 95 × 95.
fn as_wide_text(values: &[usize]) -> Option<Literal> {
    let base = usize::from(WIDE_BASE);
    let mut bytes = Vec::with_capacity(values.len() * 2);
    for &v in values {
        if v >= base * base {
            return None;
        }
        bytes.push(u8::try_from(v / base + TEXT_OFFSET).ok()?);
        bytes.push(u8::try_from(v % base + TEXT_OFFSET).ok()?);
    }
    Some(Literal::byte_string(&bytes))
}

/// The runtime matcher's `WIDE_BASE`.
const WIDE_BASE: u16 = crate::plan::pattern::runtime::WIDE_BASE;

/// The runtime matcher's `TEXT_OFFSET`.
const TEXT_OFFSET: usize = crate::plan::pattern::runtime::TEXT_OFFSET as usize;

/// Compiled once, on first use. Generation checked that it compiles; were it not to, the
/// value would not be judged.
fn regress(pattern: &str) -> TokenStream {
    quote! {
        static REGEX: ::std::sync::OnceLock<#OPTION<::regress::Regex>> =
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
    use crate::plan::pattern::{plan, Matcher, Planned};

    /// The byte strings of a `Dfa` literal, by field: `ascii`, `next`, `accepts_at_end`.
    fn byte_strings(literal: TokenStream) -> std::collections::BTreeMap<String, Vec<u8>> {
        let syn::Expr::Struct(dfa) = syn::parse2::<syn::Expr>(literal).expect("an expression")
        else {
            panic!("a struct literal");
        };
        let mut out = std::collections::BTreeMap::new();
        for field in dfa.fields {
            let syn::Member::Named(name) = &field.member else {
                continue;
            };
            let syn::Expr::Reference(reference) = &field.expr else {
                continue;
            };
            let syn::Expr::Call(call) = reference.expr.as_ref() else {
                continue;
            };
            if let Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::ByteStr(text),
                ..
            })) = call.args.first()
            {
                out.insert(name.to_string(), text.value());
            }
        }
        out
    }

    #[test]
    fn tables_are_written_as_byte_strings_that_give_them_back() {
        // `"` and `\` are classes and states 2 and 60 as text: the literal must escape them.
        for source in [
            "^[A-Z]{2}$",
            "^arn:.*:[a-z-]+([/:](.*))?$",
            "^\"[a-z]{1,70}\\\\$",
        ] {
            let Matcher::Dfa(tables) = PatternPlan::new(source).matcher else {
                panic!("{source}: an automaton");
            };
            let texts = byte_strings(dfa_literal(&tables, &quote!(m)));
            let ascii: Vec<u8> = texts["ascii"].iter().map(|b| b - 32).collect();
            assert_eq!(ascii, tables.ascii, "{source}");
            let next: Vec<u16> = texts["next"]
                .iter()
                .map(|b| u16::from(b - 32) * tables.classes as u16)
                .collect();
            assert_eq!(next, tables.next, "{source}");
            let accepts: Vec<bool> = texts["accepts_at_end"].iter().map(|b| *b == b'1').collect();
            assert_eq!(accepts, tables.accepts_at_end, "{source}");
        }
    }

    #[test]
    fn values_that_do_not_fit_in_a_byte_are_written_as_numbers() {
        assert!(as_text([0, 10, 223].into_iter()).is_some());
        assert!(as_text([0, 224].into_iter()).is_none());
        let mut tables = match PatternPlan::new("^[a-z]+$").matcher {
            Matcher::Dfa(tables) => tables,
            _ => panic!("an automaton"),
        };
        // As if the automaton had 300 states: `next` is written two bytes an entry, which
        // the matcher's `wide_states` reads back.
        let classes = tables.classes as u16;
        tables.next[0] = 300 * classes;
        let literal = dfa_literal(&tables, &quote!(m));
        assert!(
            literal.to_string().contains("wide_states :: < "),
            "{literal}"
        );
        let texts = byte_strings(literal);
        let wide = &texts["next"];
        assert_eq!(wide.len(), 2 * tables.next.len());
        let next: Vec<u16> = wide
            .chunks(2)
            .map(|pair| (u16::from(pair[0] - 32) * 95 + u16::from(pair[1] - 32)) * classes)
            .collect();
        assert_eq!(next, tables.next);
        // The matcher's decoding, as generated crates run it (at compile time there).
        const DECODED: [u16; 2] = crate::plan::pattern::runtime::wide_states::<2>(b"!\"#$", 3);
        assert_eq!(DECODED, [(95 + 2) * 3, (3 * 95 + 4) * 3]);
        // Beyond 95 × 95 states: a list of numbers.
        assert!(as_wide_text(&[0, 9024]).is_some());
        assert!(as_wide_text(&[9025]).is_none());
    }

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
