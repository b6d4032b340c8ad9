//! Command-line arguments, parsed by hand to keep the generator's dependencies few.

use std::path::PathBuf;

pub const USAGE: &str = "\
usage: smithy-codegen generate --model <file|dir>... --out <dir> [--crate-name <name>] [--service <shape-id>] [--each] [--check]

Generates a standalone Rust crate (Cargo.toml + src/) from Smithy JSON AST models.

  --model <file|dir>...  model files, or directories read recursively for *.json (repeatable)
  --out <dir>            where to write the crate
  --crate-name <name>    the crate's name (default: the service name in kebab case)
  --service <shape-id>   the service to generate when the models define several
  --each                 each --model is its own service: one crate per model in <out>/<crate name>/,
                         generated in parallel
  --check                write nothing; exit 3 and list the files that are out of date

exit codes: 0 ok, 1 model error, 2 usage error, 3 out of date (--check)";

#[derive(Debug, Default, PartialEq)]
pub struct Generate {
    pub models: Vec<PathBuf>,
    pub out: PathBuf,
    pub crate_name: Option<String>,
    pub service: Option<String>,
    pub check: bool,
    pub each: bool,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Generate(Generate),
    Help,
    Version,
}

/// Parses everything after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().peekable();
    match args.next().map(String::as_str) {
        Some("generate") => {}
        Some("-h" | "--help" | "help") | None => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let mut generate = Generate::default();
    let mut out = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .filter(|v| !v.starts_with("--"))
                .cloned()
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match arg.as_str() {
            "--model" => {
                generate.models.push(PathBuf::from(value("--model")?));
                while let Some(more) = args.next_if(|a| !a.starts_with("--")) {
                    generate.models.push(PathBuf::from(more));
                }
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => generate.crate_name = Some(value("--crate-name")?),
            "--service" => generate.service = Some(value("--service")?),
            "--check" => generate.check = true,
            "--each" => generate.each = true,
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if generate.models.is_empty() {
        return Err("`--model` is required".to_owned());
    }
    generate.out = out.ok_or("`--out` is required")?;
    if generate.each && generate.crate_name.is_some() {
        return Err(
            "`--crate-name` names one crate; with `--each` crates are named after their services"
                .to_owned(),
        );
    }
    if let Some(name) = &generate.crate_name {
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(format!("`{name}` is not a valid crate name"));
        }
    }
    Ok(Command::Generate(generate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_several_models_and_options() {
        let Command::Generate(g) = parse(&args(
            "generate --model a.json dir --out out --check --crate-name x",
        ))
        .unwrap() else {
            panic!("expected generate");
        };
        assert_eq!(
            g.models,
            vec![PathBuf::from("a.json"), PathBuf::from("dir")]
        );
        assert_eq!(g.out, PathBuf::from("out"));
        assert!(g.check);
        assert_eq!(g.crate_name.as_deref(), Some("x"));
    }

    #[test]
    fn reports_usage_errors() {
        assert!(parse(&args("generate --out x"))
            .unwrap_err()
            .contains("--model"));
        assert!(parse(&args("generate --model m"))
            .unwrap_err()
            .contains("--out"));
        assert!(parse(&args("generate --model m --out"))
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&args("generate --model m --out o --bogus"))
            .unwrap_err()
            .contains("--bogus"));
        assert!(parse(&args("frobnicate")).is_err());
        assert!(parse(&args("generate --model m --out o --crate-name a/b")).is_err());
    }
}
