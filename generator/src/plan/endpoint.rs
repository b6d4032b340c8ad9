//! The endpoint resolver of a service with `smithy.rules#endpointRuleSet`: its parameters
//! (named for Rust), the rule set to embed, and per operation how the input binds
//! parameters (`staticContextParams`, `contextParam`, `operationContextParams`).
//!
//! Bindings the generated code cannot make (a member of a type the parameter cannot take,
//! a path outside the subset the spec allows) are warnings naming the operation, and the
//! parameter is left to the other bindings.

use serde_json::Value;

use super::customizations::s3;
use super::naming::{field_name, unique, Style};
use super::{ModulePath, OperationPlan, Plan, RustIdent, RustType};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::resolve::ResolvedModel;
use crate::rules::resolved::{BOOLEAN_BUILT_INS, STRING_BUILT_INS};
use crate::rules::{ParameterType, RuleSet};

pub const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const STATIC: &str = "smithy.rules#staticContextParams";
const CONTEXT: &str = "smithy.rules#contextParam";
const OPERATION_CONTEXT: &str = "smithy.rules#operationContextParams";
const CLIENT_CONTEXT: &str = "smithy.rules#clientContextParams";
const TESTS: &str = "smithy.rules#endpointTests";

#[derive(Clone, Debug, PartialEq)]
pub struct EndpointPlan {
    /// The rule set, minified, as the generated crate embeds it.
    pub rule_set_json: String,
    /// The rule set is the model's (else a customization's, such as S3's addressing rules).
    pub from_model: bool,
    pub params: Vec<EndpointParam>,
    pub operations: Vec<OperationEndpoint>,
    /// The service's `smithy.rules#endpointTests` cases, as written.
    pub tests: Vec<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParam {
    /// The rule set's name (`UseFIPS`).
    pub name: String,
    pub field: RustIdent,
    pub kind: ParameterType,
    /// A built-in the runtime's `BuiltIns` knows.
    pub built_in: Option<String>,
    pub docs: Option<String>,
    /// Listed in the service's `clientContextParams`: the caller sets it.
    pub client_context: bool,
    /// Some operation binds it from a `@sensitive` member: `Params`' Debug redacts it.
    pub sensitive: bool,
}

/// How one operation's input sets parameters, in increasing precedence.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationEndpoint {
    /// The operation's module.
    pub module: RustIdent,
    pub bindings: Vec<Binding>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// Index into [`EndpointPlan::params`].
    pub param: usize,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// `staticContextParams`: a constant.
    Static(Value),
    /// `contextParam` or `operationContextParams`: a path into the input.
    Path(InputPath),
}

/// A path through the input: steps from the input struct, each typed, then what the
/// parameter takes.
#[derive(Clone, Debug, PartialEq)]
pub struct InputPath {
    pub steps: Vec<Step>,
    /// The value at the end of the path (or each element's, after a projection).
    pub leaf: Leaf,
    /// Some member on the way is `@sensitive` (or targets a sensitive shape).
    pub sensitive: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A struct field; `optional` fields may be unset, which makes the result unset.
    Field { field: RustIdent, optional: bool },
    /// `[*]` over a list: the rest of the path per element; the result is the list of the
    /// elements' values that are set. `optional` for a sparse list's elements.
    Each { optional: bool },
    /// `keys(..)` of a map: its keys.
    Keys,
    /// A union's member (`u.member` reads the union when it holds that member, else nothing).
    Variant { union: RustType, variant: RustIdent },
    /// A multi-select list, the path's last step: each sub-path's value, in order, those set
    /// (a string array holds no nulls). After a projection, the lists are flattened (`[]`).
    Select(Vec<(Vec<Step>, Leaf)>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    String,
    /// A string enum (`as_str`).
    Enum,
    Bool,
    /// The keys of a map (already strings); only after [`Step::Keys`].
    Keys,
}

fn warning(model: &ResolvedModel, id: &crate::model::ShapeId, message: String) -> Diagnostic {
    Diagnostic::warning(model.location(id), message)
}

/// The plan of the service's resolver, or `None` without a rule set (or with one the
/// generator cannot read: a warning says why).
pub fn plan(
    model: &ResolvedModel,
    plan: &Plan,
    diagnostics: &mut Diagnostics,
) -> Option<EndpointPlan> {
    let service = model.service_shape();
    let s3 = s3::applies(model);
    let from_model = service.traits.get(RULE_SET);
    let value = match from_model {
        Some(value) => value,
        None if s3 => s3::addressing_rule_set()?,
        None => return None,
    };
    let rules = match RuleSet::from_json(value) {
        Ok(rules) => rules,
        Err(err) => {
            diagnostics.push(warning(
                model,
                &service.id,
                format!("{RULE_SET}: {err}; no endpoint resolver is generated"),
            ));
            return None;
        }
    };
    let client: Vec<&str> = service
        .traits
        .get(CLIENT_CONTEXT)
        .and_then(Value::as_object)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let names: Vec<RustIdent> = rules
        .parameters
        .iter()
        .map(|p| field_name(&p.name))
        .collect();
    let fields = unique(&names, &[], Style::Snake);
    let params: Vec<EndpointParam> = rules
        .parameters
        .iter()
        .zip(fields)
        .map(|(p, field)| {
            let known = match p.kind {
                ParameterType::String => STRING_BUILT_INS,
                ParameterType::Boolean => BOOLEAN_BUILT_INS,
                ParameterType::StringArray => &[],
            };
            let built_in = p.built_in.clone().filter(|b| {
                let ok = known.contains(&b.as_str());
                if !ok {
                    diagnostics.push(warning(
                        model,
                        &service.id,
                        format!(
                            "{RULE_SET}: parameter `{}` takes the built-in `{b}`, which is not \
                             one the generated `BuiltIns` has for a {:?}; the caller sets it",
                            p.name, p.kind
                        ),
                    ));
                }
                ok
            });
            EndpointParam {
                docs: value["parameters"][&p.name]["documentation"]
                    .as_str()
                    .map(str::to_owned),
                client_context: client.contains(&p.name.as_str()),
                sensitive: false,
                name: p.name.clone(),
                field,
                kind: p.kind,
                built_in,
            }
        })
        .collect();
    let operations: Vec<OperationEndpoint> = plan
        .operations
        .iter()
        .map(|op| operation(model, plan, &params, op, s3, diagnostics))
        .collect();
    let mut params = params;
    for binding in operations.iter().flat_map(|o| &o.bindings) {
        if matches!(&binding.source, Source::Path(path) if path.sensitive) {
            params[binding.param].sensitive = true;
        }
    }
    let tests = service
        .traits
        .get(TESTS)
        .and_then(|t| t["testCases"].as_array())
        .cloned()
        .unwrap_or_default();
    Some(EndpointPlan {
        rule_set_json: value.to_string(),
        from_model: from_model.is_some(),
        params,
        operations,
        tests,
    })
}

fn operation(
    model: &ResolvedModel,
    plan: &Plan,
    params: &[EndpointParam],
    op: &OperationPlan,
    s3: bool,
    diagnostics: &mut Diagnostics,
) -> OperationEndpoint {
    let mut bindings = Vec::new();
    let mut warn = |message: String| {
        diagnostics.push(warning(
            model,
            &op.id,
            format!(
                "operation `{}`: {message}; the parameter is left unbound",
                op.name
            ),
        ))
    };
    let index = |name: &str| params.iter().position(|p| p.name == name);
    let traits = model.shape(&op.id).map(|s| &s.traits);
    // operationContextParams and contextParam: the input's values.
    if let Some(bound) = traits
        .and_then(|t| t.get(OPERATION_CONTEXT))
        .and_then(Value::as_object)
    {
        for (name, entry) in bound {
            let Some(param) = index(name) else {
                warn(format!(
                    "{OPERATION_CONTEXT} names `{name}`, not a rule-set parameter"
                ));
                continue;
            };
            let Some(path) = entry["path"].as_str() else {
                warn(format!("{OPERATION_CONTEXT}.{name}: no `path`"));
                continue;
            };
            match input_path(plan, op, path, params[param].kind) {
                Ok(path) => bindings.push(Binding {
                    param,
                    source: Source::Path(path),
                }),
                Err(why) => warn(format!("{OPERATION_CONTEXT}.{name} `{path}`: {why}")),
            }
        }
    }
    let input_id = plan.struct_of(&op.input).map(|s| s.id.clone());
    if let Some(input) = input_id.as_ref().and_then(|id| model.shape(id)) {
        for member in input.kind.members() {
            let Some(name) = member.traits.get(CONTEXT).and_then(|c| c["name"].as_str()) else {
                continue;
            };
            let Some(param) = index(name) else {
                warn(format!(
                    "member `{}` has {CONTEXT} `{name}`, not a rule-set parameter",
                    member.name
                ));
                continue;
            };
            match input_path(plan, op, &member.name, params[param].kind) {
                Ok(path) => bindings.push(Binding {
                    param,
                    source: Source::Path(path),
                }),
                Err(why) => warn(format!("{CONTEXT} on `{}`: {why}", member.name)),
            }
        }
    }
    // S3: the bucket the path no longer carries, unless the model binds it already.
    let bucket = index(s3::BUCKET).filter(|b| s3 && bindings.iter().all(|x| x.param != *b));
    if let (Some(param), Some(member)) = (bucket, s3::routed_bucket(plan, op)) {
        match input_path(plan, op, &member.member_name, params[param].kind) {
            Ok(path) => bindings.push(Binding {
                param,
                source: Source::Path(path),
            }),
            Err(why) => warn(format!("the S3 bucket `{}`: {why}", member.member_name)),
        }
    }
    if let Some(statics) = traits
        .and_then(|t| t.get(STATIC))
        .and_then(Value::as_object)
    {
        for (name, entry) in statics {
            let Some(param) = index(name) else {
                warn(format!("{STATIC} names `{name}`, not a rule-set parameter"));
                continue;
            };
            let value = &entry["value"];
            let fits = match params[param].kind {
                ParameterType::String => value.is_string(),
                ParameterType::Boolean => value.is_boolean(),
                ParameterType::StringArray => value
                    .as_array()
                    .is_some_and(|items| items.iter().all(Value::is_string)),
            };
            if fits {
                bindings.push(Binding {
                    param,
                    source: Source::Static(value.clone()),
                });
            } else {
                warn(format!(
                    "{STATIC}.{name}: {value} is not a {:?}",
                    params[param].kind
                ));
            }
        }
    }
    OperationEndpoint {
        module: op.module.clone(),
        bindings,
    }
}

/// The segments of a path of the subset the spec allows: `a.b`, `a[*].b`, `keys(a.b)`:
/// each member name with whether `[*]` follows it, and whether `keys(..)` wraps the path.
pub fn parse_path(path: &str) -> Result<(Vec<(String, bool)>, bool), String> {
    let (inner, keys) = match path.strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        Some(inner) => (inner, true),
        None => (path, false),
    };
    let mut segments = Vec::new();
    for part in inner.split('.') {
        let (name, each) = match part.strip_suffix("[*]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        let ok = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            return Err(format!("`{part}` is not a field, or `field[*]`"));
        }
        segments.push((name.to_owned(), each));
    }
    Ok((segments, keys))
}

/// A path ending in a multi-select list, split ([`split_select`]).
#[derive(Debug, PartialEq)]
pub struct Selection<'a> {
    /// The path before the list; empty for a multi-select of the input itself.
    pub head: &'a str,
    /// The list's sub-paths.
    pub paths: Vec<&'a str>,
    /// Whether `[]` flattens the result.
    pub flatten: bool,
}

/// A path ending in a multi-select list, split: `a[*].[b.c, d][]` is `a[*]`, `b.c` and `d`,
/// flattened. `None` for a path without one.
pub fn split_select(path: &str) -> Result<Option<Selection<'_>>, String> {
    let (head, list) = match path.split_once(".[") {
        Some((head, rest)) => (head, rest),
        None => match path.strip_prefix('[') {
            Some(rest) if !rest.starts_with('*') && !rest.starts_with(']') => ("", rest),
            _ => return Ok(None),
        },
    };
    let (list, flatten) = match list.strip_suffix("][]") {
        Some(list) => (list, true),
        None => (
            list.strip_suffix(']')
                .ok_or("a multi-select list `[a, b]` must end the path")?,
            false,
        ),
    };
    let paths: Vec<&str> = list.split(',').map(str::trim).collect();
    if paths
        .iter()
        .any(|p| p.is_empty() || p.contains(['[', ']', '(', ')']))
    {
        return Err(format!("`[{list}]` is not a list of member paths"));
    }
    Ok(Some(Selection {
        head,
        paths,
        flatten,
    }))
}

/// One member read from the value of type `ty`: a structure's field or a union's member.
/// Gives the step, the member's type and whether it is sensitive.
fn member_step(plan: &Plan, ty: &RustType, name: &str) -> Result<(Step, RustType, bool), String> {
    let ty = unboxed(ty);
    if let Some(owner) = plan.struct_of(&ty) {
        let member = owner
            .members
            .iter()
            .find(|m| m.member_name == name)
            .ok_or_else(|| format!("`{}` has no member `{name}`", owner.name.name))?;
        let step = Step::Field {
            field: member.field.clone(),
            optional: member.optional,
        };
        return Ok((step, unboxed(&member.value_type), member.sensitive));
    }
    if let RustType::Named {
        name: union_name, ..
    } = &ty
    {
        if let Some(union) = plan.unions.iter().find(|u| &u.name == union_name) {
            let variant = union
                .variants
                .iter()
                .find(|v| v.member_name == name)
                .ok_or_else(|| format!("`{}` has no member `{name}`", union.id.name()))?;
            let value = variant
                .value_type
                .as_ref()
                .ok_or_else(|| format!("`{name}` of `{}` holds no value", union.id.name()))?;
            let step = Step::Variant {
                union: ty.clone(),
                variant: variant.name.clone(),
            };
            return Ok((step, unboxed(value), variant.sensitive || union.sensitive));
        }
    }
    Err(format!(
        "`{name}` is read from something that is not a structure or a union"
    ))
}

/// The string or boolean at the end of a path.
fn scalar_leaf(plan: &Plan, ty: &RustType) -> Option<Leaf> {
    match ty {
        RustType::String => Some(Leaf::String),
        RustType::Bool => Some(Leaf::Bool),
        RustType::Named {
            module: ModulePath::Types,
            name,
        } if plan.enums.iter().any(|e| &e.name == name && !e.is_int) => Some(Leaf::Enum),
        _ => None,
    }
}

/// Types the path over the input's plan.
fn input_path(
    plan: &Plan,
    op: &OperationPlan,
    path: &str,
    kind: ParameterType,
) -> Result<InputPath, String> {
    let (path, select) = match split_select(path)? {
        Some(selection) => (selection.head, Some((selection.paths, selection.flatten))),
        None => (path, None),
    };
    let (segments, keys) = if path.is_empty() {
        (Vec::new(), false)
    } else {
        parse_path(path)?
    };
    let mut steps = Vec::new();
    let mut ty = op.input.clone();
    let mut projected = false;
    let mut sensitive = false;
    for (name, each) in segments {
        let (step, member_type, member_sensitive) = member_step(plan, &ty, &name)?;
        sensitive |= member_sensitive;
        steps.push(step);
        ty = member_type;
        if each {
            let RustType::Vec(element) = ty else {
                return Err(format!("`{name}[*]`: `{name}` is not a list"));
            };
            if projected {
                return Err("a projection inside a projection".to_owned());
            }
            projected = true;
            steps.push(Step::Each {
                optional: matches!(*element, RustType::Option(_)),
            });
            ty = unboxed(&element);
        }
    }
    let scalar = |ty: &RustType| scalar_leaf(plan, ty);
    if let Some((paths, flatten)) = select {
        if keys {
            return Err("`keys` before a multi-select list".to_owned());
        }
        if projected && !flatten {
            // A list of lists is no parameter's type.
            return Err("a projected multi-select list without `[]`".to_owned());
        }
        let mut selected = Vec::new();
        for sub in paths {
            let mut sub_steps = Vec::new();
            let mut sub_ty = ty.clone();
            for name in sub.split('.') {
                let (step, member_type, member_sensitive) = member_step(plan, &sub_ty, name)?;
                sensitive |= member_sensitive;
                sub_steps.push(step);
                sub_ty = member_type;
            }
            let leaf = scalar(&sub_ty)
                .filter(|leaf| *leaf != Leaf::Bool)
                .ok_or_else(|| format!("`{sub}` is not a string"))?;
            selected.push((sub_steps, leaf));
        }
        steps.push(Step::Select(selected));
        if kind != ParameterType::StringArray {
            return Err(format!("the value does not fit a {kind:?} parameter"));
        }
        return Ok(InputPath {
            steps,
            leaf: Leaf::String,
            sensitive,
        });
    }
    let leaf = if keys {
        if projected {
            return Err("`keys` of a projection".to_owned());
        }
        if !matches!(&ty, RustType::Map(key, _) if **key == RustType::String) {
            return Err("`keys` of something that is not a map with string keys".to_owned());
        }
        steps.push(Step::Keys);
        Leaf::Keys
    } else if let (RustType::Vec(element), false) = (&ty, projected) {
        // A list of strings taken whole: the same as projecting it.
        let leaf = scalar(&unboxed(element)).ok_or("a list of what is not a string")?;
        steps.push(Step::Each {
            optional: matches!(**element, RustType::Option(_)),
        });
        projected = true;
        leaf
    } else {
        scalar(&ty).ok_or("the value is not a string or a boolean")?
    };
    let list = projected || leaf == Leaf::Keys;
    let fits = match kind {
        ParameterType::StringArray => list && leaf != Leaf::Bool,
        ParameterType::String => !list && leaf != Leaf::Bool,
        ParameterType::Boolean => !list && leaf == Leaf::Bool,
    };
    if !fits {
        return Err(format!("the value does not fit a {kind:?} parameter"));
    }
    Ok(InputPath {
        steps,
        leaf,
        sensitive,
    })
}

fn unboxed(ty: &RustType) -> RustType {
    match ty {
        RustType::Box(inner) | RustType::Option(inner) => unboxed(inner),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn planned(model: Value) -> Plan {
        crate::plan::plan_of_json(&model)
    }

    fn model(op_traits: Value, member_traits: Value) -> Value {
        json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Get"}],
                "traits": {"smithy.rules#endpointRuleSet": {"version": "1.0",
                    "parameters": {
                        "Region": {"type": "string", "builtIn": "AWS::Region"},
                        "Flag": {"type": "boolean", "builtIn": "AWS::Made::Up"},
                        "Names": {"type": "stringArray"},
                        "Count": {"type": "string"}},
                    "rules": [{"conditions": [], "error": "e", "type": "error"}]}}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#GetInput"},
                "traits": op_traits},
            "ex#GetInput": {"type": "structure", "members": {
                "count": {"target": "smithy.api#Integer", "traits": member_traits},
                "names": {"target": "ex#Names"}}},
            "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}}
        }})
    }

    #[test]
    fn parameters_are_named_for_rust_and_keep_known_built_ins() {
        let plan = planned(model(json!({}), json!({})));
        let endpoint = plan.endpoint.unwrap();
        let fields: Vec<_> = endpoint
            .params
            .iter()
            .map(|p| p.field.name.as_str())
            .collect();
        assert_eq!(fields, ["region", "flag", "names", "count"]);
        assert_eq!(endpoint.params[0].built_in.as_deref(), Some("AWS::Region"));
        assert_eq!(endpoint.params[1].built_in, None);
        assert!(plan
            .warnings
            .iter()
            .any(|w| w.message.contains("`AWS::Made::Up`")));
    }

    #[test]
    fn unusable_bindings_are_warnings_naming_the_operation() {
        let plan = planned(model(
            json!({"smithy.rules#operationContextParams": {
                    "Names": {"path": "names[0]"},
                    "Count": {"path": "names[*]"}},
                   "smithy.rules#staticContextParams": {"Region": {"value": true}}}),
            json!({"smithy.rules#contextParam": {"name": "Count"}}),
        ));
        let endpoint = plan.endpoint.unwrap();
        assert!(endpoint.operations[0].bindings.is_empty());
        let warnings: Vec<_> = plan
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .filter(|m| m.starts_with("operation `Get`"))
            .collect();
        assert_eq!(warnings.len(), 4, "{warnings:#?}");
    }

    #[test]
    fn a_binding_from_a_sensitive_member_is_made_and_marked_for_redaction() {
        let mut doc = model(json!({}), json!({}));
        doc["shapes"]["ex#GetInput"]["members"]["secret"] = json!({"target": "smithy.api#String",
            "traits": {"smithy.api#sensitive": {}, "smithy.rules#contextParam": {"name": "Count"}}});
        let plan = planned(doc);
        let endpoint = plan.endpoint.unwrap();
        assert_eq!(endpoint.operations[0].bindings.len(), 1);
        assert!(endpoint.params[3].sensitive && !endpoint.params[0].sensitive);
        assert!(plan.warnings.iter().all(|w| !w.message.contains("`Get`")));
    }

    #[test]
    fn bindings_in_precedence_order() {
        let plan = planned(model(
            json!({"smithy.rules#operationContextParams": {"Names": {"path": "names"}},
                   "smithy.rules#staticContextParams": {"Region": {"value": "r"}}}),
            json!({}),
        ));
        let bindings = &plan.endpoint.unwrap().operations[0].bindings;
        assert_eq!(bindings.len(), 2);
        assert!(matches!(bindings[0].source, Source::Path(_)));
        assert_eq!(bindings[1].source, Source::Static(json!("r")));
    }

    #[test]
    fn multi_select_lists_end_a_path() {
        let selection = |head, paths, flatten| {
            Some(Selection {
                head,
                paths,
                flatten,
            })
        };
        assert_eq!(split_select("a.b").unwrap(), None);
        assert_eq!(split_select("a[*].b").unwrap(), None);
        assert_eq!(
            split_select("a.[b, c.d]").unwrap(),
            selection("a", vec!["b", "c.d"], false)
        );
        assert_eq!(
            split_select("a[*].[b.c,d][]").unwrap(),
            selection("a[*]", vec!["b.c", "d"], true)
        );
        assert_eq!(
            split_select("[b, c]").unwrap(),
            selection("", vec!["b", "c"], false)
        );
        assert!(split_select("a.[b, c].d").is_err());
        assert!(split_select("a.[b, [c]]").is_err());
        assert!(split_select("a.[b, ]").is_err());
    }

    #[test]
    fn multi_select_paths_are_typed() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {
                "aws.protocols#restJson1": {},
                "smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": {
                    "Each": {"type": "stringArray"},
                    "Nested": {"type": "stringArray"},
                    "Unflattened": {"type": "stringArray"},
                    "NotAString": {"type": "stringArray"},
                    "OneString": {"type": "string"}
                }, "rules": [{"conditions": [], "type": "endpoint",
                    "endpoint": {"url": "https://example.com"}}]}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "traits": {
                "smithy.api#http": {"method": "POST", "uri": "/"},
                "smithy.rules#operationContextParams": {
                    "Each": {"path": "items[*].[a.name, b.name][]"},
                    "Nested": {"path": "one.[name, flag]"},
                    "Unflattened": {"path": "items[*].[a.name]"},
                    "NotAString": {"path": "one.[flag]"},
                    "OneString": {"path": "one.[name]"}
                }}},
            "ex#OpInput": {"type": "structure", "members": {
                "items": {"target": "ex#Items"}, "one": {"target": "ex#Named"}}},
            "ex#Items": {"type": "list", "member": {"target": "ex#Item"}},
            "ex#Item": {"type": "union", "members": {
                "a": {"target": "ex#Named"}, "b": {"target": "ex#Named"}}},
            "ex#Named": {"type": "structure", "members": {
                "name": {"target": "smithy.api#String"},
                "flag": {"target": "smithy.api#Boolean"}}}
        }});
        let plan = planned(model);
        let endpoint = plan.endpoint.as_ref().expect("a rule set");
        let bound: Vec<&str> = endpoint.operations[0]
            .bindings
            .iter()
            .map(|b| endpoint.params[b.param].name.as_str())
            .collect();
        // Only `Each` fits: a boolean pick, a list of lists and a list for a string do not.
        assert_eq!(bound, ["Each"]);
        let Source::Path(path) = &endpoint.operations[0].bindings[0].source else {
            panic!("a path");
        };
        assert!(
            matches!(path.steps.as_slice(), [Step::Field { .. }, Step::Each { .. }, Step::Select(picks)]
            if picks.len() == 2
                && picks.iter().all(|(steps, leaf)| *leaf == Leaf::String
                    && matches!(steps.as_slice(), [Step::Variant { .. }, Step::Field { .. }])))
        );
    }

    #[test]
    fn paths_of_the_allowed_subset() {
        assert_eq!(
            parse_path("a.b[*].c").unwrap(),
            (
                vec![("a".into(), false), ("b".into(), true), ("c".into(), false)],
                false
            )
        );
        assert_eq!(
            parse_path("keys(m)").unwrap(),
            (vec![("m".into(), false)], true)
        );
        assert!(parse_path("a[0]").is_err());
        assert!(parse_path("a | b").is_err());
        assert!(parse_path("").is_err());
    }
}
