//! Constraint traits (`length`, `range`, `pattern`, `uniqueItems`) gathered per value:
//! from the member and from its target, down through list members and map keys and values.

use std::collections::BTreeSet;

use super::pattern::PatternPlan;
use crate::model::number::{Decimal, Whole};
use crate::model::{Member, ShapeId, ShapeKind, SimpleType, Traits};
use crate::resolve::ResolvedModel;

/// The checks that apply to one value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// The bounds' nearest `f64`s (infinite beyond `f64`), for `float` and `double` values and
    /// for messages.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// The same bounds exactly, for integer values (whose types hold at most 64 bits): a bound
    /// beyond `i128` that every value meets is left out, one that none meets is `i128::MAX`
    /// (a `min`) or `i128::MIN` (a `max`).
    pub range_int: Option<(Option<i128>, Option<i128>)>,
    /// The bounds as written, for `bigInteger` and `bigDecimal` values, compared exactly.
    pub range_text: Option<(Option<String>, Option<String>)>,
    /// Index into the plan's list of patterns.
    pub pattern: Option<usize>,
    pub unique: bool,
    pub nested: Nested,
}

/// How validation continues below a value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Nested {
    #[default]
    None,
    /// A structure or union: its own `validate_into`.
    Validate,
    Items(Box<Checks>),
    Entries {
        key: Box<Checks>,
        value: Box<Checks>,
    },
}

impl Checks {
    /// Nothing to check here or below.
    pub fn is_trivial(&self) -> bool {
        self.length.is_none()
            && self.range.is_none()
            && self.pattern.is_none()
            && !self.unique
            && match &self.nested {
                Nested::None => true,
                Nested::Validate => false,
                Nested::Items(item) => item.is_trivial(),
                Nested::Entries { key, value } => key.is_trivial() && value.is_trivial(),
            }
    }
}

/// Collects the distinct patterns of a model, checks that each is valid ECMA-262 (`regress`
/// is the reference) and compiles each to an automaton where it can.
#[derive(Debug, Default)]
pub struct Patterns {
    pub list: Vec<PatternPlan>,
}

impl Patterns {
    fn index(&mut self, pattern: &str) -> Result<usize, String> {
        if let Some(i) = self.list.iter().position(|p| p.source == pattern) {
            return Ok(i);
        }
        regress::Regex::new(pattern).map_err(|e| {
            format!("the pattern `{pattern}` is not a valid ECMA-262 regular expression: {e}")
        })?;
        self.list.push(PatternPlan::new(pattern));
        Ok(self.list.len() - 1)
    }
}

const LENGTH: &str = "smithy.api#length";
const RANGE: &str = "smithy.api#range";
const PATTERN: &str = "smithy.api#pattern";
const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";

/// The checks for a member: its own traits win over its target's.
pub fn of_member(
    model: &ResolvedModel,
    member: &Member,
    patterns: &mut Patterns,
) -> Result<Checks, String> {
    of_value(
        model,
        Some(&member.traits),
        &member.target,
        patterns,
        &mut BTreeSet::new(),
    )
}

fn of_value(
    model: &ResolvedModel,
    member: Option<&Traits>,
    target: &ShapeId,
    patterns: &mut Patterns,
    seen: &mut BTreeSet<ShapeId>,
) -> Result<Checks, String> {
    let Some(shape) = model.shape(target) else {
        return Ok(Checks::default());
    };
    let get = |id: &str| {
        member
            .and_then(|t| t.get(id))
            .or_else(|| shape.traits.get(id))
    };
    let mut checks = Checks::default();
    if let Some(length) = get(LENGTH) {
        let bound = |key: &str| length.get(key).and_then(|v| v.as_u64());
        checks.length = Some((bound("min"), bound("max")));
    }
    if get(RANGE).is_some() {
        // The traits the range comes from, for its numbers' written text.
        let owner = member.filter(|t| t.has(RANGE)).unwrap_or(&shape.traits);
        let text = |key: &str| owner.number_text(RANGE, &format!("/{key}"));
        let (min, max) = (text("min"), text("max"));
        let near = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<f64>().ok());
        checks.range = Some((near(&min), near(&max)));
        checks.range_int = Some((
            int_bound(min.as_deref(), true, target, &shape.kind)?,
            int_bound(max.as_deref(), false, target, &shape.kind)?,
        ));
        checks.range_text = Some((min, max));
    }
    if let Some(pattern) = get(PATTERN).and_then(|p| p.as_str()) {
        // Smithy's `string` selector takes enums: their (possibly unknown) values are checked too.
        if matches!(
            shape.kind,
            ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)
        ) {
            checks.pattern = Some(patterns.index(pattern)?);
        }
    }
    checks.unique = get(UNIQUE_ITEMS).is_some() || matches!(shape.kind, ShapeKind::Set(_));
    // Lists and maps that contain themselves are rejected by the planner; guard anyway.
    if !seen.insert(target.root()) {
        return Ok(checks);
    }
    checks.nested = match &shape.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => Nested::Validate,
        ShapeKind::List(m) | ShapeKind::Set(m) => Nested::Items(Box::new(of_value(
            model,
            Some(&m.traits),
            &m.target,
            patterns,
            seen,
        )?)),
        ShapeKind::Map { key, value } => Nested::Entries {
            key: Box::new(of_value(
                model,
                Some(&key.traits),
                &key.target,
                patterns,
                seen,
            )?),
            value: Box::new(of_value(
                model,
                Some(&value.traits),
                &value.target,
                patterns,
                seen,
            )?),
        },
        _ => Nested::None,
    };
    seen.remove(&target.root());
    Ok(checks)
}

/// A range bound of an integer value, exactly (see [`Checks::range_int`]). A bound with a
/// fraction is refused on shapes that hold no fractions, as Smithy refuses it.
fn int_bound(
    text: Option<&str>,
    is_min: bool,
    target: &ShapeId,
    kind: &ShapeKind,
) -> Result<Option<i128>, String> {
    let Some(decimal) = text.and_then(Decimal::parse) else {
        return Ok(None);
    };
    Ok(match decimal.whole() {
        Whole::Fits(value) => Some(value),
        // Beyond i128 on the side the bound limits: every integer value meets it.
        Whole::Beyond { negative } if negative == is_min => None,
        // On the other side: none does.
        Whole::Beyond { .. } => Some(if is_min { i128::MAX } else { i128::MIN }),
        Whole::Fraction => {
            let integers_only = matches!(
                kind,
                ShapeKind::Simple(
                    SimpleType::Byte
                        | SimpleType::Short
                        | SimpleType::Integer
                        | SimpleType::Long
                        | SimpleType::BigInteger
                ) | ShapeKind::IntEnum(_)
            );
            if integers_only {
                let (name, written) = (if is_min { "min" } else { "max" }, text.unwrap_or(""));
                return Err(format!(
                    "the `range` trait's `{name}` {written} has a fraction, which `{target}` \
                     (`{}`) cannot hold",
                    kind.type_name()
                ));
            }
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_shared_and_checked() {
        let mut patterns = Patterns::default();
        assert_eq!(patterns.index("^[0-9]+$"), Ok(0));
        assert_eq!(patterns.index("^[a-z]$"), Ok(1));
        assert_eq!(patterns.index("^[0-9]+$"), Ok(0));
        let bad = patterns.index("(unclosed").unwrap_err();
        assert!(bad.contains("(unclosed"), "{bad}");
    }

    #[test]
    fn trivial_checks_are_recognised() {
        assert!(Checks::default().is_trivial());
        let items = Checks {
            nested: Nested::Items(Box::default()),
            ..Checks::default()
        };
        assert!(items.is_trivial());
        let validate = Checks {
            nested: Nested::Items(Box::new(Checks {
                nested: Nested::Validate,
                ..Checks::default()
            })),
            ..Checks::default()
        };
        assert!(!validate.is_trivial());
    }
}
