//! Arbitrary bytes as a Smithy IDL file: the IDL reader, and when it reads, the whole
//! pipeline, must end in `Ok` or in diagnostics, never in a panic or a stack overflow.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use smithy_codegen::{emit, idl, plan, resolve, write};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(model) = idl::parse_str(text, Path::new("fuzz.smithy")) else {
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
    if let Err(error) = write::single_file(&code) {
        panic!("{error}");
    }
});
