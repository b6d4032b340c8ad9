//! The async client of a generated crate (feature `client`), driven by a minimal executor
//! written here: it needs no async runtime. Loopback servers only, bounded in time.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use smithy_codegen_tests::block_on;
use socialmessaging::client::{
    AsyncHttpTransport, AsyncSleep, AttemptLimits, BoxFuture, Client, Config, Credentials,
    CredentialsError, ProvideCredentials, RetryConfig, SdkError, Timeouts, TransportError,
};
use socialmessaging::operation::associate_whats_app_business_account::AssociateWhatsAppBusinessAccountInput;

fn input() -> AssociateWhatsAppBusinessAccountInput {
    smithy_codegen_tests::signup_input("123456")
}

fn retries(max_attempts: u32) -> RetryConfig {
    RetryConfig {
        max_attempts,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..RetryConfig::default()
    }
}

/// A loopback server answering each connection with the next status (then closing it), or
/// holding it unanswered for `None`; bounded in connections and time.
fn serve(replies: Vec<Option<u16>>) -> (String, Arc<AtomicU32>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut held = Vec::new();
        let mut next = 0;
        while next < replies.len() && started.elapsed() < Duration::from_secs(20) {
            let mut stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(2));
                    continue;
                }
                Err(e) => panic!("accept: {e}"),
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            // Read the head and the body (Content-Length) before answering.
            let mut data = Vec::new();
            let mut buf = [0u8; 4096];
            let complete = loop {
                if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if data.len() >= end + 4 + length {
                        break true;
                    }
                }
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break false,
                    Ok(n) => data.extend_from_slice(&buf[..n]),
                }
            };
            if !complete {
                continue;
            }
            seen.fetch_add(1, Ordering::SeqCst);
            match replies[next] {
                Some(status) => {
                    let body = "{}";
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
                None => held.push(stream),
            }
            next += 1;
        }
        if !held.is_empty() {
            std::thread::sleep(Duration::from_secs(3));
        }
    });
    (url, count)
}

fn config(url: &str) -> socialmessaging::client::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .retry_config(retries(3))
}

#[test]
fn without_any_runtime_two_503s_then_a_success_is_one_success() {
    let (url, count) = serve(vec![Some(503), Some(503), Some(200)]);
    let client = Client::new(&config(&url).build());
    let output = block_on(
        client
            .associate_whats_app_business_account()
            .with_input(input())
            .send(),
        Duration::from_secs(15),
    );
    assert!(output.is_ok(), "{output:?}");
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[test]
fn the_operation_time_limit_ends_a_call_the_server_never_answers() {
    let (url, _count) = serve(vec![None]);
    let client = Client::new(
        &config(&url)
            .retry_config(retries(1))
            .timeouts(Timeouts {
                connect: Some(Duration::from_secs(2)),
                read: None,
                operation: Some(Duration::from_millis(300)),
            })
            .build(),
    );
    let started = Instant::now();
    let result = block_on(
        client
            .associate_whats_app_business_account()
            .with_input(input())
            .send(),
        Duration::from_secs(10),
    );
    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

/// An in-memory async transport: 503 for the first `fail` calls, then 200.
#[derive(Debug)]
struct Flaky {
    fail: u32,
    calls: AtomicU32,
}

impl AsyncHttpTransport for Flaky {
    fn send<'a>(
        &'a self,
        _request: http::Request<Vec<u8>>,
        _limits: &'a AttemptLimits,
    ) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, TransportError>> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        let status = if call < self.fail { 503 } else { 200 };
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(status)
                .body(b"{}".to_vec())
                .unwrap())
        })
    }
}

/// A sleep that only records how long it was asked to wait.
#[derive(Debug, Default)]
struct RecordSleep(Arc<Mutex<Vec<Duration>>>);

impl AsyncSleep for RecordSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

#[test]
fn a_users_async_transport_and_sleep_plug_in() {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .async_transport(Flaky {
            fail: 2,
            calls: AtomicU32::new(0),
        })
        .sleep_impl(RecordSleep(Arc::clone(&waits)))
        .retry_config(RetryConfig {
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            ..retries(3)
        })
        .build();
    let client = Client::new(&config);
    let result = block_on(
        client
            .associate_whats_app_business_account()
            .with_input(input())
            .send(),
        Duration::from_secs(5),
    );
    assert!(result.is_ok(), "{result:?}");
    // Two retries, each waiting a jittered fraction of 1 s, then 2 s.
    let waits = waits.lock().unwrap();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert!(waits[0] <= Duration::from_secs(1) && waits[1] <= Duration::from_secs(2));
}

/// `ListThings` pages from memory, by the token in the query.
#[derive(Debug)]
struct AsyncPagesByToken;

impl features_model::client::AsyncHttpTransport for AsyncPagesByToken {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _limits: &'a features_model::client::AttemptLimits,
    ) -> features_model::client::BoxFuture<
        'a,
        Result<http::Response<Vec<u8>>, features_model::client::TransportError>,
    > {
        let body = match request.uri().query() {
            None => r#"{"page":{"next":"t1"},"things":["a"]}"#,
            Some("token=t1") => r#"{"page":{"next":"t2"},"things":["b"]}"#,
            Some(_) => r#"{"things":["c"]}"#,
        };
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .body(body.as_bytes().to_vec())
                .unwrap())
        })
    }
}

#[test]
fn async_pages_follow_the_tokens_to_the_last_page() {
    let config = features_model::client::Config::builder()
        .region("us-east-1")
        .async_transport(AsyncPagesByToken)
        .build();
    let client = features_model::Client::new(&config);
    let things = block_on(
        async {
            let mut pages = client.list_things().into_paginator().pages();
            let mut things = Vec::new();
            while let Some(page) = pages.next().await {
                things.extend(page.expect("a page").things.unwrap_or_default());
            }
            things
        },
        Duration::from_secs(5),
    );
    assert_eq!(things, ["a", "b", "c"]);
}

/// `ListThings` pages from memory by the token in the query, counting the calls.
#[derive(Debug)]
struct AsyncPageTable {
    pages: Vec<(Option<&'static str>, &'static str)>,
    calls: AtomicU32,
}

impl features_model::client::AsyncHttpTransport for AsyncPageTable {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _limits: &'a features_model::client::AttemptLimits,
    ) -> features_model::client::BoxFuture<
        'a,
        Result<http::Response<Vec<u8>>, features_model::client::TransportError>,
    > {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let token = request
            .uri()
            .query()
            .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("token=")));
        let body = self
            .pages
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, body)| *body)
            .unwrap_or_else(|| panic!("no page for {token:?}"));
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .body(body.as_bytes().to_vec())
                .unwrap())
        })
    }
}

/// Every item of `ListThings` through the async items, and the number of calls made.
fn async_items(pages: Vec<(Option<&'static str>, &'static str)>) -> (Vec<String>, u32) {
    let transport = Arc::new(AsyncPageTable {
        pages,
        calls: AtomicU32::new(0),
    });
    #[derive(Debug)]
    struct Shared(Arc<AsyncPageTable>);
    impl features_model::client::AsyncHttpTransport for Shared {
        fn send<'a>(
            &'a self,
            request: http::Request<Vec<u8>>,
            limits: &'a features_model::client::AttemptLimits,
        ) -> features_model::client::BoxFuture<
            'a,
            Result<http::Response<Vec<u8>>, features_model::client::TransportError>,
        > {
            self.0.send(request, limits)
        }
    }
    let config = features_model::client::Config::builder()
        .region("us-east-1")
        .async_transport(Shared(Arc::clone(&transport)))
        .build();
    let client = features_model::Client::new(&config);
    let things = block_on(
        async {
            let mut items = client.list_things().into_paginator().items();
            let mut things = Vec::new();
            while let Some(item) = items.next().await {
                things.push(item.expect("an item"));
                assert!(things.len() <= 10, "the items do not end: {things:?}");
            }
            things
        },
        Duration::from_secs(5),
    );
    (things, transport.calls.load(Ordering::SeqCst))
}

#[test]
fn async_items_yield_every_item_of_every_page_once() {
    let (things, calls) = async_items(vec![
        (None, r#"{"page":{"next":"t1"},"things":["a","b"]}"#),
        (Some("t1"), r#"{"page":{"next":"t2"},"things":[]}"#),
        (Some("t2"), r#"{"things":["c"]}"#),
    ]);
    assert_eq!(things, ["a", "b", "c"]);
    assert_eq!(calls, 3);
}

#[test]
fn async_items_stop_on_an_empty_or_a_repeated_token() {
    let (things, calls) = async_items(vec![
        (None, r#"{"page":{"next":"t1"},"things":["a"]}"#),
        (Some("t1"), r#"{"page":{"next":""},"things":["b"]}"#),
    ]);
    assert_eq!((things, calls), (vec!["a".to_owned(), "b".to_owned()], 2));
    let (things, calls) = async_items(vec![
        (None, r#"{"page":{"next":"same"},"things":["a"]}"#),
        (Some("same"), r#"{"page":{"next":"same"},"things":["b"]}"#),
    ]);
    assert_eq!((things, calls), (vec!["a".to_owned(), "b".to_owned()], 2));
}

/// A provider that must fetch once (as `credential_process` does), recording the threads it
/// fetched on.
#[derive(Debug, Default)]
struct FetchOnce {
    threads: Mutex<Vec<std::thread::ThreadId>>,
}

impl ProvideCredentials for FetchOnce {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.threads
            .lock()
            .unwrap()
            .push(std::thread::current().id());
        Ok(Credentials::new("AKIDEXAMPLE", "secret-key", None))
    }

    fn may_block(&self) -> bool {
        self.threads.lock().unwrap().is_empty()
    }
}

#[test]
fn a_provider_that_may_block_fetches_on_a_thread_of_its_own() {
    let (url, count) = serve(vec![Some(200)]);
    let provider = Arc::new(FetchOnce::default());
    #[derive(Debug)]
    struct Shared(Arc<FetchOnce>);
    impl ProvideCredentials for Shared {
        fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
            self.0.provide_credentials()
        }
        fn may_block(&self) -> bool {
            self.0.may_block()
        }
    }
    let config = config(&url)
        .credentials_provider(Shared(Arc::clone(&provider)))
        .build();
    let output = block_on(
        Client::new(&config)
            .associate_whats_app_business_account()
            .with_input(input())
            .send(),
        Duration::from_secs(15),
    );
    assert!(output.is_ok(), "{output:?}");
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let threads = provider.threads.lock().unwrap().clone();
    assert_ne!(threads[0], std::thread::current().id(), "{threads:?}");
}
