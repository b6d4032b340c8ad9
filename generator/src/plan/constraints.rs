//! Constraint traits (`length`, `range`, `pattern`, `uniqueItems`) gathered per value:
//! from the member and from its target, down through list members and map keys and values.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::pattern::{self, PatternPlan, Planned};
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

/// Collects the distinct patterns of a model, each read and compiled once
/// (`pattern::plan_once`), and the members whose pattern cannot be checked.
#[derive(Debug, Default)]
pub struct Patterns {
    pub list: Vec<PatternPlan>,
    /// Each unchecked pattern: why, and the shapes and members that carry it.
    pub unchecked: BTreeMap<String, (String, BTreeSet<ShapeId>)>,
    /// Patterns being compiled on another thread while planning runs
    /// ([`Patterns::compiled_ahead`]).
    ahead: Option<AheadHandle>,
}

impl Patterns {
    /// Starts compiling every distinct `@pattern` of `model` on another thread, while
    /// planning goes on here: compiling automata is a good part of planning, and nothing
    /// else can start before planning ends. Each pattern is compiled by whichever thread
    /// reaches it first; planning waits only for one the other thread is compiling at that
    /// moment. A pattern no planned value carries may be compiled for nothing, and its error
    /// is never reported. The other thread stops when these `Patterns` are dropped.
    pub fn compiled_ahead(model: &ResolvedModel) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::compiled_ahead_on(model, cores)
    }

    /// [`Patterns::compiled_ahead`] on a machine with `cores` cores: with one, each pattern
    /// is compiled when planning reaches it.
    fn compiled_ahead_on(model: &ResolvedModel, cores: usize) -> Self {
        let mut sources = BTreeSet::new();
        for shape in model.shapes.values() {
            sources.extend(shape.traits.string(PATTERN));
            for member in shape.kind.members() {
                sources.extend(member.traits.string(PATTERN));
            }
        }
        if sources.is_empty() || cores < 2 {
            return Patterns::default();
        }
        let ahead = Arc::new(Ahead {
            slots: sources
                .into_iter()
                .map(|source| Slot {
                    source: source.to_owned(),
                    claimed: AtomicBool::new(false),
                    done: OnceLock::new(),
                })
                .collect(),
            stop: AtomicBool::new(false),
        });
        let other = Arc::clone(&ahead);
        match std::thread::Builder::new().spawn(move || other.compile_all()) {
            Ok(_) => Patterns {
                ahead: Some(AheadHandle(ahead)),
                ..Patterns::default()
            },
            // No thread to be had: each is compiled here when reached.
            Err(_) => Patterns::default(),
        }
    }

    /// The pattern's index in `list`, or `None` when it goes unchecked.
    fn index(&mut self, pattern: &str, owner: &ShapeId) -> Result<Option<usize>, String> {
        if let Some(i) = self.list.iter().position(|p| p.source == pattern) {
            return Ok(Some(i));
        }
        if let Some((_, owners)) = self.unchecked.get_mut(pattern) {
            owners.insert(owner.clone());
            return Ok(None);
        }
        let ahead = self.ahead.as_ref().and_then(|ahead| ahead.0.take(pattern));
        let planned = ahead.unwrap_or_else(|| pattern::plan_once(pattern));
        match planned? {
            Planned::Checked(plan) => {
                self.list.push(plan);
                Ok(Some(self.list.len() - 1))
            }
            Planned::Unchecked { reason } => {
                let owners = BTreeSet::from([owner.clone()]);
                self.unchecked.insert(pattern.to_owned(), (reason, owners));
                Ok(None)
            }
        }
    }

    /// One warning naming every member and shape whose pattern is not checked.
    pub fn warning(&self) -> Option<String> {
        if self.unchecked.is_empty() {
            return None;
        }
        let listed: Vec<String> = self
            .unchecked
            .iter()
            .map(|(pattern, (reason, owners))| {
                let owners: Vec<String> = owners.iter().map(|o| o.to_string()).collect();
                format!("{} (`{pattern}`: {reason})", owners.join(", "))
            })
            .collect();
        Some(format!(
            "these `@pattern`s cannot be checked exactly, so their values are not checked \
             against them (a value the service accepts must never be refused): {}",
            listed.join("; ")
        ))
    }
}

/// The patterns of a model, sorted, shared with the thread that compiles them ahead.
#[derive(Debug)]
struct Ahead {
    slots: Vec<Slot>,
    /// Set when planning is over: the other thread compiles no further pattern.
    stop: AtomicBool,
}

#[derive(Debug)]
struct Slot {
    source: String,
    /// Taken by the first thread to reach the pattern, which compiles it.
    claimed: AtomicBool,
    /// What the other thread compiled (`None` inside if compiling panicked: a generator bug,
    /// which compiling again on the planning thread reports), until planning takes it.
    done: OnceLock<Mutex<Option<Result<Planned, String>>>>,
}

impl Ahead {
    /// The other thread's loop: from the last pattern down, every one not yet taken.
    fn compile_all(&self) {
        for slot in self.slots.iter().rev() {
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
            if slot.claimed.swap(true, Ordering::AcqRel) {
                continue;
            }
            let compiled = std::panic::catch_unwind(|| pattern::plan_once(&slot.source)).ok();
            let _ = slot.done.set(Mutex::new(compiled));
        }
    }

    /// The pattern compiled on the other thread, waiting for it if it is under way there;
    /// `None` when it is for this thread to compile: unclaimed (now claimed), already taken,
    /// or not among the model's patterns.
    fn take(&self, source: &str) -> Option<Result<Planned, String>> {
        let slot = match self
            .slots
            .binary_search_by(|s| s.source.as_str().cmp(source))
        {
            Ok(i) => &self.slots[i],
            Err(_) => return None,
        };
        if !slot.claimed.swap(true, Ordering::AcqRel) {
            // Nothing to wait for should planning reach it again (an invalid pattern).
            let _ = slot.done.set(Mutex::new(None));
            return None;
        }
        let mut compiled = slot.done.wait().lock().unwrap_or_else(|e| e.into_inner());
        compiled.take()
    }
}

/// Stops the other thread when planning is done with the patterns.
#[derive(Debug)]
struct AheadHandle(Arc<Ahead>);

impl Drop for AheadHandle {
    fn drop(&mut self) {
        self.0.stop.store(true, Ordering::Relaxed);
    }
}

const LENGTH: &str = "smithy.api#length";
const RANGE: &str = "smithy.api#range";
const PATTERN: &str = "smithy.api#pattern";
const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";

/// The checks for a member: its own traits win over its target's.
/// `id` is the member's own (`ns#Shape$member`).
pub fn of_member(
    model: &ResolvedModel,
    id: &ShapeId,
    member: &Member,
    patterns: &mut Patterns,
) -> Result<Checks, String> {
    of_value(
        model,
        id,
        Some(&member.traits),
        &member.target,
        patterns,
        &mut BTreeSet::new(),
    )
}

/// `id` names the member whose traits are `member`.
fn of_value(
    model: &ResolvedModel,
    id: &ShapeId,
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
            let owner = match member.and_then(|t| t.get(PATTERN)) {
                Some(_) => id,
                None => target,
            };
            checks.pattern = patterns.index(pattern, owner)?;
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
            &target.with_member(&m.name),
            Some(&m.traits),
            &m.target,
            patterns,
            seen,
        )?)),
        ShapeKind::Map { key, value } => Nested::Entries {
            key: Box::new(of_value(
                model,
                &target.with_member(&key.name),
                Some(&key.traits),
                &key.target,
                patterns,
                seen,
            )?),
            value: Box::new(of_value(
                model,
                &target.with_member(&value.name),
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
        let a = ShapeId::new("ns", "A");
        assert_eq!(patterns.index("^[0-9]+$", &a), Ok(Some(0)));
        assert_eq!(patterns.index("^[a-z]$", &a), Ok(Some(1)));
        assert_eq!(patterns.index("^[0-9]+$", &a), Ok(Some(0)));
        let bad = patterns.index("(unclosed", &a).unwrap_err();
        assert!(bad.contains("(unclosed"), "{bad}");
        assert_eq!(patterns.warning(), None);
    }

    #[test]
    fn unchecked_patterns_are_listed_once_with_their_members() {
        let mut patterns = Patterns::default();
        let member = ShapeId::new("ns", "S").with_member("name");
        let shape = ShapeId::new("ns", "Name");
        // Java-only (possessive) and not exactly checkable: `a` may follow the run.
        let pattern = "^[a-z]*+a$";
        assert_eq!(patterns.index(pattern, &member), Ok(None));
        assert_eq!(patterns.index(pattern, &shape), Ok(None));
        // Java-only and exact: compiled.
        assert_eq!(patterns.index("^(?i)[a-z]+$", &shape), Ok(Some(0)));
        let warning = patterns.warning().unwrap();
        assert!(
            warning.contains("ns#Name, ns#S$name (`^[a-z]*+a$`: a possessive"),
            "{warning}"
        );
        assert_eq!(warning.matches("ns#S$name").count(), 1, "{warning}");
    }

    /// Compiled ahead, on another thread: the same indices and errors as compiled when
    /// reached, whichever thread compiles each, and an invalid pattern that no planned value
    /// carries is no error.
    #[test]
    fn patterns_compiled_ahead_are_taken_as_planning_reaches_them() {
        let model = serde_json::json!({"smithy": "2.0", "shapes": {
            "ns#S": {"type": "service", "version": "1"},
            "ns#Digits": {"type": "string", "traits": {"smithy.api#pattern": "^[0-9]+$"}},
            "ns#Unused": {"type": "string", "traits": {"smithy.api#pattern": "(unclosed"}},
            "ns#T": {"type": "structure", "members": {
                "a": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": "^[a-z]$"}},
                "b": {"target": "ns#Digits"}}}
        }});
        let loaded = crate::load::load_str(&model.to_string(), std::path::Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let a = ShapeId::new("ns", "A");
        let mut lazily = Patterns::default();
        lazily.index("^[a-z]$", &a).unwrap();
        lazily.index("^[0-9]+$", &a).unwrap();
        let lazy_error = lazily.index("(unclosed", &a).unwrap_err();
        // Asked at once, the other thread has barely started; after a wait, it has compiled
        // them all: both orders of events give the same answers.
        for wait in [false, true] {
            let mut patterns = Patterns::compiled_ahead_on(&resolved, 2);
            let ahead = &patterns.ahead.as_ref().expect("a thread was started").0;
            let sources: Vec<&str> = ahead.slots.iter().map(|s| s.source.as_str()).collect();
            assert_eq!(sources, ["(unclosed", "^[0-9]+$", "^[a-z]$"]);
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while wait && ahead.slots.iter().any(|s| s.done.get().is_none()) {
                assert!(
                    std::time::Instant::now() < deadline,
                    "the other thread compiles"
                );
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            assert_eq!(patterns.index("^[a-z]$", &a), Ok(Some(0)));
            assert_eq!(patterns.index("^[0-9]+$", &a), Ok(Some(1)));
            assert_eq!(patterns.index("^[a-z]$", &a), Ok(Some(0)));
            assert_eq!(patterns.list, lazily.list);
            assert_eq!(patterns.index("(unclosed", &a).unwrap_err(), lazy_error);
            // Reached again, an invalid pattern is compiled again, never waited for.
            assert_eq!(patterns.index("(unclosed", &a).unwrap_err(), lazy_error);
            assert_eq!(
                patterns.index("^[A-Z]$", &a),
                Ok(Some(2)),
                "not in the model"
            );
        }
        // Not carried by any planned value: planning never asks, so nothing is reported.
        let plan = crate::plan::plan(&resolved);
        assert!(plan.is_ok(), "{:?}", plan.err().map(|d| d.to_string()));
    }

    /// Planning over, the other thread compiles no further pattern.
    #[test]
    fn the_other_thread_stops_when_planning_drops_the_patterns() {
        let shapes: serde_json::Map<String, serde_json::Value> = (0..400)
            .map(|i| {
                let pattern = format!("^[a-z]{{{i}}}x(ab|cd)*$");
                let shape = serde_json::json!({"type": "string", "traits": {"smithy.api#pattern": pattern}});
                (format!("ns#P{i}"), shape)
            })
            .chain([("ns#S".to_owned(), serde_json::json!({"type": "service", "version": "1"}))])
            .collect();
        let model = serde_json::json!({"smithy": "2.0", "shapes": shapes});
        let loaded = crate::load::load_str(&model.to_string(), std::path::Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let one_core = Patterns::compiled_ahead_on(&resolved, 1);
        assert!(one_core.ahead.is_none(), "no thread on one core");
        let patterns = Patterns::compiled_ahead_on(&resolved, 2);
        let ahead = Arc::clone(&patterns.ahead.as_ref().expect("a thread was started").0);
        drop(patterns);
        assert!(ahead.stop.load(Ordering::Relaxed));
        // At most the pattern under way when it was told is finished after that.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let done = || {
            ahead
                .slots
                .iter()
                .filter(|s| s.done.get().is_some())
                .count()
        };
        let mut last = done();
        loop {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let now = done();
            if now == last || std::time::Instant::now() > deadline {
                break;
            }
            last = now;
        }
        assert!(
            done() < 400,
            "compiled {} of 400 after being told to stop",
            done()
        );
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
