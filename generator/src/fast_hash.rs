//! A fast, deterministic hasher for the generator's own maps and sets (pattern automata
//! states, the names of a module in `write::relative_paths`, the doc-text memo).
//!
//! Their keys are short strings and small integers, hashed many times per model; the
//! standard library's SipHash is built to resist chosen keys, which costs most on exactly
//! these. The keys here come from the model being generated, which its author controls
//! anyway, so that resistance buys nothing. The mixing step is the multiply-rotate of
//! rustc's own `FxHasher`: a word at a time, a few instructions each.
//!
//! Nothing may depend on the iteration order of these maps (nor did it with SipHash,
//! whose order changes from run to run).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// An odd constant with well-spread bits (from the golden ratio), as `FxHasher` uses.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Multiply-rotate hashing of whole words; not for keys an adversary picks.
#[derive(Clone, Copy, Default, Debug)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last byte, never data here, holds the length: "a" and "a\0" differ.
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            word[7] = rest.len() as u8;
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_alike_in_every_map() {
        assert_eq!(hash("types"), hash(&"types".to_owned()));
        assert_eq!(
            hash(&(vec![1usize, 2], true)),
            hash(&(vec![1usize, 2], true))
        );
    }

    #[test]
    fn keys_differing_in_one_byte_or_in_length_hash_apart() {
        let keys = [
            "",
            "a",
            "a\0",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
        ];
        let hashes: FastSet<u64> = keys.iter().map(|k| hash(*k)).collect();
        assert_eq!(hashes.len(), keys.len());
        let numbers: FastSet<u64> = (0usize..10_000).map(|n| hash(&n)).collect();
        assert_eq!(numbers.len(), 10_000);
    }

    #[test]
    fn maps_and_sets_work_as_the_standard_ones() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for (i, name) in ["operation", "types", "error", "builders"]
            .iter()
            .enumerate()
        {
            map.insert((*name).to_owned(), i);
        }
        assert_eq!(map.get("types"), Some(&1));
        assert_eq!(map.get("type"), None);
        assert_eq!(map.len(), 4);
    }
}
