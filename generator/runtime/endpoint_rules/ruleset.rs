//! The `smithy.rules#endpointRuleSet` trait value, read into a typed tree. Errors name the
//! place in the rule set (`rules[2].rules[0].conditions[1]`) so a bad model is easy to fix.

use serde_json::{Map, Value};

use super::template::Template;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterType {
    String,
    Boolean,
    StringArray,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub kind: ParameterType,
    pub required: bool,
    pub default: Option<Value>,
    pub built_in: Option<String>,
}

/// An expression: a literal (strings in it are templates), a reference or a function call.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    String(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Record(Vec<(String, Expr)>),
    Ref(String),
    Call(Call),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub function: String,
    pub args: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub call: Call,
    pub assign: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRule {
    pub url: Expr,
    pub properties: Vec<(String, Expr)>,
    pub headers: Vec<(String, Vec<Expr>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    Endpoint(EndpointRule),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub parameters: Vec<Parameter>,
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// Reads the trait's value; the error names where in the rule set the problem is.
    pub fn from_json(value: &Value) -> Result<RuleSet, String> {
        let root = object(value, "the rule set")?;
        let mut parameters = Vec::new();
        if let Some(params) = root.get("parameters") {
            for (name, param) in object(params, "parameters")? {
                parameters.push(parameter(name, param)?);
            }
        }
        let rules = rules(root.get("rules"), "rules")?;
        Ok(RuleSet { parameters, rules })
    }

    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

fn object<'v>(value: &'v Value, at: &str) -> Result<&'v Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object"))
}

fn parameter(name: &str, value: &Value) -> Result<Parameter, String> {
    let at = format!("parameters.{name}");
    let param = object(value, &at)?;
    let kind = match param.get("type").and_then(Value::as_str) {
        Some(t) if t.eq_ignore_ascii_case("string") => ParameterType::String,
        Some(t) if t.eq_ignore_ascii_case("boolean") => ParameterType::Boolean,
        Some(t) if t.eq_ignore_ascii_case("stringArray") => ParameterType::StringArray,
        Some(other) => return Err(format!("{at}.type: unknown parameter type `{other}`")),
        None => return Err(format!("{at}.type: missing")),
    };
    let default = param.get("default").cloned();
    let matches = match (&default, kind) {
        (None, _) => true,
        (Some(Value::String(_)), ParameterType::String) => true,
        (Some(Value::Bool(_)), ParameterType::Boolean) => true,
        (Some(Value::Array(items)), ParameterType::StringArray) => {
            items.iter().all(Value::is_string)
        }
        _ => false,
    };
    if !matches {
        return Err(format!("{at}.default: does not match the type {kind:?}"));
    }
    Ok(Parameter {
        name: name.to_owned(),
        kind,
        required: param
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        default,
        built_in: param
            .get("builtIn")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

fn rules(value: Option<&Value>, at: &str) -> Result<Vec<Rule>, String> {
    let items = value
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{at}: expected an array of rules"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, r)| rule(r, &format!("{at}[{i}]")))
        .collect()
}

fn rule(value: &Value, at: &str) -> Result<Rule, String> {
    let rule = object(value, at)?;
    let mut conditions = Vec::new();
    if let Some(conds) = rule.get("conditions") {
        let conds = conds
            .as_array()
            .ok_or_else(|| format!("{at}.conditions: expected an array"))?;
        for (i, cond) in conds.iter().enumerate() {
            let cat = format!("{at}.conditions[{i}]");
            let call = call(object(cond, &cat)?, &cat)?;
            let assign = match object(cond, &cat)?.get("assign") {
                None => None,
                Some(Value::String(name)) => Some(name.clone()),
                Some(_) => return Err(format!("{cat}.assign: expected a string")),
            };
            conditions.push(Condition { call, assign });
        }
    }
    let kind = match rule.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let eat = format!("{at}.endpoint");
            let endpoint = object(
                rule.get("endpoint")
                    .ok_or_else(|| format!("{eat}: missing"))?,
                &eat,
            )?;
            let url = expr(
                endpoint
                    .get("url")
                    .ok_or_else(|| format!("{eat}.url: missing"))?,
                &format!("{eat}.url"),
            )?;
            let mut properties = Vec::new();
            if let Some(props) = endpoint.get("properties") {
                for (key, v) in object(props, &format!("{eat}.properties"))? {
                    properties.push((key.clone(), expr(v, &format!("{eat}.properties.{key}"))?));
                }
            }
            let mut headers = Vec::new();
            if let Some(hs) = endpoint.get("headers") {
                for (name, values) in object(hs, &format!("{eat}.headers"))? {
                    let hat = format!("{eat}.headers.{name}");
                    let values = values
                        .as_array()
                        .ok_or_else(|| format!("{hat}: expected an array"))?;
                    let values = values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| expr(v, &format!("{hat}[{i}]")))
                        .collect::<Result<_, _>>()?;
                    headers.push((name.clone(), values));
                }
            }
            RuleKind::Endpoint(EndpointRule {
                url,
                properties,
                headers,
            })
        }
        Some("error") => RuleKind::Error(expr(
            rule.get("error")
                .ok_or_else(|| format!("{at}.error: missing"))?,
            &format!("{at}.error"),
        )?),
        Some("tree") => RuleKind::Tree(rules(rule.get("rules"), &format!("{at}.rules"))?),
        Some(other) => return Err(format!("{at}.type: unknown rule type `{other}`")),
        None => return Err(format!("{at}.type: missing")),
    };
    Ok(Rule { conditions, kind })
}

fn call(value: &Map<String, Value>, at: &str) -> Result<Call, String> {
    let function = value
        .get("fn")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{at}.fn: missing"))?;
    let args = value
        .get("argv")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{at}.argv: expected an array"))?;
    let args = args
        .iter()
        .enumerate()
        .map(|(i, a)| expr(a, &format!("{at}.argv[{i}]")))
        .collect::<Result<_, _>>()?;
    Ok(Call {
        function: function.to_owned(),
        args,
    })
}

/// Reads an expression: `{"ref": ..}`, `{"fn": .., "argv": ..}`, or a literal.
pub fn expr(value: &Value, at: &str) -> Result<Expr, String> {
    Ok(match value {
        Value::String(text) => {
            Expr::String(Template::parse(text).map_err(|e| format!("{at}: {e}"))?)
        }
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Int(
            n.as_i64()
                .ok_or_else(|| format!("{at}: only integers are allowed, found {n}"))?,
        ),
        Value::Array(items) => Expr::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| expr(v, &format!("{at}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) if map.contains_key("ref") && map.len() == 1 => Expr::Ref(
            map["ref"]
                .as_str()
                .ok_or_else(|| format!("{at}.ref: expected a string"))?
                .to_owned(),
        ),
        Value::Object(map) if map.contains_key("fn") => Expr::Call(call(map, at)?),
        Value::Object(map) => Expr::Record(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), expr(v, &format!("{at}.{k}"))?)))
                .collect::<Result<_, String>>()?,
        ),
        Value::Null => return Err(format!("{at}: null is not an expression")),
    })
}
