//! The service's `smithy.rules#endpointTests` cases as tests of the generated crate: the
//! case's parameters (given directly, or through `operationInputs`: built-ins, client
//! parameters and an operation's input) -> `endpoint::resolve` -> the expected URL, headers
//! and properties, or the expected error message. And the endpoint built-ins that protocol
//! test cases give in `vendorParams`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::{ident, value_expr, At};
use crate::emit::prelude::{DEFAULT, ERR, OK, SOME, STRING};
use crate::model::number::NumberTexts;
use crate::plan::endpoint::{EndpointParam, EndpointPlan};
use crate::plan::Plan;
use crate::rules::ParameterType;

/// A Rust expression of a parameter's value (`Some(..)`), or why the value does not fit.
fn param_value(param: &EndpointParam, value: &Value) -> Result<TokenStream, String> {
    let wrong = || format!("`{}`: {value} is not a {:?}", param.name, param.kind);
    Ok(match (param.kind, value) {
        (ParameterType::String, Value::String(s)) => {
            quote!(#SOME(#STRING::from(#s)))
        }
        (ParameterType::Boolean, Value::Bool(b)) => quote!(#SOME(#b)),
        (ParameterType::StringArray, Value::Array(items)) => {
            let items = items
                .iter()
                .map(|v| v.as_str().ok_or_else(wrong))
                .collect::<Result<Vec<_>, _>>()?;
            // Repetitions bind what they interpolate, and a constant cannot be bound.
            let string = STRING;
            quote!(#SOME(
                ::std::vec![#(#string::from(#items)),*]
            ))
        }
        _ => return Err(wrong()),
    })
}

fn param<'e>(endpoint: &'e EndpointPlan, name: &str) -> Result<&'e EndpointParam, String> {
    endpoint
        .params
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| format!("`{name}` is not a parameter of the rule set"))
}

/// Statements setting `built_ins` from `(built-in name, value)` pairs.
fn set_built_ins(pairs: &[(String, Value)], root: &TokenStream) -> TokenStream {
    let sets = pairs.iter().map(|(name, value)| {
        let json = value.to_string();
        quote! {
            assert!(
                built_ins.set(#name, &::serde_json::from_str(#json).expect("JSON")),
                "the built-in {} takes the case's value", #name
            );
        }
    });
    quote! {
        let mut built_ins = #root::endpoint::BuiltIns::default();
        #(#sets)*
    }
}

/// The test body of one endpoint case.
pub(super) fn endpoint_case(
    plan: &Plan,
    endpoint: &EndpointPlan,
    case: &Value,
    root: &TokenStream,
) -> Result<TokenStream, String> {
    let check = expectation(&case["expect"], root)?;
    let inputs = case["operationInputs"].as_array().filter(|i| !i.is_empty());
    // A case with neither `params` nor `operationInputs` resolves with no parameter set.
    let empty = Value::Object(Default::default());
    let params = case
        .get("params")
        .or(if inputs.is_none() { Some(&empty) } else { None });
    if let Some(params) = params {
        let params = params.as_object().ok_or("`params` is not an object")?;
        let fields = params
            .iter()
            .map(|(name, value)| {
                let p = param(endpoint, name)?;
                let field = ident(&p.field);
                let value = param_value(p, value)?;
                Ok(quote!(#field: #value,))
            })
            .collect::<Result<Vec<_>, String>>()?;
        return Ok(quote! {
            let params = #root::endpoint::Params {
                #(#fields)*
                ..#DEFAULT::default()
            };
            #check
        });
    }
    let inputs = inputs.ok_or("the case has neither `params` nor `operationInputs`")?;
    let mut runs = Vec::new();
    let no_numbers = NumberTexts::new();
    for (i, input) in inputs.iter().enumerate() {
        let name = input["operationName"]
            .as_str()
            .ok_or("an operation input without `operationName`")?;
        let op = plan
            .operations
            .iter()
            .find(|op| op.name == name)
            .ok_or_else(|| format!("`{name}` is not an operation of the service"))?;
        let built_ins: Vec<(String, Value)> = input["builtInParams"]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let built_ins = set_built_ins(&built_ins, root);
        let given = input
            .get("operationParams")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        let at = At {
            numbers: &no_numbers,
            pointer: format!("/operationInputs/{i}/operationParams"),
        };
        let input_expr = value_expr(plan, &op.input, &given, &at, root)?;
        let module = ident(&op.module);
        // Client settings bind where the operation did not (see `Params`' documentation).
        let client = input["clientParams"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(name, value)| {
                        let p = param(endpoint, name)?;
                        let field = ident(&p.field);
                        let value = param_value(p, value)?;
                        Ok(quote! {
                            if params.#field.is_none() {
                                params.#field = #value;
                            }
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()
            })
            .transpose()?
            .unwrap_or_default();
        runs.push(quote! {
            {
                #built_ins
                let input = #input_expr;
                let mut params = #root::operation::#module::endpoint_params(&input, &built_ins);
                #(#client)*
                #check
            }
        });
    }
    Ok(quote!(#(#runs)*))
}

/// Statements checking `#root::endpoint::resolve(&params)` against the case's `expect`.
fn expectation(expect: &Value, root: &TokenStream) -> Result<TokenStream, String> {
    if let Some(want) = expect.get("endpoint") {
        let url = want["url"]
            .as_str()
            .ok_or("`expect.endpoint` has no `url`")?;
        let properties = want
            .get("properties")
            .cloned()
            .unwrap_or(Value::Object(Default::default()))
            .to_string();
        let headers = want
            .get("headers")
            .cloned()
            .unwrap_or(Value::Object(Default::default()))
            .to_string();
        return Ok(quote! {
            let endpoint = match #root::endpoint::resolve(&params) {
                #OK(endpoint) => endpoint,
                #ERR(err) => panic!("expected {}, got the error `{err}`", #url),
            };
            assert_eq!(endpoint.url(), #url, "url");
            let properties: ::serde_json::Value = ::serde_json::from_str(#properties).expect("JSON");
            assert_eq!(::serde_json::Value::Object(endpoint.properties().clone()), properties, "properties");
            let headers: ::serde_json::Value = ::serde_json::from_str(#headers).expect("JSON");
            let got: ::serde_json::Map<#STRING, ::serde_json::Value> = endpoint
                .headers()
                .iter()
                .map(|(name, values)| (name.clone(), ::serde_json::Value::from(values.clone())))
                .collect();
            assert_eq!(::serde_json::Value::Object(got), headers, "headers");
        });
    }
    if let Some(want) = expect.get("error") {
        let message = want.as_str().ok_or("`expect.error` is not a string")?;
        return Ok(quote! {
            match #root::endpoint::resolve(&params) {
                #ERR(err) => assert_eq!(err.to_string(), #message),
                #OK(endpoint) => {
                    panic!("expected the error `{}`, got {}", #message, endpoint.url())
                }
            }
        });
    }
    Err("`expect` has neither `endpoint` nor `error`".to_owned())
}

/// The endpoint built-ins a protocol test case's `vendorParams` give: the AWS protocol
/// tests' `AwsConfig` (`scopedConfig.client` and its `s3` settings, the environment's
/// region) and the smoke tests' `AwsVendorParams` (`region`, `useFips`, `useDualstack`,
/// `uri`). Settings that do not choose the endpoint (credentials, retries, clock) are not
/// built-ins; anything else is an error, and the case is left out with it.
pub(super) fn vendor_built_ins(vendor: &Value) -> Result<Vec<(String, Value)>, String> {
    let mut out = Vec::new();
    let Some(top) = vendor.as_object() else {
        return Err("vendorParams is not an object".to_owned());
    };
    let not_endpoint = |key: &str| {
        matches!(
            key,
            "clockTime"
                | "aws_access_key_id"
                | "aws_secret_access_key"
                | "aws_session_token"
                | "retry_config"
                | "aws_profile"
                | "AWS_ACCESS_KEY_ID"
                | "AWS_SECRET_ACCESS_KEY"
                | "AWS_SESSION_TOKEN"
                | "AWS_RETRY_MODE"
                | "AWS_PROFILE"
                | "useAccountIdRouting"
        )
    };
    fn s3(s3: &Value, out: &mut Vec<(String, Value)>) -> Result<(), String> {
        for (key, value) in s3.as_object().into_iter().flatten() {
            let pair = match (key.as_str(), value) {
                ("addressing_style", Value::String(style)) if style == "auto" => continue,
                ("addressing_style", Value::String(style)) => {
                    ("AWS::S3::ForcePathStyle", Value::Bool(style == "path"))
                }
                ("use_accelerate_endpoint", _) => ("AWS::S3::Accelerate", value.clone()),
                ("use_dualstack_endpoint", _) => ("AWS::UseDualStack", value.clone()),
                _ => {
                    return Err(format!(
                        "vendorParams: the S3 setting `{key}` is not supported"
                    ))
                }
            };
            out.push((pair.0.to_owned(), pair.1));
        }
        Ok(())
    }
    for (key, value) in top {
        match key.as_str() {
            "region" => out.push(("AWS::Region".to_owned(), value.clone())),
            "useFips" => out.push(("AWS::UseFIPS".to_owned(), value.clone())),
            "useDualstack" => out.push(("AWS::UseDualStack".to_owned(), value.clone())),
            "uri" => out.push(("SDK::Endpoint".to_owned(), value.clone())),
            "scopedConfig" => {
                let scoped = value.as_object().into_iter().flatten();
                for (scope, settings) in scoped {
                    match scope.as_str() {
                        "environment" => {
                            for (name, v) in settings.as_object().into_iter().flatten() {
                                match name.as_str() {
                                    "AWS_DEFAULT_REGION" => {
                                        // The client's own region, when given, wins.
                                        out.insert(0, ("AWS::Region".to_owned(), v.clone()))
                                    }
                                    other if not_endpoint(other) => {}
                                    other => {
                                        return Err(format!(
                                            "vendorParams: the environment variable `{other}` is not supported"
                                        ))
                                    }
                                }
                            }
                        }
                        "client" | "operation" => {
                            for (name, v) in settings.as_object().into_iter().flatten() {
                                match name.as_str() {
                                    "region" => out.push(("AWS::Region".to_owned(), v.clone())),
                                    "s3" => s3(v, &mut out)?,
                                    other if not_endpoint(other) => {}
                                    other => {
                                        return Err(format!(
                                            "vendorParams: the {scope} setting `{other}` is not supported"
                                        ))
                                    }
                                }
                            }
                        }
                        other => {
                            return Err(format!(
                                "vendorParams: `scopedConfig.{other}` is not supported"
                            ))
                        }
                    }
                }
            }
            other if not_endpoint(other) => {}
            other => return Err(format!("vendorParams: `{other}` is not supported")),
        }
    }
    Ok(out)
}

/// Statements making `built_ins` from a protocol case's `vendorParams`.
pub(super) fn vendor_params(vendor: &Value, root: &TokenStream) -> Result<TokenStream, String> {
    Ok(set_built_ins(&vendor_built_ins(vendor)?, root))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn vendor_params_give_built_ins() {
        let got = vendor_built_ins(&json!({"scopedConfig": {
            "environment": {"AWS_DEFAULT_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "k"},
            "client": {"region": "us-west-2",
                       "s3": {"addressing_style": "path", "use_dualstack_endpoint": true}}}}))
        .unwrap();
        assert_eq!(
            got,
            vec![
                ("AWS::Region".to_owned(), json!("eu-west-1")),
                ("AWS::Region".to_owned(), json!("us-west-2")),
                ("AWS::S3::ForcePathStyle".to_owned(), json!(true)),
                ("AWS::UseDualStack".to_owned(), json!(true)),
            ]
        );
        let smoke = vendor_built_ins(&json!({"region": "us-east-1", "useFips": true})).unwrap();
        assert_eq!(smoke.len(), 2);
        assert!(vendor_built_ins(&json!({"sigv4aRegionSet": ["*"]}))
            .unwrap_err()
            .contains("sigv4aRegionSet"));
    }
}
