//! Which states of a DFA are equivalent: Hopcroft's partition refinement.
//!
//! Moore's refinement (every state's row of successor blocks, again and again until nothing
//! splits) takes a round per state of the longest chain, so a bounded repetition such as
//! `[a-z0-9]{30,40}` cost a few hundred thousand hashed rows; Hopcroft's splits each block
//! only by the predecessors of a smaller one, O(classes · states · log states).

/// The block of each state in the coarsest partition that keeps states apart when they
/// differ in `accepts_at_end` or lead, on some class, to states in different blocks. `next`
/// holds each state's row of `classes` successors. Two states share a block number exactly
/// when they are equivalent; the numbers themselves mean nothing.
pub(super) fn equivalent_states(
    next: &[u16],
    classes: usize,
    accepts_at_end: &[bool],
) -> Vec<usize> {
    let states = accepts_at_end.len();
    if states == 0 || classes == 0 {
        // No transitions: states differ only in whether they accept.
        return accepts_at_end.iter().map(|&a| usize::from(a)).collect();
    }
    let predecessors = Predecessors::new(next, classes, states);
    let mut partition = Partition::new(accepts_at_end);
    // Every initial block is a splitter; a split block's smaller half becomes one (the
    // other half is split already by whatever the whole would have split).
    let mut pending: Vec<usize> = (0..partition.blocks.len()).collect();
    let mut is_pending = vec![true; partition.blocks.len()];
    let mut splitter: Vec<usize> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    while let Some(block) = pending.pop() {
        is_pending[block] = false;
        splitter.clear();
        splitter.extend_from_slice(partition.members(block));
        for class in 0..classes {
            for &target in &splitter {
                for &source in predecessors.of(class, target) {
                    if let Some(block) = partition.mark(source as usize) {
                        touched.push(block);
                    }
                }
            }
            for block in touched.drain(..) {
                let Some((kept, split)) = partition.split(block) else {
                    continue;
                };
                is_pending.push(false);
                if is_pending[kept] {
                    pending.push(split);
                    is_pending[split] = true;
                } else {
                    let smaller = if partition.len(split) <= partition.len(kept) {
                        split
                    } else {
                        kept
                    };
                    pending.push(smaller);
                    is_pending[smaller] = true;
                }
            }
        }
    }
    partition.block_of
}

/// For each class and state, the states that lead to it on that class.
struct Predecessors {
    states: usize,
    /// Where the sources of `(class, target)` start in `sources`, by `class * states + target`.
    start: Vec<u32>,
    sources: Vec<u16>,
}

impl Predecessors {
    fn new(next: &[u16], classes: usize, states: usize) -> Self {
        let mut start = vec![0u32; classes * states + 1];
        for (cell, &target) in next.iter().enumerate() {
            start[(cell % classes) * states + usize::from(target) + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut filled = start.clone();
        let mut sources = vec![0u16; next.len()];
        for (cell, &target) in next.iter().enumerate() {
            let slot = &mut filled[(cell % classes) * states + usize::from(target)];
            // States are counted in u16 by the DFA itself.
            sources[*slot as usize] = (cell / classes) as u16;
            *slot += 1;
        }
        Predecessors {
            states,
            start,
            sources,
        }
    }

    fn of(&self, class: usize, target: usize) -> &[u16] {
        let at = class * self.states + target;
        &self.sources[self.start[at] as usize..self.start[at + 1] as usize]
    }
}

/// Blocks as contiguous runs of one array of states, so that a block splits in place: its
/// marked states are moved to the front of its run, and the front becomes a new block.
struct Partition {
    /// The states, each block's together.
    order: Vec<usize>,
    /// Where each state is in `order`.
    position: Vec<usize>,
    block_of: Vec<usize>,
    /// Each block's run in `order`, and how many of its states are marked (at its front).
    blocks: Vec<Block>,
}

struct Block {
    start: usize,
    end: usize,
    marked: usize,
}

impl Partition {
    /// Accepting and non-accepting states apart (an empty side makes no block).
    fn new(accepts_at_end: &[bool]) -> Self {
        let mut order: Vec<usize> = (0..accepts_at_end.len()).collect();
        order.sort_by_key(|&s| accepts_at_end[s]);
        let rejecting = accepts_at_end.iter().filter(|&&a| !a).count();
        let mut blocks = Vec::new();
        for (start, end) in [(0, rejecting), (rejecting, order.len())] {
            if start < end {
                blocks.push(Block {
                    start,
                    end,
                    marked: 0,
                });
            }
        }
        let mut block_of = vec![0; order.len()];
        let mut position = vec![0; order.len()];
        for (b, block) in blocks.iter().enumerate() {
            for at in block.start..block.end {
                block_of[order[at]] = b;
            }
        }
        for (at, &state) in order.iter().enumerate() {
            position[state] = at;
        }
        Partition {
            order,
            position,
            block_of,
            blocks,
        }
    }

    fn members(&self, block: usize) -> &[usize] {
        let block = &self.blocks[block];
        &self.order[block.start..block.end]
    }

    fn len(&self, block: usize) -> usize {
        self.blocks[block].end - self.blocks[block].start
    }

    /// Marks `state` (once per class: each state has one successor per class, so it is
    /// marked at most once); its block when it is that block's first mark.
    fn mark(&mut self, state: usize) -> Option<usize> {
        let b = self.block_of[state];
        let block = &mut self.blocks[b];
        let front = block.start + block.marked;
        if self.position[state] < front {
            return None;
        }
        let other = self.order[front];
        self.order.swap(front, self.position[state]);
        self.position[other] = self.position[state];
        self.position[state] = front;
        block.marked += 1;
        (block.marked == 1).then_some(b)
    }

    /// Splits the marked front off `block` unless every state of it is marked; clears the
    /// marks. Gives the block kept and the new one.
    fn split(&mut self, block: usize) -> Option<(usize, usize)> {
        let Block { start, end, marked } = self.blocks[block];
        self.blocks[block].marked = 0;
        if marked == end - start {
            return None;
        }
        let split = self.blocks.len();
        self.blocks.push(Block {
            start,
            end: start + marked,
            marked: 0,
        });
        self.blocks[block].start = start + marked;
        for at in start..start + marked {
            self.block_of[self.order[at]] = split;
        }
        Some((block, split))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    /// Moore's refinement, the plain definition: split by rows of successor blocks until
    /// the number of blocks stops growing.
    fn moore(next: &[u16], classes: usize, accepts_at_end: &[bool]) -> Vec<usize> {
        let mut block: Vec<usize> = accepts_at_end.iter().map(|&a| usize::from(a)).collect();
        loop {
            let mut ids: HashMap<Vec<usize>, usize> = HashMap::new();
            let refined: Vec<usize> = (0..accepts_at_end.len())
                .map(|s| {
                    let mut row = vec![block[s]];
                    row.extend((0..classes).map(|c| block[usize::from(next[s * classes + c])]));
                    let fresh = ids.len();
                    *ids.entry(row).or_insert(fresh)
                })
                .collect();
            let before = distinct(&block);
            block = refined;
            if ids.len() == before {
                return block;
            }
        }
    }

    fn distinct(blocks: &[usize]) -> usize {
        blocks
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len()
    }

    /// Whether two labellings put the same states together.
    fn same_partition(a: &[usize], b: &[usize]) -> bool {
        let mut pairs: HashMap<usize, usize> = HashMap::new();
        let mut back: HashMap<usize, usize> = HashMap::new();
        a.iter()
            .zip(b)
            .all(|(&x, &y)| *pairs.entry(x).or_insert(y) == y && *back.entry(y).or_insert(x) == x)
    }

    #[test]
    fn a_counting_chain_keeps_every_count_apart() {
        // States 0..=4 count symbols of class 0 up to 4; class 1 goes back to 0. Only state
        // 4 accepts, so no two states are equivalent.
        let next = [1, 0, 2, 0, 3, 0, 4, 0, 4, 0];
        let blocks = equivalent_states(&next, 2, &[false, false, false, false, true]);
        assert_eq!(distinct(&blocks), 5);
    }

    #[test]
    fn equivalent_states_share_a_block() {
        // 1 and 2 both accept and loop to each other: one block; 0 leads to them.
        let next = [1, 2, 1];
        let blocks = equivalent_states(&next, 1, &[false, true, true]);
        assert_eq!(blocks[1], blocks[2]);
        assert_ne!(blocks[0], blocks[1]);
        // All rejecting: one block, whatever the transitions.
        let blocks = equivalent_states(&[1, 0, 2, 2, 0, 1], 2, &[false; 3]);
        assert_eq!(distinct(&blocks), 1);
    }

    fn dfas() -> impl Strategy<Value = (Vec<u16>, usize, Vec<bool>)> {
        (1usize..40, 1usize..5).prop_flat_map(|(states, classes)| {
            (
                proptest::collection::vec(0..states as u16, states * classes),
                Just(classes),
                proptest::collection::vec(any::<bool>(), states),
            )
        })
    }

    proptest! {
        #[test]
        fn the_same_partition_as_moore((next, classes, accepts) in dfas()) {
            let hopcroft = equivalent_states(&next, classes, &accepts);
            let reference = moore(&next, classes, &accepts);
            prop_assert!(same_partition(&hopcroft, &reference), "{hopcroft:?} vs {reference:?}");
        }
    }
}
