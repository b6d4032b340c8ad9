//! Command-line arguments, parsed by hand to keep the generator's dependencies few.

use std::iter::Peekable;
use std::path::PathBuf;
use std::slice::Iter;

pub const USAGE: &str = "\
usage: smithy-codegen generate --model <file|dir>... --out <dir> [--crate-name <name>] [--service <shape-id>] [--protocol <name>] [--each] [--protocol-tests] [--shared-client-runtime <dir>] [--cli] [--check]
       smithy-codegen ast --model <file|dir>... [--flatten]
       smithy-codegen endpoint-tests --model <file|dir>... [--with <file|dir>...]

generate: writes a standalone Rust crate (Cargo.toml + src/) from Smithy JSON AST models.

  --model <file|dir>...  model files, or directories read recursively for *.json (repeatable)
  --out <dir>            where to write the crate
  --crate-name <name>    the crate's name (default: the service name in kebab case)
  --service <shape-id>   the service to generate when the models define several
  --protocol <name>      the wire layer's protocol (awsJson1_1, restJson1...; a trait name or shape ID)
                         when the service has several; default: the one the AWS SDKs prefer
  --each                 each --model is its own service: one crate per model in <out>/<crate name>/,
                         generated in parallel; models whose services share a name are named after
                         their files
  --protocol-tests       add tests/protocol_tests.rs: a test per smithy.test#httpRequestTests and
                         httpResponseTests case for clients of the service's protocol
  --shared-client-runtime <dir>
                         the client takes its service-independent half (Config, credentials, retries,
                         transport, signing) from the smithy-client-runtime crate in <dir> (this
                         repository's client-runtime/) instead of a copy of its own, so that the crates
                         generated so share one Config; Cargo.toml names <dir> as an absolute path
  --cli                  also write the service's command line, as the AWS CLI's `aws <service>`, as a
                         binary crate in <out>/cli/ (the program named as the AWS CLI names the service;
                         its runtime in <out>/cli/runtime/); `cargo build --manifest-path <out>/cli/Cargo.toml`
                         builds it (services with a wire layer)
  --check                write nothing; exit 3 and list the files that are out of date

ast: prints the models as one Smithy JSON AST 2.0 document on stdout, like Smithy's `ast` command:
pretty-printed with 2-space indentation, canonical (object keys and shapes sorted), prelude shapes
left out, `apply` merged.

  --model <file|dir>...  as for generate
  --flatten              flatten mixins into the shapes that use them and leave the mixins out

endpoint-tests: runs every smithy.rules#endpointTests case of the models' services through the
endpoint rules engine; prints a line per failed case, then `N passed, M failed`; exit 1 if any failed.
Each model file is loaded and run on its own (with the --with files), so that one model's problem
does not stop the others; a model that does not load counts as one failure.

  --model <file|dir>...  model files, or directories read recursively for *.json and *.smithy
  --with <file|dir>...   files loaded beside every model (shared trait definitions)

exit codes: 0 ok, 1 model error, 2 usage error, 3 out of date (--check)";

#[derive(Debug, Default, PartialEq)]
pub struct Generate {
    pub models: Vec<PathBuf>,
    pub out: PathBuf,
    pub crate_name: Option<String>,
    pub service: Option<String>,
    /// `--protocol`: one of the service's protocols, instead of the preferred one.
    pub protocol: Option<String>,
    pub check: bool,
    pub each: bool,
    pub protocol_tests: bool,
    /// `--shared-client-runtime`: the runtime crate's directory.
    pub shared_client_runtime: Option<PathBuf>,
    /// `--cli`: the command-line crate in `<out>/cli/` too.
    pub cli: bool,
}

/// `ast`: print the models as a JSON AST document.
#[derive(Debug, Default, PartialEq)]
pub struct Ast {
    pub models: Vec<PathBuf>,
    pub flatten: bool,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Generate(Generate),
    Ast(Ast),
    /// `endpoint-tests`: the models, each run alone, and the files loaded beside each.
    EndpointTests {
        models: Vec<PathBuf>,
        with: Vec<PathBuf>,
    },
    Help,
    Version,
}

/// Parses everything after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().peekable();
    match args.next().map(String::as_str) {
        Some("generate") => {}
        Some("ast") => return parse_ast(args),
        Some("endpoint-tests") => return parse_endpoint_tests(args),
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
            "--protocol" => generate.protocol = Some(value("--protocol")?),
            "--check" => generate.check = true,
            "--each" => generate.each = true,
            "--protocol-tests" => generate.protocol_tests = true,
            "--shared-client-runtime" => {
                generate.shared_client_runtime =
                    Some(PathBuf::from(value("--shared-client-runtime")?))
            }
            "--cli" => generate.cli = true,
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

/// The options of `endpoint-tests`, after the command name.
fn parse_endpoint_tests(mut args: Peekable<Iter<'_, String>>) -> Result<Command, String> {
    let mut models = Vec::new();
    let mut with = Vec::new();
    while let Some(arg) = args.next() {
        let list = match arg.as_str() {
            "--model" => &mut models,
            "--with" => &mut with,
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option `{other}` for endpoint-tests")),
        };
        let first = args
            .next_if(|v| !v.starts_with("--"))
            .ok_or_else(|| format!("`{arg}` needs a value"))?;
        list.push(PathBuf::from(first));
        while let Some(more) = args.next_if(|a| !a.starts_with("--")) {
            list.push(PathBuf::from(more));
        }
    }
    if models.is_empty() {
        return Err("`--model` is required".to_owned());
    }
    Ok(Command::EndpointTests { models, with })
}

/// The options of `ast`, after the command name.
fn parse_ast(mut args: Peekable<Iter<'_, String>>) -> Result<Command, String> {
    let mut ast = Ast::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--model" => {
                let first = args
                    .next_if(|v| !v.starts_with("--"))
                    .ok_or("`--model` needs a value")?;
                ast.models.push(PathBuf::from(first));
                while let Some(more) = args.next_if(|a| !a.starts_with("--")) {
                    ast.models.push(PathBuf::from(more));
                }
            }
            "--flatten" => ast.flatten = true,
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if ast.models.is_empty() {
        return Err("`--model` is required".to_owned());
    }
    Ok(Command::Ast(ast))
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
        assert!(!g.cli);
        assert_eq!(
            g.models,
            vec![PathBuf::from("a.json"), PathBuf::from("dir")]
        );
        assert_eq!(g.out, PathBuf::from("out"));
        assert!(g.check);
        assert_eq!(g.crate_name.as_deref(), Some("x"));
        assert_eq!(g.shared_client_runtime, None);
        let Command::Generate(g) = parse(&args(
            "generate --model a.json --out out --shared-client-runtime ../client-runtime",
        ))
        .unwrap() else {
            panic!("expected generate");
        };
        assert_eq!(
            g.shared_client_runtime,
            Some(PathBuf::from("../client-runtime"))
        );

        let Command::Generate(g) = parse(&args("generate --cli --model m --out o")).unwrap() else {
            panic!("expected generate");
        };
        assert!(g.cli && g.models == [PathBuf::from("m")]);
        assert_eq!(g.protocol, None);

        let Command::Generate(g) =
            parse(&args("generate --model m --out o --protocol awsJson1_1")).unwrap()
        else {
            panic!("expected generate");
        };
        assert_eq!(g.protocol.as_deref(), Some("awsJson1_1"));
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

    #[test]
    fn parses_ast() {
        assert_eq!(
            parse(&args("ast --model a.json dir --flatten")),
            Ok(Command::Ast(Ast {
                models: vec![PathBuf::from("a.json"), PathBuf::from("dir")],
                flatten: true,
            }))
        );
        assert_eq!(
            parse(&args("ast --flatten --model a.json --model b.json")),
            Ok(Command::Ast(Ast {
                models: vec![PathBuf::from("a.json"), PathBuf::from("b.json")],
                flatten: true,
            }))
        );
        assert_eq!(
            parse(&args("ast --model m")),
            Ok(Command::Ast(Ast {
                models: vec![PathBuf::from("m")],
                flatten: false,
            }))
        );
        assert_eq!(parse(&args("ast --model m --help")), Ok(Command::Help));
    }

    #[test]
    fn reports_ast_usage_errors() {
        let error = |text: &str| parse(&args(text)).unwrap_err();
        assert!(error("ast").contains("`--model` is required"));
        assert!(error("ast --flatten").contains("`--model` is required"));
        assert!(error("ast --model").contains("needs a value"));
        assert!(error("ast --model --flatten").contains("needs a value"));
        assert!(error("ast --model m --out o").contains("`--out`"));
        assert!(error("ast --model m --check").contains("`--check`"));
    }

    #[test]
    fn parses_endpoint_tests() {
        assert_eq!(
            parse(&args("endpoint-tests --model a b --with d")),
            Ok(Command::EndpointTests {
                models: vec![PathBuf::from("a"), PathBuf::from("b")],
                with: vec![PathBuf::from("d")],
            })
        );
        let error = |text: &str| parse(&args(text)).unwrap_err();
        assert!(error("endpoint-tests").contains("`--model` is required"));
        assert!(error("endpoint-tests --model m --flatten").contains("--flatten"));
        assert!(error("endpoint-tests --model m --out o").contains("`--out`"));
        assert!(error("endpoint-tests --model m --with").contains("`--with` needs a value"));
    }
}
