//! Unit tests of the endpoint rules interpreter's `resolved` module (`runtime/endpoint_rules/resolved.rs`),
//! kept here so that generated crates carry that file whole.

use serde_json::json;

use std::collections::HashMap;

use crate::rules::eval::Endpoint;

use crate::rules::resolved::*;

#[test]
fn auth_schemes_come_from_the_properties() {
    let endpoint = ResolvedEndpoint::from(Endpoint {
        url: "https://x".into(),
        properties: json!({"authSchemes": [
            {"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"],
             "disableDoubleEncoding": true},
            {"name": "sigv4", "signingRegion": "us-east-1"},
            {"noName": true}]})
        .as_object()
        .cloned()
        .unwrap_or_default(),
        headers: Vec::new(),
    });
    let schemes = endpoint.auth_schemes();
    assert_eq!(schemes.len(), 2);
    assert_eq!(schemes[0].name(), "sigv4a");
    assert_eq!(schemes[0].signing_name(), Some("s3"));
    assert_eq!(schemes[0].signing_region_set(), ["*"]);
    assert!(schemes[0].disable_double_encoding());
    assert_eq!(schemes[1].signing_region(), Some("us-east-1"));
    assert!(!schemes[1].disable_double_encoding());
}

#[test]
fn built_ins_by_name() {
    let mut b = BuiltIns::default();
    assert!(b.set("AWS::Region", &json!("eu-west-1")));
    assert!(b.set("AWS::UseFIPS", &json!(true)));
    assert!(b.set("AWS::S3::Accelerate", &json!(false)));
    assert!(!b.set("AWS::Region", &json!(true)));
    assert!(!b.set("AWS::Nope", &json!(true)));
    assert_eq!(b.string("AWS::Region").as_deref(), Some("eu-west-1"));
    assert_eq!(b.boolean("AWS::UseFIPS"), Some(true));
    assert_eq!(b.boolean("AWS::UseDualStack"), Some(false));
    assert_eq!(b.boolean("AWS::S3::Accelerate"), Some(false));
    assert_eq!(b.boolean("AWS::S3::ForcePathStyle"), None);
    for name in STRING_BUILT_INS {
        assert!(BOOLEAN_BUILT_INS.iter().all(|b| b != name));
    }
}

#[test]
fn the_cache_answers_repeats_without_resolving() {
    let cache = Cache::new();
    let mut calls = 0;
    let mut resolve = |key: &u32| {
        cache.get_or_insert(key, || {
            calls += 1;
            Err(EndpointError::invalid_rule_set("x"))
        })
    };
    assert!(resolve(&1).is_err());
    assert!(resolve(&1).is_err());
    assert!(resolve(&2).is_err());
    assert_eq!(calls, 2);
    for key in 0..200 {
        let _ = cache.get_or_insert(&key, || Err(EndpointError::invalid_rule_set("x")));
    }
    let len = cache
        .entries
        .lock()
        .map(|m| m.as_ref().map_or(0, HashMap::len));
    assert!(len.unwrap_or(0) <= CACHE_CAPACITY);
}
