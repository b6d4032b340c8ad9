//! No `@sensitive` value leaks from the `socialmessaging` command line: not in its `--debug` log, not in the
//! message for a response it cannot read, not in the messages for invalid or wrongly typed input, and not on
//! stdout. (The library's own channels, `Debug`, build, validation and deserialization errors, are checked in
//! `tests/sensitive_data.rs`.)
//!
//! Each test puts chosen secret values into the sensitive members `twoFactorPin` and `associateInProgressToken`,
//! runs the real binary against a loopback server, and then looks for them in everything printed.

mod support;

use serde_json::json;
use support::{call, run, Canned, Outcome, Server};

/// A valid two-factor PIN (1 to 6 characters).
const PIN: &str = "Zq7Xk9";
/// A valid in-progress token (at most 50 characters).
const TOKEN: &str = "tok-s3cr3t-Hq4Vb2Lx";

/// Fails naming the channel and the secret when any of `secrets` occurs in `text`.
fn assert_hidden(channel: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{channel} shows the secret {secret:?}:\n{text}"
        );
    }
}

/// Runs the operation against `server` with `input` as `--cli-input-json`, unsigned, one attempt, plus `extra`
/// arguments.
fn run_cli(server: &Server, input: &serde_json::Value, extra: &[&str]) -> Outcome {
    let input = input.to_string();
    let mut args = vec![
        "--no-sign-request",
        "--cli-read-timeout",
        "10",
        "--cli-input-json",
        &input,
    ];
    args.extend_from_slice(extra);
    run(&call(server, &args), &[("AWS_MAX_ATTEMPTS", "1")])
}

fn cli_input(token: &str, pin: impl Into<serde_json::Value>) -> serde_json::Value {
    let pin: serde_json::Value = pin.into();
    json!({
        "signupCallback": {"accessToken": "EAAG-visible"},
        "setupFinalization": {
            "associateInProgressToken": token,
            "phoneNumbers": [{"id": "phone-number-id-1", "twoFactorPin": pin}]
        }
    })
}

#[test]
fn cli_debug_log_hides_secrets() {
    // The response carries a sensitive member of its own.
    let response_token = "resp-s3cr3t-Jk2Mn7";
    let body = json!({
        "signupCallbackResult": {"associateInProgressToken": response_token},
        "statusCode": 200
    })
    .to_string();
    let server = Server::answering(Canned::json(200, &body));
    let output = run_cli(&server, &cli_input(TOKEN, PIN), &["--debug"]);
    let seen = server.finish();
    let stderr = &output.stderr;
    assert_eq!(output.code, Some(0), "{stderr}");
    // The secrets really went out and came back...
    let sent = String::from_utf8_lossy(&seen.only_request().body);
    assert!(sent.contains(PIN) && sent.contains(TOKEN), "{sent}");
    assert!(
        stderr.contains("[debug]") && stderr.contains("EAAG-visible"),
        "{stderr}"
    );
    // ...but the log shows none of them.
    assert_hidden("--debug log", stderr, &[PIN, TOKEN, response_token]);
}

#[test]
fn cli_unreadable_response_hides_secrets() {
    let numeric = "918273645";
    let body = format!(r#"{{"signupCallbackResult":{{"associateInProgressToken":{numeric}}}}}"#);
    let server = Server::answering(Canned::json(200, &body));
    for extra in [&[][..], &["--debug"][..]] {
        let output = run_cli(&server, &cli_input(TOKEN, PIN), extra);
        let stderr = &output.stderr;
        assert_eq!(output.code, Some(255), "{stderr}");
        assert!(stderr.contains("Unable to parse the response"), "{stderr}");
        assert!(stderr.contains("associateInProgressToken"), "{stderr}");
        assert_hidden("unreadable response error", stderr, &[numeric, PIN, TOKEN]);
        assert_hidden("stdout", &output.stdout, &[numeric, PIN, TOKEN]);
    }
}

#[test]
fn cli_invalid_input_hides_secrets() {
    let server = Server::answering(Canned {
        status: 200,
        headers: Vec::new(),
        body: "{}".to_owned(),
    });
    let long_pin = "Zq7Xk9Lm"; // more than 6 characters
    let long_token = format!("tok-s3cr3t-{}", "Hq4Vb2Lx".repeat(6)); // more than 50
    for extra in [&[][..], &["--debug"][..]] {
        let output = run_cli(&server, &cli_input(&long_token, long_pin), extra);
        let stderr = &output.stderr;
        assert_eq!(output.code, Some(252), "{stderr}");
        assert!(
            stderr.contains("setupFinalization.phoneNumbers[0].twoFactorPin")
                && stderr.contains("setupFinalization.associateInProgressToken"),
            "{stderr}"
        );
        let everything = format!("{stderr}{}", output.stdout);
        assert_hidden("invalid input error", &everything, &[long_pin, &long_token]);
    }
    server.finish().assert_nothing();
}

#[test]
fn cli_wrongly_typed_input_hides_secrets() {
    // A PIN given as a JSON number: the input cannot be read, and the message must say so
    // without repeating the number.
    let server = Server::answering(Canned {
        status: 200,
        headers: Vec::new(),
        body: "{}".to_owned(),
    });
    let numeric_pin: u64 = 918273645;
    let output = run_cli(&server, &cli_input(TOKEN, numeric_pin), &[]);
    let stderr = &output.stderr;
    assert_eq!(output.code, Some(252), "{stderr}");
    assert!(
        stderr.contains(
            "Invalid type for parameter setupFinalization.phoneNumbers[0].twoFactorPin, value: <sensitive>, type: integer, valid types: string"
        ),
        "{stderr}"
    );
    assert_hidden(
        "wrongly typed input error",
        stderr,
        &[&numeric_pin.to_string(), TOKEN],
    );
    server.finish().assert_nothing();
}

/// A temporary directory holding a config file and a credentials file, removed at the end.
struct AwsFiles(std::path::PathBuf);

impl AwsFiles {
    fn new(tag: &str, credentials: &str) -> AwsFiles {
        let dir = std::env::temp_dir().join(format!("secrets-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary dir");
        std::fs::write(dir.join("config"), "[profile p]\nregion = eu-west-1\n").expect("config");
        std::fs::write(dir.join("credentials"), credentials).expect("credentials");
        AwsFiles(dir)
    }

    fn run(&self, server: &Server, extra: &[&str]) -> Outcome {
        let input = cli_input(TOKEN, PIN).to_string();
        let mut args = vec!["--profile", "p", "--debug", "--cli-input-json", &input];
        args.extend_from_slice(extra);
        let config = self.0.join("config").display().to_string();
        let credentials = self.0.join("credentials").display().to_string();
        run(
            &call(server, &args),
            &[
                ("AWS_MAX_ATTEMPTS", "1"),
                ("AWS_CONFIG_FILE", &config),
                ("AWS_SHARED_CREDENTIALS_FILE", &credentials),
            ],
        )
    }
}

impl Drop for AwsFiles {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn profile_secrets_never_appear_in_debug_or_errors() {
    const SECRET: &str = "pr0file-Secret-Key-Xy8";
    const SESSION: &str = "pr0file-Session-Token-Qw3";
    let server = Server::answering(Canned::json(200, "{}"));
    let good = AwsFiles::new(
        "good",
        &format!("[p]\naws_access_key_id = AKIDP\naws_secret_access_key = {SECRET}\naws_session_token = {SESSION}\n"),
    );
    let out = good.run(&server, &[]);
    out.assert_code(0);
    assert_hidden("stderr (--debug)", &out.stderr, &[SECRET, SESSION]);
    assert_hidden("stdout", &out.stdout, &[SECRET, SESSION]);

    // A token that cannot go into a header, and a malformed line made of a secret.
    let bad_token = AwsFiles::new(
        "bad-token",
        &format!("[p]\naws_access_key_id = AKIDP\naws_secret_access_key = {SECRET}\naws_session_token = {SESSION} x\n"),
    );
    let out = bad_token.run(&server, &[]);
    out.assert_code(253);
    assert_hidden("stderr (bad token)", &out.stderr, &[SECRET, SESSION]);
    let malformed = AwsFiles::new("malformed", &format!("[p]\n{SECRET}\n"));
    let out = malformed.run(&server, &[]);
    out.assert_code(253);
    assert!(out.stderr.contains("line 2"), "{}", out.stderr);
    assert_hidden("stderr (malformed)", &out.stderr, &[SECRET]);
    let seen = server.finish();
    assert_eq!(seen.requests.len(), 1, "only the good configuration sends");
    // The profile's credentials were used, so the checks above looked at the right values.
    assert_eq!(
        seen.requests[0].header("x-amz-security-token"),
        Some(SESSION)
    );
}
