//! The document's `smithy` version property.

use serde_json::Value;

/// The IDL generation a document was written for; 1.x needs a few conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SmithyVersion {
    V1,
    V2,
}

/// Reads the `smithy` property; the error names the offending value.
pub(super) fn parse_version(value: Option<&Value>) -> Result<SmithyVersion, String> {
    match value {
        None => Err("missing the `smithy` version property".to_owned()),
        Some(Value::String(text)) => match text.as_str() {
            "2.0" | "2" => Ok(SmithyVersion::V2),
            "1.0" | "1" | "1.1" => Ok(SmithyVersion::V1),
            _ => Err(format!(
                "unsupported Smithy version `{text}` (expected 1.0, 1.1 or 2.0)"
            )),
        },
        Some(other) => Err(format!(
            "the `smithy` version must be a string, found `{other}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_versions_are_accepted() {
        for (text, expected) in [
            ("2.0", SmithyVersion::V2),
            ("2", SmithyVersion::V2),
            ("1.0", SmithyVersion::V1),
            ("1", SmithyVersion::V1),
            ("1.1", SmithyVersion::V1),
        ] {
            assert_eq!(parse_version(Some(&json!(text))), Ok(expected), "{text}");
        }
    }

    #[test]
    fn other_versions_name_the_value() {
        let missing = parse_version(None).unwrap_err();
        assert!(missing.contains("missing"), "{missing}");
        let unknown = parse_version(Some(&json!("3.0"))).unwrap_err();
        assert!(unknown.contains("`3.0`"), "{unknown}");
        let number = parse_version(Some(&json!(2))).unwrap_err();
        assert!(number.contains("`2`"), "{number}");
    }
}
