//! `socialmessaging`: the AWS End User Messaging Social command line, generated from the
//! model. The generic work (arguments, settings, pagination, output) is in
//! `smithy-cli-runtime`; calls go through the library's client; the service-specific table
//! is generated at build time (see `lib.rs`).

fn main() -> std::process::ExitCode {
    smithy_cli_runtime::main(&socialmessaging_cli::SERVICE)
}
