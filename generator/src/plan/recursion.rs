//! Finds the struct and union members that must be boxed: those that close a cycle of
//! direct containment (lists and maps already put their elements on the heap).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::ShapeId;

/// Strongly connected components of a directed graph, computed without recursion so that
/// a very deep model cannot overflow the stack. Returns the component index of each node.
pub fn components(graph: &BTreeMap<ShapeId, BTreeSet<ShapeId>>) -> BTreeMap<ShapeId, usize> {
    let nodes: Vec<&ShapeId> = graph.keys().collect();
    let index_of: BTreeMap<&ShapeId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            graph[*n]
                .iter()
                .filter_map(|t| index_of.get(t).copied())
                .collect()
        })
        .collect();

    // Iterative Tarjan.
    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == usize::MAX {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    nodes.into_iter().cloned().zip(component).collect()
}

/// Whether an edge `from -> to` of the containment graph lies on a cycle and so needs a `Box`.
pub fn needs_box(components: &BTreeMap<ShapeId, usize>, from: &ShapeId, to: &ShapeId) -> bool {
    match (components.get(from), components.get(to)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> ShapeId {
        ShapeId::new("test", name)
    }

    fn graph(edges: &[(&str, &str)], nodes: &[&str]) -> BTreeMap<ShapeId, BTreeSet<ShapeId>> {
        let mut g: BTreeMap<ShapeId, BTreeSet<ShapeId>> =
            nodes.iter().map(|n| (id(n), BTreeSet::new())).collect();
        for (a, b) in edges {
            g.entry(id(a)).or_default().insert(id(b));
        }
        g
    }

    #[test]
    fn self_recursion_is_boxed() {
        let c = components(&graph(&[("A", "A")], &["A"]));
        assert!(needs_box(&c, &id("A"), &id("A")));
    }

    #[test]
    fn mutual_recursion_is_boxed_both_ways_but_not_the_way_in() {
        let c = components(&graph(
            &[("Root", "A"), ("A", "B"), ("B", "A")],
            &["Root", "A", "B"],
        ));
        assert!(needs_box(&c, &id("A"), &id("B")));
        assert!(needs_box(&c, &id("B"), &id("A")));
        assert!(!needs_box(&c, &id("Root"), &id("A")));
    }

    #[test]
    fn acyclic_edges_are_not_boxed() {
        let c = components(&graph(&[("A", "B"), ("B", "C")], &["A", "B", "C"]));
        assert!(!needs_box(&c, &id("A"), &id("B")));
        assert!(!needs_box(&c, &id("B"), &id("C")));
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let names: Vec<String> = (0..50_000).map(|i| format!("S{i}")).collect();
        let mut g: BTreeMap<ShapeId, BTreeSet<ShapeId>> = BTreeMap::new();
        for pair in names.windows(2) {
            g.entry(id(&pair[0])).or_default().insert(id(&pair[1]));
        }
        g.entry(id(&names[names.len() - 1]))
            .or_default()
            .insert(id(&names[0]));
        let c = components(&g);
        assert!(needs_box(&c, &id("S0"), &id("S1")));
    }
}
