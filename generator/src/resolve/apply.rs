//! Merges traits applied from outside a shape's definition (`apply`) into shapes and members.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use super::error_at;
use crate::diagnostics::Diagnostics;
use crate::model::{Shape, ShapeId, Traits};

/// Applied traits aimed at a member its shape does not declare itself, keyed by member ID.
/// The shape has mixins, so the member may be inherited; mixin flattening consumes these.
pub(super) type PendingMemberTraits = BTreeMap<ShapeId, Traits>;

/// Merges `applied` in order. Returns what must wait for mixin flattening.
pub(super) fn apply(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    applied: Vec<(ShapeId, Traits)>,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) -> PendingMemberTraits {
    let mut pending = PendingMemberTraits::new();
    for (target, traits) in applied {
        let Some(shape) = shapes.get_mut(&target.root()) else {
            diags.push(error_at(
                sources,
                &target,
                format!(
                    "`apply` targets `{target}`, but shape `{}` is not defined",
                    target.root()
                ),
            ));
            continue;
        };
        let destination = match target.member() {
            None => Some(&mut shape.traits),
            Some(name) => {
                let has_mixins = !shape.mixins.is_empty();
                match shape
                    .kind
                    .members_mut()
                    .into_iter()
                    .find(|m| m.name == name)
                {
                    Some(member) => Some(&mut member.traits),
                    None if has_mixins => Some(pending.entry(target.clone()).or_default()),
                    None => {
                        diags.push(error_at(
                            sources,
                            &target,
                            format!(
                                "`apply` targets `{target}`, but `{}` has no member `{name}`",
                                target.root()
                            ),
                        ));
                        None
                    }
                }
            }
        };
        if let Some(destination) = destination {
            merge_all(destination, &traits, &target, sources, diags);
        }
    }
    pending
}

/// Merges every trait of `traits` into `into` by the trait conflict rules
/// ([`Traits::merge`]), reporting each conflict at `at`.
pub(super) fn merge_all(
    into: &mut Traits,
    traits: &Traits,
    at: &ShapeId,
    sources: &BTreeMap<ShapeId, PathBuf>,
    diags: &mut Diagnostics,
) {
    for (trait_id, value) in traits.iter() {
        if let Err(existing) = into.merge_from(traits, trait_id) {
            diags.push(error_at(
                sources,
                at,
                format!(
                    "trait `{trait_id}` is applied to `{at}` twice with different values: {} and {}",
                    excerpt(&existing),
                    excerpt(value),
                ),
            ));
        }
    }
}

/// A value short enough for a one-line message.
fn excerpt(value: &Value) -> String {
    const LIMIT: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= LIMIT {
        text
    } else {
        let cut: String = text.chars().take(LIMIT).collect();
        format!("{cut}...")
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::traits::ids;

    fn run(
        shapes: Vec<Shape>,
        applied: Vec<(&str, Traits)>,
    ) -> (BTreeMap<ShapeId, Shape>, PendingMemberTraits, Diagnostics) {
        let mut shapes = model(shapes).shapes;
        let applied = applied
            .into_iter()
            .map(|(target, t)| (id(target), t))
            .collect();
        let mut diags = Diagnostics::new();
        let pending = apply(&mut shapes, applied, &BTreeMap::new(), &mut diags);
        (shapes, pending, diags)
    }

    #[test]
    fn applies_to_a_shape_and_a_member() {
        let (shapes, pending, diags) = run(
            vec![structure("ex#S", vec![member("m", "smithy.api#String")])],
            vec![
                ("ex#S", traits(&[(ids::DOCUMENTATION, json!("shape docs"))])),
                ("ex#S$m", traits(&[(ids::REQUIRED, json!({}))])),
            ],
        );
        assert!(diags.is_empty(), "{diags}");
        assert!(pending.is_empty());
        let shape = &shapes[&id("ex#S")];
        assert_eq!(shape.traits.documentation(), Some("shape docs"));
        assert!(shape.kind.members()[0].traits.is_required());
    }

    #[test]
    fn applies_to_list_and_map_members() {
        let (shapes, _, diags) = run(
            vec![
                list("ex#L", "smithy.api#String"),
                map("ex#M", "smithy.api#String", "smithy.api#Integer"),
            ],
            vec![
                ("ex#L$member", traits(&[(ids::SENSITIVE, json!({}))])),
                ("ex#M$value", traits(&[(ids::SENSITIVE, json!({}))])),
            ],
        );
        assert!(diags.is_empty(), "{diags}");
        assert!(shapes[&id("ex#L")].kind.members()[0].traits.is_sensitive());
        assert!(shapes[&id("ex#M")].kind.members()[1].traits.is_sensitive());
    }

    #[test]
    fn missing_shape_or_member_is_an_error_naming_the_id() {
        let (_, _, diags) = run(
            vec![structure("ex#S", vec![])],
            vec![
                ("ex#Nope", traits(&[(ids::SENSITIVE, json!({}))])),
                ("ex#S$absent", traits(&[(ids::SENSITIVE, json!({}))])),
            ],
        );
        let text = messages(&diags);
        assert_eq!(diags.errors().count(), 2, "{text}");
        assert!(text.contains("`ex#Nope`"), "{text}");
        assert!(text.contains("`ex#S$absent`"), "{text}");
    }

    #[test]
    fn an_unknown_member_of_a_shape_with_mixins_waits_for_flattening() {
        let (_, pending, diags) = run(
            vec![with_mixins(structure("ex#S", vec![]), &["ex#Mixin"])],
            vec![("ex#S$inherited", traits(&[(ids::REQUIRED, json!({}))]))],
        );
        assert!(diags.is_empty(), "{diags}");
        assert!(pending[&id("ex#S$inherited")].is_required());
    }

    #[test]
    fn conflicting_values_are_an_error_equal_values_merge() {
        let shape = with_trait(structure("ex#S", vec![]), ids::DOCUMENTATION, json!("a"));
        let (_, _, diags) = run(
            vec![shape.clone()],
            vec![("ex#S", traits(&[(ids::DOCUMENTATION, json!("a"))]))],
        );
        assert!(diags.is_empty(), "{diags}");
        let (_, _, diags) = run(
            vec![shape],
            vec![("ex#S", traits(&[(ids::DOCUMENTATION, json!("b"))]))],
        );
        let text = messages(&diags);
        assert!(
            text.contains("smithy.api#documentation") && text.contains("ex#S"),
            "{text}"
        );
    }

    #[test]
    fn list_values_concatenate() {
        let shape = with_trait(structure("ex#S", vec![]), "smithy.api#tags", json!(["a"]));
        let (shapes, _, diags) = run(
            vec![shape],
            vec![
                ("ex#S", traits(&[("smithy.api#tags", json!(["b"]))])),
                ("ex#S", traits(&[("smithy.api#tags", json!(["c"]))])),
            ],
        );
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(
            shapes[&id("ex#S")].traits.get("smithy.api#tags"),
            Some(&json!(["a", "b", "c"]))
        );
    }

    /// `ns#t` set to a list of numbers as written, through the stand-ins the loaders use.
    fn numbers(texts: &[&str]) -> Traits {
        let mut traits = Traits::new();
        let mut written = crate::model::number::NumberTexts::new();
        let mut items = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            let number = crate::model::number::stand_in(text);
            if crate::model::number::needs_text(&number, text) {
                written.insert(format!("/{index}"), (*text).to_owned());
            }
            items.push(Value::Number(number));
        }
        traits.insert_exact(id("ns#t"), Value::Array(items), written);
        traits
    }

    #[test]
    fn numbers_merge_by_their_written_text() {
        let shape = |t: &Traits| {
            let mut shape = structure("ex#S", vec![]);
            shape.traits = t.clone();
            shape
        };
        let (shapes, _, diags) = run(
            vec![shape(&numbers(&["18446744073709551616"]))],
            vec![("ex#S", numbers(&["1", "18446744073709551617"]))],
        );
        assert!(diags.is_empty(), "{diags}");
        let merged = &shapes[&id("ex#S")].traits;
        let texts: Vec<_> = (0..3)
            .filter_map(|i| merged.number_text("ns#t", &format!("/{i}")))
            .collect();
        assert_eq!(texts, ["18446744073709551616", "1", "18446744073709551617"]);
        // One number applied twice: equal as stand-ins, different as written, so a conflict.
        let scalar = |text: &str| {
            let mut traits = Traits::new();
            let number = Value::Number(crate::model::number::stand_in(text));
            let written = [(String::new(), text.to_owned())].into_iter().collect();
            traits.insert_exact(id("ns#n"), number, written);
            traits
        };
        let mut into = scalar("18446744073709551616");
        let other = scalar("18446744073709551617");
        assert!(into.merge_from(&other, &id("ns#n")).is_err());
        let same = scalar("18446744073709551616");
        assert_eq!(into.merge_from(&same, &id("ns#n")), Ok(()));
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let long = json!("x".repeat(500));
        assert!(excerpt(&long).len() < 100);
        assert_eq!(excerpt(&json!(1)), "1");
    }
}
