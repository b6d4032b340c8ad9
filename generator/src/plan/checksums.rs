//! Request and response checksums: `@httpChecksumRequired` (smithy.io, "httpChecksumRequired
//! trait": the request carries a `Content-MD5` of its body) and `aws.protocols#httpChecksum`
//! (the AWS SDKs' "flexible checksums": an input member names the algorithm, the request may
//! require a checksum, and responses carry checksums to check).

use crate::model::{Member, Shape, ShapeKind, SimpleType};
use crate::resolve::ResolvedModel;

const CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
const HTTP_CHECKSUM: &str = "aws.protocols#httpChecksum";

/// The response algorithms the SDKs check, fastest first: the order a response's headers are
/// looked for.
const RESPONSE_PRIORITY: [&str; 5] = ["CRC64NVME", "CRC32C", "CRC32", "SHA1", "SHA256"];

/// What an operation's checksum traits ask.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checksums {
    /// `@httpChecksumRequired`: `Content-MD5` unless a flexible checksum is sent.
    pub md5_required: bool,
    /// `requestAlgorithmMember`: the input member naming the algorithm.
    pub algorithm_member: Option<String>,
    /// The header that member is bound to (lowercase), with an HTTP binding protocol.
    pub algorithm_header: Option<String>,
    /// A checksum is sent by default (`when_supported`): an algorithm member or
    /// `requestChecksumRequired`.
    pub supported: bool,
    /// `requestChecksumRequired`.
    pub required: bool,
    /// `requestValidationModeMember`: the input member that enables response checks.
    pub validation_member: Option<String>,
    /// `responseAlgorithms` the runtime supports, in [`RESPONSE_PRIORITY`] order.
    pub response_algorithms: Vec<String>,
}

impl Checksums {
    /// Whether a request checksum can be sent at all.
    pub fn on_request(&self) -> bool {
        self.md5_required || self.supported
    }
}

/// An input member of a string or enum shape named `name`, or a warning saying why not.
fn string_member<'a>(
    model: &ResolvedModel,
    input: &'a [Member],
    name: &str,
    role: &str,
) -> Result<&'a Member, String> {
    let member = input.iter().find(|m| m.name == name).ok_or_else(|| {
        format!("`@httpChecksum`'s {role} `{name}` is not a member of the input: it is ignored")
    })?;
    let stringy = model.shape(&member.target).is_some_and(|t| {
        matches!(
            t.kind,
            ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)
        )
    });
    match stringy {
        true => Ok(member),
        false => Err(format!(
            "`@httpChecksum`'s {role} `{name}` is not a string or enum member: it is ignored"
        )),
    }
}

/// The operation's checksums (`None` without the traits) and warnings about the parts of
/// the traits that cannot apply.
pub fn of(
    model: &ResolvedModel,
    operation: &Shape,
    input: &[Member],
    http_bindings: bool,
) -> (Option<Checksums>, Vec<String>) {
    let md5_required = operation.traits.has(CHECKSUM_REQUIRED);
    let flexible = operation.traits.get(HTTP_CHECKSUM);
    if !md5_required && flexible.is_none() {
        return (None, Vec::new());
    }
    let mut checksums = Checksums {
        md5_required,
        ..Checksums::default()
    };
    let mut warnings = Vec::new();
    if let Some(value) = flexible {
        let text = |key: &str| value.get(key).and_then(|v| v.as_str());
        if let Some(name) = text("requestAlgorithmMember") {
            match string_member(model, input, name, "requestAlgorithmMember") {
                Ok(member) => {
                    checksums.algorithm_member = Some(member.name.clone());
                    if http_bindings {
                        if let super::http::Binding::Header(header) =
                            super::http::Binding::of(member)
                        {
                            checksums.algorithm_header = Some(header.to_ascii_lowercase());
                        }
                    }
                }
                Err(warning) => warnings.push(warning),
            }
        }
        checksums.required = value
            .get("requestChecksumRequired")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        checksums.supported = checksums.required || checksums.algorithm_member.is_some();
        if let Some(name) = text("requestValidationModeMember") {
            match string_member(model, input, name, "requestValidationModeMember") {
                Ok(member) => checksums.validation_member = Some(member.name.clone()),
                Err(warning) => warnings.push(warning),
            }
        }
        let listed: Vec<&str> = value
            .get("responseAlgorithms")
            .and_then(|v| v.as_array())
            .map(|list| list.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        checksums.response_algorithms = RESPONSE_PRIORITY
            .iter()
            .filter(|a| listed.iter().any(|l| l.eq_ignore_ascii_case(a)))
            .map(|a| (*a).to_owned())
            .collect();
        if !listed.is_empty() && checksums.response_algorithms.is_empty() {
            warnings.push(format!(
                "`@httpChecksum` lists no supported response algorithm ({}; supported: {}): responses are not checked",
                listed.join(", "),
                RESPONSE_PRIORITY.join(", ")
            ));
        }
    }
    (Some(checksums), warnings)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{json, Value};

    use super::Checksums;
    use crate::plan::Plan;

    /// A restJson1 service with one operation `Op` (`POST /`) of these traits; its input has
    /// `algo` (an enum in the `x-amz-sdk-checksum-algorithm` header), `mode` (a string) and
    /// `count` (an integer).
    fn planned(op_traits: Value) -> Plan {
        let mut traits = json!({"smithy.api#http": {"method": "POST", "uri": "/"}});
        if let (Some(t), Some(e)) = (traits.as_object_mut(), op_traits.as_object()) {
            t.extend(e.clone());
        }
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}],
                       "traits": {"aws.protocols#restJson1": {}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": traits},
            "ex#In": {"type": "structure", "members": {
                "algo": {"target": "ex#Algo",
                         "traits": {"smithy.api#httpHeader": "X-Amz-Sdk-Checksum-Algorithm"}},
                "mode": {"target": "smithy.api#String"},
                "count": {"target": "smithy.api#Integer"}}},
            "ex#Algo": {"type": "enum", "members": {
                "CRC32": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "CRC32"}}}},
        }});
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
    }

    fn checksums(plan: &Plan) -> Option<Checksums> {
        plan.operations[0]
            .wire
            .as_ref()
            .and_then(|w| w.checksums.clone())
    }

    #[test]
    fn the_traits_are_read() {
        let plan = planned(json!({"aws.protocols#httpChecksum": {
            "requestAlgorithmMember": "algo",
            "requestValidationModeMember": "mode",
            "responseAlgorithms": ["SHA256", "CRC32", "XXHASH3", "CRC64NVME"]}}));
        let found = checksums(&plan).expect("checksums");
        assert_eq!(found.algorithm_member.as_deref(), Some("algo"));
        assert_eq!(
            found.algorithm_header.as_deref(),
            Some("x-amz-sdk-checksum-algorithm")
        );
        assert!(found.supported && !found.required && !found.md5_required);
        assert_eq!(found.validation_member.as_deref(), Some("mode"));
        assert_eq!(found.response_algorithms, ["CRC64NVME", "CRC32", "SHA256"]);
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);

        let md5 = checksums(&planned(json!({"smithy.api#httpChecksumRequired": {}}))).unwrap();
        assert!(md5.md5_required && !md5.supported && md5.on_request());
        assert!(checksums(&planned(json!({}))).is_none());
    }

    #[test]
    fn members_that_cannot_serve_are_warnings() {
        let plan = planned(json!({"aws.protocols#httpChecksum": {
            "requestAlgorithmMember": "count",
            "requestValidationModeMember": "missing",
            "requestChecksumRequired": true,
            "responseAlgorithms": ["MD5"]}}));
        let found = checksums(&plan).expect("checksums");
        assert!(found.algorithm_member.is_none() && found.validation_member.is_none());
        assert!(found.required && found.supported);
        assert!(found.response_algorithms.is_empty());
        let warnings: Vec<String> = plan.warnings.iter().map(|w| w.to_string()).collect();
        for expected in [
            "`count` is not a string",
            "`missing` is not a member",
            "no supported response algorithm",
        ] {
            assert!(
                warnings.iter().any(|w| w.contains(expected)),
                "{expected}: {warnings:?}"
            );
        }
    }
}
