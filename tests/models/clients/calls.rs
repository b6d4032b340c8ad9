//! Calls every protocol's generated client (compiled and run by `tests/loopback_clients.rs`
//! beside the crates generated from `models/clients/`): for each protocol, the blocking and
//! the async client send one `PutRecord` to a loopback server, which checks the request as the
//! protocol requires (method, path, headers, every member in the body, a SigV4 signature) and
//! answers as the protocol says; the client must read every member of the answer. Then the
//! server answers the modeled error in the protocol's error format, and the client must give
//! its typed variant with the code and the message. The servers read and write the bodies
//! with crates of their own (serde_json, ciborium, roxmltree, form_urlencoded), never with the
//! generated code.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{json, Value};

use crate::loopback::{block_on, Reply, Request, Server};

/// No server waits longer for its connections.
const LIFETIME: Duration = Duration::from_secs(20);
/// No async call is polled longer.
const LIMIT: Duration = Duration::from_secs(15);

/// The input's string: characters each format escapes.
const SENT_TEXT: &str = "hello & <world> \"1+1\"";
const SENT_WHEN: i64 = 1_700_000_000;
const SENT_WHEN_TEXT: &str = "2023-11-14T22:13:20Z";
/// The output's string and timestamp.
const GOT_TEXT: &str = "out & <text>";
const GOT_WHEN: i64 = 1_600_000_000;
const GOT_WHEN_TEXT: &str = "2020-09-13T12:26:40Z";
/// What the modeled error says.
const MESSAGE: &str = "no room";
const REASON: &str = "full";

/// The request is signed with SigV4 for the configured key, region and the model's signing
/// name.
fn assert_signed(request: &Request) {
    let auth = request
        .header("authorization")
        .unwrap_or_else(|| panic!("no Authorization header: {request:?}"));
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{auth}"
    );
    assert!(auth.contains("/us-east-1/loopback/aws4_request"), "{auth}");
    assert!(auth.contains("Signature="), "{auth}");
    assert!(request.header("x-amz-date").is_some(), "{request:?}");
}

fn assert_header(request: &Request, name: &str, expected: &str) {
    assert_eq!(
        request.header(name),
        Some(expected),
        "{name} of {request:?}"
    );
}

/// Numbers as integers where they are whole (a timestamp may be written `1.7e9` or
/// `1700000000`), so bodies compare by value.
fn normalize(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => json!(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, normalize(v))).collect())
        }
        other => other,
    }
}

/// The input's members as a JSON document has them, the timestamp as `when`.
fn sent_members(when: Value) -> Value {
    json!({
        "text": SENT_TEXT, "count": 42, "when": when, "tags": ["a", "b c"],
        "attributes": {"k": "v"}, "inner": {"name": "in", "size": 7}, "color": "deep-blue"
    })
}

/// The output's members as a JSON document has them, the timestamp as `when`.
fn answered_members(when: Value) -> Value {
    json!({
        "text": GOT_TEXT, "count": 7, "when": when, "tags": ["x", "y"],
        "attributes": {"m": "n"}, "inner": {"name": "deep", "size": 3}, "color": "red"
    })
}

fn json_body(request: &Request) -> Value {
    normalize(
        serde_json::from_slice(&request.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&request.body))),
    )
}

/// The output's members as XML elements (restXml, awsQuery and ec2Query responses).
fn answered_xml() -> String {
    format!(
        "<text>out &amp; &lt;text&gt;</text><count>7</count><when>{GOT_WHEN_TEXT}</when>\
         <tags><member>x</member><member>y</member></tags>\
         <attributes><entry><key>m</key><value>n</value></entry></attributes>\
         <inner><name>deep</name><size>3</size></inner><color>red</color>"
    )
}

/// The text of the child elements of `node` named `name`.
fn xml_texts(node: roxmltree::Node, name: &str) -> Vec<String> {
    node.children()
        .filter(|c| c.has_tag_name(name))
        .map(|c| c.text().unwrap_or("").to_owned())
        .collect()
}

fn xml_child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|c| c.has_tag_name(name))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

/// The input's members in an XML element (restXml's request body).
fn assert_sent_xml(root: roxmltree::Node) {
    assert_eq!(xml_texts(root, "text"), [SENT_TEXT]);
    assert_eq!(xml_texts(root, "count"), ["42"]);
    assert_eq!(xml_texts(root, "when"), [SENT_WHEN_TEXT]);
    assert_eq!(xml_texts(xml_child(root, "tags"), "member"), ["a", "b c"]);
    let entry = xml_child(xml_child(root, "attributes"), "entry");
    assert_eq!(
        (xml_texts(entry, "key"), xml_texts(entry, "value")),
        (vec!["k".to_owned()], vec!["v".to_owned()])
    );
    let inner = xml_child(root, "inner");
    assert_eq!(xml_texts(inner, "name"), ["in"]);
    assert_eq!(xml_texts(inner, "size"), ["7"]);
    assert_eq!(xml_texts(root, "color"), ["deep-blue"]);
}

/// A form body's fields, sorted.
fn form_fields(request: &Request) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    fields.sort();
    fields
}

fn sorted_fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    fields.sort();
    fields
}

/// The tests every protocol has: `$krate`'s blocking and async clients send the same input
/// (plus the protocol's own setters) and read the server's answer; the modeled error comes
/// back typed. The protocol's module says what the server checks and answers:
/// `check_request`, `success`, `refused`, and `check_bindings` for what the output reads
/// outside the body.
macro_rules! protocol_calls {
    ($krate:ident $(, $setter:ident($value:expr))* $(,)?) => {
        use $krate::client::{Config, Credentials, RetryConfig, SdkError, Timeouts};
        use $krate::operation::put_record::{PutRecordError, PutRecordOutput};

        fn config(url: &str) -> Config {
            Config::builder()
                .region("us-east-1")
                .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
                .endpoint_url(url)
                // One attempt: the server answers once.
                .retry_config(RetryConfig::disabled())
                .timeouts(Timeouts {
                    connect: Some(Duration::from_secs(5)),
                    read: Some(Duration::from_secs(5)),
                    operation: Some(Duration::from_secs(10)),
                })
                .build()
        }

        /// The input every protocol sends, on the blocking client.
        fn call_blocking(url: &str) -> Result<PutRecordOutput, SdkError<PutRecordError>> {
            use $krate::types::{Color, Inner};
            $krate::blocking::Client::new(&config(url))
                .put_record()
                .text(SENT_TEXT)
                .count(42)
                .when($krate::primitives::DateTime::from_secs(SENT_WHEN))
                .tags(vec!["a".to_owned(), "b c".to_owned()])
                .attributes(HashMap::from([("k".to_owned(), "v".to_owned())]))
                .inner(Inner::builder().name("in").size(7).build())
                .color(Color::DeepBlue)
                $(.$setter($value))*
                .send()
        }

        /// The same on the async client, with no runtime (`block_on`).
        fn call_async(url: &str) -> Result<PutRecordOutput, SdkError<PutRecordError>> {
            use $krate::types::{Color, Inner};
            let client = $krate::Client::new(&config(url));
            let call = client
                .put_record()
                .text(SENT_TEXT)
                .count(42)
                .when($krate::primitives::DateTime::from_secs(SENT_WHEN))
                .tags(vec!["a".to_owned(), "b c".to_owned()])
                .attributes(HashMap::from([("k".to_owned(), "v".to_owned())]))
                .inner(Inner::builder().name("in").size(7).build())
                .color(Color::DeepBlue)
                $(.$setter($value))*
                .send();
            block_on(call, LIMIT)
        }

        fn check_output(output: &PutRecordOutput) {
            use $krate::types::Color;
            assert_eq!(output.text.as_deref(), Some(GOT_TEXT), "{output:?}");
            assert_eq!(output.count, Some(7), "{output:?}");
            assert_eq!(output.when.map(|w| w.secs()), Some(GOT_WHEN), "{output:?}");
            assert_eq!(output.tags.as_deref(), Some(&["x".to_owned(), "y".to_owned()][..]));
            assert_eq!(
                output.attributes,
                Some(HashMap::from([("m".to_owned(), "n".to_owned())]))
            );
            let inner = output.inner.as_ref().expect("the nested structure");
            assert_eq!((inner.name.as_deref(), inner.size), (Some("deep"), Some(3)));
            assert_eq!(output.color, Some(Color::Red));
            check_bindings(output);
        }

        /// One call against a server answering `reply`: the call's result and the one request.
        fn exchange(
            reply: Reply,
            call: fn(&str) -> Result<PutRecordOutput, SdkError<PutRecordError>>,
        ) -> (Result<PutRecordOutput, SdkError<PutRecordError>>, Request) {
            let server = Server::start(vec![reply], LIFETIME);
            let result = call(server.url());
            let mut requests = server.finish();
            assert_eq!(requests.len(), 1, "{requests:?}");
            let request = requests.remove(0);
            assert_signed(&request);
            check_request(&request);
            (result, request)
        }

        #[test]
        fn the_blocking_client_sends_and_reads() {
            let (result, _) = exchange(success(), call_blocking);
            check_output(&result.expect("the call succeeds"));
        }

        #[test]
        fn the_async_client_sends_and_reads() {
            let (result, _) = exchange(success(), call_async);
            check_output(&result.expect("the call succeeds"));
        }

        #[test]
        fn a_modeled_error_is_its_typed_variant() {
            let (result, _) = exchange(refused(), call_blocking);
            let error = result.expect_err("the service refuses");
            let service = error
                .as_service_error()
                .unwrap_or_else(|| panic!("not a service error: {error:?}"));
            assert_eq!(service.code(), Some("Refused"), "{service:?}");
            assert_eq!(service.message(), Some(MESSAGE), "{service:?}");
            let PutRecordError::Refused(refused) = service else {
                panic!("not the modeled error: {service:?}");
            };
            assert_eq!(refused.message.as_deref(), Some(MESSAGE), "{refused:?}");
            assert_eq!(refused.reason.as_deref(), Some(REASON), "{refused:?}");
        }
    };
}

/// restJson1: the label, query and header bound by `@http`, the other members a JSON body.
mod rest_json1 {
    use super::*;

    protocol_calls!(
        loopback_rest_json1,
        id("rec 1/2"),
        mode("fast"),
        trace("t-1")
    );

    fn check_request(request: &Request) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path(), "/records/rec%201%2F2");
        assert_eq!(request.query(), Some("mode=fast"));
        assert_header(request, "x-trace", "t-1");
        assert_header(request, "content-type", "application/json");
        // Timestamps in a JSON body are epoch seconds by default.
        assert_eq!(json_body(request), sent_members(json!(SENT_WHEN)));
    }

    fn check_bindings(output: &PutRecordOutput) {
        assert_eq!(output.trace.as_deref(), Some("t-2"));
    }

    fn success() -> Reply {
        let body = answered_members(json!(GOT_WHEN)).to_string();
        Reply::new(
            200,
            &[("content-type", "application/json"), ("x-trace", "t-2")],
            body,
        )
    }

    fn refused() -> Reply {
        // The code in the header, with the suffix the spec says to drop.
        Reply::new(
            409,
            &[
                ("content-type", "application/json"),
                (
                    "x-amzn-errortype",
                    "Refused:http://internal.amazon.com/coral/loopback/",
                ),
            ],
            json!({"message": MESSAGE, "reason": REASON}).to_string(),
        )
    }
}

/// awsJson1_0 and awsJson1_1: `POST /`, the operation in `X-Amz-Target`, a JSON body.
macro_rules! aws_json {
    ($module:ident, $krate:ident, $media:literal) => {
        mod $module {
            use super::*;

            protocol_calls!($krate);

            fn check_request(request: &Request) {
                assert_eq!(request.method, "POST");
                assert_eq!(request.target, "/");
                assert_header(request, "content-type", $media);
                assert_header(request, "x-amz-target", "Loopback.PutRecord");
                assert_eq!(json_body(request), sent_members(json!(SENT_WHEN)));
            }

            fn check_bindings(_: &PutRecordOutput) {}

            fn success() -> Reply {
                let body = answered_members(json!(GOT_WHEN)).to_string();
                Reply::new(200, &[("content-type", $media)], body)
            }

            fn refused() -> Reply {
                // The code in `__type`, as a shape ID; the message as `Message`, which the
                // services write as often as `message`.
                let body = json!({
                    "__type": "loopback.common#Refused", "Message": MESSAGE, "reason": REASON
                });
                Reply::new(400, &[("content-type", $media)], body.to_string())
            }
        }
    };
}

aws_json!(
    aws_json1_0,
    loopback_aws_json1_0,
    "application/x-amz-json-1.0"
);
aws_json!(
    aws_json1_1,
    loopback_aws_json1_1,
    "application/x-amz-json-1.1"
);

/// restXml: the bindings of restJson1, the other members an XML document named after the
/// input structure in the service's namespace; errors in `<ErrorResponse><Error>`.
mod rest_xml {
    use super::*;

    protocol_calls!(loopback_rest_xml, id("rec 1/2"), mode("fast"), trace("t-1"));

    fn check_request(request: &Request) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path(), "/records/rec%201%2F2");
        assert_eq!(request.query(), Some("mode=fast"));
        assert_header(request, "x-trace", "t-1");
        assert_header(request, "content-type", "application/xml");
        let text = std::str::from_utf8(&request.body).expect("UTF-8");
        let document = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}: {text}"));
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "PutRecordInput", "{text}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("https://example.com/loopback/")
        );
        assert_sent_xml(root);
        // Nothing bound elsewhere is in the body.
        for bound in ["id", "mode", "trace"] {
            assert!(xml_texts(root, bound).is_empty(), "{bound} in {text}");
        }
    }

    fn check_bindings(output: &PutRecordOutput) {
        assert_eq!(output.trace.as_deref(), Some("t-2"));
    }

    fn success() -> Reply {
        let body = format!(
            "<PutRecordOutput xmlns=\"https://example.com/loopback/\">{}</PutRecordOutput>",
            answered_xml()
        );
        Reply::new(
            200,
            &[("content-type", "application/xml"), ("x-trace", "t-2")],
            body,
        )
    }

    fn refused() -> Reply {
        // The member `message` is `<Message>` on the wire, as every service writes it.
        let body = format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>Refused</Code>\
             <Message>{MESSAGE}</Message><reason>{REASON}</reason></Error>\
             <RequestId>x-1</RequestId></ErrorResponse>"
        );
        Reply::new(409, &[("content-type", "application/xml")], body)
    }
}

/// awsQuery: a form of `Action`, `Version` and the members (lists as `.member.N`, maps as
/// `.entry.N.key`/`.value`, structures by `.`); the answer in `<PutRecordResult>`.
mod aws_query {
    use super::*;

    protocol_calls!(loopback_aws_query);

    fn check_request(request: &Request) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/");
        assert_header(request, "content-type", "application/x-www-form-urlencoded");
        assert_eq!(
            form_fields(request),
            sorted_fields(&[
                ("Action", "PutRecord"),
                ("Version", "2024-01-01"),
                ("text", SENT_TEXT),
                ("count", "42"),
                ("when", SENT_WHEN_TEXT),
                ("tags.member.1", "a"),
                ("tags.member.2", "b c"),
                ("attributes.entry.1.key", "k"),
                ("attributes.entry.1.value", "v"),
                ("inner.name", "in"),
                ("inner.size", "7"),
                ("color", "deep-blue"),
            ])
        );
    }

    fn check_bindings(output: &PutRecordOutput) {
        assert_eq!(output.request_id(), Some("q-1"));
    }

    fn success() -> Reply {
        let body = format!(
            "<PutRecordResponse xmlns=\"https://example.com/loopback/\">\
             <PutRecordResult>{}</PutRecordResult>\
             <ResponseMetadata><RequestId>q-1</RequestId></ResponseMetadata>\
             </PutRecordResponse>",
            answered_xml()
        );
        Reply::new(200, &[("content-type", "text/xml")], body)
    }

    fn refused() -> Reply {
        let body = format!(
            "<ErrorResponse xmlns=\"https://example.com/loopback/\"><Error><Type>Sender</Type>\
             <Code>Refused</Code><Message>{MESSAGE}</Message><reason>{REASON}</reason></Error>\
             <RequestId>q-2</RequestId></ErrorResponse>"
        );
        Reply::new(400, &[("content-type", "text/xml")], body)
    }
}

/// ec2Query: the form of awsQuery with capitalized names and flat lists (`.N`); the answer
/// directly in `<PutRecordResponse>`; errors in `<Response><Errors><Error>`.
mod ec2_query {
    use super::*;

    protocol_calls!(loopback_ec2_query);

    fn check_request(request: &Request) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/");
        assert_header(request, "content-type", "application/x-www-form-urlencoded");
        // The ec2Query specification defines no serialization of maps (EC2 takes none):
        // only that the map's fields are there is checked.
        let (map, fields): (Vec<_>, Vec<_>) = form_fields(request)
            .into_iter()
            .partition(|(k, _)| k.starts_with("Attributes."));
        assert!(!map.is_empty(), "{fields:?}");
        assert_eq!(
            fields,
            sorted_fields(&[
                ("Action", "PutRecord"),
                ("Version", "2024-01-01"),
                ("Text", SENT_TEXT),
                ("Count", "42"),
                ("When", SENT_WHEN_TEXT),
                ("Tags.1", "a"),
                ("Tags.2", "b c"),
                ("Inner.Name", "in"),
                ("Inner.Size", "7"),
                ("Color", "deep-blue"),
            ])
        );
    }

    fn check_bindings(output: &PutRecordOutput) {
        assert_eq!(output.request_id(), Some("e-1"));
    }

    fn success() -> Reply {
        let body = format!(
            "<PutRecordResponse xmlns=\"https://example.com/loopback/\">\
             <requestId>e-1</requestId>{}</PutRecordResponse>",
            answered_xml()
        );
        Reply::new(200, &[("content-type", "text/xml;charset=UTF-8")], body)
    }

    fn refused() -> Reply {
        let body = format!(
            "<Response><Errors><Error><Code>Refused</Code><Message>{MESSAGE}</Message>\
             <reason>{REASON}</reason></Error></Errors><RequestID>e-2</RequestID></Response>"
        );
        Reply::new(400, &[("content-type", "text/xml;charset=UTF-8")], body)
    }
}

/// A CBOR value as JSON, for comparison: text keys, numbers as [`normalize`] has them, the
/// epoch-seconds tag 1 as `{"tag1": seconds}`.
fn cbor_to_json(value: ciborium::Value) -> Value {
    use ciborium::Value as C;
    match value {
        C::Integer(i) => json!(i128::from(i) as i64),
        C::Float(f) => normalize(json!(f)),
        C::Text(t) => json!(t),
        C::Bool(b) => json!(b),
        C::Null => Value::Null,
        C::Array(items) => Value::Array(items.into_iter().map(cbor_to_json).collect()),
        C::Map(entries) => Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| match k {
                    C::Text(k) => (k, cbor_to_json(v)),
                    other => panic!("a map key that is not text: {other:?}"),
                })
                .collect(),
        ),
        C::Tag(1, inner) => json!({"tag1": cbor_to_json(*inner)}),
        other => panic!("unexpected CBOR: {other:?}"),
    }
}

/// JSON as CBOR (the answers), `{"tag1": seconds}` as the epoch-seconds tag.
fn json_to_cbor(value: &Value) -> ciborium::Value {
    use ciborium::Value as C;
    match value {
        Value::Number(n) => match n.as_i64() {
            Some(i) => C::Integer(i.into()),
            None => C::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => C::Text(s.clone()),
        Value::Bool(b) => C::Bool(*b),
        Value::Null => C::Null,
        Value::Array(items) => C::Array(items.iter().map(json_to_cbor).collect()),
        Value::Object(map) => match map.get("tag1") {
            Some(seconds) if map.len() == 1 => C::Tag(1, Box::new(json_to_cbor(seconds))),
            _ => C::Map(
                map.iter()
                    .map(|(k, v)| (C::Text(k.clone()), json_to_cbor(v)))
                    .collect(),
            ),
        },
    }
}

fn cbor_bytes(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(&json_to_cbor(value), &mut out).expect("writes CBOR");
    out
}

/// rpcv2Cbor: `POST /service/<service>/operation/<operation>` with `smithy-protocol:
/// rpc-v2-cbor`, a CBOR body (timestamps as tag 1), errors named by `__type`.
mod rpcv2_cbor {
    use super::*;

    protocol_calls!(loopback_rpcv2_cbor);

    const HEADERS: &[(&str, &str)] = &[
        ("content-type", "application/cbor"),
        ("smithy-protocol", "rpc-v2-cbor"),
    ];

    fn check_request(request: &Request) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/service/Loopback/operation/PutRecord");
        assert_header(request, "smithy-protocol", "rpc-v2-cbor");
        assert_header(request, "content-type", "application/cbor");
        assert_header(request, "accept", "application/cbor");
        let value: ciborium::Value =
            ciborium::from_reader(request.body.as_slice()).expect("a CBOR body");
        assert_eq!(
            cbor_to_json(value),
            sent_members(json!({"tag1": SENT_WHEN}))
        );
    }

    fn check_bindings(_: &PutRecordOutput) {}

    fn success() -> Reply {
        Reply::new(
            200,
            HEADERS,
            cbor_bytes(&answered_members(json!({"tag1": GOT_WHEN}))),
        )
    }

    fn refused() -> Reply {
        let body =
            json!({"__type": "loopback.common#Refused", "message": MESSAGE, "reason": REASON});
        Reply::new(400, HEADERS, cbor_bytes(&body))
    }
}

/// rpcv2Json: rpcv2Cbor's routing with `smithy-protocol: rpc-v2-json` and JSON bodies.
mod rpcv2_json {
    use super::*;

    protocol_calls!(loopback_rpcv2_json);

    const HEADERS: &[(&str, &str)] = &[
        ("content-type", "application/json"),
        ("smithy-protocol", "rpc-v2-json"),
    ];

    fn check_request(request: &Request) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/service/Loopback/operation/PutRecord");
        assert_header(request, "smithy-protocol", "rpc-v2-json");
        assert_header(request, "content-type", "application/json");
        assert_header(request, "accept", "application/json");
        assert_eq!(json_body(request), sent_members(json!(SENT_WHEN)));
    }

    fn check_bindings(_: &PutRecordOutput) {}

    fn success() -> Reply {
        Reply::new(200, HEADERS, answered_members(json!(GOT_WHEN)).to_string())
    }

    fn refused() -> Reply {
        let body =
            json!({"__type": "loopback.common#Refused", "message": MESSAGE, "reason": REASON});
        Reply::new(400, HEADERS, body.to_string())
    }
}
