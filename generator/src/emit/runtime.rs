//! The fixed support code every generated crate carries: primitives, errors, validation, the
//! wire helpers, the endpoint rules interpreter.
//!
//! The sources live in `generator/runtime/` as ordinary Rust files (tested there or beside the
//! generator). Generated crates carry them as files of their own, written as they are: the
//! generator never parses or prints them, the emitted modules only declare them
//! ([`RuntimeFile`]). Only the primitives a model uses are carried.

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::PrimitiveUse;

const DATE_TIME: &str = include_str!("../../runtime/date_time.rs");
const BLOB: &str = include_str!("../../runtime/blob.rs");
const BYTE_STREAM: &str = include_str!("../../runtime/byte_stream.rs");
const BIG_NUMBER: &str = include_str!("../../runtime/big_number.rs");
const BIG_NUMBER_CBOR: &str = include_str!("../../runtime/big_number_cbor.rs");
const DOCUMENT: &str = include_str!("../../runtime/document.rs");
const UNKNOWN_VARIANT: &str = include_str!("../../runtime/unknown_variant.rs");
const REQUEST_ID: &str = include_str!("../../runtime/request_id.rs");
const STRUCTURE: &str = include_str!("../../runtime/structure.rs");
const BUILDER: &str = include_str!("../../runtime/builder.rs");
const BUILD_ERROR: &str = include_str!("../../runtime/build_error.rs");
const UNHANDLED: &str = include_str!("../../runtime/unhandled.rs");
const MODELED_ERROR: &str = include_str!("../../runtime/modeled_error.rs");
const FLOAT: &str = include_str!("../../runtime/float.rs");
const ITEMS: &str = include_str!("../../runtime/items.rs");
const WIRE: &str = include_str!("../../runtime/wire.rs");
const JSON_WRITE: &str = include_str!("../../runtime/json_write.rs");
const CORRECTION: &str = include_str!("../../runtime/correction.rs");
const VALIDATION: &str = include_str!("../../runtime/validation.rs");
const PATTERN: &str = include_str!("../../runtime/pattern.rs");
const XML: &str = include_str!("../../runtime/xml.rs");
const QUERY: &str = include_str!("../../runtime/query.rs");
const CBOR: &str = include_str!("../../runtime/cbor.rs");
const REQUEST_COMPRESSION: &str = include_str!("../../runtime/request_compression.rs");
const GZIP: &str = include_str!("../../runtime/gzip.rs");
const TREE_HASH: &str = include_str!("../../runtime/tree_hash.rs");
const CHECKSUM: &str = include_str!("../../runtime/checksum.rs");
const CHECKSUM_ALGORITHMS: &str = include_str!("../../runtime/checksum_algorithms.rs");
const EVENT_STREAM: &str = include_str!("../../runtime/event_stream.rs");
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

/// The name of the private module holding a runtime file whose items are those of a module
/// that also has generated items (`validation`, `wire`, `json_input`): the module re-exports
/// them (`pub use self::runtime::*;`), so that its paths are the file's.
const MIXED: &str = "runtime";

/// A runtime file in a generated crate: the module `name` of the module that declares it,
/// its text written as it is.
#[derive(Clone, Debug)]
pub struct RuntimeFile {
    pub name: &'static str,
    /// `pub mod`, or a private `mod` whose items the declaring module re-exports.
    pub public: bool,
    /// Outer attributes of the declaration (a `#[cfg(...)]`, docs).
    pub attrs: TokenStream,
    pub text: &'static str,
}

impl RuntimeFile {
    pub(super) fn public(name: &'static str, text: &'static str) -> Self {
        RuntimeFile {
            name,
            public: true,
            attrs: TokenStream::new(),
            text: without_tests(text),
        }
    }

    pub(super) fn private(name: &'static str, text: &'static str) -> Self {
        RuntimeFile {
            public: false,
            ..RuntimeFile::public(name, text)
        }
    }

    pub(super) fn with_attrs(self, attrs: TokenStream) -> Self {
        RuntimeFile { attrs, ..self }
    }
}

/// The file's text without its unit tests: a `#[cfg(test)] mod tests { .. }` that ends the
/// file is the runtime's own test, run where the file is built by path (`client-runtime`);
/// a generated crate would only carry it, and run it in its user's `cargo test`.
fn without_tests(text: &'static str) -> &'static str {
    const TESTS: &str = "\n#[cfg(test)]\nmod tests {\n";
    let Some(start) = text.rfind(TESTS) else {
        return text;
    };
    // The module must be the file's last item: after it, only its own indented lines
    // and its closing brace.
    let body = &text[start + TESTS.len()..];
    let last_item = body
        .lines()
        .all(|line| line.is_empty() || line.starts_with(' ') || line == "}");
    if !last_item || !body.trim_end().ends_with('}') {
        return text;
    }
    // Keep the line break that ends the item before it, not the blank line after it.
    let kept = text[..start].trim_end_matches('\n');
    &text[..kept.len() + 1]
}

/// A module's runtime part: the files it declares and the items that re-export theirs.
pub struct Part {
    pub items: TokenStream,
    pub files: Vec<RuntimeFile>,
}

/// A runtime file holding the items of the module that declares it, with their re-export.
fn mixed(text: &'static str) -> Part {
    let name = super::tokens::plain(MIXED);
    Part {
        items: quote!(pub use self::#name::*;),
        files: vec![RuntimeFile::private(MIXED, text)],
    }
}

/// `endpoint::rules`: the rules interpreter (the generator's `rules` module runs the same
/// files) and the automaton matcher its partition table uses.
pub fn endpoint_rules() -> Vec<RuntimeFile> {
    ENDPOINT_RULES
        .iter()
        .map(|(name, text)| RuntimeFile::public(name, text))
        .chain([pattern()])
        .collect()
}

/// The `primitives` module: the files of the primitives the model uses, what the
/// structures' serde impls share, and the request IDs of responses.
pub fn primitives(used: PrimitiveUse) -> Part {
    let mut items = vec![quote!(
        pub use self::request_id::{RequestId, RequestIds};
        pub use self::unknown_variant::UnknownVariantValue;
    )];
    let mut files = vec![
        RuntimeFile::public("request_id", REQUEST_ID),
        RuntimeFile::public("unknown_variant", UNKNOWN_VARIANT),
        RuntimeFile::public("structure", STRUCTURE),
        RuntimeFile::public("builder", BUILDER),
    ];
    if used.byte_stream {
        files.push(RuntimeFile::public("byte_stream", BYTE_STREAM));
        items.push(quote!(
            pub use self::byte_stream::{ByteStream, ByteStreamError};
        ));
    }
    if used.date_time {
        files.push(RuntimeFile::public("date_time", DATE_TIME));
        items.push(quote!(
            pub use self::date_time::DateTime;
        ));
    }
    if used.blob {
        files.push(RuntimeFile::public("blob", BLOB));
        items.push(quote!(
            pub use self::blob::Blob;
        ));
    }
    if used.big_number {
        files.push(RuntimeFile::public("big_number", BIG_NUMBER));
        files.push(RuntimeFile::public("big_number_cbor", BIG_NUMBER_CBOR));
        let as_strings = used.big_numbers_as_strings;
        items.push(quote!(
            pub use self::big_number::{BigDecimal, BigInteger};
            /// Whether the protocol writes big numbers as JSON strings (RPC v2 JSON).
            const BIG_NUMBERS_AS_STRINGS: bool = #as_strings;
        ));
    }
    if used.float {
        files.push(RuntimeFile::public("float", FLOAT));
    }
    // The forms of floats and timestamps inside lists, maps and unions.
    if used.float || used.date_time {
        files.push(RuntimeFile::public("items", ITEMS));
    }
    if used.document {
        files.push(RuntimeFile::public("document", DOCUMENT));
        items.push(quote!(
            pub use self::document::Document;
        ));
    }
    Part {
        items: quote!(#(#items)*),
        files,
    }
}

/// The `validation` module's fixed items (paths, rules, violations).
pub fn validation() -> Part {
    mixed(VALIDATION)
}

/// `validation::pattern`: the matcher of patterns compiled to automata.
pub fn pattern() -> RuntimeFile {
    RuntimeFile::public("pattern", PATTERN)
}

/// The `wire` module: the HTTP binding helpers the generated wire layer calls, the JSON body
/// writer, client error correction and, for restXml and the query protocols (`xml`), the XML
/// writer and reader; for the query protocols (`query`) the form writer; for rpcv2Cbor
/// (`cbor`) the CBOR writer and reader; when an operation compresses its requests (`gzip`),
/// the gzip coder (the `compression` settings every crate has: the client's call applies them);
/// when an operation has checksum traits (`checksums`), the checksum algorithms (the
/// `checksum` settings and marks every crate has, for the same reason); for Glacier's
/// customization (`tree_hash`), the SHA-256 tree hash; for a model with event streams
/// (`event_stream`) the message framing.
pub fn wire(
    xml: bool,
    query: bool,
    cbor: bool,
    gzip: bool,
    checksums: bool,
    tree_hash: bool,
    event_stream: bool,
) -> Part {
    let mut part = mixed(WIRE);
    part.files.extend([
        RuntimeFile::public("json", JSON_WRITE),
        RuntimeFile::public("correction", CORRECTION),
        RuntimeFile::public("compression", REQUEST_COMPRESSION),
        RuntimeFile::public("checksum", CHECKSUM),
    ]);
    if gzip {
        part.files.push(RuntimeFile::public("gzip", GZIP));
    }
    if checksums {
        part.files.push(RuntimeFile::public(
            "checksum_algorithms",
            CHECKSUM_ALGORITHMS,
        ));
    }
    if tree_hash {
        part.files.push(RuntimeFile::public("tree_hash", TREE_HASH));
    }
    if xml {
        part.files.push(RuntimeFile::public("xml", XML));
    }
    if query {
        part.files.push(RuntimeFile::public("query", QUERY));
    }
    if cbor {
        part.files.push(RuntimeFile::public("cbor", CBOR));
    }
    if event_stream {
        part.files
            .push(RuntimeFile::public("event_stream", EVENT_STREAM));
    }
    part
}

/// The `json_input` module's fixed items: the document checker and its problems.
pub fn json_input() -> Part {
    mixed(JSON_INPUT)
}

/// The `error` module: build errors, what modeled errors share (traits and the macros the
/// emitted error types call), unmodeled service errors.
pub fn errors() -> Part {
    Part {
        items: quote! {
            pub use self::build_error::{BuildError, MissingMember};
            pub use self::modeled_error::*;
            pub use self::unhandled::Unhandled;
        },
        files: vec![
            RuntimeFile::public("build_error", BUILD_ERROR),
            RuntimeFile::private("modeled_error", MODELED_ERROR),
            RuntimeFile::public("unhandled", UNHANDLED),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Generated crates carry these files as they are: each must be a Rust file. (The
    /// crates built by the workspace tests compile them; this says which file is wrong.)
    #[test]
    fn every_runtime_file_parses() {
        let all = PrimitiveUse {
            date_time: true,
            blob: true,
            byte_stream: true,
            big_number: true,
            document: true,
            float: true,
            wire: true,
            big_numbers_as_strings: false,
        };
        let files = [
            primitives(all),
            errors(),
            wire(true, true, true, true, true, true, true),
            validation(),
            json_input(),
        ]
        .into_iter()
        .flat_map(|part| part.files)
        .chain(endpoint_rules());
        let mut count = 0;
        for file in files {
            if let Err(e) = syn::parse_file(file.text) {
                panic!("{}: {e}", file.name);
            }
            count += 1;
        }
        assert_eq!(count, 36);
    }

    /// The endpoint rules files' unit tests live in the generator (`rules::tests`): the
    /// files go into generated crates whole.
    #[test]
    fn endpoint_rules_files_hold_no_unit_tests() {
        for file in endpoint_rules() {
            assert!(!file.text.contains("cfg(test)"), "{}", file.name);
        }
    }

    #[test]
    fn a_test_module_that_ends_the_file_is_left_out_of_the_copy() {
        let text = "pub fn f() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n";
        assert_eq!(without_tests(text), "pub fn f() {}\n");
        // Followed by another item: the file stays whole (cutting would lose the item).
        let then_more =
            "pub fn f() {}\n\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n\npub fn g() {}\n";
        assert_eq!(without_tests(then_more), then_more);
        let none = "pub fn f() {}\n";
        assert_eq!(without_tests(none), none);
    }

    #[test]
    fn unused_primitives_are_left_out() {
        let part = primitives(PrimitiveUse::default());
        let names: Vec<_> = part.files.iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            ["request_id", "unknown_variant", "structure", "builder"]
        );
        assert!(part.items.to_string().contains("UnknownVariantValue"));
    }
}
