//! A whole call through the generated client (feature `client`): build the input, validate,
//! serialize, resolve the endpoint from the model's rules, sign (SigV4), send, parse.
//!
//! The transport answers from memory with a canned 200, as the official SDK's figure was taken
//! with its capture client, so what is measured is the client's own work. Each case runs with
//! the client reused and with the `Config` and client built inside every call (the SDK's figure
//! built its client each time). A loopback-socket case gives the scale of a real round trip.

use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use socialmessaging::client::{
    AsyncHttpTransport, AttemptLimits, BoxFuture, Config, Credentials, HttpTransport,
    TransportError,
};
use socialmessaging::types::{WabaPhoneNumberSetupFinalization, WhatsAppSetupFinalization};

const OK_BODY: &[u8] = br#"{"signupCallbackResult":{"associateInProgressToken":"tok-9"}}"#;

/// Answers every request with the same 200, without a socket.
#[derive(Debug)]
struct Canned;

fn canned_response() -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", "bench-request-id")
        .body(OK_BODY.to_vec())
        .expect("a valid canned response")
}

impl HttpTransport for Canned {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
        _limits: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        Ok(canned_response())
    }
}

impl AsyncHttpTransport for Canned {
    fn send<'a>(
        &'a self,
        _request: http::Request<Vec<u8>>,
        _limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(std::future::ready(Ok(canned_response())))
    }
}

fn config() -> Config {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .transport(Canned)
        .async_transport(Canned)
        .build()
}

fn finalization() -> WhatsAppSetupFinalization {
    let phone = WabaPhoneNumberSetupFinalization::builder()
        .id("phone-number-id-01234567890123456789012345678901")
        .two_factor_pin("123456")
        .build()
        .expect("a valid phone number");
    WhatsAppSetupFinalization::builder()
        .associate_in_progress_token("tok-123")
        .phone_numbers(vec![phone])
        .build()
        .expect("a valid finalization")
}

/// Polls a future that never waits on anything outside this process to completion.
fn block_on<T>(future: impl Future<Output = T>) -> T {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::yield_now();
    }
}

fn blocking_calls(c: &mut Criterion) {
    let mut group = c.benchmark_group("client_call");
    let config = config();
    let client = socialmessaging::blocking::Client::new(&config);
    group.bench_function("blocking/client_reused", |b| {
        b.iter(|| {
            client
                .associate_whats_app_business_account()
                .setup_finalization(finalization())
                .send()
                .expect("a canned success")
        })
    });
    group.bench_function("blocking/client_built_per_call", |b| {
        b.iter(|| {
            let config = self::config();
            socialmessaging::blocking::Client::new(&config)
                .associate_whats_app_business_account()
                .setup_finalization(finalization())
                .send()
                .expect("a canned success")
        })
    });
    let client = socialmessaging::Client::new(&config);
    group.bench_function("async/client_reused", |b| {
        b.iter(|| {
            block_on(
                client
                    .associate_whats_app_business_account()
                    .setup_finalization(finalization())
                    .send(),
            )
            .expect("a canned success")
        })
    });
    group.bench_function("async/client_built_per_call", |b| {
        b.iter(|| {
            let config = self::config();
            block_on(
                socialmessaging::Client::new(&config)
                    .associate_whats_app_business_account()
                    .setup_finalization(finalization())
                    .send(),
            )
            .expect("a canned success")
        })
    });
    group.finish();
}

/// A loopback HTTP/1.1 server that keeps connections open and answers every request with the
/// canned 200; it stops accepting when `stop` is set (the bench process ends soon after).
fn loopback_server(stop: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            if let Ok(stream) = stream {
                std::thread::spawn(move || answer(stream));
            }
        }
    });
    url
}

fn answer(stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    // One write per response and no Nagle delay, or every call waits on a delayed ACK.
    let _ = stream.set_nodelay(true);
    let mut writer = match stream.try_clone() {
        Ok(writer) => writer,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-amzn-requestid: bench\r\ncontent-length: {}\r\n\r\n",
        OK_BODY.len()
    )
    .into_bytes();
    response.extend_from_slice(OK_BODY);
    loop {
        let mut length = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() || writer.write_all(&response).is_err() {
            return;
        }
    }
}

fn loopback_call(c: &mut Criterion) {
    let stop = Arc::new(AtomicBool::new(false));
    let url = loopback_server(Arc::clone(&stop));
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .build();
    let client = socialmessaging::blocking::Client::new(&config);
    let mut group = c.benchmark_group("client_call");
    group.bench_function("blocking/loopback_socket", |b| {
        b.iter(|| {
            client
                .associate_whats_app_business_account()
                .setup_finalization(finalization())
                .send()
                .expect("the loopback server answers")
        })
    });
    group.finish();
    stop.store(true, Ordering::Relaxed);
}

criterion_group!(benches, blocking_calls, loopback_call);
criterion_main!(benches);
