//! Macro arguments spaced as they are written by hand. prettyplease prints a macro's
//! arguments token by token and sets a lone punctuation mark apart from the name or literal
//! after it: `length(1..= 128)`, `matches(& validation::PATTERN_0)`. Each such `&`, and the
//! `=` of each `..=`, is joined to what follows before printing, so that they print as
//! `1..=128` and `&validation::PATTERN_0` (and a negative bound as `-2`): the same tokens, spaced otherwise. Done on the
//! parsed file (not on the emitted tokens, whose spacing a file handed to another thread as
//! text would lose), for the invocations among items and in `impl` blocks, where the
//! emitted code has them.

use proc_macro2::{Group, Punct, Spacing, TokenStream, TokenTree};
use syn::{ImplItem, Item};

/// Joins the marks in the arguments of every macro invocation among `items`.
pub fn tighten(items: &mut [Item]) {
    for item in items {
        match item {
            Item::Macro(invocation) => tighten_macro(&mut invocation.mac),
            Item::Impl(block) => {
                for inner in &mut block.items {
                    if let ImplItem::Macro(invocation) = inner {
                        tighten_macro(&mut invocation.mac);
                    }
                }
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = &mut module.content {
                    tighten(inner);
                }
            }
            _ => {}
        }
    }
}

fn tighten_macro(mac: &mut syn::Macro) {
    let tokens = std::mem::take(&mut mac.tokens);
    mac.tokens = tight(tokens);
}

/// `tokens` with each lone `&`, the `=` of each `..=` and a minus sign joined to the name or
/// literal after it. A comparison's `==` and a subtraction keep their spaces.
fn tight(tokens: TokenStream) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for tree in tokens {
        let tree = match tree {
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), tight(group.stream()));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        };
        if matches!(tree, TokenTree::Ident(_) | TokenTree::Literal(_)) {
            let before = out.len().checked_sub(2).map(|i| &out[i]);
            let range = matches!(before, Some(TokenTree::Punct(dot)) if dot.as_char() == '.');
            // A sign, not a subtraction: nothing or a mark before it.
            let sign = matches!(tree, TokenTree::Literal(_))
                && matches!(before, None | Some(TokenTree::Punct(_)));
            if let Some(TokenTree::Punct(mark)) = out.last_mut() {
                let joins = mark.as_char() == '&'
                    || (mark.as_char() == '=' && range)
                    || (mark.as_char() == '-' && sign);
                if joins && mark.spacing() == Spacing::Alone {
                    let mut joined = Punct::new(mark.as_char(), Spacing::Joint);
                    joined.set_span(mark.span());
                    *mark = joined;
                }
            }
        }
        out.push(tree);
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file printed, its line breaks and indentation as single spaces.
    fn printed(source: &str) -> String {
        let mut file = syn::parse_file(source).unwrap();
        tighten(&mut file.items);
        let text = prettyplease::unparse(&file);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn ranges_and_references_in_arguments_print_as_written() {
        let text = printed(
            "x!(m(\"a\", a).length(1..=128).matches(&validation::P), b == &c, d == 1, e..=-2, f - 1, (-3));\n\
             impl T { y!(r(&x)); }\n\
             mod m { z!(0..=9); }",
        );
        assert!(
            text.contains(
                "x!( m(\"a\", a).length(1..=128).matches(&validation::P), b == &c, d == 1, \
                 e..=-2, f - 1, (-3) );"
            ),
            "{text}"
        );
        assert!(text.contains("impl T { y!(r(&x)); }"), "{text}");
        assert!(text.contains("mod m { z!(0..=9); }"), "{text}");
    }

    #[test]
    fn the_tokens_are_the_same() {
        let source = "x!(m(a).length(1..=128).matches(&validation::P), b == &c, d == 1);";
        let mut file = syn::parse_file(source).unwrap();
        let before = quote::quote!(#file).to_string();
        tighten(&mut file.items);
        let Item::Macro(after) = &file.items[0] else {
            panic!("a macro");
        };
        let strip = |t: String| t.replace(' ', "");
        assert_eq!(strip(quote::quote!(#after).to_string()), strip(before));
        // Printed again and read back, the file is the one it was.
        let again = syn::parse_file(&prettyplease::unparse(&file)).unwrap();
        assert_eq!(
            strip(quote::quote!(#again).to_string()),
            strip(quote::quote!(#file).to_string())
        );
    }
}
