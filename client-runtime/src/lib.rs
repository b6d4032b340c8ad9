//! The service-independent half of generated clients: [`Config`] (region, credentials and
//! their cache, endpoint URL, retries, timeouts, transports, clock, CA bundle), credential
//! providers, retries, the transport, SigV4 and the shared configuration files.
//!
//! A crate generated with `shared_client_runtime("::smithy_client_runtime")` (build script) or
//! `--shared-client-runtime <dir>` (`smithy-codegen generate`) re-exports this crate as the
//! root of its `client` module instead of carrying a copy, so the crates of several services
//! have one `Config` type: as the SDK's `SdkConfig`, one configuration, one credentials cache
//! and one connection pool serve them all. What a service adds (its endpoint URL from
//! `AWS_ENDPOINT_URL_<SERVICE>` or `[services]`, its retry quota) is resolved when its client
//! is made ([`Config::for_service`]).
//!
//! The sources are the very files generated crates embed otherwise
//! (`generator/runtime/client/`, `generator/runtime/aws_config/`), included by path: one
//! source of truth, laid out here as the generated `client` module lays them out.

#[path = "../../generator/runtime/client/config.rs"]
mod config;
pub use self::config::*;

#[path = "../../generator/runtime/client/adaptive.rs"]
pub mod adaptive;
#[path = "../../generator/runtime/client/async_io.rs"]
pub mod async_io;
#[path = "../../generator/runtime/client/clock.rs"]
pub mod clock;
#[path = "../../generator/runtime/client/credentials.rs"]
pub mod credentials;
/// The async client's default transport on tokio (feature `client-hyper`).
#[cfg(feature = "client-hyper")]
#[path = "../../generator/runtime/client/hyper_transport.rs"]
pub mod hyper_transport;
#[path = "../../generator/runtime/client/retry.rs"]
pub mod retry;
#[path = "../../generator/runtime/client/sign.rs"]
pub mod sign;
#[path = "../../generator/runtime/client/transport.rs"]
pub mod transport;

pub mod aws_config;
