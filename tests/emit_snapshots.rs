//! Snapshots of the code `smithy-codegen` emits for `model/`, one per generated type.
//!
//! The generator's crate layout (`write::crate_files`) is parsed file by file and each file's
//! items are grouped by the type they concern: `struct X` / `enum X` with its `impl X`,
//! `impl Trait for X` and the `default_x_*` functions beside it. Every group is one snapshot,
//! named after its module and type (`types__Tag`, `types__builders__TagBuilder`, ...), so a
//! change to the generator shows up as a small diff in exactly the types it touches.
//!
//! The fixed runtime modules (`src/error.rs`, `src/primitives*`, and every runtime file the
//! generator writes as it is, `write::runtime_files`) do not depend on the model; only the
//! names of their items are snapshotted. `src/lib.rs` and the list of generated files
//! are snapshotted whole.
//!
//! Update with `cargo insta review` (or `INSTA_UPDATE=always cargo test --test emit_snapshots`).

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Component, Path};
use std::sync::OnceLock;

use smithy_codegen_tests::model_dir;
use syn::{Item, Type, UseTree, Visibility};

/// Snapshot files of this test target start with this (insta prepends the module name).
const SNAPSHOT_FILE_PREFIX: &str = "emit_snapshots__";
/// The snapshot of `src/lib.rs`.
const LIB: &str = "lib";
/// The snapshot listing every generated file.
const FILES: &str = "files";
/// The snapshot listing the items of the runtime modules.
const RUNTIME_ITEMS: &str = "runtime_items";
/// Group key for static tables: the shape tables of `json_input::shapes`, the endpoint rule set and partitions.
const SHAPE_TABLES: &str = "shape_tables";
/// Group key for a file's `use` items (re-exports).
const USES: &str = "uses";
/// Group key prefix of an inline module (the endpoint rules interpreter): fixed code, so only its item names
/// are snapshotted.
const INLINE_MODULE: &str = "mod_";
/// Group key for a file's `pub mod child;` declarations. `mod` is a keyword, so no generated
/// type can have this name.
const MODULE_DECLARATIONS: &str = "mod";

/// The generated crate's files: path (with `/` separators) to contents, sorted by path.
fn generated_files() -> BTreeMap<String, String> {
    let output = smithy_codegen::run(&[model_dir()], None)
        .unwrap_or_else(|e| panic!("generating from model/ failed:\n{e}"));
    smithy_codegen::write::crate_files(&output.code)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(path, text)| (slash_path(&path), text))
        .collect()
}

/// The runtime files the generator writes as they are (`src/client/config.rs`, ...).
fn runtime_paths() -> &'static BTreeSet<String> {
    static PATHS: OnceLock<BTreeSet<String>> = OnceLock::new();
    PATHS.get_or_init(|| {
        let output = smithy_codegen::run(&[model_dir()], None)
            .unwrap_or_else(|e| panic!("generating from model/ failed:\n{e}"));
        smithy_codegen::write::runtime_files(&output.code)
            .into_iter()
            .map(|(path, _)| slash_path(&Path::new("src").join(path)))
            .collect()
    })
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str().expect("generated paths are UTF-8"),
            other => panic!("unexpected component {other:?} in generated path {path:?}"),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    /// `src/lib.rs`: snapshotted whole.
    Root,
    /// Fixed code that does not depend on the model: only its item names are snapshotted.
    Runtime,
    /// Code generated from the model: snapshotted type by type.
    Model,
}

fn file_kind(path: &str) -> FileKind {
    if path == "src/lib.rs" {
        FileKind::Root
    } else if path == "src/error.rs"
        || path.starts_with("src/error/")
        || path == "src/primitives.rs"
        || path.starts_with("src/primitives/")
        || path == "src/wire.rs"
        || path == "src/validation.rs"
        || path == "src/json_input.rs"
        // The client (behind `#![cfg(feature = "client")]`): fixed code, plus one method per
        // operation on each client; the fluent builders (`src/client/fluent.rs`) are model files.
        || path == "src/client.rs"
        || runtime_paths().contains(path)
    {
        FileKind::Runtime
    } else {
        FileKind::Model
    }
}

/// `src/types/builders.rs` -> `types__builders`.
fn module_prefix(path: &str) -> String {
    let module = path
        .strip_prefix("src/")
        .and_then(|p| p.strip_suffix(".rs"))
        .unwrap_or_else(|| panic!("{path} is not a `src/**.rs` file"));
    module.replace('/', "__")
}

/// The items of one model file that concern one type (or the file's module declarations).
struct Group {
    /// The snapshot name: `<module prefix>__<type>`.
    name: String,
    /// The type's name, or [`MODULE_DECLARATIONS`].
    key: String,
    items: Vec<Item>,
}

/// One model file, parsed and grouped.
struct GroupedFile {
    path: String,
    /// How many top-level items the file has.
    parsed: usize,
    groups: Vec<Group>,
}

/// Parses every model file and groups its items. Files and groups keep a deterministic order:
/// files by path, groups by where their first item appears in the file.
fn grouped_files(files: &BTreeMap<String, String>) -> Vec<GroupedFile> {
    files
        .iter()
        .filter(|(path, _)| file_kind(path) == FileKind::Model)
        .map(|(path, source)| group_file(path, source))
        .collect()
}

fn group_file(path: &str, source: &str) -> GroupedFile {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    assert!(
        file.attrs.is_empty(),
        "{path} has inner attributes, which no group snapshot would show"
    );
    let defined: Vec<String> = file.items.iter().filter_map(defined_type).collect();
    let prefix = module_prefix(path);
    let parsed = file.items.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for item in file.items {
        let key = group_key(&item, &defined).unwrap_or_else(|| {
            panic!(
                "{path}: cannot tell which type `{}` belongs to; teach `group_key` about it",
                describe(&item)
            )
        });
        let slot = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                name: format!("{prefix}__{key}"),
                key,
                items: Vec::new(),
            });
            groups.len() - 1
        });
        groups[slot].items.push(item);
    }
    GroupedFile {
        path: path.to_owned(),
        parsed,
        groups,
    }
}

/// The name of the type `item` defines, if it defines one.
fn defined_type(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => Some(s.ident.to_string()),
        Item::Enum(e) => Some(e.ident.to_string()),
        Item::Union(u) => Some(u.ident.to_string()),
        Item::Macro(m) if is_one_of(&m.mac, DECLARING_MACROS) => first_ident(&m.mac),
        _ => None,
    }
}

/// The runtime's macros that declare the type named first in their arguments (an
/// operation's error enum, `client::fluent`'s unit type of an operation) rather than only
/// give it methods.
const DECLARING_MACROS: &[&str] = &["operation_error", "operation_unit"];

/// The runtime's macros that write an operation's free wire functions (and its
/// `endpoint_params`, which the snapshot of those functions shows).
const WIRE_FUNCTION_MACROS: &[&str] = &[
    "serialize_request_api",
    "parse_http_response_api",
    "parse_response_api",
    "built_in_params",
];

/// Whether `mac` is one of the macros `names`, by the last segment of its path.
fn is_one_of(mac: &syn::Macro, names: &[&str]) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|last| names.iter().any(|name| last.ident == name))
}

fn first_ident(mac: &syn::Macro) -> Option<String> {
    match mac.tokens.clone().into_iter().next() {
        Some(proc_macro2::TokenTree::Ident(ty)) => Some(ty.to_string()),
        _ => None,
    }
}

/// Which group `item` belongs to; `None` for items this test does not know how to place.
/// The group of an operation module's free functions: its restJson1 wire layer.
const WIRE_FUNCTIONS: &str = "wire_layer";

fn group_key(item: &Item, defined: &[String]) -> Option<String> {
    match item {
        Item::Struct(_) | Item::Enum(_) | Item::Union(_) => defined_type(item),
        Item::Impl(i) => type_name(&i.self_ty).map(|name| alias_owner(name, defined)),
        // `client::fluent`'s `<Operation>FluentBuilder<C>`: with the operation's unit type.
        Item::Type(t) => Some(alias_owner(t.ident.to_string(), defined)),
        Item::Fn(f) => {
            let name = f.sig.ident.to_string();
            match name.strip_prefix("default_") {
                Some(rest) => owner_of_default_fn(rest, defined),
                // An operation's wire functions (serialize_request, parse_response, ...).
                None => Some(WIRE_FUNCTIONS.to_owned()),
            }
        }
        Item::Mod(m) if m.content.is_none() => Some(MODULE_DECLARATIONS.to_owned()),
        // The input shape tables (`json_input::shapes`) are one group; so are the endpoint tables.
        Item::Static(_) | Item::Const(_) => Some(SHAPE_TABLES.to_owned()),
        Item::Use(_) => Some(USES.to_owned()),
        Item::Mod(m) => Some(format!("{INLINE_MODULE}{}", m.ident)),
        // `crate::error::modeled_error_api!(Type, ..)`: the type it gives methods to (or
        // declares) comes first.
        // The runtime's macros that write an operation's wire functions belong with them.
        Item::Macro(m) if is_one_of(&m.mac, WIRE_FUNCTION_MACROS) => {
            Some(WIRE_FUNCTIONS.to_owned())
        }
        Item::Macro(m) => first_ident(&m.mac),
        _ => None,
    }
}

/// The unit type `X` that `XFluentBuilder` (an alias of the input builder bound to the
/// client) belongs to, when the file defines it; else `name` itself.
fn alias_owner(name: String, defined: &[String]) -> String {
    match name.strip_suffix("FluentBuilder") {
        Some(unit) if defined.iter().any(|d| d == unit) => unit.to_owned(),
        _ => name,
    }
}

/// For `default_<type in snake case>_<member>`, given `rest` = `<type>_<member>`: the
/// defined type whose name matches the longest `_`-separated prefix of `rest`, compared
/// without underscores and case (so no snake-case conversion has to be replicated here).
fn owner_of_default_fn(rest: &str, defined: &[String]) -> Option<String> {
    let prefixes: BTreeSet<String> = rest
        .match_indices('_')
        .map(|(i, _)| rest[..i].replace('_', ""))
        .collect();
    defined
        .iter()
        .filter(|ty| prefixes.contains(&ty.to_lowercase()))
        .max_by_key(|ty| ty.len())
        .cloned()
}

/// The last segment of a path type: `crate::types::Tag` -> `Tag`.
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn path_name(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{lead}{}", segments.join("::"))
}

fn use_tree(tree: &UseTree) -> String {
    match tree {
        UseTree::Path(p) => format!("{}::{}", p.ident, use_tree(&p.tree)),
        UseTree::Name(n) => n.ident.to_string(),
        UseTree::Rename(r) => format!("{} as {}", r.ident, r.rename),
        UseTree::Glob(_) => "*".to_owned(),
        UseTree::Group(g) => {
            let items: Vec<String> = g.items.iter().map(use_tree).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

fn visibility(vis: &Visibility) -> &'static str {
    match vis {
        Visibility::Public(_) => "pub ",
        Visibility::Restricted(_) => "pub(..) ",
        Visibility::Inherited => "",
    }
}

/// A one-line description of an item: its kind and name (for impls, the trait and type).
fn describe(item: &Item) -> String {
    match item {
        Item::Struct(s) => format!("{}struct {}", visibility(&s.vis), s.ident),
        Item::Enum(e) => format!("{}enum {}", visibility(&e.vis), e.ident),
        Item::Union(u) => format!("{}union {}", visibility(&u.vis), u.ident),
        Item::Fn(f) => format!("{}fn {}", visibility(&f.vis), f.sig.ident),
        Item::Const(c) => format!("{}const {}", visibility(&c.vis), c.ident),
        Item::Static(s) => format!("{}static {}", visibility(&s.vis), s.ident),
        Item::Type(t) => format!("{}type {}", visibility(&t.vis), t.ident),
        Item::Trait(t) => format!("{}trait {}", visibility(&t.vis), t.ident),
        Item::Mod(m) => format!("{}mod {}", visibility(&m.vis), m.ident),
        Item::Use(u) => format!("{}use {}", visibility(&u.vis), use_tree(&u.tree)),
        Item::Macro(m) => format!("{}!", path_name(&m.mac.path)),
        Item::Impl(i) => {
            let ty = type_name(&i.self_ty).unwrap_or_else(|| "<non-path type>".to_owned());
            match &i.trait_ {
                Some((negative, path, _)) => {
                    let bang = if negative.is_some() { "!" } else { "" };
                    format!("impl {bang}{} for {ty}", path_name(path))
                }
                None => {
                    // Inherent impls list their members, so that API additions show up.
                    let members: Vec<String> = i
                        .items
                        .iter()
                        .map(|member| match member {
                            syn::ImplItem::Fn(f) => format!("fn {}", f.sig.ident),
                            syn::ImplItem::Const(c) => format!("const {}", c.ident),
                            syn::ImplItem::Type(t) => format!("type {}", t.ident),
                            // `client_method!(method, ..)`: the method it adds comes first.
                            syn::ImplItem::Macro(m) => {
                                let first = m.mac.tokens.clone().into_iter().next();
                                let first = first.map(|t| t.to_string()).unwrap_or_default();
                                format!("{}!({first}, ..)", path_name(&m.mac.path))
                            }
                            _ => "<other>".to_owned(),
                        })
                        .collect();
                    format!("impl {ty} {{ {} }}", members.join(", "))
                }
            }
        }
        _ => "<other item>".to_owned(),
    }
}

/// Item names of a file, nested modules indented below their `mod` line.
fn list_items(items: &[Item], depth: usize, out: &mut String) {
    for item in items {
        out.push_str(&"  ".repeat(depth));
        out.push_str(&describe(item));
        out.push('\n');
        if let Item::Mod(syn::ItemMod {
            content: Some((_, inner)),
            ..
        }) = item
        {
            list_items(inner, depth + 1, out);
        }
    }
}

/// Items printed as the generator prints them (its spacing of macro arguments, which
/// reading the files back loses, too).
fn render(mut items: Vec<Item>) -> String {
    smithy_codegen::write::tighten_macro_arguments(&mut items);
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// A snapshot to check: its name, where its code comes from, and the text.
struct Snapshot {
    name: String,
    source: String,
    text: String,
}

/// Every snapshot of this target, in a fixed order.
fn all_snapshots() -> Vec<Snapshot> {
    let files = generated_files();
    let mut snapshots = vec![
        Snapshot {
            name: FILES.to_owned(),
            source: "the paths `write::crate_files` returns".to_owned(),
            text: files.keys().map(|path| format!("{path}\n")).collect(),
        },
        Snapshot {
            name: LIB.to_owned(),
            source: "src/lib.rs".to_owned(),
            text: files["src/lib.rs"].clone(),
        },
        runtime_snapshot(&files),
    ];
    for file in grouped_files(&files) {
        for group in file.groups {
            let text = match group.key.starts_with(INLINE_MODULE) {
                true => {
                    let mut names = String::new();
                    list_items(&group.items, 0, &mut names);
                    names
                }
                false => render(group.items),
            };
            snapshots.push(Snapshot {
                name: group.name,
                source: file.path.clone(),
                text,
            });
        }
    }
    snapshots
}

fn runtime_snapshot(files: &BTreeMap<String, String>) -> Snapshot {
    let mut text = String::new();
    for (path, source) in files {
        if file_kind(path) != FileKind::Runtime {
            continue;
        }
        let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        text.push_str(path);
        text.push('\n');
        list_items(&file.items, 1, &mut text);
    }
    Snapshot {
        name: RUNTIME_ITEMS.to_owned(),
        source: "the item names of the fixed runtime modules and files".to_owned(),
        text,
    }
}

/// Checks every snapshot, reporting all that differ rather than stopping at the first (so
/// one run writes every `.snap.new` for `cargo insta review`).
fn assert_snapshots(snapshots: &[Snapshot]) {
    let mut differing = Vec::new();
    for snapshot in snapshots {
        let checked = panic::catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({
                description => format!("from {}", snapshot.source),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(snapshot.name.as_str(), snapshot.text.as_str());
            });
        }));
        if checked.is_err() {
            differing.push(snapshot.name.as_str());
        }
    }
    assert!(
        differing.is_empty(),
        "{} snapshot(s) differ: {differing:?}\nreview them with `cargo insta review`",
        differing.len()
    );
}

#[test]
fn emitted_code_matches_snapshots() {
    assert_snapshots(&all_snapshots());
}

#[test]
fn every_item_is_in_exactly_one_nonempty_uniquely_named_group() {
    let files = generated_files();
    let grouped = grouped_files(&files);
    assert!(!grouped.is_empty(), "no model files were generated");

    let mut names = BTreeSet::new();
    let mut lowercase_names = BTreeSet::new();
    for name in [FILES, LIB, RUNTIME_ITEMS] {
        names.insert(name.to_owned());
        lowercase_names.insert(name.to_lowercase());
    }
    for file in &grouped {
        let grouped_items: usize = file.groups.iter().map(|g| g.items.len()).sum();
        assert_eq!(
            grouped_items, file.parsed,
            "{}: {} items parsed but {grouped_items} grouped",
            file.path, file.parsed
        );
        for group in &file.groups {
            assert!(!group.items.is_empty(), "group {} is empty", group.name);
            assert!(
                names.insert(group.name.clone()),
                "two groups are named {}",
                group.name
            );
            // Snapshot files must not collide on case-insensitive file systems either.
            assert!(
                lowercase_names.insert(group.name.to_lowercase()),
                "{} differs from another group name only in case",
                group.name
            );
            if group.key == MODULE_DECLARATIONS
                || group.key == WIRE_FUNCTIONS
                || group.key == SHAPE_TABLES
                || group.key == USES
                || group.key.starts_with(INLINE_MODULE)
            {
                continue;
            }
            // An impl or default fn whose type is defined elsewhere would make its own group
            // without a definition; every type group holds exactly its own definition.
            let definitions: Vec<String> = group.items.iter().filter_map(defined_type).collect();
            assert_eq!(
                definitions,
                std::slice::from_ref(&group.key),
                "group {} should define exactly the type {}",
                group.name,
                group.key
            );
        }
    }
}

#[test]
fn no_stale_snapshot_files() {
    let expected: BTreeSet<String> = all_snapshots()
        .iter()
        .map(|s| format!("{SNAPSHOT_FILE_PREFIX}{}.snap", s.name))
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // Nothing recorded yet.
    };
    let stale: Vec<String> = entries
        .map(|entry| entry.expect("readable snapshot directory").file_name())
        .filter_map(|name| name.to_str().map(str::to_owned))
        .filter(|name| name.starts_with(SNAPSHOT_FILE_PREFIX) && name.ends_with(".snap"))
        .filter(|name| !expected.contains(name))
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots for types the generator no longer emits; delete them: {stale:?}"
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generated_files(), generated_files());
}
