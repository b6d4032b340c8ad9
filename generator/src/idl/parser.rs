//! The parser's cursor over tokens, the grammar's whitespace rules (`SP`, `WS`, `BR`),
//! documentation comments, error recovery and the file's sections in order.
//!
//! Grammar areas live beside this file: [`super::control`] (control, metadata, namespace,
//! use), [`super::shapes`], [`super::members`], [`super::traits`], [`super::node`].

use std::collections::BTreeSet;
use std::path::Path;

use super::errors::{Errors, Pos};
use super::lexer::{lex, Tok, Token};
use super::syntax::{ApplyDef, Node, ParsedFile, ShapeDef, Version};

/// A syntax error was recorded; the statement is abandoned and parsing resumes at the next
/// statement.
#[derive(Debug)]
pub(super) struct Bail;

pub(super) type PResult<T> = Result<T, Bail>;

/// Keywords that start a statement, used to find where to resume after an error.
const STATEMENT_WORDS: &[&str] = &[
    "apply",
    "blob",
    "boolean",
    "document",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "resource",
    "operation",
    "namespace",
    "use",
    "metadata",
];

pub(super) struct Parser {
    tokens: Vec<Token>,
    i: usize,
    eof: Token,
    /// Documentation comment lines seen since the last token that was not whitespace.
    docs: Vec<String>,
    pub errors: Errors,
    pub version: Version,
    pub namespace: Option<String>,
    pub controls: BTreeSet<String>,
    pub input_suffix: String,
    pub output_suffix: String,
    pub file: ParsedFile,
}

/// Parses one file; never fails (problems are in the result's `errors`).
pub(super) fn parse(text: &str, path: &Path) -> ParsedFile {
    Parser::new(text, path).parse_file()
}

/// Parses a document that is one node value (JSON, with the IDL's comments and optional
/// commas): the value, if it read, and the errors.
pub(super) fn parse_node_document(text: &str, path: &Path) -> (Option<Node>, Errors) {
    let mut parser = Parser::new(text, path);
    parser.ws();
    let node = parser.node_value(0).ok();
    if node.is_some() {
        parser.ws();
        if !parser.at_eof() {
            let _ = parser.unexpected::<()>("the end of the document");
        }
    }
    (node, parser.errors)
}

impl Parser {
    fn new(text: &str, path: &Path) -> Self {
        let tokens = lex(text);
        let eof = tokens.last().cloned().unwrap_or(Token {
            tok: Tok::Eof,
            pos: Pos::new(1, 1),
        });
        Parser {
            tokens,
            i: 0,
            eof,
            docs: Vec::new(),
            errors: Errors::default(),
            version: Version::V1,
            namespace: None,
            controls: BTreeSet::new(),
            input_suffix: "Input".to_owned(),
            output_suffix: "Output".to_owned(),
            file: ParsedFile {
                path: path.to_path_buf(),
                version: Version::V1,
                namespace: None,
                uses: Vec::new(),
                metadata: Vec::new(),
                shapes: Vec::new(),
                applies: Vec::new(),
                errors: Errors::default(),
            },
        }
    }

    fn parse_file(mut self) -> ParsedFile {
        self.ws();
        while self.tok() == &Tok::Dollar {
            self.statement(Self::control_statement);
        }
        while self.at_word("metadata") {
            self.statement(Self::metadata_statement);
        }
        if !self.at_eof() && !self.at_word("namespace") {
            let start = self.i;
            let _ = self.unexpected::<()>("a namespace statement");
            if self.i == start {
                self.bump();
            }
            self.recover();
        }
        if self.at_word("namespace") {
            self.statement(Self::namespace_statement);
        }
        while self.at_word("use") {
            self.statement(Self::use_statement);
        }
        while !self.at_eof() {
            self.statement(Self::shape_statement);
        }
        self.file.version = self.version;
        self.file.namespace = self.namespace;
        self.file.errors = self.errors;
        self.file
    }

    /// Runs one statement; after a syntax error, skips to the next statement.
    fn statement(&mut self, parse: fn(&mut Self) -> PResult<()>) {
        let start = self.i;
        if parse(self).is_err() {
            if self.i == start {
                self.bump();
            }
            self.recover();
        }
    }

    /// Skips to a token that starts a line and looks like the start of a statement.
    fn recover(&mut self) {
        self.docs.clear();
        while !self.at_eof() && !self.at_statement_start() {
            self.bump();
        }
    }

    fn at_statement_start(&self) -> bool {
        let before = |back: usize| {
            self.i
                .checked_sub(back)
                .and_then(|k| self.tokens.get(k))
                .map(|t| &t.tok)
        };
        let first_on_line = match before(1) {
            None | Some(Tok::Newline) => true,
            Some(Tok::Space) => matches!(before(2), None | Some(Tok::Newline)),
            _ => false,
        };
        if !first_on_line {
            return false;
        }
        let current = self.current();
        match &current.tok {
            Tok::At | Tok::Dollar | Tok::DocComment(_) => current.pos.column == 1,
            Tok::Ident(word) => {
                STATEMENT_WORDS.contains(&word.as_str())
                    && self.nth(1) == &Tok::Space
                    && matches!(self.nth(2), Tok::Ident(_))
            }
            _ => false,
        }
    }

    // --- The cursor. ---

    pub fn current(&self) -> &Token {
        self.tokens.get(self.i).unwrap_or(&self.eof)
    }

    pub fn tok(&self) -> &Tok {
        &self.current().tok
    }

    /// The token `ahead` places after the current one.
    pub fn nth(&self, ahead: usize) -> &Tok {
        self.tokens
            .get(self.i + ahead)
            .map_or(&self.eof.tok, |t| &t.tok)
    }

    /// The first token at or after index `from` that is not whitespace.
    pub fn next_non_ws(&self, from: usize) -> &Tok {
        self.tokens
            .iter()
            .skip(from)
            .map(|t| &t.tok)
            .find(|tok| !tok.is_ws())
            .unwrap_or(&self.eof.tok)
    }

    pub fn index(&self) -> usize {
        self.i
    }

    pub fn pos(&self) -> Pos {
        self.current().pos
    }

    pub fn at_eof(&self) -> bool {
        self.tok() == &Tok::Eof
    }

    pub fn at_word(&self, word: &str) -> bool {
        matches!(self.tok(), Tok::Ident(w) if w == word)
    }

    /// Consumes the current token (never past the end). Documentation comments are
    /// remembered until a token other than whitespace is consumed.
    pub fn bump(&mut self) {
        let Some(token) = self.tokens.get(self.i) else {
            return;
        };
        match &token.tok {
            Tok::Eof => return,
            Tok::DocComment(text) => {
                let line = text.strip_prefix(' ').unwrap_or(text).to_owned();
                self.docs.push(line);
            }
            tok if tok.is_ws() => {}
            _ => self.docs.clear(),
        }
        self.i += 1;
    }

    /// The documentation comment lines waiting for a shape or member, joined.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let docs = self.docs.join("\n");
        self.docs.clear();
        Some(docs)
    }

    pub fn clear_docs(&mut self) {
        self.docs.clear();
    }

    // --- Errors. ---

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.push(pos, message);
    }

    pub fn fail<T>(&mut self, pos: Pos, message: impl Into<String>) -> PResult<T> {
        self.error(pos, message);
        Err(Bail)
    }

    /// A syntax error at the current token: `expected ..., found ...` (a lexical error
    /// token reports its own message).
    pub fn unexpected<T>(&mut self, expected: &str) -> PResult<T> {
        let pos = self.pos();
        let message = match self.tok() {
            Tok::Error(message) => message.clone(),
            other => format!("expected {expected}, found {}", other.describe()),
        };
        self.fail(pos, message)
    }

    /// Consumes `want` (a token without payload) or reports what was found.
    pub fn expect(&mut self, want: &Tok) -> PResult<Pos> {
        if self.tok() == want {
            let pos = self.pos();
            self.bump();
            Ok(pos)
        } else {
            self.unexpected(&want.describe())
        }
    }

    pub fn ident(&mut self) -> PResult<(String, Pos)> {
        match self.tok() {
            Tok::Ident(word) => {
                let word = word.clone();
                let pos = self.pos();
                self.bump();
                Ok((word, pos))
            }
            _ => self.unexpected("an identifier"),
        }
    }

    // --- Whitespace. ---

    /// `*SP`: spaces and tabs only.
    pub fn sp(&mut self) {
        while self.tok() == &Tok::Space {
            self.bump();
        }
    }

    /// `*WS`: spaces, line breaks, commas and comments.
    pub fn ws(&mut self) {
        while self.tok().is_ws() {
            self.bump();
        }
    }

    /// `WS`: at least one space, line break, comma or comment.
    pub fn expect_ws(&mut self) -> PResult<()> {
        if !self.tok().is_ws() {
            return self.unexpected("whitespace");
        }
        self.ws();
        Ok(())
    }

    /// `SP`: at least one space or tab.
    pub fn expect_sp(&mut self) -> PResult<()> {
        if self.tok() != &Tok::Space {
            return self.unexpected("a space");
        }
        self.sp();
        Ok(())
    }

    /// `BR`: a line break (or comment, or the end of the file) after optional spaces, then
    /// any whitespace.
    pub fn br(&mut self) -> PResult<()> {
        self.sp();
        match self.tok() {
            Tok::Newline | Tok::Comment | Tok::DocComment(_) | Tok::Eof => {
                self.ws();
                Ok(())
            }
            _ => self.unexpected("a line break"),
        }
    }

    // --- Results. ---

    pub fn push_shape(&mut self, shape: ShapeDef) {
        self.file.shapes.push(shape);
    }

    pub fn push_apply(&mut self, apply: ApplyDef) {
        self.file.applies.push(apply);
    }

    /// The absolute ID of a shape named in this file, for messages.
    pub fn describe_shape(&self, name: &str) -> String {
        match &self.namespace {
            Some(namespace) => format!("{namespace}#{name}"),
            None => name.to_owned(),
        }
    }
}

#[cfg(test)]
pub(super) mod test_support {
    use super::*;

    /// Parses `text` as `model.smithy`.
    pub fn parsed(text: &str) -> ParsedFile {
        parse(text, Path::new("model.smithy"))
    }

    /// The errors of `text` as `line:column: message` lines.
    pub fn errors(text: &str) -> Vec<String> {
        parsed(text)
            .errors
            .0
            .iter()
            .map(|e| format!("{}:{}: {}", e.pos.line, e.pos.column, e.message))
            .collect()
    }

    /// Asserts that `text` parses without errors.
    pub fn clean(text: &str) -> ParsedFile {
        let file = parsed(text);
        assert!(file.errors.is_empty(), "{text}\n{:?}", file.errors);
        file
    }

    /// Asserts exactly one error, at `line:column`, whose message contains `fragment`.
    pub fn one_error(text: &str, at: (usize, usize), fragment: &str) {
        let found = errors(text);
        let prefix = format!("{}:{}: ", at.0, at.1);
        assert!(
            found.len() == 1
                && found
                    .first()
                    .is_some_and(|e| e.starts_with(&prefix) && e.contains(fragment)),
            "{text}\nexpected one error at {prefix}...{fragment}..., found {found:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;

    #[test]
    fn empty_and_blank_files_parse() {
        let file = clean("");
        assert!(file.namespace.is_none() && file.shapes.is_empty());
        clean("\n  // comment\n,,\n");
    }

    #[test]
    fn line_breaks_are_required_between_statements() {
        one_error(
            "namespace com.foo string Foo\n",
            (1, 19),
            "expected a line break, found `string`",
        );
        one_error(
            "namespace com.foo\nstring Foo string Bar\n",
            (2, 12),
            "expected a line break",
        );
    }

    #[test]
    fn a_namespace_comes_first() {
        one_error(
            "@invalid\n",
            (1, 1),
            "expected a namespace statement, found `@`",
        );
        one_error("\n!!!Nope!!!\n", (2, 1), "unexpected character `!`");
        one_error(
            "use smithy.example#Foo\nnamespace com.foo\nstring S\n",
            (1, 1),
            "expected a namespace statement, found `use`",
        );
    }

    #[test]
    fn errors_in_several_statements_are_all_reported() {
        let found = errors(
            "$version: \"2\"\nnamespace com.foo\n\nstring (Nope)\n\nstructure Foo {\n  a: String = \n}\n\nlist Ok { member: String }\n\ninvalid Shape\n",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("4:8: expected an identifier")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("7:15: expected a node value")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("12:1: unknown shape type `invalid`")),
            "{found:?}"
        );
    }

    #[test]
    fn documentation_comments_apply_before_traits_only() {
        let file = clean(
            "namespace ns\n/// One\n///Two\n@deprecated\n/// ignored\nstring A\n/// dangling\n",
        );
        let docs: Vec<_> = file.shapes.iter().map(|s| s.traits.docs.clone()).collect();
        assert_eq!(docs, vec![Some("One\nTwo".to_owned())]);
    }
}
