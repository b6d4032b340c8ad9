//! Our SigV4 signer (`client::aws_config::sigv4`, which the command line uses too) against
//! `aws-sigv4`, the signer of the official Rust SDK, on generated requests: the same
//! `Authorization` header for every method, path (encoded bytes, `.`/`..`/empty segments),
//! query, header set (repeats, inner and outer spaces), body, session token and encoding mode.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SigningSettings, UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::Config;
use socialmessaging::client::aws_config::sigv4::Signer;

#[derive(Debug, Clone)]
struct Case {
    method: &'static str,
    authority: &'static str,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    token: Option<String>,
    seconds: u64,
    double_encode: bool,
    normalize_path: bool,
}

impl Case {
    fn request(&self) -> http::Request<Vec<u8>> {
        let query = self
            .query
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&");
        let uri = match query.is_empty() {
            true => format!("{}{}", self.authority, self.path),
            false => format!("{}{}?{query}", self.authority, self.path),
        };
        let mut request = http::Request::builder().method(self.method).uri(uri);
        for (name, value) in &self.headers {
            request = request.header(*name, value);
        }
        request.body(self.body.clone()).expect("a valid request")
    }

    fn time(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.seconds)
    }
}

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn ours(case: &Case) -> http::Request<Vec<u8>> {
    let mut request = case.request();
    Signer {
        access_key_id: "AKIDEXAMPLE",
        secret_access_key: SECRET,
        session_token: case.token.as_deref(),
        region: "eu-west-3",
        service: "social-messaging",
        time: case.time(),
        double_encode: case.double_encode,
        normalize_path: case.normalize_path,
    }
    .sign(&mut request)
    .expect("our signer signs every generated request");
    request
}

/// `aws-sigv4`'s headers for the same request; the headers our signer never signs are not
/// handed to it (it leaves some of them out on its own, but not `content-length`).
fn reference(case: &Case) -> Vec<(String, String)> {
    let identity = aws_credential_types::Credentials::new(
        "AKIDEXAMPLE",
        SECRET,
        case.token.clone(),
        None,
        "test",
    )
    .into();
    let mut settings = SigningSettings::default();
    if !case.double_encode {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
    }
    if !case.normalize_path {
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("eu-west-3")
        .name("social-messaging")
        .time(case.time())
        .settings(settings)
        .build()
        .expect("signing parameters")
        .into();
    let request = case.request();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .filter(|(name, _)| !["content-length", "user-agent"].contains(&name.as_str()))
        .map(|(name, value)| (name.as_str(), value.to_str().expect("ASCII values")));
    let signable = SignableRequest::new(
        case.method,
        uri,
        headers,
        SignableBody::Bytes(request.body()),
    )
    .expect("a signable request");
    let (instructions, _) = aws_sigv4::http_request::sign(signable, &params)
        .expect("aws-sigv4 signs it")
        .into_parts();
    let (headers, _) = instructions.into_parts();
    headers
        .into_iter()
        .map(|header| (header.name().to_owned(), header.value().to_owned()))
        .collect()
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z0-9_~-]{1,8}",
        1 => Just(".".to_owned()),
        1 => Just("..".to_owned()),
        1 => Just(String::new()),
        // Already-encoded bytes, as the serializer writes labels.
        2 => "(%[0-9A-F]{2}|[a-z]){1,4}",
        1 => "[a-z]{1,3}\\.[a-z]{1,3}",
    ]
}

fn query_part() -> impl Strategy<Value = String> {
    "([A-Za-z0-9._~-]|%[0-9A-F]{2}|\\+){0,6}"
}

fn header_value() -> impl Strategy<Value = String> {
    "[ ]{0,2}[!-~]{1,6}([ ]{1,3}[!-~]{1,6}){0,2}[ ]{0,2}"
}

fn case() -> impl Strategy<Value = Case> {
    let names = [
        "content-type",
        "x-amz-target",
        "x-custom",
        "x-amz-meta-a",
        "accept",
        "content-length",
        "user-agent",
        "x-amzn-idempotency-token",
    ];
    (
        prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]),
        prop::sample::select(vec![
            "https://social-messaging.eu-west-3.amazonaws.com",
            "http://127.0.0.1:8080",
            "https://example.com:443",
            "http://localhost:80",
        ]),
        (vec(segment(), 0..6), any::<bool>()),
        vec((query_part(), query_part()), 0..5),
        vec((prop::sample::select(names.to_vec()), header_value()), 0..6),
        vec(any::<u8>(), 0..64),
        option::of("[A-Za-z0-9/+=]{8,40}"),
        // 1970 to 2100.
        0u64..4_102_444_800,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                method,
                authority,
                (segments, trailing),
                query,
                headers,
                body,
                token,
                seconds,
                double_encode,
                normalize_path,
            )| {
                let mut path = format!("/{}", segments.join("/"));
                if trailing && path != "/" {
                    path.push('/');
                }
                Case {
                    method,
                    authority,
                    path,
                    query,
                    headers,
                    body,
                    token,
                    seconds,
                    double_encode,
                    normalize_path,
                }
            },
        )
}

proptest! {
    #![proptest_config(Config { cases: 2000, failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_same_headers_as_aws_sigv4(case in case()) {
        let signed = ours(&case);
        for (name, value) in reference(&case) {
            let got = signed.headers().get(&name).map(|v| v.to_str().unwrap_or("<binary>"));
            prop_assert_eq!(got, Some(value.as_str()), "header {}", name);
        }
        prop_assert_eq!(
            signed.headers().contains_key("x-amz-security-token"),
            case.token.is_some()
        );
    }
}

#[test]
fn the_generator_covers_what_it_claims() {
    // Guards the strategy itself: a generator that stopped producing encoded paths or tokens
    // would make the property above weaker without failing it.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = case();
    let (mut dots, mut encoded, mut tokens, mut single) = (0, 0, 0, 0);
    for _ in 0..500 {
        let case = strategy.new_tree(&mut runner).expect("a case").current();
        dots += usize::from(case.path.contains("/.."));
        encoded += usize::from(case.path.contains('%'));
        tokens += usize::from(case.token.is_some());
        single += usize::from(!case.double_encode);
    }
    for (what, count) in [
        ("dot segments", dots),
        ("encoded bytes", encoded),
        ("session tokens", tokens),
        ("single encoding", single),
    ] {
        assert!(count > 25, "only {count} of 500 cases have {what}");
    }
}
