//! Sets of code points as sorted, disjoint, non-adjacent inclusive ranges.

/// The last Unicode code point.
pub const MAX: u32 = 0x10_FFFF;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CharSet {
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    pub fn new() -> Self {
        CharSet::default()
    }

    pub fn single(c: u32) -> Self {
        CharSet::from_ranges(&[(c, c)])
    }

    /// Any ranges, in any order, overlapping or not.
    pub fn from_ranges(ranges: &[(u32, u32)]) -> Self {
        let mut set = CharSet::new();
        for &(first, last) in ranges {
            set.add_range(first, last);
        }
        set
    }

    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn contains(&self, c: u32) -> bool {
        let i = self.ranges.partition_point(|&(_, last)| last < c);
        self.ranges.get(i).is_some_and(|&(first, _)| first <= c)
    }

    pub fn add_range(&mut self, first: u32, last: u32) {
        if first > last {
            return;
        }
        self.ranges.push((first, last.min(MAX)));
        self.ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(self.ranges.len());
        for &(first, last) in &self.ranges {
            match merged.last_mut() {
                Some(prev) if first <= prev.1.saturating_add(1) => prev.1 = prev.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        self.ranges = merged;
    }

    pub fn add_set(&mut self, other: &CharSet) {
        for &(first, last) in &other.ranges {
            self.add_range(first, last);
        }
    }

    /// The code points in both sets.
    pub fn intersection(&self, other: &CharSet) -> CharSet {
        let mut outside = self.complement();
        outside.add_set(&other.complement());
        outside.complement()
    }

    /// Every code point not in the set.
    pub fn complement(&self) -> CharSet {
        let mut ranges = Vec::new();
        let mut next = 0u32;
        for &(first, last) in &self.ranges {
            if first > next {
                ranges.push((next, first - 1));
            }
            next = last + 1;
        }
        if next <= MAX {
            ranges.push((next, MAX));
        }
        CharSet { ranges }
    }
}

/// ECMA-262 `\d`.
pub fn digits() -> CharSet {
    CharSet::from_ranges(&[(0x30, 0x39)])
}

/// ECMA-262 `\w` (without the unicode and ignore-case flags: ASCII only).
pub fn word() -> CharSet {
    CharSet::from_ranges(&[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
}

/// ECMA-262 `\s`: WhiteSpace (tab, vertical tab, form feed, the space separators, BOM) and
/// LineTerminator, as regress defines them.
pub fn space() -> CharSet {
    CharSet::from_ranges(&[
        (0x09, 0x0D),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x2000, 0x200A),
        (0x2028, 0x2029),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
        (0xFEFF, 0xFEFF),
    ])
}

/// ECMA-262 LineTerminator: what `.` does not match.
pub fn line_terminators() -> CharSet {
    CharSet::from_ranges(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_and_complement() {
        let set = CharSet::from_ranges(&[(5, 9), (1, 3), (4, 4), (20, 30), (25, 40)]);
        assert_eq!(set.ranges(), &[(1, 9), (20, 40)]);
        assert!(set.contains(1) && set.contains(9) && set.contains(40));
        assert!(!set.contains(0) && !set.contains(10) && !set.contains(41));
        assert_eq!(set.complement().ranges(), &[(0, 0), (10, 19), (41, MAX)]);
        assert_eq!(set.complement().complement(), set);
        assert_eq!(CharSet::new().complement().ranges(), &[(0, MAX)]);
        assert!(CharSet::from_ranges(&[(0, MAX)]).complement().is_empty());
        let other = CharSet::from_ranges(&[(8, 25), (50, 60)]);
        assert_eq!(set.intersection(&other).ranges(), &[(8, 9), (20, 25)]);
        assert!(set.intersection(&CharSet::new()).is_empty());
    }

    #[test]
    fn reversed_ranges_add_nothing() {
        assert!(CharSet::from_ranges(&[(9, 1)]).is_empty());
    }
}
