//! Tests for what modeled errors and operation error enums share (`runtime/modeled_error.rs`,
//! `Unhandled`, and `wire::ErrorResponse`), through hand-written shapes shaped like the
//! generated ones.

// The fixtures carry the whole generated API; not every method of each is called.
#![allow(dead_code)]

#[allow(dead_code)]
mod error {
    include!("../runtime/modeled_error.rs");
    pub use crate::unhandled::Unhandled;
}
#[allow(dead_code)]
#[path = "../runtime/unhandled.rs"]
mod unhandled;
/// The generated crate's `primitives` module, as the runtime sees it: the request IDs.
#[allow(dead_code)]
#[path = "../runtime"]
mod primitives {
    pub mod request_id;
    pub use self::request_id::{RequestId, RequestIds};
}
#[allow(dead_code)]
#[path = "../runtime/wire.rs"]
mod wire;

use error::{ModeledError, Unhandled};

/// The hand-written errors carry no request IDs (the generated ones hold them in a field).
static NO_IDS: primitives::RequestIds = primitives::RequestIds::none();

macro_rules! no_request_ids {
    ($($error:ty),*) => {$(
        impl primitives::RequestId for $error {
            fn request_ids(&self) -> &primitives::RequestIds {
                &NO_IDS
            }
        }
        impl primitives::request_id::SetRequestIds for $error {
            fn set_request_ids(&mut self, _: primitives::RequestIds) {}
        }
    )*};
}
no_request_ids!(Throttled, Denied, Broken, Unavailable, Flaky);

/// The errors without members read from any body (the generated ones read theirs).
macro_rules! from_any_body {
    ($($error:ident),*) => {$(
        impl FromResponse for $error {
            fn from_response(_: u16, _: &HeaderMap, _: &[u8]) -> Result<Self, InvalidResponse> {
                Ok($error)
            }
        }
    )*};
}
from_any_body!(Denied, Broken, Unavailable, Flaky);
use http::header::{HeaderName, HeaderValue};
use http::HeaderMap;
use wire::{ErrorResponse, FromResponse, InvalidResponse};

/// `@retryable(throttling: true) @httpError(429)`, with an optional message.
#[derive(Debug, serde::Deserialize)]
pub struct Throttled {
    message: Option<String>,
}

impl ModeledError for Throttled {
    const CODE: &'static str = "Throttled";
    const HTTP_STATUS: Option<u16> = Some(429);
    const RETRYABLE: bool = true;
    const THROTTLING: bool = true;
    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}
crate::error::modeled_error_api!(Throttled, from_response);
impl FromResponse for Throttled {
    fn from_response(
        status: u16,
        _headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, InvalidResponse> {
        wire::parse_json(status, body)
    }
}

/// `@error("client") @httpError(403)` without a message member: every default.
#[derive(Debug)]
pub struct Denied;

impl ModeledError for Denied {
    const CODE: &'static str = "Denied";
    const HTTP_STATUS: Option<u16> = Some(403);
}
crate::error::modeled_error_api!(Denied);

/// `@error("server")` without `@httpError` and not `@retryable`.
#[derive(Debug)]
pub struct Broken;

impl ModeledError for Broken {
    const CODE: &'static str = "Broken";
    const SERVER_FAULT: bool = true;
}
crate::error::modeled_error_api!(Broken);

/// `@error("server") @httpError(503)`, not `@retryable`: retried for its status alone.
#[derive(Debug)]
pub struct Unavailable;

impl ModeledError for Unavailable {
    const CODE: &'static str = "Unavailable";
    const HTTP_STATUS: Option<u16> = Some(503);
    const SERVER_FAULT: bool = true;
}
crate::error::modeled_error_api!(Unavailable);

/// `@retryable` alone, without a status.
#[derive(Debug)]
pub struct Flaky;

impl ModeledError for Flaky {
    const CODE: &'static str = "Flaky";
    const RETRYABLE: bool = true;
}
crate::error::modeled_error_api!(Flaky);

crate::error::operation_error!(
    OpError(InvalidResponse),
    "Op",
    Throttled(Throttled),
    Denied(Denied),
    Unavailable(Unavailable),
    Flaky(Flaky) = "flaky",
    Broken(Broken) code("Busy.Broken"),
);

fn throttled(message: Option<&str>) -> Throttled {
    Throttled {
        message: message.map(str::to_owned),
    }
}

#[test]
fn modeled_error_methods_come_from_its_model() {
    let e = throttled(Some("slow down"));
    assert_eq!((Throttled::CODE, e.code()), ("Throttled", "Throttled"));
    assert_eq!(e.message(), Some("slow down"));
    assert_eq!(e.http_status(), Some(429));
    assert!(e.is_retryable() && e.is_throttling() && !e.is_server_fault());

    assert_eq!(
        (Denied.code(), Denied.message(), Denied.http_status()),
        ("Denied", None, Some(403))
    );
    assert!(!Denied.is_retryable() && !Denied.is_throttling() && !Denied.is_server_fault());
    assert_eq!(Broken.http_status(), None);
    assert!(Broken.is_server_fault() && !Broken.is_retryable());
}

#[test]
fn modeled_error_displays_code_then_message() {
    assert_eq!(
        throttled(Some("slow down")).to_string(),
        "Throttled: slow down"
    );
    assert_eq!(throttled(None).to_string(), "Throttled");
    assert_eq!(Denied.to_string(), "Denied");
    let boxed: Box<dyn std::error::Error> = Box::new(Denied);
    assert_eq!(boxed.to_string(), "Denied");
}

#[test]
fn enum_answers_for_each_kind_of_error() {
    let e = OpError::Throttled(throttled(Some("slow down")));
    assert_eq!(
        (e.code(), e.message(), e.http_status()),
        (Some("Throttled"), Some("slow down"), Some(429))
    );
    assert_eq!(e.to_string(), "Throttled: slow down");

    let e = OpError::Denied(Denied);
    assert_eq!(
        (e.code(), e.message(), e.http_status()),
        (Some("Denied"), None, Some(403))
    );

    let unhandled = Unhandled {
        code: Some("Other".to_owned()),
        message: Some("what".to_owned()),
        http_status: Some(418),
        ..Unhandled::default()
    };
    let e = OpError::Unhandled(unhandled.clone());
    assert_eq!(
        (e.code(), e.message(), e.http_status()),
        (Some("Other"), Some("what"), Some(418))
    );
    assert_eq!(e.to_string(), unhandled.to_string());

    let invalid = InvalidResponse::new(200, "bad".to_owned());
    let e = OpError::InvalidResponse(invalid.clone());
    assert_eq!(
        (e.code(), e.message(), e.http_status()),
        (None, Some("bad"), Some(200))
    );
    assert_eq!(e.to_string(), invalid.to_string());
}

#[test]
fn enum_retries_retryable_throttling_and_server_errors() {
    assert!(OpError::Throttled(throttled(None)).is_retryable());
    // Each modeled error converts into the enum, into its own variant.
    assert!(matches!(OpError::from(Denied), OpError::Denied(Denied)));
    assert!(matches!(OpError::from(Flaky), OpError::Flaky(_)));
    assert!(!OpError::Denied(Denied).is_retryable());
    // A server fault without a status or `@retryable` is not retried; with a 5xx status it is.
    assert!(!OpError::Broken(Broken).is_retryable());
    assert!(OpError::Unavailable(Unavailable).is_retryable());
    let unhandled = |status| {
        OpError::Unhandled(Unhandled {
            http_status: status,
            ..Unhandled::default()
        })
        .is_retryable()
    };
    assert!(unhandled(Some(500)) && unhandled(Some(503)) && unhandled(Some(429)));
    assert!(!unhandled(Some(400)) && !unhandled(Some(404)) && !unhandled(None));
    let invalid = InvalidResponse::new(503, String::new());
    assert!(!OpError::InvalidResponse(invalid).is_retryable());
    assert!(OpError::Flaky(Flaky).is_retryable());
}

#[test]
fn retry_class_is_the_models_alone() {
    let class = |e: OpError| (e.inner().is_throttling(), e.inner().is_modeled_retryable());
    assert_eq!(class(OpError::Throttled(throttled(None))), (true, true));
    assert_eq!(class(OpError::Flaky(Flaky)), (false, true));
    assert_eq!(class(OpError::Unavailable(Unavailable)), (false, false));
    let unhandled = Unhandled {
        http_status: Some(429),
        ..Unhandled::default()
    };
    assert_eq!(class(OpError::Unhandled(unhandled)), (false, false));
}

fn parse_error(status: u16, headers: &HeaderMap, body: &[u8]) -> OpError {
    OpError::from_error_response(ErrorResponse::new(
        status,
        headers,
        body,
        OpError::InvalidResponse,
    ))
}

fn error_type(code: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("x-amzn-errortype"),
        HeaderValue::from_str(code).unwrap(),
    );
    headers
}

#[test]
fn error_response_reads_the_modeled_error_its_code_names() {
    let body = br#"{"__type": "ns#Throttled", "message": "slow down"}"#;
    match parse_error(429, &HeaderMap::new(), body) {
        OpError::Throttled(e) => assert_eq!(e.message(), Some("slow down")),
        other => panic!("{other:?}"),
    }
    // The header wins over the body.
    match parse_error(
        429,
        &error_type("Throttled:http://x"),
        br#"{"code": "Other"}"#,
    ) {
        OpError::Throttled(e) => assert_eq!(e.message(), None),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_variant_is_matched_by_its_shapes_name_or_its_own_code() {
    // `Flaky` is the shape `flaky`; `Broken`'s protocol names it `Busy.Broken`.
    let read = |code: &str| parse_error(400, &error_type(code), b"{}");
    assert!(matches!(read("flaky"), OpError::Flaky(_)));
    assert!(matches!(read("Flaky"), OpError::Unhandled(_)));
    assert!(matches!(read("Busy.Broken"), OpError::Broken(_)));
    assert!(matches!(read("Broken"), OpError::Unhandled(_)));
    assert!(matches!(read("Denied"), OpError::Denied(_)));
}

#[test]
fn inherent_from_response_is_the_readers() {
    let read = Throttled::from_response(429, &HeaderMap::new(), br#"{"message": "m"}"#);
    assert_eq!(read.map(|e| e.message), Ok(Some("m".to_owned())));
    assert!(Throttled::from_response(429, &HeaderMap::new(), b"[").is_err());
}

#[test]
fn error_response_that_does_not_parse_is_invalid() {
    match parse_error(429, &error_type("Throttled"), br#"{"message": 5}"#) {
        OpError::InvalidResponse(e) => assert_eq!(e.status, 429),
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_response_of_another_code_is_unhandled() {
    let body = br#"{"code": "Mystery", "Message": "no idea"}"#;
    match parse_error(400, &HeaderMap::new(), body) {
        OpError::Unhandled(e) => assert_eq!(
            e,
            Unhandled {
                code: Some("Mystery".to_owned()),
                message: Some("no idea".to_owned()),
                http_status: Some(400),
                ..Unhandled::default()
            }
        ),
        other => panic!("{other:?}"),
    }
    match parse_error(500, &HeaderMap::new(), b"") {
        OpError::Unhandled(e) => assert_eq!(
            e,
            Unhandled {
                http_status: Some(500),
                ..Unhandled::default()
            }
        ),
        other => panic!("{other:?}"),
    }
}
