//! The fixed support code every generated crate carries: primitives and error types.
//!
//! The sources live in `generator/runtime/` as ordinary Rust files (tested there); they are
//! parsed with syn (once per thread) and emitted as token streams like everything else. Only the primitives a
//! model uses are emitted.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::plain;
use crate::plan::PrimitiveUse;

const DATE_TIME: &str = include_str!("../../runtime/date_time.rs");
const BLOB: &str = include_str!("../../runtime/blob.rs");
const BIG_NUMBER: &str = include_str!("../../runtime/big_number.rs");
const DOCUMENT: &str = include_str!("../../runtime/document.rs");
const UNKNOWN_VARIANT: &str = include_str!("../../runtime/unknown_variant.rs");
const BUILD_ERROR: &str = include_str!("../../runtime/build_error.rs");
const UNHANDLED: &str = include_str!("../../runtime/unhandled.rs");
const FLOAT: &str = include_str!("../../runtime/float.rs");
const WIRE: &str = include_str!("../../runtime/wire.rs");
const JSON_WRITE: &str = include_str!("../../runtime/json_write.rs");
const CORRECTION: &str = include_str!("../../runtime/correction.rs");
const VALIDATION: &str = include_str!("../../runtime/validation.rs");
const PATTERN: &str = include_str!("../../runtime/pattern.rs");
const JSON_INPUT: &str = include_str!("../../runtime/json_input.rs");
/// The endpoint rules interpreter, module by module (`rules::*` in the generator).
const ENDPOINT_RULES: [(&str, &str); 6] = [
    (
        "ruleset",
        include_str!("../../runtime/endpoint_rules/ruleset.rs"),
    ),
    ("eval", include_str!("../../runtime/endpoint_rules/eval.rs")),
    (
        "functions",
        include_str!("../../runtime/endpoint_rules/functions.rs"),
    ),
    ("aws", include_str!("../../runtime/endpoint_rules/aws.rs")),
    (
        "template",
        include_str!("../../runtime/endpoint_rules/template.rs"),
    ),
    (
        "resolved",
        include_str!("../../runtime/endpoint_rules/resolved.rs"),
    ),
];

/// A runtime file's attributes and items as tokens, without its `#[cfg(test)]` items when
/// `drop_tests` is set. The files are part of the generator and covered by its tests, so a
/// parse failure is a generator bug, reported as such rather than a panic.
///
/// Parsed once per thread: `generate --each` and long-running callers emit many crates that
/// all carry the same files, and re-parsing them was a sixth of each crate's generation.
/// (Token streams are not `Send`, hence per thread.)
pub(super) fn contents(
    label: &str,
    source: &'static str,
    drop_tests: bool,
) -> Result<TokenStream, String> {
    type Cache = RefCell<HashMap<(usize, usize, bool), TokenStream>>;
    thread_local! {
        static PARSED: Cache = RefCell::new(HashMap::new());
    }
    let key = (source.as_ptr() as usize, source.len(), drop_tests);
    if let Some(tokens) = PARSED.with(|cache| cache.borrow().get(&key).cloned()) {
        return Ok(tokens);
    }
    let tokens = if drop_tests && source.contains("cfg(test)") {
        // Items to leave out: syn finds where they end.
        let file = syn::parse_file(source)
            .map_err(|e| format!("runtime module `{label}` does not parse: {e}"))?;
        let attrs = &file.attrs;
        let items = file.items.iter().filter(|item| !is_test_only(item));
        quote!(#(#attrs)* #(#items)*)
    } else {
        // The whole file: its tokens are all the write stage needs, and lexing is a fifth of
        // parsing (the unit tests below check that every file parses as Rust).
        source
            .parse::<TokenStream>()
            .map_err(|e| format!("runtime module `{label}` does not lex: {e}"))?
    };
    PARSED.with(|cache| cache.borrow_mut().insert(key, tokens.clone()));
    Ok(tokens)
}

/// A runtime file as an inline module.
fn module(name: &str, source: &'static str) -> Result<TokenStream, String> {
    let contents = contents(name, source, false)?;
    let name = plain(name);
    Ok(quote! {
        pub mod #name {
            #contents
        }
    })
}

/// A runtime file as an inline module without its `#[cfg(test)]` items (the endpoint rules
/// files keep their unit tests beside the code; the generator runs them).
fn module_without_tests(name: &str, source: &'static str) -> Result<TokenStream, String> {
    let contents = contents(name, source, true)?;
    let name = plain(name);
    Ok(quote! {
        pub mod #name {
            #contents
        }
    })
}

pub(super) fn is_test_only(item: &syn::Item) -> bool {
    let attrs = match item {
        syn::Item::Mod(m) => &m.attrs,
        syn::Item::Fn(f) => &f.attrs,
        syn::Item::Use(u) => &u.attrs,
        _ => return false,
    };
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// `endpoint::rules`: the rules interpreter (the generator's `rules` module runs the same
/// files) and the automaton matcher its partition table uses.
pub fn endpoint_rules() -> Result<TokenStream, String> {
    let modules = ENDPOINT_RULES
        .iter()
        .map(|(name, source)| module_without_tests(name, source))
        .collect::<Result<Vec<_>, _>>()?;
    let pattern = module("pattern", PATTERN)?;
    Ok(quote!(#(#modules)* #pattern))
}

/// The `primitives` module's items.
pub fn primitives(used: PrimitiveUse) -> Result<TokenStream, String> {
    let mut items = vec![
        module("unknown_variant", UNKNOWN_VARIANT)?,
        quote!(
            pub use self::unknown_variant::UnknownVariantValue;
        ),
    ];
    if used.date_time {
        items.push(module("date_time", DATE_TIME)?);
        items.push(quote!(
            pub use self::date_time::DateTime;
        ));
    }
    if used.blob {
        items.push(module("blob", BLOB)?);
        items.push(quote!(
            pub use self::blob::Blob;
        ));
    }
    if used.big_number {
        items.push(module("big_number", BIG_NUMBER)?);
        items.push(quote!(
            pub use self::big_number::{BigDecimal, BigInteger};
        ));
    }
    if used.float {
        items.push(module("float", FLOAT)?);
    }
    if used.document {
        items.push(module("document", DOCUMENT)?);
        items.push(quote!(
            pub use self::document::Document;
        ));
    }
    Ok(quote!(#(#items)*))
}

/// The `validation` module's fixed items (paths, rules, violations).
pub fn validation() -> Result<TokenStream, String> {
    contents("validation", VALIDATION, false)
}

/// `validation::pattern`: the matcher of patterns compiled to automata.
pub fn pattern() -> Result<TokenStream, String> {
    module("pattern", PATTERN)
}

/// The `wire` module's items: restJson1 helpers the generated wire layer calls.
pub fn wire() -> Result<TokenStream, String> {
    let wire = contents("wire", WIRE, false)?;
    let json = module("json", JSON_WRITE)?;
    let correction = module("correction", CORRECTION)?;
    Ok(quote!(#wire #json #correction))
}

/// The `json_input` module's fixed items: the document checker and its problems.
pub fn json_input() -> Result<TokenStream, String> {
    contents("json_input", JSON_INPUT, false)
}

/// The `error` module's items: build errors and unmodeled service errors.
pub fn errors() -> Result<TokenStream, String> {
    let build = module("build_error", BUILD_ERROR)?;
    let unhandled = module("unhandled", UNHANDLED)?;
    Ok(quote! {
        #build
        pub use self::build_error::{BuildError, MissingMember};
        #unhandled
        pub use self::unhandled::Unhandled;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_file_parses() {
        let all = PrimitiveUse {
            date_time: true,
            blob: true,
            big_number: true,
            document: true,
            float: true,
            wire: true,
        };
        assert!(primitives(all).is_ok());
        assert!(errors().is_ok());
        assert!(wire().is_ok());
        assert!(validation().is_ok());
        assert!(pattern().is_ok());
        assert!(json_input().is_ok());
        assert!(endpoint_rules().is_ok());
        // Whole files are only lexed when emitted: parse them here.
        let files = [
            DATE_TIME,
            BLOB,
            BIG_NUMBER,
            DOCUMENT,
            UNKNOWN_VARIANT,
            BUILD_ERROR,
            UNHANDLED,
            FLOAT,
            WIRE,
            JSON_WRITE,
            CORRECTION,
            VALIDATION,
            PATTERN,
            JSON_INPUT,
        ];
        for source in files.into_iter().chain(ENDPOINT_RULES.map(|(_, s)| s)) {
            if let Err(e) = syn::parse_file(source) {
                panic!("{e}: {}", &source[..source.len().min(200)]);
            }
        }
    }

    #[test]
    fn endpoint_rules_leave_their_unit_tests_behind() {
        let tokens = endpoint_rules().unwrap().to_string();
        assert!(tokens.contains("pub mod eval") && tokens.contains("pub mod pattern"));
        assert!(tokens.contains("pub fn resolve"));
        assert!(!tokens.contains("cfg (test)"), "{tokens}");
    }

    #[test]
    fn unused_primitives_are_left_out() {
        let tokens = primitives(PrimitiveUse::default()).unwrap().to_string();
        assert!(!tokens.contains("date_time"));
        assert!(tokens.contains("UnknownVariantValue"));
    }
}
