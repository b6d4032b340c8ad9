//! The properties of service, resource and operation shapes.

use std::collections::BTreeMap;

use super::syntax::{IoRef, Node, NodeKind, OperationDef, RelId};
use super::to_model::{describe, Converter};
use crate::model::{Operation, Resource, Service, ShapeId};

impl Converter<'_> {
    /// A shape reference written as an unquoted shape ID (or a string holding one).
    fn id_ref(&mut self, owner: &ShapeId, what: &str, node: &Node) -> Option<ShapeId> {
        match &node.kind {
            NodeKind::ShapeId(text) | NodeKind::String(text) => self.target(&RelId {
                text: text.clone(),
                pos: node.pos,
            }),
            other => {
                self.error(
                    node.pos,
                    format!(
                        "`{owner}`: `{what}` must be a shape ID, found {}",
                        describe(other)
                    ),
                );
                None
            }
        }
    }

    fn id_list(&mut self, owner: &ShapeId, what: &str, node: &Node) -> Vec<ShapeId> {
        match &node.kind {
            NodeKind::Array(items) => items
                .iter()
                .filter_map(|item| self.id_ref(owner, what, item))
                .collect(),
            other => {
                self.error(
                    node.pos,
                    format!(
                        "`{owner}`: `{what}` must be an array of shape IDs, found {}",
                        describe(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn id_map(&mut self, owner: &ShapeId, what: &str, node: &Node) -> BTreeMap<String, ShapeId> {
        let Some(entries) = node.entries() else {
            self.error(
                node.pos,
                format!(
                    "`{owner}`: `{what}` must be an object of names to shape IDs, found {}",
                    describe(&node.kind)
                ),
            );
            return BTreeMap::new();
        };
        let mut map = BTreeMap::new();
        for (name, value) in entries {
            if let Some(id) = self.id_ref(owner, &format!("{what}.{name}"), value) {
                map.insert(name.clone(), id);
            }
        }
        map
    }

    /// Smithy's loader warns about an unknown service or resource property and reads on.
    fn unknown_property(&mut self, owner: &ShapeId, kind: &str, key: &str, node: &Node) {
        self.errors.warn(
            node.pos,
            format!("unknown property `{key}` of {kind} `{owner}`: ignored"),
        );
    }

    pub(super) fn service(&mut self, id: &ShapeId, body: Option<&Node>) -> Service {
        let mut service = Service::default();
        for (key, node) in body.and_then(Node::entries).unwrap_or_default() {
            match key.as_str() {
                "version" => match &node.kind {
                    NodeKind::String(text) => service.version = Some(text.clone()),
                    other => self.error(
                        node.pos,
                        format!(
                            "`{id}`: `version` must be a string, found {}",
                            describe(other)
                        ),
                    ),
                },
                "operations" => service.operations = self.id_list(id, key, node),
                "resources" => service.resources = self.id_list(id, key, node),
                "errors" => service.errors = self.id_list(id, key, node),
                "rename" => service.rename = self.rename(id, node),
                _ => self.unknown_property(id, "service", key, node),
            }
        }
        service
    }

    /// `rename`: shape ID (a quoted key, absolute or resolved) to its new name.
    fn rename(&mut self, id: &ShapeId, node: &Node) -> BTreeMap<ShapeId, String> {
        let mut rename = BTreeMap::new();
        let Some(entries) = node.entries() else {
            self.error(node.pos, format!("`{id}`: `rename` must be an object"));
            return rename;
        };
        for (key, value) in entries {
            let from = self.target(&RelId {
                text: key.clone(),
                pos: value.pos,
            });
            match (&value.kind, from) {
                (NodeKind::String(name), Some(from)) => {
                    rename.insert(from, name.clone());
                }
                (NodeKind::String(_), None) => {}
                (other, _) => self.error(
                    value.pos,
                    format!(
                        "`{id}`: `rename` values must be strings, found {}",
                        describe(other)
                    ),
                ),
            }
        }
        rename
    }

    pub(super) fn resource(&mut self, id: &ShapeId, body: Option<&Node>) -> Resource {
        let mut resource = Resource::default();
        for (key, node) in body.and_then(Node::entries).unwrap_or_default() {
            let single = |this: &mut Self| this.id_ref(id, key, node);
            match key.as_str() {
                "identifiers" => resource.identifiers = self.id_map(id, key, node),
                "properties" if self.v1() => self.error(
                    node.pos,
                    format!("`{id}`: resource `properties` can only be used with Smithy version 2 or later"),
                ),
                "properties" => resource.properties = self.id_map(id, key, node),
                "create" => resource.create = single(self),
                "put" => resource.put = single(self),
                "read" => resource.read = single(self),
                "update" => resource.update = single(self),
                "delete" => resource.delete = single(self),
                "list" => resource.list = single(self),
                "operations" => resource.operations = self.id_list(id, key, node),
                "collectionOperations" => {
                    resource.collection_operations = self.id_list(id, key, node)
                }
                "resources" => resource.resources = self.id_list(id, key, node),
                _ => self.unknown_property(id, "resource", key, node),
            }
        }
        resource
    }

    pub(super) fn operation(&mut self, def: &OperationDef) -> Operation {
        let namespace = self.scope.namespace;
        let io = |this: &mut Self, io: &Option<IoRef>| match io {
            Some(IoRef::Id(rel)) => this.target(rel),
            Some(IoRef::Inline(name)) => Some(ShapeId::new(namespace, name)),
            None => None,
        };
        let input = io(self, &def.input);
        let output = io(self, &def.output);
        let errors = def.errors.iter().filter_map(|e| self.target(e)).collect();
        Operation {
            input,
            output,
            errors,
        }
    }
}
