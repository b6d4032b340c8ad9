//! Generated from `tests/models/shared_runtime/alpha.smithy`, its client on the shared runtime crate.

include!(concat!(env!("OUT_DIR"), "/alpha.rs"));
