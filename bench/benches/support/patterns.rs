//! The ARN pattern of the typical input compiled by `regress` (the generated code's fallback
//! engine) and by `regex` (a linear-time engine), beside the generated automaton, for `wire` and `driver`.

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
