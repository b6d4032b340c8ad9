//! The matcher of `@pattern`s compiled by the generator into deterministic automata: one
//! pass over the value's code points, a table lookup each, no allocation, no backtracking.

/// A pattern as tables. Code points fall into classes that the pattern treats alike. States
/// are numbered by their row's offset in `next` (state number times `classes`), so the
/// state after a code point of class `c` in state `s` is `next[s + c]`, one addition.
#[derive(Clone, Copy, Debug)]
pub struct Dfa<'a> {
    /// The class of each ASCII code point.
    pub ascii: &'a [u8; 128],
    /// `(first, class)` for the code points from 0x80 on, sorted; each range runs up to
    /// the next one's first code point.
    pub non_ascii: &'a [(u32, u8)],
    pub classes: usize,
    pub next: &'a [u16],
    /// Whether the value may end in each state (the pattern's `$` is satisfied), by state
    /// number.
    pub accepts_at_end: &'a [bool],
    pub start: u16,
}

/// What the generator writes a table entry as: a printable byte, the value plus this, so
/// that an automaton's tables are short byte strings rather than long lists of numbers.
pub const TEXT_OFFSET: u8 = 32;

/// The ASCII classes from their text (each class plus [`TEXT_OFFSET`]), at compile time.
pub const fn classes(text: &[u8; 128]) -> [u8; 128] {
    let mut out = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        out[i] = text[i].wrapping_sub(TEXT_OFFSET);
        i += 1;
    }
    out
}

/// The `next` table from its text: each entry a state number plus [`TEXT_OFFSET`], which
/// becomes the state's offset (number times `classes`), at compile time.
pub const fn states<const N: usize>(text: &[u8; N], classes: u16) -> [u16; N] {
    let mut out = [0u16; N];
    let mut i = 0;
    while i < N {
        out[i] = (text[i].wrapping_sub(TEXT_OFFSET) as u16).wrapping_mul(classes);
        i += 1;
    }
    out
}

/// How many values one byte of a wide table holds: the printable bytes from [`TEXT_OFFSET`].
pub const WIDE_BASE: u16 = 95;

/// The `next` table of an automaton with more states than one byte holds: `N` entries of two
/// bytes each, `high * WIDE_BASE + low` (each byte less [`TEXT_OFFSET`]), which becomes the
/// state's offset, at compile time. A text of another length does not compile.
pub const fn wide_states<const N: usize>(text: &[u8], classes: u16) -> [u16; N] {
    assert!(text.len() == 2 * N, "a wide table has two bytes an entry");
    let mut out = [0u16; N];
    let mut i = 0;
    while i < N {
        let high = text[2 * i].wrapping_sub(TEXT_OFFSET) as u16;
        let low = text[2 * i + 1].wrapping_sub(TEXT_OFFSET) as u16;
        out[i] = high
            .wrapping_mul(WIDE_BASE)
            .wrapping_add(low)
            .wrapping_mul(classes);
        i += 1;
    }
    out
}

/// `accepts_at_end` from its text, `1` for a state that accepts, at compile time.
pub const fn flags<const N: usize>(text: &[u8; N]) -> [bool; N] {
    let mut out = [false; N];
    let mut i = 0;
    while i < N {
        out[i] = text[i] == b'1';
        i += 1;
    }
    out
}

impl Dfa<'_> {
    /// Whether the pattern finds a match anywhere in `value` (it may anchor itself with `^`
    /// and `$`). The first state rejects and the second accepts whatever follows: reaching
    /// either ends the scan.
    pub fn matches(&self, value: &str) -> bool {
        let matched = self.classes;
        let bytes = value.as_bytes();
        let mut state = usize::from(self.start);
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if state <= matched {
                return state == matched;
            }
            let class = if byte < 0x80 {
                at += 1;
                usize::from(self.ascii[usize::from(byte)])
            } else {
                // `at` is always on a character boundary: whole characters are consumed.
                let Some(c) = value.get(at..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                at += c.len_utf8();
                self.non_ascii_class(c)
            };
            let next = match self.next.get(state + class) {
                Some(&next) => usize::from(next),
                // Tables come from the generator whole; reject rather than panic all the same.
                None => return false,
            };
            if next == state {
                at = self.stay(bytes, at, state);
            }
            state = next;
        }
        state
            .checked_div(self.classes)
            .and_then(|number| self.accepts_at_end.get(number))
            .is_some_and(|&accepts| accepts)
    }

    /// Skips the ASCII bytes from `at` on that keep `state` where it is (runs such as `.*`
    /// or `[0-9a-z]+`). The state is fixed here, so each step's table lookup does not wait
    /// for the one before, as it must in the main loop; returns where the run ends.
    fn stay(&self, bytes: &[u8], mut at: usize, state: usize) -> usize {
        while let Some(&byte) = bytes.get(at) {
            let Some(&class) = self.ascii.get(usize::from(byte)) else {
                break;
            };
            if self
                .next
                .get(state + usize::from(class))
                .map(|&n| usize::from(n))
                != Some(state)
            {
                break;
            }
            at += 1;
        }
        at
    }

    fn non_ascii_class(&self, c: char) -> usize {
        let code = u32::from(c);
        let after = self.non_ascii.partition_point(|&(first, _)| first <= code);
        match after.checked_sub(1).and_then(|i| self.non_ascii.get(i)) {
            Some(&(_, class)) => usize::from(class),
            None => 0,
        }
    }
}
