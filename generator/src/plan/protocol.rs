//! The protocol a service's wire layer speaks: of the protocol traits on the service, the one
//! the official AWS SDKs prefer that the generator supports. What differs between the
//! supported protocols is answered here, so the planning and emitting code asks one place.

use crate::model::Traits;

/// `@awsQueryCompatible`: a service moved from awsQuery, whose requests say so and whose
/// errors keep their awsQuery codes.
pub const QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
/// `@awsQueryError`: an error's awsQuery code (and status).
pub const QUERY_ERROR: &str = "aws.protocols#awsQueryError";

/// A protocol the generator writes a wire layer for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`: HTTP bindings, JSON bodies.
    RestJson1,
    /// `aws.protocols#awsJson1_0`: `POST /`, the operation in `X-Amz-Target`, JSON bodies.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`: as 1.0, with its own content type.
    AwsJson1_1,
    /// `smithy.protocols#rpcv2Json`: `POST /service/<service>/operation/<operation>`, JSON bodies.
    RpcV2Json,
    /// `aws.protocols#restXml`: HTTP bindings as restJson1, XML bodies.
    RestXml,
    /// `aws.protocols#awsQuery`: `POST /`, form-encoded requests (`Action`, `Version`, the
    /// input's members as keys), XML responses wrapped in `<OpResult>`.
    AwsQuery,
    /// `aws.protocols#ec2Query`: awsQuery with EC2's key names, lists always flattened,
    /// responses without a result wrapper and errors in `<Response><Errors>`.
    Ec2Query,
    /// `smithy.protocols#rpcv2Cbor`: routed as rpcv2Json, CBOR bodies.
    RpcV2Cbor,
}

/// Every AWS protocol trait, in the order the SDKs prefer them when a service has several.
const PREFERENCE: [&str; 8] = [
    "smithy.protocols#rpcv2Cbor",
    "smithy.protocols#rpcv2Json",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
];

impl Protocol {
    pub(crate) const ALL: [Protocol; 8] = [
        Protocol::RpcV2Cbor,
        Protocol::RestJson1,
        Protocol::AwsJson1_0,
        Protocol::AwsJson1_1,
        Protocol::RpcV2Json,
        Protocol::RestXml,
        Protocol::AwsQuery,
        Protocol::Ec2Query,
    ];

    /// The protocol trait's shape ID.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::RpcV2Json => "smithy.protocols#rpcv2Json",
            Protocol::RestXml => "aws.protocols#restXml",
            Protocol::AwsQuery => "aws.protocols#awsQuery",
            Protocol::Ec2Query => "aws.protocols#ec2Query",
            Protocol::RpcV2Cbor => "smithy.protocols#rpcv2Cbor",
        }
    }

    /// The name protocol tests give it (`protocol: awsJson1_0`).
    pub fn name(self) -> &'static str {
        match self.trait_id().split_once('#') {
            Some((_, name)) => name,
            None => self.trait_id(),
        }
    }

    /// Whether the wire layer speaks event streams over this protocol: all but the query
    /// protocols, whose specifications have no event streams.
    pub fn event_streams(self) -> bool {
        !self.query()
    }

    /// Whether members go where the HTTP binding traits say (`@httpHeader`, `@httpLabel`...)
    /// and `@http` gives each operation's method and URI. The awsJson protocols ignore them:
    /// every member is in the body, as in the RPC v2 protocols.
    pub fn http_bindings(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }

    /// Whether bodies are XML (the XML binding traits apply), not JSON: for the query
    /// protocols, the responses (their requests are forms named by the same traits).
    pub fn xml(self) -> bool {
        matches!(
            self,
            Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query
        )
    }

    /// Whether requests are forms (`application/x-www-form-urlencoded`): the query protocols.
    pub fn query(self) -> bool {
        matches!(self, Protocol::AwsQuery | Protocol::Ec2Query)
    }

    /// Whether bodies are CBOR (RPC v2 CBOR), not JSON or XML.
    pub fn cbor(self) -> bool {
        self == Protocol::RpcV2Cbor
    }

    /// Whether `@jsonName` renames a member on the wire (only restJson1 lists it among its
    /// traits; the others ignore it).
    pub fn json_name(self) -> bool {
        self == Protocol::RestJson1
    }

    /// Whether `@timestampFormat` applies (RPC v2 ignores it: epoch seconds always).
    pub fn timestamp_format(self) -> bool {
        !matches!(self, Protocol::RpcV2Json | Protocol::RpcV2Cbor)
    }

    /// Whether big numbers (`bigInteger`, `bigDecimal`) are JSON strings on the wire (RPC v2
    /// JSON: no JSON number type keeps their precision), not JSON numbers.
    pub fn big_numbers_as_strings(self) -> bool {
        self == Protocol::RpcV2Json
    }

    /// The content type of the bodies the protocol writes (JSON, or XML for restXml).
    pub fn body_content_type(self) -> &'static str {
        match self {
            Protocol::RestJson1 | Protocol::RpcV2Json => "application/json",
            Protocol::RestXml => "application/xml",
            Protocol::RpcV2Cbor => "application/cbor",
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
            Protocol::AwsQuery | Protocol::Ec2Query => "application/x-www-form-urlencoded",
        }
    }
}

/// Where an RPC protocol sends an operation's requests and what marks them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rpc {
    pub path: String,
    /// Headers every request carries, lowercase names.
    pub headers: Vec<(String, String)>,
    /// Whether an operation without an input (`smithy.api#Unit`) still sends `{}`.
    pub unit_body: bool,
}

impl Protocol {
    /// For the RPC protocols, where an operation's request goes and what marks it; `None`
    /// for the REST protocols (their `@http` says).
    pub fn rpc(self, service: &str, operation: &str, query_compatible: bool) -> Option<Rpc> {
        let header = |name: &str, value: String| (name.to_owned(), value);
        match self {
            Protocol::RestJson1 | Protocol::RestXml => None,
            // The operation and version are in the form itself, sent even for no input.
            Protocol::AwsQuery | Protocol::Ec2Query => Some(Rpc {
                path: "/".to_owned(),
                headers: Vec::new(),
                unit_body: true,
            }),
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
                let mut headers = vec![header("x-amz-target", format!("{service}.{operation}"))];
                if query_compatible {
                    headers.push(header("x-amzn-query-mode", "true".to_owned()));
                }
                Some(Rpc {
                    path: "/".to_owned(),
                    headers,
                    unit_body: true,
                })
            }
            Protocol::RpcV2Json => Some(Rpc {
                path: format!("/service/{service}/operation/{operation}"),
                headers: vec![
                    header("smithy-protocol", "rpc-v2-json".to_owned()),
                    header("accept", "application/json".to_owned()),
                ],
                unit_body: false,
            }),
            Protocol::RpcV2Cbor => {
                let mut headers = vec![
                    header("smithy-protocol", "rpc-v2-cbor".to_owned()),
                    header("accept", "application/cbor".to_owned()),
                ];
                if query_compatible {
                    headers.push(header("x-amzn-query-mode", "true".to_owned()));
                }
                Some(Rpc {
                    path: format!("/service/{service}/operation/{operation}"),
                    headers,
                    unit_body: false,
                })
            }
        }
    }
}

/// The protocol chosen for a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The preferred supported protocol among the service's traits, if any.
    pub protocol: Option<Protocol>,
    /// The service's protocol traits that the SDKs would prefer to it (or that it has
    /// instead), which the generator does not support yet: each is a warning.
    pub unsupported: Vec<&'static str>,
}

/// Chooses the protocol of a service with `traits`.
pub fn choose(traits: &Traits) -> Choice {
    let mut unsupported = Vec::new();
    for id in PREFERENCE {
        if !traits.has(id) {
            continue;
        }
        match Protocol::ALL.into_iter().find(|p| p.trait_id() == id) {
            Some(protocol) => {
                return Choice {
                    protocol: Some(protocol),
                    unsupported,
                }
            }
            None => unsupported.push(id),
        }
    }
    Choice {
        protocol: None,
        unsupported,
    }
}

/// [`choose`], unless `wanted` (a protocol trait's shape ID or its name, `awsJson1_1`) names
/// the protocol to use: it must be one of the service's and supported. The error says why not.
pub fn choose_with(traits: &Traits, wanted: Option<&str>) -> Result<Choice, String> {
    let Some(wanted) = wanted else {
        return Ok(choose(traits));
    };
    let name = wanted.rsplit('#').next().unwrap_or(wanted);
    let on_service: Vec<&str> = PREFERENCE.into_iter().filter(|id| traits.has(id)).collect();
    let Some(id) = PREFERENCE
        .into_iter()
        .find(|id| *id == wanted || id.rsplit('#').next() == Some(name))
    else {
        return Err(format!(
            "`{wanted}` is not a protocol; the AWS protocols are {}",
            PREFERENCE.join(", ")
        ));
    };
    if !on_service.contains(&id) {
        return Err(format!(
            "the service has no `{id}` trait; its protocols: {}",
            if on_service.is_empty() {
                "none".to_owned()
            } else {
                on_service.join(", ")
            }
        ));
    }
    match Protocol::ALL.into_iter().find(|p| p.trait_id() == id) {
        Some(protocol) => Ok(Choice {
            protocol: Some(protocol),
            unsupported: Vec::new(),
        }),
        None => Err(format!("the protocol `{id}` is not supported yet")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ShapeId;

    fn traits(ids: &[&str]) -> Traits {
        let mut traits = Traits::new();
        for id in ids {
            let (namespace, name) = id.split_once('#').unwrap();
            traits.insert(ShapeId::new(namespace, name), serde_json::json!({}));
        }
        traits
    }

    #[test]
    fn one_supported_protocol_is_chosen() {
        for protocol in Protocol::ALL {
            let choice = choose(&traits(&[protocol.trait_id()]));
            assert_eq!(choice.protocol, Some(protocol));
            assert!(choice.unsupported.is_empty());
        }
    }

    #[test]
    fn the_sdks_preference_decides_between_several() {
        let both = traits(&["aws.protocols#restJson1", "aws.protocols#awsJson1_1"]);
        assert_eq!(choose(&both).protocol, Some(Protocol::AwsJson1_1));
        let both = traits(&["aws.protocols#awsJson1_1", "aws.protocols#awsJson1_0"]);
        assert_eq!(choose(&both).protocol, Some(Protocol::AwsJson1_0));
    }

    #[test]
    fn every_protocol_the_sdks_know_is_supported() {
        // Each trait of the SDKs' preference list is chosen when it is the service's only one.
        for id in PREFERENCE {
            let choice = choose(&traits(&[id]));
            assert_eq!(choice.protocol.map(Protocol::trait_id), Some(id));
            assert!(choice.unsupported.is_empty(), "{id}");
        }
    }

    #[test]
    fn rpc_requests_are_routed_as_each_protocol_says() {
        let json = Protocol::AwsJson1_1.rpc("Svc", "Get", false).unwrap();
        assert_eq!(json.path, "/");
        assert_eq!(
            json.headers,
            [("x-amz-target".to_owned(), "Svc.Get".to_owned())]
        );
        assert!(json.unit_body);
        let compatible = Protocol::AwsJson1_0.rpc("Svc", "Get", true).unwrap();
        assert_eq!(
            compatible.headers[1],
            ("x-amzn-query-mode".to_owned(), "true".to_owned())
        );
        let v2 = Protocol::RpcV2Json.rpc("Svc", "Get", false).unwrap();
        assert_eq!(v2.path, "/service/Svc/operation/Get");
        assert_eq!(
            v2.headers[0],
            ("smithy-protocol".to_owned(), "rpc-v2-json".to_owned())
        );
        assert!(!v2.unit_body);
        assert!(Protocol::RestJson1.rpc("Svc", "Get", false).is_none());
    }

    #[test]
    fn another_of_the_services_protocols_can_be_chosen() {
        let both = traits(&["aws.protocols#restJson1", "aws.protocols#awsJson1_1"]);
        for wanted in ["restJson1", "aws.protocols#restJson1"] {
            let choice = choose_with(&both, Some(wanted)).unwrap();
            assert_eq!(choice.protocol, Some(Protocol::RestJson1));
        }
        assert_eq!(
            choose_with(&both, None).unwrap().protocol,
            Some(Protocol::AwsJson1_1)
        );
        let missing = choose_with(&both, Some("awsJson1_0")).unwrap_err();
        assert!(
            missing.contains("no `aws.protocols#awsJson1_0` trait"),
            "{missing}"
        );
        assert!(
            missing.contains("aws.protocols#awsJson1_1, aws.protocols#restJson1"),
            "{missing}"
        );
        let unknown = choose_with(&both, Some("soap")).unwrap_err();
        assert!(unknown.contains("`soap` is not a protocol"), "{unknown}");
        let cbor = traits(&["smithy.protocols#rpcv2Cbor", "aws.protocols#awsJson1_0"]);
        let chosen = choose_with(&cbor, Some("rpcv2Cbor")).unwrap();
        assert_eq!(chosen.protocol, Some(Protocol::RpcV2Cbor));
    }

    #[test]
    fn rest_xml_binds_http_and_sends_xml() {
        let xml = Protocol::RestXml;
        assert!(xml.http_bindings() && xml.xml() && xml.timestamp_format());
        assert!(!xml.json_name());
        assert!(xml.rpc("Svc", "Get", false).is_none());
        assert_eq!(xml.body_content_type(), "application/xml");
        assert!(!Protocol::RestJson1.xml());
        // The SDKs prefer restJson1 to restXml.
        let both = traits(&["aws.protocols#restXml", "aws.protocols#restJson1"]);
        assert_eq!(choose(&both).protocol, Some(Protocol::RestJson1));
    }

    #[test]
    fn the_query_protocols_post_forms_and_read_xml() {
        for query in [Protocol::AwsQuery, Protocol::Ec2Query] {
            assert!(query.query() && query.xml() && !query.http_bindings());
            assert_eq!(
                query.body_content_type(),
                "application/x-www-form-urlencoded"
            );
            let rpc = query.rpc("Svc", "Get", false).unwrap();
            assert!(rpc.path == "/" && rpc.headers.is_empty() && rpc.unit_body);
        }
        assert!(!Protocol::RestXml.query());
        // The SDKs prefer awsQuery to ec2Query, and both least of all.
        let both = traits(&["aws.protocols#ec2Query", "aws.protocols#awsQuery"]);
        assert_eq!(choose(&both).protocol, Some(Protocol::AwsQuery));
    }

    #[test]
    fn rpcv2_cbor_is_preferred_and_routed_as_rpc_v2() {
        let both = traits(&["smithy.protocols#rpcv2Cbor", "aws.protocols#awsJson1_0"]);
        let choice = choose(&both);
        assert_eq!(choice.protocol, Some(Protocol::RpcV2Cbor));
        assert!(choice.unsupported.is_empty());
        // The other protocol stays available on request.
        let json = choose_with(&both, Some("awsJson1_0")).unwrap();
        assert_eq!(json.protocol, Some(Protocol::AwsJson1_0));
        let cbor = Protocol::RpcV2Cbor;
        assert!(cbor.cbor() && !cbor.xml() && !cbor.http_bindings());
        assert!(!cbor.json_name() && !cbor.timestamp_format() && !cbor.big_numbers_as_strings());
        assert_eq!(cbor.body_content_type(), "application/cbor");
        assert_eq!(cbor.name(), "rpcv2Cbor");
        let rpc = cbor.rpc("Svc", "Get", false).unwrap();
        assert_eq!(rpc.path, "/service/Svc/operation/Get");
        assert_eq!(
            rpc.headers,
            [
                ("smithy-protocol".to_owned(), "rpc-v2-cbor".to_owned()),
                ("accept".to_owned(), "application/cbor".to_owned()),
            ]
        );
        assert!(!rpc.unit_body);
        let compatible = cbor.rpc("Svc", "Get", true).unwrap();
        assert_eq!(
            compatible.headers[2],
            ("x-amzn-query-mode".to_owned(), "true".to_owned())
        );
    }

    #[test]
    fn names_are_the_traits_names() {
        assert_eq!(Protocol::AwsJson1_0.name(), "awsJson1_0");
        assert_eq!(Protocol::RestJson1.name(), "restJson1");
        assert_eq!(Protocol::RpcV2Json.name(), "rpcv2Json");
    }
}
