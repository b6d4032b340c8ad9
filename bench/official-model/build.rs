//! Generates the crate from the official socialmessaging model in `../shared`, which carries
//! the service's endpoint rule set (the repository's own `model/` does not).
use std::path::Path;

fn main() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/models/socialmessaging-2024-01-01.json");
    if !model.is_file() {
        eprintln!(
            "*** ../shared is missing: expected {} (the shared folder beside the repository) ***",
            model.display()
        );
        std::process::exit(1);
    }
    if let Err(e) = smithy_codegen::Config::new().compile(&[model]) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
