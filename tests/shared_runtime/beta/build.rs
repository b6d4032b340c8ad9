//! Generates the crate from tests/models/shared_runtime/beta.smithy, its client on the shared
//! runtime crate (`smithy_client_runtime`) instead of a copy of its own.
fn main() {
    if let Err(e) = smithy_codegen::Config::new()
        .shared_client_runtime("::smithy_client_runtime")
        .compile(&["../../models/shared_runtime/beta.smithy"])
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
