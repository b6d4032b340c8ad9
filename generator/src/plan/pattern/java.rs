//! Patterns read as `java.util.regex.Pattern` reads them: Smithy's own tools compile every
//! `@pattern` with it, so models carry Java-only syntax (inline flags, possessive
//! quantifiers, `\p{..}` classes, quantified anchors) that ECMA-262 refuses or reads
//! otherwise.
//!
//! The result is either the same tree as the ECMA-262 reader's, exact for the values the
//! Java pattern finds a match in, or the reason it cannot be checked exactly (the member
//! then gets no check), or the reason Java itself refuses it (Smithy refuses such a model).

use super::charset::{self, CharSet};
use super::parse::Node;
use super::unicode;

/// How a pattern reads in Java's dialect.
#[derive(Debug, PartialEq)]
pub struct Reading {
    pub result: Result<Tree, Refusal>,
    /// The pattern uses syntax that only Java gives its meaning to (`\p{L}`, `(?i)`,
    /// `*+`, `[a[b]]`...): Smithy's tools read it so, whatever ECMA-262 makes of it.
    pub java_only: bool,
}

/// What the automaton is built from: `node`, less (or only) what each lookahead at its
/// start (`^(?!aws:)...`) finds there.
#[derive(Debug, PartialEq)]
pub struct Tree {
    pub node: Node,
    pub lookaheads: Vec<Lookahead>,
}

#[derive(Debug, PartialEq)]
pub struct Lookahead {
    /// Anchored at the start (`^x`): it matches when the lookahead's `x` does.
    pub node: Node,
    /// `(?!x)` rather than `(?=x)`.
    pub negative: bool,
}

#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// Valid Java (as far as we can tell) that an automaton cannot check exactly.
    Unchecked(String),
    /// Java refuses it too.
    Invalid(String),
}

pub fn read(pattern: &str) -> Reading {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        depth: 0,
        flags: Flags::default(),
        unchecked: None,
        java_only: false,
    };
    let tree = parser.disjunction().and_then(|tree| match parser.peek() {
        None => Ok(tree),
        Some(_) => Err("Unmatched closing ')'".to_owned()),
    });
    let result = match tree {
        Err(invalid) => Err(Refusal::Invalid(invalid)),
        Ok(tree) => match parser.unchecked.take() {
            Some(reason) => Err(Refusal::Unchecked(reason)),
            None => exact(tree).map_err(Refusal::Unchecked),
        },
    };
    Reading {
        result,
        java_only: parser.java_only,
    }
}

/// The pattern before lowering: Java's `$` and possessive quantifiers kept apart, since
/// whether they can be checked exactly depends on what follows them.
#[derive(Clone, Debug)]
enum J {
    Leaf(Node),
    /// `$` or `\Z`: the end of the input, or just before a line terminator that ends it.
    Dollar,
    Concat(Vec<J>),
    Alt(Vec<J>),
    Repeat {
        node: Box<J>,
        min: u32,
        max: Option<u32>,
        possessive: bool,
    },
    /// `(?=x)` or `(?!x)`.
    Look {
        negative: bool,
        node: Box<J>,
    },
}

#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    case_insensitive: bool,
    dot_all: bool,
    multiline: bool,
    comments: bool,
    unix_lines: bool,
    unicode_case: bool,
    unicode_class: bool,
}

const MAX_DEPTH: u32 = 256;

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: u32,
    flags: Flags,
    /// The first construct met that cannot be checked exactly; parsing goes on, to find
    /// whether Java refuses the pattern anyway.
    unchecked: Option<String>,
    java_only: bool,
}

/// Java's line terminators, the ones `.` and `$` care about.
fn line_terminators() -> CharSet {
    CharSet::from_ranges(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029)])
}

fn single(c: u32) -> CharSet {
    CharSet::single(c)
}

fn ascii_swap_case(c: u32) -> Option<u32> {
    let ch = char::from_u32(c).filter(char::is_ascii_alphabetic)?;
    let swapped = if ch.is_ascii_lowercase() {
        ch.to_ascii_uppercase()
    } else {
        ch.to_ascii_lowercase()
    };
    Some(u32::from(swapped))
}

/// The set with each ASCII letter's other case added (Java's `(?i)` without `(?u)`).
fn fold_ascii(set: &CharSet) -> CharSet {
    let mut folded = set.clone();
    for c in u32::from('A')..=u32::from('z') {
        if let Some(other) = ascii_swap_case(c) {
            if set.contains(c) {
                folded.add_range(other, other);
            }
        }
    }
    folded
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        let matches = self.pos + n <= self.chars.len()
            && s.chars().zip(&self.chars[self.pos..]).all(|(a, &b)| a == b);
        if matches {
            self.pos += n;
        }
        matches
    }

    fn unchecked(&mut self, reason: impl Into<String>) {
        if self.unchecked.is_none() {
            self.unchecked = Some(reason.into());
        }
    }

    /// A literal code point under the flags in force.
    fn literal(&mut self, c: u32) -> J {
        J::Leaf(Node::Class(self.fold(single(c))))
    }

    /// Case folding for literals and ranges under `(?i)`.
    fn fold(&mut self, set: CharSet) -> CharSet {
        if !self.flags.case_insensitive {
            return set;
        }
        if self.flags.unicode_case {
            self.unchecked("Unicode case folding (`(?iu)`)");
        }
        fold_ascii(&set)
    }

    /// A predefined class (`\d`, `\p{L}`...) under `(?i)`: exact only when folding leaves
    /// it as it is.
    fn predefined(&mut self, set: CharSet) -> CharSet {
        if self.flags.case_insensitive && fold_ascii(&set) != set {
            self.unchecked("a case-sensitive class under `(?i)`");
        }
        if self.flags.unicode_class {
            self.unchecked("Unicode classes (`(?U)`)");
        }
        set
    }

    fn disjunction(&mut self) -> Result<J, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nested too deeply".to_owned());
        }
        let mut alternatives = vec![self.term()?];
        while self.eat('|') {
            alternatives.push(self.term()?);
        }
        self.depth -= 1;
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(J::Leaf(Node::Empty))
        } else {
            J::Alt(alternatives)
        })
    }

    fn term(&mut self) -> Result<J, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if self.flags.comments && (c.is_whitespace() || c == '#') {
                self.unchecked("comments mode (`(?x)`)");
            }
            let atom = match c {
                ')' | '|' => break,
                '*' | '+' | '?' => return Err(format!("Dangling meta character '{c}'")),
                // Java reads a quantifier here as repeating nothing: `a{2}{3}` is `a{2}`.
                '{' => {
                    self.java_only = true;
                    J::Leaf(Node::Empty)
                }
                '^' => {
                    self.pos += 1;
                    if self.flags.multiline {
                        self.unchecked("`^` in multiline mode");
                    }
                    J::Leaf(Node::Start)
                }
                '$' => {
                    self.pos += 1;
                    if self.flags.multiline || self.flags.unix_lines {
                        self.unchecked("`$` in multiline or Unix-lines mode");
                    }
                    J::Dollar
                }
                '.' => {
                    self.pos += 1;
                    if self.flags.unix_lines {
                        self.unchecked("`.` in Unix-lines mode");
                    }
                    J::Leaf(Node::Class(if self.flags.dot_all {
                        CharSet::from_ranges(&[(0, charset::MAX)])
                    } else {
                        line_terminators().complement()
                    }))
                }
                '\\' => {
                    self.pos += 1;
                    match self.escape(&mut items)? {
                        Some(atom) => atom,
                        None => continue,
                    }
                }
                '[' => {
                    self.pos += 1;
                    J::Leaf(Node::Class(self.class()?))
                }
                '(' => match self.group()? {
                    Some(group) => group,
                    // Flags alone: nothing to match, nothing to repeat.
                    None => continue,
                },
                _ => {
                    self.pos += 1;
                    self.literal(u32::from(c))
                }
            };
            let atom = self.quantified(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            1 => items.pop().unwrap_or(J::Leaf(Node::Empty)),
            _ => J::Concat(items),
        })
    }

    /// The atom with the quantifier that follows it, if any (greedy, lazy `?` or possessive
    /// `+`). Java quantifies anchors too.
    fn quantified(&mut self, atom: J) -> Result<J, String> {
        let (min, max) = match self.peek() {
            Some('{') => self.braced()?,
            Some(c @ ('*' | '+' | '?')) => {
                self.pos += 1;
                match c {
                    '*' => (0, None),
                    '+' => (1, None),
                    _ => (0, Some(1)),
                }
            }
            _ => return Ok(atom),
        };
        if matches!(atom, J::Leaf(Node::Start | Node::End) | J::Dollar) {
            self.java_only = true;
        }
        let possessive = self.eat('+');
        if !possessive {
            self.eat('?');
        }
        if possessive {
            self.java_only = true;
        }
        Ok(J::Repeat {
            node: Box::new(atom),
            min,
            max,
            possessive,
        })
    }

    /// `{n}`, `{n,}`, `{n,m}`, consumed with the closing `}`.
    fn braced(&mut self) -> Result<(u32, Option<u32>), String> {
        let start = self.pos;
        self.pos += 1;
        let number = |p: &mut Parser| -> Option<u32> {
            let first = p.pos;
            let mut value = 0u32;
            while let Some(d) = p.peek().and_then(|c| c.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(d);
                p.pos += 1;
            }
            (p.pos > first).then_some(value)
        };
        let Some(min) = number(self) else {
            self.pos = start;
            return Err("Illegal repetition".to_owned());
        };
        let max = if self.eat(',') {
            number(self)
        } else {
            Some(min)
        };
        if self.peek() != Some('}') {
            return Err("Unclosed counted closure".to_owned());
        }
        if max.is_some_and(|max| max < min) {
            return Err("Illegal repetition range".to_owned());
        }
        self.pos += 1;
        Ok((min, max))
    }

    /// After `(`: a group, or `None` for flags alone (`(?i)`), which change the flags in
    /// force up to the end of the enclosing group.
    fn group(&mut self) -> Result<Option<J>, String> {
        self.pos += 1;
        let saved = self.flags;
        let mut discard = false;
        if self.eat('?') {
            if self.eat_str("<=") || self.eat_str("<!") {
                let negative = self.chars[self.pos - 1] == '!';
                let node = self.disjunction()?;
                if !self.eat(')') {
                    return Err("Unclosed group".to_owned());
                }
                self.flags = saved;
                // One code point back is what the automaton can look at.
                let J::Leaf(Node::Class(set)) = node else {
                    self.unchecked("a lookbehind longer than one character");
                    return Ok(Some(J::Leaf(Node::Empty)));
                };
                return Ok(Some(J::Leaf(Node::Behind { set, negative })));
            } else if self.peek() == Some('=') || self.peek() == Some('!') {
                let negative = self.eat('!');
                self.eat('=');
                let node = self.disjunction()?;
                if !self.eat(')') {
                    return Err("Unclosed group".to_owned());
                }
                self.flags = saved;
                return Ok(Some(J::Look {
                    negative,
                    node: Box::new(node),
                }));
            } else if self.eat('>') {
                self.java_only = true;
                self.unchecked("an atomic group");
                discard = true;
            } else if self.eat('<') {
                self.group_name()?;
            } else if !self.modifiers()? {
                return Ok(None);
            }
        }
        let node = self.disjunction()?;
        if !self.eat(')') {
            return Err("Unclosed group".to_owned());
        }
        self.flags = saved;
        Ok(Some(if discard { J::Leaf(Node::Empty) } else { node }))
    }

    /// After `(?<`: a name (a letter, then letters and digits) and `>`.
    fn group_name(&mut self) -> Result<(), String> {
        let first = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
            self.pos += 1;
        }
        if self.pos > first && self.chars[first].is_ascii_alphabetic() && self.eat('>') {
            Ok(())
        } else {
            Err("Named capturing group is missing or has a bad name".to_owned())
        }
    }

    /// After `(?`: flags to set or (after `-`) clear, then `:` (a group follows: `true`)
    /// or `)` (flags alone: `false`). ECMA-262 has the same modifier groups for `i`, `m`
    /// and `s`; anything else is Java's own.
    fn modifiers(&mut self) -> Result<bool, String> {
        let mut on = true;
        loop {
            let flag = match self.peek() {
                Some(')') => {
                    self.pos += 1;
                    self.java_only = true;
                    return Ok(false);
                }
                Some(':') => {
                    self.pos += 1;
                    return Ok(true);
                }
                Some('-') => {
                    on = false;
                    self.pos += 1;
                    continue;
                }
                Some(c) => c,
                None => return Err("Unknown inline modifier".to_owned()),
            };
            let slot = match flag {
                'i' => &mut self.flags.case_insensitive,
                's' => &mut self.flags.dot_all,
                'm' => &mut self.flags.multiline,
                'x' => &mut self.flags.comments,
                'd' => &mut self.flags.unix_lines,
                'u' => &mut self.flags.unicode_case,
                'U' => &mut self.flags.unicode_class,
                _ => return Err("Unknown inline modifier".to_owned()),
            };
            *slot = on;
            self.java_only |= !matches!(flag, 'i' | 'm' | 's');
            self.pos += 1;
        }
    }

    /// After `\` outside a class: an atom, or `None` for a `\Q..\E` quote that pushed its
    /// literals to `items` already (a quantifier after it applies to its last one, as the
    /// literal stays in `items`' last place).
    fn escape(&mut self, items: &mut Vec<J>) -> Result<Option<J>, String> {
        let Some(c) = self.peek() else {
            return Err("Unexpected internal error".to_owned());
        };
        let atom = match c {
            'A' => {
                self.pos += 1;
                self.java_only = true;
                J::Leaf(Node::Start)
            }
            'z' => {
                self.pos += 1;
                self.java_only = true;
                J::Leaf(Node::End)
            }
            'Z' => {
                self.pos += 1;
                self.java_only = true;
                if self.flags.unix_lines {
                    self.unchecked("`\\Z` in Unix-lines mode");
                }
                J::Dollar
            }
            'Q' => {
                self.pos += 1;
                self.java_only = true;
                let mut quoted = Vec::new();
                while self.peek().is_some() && !self.eat_str("\\E") {
                    let c = self.chars[self.pos];
                    self.pos += 1;
                    quoted.push(self.literal(u32::from(c)));
                }
                let Some(last) = quoted.pop() else {
                    return Ok(None);
                };
                items.extend(quoted);
                last
            }
            'b' | 'B' | 'G' | 'X' | 'R' | 'N' | 'k' | '1'..='9' => {
                self.pos += 1;
                self.unchecked(format!("`\\{c}`"));
                J::Leaf(Node::Empty)
            }
            _ => match self.class_escape()? {
                Escape::Char(c) => self.literal(c),
                Escape::Set(set) => J::Leaf(Node::Class(set)),
            },
        };
        Ok(Some(atom))
    }

    /// An escape that stands for characters, in or out of a class (after `\`).
    fn class_escape(&mut self) -> Result<Escape, String> {
        let Some(c) = self.peek() else {
            return Err("Unexpected internal error".to_owned());
        };
        self.pos += 1;
        let posix = |ranges: &[(u32, u32)]| CharSet::from_ranges(ranges);
        let set = |p: &mut Parser, set: CharSet, negated: bool| {
            let set = p.predefined(set);
            Escape::Set(if negated { set.complement() } else { set })
        };
        Ok(match c {
            't' => Escape::Char(0x09),
            'n' => Escape::Char(0x0A),
            'r' => Escape::Char(0x0D),
            'f' => Escape::Char(0x0C),
            'a' => {
                self.java_only = true;
                Escape::Char(0x07)
            }
            'e' => {
                self.java_only = true;
                Escape::Char(0x1B)
            }
            'c' => match self.peek() {
                Some(x) => {
                    self.pos += 1;
                    Escape::Char(u32::from(x) ^ 64)
                }
                None => return Err("Illegal control escape sequence".to_owned()),
            },
            '0' => Escape::Char(self.octal()?),
            'x' => Escape::Char(self.hex()?),
            'u' => Escape::Char(self.unicode()?),
            'd' | 'D' => set(self, charset::digits(), c == 'D'),
            'w' | 'W' => set(self, charset::word(), c == 'W'),
            's' | 'S' => set(self, posix(&[(0x09, 0x0D), (0x20, 0x20)]), c == 'S'),
            'h' | 'H' => {
                self.java_only = true;
                let horizontal = posix(&[
                    (0x09, 0x09),
                    (0x20, 0x20),
                    (0xA0, 0xA0),
                    (0x1680, 0x1680),
                    (0x180E, 0x180E),
                    (0x2000, 0x200A),
                    (0x202F, 0x202F),
                    (0x205F, 0x205F),
                    (0x3000, 0x3000),
                ]);
                set(self, horizontal, c == 'H')
            }
            'v' | 'V' => {
                self.java_only = true;
                let vertical = posix(&[(0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029)]);
                set(self, vertical, c == 'V')
            }
            'p' | 'P' => {
                self.java_only = true;
                let name: String = if self.eat('{') {
                    let first = self.pos;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.pos += 1;
                    }
                    let name = self.chars[first..self.pos].iter().collect();
                    if !self.eat('}') {
                        return Err("Unclosed character family".to_owned());
                    }
                    name
                } else {
                    match self.peek() {
                        Some(letter) => {
                            self.pos += 1;
                            letter.to_string()
                        }
                        None => return Err("Illegal character family".to_owned()),
                    }
                };
                match unicode::property(&name) {
                    Some(found) => set(self, found, c == 'P'),
                    None => {
                        self.unchecked(format!("the class `\\p{{{name}}}`"));
                        Escape::Set(CharSet::new())
                    }
                }
            }
            c if c.is_ascii_alphabetic() => {
                self.unchecked(format!("the escape `\\{c}`"));
                Escape::Set(CharSet::new())
            }
            c => Escape::Char(u32::from(c)),
        })
    }

    /// After `\0`: one to three octal digits (three only when the first is 0 to 3).
    fn octal(&mut self) -> Result<u32, String> {
        let digit = |c: Option<char>| c.and_then(|c| c.to_digit(8));
        let Some(first) = digit(self.peek()) else {
            return Err("Illegal octal escape sequence".to_owned());
        };
        self.pos += 1;
        let mut value = first;
        if let Some(second) = digit(self.peek()) {
            self.pos += 1;
            value = value * 8 + second;
            if first <= 3 {
                if let Some(third) = digit(self.peek()) {
                    self.pos += 1;
                    value = value * 8 + third;
                }
            }
        }
        Ok(value)
    }

    /// After `\x`: two hex digits or `{hex}`.
    fn hex(&mut self) -> Result<u32, String> {
        let invalid = || "Illegal hexadecimal escape sequence".to_owned();
        if self.eat('{') {
            self.java_only = true;
            let first = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.pos += 1;
            }
            let digits: String = self.chars[first..self.pos].iter().collect();
            if !self.eat('}') {
                return Err(invalid());
            }
            return u32::from_str_radix(&digits, 16)
                .ok()
                .filter(|&c| c <= charset::MAX)
                .ok_or_else(invalid);
        }
        let digits: String = self
            .chars
            .get(self.pos..self.pos + 2)
            .ok_or_else(invalid)?
            .iter()
            .collect();
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        self.pos += 2;
        u32::from_str_radix(&digits, 16).map_err(|_| invalid())
    }

    /// After `\u`: four hex digits; a surrogate pair in two escapes is one code point.
    fn unicode(&mut self) -> Result<u32, String> {
        let high = self.hex4()?;
        if (0xD800..=0xDBFF).contains(&high)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            let back = self.pos;
            self.pos += 2;
            if let Ok(low) = self.hex4() {
                if let Some(Ok(c)) = char::decode_utf16([high as u16, low as u16]).next() {
                    return Ok(u32::from(c));
                }
            }
            self.pos = back;
        }
        Ok(high)
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let invalid = || "Illegal Unicode escape sequence".to_owned();
        let digits: String = self
            .chars
            .get(self.pos..self.pos + 4)
            .ok_or_else(invalid)?
            .iter()
            .collect();
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        self.pos += 4;
        u32::from_str_radix(&digits, 16).map_err(|_| invalid())
    }

    /// After `[`: a class, with Java's unions (`[a[b]]`) and intersections (`[a&&b]`).
    fn class(&mut self) -> Result<CharSet, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nested too deeply".to_owned());
        }
        let negated = self.eat('^');
        let mut set = CharSet::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err("Unclosed character class".to_owned());
            };
            if self.flags.comments && (c.is_whitespace() || c == '#') {
                self.unchecked("comments mode (`(?x)`)");
            }
            match c {
                ']' if !first => {
                    self.pos += 1;
                    break;
                }
                '[' => {
                    self.pos += 1;
                    self.java_only = true;
                    if negated {
                        self.unchecked("a negated class with nested classes");
                    }
                    let inner = self.class()?;
                    set.add_set(&inner);
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    self.java_only = true;
                    if negated {
                        self.unchecked("a negated class with an intersection");
                    }
                    let right = self.class_rest()?;
                    set = intersection(&set, &right);
                    break;
                }
                _ => {
                    let low = self.class_atom()?;
                    match low {
                        Escape::Set(s) => set.add_set(&s),
                        Escape::Char(low) => {
                            if self.peek() == Some('-')
                                && !matches!(self.peek_at(1), Some(']') | Some('[') | None)
                            {
                                self.pos += 1;
                                let Escape::Char(high) = self.class_atom()? else {
                                    return Err("Illegal character range".to_owned());
                                };
                                if high < low {
                                    return Err("Illegal character range".to_owned());
                                }
                                let range = self.fold(CharSet::from_ranges(&[(low, high)]));
                                set.add_set(&range);
                            } else {
                                let one = self.fold(single(low));
                                set.add_set(&one);
                            }
                        }
                    }
                }
            }
            first = false;
        }
        self.depth -= 1;
        Ok(if negated { set.complement() } else { set })
    }

    /// The right side of `&&`, up to and including the class's closing `]`.
    fn class_rest(&mut self) -> Result<CharSet, String> {
        // Read as a class of its own that starts here; it cannot be negated by a `^`.
        let mut set = CharSet::new();
        loop {
            match self.peek() {
                None => return Err("Unclosed character class".to_owned()),
                Some(']') => {
                    self.pos += 1;
                    return Ok(set);
                }
                Some('[') => {
                    self.pos += 1;
                    let inner = self.class()?;
                    set.add_set(&inner);
                }
                Some('&') if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    let right = self.class_rest()?;
                    return Ok(intersection(&set, &right));
                }
                Some(_) => {
                    self.unchecked("an intersection with loose characters");
                    self.class_atom()?;
                }
            }
        }
    }

    fn class_atom(&mut self) -> Result<Escape, String> {
        let Some(c) = self.peek() else {
            return Err("Unclosed character class".to_owned());
        };
        self.pos += 1;
        if c != '\\' {
            return Ok(Escape::Char(u32::from(c)));
        }
        match self.peek() {
            Some(
                'Q' | 'E' | 'b' | 'B' | 'A' | 'z' | 'Z' | 'G' | 'X' | 'R' | 'N' | 'k' | '1'..='9',
            ) => {
                let c = self.chars[self.pos];
                self.pos += 1;
                self.unchecked(format!("`\\{c}` in a class"));
                Ok(Escape::Set(CharSet::new()))
            }
            _ => self.class_escape(),
        }
    }
}

enum Escape {
    Char(u32),
    Set(CharSet),
}

fn intersection(a: &CharSet, b: &CharSet) -> CharSet {
    let mut outside = a.complement();
    outside.add_set(&b.complement());
    outside.complement()
}

/// What may come next at some point of the pattern, as far as exactness needs to know.
#[derive(Clone, Debug)]
struct Look {
    /// The characters it may read first.
    first: CharSet,
    /// It may match here without reading anything (and without being at the end).
    passes: bool,
    /// It may test where it stands (`^`, a lookbehind) before reading anything.
    start: bool,
    /// It may meet `\z` before reading anything.
    end: bool,
}

impl Look {
    fn end() -> Look {
        Look {
            first: CharSet::new(),
            passes: true,
            start: false,
            end: false,
        }
    }

    /// `self` followed by `then`.
    fn then(self, then: &Look) -> Look {
        let mut first = self.first;
        if self.passes {
            first.add_set(&then.first);
        }
        Look {
            first,
            passes: self.passes && then.passes,
            start: self.start || (self.passes && then.start),
            end: self.end || (self.passes && then.end),
        }
    }

    fn or(mut self, other: &Look) -> Look {
        self.first.add_set(&other.first);
        self.passes |= other.passes;
        self.start |= other.start;
        self.end |= other.end;
        self
    }
}

fn look(j: &J) -> Look {
    match j {
        J::Leaf(Node::Class(set)) => Look {
            first: set.clone(),
            passes: false,
            ..Look::end()
        },
        J::Leaf(Node::Start | Node::Behind { .. }) => Look {
            start: true,
            ..Look::end()
        },
        J::Leaf(Node::End) => Look {
            passes: false,
            end: true,
            ..Look::end()
        },
        J::Dollar => Look {
            first: line_terminators(),
            passes: false,
            ..Look::end()
        },
        J::Leaf(_) | J::Look { .. } => Look::end(),
        J::Concat(items) => items
            .iter()
            .rev()
            .fold(Look::end(), |rest, item| look(item).then(&rest)),
        J::Alt(items) => items.iter().fold(
            Look {
                passes: false,
                ..Look::end()
            },
            |all, item| all.or(&look(item)),
        ),
        J::Repeat { node, min, max, .. } => {
            if *max == Some(0) {
                return Look::end();
            }
            let body = look(node);
            Look {
                passes: *min == 0 || body.passes,
                ..body
            }
        }
    }
}

/// Whether `j` can read a character at all (`$` and `^` cannot).
fn consumes(j: &J) -> bool {
    match j {
        J::Leaf(Node::Class(set)) => !set.is_empty(),
        J::Leaf(_) | J::Dollar | J::Look { .. } => false,
        J::Concat(items) | J::Alt(items) => items.iter().any(consumes),
        J::Repeat { node, max, .. } => *max != Some(0) && consumes(node),
    }
}

/// Checks that each `$` and possessive quantifier reads exactly as its lowering, given what
/// may follow it.
fn check(j: &J, follow: &Look) -> Result<(), String> {
    match j {
        J::Leaf(_) => Ok(()),
        // Only lookaheads at the start are kept, each checked as a pattern of its own.
        J::Look { .. } => Err("lookahead".to_owned()),
        J::Dollar => {
            // Lowered, `$` reads the final line terminator itself; what follows must not
            // want to read it instead, nor ask where `$` stood (`^`, `\z`).
            let overlap = intersection(&follow.first, &line_terminators());
            if overlap.is_empty() && !follow.start && !follow.end {
                Ok(())
            } else {
                Err("`$` followed by what may read a line terminator or test a position".to_owned())
            }
        }
        J::Concat(items) => {
            let mut after = follow.clone();
            for item in items.iter().rev() {
                check(item, &after)?;
                after = look(item).then(&after);
            }
            Ok(())
        }
        J::Alt(items) => items.iter().try_for_each(|item| check(item, follow)),
        J::Repeat {
            node,
            min,
            max,
            possessive,
        } => {
            if !consumes(node) {
                return check(node, follow);
            }
            if *possessive && Some(*min) != *max {
                possessive_is_greedy(node, follow)?;
            }
            let again = max.is_none_or(|max| max > 1);
            let inner = if again {
                look(node).or(follow)
            } else {
                follow.clone()
            };
            check(node, &inner)
        }
    }
}

/// A possessive repetition of one character class takes the longest run it can and never
/// gives any back. That is what the greedy one ends up doing whenever what follows cannot
/// begin with a character of the class (nor with `^`): the automaton then checks it as
/// greedy, exactly.
fn possessive_is_greedy(node: &J, follow: &Look) -> Result<(), String> {
    let J::Leaf(Node::Class(set)) = node else {
        return Err("a possessive quantifier on more than one character class".to_owned());
    };
    if !intersection(set, &follow.first).is_empty() || follow.start {
        return Err("a possessive quantifier followed by what its class may match".to_owned());
    }
    Ok(())
}

/// The pattern's trees, when each reads exactly: lookaheads right after a leading `^`
/// become patterns of their own; anywhere else they cannot be checked.
fn exact(tree: J) -> Result<Tree, String> {
    let mut looks = Vec::new();
    let tree = match tree {
        J::Concat(mut items) if matches!(items.first(), Some(J::Leaf(Node::Start))) => {
            while let Some(J::Look { .. }) = items.get(1) {
                if let J::Look { negative, node } = items.remove(1) {
                    looks.push((negative, *node));
                }
            }
            J::Concat(items)
        }
        tree => tree,
    };
    check(&tree, &Look::end())?;
    let mut lookaheads = Vec::new();
    for (negative, node) in looks {
        // A lookahead succeeds once its pattern reaches its end, whatever follows.
        check(&node, &Look::end())?;
        lookaheads.push(Lookahead {
            node: Node::Concat(vec![Node::Start, lower(&node)]),
            negative,
        });
    }
    Ok(Tree {
        node: lower(&tree),
        lookaheads,
    })
}

/// The tree the automaton is built from.
fn lower(j: &J) -> Node {
    match j {
        // `check` has refused the pattern before.
        J::Look { .. } => Node::Empty,
        J::Leaf(node) => node.clone(),
        J::Dollar => {
            let terminator = Node::Alt(vec![
                Node::Class(line_terminators()),
                Node::Concat(vec![Node::Class(single(0x0D)), Node::Class(single(0x0A))]),
            ]);
            Node::Concat(vec![
                Node::Repeat {
                    node: Box::new(terminator),
                    min: 0,
                    max: Some(1),
                },
                Node::End,
            ])
        }
        J::Concat(items) => Node::Concat(items.iter().map(lower).collect()),
        J::Alt(items) => Node::Alt(items.iter().map(lower).collect()),
        J::Repeat { node, min, max, .. } => {
            if *max == Some(0) {
                Node::Empty
            } else if !consumes(node) {
                // Java stops repeating what matched nothing: once is as good as many.
                if *min == 0 {
                    Node::Empty
                } else {
                    lower(node)
                }
            } else {
                Node::Repeat {
                    node: Box::new(lower(node)),
                    min: *min,
                    max: *max,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated matcher for `pattern` read as Java: it must accept each of `accepted`
    /// and refuse each of `refused`. (Each expectation here was checked against
    /// `java.util.regex.Pattern.compile(pattern).matcher(value).find()`.)
    fn agrees(pattern: &str, accepted: &[&str], refused: &[&str]) {
        let reading = read(pattern);
        let tree = match reading.result {
            Ok(tree) => tree,
            Err(refusal) => panic!("{pattern}: {refusal:?}"),
        };
        let tables = super::super::compile_java(&tree).unwrap();
        for value in accepted {
            assert!(tables.matches(value), "{pattern} must accept {value:?}");
        }
        for value in refused {
            assert!(!tables.matches(value), "{pattern} must refuse {value:?}");
        }
    }

    fn unchecked(pattern: &str, why: &str) {
        match read(pattern).result {
            Err(Refusal::Unchecked(reason)) => assert!(reason.contains(why), "{pattern}: {reason}"),
            other => panic!("{pattern}: {other:?}"),
        }
    }

    fn invalid(pattern: &str) {
        let reading = read(pattern);
        assert!(
            matches!(reading.result, Err(Refusal::Invalid(_))),
            "{pattern}: {reading:?}"
        );
    }

    #[test]
    fn inline_flags_at_the_start_and_in_the_middle() {
        agrees("^(?i)[a-z]+$", &["abc", "ABC", "aBc"], &["ab1", "", "é"]);
        agrees("^ab(?i)cd$", &["abcd", "abCD"], &["ABcd", "abc"]);
        agrees("^(?i:ab)c$", &["ABc", "abc"], &["ABC"]);
        // Flags end with the group that sets them, and reach across `|` within it.
        agrees("^(a(?i)b)c$", &["aBc"], &["aBC", "ABc"]);
        agrees("^(?:a(?i)b|c)$", &["C", "aB"], &["AB"]);
        agrees("^(?i)\\Qa.b\\E$", &["A.B"], &["AxB"]);
        agrees("^(?i)[^a]$", &["b"], &["a", "A"]);
        // `(?s)`: `.` reads line terminators too; without it, not even U+0085.
        agrees("^(?s).+$", &["a\nb", "\r"], &[""]);
        agrees("^(?s)a.b$", &["a\u{85}b"], &["ab"]);
        agrees(
            "^(?-s)a.b$",
            &["a\u{2027}b"],
            &["a\u{85}b", "a\nb", "a\u{2028}b"],
        );
        agrees("^(?s-i)x(?i).$", &["x\n"], &["X\n"]);
        // Classes that folding would change, and flags we do not model, are not checked.
        unchecked("(?i)\\p{Lu}", "under `(?i)`");
        unchecked("(?m)^a$", "multiline");
        unchecked("(?x)a b", "comments");
        unchecked("(?x)[a b]", "comments");
        unchecked("(?iu)é", "Unicode case");
        unchecked("(?U)\\w", "(?U)");
        unchecked("(?d).", "Unix-lines");
    }

    #[test]
    fn possessive_quantifiers() {
        // What follows cannot start with the class: possessive and greedy agree.
        agrees("^[a-z]*+[0-9]$", &["abc1", "1"], &["abc", "abc12"]);
        agrees("^\\s?+x$", &[" x", "x"], &["  x"]);
        agrees("^[a-z]++$", &["abc"], &["", "ab1"]);
        agrees("^a{2,3}+$", &["aa", "aaa"], &["a", "aaaa"]);
        agrees("^a{2}+b$", &["aab"], &["ab", "aaab"]);
        agrees("x[0-9]*+", &["x", "ax12"], &["y1"]);
        // Otherwise Java gives back nothing where greedy would: not checked.
        unchecked("^[a-z]*+a$", "possessive");
        unchecked("^(ab)*+$", "possessive");
        unchecked("^[a-z]*+[a-c]?$", "possessive");
        unchecked("^([a-z]*+)*$", "possessive");
    }

    #[test]
    fn unicode_classes() {
        agrees(
            "^\\p{L}+$",
            &["héllo", "漢字", "Ωmega"],
            &["abc1", "", "a b"],
        );
        agrees(
            "^[\\p{L}\\p{N}\\p{Z}]+$",
            &["a 1", "٣", "x\u{3000}y", "½"],
            &["a-b", "a\tb", "a_b"],
        );
        agrees("^\\pL\\pN$", &["a1", "é٣"], &["1a"]);
        agrees("^\\P{N}+$", &["abc", "a-b"], &["a1", "٣"]);
        agrees("^[^\\p{L}]+$", &["123"], &["a"]);
        agrees("^\\p{Lu}\\p{Ll}*$", &["Hello", "Élan"], &["hello", "HEllo"]);
        agrees("^\\p{IsAlphabetic}+$", &["Ⅻa", "aé"], &["a1"]);
        agrees("^\\p{IsLatin}+$", &["aé"], &["aα"]);
        agrees("^\\p{Alpha}+$", &["abc", "ABC"], &["é", "a1"]);
        agrees("^(?i)\\p{L}+$", &["aB"], &["1"]);
        agrees("^\\p{Punct}$", &["~", "!"], &["a", "¡"]);
        unchecked("\\p{InGreek}", "InGreek");
        unchecked("\\p{javaLowerCase}", "javaLowerCase");
    }

    #[test]
    fn lookaheads_at_the_start_are_checked() {
        agrees(
            "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$",
            &["Name", "aws", "aws-x", "my:aws:", "", "Ünïcode 1"],
            &["aws:x", "aws:", "a\tb", "AWS:x!"],
        );
        agrees("^(?i)(?!aws:)\\w", &["a", "AWSx"], &["aws:", "AWS:"]);
        agrees("^(?=a)\\w+", &["ab", "a"], &["ba", ""]);
        agrees("^(?!a)(?!b)[a-z]", &["c", "cab"], &["a", "b", "1"]);
        agrees("^(?![^@]*$).+$", &["a@b"], &["ab"]);
        agrees(
            "^(?=.*[0-9]$)(?!0)\\d+",
            &["12", "1a2"],
            &["01", "12a", "a"],
        );
    }

    #[test]
    fn lookbehinds_of_one_character_are_checked() {
        agrees("^(?<! )\\p{L}+$", &["abc", "é"], &[" abc", "a1"]);
        agrees("^[a-z ]*(?<! )$", &["", "a b", "ab"], &["a ", " ", "a b "]);
        agrees("(?<![.-])x", &["x", "ax", ".ax"], &[".x", "-x"]);
        agrees("^a+(?<=a)b", &["aab"], &["b", "ba"]);
        agrees("(?<=\\s)\\d", &["a 1"], &["a1", "1"]);
        agrees("^(?i)a(?<=[a])", &["a", "A"], &["b"]);
        agrees(
            "^[a-z]+(?<!x)(?<!y)$",
            &["ab", "ab\n"],
            &["abx", "aby", "ab1"],
        );
    }

    #[test]
    fn other_lookaround_is_not_checked() {
        unchecked("^(?<!ab)c", "lookbehind");
        unchecked("(?<!a|bc)d", "lookbehind");
        // After `$`, a lookbehind would look at the terminator `$` stands before.
        unchecked("a$(?<!\\n)", "`$`");
        unchecked("^[a-z]*+(?<!a)", "possessive");
        unchecked("a(?!b)", "lookahead");
        unchecked("^a(?=b)", "lookahead");
        unchecked("^((?!a)b)", "lookahead");
        unchecked("^(?!(?!a)b)", "lookahead");
        unchecked("(?>a|ab)c", "atomic");
        unchecked("(a)\\1", "\\1");
        unchecked("\\bword\\b", "\\b");
    }

    #[test]
    fn a_quantifier_after_a_quantifier_repeats_nothing() {
        // Java reads `{0,1011}` here as repeating an empty atom: exactly 11 digits.
        agrees(
            "^[0-9]{11}{0,1011}$",
            &["12345678901"],
            &["1234567890", "1234567890112345678901", ""],
        );
        agrees("^a{2}{3}$", &["aa"], &["aaaaaa", "a"]);
        agrees("^{2}a$", &["a"], &["aa"]);
        invalid("a{2}{x}");
        invalid("a{2}*");
    }

    #[test]
    fn quantified_anchors() {
        // `$` repeated is `$`; it holds at the end or before a final line terminator.
        agrees(
            "^[a-z]+${1,128}",
            &["abc", "abc\n", "abc\r\n"],
            &["abc1", "abc\n\n", "", "abc\nd"],
        );
        agrees("^a$?b", &["ab"], &["a"]);
        agrees("^*a", &["ba"], &["b"]);
        agrees("\\Aa\\z", &["a"], &["a\n", "ba"]);
        agrees("^a\\Z", &["a", "a\u{2028}"], &["a\n\n"]);
    }

    #[test]
    fn dollar_is_exact_unless_a_line_terminator_may_follow_it() {
        agrees(
            "^a$",
            &["a", "a\n", "a\r\n", "a\r", "a\u{85}"],
            &["a\n\n", "a\nb", "ab"],
        );
        agrees("^a$b?", &["a", "a\n"], &["ab"]);
        unchecked("^a$\\n", "`$`");
        unchecked("^a$(?s).?", "`$`");
        // Java's `$` does not read the terminator: `\z` or `^` after it still see it.
        unchecked("a$\\z", "`$`");
        unchecked("\\Z^", "`$`");
    }

    #[test]
    fn other_java_syntax() {
        agrees("^\\Q.*\\E$", &[".*"], &["ab", "."]);
        agrees("^[a-z&&[^aeiou]]+$", &["bcd"], &["bad", "B"]);
        agrees("^[a-f[0-9]]+$", &["a1", "f9"], &["g"]);
        agrees("^\\x{1F980}\\x41\\u00e9\\0101$", &["🦀AéA"], &["🦀Aé"]);
        agrees("^\\uD83E\\uDD80$", &["🦀"], &["x"]);
        agrees("^\\h\\v$", &["\u{A0}\u{2028}"], &[" a"]);
        agrees("^\\a\\e\\cA$", &["\u{7}\u{1B}\u{1}"], &["aec"]);
        agrees("^[a-c-e]$", &["b", "-", "e"], &["d"]);
        agrees("^[]a]$", &["]", "a"], &["b"]);
        agrees("^(?<name>ab)$", &["ab"], &["a"]);
        agrees("^\\s+$", &[" \t\n\u{B}"], &["\u{A0}"]);
    }

    #[test]
    fn what_java_refuses() {
        for pattern in [
            "(unclosed",
            "[a",
            "a)",
            "*a",
            "a{2,1}",
            "a**",
            "a{",
            "(?q)a",
            "\\0",
            "[a-\\d]",
            "(?i)*a",
            "\\p{L",
        ] {
            invalid(pattern);
        }
    }

    #[test]
    fn java_only_syntax_is_noticed() {
        for pattern in [
            "\\p{L}", "(?i)a", "a*+", "[a[b]]", "a{2}{3}", "$*", "\\Qa\\E", "\\x{41}", "(?x:a)",
            "(?>a)",
        ] {
            assert!(read(pattern).java_only, "{pattern}");
        }
        for pattern in [
            "^[a-z]+$",
            "(?:a)",
            "(?<n>a)",
            "(?<=a)",
            "\\d\\s\\w",
            "a{2,3}?",
            "(?i:a)",
            "(?-s:.)",
        ] {
            assert!(!read(pattern).java_only, "{pattern}");
        }
    }
}
