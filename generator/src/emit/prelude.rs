//! Prelude names: the emitters write standard library items through the constants here
//! (`#OPTION`, `#SOME` in a `quote!`), which print as the prelude's names (`Option`, `Some`)
//! wherever nothing in the crate is named the same, and as their full paths
//! (`::std::option::Option`) where the crate defines that name (a structure `Option`, say) or
//! outside [`Prelude::scope`]. Code reads as written by hand, and there is less of it to format
//! and compile. Written short in the first place: a pass rewriting every emitted token stream
//! cost 8% of a generation.

use std::cell::Cell;
use std::collections::BTreeSet;

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// Full paths (after the leading `::`) and the prelude name that stands for each, in the
/// order of the constants below. Every name here is in the Rust 2021 prelude.
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
    (&["std", "default", "Default"], "Default"),
    (&["std", "borrow", "ToOwned"], "ToOwned"),
];

/// A standard library item as emitted code names it: interpolated in a `quote!`, its prelude
/// name or its full path, as the [`Prelude::scope`] it is emitted in allows.
#[derive(Clone, Copy, Debug)]
pub struct StdName(usize);

pub const SOME: StdName = StdName(0);
pub const NONE: StdName = StdName(1);
pub const OPTION: StdName = StdName(2);
pub const OK: StdName = StdName(3);
pub const ERR: StdName = StdName(4);
pub const RESULT: StdName = StdName(5);
pub const STRING: StdName = StdName(6);
pub const TO_STRING: StdName = StdName(7);
pub const VEC: StdName = StdName(8);
pub const BOX: StdName = StdName(9);
pub const INTO: StdName = StdName(10);
pub const FROM: StdName = StdName(11);
pub const DEFAULT: StdName = StdName(12);
pub const TO_OWNED: StdName = StdName(13);

thread_local! {
    /// The [`PATHS`] whose prelude names the code being emitted on this thread may use, a
    /// bit each; none outside a [`Prelude::scope`].
    static USABLE: Cell<u32> = const { Cell::new(0) };
}

impl ToTokens for StdName {
    /// The name, or its longest start that has a usable prelude name (`Result::Ok` in a crate
    /// defining `Ok`), or the full path.
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let usable = USABLE.with(Cell::get);
        let (segments, short) = PATHS[self.0];
        if usable & (1 << self.0) != 0 {
            tokens.append(Ident::new(short, Span::call_site()));
            return;
        }
        let start = PATHS.iter().enumerate().find(|(index, (prefix, _))| {
            usable & (1 << index) != 0
                && prefix.len() < segments.len()
                && segments.starts_with(prefix)
        });
        let rest = match start {
            Some((_, (prefix, short))) => {
                tokens.append(Ident::new(short, Span::call_site()));
                &segments[prefix.len()..]
            }
            None => segments,
        };
        for segment in rest {
            tokens.append(Punct::new(':', Spacing::Joint));
            tokens.append(Punct::new(':', Spacing::Alone));
            tokens.append(Ident::new(segment, Span::call_site()));
        }
    }
}

/// The prelude names of [`PATHS`] that stand in for their full paths in a crate defining
/// `defined`: those it does not define itself.
#[derive(Clone, Copy, Debug)]
pub struct Prelude {
    usable: u32,
}

impl Prelude {
    /// For a crate whose own items are named `defined` (the model's types; every other item
    /// the crate defines has a fixed name, which tests check is none of the prelude's).
    pub fn for_names<'a>(defined: impl IntoIterator<Item = &'a str>) -> Self {
        let defined: BTreeSet<&str> = defined.into_iter().collect();
        let usable = PATHS
            .iter()
            .enumerate()
            .filter(|(_, (_, short))| !defined.contains(short))
            .fold(0, |usable, (index, _)| usable | 1 << index);
        Prelude { usable }
    }

    /// Runs `emit` with [`StdName`]s printing as this prelude allows, on this thread (token
    /// streams never leave the thread that makes them).
    pub fn scope<R>(self, emit: impl FnOnce() -> R) -> R {
        /// Puts back the enclosing scope's names, also when `emit` unwinds.
        struct Restore(u32);
        impl Drop for Restore {
            fn drop(&mut self) {
                USABLE.with(|usable| usable.set(self.0));
            }
        }
        let _restore = Restore(USABLE.with(|usable| usable.replace(self.usable)));
        emit()
    }
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
    use proc_macro2::TokenTree;
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

    const ALL: [(StdName, &str); 14] = [
        (SOME, "Some"),
        (NONE, "None"),
        (OPTION, "Option"),
        (OK, "Ok"),
        (ERR, "Err"),
        (RESULT, "Result"),
        (STRING, "String"),
        (TO_STRING, "ToString"),
        (VEC, "Vec"),
        (BOX, "Box"),
        (INTO, "Into"),
        (FROM, "From"),
        (DEFAULT, "Default"),
        (TO_OWNED, "ToOwned"),
    ];

    /// The full path of a prelude name, as `quote!` prints it.
    fn full_path(name: &str) -> String {
        let text = match name {
            "Some" | "None" => format!("::std::option::Option::{name}"),
            "Ok" | "Err" => format!("::std::result::Result::{name}"),
            "Option" => "::std::option::Option".into(),
            "Result" => "::std::result::Result".into(),
            "String" | "ToString" => format!("::std::string::{name}"),
            "Vec" => "::std::vec::Vec".into(),
            "Box" => "::std::boxed::Box".into(),
            "Into" | "From" => format!("::std::convert::{name}"),
            "Default" => "::std::default::Default".into(),
            _ => "::std::borrow::ToOwned".into(),
        };
        text.parse::<TokenStream>().unwrap().to_string()
    }

    #[test]
    fn each_name_is_short_in_a_scope_and_full_outside() {
        let prelude = Prelude::for_names([]);
        for (name, short) in ALL {
            let inside = prelude.scope(|| quote!(#name).to_string());
            assert_eq!(inside, short);
            assert_eq!(quote!(#name).to_string(), full_path(short), "{short}");
        }
        let tokens = prelude.scope(|| {
            quote! {
                impl #FROM<A> for B {
                    fn from(a: A) -> #RESULT<#VEC<#STRING>, E> {
                        match a.0 { #SOME(x) => #OK(x), #NONE => #ERR(<T as #DEFAULT>::default()) }
                    }
                }
            }
        });
        assert_eq!(
            tokens.to_string(),
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
        // A structure named `Option` (RDS has one) shadows the prelude's; `Some` is still free.
        let prelude = Prelude::for_names(["Option", "Widget"]);
        let tokens = prelude.scope(|| quote!(fn f() -> #OPTION<#STRING> { #SOME(#STRING::new()) }));
        assert_eq!(
            tokens.to_string(),
            quote!(
                fn f() -> ::std::option::Option<String> {
                    Some(String::new())
                }
            )
            .to_string()
        );
        // A variant whose name the crate defines is written from its type's prelude name.
        let variants = Prelude::for_names(["Ok", "None"]);
        let tokens = variants.scope(|| quote!(#OK(#NONE)));
        assert_eq!(
            tokens.to_string(),
            quote!(Result::Ok(Option::None)).to_string()
        );
        let result = Prelude::for_names(["Ok", "Result"]);
        let tokens = result.scope(|| quote!(#OK(#ERR)));
        assert_eq!(
            tokens.to_string(),
            quote!(::std::result::Result::Ok(Err)).to_string()
        );
        // A generic argument after the name is the emitter's own.
        let tokens = prelude.scope(|| quote!(let x = #OPTION::<u8>::None;));
        assert_eq!(
            tokens.to_string(),
            quote!(let x = ::std::option::Option::<u8>::None;).to_string()
        );
    }

    #[test]
    fn scopes_nest_and_end_even_on_a_panic() {
        let all = Prelude::for_names([]);
        let no_vec = Prelude::for_names(["Vec"]);
        all.scope(|| {
            assert_eq!(quote!(#VEC).to_string(), "Vec");
            no_vec.scope(|| assert_eq!(quote!(#VEC).to_string(), full_path("Vec")));
            assert_eq!(quote!(#VEC).to_string(), "Vec");
            let unwound = std::panic::catch_unwind(|| no_vec.scope(|| panic!("emitting failed")));
            assert!(unwound.is_err());
            assert_eq!(quote!(#VEC).to_string(), "Vec");
        });
        assert_eq!(quote!(#VEC).to_string(), full_path("Vec"));
        // Another thread has its own scope.
        all.scope(|| {
            let there = std::thread::spawn(|| quote!(#BOX).to_string())
                .join()
                .unwrap();
            assert_eq!(there, full_path("Box"));
        });
    }

    #[test]
    fn defined_names_are_items_at_any_depth_but_not_associated_items() {
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
            // An item in a function body shadows in that body.
            quote!(impl X { fn f() { struct String; } }),
        ] {
            let mut defined = BTreeSet::new();
            defined_names(&item, &mut defined);
            assert!(defined.contains("String"), "{item}");
        }
        let mut defined = BTreeSet::new();
        defined_names(
            &quote!(impl FromStr for X { type Err = E; fn from_str(s: &str) -> Result<Self, E> { Err(E) } }),
            &mut defined,
        );
        assert!(!defined.contains("Err"), "{defined:?}");
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
