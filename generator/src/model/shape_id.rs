//! Smithy shape IDs: `namespace#Name` with an optional `$member`.

use std::fmt;

/// An absolute shape ID such as `com.example#Shape` or `com.example#Shape$member`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

/// Why a string is not a valid absolute shape ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeIdError {
    pub text: String,
    pub reason: &'static str,
}

impl fmt::Display for ShapeIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid shape ID `{}`: {}", self.text, self.reason)
    }
}

impl ShapeId {
    /// Parses an absolute shape ID, checking the grammar of the Smithy specification.
    pub fn parse(text: &str) -> Result<Self, ShapeIdError> {
        let err = |reason| ShapeIdError {
            text: text.to_owned(),
            reason,
        };
        let (namespace, rest) = text
            .split_once('#')
            .ok_or_else(|| err("expected `namespace#Name`"))?;
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(err("the namespace must be dot-separated identifiers"));
        }
        if !is_identifier(name) {
            return Err(err("the shape name must be an identifier"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(err("the member name must be an identifier"));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// Builds a shape ID from parts already known to be valid identifiers.
    pub fn new(namespace: &str, name: &str) -> Self {
        ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: None,
        }
    }

    /// Whether this is the ID `text` spells (`ns#Name` or `ns#Name$member`), without parsing
    /// it: trait lookups by a constant ID are frequent enough for parsing to show.
    pub fn is(&self, text: &str) -> bool {
        let Some(rest) = text
            .strip_prefix(self.namespace.as_str())
            .and_then(|rest| rest.strip_prefix('#'))
            .and_then(|rest| rest.strip_prefix(self.name.as_str()))
        else {
            return false;
        };
        match &self.member {
            None => rest.is_empty(),
            Some(member) => rest.strip_prefix('$') == Some(member.as_str()),
        }
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The ID of a member of this shape.
    pub fn with_member(&self, member: &str) -> Self {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.to_owned()),
        }
    }

    /// The ID of the shape itself, without any member part.
    pub fn root(&self) -> Self {
        ShapeId::new(&self.namespace, &self.name)
    }

    /// `namespace#Name` of the same namespace with another name.
    pub fn sibling(&self, name: &str) -> Self {
        ShapeId::new(&self.namespace, name)
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

/// Smithy identifier: `(ALPHA / "_") *(ALPHA / DIGIT / "_")`, with at least one non-underscore.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text.chars().any(|c| c != '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_with_the_text_it_spells() {
        let member = ShapeId::parse("com.example#Shape$member").unwrap();
        assert!(member.is("com.example#Shape$member"));
        for other in [
            "com.example#Shape",
            "com.example#Shape$membe",
            "com.example#Shape$members",
            "com.example#Shapemember",
            "com.exampl#Shape$member",
            "com.example.x#Shape$member",
            "",
        ] {
            assert!(!member.is(other), "{other}");
        }
        let shape = member.root();
        assert!(shape.is("com.example#Shape"));
        assert!(!shape.is("com.example#Shape$member") && !shape.is("com.example#Shapes"));
    }

    #[test]
    fn parses_shape_and_member_ids() {
        let id = ShapeId::parse("com.example#Shape$member").unwrap();
        assert_eq!(id.namespace(), "com.example");
        assert_eq!(id.name(), "Shape");
        assert_eq!(id.member(), Some("member"));
        assert_eq!(id.to_string(), "com.example#Shape$member");
        assert_eq!(id.root().to_string(), "com.example#Shape");
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "Shape",
            "#Shape",
            "com.example#",
            "com..example#Shape",
            "com.example#1Shape",
            "com.example#Sha-pe",
            "com.example#Shape$",
            "com.example#__",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn identifiers_follow_the_grammar() {
        assert!(is_identifier("_private"));
        assert!(is_identifier("a1_b"));
        assert!(!is_identifier("_"));
        assert!(!is_identifier("9a"));
        assert!(!is_identifier(""));
    }
}
