//! Every problem of an input read from JSON at once: missing required members, wrong JSON
//! types and unknown members at any depth, then the constraint violations `validate()` finds.
//! Plain serde (`serde_json::from_slice`) stops at the first problem and ignores unknown
//! members; the operation inputs' `from_json` / `from_json_value` use this module instead.
//!
//! The walk is driven by small static tables ([`Shape`], one per structure, union and enum
//! an input reaches, in the `shapes` module), so the generated code stays small. Messages follow the AWS CLI's
//! ("Missing required parameter in ...") and never show a `@sensitive` value.

use std::fmt;

use serde_json::Value;

use crate::validation::{Rule, ValidationErrors, Violation};

/// The JSON form of a value, as far as checking a document needs it.
#[derive(Debug)]
pub enum Shape {
    /// Text: strings and string enums (enums stay open, so any text is accepted).
    String,
    Boolean,
    /// An integer between the limits of its Rust type (intEnums too).
    Integer {
        min: i64,
        max: i64,
    },
    /// A JSON number (big numbers keep every digit).
    Number,
    /// A JSON number, or text for the values JSON has no number for (`"NaN"`, `"Infinity"`).
    Float,
    /// A number (epoch seconds) or text (date-time, http-date), as `@timestampFormat` says.
    Timestamp,
    /// Base64 text.
    Blob,
    /// Any JSON value.
    Document,
    /// A list; `sparse` lists may hold `null`.
    List {
        member: &'static Shape,
        sparse: bool,
    },
    /// A map with text keys; `sparse` maps may hold `null`.
    Map {
        value: &'static Shape,
        sparse: bool,
    },
    Structure(&'static [Member]),
    /// A union: exactly one member set.
    Union(&'static [Member]),
}

/// What the generated tables are written with, so that each entry takes a line.
impl Shape {
    /// The integers of Rust's integer types.
    pub const I8: Shape = Shape::Integer {
        min: i8::MIN as i64,
        max: i8::MAX as i64,
    };
    pub const I16: Shape = Shape::Integer {
        min: i16::MIN as i64,
        max: i16::MAX as i64,
    };
    pub const I32: Shape = Shape::Integer {
        min: i32::MIN as i64,
        max: i32::MAX as i64,
    };
    pub const I64: Shape = Shape::Integer {
        min: i64::MIN,
        max: i64::MAX,
    };

    /// A list of `member` values, `null` refused.
    pub const fn list(member: &'static Shape) -> Shape {
        Shape::List {
            member,
            sparse: false,
        }
    }

    /// A `@sparse` list of `member` values.
    pub const fn sparse_list(member: &'static Shape) -> Shape {
        Shape::List {
            member,
            sparse: true,
        }
    }

    /// A map to `value` values, `null` refused.
    pub const fn map(value: &'static Shape) -> Shape {
        Shape::Map {
            value,
            sparse: false,
        }
    }

    /// A `@sparse` map to `value` values.
    pub const fn sparse_map(value: &'static Shape) -> Shape {
        Shape::Map {
            value,
            sparse: true,
        }
    }
}

impl Member {
    /// A member that may be left out.
    pub const fn optional(name: &'static str, shape: &'static Shape) -> Member {
        Member {
            name,
            shape,
            required: false,
            sensitive: false,
        }
    }

    /// A member that must be given.
    pub const fn required(name: &'static str, shape: &'static Shape) -> Member {
        Member {
            required: true,
            ..Member::optional(name, shape)
        }
    }

    /// The same member, its value never shown.
    pub const fn sensitive(self) -> Member {
        Member {
            sensitive: true,
            ..self
        }
    }
}

/// A member of a structure or union.
#[derive(Debug)]
pub struct Member {
    /// The wire name (`jsonName`, else the member name).
    pub name: &'static str,
    pub shape: &'static Shape,
    /// `@required` without a default (and not an idempotency token the client fills in).
    pub required: bool,
    /// The member or its target is `@sensitive`: its value is never shown.
    pub sensitive: bool,
}

/// One problem of a document, with its path in wire names (`a.b[0].c`; empty for the document).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A required member is absent (or `null`).
    Missing {
        parent: String,
        member: &'static str,
    },
    /// A value of the wrong JSON type, or an integer outside its type's range. `value` is the
    /// JSON text of the value (shortened), `None` when the value is sensitive.
    WrongType {
        path: String,
        value: Option<String>,
        found: &'static str,
        expected: String,
    },
    /// A member the structure or union does not have.
    Unknown {
        parent: String,
        member: String,
        valid: Vec<&'static str>,
    },
    /// A union with no member set, or more than one.
    UnionMembers {
        path: String,
        valid: Vec<&'static str>,
    },
    /// A value of the right JSON type that still cannot be read (bad base64 or timestamp
    /// text, for instance); the message names no value.
    Unreadable { path: String, message: String },
    /// A constraint violation from `validate()`.
    Constraint(Violation),
    /// The bytes are not JSON (`from_json` only); serde_json's message names a position, not a value.
    NotJson(String),
}

fn place(path: &str) -> &str {
    if path.is_empty() {
        "input"
    } else {
        path
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing { parent, member } => {
                write!(f, "Missing required parameter in {}: \"{member}\"", place(parent))
            }
            Problem::WrongType {
                path,
                value,
                found,
                expected,
            } => write!(
                f,
                "Invalid type for parameter {}, value: {}, type: {found}, valid types: {expected}",
                place(path),
                value.as_deref().unwrap_or("<sensitive>")
            ),
            Problem::Unknown {
                parent,
                member,
                valid,
            } => write!(
                f,
                "Unknown parameter in {}: \"{member}\", must be one of: {}",
                place(parent),
                valid.join(", ")
            ),
            Problem::UnionMembers { path, valid } => write!(
                f,
                "Invalid number of parameters set for tagged union structure {}. Can only set one of the following keys: {}.",
                place(path),
                valid.join(", ")
            ),
            Problem::Unreadable { path, message } => {
                write!(f, "Invalid value for parameter {}: {message}", place(path))
            }
            Problem::Constraint(violation) => {
                write!(f, "Invalid value for parameter {violation}")
            }
            Problem::NotJson(message) => write!(f, "Invalid JSON received: {message}"),
        }
    }
}

/// Every problem of one document, in document order: structural problems first, then
/// constraint violations. `Display` writes the AWS CLI's heading and one problem per line.
#[derive(Clone, Debug, PartialEq)]
pub struct Problems {
    problems: Vec<Problem>,
}

impl Problems {
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub(crate) fn not_json(error: serde_json::Error) -> Problems {
        Problems {
            problems: vec![Problem::NotJson(error.to_string())],
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Parameter validation failed:")?;
        for problem in &self.problems {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Reads `T` from `value` after checking it against `shape`; every problem at once.
/// `validate` is `T::validate`.
pub fn read<T: serde::de::DeserializeOwned>(
    value: &Value,
    shape: &'static Shape,
    validate: fn(&T) -> Result<(), ValidationErrors>,
) -> Result<T, Problems> {
    let (text, mut problems) = readable_text(value, shape);
    // Only the reading and validating is per type; what is done with the outcome is not.
    match crate::wire::read_json::<T>(&text) {
        Ok(read) => {
            let violations = validate(&read).err();
            add_violations(&mut problems, violations);
            if problems.is_empty() {
                return Ok(read);
            }
        }
        Err((path, error)) => add_unreadable(&mut problems, path, &error),
    }
    Err(Problems { problems })
}

/// `value` with what cannot be read dropped, as JSON text, with the problems found on the
/// way: members that are unknown or of the wrong type are dropped from the copy, so the
/// constraints of the rest can still be checked when nothing else stands in the way.
fn readable_text(value: &Value, shape: &'static Shape) -> (Vec<u8>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut readable = value.clone();
    check(&mut readable, shape, false, "", &mut problems);
    // Read as text, the way responses are read, which names the member path of a problem.
    (serde_json::to_vec(&readable).unwrap_or_default(), problems)
}

fn add_violations(problems: &mut Vec<Problem>, errors: Option<ValidationErrors>) {
    if let Some(errors) = errors {
        // Missing members are reported by `check`, as the document's own problems.
        problems.extend(
            errors
                .violations()
                .iter()
                .filter(|v| v.rule != Rule::Required)
                .cloned()
                .map(Problem::Constraint),
        );
    }
}

fn add_unreadable(problems: &mut Vec<Problem>, path: String, error: &serde_json::Error) {
    // With structural problems the copy may not read; they say enough.
    if !problems.is_empty() {
        return;
    }
    // The position is in that text, not in the caller's document.
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = error.to_string();
    let message = message.strip_suffix(&position).unwrap_or(&message);
    problems.push(Problem::Unreadable {
        path,
        message: crate::wire::redact_values(message),
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The JSON text of a value for a message, shortened; `None` when it is sensitive.
fn shown(value: &Value, sensitive: bool) -> Option<String> {
    if sensitive {
        return None;
    }
    const MAX: usize = 60;
    let text = value.to_string();
    Some(match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text,
    })
}

/// The expected JSON type when `value` does not fit `shape`, else `None`.
fn mismatch(value: &Value, shape: &Shape) -> Option<String> {
    let fits = match shape {
        Shape::String | Shape::Blob => value.is_string(),
        Shape::Boolean => value.is_boolean(),
        Shape::Integer { min, max } => {
            let fits = match value {
                Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                    (Some(i), _) => (*min..=*max).contains(&i),
                    // Beyond i64: fits only a type whose maximum is beyond i64 (none).
                    (None, Some(_)) => false,
                    (None, None) => false,
                },
                _ => false,
            };
            if !fits && matches!(value, Value::Number(_)) {
                return Some(format!("integer between {min} and {max}"));
            }
            fits
        }
        Shape::Number => value.is_number(),
        Shape::Float => value.is_number() || value.is_string(),
        Shape::Timestamp => value.is_number() || value.is_string(),
        Shape::Document => true,
        Shape::List { .. } => value.is_array(),
        Shape::Map { .. } | Shape::Structure(_) | Shape::Union(_) => value.is_object(),
    };
    if fits {
        return None;
    }
    Some(
        match shape {
            Shape::String => "string",
            Shape::Blob => "string (base64)",
            Shape::Boolean => "boolean",
            Shape::Integer { .. } => "integer",
            Shape::Number => "number",
            Shape::Float => "number, string",
            Shape::Timestamp => "number, string",
            Shape::Document => "any",
            Shape::List { .. } => "array",
            Shape::Map { .. } | Shape::Structure(_) | Shape::Union(_) => "object",
        }
        .to_owned(),
    )
}

fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Checks `value` against `shape`, pushing every problem in the AWS CLI's order (missing
/// members, unknown members, then each member's value); values that are unknown or of the
/// wrong type are removed from (or, in lists and maps, nulled in) `value`.
/// Returns false when `value` itself is of the wrong type.
fn check(
    value: &mut Value,
    shape: &'static Shape,
    sensitive: bool,
    path: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    if let Some(expected) = mismatch(value, shape) {
        problems.push(Problem::WrongType {
            path: path.to_owned(),
            value: shown(value, sensitive),
            found: kind(value),
            expected,
        });
        return false;
    }
    match (shape, value) {
        (Shape::List { member, sparse }, Value::Array(items)) => {
            for (index, item) in items.iter_mut().enumerate() {
                if item.is_null() && *sparse {
                    continue;
                }
                if !check(
                    item,
                    member,
                    sensitive,
                    &format!("{path}[{index}]"),
                    problems,
                ) {
                    *item = Value::Null;
                }
            }
        }
        (Shape::Map { value: of, sparse }, Value::Object(entries)) => {
            for (key, entry) in entries.iter_mut() {
                if entry.is_null() && *sparse {
                    continue;
                }
                // The keys of a sensitive map are part of its value.
                let key = if sensitive {
                    "<sensitive>"
                } else {
                    key.as_str()
                };
                if !check(entry, of, sensitive, &child(path, key), problems) {
                    *entry = Value::Null;
                }
            }
        }
        (Shape::Structure(members), Value::Object(object))
        | (Shape::Union(members), Value::Object(object)) => {
            let present = |object: &serde_json::Map<String, Value>, name: &str| {
                object.get(name).is_some_and(|v| !v.is_null())
            };
            for member in members.iter() {
                if member.required && !present(object, member.name) {
                    problems.push(Problem::Missing {
                        parent: path.to_owned(),
                        member: member.name,
                    });
                }
            }
            let valid = || members.iter().map(|m| m.name).collect::<Vec<_>>();
            object.retain(|key, _| {
                let known = members.iter().any(|m| m.name == key.as_str());
                if !known {
                    problems.push(Problem::Unknown {
                        parent: path.to_owned(),
                        member: key.clone(),
                        valid: valid(),
                    });
                }
                known
            });
            let mut set = 0;
            for member in members.iter() {
                if !present(object, member.name) {
                    continue;
                }
                set += 1;
                let inner = sensitive || member.sensitive;
                let at = child(path, member.name);
                let fits = match object.get_mut(member.name) {
                    Some(v) => check(v, member.shape, inner, &at, problems),
                    None => true,
                };
                if !fits {
                    object.remove(member.name);
                }
            }
            if matches!(shape, Shape::Union(_)) && set != 1 {
                problems.push(Problem::UnionMembers {
                    path: path.to_owned(),
                    valid: valid(),
                });
            }
        }
        _ => {}
    }
    true
}

/// `from_json` and `from_json_value` of an operation's input: given the input, the
/// operation's name (for the docs) and the name of the input's table in `shapes`.
#[allow(unused_macros)]
macro_rules! from_json_api {
    ($input:ty, $operation:literal, $shape:ident) => {
        impl $input {
            #[doc = concat!(
                " Reads the input of `", $operation, "` from a JSON document and reports **every** \
                problem at once: missing `@required` members, values of the wrong JSON type and \
                unknown members at any depth, then the constraint violations of `validate()`, each \
                with its path in wire names and never a `@sensitive` value. Plain \
                `serde_json::from_slice` stops at the first problem and ignores unknown members."
            )]
            pub fn from_json(
                json: &[u8],
            ) -> ::std::result::Result<Self, crate::json_input::Problems> {
                let value: ::serde_json::Value = ::serde_json::from_slice(json)
                    .map_err(crate::json_input::Problems::not_json)?;
                Self::from_json_value(&value)
            }

            /// [`Self::from_json`] for a document already parsed.
            pub fn from_json_value(
                value: &::serde_json::Value,
            ) -> ::std::result::Result<Self, crate::json_input::Problems> {
                crate::json_input::read(value, &crate::json_input::shapes::$shape, Self::validate)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use from_json_api;
