//! The chain as a petgraph graph, built from an edition, and the neighbourhood of an entity.
//!
//! Links point from upstream to downstream (`A supplies B`, `A owns B`): following links into an
//! entity walks upstream, following links out of it walks downstream.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::asof::{Span, Standing};
use crate::model::Relation;
use crate::store::{EntityRef, GraphEntity, GraphLink};

/// A handle on one entity of a [`ChainGraph`]: cheap to copy, valid for the graph that gave it.
/// Callers outside atlas-core use it only through the graph's methods.
pub type Node = NodeIndex;

/// An edge of the chain graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub link: i64,
    pub relation: Relation,
}

/// Which links to follow from an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Links into the entity: its suppliers, owners, the bodies that test for it.
    Upstream,
    /// Links out of the entity: its customers, what it owns, where it is located.
    Downstream,
    Both,
}

/// What to collect around an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourhoodQuery {
    pub hops: u32,
    pub direction: Direction,
    /// Relations to follow; empty means all.
    pub relations: Vec<Relation>,
    /// At most this many entities besides the centre.
    pub cap: usize,
    /// Follow only the links that stood in this year (see [`crate::asof`]); `None` follows all.
    pub as_of: Option<i32>,
}

/// Entities around a centre, nearest first, and the links among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbourhood {
    /// Entities with their distance from the centre; the centre comes first at distance 0.
    pub nodes: Vec<(EntityRef, u32)>,
    /// (from id, to id, relation) among the returned entities.
    pub edges: Vec<(String, String, Relation)>,
    /// Entities within reach that the cap left out.
    pub hidden: usize,
    /// With `as_of`: how many of `edges` were kept only because they carry no date.
    pub undated: usize,
}

/// The chain graph with a map from entity ids to node indices.
#[derive(Debug, Clone, Default)]
pub struct ChainGraph {
    pub(crate) graph: StableDiGraph<GraphEntity, Edge>,
    index: HashMap<String, NodeIndex>,
    /// The links out of and into each entity, packed in two arrays so that walks over large
    /// graphs read memory in order instead of chasing petgraph's per-edge lists.
    outgoing: Adjacency,
    incoming: Adjacency,
    /// Segments that stand beside the chain (testing, research, education, government), whose
    /// providers are institutions as well as firms.
    support_segments: std::collections::HashSet<String>,
    /// The years of each link that has a `since` or an `until`; links absent here are undated.
    spans: HashMap<i64, Span>,
}

/// One link seen from one of its ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The entity at the other end.
    pub other: NodeIndex,
    pub link: i64,
    pub relation: Relation,
}

/// Compressed adjacency lists: the steps of entity `n` are `steps[offsets[n]..offsets[n + 1]]`.
#[derive(Debug, Clone, Default)]
struct Adjacency {
    offsets: Vec<usize>,
    steps: Vec<Step>,
}

impl Adjacency {
    /// Packs `(from, step)` pairs for `nodes` entities. O(V + E).
    fn new(nodes: usize, pairs: impl Iterator<Item = (usize, Step)> + Clone) -> Adjacency {
        let mut offsets = vec![0usize; nodes + 1];
        for (from, _) in pairs.clone() {
            offsets[from + 1] += 1;
        }
        for n in 0..nodes {
            offsets[n + 1] += offsets[n];
        }
        let mut next = offsets.clone();
        let placeholder = Step { other: NodeIndex::new(0), link: 0, relation: Relation::Supplies };
        let mut steps = vec![placeholder; offsets[nodes]];
        for (from, step) in pairs {
            steps[next[from]] = step;
            next[from] += 1;
        }
        Adjacency { offsets, steps }
    }

    fn of(&self, node: NodeIndex) -> &[Step] {
        match (self.offsets.get(node.index()), self.offsets.get(node.index() + 1)) {
            (Some(&start), Some(&end)) => &self.steps[start..end],
            _ => &[],
        }
    }
}

impl ChainGraph {
    /// Builds the graph; links whose ends are unknown are skipped (an edition never has them).
    pub fn new(entities: Vec<GraphEntity>, links: Vec<GraphLink>) -> ChainGraph {
        let mut graph = StableDiGraph::with_capacity(entities.len(), links.len());
        let mut index = HashMap::with_capacity(entities.len());
        for entity in entities {
            let id = entity.entity.id.clone();
            index.insert(id, graph.add_node(entity));
        }
        for link in links {
            if let (Some(&from), Some(&to)) = (index.get(&link.from), index.get(&link.to)) {
                graph.add_edge(from, to, Edge { link: link.id, relation: link.relation });
            }
        }
        // Entities are never removed, so node indices run from 0 without holes.
        let nodes = graph.node_count();
        let edges = || graph.edge_references().map(|e| (e.source(), e.target(), e.weight().link, e.weight().relation));
        let outgoing = Adjacency::new(
            nodes,
            edges().map(|(from, to, link, relation)| (from.index(), Step { other: to, link, relation })),
        );
        let incoming = Adjacency::new(
            nodes,
            edges().map(|(from, to, link, relation)| (to.index(), Step { other: from, link, relation })),
        );
        ChainGraph { graph, index, outgoing, incoming, support_segments: Default::default(), spans: HashMap::new() }
    }

    /// Marks the segments that stand beside the chain (stage `support` in data/segments.csv).
    pub fn set_support_segments(&mut self, segments: impl IntoIterator<Item = String>) {
        self.support_segments = segments.into_iter().collect();
    }

    /// Records the years of the links that carry a `since` or an `until` (by link id); the others
    /// are undated and stand in every year.
    pub fn set_link_dates(&mut self, dates: impl IntoIterator<Item = (i64, Span)>) {
        self.spans = dates.into_iter().filter(|(_, span)| !span.is_undated()).collect();
    }

    /// How link `link` stood in `year`, or `None` when it did not stand then (see [`crate::asof`]). O(1).
    pub fn standing(&self, link: i64, year: i32) -> Option<Standing> {
        self.spans.get(&link).copied().unwrap_or_default().at(year)
    }

    /// The earliest year any link's `since` or `until` names; `None` when no link is dated.
    pub fn first_link_year(&self) -> Option<i32> {
        self.spans.values().flat_map(|s| [s.since, s.until]).flatten().min()
    }

    /// Whether `segment` stands beside the chain rather than in it.
    pub fn is_support_segment(&self, segment: &str) -> bool {
        self.support_segments.contains(segment)
    }

    /// The links out of `node` (to its customers, what it owns ...). O(1).
    pub fn outgoing(&self, node: NodeIndex) -> &[Step] {
        self.outgoing.of(node)
    }

    /// The links into `node` (from its suppliers, owners ...). O(1).
    pub fn incoming(&self, node: NodeIndex) -> &[Step] {
        self.incoming.of(node)
    }

    /// The links to follow from `node` in `direction`: into it for upstream, out of it for
    /// downstream, both (links in first) for both.
    pub fn steps(&self, node: NodeIndex, direction: Direction) -> impl Iterator<Item = &Step> {
        let upstream = matches!(direction, Direction::Upstream | Direction::Both).then(|| self.incoming(node));
        let downstream = matches!(direction, Direction::Downstream | Direction::Both).then(|| self.outgoing(node));
        upstream.unwrap_or_default().iter().chain(downstream.unwrap_or_default())
    }

    /// The node of an entity id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The entity at `node`.
    pub fn entity(&self, node: Node) -> &GraphEntity {
        &self.graph[node]
    }

    /// The id of the entity at `node`.
    pub fn id(&self, node: Node) -> &str {
        &self.graph[node].entity.id
    }

    /// Every entity's node, in a stable order.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        self.graph.node_indices()
    }

    /// A small number per node, below [`ChainGraph::node_bound`], for indexing arrays.
    pub fn position(node: Node) -> usize {
        node.index()
    }

    /// One more than the largest [`ChainGraph::position`] of any node.
    pub fn node_bound(&self) -> usize {
        self.graph.node_bound()
    }

    /// Every link as (from, to, relation).
    pub fn links(&self) -> impl Iterator<Item = (Node, Node, Relation)> + '_ {
        self.graph.edge_references().map(|e| (e.source(), e.target(), e.weight().relation))
    }

    pub fn entity_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn link_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Breadth-first neighbourhood of `id` up to `query.hops` links away, nearest entities first
    /// and, at the same distance, the best connected first. `None` when the id is unknown.
    ///
    /// Time O(V + E) over the part of the graph within reach.
    pub fn neighbourhood(&self, id: &str, query: &NeighbourhoodQuery) -> Option<Neighbourhood> {
        let centre = self.node(id)?;
        let follows = |step: &Step| {
            (query.relations.is_empty() || query.relations.contains(&step.relation))
                && query.as_of.is_none_or(|year| self.standing(step.link, year).is_some())
        };
        let mut distance: HashMap<NodeIndex, u32> = HashMap::from([(centre, 0)]);
        let mut order = vec![centre];
        let mut queue = VecDeque::from([centre]);
        while let Some(node) = queue.pop_front() {
            let d = distance[&node];
            if d >= query.hops {
                continue;
            }
            let mut next: Vec<NodeIndex> = Vec::new();
            for step in self.steps(node, query.direction) {
                if follows(step) && !distance.contains_key(&step.other) {
                    distance.insert(step.other, d + 1);
                    next.push(step.other);
                }
            }
            let degree = |n: &NodeIndex| self.incoming(*n).len() + self.outgoing(*n).len();
            next.sort_by(|a, b| {
                degree(b).cmp(&degree(a)).then_with(|| self.graph[*a].entity.id.cmp(&self.graph[*b].entity.id))
            });
            order.extend(&next);
            queue.extend(next);
        }
        let reached = order.len() - 1;
        order.truncate(query.cap.saturating_add(1));
        let kept: HashSet<NodeIndex> = order.iter().copied().collect();
        let mut edges = Vec::new();
        let mut undated = 0;
        for &node in &order {
            for step in self.outgoing(node) {
                if kept.contains(&step.other) && follows(step) {
                    if let Some(year) = query.as_of
                        && self.standing(step.link, year) == Some(Standing::Undated)
                    {
                        undated += 1;
                    }
                    edges.push((
                        self.graph[node].entity.id.clone(),
                        self.graph[step.other].entity.id.clone(),
                        step.relation,
                    ));
                }
            }
        }
        let nodes = order.iter().map(|n| (self.graph[*n].entity.clone(), distance[n])).collect();
        Some(Neighbourhood { nodes, edges, hidden: reached - (kept.len() - 1), undated })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn entity(id: &str) -> GraphEntity {
        let entity =
            EntityRef { id: id.to_string(), kind: EntityKind::Firm, name_zh: None, name_en: Some(id.to_string()) };
        GraphEntity { entity, district: None, segments: Vec::new(), short_zh: None, short_en: None }
    }

    fn link(id: i64, from: &str, relation: Relation, to: &str) -> GraphLink {
        GraphLink { id, from: from.to_string(), relation, to: to.to_string() }
    }

    /// cathode -> cell -> pack -> maker <- motor; owner owns maker.
    fn chain() -> ChainGraph {
        let ids = ["cathode", "cell", "pack", "maker", "motor", "owner"];
        ChainGraph::new(
            ids.iter().map(|i| entity(i)).collect(),
            vec![
                link(1, "cathode", Relation::Supplies, "cell"),
                link(2, "cell", Relation::Supplies, "pack"),
                link(3, "pack", Relation::Supplies, "maker"),
                link(4, "motor", Relation::Supplies, "maker"),
                link(5, "owner", Relation::Owns, "maker"),
            ],
        )
    }

    fn ids(n: &Neighbourhood) -> Vec<(&str, u32)> {
        n.nodes.iter().map(|(e, d)| (e.id.as_str(), *d)).collect()
    }

    #[test]
    fn upstream_follows_links_into_the_entity_hop_by_hop() {
        let query =
            NeighbourhoodQuery { hops: 2, direction: Direction::Upstream, relations: vec![], cap: 100, as_of: None };
        let n = chain().neighbourhood("maker", &query).unwrap();
        let mut found = ids(&n);
        found.sort();
        assert_eq!(found, vec![("cell", 2), ("maker", 0), ("motor", 1), ("owner", 1), ("pack", 1)]);
        assert_eq!(n.hidden, 0);
        assert!(n.edges.contains(&("cell".into(), "pack".into(), Relation::Supplies)));
    }

    #[test]
    fn downstream_and_relation_filter() {
        let query = NeighbourhoodQuery {
            hops: 5,
            direction: Direction::Downstream,
            relations: vec![Relation::Supplies],
            cap: 100,
            as_of: None,
        };
        let n = chain().neighbourhood("cathode", &query).unwrap();
        assert_eq!(ids(&n), vec![("cathode", 0), ("cell", 1), ("pack", 2), ("maker", 3)]);
        let owns_only = NeighbourhoodQuery { relations: vec![Relation::Owns], direction: Direction::Both, ..query };
        assert_eq!(ids(&chain().neighbourhood("maker", &owns_only).unwrap()), vec![("maker", 0), ("owner", 1)]);
    }

    #[test]
    fn cap_keeps_the_nearest_and_counts_the_rest() {
        let query = NeighbourhoodQuery { hops: 3, direction: Direction::Both, relations: vec![], cap: 2, as_of: None };
        let n = chain().neighbourhood("maker", &query).unwrap();
        assert_eq!(n.nodes.len(), 3);
        assert!(n.nodes.iter().skip(1).all(|(_, d)| *d == 1));
        assert_eq!(n.hidden, 3, "cell, cathode and one of the three neighbours are left out");
    }

    #[test]
    fn as_of_follows_only_the_links_that_stood_that_year_and_counts_the_undated() {
        // owner owned maker 2018 to mid-2021; motor supplies maker since 2023; the rest undated.
        let mut graph = chain();
        graph.set_link_dates([
            (5, Span { since: Some(2018), until: Some(2021) }),
            (4, Span { since: Some(2023), until: None }),
        ]);
        assert_eq!(graph.first_link_year(), Some(2018));
        let query =
            |as_of| NeighbourhoodQuery { hops: 1, direction: Direction::Both, relations: vec![], cap: 10, as_of };
        let names = |n: &Neighbourhood| {
            let mut found: Vec<String> = n.nodes.iter().map(|(e, _)| e.id.clone()).collect();
            found.sort();
            found
        };
        let early = graph.neighbourhood("maker", &query(Some(2020))).unwrap();
        assert_eq!(names(&early), ["maker", "owner", "pack"]);
        assert_eq!((early.edges.len(), early.undated), (2, 1), "pack -> maker is undated, owner -> maker is dated");
        let late = graph.neighbourhood("maker", &query(Some(2024))).unwrap();
        assert_eq!(names(&late), ["maker", "motor", "pack"]);
        assert_eq!(late.undated, 1);
        // In 2021 the stake still stood (until 2021); without a year every link is followed.
        assert_eq!(names(&graph.neighbourhood("maker", &query(Some(2021))).unwrap()), ["maker", "owner", "pack"]);
        let now = graph.neighbourhood("maker", &query(None)).unwrap();
        assert_eq!(names(&now), ["maker", "motor", "owner", "pack"]);
        assert_eq!(now.undated, 0, "undated links are counted only as of a year");
        // Undated spans are not kept; a graph with no dated link has no first year.
        graph.set_link_dates([(1, Span::default())]);
        assert_eq!(graph.first_link_year(), None);
    }

    #[test]
    fn unknown_entity_and_empty_graph() {
        let query = NeighbourhoodQuery { hops: 1, direction: Direction::Both, relations: vec![], cap: 10, as_of: None };
        assert!(ChainGraph::default().neighbourhood("x", &query).is_none());
        let zero = NeighbourhoodQuery { hops: 0, ..query };
        assert_eq!(ids(&chain().neighbourhood("maker", &zero).unwrap()), vec![("maker", 0)]);
    }
}
