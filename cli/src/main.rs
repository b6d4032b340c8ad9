//! `socialmessaging`: the AWS End User Messaging Social command line, generated from the
//! model. The generic work (arguments, signing, sending, retries, output) is in
//! `smithy-cli-runtime`; the service-specific table is generated at build time.

include!(concat!(env!("OUT_DIR"), "/social_messaging_cli.rs"));

fn main() -> std::process::ExitCode {
    smithy_cli_runtime::main(&SERVICE)
}
