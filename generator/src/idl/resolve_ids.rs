//! Relative shape ID resolution, as the specification orders it: a shape imported with
//! `use`, else a shape of the file's namespace (defined in any file, before or after), else
//! a public prelude shape; an ID that none of these define stays in the file's namespace.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{is_identifier, Model, ShapeId, ShapeKind};

pub(super) const PRELUDE: &str = "smithy.api";

/// The prelude shapes a relative shape ID may name (those not marked `@private`).
const PRELUDE_PUBLIC: &[&str] = &[
    // Simple shapes and Unit.
    "String",
    "Blob",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "Boolean",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
    "Unit",
    // Traits.
    "addedDefault",
    "auth",
    "authDefinition",
    "box",
    "clientOptional",
    "cors",
    "default",
    "deprecated",
    "documentation",
    "endpoint",
    "enum",
    "enumValue",
    "error",
    "eventHeader",
    "eventPayload",
    "examples",
    "externalDocumentation",
    "hostLabel",
    "http",
    "httpApiKeyAuth",
    "httpBasicAuth",
    "httpBearerAuth",
    "httpChecksumRequired",
    "httpDigestAuth",
    "httpError",
    "httpHeader",
    "httpLabel",
    "httpPayload",
    "httpPrefixHeaders",
    "httpQuery",
    "httpQueryParams",
    "httpResponseCode",
    "idRef",
    "idempotencyToken",
    "idempotent",
    "input",
    "internal",
    "jsonName",
    "length",
    "longPoll",
    "mediaType",
    "metadata",
    "mixin",
    "nestedProperties",
    "noReplace",
    "notProperty",
    "optionalAuth",
    "output",
    "paginated",
    "pattern",
    "private",
    "property",
    "protocolDefinition",
    "range",
    "readonly",
    "recommended",
    "references",
    "requestCompression",
    "required",
    "requiresLength",
    "resourceIdentifier",
    "retryable",
    "sensitive",
    "since",
    "sparse",
    "streaming",
    "suppress",
    "tags",
    "timestampFormat",
    "title",
    "trait",
    "traitValidators",
    "uniqueItems",
    "unitType",
    "unstable",
    "xmlAttribute",
    "xmlFlattened",
    "xmlName",
    "xmlNamespace",
];

/// Prelude traits that are lists: written without a value they are `[]`, not `{}`.
const PRELUDE_LIST_TRAITS: &[&str] =
    &["auth", "enum", "examples", "references", "suppress", "tags"];

/// Every shape known while reading IDL files: those the IDL files define and those of
/// models loaded beside them.
#[derive(Debug, Default)]
pub(super) struct Index {
    names: BTreeMap<String, BTreeSet<String>>,
    lists: BTreeSet<ShapeId>,
}

impl Index {
    pub fn add(&mut self, id: &ShapeId, is_list: bool) {
        self.names
            .entry(id.namespace().to_owned())
            .or_default()
            .insert(id.name().to_owned());
        if is_list {
            self.lists.insert(id.clone());
        }
    }

    pub fn add_model(&mut self, model: &Model) {
        for (id, shape) in &model.shapes {
            let is_list = matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Set(_));
            self.add(id, is_list);
        }
    }

    fn defines(&self, namespace: &str, name: &str) -> bool {
        self.names
            .get(namespace)
            .is_some_and(|names| names.contains(name))
    }

    /// Whether `id` is a list or set shape (so an annotation of that trait is `[]`).
    pub fn is_list(&self, id: &ShapeId) -> bool {
        self.lists.contains(id)
            || (id.namespace() == PRELUDE && PRELUDE_LIST_TRAITS.contains(&id.name()))
    }
}

/// How a shape ID resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// Absolute, imported, or a shape known to exist.
    Known(ShapeId),
    /// A relative ID that no known shape has: put in the file's namespace.
    Unknown(ShapeId),
}

impl Resolved {
    pub fn id(self) -> ShapeId {
        match self {
            Resolved::Known(id) | Resolved::Unknown(id) => id,
        }
    }
}

/// What relative IDs of one file resolve against.
pub(super) struct Scope<'a> {
    pub namespace: &'a str,
    pub uses: &'a BTreeMap<String, ShapeId>,
    pub index: &'a Index,
}

impl Scope<'_> {
    /// Resolves `text` (`Name`, `ns#Name`, either with `$member`).
    pub fn resolve(&self, text: &str) -> Result<Resolved, String> {
        let invalid = || format!("`{text}` is not a valid shape ID");
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        if member.is_some_and(|m| !is_identifier(m)) {
            return Err(invalid());
        }
        let resolved = if root.contains('#') {
            let id = ShapeId::parse(root).map_err(|err| err.to_string())?;
            if id.member().is_some() {
                return Err(invalid());
            }
            Resolved::Known(id)
        } else if !is_identifier(root) {
            return Err(invalid());
        } else if let Some(id) = self.uses.get(root) {
            Resolved::Known(id.clone())
        } else if self.index.defines(self.namespace, root) {
            Resolved::Known(ShapeId::new(self.namespace, root))
        } else if PRELUDE_PUBLIC.contains(&root) {
            Resolved::Known(ShapeId::new(PRELUDE, root))
        } else {
            Resolved::Unknown(ShapeId::new(self.namespace, root))
        };
        Ok(match (resolved, member) {
            (resolved, None) => resolved,
            (Resolved::Known(id), Some(member)) => Resolved::Known(id.with_member(member)),
            (Resolved::Unknown(id), Some(member)) => Resolved::Unknown(id.with_member(member)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_test(check: impl Fn(&Scope<'_>)) {
        let mut index = Index::default();
        index.add(&ShapeId::new("ns", "Local"), false);
        index.add(&ShapeId::new("ns", "Integer"), false);
        index.add(&ShapeId::new("ns", "things"), true);
        index.add(&ShapeId::new("other", "Far"), false);
        let mut uses = BTreeMap::new();
        uses.insert("Bar".to_owned(), ShapeId::new("foo.baz", "Bar"));
        let scope = Scope {
            namespace: "ns",
            uses: &uses,
            index: &index,
        };
        check(&scope);
    }

    fn known(text: &str) -> Resolved {
        match ShapeId::parse(text) {
            Ok(id) => Resolved::Known(id),
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn use_then_namespace_then_prelude() {
        scope_test(|scope| {
            assert_eq!(scope.resolve("Bar"), Ok(known("foo.baz#Bar")));
            assert_eq!(scope.resolve("Local"), Ok(known("ns#Local")));
            assert_eq!(scope.resolve("Integer"), Ok(known("ns#Integer")));
            assert_eq!(scope.resolve("String"), Ok(known("smithy.api#String")));
            assert_eq!(
                scope.resolve("documentation"),
                Ok(known("smithy.api#documentation"))
            );
            assert_eq!(
                scope.resolve("Far"),
                Ok(Resolved::Unknown(ShapeId::new("ns", "Far")))
            );
            assert_eq!(scope.resolve("other#Far"), Ok(known("other#Far")));
            assert_eq!(scope.resolve("x.y#Nope"), Ok(known("x.y#Nope")));
        });
    }

    #[test]
    fn members_and_invalid_ids() {
        scope_test(|scope| {
            assert_eq!(scope.resolve("Local$a"), Ok(known("ns#Local$a")));
            assert_eq!(scope.resolve("Bar$b"), Ok(known("foo.baz#Bar$b")));
            assert_eq!(scope.resolve("a.b#C$d"), Ok(known("a.b#C$d")));
            for bad in ["a.b", "A$", "A$b$c", "#A", "a#", "1a"] {
                assert!(scope.resolve(bad).is_err(), "{bad}");
            }
        });
    }

    #[test]
    fn list_traits_are_known() {
        scope_test(|scope| {
            assert!(scope.index.is_list(&ShapeId::new("ns", "things")));
            assert!(scope.index.is_list(&ShapeId::new(PRELUDE, "tags")));
            assert!(!scope.index.is_list(&ShapeId::new(PRELUDE, "required")));
        });
    }
}
