//! The entry points: `main` for a generated binary, `run` for tests.

use std::io::Write;
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
    ExitCode::from(run(service, &args, &env, &mut stdout, &mut stderr))
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
    // A last line of defence: a panic in a dependency becomes exit 255 with a message, not an abort.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_command(service, args, env, &mut *stdout, &mut *stderr)
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
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failure> {
    let command =
        args::parse(service, args).map_err(|errors| Failure::Usage(usage(service, &errors)))?;
    let text = match command {
        Command::ServiceHelp => help::service_help(service),
        Command::OperationHelp(op) => help::operation_help(service, op),
        Command::Version => format!(
            "{} (smithy-cli-runtime/{})\n",
            service.cli_name,
            env!("CARGO_PKG_VERSION")
        ),
        Command::Call(call) => return crate::call::execute(service, *call, env, stdout, stderr),
    };
    let _ = stdout.write_all(text.as_bytes());
    Ok(())
}

/// The AWS CLI's usage reminder, then every error.
fn usage(service: &Service, errors: &[String]) -> String {
    format!(
        "usage: {name} <operation> [options]\nTo see help text, you can run:\n\n  {name} help\n  {name} <operation> help\n\n{name}: error: {}",
        errors.join(&format!("\n{}: error: ", service.cli_name)),
        name = service.cli_name
    )
}
