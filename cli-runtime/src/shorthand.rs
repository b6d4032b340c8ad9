//! The AWS CLI shorthand syntax, parsed with the schema as a guide:
//!
//! ```text
//! members   = member *("," member)            ; a structure, union or map: key=value,...
//! member    = key "=" value
//! value     = "{" [members] "}"               ; structure, union or map
//!           / "[" [value *("," value)] "]"    ; list
//!           / value *("," value)              ; list, until the next `key=`
//!           / token                           ; scalar, coerced by the schema
//! token     = 'single quoted' / "double quoted" / unquoted text up to , } or ]
//! ```
//!
//! Whitespace around separators is ignored. In quoted tokens `\` escapes the quote and `\` itself; in unquoted
//! tokens it escapes any of `, = { } [ ] \ ' "`; before anything else it is kept as it is.
//! At the top level a list of structures takes one structure without braces (`key=a,value=b`), a list of scalars
//! takes `a,b,c`, and structures and maps may leave out their braces.

use serde_json::{Map, Value};

use crate::scalar::coerce;
use crate::schema::{Field, Schema};

/// Deeper nesting than any real model needs; it keeps hostile input from exhausting the stack.
const MAX_DEPTH: usize = 64;

/// Characters an unquoted token may escape with `\`.
const ESCAPABLE: &[char] = &[',', '=', '{', '}', '[', ']', '\\', '\'', '"'];

/// What went wrong and where (a character index into the input, from 0).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ShorthandError {
    pub position: usize,
    pub message: String,
}

impl ShorthandError {
    /// The message, the input and a caret under the place at fault.
    pub fn describe(&self, input: &str) -> String {
        let shown: String = input
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!(
            "{} (at character {}):\n  {}\n  {}^",
            self.message,
            self.position + 1,
            shown,
            " ".repeat(self.position)
        )
    }
}

/// Parses a whole parameter value written in shorthand.
pub(crate) fn parse(input: &str, schema: &'static Schema) -> Result<Value, ShorthandError> {
    let mut parser = Parser {
        chars: input.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let value = parser.top(schema)?;
    parser.skip_ws();
    match parser.peek() {
        None => Ok(value),
        Some(c) => Err(parser.error(format!("unexpected '{c}' after the end of the value"))),
    }
}

/// Whether a list element is read inside `key=...`, where a following `,key=` starts the next member.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Member,
    Delimited,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn top(&mut self, schema: &'static Schema) -> Result<Value, ShorthandError> {
        self.skip_ws();
        let braced = matches!(self.peek(), Some('{' | '['));
        match schema {
            Schema::Structure(_) | Schema::Union(_) if !braced => self.members(schema, None),
            Schema::Map(values) if !braced => self.entries(values, None),
            Schema::List(element) if !braced => {
                if element.fields().is_some() || matches!(element, Schema::Map(_)) {
                    Ok(Value::Array(vec![self.top(element)?]))
                } else {
                    self.csv(element, Context::Delimited)
                }
            }
            _ => self.value(schema, Context::Delimited),
        }
    }

    /// A value of `schema` at the current position.
    fn value(
        &mut self,
        schema: &'static Schema,
        context: Context,
    ) -> Result<Value, ShorthandError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("values nested deeper than {MAX_DEPTH} levels")));
        }
        let result = self.value_of_kind(schema, context);
        self.depth -= 1;
        result
    }

    fn value_of_kind(
        &mut self,
        schema: &'static Schema,
        context: Context,
    ) -> Result<Value, ShorthandError> {
        self.skip_ws();
        match schema {
            Schema::Structure(_) | Schema::Union(_) => {
                self.open('{', "a structure is written {member=value,...}")?;
                let value = self.members(schema, Some('}'))?;
                self.pos += 1;
                Ok(value)
            }
            Schema::Map(values) => {
                self.open('{', "a map is written {key=value,...}")?;
                let value = self.entries(values, Some('}'))?;
                self.pos += 1;
                Ok(value)
            }
            Schema::List(element) if self.peek() == Some('[') => self.bracketed_list(element),
            Schema::List(element) => self.csv(element, context),
            Schema::Document => self.document(),
            _ => {
                let (token, quoted, start) = self.token(schema)?;
                coerce(schema, &token, quoted).map_err(|message| ShorthandError {
                    position: start,
                    message,
                })
            }
        }
    }

    /// `member=value,...` of a structure or union, up to `closing` (not consumed) or the end.
    fn members(
        &mut self,
        schema: &'static Schema,
        closing: Option<char>,
    ) -> Result<Value, ShorthandError> {
        let fields = schema.fields().unwrap_or(&[]);
        let start = self.pos;
        let mut out = Map::new();
        self.skip_ws();
        if closing.is_none() || self.peek() != closing {
            loop {
                self.skip_ws();
                let key_start = self.pos;
                let key = self.key()?;
                let field = find_field(fields, &key).ok_or_else(|| ShorthandError {
                    position: key_start,
                    message: unknown_member(&key, fields),
                })?;
                if out.contains_key(field.name) {
                    return Err(ShorthandError {
                        position: key_start,
                        message: format!("member '{}' is given more than once", field.name),
                    });
                }
                self.equals(&key)?;
                let value = self.value(field.schema, Context::Member)?;
                out.insert(field.name.to_owned(), value);
                if self.next_member(closing)? {
                    break;
                }
            }
        }
        if matches!(schema, Schema::Union(_)) && out.len() != 1 {
            return Err(ShorthandError {
                position: start,
                message: format!("a union takes exactly one member, found {}", out.len()),
            });
        }
        Ok(Value::Object(out))
    }

    /// `key=value,...` of a map, up to `closing` (not consumed) or the end.
    fn entries(
        &mut self,
        values: &'static Schema,
        closing: Option<char>,
    ) -> Result<Value, ShorthandError> {
        let mut out = Map::new();
        self.skip_ws();
        if closing.is_some() && self.peek() == closing {
            return Ok(Value::Object(out));
        }
        loop {
            self.skip_ws();
            let key_start = self.pos;
            let key = self.key()?;
            if out.contains_key(&key) {
                return Err(ShorthandError {
                    position: key_start,
                    message: format!("key '{key}' is given more than once"),
                });
            }
            self.equals(&key)?;
            let value = self.value(values, Context::Member)?;
            out.insert(key, value);
            if self.next_member(closing)? {
                return Ok(Value::Object(out));
            }
        }
    }

    /// After a member: true at `closing` (or the end when there is none), false after a `,`.
    fn next_member(&mut self, closing: Option<char>) -> Result<bool, ShorthandError> {
        self.skip_ws();
        let next = self.peek();
        if next == closing {
            return Ok(true);
        }
        if next == Some(',') {
            self.pos += 1;
            return Ok(false);
        }
        let expected = match closing {
            Some(c) => format!("',' or '{c}'"),
            None => "',' or the end".to_owned(),
        };
        Err(self.error(match next {
            Some(c) => format!("expected {expected} after a member, found '{c}'"),
            None => format!("expected {expected} after a member, found the end of the input"),
        }))
    }

    /// `[value, ...]`.
    fn bracketed_list(&mut self, element: &'static Schema) -> Result<Value, ShorthandError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat(']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(element, Context::Delimited)?);
            self.skip_ws();
            if self.eat(']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(',') {
                return Err(self.expected("',' or ']' in a list"));
            }
        }
    }

    /// `value,value,...`; inside a member it stops before a `,` followed by `key=`.
    fn csv(&mut self, element: &'static Schema, context: Context) -> Result<Value, ShorthandError> {
        let mut items = vec![self.value(element, context)?];
        loop {
            self.skip_ws();
            let comma = self.pos;
            if !self.eat(',') {
                break;
            }
            if context == Context::Member && self.key_follows() {
                self.pos = comma;
                break;
            }
            items.push(self.value(element, context)?);
        }
        Ok(Value::Array(items))
    }

    /// A document member: bracketed JSON, or a JSON scalar, or else a string.
    fn document(&mut self) -> Result<Value, ShorthandError> {
        let start = self.pos;
        if !matches!(self.peek(), Some('{' | '[')) {
            let (token, quoted, _) = self.token(&Schema::Document)?;
            return coerce(&Schema::Document, &token, quoted).map_err(|message| ShorthandError {
                position: start,
                message,
            });
        }
        let end = self.json_end().ok_or_else(|| ShorthandError {
            position: start,
            message: "unbalanced brackets in a document value".to_owned(),
        })?;
        let text: String = self.chars[start..end].iter().collect();
        let value = serde_json::from_str(&text).map_err(|e| ShorthandError {
            position: start,
            message: format!("a document value must be JSON: {e}"),
        })?;
        self.pos = end;
        Ok(value)
    }

    /// The index just past the bracket that closes the one at the current position, skipping JSON strings.
    fn json_end(&self) -> Option<usize> {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        for (i, &c) in self.chars.iter().enumerate().skip(self.pos) {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// A scalar token: its text, whether it was quoted, and where it started.
    fn token(&mut self, schema: &Schema) -> Result<(String, bool, usize), ShorthandError> {
        self.skip_ws();
        let start = self.pos;
        if let Some(quote @ ('\'' | '"')) = self.peek() {
            return self.quoted(quote).map(|text| (text, true, start));
        }
        if let Some(c @ ('{' | '[')) = self.peek() {
            return Err(self.error(format!(
                "expected a {} value, found '{c}' (quote values that start with '{c}')",
                schema.type_name()
            )));
        }
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if matches!(c, ',' | '}' | ']') {
                break;
            }
            match (c, self.chars.get(self.pos + 1)) {
                ('\\', Some(&next)) if ESCAPABLE.contains(&next) => {
                    text.push(next);
                    self.pos += 2;
                }
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        Ok((text.trim_end().to_owned(), false, start))
    }

    fn quoted(&mut self, quote: char) -> Result<String, ShorthandError> {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(ShorthandError {
                        position: start,
                        message: format!("unterminated quoted value: no closing {quote}"),
                    })
                }
                Some('\\') => match self.chars.get(self.pos + 1) {
                    Some(&next) if next == quote || next == '\\' => {
                        text.push(next);
                        self.pos += 2;
                    }
                    _ => {
                        text.push('\\');
                        self.pos += 1;
                    }
                },
                Some(c) if c == quote => {
                    self.pos += 1;
                    return Ok(text);
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// A member name or map key: quoted, or unquoted up to `=`, a separator or whitespace.
    fn key(&mut self) -> Result<String, ShorthandError> {
        if let Some(quote @ ('\'' | '"')) = self.peek() {
            return self.quoted(quote);
        }
        let start = self.pos;
        while self.peek().is_some_and(is_key_char) {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.expected("a member name (name=value)"));
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    fn equals(&mut self, key: &str) -> Result<(), ShorthandError> {
        self.skip_ws();
        if self.eat('=') {
            Ok(())
        } else {
            Err(self.expected(&format!("'=' after '{key}'")))
        }
    }

    /// Whether `key=` (quoted or not) starts at the current position; nothing is consumed.
    fn key_follows(&mut self) -> bool {
        let saved = self.pos;
        self.skip_ws();
        let found = self.key().is_ok() && {
            self.skip_ws();
            self.peek() == Some('=')
        };
        self.pos = saved;
        found
    }

    fn open(&mut self, bracket: char, hint: &str) -> Result<(), ShorthandError> {
        if self.eat(bracket) {
            Ok(())
        } else {
            Err(self.expected(&format!("'{bracket}' ({hint})")))
        }
    }

    fn expected(&self, what: &str) -> ShorthandError {
        self.error(match self.peek() {
            Some(c) => format!("expected {what}, found '{c}'"),
            None => format!("expected {what}, found the end of the input"),
        })
    }

    fn error(&self, message: String) -> ShorthandError {
        ShorthandError {
            position: self.pos,
            message,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }
}

fn is_key_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '=' | ',' | '{' | '}' | '[' | ']' | '\'' | '"')
}

/// The member with this wire name; a case-insensitive match is accepted when there is no exact one.
fn find_field(fields: &'static [Field], key: &str) -> Option<&'static Field> {
    fields
        .iter()
        .find(|f| f.name == key)
        .or_else(|| fields.iter().find(|f| f.name.eq_ignore_ascii_case(key)))
}

fn unknown_member(key: &str, fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    format!(
        "unknown member '{key}'; valid members are: {}",
        names.join(", ")
    )
}

#[cfg(test)]
#[path = "shorthand_tests.rs"]
mod tests;
