//! Copied as a test into the crate `tests/s3_addressing.rs` generates from Smithy's S3 test
//! model (no endpoint rule set: the S3 customization's addressing rules): the blocking
//! client's requests, seen by a transport of ours (virtual host, path style, dual stack,
//! accelerate, a bucket that is no host name) and by a loopback server (path style forced
//! on a configured `http://localhost:<port>` endpoint). Every server is bounded in time.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use s3_addressing::blocking::Client;
use s3_addressing::client::{
    AttemptLimits, Config, ConfigBuilder, Credentials, HttpTransport, RetryConfig, Timeouts,
    TransportError,
};

/// Records each request's URI and answers `200` with no body.
#[derive(Debug, Default)]
struct Recorder {
    uris: Mutex<Vec<String>>,
}

/// The client owns its transport; the test keeps the record.
#[derive(Debug)]
struct Shared(Arc<Recorder>);

impl HttpTransport for Shared {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _limits: &AttemptLimits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.0.uris.lock().unwrap().push(request.uri().to_string());
        Ok(http::Response::builder()
            .status(200)
            .body(Vec::new())
            .unwrap())
    }
}

fn builder() -> ConfigBuilder {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .retry_config(RetryConfig::disabled())
}

/// The URI a `GetObject` of `bucket`/`key` is sent to with `config`'s settings.
fn get_object_uri(config: ConfigBuilder, bucket: &str, key: &str) -> String {
    let recorder = Arc::new(Recorder::default());
    let config = config.transport(Shared(Arc::clone(&recorder))).build();
    Client::new(&config)
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .expect("the recorder answers 200");
    let uris = recorder.uris.lock().unwrap();
    assert_eq!(uris.len(), 1, "{uris:?}");
    uris[0].clone()
}

#[test]
fn the_bucket_goes_where_the_settings_say() {
    let cases: [(ConfigBuilder, &str, &str); 6] = [
        (
            builder(),
            "mybucket",
            "https://mybucket.s3.us-west-2.amazonaws.com/my%20key.txt",
        ),
        (
            builder().s3_force_path_style(true),
            "mybucket",
            "https://s3.us-west-2.amazonaws.com/mybucket/my%20key.txt",
        ),
        (
            builder().use_dual_stack(true),
            "mybucket",
            "https://mybucket.s3.dualstack.us-west-2.amazonaws.com/my%20key.txt",
        ),
        (
            builder().s3_use_accelerate(true),
            "mybucket",
            "https://mybucket.s3-accelerate.amazonaws.com/my%20key.txt",
        ),
        // A dot in the bucket would break the certificate's wildcard: path style.
        (
            builder(),
            "my.bucket",
            "https://s3.us-west-2.amazonaws.com/my.bucket/my%20key.txt",
        ),
        // An IP address as the endpoint takes the bucket in the path.
        (
            builder().endpoint_url("http://127.0.0.1:9"),
            "mybucket",
            "http://127.0.0.1:9/mybucket/my%20key.txt",
        ),
    ];
    for (config, bucket, expected) in cases {
        assert_eq!(get_object_uri(config, bucket, "my key.txt"), expected);
    }
}

#[test]
fn a_configured_host_name_takes_the_bucket_as_a_subdomain_unless_path_style_is_forced() {
    let config = builder().endpoint_url("http://localhost:9/base");
    assert_eq!(
        get_object_uri(config, "mybucket", "a/b"),
        "http://mybucket.localhost:9/base/a/b"
    );
}

#[test]
fn path_style_against_a_loopback_server() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
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
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 65536 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .unwrap();
            return String::from_utf8_lossy(&head).into_owned();
        }
        panic!("no request within 20 seconds");
    });
    let config = builder()
        .endpoint_url(format!("http://localhost:{port}"))
        .s3_force_path_style(true)
        .timeouts(Timeouts {
            connect: Some(Duration::from_secs(5)),
            read: Some(Duration::from_secs(5)),
            operation: Some(Duration::from_secs(10)),
        })
        .build();
    Client::new(&config)
        .get_object()
        .bucket("mybucket")
        .key("foo/../key.txt")
        .send()
        .expect("the server answers 200");
    let head = server.join().expect("the server thread");
    let mut lines = head.lines();
    assert_eq!(
        lines.next(),
        Some("GET /mybucket/foo/../key.txt HTTP/1.1"),
        "{head}"
    );
    let host = lines
        .find_map(|l| {
            l.strip_prefix("host: ")
                .or_else(|| l.strip_prefix("Host: "))
        })
        .map(str::to_owned);
    assert_eq!(host, Some(format!("localhost:{port}")), "{head}");
}
