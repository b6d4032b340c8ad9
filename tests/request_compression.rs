//! `@requestCompression` (the features model's `PutNote`): the body is gzip-compressed from
//! the minimum size, `Content-Encoding` names gzip after the input's own codings, the settings
//! come from code, the environment or the profile (bad values are errors), and a loopback
//! server receives a gzip body that decompresses to the JSON the operation wrote.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use features_model::client::Config;
use features_model::operation::put_note::{self, PutNoteInput};
use features_model::wire::compression::{compress_request, CompressionSettings};

fn note(size: usize) -> PutNoteInput {
    PutNoteInput::builder().text("n".repeat(size)).build()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip body");
    out
}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

/// The JSON the operation writes for `text`, uncompressed.
fn json_of(text_len: usize) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "text": "n".repeat(text_len) })).unwrap()
}

#[test]
fn bodies_from_the_default_minimum_size_are_gzipped() {
    const ENDPOINT: &str = "https://notes.example.com";
    // `{"text":"..."}` is 11 bytes more than the text.
    let below = put_note::serialize_request(&note(10_240 - 12), ENDPOINT).unwrap();
    assert_eq!(below.body().len(), 10_239);
    assert_eq!(header(&below, "content-encoding"), None);
    let at = put_note::serialize_request(&note(10_240 - 11), ENDPOINT).unwrap();
    assert_eq!(header(&at, "content-encoding"), Some("gzip"));
    assert_eq!(gunzip(at.body()), json_of(10_240 - 11));
    assert_eq!(
        header(&at, "content-length"),
        Some(at.body().len().to_string().as_str())
    );
    assert!(at.body().len() < 200, "compressed: {}", at.body().len());
}

#[test]
fn gzip_is_named_after_the_inputs_own_coding() {
    let input = PutNoteInput::builder()
        .encoding("custom")
        .text("x".repeat(20_000))
        .build();
    let request = put_note::serialize_request(&input, "https://e.com").unwrap();
    assert_eq!(header(&request, "content-encoding"), Some("custom, gzip"));
}

#[test]
fn the_settings_choose_whether_and_from_what_size() {
    let uncompressed =
        || put_note::serialize_request_uncompressed(&note(10), "https://e.com").unwrap();
    let mut request = uncompressed();
    compress_request(&mut request, &CompressionSettings::default()).unwrap();
    assert_eq!(header(&request, "content-encoding"), None);

    let mut request = uncompressed();
    let from_zero = CompressionSettings::new(false, 0).unwrap();
    compress_request(&mut request, &from_zero).unwrap();
    assert_eq!(header(&request, "content-encoding"), Some("gzip"));
    assert_eq!(gunzip(request.body()), json_of(10));
    // Compressed once: the mark is gone.
    let once = request.body().clone();
    compress_request(&mut request, &from_zero).unwrap();
    assert_eq!(request.body(), &once);

    let mut request =
        put_note::serialize_request_uncompressed(&note(50_000), "https://e.com").unwrap();
    compress_request(&mut request, &CompressionSettings::disabled()).unwrap();
    assert_eq!(header(&request, "content-encoding"), None);
    assert_eq!(request.body(), &json_of(50_000));

    assert!(CompressionSettings::new(false, 10_485_760).is_ok());
    let error = CompressionSettings::new(false, 10_485_761).unwrap_err();
    assert!(error.message().contains("10485760"), "{error}");
}

#[test]
fn operations_without_the_trait_are_never_compressed() {
    let input = features_model::operation::put_thing::PutThingInput::builder()
        .name("x".repeat(30_000))
        .build();
    let mut request =
        features_model::operation::put_thing::serialize_request(&input, "https://e.com").unwrap();
    compress_request(&mut request, &CompressionSettings::new(false, 0).unwrap()).unwrap();
    assert_eq!(header(&request, "content-encoding"), None);
}

/// A HOME with `.aws/config` (removed when dropped) and the variables of a test.
struct Home(std::path::PathBuf);

impl Home {
    fn new(config: &str) -> Home {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "request-compression-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        Home(dir)
    }

    fn config(&self, vars: &[(&str, &str)]) -> Result<Config, String> {
        let mut all: Vec<(String, String)> = vec![
            ("HOME".into(), self.0.display().to_string()),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ];
        all.extend(vars.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        Config::from_env_with(move |name| {
            all.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
        })
        .map_err(|e| e.to_string())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn settings_come_from_the_environment_then_the_profile() {
    let plain = Home::new("[default]\nregion = us-east-1\n");
    let config = plain.config(&[]).unwrap();
    assert!(!config.disable_request_compression());
    assert_eq!(config.request_min_compression_size_bytes(), 10_240);

    let profile = Home::new(
        "[default]\ndisable_request_compression = true\nrequest_min_compression_size_bytes = 100\n",
    );
    let config = profile.config(&[]).unwrap();
    assert!(config.disable_request_compression());
    assert_eq!(config.request_min_compression_size_bytes(), 100);
    let config = profile
        .config(&[
            ("AWS_DISABLE_REQUEST_COMPRESSION", "false"),
            ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "0"),
        ])
        .unwrap();
    assert!(!config.disable_request_compression());
    assert_eq!(config.request_min_compression_size_bytes(), 0);
}

#[test]
fn invalid_settings_are_errors_naming_them() {
    let home = Home::new("[default]\n");
    for bad in ["-1", "10485761", "ten", "1.5"] {
        let error = home
            .config(&[("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", bad)])
            .unwrap_err();
        assert!(
            error.contains("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES") && error.contains("10485760"),
            "{error}"
        );
    }
    let error = home
        .config(&[("AWS_DISABLE_REQUEST_COMPRESSION", "yes")])
        .unwrap_err();
    assert!(error.contains("AWS_DISABLE_REQUEST_COMPRESSION"), "{error}");
    let profile = Home::new("[default]\nrequest_min_compression_size_bytes = 99999999\n");
    let error = profile.config(&[]).unwrap_err();
    assert!(
        error.contains("request_min_compression_size_bytes in profile default"),
        "{error}"
    );
    assert!(Config::builder()
        .request_min_compression_size_bytes(10_485_761)
        .is_err());
    assert!(Config::builder()
        .request_min_compression_size_bytes(10_485_760)
        .is_ok());
}

/// The requests a loopback server received: head and body.
type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// Answers `count` requests with `200 {}`, keeping each; ends after that or 20 s.
fn serve(count: usize) -> (String, Received, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let received: Received = Arc::default();
    let log = Arc::clone(&received);
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
            if let Some(request) = smithy_codegen_tests::read_http_request(&mut stream) {
                log.lock().unwrap().push(request);
            }
            let reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (url, received, thread)
}

fn head_value<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

#[test]
fn the_client_sends_a_gzip_body_the_server_can_read() {
    let (url, received, thread) = serve(3);
    let config = |min: u32, disabled: bool| {
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&url)
            .disable_request_compression(disabled)
            .request_min_compression_size_bytes(min)
            .unwrap()
            .build()
    };
    let send = |config: &Config, size: usize| {
        features_model::blocking::Client::new(config)
            .put_note()
            .text("n".repeat(size))
            .send()
            .expect("sent")
    };
    send(&config(10_240, false), 20_000);
    send(&config(0, false), 10);
    send(&config(0, true), 10);
    thread.join().unwrap();
    let received = received.lock().unwrap();
    assert_eq!(received.len(), 3);
    for (i, size) in [(0, 20_000), (1, 10)] {
        let (head, body) = &received[i];
        assert_eq!(head_value(head, "content-encoding"), Some("gzip"), "{head}");
        assert_eq!(gunzip(body), json_of(size));
    }
    let (head, body) = &received[2];
    assert_eq!(head_value(head, "content-encoding"), None, "{head}");
    assert_eq!(body, &json_of(10));
}
