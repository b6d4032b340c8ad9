//! The HTTP binding rules of Smithy's specification ("HTTP binding traits"), checked as
//! Smithy's validators check them: each trait's selector in the prelude and the
//! `Http*Validator`s. A model Smithy accepts passes every rule; one it refuses is refused here
//! too, naming the member (or structure) at fault. The tests at the bottom read as this list,
//! one model each rule allows and one it refuses.
//!
//! | rule | from |
//! | --- | --- |
//! | `httpLabel` targets a string (enums too), number (intEnums too), boolean or timestamp | selector |
//! | `httpLabel` members are `@required` | selector |
//! | every URI label has an `httpLabel` input member, and every such member a URI label (its `@resourceIdentifier`, else its name) | `HttpLabelTraitValidator` |
//! | a greedy label (`{name+}`) targets a string | `HttpLabelTraitValidator` |
//! | `httpQuery` targets a string, number, boolean or timestamp, or a list of them | selector |
//! | `httpQuery` and `httpHeader` names are not empty | `@length(min: 1)` |
//! | `httpQuery` names are unique in a structure (case-sensitive) | `HttpQueryTraitValidator` |
//! | `httpQueryParams` targets a map whose values are strings (enums too) or lists of strings | selector |
//! | `httpHeader` targets a string, number, boolean or timestamp, or a list of them | selector |
//! | `httpHeader` names are unique in a structure, ignoring case | `HttpHeaderTraitValidator` |
//! | `httpPrefixHeaders` targets a non-sparse map of strings | selector |
//! | no `httpHeader` starts with a non-empty `httpPrefixHeaders` prefix, ignoring case | `HttpPrefixHeadersTraitValidator` |
//! | `httpPayload` may target any shape; then every other member is bound elsewhere (requests: label, query, header; responses: header, status code) | `HttpPayloadValidator` |
//! | `httpResponseCode` targets an integer (intEnums too), not on an `@input` structure | selector |
//! | one member per structure for `httpQueryParams`, `httpPrefixHeaders`, `httpPayload`, `httpResponseCode` | `structurallyExclusive` |
//! | a member has at most one of the binding traits | `conflicts` |
//!
//! What Smithy only warns about (restricted header names, an `http` code outside 2xx, a body
//! on GET, `httpQuery` beside `httpQueryParams`) is accepted: the wire layer carries it.
//! Rules between operations (`HttpUriConflictValidator`: two operations whose URI patterns
//! collide) do not change any operation's code and are not checked.

use crate::model::{traits::ids, Member, Shape, ShapeId, ShapeKind, SimpleType};
use crate::resolve::ResolvedModel;

use super::http::{
    Binding, HTTP_HEADER, HTTP_LABEL, HTTP_PAYLOAD, HTTP_PREFIX_HEADERS, HTTP_QUERY,
    HTTP_QUERY_PARAMS, HTTP_RESPONSE_CODE,
};

/// A broken rule: the shape or member at fault and why.
pub type Violation = (ShapeId, String);

/// The binding traits, as the `conflicts` lists of the prelude name them.
const BINDING_TRAITS: &[(&str, &str)] = &[
    (HTTP_LABEL, "httpLabel"),
    (HTTP_QUERY, "httpQuery"),
    (HTTP_QUERY_PARAMS, "httpQueryParams"),
    (HTTP_HEADER, "httpHeader"),
    (HTTP_PREFIX_HEADERS, "httpPrefixHeaders"),
    (HTTP_PAYLOAD, "httpPayload"),
    (HTTP_RESPONSE_CODE, "httpResponseCode"),
];

/// Traits of which a structure may have one member only (`structurallyExclusive`).
const EXCLUSIVE: &[(&str, &str)] = &[
    (HTTP_QUERY_PARAMS, "httpQueryParams"),
    (HTTP_PREFIX_HEADERS, "httpPrefixHeaders"),
    (HTTP_PAYLOAD, "httpPayload"),
    (HTTP_RESPONSE_CODE, "httpResponseCode"),
];

/// Every rule of the table above that concerns one structure (labels against the URI are
/// checked with the operation). `owner` is the structure's ID.
/// Which message a structure is read as: an operation's input is a request, its output and
/// errors are responses. Each side binds different traits (Smithy's `HttpBindingIndex`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    Request,
    Response,
}

pub fn check_structure(model: &ResolvedModel, owner: &ShapeId, message: Message) -> Vec<Violation> {
    let Some(shape) = model.shape(owner) else {
        return Vec::new();
    };
    let ShapeKind::Structure(members) = &shape.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for member in members {
        let id = owner.with_member(&member.name);
        let traits: Vec<&str> = BINDING_TRAITS
            .iter()
            .filter(|(t, _)| member.traits.has(t))
            .map(|(_, name)| *name)
            .collect();
        if traits.len() > 1 {
            out.push((
                id,
                format!(
                    "the binding traits `{}` conflict: a member has one binding",
                    traits.join("`, `")
                ),
            ));
            continue;
        }
        if let Err(why) = check_target(model, shape, member) {
            out.push((id, why));
        }
    }
    for (trait_id, name) in EXCLUSIVE {
        let bound: Vec<&str> = members
            .iter()
            .filter(|m| m.traits.has(trait_id))
            .map(|m| m.name.as_str())
            .collect();
        if bound.len() > 1 {
            out.push((
                owner.clone(),
                format!(
                    "only one member may have `@{name}`, but `{}` do",
                    bound.join("`, `")
                ),
            ));
        }
    }
    duplicates(&mut out, owner, members, HTTP_QUERY, "httpQuery", |n| {
        n.to_owned()
    });
    duplicates(&mut out, owner, members, HTTP_HEADER, "httpHeader", |n| {
        n.to_ascii_lowercase()
    });
    if let Some(prefix) = members
        .iter()
        .find_map(|m| m.traits.string(HTTP_PREFIX_HEADERS))
        .map(str::to_ascii_lowercase)
        .filter(|p| !p.is_empty())
    {
        for member in members {
            if let Some(header) = member.traits.string(HTTP_HEADER) {
                if header.to_ascii_lowercase().starts_with(&prefix) {
                    out.push((
                        owner.with_member(&member.name),
                        format!("the header `{header}` starts with the `@httpPrefixHeaders` prefix `{prefix}`"),
                    ));
                }
            }
        }
    }
    if members.iter().any(|m| m.traits.has(HTTP_PAYLOAD)) {
        let unbound: Vec<&str> = members
            .iter()
            .filter(|m| !bound_in(m, message))
            .map(|m| m.name.as_str())
            .collect();
        if !unbound.is_empty() {
            out.push((
                owner.clone(),
                format!(
                    "a member is the `@httpPayload`, so every other member must be bound to the message, but `{}` are not",
                    unbound.join("`, `")
                ),
            ));
        }
    }
    out
}

/// Whether a member is bound to a part of the message other than the document body: in a
/// request labels, query parameters, headers and the payload; in a response headers, the
/// payload and the status code. (`@hostLabel` alone binds nothing: the member also travels
/// in the message.)
fn bound_in(member: &Member, message: Message) -> bool {
    match (Binding::of(member), message) {
        (Binding::Body, _) => false,
        (Binding::Header(_) | Binding::PrefixHeaders(_) | Binding::Payload, _) => true,
        (Binding::Label(_) | Binding::Query(_) | Binding::QueryParams, side) => {
            side == Message::Request
        }
        (Binding::ResponseCode, side) => side == Message::Response,
    }
}

fn duplicates(
    out: &mut Vec<Violation>,
    owner: &ShapeId,
    members: &[Member],
    trait_id: &str,
    name: &str,
    key: impl Fn(&str) -> String,
) {
    let mut seen: Vec<(String, Vec<&str>)> = Vec::new();
    for member in members {
        let Some(value) = member.traits.string(trait_id) else {
            continue;
        };
        let k = key(value);
        match seen.iter_mut().find(|(existing, _)| *existing == k) {
            Some((_, names)) => names.push(&member.name),
            None => seen.push((k, vec![&member.name])),
        }
    }
    for (value, names) in seen.into_iter().filter(|(_, n)| n.len() > 1) {
        out.push((
            owner.clone(),
            format!(
                "the members `{}` bind the same `@{name}` name `{value}`",
                names.join("`, `")
            ),
        ));
    }
}

/// The selector of the member's binding trait, applied to its target.
fn check_target(model: &ResolvedModel, owner: &Shape, member: &Member) -> Result<(), String> {
    let target = model.shape(&member.target);
    let kind = target.map(|t| &t.kind);
    let fits = match Binding::of(member) {
        Binding::Body | Binding::Payload => return Ok(()),
        Binding::Label(_) => {
            if !member.traits.is_required() {
                return Err("an `@httpLabel` member must be `@required`".to_owned());
            }
            kind.is_some_and(is_scalar)
        }
        Binding::Query(name) | Binding::Header(name) => {
            if name.is_empty() {
                return Err("an `@httpQuery` or `@httpHeader` name cannot be empty".to_owned());
            }
            kind.is_some_and(|k| is_scalar(k) || list_of(model, k, is_scalar))
        }
        Binding::QueryParams => map_values(model, target, false, |k| {
            is_string(k) || list_of(model, k, is_string)
        }),
        Binding::PrefixHeaders(_) => map_values(model, target, true, is_string),
        Binding::ResponseCode => {
            if owner.traits.has(ids::INPUT) {
                return Err(
                    "`@httpResponseCode` cannot be on a member of an `@input` structure".to_owned(),
                );
            }
            kind.is_some_and(|k| {
                matches!(
                    k,
                    ShapeKind::Simple(SimpleType::Integer) | ShapeKind::IntEnum(_)
                )
            })
        }
    };
    if fits {
        return Ok(());
    }
    let (trait_name, takes) = match Binding::of(member) {
        Binding::Label(_) => (
            "httpLabel",
            "a string, enum, number, intEnum, boolean or timestamp",
        ),
        Binding::Query(_) => (
            "httpQuery",
            "a string, enum, number, intEnum, boolean or timestamp, or a list of them",
        ),
        Binding::Header(_) => (
            "httpHeader",
            "a string, enum, number, intEnum, boolean or timestamp, or a list of them",
        ),
        Binding::QueryParams => (
            "httpQueryParams",
            "a map whose values are strings (enums too) or lists of strings",
        ),
        Binding::PrefixHeaders(_) => (
            "httpPrefixHeaders",
            "a map (not `@sparse`) whose values are strings (enums too)",
        ),
        _ => ("httpResponseCode", "an integer or intEnum"),
    };
    Err(format!(
        "`@{trait_name}` cannot bind `{}` (a {}): it takes {takes}",
        member.target,
        kind.map(ShapeKind::type_name).unwrap_or("missing shape"),
    ))
}

/// Smithy's `string` selector: strings and enums.
fn is_string(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)
    )
}

/// `:test(string, number, boolean, timestamp)`; `number` takes intEnums.
fn is_scalar(kind: &ShapeKind) -> bool {
    use SimpleType::*;
    is_string(kind)
        || matches!(kind, ShapeKind::IntEnum(_))
        || matches!(
            kind,
            ShapeKind::Simple(
                Boolean
                    | Byte
                    | Short
                    | Integer
                    | Long
                    | Float
                    | Double
                    | BigInteger
                    | BigDecimal
                    | Timestamp
            )
        )
}

/// `list > member > :test(...)` (a Smithy 1.0 `set` is a list).
fn list_of(model: &ResolvedModel, kind: &ShapeKind, item: impl Fn(&ShapeKind) -> bool) -> bool {
    match kind {
        ShapeKind::List(member) | ShapeKind::Set(member) => {
            model.shape(&member.target).is_some_and(|t| item(&t.kind))
        }
        _ => false,
    }
}

/// `map > member[id|member=value] > :test(...)`, optionally `:not([trait|sparse])`.
fn map_values(
    model: &ResolvedModel,
    map: Option<&Shape>,
    not_sparse: bool,
    value: impl Fn(&ShapeKind) -> bool,
) -> bool {
    let Some(map) = map else { return false };
    let ShapeKind::Map { value: member, .. } = &map.kind else {
        return false;
    };
    if not_sparse && map.traits.has(ids::SPARSE) {
        return false;
    }
    model.shape(&member.target).is_some_and(|t| value(&t.kind))
}

/// One test per rule of the table above: a model the rule allows (it generates, wire layer
/// included) and one it refuses (the error names the member or structure at fault).
#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    const IN: &str = "t#OpInput";
    const OUT: &str = "t#OpOutput";

    /// A restJson1 service with one operation `POST uri`, whose input and output structures
    /// have these members; `shapes` adds to (or replaces) the shared shapes below.
    fn model(uri: &str, input: Value, output: Value, shapes: Value) -> Value {
        let mut all = json!({
            "t#Service": {"type": "service", "version": "1",
                "operations": [{"target": "t#Op"}], "traits": {"aws.protocols#restJson1": {}}},
            "t#Op": {"type": "operation", "input": {"target": IN}, "output": {"target": OUT},
                "errors": [{"target": "t#Failed"}],
                "traits": {"smithy.api#http": {"method": "POST", "uri": uri}}},
            IN: {"type": "structure", "members": input, "traits": {"smithy.api#input": {}}},
            OUT: {"type": "structure", "members": output, "traits": {"smithy.api#output": {}}},
            "t#Failed": {"type": "structure", "members": {},
                "traits": {"smithy.api#error": "client"}},
            "t#Color": {"type": "enum", "members": {
                "RED": {"target": "smithy.api#Unit"}, "BLUE": {"target": "smithy.api#Unit"}}},
            "t#Level": {"type": "intEnum", "members": {
                "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}},
            "t#Thing": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}},
            "t#Colors": {"type": "list", "member": {"target": "t#Color"}},
            "t#Strings": {"type": "list", "member": {"target": "smithy.api#String"}},
            "t#SparseStrings": {"type": "list", "member": {"target": "smithy.api#String"},
                "traits": {"smithy.api#sparse": {}}},
            "t#Times": {"type": "list", "member": {"target": "smithy.api#Timestamp"}},
            "t#Flags": {"type": "list", "member": {"target": "smithy.api#Boolean"}},
            "t#Numbers": {"type": "list", "member": {"target": "smithy.api#Integer"}},
            "t#Levels": {"type": "list", "member": {"target": "t#Level"}},
            "t#Blobs": {"type": "list", "member": {"target": "smithy.api#Blob"}},
            "t#StringMap": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "smithy.api#String"}},
            "t#SparseStringMap": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}},
            "t#ColorMap": {"type": "map", "key": {"target": "t#Color"},
                "value": {"target": "t#Color"}},
            "t#ColorListMap": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "t#Colors"}},
            "t#StringListMap": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "t#Strings"}},
            "t#IntMap": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "smithy.api#Integer"}},
            "t#NumbersMap": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "t#Numbers"}},
        });
        for (id, shape) in shapes.as_object().into_iter().flatten() {
            all[id] = shape.clone();
        }
        json!({"smithy": "2.0", "shapes": all})
    }

    /// Generates the model to code; the diagnostics' text when it is refused.
    fn generate(model: &Value) -> Result<(), String> {
        let path = std::path::Path::new("bindings.json");
        let loaded = crate::load::load_str(&model.to_string(), path).map_err(|d| d.to_string())?;
        let resolved = crate::resolve::resolve(loaded, None).map_err(|d| d.to_string())?;
        let plan = crate::plan::plan(&resolved).map_err(|d| d.to_string())?;
        let op = plan.operations.first().ok_or("no operation planned")?;
        if op.wire.is_none() {
            return Err(format!(
                "no wire layer for the operation: {:?}",
                plan.warnings
            ));
        }
        crate::emit::emit(&plan).map(|_| ())
    }

    fn allows(model: Value) {
        if let Err(text) = generate(&model) {
            panic!("refused a model Smithy accepts:\n{text}");
        }
    }

    /// Refused, with an error naming each of `at` (shape or member IDs) and saying `why`.
    fn refuses(model: Value, at: &[&str], why: &str) {
        let text = match generate(&model) {
            Ok(()) => panic!("accepted a model Smithy refuses:\n{model:#}"),
            Err(text) => text,
        };
        for needle in at.iter().chain([&why]) {
            assert!(text.contains(needle), "`{needle}` not in:\n{text}");
        }
    }

    fn member(target: &str, traits: Value) -> Value {
        json!({"target": target, "traits": traits})
    }

    fn required(target: &str, binding: Value) -> Value {
        let mut traits = binding;
        traits["smithy.api#required"] = json!({});
        member(target, traits)
    }

    fn label() -> Value {
        json!({"smithy.api#httpLabel": {}})
    }

    fn query(name: &str) -> Value {
        json!({"smithy.api#httpQuery": name})
    }

    fn header(name: &str) -> Value {
        json!({"smithy.api#httpHeader": name})
    }

    fn prefix(name: &str) -> Value {
        json!({"smithy.api#httpPrefixHeaders": name})
    }

    fn query_params() -> Value {
        json!({"smithy.api#httpQueryParams": {}})
    }

    fn payload() -> Value {
        json!({"smithy.api#httpPayload": {}})
    }

    fn response_code() -> Value {
        json!({"smithy.api#httpResponseCode": {}})
    }

    fn no_members() -> Value {
        json!({})
    }

    fn no_shapes() -> Value {
        json!({})
    }

    #[test]
    fn label_targets_a_string_enum_number_int_enum_boolean_or_timestamp() {
        for target in [
            "smithy.api#String",
            "t#Color",
            "smithy.api#Integer",
            "smithy.api#BigDecimal",
            "t#Level",
            "smithy.api#Boolean",
            "smithy.api#Timestamp",
        ] {
            allows(model(
                "/things/{id}",
                json!({"id": required(target, label())}),
                no_members(),
                no_shapes(),
            ));
        }
        for target in ["smithy.api#Blob", "t#Strings", "t#Thing"] {
            refuses(
                model(
                    "/things/{id}",
                    json!({"id": required(target, label())}),
                    no_members(),
                    no_shapes(),
                ),
                &["t#OpInput$id"],
                "`@httpLabel` cannot bind",
            );
        }
    }

    #[test]
    fn label_members_are_required() {
        refuses(
            model(
                "/things/{id}",
                json!({"id": member("smithy.api#String", label())}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$id"],
            "must be `@required`",
        );
    }

    #[test]
    fn every_uri_label_has_a_label_member_and_every_label_member_a_uri_label() {
        refuses(
            model("/things/{id}", json!({}), no_members(), no_shapes()),
            &["t#Op"],
            "`{id}` has no input member with `@httpLabel`",
        );
        refuses(
            model(
                "/things",
                json!({"id": required("smithy.api#String", label())}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$id"],
            "not in the URI pattern",
        );
    }

    #[test]
    fn a_label_is_named_by_its_resource_identifier_else_its_member_name() {
        let mut traits = label();
        traits["smithy.api#resourceIdentifier"] = json!("thingId");
        allows(model(
            "/things/{thingId}",
            json!({"id": required("smithy.api#String", traits.clone())}),
            no_members(),
            no_shapes(),
        ));
        refuses(
            model(
                "/things/{id}",
                json!({"id": required("smithy.api#String", traits)}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$id", "t#Op"],
            "not in the URI pattern",
        );
    }

    #[test]
    fn query_and_header_names_are_not_empty() {
        for binding in [query(""), header("")] {
            refuses(
                model(
                    "/x",
                    json!({"a": member("smithy.api#String", binding)}),
                    no_members(),
                    no_shapes(),
                ),
                &["t#OpInput$a"],
                "name cannot be empty",
            );
        }
    }

    #[test]
    fn greedy_label_targets_a_string() {
        for target in ["smithy.api#String", "t#Color"] {
            allows(model(
                "/files/{key+}",
                json!({"key": required(target, label())}),
                no_members(),
                no_shapes(),
            ));
        }
        refuses(
            model(
                "/files/{key+}",
                json!({"key": required("smithy.api#Integer", label())}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$key"],
            "greedy label `{key+}` must target a string",
        );
    }

    #[test]
    fn query_targets_a_scalar_or_a_list_of_scalars() {
        for target in [
            "smithy.api#String",
            "t#Color",
            "t#Level",
            "smithy.api#Long",
            "smithy.api#Double",
            "smithy.api#Boolean",
            "smithy.api#Timestamp",
            "t#Colors",
            "t#SparseStrings",
            "t#Times",
            "t#Flags",
            "t#Numbers",
            "t#Levels",
        ] {
            allows(model(
                "/q",
                json!({"q": member(target, query("q"))}),
                no_members(),
                no_shapes(),
            ));
        }
        for target in ["smithy.api#Blob", "t#Thing", "t#StringMap", "t#Blobs"] {
            refuses(
                model(
                    "/q",
                    json!({"q": member(target, query("q"))}),
                    no_members(),
                    no_shapes(),
                ),
                &["t#OpInput$q"],
                "`@httpQuery` cannot bind",
            );
        }
    }

    #[test]
    fn query_names_are_unique_in_a_structure_with_case() {
        let members = |second: &str| {
            json!({
                "a": member("smithy.api#String", query("q")),
                "b": member("smithy.api#String", query(second)),
            })
        };
        allows(model("/q", members("Q"), no_members(), no_shapes()));
        refuses(
            model("/q", members("q"), no_members(), no_shapes()),
            &["t#OpInput"],
            "the members `a`, `b` bind the same `@httpQuery` name `q`",
        );
    }

    #[test]
    fn query_params_target_a_map_of_strings_or_of_lists_of_strings_enums_included() {
        for target in [
            "t#StringMap",
            "t#SparseStringMap",
            "t#ColorMap",
            "t#ColorListMap",
            "t#StringListMap",
        ] {
            allows(model(
                "/q",
                json!({"params": member(target, query_params())}),
                no_members(),
                no_shapes(),
            ));
        }
        for target in ["t#IntMap", "t#NumbersMap", "t#Strings", "smithy.api#String"] {
            refuses(
                model(
                    "/q",
                    json!({"params": member(target, query_params())}),
                    no_members(),
                    no_shapes(),
                ),
                &["t#OpInput$params"],
                "`@httpQueryParams` cannot bind",
            );
        }
    }

    #[test]
    fn header_targets_a_scalar_or_a_list_of_scalars() {
        for target in [
            "smithy.api#String",
            "t#Color",
            "t#Level",
            "smithy.api#Byte",
            "smithy.api#BigInteger",
            "smithy.api#Float",
            "smithy.api#Boolean",
            "smithy.api#Timestamp",
            "t#Colors",
            "t#SparseStrings",
            "t#Times",
            "t#Flags",
            "t#Numbers",
            "t#Levels",
        ] {
            // Both ways: a request header and a response header.
            allows(model(
                "/h",
                json!({"h": member(target, header("x-h"))}),
                json!({"h": member(target, header("x-h"))}),
                no_shapes(),
            ));
        }
        for target in ["smithy.api#Blob", "t#Thing", "t#StringMap", "t#Blobs"] {
            refuses(
                model(
                    "/h",
                    no_members(),
                    json!({"h": member(target, header("x-h"))}),
                    no_shapes(),
                ),
                &["t#OpOutput$h"],
                "`@httpHeader` cannot bind",
            );
        }
    }

    #[test]
    fn header_names_are_unique_in_a_structure_ignoring_case() {
        let members = |second: &str| {
            json!({
                "a": member("smithy.api#String", header("X-Thing")),
                "b": member("smithy.api#String", header(second)),
            })
        };
        allows(model("/h", members("X-Other"), no_members(), no_shapes()));
        refuses(
            model("/h", members("x-thing"), no_members(), no_shapes()),
            &["t#OpInput"],
            "the members `a`, `b` bind the same `@httpHeader` name `x-thing`",
        );
    }

    #[test]
    fn prefix_headers_target_a_map_of_strings_that_is_not_sparse() {
        for target in ["t#StringMap", "t#ColorMap"] {
            allows(model(
                "/h",
                json!({"meta": member(target, prefix("x-meta-"))}),
                json!({"meta": member(target, prefix("x-meta-"))}),
                no_shapes(),
            ));
        }
        for target in ["t#SparseStringMap", "t#StringListMap", "t#IntMap"] {
            refuses(
                model(
                    "/h",
                    json!({"meta": member(target, prefix("x-meta-"))}),
                    no_members(),
                    no_shapes(),
                ),
                &["t#OpInput$meta"],
                "`@httpPrefixHeaders` cannot bind",
            );
        }
    }

    #[test]
    fn no_header_starts_with_a_non_empty_prefix_ignoring_case() {
        let members = |prefix_name: &str, header_name: &str| {
            json!({
                "meta": member("t#StringMap", prefix(prefix_name)),
                "one": member("smithy.api#String", header(header_name)),
            })
        };
        // An empty prefix takes every header, and Smithy's own protocol tests bind one more.
        allows(model("/h", members("", "hello"), no_members(), no_shapes()));
        allows(model(
            "/h",
            members("x-meta-", "x-other"),
            no_members(),
            no_shapes(),
        ));
        refuses(
            model(
                "/h",
                members("X-Meta-", "x-meta-one"),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$one"],
            "starts with the `@httpPrefixHeaders` prefix `x-meta-`",
        );
    }

    #[test]
    fn payload_targets_any_shape_and_then_every_other_member_is_bound() {
        for target in [
            "smithy.api#Blob",
            "smithy.api#String",
            "t#Color",
            "t#Thing",
            "smithy.api#Document",
            "t#Colors",
            "t#StringMap",
            "smithy.api#Integer",
            "t#Level",
            "smithy.api#Boolean",
        ] {
            allows(model(
                "/p",
                json!({"body": member(target, payload()), "h": member("smithy.api#String", header("x-h"))}),
                json!({"body": member(target, payload()), "h": member("smithy.api#String", header("x-h"))}),
                no_shapes(),
            ));
        }
        refuses(
            model(
                "/p",
                json!({"body": member("t#Thing", payload()), "loose": member("smithy.api#String", json!({}))}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput"],
            "but `loose` are not",
        );
        // A request binds labels and query parameters; a response binds the status code.
        allows(model(
            "/p/{id}",
            json!({
                "body": member("t#Thing", payload()),
                "id": required("smithy.api#String", label()),
                "q": member("smithy.api#String", query("q")),
                "params": member("t#StringMap", query_params()),
            }),
            json!({
                "body": member("t#Thing", payload()),
                "status": member("smithy.api#Integer", response_code()),
            }),
            no_shapes(),
        ));
        // ... and neither binds what only the other side knows.
        refuses(
            model(
                "/p",
                no_members(),
                json!({
                    "body": member("t#Thing", payload()),
                    "q": member("smithy.api#String", query("q")),
                }),
                no_shapes(),
            ),
            &["t#OpOutput"],
            "but `q` are not",
        );
        // `@hostLabel` puts a value in the host, not in the message.
        let mut m = model(
            "/p",
            json!({
                "body": member("t#Thing", payload()),
                "account": required("smithy.api#String", json!({"smithy.api#hostLabel": {}})),
            }),
            no_members(),
            no_shapes(),
        );
        m["shapes"]["t#Op"]["traits"]["smithy.api#endpoint"] = json!({"hostPrefix": "{account}."});
        refuses(m, &["t#OpInput"], "but `account` are not");
    }

    #[test]
    fn response_code_targets_an_integer_and_not_in_an_input_structure() {
        for target in ["smithy.api#Integer", "t#Level"] {
            allows(model(
                "/r",
                no_members(),
                json!({"status": member(target, response_code())}),
                no_shapes(),
            ));
        }
        refuses(
            model(
                "/r",
                no_members(),
                json!({"status": member("smithy.api#Long", response_code())}),
                no_shapes(),
            ),
            &["t#OpOutput$status"],
            "`@httpResponseCode` cannot bind",
        );
        refuses(
            model(
                "/r",
                json!({"status": member("smithy.api#Integer", response_code())}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$status"],
            "cannot be on a member of an `@input` structure",
        );
    }

    #[test]
    fn query_params_prefix_headers_payload_and_response_code_bind_one_member_each() {
        let cases = [
            ("t#StringMap", query_params(), "httpQueryParams"),
            ("t#StringMap", prefix("x-"), "httpPrefixHeaders"),
            ("t#Thing", payload(), "httpPayload"),
            ("smithy.api#Integer", response_code(), "httpResponseCode"),
        ];
        for (target, binding, name) in cases {
            refuses(
                model(
                    "/x",
                    no_members(),
                    json!({"a": member(target, binding.clone()), "b": member(target, binding)}),
                    no_shapes(),
                ),
                &["t#OpOutput"],
                &format!("only one member may have `@{name}`, but `a`, `b` do"),
            );
        }
    }

    #[test]
    fn a_member_has_at_most_one_binding_trait() {
        let mut traits = header("x-a");
        traits["smithy.api#httpQuery"] = json!("a");
        refuses(
            model(
                "/x",
                json!({"a": member("smithy.api#String", traits)}),
                no_members(),
                no_shapes(),
            ),
            &["t#OpInput$a"],
            "the binding traits `httpQuery`, `httpHeader` conflict",
        );
    }

    #[test]
    fn error_structures_follow_the_same_rules() {
        refuses(
            model(
                "/x",
                no_members(),
                no_members(),
                json!({"t#Failed": {"type": "structure",
                    "members": {"detail": member("t#Thing", header("x-detail"))},
                    "traits": {"smithy.api#error": "client"}}}),
            ),
            &["t#Failed$detail"],
            "`@httpHeader` cannot bind",
        );
    }

    #[test]
    fn what_smithy_only_warns_about_is_accepted() {
        // Restricted header names (DANGER), a query parameter beside a query map (NOTE), and
        // an `http` code outside 2xx (DANGER).
        let mut m = model(
            "/x",
            json!({
                "auth": member("smithy.api#String", header("Authorization")),
                "q": member("smithy.api#String", query("q")),
                "params": member("t#ColorListMap", query_params()),
            }),
            no_members(),
            no_shapes(),
        );
        m["shapes"]["t#Op"]["traits"]["smithy.api#http"]["code"] = json!(302);
        allows(m);
    }
}
