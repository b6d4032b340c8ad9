//! The Smithy rules engine (`smithy.rules#endpointRuleSet`): a typed rule set read from the
//! trait's JSON ([`ruleset`]), an interpreter ([`eval`]) with the standard library
//! ([`functions`]) and the AWS functions ([`aws`]), the partition table ([`partitions`]),
//! and a runner for the `smithy.rules#endpointTests` cases ([`conformance`]).
//!
//! The interpreter's files live in `runtime/endpoint_rules/`: generated crates carry these
//! very files (emitted as the `endpoint::rules` module), so the generator's conformance runs
//! and a generated crate's `endpoint::resolve` go through the same code.
//!
//! Values are `serde_json::Value`: `Null` is "unset", strings, booleans, arrays of strings
//! and records (`parseURL`, `aws.partition`, `aws.parseArn` results) are what the spec allows.

#[path = "../../runtime/endpoint_rules/aws.rs"]
pub mod aws;
pub mod conformance;
#[path = "../../runtime/endpoint_rules/eval.rs"]
pub mod eval;
#[path = "../../runtime/endpoint_rules/functions.rs"]
pub mod functions;
pub mod partitions;
/// The automaton matcher generated crates carry (`runtime/pattern.rs`), which the partition
/// table's region patterns run on: the one the pattern compiler's tests run.
pub use crate::plan::pattern::runtime as pattern;
#[path = "../../runtime/endpoint_rules/resolved.rs"]
pub mod resolved;
#[path = "../../runtime/endpoint_rules/ruleset.rs"]
pub mod ruleset;
#[path = "../../runtime/endpoint_rules/template.rs"]
pub mod template;
#[cfg(test)]
mod tests;

pub use eval::{Endpoint, ResolveError};
pub use ruleset::{Parameter, ParameterType, RuleSet};

/// Resolves with the generator's partition table: what a generated crate's resolver answers.
pub fn resolve(
    rules: &RuleSet,
    params: &serde_json::Map<String, serde_json::Value>,
) -> Result<Endpoint, ResolveError> {
    eval::resolve(rules, partitions::table(), params)
}
