//! Regenerates the crate from `../model/` on every build where the model changed.
fn main() {
    if let Err(e) = smithy_codegen::Config::new().compile(&["../model"]) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
