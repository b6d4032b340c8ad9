//! SigV4 with `aws-sigv4`: `x-amz-date`, `authorization` and, with a session token,
//! `x-amz-security-token`.

use std::time::SystemTime;

use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4;

use super::credentials::Credentials;

/// Headers left out of the signature: a proxy or the transport may rewrite them.
const UNSIGNED: &[&str] = &["content-length", "user-agent"];

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
    let mut settings = SigningSettings::default();
    if !double_encode {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
    }
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        credentials.expiry(),
        "client",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .filter(|(name, _)| !UNSIGNED.contains(&name.as_str()))
        .map(|(name, value)| {
            value
                .to_str()
                .map(|value| (name.as_str(), value))
                .map_err(|_| format!("header {name} is not printable ASCII"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )
    .map_err(|e| e.to_string())?;
    let (instructions, _signature) = aws_sigv4::http_request::sign(signable, &params)
        .map_err(|e| e.to_string())?
        .into_parts();
    let (new_headers, _query) = instructions.into_parts();
    for header in new_headers {
        let mut value = http::HeaderValue::from_str(header.value())
            .map_err(|_| format!("{} is not a valid header value", header.name()))?;
        value.set_sensitive(header.sensitive());
        request.headers_mut().insert(header.name(), value);
    }
    Ok(())
}
