//! Profile files, the settings read from them and the environment, and `credential_process`: the code generated
//! clients carry too, kept once in `generator/runtime/aws_config/` and included here.

// The shared files serve the generated clients as well; some of their items only those use.
#![allow(dead_code)]

#[path = "../../generator/runtime/aws_config/credential_process.rs"]
pub(crate) mod credential_process;
#[path = "../../generator/runtime/aws_config/error.rs"]
pub(crate) mod error;
#[path = "../../generator/runtime/aws_config/profile.rs"]
pub(crate) mod profile;
#[path = "../../generator/runtime/aws_config/settings.rs"]
pub(crate) mod settings;
