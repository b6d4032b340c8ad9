//! The ARN pattern of the typical input compiled by `regress` (the engine the generated code
//! uses) and by `regex` (a linear-time engine), for `wire` and `driver`.

use smithy_codegen_bench::sketch::ARN_PATTERN;

pub struct Patterns {
    pub regress: regress::Regex,
    pub regex: regex::Regex,
}

impl Patterns {
    pub fn new() -> Patterns {
        Patterns {
            regress: regress::Regex::new(ARN_PATTERN).expect("regress compiles the pattern"),
            regex: regex::Regex::new(ARN_PATTERN).expect("regex compiles the pattern"),
        }
    }
}
