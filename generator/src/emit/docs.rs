//! Documentation from the model as `#[doc]` attributes.
//!
//! The text is passed as string literals, so nothing in it can become code. It is tidied
//! so rustdoc does not mistake it for code: indentation (common in the models' HTML) would
//! make indented code blocks, and fenced blocks would become doctests.

use crate::fast_hash::FastMap;
use std::cell::RefCell;
use std::rc::Rc;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Rewrites model documentation into Markdown-safe text for rustdoc.
pub fn tidy(text: &str) -> String {
    let text = printable(text);
    if super::html::is_html(&text) {
        return super::html::to_markdown(&text);
    }
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            // Every opening fence becomes a `text` block: never a doctest, whatever it claims.
            let open = out
                .iter()
                .filter(|l: &&String| l.starts_with("```"))
                .count()
                % 2
                == 0;
            out.push(if open { "```text" } else { "```" }.to_owned());
            continue;
        }
        out.push(line.to_owned());
    }
    // An unbalanced fence would swallow the rest of the item's docs: close it.
    if out.iter().filter(|l| l.starts_with("```")).count() % 2 == 1 {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out.join("\n")
}

/// Text without control characters (a lone carriage return is not allowed in doc comments)
/// or bidirectional overrides (which can make text read differently from what it is).
fn printable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| {
            *c == '\n'
                || *c == '\t'
                || !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(c)
                    || ('\u{2066}'..='\u{2069}').contains(c))
        })
        .collect()
}

/// `#[doc = r"..."]` for optional model documentation.
pub fn attrs(text: Option<&str>) -> TokenStream {
    text.map_or_else(TokenStream::new, |text| tidied(text).attrs.clone())
}

/// The lines of optional model documentation as string literals, for a macro that puts them
/// on what it declares (`builder::setters!`): `"First line.", "", "More."`.
pub fn line_literals(text: Option<&str>) -> Vec<Literal> {
    let Some(text) = text else {
        return Vec::new();
    };
    tidied(text).text.lines().map(Literal::string).collect()
}

/// Model documentation, tidied, and as attributes.
struct Tidied {
    text: String,
    attrs: TokenStream,
}

fn tidied(text: &str) -> Rc<Tidied> {
    // A member's docs are emitted on its field and again on its builder's setter: tidied once
    // (HTML to Markdown is a good part of emitting a real AWS model). Kept per thread, as token
    // streams are, and bounded.
    thread_local! {
        static TIDIED: RefCell<FastMap<String, Rc<Tidied>>> = RefCell::new(FastMap::default());
    }
    const KEPT: usize = 4096;
    if let Some(known) = TIDIED.with(|tidied| tidied.borrow().get(text).cloned()) {
        return known;
    }
    let tidied = tidy(text);
    let lines = tidied.lines().map(|l| literal(&format!(" {l}")));
    let attrs = quote!(#(#[doc = #lines])*);
    let known = Rc::new(Tidied {
        text: tidied,
        attrs,
    });
    TIDIED.with(|tidied| {
        let mut tidied = tidied.borrow_mut();
        if tidied.len() >= KEPT {
            tidied.clear();
        }
        tidied.insert(text.to_owned(), Rc::clone(&known));
    });
    known
}

/// A doc attribute for generator-written text.
pub fn line(text: &str) -> TokenStream {
    let text = literal(&format!(" {text}"));
    quote!(#[doc = #text])
}

/// A doc line as a raw string literal, as `quote!` writes `///` comments: the formatter then
/// reads its value back as a slice, where an escaped string is unescaped a character at a
/// time (docs are most of the literals a crate has). The same text: only the quoting differs.
pub fn literal(text: &str) -> Literal {
    // A carriage return cannot stand in a raw string. Text the formatter cannot print as a
    // `///` line (several lines, a leading `/`) is printed as its literal: kept escaped.
    if text.contains(['\r', '\n']) || text.starts_with('/') {
        return Literal::string(text);
    }
    // As many `#` as needed for no `"#...` in the text to end the literal early.
    let hashes = if text.contains('"') {
        (1..)
            .map(|n| "#".repeat(n))
            .find(|hashes| !text.contains(&format!("\"{hashes}")))
            .unwrap_or_default()
    } else {
        String::new()
    };
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_is_removed() {
        assert_eq!(tidy("Line\n         indented\n"), "Line\nindented");
        assert_eq!(tidy("<p>\n         Text</p>\n"), "Text");
    }

    #[test]
    fn control_and_bidi_characters_are_dropped() {
        assert_eq!(tidy("a\rb\u{202e}c\u{2066}d"), "abcd");
        assert_eq!(tidy("~~~\ncode"), "```text\ncode\n```");
    }

    #[test]
    fn fences_never_become_doctests() {
        assert_eq!(tidy("```rust\nfn x() {}\n```"), "```text\nfn x() {}\n```");
        assert_eq!(tidy("```\nopen"), "```text\nopen\n```");
    }

    #[test]
    fn hostile_text_stays_a_string() {
        let text = "*/ #[cfg(x)] \"quoted\" `tick` \"# \"## end";
        let tokens = attrs(Some(text));
        assert!(
            tokens.to_string().starts_with("# [doc = r###\""),
            "{tokens}"
        );
        let item: syn::ItemStruct = syn::parse2(quote!(#tokens struct S;)).unwrap();
        let syn::Meta::NameValue(doc) = &item.attrs[0].meta else {
            panic!("{tokens}");
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(value),
            ..
        }) = &doc.value
        else {
            panic!("{tokens}");
        };
        assert_eq!(value.value(), format!(" {text}"));
    }

    #[test]
    fn docs_kept_from_an_earlier_call_are_that_text_tidied() {
        let text = "<p>Sets the <code>x</code> &amp; more.</p>";
        let first = attrs(Some(text)).to_string();
        assert!(first.contains("Sets the `x` &amp; more."), "{first}");
        assert_eq!(attrs(Some(text)).to_string(), first);
        // Past its bound the memo starts over: every text still gets its own docs.
        for n in 0..5_000 {
            let docs = attrs(Some(&format!("filler {n}"))).to_string();
            assert!(docs.contains(&format!(" filler {n}\"")), "{docs}");
        }
        assert_eq!(attrs(Some(text)).to_string(), first);
        assert!(!attrs(Some("other")).to_string().contains("Sets the"));
    }

    #[test]
    fn every_text_reads_back_the_same() {
        for text in [
            "",
            " plain",
            "\\ back\\slash \\\"",
            "\"#",
            "tab\tend",
            "\r carriage",
            "ünï ✓",
        ] {
            let literal = literal(text);
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), text, "{literal}");
        }
    }
}
