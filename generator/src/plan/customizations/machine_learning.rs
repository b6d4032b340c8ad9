//! Machine Learning: `Predict` goes to the endpoint its `PredictEndpoint` member names (the
//! model's real-time endpoint), as the SDKs send it.

use super::{Operation, WirePlan};

pub const SDK_ID: &str = "Machine Learning";

pub fn apply(operation: &Operation<'_>, wire: &mut WirePlan) {
    if operation.name != "Predict" {
        return;
    }
    if operation.input.iter().any(|m| m.name == "PredictEndpoint") {
        wire.custom.endpoint_member = Some("PredictEndpoint".to_owned());
    }
}
