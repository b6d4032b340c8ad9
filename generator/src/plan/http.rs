//! HTTP bindings (restJson1): where each top-level member goes on the wire, and the parsed
//! URI pattern of each operation.

use crate::model::{traits::ids, Member};

/// Where a member of an operation's input, output or error travels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A member of the JSON document body.
    Body,
    /// A URI label, by its name in the pattern: the member's `@resourceIdentifier` when it
    /// has one, else the member name (as Smithy's `HttpLabelTraitValidator` matches them).
    Label(String),
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    /// The whole body.
    Payload,
    ResponseCode,
}

impl Binding {
    /// Reads the binding traits of a member (meaningful on top-level structures only).
    pub fn of(member: &Member) -> Binding {
        let traits = &member.traits;
        if traits.has(HTTP_LABEL) {
            let name = traits.string(RESOURCE_IDENTIFIER).unwrap_or(&member.name);
            Binding::Label(name.to_owned())
        } else if let Some(name) = traits.string(HTTP_QUERY) {
            Binding::Query(name.to_owned())
        } else if traits.has(HTTP_QUERY_PARAMS) {
            Binding::QueryParams
        } else if let Some(name) = traits.string(HTTP_HEADER) {
            Binding::Header(name.to_owned())
        } else if let Some(prefix) = traits.string(HTTP_PREFIX_HEADERS) {
            Binding::PrefixHeaders(prefix.to_owned())
        } else if traits.has(HTTP_PAYLOAD) {
            Binding::Payload
        } else if traits.has(HTTP_RESPONSE_CODE) {
            Binding::ResponseCode
        } else {
            Binding::Body
        }
    }
}

pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const RESOURCE_IDENTIFIER: &str = "smithy.api#resourceIdentifier";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const HOST_LABEL: &str = "smithy.api#hostLabel";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const ENDPOINT: &str = "smithy.api#endpoint";

/// One piece of a URI path pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `{name}` or, greedy, `{name+}`.
    Label {
        name: String,
        greedy: bool,
    },
}

/// A parsed `http` trait `uri`: path segments and the literal query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UriPattern {
    pub path: Vec<Segment>,
    pub query: String,
}

/// Parses `/path/{label}/{greedy+}?literal=query`.
pub fn parse_uri(uri: &str) -> Result<UriPattern, String> {
    if !uri.starts_with('/') {
        return Err(format!("the URI pattern `{uri}` must start with `/`"));
    }
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(Segment::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..]
            .find('}')
            .map(|c| c + open)
            .ok_or_else(|| format!("unclosed `{{` in URI pattern `{uri}`"))?;
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        if !crate::model::is_identifier(name) {
            return Err(format!(
                "`{{{label}}}` in URI pattern `{uri}` is not a valid label"
            ));
        }
        segments.push(Segment::Label {
            name: name.to_owned(),
            greedy,
        });
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("unbalanced `}}` in URI pattern `{uri}`"));
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_owned()));
    }
    Ok(UriPattern {
        path: segments,
        query: query.to_owned(),
    })
}

/// Parses an `endpoint` trait `hostPrefix` such as `{accountId}.data.`.
pub fn parse_host_prefix(prefix: &str) -> Result<Vec<Segment>, String> {
    let pattern =
        parse_uri(&format!("/{prefix}")).map_err(|e| e.replace("URI pattern", "host prefix"))?;
    let mut segments = pattern.path;
    if let Some(Segment::Literal(first)) = segments.first_mut() {
        first.remove(0);
        if first.is_empty() {
            segments.remove(0);
        }
    }
    if segments
        .iter()
        .any(|s| matches!(s, Segment::Label { greedy: true, .. }))
    {
        return Err(format!("host prefix `{prefix}` cannot have greedy labels"));
    }
    Ok(segments)
}

/// Where a member of an event structure travels in its message.
pub fn event_binding(member: &Member) -> super::EventBinding {
    if member.traits.has(EVENT_HEADER) {
        super::EventBinding::Header
    } else if member.traits.has(EVENT_PAYLOAD) {
        super::EventBinding::Payload
    } else {
        super::EventBinding::Body
    }
}

pub const EVENT_HEADER: &str = "smithy.api#eventHeader";
pub const EVENT_PAYLOAD: &str = "smithy.api#eventPayload";

/// Whether a member carries the `idempotencyToken` trait.
pub fn is_idempotency_token(member: &Member) -> bool {
    member.traits.has(IDEMPOTENCY_TOKEN)
}

pub fn is_host_label(member: &Member) -> bool {
    member.traits.has(HOST_LABEL)
}

/// Whether a shape or member is `@streaming` (event streams and streaming blobs).
pub fn is_streaming(traits: &crate::model::Traits) -> bool {
    traits.has(ids::STREAMING)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_patterns_split_into_labels_and_literals() {
        let p = parse_uri("/v1/things/{id}/files/{path+}?x-id=Get&flag").unwrap();
        assert_eq!(
            p.path,
            vec![
                Segment::Literal("/v1/things/".into()),
                Segment::Label {
                    name: "id".into(),
                    greedy: false
                },
                Segment::Literal("/files/".into()),
                Segment::Label {
                    name: "path".into(),
                    greedy: true
                },
            ]
        );
        assert_eq!(p.query, "x-id=Get&flag");
        assert_eq!(
            parse_uri("/v1/whatsapp/signup").unwrap().path,
            vec![Segment::Literal("/v1/whatsapp/signup".into())]
        );
    }

    #[test]
    fn bad_patterns_are_errors() {
        assert!(parse_uri("v1").is_err());
        assert!(parse_uri("/a/{b").is_err());
        assert!(parse_uri("/a/{b-c}").is_err());
        assert!(parse_uri("/a/}").is_err());
    }

    #[test]
    fn host_prefixes_parse() {
        assert_eq!(
            parse_host_prefix("{accountId}.data.").unwrap(),
            vec![
                Segment::Label {
                    name: "accountId".into(),
                    greedy: false
                },
                Segment::Literal(".data.".into())
            ]
        );
        assert_eq!(
            parse_host_prefix("runtime.").unwrap(),
            vec![Segment::Literal("runtime.".into())]
        );
    }
}
