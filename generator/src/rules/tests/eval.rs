//! Unit tests of the endpoint rules interpreter's `eval` module (`runtime/endpoint_rules/eval.rs`),
//! kept here so that generated crates carry that file whole.

use serde_json::json;

use serde_json::{Map, Value};

use crate::rules::aws::{self, Partition};
use crate::rules::ruleset::RuleSet;

use crate::rules::eval::*;

/// A table of one partition listing the one region the cases use.
const TABLE: &[Partition<'static>] = &[Partition {
    id: "aws-cn",
    region_regex: None,
    regions: &[aws::Region {
        name: "cn-north-1",
        outputs: &[],
    }],
    outputs: &[("dnsSuffix", aws::Output::Str("amazonaws.com.cn"))],
}];

/// The interpreter with the test table (shadows the glob-imported one).
fn resolve(rules: &RuleSet, params: &Map<String, Value>) -> Result<Endpoint, ResolveError> {
    crate::rules::eval::resolve(rules, TABLE, params)
}

fn rules(value: Value) -> RuleSet {
    RuleSet::from_json(&value).unwrap_or_else(|err| panic!("{err}"))
}

fn params(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

fn sample() -> RuleSet {
    rules(json!({
        "version": "1.0",
        "parameters": {
            "Region": {"type": "string", "builtIn": "AWS::Region"},
            "UseFIPS": {"type": "boolean", "required": true, "default": false},
            "Endpoint": {"type": "string"}
        },
        "rules": [
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                            {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"}],
             "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}x",
                          "headers": {"x-a": ["{Region}"]}},
             "type": "endpoint"},
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
             "rules": [
                 {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
                  "error": "FIPS is not supported in {Region}", "type": "error"},
                 {"conditions": [{"fn": "aws.partition", "argv": ["{Region}"], "assign": "p"}],
                  "endpoint": {"url": "https://svc.{Region}.{p#dnsSuffix}",
                               "properties": {"authSchemes": [{"name": "sigv4",
                                   "signingRegion": "{Region}", "disableDoubleEncoding": true}]}},
                  "type": "endpoint"}
             ],
             "type": "tree"},
            {"conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error"}
        ]
    }))
}

#[test]
fn endpoint_with_properties_from_the_partition() {
    let got = resolve(&sample(), &params(json!({"Region": "cn-north-1"}))).unwrap();
    assert_eq!(got.url, "https://svc.cn-north-1.amazonaws.com.cn");
    assert_eq!(
        Value::Object(got.properties),
        json!({"authSchemes": [{"name": "sigv4", "signingRegion": "cn-north-1",
                                "disableDoubleEncoding": true}]})
    );
}

#[test]
fn defaults_error_rules_and_templates() {
    let err = resolve(
        &sample(),
        &params(json!({"Region": "us-east-1", "UseFIPS": true})),
    );
    assert_eq!(
        err,
        Err(ResolveError::Rule(
            "FIPS is not supported in us-east-1".into()
        ))
    );
    let err = resolve(&sample(), &params(json!({})));
    assert_eq!(
        err.unwrap_err().to_string(),
        "Invalid Configuration: Missing Region"
    );
}

#[test]
fn assigned_names_and_headers() {
    let got = resolve(
        &sample(),
        &params(json!({"Region": "r", "Endpoint": "https://h:1/p"})),
    )
    .unwrap();
    assert_eq!(got.url, "https://h:1/p/x");
    assert_eq!(got.headers, vec![("x-a".to_owned(), vec!["r".to_owned()])]);
}

#[test]
fn parameters_are_checked() {
    let set = rules(
        json!({"parameters": {"A": {"type": "string", "required": true}},
                           "rules": [{"conditions": [], "error": "e", "type": "error"}]}),
    );
    assert!(matches!(
        resolve(&set, &Map::new()),
        Err(ResolveError::Parameter(_))
    ));
    assert!(matches!(
        resolve(&set, &params(json!({"A": true}))),
        Err(ResolveError::Parameter(_))
    ));
}

#[test]
fn a_tree_rule_that_matches_must_end_resolution() {
    let set = rules(json!({"parameters": {},
        "rules": [{"conditions": [], "type": "tree", "rules": [
            {"conditions": [{"fn": "booleanEquals", "argv": [true, false]}],
             "error": "no", "type": "error"}]},
            {"conditions": [], "error": "after", "type": "error"}]}));
    assert!(matches!(
        resolve(&set, &Map::new()),
        Err(ResolveError::Invalid(_))
    ));
}

#[test]
fn coalesce_and_ite_evaluate_lazily() {
    let set = rules(
        json!({"parameters": {"A": {"type": "string"}, "B": {"type": "boolean"}},
        "rules": [{"conditions": [
            {"fn": "coalesce", "argv": [{"ref": "A"}, "fallback"], "assign": "a"},
            {"fn": "ite", "argv": [{"fn": "coalesce", "argv": [{"ref": "B"}, false]}, "yes", "no"],
             "assign": "b"}],
          "error": "{a} {b}", "type": "error"}]}),
    );
    let run = |p| resolve(&set, &params(p)).unwrap_err().to_string();
    assert_eq!(run(json!({})), "fallback no");
    assert_eq!(run(json!({"A": "x", "B": true})), "x yes");
}

#[test]
fn rule_set_errors_name_the_place() {
    let err = RuleSet::from_json(&json!({"parameters": {},
        "rules": [{"conditions": [{"argv": []}], "error": "e", "type": "error"}]}))
    .unwrap_err();
    assert_eq!(err, "rules[0].conditions[0].fn: missing");
    let err = RuleSet::from_json(&json!({"parameters": {"X": {"type": "integer"}}, "rules": []}))
        .unwrap_err();
    assert!(err.starts_with("parameters.X.type"), "{err}");
}
