//! Generates the command line's operation table and schemas from `../model/`.
fn main() {
    if let Err(e) = smithy_codegen::Config::new().compile_cli(&["../model"], "socialmessaging") {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
