//! The build-script API, in the manner of prost-build: a small settings type with
//! chainable setters and one `compile` call.
//!
//! ```no_run
//! // build.rs: the body of `fn main`
//! if let Err(e) = smithy_codegen::Config::new().compile(&["../model"]) {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```

use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

use crate::pipeline::{self, Error};
use crate::write;

/// Settings for generating code from a build script.
#[derive(Clone, Debug, Default)]
pub struct Config {
    service: Option<String>,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    cargo_directives: bool,
}

impl Config {
    pub fn new() -> Self {
        Config {
            cargo_directives: true,
            ..Default::default()
        }
    }

    /// The service to generate (`namespace#Name`), when the models define several.
    pub fn service(&mut self, id: impl Into<String>) -> &mut Self {
        self.service = Some(id.into());
        self
    }

    /// Where to write the generated file; defaults to `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The generated file's name; defaults to the service name in snake case plus `.rs`
    /// (`social_messaging.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines (on by default;
    /// turn off outside build scripts).
    pub fn cargo_directives(&mut self, on: bool) -> &mut Self {
        self.cargo_directives = on;
        self
    }

    /// Generates code for the models (JSON AST files, or directories of them) into one file
    /// for `include!`. Returns the path written.
    pub fn compile<P: AsRef<Path>>(&self, models: &[P]) -> Result<PathBuf, Error> {
        if self.cargo_directives {
            // Directories too, so that a new model file also triggers regeneration.
            for model in models {
                println!("cargo:rerun-if-changed={}", model.as_ref().display());
            }
        }
        let output = pipeline::run(models, self.service.as_deref())?;
        if self.cargo_directives {
            for file in &output.files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            for warning in &output.warnings {
                println!("cargo:warning={warning}");
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Usage(
                        "OUT_DIR is not set: call from a build script or set out_dir()".into(),
                    )
                })?,
        };
        let file_name = self
            .file_name
            .clone()
            .unwrap_or_else(|| format!("{}.rs", output.service_name.to_snake_case()));
        let path = out_dir.join(file_name);
        let source =
            write::single_file(&output.code).map_err(|e| Error::Internal(e.to_string()))?;
        write::write_if_changed(&path, &source).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }
}
