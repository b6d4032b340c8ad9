//! End-to-end tests of the AWS CLI global options beyond endpoint, region and credentials: `--cli-input-yaml`,
//! `--output yaml-stream`, `--color`, `--ca-bundle` / `--no-verify-ssl` (against a loopback HTTPS server with a
//! self-signed certificate), `--cli-binary-format`, `--cli-auto-prompt` without a terminal, retry settings from
//! the environment and the profile, and `--version`.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::json;
use support::{call, call_at, run, Canned, Server};

const CREDENTIALS: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
    (
        "AWS_SECRET_ACCESS_KEY",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    ),
    ("AWS_EC2_METADATA_DISABLED", "true"),
];
const OK_BODY: &str = r#"{"signupDetails": {"associatedPhoneNumbers": [{"arn": "a1", "phoneNumber": "+1"}]}, "statusCode": 200}"#;

fn with_env<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    CREDENTIALS.iter().chain(extra).copied().collect()
}

/// A file of this test's own under the temporary directory.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socialmessaging-globals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temporary file");
    path
}

// ---------------------------------------------------------------------------------------------------------------
// Input and output

#[test]
fn cli_input_yaml_is_sent_like_the_same_json_document() {
    let yaml = "signupCallback:\n  accessToken: abc\nsetupFinalization:\n  associateInProgressToken: t\n  \
                phoneNumbers:\n    - id: p1\n      twoFactorPin: '123456'\n";
    let file = temp_file("input.yaml", yaml);
    for arg in [yaml.to_owned(), format!("file://{}", file.display())] {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let out = run(&call(&server, &["--cli-input-yaml", &arg]), CREDENTIALS);
        let seen = server.finish();
        out.assert_code(0);
        assert_eq!(
            seen.only_request().json(),
            json!({
                "signupCallback": {"accessToken": "abc"},
                "setupFinalization": {
                    "associateInProgressToken": "t",
                    "phoneNumbers": [{"id": "p1", "twoFactorPin": "123456"}]
                }
            })
        );
    }
}

#[test]
fn cli_input_yaml_refusals_exit_252_and_send_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--cli-input-yaml",
                "signupCallback: [",
                "--cli-input-json",
                "{}",
            ],
            "Only one --cli-input- parameter may be specified.",
        ),
        (
            &["--cli-input-yaml", "signupCallback: ["],
            "Error parsing parameter '--cli-input-yaml': Invalid YAML received: ",
        ),
        (
            &["--cli-input-yaml", "- a\n- b\n"],
            "Error parsing parameter '--cli-input-yaml': expected a YAML mapping, found an array",
        ),
    ];
    for (args, expected) in cases {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let out = run(&call(&server, args), CREDENTIALS);
        server.finish().assert_nothing();
        out.assert_code(252);
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn output_yaml_stream_is_a_list_of_the_responses() {
    let server = Server::answering(Canned::json(200, r#"{"statusCode": 200}"#));
    let out = run(
        &call(
            &server,
            &[
                "--signup-callback",
                "accessToken=abc",
                "--output",
                "yaml-stream",
            ],
        ),
        CREDENTIALS,
    );
    server.finish();
    out.assert_code(0);
    assert_eq!(out.stdout, "- statusCode: 200\n");
}

#[test]
fn color_applies_to_table_values_and_auto_means_not_into_a_pipe() {
    let table = |extra: &[&str]| {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let mut args = vec!["--signup-callback", "accessToken=abc", "--output", "table"];
        args.extend_from_slice(extra);
        let out = run(&call(&server, &args), CREDENTIALS);
        server.finish();
        out.assert_code(0);
        out.stdout
    };
    let plain = table(&[]);
    assert!(!plain.contains('\x1b'), "{plain}");
    assert_eq!(table(&["--color", "auto"]), plain);
    assert_eq!(table(&["--color", "off"]), plain);
    let colored = table(&["--color", "on"]);
    assert!(colored.contains("\x1b[1m\x1b[34m200\x1b[0m"), "{colored}");
    assert_eq!(
        colored
            .replace("\x1b[1m\x1b[34m", "")
            .replace("\x1b[0m", ""),
        plain
    );
    let server = Server::answering(Canned::json(200, OK_BODY));
    let out = run(&call(&server, &["--color", "sometimes"]), CREDENTIALS);
    server.finish().assert_nothing();
    out.assert_code(252);
    assert!(out.stderr.contains(
        "argument --color: Invalid choice 'sometimes', valid choices are: on, off, auto"
    ));
}

#[test]
fn cli_binary_format_is_validated_from_the_option_and_the_profile() {
    let server = Server::answering(Canned::json(200, OK_BODY));
    let out = run(
        &call(
            &server,
            &[
                "--cli-binary-format",
                "hex",
                "--signup-callback",
                "accessToken=abc",
            ],
        ),
        CREDENTIALS,
    );
    server.finish().assert_nothing();
    out.assert_code(252);
    assert!(out.stderr.contains(
        "argument --cli-binary-format: Invalid choice 'hex', valid choices are: base64, raw-in-base64-out"
    ));
    // This service's input holds no blob: either format sends the same request.
    for format in ["base64", "raw-in-base64-out"] {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let out = run(
            &call(
                &server,
                &[
                    "--cli-binary-format",
                    format,
                    "--signup-callback",
                    "accessToken=abc",
                ],
            ),
            CREDENTIALS,
        );
        let seen = server.finish();
        out.assert_code(0);
        assert_eq!(
            seen.only_request().json(),
            json!({"signupCallback": {"accessToken": "abc"}})
        );
    }
}

#[test]
fn auto_prompt_without_a_terminal_asks_nothing() {
    // The tests' standard input is not a terminal: the command runs as it would without the option.
    for (extra, env) in [
        (&["--cli-auto-prompt"][..], &[][..]),
        (&[][..], &[("AWS_CLI_AUTO_PROMPT", "on")][..]),
    ] {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let out = run(&call(&server, extra), &with_env(env));
        let seen = server.finish();
        out.assert_code(0);
        assert_eq!(out.stderr, "");
        assert_eq!(seen.only_request().json(), json!({}));
    }
    let server = Server::answering(Canned::json(200, OK_BODY));
    let out = run(
        &call(&server, &["--cli-auto-prompt", "--no-cli-auto-prompt"]),
        CREDENTIALS,
    );
    server.finish().assert_nothing();
    out.assert_code(252);
    assert!(out
        .stderr
        .contains("argument --no-cli-auto-prompt: not allowed with argument --cli-auto-prompt"));
}

#[test]
fn version_is_a_line_of_name_and_version_words() {
    let out = run(&["--version".to_owned()], &[]);
    out.assert_code(0);
    let words: Vec<&str> = out.stdout.trim_end().split(' ').collect();
    assert!(out.stdout.ends_with('\n') && out.stdout.lines().count() == 1);
    assert!(words[0].starts_with("socialmessaging/"), "{}", out.stdout);
    assert!(words.iter().all(|w| w
        .split_once('/')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())));
}

#[test]
fn no_cli_pager_and_no_paginate_are_accepted() {
    let server = Server::answering(Canned::json(200, OK_BODY));
    let out = run(
        &call(
            &server,
            &[
                "--no-cli-pager",
                "--no-paginate",
                "--signup-callback",
                "accessToken=abc",
            ],
        ),
        CREDENTIALS,
    );
    server.finish();
    out.assert_code(0);
}

// ---------------------------------------------------------------------------------------------------------------
// Retries

#[test]
fn retry_settings_come_from_the_environment_then_the_profile() {
    let config = temp_file(
        "retry-config",
        "[default]\nmax_attempts = 2\nretry_mode = standard\n[profile legacy]\nretry_mode = legacy\n",
    );
    let config = config.display().to_string();
    let attempts = |env: &[(&str, &str)]| {
        let server = Server::answering(Canned::json(503, r#"{"message": "busy"}"#));
        let mut env = with_env(env);
        env.push(("AWS_CONFIG_FILE", &config));
        let out = run(
            &call(&server, &["--signup-callback", "accessToken=abc"]),
            &env,
        );
        let seen = server.finish();
        out.assert_code(254);
        seen.requests.len()
    };
    assert_eq!(attempts(&[]), 2);
    assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "1")]), 1);
    // Legacy mode's own default is 5 attempts (AWS_PROFILE, unlike --profile, keeps the environment's keys).
    assert_eq!(attempts(&[("AWS_PROFILE", "legacy")]), 5);
    assert_eq!(
        attempts(&[("AWS_PROFILE", "legacy"), ("AWS_MAX_ATTEMPTS", "3")]),
        3
    );
    assert_eq!(
        attempts(&[("AWS_PROFILE", "legacy"), ("AWS_RETRY_MODE", "standard")]),
        3
    );
}

#[test]
fn bad_retry_settings_exit_253_and_send_nothing() {
    let cases: &[(&str, &str, &str)] = &[
        ("AWS_RETRY_MODE", "fast", "Invalid value provided to \"mode\": \"fast\" must be one of: legacy, standard, adaptive"),
        ("AWS_MAX_ATTEMPTS", "0", "Value provided to \"max_attempts\": 0 must be an integer greater than or equal to 1."),
    ];
    for (name, value, message) in cases {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let out = run(
            &call(&server, &["--signup-callback", "accessToken=abc"]),
            &with_env(&[(name, value)]),
        );
        server.finish().assert_nothing();
        out.assert_code(253);
        assert!(out.stderr.contains(message), "{}", out.stderr);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTPS trust

/// A loopback HTTPS server with a fresh self-signed certificate for 127.0.0.1, answering each request with
/// `OK_BODY`; it takes at most `MAX_CONNECTIONS` connections and lives at most `LIFETIME`.
struct TlsServer {
    port: u16,
    certificate_pem: String,
    worker: JoinHandle<usize>,
}

const MAX_CONNECTIONS: usize = 4;
const LIFETIME: Duration = Duration::from_secs(30);

impl TlsServer {
    fn start(connections: usize) -> TlsServer {
        let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
            .expect("a self-signed certificate");
        let certificate_pem = certified.cert.pem();
        let chain = vec![certified.cert.der().clone()];
        let key =
            rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server certificate");
        let config = Arc::new(config);
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().expect("local address").port();
        let worker =
            thread::spawn(move || serve_tls(listener, config, connections.min(MAX_CONNECTIONS)));
        TlsServer {
            port,
            certificate_pem,
            worker,
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// Waits for the server to take its connections (or give up); the number of requests it answered.
    fn finish(self) -> usize {
        self.worker.join().expect("the TLS server thread panicked")
    }
}

fn serve_tls(
    listener: TcpListener,
    config: Arc<rustls::ServerConfig>,
    connections: usize,
) -> usize {
    let started = Instant::now();
    let (mut accepted, mut answered) = (0, 0);
    while accepted < connections && started.elapsed() < LIFETIME {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                thread::sleep(Duration::from_millis(5));
                continue;
            }
        };
        accepted += 1;
        stream.set_nonblocking(false).expect("blocking stream");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("read timeout");
        let connection = rustls::ServerConnection::new(Arc::clone(&config)).expect("TLS session");
        let mut tls = rustls::StreamOwned::new(connection, stream);
        // A client that refuses the certificate ends the handshake here: that connection is not answered.
        if read_request(&mut tls).is_some() {
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{OK_BODY}",
                OK_BODY.len()
            );
            if tls
                .write_all(response.as_bytes())
                .and_then(|_| tls.flush())
                .is_ok()
            {
                answered += 1;
            }
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    }
    answered
}

/// The head and `content-length` body of one request; `None` when the handshake or the read fails.
fn read_request(stream: &mut impl Read) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return Some(data);
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&chunk[..n]),
        }
        if data.len() > 1 << 20 {
            return None;
        }
    }
}

fn https_call(server: &TlsServer, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--signup-callback", "accessToken=abc"];
    args.extend_from_slice(extra);
    call_at(&server.url(), &args)
}

#[test]
fn an_unknown_certificate_is_refused_by_default() {
    let server = TlsServer::start(1);
    let url = server.url();
    let out = run(
        &https_call(&server, &[]),
        &with_env(&[("AWS_MAX_ATTEMPTS", "1")]),
    );
    assert_eq!(server.finish(), 0);
    out.assert_code(255);
    assert!(out.stderr.contains(&format!("\"{url}")), "{}", out.stderr);
    assert!(
        out.stderr.to_ascii_lowercase().contains("certificate"),
        "{}",
        out.stderr
    );
}

#[test]
fn ca_bundle_trusts_the_servers_certificate_from_option_environment_and_profile() {
    let server = TlsServer::start(3);
    let bundle = temp_file("ca-bundle.pem", &server.certificate_pem);
    let bundle = bundle.display().to_string();
    let config = temp_file("ca-config", &format!("[default]\nca_bundle = {bundle}\n"));
    let config = config.display().to_string();
    let runs = [
        run(&https_call(&server, &["--ca-bundle", &bundle]), CREDENTIALS),
        run(
            &https_call(&server, &[]),
            &with_env(&[("AWS_CA_BUNDLE", &bundle)]),
        ),
        run(
            &https_call(&server, &[]),
            &with_env(&[("AWS_CONFIG_FILE", &config)]),
        ),
    ];
    assert_eq!(server.finish(), 3);
    for out in runs {
        out.assert_code(0);
        assert_eq!(out.stderr, "");
        assert_eq!(out.stdout_json()["statusCode"], json!(200));
    }
}

#[test]
fn no_verify_ssl_connects_and_warns_as_urllib3_does() {
    let server = TlsServer::start(1);
    let out = run(&https_call(&server, &["--no-verify-ssl"]), CREDENTIALS);
    assert_eq!(server.finish(), 1);
    out.assert_code(0);
    assert_eq!(
        out.stderr.lines().next(),
        Some(
            "InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'. Adding certificate \
             verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings"
        )
    );
    assert_eq!(out.stdout_json()["statusCode"], json!(200));
}

#[test]
fn a_bad_ca_bundle_exits_253_naming_the_file_and_sends_nothing() {
    let not_pem = temp_file("not-a-bundle.pem", "hello\n");
    let not_pem = not_pem.display().to_string();
    for path in ["/nonexistent/ca-bundle.pem", not_pem.as_str()] {
        let server = Server::answering(Canned::json(200, OK_BODY));
        let out = run(
            &call(
                &server,
                &["--signup-callback", "accessToken=abc", "--ca-bundle", path],
            ),
            CREDENTIALS,
        );
        server.finish().assert_nothing();
        out.assert_code(253);
        assert!(out.stderr.contains(path), "{}", out.stderr);
    }
}

#[test]
fn skeleton_yaml_input_prints_yaml_that_cli_input_yaml_reads_back() {
    let out = run(
        &call_at(
            "http://127.0.0.1:9",
            &["--generate-cli-skeleton", "yaml-input"],
        ),
        &[],
    );
    out.assert_code(0);
    assert!(out.stdout.starts_with("signupCallback:"), "{}", out.stdout);
    // The skeleton's placeholders are not a valid input, but its document is read as one: what is refused is
    // the operation's check of the values, not the YAML.
    let back = run(
        &call_at("http://127.0.0.1:9", &["--cli-input-yaml", &out.stdout]),
        &with_env(&[]),
    );
    assert!(!back.stderr.contains("Invalid YAML"), "{}", back.stderr);
    assert!(
        !back.stderr.contains("expected a YAML mapping"),
        "{}",
        back.stderr
    );
}
