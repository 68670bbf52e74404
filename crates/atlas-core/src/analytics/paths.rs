//! Paths: how entity A is connected to entity B. The shortest path comes from a bidirectional
//! breadth-first search; the next shortest distinct simple paths from Yen's algorithm, with every
//! link counting one hop.

use std::cell::RefCell;
use std::collections::HashSet;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;

use super::RelationSet;
use crate::graph::ChainGraph;
use crate::model::Relation;

/// What paths to look for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathQuery {
    /// How many distinct paths, shortest first; 0 asks for none.
    pub k: usize,
    pub relations: RelationSet,
    /// Follow links only from upstream to downstream; otherwise in either direction.
    pub directed: bool,
}

/// One hop of a path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop {
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub link: i64,
    pub relation: Relation,
    /// True when the link points from `from` to `to`; false when the hop walks it backwards.
    pub along: bool,
}

/// A simple path (no entity twice), as its hops.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainPath {
    pub hops: Vec<Hop>,
}

impl ChainPath {
    /// The entities along the path, both ends included.
    pub fn entities(&self) -> Vec<NodeIndex> {
        let mut entities: Vec<NodeIndex> = self.hops.first().map(|h| h.from).into_iter().collect();
        entities.extend(self.hops.iter().map(|h| h.to));
        entities
    }
}

/// Up to `query.k` shortest paths from `from` to `to` that differ in at least one entity,
/// shortest first (ties in the order Yen's algorithm finds them). `None` when either id is
/// unknown; empty when the two are not connected. A path from an entity to itself is the empty
/// path.
///
/// Time O(k L (V + E)) for paths of up to L hops (one search per spur entity), memory O(V + k L).
pub fn paths(chain: &ChainGraph, from: &str, to: &str, query: &PathQuery) -> Option<Vec<ChainPath>> {
    let (source, target) = (chain.node(from)?, chain.node(to)?);
    let search = Search { chain, relations: query.relations, directed: query.directed };
    let no_nodes = Vec::new();
    let mut found: Vec<ChainPath> = Vec::new();
    if query.k == 0 {
        return Some(found);
    }
    let Some(first) = search.shortest(source, target, &no_nodes, &HashSet::new()) else { return Some(found) };
    found.push(ChainPath { hops: first });
    let mut candidates: Vec<ChainPath> = Vec::new();
    let mut known: HashSet<Vec<NodeIndex>> = HashSet::from([found[0].entities()]);
    while found.len() < query.k {
        let Some(last) = found.last() else { break };
        let last_entities = last.entities();
        let mut banned_nodes = vec![false; chain.graph.node_bound()];
        for spur_at in 0..last.hops.len() {
            let spur = last_entities[spur_at];
            let root = &last_entities[..=spur_at];
            // Steps that a found path already took after this same root are not taken again.
            let banned_steps: HashSet<(NodeIndex, NodeIndex)> = found
                .iter()
                .map(|p| p.entities())
                .filter(|e| e.len() > spur_at + 1 && e[..=spur_at] == *root)
                .map(|e| (e[spur_at], e[spur_at + 1]))
                .collect();
            if spur_at > 0 {
                banned_nodes[last_entities[spur_at - 1].index()] = true;
            }
            if let Some(spur_hops) = search.shortest(spur, target, &banned_nodes, &banned_steps) {
                let mut hops = last.hops[..spur_at].to_vec();
                hops.extend(spur_hops);
                let path = ChainPath { hops };
                if known.insert(path.entities()) {
                    candidates.push(path);
                }
            }
        }
        // The shortest candidate next; among equals, the one found first.
        let Some(best) = candidates.iter().enumerate().min_by_key(|(i, p)| (p.hops.len(), *i)).map(|(i, _)| i) else {
            break;
        };
        found.push(candidates.remove(best));
    }
    Some(found)
}

/// Length in hops of the shortest path from `from` to `to`; `None` when unknown or unconnected.
///
/// Time O(V + E), usually far less (the two searches meet in the middle).
pub fn distance(chain: &ChainGraph, from: &str, to: &str, relations: RelationSet, directed: bool) -> Option<usize> {
    let (source, target) = (chain.node(from)?, chain.node(to)?);
    Search { chain, relations, directed }.shortest(source, target, &[], &HashSet::new()).map(|hops| hops.len())
}

/// A breadth-first search on one view of the graph.
struct Search<'g> {
    chain: &'g ChainGraph,
    relations: RelationSet,
    directed: bool,
}

/// One side of a bidirectional search: the distance and the hop that reached each entity, in
/// arrays indexed by entity that are reused from search to search (see [`Marks`]), so that a
/// search costs the entities it reaches, not an allocation as large as the graph.
struct Side {
    marks: Marks,
    frontier: Vec<NodeIndex>,
}

/// How a search reached an entity: from which entity, over which link, and whether the hop
/// (taken from the source's end towards the target's) follows the link's direction.
#[derive(Debug, Clone, Copy)]
struct Via {
    previous: NodeIndex,
    link: i64,
    relation: Relation,
    along: bool,
}

/// Per-entity search state. An entry is valid only when its stamp equals the current generation,
/// so starting a new search is a counter increment, not a clearing of the arrays.
#[derive(Default)]
struct Marks {
    generation: u32,
    stamp: Vec<u32>,
    distance: Vec<u32>,
    via: Vec<Option<Via>>,
}

thread_local! {
    /// Marks left by finished searches on this thread, for the next ones to reuse.
    static SPARE_MARKS: RefCell<Vec<Marks>> = const { RefCell::new(Vec::new()) };
}

/// How many spare marks a thread keeps (a search uses two).
const SPARE: usize = 2;

impl Marks {
    /// Spare marks of this thread (or new ones), sized for `size` entities, with none set.
    fn take(size: usize) -> Marks {
        let spare = SPARE_MARKS.try_with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.pop())).ok().flatten();
        let mut marks = spare.unwrap_or_default();
        if marks.stamp.len() < size {
            marks.stamp.resize(size, 0);
            marks.distance.resize(size, 0);
            marks.via.resize(size, None);
        }
        marks.generation = marks.generation.wrapping_add(1);
        if marks.generation == 0 {
            marks.stamp.fill(0);
            marks.generation = 1;
        }
        marks
    }

    fn get(&self, node: NodeIndex) -> Option<(u32, Option<Via>)> {
        let i = node.index();
        (self.stamp.get(i) == Some(&self.generation)).then(|| (self.distance[i], self.via[i]))
    }

    /// Sets the entry of `node` unless it is set; says whether it was new.
    fn set(&mut self, node: NodeIndex, distance: u32, via: Option<Via>) -> bool {
        let i = node.index();
        match self.stamp.get(i) {
            Some(stamp) if *stamp != self.generation => {
                (self.stamp[i], self.distance[i], self.via[i]) = (self.generation, distance, via);
                true
            }
            _ => false,
        }
    }
}

impl Side {
    fn new(start: NodeIndex, size: usize) -> Side {
        let mut marks = Marks::take(size);
        marks.set(start, 0, None);
        Side { marks, frontier: vec![start] }
    }

    fn distance(&self, node: NodeIndex) -> Option<u32> {
        self.marks.get(node).map(|(d, _)| d)
    }

    fn reached_by(&self, node: NodeIndex) -> Option<Via> {
        self.marks.get(node).and_then(|(_, by)| by)
    }
}

impl Drop for Side {
    fn drop(&mut self) {
        let marks = std::mem::take(&mut self.marks);
        // Best effort: during thread teardown the spares are gone and the marks are just freed.
        let _ = SPARE_MARKS.try_with(|s| {
            if let Ok(mut spare) = s.try_borrow_mut()
                && spare.len() < SPARE
            {
                spare.push(marks);
            }
        });
    }
}

impl Search<'_> {
    /// How many links `steps` would scan from `node`.
    fn degree(&self, node: NodeIndex, forward: bool) -> usize {
        let outgoing = if !self.directed || forward { self.chain.outgoing(node).len() } else { 0 };
        let incoming = if !self.directed || !forward { self.chain.incoming(node).len() } else { 0 };
        outgoing + incoming
    }

    /// Neighbours of `node` with how they are reached, until `visit` returns false; `forward`
    /// walks away from the source. Reads the graph's packed adjacency lists.
    fn steps(&self, node: NodeIndex, forward: bool, mut visit: impl FnMut(Via, NodeIndex) -> bool) {
        let outgoing = (!self.directed || forward).then(|| self.chain.outgoing(node));
        let incoming = (!self.directed || !forward).then(|| self.chain.incoming(node));
        for (steps, out) in [(outgoing, true), (incoming, false)] {
            for step in steps.unwrap_or_default() {
                if self.relations.contains(step.relation) {
                    let via = Via { previous: node, link: step.link, relation: step.relation, along: forward == out };
                    if !visit(via, step.other) {
                        return;
                    }
                }
            }
        }
    }

    /// A shortest path avoiding `banned_nodes` (by node index) and `banned_steps` (entity pairs
    /// as walked), expanding the smaller frontier a whole level at a time.
    fn shortest(
        &self,
        source: NodeIndex,
        target: NodeIndex,
        banned_nodes: &[bool],
        banned_steps: &HashSet<(NodeIndex, NodeIndex)>,
    ) -> Option<Vec<Hop>> {
        if source == target {
            return Some(Vec::new());
        }
        let banned = |n: NodeIndex| banned_nodes.get(n.index()).copied().unwrap_or(false);
        if banned(source) || banned(target) {
            return None;
        }
        let size = self.chain.graph.node_bound();
        let mut sides = [Side::new(source, size), Side::new(target, size)];
        loop {
            if sides[0].frontier.is_empty() || sides[1].frontier.is_empty() {
                return None;
            }
            // Expand the side whose next level costs less: the links to scan, not the number of
            // entities, so that a search towards a hub with thousands of suppliers walks the few
            // links from the other end instead of scanning the hub.
            let work =
                |side: &Side, forward: bool| side.frontier.iter().map(|n| self.degree(*n, forward)).sum::<usize>();
            let forward = work(&sides[0], true) <= work(&sides[1], false);
            let (this, other) = if forward { (0, 1) } else { (1, 0) };
            let frontier = std::mem::take(&mut sides[this].frontier);
            let mut next = Vec::new();
            // The first entity both sides reach closes a shortest path: every entity the other
            // side reached before its current frontier has had all its neighbours reached, so
            // this side touches the other only at that frontier, and all touches are equally long.
            let mut meeting: Option<NodeIndex> = None;
            for node in frontier {
                let d = sides[this].distance(node).unwrap_or(0);
                self.steps(node, forward, |via, neighbour| {
                    let step = if forward { (node, neighbour) } else { (neighbour, node) };
                    if banned(neighbour) || banned_steps.contains(&step) {
                        return true;
                    }
                    if sides[this].marks.set(neighbour, d + 1, Some(via)) {
                        next.push(neighbour);
                        if sides[other].distance(neighbour).is_some() {
                            meeting = Some(neighbour);
                            return false;
                        }
                    }
                    true
                });
                if let Some(middle) = meeting {
                    return Some(self.join(&sides, middle));
                }
            }
            sides[this].frontier = next;
        }
    }

    /// The hops from the source to `middle` (forward side) and on to the target (backward side).
    fn join(&self, sides: &[Side; 2], middle: NodeIndex) -> Vec<Hop> {
        let mut hops = Vec::new();
        let mut node = middle;
        while let Some(via) = sides[0].reached_by(node) {
            hops.push(Hop { from: via.previous, to: node, link: via.link, relation: via.relation, along: via.along });
            node = via.previous;
        }
        hops.reverse();
        let mut node = middle;
        while let Some(via) = sides[1].reached_by(node) {
            hops.push(Hop { from: node, to: via.previous, link: via.link, relation: via.relation, along: via.along });
            node = via.previous;
        }
        hops
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn query(k: usize, directed: bool) -> PathQuery {
        PathQuery { k, relations: RelationSet::all(), directed }
    }

    fn listed(chain: &ChainGraph, found: &[ChainPath]) -> Vec<String> {
        found.iter().map(|p| ids(chain, p.entities()).join(">")).collect()
    }

    /// A square a-b-d, a-c-d plus a long way a-e-f-d and a shortcut link b-c.
    fn square() -> ChainGraph {
        supplies(
            &["a", "b", "c", "d", "e", "f"],
            &[("a", "b"), ("b", "d"), ("a", "c"), ("c", "d"), ("a", "e"), ("e", "f"), ("f", "d"), ("b", "c")],
        )
    }

    #[test]
    fn k_shortest_distinct_paths_shortest_first() {
        let chain = square();
        let found = paths(&chain, "a", "d", &query(10, true)).unwrap();
        let mut two = listed(&chain, &found[..2]);
        two.sort();
        assert_eq!(two, ["a>b>d", "a>c>d"]);
        let mut three = listed(&chain, &found[2..]);
        three.sort();
        // Directed: a>b>c>d and a>e>f>d; nothing else reaches d.
        assert_eq!(three, ["a>b>c>d", "a>e>f>d"]);
        assert!(found.windows(2).all(|w| w[0].hops.len() <= w[1].hops.len()));
        for path in &found {
            let entities = path.entities();
            assert_eq!(entities.iter().collect::<HashSet<_>>().len(), entities.len(), "simple");
        }
    }

    #[test]
    fn undirected_walks_links_backwards_and_says_so() {
        let chain = square();
        assert!(paths(&chain, "d", "a", &query(1, true)).unwrap().is_empty());
        let back = paths(&chain, "d", "a", &query(1, false)).unwrap();
        assert_eq!(back[0].hops.len(), 2);
        assert!(back[0].hops.iter().all(|h| !h.along));
        assert_eq!(distance(&chain, "d", "a", RelationSet::all(), false), Some(2));
        assert_eq!(distance(&chain, "e", "d", RelationSet::all(), true), Some(2));
        // Undirected, a-b-c-d, a-c-b-d and the others: 2 of length 2, then 3 of length 3.
        let all = paths(&chain, "a", "d", &query(10, false)).unwrap();
        let lengths: Vec<usize> = all.iter().map(|p| p.hops.len()).collect();
        assert_eq!(lengths, [2, 2, 3, 3, 3]);
    }

    #[test]
    fn hops_carry_links_and_relations() {
        let chain = graph(
            vec![firm("a"), firm("b"), firm("c")],
            vec![("a", Relation::Owns, "b"), ("c", Relation::Supplies, "b")],
        );
        let found = paths(&chain, "a", "c", &query(1, false)).unwrap();
        let hops = &found[0].hops;
        assert_eq!((hops[0].link, hops[0].relation, hops[0].along), (1, Relation::Owns, true));
        assert_eq!((hops[1].link, hops[1].relation, hops[1].along), (2, Relation::Supplies, false));
        let supplies_only = PathQuery { relations: RelationSet::chain(false), ..query(1, false) };
        assert!(paths(&chain, "a", "c", &supplies_only).unwrap().is_empty());
    }

    #[test]
    fn edge_cases() {
        let chain = supplies(&["a", "b", "island"], &[("a", "b"), ("b", "a"), ("a", "a"), ("a", "b")]);
        assert_eq!(paths(&chain, "a", "a", &query(3, true)).unwrap(), [ChainPath { hops: vec![] }]);
        // Parallel links and a self-loop give one path, not several.
        assert_eq!(listed(&chain, &paths(&chain, "a", "b", &query(5, false)).unwrap()), ["a>b"]);
        assert!(paths(&chain, "a", "island", &query(3, false)).unwrap().is_empty());
        assert!(paths(&chain, "a", "nobody", &query(3, false)).is_none());
        assert!(paths(&chain, "a", "b", &query(0, false)).unwrap().is_empty());
        assert!(paths(&ChainGraph::default(), "a", "b", &query(1, false)).is_none());
        assert_eq!(distance(&chain, "a", "island", RelationSet::all(), false), None);
    }

    #[test]
    fn shortest_is_shortest_on_a_ring_with_a_chord() {
        // Ring of 12; the chord 0-6 makes 0 to 7 two hops instead of five.
        let names: Vec<String> = (0..12).map(|i| format!("n{i}")).collect();
        let ids: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut links: Vec<(&str, &str)> = (0..12).map(|i| (ids[i], ids[(i + 1) % 12])).collect();
        links.push((ids[0], ids[6]));
        let chain = supplies(&ids, &links);
        assert_eq!(distance(&chain, "n0", "n7", RelationSet::all(), true), Some(2));
        assert_eq!(distance(&chain, "n7", "n0", RelationSet::all(), true), Some(5));
        // n2-n1-n0-n6-n7-n8 beats six hops round the ring; n3 to n9 gains nothing from the chord.
        assert_eq!(distance(&chain, "n2", "n8", RelationSet::all(), false), Some(5));
        assert_eq!(distance(&chain, "n3", "n9", RelationSet::all(), false), Some(6));
    }
}
