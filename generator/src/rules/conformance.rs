//! Runs the `smithy.rules#endpointTests` cases of every service in a JSON AST document
//! through the interpreter and compares with each case's `expect`.

use serde_json::{Map, Value};

use super::eval::{resolve, Endpoint};
use super::ruleset::RuleSet;

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";

/// Counts, and one line per failed case.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: usize,
    pub failures: Vec<String>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.failures.len()
    }
}

/// Runs every case of every service of `document` (a Smithy JSON AST) that has both traits.
pub fn run_document(document: &Value, report: &mut Report) {
    let Some(shapes) = document.get("shapes").and_then(Value::as_object) else {
        return;
    };
    for (id, shape) in shapes {
        let traits = &shape["traits"];
        let Some(tests) = traits.get(TESTS) else {
            continue;
        };
        let rules = match traits.get(RULE_SET).map(RuleSet::from_json) {
            Some(Ok(rules)) => rules,
            Some(Err(err)) => {
                report.failures.push(format!("{id}: {RULE_SET}: {err}"));
                continue;
            }
            None => {
                report
                    .failures
                    .push(format!("{id}: has {TESTS} but no {RULE_SET}"));
                continue;
            }
        };
        let cases = tests["testCases"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (i, case) in cases.iter().enumerate() {
            match run_case(&rules, case) {
                Ok(()) => report.passed += 1,
                Err(reason) => {
                    let doc = case["documentation"].as_str().unwrap_or("");
                    report
                        .failures
                        .push(format!("{id}: testCases[{i}] ({doc}): {reason}"));
                }
            }
        }
    }
}

/// The case's parameters: `params`, or, when it has none, what its `operationInputs` give
/// through built-ins and client parameters.
fn case_params(rules: &RuleSet, case: &Value) -> Result<Map<String, Value>, String> {
    if let Some(params) = case.get("params") {
        return params
            .as_object()
            .cloned()
            .ok_or_else(|| "`params` is not an object".to_owned());
    }
    let mut params = Map::new();
    let inputs = case["operationInputs"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    for input in inputs {
        if input["operationParams"]
            .as_object()
            .is_some_and(|p| !p.is_empty())
        {
            return Err("operationParams (context parameters) are not supported yet".to_owned());
        }
        if let Some(built_ins) = input["builtInParams"].as_object() {
            for (built_in, value) in built_ins {
                let param = rules
                    .parameters
                    .iter()
                    .find(|p| p.built_in.as_deref() == Some(built_in))
                    .ok_or_else(|| format!("no parameter has the built-in `{built_in}`"))?;
                params.insert(param.name.clone(), value.clone());
            }
        }
        if let Some(client) = input["clientParams"].as_object() {
            params.extend(client.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    Ok(params)
}

fn run_case(rules: &RuleSet, case: &Value) -> Result<(), String> {
    let params = case_params(rules, case)?;
    let expect = &case["expect"];
    let got = resolve(rules, &params);
    match (expect.get("endpoint"), expect.get("error"), got) {
        (Some(want), _, Ok(endpoint)) => compare(want, &endpoint),
        (Some(_), _, Err(err)) => Err(format!("expected an endpoint, got error `{err}`")),
        (None, Some(want), Err(err)) => {
            let got = err.to_string();
            if want.as_str() == Some(got.as_str()) {
                Ok(())
            } else {
                Err(format!("expected error {want}, got error `{got}`"))
            }
        }
        (None, Some(want), Ok(endpoint)) => Err(format!(
            "expected error {want}, got endpoint {}",
            endpoint.url
        )),
        (None, None, _) => Err("`expect` has neither `endpoint` nor `error`".to_owned()),
    }
}

fn compare(want: &Value, got: &Endpoint) -> Result<(), String> {
    if want["url"].as_str() != Some(got.url.as_str()) {
        return Err(format!("expected url {}, got {}", want["url"], got.url));
    }
    let want_props = want
        .get("properties")
        .cloned()
        .unwrap_or(Value::Object(Map::new()));
    let got_props = Value::Object(got.properties.clone());
    if want_props != got_props {
        return Err(format!("expected properties {want_props}, got {got_props}"));
    }
    let want_headers = want
        .get("headers")
        .cloned()
        .unwrap_or(Value::Object(Map::new()));
    let got_headers = Value::Object(
        got.headers
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.clone())))
            .collect(),
    );
    if want_headers != got_headers {
        return Err(format!(
            "expected headers {want_headers}, got {got_headers}"
        ));
    }
    Ok(())
}
