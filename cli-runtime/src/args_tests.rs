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
            "argument --output: Invalid choice 'xml', valid choices are: json, text, table, yaml, yaml-stream",
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

#[test]
fn the_rest_of_the_aws_cli_global_options() {
    let c = call(&[
        "create-thing",
        "--name",
        "x",
        "--cli-input-yaml",
        "name: y",
        "--ca-bundle",
        "/etc/ca.pem",
        "--no-verify-ssl",
        "--color",
        "off",
        "--cli-binary-format",
        "raw-in-base64-out",
        "--no-cli-auto-prompt",
        "--output",
        "yaml-stream",
    ]);
    assert_eq!(c.cli_input, Some(CliInput::Yaml("name: y".into())));
    let g = &c.globals;
    assert_eq!(g.ca_bundle.as_deref(), Some("/etc/ca.pem"));
    assert!(g.no_verify_ssl);
    assert_eq!(g.color, Some(Color::Off));
    assert_eq!(g.binary_format, Some(BinaryFormat::RawInBase64Out));
    assert_eq!(g.auto_prompt, Some(false));
    assert_eq!(g.output, Some(OutputFormat::YamlStream));
    assert_eq!(
        call(&["create-thing", "--cli-auto-prompt"])
            .globals
            .auto_prompt,
        Some(true)
    );
}

#[test]
fn choices_and_exclusions_of_the_global_options() {
    let errors = parse_args(&[
        "create-thing",
        "--cli-input-json",
        "{}",
        "--cli-input-yaml",
        "{}",
        "--color",
        "always",
        "--cli-binary-format",
        "hex",
        "--cli-auto-prompt",
        "--no-cli-auto-prompt",
        "--no-verify-ssl=yes",
    ])
    .unwrap_err();
    assert_eq!(
        errors,
        vec![
            "Only one --cli-input- parameter may be specified.",
            "argument --color: Invalid choice 'always', valid choices are: on, off, auto",
            "argument --cli-binary-format: Invalid choice 'hex', valid choices are: base64, raw-in-base64-out",
            "argument --no-cli-auto-prompt: not allowed with argument --cli-auto-prompt",
            "argument --no-verify-ssl: takes no value",
        ]
    );
}

#[test]
fn one_input_document_option_twice_is_reported_once() {
    let errors = parse_args(&[
        "create-thing",
        "--cli-input-yaml",
        "a: 1",
        "--cli-input-yaml",
        "b: 2",
    ])
    .unwrap_err();
    assert_eq!(
        errors,
        vec!["argument --cli-input-yaml: given more than once"]
    );
}

#[test]
fn paging_options_only_on_paginated_operations() {
    use crate::test_fixtures::PAGED_SERVICE;
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let parsed = parse(
        &PAGED_SERVICE,
        &args(&[
            "list-things",
            "--max-items",
            "5",
            "--starting-token=abc",
            "--page-size",
            "2",
            "--no-paginate",
        ]),
    );
    let Ok(Command::Call(call)) = parsed else {
        panic!("{parsed:?}")
    };
    assert_eq!(call.paging.max_items, Some(5));
    assert_eq!(call.paging.starting_token.as_deref(), Some("abc"));
    assert_eq!(call.paging.page_size, Some(2));
    assert!(call.globals.no_paginate);
    assert_eq!(
        parse(&PAGED_SERVICE, &args(&["list-things", "--max-items", "x"])).unwrap_err(),
        ["argument --max-items: invalid int value: 'x'"]
    );
    // Elsewhere, the AWS CLI's unknown options.
    assert_eq!(
        parse(&SERVICE, &args(&["create-thing", "--max-items", "5"])).unwrap_err(),
        ["Unknown options: --max-items, 5"]
    );
    assert_eq!(
        parse(
            &SERVICE,
            &args(&["create-thing", "--starting-token", "t", "--page-size=3"])
        )
        .unwrap_err(),
        ["Unknown options: --starting-token, t, --page-size=3"]
    );
}

/// An operation with a streaming blob output takes one positional `outfile`, required unless a skeleton is asked
/// for; other operations take none.
#[test]
fn a_streaming_body_takes_a_positional_outfile() {
    let operations: &'static [Operation] = Box::leak(Box::new([Operation {
        output_body: true,
        ..crate::test_fixtures::OPERATIONS[0]
    }]));
    let service: &'static Service = Box::leak(Box::new(Service {
        operations,
        ..SERVICE
    }));
    let name = operations[0].cli_name;
    let parse_with = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(service, &args)
    };
    match parse_with(&[name, "--name", "n", "out.bin"]) {
        Ok(Command::Call(call)) => assert_eq!(call.outfile.as_deref(), Some("out.bin")),
        other => panic!("not a call: {other:?}"),
    }
    let errors = parse_with(&[name, "--name", "n"]).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("required: outfile")),
        "{errors:?}"
    );
    let errors = parse_with(&[name, "a.bin", "b.bin"]).unwrap_err();
    assert!(errors.iter().any(|e| e.contains("b.bin")), "{errors:?}");
    assert!(matches!(
        parse_with(&[name, "--generate-cli-skeleton"]),
        Ok(Command::Call(_))
    ));
    // Without a streaming body a positional argument is unknown.
    let errors = parse_args(&[name, "--name", "n", "out.bin"]).unwrap_err();
    assert!(errors.iter().any(|e| e.contains("out.bin")), "{errors:?}");
}
