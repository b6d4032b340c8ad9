//! API Gateway: every request asks for JSON (`Accept: application/json`), which the service
//! requires; the SDKs add it.

use super::WirePlan;

pub const SDK_ID: &str = "API Gateway";

pub fn apply(wire: &mut WirePlan) {
    wire.fixed_headers
        .push(("accept".to_owned(), "application/json".to_owned()));
}
