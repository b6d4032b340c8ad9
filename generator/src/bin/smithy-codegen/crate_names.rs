//! Crate names (and so output folders) for `generate --each`, chosen so that no crate is
//! written over another: real services share service shape names (the RDS, DocumentDB and
//! Neptune models all call theirs `AmazonRDSv19`).

use std::collections::BTreeMap;
use std::path::Path;

use heck::ToKebabCase;

/// One generated model: its `--model` path and the crate name its service gives.
pub struct Generated<'a> {
    pub model: &'a Path,
    pub service_name: String,
}

/// The crate name of each model, in the same order. A service name is kept when no other
/// model gives the same one; models whose names clash are named after their model file
/// instead (`docdb-2014-10-31.json` gives `docdb-2014-10-31`). When even that leaves two
/// crates with one name (two files of the same name in different folders, or a file named
/// like another service), nothing may be written: the error names the clashing models.
pub fn choose(models: &[Generated<'_>]) -> Result<Vec<String>, String> {
    let mut by_service: BTreeMap<String, usize> = BTreeMap::new();
    for model in models {
        *by_service.entry(key(&model.service_name)).or_default() += 1;
    }
    let names: Vec<String> = models
        .iter()
        .map(|model| {
            if by_service[&key(&model.service_name)] > 1 {
                from_file(model.model, &model.service_name)
            } else {
                model.service_name.clone()
            }
        })
        .collect();
    let mut holders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        holders.entry(key(name)).or_default().push(i);
    }
    let clashes: Vec<String> = holders
        .values()
        .filter(|holders| holders.len() > 1)
        .map(|holders| {
            let paths: Vec<String> = holders
                .iter()
                .map(|&i| models[i].model.display().to_string())
                .collect();
            format!("  `{}`: {}", names[holders[0]], paths.join(", "))
        })
        .collect();
    if clashes.is_empty() {
        Ok(names)
    } else {
        Err(format!(
            "with --each every crate needs a name of its own, and these models would share one \
             even when named after their files (nothing was written):\n{}",
            clashes.join("\n")
        ))
    }
}

/// Cargo treats `-` and `_` alike and folders may ignore case: compare names that way.
fn key(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// The crate name from the model file's name (without extension), kebab case; prefixed with
/// the service's name when the file name alone is not a valid package name (empty, or
/// starting with a digit).
fn from_file(model: &Path, service_name: &str) -> String {
    let stem = model
        .file_stem()
        .map(|stem| stem.to_string_lossy().to_kebab_case())
        .unwrap_or_default();
    match stem.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => stem,
        Some(_) => format!("{service_name}-{stem}"),
        None => service_name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated<'a>(pairs: &'a [(&'a str, &'a str)]) -> Vec<Generated<'a>> {
        pairs
            .iter()
            .map(|(path, service)| Generated {
                model: Path::new(path),
                service_name: (*service).to_owned(),
            })
            .collect()
    }

    #[test]
    fn distinct_service_names_are_kept() {
        let models = generated(&[("m/a.json", "alpha"), ("m/b.json", "beta")]);
        assert_eq!(choose(&models).unwrap(), ["alpha", "beta"]);
    }

    #[test]
    fn clashing_service_names_take_their_file_names() {
        let models = generated(&[
            ("m/rds-2014-10-31.json", "amazon-rd-sv19"),
            ("m/other.json", "other"),
            ("m/docdb-2014-10-31.json", "amazon-rd-sv19"),
            ("m/neptune.json", "Amazon_RD_Sv19"),
        ]);
        assert_eq!(
            choose(&models).unwrap(),
            ["rds-2014-10-31", "other", "docdb-2014-10-31", "neptune"]
        );
    }

    #[test]
    fn file_names_that_are_not_package_names_keep_the_service_name_in_front() {
        let models = generated(&[("m/2014.json", "svc"), ("n/x.json", "svc")]);
        assert_eq!(choose(&models).unwrap(), ["svc-2014", "x"]);
    }

    #[test]
    fn names_that_still_clash_are_refused_naming_the_models() {
        let models = generated(&[("a/svc.json", "svc"), ("b/svc.json", "svc")]);
        let error = choose(&models).unwrap_err();
        assert!(
            error.contains("a/svc.json") && error.contains("b/svc.json"),
            "{error}"
        );
        // A file named like another model's service clashes too.
        let models = generated(&[
            ("a/one.json", "svc"),
            ("b/two.json", "svc"),
            ("c/x.json", "one"),
        ]);
        assert!(choose(&models).is_err());
    }
}
