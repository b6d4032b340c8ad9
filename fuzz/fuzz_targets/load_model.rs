//! Arbitrary bytes as a Smithy JSON AST model: loading, and when it loads, the whole pipeline
//! (resolve, plan, emit, render) must end in `Ok` or in diagnostics, never in a panic. Code
//! that does not parse after emission is a generator bug too, so it is made a crash here.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use smithy_codegen::{emit, load, plan, resolve, write};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(model) = load::load_str(text, Path::new("fuzz.json")) else {
        return;
    };
    let Ok(resolved) = resolve::resolve(model, None) else {
        return;
    };
    let Ok(plan) = plan::plan(&resolved) else {
        return;
    };
    let code = match emit::emit(&plan) {
        Ok(code) => code,
        Err(internal) => panic!("emit reported an internal error: {internal}"),
    };
    if let Err(error) = write::crate_files(&code) {
        panic!("{error}");
    }
    if let Err(error) = write::single_file(&code) {
        panic!("{error}");
    }
});
