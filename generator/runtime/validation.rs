//! Constraint checks of the model (`required`, `length`, `range`, `pattern`, `uniqueItems`):
//! every violation is collected, each with its path in wire names and the limit broken.
//! Values never appear in the messages, so `@sensitive` data cannot leak through them.

use std::collections::HashMap;
use std::fmt;
use std::ops::{RangeFrom, RangeFull, RangeInclusive, RangeToInclusive};

/// Where a value sits in the input, built on the stack as validation descends, and only
/// rendered when something is wrong.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    Root,
    Member(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    pub fn member(&'a self, name: &'static str) -> Path<'a> {
        Path::Member(self, name)
    }

    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
        }
    }
}

/// The rule a value broke, with its limits.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    Required,
    /// Length in Unicode scalar values (strings), entries (lists, maps) or bytes (blobs).
    Length {
        min: Option<u64>,
        max: Option<u64>,
    },
    Range {
        min: Option<f64>,
        max: Option<f64>,
    },
    Pattern(&'static str),
    UniqueItems,
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The path in wire names, e.g. `setupFinalization.phoneNumbers[0].twoFactorPin`.
    pub path: String,
    pub rule: Rule,
}

fn bounds<T: fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_owned(),
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Rule::Required => write!(f, "{}: is required", self.path),
            Rule::Length { min, max } => {
                write!(f, "{}: length must be {}", self.path, bounds(min, max))
            }
            Rule::Range { min, max } => write!(f, "{}: must be {}", self.path, bounds(min, max)),
            Rule::Pattern(pattern) => write!(f, "{}: must match the pattern {pattern}", self.path),
            Rule::UniqueItems => write!(f, "{}: items must be unique", self.path),
        }
    }
}

/// A value whose constraints can be checked: every structure and union of the crate. Each
/// has an inherent `validate()` that calls [`validate`].
pub trait Validate {
    /// Adds the violations in this value, below `path`, to `errors`. Values without
    /// constraints keep this default, which finds none.
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        let _ = (path, errors);
    }
}

/// A recursive member is boxed: its checks are those of the value inside.
impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_into(path, errors);
    }
}

/// An optional member: the checks of its value, when set.
impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_into(path, errors);
        }
    }
}

/// A list: the checks of each item, at its index.
impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (index, value) in self.iter().enumerate() {
            value.validate_into(&path.index(index), errors);
        }
    }
}

/// A `@pattern`: its matcher (`validation::pattern_N`) and its text, for the message.
#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    pub source: &'static str,
    pub matches: fn(&str) -> bool,
}

/// Checks every constraint the model puts on `value` and the values in it, returning every
/// violation with its path.
///
/// Not generic: one copy serves every type (it runs once per call, never in a loop).
pub fn validate(value: &dyn Validate) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    value.validate_into(&Path::Root, &mut errors);
    errors.into_result()
}

/// Every violation found in one value; `Display` lists them one per line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    pub fn new() -> Self {
        ValidationErrors::default()
    }

    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// `Ok` when nothing was found.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    pub fn push(&mut self, path: &Path<'_>, rule: Rule) {
        self.violations.push(Violation {
            path: path.to_string(),
            rule,
        });
    }

    /// The checks of member `name` of the structure at `parent`, whose value is `value`
    /// (an optional member's `Option`: the checks of one that is not set find nothing).
    pub fn member<'p, 'v, V: ?Sized>(
        &mut self,
        parent: &'p Path<'p>,
        name: &'static str,
        value: &'v V,
    ) -> Check<'_, 'p, 'v, V> {
        Check {
            errors: self,
            path: parent.member(name),
            value,
        }
    }

    /// [`member`](Self::member) of a required member that the type leaves optional
    /// (`@input`, `@clientOptional`): one that is not set is a violation.
    pub fn required<'p, 'v, T>(
        &mut self,
        parent: &'p Path<'p>,
        name: &'static str,
        value: &'v Option<T>,
    ) -> Check<'_, 'p, 'v, Option<T>> {
        let check = self.member(parent, name, value);
        if value.is_none() {
            check.errors.push(&check.path, Rule::Required);
        }
        check
    }

    /// The checks of the value at `path`: an item of a list, a key or value of a map.
    pub fn check<'p, 'v, V: ?Sized>(
        &mut self,
        path: &Path<'p>,
        value: &'v V,
    ) -> Check<'_, 'p, 'v, V> {
        Check {
            errors: self,
            path: *path,
            value,
        }
    }

    /// The checks of a structure or union, or of those in an optional value or a list.
    pub fn nested<T: Validate + ?Sized>(&mut self, path: &Path<'_>, value: &T) {
        value.validate_into(path, self);
    }
}

/// The checks of one value at one path, each adding what it finds to the errors and returning
/// the checker for the next: `errors.member(path, "name", &self.name).length(1..=64)`.
pub struct Check<'e, 'p, 'v, V: ?Sized> {
    errors: &'e mut ValidationErrors,
    path: Path<'p>,
    value: &'v V,
}

impl<V: ?Sized> Check<'_, '_, '_, V> {
    /// `@length`: characters of text (Unicode scalar values), items of a list, entries of a
    /// map, bytes of a blob.
    pub fn length(self, bounds: impl Bounds<u64>) -> Self
    where
        V: Length,
    {
        let (min, max) = bounds.bounds();
        if !self.value.length_within(min, max) {
            self.errors.push(&self.path, Rule::Length { min, max });
        }
        self
    }

    /// `@range`, with bounds of the number's [`Number::Bound`] type.
    pub fn range(self, bounds: impl Bounds<V::Bound>) -> Self
    where
        V: Number,
    {
        let (min, max) = bounds.bounds();
        if !self.value.within(min, max) {
            let (min, max) = (min.and_then(V::approx), max.and_then(V::approx));
            self.errors.push(&self.path, Rule::Range { min, max });
        }
        self
    }

    /// `@pattern`, with the matcher and text of a `validation::PATTERN_N`.
    pub fn matches(self, pattern: &Pattern) -> Self
    where
        V: Text,
    {
        if self
            .value
            .text()
            .is_some_and(|text| !(pattern.matches)(text))
        {
            self.errors.push(&self.path, Rule::Pattern(pattern.source));
        }
        self
    }

    /// `@uniqueItems`.
    pub fn unique(self) -> Self
    where
        V: Unique,
    {
        if !self.value.all_unique() {
            self.errors.push(&self.path, Rule::UniqueItems);
        }
        self
    }

    /// The checks of the structures and unions in the value.
    pub fn nested(self) -> Self
    where
        V: Validate,
    {
        self.value.validate_into(&self.path, self.errors);
        self
    }
}

/// The bounds of a `@length` or `@range`, both inclusive, written as a range: `1..=64`, `1..`,
/// `..=64` or `..`.
pub trait Bounds<B> {
    /// The lower and the upper bound.
    fn bounds(self) -> (Option<B>, Option<B>);
}

impl<B> Bounds<B> for RangeInclusive<B> {
    fn bounds(self) -> (Option<B>, Option<B>) {
        let (min, max) = self.into_inner();
        (Some(min), Some(max))
    }
}

impl<B> Bounds<B> for RangeFrom<B> {
    fn bounds(self) -> (Option<B>, Option<B>) {
        (Some(self.start), None)
    }
}

impl<B> Bounds<B> for RangeToInclusive<B> {
    fn bounds(self) -> (Option<B>, Option<B>) {
        (None, Some(self.end))
    }
}

impl<B> Bounds<B> for RangeFull {
    fn bounds(self) -> (Option<B>, Option<B>) {
        (None, None)
    }
}

fn count_within(count: usize, min: Option<u64>, max: Option<u64>) -> bool {
    let count = count as u64;
    min.is_none_or(|min| count >= min) && max.is_none_or(|max| count <= max)
}

/// What `@length` measures. A value that is not set (`None`) passes.
pub trait Length {
    /// Whether the length lies within the inclusive bounds.
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool;
}

/// Text counts characters (Unicode scalar values). A character takes 1 to 4 bytes, so the
/// byte length bounds the count, and the count is only made when those bounds cannot decide.
impl Length for str {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        let bytes = self.len() as u64;
        let short_enough = max.is_none_or(|max| bytes <= max);
        let long_enough = min.is_none_or(|min| bytes.div_ceil(4) >= min);
        (short_enough && long_enough) || count_within(self.chars().count(), min, max)
    }
}

impl Length for String {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        self.as_str().length_within(min, max)
    }
}

impl<T> Length for Vec<T> {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        count_within(self.len(), min, max)
    }
}

impl<T> Length for [T] {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        count_within(self.len(), min, max)
    }
}

impl<K, V, S> Length for HashMap<K, V, S> {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        count_within(self.len(), min, max)
    }
}

impl<T: Length + ?Sized> Length for &T {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        (**self).length_within(min, max)
    }
}

impl<T: Length + ?Sized> Length for Box<T> {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        (**self).length_within(min, max)
    }
}

impl<T: Length> Length for Option<T> {
    fn length_within(&self, min: Option<u64>, max: Option<u64>) -> bool {
        self.as_ref()
            .is_none_or(|value| value.length_within(min, max))
    }
}

/// A number that `@range` bounds. A value that is not set (`None`) passes.
pub trait Number {
    /// The type of the bounds: `i128` for integers and `f64` for floats, both compared
    /// exactly with the value; the text as written for big numbers.
    type Bound: Copy;
    /// Whether the number lies within the inclusive bounds; `NaN` lies within none.
    fn within(&self, min: Option<Self::Bound>, max: Option<Self::Bound>) -> bool;
    /// The bound as the message shows it.
    fn approx(bound: Self::Bound) -> Option<f64>;
}

macro_rules! integer {
    ($($type:ty),*) => {$(
        impl Number for $type {
            type Bound = i128;
            fn within(&self, min: Option<i128>, max: Option<i128>) -> bool {
                let value = i128::from(*self);
                min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max)
            }
            fn approx(bound: i128) -> Option<f64> {
                Some(bound as f64)
            }
        }
    )*};
}

integer!(i8, i16, i32, i64);

impl Number for f64 {
    type Bound = f64;
    fn within(&self, min: Option<f64>, max: Option<f64>) -> bool {
        !self.is_nan() && min.is_none_or(|min| *self >= min) && max.is_none_or(|max| *self <= max)
    }
    fn approx(bound: f64) -> Option<f64> {
        Some(bound)
    }
}

impl Number for f32 {
    type Bound = f64;
    fn within(&self, min: Option<f64>, max: Option<f64>) -> bool {
        f64::from(*self).within(min, max)
    }
    fn approx(bound: f64) -> Option<f64> {
        Some(bound)
    }
}

impl<T: Number> Number for Option<T> {
    type Bound = T::Bound;
    fn within(&self, min: Option<T::Bound>, max: Option<T::Bound>) -> bool {
        self.as_ref().is_none_or(|value| value.within(min, max))
    }
    fn approx(bound: T::Bound) -> Option<f64> {
        T::approx(bound)
    }
}

/// What `@pattern` matches: text. A value that is not set (`None`) passes.
pub trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for str {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: Text + ?Sized> Text for &T {
    fn text(&self) -> Option<&str> {
        (**self).text()
    }
}

impl<T: Text> Text for Option<T> {
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Text::text)
    }
}

/// A list that `@uniqueItems` constrains. A value that is not set (`None`) passes.
pub trait Unique {
    fn all_unique(&self) -> bool;
}

impl<T: PartialEq> Unique for Vec<T> {
    fn all_unique(&self) -> bool {
        !self
            .iter()
            .enumerate()
            .any(|(i, item)| self[..i].contains(item))
    }
}

impl<T: Unique + ?Sized> Unique for Box<T> {
    fn all_unique(&self) -> bool {
        (**self).all_unique()
    }
}

impl<T: Unique> Unique for Option<T> {
    fn all_unique(&self) -> bool {
        self.as_ref().is_none_or(Unique::all_unique)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(
            f,
            "{count} invalid value{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for violation in &self.violations {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// A structure's `Validate` impl where each member's checks are one chain on the member
/// itself: given the type, then per member `member("name", field)` (checked when set) or
/// `required("name", field)` (a violation when not set, then checked), each followed by its
/// checks as [`Check`] calls: `required("id", id).length(1..=64).matches(&PATTERN_0)`.
#[allow(unused_macros)]
macro_rules! checks {
    ($type:ty $(, $how:ident($name:literal, $field:ident) $(.$check:ident($($arg:tt)*))*)* $(,)?) => {
        impl crate::validation::Validate for $type {
            fn validate_into(
                &self,
                path: &crate::validation::Path<'_>,
                errors: &mut crate::validation::ValidationErrors,
            ) {
                $(errors.$how(path, $name, &self.$field)$(.$check($($arg)*))*;)*
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use checks;
