//! The interpreter: parameters (with defaults and required checks) in, an endpoint or the
//! rule set's error out. Rules are tried in order; a rule applies when each condition is set
//! and not `false` (a condition's `assign` names its value for the later conditions and the
//! rule's body).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use super::aws::{self, Partition};
use super::functions::{self, parse_path};
use super::ruleset::{Call, Expr, ParameterType, Rule, RuleKind, RuleSet};
use super::template::{Part, Template};

/// A resolved endpoint: its URL, `properties` (e.g. `authSchemes`) as JSON and headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub url: String,
    pub properties: Map<String, Value>,
    pub headers: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResolveError {
    /// An error rule applied; its message, as the rule set wrote it.
    Rule(String),
    /// The parameters do not fit the rule set (missing required, wrong type).
    Parameter(String),
    /// The rule set cannot be evaluated (unknown function, wrong argument types, a tree
    /// rule none of whose rules applied).
    Invalid(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Rule(message) => f.write_str(message),
            ResolveError::Parameter(message) => write!(f, "endpoint parameters: {message}"),
            ResolveError::Invalid(message) => write!(f, "endpoint rule set: {message}"),
        }
    }
}

/// The names in scope (parameters and assigned names), and the partition table
/// `aws.partition` reads.
#[derive(Clone)]
struct Scope<'p> {
    values: HashMap<String, Value>,
    partitions: &'p [Partition<'p>],
}

impl Scope<'_> {
    fn insert(&mut self, name: String, value: Value) {
        self.values.insert(name, value);
    }
}

/// Resolves the endpoint for `params` (parameter name -> value; absent or null is unset),
/// with `partitions` as the table of `aws.partition`.
pub fn resolve(
    rules: &RuleSet,
    partitions: &[Partition<'_>],
    params: &Map<String, Value>,
) -> Result<Endpoint, ResolveError> {
    let mut scope = Scope {
        values: HashMap::new(),
        partitions,
    };
    for param in &rules.parameters {
        let value = match params.get(&param.name) {
            Some(Value::Null) | None => param.default.clone().unwrap_or(Value::Null),
            Some(value) => value.clone(),
        };
        let fits = match (&value, param.kind) {
            (Value::Null, _) => !param.required,
            (Value::String(_), ParameterType::String)
            | (Value::Bool(_), ParameterType::Boolean) => true,
            (Value::Array(items), ParameterType::StringArray) => items.iter().all(Value::is_string),
            _ => false,
        };
        if !fits {
            return Err(ResolveError::Parameter(if value.is_null() {
                format!("`{}` is required", param.name)
            } else {
                format!("`{}` must be a {:?}", param.name, param.kind)
            }));
        }
        scope.insert(param.name.clone(), value);
    }
    match rules_in(&rules.rules, &mut scope)? {
        Some(endpoint) => Ok(endpoint),
        None => Err(ResolveError::Invalid("no rule applied".to_owned())),
    }
}

fn rules_in(rules: &[Rule], scope: &mut Scope<'_>) -> Result<Option<Endpoint>, ResolveError> {
    for rule in rules {
        // Names assigned by a rule's conditions are visible only inside that rule.
        let mut inner = scope.clone();
        if !conditions_hold(rule, &mut inner)? {
            continue;
        }
        return match &rule.kind {
            RuleKind::Endpoint(endpoint) => {
                let url = string(&eval(&endpoint.url, &inner)?, "the endpoint's url")?;
                let mut properties = Map::new();
                for (key, expr) in &endpoint.properties {
                    properties.insert(key.clone(), eval(expr, &inner)?);
                }
                let mut headers = Vec::new();
                for (name, values) in &endpoint.headers {
                    let values = values
                        .iter()
                        .map(|v| string(&eval(v, &inner)?, "a header value"))
                        .collect::<Result<_, _>>()?;
                    headers.push((name.clone(), values));
                }
                Ok(Some(Endpoint {
                    url,
                    properties,
                    headers,
                }))
            }
            RuleKind::Error(message) => Err(ResolveError::Rule(string(
                &eval(message, &inner)?,
                "the error message",
            )?)),
            // A tree rule whose conditions hold must end the resolution.
            RuleKind::Tree(children) => match rules_in(children, &mut inner)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(ResolveError::Invalid(
                    "a tree rule matched but none of its rules applied".to_owned(),
                )),
            },
        };
    }
    Ok(None)
}

fn conditions_hold(rule: &Rule, scope: &mut Scope<'_>) -> Result<bool, ResolveError> {
    for condition in &rule.conditions {
        let value = call(&condition.call, scope)?;
        if matches!(value, Value::Null | Value::Bool(false)) {
            return Ok(false);
        }
        if let Some(name) = &condition.assign {
            scope.insert(name.clone(), value);
        }
    }
    Ok(true)
}

fn string(value: &Value, what: &str) -> Result<String, ResolveError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| ResolveError::Invalid(format!("{what} is not a string: {value}")))
}

fn eval(expr: &Expr, scope: &Scope<'_>) -> Result<Value, ResolveError> {
    Ok(match expr {
        Expr::String(template) => Value::String(render(template, scope)?),
        Expr::Bool(b) => Value::Bool(*b),
        Expr::Int(i) => Value::from(*i),
        Expr::Array(items) => Value::Array(
            items
                .iter()
                .map(|e| eval(e, scope))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Record(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, e)| Ok((k.clone(), eval(e, scope)?)))
                .collect::<Result<_, ResolveError>>()?,
        ),
        Expr::Ref(name) => lookup(name, scope)?.clone(),
        Expr::Call(c) => call(c, scope)?,
    })
}

fn lookup<'s>(name: &str, scope: &'s Scope<'_>) -> Result<&'s Value, ResolveError> {
    scope.values.get(name).ok_or_else(|| {
        ResolveError::Invalid(format!("`{name}` is not a parameter or an assigned name"))
    })
}

fn render(template: &Template, scope: &Scope<'_>) -> Result<String, ResolveError> {
    let mut out = String::new();
    for part in &template.parts {
        let value = match part {
            Part::Text(text) => {
                out.push_str(text);
                continue;
            }
            Part::Ref(name) => lookup(name, scope)?.clone(),
            Part::Attr(name, path) => functions::get_attr(lookup(name, scope)?, path),
        };
        match value {
            Value::String(text) => out.push_str(&text),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            other => {
                return Err(ResolveError::Invalid(format!(
                    "a template reads a value that is not a string: {other}"
                )))
            }
        }
    }
    Ok(out)
}

fn call(c: &Call, scope: &Scope<'_>) -> Result<Value, ResolveError> {
    let arity = |n: usize| {
        if c.args.len() == n {
            Ok(())
        } else {
            Err(ResolveError::Invalid(format!(
                "`{}` takes {n} arguments, given {}",
                c.function,
                c.args.len()
            )))
        }
    };
    // The functions that look at unset arguments, or evaluate only some.
    match c.function.as_str() {
        "isSet" => {
            arity(1)?;
            return Ok(Value::Bool(!eval(&c.args[0], scope)?.is_null()));
        }
        "coalesce" => {
            for arg in &c.args {
                let value = eval(arg, scope)?;
                if !value.is_null() {
                    return Ok(value);
                }
            }
            return Ok(Value::Null);
        }
        "ite" => {
            arity(3)?;
            let branch = match eval(&c.args[0], scope)? {
                Value::Bool(true) => &c.args[1],
                _ => &c.args[2],
            };
            return eval(branch, scope);
        }
        _ => {}
    }
    let args = c
        .args
        .iter()
        .map(|a| eval(a, scope))
        .collect::<Result<Vec<_>, _>>()?;
    // Any other function given an unset argument has an unset result.
    if args.iter().any(Value::is_null) {
        return Ok(Value::Null);
    }
    let wrong = || {
        ResolveError::Invalid(format!(
            "`{}`: wrong arguments {}",
            c.function,
            Value::Array(args.clone())
        ))
    };
    let s = |i: usize| args.get(i).and_then(Value::as_str).ok_or_else(wrong);
    let b = |i: usize| args.get(i).and_then(Value::as_bool).ok_or_else(wrong);
    let n = |i: usize| args.get(i).and_then(Value::as_i64).ok_or_else(wrong);
    let exact = |count: usize| {
        if args.len() == count {
            Ok(())
        } else {
            Err(wrong())
        }
    };
    Ok(match c.function.as_str() {
        "not" => {
            exact(1)?;
            Value::Bool(!b(0)?)
        }
        "booleanEquals" => {
            exact(2)?;
            Value::Bool(b(0)? == b(1)?)
        }
        "stringEquals" => {
            exact(2)?;
            Value::Bool(s(0)? == s(1)?)
        }
        "getAttr" => {
            exact(2)?;
            let path = parse_path(s(1)?).map_err(ResolveError::Invalid)?;
            functions::get_attr(&args[0], &path)
        }
        "substring" => {
            exact(4)?;
            functions::substring(s(0)?, n(1)?, n(2)?, b(3)?)
        }
        "parseURL" => {
            exact(1)?;
            functions::parse_url(s(0)?)
        }
        "uriEncode" => {
            exact(1)?;
            Value::String(functions::uri_encode(s(0)?))
        }
        "isValidHostLabel" => {
            exact(2)?;
            Value::Bool(functions::is_valid_host_label(s(0)?, b(1)?))
        }
        "split" => {
            exact(3)?;
            functions::split(s(0)?, s(1)?, n(2)?)
        }
        "aws.partition" => {
            exact(1)?;
            aws::partition(scope.partitions, s(0)?)
        }
        "aws.parseArn" => {
            exact(1)?;
            aws::parse_arn(s(0)?)
        }
        "aws.isVirtualHostableS3Bucket" => {
            exact(2)?;
            Value::Bool(aws::is_virtual_hostable_s3_bucket(s(0)?, b(1)?))
        }
        other => return Err(ResolveError::Invalid(format!("unknown function `{other}`"))),
    })
}
