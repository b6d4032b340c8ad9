//! One bounded HTTP exchange for a credential provider: fixed timeouts, one attempt, the whole body read.

use std::time::Duration;

use crate::send;

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

pub(crate) struct Reply {
    pub status: u16,
    pub body: String,
    /// `x-amzn-errortype`, when the service sent one.
    pub error_type: Option<String>,
}

/// Sends once. `env` gives proxies (STS and SSO, as botocore); metadata services pass `None`: they are
/// link-local or loopback, never behind a proxy. `tls` is
/// the command's (`--ca-bundle`, `--no-verify-ssl`), as botocore's credential clients share the session's. A failure says where it could not connect, never what was sent.
pub(crate) fn exchange(
    request: http::Request<Vec<u8>>,
    timeout: Duration,
    env: Option<Env>,
    tls: &ureq::tls::TlsConfig,
) -> Result<Reply, String> {
    let proxy = match env {
        Some(env) => send::proxy_for(request.uri(), env)?,
        None => None,
    };
    let agent = send::agent(Some(timeout), Some(timeout), proxy, tls.clone());
    let response = send::send(&agent, request).map_err(|e| e.message)?;
    let error_type = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(':').next().unwrap_or(v).to_owned());
    Ok(Reply {
        status: response.status().as_u16(),
        body: String::from_utf8_lossy(response.body()).into_owned(),
        error_type,
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for form bodies and query strings.
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(
            super::encode("arn:aws:iam::1:role/R a+b~é"),
            "arn%3Aaws%3Aiam%3A%3A1%3Arole%2FR%20a%2Bb~%C3%A9"
        );
    }
}
