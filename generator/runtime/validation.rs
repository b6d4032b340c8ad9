//! Constraint checks of the model (`required`, `length`, `range`, `pattern`, `uniqueItems`):
//! every violation is collected, each with its path in wire names and the limit broken.
//! Values never appear in the messages, so `@sensitive` data cannot leak through them.

use std::fmt;

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
    Length { min: Option<u64>, max: Option<u64> },
    Range { min: Option<f64>, max: Option<f64> },
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
            Rule::Length { min, max } => write!(f, "{}: length must be {}", self.path, bounds(min, max)),
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

    pub fn required(&mut self, path: &Path<'_>) {
        self.push(path, Rule::Required);
    }

    /// The value of a required member, or `None` with the member recorded as missing.
    pub fn require<'v, T>(&mut self, path: &Path<'_>, value: &'v Option<T>) -> Option<&'v T> {
        if value.is_none() {
            self.required(path);
        }
        value.as_ref()
    }

    pub fn length(&mut self, path: &Path<'_>, length: usize, min: Option<u64>, max: Option<u64>) {
        let length = length as u64;
        if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
            self.push(path, Rule::Length { min, max });
        }
    }

    /// [`length`](Self::length) of text, which counts characters (Unicode scalar values).
    /// A character takes 1 to 4 bytes, so the byte length bounds the count, and the count
    /// is only made when those bounds cannot decide.
    pub fn text_length(&mut self, path: &Path<'_>, value: &str, min: Option<u64>, max: Option<u64>) {
        let bytes = value.len() as u64;
        let short_enough = max.is_none_or(|max| bytes <= max);
        let long_enough = min.is_none_or(|min| bytes.div_ceil(4) >= min);
        if !(short_enough && long_enough) {
            self.length(path, value.chars().count(), min, max);
        }
    }

    pub fn range(&mut self, path: &Path<'_>, value: f64, min: Option<f64>, max: Option<f64>) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) || value.is_nan() {
            self.push(path, Rule::Range { min, max });
        }
    }

    /// Integers compare exactly, whatever their size.
    pub fn range_int(&mut self, path: &Path<'_>, value: i128, min: Option<i128>, max: Option<i128>) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
            self.push(
                path,
                Rule::Range {
                    min: min.map(|v| v as f64),
                    max: max.map(|v| v as f64),
                },
            );
        }
    }

    /// `matched`: whether the value matched `pattern` (`validation::pattern_N`).
    pub fn pattern(&mut self, path: &Path<'_>, matched: bool, pattern: &'static str) {
        if !matched {
            self.push(path, Rule::Pattern(pattern));
        }
    }

    /// [`pattern`](Self::pattern) with the matcher and text of a `validation::PATTERN_N`.
    pub fn matches(&mut self, path: &Path<'_>, value: &str, pattern: &Pattern) {
        self.pattern(path, (pattern.matches)(value), pattern.source);
    }

    /// The checks of a structure or union, or of those in an optional value or a list.
    pub fn nested<T: Validate + ?Sized>(&mut self, path: &Path<'_>, value: &T) {
        value.validate_into(path, self);
    }

    pub fn unique<T: PartialEq>(&mut self, path: &Path<'_>, items: &[T]) {
        let duplicate = items
            .iter()
            .enumerate()
            .any(|(i, item)| items[..i].contains(item));
        if duplicate {
            self.push(path, Rule::UniqueItems);
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(f, "{count} invalid value{}:", if count == 1 { "" } else { "s" })?;
        for violation in &self.violations {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
