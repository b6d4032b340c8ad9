//! The runtime of generated AWS-CLI-style command lines for Smithy services.
//!
//! Generated code declares a [`Service`] (its operations, their parameters and input/output [`Schema`]s as
//! static data, and a request builder and response parser per operation) and calls [`main`]. Everything else is
//! here: arguments (JSON, shorthand and `file://` values, `--cli-input-json`, `--generate-cli-skeleton`, `help`),
//! region, endpoint and credentials from options and the environment, handed to the generated client that
//! signs, sends and retries (see [`Invoke`]), automatic pagination, `--query` and the `json`, `text`, `yaml` and `table` outputs, and `--debug` with secrets masked.
//!
//! Exit codes follow the AWS CLI: 0 success, 252 invalid command line or input, 253 invalid configuration
//! (no credentials, no region), 254 an error from the service, 255 anything else.

mod args;
mod aws_config;
mod blob_input;
mod call;
mod cli_settings;
mod credentials;
mod debug_log;
mod dispatch;
mod doc_text;
mod endpoint;
mod endpoint_config;
mod events;
mod failure;
mod help;
mod input;
mod output;
mod paging;
mod param_value;
mod profile;
mod prompt;
mod query;
mod redact;
mod retry;
mod run;
mod scalar;
mod schema;
mod send;
mod service;
mod settings;
mod shorthand;
mod sign;
mod skeleton;
#[cfg(test)]
mod test_fixtures;
mod timestamps;
mod tls;
mod transport;
mod yaml_input;

pub use args::global_options;
pub use dispatch::{
    Body, CallError, Dispatch, EventStream, Invoke, Outcome, ServiceError, SigV4, StreamError,
};
pub use endpoint::{AuthScheme, Endpoint, EndpointSettings, Resolution, ResolveEndpoint};
pub use failure::{EXIT_CONFIG, EXIT_OTHER, EXIT_SERVICE, EXIT_USAGE};
pub use run::{main, run, run_in, Terminal};
pub use schema::{Field, Param, Schema};
pub use service::{BuildRequest, CheckInput, Operation, Pagination, Service};
pub use transport::{CliTransport, TransportFailure, TransportKind};
