//! The whole pipeline in one call: load -> resolve -> plan -> emit.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::emit::{self, GeneratedCode};
use crate::model::ShapeId;
use crate::{load, plan, resolve};

/// What a run produced: the code, the model files it read, and any warnings.
#[derive(Debug)]
pub struct Output {
    pub code: GeneratedCode,
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
    /// The service's name (after `rename`), e.g. `SocialMessaging`.
    pub service_name: String,
    pub service_version: Option<String>,
    /// The plan the code was emitted from (for further emitters such as the command line).
    pub plan: plan::Plan,
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The model is wrong: every problem found, with where it is.
    Model(Diagnostics),
    /// The caller asked for something impossible (e.g. a malformed service ID).
    Usage(String),
    /// Reading or writing files failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A bug in the generator.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Model(d) => write!(f, "{d}"),
            Error::Usage(m) => write!(f, "usage error: {m}"),
            Error::Io { path, source } => write!(f, "error: {}: {source}", path.display()),
            Error::Internal(m) => write!(f, "internal error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Model(d)
    }
}

/// Loads `models` (files or directories), picks `service` (or the only one) and emits code.
pub fn run<P: AsRef<Path>>(models: &[P], service: Option<&str>) -> Result<Output, Error> {
    run_with(models, service, &emit::ClientRuntime::Embedded)
}

/// [`run`], the client's service-independent runtime as `client_runtime` says.
pub fn run_with<P: AsRef<Path>>(
    models: &[P],
    service: Option<&str>,
    client_runtime: &emit::ClientRuntime,
) -> Result<Output, Error> {
    run_choosing(models, service, None, client_runtime)
}

/// [`run_with`], the wire layer speaking `protocol` (`awsJson1_1`, or a protocol trait's
/// shape ID) when given, instead of the one the SDKs prefer among the service's.
pub fn run_choosing<P: AsRef<Path>>(
    models: &[P],
    service: Option<&str>,
    protocol: Option<&str>,
    client_runtime: &emit::ClientRuntime,
) -> Result<Output, Error> {
    client_runtime.check().map_err(Error::Usage)?;
    let Planned {
        plan,
        files,
        warnings,
    } = plan_models_choosing(models, service, protocol)?;
    let code = emit::emit_with(&plan, client_runtime).map_err(Error::Internal)?;
    Ok(Output {
        code,
        files,
        warnings,
        service_name: plan.service.name.clone(),
        service_version: plan.service.version.clone(),
        plan,
    })
}

/// A model loaded, resolved and planned: [`run`] short of emitting code.
#[derive(Debug)]
pub struct Planned {
    pub plan: plan::Plan,
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

impl AsRef<plan::Plan> for Planned {
    fn as_ref(&self) -> &plan::Plan {
        &self.plan
    }
}

/// Loads `models`, picks `service` (or the only one) and plans the crate: every model error
/// [`run`] would report, and the service's name, at a few percent of its cost.
pub fn plan_models<P: AsRef<Path>>(models: &[P], service: Option<&str>) -> Result<Planned, Error> {
    plan_models_choosing(models, service, None)
}

/// [`plan_models`] with the protocol as [`run_choosing`] takes it.
pub fn plan_models_choosing<P: AsRef<Path>>(
    models: &[P],
    service: Option<&str>,
    protocol: Option<&str>,
) -> Result<Planned, Error> {
    let Resolved {
        model,
        files,
        mut warnings,
    } = resolve_models(models, service)?;
    let plan = plan::plan_with(&model, protocol)?;
    warnings.extend(plan.warnings.iter().cloned());
    Ok(Planned {
        plan,
        files,
        warnings,
    })
}

/// A model loaded and its service resolved, not yet planned.
#[derive(Debug)]
pub struct Resolved {
    pub model: resolve::ResolvedModel,
    pub files: Vec<PathBuf>,
    /// The loader's warnings (planning adds its own).
    pub warnings: Vec<Diagnostic>,
}

impl Resolved {
    /// The service's name, as the plan's `service.name` will be.
    pub fn service_name(&self) -> &str {
        self.model.name_of(&self.model.service)
    }
}

/// Loads `models` and picks `service` (or the only one): [`plan_models_choosing`] short of
/// planning, for what needs only the service (its name), about a third of the cost.
pub fn resolve_models<P: AsRef<Path>>(
    models: &[P],
    service: Option<&str>,
) -> Result<Resolved, Error> {
    let service = service
        .map(|s| ShapeId::parse(s).map_err(|e| Error::Usage(e.to_string())))
        .transpose()?;
    let loaded = load::load_paths(models)?;
    if service.is_none() {
        // Several services and none chosen: the caller must say which.
        let services: Vec<String> = loaded
            .model
            .shapes
            .values()
            .filter(|s| matches!(s.kind, crate::model::ShapeKind::Service(_)))
            .map(|s| s.id.to_string())
            .collect();
        if services.len() > 1 {
            return Err(Error::Usage(format!(
                "the models define {} services ({}); choose one with --service <shape ID>",
                services.len(),
                services.join(", ")
            )));
        }
    }
    let resolved = resolve::resolve(loaded.model, service.as_ref())?;
    Ok(Resolved {
        model: resolved,
        files: loaded.files,
        warnings: loaded.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--each` names crates from the resolved model alone: the name must be the plan's.
    #[test]
    fn the_resolved_service_name_is_the_planned_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for model in [
            "model",
            "tests/models/features",
            "tests/models/hostile/path_names.json",
        ] {
            let models = [root.join(model)];
            let resolved = resolve_models(&models, None).unwrap_or_else(|e| panic!("{e}"));
            let planned = plan_models(&models, None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                resolved.service_name(),
                planned.plan.service.name,
                "{model}"
            );
            assert_eq!(resolved.files, planned.files, "{model}");
        }
    }
}
