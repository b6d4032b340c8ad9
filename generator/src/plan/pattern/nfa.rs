//! Thompson construction: the pattern's tree as a nondeterministic automaton whose
//! transitions read one code point from a set. Counted repetitions are copied out.

use super::charset::CharSet;
use super::parse::Node;

#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// Reads one code point of `sets[set]`, then goes on to `next`.
    Char {
        set: usize,
        next: usize,
    },
    /// Goes on to each of these without reading anything.
    Split(Vec<usize>),
    /// Passes only at the start of the input.
    Start(usize),
    /// Passes only at the end of the input.
    End(usize),
    /// Passes when the code point just read is (or, `negative`, is not) in `sets[set]`.
    Behind {
        set: usize,
        negative: bool,
        next: usize,
    },
    Match,
}

#[derive(Clone, Debug, Default)]
pub struct Nfa {
    pub states: Vec<State>,
    /// The distinct code point sets of the `Char` states.
    pub sets: Vec<CharSet>,
    pub start: usize,
}

impl Nfa {
    /// The automaton of `node`; the caller bounds its size first (`parse::size`).
    pub fn build(node: &Node) -> Nfa {
        let mut nfa = Nfa::default();
        nfa.states.push(State::Match);
        nfa.start = nfa.compile(node, 0);
        nfa
    }

    fn push(&mut self, state: State) -> usize {
        self.states.push(state);
        self.states.len() - 1
    }

    fn set_index(&mut self, set: &CharSet) -> usize {
        match self.sets.iter().position(|s| s == set) {
            Some(i) => i,
            None => {
                self.sets.push(set.clone());
                self.sets.len() - 1
            }
        }
    }

    /// The entry state of `node` followed by `next` (built back to front).
    fn compile(&mut self, node: &Node, next: usize) -> usize {
        match node {
            Node::Empty => next,
            Node::Class(set) => {
                let set = self.set_index(set);
                self.push(State::Char { set, next })
            }
            Node::Start => self.push(State::Start(next)),
            Node::End => self.push(State::End(next)),
            Node::Behind { set, negative } => {
                let set = self.set_index(set);
                self.push(State::Behind {
                    set,
                    negative: *negative,
                    next,
                })
            }
            Node::Concat(items) => items
                .iter()
                .rev()
                .fold(next, |next, item| self.compile(item, next)),
            Node::Alt(items) => {
                let entries = items.iter().map(|item| self.compile(item, next)).collect();
                self.push(State::Split(entries))
            }
            Node::Repeat { node, min, max } => {
                let mut entry = match max {
                    // `node*`: a loop back to a split that may leave.
                    None => {
                        let split = self.push(State::Split(Vec::new()));
                        let body = self.compile(node, split);
                        self.states[split] = State::Split(vec![body, next]);
                        split
                    }
                    // Each optional copy may be skipped straight to what follows.
                    Some(max) => (*min..*max).fold(next, |rest, _| {
                        let body = self.compile(node, rest);
                        self.push(State::Split(vec![body, next]))
                    }),
                };
                for _ in 0..*min {
                    entry = self.compile(node, entry);
                }
                entry
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    #[test]
    fn counted_repetitions_are_copied() {
        let nfa = Nfa::build(&parse("a{2,3}").unwrap());
        let chars = nfa
            .states
            .iter()
            .filter(|s| matches!(s, State::Char { .. }))
            .count();
        assert_eq!(chars, 3);
        assert_eq!(nfa.sets.len(), 1, "one set shared by the copies");
    }

    #[test]
    fn a_star_loops() {
        let nfa = Nfa::build(&parse("a*").unwrap());
        let State::Split(targets) = &nfa.states[nfa.start] else {
            panic!("{:?}", nfa.states);
        };
        assert_eq!(targets.len(), 2);
        assert!(targets.contains(&0), "may leave to the match");
    }
}
