//! Two generated crates on the shared client runtime (`tests/shared_runtime/alpha` and `beta`,
//! generated with `shared_client_runtime`): one `Config` serves the clients of both services,
//! as the SDK's `SdkConfig` does. Its credentials (and their cache), transport and clock are
//! shared; each service's client finds its own endpoint URL (`AWS_ENDPOINT_URL_<SERVICE>`, the
//! `[services]` section), signing name and retry quota. Only loopback servers and in-memory
//! transports; instance metadata is off.

use std::io::{ErrorKind, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use shared_runtime_alpha as alpha;
use shared_runtime_beta as beta;
use smithy_client_runtime::{
    AttemptLimits, Config, Credentials, HttpTransport, RetryConfig, TransportError,
};
use smithy_codegen_tests::block_on;

/// A HOME with `.aws/config`, removed when dropped.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(config: &str) -> Home {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "client-shared-runtime-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        std::fs::write(dir.join(".aws/credentials"), "").unwrap();
        Home { dir }
    }

    /// The variables: HOME, instance metadata off, and `extra`.
    fn env(&self, extra: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let mut vars: Vec<(String, String)> = vec![
            ("HOME".into(), self.dir.display().to_string()),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ];
        vars.extend(extra.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        move |name: &str| vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Answers `count` requests with `body`, recording each request's head; ends after that or 20 s.
struct Server {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
    thread: JoinHandle<()>,
}

impl Server {
    fn answering(count: usize, body: &'static str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&heads);
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut served = 0;
            while served < count && started.elapsed() < Duration::from_secs(20) {
                let mut stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    }
                    Err(e) => panic!("accept: {e}"),
                };
                served += 1;
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let Some(head) =
                    smithy_codegen_tests::read_http_request(&mut stream).map(|(head, _)| head)
                else {
                    continue;
                };
                log.lock().unwrap().push(head);
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        Server { url, heads, thread }
    }

    fn finish(self) -> Vec<String> {
        self.thread.join().unwrap();
        let heads = self.heads.lock().unwrap().clone();
        heads
    }
}

/// The credential scope of a head's SigV4 `Authorization`: `<key>/<date>/<region>/<service>`.
fn scope(head: &str) -> String {
    let authorization = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_else(|| panic!("unsigned request:\n{head}"));
    let credential = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("no credential in {authorization}"));
    let parts: Vec<&str> = credential.split('/').collect();
    assert_eq!(parts.len(), 5, "{credential}");
    assert_eq!(parts[4], "aws4_request", "{credential}");
    format!("{}/{}/{}", parts[0], parts[2], parts[3])
}

/// A `credential_process` that appends a line to `runs` each time it runs; then `extra`.
fn process_profile(runs: &Path, extra: &str) -> String {
    format!(
        "[default]\nregion = us-east-1\ncredential_process = sh -c 'echo run >> {}; \
         echo \"{{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKIDSHARED\\\", \
         \\\"SecretAccessKey\\\": \\\"S\\\", \\\"SessionToken\\\": \\\"T\\\", \
         \\\"Expiration\\\": \\\"2999-01-01T00:00:00Z\\\"}}\"'\n{extra}",
        runs.display()
    )
}

fn runs(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

#[test]
fn one_configuration_serves_two_services_with_their_own_endpoints_and_signing_names() {
    let alpha_server = Server::answering(2, r#"{"id":"thing-1"}"#);
    let beta_server = Server::answering(1, r#"{"status":"ok"}"#);
    let placeholder = Home::new("");
    let runs_file = placeholder.dir.join("runs");
    // Alpha's URL from the profile's `[services]` section (its key is the sdkId "Alpha
    // Things" in snake case), Beta's from AWS_ENDPOINT_URL_BETA; a global endpoint_url
    // that neither should use.
    let home = Home::new(&process_profile(
        &runs_file,
        &format!(
            "services = local\nendpoint_url = http://127.0.0.1:9\n\
             [services local]\nalpha_things =\n  endpoint_url = {}\n",
            alpha_server.url
        ),
    ));
    let env = home.env(&[("AWS_ENDPOINT_URL_BETA", &beta_server.url)]);
    // One type: the runtime crate's, which both crates re-export.
    let config: Config = alpha::Config::from_env_with(env).unwrap();
    let alpha_client = alpha::blocking::Client::new(&config);
    let alpha_async = alpha::Client::new(&config);
    let beta_client = beta::blocking::Client::new(&config);
    assert_eq!(runs(&runs_file), 0, "credentials are fetched on first use");
    assert!(alpha_client.config().shares_with(beta_client.config()));
    assert!(Arc::ptr_eq(
        alpha_client.config().credentials_provider().unwrap(),
        beta_client.config().credentials_provider().unwrap(),
    ));
    assert_eq!(
        config.endpoint_url(),
        None,
        "the shared configuration is no service's"
    );
    assert_eq!(
        alpha_client.config().endpoint_url(),
        Some(alpha_server.url.as_str())
    );
    assert_eq!(
        beta_client.config().endpoint_url(),
        Some(beta_server.url.as_str())
    );

    let put = alpha_client.put_thing().name("lamp").send().unwrap();
    assert_eq!(put.id.as_deref(), Some("thing-1"));
    let status = beta_client.get_status().component("db").send().unwrap();
    assert_eq!(status.status.as_deref(), Some("ok"));
    let put = block_on(
        alpha_async.put_thing().name("desk").send(),
        Duration::from_secs(20),
    )
    .unwrap();
    assert_eq!(put.id.as_deref(), Some("thing-1"));
    assert_eq!(
        runs(&runs_file),
        1,
        "one credential_process run serves both services' calls (one cache)"
    );

    let alpha_heads = alpha_server.finish();
    let beta_heads = beta_server.finish();
    assert_eq!(alpha_heads.len(), 2);
    assert_eq!(beta_heads.len(), 1);
    for head in &alpha_heads {
        assert!(head.starts_with("POST /things "), "{head}");
        assert_eq!(scope(head), "AKIDSHARED/us-east-1/alpha-signing");
    }
    assert!(
        beta_heads[0].starts_with("GET /status/db "),
        "{}",
        beta_heads[0]
    );
    assert_eq!(scope(&beta_heads[0]), "AKIDSHARED/us-east-1/beta-signing");
}

/// Answers from memory: 503 for Alpha's `POST /things`, two pages of names for its `GET
/// /things`, `{}` for anything else; records every request's path. Shared with the test
/// through the `Arc`.
#[derive(Debug, Default)]
struct Canned {
    requests: Arc<Mutex<Vec<String>>>,
}

impl HttpTransport for Canned {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _limits: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let path = request.uri().path().to_owned();
        self.requests.lock().unwrap().push(path.clone());
        let second_page = request
            .uri()
            .query()
            .is_some_and(|q| q.contains("nextToken=t2"));
        let (status, body): (u16, &str) = match (request.method().as_str(), path.as_str()) {
            ("POST", "/things") => (503, "{}"),
            ("GET", "/things") if second_page => (200, r#"{"names":["c"]}"#),
            ("GET", "/things") => (200, r#"{"names":["a","b"],"nextToken":"t2"}"#),
            _ => (200, "{}"),
        };
        Ok(http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap())
    }
}

#[test]
fn the_transport_is_shared_and_each_service_has_its_own_retry_quota() {
    let canned = Canned::default();
    let requests = Arc::clone(&canned.requests);
    let config = Config::builder()
        .region("eu-west-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .endpoint_url("http://127.0.0.1:1")
        .retry_config(RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::ZERO,
            ..RetryConfig::default()
        })
        .transport(canned)
        .build();
    let alpha_client = alpha::blocking::Client::new(&config);
    let beta_client = beta::blocking::Client::new(&config);
    let full = beta_client.config().quota().available();

    let error = alpha_client.put_thing().name("lamp").send().unwrap_err();
    assert_eq!(
        error.raw_response().map(|r| r.status().as_u16()),
        Some(503),
        "{error}"
    );
    beta_client.get_status().component("db").send().unwrap();
    let requests = requests.lock().unwrap().clone();
    assert_eq!(
        requests,
        ["/things", "/things", "/things", "/status/db"],
        "both services' calls go through the one transport"
    );

    // Alpha's two retries took from Alpha's quota only; another Alpha client from the same
    // configuration shares it.
    let alpha_left = alpha_client.config().quota().available();
    assert!(alpha_left < full, "{alpha_left} of {full}");
    assert_eq!(beta_client.config().quota().available(), full);
    assert_eq!(
        alpha::blocking::Client::new(&config)
            .config()
            .quota()
            .available(),
        alpha_left
    );
    // Paginators work as in a crate with its own runtime.
    let names: Vec<String> = alpha_client
        .list_things()
        .into_paginator()
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["a", "b", "c"]);

    // The endpoint URL set in code is every service's.
    assert_eq!(
        alpha_client.config().endpoint_url(),
        Some("http://127.0.0.1:1")
    );
    assert_eq!(
        beta_client.config().endpoint_url(),
        Some("http://127.0.0.1:1")
    );
}

#[test]
fn a_malformed_service_endpoint_url_fails_only_that_services_calls() {
    let home = Home::new("[default]\nregion = us-east-1\n");
    let env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "SECRET"),
        ("AWS_ENDPOINT_URL_BETA", "not a url"),
    ]);
    let config = beta::Config::from_env_with(env).expect("another service may still use it");
    let beta_client = beta::blocking::Client::new(&config);
    let error = beta_client
        .get_status()
        .component("db")
        .send()
        .expect_err("the service's endpoint URL is malformed");
    assert!(
        matches!(&error, beta::SdkError::Endpoint(message) if message.contains("AWS_ENDPOINT_URL_BETA")),
        "{error:?}"
    );
    let alpha_client = alpha::blocking::Client::new(&config);
    assert_eq!(alpha_client.config().endpoint_url_error(), None);
    assert_eq!(alpha_client.config().endpoint_url(), None);
}
