//! The Smithy rules engine (`smithy.rules#endpointRuleSet`): a typed rule set read from the
//! trait's JSON ([`ruleset`]), an interpreter ([`eval`]) with the standard library
//! ([`functions`]) and the AWS functions ([`aws`]), and a runner for the
//! `smithy.rules#endpointTests` cases ([`conformance`]).
//!
//! Values are `serde_json::Value`: `Null` is "unset", strings, booleans, arrays of strings
//! and records (`parseURL`, `aws.partition`, `aws.parseArn` results) are what the spec allows.
//! Generated crates do not use this module yet.

pub mod aws;
pub mod conformance;
pub mod eval;
pub mod functions;
pub mod ruleset;
pub mod template;

pub use eval::{resolve, Endpoint, ResolveError};
pub use ruleset::{Parameter, ParameterType, RuleSet};
