//! The entry points: `main` for a generated binary, `run` for tests.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::args::{self, Command};
use crate::failure::{Failure, EXIT_OTHER, EXIT_USAGE};
use crate::help;
use crate::service::Service;

/// The whole program: parses the process's arguments, runs, returns the exit code.
pub fn main(service: &'static Service) -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let (mut stdout, mut stderr) = (stdout.lock(), stderr.lock());
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                let _ = writeln!(
                    stderr,
                    "{}: error: argument {arg:?} is not valid UTF-8",
                    service.cli_name
                );
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    let env = |name: &str| std::env::var(name).ok();
    let stdin = std::io::stdin();
    let mut stdin = stdin.lock();
    let terminal = Terminal {
        input: match stdin.is_terminal() {
            true => Some(&mut stdin),
            false => None,
        },
        stdout_is_terminal: std::io::stdout().is_terminal(),
    };
    ExitCode::from(run_in(
        service,
        &args,
        &env,
        terminal,
        &mut stdout,
        &mut stderr,
    ))
}

/// What the program knows of its terminal.
#[derive(Default)]
pub struct Terminal<'a> {
    /// Where `--cli-auto-prompt` reads answers: `Some` only when standard input is a terminal.
    pub input: Option<&'a mut dyn BufRead>,
    /// `--color auto` colours only then.
    pub stdout_is_terminal: bool,
}

/// The program, testable: `args` without the program name, environment variables through `env`.
/// Returns the exit code: 0, or 252 (usage), 253 (configuration), 254 (service error), 255 (anything else).
pub fn run(
    service: &'static Service,
    args: &[String],
    env: &dyn Fn(&str) -> Option<String>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    run_in(service, args, env, Terminal::default(), stdout, stderr)
}

/// As [`run`], with a terminal: prompts read from its input, and `--color auto` colours when it is the output.
pub fn run_in(
    service: &'static Service,
    args: &[String],
    env: &dyn Fn(&str) -> Option<String>,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    // A last line of defence: a panic in a dependency becomes exit 255 with a message, not an abort.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_command(service, args, env, terminal, &mut *stdout, &mut *stderr)
    }));
    let failure = match outcome {
        Ok(Ok(())) => return 0,
        Ok(Err(failure)) => failure,
        Err(_) => Failure::Other(
            "internal error: the program panicked (see the message above)".to_owned(),
        ),
    };
    let _ = writeln!(stderr, "{}", failure.message());
    let _ = stderr.flush();
    match failure.code() {
        0 => EXIT_OTHER,
        code => code,
    }
}

fn run_command(
    service: &'static Service,
    args: &[String],
    env: &dyn Fn(&str) -> Option<String>,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failure> {
    let command =
        args::parse(service, args).map_err(|errors| Failure::Usage(usage(service, &errors)))?;
    let text = match command {
        Command::ServiceHelp => help::service_help(service),
        Command::OperationHelp(op) => help::operation_help(service, op),
        Command::Version => version_line(service),
        Command::Call(call) => {
            return crate::call::execute(service, *call, env, terminal, stdout, stderr)
        }
    };
    let _ = stdout.write_all(text.as_bytes());
    Ok(())
}

/// Like the AWS CLI's `aws-cli/2.x Python/3.x Linux/6.x exe/x86_64`: `name/version` words, the command line's
/// (which is versioned with its runtime), the runtime's, then the system's.
fn version_line(service: &Service) -> String {
    let version = env!("CARGO_PKG_VERSION");
    format!(
        "{}/{version} smithy-cli-runtime/{version} {}/{}\n",
        service.cli_name,
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The AWS CLI's usage reminder, then every error.
fn usage(service: &Service, errors: &[String]) -> String {
    format!(
        "usage: {name} <operation> [options]\nTo see help text, you can run:\n\n  {name} help\n  {name} <operation> help\n\n{name}: error: {}",
        errors.join(&format!("\n{}: error: ", service.cli_name)),
        name = service.cli_name
    )
}
