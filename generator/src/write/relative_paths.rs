//! Writes the emitted `crate::` paths as a person writes them in the module they sit in:
//! `TagResourceInput` rather than `crate::operation::tag_resource::TagResourceInput` inside
//! that module, `super::X` from a child, and `error::X` under a `use crate::types::error;`
//! when a module names another often.
//!
//! Emitting stays simple (every path is absolute, right anywhere); this pass shortens paths
//! on the parsed file, before printing, only where the shorter path cannot mean anything
//! else. It decides from what the module declares, not from the names the plan chose:
//!
//! - one of the module's own items is written bare unless some inner scope declares its name
//!   (a generic parameter, a binding, a local item or import), else as `self::x`;
//! - a module `k` is imported only if nothing in the module declares, binds or imports a
//!   `k`, or starts a path with it, and one module only would take that name;
//! - paths under a `#[cfg(...)]` are shortened only within their own module: an import of a
//!   module that is compiled only sometimes would not resolve.
//!
//! Attributes, `pub(in ...)`, `use` items and macro arguments that declare something are
//! left as they are; other macro arguments are walked as tokens.

use std::collections::BTreeMap;

use crate::fast_hash::FastSet;

use proc_macro2::{Group, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Item, PathSegment, UseTree};

/// Shortens the `crate::` paths of `items`, the items of the module at `module` (its path
/// below the crate root), and of the inline modules among them.
pub fn relativize(module: &[String], items: &mut Vec<Item>) {
    for item in items.iter_mut() {
        if let Item::Mod(inline) = item {
            if let Some((_, inner)) = &mut inline.content {
                let mut path = module.to_vec();
                path.push(inline.ident.to_string());
                relativize(&path, inner);
            }
        }
    }
    let mut collect = Walk::new(None);
    for item in items.iter_mut() {
        collect.visit_item_mut(item);
    }
    let scan = collect.scan;
    let plan = Plan {
        module,
        aliases: choose_aliases(module, &scan),
        scan: &scan,
    };
    let mut rewrite = Walk::new(Some(&plan));
    for item in items.iter_mut() {
        rewrite.visit_item_mut(item);
    }
    let mut imports: Vec<&Segments> = plan.aliases.values().collect();
    imports.sort();
    let imports: Vec<Item> = imports
        .into_iter()
        .filter_map(|prefix| {
            let segments = prefix.iter().map(|s| ident(s));
            syn::parse2(quote!(use crate #(:: #segments)*;)).ok()
        })
        .collect();
    items.splice(0..0, imports);
}

/// The segments of a `crate::a::b::C` path after `crate`.
type Segments = Vec<String>;

#[derive(Default)]
struct Scan {
    /// Every name declared in the type namespace (items, imports, generic parameters, at any
    /// depth) or starting a path: what an import must not take.
    type_names: FastSet<String>,
    /// Names an inner scope declares: generic parameters, bindings, local items and imports.
    /// The module's own items with these names keep a path.
    inner_names: FastSet<String>,
    /// Every `crate::` path, in the order met, and whether a `#[cfg(...)]` gates it.
    paths: Vec<(Segments, bool)>,
}

struct Plan<'a> {
    module: &'a [String],
    scan: &'a Scan,
    /// Imported modules: alias (the last segment) to path.
    aliases: BTreeMap<String, Segments>,
}

/// Both passes: collecting (`plan` is `None`) and rewriting, visiting the same nodes.
struct Walk<'a> {
    plan: Option<&'a Plan<'a>>,
    scan: Scan,
    /// How many `#[cfg(...)]`-gated nodes the walk is inside.
    gated: usize,
    /// How many blocks the walk is inside: items in a block are local.
    blocks: usize,
    /// The index of the next `crate::` path, when rewriting.
    next_path: usize,
}

impl<'a> Walk<'a> {
    fn new(plan: Option<&'a Plan<'a>>) -> Self {
        Walk {
            plan,
            scan: Scan::default(),
            gated: 0,
            blocks: 0,
            next_path: 0,
        }
    }

    fn collecting(&self) -> bool {
        self.plan.is_none()
    }

    fn declare_type(&mut self, name: &Ident) {
        if self.collecting() {
            let name = name.to_string();
            if self.blocks > 0 {
                self.scan.inner_names.insert(name.clone());
            }
            self.scan.type_names.insert(name);
        }
    }

    fn declare_inner(&mut self, name: &Ident) {
        if self.collecting() {
            self.scan.inner_names.insert(name.to_string());
        }
    }

    fn path_head(&mut self, head: &Ident) {
        if self.collecting()
            && !(head == "crate" || head == "self" || head == "super" || head == "Self")
        {
            self.scan.type_names.insert(head.to_string());
        }
    }

    /// Runs `visit` inside a node, counted as gated when `gated` (it has a `#[cfg]`).
    fn within(&mut self, gated: bool, visit: impl FnOnce(&mut Self)) {
        self.gated += usize::from(gated);
        visit(self);
        self.gated -= usize::from(gated);
    }

    /// The names a `use` brings in (in a block, they are local too).
    fn use_tree(&mut self, tree: &UseTree) {
        match tree {
            UseTree::Path(p) => self.use_tree(&p.tree),
            UseTree::Name(n) => self.declare_type(&n.ident),
            UseTree::Rename(r) => self.declare_type(&r.rename),
            UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(t)),
            UseTree::Glob(_) => {}
        }
    }

    fn crate_path(&mut self, path: &mut syn::Path) {
        let Some(plan) = self.plan else {
            let segments: Segments = path
                .segments
                .iter()
                .skip(1)
                .map(|s| s.ident.to_string())
                .collect();
            self.scan.paths.push((segments, self.gated > 0));
            return;
        };
        // Both passes meet the same paths in the same order: the first pass's text is this
        // path's.
        let Some((segments, gated)) = plan.scan.paths.get(self.next_path) else {
            return;
        };
        self.next_path += 1;
        let Some((heads, skip)) = plan.shorten(segments, *gated) else {
            return;
        };
        let old = std::mem::take(&mut path.segments);
        let mut new: Punctuated<PathSegment, syn::Token![::]> = Punctuated::new();
        for head in heads {
            new.push(PathSegment::from(ident(&head)));
        }
        // `crate` and the segments the heads replace.
        for segment in old.into_iter().skip(1 + skip) {
            new.push(segment);
        }
        path.segments = new;
    }
}

impl VisitMut for Walk<'_> {
    fn visit_item_mut(&mut self, item: &mut Item) {
        if let Some(name) = item_name(item) {
            self.declare_type(name);
        }
        match item {
            // Inline modules are relativized on their own, with their own path.
            Item::Mod(m) if m.content.is_some() => {}
            Item::Use(u) => self.use_tree(&u.tree),
            _ => {
                let gated = has_cfg(item_attrs(item));
                self.within(gated, |walk| visit_mut::visit_item_mut(walk, item));
            }
        }
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        self.blocks += 1;
        visit_mut::visit_block_mut(self, block);
        self.blocks -= 1;
    }

    fn visit_generic_param_mut(&mut self, param: &mut syn::GenericParam) {
        match param {
            syn::GenericParam::Type(t) => {
                self.declare_type(&t.ident);
                self.declare_inner(&t.ident);
            }
            syn::GenericParam::Const(c) => {
                self.declare_type(&c.ident);
                self.declare_inner(&c.ident);
            }
            syn::GenericParam::Lifetime(_) => {}
        }
        visit_mut::visit_generic_param_mut(self, param);
    }

    fn visit_pat_ident_mut(&mut self, pat: &mut syn::PatIdent) {
        self.declare_inner(&pat.ident);
        visit_mut::visit_pat_ident_mut(self, pat);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none() && path.segments.len() >= 2 {
            if path.segments[0].ident == "crate" {
                self.crate_path(path);
            } else {
                self.path_head(&path.segments[0].ident);
            }
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        // A one-segment type names something of the type namespace.
        if ty.qself.is_none() && ty.path.leading_colon.is_none() && ty.path.segments.len() == 1 {
            self.path_head(&ty.path.segments[0].ident);
        }
        let before = ty.path.segments.len();
        visit_mut::visit_type_path_mut(self, ty);
        keep_qualified(&mut ty.qself, before, ty.path.segments.len());
    }

    fn visit_expr_path_mut(&mut self, expr: &mut syn::ExprPath) {
        let before = expr.path.segments.len();
        visit_mut::visit_expr_path_mut(self, expr);
        keep_qualified(&mut expr.qself, before, expr.path.segments.len());
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        let before = expr.path.segments.len();
        visit_mut::visit_expr_struct_mut(self, expr);
        keep_qualified(&mut expr.qself, before, expr.path.segments.len());
    }

    fn visit_pat_struct_mut(&mut self, pat: &mut syn::PatStruct) {
        let before = pat.path.segments.len();
        visit_mut::visit_pat_struct_mut(self, pat);
        keep_qualified(&mut pat.qself, before, pat.path.segments.len());
    }

    fn visit_pat_tuple_struct_mut(&mut self, pat: &mut syn::PatTupleStruct) {
        let before = pat.path.segments.len();
        visit_mut::visit_pat_tuple_struct_mut(self, pat);
        keep_qualified(&mut pat.qself, before, pat.path.segments.len());
    }

    fn visit_trait_bound_mut(&mut self, bound: &mut syn::TraitBound) {
        if bound.path.leading_colon.is_none() && bound.path.segments.len() == 1 {
            self.path_head(&bound.path.segments[0].ident);
        }
        visit_mut::visit_trait_bound_mut(self, bound);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        if let Some((_, path, _)) = &item.trait_ {
            if path.leading_colon.is_none() && path.segments.len() == 1 {
                self.path_head(&path.segments[0].ident);
            }
        }
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_impl_item_mut(&mut self, item: &mut syn::ImplItem) {
        let gated = match item {
            syn::ImplItem::Const(c) => has_cfg(&c.attrs),
            syn::ImplItem::Fn(f) => has_cfg(&f.attrs),
            syn::ImplItem::Type(t) => has_cfg(&t.attrs),
            syn::ImplItem::Macro(m) => has_cfg(&m.attrs),
            _ => false,
        };
        self.within(gated, |walk| visit_mut::visit_impl_item_mut(walk, item));
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        let gated = has_cfg(&field.attrs);
        self.within(gated, |walk| visit_mut::visit_field_mut(walk, field));
    }

    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        let gated = has_cfg(&variant.attrs);
        self.within(gated, |walk| visit_mut::visit_variant_mut(walk, variant));
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        let gated = has_cfg(&local.attrs);
        self.within(gated, |walk| visit_mut::visit_local_mut(walk, local));
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        let gated = has_cfg(&arm.attrs);
        self.within(gated, |walk| visit_mut::visit_arm_mut(walk, arm));
    }

    fn visit_field_value_mut(&mut self, field: &mut syn::FieldValue) {
        let gated = has_cfg(&field.attrs);
        self.within(gated, |walk| visit_mut::visit_field_value_mut(walk, field));
    }

    /// A macro's arguments are tokens to syn: they are walked as tokens (parsing them would
    /// cost as much as the rest of the file), each run `a::b::c` being a path as
    /// [`Self::visit_path_mut`] sees one, in both passes alike. Arguments that declare
    /// something (an item keyword anywhere in them) are left as they are: what they declare
    /// may sit in another scope than the invocation.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        self.visit_path_mut(&mut mac.path);
        if declares(&mac.tokens) {
            return;
        }
        let tokens = std::mem::take(&mut mac.tokens);
        mac.tokens = self.macro_tokens(tokens);
    }

    // Left as they are: attributes and `pub(in path)`.
    fn visit_attribute_mut(&mut self, _: &mut Attribute) {}

    fn visit_vis_restricted_mut(&mut self, _: &mut syn::VisRestricted) {}
}

impl Walk<'_> {
    /// `tokens` with each path of two or more segments (not after `::`) walked as a path.
    fn macro_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => {
                    let mut walked =
                        Group::new(group.delimiter(), self.macro_tokens(group.stream()));
                    walked.set_span(group.span());
                    out.push(TokenTree::Group(walked));
                    i += 1;
                }
                TokenTree::Ident(_)
                    if !ends_with_separator(&out) && is_separator(&tokens, i + 1) =>
                {
                    let mut end = i + 1;
                    while is_separator(&tokens, end)
                        && matches!(tokens.get(end + 2), Some(TokenTree::Ident(_)))
                    {
                        end += 3;
                    }
                    let segments: Punctuated<PathSegment, syn::Token![::]> = tokens[i..end]
                        .iter()
                        .filter_map(|token| match token {
                            TokenTree::Ident(ident) => Some(PathSegment::from(ident.clone())),
                            _ => None,
                        })
                        .collect();
                    let mut path = syn::Path {
                        leading_colon: None,
                        segments,
                    };
                    self.visit_path_mut(&mut path);
                    out.extend(quote!(#path));
                    i = end;
                }
                other => {
                    out.push(other.clone());
                    i += 1;
                }
            }
        }
        out.into_iter().collect()
    }
}

/// Whether `tokens[at..]` starts with `::`.
fn is_separator(tokens: &[TokenTree], at: usize) -> bool {
    matches!(
        (tokens.get(at), tokens.get(at + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

/// Whether `tokens` ends with `::` (the next identifier continues a path).
fn ends_with_separator(tokens: &[TokenTree]) -> bool {
    tokens.len() >= 2 && is_separator(tokens, tokens.len() - 2)
}

/// Whether a macro's arguments declare something: an item keyword at any depth.
fn declares(tokens: &TokenStream) -> bool {
    // Strict keywords only: a weak one (`union`) may be a field's name.
    const ITEM_KEYWORDS: &[&str] = &[
        "struct", "enum", "fn", "mod", "impl", "trait", "use", "type", "static", "const", "let",
    ];
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ITEM_KEYWORDS.iter().any(|k| ident == k),
        TokenTree::Group(group) => declares(&group.stream()),
        _ => false,
    })
}

/// In `<T as a::b::Trait>::f`, the path is `a::b::Trait::f` and the trait is its first
/// `position` segments: shortening the trait's path moves where `f` starts.
fn keep_qualified(qself: &mut Option<syn::QSelf>, before: usize, after: usize) {
    if let Some(qself) = qself {
        qself.position = (qself.position + after).saturating_sub(before);
    }
}

impl Plan<'_> {
    /// The segments to write in place of `crate` and how many of the path's segments they
    /// replace; `None` to leave the path as it is.
    fn shorten(&self, segments: &[String], gated: bool) -> Option<(Vec<String>, usize)> {
        if let Some(rest) = local(self.module, segments) {
            let skip = segments.len() - rest.len();
            let heads = if self.scan.inner_names.contains(&rest[0]) {
                vec!["self".to_owned()]
            } else {
                Vec::new()
            };
            return Some((heads, skip));
        }
        if let Some(rest) = parent_relative(self.module, segments) {
            return Some((vec!["super".to_owned()], segments.len() - rest.len()));
        }
        if gated {
            return None;
        }
        let prefix = module_prefix(segments);
        // The longest imported module the path goes through.
        (1..=prefix.len()).rev().find_map(|n| {
            let alias = &prefix[n - 1];
            (self.aliases.get(alias).map(Vec::as_slice) == Some(&prefix[..n]))
                .then(|| (vec![alias.clone()], n))
        })
    }
}

/// Picks the modules to import: for each, the alias (its last segment) and its path. A path
/// goes through the longest of its module prefixes that may be imported; an alias is taken
/// only where it can mean nothing else in the module, by one module only, and saves more
/// than its `use` line costs. Dropping one prefix moves its paths to shorter ones, so this
/// repeats.
fn choose_aliases(module: &[String], scan: &Scan) -> BTreeMap<String, Segments> {
    let candidates: Vec<&[String]> = scan
        .paths
        .iter()
        .filter(|(path, gated)| {
            !*gated && local(module, path).is_none() && parent_relative(module, path).is_none()
        })
        .map(|(path, _)| module_prefix(path))
        .filter(|prefix| !prefix.is_empty())
        .collect();
    // A binding of the alias's name would not clash, but `error::X` beside a variable
    // `error` reads as if it were one: such a module is not imported either.
    let importable = |alias: &String| {
        !scan.type_names.contains(alias)
            && !scan.inner_names.contains(alias)
            && !RESERVED.contains(&alias.as_str())
            && !alias.starts_with("r#")
    };
    let mut dropped: FastSet<&[String]> = FastSet::default();
    // Each round drops at least one prefix, and there are at most as many as paths.
    for _ in 0..=candidates.len() {
        let mut savings: BTreeMap<&[String], usize> = BTreeMap::new();
        for prefix in &candidates {
            let through = (1..=prefix.len())
                .rev()
                .map(|n| &prefix[..n])
                .find(|p| importable(&p[p.len() - 1]) && !dropped.contains(p));
            if let Some(p) = through {
                *savings.entry(p).or_default() += "crate::".len() + segments_len(p) - alias_len(p);
            }
        }
        // Two modules of one name are not imported at all: a reader would not know which
        // one `name::` is.
        let mut by_alias: BTreeMap<&String, Vec<&[String]>> = BTreeMap::new();
        let mut too_little = Vec::new();
        for (prefix, saved) in savings {
            let cost = "use crate::;".len() + segments_len(prefix);
            if saved <= cost {
                too_little.push(prefix);
            }
            by_alias
                .entry(&prefix[prefix.len() - 1])
                .or_default()
                .push(prefix);
        }
        let mut chosen = BTreeMap::new();
        let mut drop = Vec::new();
        for (alias, prefixes) in by_alias {
            if let [prefix] = prefixes[..] {
                chosen.insert(alias.clone(), prefix.to_vec());
            } else {
                drop.extend(prefixes);
            }
        }
        // Clashes first: their paths move to shorter prefixes, which may then be worth it.
        if drop.is_empty() {
            chosen.retain(|_, prefix| !too_little.contains(&prefix.as_slice()));
            drop = too_little;
        }
        if drop.is_empty() {
            return chosen;
        }
        dropped.extend(drop);
    }
    BTreeMap::new()
}

/// `a::b::` written out.
fn segments_len(prefix: &[String]) -> usize {
    prefix.iter().map(|s| s.len() + 2).sum()
}

/// `b::`.
fn alias_len(prefix: &[String]) -> usize {
    prefix[prefix.len() - 1].len() + 2
}

/// Names an import must never take: paths elsewhere in the module may start with them.
const RESERVED: [&str; 7] = ["std", "core", "alloc", "crate", "self", "super", "Self"];

/// The leading run of lower-case segments of `path`, never its last segment: the modules.
fn module_prefix(path: &[String]) -> &[String] {
    let modules = path[..path.len().saturating_sub(1)]
        .iter()
        .take_while(|s| s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'))
        .count();
    &path[..modules]
}

/// What follows `module` in `path`, when `path` is inside it.
fn local<'a>(module: &[String], path: &'a [String]) -> Option<&'a [String]> {
    (path.len() > module.len() && path.starts_with(module)).then(|| &path[module.len()..])
}

/// What follows the parent of `module` in `path`, when `path` is inside that parent (and the
/// parent is not the crate root, where `crate::` reads as well).
fn parent_relative<'a>(module: &[String], path: &'a [String]) -> Option<&'a [String]> {
    if module.len() < 2 {
        return None;
    }
    local(&module[..module.len() - 1], path)
}

fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The name an item declares, if any.
fn item_name(item: &Item) -> Option<&Ident> {
    match item {
        Item::Const(i) => Some(&i.ident),
        Item::Enum(i) => Some(&i.ident),
        Item::ExternCrate(i) => Some(i.rename.as_ref().map_or(&i.ident, |(_, r)| r)),
        Item::Fn(i) => Some(&i.sig.ident),
        Item::Macro(i) => i.ident.as_ref(),
        Item::Mod(i) => Some(&i.ident),
        Item::Static(i) => Some(&i.ident),
        Item::Struct(i) => Some(&i.ident),
        Item::Trait(i) => Some(&i.ident),
        Item::TraitAlias(i) => Some(&i.ident),
        Item::Type(i) => Some(&i.ident),
        Item::Union(i) => Some(&i.ident),
        _ => None,
    }
}

fn has_cfg(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg"))
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;

    fn run(module: &str, tokens: TokenStream) -> String {
        let module: Vec<String> = module
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let mut file: syn::File = syn::parse2(tokens).expect("test tokens parse");
        relativize(&module, &mut file.items);
        quote!(#file).to_string()
    }

    #[test]
    fn the_modules_own_items_are_written_bare() {
        let out = run(
            "operation::tag_resource",
            quote! {
                pub struct TagResourceInput;
                pub fn serialize(input: &crate::operation::tag_resource::TagResourceInput) {}
            },
        );
        assert!(out.contains("input : & TagResourceInput"), "{out}");
    }

    #[test]
    fn a_name_an_inner_scope_declares_keeps_self() {
        // A model type named like the generic parameter of the impl it is read in.
        let out = run(
            "types",
            quote! {
                pub struct A;
                fn visit_map<A: MapAccess>(map: A) -> Option<crate::types::A> { None }
            },
        );
        assert!(out.contains("Option < self :: A >"), "{out}");
        let out = run(
            "types",
            quote! {
                pub struct Visitor;
                fn read() { struct Visitor; let v: crate::types::Visitor; }
            },
        );
        assert!(out.contains("self :: Visitor"), "{out}");
        // A binding of the value namespace shadows a function.
        let out = run(
            "validation",
            quote! {
                pub fn value(v: &str) -> bool { true }
                fn check(value: &str) -> bool { crate::validation::value(value) }
                fn other(x: &str) -> bool { crate::validation::pattern_1(x) }
                pub fn pattern_1(v: &str) -> bool { true }
            },
        );
        assert!(out.contains("self :: value (value)"), "{out}");
        assert!(out.contains("{ pattern_1 (x) }"), "{out}");
    }

    #[test]
    fn a_childs_paths_into_its_parent_use_super() {
        let out = run(
            "operation::tag_resource::builders",
            quote!(
                fn build() -> crate::operation::tag_resource::TagResourceInput {}
            ),
        );
        assert!(out.contains("-> super :: TagResourceInput"), "{out}");
        // A parent at the root reads as well with `crate::`.
        let out = run(
            "types",
            quote!(
                fn f() -> crate::wire::X {}
            ),
        );
        assert!(out.contains("crate :: wire :: X"), "{out}");
    }

    #[test]
    fn modules_named_often_are_imported() {
        let out = run(
            "operation::tag_resource",
            quote! {
                fn a(x: crate::types::error::Throttled, y: crate::types::error::Denied) {}
                fn b() -> crate::types::error::Internal {}
                fn c() -> crate::wire::Endpoint {}
            },
        );
        assert!(out.starts_with("use crate :: types :: error ;"), "{out}");
        assert!(out.contains("x : error :: Throttled"), "{out}");
        assert!(out.contains("-> error :: Internal"), "{out}");
        // Once is not worth an import.
        assert!(out.contains("-> crate :: wire :: Endpoint"), "{out}");
        assert!(!out.contains("use crate :: wire"), "{out}");
    }

    #[test]
    fn an_import_never_takes_a_name_the_module_declares_or_uses() {
        // `error` is a child module here, `wire` a generic parameter and `json` starts a path.
        let tokens = quote! {
            pub mod error;
            fn a(p: crate::error::A, q: crate::error::B, r: crate::error::C, s: crate::error::D) {}
            fn b<wire>() -> (crate::wire::A, crate::wire::B, crate::wire::C, crate::wire::D) {}
            fn c() -> (crate::x::json::A, crate::x::json::B, crate::x::json::C, json::D) {}
        };
        let out = run("types", tokens);
        assert!(out.starts_with("use crate :: x ; pub mod error ;"), "{out}");
        assert!(out.contains("p : crate :: error :: A"), "{out}");
        assert!(out.contains("(crate :: wire :: A"), "{out}");
        // Through the parent instead.
        assert!(out.contains("(x :: json :: A"), "{out}");
        // Nor does one a binding has: `error::X` beside a variable `error` would read as if
        // the path went through it.
        let out = run(
            "operation::x",
            quote!(
                fn from(
                    error: crate::types::error::A,
                ) -> (crate::types::error::B, crate::types::error::C) {
                }
            ),
        );
        assert!(out.starts_with("use crate :: types ;"), "{out}");
    }

    #[test]
    fn a_path_whose_module_may_not_be_imported_goes_through_its_parent() {
        // `error` is a generic parameter here; `types` is not.
        let out = run(
            "operation::x",
            quote! {
                fn from<error>(e: crate::types::error::A) -> crate::types::error::B {}
                fn c(c: crate::types::error::C, d: crate::types::D) {}
            },
        );
        assert!(out.starts_with("use crate :: types ;"), "{out}");
        assert!(
            out.contains("(e : types :: error :: A) -> types :: error :: B"),
            "{out}"
        );
        assert!(out.contains("d : types :: D"), "{out}");
    }

    #[test]
    fn a_module_named_too_seldom_to_import_takes_the_paths_of_a_clash() {
        // `types` alone is not worth a `use`; with `types::error`'s paths (which clash with
        // `crate::error`) it is.
        let out = run(
            "operation::x",
            quote! {
                fn a(a: crate::types::A, b: crate::types::error::B, c: crate::types::error::C) {}
                fn b(a: crate::error::A, b: crate::error::B, c: crate::error::C, d: crate::error::D) {}
            },
        );
        assert!(out.starts_with("use crate :: types ; fn"), "{out}");
        assert!(out.contains("b : types :: error :: B"), "{out}");
    }

    #[test]
    fn two_modules_with_one_name_are_not_imported_by_it() {
        let out = run(
            "operation::x",
            quote! {
                fn a(a: crate::types::error::A, b: crate::types::error::B, c: crate::types::error::C) {}
                fn b(a: crate::error::A, b: crate::error::B, c: crate::error::C, d: crate::error::D) {}
            },
        );
        assert!(out.starts_with("use crate :: types ; fn"), "{out}");
        assert!(out.contains("a : types :: error :: A"), "{out}");
        assert!(out.contains("a : crate :: error :: A"), "{out}");
    }

    #[test]
    fn at_the_root_the_crates_modules_need_no_prefix() {
        let out = run(
            "",
            quote! {
                #![recursion_limit = "512"]
                fn a(a: crate::wire::json::A, b: crate::wire::json::B) {}
            },
        );
        assert!(out.contains("fn a (a : wire :: json :: A"), "{out}");
        assert!(!out.contains("use "), "{out}");
    }

    #[test]
    fn modules_named_only_under_cfg_are_not_imported() {
        // `client` may not be compiled: an import of it would not resolve.
        let out = run(
            "operation::x",
            quote! {
                #[cfg(feature = "client")]
                impl A { fn a(a: crate::client::A, b: crate::client::B, c: crate::client::C) {} }
                fn b(x: Option<u8>) -> u8 {
                    #[cfg(feature = "client")]
                    let y = if true { crate::client::D } else { crate::client::E };
                    crate::types::A
                }
            },
        );
        assert!(!out.contains("use "), "{out}");
        assert!(out.contains("else { crate :: client :: E }"), "{out}");
        // Ungated paths are counted as ever.
        let out = run(
            "operation::x",
            quote! {
                #[cfg(test)]
                fn a() -> crate::wire::A {}
                fn b(a: crate::wire::A, b: crate::wire::B, c: crate::wire::C) {}
            },
        );
        assert!(out.starts_with("use crate :: wire ;"), "{out}");
        assert!(out.contains("fn a () -> crate :: wire :: A"), "{out}");
        assert!(out.contains("fn b (a : wire :: A"), "{out}");
    }

    #[test]
    fn inline_modules_get_their_own_paths() {
        let out = run(
            "",
            quote! {
                pub mod types {
                    pub struct A;
                    pub mod builders { fn b() -> crate::types::A {} }
                    fn a() -> crate::types::A {}
                }
            },
        );
        assert!(out.contains("fn b () -> super :: A"), "{out}");
        assert!(out.contains("fn a () -> A"), "{out}");
    }

    #[test]
    fn attributes_visibility_and_use_items_are_left_alone() {
        let tokens = quote! {
            pub use crate::types::Tag;
            #[serde(with = "crate::x")]
            #[doc(alias = "crate::types::Tag")]
            pub(in crate::types) fn a() -> crate::types::Tag { m!(crate::types::Tag) }
        };
        let out = run("types", tokens);
        assert!(out.contains("pub use crate :: types :: Tag ;"), "{out}");
        assert!(out.contains("pub (in crate :: types)"), "{out}");
        assert!(out.contains("-> Tag"), "{out}");
    }

    #[test]
    fn macro_arguments_are_shortened_unless_they_declare_something() {
        let out = run(
            "operation::x",
            quote! {
                crate::error::api!(E, A(crate::operation::x::A), B(crate::types::error::B), C(crate::types::error::C), D(crate::types::error::D));
                fn f() { m!(crate::operation::x::A); n!(struct crate::types::A); }
                crate::error::api!(A(crate::operation::x::A) code("a"), [crate::types::error::B]);
                k!(::other::crate::x, <u8 as crate::operation::x::A>::f);
            },
        );
        // Not expressions, yet nothing declared: shortened as paths.
        assert!(
            out.contains("crate :: error :: api ! (A (A) code (\"a\") , [types :: error :: B])"),
            "{out}"
        );
        // Only paths that start there: `crate` after `::` is a segment, not the root.
        assert!(
            out.contains("k ! (:: other :: crate :: x , < u8 as A > :: f)"),
            "{out}"
        );
        // (`crate::error` and `crate::types::error` clash: through `types`.)
        assert!(out.starts_with("use crate :: types ;"), "{out}");
        assert!(
            out.contains("crate :: error :: api ! (E , A (A) , B (types :: error :: B)"),
            "{out}"
        );
        assert!(out.contains("m ! (A)"), "{out}");
        // A declaration: left as it is.
        assert!(out.contains("n ! (struct crate :: types :: A)"), "{out}");
    }

    #[test]
    fn qualified_paths_keep_their_trait_apart() {
        let out = run(
            "operation::x",
            quote! {
                fn f(a: u8) -> u8 {
                    <u8 as crate::wire::xml::ReadXml>::read(a)
                        + <u8 as crate::wire::xml::ReadXml>::read(a)
                        + <u8 as crate::operation::x::Local>::read(a)
                }
                type T = <u8 as crate::wire::xml::ReadXml>::Out;
            },
        );
        assert!(
            out.contains("< u8 as xml :: ReadXml > :: read (a)"),
            "{out}"
        );
        assert!(out.contains("< u8 as Local > :: read (a)"), "{out}");
        assert!(out.contains("< u8 as xml :: ReadXml > :: Out"), "{out}");
        // And prints (prettyplease checks where the trait ends).
        let file: syn::File = syn::parse_str(&out).expect("parses");
        assert!(prettyplease::unparse(&file).contains("<u8 as Local>::read(a)"));
    }

    #[test]
    fn paths_of_macros_and_in_turbofish_are_shortened() {
        let out = run(
            "operation::x",
            quote! {
                crate::operation::x::helper!(E);
                fn f() { crate::wire::parse::<crate::operation::x::Output>() }
            },
        );
        assert!(out.contains("helper ! (E)"), "{out}");
        assert!(
            out.contains("crate :: wire :: parse :: < Output >"),
            "{out}"
        );
    }
}
