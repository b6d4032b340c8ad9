//! The rules engine's standard library (smithy.io, "Rules engine standard library").
//! `Value::Null` stands for an unset value.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{json, Map, Value};

/// One step of a `getAttr` path: `name` or `[index]`.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    Key(String),
    Index(i64),
}

/// Parses `a.b[2]`, `[0]`, `resourceId[1]`.
pub fn parse_path(path: &str) -> Result<Vec<PathSegment>, String> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            segments.push(PathSegment::Key(key.to_owned()));
        } else if rest.is_empty() {
            return Err(format!("empty segment in path `{path}`"));
        }
        while !rest.is_empty() {
            let close = rest
                .find(']')
                .filter(|_| rest.starts_with('['))
                .ok_or_else(|| format!("bad index in path `{path}`"))?;
            let index = rest[1..close]
                .parse::<i64>()
                .map_err(|_| format!("bad index `{}` in path `{path}`", &rest[1..close]))?;
            segments.push(PathSegment::Index(index));
            rest = &rest[close + 1..];
        }
    }
    Ok(segments)
}

/// `getAttr`: a missing key or an index out of range gives unset; a negative index counts
/// from the end (`[-1]` is the last element), as Smithy's rules-engine cases expect.
pub fn get_attr(value: &Value, path: &[PathSegment]) -> Value {
    let mut current = value;
    for segment in path {
        let next = match (segment, current) {
            (PathSegment::Key(key), Value::Object(map)) => map.get(key),
            (PathSegment::Index(i), Value::Array(items)) => {
                let index = if *i < 0 {
                    i64::try_from(items.len()).ok().map(|len| len + i)
                } else {
                    Some(*i)
                };
                index
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| items.get(i))
            }
            _ => None,
        };
        match next {
            Some(next) => current = next,
            None => return Value::Null,
        }
    }
    current.clone()
}

/// `substring(input, start, stop, reverse)`: ASCII only; `reverse` counts from the end.
pub fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Value {
    if !input.is_ascii() || start < 0 || start >= stop {
        return Value::Null;
    }
    let len = input.len() as i64;
    if stop > len {
        return Value::Null;
    }
    let (from, to) = if reverse {
        (len - stop, len - start)
    } else {
        (start, stop)
    };
    Value::String(input[from as usize..to as usize].to_owned())
}

/// `uriEncode`: percent-encodes everything but RFC 3986's unreserved characters.
pub fn uri_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `isValidHostLabel`: an RFC 1123 label (letters, digits, `-`, 1 to 63 characters, not
/// starting with `-`); with `allow_sub_domains`, dot-separated labels, each valid.
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value
            .split('.')
            .all(|label| is_valid_host_label(label, false))
    } else {
        let bytes = value.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 63
            && bytes[0].is_ascii_alphanumeric()
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    }
}

/// Whether `host` is an IPv4 address or a bracketed IPv6 address.
pub fn is_ip(host: &str) -> bool {
    host.parse::<Ipv4Addr>().is_ok()
        || host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .is_some_and(|h| h.parse::<Ipv6Addr>().is_ok())
}

/// `parseURL`: `{scheme, authority, path, normalizedPath, isIp}`; unset for anything that
/// is not an absolute http(s) URL, or that has a query.
pub fn parse_url(url: &str) -> Value {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Value::Null;
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Value::Null;
    }
    if rest.contains('?') || rest.contains('#') {
        return Value::Null;
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains(|c: char| c.is_whitespace() || c == '@') {
        return Value::Null;
    }
    // The host is the authority without a trailing `:port`.
    let host = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => {
                let port = &authority[end + 1..];
                if !(port.is_empty() || valid_port(port)) {
                    return Value::Null;
                }
                &authority[..=end]
            }
            None => return Value::Null,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if valid_port(&format!(":{port}")) => host,
            Some(_) => return Value::Null,
            None => authority,
        }
    };
    let mut normalized = String::from(path);
    if !normalized.starts_with('/') {
        normalized.insert(0, '/');
    }
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    json!({
        "scheme": scheme,
        "authority": authority,
        "path": path,
        "normalizedPath": normalized,
        "isIp": is_ip(host),
    })
}

fn valid_port(port: &str) -> bool {
    port.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `split(value, delimiter, limit)`: `limit` 0 is unlimited, otherwise at most `limit` parts
/// (the last keeps the rest). An empty delimiter is unset (the spec requires one).
pub fn split(value: &str, delimiter: &str, limit: i64) -> Value {
    if delimiter.is_empty() || limit < 0 {
        return Value::Null;
    }
    let parts: Vec<Value> = if limit == 0 {
        value
            .split(delimiter)
            .map(|s| Value::String(s.to_owned()))
            .collect()
    } else {
        value
            .splitn(limit as usize, delimiter)
            .map(|s| Value::String(s.to_owned()))
            .collect()
    };
    Value::Array(parts)
}

/// A record from pairs (the shape `parseURL` and the AWS functions return).
pub fn record(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<Map<_, _>>(),
    )
}
