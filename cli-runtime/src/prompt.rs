//! `--cli-auto-prompt`: when standard input is a terminal, each required parameter the command line left out is
//! asked for, one line each. An empty answer (or the end of input) leaves it out, so that the usual "the
//! following arguments are required" error follows.

use std::io::{BufRead, Read, Write};

use crate::param_value::RawArg;
use crate::schema::{Param, Schema};
use crate::service::Operation;

/// Answers longer than this are refused rather than read into memory.
const MAX_ANSWER: u64 = 1 << 20;

/// Asks for every missing required parameter of `op`, adding the answers to `params`.
pub(crate) fn missing_parameters(
    op: &'static Operation,
    params: &mut Vec<(&'static Param, RawArg)>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) {
    for param in op.params.iter().filter(|p| p.required) {
        if params.iter().any(|(given, _)| std::ptr::eq(*given, param)) {
            continue;
        }
        let hint = match param.schema {
            Schema::Boolean => " (true or false)",
            Schema::Structure(_) | Schema::Union(_) | Schema::Map(_) | Schema::List(_) => {
                " (JSON or shorthand)"
            }
            _ => "",
        };
        let _ = write!(
            out,
            "--{} ({}){hint}: ",
            param.flag,
            param.schema.type_name()
        );
        let _ = out.flush();
        let Some(answer) = read_answer(input) else {
            let _ = writeln!(out);
            return;
        };
        let raw = match (param.schema, answer.trim()) {
            (_, "") => continue,
            (Schema::Boolean, "true") => RawArg::Flag(true),
            (Schema::Boolean, "false") => RawArg::Flag(false),
            (Schema::Boolean, _) => continue,
            _ => RawArg::Values(vec![answer]),
        };
        params.push((param, raw));
    }
}

/// One line without its line ending; `None` at the end of input or on a read error.
fn read_answer(input: &mut dyn BufRead) -> Option<String> {
    let mut line = Vec::new();
    match Read::take(input, MAX_ANSWER).read_until(b'\n', &mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let text = String::from_utf8_lossy(&line);
            Some(text.trim_end_matches(['\n', '\r']).to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::OPERATIONS;

    #[test]
    fn asks_only_for_what_is_missing() {
        let op = &OPERATIONS[0];
        let required: Vec<&str> = op
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| p.flag)
            .collect();
        assert!(!required.is_empty());
        let mut params = Vec::new();
        let answers = required.iter().map(|_| "x\n").collect::<String>();
        let mut out = Vec::new();
        missing_parameters(op, &mut params, &mut answers.as_bytes(), &mut out);
        let asked = String::from_utf8(out).unwrap();
        assert!(
            asked.starts_with(&format!("--{} (", required[0])),
            "{asked}"
        );
        assert_eq!(params.len(), required.len());
        // Nothing left to ask: nothing is written or read.
        let mut out = Vec::new();
        missing_parameters(op, &mut params, &mut "unread\n".as_bytes(), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn an_empty_answer_or_the_end_of_input_leaves_it_out() {
        let op = &OPERATIONS[0];
        let mut params = Vec::new();
        let mut out = Vec::new();
        missing_parameters(op, &mut params, &mut "\n".repeat(10).as_bytes(), &mut out);
        assert!(params.is_empty());
        missing_parameters(op, &mut params, &mut "".as_bytes(), &mut out);
        assert!(params.is_empty());
    }

    #[test]
    fn the_command_line_prompts_only_with_a_terminal() {
        use crate::run::{run, run_in, Terminal};
        use crate::test_fixtures::SERVICE;

        let args: Vec<String> = [
            "create-thing",
            "--cli-auto-prompt",
            "--endpoint-url",
            "http://127.0.0.1:1",
            "--generate-cli-skeleton",
            "output",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let env = |_: &str| None;
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let mut answers: &[u8] = b"my-thing\n";
        let terminal = Terminal {
            input: Some(&mut answers),
            stdout_is_terminal: false,
        };
        let code = run_in(&SERVICE, &args, &env, terminal, &mut stdout, &mut stderr);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
        assert_eq!(String::from_utf8(stderr).unwrap(), "--name (string): ");
        // Without a terminal, the missing option is an error as usual.
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        assert_eq!(run(&SERVICE, &args, &env, &mut stdout, &mut stderr), 252);
        assert!(String::from_utf8(stderr)
            .unwrap()
            .contains("the following arguments are required: --name"));
    }
}
