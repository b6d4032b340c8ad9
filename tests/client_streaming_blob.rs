//! A `@streaming` blob output (`Download`'s `body`) is read as it arrives: `send()` returns at
//! the response head and the body follows through its `ByteStream`. A loopback server writes
//! the first piece, then waits until the test has received it before writing the rest, so the
//! tests fail if the client waits for the whole body. Through the blocking client, the async
//! client on tokio (hyper) and the async client under no runtime. Also: a large body read
//! piece by piece, an error status still parsed into the modeled error, a body whose checksum
//! is validated (read whole first), a broken connection, and a Debug that hides the bytes.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use features_model::blocking;
use features_model::client::{Client, Config, Credentials, RetryConfig, SdkError, Timeouts};
use features_model::operation::download::DownloadError;
use features_model::types::DownloadChecksumMode;
use features_model::wire::checksum_algorithms::{base64, crc32};
use smithy_codegen_tests::{accept_within, block_on};

/// The longest any side waits for the other.
const PATIENCE: Duration = Duration::from_secs(10);

/// What the server does after the response head, in order.
enum Step {
    /// Writes these bytes of the body (one HTTP chunk).
    Write(Vec<u8>),
    /// Waits until the test says it received what came before.
    AwaitAck,
    /// Closes the connection without ending the body.
    Break,
}

/// Serves one connection: reads the request, writes a head of `status` with `headers`, then
/// `steps`, then the end of the chunked body. The thread gives whether every acknowledgement
/// came in time, and the request's head.
fn serve(
    status: &str,
    headers: &str,
    steps: Vec<Step>,
) -> (String, mpsc::Sender<()>, JoinHandle<(bool, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (ack, acks) = mpsc::channel::<()>();
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
    );
    let thread = std::thread::spawn(move || {
        let Some(mut stream) = accept_within(&listener, PATIENCE) else {
            return (false, String::new());
        };
        let Some(request) = read_request(&mut stream) else {
            return (false, String::new());
        };
        if stream.write_all(head.as_bytes()).is_err() {
            return (false, request);
        }
        for step in steps {
            match step {
                Step::Write(bytes) => {
                    let mut chunk = format!("{:x}\r\n", bytes.len()).into_bytes();
                    chunk.extend(bytes);
                    chunk.extend(b"\r\n");
                    if stream
                        .write_all(&chunk)
                        .and_then(|()| stream.flush())
                        .is_err()
                    {
                        return (false, request);
                    }
                }
                Step::AwaitAck => {
                    if acks.recv_timeout(PATIENCE).is_err() {
                        return (false, request);
                    }
                }
                Step::Break => return (true, request),
            }
        }
        (stream.write_all(b"0\r\n\r\n").is_ok(), request)
    });
    (url, ack, thread)
}

/// Reads the request's head (a `GET`: no body), lowercased.
fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            return Some(String::from_utf8_lossy(&data[..i]).to_ascii_lowercase());
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
}

fn config(url: &str) -> Config {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .retry_config(RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        })
        .timeouts(Timeouts {
            read: Some(PATIENCE),
            ..Timeouts::default()
        })
        .build()
}

const HEADERS: &str = "content-type: application/octet-stream\r\nx-version: v-7\r\n";

/// The first piece, then (once the test has it) the rest.
fn two_pieces() -> Vec<Step> {
    vec![
        Step::Write(b"first piece;".to_vec()),
        Step::AwaitAck,
        Step::Write(b"second piece".to_vec()),
    ]
}

/// Reads exactly `n` bytes from `body`.
fn read_exactly(body: &mut impl Read, n: usize) -> Vec<u8> {
    let mut got = vec![0u8; n];
    body.read_exact(&mut got).expect("the bytes arrive");
    got
}

#[test]
fn the_blocking_client_reads_the_body_as_it_arrives() {
    let (url, ack, server) = serve("200 OK", HEADERS, two_pieces());
    let mut output = blocking::Client::new(&config(&url))
        .download()
        .name("report.bin")
        .send()
        .expect("the call succeeds at the head");
    assert_eq!(output.version.as_deref(), Some("v-7"));
    assert!(output.body.is_live());
    // The server writes the rest only after this acknowledgement: the client cannot have
    // waited for the whole body.
    assert_eq!(read_exactly(&mut output.body, 12), b"first piece;");
    let _ = ack.send(());
    let mut rest = Vec::new();
    output
        .body
        .read_to_end(&mut rest)
        .expect("the rest arrives");
    assert_eq!(rest, b"second piece");
    let (acked, request) = server.join().unwrap();
    assert!(acked, "the server saw the acknowledgement");
    assert!(
        request.starts_with("get /downloads/report.bin"),
        "{request}"
    );
}

#[test]
fn the_async_client_on_tokio_reads_the_body_as_it_arrives() {
    let (url, ack, server) = serve("200 OK", HEADERS, two_pieces());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let call = Client::new(&config(&url))
            .download()
            .name("report.bin")
            .send();
        let mut output = tokio::time::timeout(PATIENCE, call)
            .await
            .expect("in time")
            .expect("the call succeeds");
        let mut got = Vec::new();
        while got.len() < 12 {
            let piece = tokio::time::timeout(PATIENCE, output.body.next_async()).await;
            got.extend(piece.expect("in time").expect("a piece").expect("read"));
        }
        assert_eq!(got, b"first piece;");
        let _ = ack.send(());
        let rest = tokio::time::timeout(PATIENCE, output.body.collect()).await;
        assert_eq!(
            rest.expect("in time").expect("read").as_ref(),
            b"second piece"
        );
    });
    assert!(
        server.join().unwrap().0,
        "the server saw the acknowledgement"
    );
}

#[test]
fn the_async_client_without_a_runtime_reads_the_body_as_it_arrives() {
    let (url, ack, server) = serve("200 OK", HEADERS, two_pieces());
    let client = Client::new(&config(&url));
    let mut output =
        block_on(client.download().name("report.bin").send(), PATIENCE).expect("the call succeeds");
    let mut got = Vec::new();
    while got.len() < 12 {
        let piece = block_on(output.body.next_async(), PATIENCE);
        got.extend(piece.expect("a piece").expect("read"));
    }
    assert_eq!(got, b"first piece;");
    let _ = ack.send(());
    let rest = block_on(output.body.collect(), PATIENCE).expect("read");
    assert_eq!(rest.as_ref(), b"second piece");
    assert!(
        server.join().unwrap().0,
        "the server saw the acknowledgement"
    );
}

/// 8 MiB arrive before the server waits: the client reads them 64 KiB at a time while the
/// body is still open, and never holds more than its buffer.
#[test]
fn a_large_body_is_read_piece_by_piece() {
    let piece: Vec<u8> = (0..=255u8).cycle().take(256 * 1024).collect();
    let mut steps: Vec<Step> = (0..32).map(|_| Step::Write(piece.clone())).collect();
    steps.push(Step::AwaitAck);
    steps.push(Step::Write(b"end".to_vec()));
    let (url, ack, server) = serve("200 OK", HEADERS, steps);
    let mut output = blocking::Client::new(&config(&url))
        .download()
        .name("big")
        .send()
        .expect("the call succeeds");
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0usize;
    let mut expected = (0..=255u8).cycle();
    while total < 8 * 1024 * 1024 {
        let n = output.body.read(&mut buffer).expect("a read");
        assert!(n > 0, "the body ended early at {total}");
        assert!(buffer[..n].iter().all(|b| Some(*b) == expected.next()));
        total += n;
    }
    let _ = ack.send(());
    let mut rest = Vec::new();
    output.body.read_to_end(&mut rest).expect("the end");
    assert_eq!(rest, b"end");
    assert!(server.join().unwrap().0);
}

#[test]
fn an_error_status_is_read_whole_into_the_modeled_error() {
    let headers = "content-type: application/json\r\nx-amzn-errortype: NoSuchDownload\r\n";
    let steps = vec![
        Step::Write(br#"{"message":"#.to_vec()),
        Step::Write(br#""no such file"}"#.to_vec()),
    ];
    let (url, _ack, server) = serve("404 Not Found", headers, steps);
    let error = blocking::Client::new(&config(&url))
        .download()
        .name("gone")
        .send()
        .expect_err("a 404");
    match error.into_service_error() {
        Some(DownloadError::NoSuchDownload(e)) => {
            assert_eq!(e.message.as_deref(), Some("no such file"))
        }
        other => panic!("expected NoSuchDownload, got {other:?}"),
    }
    assert!(server.join().unwrap().0);
}

fn checksum_headers(body: &[u8]) -> String {
    let crc = base64(&crc32(body).to_be_bytes());
    format!("{HEADERS}x-amz-checksum-crc32: {crc}\r\n")
}

/// A body whose checksum is validated is read whole before `send()` returns: a matching one
/// is complete, a mismatch is the call's error.
#[test]
fn a_checksum_validated_body_is_read_whole_and_checked() {
    let body = b"checked body".to_vec();
    let steps = vec![
        Step::Write(body[..4].to_vec()),
        Step::Write(body[4..].to_vec()),
    ];
    let (url, _ack, server) = serve("200 OK", &checksum_headers(&body), steps);
    let output = blocking::Client::new(&config(&url))
        .download()
        .name("sum")
        .checksum_mode(DownloadChecksumMode::Enabled)
        .send()
        .expect("the checksum matches");
    assert!(!output.body.is_live(), "read whole to be validated");
    assert_eq!(output.body.into_bytes().expect("complete"), body);
    let (_, request) = server.join().unwrap();
    assert!(
        request.contains("x-amz-checksum-mode: enabled"),
        "{request}"
    );

    let steps = vec![Step::Write(b"tampered body".to_vec())];
    let (url, _ack, server) = serve("200 OK", &checksum_headers(&body), steps);
    let error = blocking::Client::new(&config(&url))
        .download()
        .name("sum")
        .checksum_mode(DownloadChecksumMode::Enabled)
        .send()
        .expect_err("a mismatch");
    assert!(matches!(error, SdkError::Checksum(_)), "{error:?}");
    server.join().unwrap();
}

#[test]
fn a_connection_breaking_off_is_a_read_error() {
    let steps = vec![Step::Write(b"partial".to_vec()), Step::Break];
    let (url, _ack, server) = serve("200 OK", HEADERS, steps);
    let mut output = blocking::Client::new(&config(&url))
        .download()
        .name("cut")
        .send()
        .expect("the call succeeds at the head");
    let mut got = Vec::new();
    let read = output.body.read_to_end(&mut got);
    assert!(read.is_err(), "a broken body is an error, got {got:?}");
    assert!(server.join().unwrap().0);
}

#[test]
fn debug_never_shows_the_body() {
    let body = b"top secret bytes".to_vec();
    let (url, _ack, server) = serve("200 OK", &checksum_headers(&body), vec![Step::Write(body)]);
    let output = blocking::Client::new(&config(&url))
        .download()
        .name("secret")
        .send()
        .expect("the call succeeds");
    let shown = format!("{output:?}");
    assert!(!shown.contains("secret bytes"), "{shown}");
    assert!(shown.contains("16 bytes"), "{shown}");
    assert!(server.join().unwrap().0);

    let (url, _ack, server) = serve("200 OK", HEADERS, vec![Step::Write(b"live bytes".to_vec())]);
    let output = blocking::Client::new(&config(&url))
        .download()
        .name("live")
        .send()
        .expect("the call succeeds");
    let shown = format!("{output:?}");
    assert!(!shown.contains("live bytes"), "{shown}");
    drop(output);
    server.join().unwrap();
}
