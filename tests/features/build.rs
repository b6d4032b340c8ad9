//! Generates the crate from the feature-coverage model.
fn main() {
    if let Err(e) = smithy_codegen::Config::new().compile(&["../models/features"]) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
