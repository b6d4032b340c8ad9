//! The async client on a tokio runtime (feature `client-hyper`): hyper's pooled transport and
//! tokio's timer by default; and adaptive retry mode, whose rate limiter throttling responses
//! slow down. Loopback servers only, every loop bounded in count and time.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use socialmessaging::client::{
    AsyncSleep, BoxFuture, Client, Config, Credentials, RetryConfig, RetryMode, SdkError,
    TimeSource, Timeouts,
};
use socialmessaging::operation::associate_whats_app_business_account::AssociateWhatsAppBusinessAccountInput;

fn input() -> AssociateWhatsAppBusinessAccountInput {
    smithy_codegen_tests::signup_input("123456")
}

/// What the server does with a request.
#[derive(Clone, Copy, Debug)]
enum Reply {
    Status(u16),
    /// 429 with a throttling error code.
    Throttle,
    /// Never answers (the connection stays open).
    Hold,
}

/// What a server saw.
#[derive(Default)]
struct Seen {
    accepted: AtomicU32,
    requests: AtomicU32,
}

/// Reads one request (head and `Content-Length` body); false when the connection ends first.
fn read_request(stream: &mut TcpStream) -> bool {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return true;
            }
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
}

/// A keep-alive loopback server answering the requests, on any connection, with the next
/// reply (the last one repeated); at most 8 connections, 64 requests and 20 seconds.
fn serve(replies: Vec<Reply>) -> (String, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let replies = Arc::new(Mutex::new((replies, 0usize)));
    let counts = Arc::clone(&seen);
    std::thread::spawn(move || {
        let started = Instant::now();
        for stream in listener.incoming().take(8) {
            let Ok(mut stream) = stream else { return };
            counts.accepted.fetch_add(1, Ordering::SeqCst);
            let counts = Arc::clone(&counts);
            let replies = Arc::clone(&replies);
            std::thread::spawn(move || {
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                while started.elapsed() < Duration::from_secs(20) && read_request(&mut stream) {
                    if counts.requests.fetch_add(1, Ordering::SeqCst) >= 64 {
                        return;
                    }
                    let reply = {
                        let mut replies = replies.lock().unwrap();
                        let (list, next) = &mut *replies;
                        let reply = list[(*next).min(list.len() - 1)];
                        *next += 1;
                        reply
                    };
                    let (status, extra) = match reply {
                        Reply::Status(status) => (status, ""),
                        Reply::Throttle => (429, "X-Amzn-ErrorType: ThrottlingException\r\n"),
                        Reply::Hold => {
                            std::thread::sleep(Duration::from_secs(3));
                            return;
                        }
                    };
                    let body = "{}";
                    let written = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if written.is_err() {
                        return;
                    }
                }
            });
            if started.elapsed() > Duration::from_secs(20) {
                return;
            }
        }
    });
    (url, seen)
}

fn config(url: &str, max_attempts: u32) -> socialmessaging::client::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .retry_config(RetryConfig {
            max_attempts,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            ..RetryConfig::default()
        })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn two_calls_share_one_connection() {
    let (url, seen) = serve(vec![Reply::Status(200)]);
    let client = Client::new(&config(&url, 1).build());
    runtime().block_on(async {
        for _ in 0..2 {
            let output = tokio::time::timeout(
                Duration::from_secs(10),
                client
                    .associate_whats_app_business_account()
                    .with_input(input())
                    .send(),
            )
            .await
            .expect("the call finished");
            assert!(output.is_ok(), "{output:?}");
        }
    });
    assert_eq!(seen.requests.load(Ordering::SeqCst), 2);
    assert_eq!(seen.accepted.load(Ordering::SeqCst), 1, "one TCP accept");
}

#[test]
fn the_read_timeout_ends_an_unanswered_call_within_its_bound() {
    let (url, seen) = serve(vec![Reply::Hold]);
    let client = Client::new(
        &config(&url, 1)
            .timeouts(Timeouts {
                connect: Some(Duration::from_secs(2)),
                read: Some(Duration::from_millis(300)),
                operation: None,
            })
            .build(),
    );
    let started = Instant::now();
    let result = runtime().block_on(async {
        tokio::time::timeout(
            Duration::from_secs(10),
            client
                .associate_whats_app_business_account()
                .with_input(input())
                .send(),
        )
        .await
        .expect("the call finished")
    });
    let elapsed = started.elapsed();
    // hyper's read limit, not the blocking transport's, ended it.
    let Err(SdkError::Timeout(error)) = &result else {
        panic!("{result:?}");
    };
    assert!(
        error.message.contains("no data within the read timeout"),
        "{error}"
    );
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(seen.requests.load(Ordering::SeqCst), 1);
}

#[test]
fn an_error_status_is_retried_on_the_same_connection() {
    let (url, seen) = serve(vec![Reply::Status(503), Reply::Status(200)]);
    let client = Client::new(&config(&url, 3).build());
    let output = runtime().block_on(async {
        tokio::time::timeout(
            Duration::from_secs(10),
            client
                .associate_whats_app_business_account()
                .with_input(input())
                .send(),
        )
        .await
        .expect("the call finished")
    });
    assert!(output.is_ok(), "{output:?}");
    assert_eq!(seen.requests.load(Ordering::SeqCst), 2);
    assert_eq!(seen.accepted.load(Ordering::SeqCst), 1);
}

/// A clock that only the test's sleep moves.
#[derive(Clone, Debug, Default)]
struct FakeTime(Arc<Mutex<Duration>>);

impl TimeSource for FakeTime {
    fn now(&self) -> Duration {
        *self.0.lock().unwrap()
    }
}

/// Sleeps no real time: moves the fake clock instead.
#[derive(Debug)]
struct FakeSleep(FakeTime);

impl AsyncSleep for FakeSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        *self.0 .0.lock().unwrap() += duration;
        Box::pin(std::future::ready(()))
    }
}

/// Six calls against a server whose first three answers are throttling errors; the fake
/// time the calls took (their sleeps).
fn fake_time_of_six_calls(mode: RetryMode) -> Duration {
    let (url, seen) = serve(vec![
        Reply::Throttle,
        Reply::Throttle,
        Reply::Throttle,
        Reply::Status(200),
    ]);
    let time = FakeTime::default();
    let client = Client::new(
        &config(&url, 3)
            .retry_config(RetryConfig {
                mode,
                max_attempts: 3,
                initial_backoff: Duration::from_millis(5),
                max_backoff: Duration::from_millis(20),
            })
            .time_source(time.clone())
            .sleep_impl(FakeSleep(time.clone()))
            .build(),
    );
    let started = Instant::now();
    runtime().block_on(async {
        for _ in 0..6 {
            let _ = tokio::time::timeout(
                Duration::from_secs(10),
                client
                    .associate_whats_app_business_account()
                    .with_input(input())
                    .send(),
            )
            .await
            .expect("the call finished");
        }
    });
    assert!(started.elapsed() < Duration::from_secs(10));
    // Three throttled attempts, six successes (the first call gives up after three).
    assert_eq!(seen.requests.load(Ordering::SeqCst), 3 + 5);
    time.now()
}

#[test]
fn throttling_slows_the_sending_rate_in_adaptive_mode_only() {
    let standard = fake_time_of_six_calls(RetryMode::Standard);
    let adaptive = fake_time_of_six_calls(RetryMode::Adaptive);
    // Standard mode waits only its backoff (at most 20 ms a retry).
    assert!(standard < Duration::from_millis(100), "{standard:?}");
    // After the first throttle the bucket fills at 0.5 token/s: its next sends wait whole
    // seconds, whose sum is the time eight sends at most that rate take.
    assert!(adaptive >= Duration::from_secs(4), "{adaptive:?}");
}

/// An HTTPS loopback server with a self-signed certificate for 127.0.0.1, answering 200 to
/// each of `connections` connections; the certificate's PEM.
fn serve_tls(connections: usize) -> (String, String) {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let pem = certified.cert.pem();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(stream) = stream else { return };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let Ok(connection) = rustls::ServerConnection::new(Arc::clone(&tls)) else {
                return;
            };
            let mut tls_stream = rustls::StreamOwned::new(connection, stream);
            // A refused handshake ends the read; the next connection is served.
            let mut data = Vec::new();
            let mut buf = [0u8; 4096];
            let complete = loop {
                if data.windows(4).any(|w| w == b"\r\n\r\n") {
                    break true;
                }
                match tls_stream.read(&mut buf) {
                    Ok(0) | Err(_) => break false,
                    Ok(n) => data.extend_from_slice(&buf[..n]),
                }
            };
            if complete {
                let _ = tls_stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                );
                let _ = tls_stream.flush();
                tls_stream.conn.send_close_notify();
                let _ = tls_stream.flush();
            }
        }
    });
    (url, pem)
}

#[test]
fn hyper_trusts_the_configured_ca_bundle_and_only_it() {
    let (url, pem) = serve_tls(2);
    let dir = std::env::temp_dir().join(format!("client-tokio-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bundle = dir.join("ca.pem");
    std::fs::write(&bundle, pem).unwrap();
    let call = |config: Config| {
        runtime().block_on(async {
            tokio::time::timeout(
                Duration::from_secs(10),
                Client::new(&config)
                    .associate_whats_app_business_account()
                    .with_input(input())
                    .send(),
            )
            .await
            .expect("the call finished")
        })
    };
    // The built-in roots do not know the server's certificate: nothing is sent.
    let refused = call(config(&url, 1).build());
    let Err(SdkError::Transport(error)) = &refused else {
        panic!("{refused:?}");
    };
    assert!(error.message.contains("UnknownIssuer"), "{error}");
    // With the bundle, the same server is trusted.
    let trusted = call(
        config(&url, 1)
            .ca_bundle(bundle.to_str().unwrap())
            .unwrap()
            .build(),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(trusted.is_ok(), "{trusted:?}");
}

/// The blocking client never starts or waits on an async runtime, so calling it from inside one
/// (even a single-threaded one, where waiting on the runtime would deadlock) just blocks that
/// thread for the call and returns.
#[test]
fn the_blocking_client_inside_a_tokio_runtime_completes() {
    let (url, seen) = serve(vec![Reply::Status(200)]);
    let config = config(&url, 1)
        .timeouts(Timeouts {
            connect: Some(Duration::from_secs(2)),
            read: Some(Duration::from_secs(5)),
            operation: Some(Duration::from_secs(10)),
        })
        .build();
    let started = Instant::now();
    let output = runtime().block_on(async {
        socialmessaging::blocking::Client::new(&config)
            .associate_whats_app_business_account()
            .with_input(input())
            .send()
    });
    assert!(output.is_ok(), "{output:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(seen.requests.load(Ordering::SeqCst), 1);
}
