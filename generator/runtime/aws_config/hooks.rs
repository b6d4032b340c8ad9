//! What the credential providers need from their host: one bounded HTTP exchange, SigV4 signing and an MFA
//! code. The command line implements them with its ureq agent, TLS settings, proxies and terminal; a generated
//! client with its transport and signer.

use std::time::Duration;

use super::error::Error;
use super::settings::Credentials;

pub struct Reply {
    pub status: u16,
    pub body: String,
    /// `x-amzn-errortype`, when the service sent one.
    pub error_type: Option<String>,
}

impl Reply {
    /// What the providers read of a response, whichever transport fetched it.
    pub fn from_response(response: &http::Response<Vec<u8>>) -> Reply {
        let error_type = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(':').next().unwrap_or(v).to_owned());
        Reply {
            status: response.status().as_u16(),
            body: String::from_utf8_lossy(response.body()).into_owned(),
            error_type,
        }
    }
}

pub trait Hooks {
    /// Sends once with these timeouts, reading the whole body. `proxied`: STS and SSO go through the
    /// environment's proxies (as botocore); the metadata services are link-local or loopback, never proxied.
    /// A failure says where it could not connect, never what was sent.
    fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Duration,
        proxied: bool,
    ) -> Result<Reply, String>;

    /// Signs `request` with SigV4 for `service` in `region`.
    fn sign(
        &self,
        request: &mut http::Request<Vec<u8>>,
        credentials: &Credentials,
        region: &str,
        service: &str,
    ) -> Result<(), String>;

    /// The code of the MFA device `serial` that the role of `profile` asks for.
    fn mfa_code(&self, profile: &str, serial: &str) -> Result<String, Error>;
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
