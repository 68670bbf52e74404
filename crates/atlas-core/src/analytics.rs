//! Supply-chain analyses over the chain graph.
//!
//! Every analysis is a pure function of a [`ChainGraph`] and a query: no I/O, no panics (empty
//! graphs, self-loops, cycles and disconnected parts are all ordinary input), and its time and
//! memory are stated in its doc comment, with V entities and E links. The long ones (PageRank,
//! betweenness) take a [`Progress`] that reports how far they are and lets the caller cancel them.
//!
//! Supply runs along links: `A supplies B` makes A upstream of B. Supply analyses follow the
//! "chain relations" of a [`RelationSet`]: `supplies`, and `owns` and `joint_venture` when the
//! caller asks for ownership too. An entity is *local* when it sits in Chongqing: its district is
//! set (data/ only sets it to a Chongqing district or park), or it is `located_in` the
//! `chongqing` region, a district, or a local park (see [`local_entities`]).
//!
//! - [`trace`]: suppliers upstream of an entity, tier by tier, or customers downstream.
//! - [`paths`]: how two entities are connected: the k shortest distinct paths (Yen).
//! - [`centrality`]: degree, PageRank and betweenness (exact or sampled).
//! - [`risk`]: single points of failure (articulation points, bridges), sole and dual sources,
//!   supplier concentration, local coverage and gaps per segment.
//! - [`whatif`]: remove entities or a whole district or park and see which vehicle makers lose
//!   every local supplier of a segment.

pub mod centrality;
pub mod paths;
pub mod risk;
pub mod trace;
pub mod whatif;

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};

use petgraph::Direction as EdgeDirection;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::graph::ChainGraph;
use crate::model::{EntityKind, Relation};

/// The segment that vehicle makers belong to.
pub const VEHICLES: &str = "vehicles";

/// A set of relations, such as the ones an analysis follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RelationSet(u32);

impl RelationSet {
    /// No relation at all.
    pub const EMPTY: RelationSet = RelationSet(0);

    /// Every relation.
    pub fn all() -> RelationSet {
        Relation::ALL.iter().copied().collect()
    }

    /// The relations along which goods flow: `supplies`, plus `owns` and `joint_venture` when
    /// `with_ownership` (a parent or joint-venture partner backs its subsidiary's supply).
    pub fn chain(with_ownership: bool) -> RelationSet {
        let mut set = RelationSet::EMPTY.with(Relation::Supplies);
        if with_ownership {
            set = set.with(Relation::Owns).with(Relation::JointVenture);
        }
        set
    }

    pub fn with(self, relation: Relation) -> RelationSet {
        RelationSet(self.0 | 1 << (relation as u32))
    }

    pub fn contains(self, relation: Relation) -> bool {
        self.0 & 1 << (relation as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Relation> for RelationSet {
    fn from_iter<I: IntoIterator<Item = Relation>>(relations: I) -> RelationSet {
        relations.into_iter().fold(RelationSet::EMPTY, RelationSet::with)
    }
}

/// Returned by a long analysis that its caller cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the analysis was cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// How a long analysis reports progress and learns that it should stop.
#[derive(Default)]
pub struct Progress<'a> {
    cancel: Option<&'a AtomicBool>,
    report: Option<&'a mut dyn FnMut(u64, u64)>,
}

impl<'a> Progress<'a> {
    /// No reports, no cancellation.
    pub fn none() -> Progress<'a> {
        Progress::default()
    }

    /// Stops the analysis once `cancel` is set; calls `report(done, total)` as work completes.
    pub fn new(cancel: Option<&'a AtomicBool>, report: Option<&'a mut dyn FnMut(u64, u64)>) -> Progress<'a> {
        Progress { cancel, report }
    }

    /// Reports `done` of `total` steps and says whether to go on.
    pub fn step(&mut self, done: u64, total: u64) -> Result<(), Cancelled> {
        if let Some(report) = self.report.as_mut() {
            report(done, total);
        }
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Cancelled),
            _ => Ok(()),
        }
    }
}

/// The kinds of entity that make vehicles, when they are in the `vehicles` segment.
pub const MAKER_KINDS: [EntityKind; 2] = [EntityKind::Firm, EntityKind::Brand];

/// The kinds of entity counted as suppliers of their segments.
pub const SUPPLIER_KINDS: [EntityKind; 2] = [EntityKind::Firm, EntityKind::Plant];

/// Whether an entity makes vehicles: a firm or brand in the `vehicles` segment.
pub fn is_vehicle_maker(chain: &ChainGraph, node: NodeIndex) -> bool {
    chain
        .graph
        .node_weight(node)
        .is_some_and(|e| MAKER_KINDS.contains(&e.entity.kind) && e.segments.iter().any(|s| s == VEHICLES))
}

/// Whether an entity can be counted as a supplier of its segments: a firm or a plant.
pub fn is_supplier(chain: &ChainGraph, node: NodeIndex) -> bool {
    chain.graph.node_weight(node).is_some_and(|e| SUPPLIER_KINDS.contains(&e.entity.kind))
}

/// Whether an entity provides `segment`: a supplier does for any segment of its own; a university,
/// test agency, proving ground, research institute or government body does for the support
/// segments it is placed in (education, testing, research, government), which firms alone do not
/// cover.
pub fn provides(chain: &ChainGraph, node: NodeIndex, segment: &str) -> bool {
    is_supplier(chain, node)
        || chain.is_support_segment(segment)
            && chain.graph.node_weight(node).is_some_and(|e| {
                matches!(
                    e.entity.kind,
                    EntityKind::University
                        | EntityKind::TestAgency
                        | EntityKind::ProvingGround
                        | EntityKind::ResearchInstitute
                        | EntityKind::GovernmentBody
                )
            })
}

/// Which entities are local (in Chongqing), indexed by node index.
///
/// Local are: entities whose district is set; the `chongqing` region and every district entity;
/// and, transitively, everything `located_in` a local entity. A park with no district and no
/// `located_in` link to Chongqing (Yibin Sanjiang New Area, say) is not local.
///
/// Time O(V + E), memory O(V).
pub fn local_entities(chain: &ChainGraph) -> Vec<bool> {
    let graph = &chain.graph;
    let mut local = vec![false; graph.node_bound()];
    for node in graph.node_indices() {
        let e = &graph[node];
        local[node.index()] = local_by_itself(&e.entity.id, e.entity.kind, e.district.is_some());
    }
    spread_local(&mut local, |n| {
        graph
            .edges_directed(NodeIndex::new(n), EdgeDirection::Incoming)
            .filter(|edge| edge.weight().relation == Relation::LocatedIn)
            .map(|edge| edge.source().index())
            .collect::<Vec<_>>()
    });
    local
}

/// Whether an entity is local before any `located_in` link is followed: its district is set, it
/// is a district, or it is the `chongqing` region. The check's coverage report uses the same rule.
pub fn local_by_itself(id: &str, kind: EntityKind, has_district: bool) -> bool {
    has_district || kind == EntityKind::District || id == "chongqing"
}

/// Marks local, transitively, everything `located_in` a local entity; `located_in(n)` lists the
/// entities located in entity `n`. Time O(V + E).
pub fn spread_local<I: IntoIterator<Item = usize>>(local: &mut [bool], located_in: impl Fn(usize) -> I) {
    let mut queue: VecDeque<usize> = (0..local.len()).filter(|&n| local[n]).collect();
    while let Some(node) = queue.pop_front() {
        for from in located_in(node) {
            if !local[from] {
                local[from] = true;
                queue.push_back(from);
            }
        }
    }
}

/// Every entity upstream of `maker` within `max_depth` links along `relations`, skipping
/// `removed` entities (indexed by node index; shorter than the graph means none removed).
///
/// Time O(V + E) over the part within reach.
pub(crate) fn upstream_of(
    chain: &ChainGraph,
    maker: NodeIndex,
    relations: RelationSet,
    max_depth: u32,
    removed: &[bool],
) -> Vec<NodeIndex> {
    let is_removed = |n: NodeIndex| removed.get(n.index()).copied().unwrap_or(false);
    let mut seen: HashSet<NodeIndex> = HashSet::from([maker]);
    let mut found = Vec::new();
    let mut frontier = vec![maker];
    for _ in 0..max_depth {
        let mut next = Vec::new();
        for node in frontier {
            for edge in chain.graph.edges_directed(node, EdgeDirection::Incoming) {
                let supplier = edge.source();
                if relations.contains(edge.weight().relation) && !is_removed(supplier) && seen.insert(supplier) {
                    found.push(supplier);
                    next.push(supplier);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    found
}

/// A breadth-first search upstream whose buffers are reused from one maker to the next.
pub(crate) struct Walker {
    seen: Vec<u32>,
    stamp: u32,
    frontier: Vec<NodeIndex>,
    next: Vec<NodeIndex>,
}

impl Walker {
    pub(crate) fn new(nodes: usize) -> Walker {
        Walker { seen: vec![0; nodes], stamp: 0, frontier: Vec::new(), next: Vec::new() }
    }

    /// Calls `visit` on every entity within `query.max_depth` tiers upstream of `maker` (not
    /// `maker` itself), skipping `removed` ones, in the order of [`upstream_of`], until it
    /// returns false.
    pub(crate) fn walk(
        &mut self,
        chain: &ChainGraph,
        maker: NodeIndex,
        query: &risk::SupplyQuery,
        removed: Option<&[bool]>,
        mut visit: impl FnMut(NodeIndex) -> bool,
    ) {
        self.stamp += 1;
        let stamp = self.stamp;
        self.seen[maker.index()] = stamp;
        self.frontier.clear();
        self.frontier.push(maker);
        for _ in 0..query.max_depth {
            self.next.clear();
            for &node in &self.frontier {
                // petgraph lists a node's incoming links newest first; the packed list holds
                // them oldest first.
                for step in chain.incoming(node).iter().rev() {
                    let supplier = step.other.index();
                    if query.relations.contains(step.relation)
                        && self.seen[supplier] != stamp
                        && !removed.is_some_and(|r| r[supplier])
                    {
                        self.seen[supplier] = stamp;
                        self.next.push(step.other);
                        if !visit(step.other) {
                            return;
                        }
                    }
                }
            }
            if self.next.is_empty() {
                break;
            }
            std::mem::swap(&mut self.frontier, &mut self.next);
        }
    }
}

/// The graph as compact adjacency lists (entities numbered 0..n in node order), for the
/// analyses that sweep the whole graph many times.
pub(crate) struct Adjacency {
    /// Compact number -> node.
    pub nodes: Vec<NodeIndex>,
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

/// Which neighbours an [`Adjacency`] lists.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// Targets of links out of an entity.
    Out,
    /// Both ends, as if links had no direction.
    Undirected,
}

impl Adjacency {
    /// Adjacency of the links whose relation is in `relations`. Parallel links between the same
    /// two entities count once (the analyses are about entities, as in NetworkX's simple
    /// graphs); self-loops are kept only when `self_loops`.
    ///
    /// Time O(V + E log E), memory O(V + E).
    pub fn new(chain: &ChainGraph, relations: RelationSet, view: View, self_loops: bool) -> Adjacency {
        let graph = &chain.graph;
        let nodes: Vec<NodeIndex> = graph.node_indices().collect();
        let mut position = vec![u32::MAX; graph.node_bound()];
        for (i, node) in nodes.iter().enumerate() {
            position[node.index()] = i as u32;
        }
        let mut pairs: Vec<(u32, u32)> =
            Vec::with_capacity(graph.edge_count() * if view == View::Undirected { 2 } else { 1 });
        for edge in graph.edge_references() {
            if !relations.contains(edge.weight().relation) {
                continue;
            }
            let (a, b) = (position[edge.source().index()], position[edge.target().index()]);
            if a == b && !self_loops {
                continue;
            }
            pairs.push((a, b));
            if view == View::Undirected && a != b {
                pairs.push((b, a));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = vec![0usize; nodes.len() + 1];
        for &(a, _) in &pairs {
            offsets[a as usize + 1] += 1;
        }
        for i in 0..nodes.len() {
            offsets[i + 1] += offsets[i];
        }
        let targets = pairs.into_iter().map(|(_, b)| b).collect();
        Adjacency { nodes, offsets, targets }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator whose output never changes
/// between releases, so a seed always names the same sample and the same synthetic chain. A
/// crate's generator may change its algorithm between versions; these ten lines cannot.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (0 when n is 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small hand-drawn graphs for the analyses' tests.

    use crate::graph::ChainGraph;
    use crate::model::{EntityKind, Relation};
    use crate::store::{EntityRef, GraphEntity, GraphLink};

    /// An entity: `id`, kind, district, segments.
    pub fn entity(id: &str, kind: EntityKind, district: Option<&str>, segments: &[&str]) -> GraphEntity {
        GraphEntity {
            entity: EntityRef { id: id.to_string(), kind, name_zh: None, name_en: Some(id.to_string()) },
            district: district.map(str::to_string),
            segments: segments.iter().map(|s| s.to_string()).collect(),
            short_zh: None,
            short_en: None,
        }
    }

    pub fn firm(id: &str) -> GraphEntity {
        entity(id, EntityKind::Firm, None, &[])
    }

    /// A graph of firms named by `ids` and `supplies` links `(from, to)`, numbered from 1.
    pub fn supplies(ids: &[&str], links: &[(&str, &str)]) -> ChainGraph {
        graph(ids.iter().map(|i| firm(i)).collect(), links.iter().map(|(a, b)| (*a, Relation::Supplies, *b)).collect())
    }

    pub fn graph(entities: Vec<GraphEntity>, links: Vec<(&str, Relation, &str)>) -> ChainGraph {
        let links = links
            .into_iter()
            .enumerate()
            .map(|(i, (from, relation, to))| GraphLink {
                id: i as i64 + 1,
                from: from.to_string(),
                relation,
                to: to.to_string(),
            })
            .collect();
        ChainGraph::new(entities, links)
    }

    pub fn ids(chain: &ChainGraph, nodes: impl IntoIterator<Item = petgraph::stable_graph::NodeIndex>) -> Vec<String> {
        nodes.into_iter().map(|n| chain.graph[n].entity.id.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn relation_sets() {
        let chain = RelationSet::chain(false);
        assert!(chain.contains(Relation::Supplies) && !chain.contains(Relation::Owns));
        let owned = RelationSet::chain(true);
        assert!(
            owned.contains(Relation::Owns)
                && owned.contains(Relation::JointVenture)
                && !owned.contains(Relation::LocatedIn)
        );
        assert!(Relation::ALL.iter().all(|r| RelationSet::all().contains(*r)));
        assert!(RelationSet::EMPTY.is_empty());
    }

    #[test]
    fn local_follows_district_and_located_in() {
        let chain = graph(
            vec![
                entity("chongqing", EntityKind::Region, None, &[]),
                entity("china", EntityKind::Region, None, &[]),
                entity("district-a", EntityKind::District, None, &[]),
                entity("park-in-a", EntityKind::Park, None, &[]),
                entity("park-far", EntityKind::Park, None, &[]),
                entity("with-district", EntityKind::Firm, Some("park-in-a"), &[]),
                entity("in-park", EntityKind::Firm, None, &[]),
                entity("in-city", EntityKind::Firm, None, &[]),
                entity("far", EntityKind::Firm, None, &[]),
            ],
            vec![
                ("chongqing", Relation::LocatedIn, "china"),
                ("park-in-a", Relation::LocatedIn, "district-a"),
                ("in-park", Relation::LocatedIn, "park-in-a"),
                ("in-city", Relation::LocatedIn, "chongqing"),
                ("far", Relation::LocatedIn, "park-far"),
                ("far", Relation::Supplies, "in-park"),
            ],
        );
        let local = local_entities(&chain);
        let mut found: Vec<String> = ids(&chain, chain.graph.node_indices().filter(|n| local[n.index()]));
        found.sort();
        assert_eq!(found, ["chongqing", "district-a", "in-city", "in-park", "park-in-a", "with-district"]);
        assert!(local_entities(&ChainGraph::default()).is_empty());
    }

    #[test]
    fn adjacency_merges_parallel_links_and_drops_self_loops() {
        let chain = supplies(&["a", "b"], &[("a", "b"), ("a", "b"), ("b", "a"), ("a", "a")]);
        let out = Adjacency::new(&chain, RelationSet::all(), View::Out, false);
        assert_eq!((out.neighbours(0), out.neighbours(1)), (&[1u32][..], &[0u32][..]));
        let with_loops = Adjacency::new(&chain, RelationSet::all(), View::Out, true);
        assert_eq!(with_loops.neighbours(0), &[0, 1]);
        let undirected = Adjacency::new(&chain, RelationSet::all(), View::Undirected, false);
        assert_eq!((undirected.neighbours(0), undirected.neighbours(1)), (&[1u32][..], &[0u32][..]));
        assert_eq!(Adjacency::new(&ChainGraph::default(), RelationSet::all(), View::Out, false).len(), 0);
    }

    #[test]
    fn splitmix_is_seeded_and_in_range() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let drawn: Vec<usize> = (0..100).map(|_| a.below(10)).collect();
        assert!(drawn.iter().all(|d| *d < 10));
        assert_eq!(drawn, (0..100).map(|_| b.below(10)).collect::<Vec<_>>());
        assert_eq!(SplitMix64::new(1).below(0), 0);
        assert!((0..100).map(|_| a.unit()).all(|u| (0.0..1.0).contains(&u)));
    }
}
