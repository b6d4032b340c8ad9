//! The crate generated from the official socialmessaging model (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/social_messaging.rs"));
