//! Generated from `tests/models/features/`, a model that uses every feature the generator
//! supports; the tests in `tests/features_crate.rs` use it.

include!(concat!(env!("OUT_DIR"), "/feature_service.rs"));
