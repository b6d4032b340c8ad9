//! Paths shared by the workspace tests.

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Our own model folder.
pub fn model_dir() -> PathBuf {
    repo_root().join("model")
}

/// `../shared` beside the repository. Tests that need it fail loudly when it is absent
/// rather than passing without having checked anything.
pub fn shared_dir() -> PathBuf {
    let dir = repo_root().join("../shared");
    assert!(
        dir.join("models").is_dir(),
        "\n\n*** ../shared is missing (looked in {}) ***\n\
         These tests read the reference data in ../shared (models, seeds, wire captures).\n\
         Put the shared folder beside the repository and run again.\n",
        dir.display()
    );
    dir
}
