//! Prelude names: the emitters spell standard library items by their full path
//! (`::std::option::Option::Some`), so that no model name can shadow them; here the emitted
//! tokens are rewritten to the prelude's names (`Some`) wherever nothing in the crate is
//! named the same. Code reads as written by hand, and there is less of it to format and
//! compile. A crate that does define one of these names (a structure `Option`, say) keeps
//! that name's full path everywhere.

use std::collections::BTreeSet;

use proc_macro2::{Group, Ident, Punct, Spacing, TokenStream, TokenTree};

/// Full paths (after the leading `::`) and the prelude name that stands for each, longest
/// first where one path extends another. Every name here is in the Rust 2021 prelude.
const PATHS: &[(&[&str], &str)] = &[
    (&["std", "option", "Option", "Some"], "Some"),
    (&["std", "option", "Option", "None"], "None"),
    (&["std", "option", "Option"], "Option"),
    (&["std", "result", "Result", "Ok"], "Ok"),
    (&["std", "result", "Result", "Err"], "Err"),
    (&["std", "result", "Result"], "Result"),
    (&["std", "string", "String"], "String"),
    (&["std", "string", "ToString"], "ToString"),
    (&["std", "vec", "Vec"], "Vec"),
    (&["std", "boxed", "Box"], "Box"),
    (&["std", "convert", "Into"], "Into"),
    (&["std", "convert", "From"], "From"),
    (&["std", "convert", "TryFrom"], "TryFrom"),
    (&["std", "default", "Default"], "Default"),
    (&["std", "clone", "Clone"], "Clone"),
    (&["std", "borrow", "ToOwned"], "ToOwned"),
    (&["std", "iter", "Iterator"], "Iterator"),
    (&["std", "iter", "IntoIterator"], "IntoIterator"),
];

/// Keywords that may stand right before an absolute path (`impl ::std::...`); any other
/// identifier there would make the `::` continue its path, which is then left alone.
const BEFORE_PATH: &[&str] = &[
    "impl", "for", "as", "dyn", "where", "mut", "return", "in", "let", "if", "match", "else",
    "move", "ref", "const", "static", "type", "pub", "unsafe", "break",
];

/// The prelude names of [`PATHS`] that stand in for their full paths in a crate defining
/// `defined`: those it does not define itself.
#[derive(Clone, Debug)]
pub struct Prelude {
    usable: Vec<(&'static [&'static str], &'static str)>,
}

impl Prelude {
    /// For a crate whose own items are named `defined` (the model's types; every other item
    /// the crate defines has a fixed name, which tests check is none of the prelude's).
    pub fn for_names<'a>(defined: impl IntoIterator<Item = &'a str>) -> Self {
        let defined: BTreeSet<&str> = defined.into_iter().collect();
        Prelude {
            usable: PATHS
                .iter()
                .copied()
                .filter(|(_, short)| !defined.contains(short))
                .collect(),
        }
    }

    /// `tokens` with every usable full path replaced by its prelude name. Tokens are moved,
    /// not cloned: an identifier's clone allocates.
    pub fn shorten(&self, tokens: TokenStream) -> TokenStream {
        if self.usable.is_empty() {
            return tokens;
        }
        let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if starts_path(out.last(), &trees, i) {
                if let Some((len, short)) = self.matching(&trees[i..]) {
                    let span = trees[i + 2].span();
                    out.push(TokenTree::Ident(Ident::new(short, span)));
                    i += len;
                    continue;
                }
            }
            let placeholder = TokenTree::Punct(Punct::new(';', Spacing::Alone));
            out.push(match std::mem::replace(&mut trees[i], placeholder) {
                TokenTree::Group(group) => {
                    let (delimiter, span) = (group.delimiter(), group.span());
                    let stream = group.stream();
                    // The group's own reference goes first, so that the stream is moved.
                    drop(group);
                    let mut shortened = Group::new(delimiter, self.shorten(stream));
                    shortened.set_span(span);
                    TokenTree::Group(shortened)
                }
                other => other,
            });
            i += 1;
        }
        out.into_iter().collect()
    }

    /// The number of tokens of the usable path at the start of `trees` (`::` counted as
    /// two) and its prelude name. Identifiers compare whole, so `::std::option::Option`
    /// does not match the start of `::std::option::Optional`; `Option::<T>::None` keeps
    /// what follows the short name.
    fn matching(&self, trees: &[TokenTree]) -> Option<(usize, &'static str)> {
        self.usable.iter().find_map(|(segments, short)| {
            let len = segments.len() * 3;
            let fits = trees.len() >= len
                && segments.iter().enumerate().all(|(n, segment)| {
                    is_path_sep(trees, n * 3) && is_ident(&trees[n * 3 + 2], segment)
                });
            fits.then_some((len, *short))
        })
    }
}

/// Whether an absolute path starts at `i`: `::` not continuing a path from `before`.
fn starts_path(before: Option<&TokenTree>, trees: &[TokenTree], i: usize) -> bool {
    if !is_path_sep(trees, i) {
        return false;
    }
    match before {
        Some(TokenTree::Ident(before)) => BEFORE_PATH.iter().any(|keyword| before == keyword),
        _ => true,
    }
}

fn is_path_sep(trees: &[TokenTree], i: usize) -> bool {
    matches!(
        (trees.get(i), trees.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

fn is_ident(tree: &TokenTree, name: &str) -> bool {
    matches!(tree, TokenTree::Ident(ident) if ident == name)
}

/// Adds the name of every item `stream` defines, at any depth (`struct Option`, `fn Some`,
/// `mod Vec`, an item inside a function body...), to `defined`. The associated items of
/// `impl` and `trait` blocks (`type Err = ...;`) shadow nothing and are not counted, though
/// items inside their functions' bodies are.
#[cfg(test)]
fn defined_names(stream: &TokenStream, defined: &mut BTreeSet<String>) {
    walk(stream, false, defined);
}

/// [`defined_names`] in `stream`, the block of associated items when `associated`.
#[cfg(test)]
fn walk(stream: &TokenStream, associated: bool, defined: &mut BTreeSet<String>) {
    const ITEM_KEYWORDS: &[&str] = &[
        "struct", "enum", "union", "trait", "type", "mod", "fn", "const", "static",
    ];
    let mut after_keyword = false;
    // Between `impl`/`trait` and the block of its associated items.
    let mut in_header = false;
    for tree in stream.clone() {
        match &tree {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                if after_keyword && !associated {
                    defined.insert(name.trim_start_matches("r#").to_owned());
                }
                after_keyword = ITEM_KEYWORDS.contains(&name.as_str());
                in_header |= name == "impl" || name == "trait";
            }
            TokenTree::Group(group) => {
                let body = in_header && group.delimiter() == proc_macro2::Delimiter::Brace;
                walk(&group.stream(), body, defined);
                if body {
                    in_header = false;
                }
                after_keyword = false;
            }
            TokenTree::Punct(p) => {
                after_keyword = false;
                // `impl` in a type (`-> impl Trait;`) has no block.
                if p.as_char() == ';' {
                    in_header = false;
                }
            }
            TokenTree::Literal(_) => after_keyword = false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn shorten(tokens: TokenStream) -> String {
        let mut defined = BTreeSet::new();
        defined_names(&tokens, &mut defined);
        let prelude = Prelude::for_names(defined.iter().map(String::as_str));
        prelude.shorten(tokens).to_string()
    }

    #[test]
    fn full_paths_become_prelude_names() {
        let tokens = quote! {
            impl ::std::convert::From<A> for B {
                fn from(a: A) -> ::std::result::Result<::std::vec::Vec<::std::string::String>, E> {
                    match a.0 { ::std::option::Option::Some(x) => ::std::result::Result::Ok(x),
                        ::std::option::Option::None => ::std::result::Result::Err(<T as ::std::default::Default>::default()) }
                }
            }
        };
        assert_eq!(
            shorten(tokens),
            quote! {
                impl From<A> for B {
                    fn from(a: A) -> Result<Vec<String>, E> {
                        match a.0 { Some(x) => Ok(x), None => Err(<T as Default>::default()) }
                    }
                }
            }
            .to_string()
        );
    }

    #[test]
    fn a_name_the_crate_defines_keeps_its_full_path() {
        // A structure named `Option` (RDS has one) shadows the prelude's in its module.
        let tokens = quote! {
            pub struct Option { pub value: ::std::option::Option<::std::string::String> }
            fn f() -> ::std::option::Option<u8> { ::std::option::Option::None }
        };
        assert_eq!(
            shorten(tokens),
            quote! {
                pub struct Option { pub value: ::std::option::Option<String> }
                fn f() -> ::std::option::Option<u8> { None }
            }
            .to_string()
        );
        for item in [
            quote!(
                enum String {}
            ),
            quote!(
                fn String() {}
            ),
            quote!(
                mod String {}
            ),
            quote!(
                type String = u8;
            ),
            quote!(
                pub mod a {
                    pub struct String;
                }
            ),
        ] {
            let tokens = quote!(#item fn f(x: ::std::string::String) {});
            assert!(
                shorten(tokens).contains(":: std :: string :: String"),
                "{item}"
            );
        }
    }

    #[test]
    fn associated_items_shadow_nothing() {
        let tokens = quote! {
            impl ::std::str::FromStr for X {
                type Err = E;
                fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                    ::std::result::Result::Err(E)
                }
            }
        };
        assert!(shorten(tokens).contains("Err (E)"));
        // An item in a function body does shadow, in that body.
        let tokens = quote! {
            impl X { fn f() { struct Vec; } }
            fn g(v: ::std::vec::Vec<u8>) {}
        };
        assert!(shorten(tokens).contains(":: std :: vec :: Vec"));
    }

    #[test]
    fn paths_that_only_look_alike_are_left_alone() {
        for tokens in [
            // A relative path through a module named `std`.
            quote!(
                fn f(x: crate::std::option::Option) {}
            ),
            // A longer name.
            quote!(
                fn f(x: ::std::option::Optional) {}
            ),
            // Another crate.
            quote!(
                fn f(x: ::core::option::Option<u8>) {}
            ),
        ] {
            assert_eq!(shorten(tokens.clone()), tokens.to_string());
        }
        // A generic argument after the short name is kept.
        assert_eq!(
            shorten(quote!(let x = ::std::option::Option::<u8>::None;)),
            quote!(let x = Option::<u8>::None;).to_string()
        );
    }

    #[test]
    fn emitted_items_with_fixed_names_define_no_prelude_name() {
        // Only the model's types are left out of the shortening by name
        // (`emit::with_prelude_names`): every other emitted item must have a fixed name
        // that is not the prelude's. Checked on models that use every part of the emitter.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let models = ["model", "tests/models/features"];
        for model in models {
            let loaded =
                crate::load::load_paths(&[root.join(model)]).unwrap_or_else(|d| panic!("{d}"));
            let resolved =
                crate::resolve::resolve(loaded.model, None).unwrap_or_else(|d| panic!("{d}"));
            let plan = crate::plan::plan(&resolved).unwrap_or_else(|d| panic!("{d}"));
            let code = crate::emit::emit(&plan).unwrap();
            let mut defined = BTreeSet::new();
            fn items(module: &crate::emit::Module, defined: &mut BTreeSet<String>) {
                defined_names(&module.items, defined);
                module.children.iter().for_each(|c| items(c, defined));
            }
            code.modules.iter().for_each(|m| items(m, &mut defined));
            defined_names(&code.root_items, &mut defined);
            assert!(defined.len() > 40, "{model}: only {} names", defined.len());
            for name in plan.structures.iter().map(|s| &s.name.name) {
                defined.remove(name);
            }
            for (_, short) in PATHS {
                assert!(
                    !defined.contains(*short),
                    "{model}: the crate defines `{short}`"
                );
            }
        }
    }

    #[test]
    fn runtime_files_define_no_prelude_name() {
        // The rewrite assumes it: runtime items are glob-imported beside emitted ones.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut files = vec![dir.clone()];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let tokens: TokenStream = text.parse().unwrap();
            let mut defined = BTreeSet::new();
            defined_names(&tokens, &mut defined);
            for (_, short) in PATHS {
                assert!(
                    !defined.contains(*short),
                    "{} defines `{short}`",
                    path.display()
                );
            }
            checked += 1;
        }
        assert!(checked > 20, "only {checked} runtime files found");
    }
}
