//! Sending with `ureq` (HTTPS through rustls): timeouts, no redirects, HTTP errors returned as responses.

use std::time::Duration;

use ureq::Agent;

use crate::transport::TransportKind;

/// Responses larger than this are refused rather than read into memory.
const MAX_BODY: u64 = 1 << 30;

/// A failure to get a response at all.
#[derive(Debug)]
pub(crate) struct TransportError {
    pub message: String,
    /// Connection failures, timeouts and broken responses may pass when sent again; bad URLs or TLS
    /// failures will not.
    pub kind: TransportKind,
}

/// An agent for one command; `None` timeouts wait forever.
pub(crate) fn agent(
    connect: Option<Duration>,
    read: Option<Duration>,
    proxy: Option<ureq::Proxy>,
    tls: ureq::tls::TlsConfig,
) -> Agent {
    Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_resolve(connect)
        .timeout_connect(connect)
        .timeout_per_read(read)
        .proxy(proxy)
        .build()
        .into()
}

/// The proxy for `url` from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (or lower case), unless NO_PROXY covers the
/// host; loopback hosts never go through a proxy. An invalid proxy URL is an error.
pub(crate) fn proxy_for(
    url: &http::Uri,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<ureq::Proxy>, String> {
    let host = url
        .host()
        .unwrap_or("")
        .trim_start_matches('[')
        .trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let no_proxy = env("NO_PROXY")
        .or_else(|| env("no_proxy"))
        .unwrap_or_default();
    if loopback || no_proxy_covers(&no_proxy, host) {
        return Ok(None);
    }
    let names: &[&str] = if url.scheme_str() == Some("https") {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    };
    match names
        .iter()
        .find_map(|name| env(name).filter(|v| !v.is_empty()).map(|v| (name, v)))
    {
        None => Ok(None),
        Some((name, value)) => ureq::Proxy::new(&value)
            .map(Some)
            .map_err(|e| format!("Invalid proxy URL in {name}: {e}")),
    }
}

/// NO_PROXY: `*`, or comma-separated host names that match the host or one of its parent domains.
fn no_proxy_covers(no_proxy: &str, host: &str) -> bool {
    no_proxy
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            let entry = entry.trim_start_matches("*.").trim_start_matches('.');
            entry == "*"
                || host.eq_ignore_ascii_case(entry)
                || host
                    .to_ascii_lowercase()
                    .ends_with(&format!(".{}", entry.to_ascii_lowercase()))
        })
}

/// Sends the request and gives the response once its head has arrived, its body to be read as it arrives
/// (each read bounded by the agent's read timeout).
pub(crate) fn send_streaming(
    agent: &Agent,
    request: http::Request<Vec<u8>>,
) -> Result<http::Response<Box<dyn std::io::Read + Send>>, TransportError> {
    let url = request.uri().to_string();
    let response = agent.run(request).map_err(|e| transport_error(e, &url))?;
    Ok(response.map(|body| Box::new(body.into_reader()) as Box<dyn std::io::Read + Send>))
}

/// Sends the request and reads the whole response.
pub(crate) fn send(
    agent: &Agent,
    request: http::Request<Vec<u8>>,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    let url = request.uri().to_string();
    let response = agent.run(request).map_err(|e| transport_error(e, &url))?;
    let (parts, mut body) = response.into_parts();
    let bytes = body
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()
        .map_err(|e| transport_error(e, &url))?;
    Ok(http::Response::from_parts(parts, bytes))
}

/// The AWS CLI's wording for the common cases.
fn transport_error(error: ureq::Error, url: &str) -> TransportError {
    use ureq::Error;
    let (message, kind) = match &error {
        Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => (
            format!("Connect timeout on endpoint URL: \"{url}\""),
            TransportKind::Timeout,
        ),
        Error::Timeout(_) => (
            format!("Read timeout on endpoint URL: \"{url}\""),
            TransportKind::Timeout,
        ),
        Error::Io(e)
            if e.kind() == std::io::ErrorKind::TimedOut
                || e.kind() == std::io::ErrorKind::WouldBlock =>
        {
            (
                format!("Read timeout on endpoint URL: \"{url}\""),
                TransportKind::Timeout,
            )
        }
        Error::Io(_) | Error::ConnectionFailed | Error::HostNotFound => (
            format!("Could not connect to the endpoint URL: \"{url}\" ({error})"),
            TransportKind::Connect,
        ),
        Error::Protocol(_) => (
            format!("Invalid HTTP response from \"{url}\": {error}"),
            TransportKind::Io,
        ),
        _ => (
            format!("Request to \"{url}\" failed: {error}"),
            TransportKind::Other,
        ),
    };
    TransportError { message, kind }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::env_of;

    #[test]
    fn proxies_from_the_environment() {
        let https: http::Uri = "https://thing.us-east-1.amazonaws.com/".parse().unwrap();
        let local: http::Uri = "http://127.0.0.1:8080/".parse().unwrap();
        let env = env_of(&[("HTTPS_PROXY", "http://proxy.example:3128")]);
        assert_eq!(
            proxy_for(&https, &env).unwrap().unwrap().host(),
            "proxy.example"
        );
        assert!(proxy_for(&local, &env).unwrap().is_none());
        let env = env_of(&[
            ("HTTPS_PROXY", "http://proxy.example:3128"),
            ("NO_PROXY", "localhost,.amazonaws.com"),
        ]);
        assert!(proxy_for(&https, &env).unwrap().is_none());
        assert!(proxy_for(&https, &env_of(&[])).unwrap().is_none());
    }

    #[test]
    fn no_proxy_matching() {
        assert!(no_proxy_covers("*", "a.b"));
        assert!(no_proxy_covers("b.com", "a.b.com"));
        assert!(no_proxy_covers("*.b.com", "a.b.com"));
        assert!(no_proxy_covers(" x , B.com", "b.com"));
        assert!(!no_proxy_covers("b.com", "ab.com"));
        assert!(!no_proxy_covers("", "ab.com"));
    }
}
