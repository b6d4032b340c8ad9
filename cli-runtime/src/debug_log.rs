//! `--debug`: the HTTP exchange on stderr, with secrets masked (see `redact`).

use std::io::Write;

use crate::redact;
use crate::schema::Schema;

pub(crate) fn line(out: &mut dyn Write, text: &str) {
    for part in text.lines() {
        let _ = writeln!(out, "[debug] {part}");
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
            redact::body(request.body(), schema, secrets)
        ),
    );
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
            redact::body(response.body(), schema, secrets)
        ),
    );
}

fn headers(out: &mut dyn Write, headers: &http::HeaderMap, secrets: &[String]) {
    for (name, value) in headers {
        let shown = redact::header_value(name.as_str(), value.as_bytes(), secrets);
        line(out, &format!("  {name}: {shown}"));
    }
}
