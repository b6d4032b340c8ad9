//! The AWS SDKs' service customizations: behaviour every AWS SDK adds for one service beyond
//! what its model says, keyed as the SDKs key it, on the service's `aws.api#service` `sdkId`.
//! One file per service.

mod api_gateway;
mod glacier;
mod machine_learning;
pub mod s3;

use super::WirePlan;
use crate::model::{Member, Shape};
use crate::resolve::ResolvedModel;

/// What a customization changes in one operation's request, and in how its response is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestCustomization {
    /// URI labels sent as this text when unset or empty (label name, text).
    pub label_defaults: Vec<(String, String)>,
    /// `X-Amz-Content-Sha256` and, unless the input sets it, `X-Amz-Sha256-Tree-Hash` from
    /// the body (Glacier's tree hash).
    pub tree_hash_headers: bool,
    /// The input member (its model name) whose value, when set, is the request's endpoint.
    pub endpoint_member: Option<String>,
    /// A 2xx response whose XML body's root element is `Error` is an error response (S3's
    /// "200 OK" errors).
    pub error_in_ok_response: bool,
}

/// The operation as its service's SDK customization sees it.
pub struct Operation<'a> {
    pub name: &'a str,
    pub input: &'a [Member],
}

/// The `aws.api#service` `sdkId`, the key of every customization.
fn sdk_id(model: &ResolvedModel) -> Option<&str> {
    model
        .service_shape()
        .traits
        .get("aws.api#service")?
        .get("sdkId")?
        .as_str()
}

/// Applies the service's customization, if any, to the operation's wire plan.
pub fn apply(model: &ResolvedModel, operation: &Operation<'_>, wire: &mut WirePlan) {
    let service: &Shape = model.service_shape();
    match sdk_id(model) {
        Some(api_gateway::SDK_ID) => api_gateway::apply(wire),
        Some(glacier::SDK_ID) => glacier::apply(service, operation, wire),
        Some(machine_learning::SDK_ID) => machine_learning::apply(operation, wire),
        Some(s3::SDK_ID) => s3::apply(operation, wire),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::plan::Plan;

    /// A restJson1 service with these traits and one operation `Op` (`POST /{accountId}`).
    fn planned(service_traits: Value) -> Plan {
        let mut traits = json!({"aws.protocols#restJson1": {}});
        if let (Some(t), Some(extra)) = (traits.as_object_mut(), service_traits.as_object()) {
            t.extend(extra.clone());
        }
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "2020-01-01",
                       "operations": [{"target": "ex#Op"}], "traits": traits},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                      "traits": {"smithy.api#http": {"method": "POST", "uri": "/{accountId}"}}},
            "ex#In": {"type": "structure", "members": {
                "accountId": {"target": "smithy.api#String",
                              "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
                "body": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}}}},
        }});
        crate::plan::plan_of_json(&model)
    }

    fn wire(plan: &Plan) -> &crate::plan::WirePlan {
        plan.operations[0].wire.as_ref().expect("a wire layer")
    }

    #[test]
    fn customizations_are_keyed_on_the_sdk_id() {
        let glacier = planned(json!({"aws.api#service": {"sdkId": "Glacier"}}));
        let planned_wire = wire(&glacier);
        assert!(planned_wire
            .fixed_headers
            .contains(&("x-amz-glacier-version".to_owned(), "2020-01-01".to_owned())));
        assert_eq!(
            planned_wire.custom.label_defaults,
            vec![("accountId".to_owned(), "-".to_owned())]
        );
        assert!(planned_wire.custom.tree_hash_headers);
        let gateway = planned(json!({"aws.api#service": {"sdkId": "API Gateway"}}));
        assert!(wire(&gateway)
            .fixed_headers
            .contains(&("accept".to_owned(), "application/json".to_owned())));
        // Without the sdkId (a service merely named alike) nothing changes.
        let plain = planned(json!({"aws.api#service": {"sdkId": "Other"}}));
        assert!(wire(&plain).fixed_headers.is_empty());
        assert_eq!(wire(&plain).custom, Default::default());
    }
}
