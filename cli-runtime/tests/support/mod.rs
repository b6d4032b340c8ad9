//! Shared by the end-to-end tests: a fake service, a loopback server, and a way to run the command line.

#![allow(dead_code)]

pub mod client;
pub mod server;
pub mod service;

use std::collections::HashMap;

pub use server::{Reply, Server};
pub use service::SERVICE;

/// What a run printed and returned.
pub struct Outcome {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the command line with these arguments and exactly these environment variables, instance metadata off
/// unless they turn it on: no test may reach 169.254.169.254.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let env: HashMap<String, String> = [("AWS_EC2_METADATA_DISABLED", "true")]
        .iter()
        .chain(env)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let lookup = |name: &str| env.get(name).cloned();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = smithy_cli_runtime::run(&SERVICE, &args, &lookup, &mut stdout, &mut stderr);
    Outcome {
        code,
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Credentials and region, as a signed call needs.
pub const SIGNED_ENV: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "AKID"),
    ("AWS_SECRET_ACCESS_KEY", "SECRETKEYVALUE"),
    ("AWS_REGION", "us-east-1"),
];

/// A file of the shared reference data (`../shared` beside the repository).
pub fn shared(path: &str) -> String {
    let full = format!("{}/../../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("reference data {full} is missing: {e}"))
}
