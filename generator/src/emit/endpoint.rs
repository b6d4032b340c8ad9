//! The `endpoint` module of a service with `smithy.rules#endpointRuleSet`: `Params`, the
//! interpreter (`runtime/endpoint_rules/`, the very files the generator's own `rules` module
//! runs), the partition table as static data, the rule set as an embedded minified JSON
//! string read once on first use, and `resolve` with its cache; and each operation's
//! `endpoint_params`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::pattern::dfa_literal;
use super::tokens::{ident, rust_type};
use crate::emit::prelude::{DEFAULT, NONE, OPTION, RESULT, SOME, STRING, VEC};
use crate::plan::endpoint::{EndpointPlan, InputPath, Leaf, OperationEndpoint, Source, Step};
use crate::plan::{OperationPlan, Plan};
use crate::rules::partitions::{self, OutputData};
use crate::rules::ParameterType;

/// The module's items, or nothing for a service without a rule set.
pub fn module_items(plan: &Plan) -> Result<Option<TokenStream>, String> {
    let Some(endpoint) = &plan.endpoint else {
        return Ok(None);
    };
    let params = params(endpoint);
    let table = partition_table()?;
    let rule_set = Literal::string(&endpoint.rule_set_json);
    let rule_set_doc = if endpoint.from_model {
        " The service's `smithy.rules#endpointRuleSet`, minified; read once, on first use."
    } else {
        " S3's addressing rules (the model has no rule set: the generator's S3 customization gives these), minified; read once, on first use."
    };
    Ok(Some(quote! {
        pub use self::rules::resolved::{AuthScheme, BuiltIns, EndpointError, ResolvedEndpoint};
        // The `endpoint_params` of operations that bind no parameter of their own.
        #[allow(unused_imports)]
        pub(crate) use self::rules::resolved::built_in_params;

        #params

        #[doc = #rule_set_doc]
        const RULE_SET: &str = #rule_set;

        #table

        /// Resolves the endpoint for `params` from the service's rule set. The answer for
        /// the same parameters is remembered, so that a repeated resolution is a lookup.
        pub fn resolve(params: &Params) -> #RESULT<ResolvedEndpoint, EndpointError> {
            static CACHE: self::rules::resolved::Cache<Params> =
                self::rules::resolved::Cache::new();
            static RULE_SET_READ: ::std::sync::OnceLock<
                #RESULT<self::rules::ruleset::RuleSet, #STRING>,
            > = ::std::sync::OnceLock::new();
            CACHE.get_or_insert(params, || {
                let rule_set = RULE_SET_READ
                    .get_or_init(|| {
                        ::serde_json::from_str::<::serde_json::Value>(RULE_SET)
                            .map_err(|e| e.to_string())
                            .and_then(|value| self::rules::ruleset::RuleSet::from_json(&value))
                    })
                    .as_ref()
                    .map_err(|e| EndpointError::invalid_rule_set(e))?;
                self::rules::eval::resolve(rule_set, PARTITIONS, &params.to_json())
                    .map(ResolvedEndpoint::from)
                    .map_err(EndpointError::from)
            })
        }
    }))
}

fn params(endpoint: &EndpointPlan) -> TokenStream {
    let fields = endpoint.params.iter().map(|p| {
        let field = ident(&p.field);
        let ty = match p.kind {
            ParameterType::String => quote!(#OPTION<#STRING>),
            ParameterType::Boolean => quote!(#OPTION<bool>),
            ParameterType::StringArray => {
                quote!(#OPTION<#VEC<#STRING>>)
            }
        };
        let model_docs = super::docs::attrs(p.docs.as_deref());
        let separator = if model_docs.is_empty() {
            TokenStream::new()
        } else {
            quote!(#[doc = ""])
        };
        let source = match (&p.built_in, p.client_context) {
            (Some(b), _) => format!(", from the built-in `{b}`."),
            (None, true) => ", a client setting (`clientContextParams`): yours to set.".to_owned(),
            (None, false) => ".".to_owned(),
        };
        let ours = super::docs::line(&format!("Rule-set parameter `{}`{source}", p.name));
        quote! {
            #model_docs
            #separator
            #ours
            pub #field: #ty,
        }
    });
    let from_built_ins = endpoint.params.iter().map(|p| {
        let field = ident(&p.field);
        match (&p.built_in, p.kind) {
            (Some(b), ParameterType::String) => quote!(#field: built_ins.string(#b),),
            (Some(b), ParameterType::Boolean) => quote!(#field: built_ins.boolean(#b),),
            _ => quote!(#field: #NONE,),
        }
    });
    let uses_built_ins = endpoint.params.iter().any(|p| p.built_in.is_some());
    let unused = if uses_built_ins {
        TokenStream::new()
    } else {
        quote!(let _ = built_ins;)
    };
    let to_json = endpoint.params.iter().map(|p| {
        let field = ident(&p.field);
        let name = &p.name;
        let value = match p.kind {
            ParameterType::Boolean => quote!(*value),
            _ => quote!(value.clone()),
        };
        quote! {
            if let #SOME(value) = &self.#field {
                map.insert(#name.to_owned(), ::serde_json::Value::from(#value));
            }
        }
    });
    let to_json_body = if endpoint.params.is_empty() {
        quote!(::serde_json::Map::new())
    } else {
        quote! {
            let mut map = ::serde_json::Map::new();
            #(#to_json)*
            map
        }
    };
    // Parameters an operation binds from a `@sensitive` member never show in Debug.
    let (derive_debug, debug) = if endpoint.params.iter().any(|p| p.sensitive) {
        let shown = endpoint.params.iter().map(|p| {
            let field = ident(&p.field);
            let name = &p.field.name;
            if p.sensitive {
                quote! {
                    .field(#name, &self.#field.as_ref().map(|_| "*** Sensitive Data Redacted ***"))
                }
            } else {
                quote!(.field(#name, &self.#field))
            }
        });
        (
            TokenStream::new(),
            quote! {
                impl ::std::fmt::Debug for Params {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.debug_struct("Params") #(#shown)* .finish()
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), TokenStream::new())
    };
    quote! {
        /// The rule set's parameters; unset ones take the rule set's defaults when resolved.
        ///
        /// [`Params::from_built_ins`] fills those bound to SDK settings, each operation's
        /// `endpoint_params` adds what its input binds. Client settings
        /// (`smithy.rules#clientContextParams`) are the caller's to set; to keep the
        /// precedence the Smithy specification gives (operation bindings before client
        /// settings), set them only where the operation left the field unset
        /// (`params.field.get_or_insert(value)`).
        #[derive(Clone, #derive_debug Default, PartialEq, Eq, Hash)]
        pub struct Params {
            #(#fields)*
        }

        #debug

        impl Params {
            /// The parameters bound to built-ins, from `built_ins`; the others unset.
            pub fn from_built_ins(built_ins: &BuiltIns) -> Params {
                #unused
                Params {
                    #(#from_built_ins)*
                }
            }

            /// The parameters by their rule-set names, as the interpreter takes them.
            pub fn to_json(&self) -> ::serde_json::Map<#STRING, ::serde_json::Value> {
                #to_json_body
            }
        }
    }
}

fn outputs(list: &[(String, OutputData)]) -> TokenStream {
    let items = list.iter().map(|(key, value)| {
        let value = match value {
            OutputData::Str(s) => quote!(self::rules::aws::Output::Str(#s)),
            OutputData::Bool(b) => quote!(self::rules::aws::Output::Bool(#b)),
        };
        quote!((#key, #value))
    });
    quote!(&[#(#items),*])
}

/// The repository's partition table as static data, regexes as automata.
fn partition_table() -> Result<TokenStream, String> {
    let dfa_module = quote!(self::rules::pattern);
    let parts = partitions::data()?.iter().map(|p| {
        let id = &p.id;
        let regex = match &p.region_regex {
            Some(tables) => {
                let dfa = dfa_literal(tables, &dfa_module);
                quote!(#SOME(#dfa))
            }
            None => quote!(#NONE),
        };
        // Listed by name alone where none overrides the partition's outputs.
        let regions = if p.regions.iter().all(|(_, overrides)| overrides.is_empty()) {
            let names = p.regions.iter().map(|(name, _)| name);
            quote!(&self::rules::aws::Region::all_named([#(#names),*]))
        } else {
            let regions = p.regions.iter().map(|(name, overrides)| {
                let overrides = outputs(overrides);
                quote!(self::rules::aws::Region { name: #name, outputs: #overrides })
            });
            quote!(&[#(#regions),*])
        };
        let outputs = outputs(&p.outputs);
        quote! {
            self::rules::aws::Partition {
                id: #id,
                region_regex: #regex,
                regions: #regions,
                outputs: #outputs,
            }
        }
    });
    Ok(quote! {
        /// The partition table (`aws.partition`), from the generator's `partitions.json`.
        static PARTITIONS: &[self::rules::aws::Partition<'static>] = &[#(#parts),*];
    })
}

/// `endpoint_params(input, built_ins)` of an operation, when the service has a rule set.
pub fn operation_items(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let Some(endpoint) = &plan.endpoint else {
        return TokenStream::new();
    };
    let Some(bound) = endpoint.operations.iter().find(|o| o.module == op.module) else {
        return TokenStream::new();
    };
    let input = rust_type(&op.input);
    if bound.bindings.is_empty() {
        let name = &op.name;
        return quote!(crate::endpoint::built_in_params!(#input, #name););
    }
    let body = bindings(endpoint, bound);
    let doc = format!(
        " The endpoint parameters of a `{}` call: the built-ins, then what the operation \
         binds (`operationContextParams` and `contextParam` from `input`, then \
         `staticContextParams`), each overriding the one before.",
        op.name
    );
    quote! {
        #[doc = #doc]
        pub fn endpoint_params(
            input: &#input,
            built_ins: &crate::endpoint::BuiltIns,
        ) -> crate::endpoint::Params {
            #body
        }
    }
}

fn bindings(endpoint: &EndpointPlan, bound: &OperationEndpoint) -> TokenStream {
    let uses_input = bound
        .bindings
        .iter()
        .any(|b| matches!(b.source, Source::Path(_)));
    let unused = if uses_input {
        TokenStream::new()
    } else {
        quote!(let _ = input;)
    };
    let sets = bound.bindings.iter().map(|b| {
        let field = ident(&endpoint.params[b.param].field);
        match &b.source {
            Source::Static(value) => {
                let value = static_value(value);
                quote!(params.#field = #SOME(#value);)
            }
            Source::Path(path) => {
                let read = read_path(path);
                quote! {
                    #read
                    if let #SOME(value) = read {
                        params.#field = #SOME(value);
                    }
                }
            }
        }
    });
    quote! {
        #unused
        let mut params = crate::endpoint::Params::from_built_ins(built_ins);
        #(#sets)*
        params
    }
}

fn static_value(value: &Value) -> TokenStream {
    match value {
        Value::String(s) => quote!(#STRING::from(#s)),
        Value::Bool(b) => quote!(#b),
        Value::Array(items) => {
            let items = items.iter().filter_map(Value::as_str);
            // Repetitions bind what they interpolate, and a constant cannot be bound.
            let string = STRING;
            quote!(::std::vec![#(#string::from(#items)),*])
        }
        // The plan admits only the three types a parameter has.
        _ => quote!(#DEFAULT::default()),
    }
}

/// `let read: Option<T> = ..;` reading the path from `input` (unset when an optional
/// field on the way is). Labeled blocks, not closures: an unset field breaks out.
fn read_path(path: &InputPath) -> TokenStream {
    let body = steps(&path.steps, path.leaf, &quote!('path));
    let ty = result_type(&path.steps, path.leaf);
    let label = labeled(&path.steps, quote!('path:));
    quote! {
        let read: #OPTION<#ty> = #label {
            let value = input;
            #body
        };
    }
}

/// The label for a block over `steps`, when some step can break out of it (an unused
/// label is a warning).
fn labeled(steps: &[Step], label: TokenStream) -> TokenStream {
    let breaks = steps
        .iter()
        .take_while(|s| !matches!(s, Step::Each { .. }))
        .any(|s| matches!(s, Step::Field { optional: true, .. } | Step::Variant { .. }));
    if breaks {
        label
    } else {
        TokenStream::new()
    }
}

/// What the statements of `steps` produce (inside the `Option`).
fn result_type(steps: &[Step], leaf: Leaf) -> TokenStream {
    if steps
        .iter()
        .any(|s| matches!(s, Step::Each { .. } | Step::Keys | Step::Select(_)))
    {
        quote!(#VEC<#STRING>)
    } else if leaf == Leaf::Bool {
        quote!(bool)
    } else {
        quote!(#STRING)
    }
}

/// Statements from `value` (a reference) on, ending in `Some(result)`; an unset optional
/// field breaks out of the block `label` with `None`.
fn steps(rest: &[Step], leaf: Leaf, label: &TokenStream) -> TokenStream {
    let Some((step, rest)) = rest.split_first() else {
        return match leaf {
            Leaf::String | Leaf::Keys => quote!(#SOME(value.clone())),
            Leaf::Enum => quote!(#SOME(value.as_str().to_owned())),
            Leaf::Bool => quote!(#SOME(*value)),
        };
    };
    match step {
        Step::Field { field, optional } => {
            let field = ident(field);
            let next = steps(rest, leaf, label);
            if *optional {
                quote! {
                    let #SOME(value) = value.#field.as_ref() else {
                        // A qualified path: `'label ::std` would read as a label's `:`.
                        break #label <#OPTION<_>>::None;
                    };
                    #next
                }
            } else {
                quote!(let value = &value.#field; #next)
            }
        }
        Step::Variant { union, variant } => {
            let union = rust_type(union);
            let variant = ident(variant);
            let next = steps(rest, leaf, label);
            quote! {
                let #union::#variant(value) = value else {
                    break #label <#OPTION<_>>::None;
                };
                #next
            }
        }
        // Each sub-path in its own block; the unset ones are left out.
        Step::Select(paths) => {
            let picks = paths.iter().map(|(sub, leaf)| {
                let read = steps(sub, *leaf, &quote!('pick));
                let label = labeled(sub, quote!('pick:));
                quote! {
                    let item: #OPTION<#STRING> = #label { #read };
                    picked.extend(item);
                }
            });
            quote! {
                let mut picked = #VEC::new();
                #(#picks)*
                #SOME(picked)
            }
        }
        // Sorted: maps have no order, and equal parameters should hit the same cache entry.
        Step::Keys => quote! {
            let mut keys: #VEC<#STRING> = value.keys().cloned().collect();
            keys.sort();
            #SOME(keys)
        },
        Step::Each { optional } => {
            // The plan allows one projection, so one inner label is enough.
            let per = steps(rest, leaf, &quote!('item));
            let label = labeled(rest, quote!('item:));
            let item = result_type(rest, leaf);
            // A multi-select list per element, flattened (`[]`).
            let add = if matches!(rest.last(), Some(Step::Select(_))) {
                quote!(out.extend(item);)
            } else {
                quote!(out.push(item);)
            };
            let iter = if *optional {
                quote!(value.iter().flatten())
            } else {
                quote!(value.iter())
            };
            quote! {
                let mut out = #VEC::new();
                for value in #iter {
                    let item: #OPTION<#item> = #label { #per };
                    // Elements whose path is unset are left out, as JMESPath projections do.
                    if let #SOME(item) = item {
                        #add
                    }
                }
                #SOME(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;

    fn plan_of(model: Value) -> Plan {
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
    }

    #[test]
    fn a_rule_set_without_parameters_still_gets_the_whole_api() {
        let plan = plan_of(json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Ping"}],
                "traits": {"smithy.rules#endpointRuleSet": {"version": "1.0",
                    "parameters": {},
                    "rules": [{"conditions": [], "endpoint": {"url": "https://fixed.example"},
                               "type": "endpoint"}]}}},
            "ex#Ping": {"type": "operation"}
        }}));
        let items = module_items(&plan).unwrap().unwrap();
        let file: syn::File = syn::parse2(items.clone()).unwrap_or_else(|e| panic!("{e}"));
        let text = items.to_string();
        assert!(text.contains("pub struct Params { }"), "{text}");
        assert!(text.contains("let _ = built_ins ;"), "{text}");
        assert!(!text.contains("let mut map"), "{text}");
        assert!(file.items.len() > 5);
        // The operation binds nothing: its `endpoint_params` is the built-ins alone.
        let op = operation_items(&plan, &plan.operations[0]).to_string();
        assert!(
            op.contains("crate :: endpoint :: built_in_params ! (") && op.contains("\"Ping\""),
            "{op}"
        );
        assert!(
            text.contains("use self :: rules :: resolved :: built_in_params ;"),
            "{text}"
        );
    }

    #[test]
    fn parameters_bound_from_sensitive_members_are_redacted_in_debug() {
        let plan = plan_of(json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Get"}],
                "traits": {"smithy.rules#endpointRuleSet": {"version": "1.0",
                    "parameters": {"Key": {"type": "string"}, "Region": {"type": "string"}},
                    "rules": [{"conditions": [], "error": "e", "type": "error"}]}}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#GetInput"}},
            "ex#GetInput": {"type": "structure", "members": {
                "key": {"target": "smithy.api#String", "traits": {
                    "smithy.api#sensitive": {}, "smithy.rules#contextParam": {"name": "Key"}}}}}
        }}));
        let text = module_items(&plan).unwrap().unwrap().to_string();
        assert!(
            text.contains("# [derive (Clone , Default , PartialEq , Eq , Hash)] pub struct Params"),
            "{text}"
        );
        assert!(
            text.contains("impl :: std :: fmt :: Debug for Params"),
            "{text}"
        );
        assert!(text.contains("Sensitive Data Redacted"), "{text}");
    }

    #[test]
    fn no_rule_set_no_module() {
        let plan = plan_of(json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Ping"}]},
            "ex#Ping": {"type": "operation"}
        }}));
        assert!(module_items(&plan).unwrap().is_none());
        assert!(operation_items(&plan, &plan.operations[0]).is_empty());
    }
}
