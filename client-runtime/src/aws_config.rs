//! Profile files, the settings read from them and the environment, and the credential
//! providers: the files `cli-runtime` includes too, from `generator/runtime/aws_config/`.

#[path = "../../generator/runtime/aws_config/assume_role.rs"]
pub mod assume_role;
#[path = "../../generator/runtime/aws_config/ca_bundle.rs"]
pub mod ca_bundle;
#[path = "../../generator/runtime/aws_config/chain.rs"]
pub mod chain;
#[path = "../../generator/runtime/aws_config/container.rs"]
pub mod container;
#[path = "../../generator/runtime/aws_config/credential_process.rs"]
pub mod credential_process;
#[path = "../../generator/runtime/aws_config/error.rs"]
pub mod error;
#[path = "../../generator/runtime/aws_config/hooks.rs"]
pub mod hooks;
#[path = "../../generator/runtime/aws_config/imds.rs"]
pub mod imds;
#[path = "../../generator/runtime/aws_config/profile.rs"]
pub mod profile;
#[path = "../../generator/runtime/aws_config/settings.rs"]
pub mod settings;
#[path = "../../generator/runtime/aws_config/sha1.rs"]
pub mod sha1;
#[path = "../../generator/runtime/aws_config/sigv4.rs"]
pub mod sigv4;
#[path = "../../generator/runtime/aws_config/sso.rs"]
pub mod sso;
#[path = "../../generator/runtime/aws_config/sts.rs"]
pub mod sts;
#[path = "../../generator/runtime/aws_config/web_identity.rs"]
pub mod web_identity;
#[path = "../../generator/runtime/aws_config/xml.rs"]
pub mod xml;
