//! Makes the Rust names inside one generated item distinct (fields and builder methods of a
//! structure, variants of an enum, union or operation error enum), by [`naming::unique`].
//! Wire names are never touched: only the Rust side is renamed.

use super::naming::{self, RustIdent, Style};
use super::MemberPlan;

/// The methods every builder has besides its setters; an operation's input builder bound to
/// a client also has `send`, `into_paginator`, `with_input`, `with_events` and `rebind` (reserved in every
/// builder, so that a member's setter is named the same wherever its structure is used).
const BUILDER_METHODS: &[&str] = &[
    "build",
    "new",
    "default",
    "clone",
    "send",
    "into_paginator",
    "with_input",
    "with_events",
    "rebind",
];

/// The command line's own options (`smithy-cli-runtime`'s global options, which
/// `tests/cli_global_options.rs` checks against this list); a member's flag never takes one.
pub const GLOBAL_FLAGS: &[&str] = &[
    "endpoint-url",
    "region",
    "profile",
    "output",
    "query",
    "cli-read-timeout",
    "cli-connect-timeout",
    "cli-input-json",
    "cli-input-yaml",
    "generate-cli-skeleton",
    "ca-bundle",
    "color",
    "cli-binary-format",
    "no-sign-request",
    "no-verify-ssl",
    "debug",
    "no-cli-pager",
    "cli-auto-prompt",
    "no-cli-auto-prompt",
    "no-paginate",
    "help",
    "version",
];

/// The command line's word for its help; no operation takes it.
const HELP: &str = "help";

/// Fields in declaration order; then the builder's setters, then its `set_` setters, which
/// share one namespace with the builder's own methods.
pub fn members(members: &mut [MemberPlan]) {
    let wanted: Vec<RustIdent> = members.iter().map(|m| m.field.clone()).collect();
    let fields = naming::unique(&wanted, &[], Style::Snake);
    let mut methods: Vec<RustIdent> = fields.clone();
    methods.extend(fields.iter().map(|f| RustIdent {
        name: format!("set_{}", f.name.trim_end_matches('_')),
        raw: false,
    }));
    let methods = naming::unique(&methods, BUILDER_METHODS, Style::Snake);
    let (setters, option_setters) = methods.split_at(members.len());
    for (((m, field), setter), option_setter) in members
        .iter_mut()
        .zip(fields)
        .zip(setters)
        .zip(option_setters)
    {
        m.field = field;
        m.setter = setter.clone();
        m.option_setter = option_setter.clone();
    }
    let flags: Vec<String> = members.iter().map(|m| m.cli_flag.clone()).collect();
    for (m, flag) in members
        .iter_mut()
        .zip(naming::unique_text(&flags, GLOBAL_FLAGS, Style::Kebab))
    {
        m.cli_flag = flag;
    }
}

/// Subcommand names of the operations, in shape-ID order (as their modules).
pub fn operations(operations: &mut [super::OperationPlan]) {
    let mut order: Vec<usize> = (0..operations.len()).collect();
    order.sort_by(|a, b| operations[*a].id.cmp(&operations[*b].id));
    let wanted: Vec<String> = order
        .iter()
        .map(|i| operations[*i].cli_name.clone())
        .collect();
    for (i, name) in order
        .into_iter()
        .zip(naming::unique_text(&wanted, &[HELP], Style::Kebab))
    {
        operations[i].cli_name = name;
    }
}

/// Variant names beside the generated ones (`reserved`, such as `Unknown`), in declaration order.
pub fn variants(wanted: &[RustIdent], reserved: &[&str]) -> Vec<RustIdent> {
    naming::unique(wanted, reserved, Style::UpperCamel)
}
