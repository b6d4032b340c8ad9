//! Stage 5: token streams to formatted files, written only when their content changed.

pub mod cache;
mod cargo_toml;
mod cli_crate;
mod cli_runtime;
mod parallel;
mod relative_paths;
mod render;

use std::io;
use std::path::Path;

pub use cargo_toml::{cargo_toml, cargo_toml_with_shared_runtime};
pub use cli_crate::cli_crate_files;
pub use render::{
    crate_files, crate_files_on, emit_crate_files, format as format_tokens, runtime_files,
    single_file, RenderError,
};

/// Writes `contents` to `path` unless the file already holds exactly that, so that an
/// unchanged model does not touch timestamps (and trigger rebuilds). Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == contents.as_bytes() {
            return Ok(false);
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("smithy-codegen-write-{}", std::process::id()));
        let path = dir.join("nested/file.rs");
        assert!(write_if_changed(&path, "a").unwrap());
        assert!(!write_if_changed(&path, "a").unwrap());
        assert!(write_if_changed(&path, "b").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "b");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
