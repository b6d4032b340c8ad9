//! Fixtures shared by the criterion benches and the callgrind driver (`benches/`): the models
//! and wire captures to read, the hand-written serde baseline types, and sketches of cheaper
//! request building to measure beside the generated code.
//!
//! Everything that needs `../shared` panics loudly when it is absent: a benchmark that quietly
//! measured nothing would be worse than none.

use std::path::{Path, PathBuf};

use http::{HeaderMap, HeaderName, HeaderValue};
use socialmessaging::operation::associate_whats_app_business_account as associate;

pub mod baseline;
pub mod sketch;

/// The endpoint the requests are built for.
pub const ENDPOINT: &str = "https://social-messaging.us-east-1.amazonaws.com";

/// The workspace root (the directory above `bench/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ has a parent")
        .to_path_buf()
}

/// `../shared` beside the repository; panics with an explanation when it is missing.
pub fn shared_dir() -> PathBuf {
    let dir = repo_root().join("../shared");
    if !dir.is_dir() {
        panic!(
            "\n\n*** ../shared is missing (looked in {}) ***\n\
             These benchmarks read the reference models and wire captures in ../shared.\n\
             Put the shared folder beside the repository and run again.\n",
            dir.display()
        );
    }
    dir
}

/// A file under `../shared`; panics loudly when it (or `../shared`) is missing.
pub fn shared_file(relative: &str) -> PathBuf {
    let path = shared_dir().join(relative);
    if !path.is_file() {
        panic!("\n\n*** {} is missing from ../shared ***\n", path.display());
    }
    path
}

/// The models generation is measured on, by short name.
pub fn generation_models() -> Vec<(&'static str, PathBuf)> {
    vec![
        ("model", repo_root().join("model")),
        (
            "socialmessaging-2024-01-01",
            shared_file("models/socialmessaging-2024-01-01.json"),
        ),
        (
            "dataexchange-2017-07-25",
            shared_file("models/corpus/dataexchange-2017-07-25.json"),
        ),
    ]
}

/// The whole generation as `smithy-codegen generate` does it, minus writing files: load,
/// resolve, plan, emit, then format every file of the crate. Returns the bytes of Rust produced.
pub fn generate(model: &Path) -> usize {
    let output = smithy_codegen::run(&[model], None).expect("the model generates");
    let files = smithy_codegen::write::crate_files(&output.code).expect("the code formats");
    files.values().map(String::len).sum()
}

/// A canned HTTP response from `../shared/wire/responses`.
pub struct CannedResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl CannedResponse {
    /// Reads `responses/<case>.json`.
    pub fn load(case: &str) -> CannedResponse {
        let path = shared_file(&format!("wire/responses/{case}.json"));
        let text = std::fs::read_to_string(&path).expect("readable response capture");
        let json: serde_json::Value =
            serde_json::from_str(&text).expect("response capture is JSON");
        let status = json["status"].as_u64().expect("status") as u16;
        let mut headers = HeaderMap::new();
        for (name, value) in json["headers"].as_object().expect("headers") {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                HeaderValue::from_str(value.as_str().expect("header value")).expect("header value"),
            );
        }
        let body = json["body"].as_str().expect("body").as_bytes().to_vec();
        CannedResponse {
            status,
            headers,
            body,
        }
    }
}

/// Everything the wire benchmarks work on, read once.
pub struct WireFixture {
    /// The typical input as the generated crate's type.
    pub input: associate::AssociateWhatsAppBusinessAccountInput,
    /// The same input as the hand-written baseline type.
    pub baseline_input: baseline::Input,
    pub ok: CannedResponse,
    pub throttled: CannedResponse,
}

impl WireFixture {
    pub fn load() -> WireFixture {
        let text = std::fs::read_to_string(shared_file("wire/input-typical.json"))
            .expect("readable input-typical.json");
        let input: associate::AssociateWhatsAppBusinessAccountInput =
            serde_json::from_str(&text).expect("the typical input reads as the generated input");
        let baseline_input: baseline::Input =
            serde_json::from_str(&text).expect("the typical input reads as the baseline input");
        let fixture = WireFixture {
            input,
            baseline_input,
            ok: CannedResponse::load("ok-200"),
            throttled: CannedResponse::load("throttled-429"),
        };
        fixture.check();
        fixture
    }

    /// Makes sure every measured operation does the real work (and succeeds or fails as it
    /// should), so that no benchmark times an early error.
    fn check(&self) {
        self.input.validate().expect("the typical input is valid");
        let ours = associate::serialize_request(&self.input, ENDPOINT).expect("request");
        let theirs = serde_json::to_vec(&self.baseline_input).expect("baseline body");
        let ours_json: serde_json::Value = serde_json::from_slice(ours.body()).expect("JSON body");
        let theirs_json: serde_json::Value = serde_json::from_slice(&theirs).expect("JSON body");
        assert_eq!(ours_json, theirs_json, "both bodies carry the same JSON");

        let output = associate::parse_response(self.ok.status, &self.ok.headers, &self.ok.body)
            .expect("the 200 response parses");
        assert_eq!(output.status_code, Some(200));
        let baseline: baseline::Output =
            serde_json::from_slice(&self.ok.body).expect("the baseline parses the 200 response");
        assert_eq!(baseline.status_code, Some(200));

        let error = associate::parse_response(
            self.throttled.status,
            &self.throttled.headers,
            &self.throttled.body,
        )
        .expect_err("the 429 response is an error");
        assert!(
            matches!(
                error,
                associate::AssociateWhatsAppBusinessAccountError::ThrottledRequestException(_)
            ),
            "{error:?}"
        );
        let baseline: baseline::ErrorBody =
            serde_json::from_slice(&self.throttled.body).expect("baseline error body");
        assert_eq!(baseline.message.as_deref(), Some("bad things"));
    }
}
