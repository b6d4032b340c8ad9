//! The command line's hand-written runtime (`cli-runtime/`), carried by every generated command-line crate as a
//! path crate of its own in `cli/runtime/`: the very files of `cli-runtime/`, embedded here when the generator is
//! built, so that a generated command line builds where only what `generate` wrote exists. The one change is
//! for modules `cli-runtime` includes by path from elsewhere in the repository (the configuration code in
//! `generator/runtime/aws_config/`, shared with generated clients): their files are written into the runtime's
//! own tree and the declaring file loses the `#[path]`s.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// `cli-runtime/`'s files, by path inside it. The manifest stands alone (no workspace inheritance) so that it
/// can be written as it is.
pub(super) const CLI_RUNTIME: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        include_str!("../../../cli-runtime/Cargo.toml"),
    ),
    ("README.md", include_str!("../../../cli-runtime/README.md")),
    (
        "src/args.rs",
        include_str!("../../../cli-runtime/src/args.rs"),
    ),
    (
        "src/args_tests.rs",
        include_str!("../../../cli-runtime/src/args_tests.rs"),
    ),
    (
        "src/aws_config.rs",
        include_str!("../../../cli-runtime/src/aws_config.rs"),
    ),
    (
        "src/blob_input.rs",
        include_str!("../../../cli-runtime/src/blob_input.rs"),
    ),
    (
        "src/call.rs",
        include_str!("../../../cli-runtime/src/call.rs"),
    ),
    (
        "src/cli_settings.rs",
        include_str!("../../../cli-runtime/src/cli_settings.rs"),
    ),
    (
        "src/credentials.rs",
        include_str!("../../../cli-runtime/src/credentials.rs"),
    ),
    (
        "src/credentials_tests.rs",
        include_str!("../../../cli-runtime/src/credentials_tests.rs"),
    ),
    (
        "src/debug_log.rs",
        include_str!("../../../cli-runtime/src/debug_log.rs"),
    ),
    (
        "src/dispatch.rs",
        include_str!("../../../cli-runtime/src/dispatch.rs"),
    ),
    (
        "src/doc_text.rs",
        include_str!("../../../cli-runtime/src/doc_text.rs"),
    ),
    (
        "src/endpoint.rs",
        include_str!("../../../cli-runtime/src/endpoint.rs"),
    ),
    (
        "src/endpoint_config.rs",
        include_str!("../../../cli-runtime/src/endpoint_config.rs"),
    ),
    (
        "src/endpoint_config_tests.rs",
        include_str!("../../../cli-runtime/src/endpoint_config_tests.rs"),
    ),
    (
        "src/events.rs",
        include_str!("../../../cli-runtime/src/events.rs"),
    ),
    (
        "src/failure.rs",
        include_str!("../../../cli-runtime/src/failure.rs"),
    ),
    (
        "src/help.rs",
        include_str!("../../../cli-runtime/src/help.rs"),
    ),
    (
        "src/input.rs",
        include_str!("../../../cli-runtime/src/input.rs"),
    ),
    (
        "src/lib.rs",
        include_str!("../../../cli-runtime/src/lib.rs"),
    ),
    (
        "src/output/mod.rs",
        include_str!("../../../cli-runtime/src/output/mod.rs"),
    ),
    (
        "src/output/table.rs",
        include_str!("../../../cli-runtime/src/output/table.rs"),
    ),
    (
        "src/output/text.rs",
        include_str!("../../../cli-runtime/src/output/text.rs"),
    ),
    (
        "src/output/yaml.rs",
        include_str!("../../../cli-runtime/src/output/yaml.rs"),
    ),
    (
        "src/paging.rs",
        include_str!("../../../cli-runtime/src/paging.rs"),
    ),
    (
        "src/paging_tests.rs",
        include_str!("../../../cli-runtime/src/paging_tests.rs"),
    ),
    (
        "src/param_value.rs",
        include_str!("../../../cli-runtime/src/param_value.rs"),
    ),
    (
        "src/profile.rs",
        include_str!("../../../cli-runtime/src/profile.rs"),
    ),
    (
        "src/profile_tests.rs",
        include_str!("../../../cli-runtime/src/profile_tests.rs"),
    ),
    (
        "src/prompt.rs",
        include_str!("../../../cli-runtime/src/prompt.rs"),
    ),
    (
        "src/query.rs",
        include_str!("../../../cli-runtime/src/query.rs"),
    ),
    (
        "src/redact.rs",
        include_str!("../../../cli-runtime/src/redact.rs"),
    ),
    (
        "src/retry.rs",
        include_str!("../../../cli-runtime/src/retry.rs"),
    ),
    (
        "src/run.rs",
        include_str!("../../../cli-runtime/src/run.rs"),
    ),
    (
        "src/scalar.rs",
        include_str!("../../../cli-runtime/src/scalar.rs"),
    ),
    (
        "src/schema.rs",
        include_str!("../../../cli-runtime/src/schema.rs"),
    ),
    (
        "src/send.rs",
        include_str!("../../../cli-runtime/src/send.rs"),
    ),
    (
        "src/service.rs",
        include_str!("../../../cli-runtime/src/service.rs"),
    ),
    (
        "src/settings.rs",
        include_str!("../../../cli-runtime/src/settings.rs"),
    ),
    (
        "src/shorthand.rs",
        include_str!("../../../cli-runtime/src/shorthand.rs"),
    ),
    (
        "src/shorthand_tests.rs",
        include_str!("../../../cli-runtime/src/shorthand_tests.rs"),
    ),
    (
        "src/sign.rs",
        include_str!("../../../cli-runtime/src/sign.rs"),
    ),
    (
        "src/skeleton.rs",
        include_str!("../../../cli-runtime/src/skeleton.rs"),
    ),
    (
        "src/test_fixtures.rs",
        include_str!("../../../cli-runtime/src/test_fixtures.rs"),
    ),
    (
        "src/timestamps.rs",
        include_str!("../../../cli-runtime/src/timestamps.rs"),
    ),
    (
        "src/tls.rs",
        include_str!("../../../cli-runtime/src/tls.rs"),
    ),
    (
        "src/transport.rs",
        include_str!("../../../cli-runtime/src/transport.rs"),
    ),
    (
        "src/yaml_input.rs",
        include_str!("../../../cli-runtime/src/yaml_input.rs"),
    ),
];

/// The files `cli-runtime` includes by `#[path]` from outside its folder, by path in the repository.
pub(super) const INCLUDED: &[(&str, &str)] = &[
    (
        "generator/runtime/aws_config/assume_role.rs",
        include_str!("../../../generator/runtime/aws_config/assume_role.rs"),
    ),
    (
        "generator/runtime/aws_config/ca_bundle.rs",
        include_str!("../../../generator/runtime/aws_config/ca_bundle.rs"),
    ),
    (
        "generator/runtime/aws_config/chain.rs",
        include_str!("../../../generator/runtime/aws_config/chain.rs"),
    ),
    (
        "generator/runtime/aws_config/container.rs",
        include_str!("../../../generator/runtime/aws_config/container.rs"),
    ),
    (
        "generator/runtime/aws_config/credential_process.rs",
        include_str!("../../../generator/runtime/aws_config/credential_process.rs"),
    ),
    (
        "generator/runtime/aws_config/error.rs",
        include_str!("../../../generator/runtime/aws_config/error.rs"),
    ),
    (
        "generator/runtime/aws_config/hooks.rs",
        include_str!("../../../generator/runtime/aws_config/hooks.rs"),
    ),
    (
        "generator/runtime/aws_config/imds.rs",
        include_str!("../../../generator/runtime/aws_config/imds.rs"),
    ),
    (
        "generator/runtime/aws_config/profile.rs",
        include_str!("../../../generator/runtime/aws_config/profile.rs"),
    ),
    (
        "generator/runtime/aws_config/settings.rs",
        include_str!("../../../generator/runtime/aws_config/settings.rs"),
    ),
    (
        "generator/runtime/aws_config/sha1.rs",
        include_str!("../../../generator/runtime/aws_config/sha1.rs"),
    ),
    (
        "generator/runtime/aws_config/sigv4.rs",
        include_str!("../../../generator/runtime/aws_config/sigv4.rs"),
    ),
    (
        "generator/runtime/aws_config/sso.rs",
        include_str!("../../../generator/runtime/aws_config/sso.rs"),
    ),
    (
        "generator/runtime/aws_config/sts.rs",
        include_str!("../../../generator/runtime/aws_config/sts.rs"),
    ),
    (
        "generator/runtime/aws_config/web_identity.rs",
        include_str!("../../../generator/runtime/aws_config/web_identity.rs"),
    ),
    (
        "generator/runtime/aws_config/xml.rs",
        include_str!("../../../generator/runtime/aws_config/xml.rs"),
    ),
];

/// Where `cli-runtime/` is in the repository: `#[path]`s are resolved from there.
const HOME: &str = "cli-runtime";

/// The runtime crate's files, by path inside `cli/runtime/`. An error is a generator bug (a path module whose
/// file was not embedded, a file that does not parse).
pub fn files() -> Result<BTreeMap<PathBuf, String>, String> {
    let mut files = BTreeMap::new();
    let mut brought_in = BTreeMap::new();
    for (path, source) in CLI_RUNTIME {
        let path = PathBuf::from(path);
        if path == Path::new("Cargo.toml") {
            files.insert(path, without_dev_dependencies(source));
            continue;
        }
        let rust = path.extension().is_some_and(|e| e == "rs");
        if !rust || !source.contains("#[path") {
            files.insert(path, (*source).to_owned());
            continue;
        }
        let (rewritten, included) = bring_in_path_modules(&path, source)?;
        files.insert(path, rewritten.unwrap_or_else(|| (*source).to_owned()));
        brought_in.extend(included);
    }
    for (path, contents) in brought_in {
        if files.insert(path.clone(), contents).is_some() {
            return Err(format!(
                "cli-runtime/{}: a module included by path would replace the runtime's own file",
                path.display()
            ));
        }
    }
    Ok(files)
}

/// The manifest without its `[dev-dependencies]` table: those serve `cli-runtime/tests/`, which generated
/// command lines do not carry, and may name crates of this repository by path. (TOML, not Rust.)
fn without_dev_dependencies(manifest: &str) -> String {
    let mut out = String::with_capacity(manifest.len());
    let mut skipping = false;
    for line in manifest.lines() {
        let header = line.trim_start().starts_with('[');
        if header {
            skipping = line.trim() == "[dev-dependencies]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// For a source file at `path` (inside `cli-runtime/`): its top-level `#[path]` modules whose files lie outside
/// `cli-runtime/` become ordinary modules, their files written where Rust looks for them. Returns the rewritten
/// file (`None` when nothing changed) and the files brought in.
fn bring_in_path_modules(
    path: &Path,
    source: &str,
) -> Result<(Option<String>, BTreeMap<PathBuf, String>), String> {
    let mut file = syn::parse_file(source)
        .map_err(|e| format!("cli-runtime/{}: does not parse: {e}", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut included = BTreeMap::new();
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.content.is_some() {
            continue;
        }
        let Some((index, target)) = path_attribute(module) else {
            continue;
        };
        let in_repo = normalize(&Path::new(HOME).join(dir).join(&target));
        if in_repo.starts_with(HOME) {
            continue;
        }
        let contents = INCLUDED
            .iter()
            .find(|(p, _)| Path::new(p) == in_repo)
            .map(|(_, contents)| *contents)
            .ok_or_else(|| {
                format!(
                    "cli-runtime/{}: module `{}` is included from {}, which the generator does not embed \
                     (add it to INCLUDED in generator/src/write/cli_runtime.rs)",
                    path.display(),
                    module.ident,
                    in_repo.display()
                )
            })?;
        module.attrs.remove(index);
        included.insert(
            children_dir(path).join(format!("{}.rs", module.ident)),
            contents.to_owned(),
        );
    }
    if included.is_empty() {
        return Ok((None, included));
    }
    Ok((Some(prettyplease::unparse(&file)), included))
}

/// The index and value of a module's `#[path = "..."]`.
fn path_attribute(module: &syn::ItemMod) -> Option<(usize, String)> {
    module.attrs.iter().enumerate().find_map(|(i, attr)| {
        let syn::Meta::NameValue(pair) = &attr.meta else {
            return None;
        };
        if !pair.path.is_ident("path") {
            return None;
        }
        match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some((i, text.value())),
            _ => None,
        }
    })
}

/// Where Rust looks for the files of the modules a file declares: beside `lib.rs`, `main.rs` and `mod.rs`;
/// in a folder named after any other file.
fn children_dir(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    match path.file_stem().and_then(|s| s.to_str()) {
        Some("lib" | "main" | "mod") | None => dir,
        Some(stem) => dir.join(stem),
    }
}

/// `a/b/../c` as `a/c`, without touching the file system (the files are not there when the generator runs).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                let above = out.as_os_str().is_empty() || out.ends_with("..");
                if above {
                    out.push("..");
                } else {
                    out.pop();
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repository root, where the embedded files come from.
    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files_under(&path, base, out);
            } else {
                let relative = path.strip_prefix(base).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    #[test]
    fn every_file_of_cli_runtime_is_embedded() {
        let home = repo().join(HOME);
        let mut on_disk = Vec::new();
        files_under(&home.join("src"), &home, &mut on_disk);
        on_disk.sort();
        let embedded: Vec<&str> = CLI_RUNTIME
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| p.starts_with("src/"))
            .collect();
        assert_eq!(
            embedded, on_disk,
            "cli-runtime/src and CLI_RUNTIME in generator/src/write/cli_runtime.rs differ"
        );
    }

    #[test]
    fn every_included_file_is_brought_in_once() {
        let files = files().unwrap();
        for (path, contents) in INCLUDED {
            let written = files.values().filter(|c| c == contents).count();
            assert_eq!(written, 1, "{path} is embedded but written {written} times");
        }
        assert_eq!(files.len(), CLI_RUNTIME.len() + INCLUDED.len());
    }

    #[test]
    fn the_runtime_manifest_stands_alone() {
        let (_, manifest) = CLI_RUNTIME
            .iter()
            .find(|(p, _)| *p == "Cargo.toml")
            .unwrap();
        assert!(
            !manifest.contains(".workspace") && !manifest.contains("workspace = true"),
            "cli-runtime/Cargo.toml is written into generated command lines as it is, where there is no \
             workspace to inherit from:\n{manifest}"
        );
    }

    #[test]
    fn the_written_manifest_has_no_dev_dependencies_and_no_path_into_the_repository() {
        let files = files().unwrap();
        let manifest = &files[Path::new("Cargo.toml")];
        assert!(
            !manifest.contains("[dev-dependencies]") && !manifest.contains("path = \"../"),
            "{manifest}"
        );
        assert!(manifest.contains("[dependencies]") && manifest.contains("ureq"));
        let kept = without_dev_dependencies(
            "[a]\nx = 1\n[dev-dependencies]\ny = 2\n\n[features]\nz = []\n",
        );
        assert_eq!(kept, "[a]\nx = 1\n[features]\nz = []\n");
    }

    #[test]
    fn modules_included_from_outside_are_brought_in_and_others_left_alone() {
        let source = r#"
            //! Docs.
            #![allow(dead_code)]
            #[path = "../../generator/runtime/aws_config/xml.rs"]
            pub(crate) mod xml;
            #[cfg(test)]
            #[path = "local_tests.rs"]
            mod tests;
        "#;
        let (rewritten, included) =
            bring_in_path_modules(Path::new("src/aws_config.rs"), source).unwrap();
        let rewritten = rewritten.unwrap();
        assert!(rewritten.contains("pub(crate) mod xml;"), "{rewritten}");
        assert!(!rewritten.contains("aws_config/xml.rs"), "{rewritten}");
        assert!(
            rewritten.contains("#[path = \"local_tests.rs\"]"),
            "{rewritten}"
        );
        assert!(rewritten.contains("#![allow(dead_code)]") && rewritten.contains("//! Docs."));
        let keys: Vec<&PathBuf> = included.keys().collect();
        assert_eq!(keys, [Path::new("src/aws_config/xml.rs")]);

        // Nothing from outside: the file is written as it is.
        let (rewritten, included) =
            bring_in_path_modules(Path::new("src/x.rs"), "#[path = \"y.rs\"] mod y;").unwrap();
        assert!(rewritten.is_none() && included.is_empty());

        let error = bring_in_path_modules(
            Path::new("src/lib.rs"),
            "#[path = \"../../generator/runtime/elsewhere.rs\"] mod elsewhere;",
        )
        .unwrap_err();
        assert!(
            error.contains("generator/runtime/elsewhere.rs") && error.contains("INCLUDED"),
            "{error}"
        );
    }

    #[test]
    fn module_files_are_looked_for_where_rust_looks() {
        assert_eq!(children_dir(Path::new("src/lib.rs")), Path::new("src"));
        assert_eq!(
            children_dir(Path::new("src/output/mod.rs")),
            Path::new("src/output")
        );
        assert_eq!(
            children_dir(Path::new("src/aws_config.rs")),
            Path::new("src/aws_config")
        );
        assert_eq!(
            normalize(Path::new("cli-runtime/src/../../generator/./runtime/x.rs")),
            Path::new("generator/runtime/x.rs")
        );
        assert_eq!(normalize(Path::new("a/../../../b")), Path::new("../../b"));
    }
}
