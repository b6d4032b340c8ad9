//! Template strings: `{Name}` reads a parameter or assigned name, `{Name#path}` reads an
//! attribute of it (a `getAttr` path); `{{` and `}}` are literal braces.

use super::functions::{parse_path, PathSegment};

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Ref(String),
    Attr(String, Vec<PathSegment>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<Part>,
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => return Err(format!("unclosed `{{` in template `{text}`")),
                        }
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(match inner.split_once('#') {
                        Some((name, path)) => Part::Attr(
                            name.to_owned(),
                            parse_path(path).map_err(|e| format!("in template `{text}`: {e}"))?,
                        ),
                        None if inner.is_empty() => {
                            return Err(format!("empty `{{}}` in template `{text}`"))
                        }
                        None => Part::Ref(inner),
                    });
                }
                '}' => return Err(format!("unmatched `}}` in template `{text}`")),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() || parts.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template { parts })
    }

    /// A template with no `{..}` is a plain string.
    pub fn as_literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Text(text)] => Some(text),
            _ => None,
        }
    }
}
