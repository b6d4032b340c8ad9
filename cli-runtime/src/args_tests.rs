use super::*;
use crate::test_fixtures::SERVICE;

fn parse_args(args: &[&str]) -> Result<Command, Vec<String>> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    parse(&SERVICE, &args)
}

fn call(args: &[&str]) -> Call {
    match parse_args(args) {
        Ok(Command::Call(call)) => *call,
        other => panic!("not a call: {other:?}"),
    }
}

fn flags(call: &Call) -> Vec<(&str, RawArg)> {
    call.params
        .iter()
        .map(|(p, raw)| (p.flag, raw.clone()))
        .collect()
}

fn values(v: &[&str]) -> RawArg {
    RawArg::Values(v.iter().map(|s| s.to_string()).collect())
}

#[test]
fn operation_params_and_globals() {
    let c = call(&[
        "--region",
        "eu-west-1",
        "create-thing",
        "--name",
        "n",
        "--count=3",
        "--tags",
        "key=a",
        "key=b",
        "--enabled",
        "--output",
        "yaml",
        "--query",
        "id",
        "--debug",
        "--no-sign-request",
        "--cli-read-timeout",
        "0",
        "--endpoint-url",
        "http://127.0.0.1:1",
    ]);
    assert_eq!(c.op.cli_name, "create-thing");
    assert_eq!(
        flags(&c),
        vec![
            ("name", values(&["n"])),
            ("count", values(&["3"])),
            ("tags", values(&["key=a", "key=b"])),
            ("enabled", RawArg::Flag(true)),
        ]
    );
    let g = &c.globals;
    assert_eq!(g.region.as_deref(), Some("eu-west-1"));
    assert_eq!(g.output, Some(OutputFormat::Yaml));
    assert_eq!(g.query.as_deref(), Some("id"));
    assert!(g.debug && g.no_sign_request);
    assert_eq!(g.read_timeout, Some(0));
    assert_eq!(g.endpoint_url.as_deref(), Some("http://127.0.0.1:1"));
}

#[test]
fn negated_booleans_and_dash_values() {
    let c = call(&["create-thing", "--no-enabled", "--count", "-5"]);
    assert_eq!(
        flags(&c),
        vec![("enabled", RawArg::Flag(false)), ("count", values(&["-5"]))]
    );
}

#[test]
fn skeleton_values() {
    assert_eq!(
        call(&["create-thing", "--generate-cli-skeleton"]).skeleton,
        Some(SkeletonKind::Input)
    );
    assert_eq!(
        call(&["create-thing", "--generate-cli-skeleton", "output"]).skeleton,
        Some(SkeletonKind::Output)
    );
    let c = call(&["create-thing", "--generate-cli-skeleton", "--name", "x"]);
    assert_eq!(c.skeleton, Some(SkeletonKind::Input));
    assert_eq!(flags(&c), vec![("name", values(&["x"]))]);
}

#[test]
fn help_forms() {
    assert!(matches!(parse_args(&["help"]), Ok(Command::ServiceHelp)));
    assert!(matches!(parse_args(&["--help"]), Ok(Command::ServiceHelp)));
    assert!(matches!(
        parse_args(&["create-thing", "help"]),
        Ok(Command::OperationHelp(_))
    ));
    assert!(matches!(
        parse_args(&["create-thing", "--help", "--bogus"]),
        Ok(Command::OperationHelp(_))
    ));
    assert!(matches!(parse_args(&["--version"]), Ok(Command::Version)));
}

#[test]
fn every_problem_is_reported() {
    let errors = parse_args(&[
        "create-thing",
        "--bogus",
        "--output",
        "xml",
        "--name",
        "--count",
        "1",
        "--count",
        "2",
        "stray",
        "--cli-read-timeout",
        "soon",
        "--enabled=true",
    ])
    .unwrap_err();
    assert_eq!(
        errors,
        vec![
            "argument --output: Invalid choice 'xml', valid choices are: json, text, table, yaml",
            "argument --name: expected one argument",
            "argument --count: given more than once",
            "argument --cli-read-timeout: expected a whole number of seconds (0 for none), found 'soon'",
            "argument --enabled: takes no value (use --no-enabled for false)",
            "Unknown options: --bogus, stray",
        ]
    );
}

#[test]
fn unknown_or_missing_operation() {
    let errors = parse_args(&["delete-thing"]).unwrap_err();
    assert_eq!(errors, vec!["argument operation: Invalid choice 'delete-thing', valid choices are:\n\n  create-thing"]);
    let errors = parse_args(&["--region", "x"]).unwrap_err();
    assert_eq!(
        errors,
        vec!["the following arguments are required: operation"]
    );
    // Options of an operation come after it: before it, `--name` is unknown and `x` is taken for the operation.
    let errors = parse_args(&["--name", "x", "create-thing"]).unwrap_err();
    assert_eq!(
        errors,
        vec![
            "argument operation: Invalid choice 'x', valid choices are:\n\n  create-thing",
            "Unknown options: --name"
        ]
    );
}
