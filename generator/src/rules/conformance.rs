//! Runs the `smithy.rules#endpointTests` cases of every service in a JSON AST document
//! through the interpreter and compares with each case's `expect`.

use serde_json::{Map, Value};

use super::ruleset::RuleSet;
use super::{resolve, Endpoint};

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
            match run_case(&rules, case, shapes, shape) {
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

/// The case's parameters: `params`, or, when it has none, what its `operationInputs` give:
/// built-ins (through the parameters' `builtIn` names), client parameters, the operation's
/// `contextParam` members set in `operationParams` and its `staticContextParams`. The more
/// specific binding wins (static over context over client over built-in); no shared case
/// sets one parameter two ways, so this order is not checked against one yet.
fn case_params(
    rules: &RuleSet,
    case: &Value,
    shapes: &Map<String, Value>,
    service: &Value,
) -> Result<Map<String, Value>, String> {
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
        let name = input["operationName"]
            .as_str()
            .ok_or("an operationInput without `operationName`")?;
        let operation = find_operation(shapes, service, name)
            .ok_or_else(|| format!("operation `{name}` is not one of the service's"))?;
        let given = input["operationParams"].as_object();
        // Lowest of the operation's bindings: `operationContextParams`, then `contextParam`,
        // then `staticContextParams` (as `endpoint_params` of a generated crate binds them).
        if let Some(bound) = operation["traits"]["smithy.rules#operationContextParams"].as_object()
        {
            let empty = Map::new();
            let given = Value::Object(given.cloned().unwrap_or(empty));
            for (param, entry) in bound {
                let path = entry["path"].as_str().ok_or_else(|| {
                    format!("`{name}`: operationContextParams.{param} has no path")
                })?;
                let value = read_path(&given, path)
                    .map_err(|e| format!("`{name}`: operationContextParams.{param}: {e}"))?;
                if !value.is_null() {
                    params.insert(param.clone(), value);
                }
            }
        }
        let input_shape = operation["input"]["target"]
            .as_str()
            .and_then(|id| shapes.get(id));
        if let (Some(given), Some(members)) =
            (given, input_shape.and_then(|s| s["members"].as_object()))
        {
            for (member, value) in given {
                if let Some(param) = members
                    .get(member)
                    .and_then(|m| m["traits"]["smithy.rules#contextParam"]["name"].as_str())
                {
                    params.insert(param.to_owned(), value.clone());
                }
            }
        }
        if let Some(statics) = operation["traits"]["smithy.rules#staticContextParams"].as_object() {
            for (param, entry) in statics {
                params.insert(param.clone(), entry["value"].clone());
            }
        }
    }
    Ok(params)
}

/// The value of an `operationContextParams` path (the subset the spec allows: `a.b`,
/// `a[*].b`, `keys(a)`) over a case's `operationParams`; null where a member is unset, and a
/// projection leaves out its unset elements, as JMESPath does.
fn read_path(input: &Value, path: &str) -> Result<Value, String> {
    let (segments, keys) = crate::plan::endpoint::parse_path(path)?;
    fn walk(value: &Value, segments: &[(String, bool)]) -> Value {
        let Some(((name, each), rest)) = segments.split_first() else {
            return value.clone();
        };
        let member = value.get(name).unwrap_or(&Value::Null);
        if *each {
            match member.as_array() {
                Some(items) => Value::Array(
                    items
                        .iter()
                        .map(|item| walk(item, rest))
                        .filter(|v| !v.is_null())
                        .collect(),
                ),
                None => Value::Null,
            }
        } else {
            walk(member, rest)
        }
    }
    let value = walk(input, &segments);
    Ok(if keys {
        match value.as_object() {
            Some(map) => Value::Array(map.keys().cloned().map(Value::String).collect()),
            None => Value::Null,
        }
    } else {
        value
    })
}

/// The service's operation named `name` (directly or through its resources).
fn find_operation<'d>(
    shapes: &'d Map<String, Value>,
    service: &Value,
    name: &str,
) -> Option<&'d Value> {
    let mut pending = vec![service];
    let mut seen = 0usize;
    while let Some(container) = pending.pop() {
        // Resource cycles are not allowed by Smithy, but never loop on a bad model.
        seen += 1;
        if seen > shapes.len() + 1 {
            return None;
        }
        for key in ["operations", "collectionOperations", "resources"] {
            for target in container[key]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let Some(id) = target["target"].as_str() else {
                    continue;
                };
                let Some(shape) = shapes.get(id) else {
                    continue;
                };
                if shape["type"] == "operation" && id.rsplit('#').next() == Some(name) {
                    return Some(shape);
                }
                if shape["type"] == "resource" {
                    pending.push(shape);
                }
            }
        }
        for key in ["create", "put", "read", "update", "delete", "list"] {
            if let Some(id) = container[key]["target"].as_str() {
                if id.rsplit('#').next() == Some(name) {
                    return shapes.get(id);
                }
            }
        }
    }
    None
}

fn run_case(
    rules: &RuleSet,
    case: &Value,
    shapes: &Map<String, Value>,
    service: &Value,
) -> Result<(), String> {
    let params = case_params(rules, case, shapes, service)?;
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A service whose cases give their parameters only through `operationInputs`.
    fn document(cases: Value) -> Value {
        json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service",
                "operations": [{"target": "ex#Get"}, {"target": "ex#ListThings"}],
                "resources": [{"target": "ex#Thing"}],
                "traits": {
                    "smithy.rules#endpointRuleSet": {"version": "1.0",
                        "parameters": {
                            "Region": {"type": "string", "builtIn": "AWS::Region"},
                            "Bucket": {"type": "string"},
                            "Mode": {"type": "string"},
                            "Names": {"type": "stringArray"},
                            "Keys": {"type": "stringArray"},
                            "Flag": {"type": "boolean"}},
                        "rules": [
                            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Names"}]}],
                             "endpoint": {"url": "https://{Region}/{Bucket}/{Mode}",
                                 "headers": {
                                     "second": [{"fn": "getAttr", "argv": [{"ref": "Names"}, "[1]"]}],
                                     "key": [{"fn": "getAttr", "argv": [{"ref": "Keys"}, "[0]"]}]}},
                             "type": "endpoint"},
                            {"conditions": [],
                            "endpoint": {"url": "https://{Region}/{Bucket}/{Mode}"},
                            "type": "endpoint"}]},
                    "smithy.rules#endpointTests": {"version": "1.0", "testCases": cases}}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#GetInput"},
                "traits": {"smithy.rules#staticContextParams": {"Mode": {"value": "static"}}}},
            "ex#GetInput": {"type": "structure", "members": {
                "bucket": {"target": "smithy.api#String",
                           "traits": {"smithy.rules#contextParam": {"name": "Bucket"}}}}},
            "ex#Thing": {"type": "resource", "read": {"target": "ex#ReadThing"}},
            "ex#ReadThing": {"type": "operation",
                "traits": {"smithy.rules#operationContextParams": {"Bucket": {"path": "a[0]"}}}},
            "ex#ListThings": {"type": "operation",
                "traits": {"smithy.rules#operationContextParams": {
                    "Bucket": {"path": "info.bucket"}, "Mode": {"path": "info.mode"},
                    "Names": {"path": "items[*].name"}, "Keys": {"path": "keys(tags)"}}}}
        }})
    }

    #[test]
    fn operation_inputs_give_built_ins_context_and_static_params() {
        let mut report = Report::default();
        run_document(
            &document(json!([{
                "operationInputs": [{"operationName": "Get",
                    "builtInParams": {"AWS::Region": "us-west-2"},
                    "operationParams": {"bucket": "b1"}}],
                "expect": {"endpoint": {"url": "https://us-west-2/b1/static"}}
            }])),
            &mut report,
        );
        assert_eq!((report.passed, report.failures.clone()), (1, vec![]));
    }

    #[test]
    fn operation_context_params_read_paths_of_the_input() {
        let mut report = Report::default();
        run_document(
            &document(json!([{
                "operationInputs": [{"operationName": "ListThings",
                    "builtInParams": {"AWS::Region": "r"},
                    "operationParams": {"info": {"bucket": "b", "mode": "m"},
                        "items": [{"name": "x"}, {"other": 1}, {"name": "y"}],
                        "tags": {"k": "v"}}}],
                "expect": {"endpoint": {"url": "https://r/b/m",
                    "headers": {"second": ["y"], "key": ["k"]}}}
            }])),
            &mut report,
        );
        assert_eq!((report.passed, report.failures.clone()), (1, vec![]));
        assert_eq!(read_path(&json!({"a": {"b": "c"}}), "a.x"), Ok(Value::Null));
        assert_eq!(read_path(&json!({}), "keys(m)"), Ok(Value::Null));
    }

    #[test]
    fn unsupported_and_wrong_cases_count_as_failures_with_a_reason() {
        let mut report = Report::default();
        run_document(
            &document(json!([
                {"operationInputs": [{"operationName": "ReadThing"}],
                 "expect": {"endpoint": {"url": "x"}}},
                {"operationInputs": [{"operationName": "Nope"}],
                 "expect": {"endpoint": {"url": "x"}}},
                {"params": {"Region": "r", "Bucket": "b", "Mode": "m"},
                 "expect": {"error": "no"}},
                {"params": {"Region": "r", "Bucket": "b", "Mode": "m"},
                 "expect": {"endpoint": {"url": "https://r/b/m", "headers": {"a": ["1"]}}}}
            ])),
            &mut report,
        );
        assert_eq!(report.passed, 0);
        assert_eq!(report.failed(), 4, "{:#?}", report.failures);
        assert!(report.failures[0].contains("operationContextParams"));
        assert!(report.failures[1].contains("`Nope`"));
        assert!(report.failures[2].contains("expected error"));
        assert!(report.failures[3].contains("expected headers"));
    }
}
