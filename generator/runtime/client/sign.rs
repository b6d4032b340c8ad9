//! SigV4 for the client's requests, with the signer the command line uses
//! (`aws_config::sigv4`).

use std::time::SystemTime;

use super::aws_config::sigv4::Signer;
use super::credentials::Credentials;

/// Signs `request` in place for `service` in `region` at `time`.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), String> {
    sign_encoded(request, credentials, (region, service), time, true)
}

/// As [`sign`]; `double_encode` false for an endpoint whose auth scheme sets
/// `disableDoubleEncoding` (the canonical path is then percent-encoded once).
pub fn sign_encoded(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    (region, service): (&str, &str),
    time: SystemTime,
    double_encode: bool,
) -> Result<(), String> {
    Signer {
        access_key_id: credentials.access_key_id(),
        secret_access_key: credentials.secret_access_key(),
        session_token: credentials.session_token(),
        region,
        service,
        time,
        double_encode,
        normalize_path: true,
    }
    .sign(request)
}
