//! The `socialmessaging` command line's service table, generated from the model at build time: the binary
//! runs it, and tests reach it here (e.g. to resolve endpoints without sending anything).

include!(concat!(env!("OUT_DIR"), "/social_messaging_cli.rs"));
