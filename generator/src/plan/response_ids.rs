//! Which structures carry the request IDs of the response they were read from: every
//! operation's output and every error structure, as the AWS SDKs give them (smithy-rs's
//! `request_id()` on outputs and errors). The IDs live in a private field beside the
//! members, so that the public fields stay the model's.

use super::naming::RustIdent;
use super::{Plan, RustType};

/// The private field's name when no member's field takes it.
const FIELD: &str = "_request_ids";

/// Names the private field of each output and error structure.
pub fn plan(plan: &mut Plan) {
    let outputs: Vec<RustType> = plan.operations.iter().map(|op| op.output.clone()).collect();
    for s in plan.structures.iter_mut() {
        let is_output = outputs.iter().any(|ty| {
            matches!(ty, RustType::Named { module, name } if *module == s.module && *name == s.name)
        });
        if !is_output && s.error.is_none() {
            continue;
        }
        // Members keep their names; the private field moves aside from any that has its.
        let mut name = FIELD.to_owned();
        while s.members.iter().any(|m| m.field.name == name) {
            name.push('_');
        }
        s.response_ids = Some(RustIdent { name, raw: false });
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn outputs_and_errors_carry_request_ids_and_their_field_avoids_members() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                       "traits": {"aws.protocols#restJson1": {}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                      "output": {"target": "ex#Out"}, "errors": [{"target": "ex#Oops"}],
                      "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
            "ex#In": {"type": "structure", "members": {}},
            "ex#Out": {"type": "structure", "members": {
                "_request_ids": {"target": "smithy.api#String"}}},
            "ex#Oops": {"type": "structure", "members": {},
                        "traits": {"smithy.api#error": "client"}}
        }});
        let plan = crate::plan::plan_of_json(&model);
        let field = |name: &str| {
            let s = plan
                .structures
                .iter()
                .find(|s| s.name.name == name)
                .unwrap();
            s.response_ids.as_ref().map(|f| f.name.clone())
        };
        assert_eq!(field("OpInput"), None);
        assert_eq!(field("Oops").as_deref(), Some("_request_ids"));
        // The member `_request_ids` is the field `request_ids` (snake case drops the leading
        // underscore); the private field stays apart from every member's.
        let output = plan
            .structures
            .iter()
            .find(|s| s.name.name == "OpOutput")
            .unwrap();
        let private = output
            .response_ids
            .as_ref()
            .expect("an output has the field");
        assert!(output.members.iter().all(|m| m.field != *private));
    }
}
