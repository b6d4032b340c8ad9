//! Reads a JSON document keeping every number's written text.
//!
//! serde_json (without `arbitrary_precision`, see [`crate::model::number`]) turns numbers into
//! `u64`, `i64` or `f64` and refuses those beyond `f64`. This reader builds the same
//! `serde_json::Value` (later duplicate keys win, in the first one's place, as serde_json
//! does), with each number's stand-in, and records the written text of the numbers the
//! stand-in does not print as written. Those texts are found again by the identity of their
//! node in the document, which stays borrowed and unchanged while it is loaded
//! ([`NumberIndex`]). Syntax errors are serde_json's own, with their line and column.

use crate::fast_hash::FastMap;

use serde_json::{Map, Value};

use crate::model::number::{append_token, needs_text, push_token, stand_in, NumberTexts};

/// Written texts of a document's numbers, by the address of their node in the document.
#[derive(Debug, Default)]
pub(super) struct NumberIndex(FastMap<usize, String>);

impl NumberIndex {
    /// The written text of `node`, if it is a number its value only approximates.
    pub fn text(&self, node: &Value) -> Option<&String> {
        if self.0.is_empty() {
            return None;
        }
        self.0.get(&(node as *const Value as usize))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The texts of the numbers inside `value`, by JSON pointer relative to it.
    pub fn texts_within(&self, value: &Value) -> NumberTexts {
        fn walk(index: &NumberIndex, value: &Value, pointer: &str, texts: &mut NumberTexts) {
            match value {
                Value::Number(_) => {
                    if let Some(text) = index.text(value) {
                        texts.insert(pointer.to_owned(), text.clone());
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(index, item, &push_token(pointer, &i.to_string()), texts);
                    }
                }
                Value::Object(entries) => {
                    for (key, item) in entries {
                        walk(index, item, &push_token(pointer, key), texts);
                    }
                }
                _ => {}
            }
        }
        let mut texts = NumberTexts::new();
        if !self.is_empty() {
            walk(self, value, "", &mut texts);
        }
        texts
    }
}

/// serde_json's nesting limit, kept so that the same documents are refused.
const MAX_DEPTH: usize = 128;

/// Parses `text`; the error is serde_json's for the same text.
pub(super) fn parse(text: &str) -> Result<(Value, NumberTexts), serde_json::Error> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        pointer: String::new(),
        texts: NumberTexts::new(),
    };
    let parsed = reader.document();
    match parsed {
        Some(value) => Ok((value, reader.texts)),
        // Our reader only knows that the text is not JSON; serde_json says why and where.
        None => match serde_json::from_str::<Value>(text) {
            Err(err) => Err(err),
            Ok(_) => Err(serde_json::Error::io(std::io::Error::other(
                "the document reads as JSON to serde_json but not to the number-keeping reader",
            ))),
        },
    }
}

/// Parses `text` and indexes the written number texts by node.
pub(super) fn parse_indexed(text: &str) -> Result<(Value, NumberIndex), serde_json::Error> {
    let (value, texts) = parse(text)?;
    let mut index = NumberIndex::default();
    for (pointer, written) in texts {
        if let Some(node) = value.pointer(&pointer) {
            index.0.insert(node as *const Value as usize, written);
        }
    }
    Ok((value, index))
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// The JSON pointer of the value being read.
    pointer: String,
    texts: NumberTexts,
}

impl Reader<'_> {
    fn document(&mut self) -> Option<Value> {
        let value = self.value(0)?;
        self.skip_ws();
        (self.at == self.bytes.len()).then_some(value)
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.skip_ws();
        match *self.bytes.get(self.at)? {
            b'{' if depth + 1 < MAX_DEPTH => self.object(depth + 1),
            b'[' if depth + 1 < MAX_DEPTH => self.array(depth + 1),
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            _ => None,
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| {
            self.at = end;
            value
        })
    }

    /// Reads the value of `token` (a key or an index) below the current pointer.
    fn value_at(&mut self, token: &str, depth: usize) -> Option<Value> {
        let len = self.pointer.len();
        append_token(&mut self.pointer, token);
        let value = self.value(depth);
        self.pointer.truncate(len);
        value
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut map = Map::new();
        if self.eat(b'}') {
            return Some(Value::Object(map));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.at) != Some(&b'"') {
                return None;
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            if map.contains_key(&key) && !self.texts.is_empty() {
                // The later value replaces the earlier one, texts included.
                let at = push_token(&self.pointer, &key);
                let below = format!("{at}/");
                self.texts
                    .retain(|p, _| p != &at && !p.starts_with(below.as_str()));
            }
            let value = self.value_at(&key, depth)?;
            map.insert(key, value);
            if self.eat(b'}') {
                return Some(Value::Object(map));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(Value::Array(items));
        }
        loop {
            let index = items.len().to_string();
            items.push(self.value_at(&index, depth)?);
            if self.eat(b']') {
                return Some(Value::Array(items));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// A string token; escapes are expanded by serde_json itself.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        let mut i = start + 1;
        let mut escaped = false;
        loop {
            match *self.bytes.get(i)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                byte if byte < 0x20 => return None,
                _ => i += 1,
            }
        }
        self.at = i + 1;
        let token = self.text.get(start..self.at)?;
        if escaped {
            serde_json::from_str::<String>(token).ok()
        } else {
            Some(token[1..token.len() - 1].to_owned())
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while reader.bytes.get(reader.at).is_some_and(u8::is_ascii_digit) {
                reader.at += 1;
            }
            reader.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        if self.bytes.get(self.at) == Some(&b'0') {
            self.at += 1;
        } else if !digits(self) {
            return None;
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = self.text.get(start..self.at)?;
        let number = stand_in(text);
        if needs_text(&number, text) {
            self.texts.insert(self.pointer.clone(), text.to_owned());
        }
        Some(Value::Number(number))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn texts(text: &str) -> NumberTexts {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).1
    }

    /// Every form of the JSON number grammar, alone and in arrays and objects.
    #[test]
    fn numbers_keep_their_text() {
        for (text, value) in [
            ("0", json!(0)),
            ("-0", json!(0)),
            ("-12", json!(-12)),
            ("1.25", json!(1.25)),
            ("1e2", json!(100.0)),
            ("1E+2", json!(100.0)),
            ("-1.5e-1", json!(-0.15)),
            ("18446744073709551615", json!(u64::MAX)),
            ("18446744073709551616", json!(1.8446744073709552e19)),
            ("1.7976931348623157E+309", json!(f64::MAX)),
            ("2e+308", json!(f64::MAX)),
            ("-2e+308", json!(f64::MIN)),
        ] {
            let (parsed, texts) = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed, value, "{text}");
            let expected = needs_text(&stand_in(text), text).then(|| text.to_owned());
            assert_eq!(texts.get("").cloned(), expected, "{text}");
        }
        let found = texts(r#"{"a": [1, 18446744073709551616, {"b/c~": 1e400}], "d": 1.0}"#);
        let expected: NumberTexts = [
            ("/a/1".to_owned(), "18446744073709551616".to_owned()),
            ("/a/2/b~1c~0".to_owned(), "1e400".to_owned()),
        ]
        .into_iter()
        .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn values_are_serde_jsons() {
        let text = r#" {"s": "a\"\u00e9\n", "t": true, "f": false, "n": null,
            "o": {}, "l": [], "x": 1, "x": [2.5]} "#;
        let (parsed, _) = parse(text).expect("valid");
        let expected: Value = serde_json::from_str(text).expect("valid");
        assert_eq!(parsed, expected);
        let keys: Vec<_> = parsed
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["s", "t", "f", "n", "o", "l", "x"]);
    }

    #[test]
    fn a_repeated_key_drops_the_earlier_text() {
        assert!(texts(r#"{"x": 1e400, "x": 1}"#).is_empty());
        assert!(texts(r#"{"x": [1e400], "x": 2}"#).is_empty());
        assert_eq!(texts(r#"{"x": 1, "x": 1e400}"#).len(), 1);
    }

    #[test]
    fn errors_are_serde_jsons() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "\"\u{1}\"",
            "\"\\x\"",
            "[1] 2",
            "{a: 1}",
            "tru",
            "[\"\\ud800\"]",
        ] {
            let ours = parse(text).map(|_| ()).map_err(|e| e.to_string());
            let theirs = serde_json::from_str::<Value>(text)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert!(ours.is_err(), "{text:?}");
            assert_eq!(ours, theirs, "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).is_err());
        for levels in [MAX_DEPTH - 1, MAX_DEPTH] {
            let nested = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
            let theirs = serde_json::from_str::<Value>(&nested).is_ok();
            assert_eq!(parse(&nested).is_ok(), theirs, "{levels} levels");
        }
    }

    #[test]
    fn nodes_are_found_by_identity() {
        let (value, index) =
            parse_indexed(r#"{"a": [18446744073709551616, 18446744073709551616], "b": 5}"#)
                .expect("valid");
        let first = value.pointer("/a/0").expect("there");
        assert_eq!(
            index.text(first).map(String::as_str),
            Some("18446744073709551616")
        );
        assert!(index.text(value.pointer("/b").expect("there")).is_none());
        let within = index.texts_within(value.pointer("/a").expect("there"));
        assert_eq!(within.keys().collect::<Vec<_>>(), ["/0", "/1"]);
    }
}
