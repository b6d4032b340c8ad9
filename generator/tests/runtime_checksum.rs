//! Tests for the checksums that generated crates embed verbatim (`runtime/checksum.rs`,
//! `runtime/checksum_algorithms.rs`): published check values of each algorithm, and how the
//! marks are applied and responses checked.

#[allow(dead_code)]
#[path = "../runtime/checksum.rs"]
mod checksum;
#[allow(dead_code)]
#[path = "../runtime/checksum_algorithms.rs"]
mod checksum_algorithms;

/// What the two files use of the generated crate's `wire` module.
#[derive(Debug)]
pub struct RequestError(String);

impl RequestError {
    pub fn new(message: impl Into<String>) -> Self {
        RequestError(message.into())
    }
}

use checksum::*;
use checksum_algorithms::*;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn crcs_give_the_published_check_values() {
    // The "check" of each CRC's catalogue entry: the CRC of the ASCII "123456789".
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32c(b"123456789"), 0xE306_9283);
    assert_eq!(crc64nvme(b"123456789"), 0xAE8B_1486_0A79_9888);
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32c(b""), 0);
    assert_eq!(crc64nvme(b""), 0);
}

#[test]
fn digests_give_the_published_test_vectors() {
    assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(hex(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
    assert_eq!(
        hex(&md5(
            b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
        )),
        "57edf4a22be3c955ac49da2e2107b67a"
    );
    assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    assert_eq!(
        hex(&sha1(b"abc")),
        "a9993e364706816aba3e25717850c26c9cd0d89d"
    );
    assert_eq!(
        hex(&sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(&sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // Two blocks: the padding crosses a block boundary.
    assert_eq!(
        hex(&sha256(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(
        hex(&sha1(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
    );
}

#[test]
fn base64_pads_as_the_standard_says() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    assert_eq!(
        (CRC32.compute)(b"123456789"),
        base64(&[0xCB, 0xF4, 0x39, 0x26])
    );
}

#[test]
fn algorithm_names_are_read_in_any_case_and_others_refused() {
    assert_eq!(by_name("crc32c").map(|a| a.name), Some("CRC32C"));
    assert_eq!(
        by_name("SHA256").map(|a| a.header),
        Some("x-amz-checksum-sha256")
    );
    assert!(
        by_name("MD5").is_none(),
        "MD5 is not a flexible checksum algorithm"
    );
    let refused = requested(Some("XXHASH3")).unwrap_err();
    assert!(refused.0.contains("XXHASH3"), "{}", refused.0);
    assert!(requested(None).unwrap().is_none());
}

fn marked(mark: RequestChecksum) -> http::Request<Vec<u8>> {
    let mut request = http::Request::new(b"123456789".to_vec());
    request.extensions_mut().insert(mark);
    request
}

fn flexible(chosen: Option<checksum::Algorithm>, required: bool) -> RequestChecksum {
    RequestChecksum {
        chosen,
        supported: true,
        required,
        default: Some(CRC32),
        algorithm_header: Some("x-amz-sdk-checksum-algorithm"),
        md5: None,
    }
}

#[test]
fn a_request_gets_the_chosen_or_default_checksum_as_the_setting_says() {
    let mut request = marked(flexible(Some(SHA1), false));
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
    assert_eq!(
        request.headers()["x-amz-checksum-sha1"],
        base64(&sha1(b"123456789"))
    );
    // The input's own header binding wrote the algorithm; nothing is added.
    assert!(request
        .headers()
        .get("x-amz-sdk-checksum-algorithm")
        .is_none());

    let mut request = marked(flexible(None, false));
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenSupported).unwrap();
    assert_eq!(request.headers()["x-amz-checksum-crc32"], "y/Q5Jg==");
    assert_eq!(request.headers()["x-amz-sdk-checksum-algorithm"], "CRC32");

    let mut request = marked(flexible(None, false));
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
    assert!(request.headers().is_empty(), "not required, not chosen");

    let mut request = marked(flexible(None, true));
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
    assert_eq!(request.headers()["x-amz-checksum-crc32"], "y/Q5Jg==");
}

#[test]
fn md5_only_without_a_flexible_checksum_and_a_given_checksum_is_kept() {
    let md5_only = RequestChecksum {
        chosen: None,
        supported: false,
        required: false,
        default: None,
        algorithm_header: None,
        md5: Some(MD5),
    };
    let mut request = marked(md5_only.clone());
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
    assert_eq!(request.headers()["content-md5"], base64(&md5(b"123456789")));
    // Applied once: the mark is taken.
    request.headers_mut().clear();
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
    assert!(request.headers().is_empty());

    let mut both = flexible(None, true);
    both.md5 = Some(MD5);
    let mut request = marked(both);
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenSupported).unwrap();
    assert!(request.headers().get("content-md5").is_none());
    assert!(request.headers().get("x-amz-checksum-crc32").is_some());

    let mut request = marked(flexible(Some(SHA256), true));
    request.headers_mut().insert(
        "x-amz-checksum-crc32c",
        http::HeaderValue::from_static("given"),
    );
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenSupported).unwrap();
    assert_eq!(request.headers()["x-amz-checksum-crc32c"], "given");
    assert!(request.headers().get("x-amz-checksum-sha256").is_none());

    // Headers of the checksum's kind or mode are no checksums.
    let mut request = marked(flexible(Some(SHA256), true));
    for (name, value) in [
        ("x-amz-checksum-type", "FULL_OBJECT"),
        ("x-amz-checksum-mode", "ENABLED"),
    ] {
        request
            .headers_mut()
            .insert(name, http::HeaderValue::from_static(value));
    }
    add_request_checksum(&mut request, RequestChecksumCalculation::WhenSupported).unwrap();
    assert_eq!(
        request.headers()["x-amz-checksum-sha256"],
        base64(&sha256(b"123456789"))
    );
}

const RESPONSE_ALGORITHMS: &[checksum::Algorithm] = &[CRC64NVME, CRC32C, CRC32, SHA1, SHA256];

fn response_headers(pairs: &[(&str, &str)]) -> http::HeaderMap {
    pairs
        .iter()
        .map(|(n, v)| {
            (
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            )
        })
        .collect()
}

#[test]
fn responses_are_checked_in_priority_order_and_mismatches_refused() {
    let mark = ResponseChecksum {
        algorithms: RESPONSE_ALGORITHMS,
        enabled: false,
    };
    let body = b"123456789";
    let good = (CRC32C.compute)(body);
    let headers = response_headers(&[
        ("x-amz-checksum-crc32c", &good),
        ("x-amz-checksum-sha256", "not checked: CRC32C comes first"),
    ]);
    let checked = validate_response(
        &mark,
        ResponseChecksumValidation::WhenSupported,
        &headers,
        body,
    );
    assert_eq!(checked, Ok(Some("CRC32C")));

    let bad = response_headers(&[("x-amz-checksum-crc32", "AAAAAA==")]);
    let error = validate_response(&mark, ResponseChecksumValidation::WhenSupported, &bad, body)
        .unwrap_err();
    assert_eq!(error.header, "x-amz-checksum-crc32");
    assert!(error.to_string().contains("does not match"), "{error}");

    // Not asked: when_required without the validation mode.
    assert_eq!(
        validate_response(&mark, ResponseChecksumValidation::WhenRequired, &bad, body),
        Ok(None)
    );
    let enabled = ResponseChecksum {
        enabled: true,
        ..mark.clone()
    };
    assert!(validate_response(
        &enabled,
        ResponseChecksumValidation::WhenRequired,
        &bad,
        body
    )
    .is_err());

    // A checksum of parts is not the body's.
    let parts = response_headers(&[("x-amz-checksum-crc32", "AAAAAA==-3")]);
    assert_eq!(
        validate_response(
            &mark,
            ResponseChecksumValidation::WhenSupported,
            &parts,
            body
        ),
        Ok(None)
    );
    assert_eq!(
        validate_response(
            &mark,
            ResponseChecksumValidation::WhenSupported,
            &http::HeaderMap::new(),
            body
        ),
        Ok(None)
    );
}

#[test]
fn settings_read_as_the_sdks_write_them() {
    assert_eq!(
        RequestChecksumCalculation::parse("WHEN_REQUIRED"),
        Some(RequestChecksumCalculation::WhenRequired)
    );
    assert_eq!(
        ResponseChecksumValidation::parse(" when_supported "),
        Some(ResponseChecksumValidation::WhenSupported)
    );
    assert_eq!(RequestChecksumCalculation::parse("always"), None);
    assert_eq!(
        RequestChecksumCalculation::default(),
        RequestChecksumCalculation::WhenSupported
    );
}
