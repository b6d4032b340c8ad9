//! The generator keeps operation options clear of the command line's global options with its
//! own copy of their names (the generator does not depend on the command-line runtime); the
//! two lists must stay the same, or a member could be given a flag a global option takes.

use std::collections::BTreeSet;

use smithy_codegen::plan::disambiguate::GLOBAL_FLAGS;

#[test]
fn the_generator_knows_every_global_option_of_the_command_line() {
    let runtime: BTreeSet<&str> = smithy_cli_runtime::global_options().collect();
    let generator: BTreeSet<&str> = GLOBAL_FLAGS.iter().copied().collect();
    assert!(!runtime.is_empty());
    assert_eq!(generator, runtime);
}
