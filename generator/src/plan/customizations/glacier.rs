//! Glacier, as the SDKs customize it: every request names the API version
//! (`X-Amz-Glacier-Version`, the service's version), an unset or empty `accountId` label is
//! `-` (the caller's account), and a request with a body carries its SHA-256
//! (`X-Amz-Content-Sha256`) and tree hash (`X-Amz-Sha256-Tree-Hash`), which the service
//! requires.

use super::{Operation, WirePlan};
use crate::model::Shape;

pub const SDK_ID: &str = "Glacier";

const ACCOUNT_ID: &str = "accountId";

pub fn apply(service: &Shape, operation: &Operation<'_>, wire: &mut WirePlan) {
    if let Some(version) = service_version(service) {
        wire.fixed_headers
            .push(("x-amz-glacier-version".to_owned(), version.to_owned()));
    }
    let has_account_label = wire.uri.path.iter().any(|segment| {
        matches!(segment, crate::plan::http::Segment::Label { name, .. } if name == ACCOUNT_ID)
    });
    if has_account_label {
        wire.custom
            .label_defaults
            .push((ACCOUNT_ID.to_owned(), "-".to_owned()));
    }
    let has_payload = operation
        .input
        .iter()
        .any(|m| m.traits.has("smithy.api#httpPayload"));
    wire.custom.tree_hash_headers = has_payload;
}

fn service_version(service: &Shape) -> Option<&str> {
    match &service.kind {
        crate::model::ShapeKind::Service(s) => s.version.as_deref(),
        _ => None,
    }
}
