//! Which Java readings an automaton checks exactly, and the tree it is built from: Java's
//! `$` and possessive quantifiers depend on what follows them, lookaheads on where they
//! stand.

use super::super::charset::CharSet;
use super::super::parse::Node;
use super::{line_terminators, Lookahead, Tree, J};

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
            let overlap = follow.first.intersection(&line_terminators());
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
    if !set.intersection(&follow.first).is_empty() || follow.start {
        return Err("a possessive quantifier followed by what its class may match".to_owned());
    }
    Ok(())
}

/// The pattern's trees, when each reads exactly: lookaheads right after a leading `^`
/// become patterns of their own; anywhere else they cannot be checked.
pub(super) fn exact(tree: J) -> Result<Tree, String> {
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
            // The end, or before a final terminator; `\r\n` is one, and Java's `$` never
            // matches between its two halves.
            let cr = || Node::Class(CharSet::single(0x0D));
            let lf = || Node::Class(CharSet::single(0x0A));
            let others = line_terminators().intersection(&CharSet::single(0x0A).complement());
            Node::Alt(vec![
                Node::End,
                Node::Concat(vec![Node::Class(others), Node::End]),
                Node::Concat(vec![cr(), lf(), Node::End]),
                Node::Concat(vec![
                    Node::Behind {
                        set: CharSet::single(0x0D),
                        negative: true,
                    },
                    lf(),
                    Node::End,
                ]),
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
