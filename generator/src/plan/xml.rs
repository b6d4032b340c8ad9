//! The XML bindings of a restXml service's shapes (Smithy's "XML bindings"): each structure's
//! and union's element name and namespace, and for each member its element or attribute
//! name, namespace, whether it is flattened, and the names of list items and map entries.

use std::collections::{BTreeMap, BTreeSet};

use super::TimestampFormat;
use crate::model::{traits::ids, Member, ShapeId, ShapeKind, Traits};
use crate::resolve::ResolvedModel;

const XML_NAME: &str = "smithy.api#xmlName";
const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
/// `@ec2QueryName`: a member's key in ec2Query forms.
const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
/// S3's operations whose output body is the output's one member, not an element holding it.
const S3_UNWRAPPED_OUTPUT: &str = "aws.customizations#s3UnwrappedXmlOutput";

/// Lists nest in lists only this deep (deeper values are written as their items' text).
const MAX_NESTING: usize = 32;

/// The XML bindings of the service's structures and unions, by shape ID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct XmlPlan {
    pub shapes: BTreeMap<ShapeId, XmlShape>,
    /// `@restXml(noErrorWrapping: true)`: error bodies are `<Error>`, not
    /// `<ErrorResponse><Error>`.
    pub no_error_wrapping: bool,
    /// The service's `@xmlNamespace`: declared on a request's root element when its shape
    /// declares none.
    pub service_namespace: Option<XmlNamespace>,
    /// Outputs of operations with `@s3UnwrappedXmlOutput`: the body's root element is the
    /// output's member itself.
    pub unwrapped_outputs: BTreeSet<ShapeId>,
    /// The structures and unions some request body holds (at any depth): they get a writer.
    pub written: BTreeSet<ShapeId>,
    /// The structures and unions some response or error body holds: they get a reader.
    pub read: BTreeSet<ShapeId>,
    /// awsQuery: the element holding each output's members inside the response's root, named
    /// `<Operation>Result` (several when operations share an output).
    pub query_results: BTreeMap<ShapeId, Vec<String>>,
}

/// A structure or union: the element it is written as at the root of a body (its
/// `@xmlName`, else its name) and its own namespace.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlShape {
    pub name: String,
    pub namespace: Option<XmlNamespace>,
    pub members: Vec<XmlMember>,
}

/// `@xmlNamespace`: the declaration written on the element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlNamespace {
    pub uri: String,
    pub prefix: Option<String>,
}

impl XmlNamespace {
    /// The declaring attribute: `xmlns` or `xmlns:prefix`.
    pub fn attribute(&self) -> String {
        match &self.prefix {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_owned(),
        }
    }
}

/// A member of a structure or union.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlMember {
    pub member_name: String,
    /// `@xmlName`, else the member name.
    pub name: String,
    pub attribute: bool,
    /// `@xmlFlattened` list or map: its items are repeated elements named as the member.
    pub flattened: bool,
    pub namespace: Option<XmlNamespace>,
    pub layout: Layout,
    /// The member's key in a query form: as `name` for awsQuery; for ec2Query its
    /// `@ec2QueryName`, else `name` capitalised.
    pub query_name: String,
}

/// How a value's element holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Layout {
    /// Text, or a structure or union (read and written by its own impl).
    Value,
    /// Item elements, one per item.
    List(Box<XmlItem>),
    /// `entry` elements, each with a key and a value element (a flattened map has no
    /// `entry`: each entry is an element named as the member).
    Map {
        key: Box<XmlItem>,
        value: Box<XmlItem>,
    },
}

/// A list item, map key or map value: its element name, namespace and layout.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlItem {
    pub name: String,
    pub namespace: Option<XmlNamespace>,
    pub layout: Layout,
    pub timestamp_format: Option<TimestampFormat>,
}

fn namespace(traits: &Traits) -> Option<XmlNamespace> {
    let value = traits.get(XML_NAMESPACE)?;
    Some(XmlNamespace {
        uri: value.get("uri")?.as_str()?.to_owned(),
        prefix: value
            .get("prefix")
            .and_then(|p| p.as_str())
            .map(str::to_owned),
    })
}

fn timestamp_format(model: &ResolvedModel, member: &Member) -> Option<TimestampFormat> {
    let text = member.traits.string(ids::TIMESTAMP_FORMAT).or_else(|| {
        model
            .shape(&member.target)
            .and_then(|s| s.traits.string(ids::TIMESTAMP_FORMAT))
    })?;
    match text {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}

/// The layout of a value of shape `target`.
fn layout(model: &ResolvedModel, target: &ShapeId, depth: usize) -> Layout {
    if depth > MAX_NESTING {
        return Layout::Value;
    }
    let item = |member: &Member, default_name: &str| XmlItem {
        name: member
            .traits
            .string(XML_NAME)
            .unwrap_or(default_name)
            .to_owned(),
        namespace: namespace(&member.traits),
        layout: layout(model, &member.target, depth + 1),
        timestamp_format: timestamp_format(model, member),
    };
    match model.shape(target).map(|s| &s.kind) {
        Some(ShapeKind::List(member) | ShapeKind::Set(member)) => {
            Layout::List(Box::new(item(member, "member")))
        }
        Some(ShapeKind::Map { key, value }) => Layout::Map {
            key: Box::new(item(key, "key")),
            value: Box::new(item(value, "value")),
        },
        _ => Layout::Value,
    }
}

/// A member's key in an ec2Query form: `@ec2QueryName`, else `name` (its `@xmlName` or
/// member name) with its first letter upper case.
fn ec2_query_name(member: &Member, name: &str) -> String {
    if let Some(explicit) = member.traits.string(EC2_QUERY_NAME) {
        return explicit.to_owned();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The bindings of every structure and union of `model`.
pub fn plan(model: &ResolvedModel, protocol_trait: &str) -> XmlPlan {
    let ec2 = protocol_trait == "aws.protocols#ec2Query";
    let mut shapes = BTreeMap::new();
    for (id, shape) in &model.shapes {
        let (ShapeKind::Structure(members) | ShapeKind::Union(members)) = &shape.kind else {
            continue;
        };
        let members = members
            .iter()
            .map(|m| {
                let name = m.traits.string(XML_NAME).unwrap_or(&m.name).to_owned();
                XmlMember {
                    member_name: m.name.clone(),
                    query_name: if ec2 {
                        ec2_query_name(m, &name)
                    } else {
                        name.clone()
                    },
                    name,
                    attribute: m.traits.has(XML_ATTRIBUTE),
                    flattened: m.traits.has(XML_FLATTENED),
                    namespace: namespace(&m.traits),
                    layout: layout(model, &m.target, 0),
                }
            })
            .collect();
        let name = shape
            .traits
            .string(XML_NAME)
            .unwrap_or(model.name_of(id))
            .to_owned();
        shapes.insert(
            id.clone(),
            XmlShape {
                name,
                namespace: namespace(&shape.traits),
                members,
            },
        );
    }
    let no_error_wrapping = model
        .service_shape()
        .traits
        .get(protocol_trait)
        .and_then(|t| t.get("noErrorWrapping"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let unwrapped_outputs = model
        .operations
        .iter()
        .filter_map(|id| model.shape(id))
        .filter(|op| op.traits.has(S3_UNWRAPPED_OUTPUT))
        .filter_map(|op| match &op.kind {
            ShapeKind::Operation(operation) => operation.output.clone(),
            _ => None,
        })
        .collect();
    let operations: Vec<&crate::model::Operation> = model
        .operations
        .iter()
        .filter_map(|id| match &model.shape(id)?.kind {
            ShapeKind::Operation(operation) => Some(operation),
            _ => None,
        })
        .collect();
    let service_errors = match &model.service_shape().kind {
        ShapeKind::Service(service) => service.errors.clone(),
        _ => Vec::new(),
    };
    let mut query_results: BTreeMap<ShapeId, Vec<String>> = BTreeMap::new();
    if protocol_trait == "aws.protocols#awsQuery" {
        for id in &model.operations {
            let Some(ShapeKind::Operation(operation)) = model.shape(id).map(|s| &s.kind) else {
                continue;
            };
            if let Some(output) = &operation.output {
                let wrapper = format!("{}Result", model.name_of(id));
                query_results
                    .entry(output.clone())
                    .or_default()
                    .push(wrapper);
            }
        }
    }
    let inputs = operations.iter().filter_map(|op| op.input.clone());
    let responses = operations
        .iter()
        .flat_map(|op| op.output.iter().chain(&op.errors).cloned())
        .chain(service_errors);
    // An event stream union's events are both encoded and decoded (its `EncodeEvent` and
    // `DecodeEvent` impls), whichever way the stream flows.
    let streams: Vec<ShapeId> = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s.kind, ShapeKind::Union(_)) && s.traits.has(ids::STREAMING))
        .map(|(id, _)| id.clone())
        .collect();
    let mut written = held(model, inputs.chain(streams.iter().cloned()));
    let mut read = held(model, responses.chain(streams.iter().cloned()));
    // The unions themselves are never a document: only their events are.
    for id in &streams {
        written.remove(id);
        read.remove(id);
    }
    XmlPlan {
        shapes,
        no_error_wrapping,
        service_namespace: namespace(&model.service_shape().traits),
        unwrapped_outputs,
        written,
        read,
        query_results,
    }
}

/// The structures and unions that the members of `roots` (structures or unions) hold, at any
/// depth.
fn held(model: &ResolvedModel, roots: impl Iterator<Item = ShapeId>) -> BTreeSet<ShapeId> {
    let mut found = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut pending = Vec::new();
    for root in roots {
        if let Some(ShapeKind::Structure(members) | ShapeKind::Union(members)) =
            model.shape(&root).map(|s| &s.kind)
        {
            pending.extend(members.iter().map(|m| &m.target));
        }
    }
    // Iterative: models nest shapes thousands deep.
    while let Some(id) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        match model.shape(id).map(|s| &s.kind) {
            Some(ShapeKind::Structure(members) | ShapeKind::Union(members)) => {
                found.insert(id.clone());
                pending.extend(members.iter().map(|m| &m.target));
            }
            Some(ShapeKind::List(member) | ShapeKind::Set(member)) => pending.push(&member.target),
            Some(ShapeKind::Map { key, value }) => pending.extend([&key.target, &value.target]),
            _ => {}
        }
    }
    found
}

impl XmlShape {
    pub fn member(&self, member_name: &str) -> Option<&XmlMember> {
        self.members.iter().find(|m| m.member_name == member_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn planned(model: &str) -> XmlPlan {
        planned_for(model, "aws.protocols#restXml")
    }

    fn planned_for(model: &str, protocol: &str) -> XmlPlan {
        let loaded = crate::load::load_str(model, Path::new("m.json")).unwrap();
        let resolved = crate::resolve::resolve(loaded, None).unwrap();
        plan(&resolved, protocol)
    }

    const QUERY_MODEL: &str = r#"{"smithy": "2.0", "shapes": {
        "a#S": {"type": "service", "version": "1", "operations": [{"target": "a#Get"}]},
        "a#Get": {"type": "operation", "input": {"target": "a#In"}, "output": {"target": "a#Out"}},
        "a#Out": {"type": "structure", "members": {}},
        "a#In": {"type": "structure", "members": {
            "plain": {"target": "smithy.api#String"},
            "renamed": {"target": "smithy.api#String", "traits": {"smithy.api#xmlName": "xName"}},
            "both": {"target": "smithy.api#String", "traits": {"smithy.api#xmlName": "xName2",
                "aws.protocols#ec2QueryName": "Ec2"}}}}
    }}"#;

    #[test]
    fn query_keys_are_xml_names_for_aws_query_and_capitalised_for_ec2() {
        let keys = |protocol| {
            let plan = planned_for(QUERY_MODEL, protocol);
            let input = &plan.shapes[&ShapeId::new("a", "In")];
            let names: Vec<String> = ["plain", "renamed", "both"]
                .iter()
                .map(|m| input.member(m).unwrap().query_name.clone())
                .collect();
            (names, plan.query_results)
        };
        let (aws, results) = keys("aws.protocols#awsQuery");
        assert_eq!(aws, ["plain", "xName", "xName2"]);
        assert_eq!(results[&ShapeId::new("a", "Out")], ["GetResult"]);
        let (ec2, results) = keys("aws.protocols#ec2Query");
        assert_eq!(ec2, ["Plain", "XName", "Ec2"]);
        // ec2Query responses have no result wrapper.
        assert!(results.is_empty());
    }

    #[test]
    fn names_namespaces_and_item_names_come_from_the_xml_traits() {
        let xml = planned(
            r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "version": "1", "operations": [{"target": "a#Op"}],
                "traits": {"aws.protocols#restXml": {"noErrorWrapping": true}}},
            "a#Op": {"type": "operation", "input": {"target": "a#In"}},
            "a#In": {"type": "structure", "traits": {"smithy.api#xmlName": "Root",
                "smithy.api#xmlNamespace": {"uri": "https://x", "prefix": "p"}},
                "members": {
                "id": {"target": "smithy.api#String", "traits": {"smithy.api#xmlAttribute": {},
                    "smithy.api#xmlName": "xsi:id"}},
                "items": {"target": "a#Items", "traits": {"smithy.api#xmlFlattened": {}}},
                "map": {"target": "a#Map"},
                "node": {"target": "a#Node"}}},
            "a#Node": {"type": "structure", "members": {"next": {"target": "a#Node"}}},
            "a#Items": {"type": "list", "member": {"target": "smithy.api#String",
                "traits": {"smithy.api#xmlName": "item"}}},
            "a#Map": {"type": "map", "key": {"target": "smithy.api#String",
                "traits": {"smithy.api#xmlName": "k"}}, "value": {"target": "smithy.api#String"}}
        }}"#,
        );
        assert!(xml.no_error_wrapping);
        // Only what a request holds is written, only what a response holds is read.
        let node = ShapeId::new("a", "Node");
        assert!(xml.written.contains(&node) && !xml.written.contains(&ShapeId::new("a", "In")));
        assert!(xml.read.is_empty());
        let input = &xml.shapes[&ShapeId::new("a", "In")];
        assert_eq!(input.name, "Root");
        let ns = input.namespace.as_ref().unwrap();
        assert_eq!(
            (ns.attribute(), ns.uri.as_str()),
            ("xmlns:p".to_owned(), "https://x")
        );
        let id = input.member("id").unwrap();
        assert!(id.attribute && id.name == "xsi:id");
        let items = input.member("items").unwrap();
        assert!(items.flattened);
        assert!(matches!(&items.layout, Layout::List(item) if item.name == "item"));
        let map = input.member("map").unwrap();
        assert!(
            matches!(&map.layout, Layout::Map { key, value } if key.name == "k" && value.name == "value")
        );
    }
}
