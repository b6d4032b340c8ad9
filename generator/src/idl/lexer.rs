//! Tokens of the IDL. Whitespace, line breaks, commas and comments are tokens too: the
//! grammar is whitespace sensitive (`SP` versus `BR`). Lexing never fails: a problem is an
//! [`Tok::Error`] token at its position, which the parser reports when it reaches it.

use serde_json::Number;

use super::errors::Pos;
use super::text_block::{text_block, unescape};
use crate::model::number::stand_in;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// One or more spaces or tabs.
    Space,
    Newline,
    Comma,
    /// `// ...` (also `///` after other tokens on the same line), without its line break.
    Comment,
    /// `///` as the first non-blank on its line: the text after the slashes.
    DocComment(String),
    Ident(String),
    /// A quoted string, escapes expanded.
    Str(String),
    /// A text block's value.
    TextBlock(String),
    /// A number and its text.
    Number(Number, String),
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Colon,
    /// `:=`
    Walrus,
    Equal,
    At,
    Dollar,
    Pound,
    Dot,
    /// A lexical error: the message to report.
    Error(String),
    Eof,
}

impl Tok {
    /// Whitespace in the sense of the grammar's `WS`.
    pub fn is_ws(&self) -> bool {
        matches!(
            self,
            Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment | Tok::DocComment(_)
        )
    }

    /// The token as messages name it.
    pub fn describe(&self) -> String {
        let fixed = match self {
            Tok::Space => "a space",
            Tok::Newline => "a line break",
            Tok::Comma => "`,`",
            Tok::Comment => "a comment",
            Tok::DocComment(_) => "a documentation comment",
            Tok::Ident(word) => return format!("`{word}`"),
            Tok::Str(_) => "a string",
            Tok::TextBlock(_) => "a text block",
            Tok::Number(_, text) => return format!("number `{text}`"),
            Tok::LBrace => "`{`",
            Tok::RBrace => "`}`",
            Tok::LBracket => "`[`",
            Tok::RBracket => "`]`",
            Tok::LParen => "`(`",
            Tok::RParen => "`)`",
            Tok::Colon => "`:`",
            Tok::Walrus => "`:=`",
            Tok::Equal => "`=`",
            Tok::At => "`@`",
            Tok::Dollar => "`$`",
            Tok::Pound => "`#`",
            Tok::Dot => "`.`",
            Tok::Error(message) => return message.clone(),
            Tok::Eof => "the end of the file",
        };
        fixed.to_owned()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

/// Splits `text` into tokens; the last one is always [`Tok::Eof`]. A byte order mark at the
/// start is skipped.
pub(super) fn lex(text: &str) -> Vec<Token> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        column: 1,
        line_start: true,
        tokens: Vec::new(),
    };
    lexer.run();
    lexer.tokens
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
    /// Only blanks so far on the current line (for documentation comments).
    line_start: bool,
    tokens: Vec<Token>,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    fn advance(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        match c {
            '\n' => {
                self.line += 1;
                self.column = 1;
            }
            // CR LF is one line break (counted at the LF); a lone CR is one too.
            '\r' if self.peek(0) != Some('\n') => {
                self.line += 1;
                self.column = 1;
            }
            _ => self.column += 1,
        }
        Some(c)
    }

    fn push(&mut self, tok: Tok, pos: Pos) {
        self.line_start = match tok {
            Tok::Newline => true,
            Tok::Space => self.line_start,
            _ => false,
        };
        self.tokens.push(Token { tok, pos });
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let start = self.pos();
            let (tok, pos) = match c {
                ' ' | '\t' => {
                    while matches!(self.peek(0), Some(' ' | '\t')) {
                        self.advance();
                    }
                    (Tok::Space, start)
                }
                '\n' | '\r' => {
                    self.advance();
                    if c == '\r' && self.peek(0) == Some('\n') {
                        self.advance();
                    }
                    (Tok::Newline, start)
                }
                '/' if self.peek(1) == Some('/') => (self.comment(), start),
                '"' => self.string(start),
                '-' | '0'..='9' => (self.number(), start),
                'a'..='z' | 'A'..='Z' | '_' => self.identifier(start),
                ':' if self.peek(1) == Some('=') => {
                    self.advance();
                    self.advance();
                    (Tok::Walrus, start)
                }
                _ => {
                    self.advance();
                    let tok = match c {
                        ',' => Tok::Comma,
                        '{' => Tok::LBrace,
                        '}' => Tok::RBrace,
                        '[' => Tok::LBracket,
                        ']' => Tok::RBracket,
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        ':' => Tok::Colon,
                        '=' => Tok::Equal,
                        '@' => Tok::At,
                        '$' => Tok::Dollar,
                        '#' => Tok::Pound,
                        '.' => Tok::Dot,
                        other => {
                            Tok::Error(format!("unexpected character `{}`", other.escape_debug()))
                        }
                    };
                    (tok, start)
                }
            };
            self.push(tok, pos);
        }
        let end = self.pos();
        self.push(Tok::Eof, end);
    }

    fn comment(&mut self) -> Tok {
        let doc = self.line_start && self.peek(2) == Some('/');
        let skip = if doc { 3 } else { 2 };
        for _ in 0..skip {
            self.advance();
        }
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            if c == '\n' || c == '\r' {
                break;
            }
            text.push(c);
            self.advance();
        }
        if doc {
            Tok::DocComment(text)
        } else {
            Tok::Comment
        }
    }

    /// A quoted string or a text block; a lexical error is reported at the string's start,
    /// an unclosed string at the end of the file.
    fn string(&mut self, start: Pos) -> (Tok, Pos) {
        let block = self.peek(1) == Some('"') && self.peek(2) == Some('"');
        let quotes = if block { 3 } else { 1 };
        for _ in 0..quotes {
            self.advance();
        }
        let mut raw = String::new();
        loop {
            match self.advance() {
                None => {
                    let what = if block { "text block" } else { "string" };
                    let message =
                        format!("unclosed {what}: expected `\"`, found the end of the file");
                    return (Tok::Error(message), self.pos());
                }
                Some('\\') => {
                    raw.push('\\');
                    if let Some(c) = self.advance() {
                        raw.push(c);
                    }
                }
                Some('"') if !block => break,
                Some('"') if self.peek(0) == Some('"') && self.peek(1) == Some('"') => {
                    self.advance();
                    self.advance();
                    break;
                }
                Some(c) => raw.push(c),
            }
        }
        let tok = if block {
            match text_block(&raw) {
                Ok(value) => Tok::TextBlock(value),
                Err(err) => Tok::Error(format!("invalid text block: {err}")),
            }
        } else {
            match unescape(&raw) {
                Ok(value) => Tok::Str(value),
                Err(err) => Tok::Error(format!("invalid string: {err}")),
            }
        };
        (tok, start)
    }

    fn digits(&mut self, text: &mut String) -> bool {
        let mut any = false;
        while let Some(c) = self.peek(0).filter(char::is_ascii_digit) {
            text.push(c);
            self.advance();
            any = true;
        }
        any
    }

    /// `[-] int [frac] [exp]` as in JSON; errors name the text read so far.
    fn number(&mut self) -> Tok {
        let mut text = String::new();
        if self.peek(0) == Some('-') {
            text.push('-');
            self.advance();
        }
        match self.peek(0) {
            Some('0') => {
                text.push('0');
                self.advance();
            }
            Some('1'..='9') => {
                self.digits(&mut text);
            }
            _ => {
                return Tok::Error(format!(
                    "invalid number `{text}`: `-` must be followed by a digit"
                ))
            }
        }
        if self.peek(0) == Some('.') {
            text.push('.');
            self.advance();
            if !self.digits(&mut text) {
                return Tok::Error(format!(
                    "invalid number `{text}`: `.` must be followed by a digit"
                ));
            }
        }
        if let Some(e @ ('e' | 'E')) = self.peek(0) {
            text.push(e);
            self.advance();
            if let Some(sign @ ('+' | '-')) = self.peek(0) {
                text.push(sign);
                self.advance();
            }
            if !self.digits(&mut text) {
                return Tok::Error(format!(
                    "invalid number `{text}`: an exponent must be followed by a digit"
                ));
            }
        }
        // Any size is valid: the text is kept, the value is its stand-in.
        Tok::Number(stand_in(&text), text)
    }

    /// `*"_" ALPHA *(ALPHA / DIGIT / "_")`.
    fn identifier(&mut self, start: Pos) -> (Tok, Pos) {
        let mut text = String::new();
        while self.peek(0) == Some('_') {
            text.push('_');
            self.advance();
        }
        match self.peek(0) {
            Some(c) if c.is_ascii_alphabetic() => {}
            other => {
                let found = match other {
                    Some(c) => format!("`{}`", c.escape_debug()),
                    None => "the end of the file".to_owned(),
                };
                let message = format!("an identifier needs a letter after `{text}`, found {found}");
                return (Tok::Error(message), self.pos());
            }
        }
        while let Some(c) = self
            .peek(0)
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        {
            text.push(c);
            self.advance();
        }
        (Tok::Ident(text), start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        lex(text).into_iter().map(|t| t.tok).collect()
    }

    fn ident(text: &str) -> Tok {
        Tok::Ident(text.to_owned())
    }

    #[test]
    fn whitespace_and_punctuation_are_tokens() {
        assert_eq!(
            toks("a :=b, {}\r\n[]()\t:=@$#."),
            vec![
                ident("a"),
                Tok::Space,
                Tok::Walrus,
                ident("b"),
                Tok::Comma,
                Tok::Space,
                Tok::LBrace,
                Tok::RBrace,
                Tok::Newline,
                Tok::LBracket,
                Tok::RBracket,
                Tok::LParen,
                Tok::RParen,
                Tok::Space,
                Tok::Walrus,
                Tok::At,
                Tok::Dollar,
                Tok::Pound,
                Tok::Dot,
                Tok::Eof,
            ]
        );
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let tokens = lex("ab\r\n  cd\n");
        let positions: Vec<_> = tokens.iter().map(|t| (t.pos.line, t.pos.column)).collect();
        assert_eq!(
            positions,
            vec![(1, 1), (1, 3), (2, 1), (2, 3), (2, 5), (3, 1)]
        );
    }

    #[test]
    fn doc_comments_only_start_lines() {
        assert_eq!(
            toks("  /// Doc\nx /// not doc\n// plain"),
            vec![
                Tok::Space,
                Tok::DocComment(" Doc".to_owned()),
                Tok::Newline,
                ident("x"),
                Tok::Space,
                Tok::Comment,
                Tok::Newline,
                Tok::Comment,
                Tok::Eof,
            ]
        );
    }

    /// The IDL's `number = [minus] int [frac] [exp]`, each part alone and together: the text
    /// is kept as written, the value is exact where 64 bits hold it.
    #[test]
    fn numbers_keep_their_text() {
        let number = |text: &str| match toks(text).as_slice() {
            [Tok::Number(n, written), Tok::Eof] => {
                (serde_json::Value::Number(n.clone()), written.clone())
            }
            other => panic!("{text}: {other:?}"),
        };
        for (text, value) in [
            ("0", serde_json::json!(0)),
            ("-0", serde_json::json!(0)),
            ("-10", serde_json::json!(-10)),
            ("10.25", serde_json::json!(10.25)),
            ("10e0", serde_json::json!(10.0)),
            ("10E2", serde_json::json!(1000.0)),
            ("-10e-2", serde_json::json!(-0.1)),
            ("1.5E+1", serde_json::json!(15.0)),
            ("18446744073709551615", serde_json::json!(u64::MAX)),
            ("-9223372036854775808", serde_json::json!(i64::MIN)),
            (
                "18446744073709551616",
                serde_json::json!(1.8446744073709552e19),
            ),
            ("1.7976931348623157E+309", serde_json::json!(f64::MAX)),
            ("2e+308", serde_json::json!(f64::MAX)),
            ("-1e999", serde_json::json!(f64::MIN)),
            ("1e-999", serde_json::json!(0.0)),
        ] {
            assert_eq!(number(text), (value, text.to_owned()), "{text}");
        }
        assert_eq!(toks("01").len(), 3, "0 then 1");
    }

    #[test]
    fn bad_numbers_are_errors_at_their_start() {
        for (text, fragment) in [
            ("-", "`-` must be followed by a digit"),
            ("-a", "`-` must be followed by a digit"),
            ("1.", "invalid number `1.`: `.` must be followed"),
            ("1.e5", "invalid number `1.`: `.` must be followed"),
            ("1.0e", "invalid number `1.0e`"),
            ("1.0e+", "invalid number `1.0e+`"),
            ("1E-", "invalid number `1E-`"),
        ] {
            let tokens = lex(&format!("  {text}"));
            let error = tokens.get(1).cloned();
            match error {
                Some(Token {
                    tok: Tok::Error(message),
                    pos,
                }) => {
                    assert!(message.contains(fragment), "{text}: {message}");
                    assert_eq!(pos, Pos::new(1, 3));
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn strings_and_text_blocks() {
        assert_eq!(
            toks(
                r#""a\tb" """
    x
    """"#
            ),
            vec![
                Tok::Str("a\tb".to_owned()),
                Tok::Space,
                Tok::TextBlock("x\n".to_owned()),
                Tok::Eof
            ]
        );
        assert_eq!(
            toks("\"multi\nline\""),
            vec![Tok::Str("multi\nline".to_owned()), Tok::Eof]
        );
    }

    #[test]
    fn string_errors_point_at_the_start_or_the_end() {
        let tokens = lex("x(\"\\'\")");
        let error = tokens.get(2).cloned();
        assert!(
            matches!(&error, Some(Token { tok: Tok::Error(m), pos }) if m.contains("invalid escape") && *pos == Pos::new(1, 3)),
            "{error:?}"
        );
        let tokens = lex("@foo(\"\n");
        let error = tokens.get(3).cloned();
        assert!(
            matches!(&error, Some(Token { tok: Tok::Error(m), pos }) if m.contains("unclosed string") && *pos == Pos::new(2, 1)),
            "{error:?}"
        );
        let tokens = lex("\"\"\"\"\"\"");
        assert!(
            matches!(tokens.first(), Some(Token { tok: Tok::Error(m), .. }) if m.contains("empty"))
        );
    }

    #[test]
    fn identifiers_need_a_letter() {
        assert_eq!(toks("__a1_"), vec![ident("__a1_"), Tok::Eof]);
        let tokens = lex("x _ {");
        assert!(
            matches!(tokens.get(2), Some(Token { tok: Tok::Error(m), pos }) if m.contains("needs a letter") && *pos == Pos::new(1, 4)),
            "{tokens:?}"
        );
        assert!(
            matches!(toks("%").first(), Some(Tok::Error(m)) if m.contains("unexpected character `%`"))
        );
        assert!(matches!(toks("é").first(), Some(Tok::Error(_))));
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let tokens = lex("\u{feff}a");
        assert_eq!(
            tokens.first(),
            Some(&Token {
                tok: ident("a"),
                pos: Pos::new(1, 1)
            })
        );
    }
}
