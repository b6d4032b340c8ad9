//! The parser: `java.util.regex.Pattern`'s syntax, with the flags in force, into `J`.

use super::super::charset::{self, CharSet};
use super::super::parse::Node;
use super::super::unicode;
use super::{line_terminators, J};

/// What parsing found.
pub(super) struct Parsed {
    /// The tree, or why Java refuses the pattern.
    pub tree: Result<J, String>,
    /// The first construct met that cannot be checked exactly.
    pub unchecked: Option<String>,
    pub java_only: bool,
}

pub(super) fn parse(pattern: &str) -> Parsed {
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
    Parsed {
        tree,
        unchecked: parser.unchecked,
        java_only: parser.java_only,
    }
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
                    set = set.intersection(&right);
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
                    return Ok(set.intersection(&right));
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
