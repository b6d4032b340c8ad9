//! `@requestCompression` (smithy.io, "requestCompression trait"): whether and how an
//! operation's request bodies are compressed. Only `gzip` is a supported algorithm.

use crate::model::{Member, Shape, ShapeKind};
use crate::resolve::ResolvedModel;

const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
const REQUIRES_LENGTH: &str = "smithy.api#requiresLength";

/// How an operation's requests are compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestCompression {
    /// The input has a `@streaming` member without `@requiresLength`: its request is
    /// compressed whatever its size (the minimum size does not apply).
    pub unbounded_stream: bool,
}

/// The operation's compression, or `None` with the reason it is not compressed (a warning)
/// when it has the trait but no compression can apply.
pub fn of(
    model: &ResolvedModel,
    operation: &Shape,
    input: &[Member],
) -> Result<Option<RequestCompression>, String> {
    let Some(value) = operation.traits.get(REQUEST_COMPRESSION) else {
        return Ok(None);
    };
    let encodings: Vec<&str> = value
        .get("encodings")
        .and_then(|e| e.as_array())
        .map(|list| list.iter().filter_map(|e| e.as_str()).collect())
        .unwrap_or_default();
    // The first supported algorithm is used; gzip is the only one.
    if !encodings.iter().any(|e| e.eq_ignore_ascii_case("gzip")) {
        return Err(format!(
            "`@requestCompression` lists no supported algorithm ({}; supported: gzip): requests are sent uncompressed",
            encodings.join(", ")
        ));
    }
    let streams = input.iter().filter_map(|m| {
        let target = model.shape(&m.target)?;
        let blob = matches!(
            target.kind,
            ShapeKind::Simple(crate::model::SimpleType::Blob)
        );
        (blob && super::http::is_streaming(&target.traits)).then_some(target)
    });
    let mut unbounded_stream = false;
    for stream in streams {
        if stream.traits.has(REQUIRES_LENGTH) {
            // Smithy refuses this model: compressing would read the whole stream to learn
            // the compressed length.
            return Err(
                "`@requestCompression` with a `@streaming` `@requiresLength` input member is not allowed: requests are sent uncompressed"
                    .to_owned(),
            );
        }
        unbounded_stream = true;
    }
    Ok(Some(RequestCompression { unbounded_stream }))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{json, Value};

    use crate::plan::Plan;

    /// A restJson1 service with one operation `Op` (`POST /`) of these traits whose input
    /// has a `data` payload of `payload`'s traits.
    fn planned(op_traits: Value, payload: Value) -> Plan {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}],
                       "traits": {"aws.protocols#restJson1": {}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": op_traits},
            "ex#In": {"type": "structure", "members": {
                "data": {"target": "ex#Data", "traits": {"smithy.api#httpPayload": {}}}}},
            "ex#Data": {"type": "blob", "traits": payload},
        }});
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
    }

    fn compression(plan: &Plan) -> Option<super::RequestCompression> {
        plan.operations[0].wire.as_ref().and_then(|w| w.compression)
    }

    fn http(extra: Value) -> Value {
        let mut traits = json!({"smithy.api#http": {"method": "POST", "uri": "/"}});
        if let (Some(t), Some(e)) = (traits.as_object_mut(), extra.as_object()) {
            t.extend(e.clone());
        }
        traits
    }

    #[test]
    fn gzip_anywhere_in_the_list_compresses() {
        let plan = planned(
            http(json!({"smithy.api#requestCompression": {"encodings": ["br", "GZIP"]}})),
            json!({}),
        );
        let found = compression(&plan).expect("compressed");
        assert!(!found.unbounded_stream);
        assert!(compression(&planned(http(json!({})), json!({}))).is_none());
    }

    #[test]
    fn a_stream_without_a_length_ignores_the_minimum_size() {
        let plan = planned(
            http(json!({"smithy.api#requestCompression": {"encodings": ["gzip"]}})),
            json!({"smithy.api#streaming": {}}),
        );
        assert!(compression(&plan).expect("compressed").unbounded_stream);
    }

    #[test]
    fn unsupported_or_forbidden_compression_is_a_warning() {
        let none = planned(
            http(json!({"smithy.api#requestCompression": {"encodings": ["br"]}})),
            json!({}),
        );
        assert!(compression(&none).is_none());
        assert!(none.operations[0].wire.is_some());
        assert!(none
            .warnings
            .iter()
            .any(|w| w.to_string().contains("no supported algorithm")));
        let sized = planned(
            http(json!({"smithy.api#requestCompression": {"encodings": ["gzip"]}})),
            json!({"smithy.api#streaming": {}, "smithy.api#requiresLength": {}}),
        );
        assert!(compression(&sized).is_none());
        assert!(sized
            .warnings
            .iter()
            .any(|w| w.to_string().contains("requiresLength")));
    }
}
