//! The command line: `<service> [global options] <operation> [options]`, AWS CLI style.

use crate::output::OutputFormat;
use crate::paging::PagingOptions;
use crate::param_value::RawArg;
use crate::schema::{Param, Schema};
use crate::service::{Operation, Service};

/// What to do.
#[derive(Debug)]
pub(crate) enum Command {
    ServiceHelp,
    OperationHelp(&'static Operation),
    Version,
    Call(Box<Call>),
}

/// An operation to run (or to print a skeleton for), with everything the command line said about it.
#[derive(Debug)]
pub(crate) struct Call {
    pub op: &'static Operation,
    pub params: Vec<(&'static Param, RawArg)>,
    pub cli_input: Option<CliInput>,
    pub skeleton: Option<SkeletonKind>,
    pub globals: Globals,
    /// `--max-items`, `--starting-token`, `--page-size` (paginated operations only).
    pub paging: PagingOptions,
    /// Where a streaming blob output's body is written (the positional `outfile`).
    pub outfile: Option<String>,
}

/// The options of paginated operations only, as the AWS CLI adds them (`--no-paginate` is global there too).
pub(crate) const PAGING_OPTIONS: &[&str] = &["max-items", "starting-token", "page-size"];

/// `--cli-input-json` or `--cli-input-yaml`: the text given (or `file://path`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CliInput {
    Json(String),
    Yaml(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SkeletonKind {
    Input,
    YamlInput,
    Output,
}

/// The global options; `None` where the command line said nothing.
#[derive(Debug, Default)]
pub(crate) struct Globals {
    pub endpoint_url: Option<String>,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub no_sign_request: bool,
    pub debug: bool,
    pub output: Option<OutputFormat>,
    pub query: Option<String>,
    /// Seconds; 0 means none.
    pub read_timeout: Option<u64>,
    pub connect_timeout: Option<u64>,
    pub ca_bundle: Option<String>,
    pub no_verify_ssl: bool,
    pub color: Option<Color>,
    pub binary_format: Option<BinaryFormat>,
    /// `--cli-auto-prompt` (true) or `--no-cli-auto-prompt` (false).
    pub auto_prompt: Option<bool>,
    /// `--no-paginate`: one call, its output as is.
    pub no_paginate: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Color {
    On,
    Off,
    Auto,
}

/// `--cli-binary-format`: how blob parameters are written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum BinaryFormat {
    /// Base64 text (AWS CLI v2's default).
    #[default]
    Base64,
    /// The text's own bytes (AWS CLI v1's way).
    RawInBase64Out,
}

impl BinaryFormat {
    pub const NAMES: &'static [&'static str] = &["base64", "raw-in-base64-out"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "base64" => Some(BinaryFormat::Base64),
            "raw-in-base64-out" => Some(BinaryFormat::RawInBase64Out),
            _ => None,
        }
    }
}

/// How many values an option takes.
#[derive(Clone, Copy)]
enum Arity {
    None,
    One,
    Optional,
}

/// The global options and how many values each takes.
const GLOBALS: &[(&str, Arity)] = &[
    ("endpoint-url", Arity::One),
    ("region", Arity::One),
    ("profile", Arity::One),
    ("output", Arity::One),
    ("query", Arity::One),
    ("cli-read-timeout", Arity::One),
    ("cli-connect-timeout", Arity::One),
    ("cli-input-json", Arity::One),
    ("cli-input-yaml", Arity::One),
    ("generate-cli-skeleton", Arity::Optional),
    ("ca-bundle", Arity::One),
    ("color", Arity::One),
    ("cli-binary-format", Arity::One),
    ("no-sign-request", Arity::None),
    ("no-verify-ssl", Arity::None),
    ("debug", Arity::None),
    ("no-cli-pager", Arity::None),
    ("cli-auto-prompt", Arity::None),
    ("no-cli-auto-prompt", Arity::None),
    ("no-paginate", Arity::None),
    ("help", Arity::None),
    ("version", Arity::None),
];

/// The names of the global options (without `--`): no operation's own option may take one.
pub fn global_options() -> impl Iterator<Item = &'static str> {
    GLOBALS.iter().map(|(name, _)| *name)
}

/// Parses the arguments (without the program name); the error lists every problem.
pub(crate) fn parse(service: &'static Service, args: &[String]) -> Result<Command, Vec<String>> {
    let mut parser = ArgParser {
        service,
        args,
        next: 0,
        op: None,
        help: false,
        version: false,
        call: CallParts::default(),
        seen: Vec::new(),
        errors: Vec::new(),
        unknown: Vec::new(),
    };
    while parser.next < args.len() {
        parser.step();
    }
    parser.finish()
}

#[derive(Default)]
struct CallParts {
    params: Vec<(&'static Param, RawArg)>,
    cli_input: Option<CliInput>,
    skeleton: Option<SkeletonKind>,
    globals: Globals,
    paging: PagingOptions,
    outfile: Option<String>,
}

struct ArgParser<'a> {
    service: &'static Service,
    args: &'a [String],
    next: usize,
    op: Option<&'static Operation>,
    help: bool,
    version: bool,
    call: CallParts,
    seen: Vec<String>,
    errors: Vec<String>,
    unknown: Vec<String>,
}

impl ArgParser<'_> {
    fn step(&mut self) {
        let args = self.args;
        let arg = &args[self.next];
        self.next += 1;
        match arg.strip_prefix("--").filter(|name| !name.is_empty()) {
            Some(body) => {
                let (name, inline) = match body.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (body, None),
                };
                self.option(name, inline, arg);
            }
            None if arg == "help" => self.help = true,
            None if self.op.is_none() => match self.service.operation(arg) {
                Some(op) => self.op = Some(op),
                None => self.errors.push(invalid_operation(self.service, arg)),
            },
            // A streaming body's file, once.
            None if self.op.is_some_and(|op| op.output_body) && self.call.outfile.is_none() => {
                self.call.outfile = Some(arg.clone())
            }
            None => self.unknown.push(arg.clone()),
        }
    }

    fn option(&mut self, name: &str, inline: Option<String>, arg: &str) {
        if let Some(&(_, arity)) = GLOBALS.iter().find(|(global, _)| *global == name) {
            self.first_time(name);
            self.global(name, arity, inline);
            return;
        }
        let Some(op) = self.op else {
            self.unknown.push(arg.to_owned());
            return;
        };
        // Before the members' flags, as the AWS CLI's pagination arguments replace a member of the same name.
        if op.paginated.is_some() && PAGING_OPTIONS.contains(&name) {
            self.first_time(name);
            self.paging(name, inline);
            return;
        }
        if let Some(param) = op.param(name) {
            self.first_time(name);
            self.param(param, inline);
            return;
        }
        let negated = name
            .strip_prefix("no-")
            .and_then(|flag| op.param(flag))
            .filter(|p| matches!(p.schema, Schema::Boolean));
        match negated {
            Some(param) if inline.is_none() => {
                self.first_time(param.flag);
                self.call.params.push((param, RawArg::Flag(false)));
            }
            _ => self.unknown.push(arg.to_owned()),
        }
    }

    fn global(&mut self, name: &str, arity: Arity, inline: Option<String>) {
        let value = match arity {
            Arity::None => {
                if inline.is_some() {
                    self.errors
                        .push(format!("argument --{name}: takes no value"));
                }
                None
            }
            Arity::One => match self.value(name, inline) {
                Some(value) => Some(value),
                None => return,
            },
            Arity::Optional => inline.or_else(|| self.optional_skeleton_value()),
        };
        let value = value.unwrap_or_default();
        let globals = &mut self.call.globals;
        match name {
            "endpoint-url" => globals.endpoint_url = Some(value),
            "region" => globals.region = Some(value),
            "profile" => globals.profile = Some(value),
            "output" => match OutputFormat::parse(&value) {
                Some(format) => globals.output = Some(format),
                None => self.errors.push(format!(
                    "argument --output: Invalid choice '{value}', valid choices are: {}",
                    OutputFormat::NAMES.join(", ")
                )),
            },
            "query" => globals.query = Some(value),
            "cli-read-timeout" | "cli-connect-timeout" => match seconds(name, &value) {
                Ok(seconds) if name == "cli-read-timeout" => globals.read_timeout = Some(seconds),
                Ok(seconds) => globals.connect_timeout = Some(seconds),
                Err(message) => self.errors.push(message),
            },
            "cli-input-json" | "cli-input-yaml" => {
                let given = match name {
                    "cli-input-json" => CliInput::Json(value),
                    _ => CliInput::Yaml(value),
                };
                match &self.call.cli_input {
                    None => self.call.cli_input = Some(given),
                    // The same option twice is already reported as such.
                    Some(earlier) if std::mem::discriminant(earlier) == std::mem::discriminant(&given) => {}
                    // The AWS CLI's words (its two options share one group).
                    Some(_) => self
                        .errors
                        .push("Only one --cli-input- parameter may be specified.".to_owned()),
                }
            }
            "ca-bundle" => globals.ca_bundle = Some(value),
            "no-verify-ssl" => globals.no_verify_ssl = true,
            "color" => match value.as_str() {
                "on" => globals.color = Some(Color::On),
                "off" => globals.color = Some(Color::Off),
                "auto" => globals.color = Some(Color::Auto),
                _ => self.errors.push(format!(
                    "argument --color: Invalid choice '{value}', valid choices are: on, off, auto"
                )),
            },
            "cli-binary-format" => match BinaryFormat::parse(&value) {
                Some(format) => globals.binary_format = Some(format),
                None => self.errors.push(format!(
                    "argument --cli-binary-format: Invalid choice '{value}', valid choices are: {}",
                    BinaryFormat::NAMES.join(", ")
                )),
            },
            "cli-auto-prompt" | "no-cli-auto-prompt" => {
                if globals.auto_prompt.is_some() {
                    let other = match name {
                        "cli-auto-prompt" => "no-cli-auto-prompt",
                        _ => "cli-auto-prompt",
                    };
                    // argparse's words for two options of one mutually exclusive group.
                    self.errors.push(format!(
                        "argument --{name}: not allowed with argument --{other}"
                    ));
                }
                globals.auto_prompt = Some(name == "cli-auto-prompt");
            }
            "generate-cli-skeleton" => match value.as_str() {
                "" | "input" => self.call.skeleton = Some(SkeletonKind::Input),
                "yaml-input" => self.call.skeleton = Some(SkeletonKind::YamlInput),
                "output" => self.call.skeleton = Some(SkeletonKind::Output),
                _ => self.errors.push(format!(
                    "argument --generate-cli-skeleton: Invalid choice '{value}', valid choices are: input, yaml-input, output"
                )),
            },
            "no-sign-request" => globals.no_sign_request = true,
            "no-paginate" => globals.no_paginate = true,
            "debug" => globals.debug = true,
            "help" => self.help = true,
            "version" => self.version = true,
            _ => {} // accepted for compatibility, no effect here: --no-cli-pager
        }
    }

    fn paging(&mut self, name: &str, inline: Option<String>) {
        let Some(value) = self.value(name, inline) else {
            return;
        };
        // argparse's words for a value that is not an int.
        let invalid = || format!("argument --{name}: invalid int value: '{value}'");
        let paging = &mut self.call.paging;
        match name {
            "starting-token" => paging.starting_token = Some(value),
            "max-items" => match value.trim().parse::<u64>() {
                Ok(n) => paging.max_items = Some(n),
                Err(_) => self.errors.push(invalid()),
            },
            _ => match value.trim().parse::<i64>() {
                Ok(n) => paging.page_size = Some(n),
                Err(_) => self.errors.push(invalid()),
            },
        }
    }

    fn param(&mut self, param: &'static Param, inline: Option<String>) {
        if matches!(param.schema, Schema::Boolean) {
            match inline {
                None => self.call.params.push((param, RawArg::Flag(true))),
                Some(_) => self.errors.push(format!(
                    "argument --{}: takes no value (use --no-{} for false)",
                    param.flag, param.flag
                )),
            }
            return;
        }
        let values = match inline {
            Some(value) => vec![value],
            None if matches!(param.schema, Schema::List(_)) => {
                let start = self.next;
                while self.next < self.args.len() && !is_option(&self.args[self.next]) {
                    self.next += 1;
                }
                self.args[start..self.next].to_vec()
            }
            None => match self.value(param.flag, None) {
                Some(value) => vec![value],
                None => return,
            },
        };
        if values.is_empty() {
            self.errors
                .push(format!("argument --{}: expected one argument", param.flag));
        } else {
            self.call.params.push((param, RawArg::Values(values)));
        }
    }

    /// The value of an option that takes one: inline (`--x=v`) or the next argument.
    fn value(&mut self, name: &str, inline: Option<String>) -> Option<String> {
        if inline.is_some() {
            return inline;
        }
        match self.args.get(self.next) {
            Some(next) if !is_option(next) => {
                self.next += 1;
                Some(next.clone())
            }
            _ => {
                self.errors
                    .push(format!("argument --{name}: expected one argument"));
                None
            }
        }
    }

    /// `--generate-cli-skeleton` takes a value only when the next argument is one of its choices.
    fn optional_skeleton_value(&mut self) -> Option<String> {
        let next = self.args.get(self.next)?;
        if matches!(next.as_str(), "input" | "yaml-input" | "output") {
            self.next += 1;
            return Some(next.clone());
        }
        None
    }

    /// Records the option; an error when it was given before (its value is still read, so that it is not
    /// taken for an option of its own).
    fn first_time(&mut self, name: &str) {
        if self.seen.iter().any(|seen| seen == name) {
            self.errors
                .push(format!("argument --{name}: given more than once"));
        } else {
            self.seen.push(name.to_owned());
        }
    }

    fn finish(mut self) -> Result<Command, Vec<String>> {
        if self.help {
            return Ok(match self.op {
                Some(op) => Command::OperationHelp(op),
                None => Command::ServiceHelp,
            });
        }
        if self.version {
            return Ok(Command::Version);
        }
        if !self.unknown.is_empty() {
            self.errors
                .push(format!("Unknown options: {}", self.unknown.join(", ")));
        }
        // Skeletons call nothing and need no file.
        let needs_outfile =
            self.op.is_some_and(|op| op.output_body) && self.call.skeleton.is_none();
        if needs_outfile && self.call.outfile.is_none() {
            self.errors
                .push("the following arguments are required: outfile".to_owned());
        }
        match self.op {
            Some(op) if self.errors.is_empty() => Ok(Command::Call(Box::new(Call {
                op,
                params: self.call.params,
                cli_input: self.call.cli_input,
                skeleton: self.call.skeleton,
                globals: self.call.globals,
                paging: self.call.paging,
                outfile: self.call.outfile,
            }))),
            None if self.errors.is_empty() => Err(vec![
                "the following arguments are required: operation".to_owned(),
            ]),
            _ => Err(self.errors),
        }
    }
}

fn seconds(name: &str, value: &str) -> Result<u64, String> {
    value.trim().parse::<u64>().map_err(|_| {
        format!(
            "argument --{name}: expected a whole number of seconds (0 for none), found '{value}'"
        )
    })
}

fn is_option(arg: &str) -> bool {
    arg.len() > 2 && arg.starts_with("--")
}

fn invalid_operation(service: &Service, name: &str) -> String {
    let choices: Vec<&str> = service.operations.iter().map(|op| op.cli_name).collect();
    format!(
        "argument operation: Invalid choice '{name}', valid choices are:\n\n  {}",
        choices.join("\n  ")
    )
}

#[cfg(test)]
#[path = "args_tests.rs"]
mod tests;
