//! The blocking client of a generated crate (feature `client`) against loopback servers:
//! retries, the retry quota, timeouts, validation, signing (checked by an independent SigV4
//! computation) and a user's own transport. Every server is bounded in requests and time.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use socialmessaging::blocking::Client;
use socialmessaging::client::{
    AttemptLimits, Config, Credentials, HttpTransport, RetryConfig, SdkError, Timeouts,
    TransportError,
};
use socialmessaging::operation::associate_whats_app_business_account::AssociateWhatsAppBusinessAccountInput;

/// No server waits longer than this for connections.
const SERVER_LIFETIME: Duration = Duration::from_secs(20);

/// What the server does with one connection.
#[derive(Clone)]
enum Reply {
    /// Status, extra headers, body; then closes the connection.
    Answer(u16, Vec<(&'static str, &'static str)>, &'static str),
    /// Reads the request and never answers (the connection is held until the server ends).
    Hang,
    /// Starts a 200 response promising more body than it sends, then closes the connection.
    Truncated,
}

/// A request as the server read it.
#[derive(Clone, Debug)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
    thread: JoinHandle<()>,
}

impl Server {
    /// Serves one reply per connection, in order, the last one repeated `repeat_last` more
    /// times; stops after that or after [`SERVER_LIFETIME`].
    fn start(replies: Vec<Reply>, repeat_last: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        let total = replies.len() + repeat_last;
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut held = Vec::new();
            let mut served = 0;
            while served < total && started.elapsed() < SERVER_LIFETIME {
                let stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    }
                    Err(e) => panic!("accept: {e}"),
                };
                let reply = replies[served.min(replies.len() - 1)].clone();
                served += 1;
                let mut stream = stream;
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                log.lock().unwrap().push(request);
                match reply {
                    Reply::Answer(status, headers, body) => {
                        let mut head = format!(
                            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                            body.len()
                        );
                        for (name, value) in headers {
                            head.push_str(&format!("{name}: {value}\r\n"));
                        }
                        head.push_str("\r\n");
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(body.as_bytes());
                    }
                    Reply::Hang => held.push(stream),
                    Reply::Truncated => {
                        let _ = stream.write_all(
                            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"sig",
                        );
                    }
                }
            }
            // Hanging connections stay open until the test had its chance to time out.
            if !held.is_empty() {
                std::thread::sleep(Duration::from_secs(3));
            }
        });
        Server {
            url,
            received,
            thread,
        }
    }

    fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits for the server to finish (it is bounded) and returns what it received.
    fn finish(self) -> Vec<Received> {
        self.thread.join().expect("the server thread");
        let received = self.received.lock().unwrap().clone();
        received
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8(data[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Some(Received {
        method,
        target,
        headers,
        body,
    })
}

fn input(pin: &str) -> AssociateWhatsAppBusinessAccountInput {
    smithy_codegen_tests::signup_input(pin)
}

/// Fast retries, for tests.
fn retries(max_attempts: u32) -> RetryConfig {
    RetryConfig {
        max_attempts,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..RetryConfig::default()
    }
}

fn config(url: &str, max_attempts: u32) -> Config {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .retry_config(retries(max_attempts))
        .timeouts(Timeouts {
            connect: Some(Duration::from_secs(2)),
            read: Some(Duration::from_secs(5)),
            operation: Some(Duration::from_secs(15)),
        })
        .build()
}

const OK_BODY: &str = r#"{"signupCallbackResult":{"associateInProgressToken":"tok-9"}}"#;

#[test]
fn two_503s_then_a_success_is_one_success_after_three_attempts() {
    let server = Server::start(
        vec![
            Reply::Answer(503, vec![], "{}"),
            Reply::Answer(503, vec![], "{}"),
            Reply::Answer(200, vec![], OK_BODY),
        ],
        0,
    );
    let client = Client::new(&config(&server.url, 3));
    let output = client
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect("the third attempt succeeds");
    assert_eq!(
        output
            .signup_callback_result
            .and_then(|r| r.associate_in_progress_token)
            .as_deref(),
        Some("tok-9")
    );
    let requests = server.finish();
    assert_eq!(requests.len(), 3);
    // The same request each time (a fresh signature date aside).
    for r in &requests {
        assert_eq!(r.body, requests[0].body);
        assert_eq!(
            (r.method.as_str(), r.target.as_str()),
            ("POST", "/v1/whatsapp/signup")
        );
    }
}

#[test]
fn attempts_stop_at_the_maximum_and_the_last_error_keeps_its_request_id_and_response() {
    let server = Server::start(
        vec![Reply::Answer(
            503,
            vec![("x-amzn-RequestId", "req-503")],
            r#"{"message":"busy"}"#,
        )],
        1,
    );
    let client = Client::new(&config(&server.url, 2));
    let error = client
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect_err("every attempt fails");
    assert_eq!(error.request_id(), Some("req-503"));
    assert_eq!(error.raw_response().map(|r| r.status().as_u16()), Some(503));
    assert!(matches!(error, SdkError::Service(_)), "{error:?}");
    assert_eq!(server.finish().len(), 2);
}

#[test]
fn throttling_is_retried_and_a_client_error_is_not() {
    let server = Server::start(
        vec![
            Reply::Answer(
                400,
                vec![("x-amzn-errortype", "ThrottlingException")],
                r#"{"message":"slow down"}"#,
            ),
            Reply::Answer(200, vec![], OK_BODY),
        ],
        0,
    );
    let client = Client::new(&config(&server.url, 3));
    client
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect("retried after throttling");
    assert_eq!(server.finish().len(), 2);

    // A modeled `@retryable(throttling: true)` error is retried for its model alone: neither its
    // code nor status 400 would be.
    let server = Server::start(
        vec![
            Reply::Answer(
                400,
                vec![("x-amzn-errortype", "ThrottledRequestException")],
                r#"{"message":"slow down"}"#,
            ),
            Reply::Answer(200, vec![], OK_BODY),
        ],
        0,
    );
    let client = Client::new(&config(&server.url, 3));
    client
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect("retried after modeled throttling");
    assert_eq!(server.finish().len(), 2);

    // A modeled client error (HTTP 400, not retryable) is returned after one attempt.
    let server = Server::start(
        vec![Reply::Answer(
            400,
            vec![("x-amzn-errortype", "InvalidParametersException")],
            r#"{"message":"no"}"#,
        )],
        2,
    );
    let client = Client::new(&config(&server.url, 3));
    let error = client
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect_err("a client error");
    assert_eq!(
        error.as_service_error().and_then(|e| e.code()),
        Some("InvalidParametersException")
    );
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(server.requests().len(), 1, "not retried");
}

#[test]
fn an_invalid_input_is_reported_with_every_violation_and_nothing_is_sent() {
    let server = Server::start(vec![Reply::Answer(200, vec![], OK_BODY)], 0);
    let client = Client::new(&config(&server.url, 3));
    let error = client
        .associate_whats_app_business_account()
        .with_input(input("1234567"))
        .send()
        .expect_err("the PIN is too long");
    let SdkError::Validation(violations) = &error else {
        panic!("not a validation error: {error:?}");
    };
    let paths: Vec<String> = violations
        .violations()
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.contains("setupFinalization.phoneNumbers[0].twoFactorPin")),
        "{paths:?}"
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.requests().is_empty(), "nothing is sent");
}

#[test]
fn a_server_that_never_answers_trips_the_read_timeout_within_its_bound() {
    let server = Server::start(vec![Reply::Hang], 0);
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(&server.url)
        .retry_config(retries(1))
        .timeouts(Timeouts {
            connect: Some(Duration::from_secs(2)),
            read: Some(Duration::from_millis(300)),
            operation: None,
        })
        .build();
    let started = Instant::now();
    let error = Client::new(&config)
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect_err("no answer");
    let elapsed = started.elapsed();
    assert!(matches!(error, SdkError::Timeout(_)), "{error:?}");
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    server.finish();
}

#[test]
fn the_retry_quota_stops_a_storm() {
    // 500 tokens, 5 a retry: 100 retries, then the first attempt's failure is returned.
    let server = Server::start(vec![Reply::Answer(503, vec![], "{}")], 150);
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(&server.url)
        .retry_config(RetryConfig {
            max_attempts: 1000,
            initial_backoff: Duration::from_micros(100),
            max_backoff: Duration::from_micros(100),
            ..RetryConfig::default()
        })
        .build();
    let error = Client::new(&config)
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect_err("the quota runs out");
    assert!(matches!(error, SdkError::Service(_)), "{error:?}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(server.requests().len(), 101);
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn requests_are_signed_with_sigv4_and_the_session_token() {
    let server = Server::start(vec![Reply::Answer(200, vec![], OK_BODY)], 0);
    let config = Config::builder()
        .region("eu-west-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            Some("session-token-1".to_owned()),
        ))
        .endpoint_url(&server.url)
        .build();
    Client::new(&config)
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect("a success");
    let requests = server.finish();
    let request = &requests[0];
    assert_eq!(
        request.header("x-amz-security-token"),
        Some("session-token-1")
    );
    let authorization = request.header("authorization").expect("signed");
    let rest = authorization
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .expect("SigV4");
    let part = |key: &str| {
        rest.split(", ")
            .find_map(|p| p.strip_prefix(key))
            .unwrap_or_else(|| panic!("{key} in {authorization}"))
            .to_owned()
    };
    let (credential, signed_headers, signature) = (
        part("Credential="),
        part("SignedHeaders="),
        part("Signature="),
    );
    let amz_date = request.header("x-amz-date").expect("x-amz-date");
    let date = &amz_date[..8];
    // The model's signing name (`aws.auth#sigv4`) and the configured region.
    let scope = format!("{date}/eu-west-1/social-messaging/aws4_request");
    assert_eq!(credential, format!("AKIDEXAMPLE/{scope}"));
    let names: Vec<&str> = signed_headers.split(';').collect();
    assert!(names.contains(&"host") && names.contains(&"x-amz-security-token"));
    let canonical_headers: String = names
        .iter()
        .map(|n| format!("{n}:{}\n", request.header(n).expect("signed header sent")))
        .collect();
    let canonical_request = format!(
        "{}\n{}\n\n{canonical_headers}\n{signed_headers}\n{}",
        request.method,
        request.target,
        hex(&Sha256::digest(&request.body))
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let key = [date, "eu-west-1", "social-messaging", "aws4_request"]
        .iter()
        .fold(
            b"AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".to_vec(),
            |key, part| hmac_sha256(&key, part.as_bytes()),
        );
    assert_eq!(
        signature,
        hex(&hmac_sha256(&key, string_to_sign.as_bytes())),
        "canonical request:\n{canonical_request}"
    );
}

/// A transport that answers from memory and counts calls.
#[derive(Debug, Default)]
struct Canned {
    calls: Mutex<u32>,
}

impl HttpTransport for Canned {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _limits: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        *self.calls.lock().unwrap() += 1;
        assert_eq!(
            request.uri().to_string(),
            "https://social-messaging.ap-southeast-2.amazonaws.com/v1/whatsapp/signup",
            "the service's regional endpoint when none is configured"
        );
        Ok(http::Response::builder()
            .status(200)
            .body(OK_BODY.as_bytes().to_vec())
            .unwrap())
    }
}

#[test]
fn a_users_transport_plugs_in_and_one_config_serves_several_clients() {
    let canned = Arc::new(Canned::default());
    #[derive(Debug)]
    struct Shared(Arc<Canned>);
    impl HttpTransport for Shared {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
            limits: &AttemptLimits,
        ) -> Result<http::Response<Vec<u8>>, TransportError> {
            self.0.send(request, limits)
        }
    }
    let config = Config::builder()
        .region("ap-southeast-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .transport(Shared(Arc::clone(&canned)))
        .build();
    for _ in 0..2 {
        Client::new(&config)
            .associate_whats_app_business_account()
            .setup_finalization(input("123456").setup_finalization.unwrap())
            .send()
            .expect("a canned success");
    }
    assert_eq!(*canned.calls.lock().unwrap(), 2);
}

#[test]
fn configuration_from_the_environment() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    let config = Config::from_env_with(vars(&[
        ("AWS_DEFAULT_REGION", "eu-west-3"),
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "SECRET"),
        ("AWS_SESSION_TOKEN", "TOKEN"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ("AWS_MAX_ATTEMPTS", "7"),
    ]))
    .unwrap();
    assert_eq!(config.region(), Some("eu-west-3"));
    // The endpoint URL is found for the service when its client is made.
    assert_eq!(config.endpoint_url(), None);
    assert_eq!(
        Client::new(&config).config().endpoint_url(),
        Some("http://127.0.0.1:9")
    );
    assert_eq!(config.retry_config().max_attempts, 7);
    let credentials = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .unwrap();
    assert_eq!(credentials.session_token(), Some("TOKEN"));
    let debug = format!("{config:?}");
    assert!(
        !debug.contains("SECRET") && !debug.contains("TOKEN"),
        "{debug}"
    );

    let region = Config::from_env_with(vars(&[
        ("AWS_REGION", "us-west-2"),
        ("AWS_DEFAULT_REGION", "eu-west-3"),
        ("AWS_RETRY_MODE", "legacy"),
    ]))
    .unwrap();
    assert_eq!(region.region(), Some("us-west-2"));
    assert_eq!(region.retry_config().max_attempts, 5);
    for bad in [
        &[("AWS_MAX_ATTEMPTS", "0")][..],
        &[("AWS_RETRY_MODE", "fast")][..],
        &[("AWS_ACCESS_KEY_ID", "AKID")][..],
    ] {
        assert!(Config::from_env_with(vars(bad)).is_err(), "{bad:?}");
    }
}

#[test]
fn without_credentials_a_signed_operation_fails_before_sending() {
    let server = Server::start(vec![Reply::Answer(200, vec![], OK_BODY)], 0);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(&server.url)
        .build();
    let error = Client::new(&config)
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect_err("no credentials");
    assert!(matches!(error, SdkError::Credentials(_)), "{error:?}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.requests().is_empty());
}

/// A transport that records each request and answers 201 with an empty body.
#[derive(Debug, Default)]
struct Recorder {
    requests: Mutex<Vec<http::Request<Vec<u8>>>>,
}

#[derive(Debug)]
struct RecordInto(Arc<Recorder>);

// Each generated crate carries its own copy of the client runtime, so its own transport trait.
impl features_model::client::HttpTransport for RecordInto {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _limits: &features_model::client::AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, features_model::client::TransportError> {
        self.0.requests.lock().unwrap().push(request);
        Ok(http::Response::builder()
            .status(201)
            .body(b"{}".to_vec())
            .unwrap())
    }
}

/// The features model has endpoint rules: the client resolves through them, with the
/// configuration as built-ins and the endpoint's headers added.
#[test]
fn endpoints_come_from_the_models_rules() {
    use features_model::client::{Config as FConfig, SdkError as FError};
    let recorder = Arc::new(Recorder::default());
    let call = |config: FConfig| {
        features_model::blocking::Client::new(&config)
            .put_thing()
            .name("n1")
            .send()
    };
    let base = || {
        FConfig::builder()
            .credentials(features_model::client::Credentials::new(
                "AKID", "SECRET", None,
            ))
            .transport(RecordInto(Arc::clone(&recorder)))
    };
    call(base().region("cn-north-1").build()).expect("sent");
    call(
        base()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9/base")
            .build(),
    )
    .expect("sent");
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(
        requests[0].uri().to_string(),
        "https://features.cn-north-1.amazonaws.com.cn/things"
    );
    assert_eq!(
        requests[0]
            .headers()
            .get("x-partition")
            .map(|v| v.to_str().unwrap()),
        Some("aws-cn")
    );
    // The endpoint URL is the rules' `SDK::Endpoint`.
    assert_eq!(
        requests[1].uri().to_string(),
        "http://127.0.0.1:9/base/things"
    );
    drop(requests);

    // An error rule is an endpoint error, and nothing is sent.
    let error = call(base().region("us-east-1").use_fips(true).build()).expect_err("no FIPS");
    match error {
        FError::Endpoint(message) => assert_eq!(message, "FIPS is not offered in us-east-1"),
        other => panic!("not an endpoint error: {other:?}"),
    }
    assert_eq!(recorder.requests.lock().unwrap().len(), 2);
}

/// The README's three lines, with the crate root's `Config`.
#[test]
fn the_three_line_call_of_the_readme() {
    let server = Server::start(vec![Reply::Answer(200, vec![], OK_BODY)], 0);
    let url = server.url.clone();
    let env = move |name: &str| match name {
        "AWS_REGION" => Some("us-east-1".to_owned()),
        "AWS_ACCESS_KEY_ID" => Some("AKIDEXAMPLE".to_owned()),
        "AWS_SECRET_ACCESS_KEY" => Some("secret-key".to_owned()),
        "AWS_ENDPOINT_URL" => Some(url.clone()),
        _ => None,
    };
    let finalization = input("123456").setup_finalization.unwrap();

    let config = socialmessaging::Config::from_env_with(env).unwrap();
    let client = socialmessaging::blocking::Client::new(&config);
    let output = client
        .associate_whats_app_business_account()
        .setup_finalization(finalization)
        .send()
        .unwrap();

    assert!(output.signup_callback_result.is_some());
    assert_eq!(server.finish().len(), 1);
}

/// A transport serving `ListThings` pages by token: `None` is the first page.
#[derive(Debug)]
struct PagesByToken {
    pages: Vec<(Option<&'static str>, &'static str)>,
    seen: Mutex<Vec<String>>,
}

impl features_model::client::HttpTransport for PagesByToken {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _limits: &features_model::client::AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, features_model::client::TransportError> {
        let query = request.uri().query().unwrap_or("").to_owned();
        self.seen.lock().unwrap().push(query.clone());
        let token = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="));
        let body = self
            .pages
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, body)| *body)
            .unwrap_or_else(|| panic!("no page for {query:?}"));
        Ok(http::Response::builder()
            .status(200)
            .body(body.as_bytes().to_vec())
            .unwrap())
    }
}

fn paging_client(
    pages: Vec<(Option<&'static str>, &'static str)>,
) -> (features_model::blocking::Client, Arc<PagesByToken>) {
    #[derive(Debug)]
    struct Shared(Arc<PagesByToken>);
    impl features_model::client::HttpTransport for Shared {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
            limits: &features_model::client::AttemptLimits,
        ) -> Result<http::Response<Vec<u8>>, features_model::client::TransportError> {
            self.0.send(request, limits)
        }
    }
    let transport = Arc::new(PagesByToken {
        pages,
        seen: Mutex::new(Vec::new()),
    });
    let config = features_model::client::Config::builder()
        .region("us-east-1")
        .transport(Shared(Arc::clone(&transport)))
        .build();
    (features_model::blocking::Client::new(&config), transport)
}

#[test]
fn pagination_over_three_pages_yields_every_item_once() {
    let (client, transport) = paging_client(vec![
        (None, r#"{"page":{"next":"t1"},"things":["a","b"]}"#),
        (Some("t1"), r#"{"page":{"next":"t2"},"things":["c"]}"#),
        (Some("t2"), r#"{"things":["d","e"]}"#),
    ]);
    let items: Vec<String> = client
        .list_things()
        .max_results(2)
        .into_paginator()
        .items()
        .collect::<Result<_, _>>()
        .expect("every page");
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    // The token of each page goes into the next request, the page size into every one.
    let seen: Vec<String> = transport
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|q| sorted_query(q))
        .collect();
    assert_eq!(
        seen,
        ["max=2", "max=2&token=t1", "max=2&token=t2"].map(str::to_owned)
    );
}

fn sorted_query(query: &str) -> String {
    let mut pairs: Vec<&str> = query.split('&').collect();
    pairs.sort_unstable();
    pairs.join("&")
}

#[test]
fn pagination_stops_on_a_repeated_token() {
    let (client, transport) = paging_client(vec![
        (None, r#"{"page":{"next":"same"},"things":["a"]}"#),
        (Some("same"), r#"{"page":{"next":"same"},"things":["b"]}"#),
    ]);
    let pages: Vec<_> = client
        .list_things()
        .into_paginator()
        .pages()
        .collect::<Result<_, _>>()
        .expect("two pages");
    assert_eq!(pages.len(), 2);
    assert_eq!(transport.seen.lock().unwrap().len(), 2);
}

#[test]
fn a_connection_reset_mid_response_is_retried() {
    let server = Server::start(
        vec![Reply::Truncated, Reply::Answer(200, vec![], OK_BODY)],
        0,
    );
    let client = Client::new(&config(&server.url, 3));
    client
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect("the second attempt succeeds");
    assert_eq!(server.finish().len(), 2);
}

/// A transport that answers 503 to the first request and 201 to the next, recording bodies.
#[derive(Debug, Default)]
struct FailOnce {
    bodies: Mutex<Vec<Vec<u8>>>,
}

#[derive(Debug)]
struct FailOnceShared(Arc<FailOnce>);

impl features_model::client::HttpTransport for FailOnceShared {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _limits: &features_model::client::AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, features_model::client::TransportError> {
        let mut bodies = self.0.bodies.lock().unwrap();
        bodies.push(request.body().clone());
        let status = if bodies.len() == 1 { 503 } else { 201 };
        Ok(http::Response::builder()
            .status(status)
            .body(b"{}".to_vec())
            .unwrap())
    }
}

#[test]
fn every_attempt_carries_the_same_idempotency_token() {
    let recorder = Arc::new(FailOnce::default());
    let config = features_model::client::Config::builder()
        .region("us-east-1")
        .transport(FailOnceShared(Arc::clone(&recorder)))
        .retry_config(features_model::client::RetryConfig {
            initial_backoff: Duration::from_millis(5),
            ..Default::default()
        })
        .build();
    let client = features_model::blocking::Client::new(&config);
    for _ in 0..2 {
        recorder.bodies.lock().unwrap().clear();
        client.put_thing().name("n").send().expect("retried once");
        let bodies = recorder.bodies.lock().unwrap();
        assert_eq!(bodies.len(), 2);
        let token = |body: &[u8]| {
            let value: serde_json::Value = serde_json::from_slice(body).unwrap();
            value["clientToken"].as_str().unwrap().to_owned()
        };
        assert_eq!(token(&bodies[0]).len(), 36, "a UUID");
        assert_eq!(token(&bodies[0]), token(&bodies[1]));
    }
}

/// Field names and values, in the order recorded.
type FieldList = Vec<(String, String)>;

/// A `tracing` subscriber that keeps every span's name and fields and every event's fields.
#[derive(Default)]
struct Capture {
    spans: Mutex<Vec<(String, FieldList)>>,
    events: Mutex<Vec<FieldList>>,
}

#[derive(Default)]
struct Fields(Vec<(String, String)>);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

struct CaptureShared(Arc<Capture>);

impl tracing::Subscriber for CaptureShared {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Fields::default();
        span.record(&mut fields);
        let mut spans = self.0.spans.lock().unwrap();
        spans.push((span.metadata().name().to_owned(), fields.0));
        tracing::span::Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        let index = span.into_u64() as usize - 1;
        self.0.spans.lock().unwrap()[index].1.extend(fields.0);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        self.0.events.lock().unwrap().push(fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn each_attempt_is_a_tracing_span_without_secrets() {
    let server = Server::start(
        vec![
            Reply::Answer(503, vec![("x-amzn-RequestId", "req-1")], "{}"),
            Reply::Answer(200, vec![("x-amzn-RequestId", "req-2")], OK_BODY),
        ],
        0,
    );
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "very-secret-key",
            Some("very-secret-session".to_owned()),
        ))
        .endpoint_url(&server.url)
        .retry_config(retries(3))
        .build();
    let capture = Arc::new(Capture::default());
    tracing::subscriber::with_default(CaptureShared(Arc::clone(&capture)), || {
        Client::new(&config)
            .associate_whats_app_business_account()
            .with_input(input("123456"))
            .send()
            .expect("the second attempt succeeds");
    });
    server.finish();
    let spans = capture.spans.lock().unwrap();
    let attempts: Vec<&FieldList> = spans
        .iter()
        .filter(|(name, _)| name == "attempt")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(attempts.len(), 2, "{spans:?}");
    let field = |fields: &FieldList, key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {key} in {fields:?}"))
    };
    for (fields, (attempt, status, id, outcome)) in attempts.iter().zip([
        ("1", "503", "req-1", "service error"),
        ("2", "200", "req-2", "success"),
    ]) {
        assert_eq!(
            field(fields, "operation"),
            "AssociateWhatsAppBusinessAccount"
        );
        assert_eq!(field(fields, "attempt"), attempt);
        assert_eq!(field(fields, "status"), status);
        assert_eq!(field(fields, "request_id"), id);
        assert_eq!(field(fields, "outcome"), outcome);
    }
    let everything = format!("{spans:?} {:?}", capture.events.lock().unwrap());
    assert!(
        !everything.contains("very-secret"),
        "a secret in the traces: {everything}"
    );
}

/// Civil date of days since the epoch (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// `x-amz-date` (`yyyymmddThhmmssZ`) as seconds since the epoch.
fn amz_date_seconds(text: &str) -> i64 {
    let num = |range: std::ops::Range<usize>| text[range].parse::<i64>().unwrap();
    let (year, month, day) = (num(0..4), num(4..6), num(6..8));
    let days = (0..40_000)
        .map(|d| d - 10_000)
        .find(|d| civil_from_days(*d) == (year, month, day))
        .expect("a date in range");
    days * 86_400 + num(9..11) * 3_600 + num(11..13) * 60 + num(13..15)
}

#[test]
fn http_dates_read_as_the_rfc_writes_them() {
    use socialmessaging::client::clock::parse_http_date;
    assert_eq!(
        parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(784_111_777)
    );
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
    for bad in [
        "",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
}

#[test]
fn a_skewed_clock_is_corrected_from_the_services_date() {
    // The service's clock is an hour ahead of ours.
    let server_now = unix_now() + 3_600;
    let (year, month, day) = civil_from_days(server_now.div_euclid(86_400));
    let seconds = server_now.rem_euclid(86_400);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date: &'static str = Box::leak(
        format!(
            "Mon, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
            months[(month - 1) as usize],
            seconds / 3_600,
            seconds % 3_600 / 60,
            seconds % 60
        )
        .into_boxed_str(),
    );
    let server = Server::start(
        vec![
            Reply::Answer(
                403,
                vec![
                    ("x-amzn-errortype", "InvalidSignatureException"),
                    ("Date", date),
                ],
                r#"{"message":"Signature expired"}"#,
            ),
            Reply::Answer(200, vec![], OK_BODY),
        ],
        0,
    );
    let config = config(&server.url, 3);
    Client::new(&config)
        .associate_whats_app_business_account()
        .with_input(input("123456"))
        .send()
        .expect("signed again at the service's time");
    let requests = server.finish();
    assert_eq!(requests.len(), 2);
    let signed_at = |r: &Received| amz_date_seconds(r.header("x-amz-date").unwrap());
    assert!((signed_at(&requests[0]) - unix_now()).abs() < 60);
    assert!((signed_at(&requests[1]) - server_now).abs() < 60);
    assert!((config.clock().skew_seconds() - 3_600).abs() < 60);
}
