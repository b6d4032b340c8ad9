//! The protocol a service's wire layer speaks: of the protocol traits on the service, the one
//! the official AWS SDKs prefer that the generator supports. What differs between the
//! supported protocols is answered here, so the planning and emitting code asks one place.

use crate::model::Traits;

/// A protocol the generator writes a wire layer for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`: HTTP bindings, JSON bodies.
    RestJson1,
    /// `aws.protocols#awsJson1_0`: `POST /`, the operation in `X-Amz-Target`, JSON bodies.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`: as 1.0, with its own content type.
    AwsJson1_1,
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
    const ALL: [Protocol; 3] = [
        Protocol::RestJson1,
        Protocol::AwsJson1_0,
        Protocol::AwsJson1_1,
    ];

    /// The protocol trait's shape ID.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
        }
    }

    /// The name protocol tests give it (`protocol: awsJson1_0`).
    pub fn name(self) -> &'static str {
        match self.trait_id().split_once('#') {
            Some((_, name)) => name,
            None => self.trait_id(),
        }
    }

    /// Whether members go where the HTTP binding traits say (`@httpHeader`, `@httpLabel`...)
    /// and `@http` gives each operation's method and URI. The awsJson protocols ignore them:
    /// every member is in the body.
    pub fn http_bindings(self) -> bool {
        self == Protocol::RestJson1
    }

    /// Whether `@jsonName` renames a member on the wire (the awsJson protocols ignore it).
    pub fn json_name(self) -> bool {
        self == Protocol::RestJson1
    }

    /// The content type of a JSON body.
    pub fn json_content_type(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "application/json",
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
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
    fn a_preferred_unsupported_protocol_is_named_and_passed_over() {
        let choice = choose(&traits(&[
            "smithy.protocols#rpcv2Cbor",
            "aws.protocols#awsJson1_0",
        ]));
        assert_eq!(choice.protocol, Some(Protocol::AwsJson1_0));
        assert_eq!(choice.unsupported, ["smithy.protocols#rpcv2Cbor"]);
        let query = choose(&traits(&["aws.protocols#awsQuery"]));
        assert_eq!(query.protocol, None);
        assert_eq!(query.unsupported, ["aws.protocols#awsQuery"]);
    }

    #[test]
    fn names_are_the_traits_names() {
        assert_eq!(Protocol::AwsJson1_0.name(), "awsJson1_0");
        assert_eq!(Protocol::RestJson1.name(), "restJson1");
    }
}
