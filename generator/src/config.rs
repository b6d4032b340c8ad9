//! The build-script API.

/// Settings for one generation run (filled in by the build-script API).
#[derive(Clone, Debug, Default)]
pub struct Config {}
