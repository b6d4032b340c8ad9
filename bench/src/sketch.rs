//! Fixed values the benches share, and sketches of cheaper ways to do what the generated code
//! does, measured beside it so that suggestions in BENCHMARKS.md carry numbers. (The request
//! sketches that led to `wire::Endpoint` and the directly written JSON body are now the
//! generator's own code and were removed.)

/// The operation's fixed path (no labels, no query).
pub const PATH: &str = "/v1/whatsapp/signup";

/// The ARN pattern of `EventDestinationArn`, the costliest check of the typical input
/// (compared across engines in `benches/support/patterns.rs`).
pub const ARN_PATTERN: &str = "^arn:.*:[a-z-]+([/:](.*))?$";
/// The value it is checked against in the typical input.
pub const ARN_VALUE: &str = "arn:aws:sns:us-east-1:123456789012:events";
