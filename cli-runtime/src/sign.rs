//! SigV4 signing of the command line's requests: headers `x-amz-date`, `authorization` and, with a session
//! token, `x-amz-security-token`. No `x-amz-content-sha256` header, like the AWS CLI for JSON services. The
//! signer is the one generated clients carry (`generator/runtime/aws_config/sigv4.rs`).

use std::time::SystemTime;

use crate::aws_config::sigv4::Signer;

/// Signs `request` in place for `service` in `region` at `time`: the credential providers' own requests (STS).
/// The service's requests are signed by the generated client.
pub(crate) fn sign(
    request: &mut http::Request<Vec<u8>>,
    access_key: &str,
    secret_key: &str,
    session_token: Option<&str>,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), String> {
    Signer {
        access_key_id: access_key,
        secret_access_key: secret_key,
        session_token,
        region,
        service,
        time,
        double_encode: true,
        normalize_path: true,
    }
    .sign(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    /// 2015-08-30T12:36:00Z, the time of the AWS SigV4 test suite.
    fn suite_time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_440_938_160)
    }

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// The test suite's "get-vanilla" case through this wrapper (the signer's own cases are in
    /// `aws_config::sigv4`).
    #[test]
    fn get_vanilla_known_answer() {
        let mut request = http::Request::get("https://example.amazonaws.com/")
            .body(Vec::new())
            .unwrap();
        sign(
            &mut request,
            "AKIDEXAMPLE",
            SECRET,
            None,
            "us-east-1",
            "service",
            suite_time(),
        )
        .unwrap();
        assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            request.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert!(request.headers().get("x-amz-security-token").is_none());
    }
}
