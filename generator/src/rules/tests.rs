//! The interpreter files' unit tests: beside the generator, not in `runtime/endpoint_rules/`,
//! because generated crates carry those files as they are and these tests need the generator
//! (its partition table, `serde_json::json!`).

mod aws;
mod eval;
mod functions;
mod resolved;
mod template;
