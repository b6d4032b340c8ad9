//! Sanity check against real AWS models in the shared reference folder.

use std::fs;
use std::path::{Path, PathBuf};

use super::load_paths;

const SHARED_MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models");

fn shared_models() -> PathBuf {
    let dir = Path::new(SHARED_MODELS).to_path_buf();
    assert!(
        dir.is_dir(),
        "\n\n*** ../shared is missing: the reference models at {} are required by this test ***\n",
        dir.display()
    );
    dir
}

#[test]
fn loads_the_social_messaging_model() {
    let path = shared_models().join("socialmessaging-2024-01-01.json");
    let loaded = load_paths(&[&path]).unwrap_or_else(|diags| panic!("{diags}"));
    assert!(loaded
        .model
        .shapes
        .values()
        .any(|s| s.kind.type_name() == "service"));
    assert_eq!(loaded.files, vec![path]);
}

#[test]
fn loads_every_corpus_model() {
    let corpus = shared_models().join("corpus");
    let entries = fs::read_dir(&corpus)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", corpus.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no models in {}", corpus.display());
    for file in &files {
        let loaded =
            load_paths(&[file]).unwrap_or_else(|diags| panic!("{}:\n{diags}", file.display()));
        assert!(!loaded.model.shapes.is_empty(), "{}", file.display());
    }
    // Loading the whole folder at once merges without conflicts (shared prelude-free models).
    load_paths(&[&corpus]).unwrap_or_else(|diags| panic!("{diags}"));
}
