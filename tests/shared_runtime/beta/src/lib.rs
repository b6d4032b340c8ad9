//! Generated from `tests/models/shared_runtime/beta.smithy`, its client on the shared runtime crate.

include!(concat!(env!("OUT_DIR"), "/beta.rs"));
