//! The shared `config` and `credentials` files and the selected profile ([`crate::aws_config::profile`]).

pub(crate) use crate::aws_config::profile::*;

use crate::failure::Failure;

/// The profile named by `--profile`, else AWS_PROFILE, else `default`, its errors as the command line's.
pub(crate) fn load(flag: Option<&str>, env: Env) -> Result<Profile, Failure> {
    crate::aws_config::profile::load(flag, env).map_err(Failure::from)
}

#[cfg(test)]
use std::{collections::HashMap, path::PathBuf};

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
