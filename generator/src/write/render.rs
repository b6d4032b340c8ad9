//! Formats generated modules with prettyplease, as one file (for `include!`) or as a
//! crate's `src/` tree (one file per module).

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::tokens::plain;
use crate::emit::{GeneratedCode, Module};

/// The emitted tokens did not form a Rust file: a generator bug, reported with its cause.
#[derive(Debug)]
pub struct RenderError(pub String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: generated code does not parse ({}); please report this with the model",
            self.0
        )
    }
}

impl std::error::Error for RenderError {}

/// Formats a whole file of tokens.
pub fn format(tokens: TokenStream) -> Result<String, RenderError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| RenderError(e.to_string()))?;
    Ok(prettyplease::unparse(&file))
}

fn doc_attrs(text: &str, inner: bool) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    if inner {
        quote!(#(#![doc = #lines])*)
    } else {
        quote!(#(#[doc = #lines])*)
    }
}

fn inline(module: &Module) -> TokenStream {
    let name = plain(&module.name);
    let docs = doc_attrs(&module.docs, false);
    let items = &module.items;
    let children = module.children.iter().map(inline);
    quote! {
        #docs
        pub mod #name {
            #items
            #(#children)*
        }
    }
}

/// One file with every module inline, for `include!(concat!(env!("OUT_DIR"), ...))` at a
/// crate root. Crate docs are left to the including crate (inner attributes cannot be included).
pub fn single_file(code: &GeneratedCode) -> Result<String, RenderError> {
    let modules = code.modules.iter().map(inline);
    let root = &code.root_items;
    format(quote!(#(#modules)* #root))
}

/// `src/lib.rs` and one file per module (`src/types.rs`, `src/types/builders.rs`, ...).
pub fn crate_files(code: &GeneratedCode) -> Result<BTreeMap<PathBuf, String>, RenderError> {
    let mut files = BTreeMap::new();
    let docs = code
        .crate_docs
        .as_deref()
        .map(|d| doc_attrs(d, true))
        .unwrap_or_default();
    let declarations = code.modules.iter().map(declaration);
    let root = &code.root_items;
    // Deeply nested models need more than the default 128 levels for drop checking.
    let limit = quote!(#![recursion_limit = "512"]);
    files.insert(
        PathBuf::from("src/lib.rs"),
        format(quote!(#docs #limit #(#declarations)* #root))?,
    );
    for module in &code.modules {
        split(module, PathBuf::from("src"), &mut files)?;
    }
    Ok(files)
}

fn declaration(module: &Module) -> TokenStream {
    let name = plain(&module.name);
    let docs = doc_attrs(&module.docs, false);
    quote!(#docs pub mod #name;)
}

fn split(
    module: &Module,
    dir: PathBuf,
    files: &mut BTreeMap<PathBuf, String>,
) -> Result<(), RenderError> {
    let items = &module.items;
    let declarations = module.children.iter().map(declaration);
    files.insert(
        dir.join(format!("{}.rs", module.name)),
        format(quote!(#items #(#declarations)*))?,
    );
    for child in &module.children {
        split(child, dir.join(&module.name), files)?;
    }
    Ok(())
}
