//! The subset of ECMA-262 regular expressions (no flags) that compiles to an automaton,
//! parsed exactly as `regress` parses it (Annex B included: a lone `{`, `]` or `}` is a
//! literal, `\a` is `a`, `[\d-z]` is three atoms).
//!
//! Only patterns `regress` accepts reach this parser; anything it cannot translate exactly
//! (backreferences, lookaround, word boundaries, modifier groups, odd escapes) is an error
//! whose text says why, and the pattern falls back to `regress` in the generated crate.

use super::charset::{self, CharSet};

/// A regular expression without captures: what decides whether a match exists.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Empty,
    /// One code point from the set.
    Class(CharSet),
    /// `^`: the start of the input (no multiline flag).
    Start,
    /// `$`: the end of the input.
    End,
    /// `(?<=[..])` or (`negative`) `(?<![..])`: whether the code point before is in the set
    /// (at the start there is none). Only Java's reader makes it.
    Behind {
        set: CharSet,
        negative: bool,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    /// `min` to `max` (unbounded when `None`) repetitions; greedy or lazy alike.
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

/// `regress` refuses deeper nesting; the limit also keeps our recursion bounded.
const MAX_DEPTH: u32 = 256;

pub fn parse(pattern: &str) -> Result<Node, String> {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let node = parser.disjunction()?;
    match parser.peek() {
        None => Ok(node),
        Some(c) => Err(format!("unexpected `{c}`")),
    }
}

enum ClassAtom {
    Char(u32),
    Set(CharSet),
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: u32,
}

fn literal(c: u32) -> Node {
    Node::Class(CharSet::single(c))
}

fn concat(mut items: Vec<Node>) -> Node {
    match items.len() {
        0 => Node::Empty,
        1 => items.pop().unwrap_or(Node::Empty),
        _ => Node::Concat(items),
    }
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
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

    fn disjunction(&mut self) -> Result<Node, String> {
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
            alternatives.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alternatives)
        })
    }

    fn term(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            let (atom, quantifiable) = match c {
                ')' | '|' => break,
                '^' => {
                    self.pos += 1;
                    (Node::Start, false)
                }
                '$' => {
                    self.pos += 1;
                    (Node::End, false)
                }
                '\\' => {
                    self.pos += 1;
                    (self.atom_escape(&mut items)?, true)
                }
                '.' => {
                    self.pos += 1;
                    (Node::Class(charset::line_terminators().complement()), true)
                }
                '(' => (self.group()?, true),
                '[' => {
                    self.pos += 1;
                    (self.class()?, true)
                }
                '{' => {
                    if self.braced_quantifier().is_some() {
                        return Err("a quantifier with nothing to repeat".to_owned());
                    }
                    self.pos += 1;
                    (literal(u32::from('{')), true)
                }
                '*' | '+' | '?' => return Err(format!("`{c}` with nothing to repeat")),
                _ => {
                    self.pos += 1;
                    (literal(u32::from(c)), true)
                }
            };
            let atom = match self.quantifier()? {
                None => atom,
                Some(_) if !quantifiable => return Err("a quantified assertion".to_owned()),
                Some((min, max)) => Node::Repeat {
                    node: Box::new(atom),
                    min,
                    max,
                },
            };
            items.push(atom);
        }
        Ok(concat(items))
    }

    /// `* + ? {n} {n,} {n,m}`, each optionally lazy (`?`): the same language either way.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let quantifier = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.braced_quantifier() {
                Some((quantifier, end)) => {
                    self.pos = end - 1;
                    quantifier
                }
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        self.pos += 1;
        self.eat('?');
        if quantifier.1.is_some_and(|max| quantifier.0 > max) {
            return Err("a quantifier whose minimum exceeds its maximum".to_owned());
        }
        Ok(Some(quantifier))
    }

    /// The braced quantifier at the current position and the position after it, without
    /// consuming anything. Counts saturate (as in `regress`); the automaton's size limit
    /// turns huge ones away.
    fn braced_quantifier(&self) -> Option<((u32, Option<u32>), usize)> {
        let mut pos = self.pos;
        if self.chars.get(pos) != Some(&'{') {
            return None;
        }
        pos += 1;
        let number = |pos: &mut usize| -> Option<u32> {
            let start = *pos;
            let mut value = 0u32;
            while let Some(digit) = self.chars.get(*pos).and_then(|c| c.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(digit);
                *pos += 1;
            }
            (*pos > start).then_some(value)
        };
        let min = number(&mut pos)?;
        let mut max = Some(min);
        if self.chars.get(pos) == Some(&',') {
            pos += 1;
            max = number(&mut pos);
        }
        if self.chars.get(pos) != Some(&'}') {
            return None;
        }
        Some(((min, max), pos + 1))
    }

    fn group(&mut self) -> Result<Node, String> {
        for lookaround in ["(?=", "(?!", "(?<=", "(?<!"] {
            if self.eat_str(lookaround) {
                return Err("lookaround".to_owned());
            }
        }
        if !self.eat_str("(?:") {
            self.pos += 1; // `(`
            if self.eat('?') {
                // Only a named group is left: `(?<name>`; `(?i:` and the like are modifiers.
                if !self.eat('<') {
                    return Err("a modifier group".to_owned());
                }
                loop {
                    match self.next() {
                        Some('>') => break,
                        // Escaped names are rare; `regress` checks them, we need not.
                        Some('\\') | None => return Err("an escaped group name".to_owned()),
                        Some(_) => {}
                    }
                }
            }
        }
        let node = self.disjunction()?;
        if !self.eat(')') {
            return Err("an unbalanced parenthesis".to_owned());
        }
        Ok(node)
    }

    /// After `\` outside a class. `items` receives the `\` of a `\c` that is not a control
    /// escape: a quantifier after it applies to the `c` alone.
    fn atom_escape(&mut self, items: &mut Vec<Node>) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Err("an incomplete escape".to_owned());
        };
        Ok(match c {
            'b' | 'B' => return Err("a word boundary".to_owned()),
            'c' => {
                self.pos += 1;
                match self.peek() {
                    Some(letter) if letter.is_ascii_alphabetic() => {
                        self.pos += 1;
                        literal(u32::from(letter) % 32)
                    }
                    _ => {
                        items.push(literal(u32::from('\\')));
                        literal(u32::from('c'))
                    }
                }
            }
            'd' | 'D' | 's' | 'S' | 'w' | 'W' => {
                self.pos += 1;
                Node::Class(class_escape(c))
            }
            '1'..='9' => return Err("a backreference or octal escape".to_owned()),
            'k' => return Err("a named backreference".to_owned()),
            _ => literal(self.character_escape()?),
        })
    }

    /// A CharacterEscape (after `\`), the code point it stands for.
    fn character_escape(&mut self) -> Result<u32, String> {
        let Some(c) = self.next() else {
            return Err("an incomplete escape".to_owned());
        };
        Ok(match c {
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            'v' => 0x0B,
            'c' => match self.next() {
                Some(letter) if letter.is_ascii_alphabetic() => u32::from(letter) % 32,
                _ => return Err("an invalid control escape".to_owned()),
            },
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => 0,
            'x' => {
                let hex = |c: Option<char>| c.and_then(|c| c.to_digit(16));
                match (hex(self.peek()), hex(self.peek_at(1))) {
                    (Some(high), Some(low)) => {
                        self.pos += 2;
                        high * 16 + low
                    }
                    // Not a hex escape: `\x` is `x`.
                    _ => u32::from('x'),
                }
            }
            'u' => self.unicode_escape().unwrap_or(u32::from('u')),
            '0'..='7' => self.legacy_octal(c),
            _ => u32::from(c),
        })
    }

    /// `\0` to `\377` without the unicode flag, read as `regress` reads them.
    fn legacy_octal(&mut self, first: char) -> u32 {
        let value = |c: char| u32::from(c) - u32::from('0');
        let octal = |c: Option<char>| c.filter(|c| ('0'..='7').contains(c));
        let Some(second) = self.peek() else {
            return value(first);
        };
        if first == '0' && matches!(second, '8' | '9') {
            return 0;
        }
        let Some(second) = octal(Some(second)) else {
            return value(first);
        };
        self.pos += 1;
        if first <= '3' {
            if let Some(third) = octal(self.peek()) {
                self.pos += 1;
                return value(first) * 64 + value(second) * 8 + value(third);
            }
        }
        value(first) * 8 + value(second)
    }

    /// After `\u`: `{hex}` or four hex digits (a surrogate pair in two escapes is one code
    /// point). `None` leaves the input as it was: `\u` is then a `u`.
    fn unicode_escape(&mut self) -> Option<u32> {
        let start = self.pos;
        if self.eat('{') {
            let mut digits = String::new();
            loop {
                match self.next() {
                    Some('}') => break,
                    Some(c) => digits.push(c),
                    None => {
                        self.pos = start;
                        return None;
                    }
                }
            }
            return match u32::from_str_radix(&digits, 16) {
                Ok(code) if code <= charset::MAX => Some(code),
                _ => {
                    self.pos = start;
                    None
                }
            };
        }
        let Some(high) = self.hex4() else {
            self.pos = start;
            return None;
        };
        if !(0xD800..=0xDBFF).contains(&high) || !self.eat_str("\\u") {
            return Some(u32::from(high));
        }
        let after = self.pos;
        let pair = self
            .hex4()
            .and_then(|low| char::decode_utf16([high, low]).next())
            .and_then(Result::ok);
        match pair {
            Some(c) => Some(u32::from(c)),
            None => {
                // `regress` keeps the `\u` consumed and reads what follows as characters.
                self.pos = after;
                Some(u32::from(high))
            }
        }
    }

    /// Four characters read as hex the way `regress` reads them (`u16::from_str_radix`).
    fn hex4(&mut self) -> Option<u16> {
        let text: String = self.chars.get(self.pos..self.pos + 4)?.iter().collect();
        let value = u16::from_str_radix(&text, 16).ok()?;
        self.pos += 4;
        Some(value)
    }

    /// After `[`: a class, negated with `^`.
    fn class(&mut self) -> Result<Node, String> {
        let negated = self.eat('^');
        let mut set = CharSet::new();
        let add = |set: &mut CharSet, atom: ClassAtom| match atom {
            ClassAtom::Char(c) => set.add_range(c, c),
            ClassAtom::Set(s) => set.add_set(&s),
        };
        loop {
            match self.peek() {
                None => return Err("an unbalanced bracket".to_owned()),
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            let Some(first) = self.class_atom()? else {
                continue;
            };
            if !self.eat('-') {
                add(&mut set, first);
                continue;
            }
            let Some(second) = self.class_atom()? else {
                add(&mut set, first);
                set.add_range(u32::from('-'), u32::from('-'));
                continue;
            };
            match (first, second) {
                (ClassAtom::Char(low), ClassAtom::Char(high)) => {
                    if low > high {
                        return Err("a reversed range".to_owned());
                    }
                    set.add_range(low, high);
                }
                // A class escape cannot bound a range: the three atoms stand for themselves.
                (first, second) => {
                    add(&mut set, first);
                    set.add_range(u32::from('-'), u32::from('-'));
                    add(&mut set, second);
                }
            }
        }
        Ok(Node::Class(if negated { set.complement() } else { set }))
    }

    fn class_atom(&mut self) -> Result<Option<ClassAtom>, String> {
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        if c == ']' {
            return Ok(None);
        }
        self.pos += 1;
        if c != '\\' {
            return Ok(Some(ClassAtom::Char(u32::from(c))));
        }
        let Some(e) = self.peek() else {
            return Err("an incomplete escape".to_owned());
        };
        Ok(Some(match e {
            'b' => {
                self.pos += 1;
                ClassAtom::Char(0x08)
            }
            'c' => match self.peek_at(1) {
                Some(d @ ('0'..='9' | '_')) => {
                    self.pos += 2;
                    ClassAtom::Char(u32::from(d) & 0x1F)
                }
                Some(letter) if letter.is_ascii_alphabetic() => {
                    self.pos += 2;
                    ClassAtom::Char(u32::from(letter) % 32)
                }
                // `\` alone; the `c` is the next atom.
                _ => ClassAtom::Char(u32::from('\\')),
            },
            'd' | 'D' | 's' | 'S' | 'w' | 'W' => {
                self.pos += 1;
                ClassAtom::Set(class_escape(e))
            }
            _ => ClassAtom::Char(self.character_escape()?),
        }))
    }
}

/// `\d \D \s \S \w \W`.
fn class_escape(c: char) -> CharSet {
    let set = match c.to_ascii_lowercase() {
        'd' => charset::digits(),
        's' => charset::space(),
        _ => charset::word(),
    };
    if c.is_ascii_uppercase() {
        set.complement()
    } else {
        set
    }
}

/// The number of automaton states `node` needs, saturating: repetitions are copied out.
pub fn size(node: &Node) -> usize {
    match node {
        Node::Empty => 0,
        Node::Class(_) | Node::Start | Node::End | Node::Behind { .. } => 1,
        Node::Concat(items) => items.iter().map(size).fold(0, usize::saturating_add),
        Node::Alt(items) => items.iter().map(size).fold(1, usize::saturating_add),
        Node::Repeat { node, min, max } => {
            let copies = max.map_or(min.saturating_add(1), |max| max.max(*min));
            size(node)
                .saturating_add(1)
                .saturating_mul(copies as usize)
                .saturating_add(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(ranges: &[(u32, u32)]) -> Node {
        Node::Class(CharSet::from_ranges(ranges))
    }

    fn lit(c: char) -> Node {
        literal(u32::from(c))
    }

    #[test]
    fn literals_classes_and_anchors() {
        assert_eq!(
            parse("^a[b-d]$").unwrap(),
            Node::Concat(vec![
                Node::Start,
                lit('a'),
                class(&[(0x62, 0x64)]),
                Node::End
            ])
        );
        assert_eq!(parse("").unwrap(), Node::Empty);
        assert_eq!(parse("a|").unwrap(), Node::Alt(vec![lit('a'), Node::Empty]));
    }

    #[test]
    fn quantifiers_greedy_and_lazy() {
        let repeat = |min, max| Node::Repeat {
            node: Box::new(lit('a')),
            min,
            max,
        };
        assert_eq!(parse("a*").unwrap(), repeat(0, None));
        assert_eq!(parse("a+?").unwrap(), repeat(1, None));
        assert_eq!(parse("a??").unwrap(), repeat(0, Some(1)));
        assert_eq!(parse("a{2}").unwrap(), repeat(2, Some(2)));
        assert_eq!(parse("a{2,}").unwrap(), repeat(2, None));
        assert_eq!(parse("a{2,5}?").unwrap(), repeat(2, Some(5)));
    }

    #[test]
    fn annex_b_literals() {
        // A brace that is no quantifier, a lone `]` and `}` are literals.
        assert_eq!(
            parse("a{,2}").unwrap(),
            Node::Concat(vec![lit('a'), lit('{'), lit(','), lit('2'), lit('}')])
        );
        assert_eq!(parse("]}").unwrap(), Node::Concat(vec![lit(']'), lit('}')]));
        // Identity escapes and a `\x` that is not a hex escape.
        assert_eq!(parse("\\-").unwrap(), lit('-'));
        assert_eq!(parse("\\a").unwrap(), lit('a'));
        assert_eq!(
            parse("\\xz").unwrap(),
            Node::Concat(vec![lit('x'), lit('z')])
        );
        // `\c` without a letter is a backslash and a `c`.
        assert_eq!(
            parse("\\c").unwrap(),
            Node::Concat(vec![lit('\\'), lit('c')])
        );
        assert_eq!(parse("\\cJ").unwrap(), lit('\n'));
    }

    #[test]
    fn escapes() {
        assert_eq!(parse("\\x41").unwrap(), lit('A'));
        assert_eq!(parse("\\u00e9").unwrap(), lit('é'));
        assert_eq!(parse("\\u{1F980}").unwrap(), lit('🦀'));
        assert_eq!(parse("\\uD83E\\uDD80").unwrap(), lit('🦀'));
        assert_eq!(parse("\\0").unwrap(), lit('\0'));
        assert_eq!(parse("[\\101]").unwrap(), lit('A'));
        assert_eq!(
            parse("\\t\\n\\r\\f\\v").unwrap(),
            Node::Concat(
                ['\t', '\n', '\r', '\x0C', '\x0B']
                    .into_iter()
                    .map(lit)
                    .collect()
            )
        );
    }

    #[test]
    fn classes() {
        assert_eq!(parse("[a-]").unwrap(), class(&[(0x2D, 0x2D), (0x61, 0x61)]));
        // `[\d-z]`: a digit, `-` or `z`.
        assert_eq!(
            parse("[\\d-z]").unwrap(),
            class(&[(0x2D, 0x2D), (0x30, 0x39), (0x7A, 0x7A)])
        );
        assert_eq!(parse("[]").unwrap(), class(&[]));
        assert_eq!(parse("[^]").unwrap(), class(&[(0, charset::MAX)]));
        assert_eq!(parse("[\\b]").unwrap(), class(&[(8, 8)]));
    }

    #[test]
    fn groups_are_transparent() {
        assert_eq!(parse("(a)").unwrap(), lit('a'));
        assert_eq!(parse("(?:a)").unwrap(), lit('a'));
        assert_eq!(parse("(?<name>a)").unwrap(), lit('a'));
    }

    #[test]
    fn unsupported_syntax_says_why() {
        for (pattern, why) in [
            ("(a)\\1", "backreference"),
            ("(?=a)", "lookaround"),
            ("(?<!a)b", "lookaround"),
            ("\\bword", "word boundary"),
            ("(?i:a)", "modifier"),
            ("(?<n>a)\\k<n>", "named backreference"),
        ] {
            let error = parse(pattern).unwrap_err();
            assert!(error.contains(why), "{pattern}: {error}");
        }
    }

    #[test]
    fn sizes_count_copies() {
        assert_eq!(size(&parse("a{3}").unwrap()), 7);
        assert!(size(&parse("(a{1000}){1000}").unwrap()) > 1_000_000);
    }
}
