//! `--debug`: the HTTP exchange on stderr, with secrets masked (see `redact`).

use std::io::Write;

use crate::endpoint::Resolution;
use crate::redact;
use crate::schema::Schema;

pub(crate) fn line(out: &mut dyn Write, text: &str) {
    for part in text.lines() {
        let _ = writeln!(out, "[debug] {part}");
    }
}

/// How the endpoint was chosen: the settings that were set and where from, the rules' parameters, and the
/// endpoint (URL, headers, auth schemes) or the rules' error.
pub(crate) fn endpoint(out: &mut dyn Write, sources: &[(&str, String)], resolution: &Resolution) {
    let settings: Vec<String> = sources
        .iter()
        .map(|(setting, source)| format!("{setting} from {source}"))
        .collect();
    line(
        out,
        &format!(
            "endpoint settings: {}",
            match settings.is_empty() {
                true => "none configured".to_owned(),
                false => settings.join(", "),
            }
        ),
    );
    line(
        out,
        &format!("endpoint rules parameters: {}", resolution.params),
    );
    match &resolution.endpoint {
        Ok(endpoint) => {
            line(out, &format!("endpoint rules result: {}", endpoint.url));
            for (name, values) in &endpoint.headers {
                line(
                    out,
                    &format!("  endpoint header {name}: {}", values.join(", ")),
                );
            }
            for scheme in &endpoint.auth_schemes {
                line(
                    out,
                    &format!(
                        "  auth scheme {}: signing name {}, signing region {}{}",
                        scheme.name,
                        scheme.signing_name.as_deref().unwrap_or("(the service's)"),
                        match (&scheme.signing_region, scheme.signing_region_set.as_slice()) {
                            (Some(region), _) => region.clone(),
                            (None, []) => "(the configured one)".to_owned(),
                            (None, set) => format!("set {}", set.join(",")),
                        },
                        match scheme.disable_double_encoding {
                            true => ", no double encoding",
                            false => "",
                        }
                    ),
                );
            }
        }
        Err(error) => line(out, &format!("endpoint rules error: {error}")),
    }
}

pub(crate) fn request(
    out: &mut dyn Write,
    request: &http::Request<Vec<u8>>,
    schema: &Schema,
    secrets: &[String],
) {
    let url = redact::redact_text(&request.uri().to_string(), secrets);
    line(out, &format!("request: {} {url}", request.method()));
    headers(out, request.headers(), secrets);
    line(
        out,
        &format!(
            "request body: {}",
            shown_body(request.headers(), request.body(), schema, secrets)
        ),
    );
}

/// The media type of event streams (smithy.io, "Amazon Event Stream Specification").
const EVENT_STREAM: &str = "application/vnd.amazon.eventstream";

/// A body as `--debug` shows it. An event stream's binary messages are not shown: their payloads could hold
/// sensitive members that no text masking would find.
fn shown_body(
    headers: &http::HeaderMap,
    body: &[u8],
    schema: &Schema,
    secrets: &[String],
) -> String {
    let event_stream = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case(EVENT_STREAM));
    match event_stream {
        true => format!("<an event stream of {} bytes>", body.len()),
        false => redact::body(body, schema, secrets),
    }
}

pub(crate) fn response(
    out: &mut dyn Write,
    response: &http::Response<Vec<u8>>,
    schema: &Schema,
    secrets: &[String],
) {
    line(out, &format!("response: {}", response.status()));
    headers(out, response.headers(), secrets);
    line(
        out,
        &format!(
            "response body: {}",
            shown_body(response.headers(), response.body(), schema, secrets)
        ),
    );
}

/// The head of a response whose body is read as it arrives (an output event stream: its binary messages are
/// not shown, as [`shown_body`] says; a streaming blob output: its bytes go to the outfile, never the log).
pub(crate) fn response_head(
    out: &mut dyn Write,
    status: http::StatusCode,
    response_headers: &http::HeaderMap,
    secrets: &[String],
) {
    line(out, &format!("response: {status}"));
    headers(out, response_headers, secrets);
    let events = response_headers
        .get(http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(EVENT_STREAM.as_bytes()));
    match events {
        true => line(out, "response body: <an event stream, read as it arrives>"),
        false => line(out, "response body: <read as it arrives, not shown>"),
    }
}

fn headers(out: &mut dyn Write, headers: &http::HeaderMap, secrets: &[String]) {
    for (name, value) in headers {
        let shown = redact::header_value(name.as_str(), value.as_bytes(), secrets);
        line(out, &format!("  {name}: {shown}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::{AuthScheme, Endpoint};

    fn shown(sources: &[(&str, String)], resolution: &Resolution) -> String {
        let mut out = Vec::new();
        endpoint(&mut out, sources, resolution);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_endpoint_and_why() {
        let resolution = Resolution {
            params: "Params { region: Some(\"us-gov-west-1\"), use_fips: true }".to_owned(),
            endpoint: Ok(Endpoint {
                url: "https://thing-fips.us-gov-west-1.amazonaws.com".to_owned(),
                headers: vec![("x-amz-a".to_owned(), vec!["1".to_owned(), "2".to_owned()])],
                auth_schemes: vec![AuthScheme {
                    name: "sigv4".to_owned(),
                    signing_name: Some("thing".to_owned()),
                    signing_region: Some("us-gov-west-1".to_owned()),
                    ..AuthScheme::default()
                }],
            }),
        };
        let sources = [("use_fips", "use_fips_endpoint in profile gov".to_owned())];
        assert_eq!(
            shown(&sources, &resolution),
            "[debug] endpoint settings: use_fips from use_fips_endpoint in profile gov\n\
             [debug] endpoint rules parameters: Params { region: Some(\"us-gov-west-1\"), use_fips: true }\n\
             [debug] endpoint rules result: https://thing-fips.us-gov-west-1.amazonaws.com\n\
             [debug]   endpoint header x-amz-a: 1, 2\n\
             [debug]   auth scheme sigv4: signing name thing, signing region us-gov-west-1\n"
        );
        let failed = Resolution {
            params: "Params {}".to_owned(),
            endpoint: Err("Invalid Configuration: Missing Region".to_owned()),
        };
        assert_eq!(
            shown(&[], &failed),
            "[debug] endpoint settings: none configured\n\
             [debug] endpoint rules parameters: Params {}\n\
             [debug] endpoint rules error: Invalid Configuration: Missing Region\n"
        );
    }
}
