//! IDL 1.0-style enums: a `string` with the `smithy.api#enum` trait becomes an `enum` shape.
//!
//! Only the trait on the shape's own definition is converted; one added with `apply` is left
//! for later stages.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::Report;
use crate::diagnostics::kind_of;
use crate::model::traits::ids;
use crate::model::{is_identifier, Member, Shape, ShapeId, ShapeKind, SimpleType, Traits};

/// Converts `shape` in place when it is a string with the `enum` trait (which is removed).
pub(super) fn convert_enum_trait(ctx: &mut Report<'_>, shape: &mut Shape) {
    if shape.kind != ShapeKind::Simple(SimpleType::String) {
        return;
    }
    let Some(definitions) = shape.traits.remove(ids::ENUM) else {
        return;
    };
    let Some(definitions) = definitions.as_array() else {
        ctx.shape_error(&shape.id, "the `smithy.api#enum` trait must be an array");
        return;
    };
    let mut entries: Vec<&Map<String, Value>> = Vec::new();
    for entry in definitions {
        match entry.as_object() {
            Some(entry) => entries.push(entry),
            None => ctx.shape_error(
                &shape.id,
                format!(
                    "an `smithy.api#enum` entry must be an object, found {}",
                    kind_of(entry)
                ),
            ),
        }
    }
    // Explicit names are reserved first so a derived name never takes one.
    let explicit: BTreeSet<&str> = entries
        .iter()
        .filter_map(|entry| entry.get("name").and_then(Value::as_str))
        .collect();
    let mut used = BTreeSet::new();
    let mut members = Vec::new();
    for entry in entries {
        if let Some(member) = convert_entry(ctx, &shape.id, entry, &explicit, &mut used) {
            members.push(member);
        }
    }
    shape.kind = ShapeKind::Enum(members);
}

fn convert_entry(
    ctx: &mut Report<'_>,
    id: &ShapeId,
    entry: &Map<String, Value>,
    explicit: &BTreeSet<&str>,
    used: &mut BTreeSet<String>,
) -> Option<Member> {
    let Some(value) = entry.get("value") else {
        ctx.shape_error(id, "an `smithy.api#enum` entry is missing `value`");
        return None;
    };
    let value = string(ctx, value, id, "an `smithy.api#enum` value")?;
    let name = match entry.get("name") {
        Some(name) => {
            let name = string(ctx, name, id, "an `smithy.api#enum` name")?;
            if !is_identifier(name) {
                ctx.shape_error(id, format!("enum name `{name}` is not an identifier"));
                return None;
            }
            if !used.insert(name.to_owned()) {
                ctx.shape_error(id, format!("enum name `{name}` is used twice"));
                return None;
            }
            name.to_owned()
        }
        None => unique_name(&name_from_value(value), explicit, used),
    };
    let mut traits = Traits::new();
    traits.insert(prelude(ids::ENUM_VALUE), Value::String(value.to_owned()));
    if let Some(documentation) = entry.get("documentation") {
        traits.insert(prelude(ids::DOCUMENTATION), documentation.clone());
    }
    if entry.get("deprecated") == Some(&Value::Bool(true)) {
        traits.insert(prelude(ids::DEPRECATED), Value::Object(Map::new()));
    }
    if let Some(tags) = entry.get("tags") {
        traits.insert(prelude("smithy.api#tags"), tags.clone());
    }
    Some(Member {
        name,
        target: unit(),
        traits,
    })
}

/// The value as a string, or an error saying `what` should have been one.
fn string<'v>(ctx: &mut Report<'_>, value: &'v Value, id: &ShapeId, what: &str) -> Option<&'v str> {
    let text = value.as_str();
    if text.is_none() {
        ctx.shape_error(
            id,
            format!("{what} must be a string, found {}", kind_of(value)),
        );
    }
    text
}

/// Enum members target `smithy.api#Unit`.
fn unit() -> ShapeId {
    ShapeId::new("smithy.api", "Unit")
}

/// A `smithy.api#name` constant as an ID, without parsing (the names are known valid).
fn prelude(id: &str) -> ShapeId {
    let name = id.strip_prefix("smithy.api#").unwrap_or(id);
    ShapeId::new("smithy.api", name)
}

/// An identifier from an enum value: other characters become `_`, a leading digit gets `_`.
fn name_from_value(value: &str) -> String {
    let mut name: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if !is_identifier(&name) {
        // Empty or all underscores: not an identifier on its own.
        name.insert_str(0, "VALUE");
    }
    name
}

fn unique_name(base: &str, explicit: &BTreeSet<&str>, used: &mut BTreeSet<String>) -> String {
    let mut candidate = base.to_owned();
    let mut suffix = 2;
    while explicit.contains(candidate.as_str()) || used.contains(&candidate) {
        candidate = format!("{base}_{suffix}");
        suffix += 1;
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn string_shape(enum_trait: Value) -> Shape {
        let mut traits = Traits::new();
        traits.insert(prelude(ids::ENUM), enum_trait);
        traits.insert(prelude(ids::DOCUMENTATION), json!("kept"));
        Shape {
            id: ShapeId::new("ns", "Color"),
            kind: ShapeKind::Simple(SimpleType::String),
            traits,
            mixins: Vec::new(),
        }
    }

    fn members(shape: &Shape) -> Vec<(String, Option<String>)> {
        shape
            .kind
            .members()
            .iter()
            .map(|m| {
                let value = m.traits.string(ids::ENUM_VALUE).map(str::to_owned);
                (m.name.clone(), value)
            })
            .collect()
    }

    #[test]
    fn converts_to_an_enum_shape() {
        let mut ctx = Report::new(Path::new("a.json"));
        let mut shape = string_shape(json!([
            {"value": "red", "name": "RED", "documentation": "Red.", "deprecated": true},
            {"value": "dark-blue"},
            {"value": "9lives", "tags": ["x"]},
            {"value": "dark_blue"},
            {"value": ""}
        ]));
        convert_enum_trait(&mut ctx, &mut shape);
        assert!(ctx.diags.is_empty(), "{}", ctx.diags);
        assert!(!shape.traits.has(ids::ENUM));
        assert_eq!(shape.traits.documentation(), Some("kept"));
        let named = members(&shape);
        let expected = [
            ("RED", "red"),
            ("dark_blue", "dark-blue"),
            ("_9lives", "9lives"),
            ("dark_blue_2", "dark_blue"),
            ("VALUE", ""),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(n, v)| (n.to_string(), Some(v.to_string())))
            .collect();
        assert_eq!(named, expected);
        let first = shape.kind.members().first().map(|m| (*m).clone());
        let first = first.unwrap_or_else(|| panic!("no member"));
        assert_eq!(first.target, unit());
        assert_eq!(first.traits.documentation(), Some("Red."));
        assert!(first.traits.has(ids::DEPRECATED));
    }

    #[test]
    fn derived_names_avoid_explicit_ones() {
        let mut ctx = Report::new(Path::new("a.json"));
        let mut shape = string_shape(json!([{"value": "A"}, {"value": "x", "name": "A"}]));
        convert_enum_trait(&mut ctx, &mut shape);
        let names: Vec<_> = members(&shape).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["A_2", "A"]);
    }

    #[test]
    fn bad_entries_are_reported() {
        let mut ctx = Report::new(Path::new("a.json"));
        let mut shape = string_shape(json!([
            {"name": "NoValue"},
            {"value": "a", "name": "bad-name"},
            {"value": "b", "name": "Same"},
            {"value": "c", "name": "Same"},
            3
        ]));
        convert_enum_trait(&mut ctx, &mut shape);
        let text = ctx.diags.to_string();
        assert!(text.contains("ns#Color: an `smithy.api#enum` entry is missing `value`"));
        assert!(text.contains("`bad-name` is not an identifier"), "{text}");
        assert!(text.contains("`Same` is used twice"), "{text}");
        assert!(text.contains("must be an object"), "{text}");
        let mut shape = string_shape(json!({}));
        convert_enum_trait(&mut ctx, &mut shape);
        assert!(ctx.diags.to_string().contains("must be an array"));
    }

    #[test]
    fn other_shapes_are_untouched() {
        let mut ctx = Report::new(Path::new("a.json"));
        let mut shape = string_shape(json!([{"value": "a"}]));
        shape.kind = ShapeKind::Simple(SimpleType::Integer);
        let before = shape.clone();
        convert_enum_trait(&mut ctx, &mut shape);
        assert_eq!(shape, before);
    }
}
