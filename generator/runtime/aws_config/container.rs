//! Container credentials (ECS, EKS Pod Identity): AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on 169.254.170.2, or
//! AWS_CONTAINER_CREDENTIALS_FULL_URI on a host the SDKs allow (loopback, the ECS and EKS link-local
//! addresses, or any host over HTTPS), with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or
//! AWS_CONTAINER_AUTHORIZATION_TOKEN as the `Authorization` header.

use std::net::IpAddr;
use std::time::Duration;

use serde_json::Value as Json;

use super::chain::{header_safe, Context};
use super::error::Error;
use super::settings::Credentials;

/// botocore's container metadata timeout.
const TIMEOUT: Duration = Duration::from_secs(2);
const ECS_HOST: &str = "http://169.254.170.2";
/// botocore's attempts and the pause between them.
const ATTEMPTS: u32 = 3;
const PAUSE: Duration = Duration::from_secs(1);

/// `None` unless one of the two URI variables is set.
pub fn provide(ctx: &Context) -> Result<Option<Credentials>, Error> {
    let fail = |why: String| {
        Error::config(format!(
            "Error when retrieving credentials from container-role: {why}"
        ))
    };
    let url = match (
        ctx.var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
        ctx.var("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
    ) {
        (Some(relative), _) => format!("{ECS_HOST}{relative}"),
        (None, Some(full)) => {
            if !allowed(&full) {
                return Err(fail(format!(
                    "Unsupported host in AWS_CONTAINER_CREDENTIALS_FULL_URI \"{full}\": it must be a loopback \
                     address, 169.254.170.2, 169.254.170.23, fd00:ec2::23, or use https"
                )));
            }
            full
        }
        (None, None) => return Ok(None),
    };
    let token = match (
        ctx.var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
        ctx.var("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
    ) {
        (Some(path), _) => Some(std::fs::read_to_string(&path).map_err(|e| {
            fail(format!(
                "cannot read the authorization token file {path}: {e}"
            ))
        })?),
        (None, token) => token,
    };
    let mut request = http::Request::get(&url);
    if let Some(token) = token {
        let token = token.trim();
        if !header_safe(token) {
            return Err(fail(
                "the authorization token holds characters that cannot be sent in an HTTP header"
                    .to_owned(),
            ));
        }
        request = request.header("authorization", token);
    }
    let request = request
        .body(Vec::new())
        .map_err(|e| fail(format!("invalid URL \"{url}\": {e}")))?;
    let mut attempt = 1;
    let reply = loop {
        let outcome = ctx.hooks.exchange(copy(&request), TIMEOUT, false);
        let retryable = match &outcome {
            Ok(reply) => reply.status >= 500,
            Err(_) => true,
        };
        if !retryable || attempt >= ATTEMPTS {
            break outcome.map_err(fail)?;
        }
        std::thread::sleep(PAUSE);
        attempt += 1;
    };
    if reply.status != 200 {
        return Err(fail(format!("HTTP {} from {url}", reply.status)));
    }
    parse(&reply.body)
        .map(Some)
        .ok_or_else(|| fail("the answer has no AccessKeyId and SecretAccessKey".to_owned()))
}

fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(Vec::new());
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// The SDKs' rule for a full URI: HTTPS anywhere, plain HTTP only to loopback or the container hosts.
fn allowed(url: &str) -> bool {
    let Ok(uri) = url.parse::<http::Uri>() else {
        return false;
    };
    let host = uri
        .host()
        .unwrap_or("")
        .trim_start_matches('[')
        .trim_end_matches(']');
    match uri.scheme_str() {
        Some("https") => !host.is_empty(),
        Some("http") => {
            host.eq_ignore_ascii_case("localhost")
                || host.parse::<IpAddr>().is_ok_and(|ip| {
                    ip.is_loopback()
                        || ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]
                            .iter()
                            .any(|a| a.parse::<IpAddr>().ok() == Some(ip))
                })
        }
        _ => false,
    }
}

/// `{AccessKeyId, SecretAccessKey, Token, Expiration}`, as both metadata services answer.
pub fn parse(body: &str) -> Option<Credentials> {
    let doc: Json = serde_json::from_str(body).ok()?;
    let field = |name: &str| doc.get(name).and_then(Json::as_str).map(str::to_owned);
    Some(Credentials {
        access_key: field("AccessKeyId")?,
        secret_key: field("SecretAccessKey")?,
        session_token: field("Token"),
        expiry: field("Expiration")
            .as_deref()
            .and_then(super::credential_process::expiration_time),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_uri_hosts_as_the_sdks_allow() {
        for ok in [
            "http://127.0.0.1:8080/creds",
            "http://127.1.2.3/x",
            "http://localhost/x",
            "http://[::1]:9/x",
            "http://169.254.170.2/x",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/x",
            "https://creds.example.com/x",
        ] {
            assert!(super::allowed(ok), "{ok}");
        }
        for bad in [
            "http://example.com/x",
            "http://10.0.0.1/x",
            "ftp://127.0.0.1/",
            "nonsense",
        ] {
            assert!(!super::allowed(bad), "{bad}");
        }
    }
}
