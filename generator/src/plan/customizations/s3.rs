//! The AWS SDKs' S3 customization (`sdkId` `S3`): the bucket is routed by the endpoint, not
//! by the operation's path.
//!
//! S3's endpoint rules put the bucket in the host name (virtual host:
//! `mybucket.s3.us-west-2.amazonaws.com`) or first in the endpoint URL's path (path style:
//! `s3.us-west-2.amazonaws.com/mybucket`), so every SDK removes the leading `/{Bucket}` label
//! from the operations' URIs and binds the rule set's `Bucket` parameter from that member.
//! An S3 model without `smithy.rules#endpointRuleSet` (Smithy's protocol test model) gets
//! our own small rule set of S3's addressing (`s3_addressing_rules.json`), run by the same
//! rules engine: virtual host unless the bucket is no DNS label (`aws.isVirtualHostableS3Bucket`)
//! or path style is forced, dual-stack, FIPS, Transfer Acceleration, a configured endpoint
//! URL (path style for an IP address), as the AWS S3 documentation describes them.
//!
//! S3 may also answer a copy or the completion of a multipart upload with `200 OK` and an
//! `<Error>` document: it sends the status before the work is done, and an error found later
//! goes in the body (the S3 API reference says so for these operations). The SDKs read such
//! a response as the error it holds; so do we, for the operations they list.

use std::sync::OnceLock;

use serde_json::Value;

use super::{Operation, WirePlan};
use crate::plan::http::{Binding, Segment};
use crate::plan::{MemberPlan, OperationPlan, Plan};
use crate::resolve::ResolvedModel;

pub const SDK_ID: &str = "S3";
/// The operations that may put an error in a `200 OK` response, as the SDKs list them.
const ERRORS_IN_OK_RESPONSES: [&str; 3] =
    ["CompleteMultipartUpload", "CopyObject", "UploadPartCopy"];
/// The label and the rule-set parameter of the bucket.
pub const BUCKET: &str = "Bucket";
const ADDRESSING_RULES: &str = include_str!("s3_addressing_rules.json");

/// Whether the service is S3 (`aws.api#service` `sdkId`) and its endpoint rules, the
/// model's or ours, take the bucket.
pub fn applies(model: &ResolvedModel) -> bool {
    let traits = &model.service_shape().traits;
    let s3 = super::sdk_id(model) == Some(SDK_ID);
    let takes_bucket = match traits.get(crate::plan::endpoint::RULE_SET) {
        Some(rules) => rules["parameters"].get(BUCKET).is_some(),
        None => true,
    };
    s3 && takes_bucket
}

/// Reads a `200 OK` holding an `<Error>` document as that error, for the operations that may
/// send one.
pub fn apply(operation: &Operation<'_>, wire: &mut WirePlan) {
    if ERRORS_IN_OK_RESPONSES.contains(&operation.name) {
        wire.custom.error_in_ok_response = true;
    }
}

/// Removes the leading `/{Bucket}` of each operation's path: `/{Bucket}/{Key+}` becomes
/// `/{Key+}`, `/{Bucket}?list-type=2` an empty path (joined to the endpoint's path, or `/`).
/// The member keeps its label binding, now outside the path: see [`routed_bucket`].
pub fn route_bucket_by_endpoint(plan: &mut Plan) {
    for wire in plan.operations.iter_mut().filter_map(|op| op.wire.as_mut()) {
        let path = &mut wire.uri.path;
        let leading = matches!(
            path.as_slice(),
            [Segment::Literal(slash), Segment::Label { name, greedy: false }, ..]
                if slash == "/" && name == BUCKET
        );
        let ends_segment = match path.get(2) {
            None => true,
            Some(Segment::Literal(next)) => next.starts_with('/'),
            Some(Segment::Label { .. }) => false,
        };
        if leading && ends_segment {
            path.drain(..2);
        }
    }
}

/// The input member whose label [`route_bucket_by_endpoint`] removed from the path.
pub fn routed_bucket<'p>(plan: &'p Plan, op: &OperationPlan) -> Option<&'p MemberPlan> {
    let wire = op.wire.as_ref()?;
    let in_path = wire
        .uri
        .path
        .iter()
        .any(|s| matches!(s, Segment::Label { name, .. } if name == BUCKET));
    if in_path {
        return None;
    }
    plan.struct_of(&op.input)?
        .members
        .iter()
        .find(|m| matches!(&m.binding, Binding::Label(label) if label == BUCKET))
}

/// Our S3 addressing rule set, for an S3 model without one.
pub fn addressing_rule_set() -> Option<&'static Value> {
    static RULES: OnceLock<Option<Value>> = OnceLock::new();
    RULES
        .get_or_init(|| serde_json::from_str(ADDRESSING_RULES).ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::RuleSet;

    fn planned(model: Value) -> Plan {
        crate::plan::plan_of_json(&model)
    }

    fn s3_like(sdk_id: &str) -> Value {
        json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1",
                "operations": [{"target": "ex#List"}, {"target": "ex#Get"}, {"target": "ex#Other"}],
                "traits": {"aws.protocols#restXml": {}, "aws.api#service": {"sdkId": sdk_id}}},
            "ex#List": {"type": "operation", "input": {"target": "ex#BucketInput"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/{Bucket}?list-type=2"}}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#KeyInput"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/{Bucket}/{Key+}"}}},
            "ex#Other": {"type": "operation", "input": {"target": "ex#OtherInput"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/{Bucket}x"}}},
            "ex#BucketInput": {"type": "structure", "members": {
                "Bucket": {"target": "smithy.api#String",
                    "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}},
            "ex#KeyInput": {"type": "structure", "members": {
                "Bucket": {"target": "smithy.api#String",
                    "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
                "Key": {"target": "smithy.api#String",
                    "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}},
            "ex#OtherInput": {"type": "structure", "members": {
                "Bucket": {"target": "smithy.api#String",
                    "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}}
        }})
    }

    #[test]
    fn the_addressing_rule_set_reads() {
        let rules = RuleSet::from_json(addressing_rule_set().expect("JSON")).unwrap();
        assert!(rules.parameter(BUCKET).is_some());
    }

    /// Region `us-west-2` and bucket `mybucket`, changed (or unset by `null`) by `given`.
    fn with_defaults(given: &Value) -> serde_json::Map<String, Value> {
        let mut params = json!({"Region": "us-west-2", "Bucket": "mybucket"});
        for (k, v) in given.as_object().into_iter().flatten() {
            params[k] = v.clone();
        }
        params
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// The addressing rules, each case's URL (or error) as the AWS S3 documentation gives it.
    #[test]
    fn the_addressing_rules_place_the_bucket() {
        let rules = RuleSet::from_json(addressing_rule_set().expect("JSON")).unwrap();
        let cases = [
            (json!({}), "https://mybucket.s3.us-west-2.amazonaws.com"),
            (
                json!({"ForcePathStyle": true}),
                "https://s3.us-west-2.amazonaws.com/mybucket",
            ),
            (
                json!({"Bucket": "my.bucket"}),
                "https://s3.us-west-2.amazonaws.com/my.bucket",
            ),
            (
                json!({"Bucket": "MyBucket"}),
                "https://s3.us-west-2.amazonaws.com/MyBucket",
            ),
            (
                json!({"Bucket": "a b"}),
                "https://s3.us-west-2.amazonaws.com/a%20b",
            ),
            (
                json!({"UseDualStack": true}),
                "https://mybucket.s3.dualstack.us-west-2.amazonaws.com",
            ),
            (
                json!({"UseFIPS": true}),
                "https://mybucket.s3-fips.us-west-2.amazonaws.com",
            ),
            (
                json!({"UseFIPS": true, "UseDualStack": true, "ForcePathStyle": true}),
                "https://s3-fips.dualstack.us-west-2.amazonaws.com/mybucket",
            ),
            (
                json!({"Accelerate": true}),
                "https://mybucket.s3-accelerate.amazonaws.com",
            ),
            (
                json!({"Accelerate": true, "UseDualStack": true}),
                "https://mybucket.s3-accelerate.dualstack.amazonaws.com",
            ),
            (
                json!({"Region": "cn-north-1"}),
                "https://mybucket.s3.cn-north-1.amazonaws.com.cn",
            ),
            (
                json!({"Bucket": null}),
                "https://s3.us-west-2.amazonaws.com",
            ),
            (
                json!({"Endpoint": "https://storage.example/base"}),
                "https://mybucket.storage.example/base",
            ),
            (
                json!({"Endpoint": "http://127.0.0.1:9000"}),
                "http://127.0.0.1:9000/mybucket",
            ),
            (
                json!({"Endpoint": "http://localhost:9000", "ForcePathStyle": true}),
                "http://localhost:9000/mybucket",
            ),
            (
                json!({"Endpoint": "http://localhost:9000", "Bucket": "web.bucket"}),
                "http://web.bucket.localhost:9000",
            ),
            (
                json!({"Endpoint": "https://localhost:9000", "Bucket": "my.bucket"}),
                "https://localhost:9000/my.bucket",
            ),
            (
                json!({"Endpoint": "https://storage.example", "Bucket": null}),
                "https://storage.example",
            ),
        ];
        for (given, expected) in cases {
            let params = with_defaults(&given);
            let endpoint =
                crate::rules::resolve(&rules, &params).unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(endpoint.url, expected, "{given}");
            let scheme = &endpoint.properties["authSchemes"][0];
            assert_eq!(scheme["signingName"], "s3");
            assert_eq!(scheme["disableDoubleEncoding"], true);
        }
        for (given, error) in [
            (json!({"Region": null}), "A region must be set"),
            (json!({"Accelerate": true, "UseFIPS": true}), "FIPS"),
            (
                json!({"Accelerate": true, "ForcePathStyle": true}),
                "Path-style",
            ),
            (
                json!({"Accelerate": true, "Bucket": "my.bucket"}),
                "Path-style",
            ),
            (
                json!({"Endpoint": "https://e.example", "UseFIPS": true}),
                "FIPS",
            ),
            (json!({"Endpoint": "not a url"}), "not a valid URI"),
        ] {
            let params = with_defaults(&given);
            match crate::rules::resolve(&rules, &params) {
                Err(e) => assert!(e.to_string().contains(error), "{given}: {e}"),
                Ok(endpoint) => panic!("{given}: expected an error, got {}", endpoint.url),
            }
        }
    }

    #[test]
    fn s3_paths_lose_their_leading_bucket_and_bind_it_to_the_endpoint() {
        let plan = planned(s3_like("S3"));
        let path = |name: &str| {
            let op = plan.operations.iter().find(|o| o.name == name).unwrap();
            (op.wire.as_ref().unwrap().uri.path.clone(), op)
        };
        assert!(path("List").0.is_empty());
        assert_eq!(
            path("Get").0,
            vec![
                Segment::Literal("/".into()),
                Segment::Label {
                    name: "Key".into(),
                    greedy: true
                }
            ]
        );
        // `{Bucket}x` is not a whole segment: left as it is.
        assert_eq!(path("Other").0.len(), 3);
        let endpoint = plan.endpoint.as_ref().expect("the addressing rule set");
        let bucket = endpoint.params.iter().position(|p| p.name == BUCKET);
        for name in ["List", "Get"] {
            let op = path(name).1;
            assert!(routed_bucket(&plan, op).is_some());
            let bound = endpoint.operations.iter().find(|o| o.module == op.module);
            assert!(
                bound.is_some_and(|o| o.bindings.iter().any(|b| Some(b.param) == bucket)),
                "{name}"
            );
        }
        assert!(routed_bucket(&plan, path("Other").1).is_none());
    }

    /// S3's operations that may answer `200 OK` with an error, by their names in S3's model;
    /// the same names in another service change nothing.
    #[test]
    fn copies_and_completions_read_errors_in_ok_responses_in_s3_only() {
        let model = |sdk_id: &str| {
            let mut model = s3_like(sdk_id);
            let shapes = model["shapes"].as_object_mut().unwrap();
            let get = shapes["ex#Get"].clone();
            for name in ["CopyObject", "UploadPartCopy", "CompleteMultipartUpload"] {
                shapes.insert(format!("ex#{name}"), get.clone());
                shapes["ex#Svc"]["operations"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"target": format!("ex#{name}")}));
            }
            planned(model)
        };
        fn flagged(plan: &Plan) -> Vec<&str> {
            let mut names: Vec<&str> = plan
                .operations
                .iter()
                .filter(|op| op.wire.as_ref().unwrap().custom.error_in_ok_response)
                .map(|op| op.name.as_str())
                .collect();
            names.sort_unstable();
            names
        }
        assert_eq!(
            flagged(&model("S3")),
            ["CompleteMultipartUpload", "CopyObject", "UploadPartCopy"]
        );
        assert!(flagged(&model("NotS3")).is_empty());
    }

    #[test]
    fn other_services_and_rule_sets_without_a_bucket_keep_their_paths() {
        let plan = planned(s3_like("NotS3"));
        assert!(plan.endpoint.is_none());
        assert!(plan
            .operations
            .iter()
            .all(|op| op.wire.as_ref().unwrap().uri.path.len() >= 2));
        let mut model = s3_like("S3");
        model["shapes"]["ex#Svc"]["traits"]["smithy.rules#endpointRuleSet"] = json!({
            "version": "1.0", "parameters": {"Region": {"type": "string"}},
            "rules": [{"conditions": [], "type": "endpoint",
                       "endpoint": {"url": "https://s3.example"}}]});
        let plan = planned(model);
        assert!(plan.endpoint.is_some());
        assert!(plan
            .operations
            .iter()
            .all(|op| op.wire.as_ref().unwrap().uri.path.len() >= 2));
    }
}
