//! Subset construction and minimisation: the automaton that answers "does the pattern match
//! anywhere in the value" in one pass over its code points, as tables.
//!
//! Searching anywhere is built in: every step also starts the pattern afresh. A set of NFA
//! states that reaches `Match` means some match has been found, whatever follows, so it
//! becomes the accepting sink; `$` is decided when the input ends. State 0 rejects
//! everything (dead), state 1 accepts everything (matched): the matcher stops early at both.

use crate::fast_hash::FastMap;

use super::charset::{self, CharSet};
use super::nfa::{Nfa, State};

pub const DEAD: u16 = 0;
pub const MATCHED: u16 = 1;

/// Limits that keep generation quick and the tables small; beyond them, `regress`.
const MAX_STATES: usize = 1024;
const MAX_CELLS: usize = 1 << 16;
const MAX_CLASSES: usize = 256;
const MAX_WORK: usize = 20_000_000;

/// The generated crate's matcher data (`runtime/pattern.rs` reads it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tables {
    /// The class of each ASCII code point.
    pub ascii: Vec<u8>,
    /// Classes of the other code points: `(first, class)` sorted, from 0x80 to the last
    /// code point (each range ends where the next begins).
    pub non_ascii: Vec<(u32, u8)>,
    pub classes: usize,
    /// States are named by the offset of their row (number times `classes`): the state
    /// after class `c` in state `s` is `next[s + c]`.
    pub next: Vec<u16>,
    /// Whether the input may end in each state, by number.
    pub accepts_at_end: Vec<bool>,
    /// The offset of the start state.
    pub start: u16,
}

impl Tables {
    pub fn states(&self) -> usize {
        self.accepts_at_end.len()
    }

    /// The number of the start state: `DEAD`, `MATCHED` or another.
    pub fn start_state(&self) -> u16 {
        self.start / self.classes.max(1) as u16
    }
}

/// The code points split into classes that every set of the NFA treats alike.
struct Alphabet {
    /// `(first, class)` of each elementary interval, sorted, from 0.
    intervals: Vec<(u32, usize)>,
    classes: usize,
    /// `contains[set][class]`.
    contains: Vec<Vec<bool>>,
}

fn alphabet(sets: &[CharSet]) -> Result<Alphabet, String> {
    let mut bounds = vec![0, 0x80];
    for set in sets {
        for &(first, last) in set.ranges() {
            bounds.push(first);
            if last < charset::MAX {
                bounds.push(last + 1);
            }
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut ids: FastMap<Vec<bool>, usize> = FastMap::default();
    let mut signatures = Vec::new();
    let mut intervals = Vec::with_capacity(bounds.len());
    for &first in &bounds {
        let signature: Vec<bool> = sets.iter().map(|s| s.contains(first)).collect();
        let next = ids.len();
        let class = *ids.entry(signature.clone()).or_insert(next);
        if class == signatures.len() {
            signatures.push(signature);
        }
        intervals.push((first, class));
    }
    let classes = ids.len();
    if classes > MAX_CLASSES {
        return Err(format!("more than {MAX_CLASSES} kinds of character"));
    }
    let contains = (0..sets.len())
        .map(|set| signatures.iter().map(|sig| sig[set]).collect())
        .collect();
    Ok(Alphabet {
        intervals,
        classes,
        contains,
    })
}

/// Subset construction over classes; states 0 and 1 are the dead and matched sinks.
struct Builder<'a> {
    nfa: &'a Nfa,
    alphabet: &'a Alphabet,
    /// The NFA states (`Char`, pending `End`) of each DFA state, and whether it is the
    /// state at the start of the input (where `^` passes).
    sets: Vec<(Vec<usize>, bool)>,
    ids: FastMap<(Vec<usize>, bool), u16>,
    next: Vec<u16>,
    marks: Vec<usize>,
    stamp: usize,
    work: usize,
}

impl Builder<'_> {
    /// The states reachable from `seeds` without reading, keeping those that read and the
    /// `$` tests still pending; `true` when `Match` is among them. `previous` is the class
    /// of the code point just read: `Some(None)` at the start, where there is none, and
    /// `None` when it is not known.
    fn closure(
        &mut self,
        seeds: &[usize],
        at_start: bool,
        at_end: bool,
        previous: Option<Option<usize>>,
    ) -> Result<(Vec<usize>, bool), String> {
        self.stamp += 1;
        let mut stack = seeds.to_vec();
        let mut kept = Vec::new();
        let mut matched = false;
        while let Some(s) = stack.pop() {
            if self.marks[s] == self.stamp {
                continue;
            }
            self.marks[s] = self.stamp;
            self.work += 1;
            match &self.nfa.states[s] {
                State::Char { .. } => kept.push(s),
                State::Split(targets) => stack.extend(targets),
                State::Start(next) => {
                    if at_start {
                        stack.push(*next);
                    }
                }
                State::End(next) => {
                    if at_end {
                        stack.push(*next);
                    } else {
                        kept.push(s);
                    }
                }
                State::Behind {
                    set,
                    negative,
                    next,
                } => {
                    let Some(previous) = previous else {
                        return Err("a lookbehind after `$`".to_owned());
                    };
                    let inside = previous.is_some_and(|class| self.alphabet.contains[*set][class]);
                    if inside != *negative {
                        stack.push(*next);
                    }
                }
                State::Match => matched = true,
            }
        }
        if self.work > MAX_WORK {
            return Err("too costly to compile".to_owned());
        }
        kept.sort_unstable();
        Ok((kept, matched))
    }

    fn state_of(&mut self, key: (Vec<usize>, bool)) -> Result<u16, String> {
        if let Some(&id) = self.ids.get(&key) {
            return Ok(id);
        }
        let id = self.sets.len();
        if id >= MAX_STATES || (id + 1) * self.alphabet.classes > MAX_CELLS {
            return Err(format!("more than {MAX_STATES} automaton states"));
        }
        let id = id as u16;
        self.sets.push(key.clone());
        self.ids.insert(key, id);
        Ok(id)
    }

    /// Where state `id` goes on each class.
    fn expand(&mut self, id: usize) -> Result<(), String> {
        let (set, _) = self.sets[id].clone();
        for class in 0..self.alphabet.classes {
            let mut seeds = vec![self.nfa.start];
            for &s in &set {
                if let State::Char { set, next } = self.nfa.states[s] {
                    if self.alphabet.contains[set][class] {
                        seeds.push(next);
                    }
                }
            }
            let (kept, matched) = self.closure(&seeds, false, false, Some(Some(class)))?;
            let target = if matched {
                MATCHED
            } else {
                self.state_of((kept, false))?
            };
            self.next.push(target);
        }
        Ok(())
    }

    /// Whether the input may end in state `id`: its pending `$` lead to `Match`.
    fn accepts_at_end(&mut self, id: usize) -> Result<bool, String> {
        let (set, initial) = self.sets[id].clone();
        let seeds: Vec<usize> = set
            .iter()
            .filter_map(|&s| match self.nfa.states[s] {
                State::End(next) => Some(next),
                _ => None,
            })
            .collect();
        // Only the state at the start knows what was read last: nothing.
        let previous = initial.then_some(None);
        Ok(self.closure(&seeds, initial, true, previous)?.1)
    }
}

/// The minimal deterministic automaton of `nfa`, as tables.
pub fn build(nfa: &Nfa) -> Result<Tables, String> {
    let alphabet = alphabet(&nfa.sets)?;
    let mut builder = Builder {
        nfa,
        alphabet: &alphabet,
        sets: Vec::new(),
        ids: FastMap::default(),
        next: Vec::new(),
        marks: vec![0; nfa.states.len()],
        stamp: 0,
        work: 0,
    };
    // The sinks first, so that they keep their numbers; neither is ever looked up by its
    // set. (Nothing pending is not always dead: a lookbehind may let the pattern start at
    // the next code point. Where it is dead, minimising merges it with the sink.)
    builder.sets.push((vec![usize::MAX], false));
    builder.sets.push((vec![usize::MAX], false));
    let (initial, matched) = builder.closure(&[nfa.start], true, false, Some(None))?;
    let start = if matched {
        MATCHED
    } else {
        builder.state_of((initial, true))?
    };
    let classes = alphabet.classes;
    builder.next = vec![DEAD; classes];
    builder.next.extend(std::iter::repeat_n(MATCHED, classes));
    let mut id = 2;
    while id < builder.sets.len() {
        builder.expand(id)?;
        id += 1;
    }
    let mut accepts_at_end = vec![false, true];
    for id in 2..builder.sets.len() {
        accepts_at_end.push(builder.accepts_at_end(id)?);
    }
    let dfa = Dfa {
        classes,
        next: builder.next,
        accepts_at_end,
        start,
    };
    tables(&minimise(&dfa), &alphabet)
}

/// The automaton that accepts what `a` accepts and `b` also accepts (or, `negate_b`, does
/// not): a lookahead at the start of a pattern, `^(?!x)r`, is `^r` without `^x`.
pub fn product(a: &Tables, b: &Tables, negate_b: bool) -> Result<Tables, String> {
    combine(a, b, if negate_b { Op::AndNot } else { Op::And })
}

/// The automaton that accepts what `a` or `b` accepts: a pattern read in both dialects
/// refuses only what both readings refuse.
pub fn union(a: &Tables, b: &Tables) -> Result<Tables, String> {
    combine(a, b, Op::Or)
}

#[derive(Clone, Copy)]
enum Op {
    And,
    AndNot,
    Or,
}

impl Op {
    fn apply(self, a: bool, b: bool) -> bool {
        match self {
            Op::And => a && b,
            Op::AndNot => a && !b,
            Op::Or => a || b,
        }
    }
}

/// The product automaton of `a` and `b`, accepting as `op` says.
fn combine(a: &Tables, b: &Tables, op: Op) -> Result<Tables, String> {
    let class_in = |t: &Tables, c: u32| -> usize {
        match usize::try_from(c).ok().and_then(|i| t.ascii.get(i)) {
            Some(&class) => usize::from(class),
            None => {
                let after = t.non_ascii.partition_point(|&(first, _)| first <= c);
                after
                    .checked_sub(1)
                    .and_then(|i| t.non_ascii.get(i))
                    .map_or(0, |&(_, class)| usize::from(class))
            }
        }
    };
    let mut bounds: Vec<u32> = (0..=0x80).collect();
    bounds.extend(
        a.non_ascii
            .iter()
            .chain(&b.non_ascii)
            .map(|&(first, _)| first),
    );
    bounds.sort_unstable();
    bounds.dedup();
    let mut ids: FastMap<(usize, usize), usize> = FastMap::default();
    let mut pairs = Vec::new();
    let mut intervals = Vec::with_capacity(bounds.len());
    for &first in &bounds {
        let pair = (class_in(a, first), class_in(b, first));
        let id = *ids.entry(pair).or_insert_with(|| {
            pairs.push(pair);
            pairs.len() - 1
        });
        intervals.push((first, id));
    }
    let classes = pairs.len();
    if classes > MAX_CLASSES {
        return Err(format!("more than {MAX_CLASSES} kinds of character"));
    }
    let number = |t: &Tables, offset: u16| usize::from(offset) / t.classes.max(1);
    // Pairs known to be a sink are the sink, so that the matcher stops as early as before.
    // A sink's answer is its own whatever follows: the pair's is known once `op` of what
    // is known does not depend on the other side.
    let sink = |sa: usize, sb: usize| -> Option<u16> {
        let known = |s: usize| match u16::try_from(s) {
            Ok(DEAD) => Some(false),
            Ok(MATCHED) => Some(true),
            _ => None,
        };
        let outcomes = |known: Option<bool>| match known {
            Some(answer) => vec![answer],
            None => vec![false, true],
        };
        let mut answers = outcomes(known(sa))
            .into_iter()
            .flat_map(|x| outcomes(known(sb)).into_iter().map(move |y| op.apply(x, y)));
        let first = answers.next()?;
        if answers.all(|answer| answer == first) {
            Some(if first { MATCHED } else { DEAD })
        } else {
            None
        }
    };
    let mut states: Vec<(usize, usize)> = vec![(0, 0), (1, 1)];
    let mut state_ids: FastMap<(usize, usize), u16> = FastMap::default();
    let mut id_of =
        |pair: (usize, usize), states: &mut Vec<(usize, usize)>| -> Result<u16, String> {
            if let Some(s) = sink(pair.0, pair.1) {
                return Ok(s);
            }
            if let Some(&id) = state_ids.get(&pair) {
                return Ok(id);
            }
            if states.len() >= MAX_STATES || (states.len() + 1) * classes > MAX_CELLS {
                return Err(format!("more than {MAX_STATES} automaton states"));
            }
            states.push(pair);
            let id = (states.len() - 1) as u16;
            state_ids.insert(pair, id);
            Ok(id)
        };
    let start = id_of((number(a, a.start), number(b, b.start)), &mut states)?;
    let mut next = vec![DEAD; classes];
    next.extend(std::iter::repeat_n(MATCHED, classes));
    let mut accepts_at_end = vec![false, true];
    let mut id = 2;
    while id < states.len() {
        let (sa, sb) = states[id];
        for &(ca, cb) in &pairs {
            let ta = a.next.get(sa * a.classes + ca).map_or(0, |&t| number(a, t));
            let tb = b.next.get(sb * b.classes + cb).map_or(0, |&t| number(b, t));
            next.push(id_of((ta, tb), &mut states)?);
        }
        let accept = |t: &Tables, s: usize| t.accepts_at_end.get(s).copied().unwrap_or(false);
        accepts_at_end.push(op.apply(accept(a, sa), accept(b, sb)));
        id += 1;
    }
    let dfa = Dfa {
        classes,
        next,
        accepts_at_end,
        start,
    };
    let alphabet = Alphabet {
        intervals,
        classes,
        contains: Vec::new(),
    };
    tables(&minimise(&dfa), &alphabet)
}

/// A complete deterministic automaton over class numbers.
struct Dfa {
    classes: usize,
    next: Vec<u16>,
    accepts_at_end: Vec<bool>,
    start: u16,
}

/// Merges equivalent states ([`super::minimise`]), keeps only those reachable from the
/// start, numbered dead, matched, then in order of discovery.
fn minimise(dfa: &Dfa) -> Dfa {
    let classes = dfa.classes;
    let block = super::minimise::equivalent_states(&dfa.next, classes, &dfa.accepts_at_end);
    // Renumber: the sinks' blocks first, then breadth-first from the start.
    let mut number: FastMap<usize, u16> = FastMap::default();
    let mut order: Vec<usize> = Vec::new();
    let visit = |s: usize, number: &mut FastMap<usize, u16>, order: &mut Vec<usize>| {
        if let std::collections::hash_map::Entry::Vacant(entry) = number.entry(block[s]) {
            entry.insert(order.len() as u16);
            order.push(s);
        }
    };
    visit(usize::from(DEAD), &mut number, &mut order);
    visit(usize::from(MATCHED), &mut number, &mut order);
    visit(usize::from(dfa.start), &mut number, &mut order);
    let mut i = 0;
    while i < order.len() {
        let s = order[i];
        for c in 0..classes {
            visit(
                usize::from(dfa.next[s * classes + c]),
                &mut number,
                &mut order,
            );
        }
        i += 1;
    }
    let next = order
        .iter()
        .flat_map(|&s| (0..classes).map(move |c| (s, c)))
        .map(|(s, c)| number[&block[usize::from(dfa.next[s * classes + c])]])
        .collect();
    Dfa {
        classes,
        next,
        accepts_at_end: order.iter().map(|&s| dfa.accepts_at_end[s]).collect(),
        start: number[&block[usize::from(dfa.start)]],
    }
}

/// Classes whose columns agree are merged; then each code point's class is laid out for
/// the runtime: a table for ASCII, ranges for the rest.
fn tables(dfa: &Dfa, alphabet: &Alphabet) -> Result<Tables, String> {
    let states = dfa.accepts_at_end.len();
    let column =
        |c: usize| -> Vec<u16> { (0..states).map(|s| dfa.next[s * dfa.classes + c]).collect() };
    let mut columns: Vec<Vec<u16>> = Vec::new();
    let mut merged = Vec::with_capacity(dfa.classes);
    for c in 0..dfa.classes {
        let col = column(c);
        let id = match columns.iter().position(|k| *k == col) {
            Some(id) => id,
            None => {
                columns.push(col);
                columns.len() - 1
            }
        };
        merged.push(id as u8);
    }
    let classes = columns.len();
    let offset = |state: u16| {
        u16::try_from(usize::from(state) * classes)
            .map_err(|_| format!("more than {MAX_CELLS} table entries"))
    };
    let mut next = vec![DEAD; states * classes];
    for (class, col) in columns.iter().enumerate() {
        for (s, &target) in col.iter().enumerate() {
            next[s * classes + class] = offset(target)?;
        }
    }
    let class_of = |c: u32| {
        let i = alphabet.intervals.partition_point(|&(first, _)| first <= c);
        merged[alphabet.intervals[i - 1].1]
    };
    let ascii = (0..0x80).map(class_of).collect();
    let mut non_ascii: Vec<(u32, u8)> = Vec::new();
    for &(first, class) in &alphabet.intervals {
        if first < 0x80 {
            continue;
        }
        let class = merged[class];
        if non_ascii.last().is_none_or(|&(_, last)| last != class) {
            non_ascii.push((first, class));
        }
    }
    Ok(Tables {
        ascii,
        non_ascii,
        classes,
        next,
        accepts_at_end: dfa.accepts_at_end.clone(),
        start: offset(dfa.start)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn compile(pattern: &str) -> Tables {
        build(&Nfa::build(&parse(pattern).unwrap())).unwrap()
    }

    #[test]
    fn anchored_patterns() {
        let t = compile("^[A-Z]{2}$");
        assert!(t.matches("AB"));
        assert!(!t.matches("ABC") && !t.matches("A") && !t.matches("ab") && !t.matches(""));
        // Dead, matched, and three states counting letters.
        assert_eq!(t.states(), 5);
    }

    #[test]
    fn unanchored_patterns_match_anywhere() {
        let t = compile("ab");
        assert!(t.matches("xxabyy") && t.matches("ab") && !t.matches("a b"));
        let t = compile("a|^b");
        assert!(t.matches("ba") && t.matches("b") && t.matches("xa") && !t.matches("xb"));
        let t = compile("x$|y");
        assert!(t.matches("ax") && t.matches("yb") && !t.matches("xa"));
    }

    #[test]
    fn patterns_that_always_match_are_the_matched_sink() {
        for pattern in ["", "a*", "^[\\s\\S]*$", "x?", "^|a"] {
            assert_eq!(compile(pattern).start_state(), MATCHED, "{pattern}");
        }
        assert_eq!(compile("[]").start_state(), DEAD);
        assert_eq!(compile("^a^").start_state(), DEAD);
    }

    #[test]
    fn the_arn_pattern() {
        let t = compile("^arn:.*:[a-z-]+([/:](.*))?$");
        assert!(t.matches("arn:aws:sns:us-east-1:123456789012:events"));
        assert!(t.matches("arn::a"));
        assert!(!t.matches("arn:aws:SNS") && !t.matches("arn:aws"));
        assert!(!t.matches("arn:aws\n:a"));
        assert!(t.classes <= 8, "{}", t.classes);
    }

    #[test]
    fn non_ascii_code_points() {
        let t = compile("^[é漢🦀]+$");
        assert!(t.matches("é漢🦀é") && !t.matches("e") && !t.matches("é漢x"));
        let t = compile("^.$");
        assert!(t.matches("🦀") && t.matches("\u{10FFFF}") && !t.matches("\u{2028}"));
        let t = compile("^\\s$");
        assert!(t.matches("\u{FEFF}") && t.matches("\u{3000}") && !t.matches("\u{180E}"));
    }

    #[test]
    fn products_intersect_or_subtract() {
        let words = compile("^[a-z]+$");
        let admin = compile("^admin");
        let not_admin = product(&words, &admin, true).unwrap();
        assert!(not_admin.matches("adm") && not_admin.matches("user"));
        assert!(!not_admin.matches("admin") && !not_admin.matches("administrator"));
        assert!(!not_admin.matches("User") && !not_admin.matches(""));
        let only_admin = product(&words, &admin, false).unwrap();
        assert!(only_admin.matches("admins") && !only_admin.matches("adm"));
        // Non-ASCII classes of both sides are kept apart.
        let t = product(&compile("^[é漢]+$"), &compile("^漢"), true).unwrap();
        assert!(t.matches("é漢") && !t.matches("漢é") && !t.matches("e"));
        // Sinks stay sinks: nothing subtracted from everything is everything.
        let all = product(&compile(""), &compile("[]"), true).unwrap();
        assert_eq!(all.start_state(), MATCHED);
    }

    #[test]
    fn unions_accept_what_either_accepts() {
        let two = compile("^[A-Z]{2}$");
        let digits = compile("^[0-9]+$");
        let either = union(&two, &digits).unwrap();
        assert!(either.matches("AB") && either.matches("123"));
        assert!(!either.matches("A1") && !either.matches("ABC") && !either.matches(""));
        // A side that always matches makes the union the matched sink.
        assert_eq!(union(&two, &compile("")).unwrap().start_state(), MATCHED);
        assert_eq!(
            union(&compile("[]"), &compile("[]")).unwrap().start_state(),
            DEAD
        );
        // Non-ASCII classes of both sides are kept apart.
        let t = union(&compile("^é+$"), &compile("^漢$")).unwrap();
        assert!(t.matches("éé") && t.matches("漢") && !t.matches("é漢") && !t.matches("e"));
    }

    #[test]
    fn too_large_automata_are_refused() {
        let nfa = Nfa::build(&parse("^[ab]*a[ab]{12}$").unwrap());
        let error = build(&nfa).unwrap_err();
        assert!(error.contains("states"), "{error}");
    }
}
