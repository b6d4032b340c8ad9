//! The prelude shapes of `smithy.api` that models target without defining them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::{a_kind, error_at};
use crate::diagnostics::Diagnostics;
use crate::model::traits::ids;
use crate::model::{Shape, ShapeId, ShapeKind, SimpleType, Traits};

pub const PRELUDE_NAMESPACE: &str = "smithy.api";

/// Marks `smithy.api#Unit`, the "no value" structure.
pub(super) const UNIT_TYPE: &str = "smithy.api#unitType";

/// Whether a shape belongs to the prelude namespace (never generated, never in conflicts).
pub fn is_prelude(id: &ShapeId) -> bool {
    id.namespace() == PRELUDE_NAMESPACE
}

/// The prelude shapes, as the Smithy 2.0 prelude defines them.
pub(super) fn shapes() -> Vec<Shape> {
    use SimpleType::*;
    let plain = [
        ("String", String),
        ("Blob", Blob),
        ("BigInteger", BigInteger),
        ("BigDecimal", BigDecimal),
        ("Timestamp", Timestamp),
        ("Document", Document),
        ("Boolean", Boolean),
        ("Byte", Byte),
        ("Short", Short),
        ("Integer", Integer),
        ("Long", Long),
        ("Float", Float),
        ("Double", Double),
    ];
    let primitive = [
        ("PrimitiveBoolean", Boolean, json!(false)),
        ("PrimitiveByte", Byte, json!(0)),
        ("PrimitiveShort", Short, json!(0)),
        ("PrimitiveInteger", Integer, json!(0)),
        ("PrimitiveLong", Long, json!(0)),
        ("PrimitiveFloat", Float, json!(0)),
        ("PrimitiveDouble", Double, json!(0)),
    ];
    let mut shapes: Vec<Shape> = plain
        .into_iter()
        .map(|(name, simple)| prelude_shape(name, ShapeKind::Simple(simple), &[]))
        .collect();
    shapes.extend(primitive.into_iter().map(|(name, simple, default)| {
        prelude_shape(name, ShapeKind::Simple(simple), &[(ids::DEFAULT, default)])
    }));
    shapes.push(prelude_shape(
        "Unit",
        ShapeKind::Structure(Vec::new()),
        &[(UNIT_TYPE, json!({}))],
    ));
    shapes
}

fn prelude_shape(name: &str, kind: ShapeKind, trait_values: &[(&str, Value)]) -> Shape {
    let mut traits = Traits::new();
    for (trait_id, value) in trait_values {
        if let Ok(trait_id) = ShapeId::parse(trait_id) {
            traits.insert(trait_id, value.clone());
        }
    }
    Shape {
        id: ShapeId::new(PRELUDE_NAMESPACE, name),
        kind,
        traits,
        mixins: Vec::new(),
    }
}

/// Adds the prelude. A model may repeat a prelude shape verbatim (some AST exports do),
/// but a different definition under a prelude ID is an error.
pub(super) fn add(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) {
    for prelude in self::shapes() {
        match shapes.get(&prelude.id) {
            Some(existing) if *existing != prelude => diags.push(error_at(
                sources,
                &prelude.id,
                format!(
                    "the model defines `{}` as {}, which conflicts with the prelude {} of \
                     that ID (a prelude shape may only be repeated exactly)",
                    prelude.id,
                    a_kind(&existing.kind),
                    prelude.kind.type_name(),
                ),
            )),
            _ => {
                shapes.insert(prelude.id.clone(), prelude);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::resolve::resolve;

    #[test]
    fn prelude_targets_resolve() {
        let model = model(vec![
            service("ex#Svc", &["ex#Op"]),
            operation("ex#Op", Some("ex#In"), Some("smithy.api#Unit"), &[]),
            structure(
                "ex#In",
                vec![
                    member("a", "smithy.api#String"),
                    member("b", "smithy.api#PrimitiveInteger"),
                    member("c", "smithy.api#Timestamp"),
                    member("d", "smithy.api#Document"),
                ],
            ),
        ]);
        let resolved = resolve(model, None).unwrap();
        let primitive = resolved.shape(&id("smithy.api#PrimitiveInteger")).unwrap();
        assert_eq!(primitive.traits.get(ids::DEFAULT), Some(&json!(0)));
        let unit = resolved.shape(&id("smithy.api#Unit")).unwrap();
        assert!(unit.traits.has(UNIT_TYPE));
        assert_eq!(
            resolved
                .shape(&id("smithy.api#PrimitiveBoolean"))
                .unwrap()
                .traits
                .get(ids::DEFAULT),
            Some(&json!(false))
        );
        // Prelude shapes are never part of the generated closure.
        assert_eq!(resolved.closure(), vec![id("ex#In"), id("ex#Op")]);
    }

    #[test]
    fn an_identical_prelude_shape_is_accepted() {
        let mut shapes = BTreeMap::new();
        shapes.insert(id("smithy.api#String"), string("smithy.api#String"));
        let mut diags = Diagnostics::new();
        add(&mut shapes, &BTreeMap::new(), &mut diags);
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(shapes.len(), self::shapes().len());
    }

    #[test]
    fn a_conflicting_prelude_shape_is_an_error() {
        let mut shapes = BTreeMap::new();
        shapes.insert(id("smithy.api#Integer"), string("smithy.api#Integer"));
        shapes.insert(
            id("smithy.api#Unit"),
            structure("smithy.api#Unit", Vec::new()),
        );
        let mut diags = Diagnostics::new();
        add(&mut shapes, &BTreeMap::new(), &mut diags);
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 2, "{text}");
        assert!(text.contains("smithy.api#Integer"), "{text}");
        assert!(text.contains("smithy.api#Unit"), "{text}");
    }

    #[test]
    fn other_smithy_api_shapes_are_kept() {
        let mut shapes = BTreeMap::new();
        shapes.insert(
            id("smithy.api#trait"),
            structure("smithy.api#trait", Vec::new()),
        );
        let mut diags = Diagnostics::new();
        add(&mut shapes, &BTreeMap::new(), &mut diags);
        assert!(diags.is_empty());
        assert!(shapes.contains_key(&id("smithy.api#trait")));
        assert!(is_prelude(&id("smithy.api#trait")));
        assert!(!is_prelude(&id("ex#String")));
    }
}
