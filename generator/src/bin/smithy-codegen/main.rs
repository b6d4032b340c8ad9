//! `smithy-codegen`: generates a standalone crate from Smithy models.

mod args;
mod ast;
mod crate_names;
mod endpoint_tests;
mod generate;

use std::process::ExitCode;

// syn and proc-macro2 allocate an identifier at a time: glibc's malloc and free are a third
// of a generation's instructions, mimalloc's far less.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help) => {
            println!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(args::Command::Version) => {
            println!("smithy-codegen {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(args::Command::Generate(options)) => generate::run(&options),
        Ok(args::Command::Ast(options)) => ast::run(&options),
        Ok(args::Command::EndpointTests { models, with }) => endpoint_tests::run(&models, &with),
        Err(message) => {
            eprintln!("error: {message}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}
