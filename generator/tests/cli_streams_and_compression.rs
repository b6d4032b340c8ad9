//! The generated command line of the feature model (`tests/models/features`), built outside the workspace and
//! run against loopback servers: an operation with an output event stream prints its output and then each
//! event as a line of JSON, an exception event ending the stream is an error on stderr (exit 254); an
//! operation with `@requestCompression` honours the settings the client reads (`AWS_DISABLE_REQUEST_COMPRESSION`,
//! `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`, the profile's `disable_request_compression` and
//! `request_min_compression_size_bytes`); an operation with a `@streaming` blob output writes the body to its
//! positional `outfile` and prints the output without it. Builds share `outside_workspace.rs`'s target
//! directory.

#[path = "support/outside.rs"]
mod outside;
mod support;

use std::io::{ErrorKind, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use outside::{
    build_dir, cargo_build, isolated, outside_target, repo, run_bounded, staging_dir, sync,
    RUN_LIMIT,
};
use support::path_str;

/// The feature model's service has no sdk ID: the program is named after the service.
const COMMAND: &str = "featureservice";
/// How long a server waits for its one connection.
const SERVER_LIMIT: Duration = Duration::from_secs(60);

/// The command line, generated and built once for the tests of this file.
fn program() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let staging = staging_dir("features-cli");
            support::expect(
                &[
                    "generate",
                    "--cli",
                    "--model",
                    path_str(&repo().join("tests/models/features")),
                    "--out",
                    path_str(&staging),
                ],
                0,
            );
            let out = build_dir("features-cli");
            sync(&staging, &out);
            cargo_build(&out.join("cli/Cargo.toml"), &[]);
            outside_target().join("debug").join(COMMAND)
        })
        .clone()
}

/// A request as the server read it: head and body.
type Request = (String, Vec<u8>);

/// The first connection to the non-blocking `listener`, blocking again, or `None` when none
/// comes within [`SERVER_LIMIT`].
fn accept_within(listener: &TcpListener) -> Option<std::net::TcpStream> {
    let deadline = Instant::now() + SERVER_LIMIT;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).ok()?;
                return Some(stream);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(10));
            }
            Err(_) => return None,
        }
    }
}

/// A loopback server answering one request with the raw HTTP `response`; the request comes back from the
/// thread, `None` when none arrived in time.
fn serve_once(response: Vec<u8>) -> (String, thread::JoinHandle<Option<Request>>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    listener.set_nonblocking(true).expect("non-blocking");
    let handle = thread::spawn(move || {
        let mut stream = accept_within(&listener)?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        let request = read_request(&mut stream)?;
        stream.write_all(&response).ok()?;
        Some(request)
    });
    (url, handle)
}

/// The head and `Content-Length` body of one request.
fn read_request(stream: &mut impl std::io::Read) -> Option<Request> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        if bytes.len() > 1 << 20 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let length = header(&head, "content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    while bytes.len() < head_end + length {
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        bytes.extend_from_slice(&chunk[..n]);
    }
    Some((head, bytes[head_end..head_end + length].to_vec()))
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

fn http_response(headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// Runs the command line with `args` (and `--endpoint-url url`), `env` added to its isolated environment and
/// `config` as its config file.
fn run(url: &str, args: &[&str], env: &[(&str, &str)], config: &str) -> Output {
    let home = support::temp_dir("features-cli-home");
    let mut command: Command = isolated(&program(), &home);
    std::fs::write(home.join("config"), config).expect("config file");
    command.args(args).args(["--endpoint-url", url]);
    for (name, value) in env {
        command.env(name, value);
    }
    run_bounded(
        &mut command,
        RUN_LIMIT,
        &format!("{COMMAND} {}", args.join(" ")),
    )
}

// ---- Streaming blob outputs -------------------------------------------------------------------------

/// `download` writes the body to the outfile; the printed output leaves it out, and `--debug` never shows it.
#[test]
fn a_streaming_body_is_written_to_the_outfile() {
    let body = b"the downloaded bytes \x00\x01\xff".to_vec();
    // Built first: the server below waits a bounded time for its connection.
    program();
    for debug in [false, true] {
        let response = http_response(
            &[
                ("Content-Type", "application/octet-stream"),
                ("x-version", "v-2"),
            ],
            &body,
        );
        let (url, server) = serve_once(response);
        let dir = support::temp_dir("features-cli-outfile");
        let outfile = dir.join("got.bin");
        let mut args = vec!["download", "--name", "report", path_str(&outfile)];
        if debug {
            args.push("--debug");
        }
        let output = run(&url, &args, &[], "");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        assert!(output.status.success(), "{stderr}");
        let (head, _) = server.join().unwrap().expect("a request");
        assert!(head.starts_with("GET /downloads/report "), "{head}");
        assert_eq!(std::fs::read(&outfile).expect("the outfile"), body);
        let printed: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(
            printed,
            serde_json::json!({"contentType": "application/octet-stream", "version": "v-2"})
        );
        assert!(!stdout.contains("downloaded"), "{stdout}");
        assert!(!stderr.contains("downloaded"), "{stderr}");
        if debug {
            assert!(
                stderr.contains("response body: <read as it arrives"),
                "{stderr}"
            );
        }
    }
}

#[test]
fn a_streaming_body_needs_an_outfile() {
    let output = run(
        "http://127.0.0.1:9",
        &["download", "--name", "report"],
        &[],
        "",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(252), "{stderr}");
    assert!(
        stderr.contains("the following arguments are required: outfile"),
        "{stderr}"
    );
}

// ---- Event streams ----------------------------------------------------------------------------------

/// CRC-32 (IEEE, reflected), as the event stream framing uses it; written here from its definition so that
/// the messages do not come from the code under test.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One message of `application/vnd.amazon.eventstream` with string headers (smithy.io, "Amazon Event Stream
/// Specification": prelude of total and headers lengths and its CRC, headers, payload, message CRC).
fn message(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut encoded_headers = Vec::new();
    for (name, value) in headers {
        encoded_headers.push(name.len() as u8);
        encoded_headers.extend_from_slice(name.as_bytes());
        encoded_headers.push(7);
        encoded_headers.extend_from_slice(&(value.len() as u16).to_be_bytes());
        encoded_headers.extend_from_slice(value.as_bytes());
    }
    let total = 12 + encoded_headers.len() + payload.len() + 4;
    let mut out = Vec::new();
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(encoded_headers.len() as u32).to_be_bytes());
    out.extend_from_slice(&crc32(&out).to_be_bytes());
    out.extend_from_slice(&encoded_headers);
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32(&out).to_be_bytes());
    out
}

fn event(kind: &str, extra: &[(&str, &str)], content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut headers = vec![
        (":message-type", "event"),
        (":event-type", kind),
        (":content-type", content_type),
    ];
    headers.extend_from_slice(extra);
    message(&headers, payload)
}

/// The stream of `WatchThings`: a note (a text payload), a change (a header and a JSON body), and then, when
/// `fault` says so, the `overloaded` exception.
fn watch_body(fault: bool) -> Vec<u8> {
    let mut body = event("note", &[], "text/plain", b"hello");
    body.extend(event(
        "changed",
        &[("thingId", "t-1")],
        "application/json",
        br#"{"count":3}"#,
    ));
    if fault {
        body.extend(message(
            &[
                (":message-type", "exception"),
                (":exception-type", "overloaded"),
                (":content-type", "application/json"),
            ],
            br#"{"message":"slow down"}"#,
        ));
    }
    body
}

fn watch(fault: bool, extra_args: &[&str]) -> (Output, Request) {
    let response = http_response(
        &[
            ("Content-Type", "application/vnd.amazon.eventstream"),
            ("x-session", "s-1"),
        ],
        &watch_body(fault),
    );
    let (url, server) = serve_once(response);
    let mut args = vec!["watch-things", "--filter", "all"];
    args.extend_from_slice(extra_args);
    let output = run(&url, &args, &[], "");
    let request = server.join().expect("server thread").unwrap_or_else(|| {
        panic!(
            "no request arrived:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, request)
}

#[test]
fn an_output_event_stream_prints_the_output_then_each_event() {
    let (output, (head, _)) = watch(false, &[]);
    assert!(head.starts_with("POST /watch?filter=all "), "{head}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}:\n{stdout}\n{stderr}",
        output.status
    );
    // The output as every command prints it, then one line of JSON per event, in order.
    let mut documents =
        serde_json::Deserializer::from_str(&stdout).into_iter::<serde_json::Value>();
    let first = documents.next().expect("the output").expect("JSON");
    assert_eq!(first, serde_json::json!({"session": "s-1"}), "{stdout}");
    assert_eq!(last_lines(&stdout, 2), expected_events(), "{stdout}");
    assert_eq!(documents.count(), 2, "{stdout}");
}

/// The last `n` lines of `text`, in order, each read as JSON.
fn last_lines(text: &str, n: usize) -> Vec<serde_json::Value> {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The events of [`watch_body`] as the command line prints them: the union as JSON, wire names.
fn expected_events() -> Vec<serde_json::Value> {
    vec![
        serde_json::json!({"note": {"text": "hello"}}),
        serde_json::json!({"changed": {"thingId": "t-1", "count": 3}}),
    ]
}

#[test]
fn an_exception_ends_the_stream_with_an_error_after_the_events_before_it() {
    let (output, _) = watch(true, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(254), "{stdout}\n{stderr}");
    assert_eq!(last_lines(&stdout, 2), expected_events(), "{stdout}");
    assert!(
        stderr.contains(
            "An error occurred (overloaded) when calling the WatchThings operation: slow down"
        ),
        "{stderr}"
    );
}

#[test]
fn debug_does_not_show_the_binary_event_stream() {
    let (output, _) = watch(false, &["--debug"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // The body is read as it arrives: --debug shows the head, never the messages.
    assert!(stderr.contains("<an event stream"), "{stderr}");
    assert!(!stderr.contains("hello"), "{stderr}");
}

/// Each event is printed as it arrives: the server writes the second event only once the first one's line
/// has come out of the command line (the body is chunked, its end unknown until then).
#[test]
fn each_event_is_printed_as_it_arrives() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::sync::mpsc;

    // Built first: the server below waits a bounded time for its connection.
    let program = program();
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    listener.set_nonblocking(true).expect("non-blocking");
    let (printed, first_printed) = mpsc::channel::<()>();
    let server = thread::spawn(move || {
        let Some(mut stream) = accept_within(&listener) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        if read_request(&mut stream).is_none() {
            return false;
        }
        let chunk = |bytes: &[u8]| {
            let mut out = format!("{:x}\r\n", bytes.len()).into_bytes();
            out.extend_from_slice(bytes);
            out.extend_from_slice(b"\r\n");
            out
        };
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\n\
                    x-session: s-1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        let first = chunk(&event("note", &[], "text/plain", b"hello"));
        if stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(&first))
            .is_err()
        {
            return false;
        }
        // Without the first line printed in time, the body never ends: the command line fails.
        let in_time = first_printed.recv_timeout(Duration::from_secs(20)).is_ok();
        if in_time {
            let second = chunk(&event(
                "changed",
                &[("thingId", "t-1")],
                "application/json",
                br#"{"count":3}"#,
            ));
            let _ = stream
                .write_all(&second)
                .and_then(|()| stream.write_all(b"0\r\n\r\n"));
        }
        in_time
    });
    let home = support::temp_dir("features-cli-home");
    let mut child = isolated(&program, &home)
        .args(["watch-things", "--filter", "all", "--endpoint-url", &url])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the command line starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let (line, lines) = mpsc::channel::<String>();
    let reader = thread::spawn(move || {
        for text in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.send(text).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = Instant::now() + RUN_LIMIT;
    while let Ok(text) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if text.starts_with("{\"note\"") {
            let _ = printed.send(());
        }
        seen.push(text);
    }
    // Bounded: a command line still running after the deadline is killed (and fails below).
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let status = child.wait().expect("the command line ends");
    reader.join().expect("reader thread");
    assert!(
        server.join().expect("server thread"),
        "the first event was not printed before the body ended: {seen:?}"
    );
    assert!(status.success(), "{status}: {seen:?}");
    let events: Vec<serde_json::Value> = seen[seen.len().saturating_sub(2)..]
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(events, expected_events(), "{seen:?}");
}

// ---- Request compression ----------------------------------------------------------------------------

/// Sends `put-note --text <text>` with the settings; gives the exit status, stderr and the request.
fn put_note(text: &str, env: &[(&str, &str)], config: &str) -> (Output, Option<Request>) {
    let (url, server) = serve_once(http_response(
        &[("Content-Type", "application/json")],
        b"{}",
    ));
    let output = run(&url, &["put-note", "--text", text], env, config);
    // A command refused before sending leaves the server waiting: give it nothing.
    let request = match output.status.code() {
        Some(0) => server.join().expect("server thread"),
        _ => None,
    };
    (output, request)
}

/// Whether the request's body went gzip-compressed: the coding named and the gzip magic number, and
/// smaller than the text it holds.
fn compressed(request: &Request, text: &str) -> bool {
    let (head, body) = request;
    let named = header(head, "content-encoding") == Some("gzip");
    let gzip = body.starts_with(&[0x1f, 0x8b, 0x08]);
    let plain = String::from_utf8_lossy(body).contains(text);
    assert_eq!(named, gzip, "{head}");
    assert_ne!(gzip, plain, "{head}");
    gzip && body.len() < text.len()
}

fn sent(text: &str, env: &[(&str, &str)], config: &str) -> Request {
    let (output, request) = put_note(text, env, config);
    request.unwrap_or_else(|| {
        panic!(
            "nothing sent ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn request_compression_follows_the_clients_settings() {
    let long = "a".repeat(20_000);
    let short = "b".repeat(500);
    // The SDKs' default: from 10240 bytes.
    assert!(compressed(&sent(&long, &[], ""), &long));
    assert!(!compressed(&sent(&short, &[], ""), &short));
    // The environment.
    let disabled = [("AWS_DISABLE_REQUEST_COMPRESSION", "true")];
    assert!(!compressed(&sent(&long, &disabled, ""), &long));
    let small = [("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "100")];
    assert!(compressed(&sent(&short, &small, ""), &short));
    // The profile, and the environment over it.
    let profile = "[default]\nrequest_min_compression_size_bytes = 100\n";
    assert!(compressed(&sent(&short, &[], profile), &short));
    let off = "[default]\ndisable_request_compression = true\n";
    assert!(!compressed(&sent(&long, &[], off), &long));
    let on = [("AWS_DISABLE_REQUEST_COMPRESSION", "false")];
    assert!(compressed(&sent(&long, &on, off), &long));
}

#[test]
fn bad_compression_settings_are_configuration_errors_naming_them() {
    for (env, config, named) in [
        (
            vec![("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761")],
            "",
            "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
        ),
        (
            vec![("AWS_DISABLE_REQUEST_COMPRESSION", "maybe")],
            "",
            "AWS_DISABLE_REQUEST_COMPRESSION",
        ),
        (
            vec![],
            "[default]\nrequest_min_compression_size_bytes = -1\n",
            "request_min_compression_size_bytes",
        ),
    ] {
        let (output, request) = put_note("x", &env, config);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(253), "{stderr}");
        assert!(stderr.contains(named), "{stderr}");
        assert!(request.is_none());
    }
}
