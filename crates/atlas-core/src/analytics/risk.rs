//! Risk: single points of failure in the network, vehicle makers that depend on one or two
//! suppliers of a segment, how concentrated each segment's supply is, and how much of it is local.

use std::collections::{BTreeMap, HashMap};

use petgraph::Direction as EdgeDirection;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, NodeIndexable};

use super::{
    Adjacency, RelationSet, View, Walker, is_supplier, is_vehicle_maker, local_entities, provides, upstream_of,
};
use crate::graph::ChainGraph;

/// Entities and links whose loss splits the network into more parts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CutPoints {
    /// Articulation points: entities whose removal disconnects others, in node order.
    pub articulation_points: Vec<NodeIndex>,
    /// Bridges: pairs of entities whose only connection is the links between them.
    pub bridges: Vec<Bridge>,
}

/// A bridge between two entities, with the links (usually one) that join them.
#[derive(Debug, Clone, PartialEq)]
pub struct Bridge {
    pub a: NodeIndex,
    pub b: NodeIndex,
    pub links: Vec<i64>,
}

/// Articulation points and bridges of the links in `relations`, seen without direction and as a
/// simple graph (parallel links between two entities are one connection; self-loops none).
/// Iterative Tarjan-Hopcroft with an explicit stack, so deep chains cannot overflow the stack.
///
/// Time O(V + E log E) (the log from building the adjacency), memory O(V + E).
pub fn cut_points(chain: &ChainGraph, relations: RelationSet) -> CutPoints {
    let adjacency = Adjacency::new(chain, relations, View::Undirected, false);
    let n = adjacency.len();
    const NONE: u32 = u32::MAX;
    let mut discovered = vec![0u32; n];
    let mut low = vec![0u32; n];
    let mut parent = vec![NONE; n];
    let mut next_edge = vec![0usize; n];
    let mut is_cut = vec![false; n];
    let mut bridges: Vec<(u32, u32)> = Vec::new();
    let mut time = 0u32;
    let mut stack: Vec<u32> = Vec::new();
    for root in 0..n {
        if discovered[root] != 0 {
            continue;
        }
        time += 1;
        (discovered[root], low[root]) = (time, time);
        let mut root_children = 0;
        stack.push(root as u32);
        while let Some(&u) = stack.last() {
            let u = u as usize;
            let neighbours = adjacency.neighbours(u);
            if let Some(&v) = neighbours.get(next_edge[u]) {
                next_edge[u] += 1;
                let v_index = v as usize;
                if v == parent[u] {
                    continue;
                }
                if discovered[v_index] == 0 {
                    time += 1;
                    (discovered[v_index], low[v_index]) = (time, time);
                    parent[v_index] = u as u32;
                    if u == root {
                        root_children += 1;
                    }
                    stack.push(v);
                } else {
                    low[u] = low[u].min(discovered[v_index]);
                }
            } else {
                stack.pop();
                let p = parent[u];
                if p != NONE {
                    let p = p as usize;
                    low[p] = low[p].min(low[u]);
                    if low[u] > discovered[p] {
                        bridges.push((p as u32, u as u32));
                    }
                    if p != root && low[u] >= discovered[p] {
                        is_cut[p] = true;
                    }
                }
            }
        }
        if root_children > 1 {
            is_cut[root] = true;
        }
    }
    let articulation_points = (0..n).filter(|&i| is_cut[i]).map(|i| adjacency.nodes[i]).collect();
    let bridges = bridges
        .into_iter()
        .map(|(a, b)| {
            let (a, b) = (adjacency.nodes[a as usize], adjacency.nodes[b as usize]);
            let links = chain
                .graph
                .edges_directed(a, EdgeDirection::Outgoing)
                .filter(|e| e.target() == b)
                .chain(chain.graph.edges_directed(b, EdgeDirection::Outgoing).filter(|e| e.target() == a))
                .filter(|e| relations.contains(e.weight().relation))
                .map(|e| e.weight().link)
                .collect();
            Bridge { a, b, links }
        })
        .collect();
    CutPoints { articulation_points, bridges }
}

/// What to look at when asking who depends on whom.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyQuery {
    pub relations: RelationSet,
    /// Count suppliers up to this many tiers upstream of a vehicle maker.
    pub max_depth: u32,
    /// Segments to consider (the chain's segments, not support ones); empty means every segment
    /// the suppliers belong to.
    pub segments: Vec<String>,
}

impl Default for SupplyQuery {
    fn default() -> SupplyQuery {
        SupplyQuery { relations: RelationSet::chain(false), max_depth: 3, segments: Vec::new() }
    }
}

impl SupplyQuery {
    pub(crate) fn counts(&self, segment: &str) -> bool {
        self.segments.is_empty() || self.segments.iter().any(|s| s == segment)
    }
}

/// A vehicle maker that gets a segment from one or two suppliers only.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub maker: NodeIndex,
    pub segment: String,
    /// One supplier (sole source) or two (dual source).
    pub suppliers: Vec<NodeIndex>,
}

/// The suppliers of each segment upstream of `maker`, by segment.
pub(crate) fn suppliers_by_segment(
    chain: &ChainGraph,
    maker: NodeIndex,
    query: &SupplyQuery,
    removed: &[bool],
) -> BTreeMap<String, Vec<NodeIndex>> {
    let mut by_segment: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    for supplier in upstream_of(chain, maker, query.relations, query.max_depth, removed) {
        if !is_supplier(chain, supplier) {
            continue;
        }
        for segment in chain.graph[supplier].segments.iter().filter(|s| query.counts(s)) {
            by_segment.entry(segment.clone()).or_default().push(supplier);
        }
    }
    by_segment
}

/// Sole- and dual-source dependencies: for each vehicle maker (or only `maker`), the segments
/// whose suppliers within `query.max_depth` tiers upstream number one or two. A supplier is a firm
/// or plant; it counts for every segment it is tagged with.
///
/// One search per maker over the packed adjacency lists with reused buffers, counting suppliers
/// per segment (numbered once) and keeping only the first three of each; the answer is that of
/// [`sourcing_plain`] (tests compare the two).
///
/// Time O(V + S) to number the segments plus O(M (V + E)) for M vehicle makers, but each search
/// stops at `max_depth` tiers.
pub fn sourcing(chain: &ChainGraph, maker: Option<NodeIndex>, query: &SupplyQuery) -> Vec<Dependency> {
    let graph = &chain.graph;
    let makers: Vec<NodeIndex> = match maker {
        Some(m) => vec![m],
        None => graph.node_indices().filter(|n| is_vehicle_maker(chain, *n)).collect(),
    };
    // The segments each supplier counts for, numbered.
    let mut number: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut offsets = Vec::with_capacity(graph.node_bound() + 1);
    let mut tags: Vec<usize> = Vec::new();
    offsets.push(0);
    for n in 0..graph.node_bound() {
        let node = NodeIndex::new(n);
        if is_supplier(chain, node) {
            for segment in graph[node].segments.iter().filter(|s| query.counts(s)) {
                let id = *number.entry(segment.as_str()).or_insert_with(|| {
                    names.push(segment.as_str());
                    names.len() - 1
                });
                tags.push(id);
            }
        }
        offsets.push(tags.len());
    }
    let mut walker = Walker::new(graph.node_bound());
    // Per segment: the maker (stamp) it was counted for, how many suppliers, the first three.
    let mut stamp_of = vec![0usize; names.len()];
    let mut count = vec![0usize; names.len()];
    let mut first = vec![[NodeIndex::new(0); 3]; names.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for (i, maker) in makers.into_iter().filter(|m| graph.contains_node(*m)).enumerate() {
        let stamp = i + 1;
        touched.clear();
        walker.walk(chain, maker, query, None, |supplier| {
            for &s in &tags[offsets[supplier.index()]..offsets[supplier.index() + 1]] {
                if stamp_of[s] != stamp {
                    stamp_of[s] = stamp;
                    count[s] = 0;
                    touched.push(s);
                }
                if count[s] < 3 {
                    first[s][count[s]] = supplier;
                }
                count[s] += 1;
            }
            true
        });
        touched.sort_by(|a, b| names[*a].cmp(names[*b]));
        for &s in &touched {
            if count[s] <= 2 {
                let mut suppliers = first[s][..count[s]].to_vec();
                suppliers.sort_by(|a, b| graph[*a].entity.id.cmp(&graph[*b].entity.id));
                found.push(Dependency { maker, segment: names[s].to_string(), suppliers });
            }
        }
    }
    found
}

/// The straightforward computation of [`sourcing`]: each maker's suppliers by segment, from its
/// own search. Kept as the reference the tests compare the fast one with.
///
/// Time O(M (V + E)) for M vehicle makers.
pub fn sourcing_plain(chain: &ChainGraph, maker: Option<NodeIndex>, query: &SupplyQuery) -> Vec<Dependency> {
    let makers: Vec<NodeIndex> = match maker {
        Some(m) => vec![m],
        None => chain.graph.node_indices().filter(|n| is_vehicle_maker(chain, *n)).collect(),
    };
    let mut found = Vec::new();
    for maker in makers.into_iter().filter(|m| chain.graph.contains_node(*m)) {
        for (segment, mut suppliers) in suppliers_by_segment(chain, maker, query, &[]) {
            if suppliers.len() <= 2 {
                suppliers.sort_by(|a, b| chain.graph[*a].entity.id.cmp(&chain.graph[*b].entity.id));
                found.push(Dependency { maker, segment, suppliers });
            }
        }
    }
    found
}

/// How concentrated one segment's supply is.
#[derive(Debug, Clone, PartialEq)]
pub struct Concentration {
    pub segment: String,
    /// Suppliers of the segment with at least one customer link.
    pub suppliers: usize,
    /// Links from the segment's suppliers to their customers.
    pub customer_links: usize,
    /// Herfindahl-Hirschman index of suppliers' shares of customer links, 0 to 10,000
    /// (10,000 is a single supplier); `None` when the segment has no customer links.
    pub hhi: Option<f64>,
    /// The supplier with the most customer links (ties: the smallest id) and its share, 0 to 1.
    pub top_supplier: Option<(NodeIndex, f64)>,
}

/// Supplier concentration per segment, in the order of `segments` (or of segment ids when empty),
/// measured by each supplier's count of links to customers along `relations`.
///
/// Time O(V + E + S log S) for S segments, memory O(V).
pub fn concentration(chain: &ChainGraph, relations: RelationSet, segments: &[String]) -> Vec<Concentration> {
    let mut per_segment: BTreeMap<&str, Vec<(NodeIndex, usize)>> =
        segments.iter().map(|s| (s.as_str(), Vec::new())).collect();
    for node in chain.graph.node_indices().filter(|n| is_supplier(chain, *n)) {
        let customers = chain
            .graph
            .edges_directed(node, EdgeDirection::Outgoing)
            .filter(|e| relations.contains(e.weight().relation))
            .count();
        if customers == 0 {
            continue;
        }
        for segment in &chain.graph[node].segments {
            if segments.is_empty() || segments.contains(segment) {
                per_segment.entry(segment.as_str()).or_default().push((node, customers));
            }
        }
    }
    let measure = |segment: &str, suppliers: &[(NodeIndex, usize)]| {
        let total: usize = suppliers.iter().map(|s| s.1).sum();
        let share = |count: usize| count as f64 / total as f64;
        let top = suppliers
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| chain.graph[b.0].entity.id.cmp(&chain.graph[a.0].entity.id)));
        Concentration {
            segment: segment.to_string(),
            suppliers: suppliers.len(),
            customer_links: total,
            hhi: (total > 0).then(|| suppliers.iter().map(|s| (share(s.1) * 100.0).powi(2)).sum()),
            top_supplier: top.map(|t| (t.0, share(t.1))),
        }
    };
    let order: Vec<&str> = if segments.is_empty() {
        per_segment.keys().copied().collect()
    } else {
        segments.iter().map(String::as_str).collect()
    };
    order.into_iter().map(|s| measure(s, per_segment.get(s).map_or(&[][..], Vec::as_slice))).collect()
}

/// How many suppliers of a segment are local.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub segment: String,
    /// Entities that provide the segment (see [`super::provides`]): firms and plants, and for
    /// support segments the institutions placed in them.
    pub suppliers: usize,
    pub local_suppliers: Vec<NodeIndex>,
}

/// Local coverage per segment, in the order of `segments` (or of segment ids when empty): the
/// providers of each segment (see [`super::provides`]) and those of them that are local (see
/// [`super::local_entities`]).
///
/// Time O(V + E), memory O(V).
pub fn local_coverage(chain: &ChainGraph, segments: &[String]) -> Vec<Coverage> {
    let local = local_entities(chain);
    let mut per_segment: BTreeMap<&str, (usize, Vec<NodeIndex>)> =
        segments.iter().map(|s| (s.as_str(), (0, Vec::new()))).collect();
    for node in chain.graph.node_indices() {
        for segment in &chain.graph[node].segments {
            if (segments.is_empty() || segments.contains(segment)) && provides(chain, node, segment) {
                let entry = per_segment.entry(segment.as_str()).or_default();
                entry.0 += 1;
                if local[node.index()] {
                    entry.1.push(node);
                }
            }
        }
    }
    let order: Vec<&str> = if segments.is_empty() {
        per_segment.keys().copied().collect()
    } else {
        segments.iter().map(String::as_str).collect()
    };
    order
        .into_iter()
        .map(|s| {
            let (suppliers, local_suppliers) = per_segment.get(s).cloned().unwrap_or_default();
            Coverage { segment: s.to_string(), suppliers, local_suppliers }
        })
        .collect()
}

/// Segments with no local supplier or only one, ranked for filling the chain: no local supplier
/// before one, then the segments with more suppliers elsewhere first (the chain needs them and
/// there are firms to attract), then in the order given.
///
/// Time O(V + E + S log S), memory O(V).
pub fn gaps(chain: &ChainGraph, segments: &[String]) -> Vec<Coverage> {
    let position: HashMap<String, usize> = segments.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect();
    let mut found: Vec<Coverage> =
        local_coverage(chain, segments).into_iter().filter(|c| c.local_suppliers.len() <= 1).collect();
    found.sort_by_key(|c| {
        (
            c.local_suppliers.len(),
            std::cmp::Reverse(c.suppliers),
            position.get(&c.segment).copied().unwrap_or(usize::MAX),
        )
    });
    found
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::{EntityKind, Relation};

    fn sorted(chain: &ChainGraph, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<String> {
        let mut found = ids(chain, nodes);
        found.sort();
        found
    }

    fn bridge_names(chain: &ChainGraph, cut: &CutPoints) -> Vec<String> {
        let mut found: Vec<String> = cut
            .bridges
            .iter()
            .map(|b| {
                let mut pair = [chain.graph[b.a].entity.id.clone(), chain.graph[b.b].entity.id.clone()];
                pair.sort();
                pair.join("-")
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn cut_points_of_two_triangles_joined_by_a_link() {
        // Triangles a-b-c and d-e-f joined by c-d; g hangs off f; h is alone; a self-loop on a.
        let chain = supplies(
            &["a", "b", "c", "d", "e", "f", "g", "h"],
            &[
                ("a", "b"),
                ("b", "c"),
                ("c", "a"),
                ("c", "d"),
                ("d", "e"),
                ("e", "f"),
                ("f", "d"),
                ("g", "f"),
                ("a", "a"),
            ],
        );
        let cut = cut_points(&chain, RelationSet::all());
        assert_eq!(sorted(&chain, cut.articulation_points.iter().copied()), ["c", "d", "f"]);
        assert_eq!(bridge_names(&chain, &cut), ["c-d", "f-g"]);
        let cd = cut
            .bridges
            .iter()
            .find(|b| chain.graph[b.a].entity.id == "c" || chain.graph[b.b].entity.id == "c")
            .unwrap();
        assert_eq!(cd.links, [4]);
    }

    #[test]
    fn parallel_links_do_not_make_a_pair_safe_but_a_second_route_does() {
        // a = b (two links) - c: both connections are bridges, b is a cut point.
        let chain = supplies(&["a", "b", "c"], &[("a", "b"), ("b", "a"), ("b", "c")]);
        let cut = cut_points(&chain, RelationSet::all());
        assert_eq!(bridge_names(&chain, &cut), ["a-b", "b-c"]);
        let ab = cut.bridges.iter().find(|b| b.links.len() == 2).unwrap();
        let mut links = ab.links.clone();
        links.sort();
        assert_eq!(links, [1, 2]);
        assert_eq!(sorted(&chain, cut.articulation_points.iter().copied()), ["b"]);
        // A cycle has neither.
        let ring = supplies(&["a", "b", "c", "d"], &[("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]);
        assert_eq!(cut_points(&ring, RelationSet::all()), CutPoints::default());
        assert_eq!(cut_points(&ChainGraph::default(), RelationSet::all()), CutPoints::default());
    }

    #[test]
    fn a_long_line_does_not_overflow_the_stack() {
        let names: Vec<String> = (0..200_000).map(|i| format!("n{i}")).collect();
        let ids: Vec<&str> = names.iter().map(String::as_str).collect();
        let links: Vec<(&str, &str)> = ids.windows(2).map(|w| (w[0], w[1])).collect();
        let cut = cut_points(&supplies(&ids, &links), RelationSet::all());
        assert_eq!((cut.articulation_points.len(), cut.bridges.len()), (199_998, 199_999));
    }

    /// Two makers. m1 gets cells from c1 only (sole), motors from e1 and e2 (dual), and c1 gets
    /// materials from x1, x2 and x3 (three: neither). m2 gets cells from c1 and c2 and c3.
    fn makers() -> ChainGraph {
        let firm_in =
            |id: &str, segment: &str, district: Option<&str>| entity(id, EntityKind::Firm, district, &[segment]);
        graph(
            vec![
                firm_in("m1", "vehicles", Some("district-a")),
                firm_in("m2", "vehicles", None),
                firm_in("c1", "cells-packs", Some("district-a")),
                firm_in("c2", "cells-packs", None),
                firm_in("c3", "cells-packs", None),
                firm_in("e1", "e-drive", Some("district-b")),
                firm_in("e2", "e-drive", None),
                firm_in("x1", "materials", None),
                firm_in("x2", "materials", None),
                firm_in("x3", "materials", None),
                entity("brand", EntityKind::Brand, None, &["vehicles"]),
                entity("plant", EntityKind::Plant, Some("district-a"), &["chassis-body"]),
            ],
            vec![
                ("c1", Relation::Supplies, "m1"),
                ("e1", Relation::Supplies, "m1"),
                ("e2", Relation::Supplies, "m1"),
                ("x1", Relation::Supplies, "c1"),
                ("x2", Relation::Supplies, "c1"),
                ("x3", Relation::Supplies, "c1"),
                ("c1", Relation::Supplies, "m2"),
                ("c2", Relation::Supplies, "m2"),
                ("c3", Relation::Supplies, "m2"),
                ("m2", Relation::Owns, "m1"),
                ("c2", Relation::Supplies, "c2"),
            ],
        )
    }

    fn dependencies(chain: &ChainGraph, found: &[Dependency]) -> Vec<String> {
        found
            .iter()
            .map(|d| {
                format!(
                    "{} {} {}",
                    chain.graph[d.maker].entity.id,
                    d.segment,
                    ids(chain, d.suppliers.iter().copied()).join("+")
                )
            })
            .collect()
    }

    #[test]
    fn sole_and_dual_sources_per_maker_and_segment() {
        let chain = makers();
        let found = sourcing(&chain, None, &SupplyQuery::default());
        assert_eq!(dependencies(&chain, &found), ["m1 cells-packs c1", "m1 e-drive e1+e2"]);
        let direct = SupplyQuery { max_depth: 1, ..SupplyQuery::default() };
        assert_eq!(sourcing(&chain, chain.node("m1"), &direct).len(), 2);
        // With ownership, m1's owner m2 brings c2 and c3 into reach (and m2 itself, a vehicles firm).
        let owned = SupplyQuery { relations: RelationSet::chain(true), ..SupplyQuery::default() };
        assert_eq!(
            dependencies(&chain, &sourcing(&chain, chain.node("m1"), &owned)),
            ["m1 e-drive e1+e2", "m1 vehicles m2"]
        );
        let only = SupplyQuery { segments: vec!["e-drive".into()], ..SupplyQuery::default() };
        assert_eq!(dependencies(&chain, &sourcing(&chain, None, &only)), ["m1 e-drive e1+e2"]);
        assert!(sourcing(&ChainGraph::default(), None, &SupplyQuery::default()).is_empty());
    }

    #[test]
    fn concentration_by_customer_links() {
        let chain = makers();
        let segments: Vec<String> = ["cells-packs", "materials", "recycling"].map(String::from).to_vec();
        let found = concentration(&chain, RelationSet::chain(false), &segments);
        // cells-packs: c1 has 2 customer links, c2 2 (m2 and itself), c3 1: shares 0.4, 0.4, 0.2.
        let cells = &found[0];
        assert_eq!((cells.suppliers, cells.customer_links), (3, 5));
        assert!((cells.hhi.unwrap() - (1600.0 + 1600.0 + 400.0)).abs() < 1e-9);
        let (top, share) = cells.top_supplier.unwrap();
        assert_eq!((chain.graph[top].entity.id.as_str(), share), ("c1", 0.4));
        // materials: three suppliers, one link each.
        assert!((found[1].hhi.unwrap() - 3.0 * (100.0f64 / 3.0).powi(2)).abs() < 1e-9);
        assert_eq!((found[2].suppliers, found[2].hhi, found[2].top_supplier), (0, None, None));
        assert!(concentration(&ChainGraph::default(), RelationSet::all(), &[]).is_empty());
    }

    #[test]
    fn local_coverage_and_gaps() {
        let chain = makers();
        let segments: Vec<String> =
            ["materials", "cells-packs", "e-drive", "chassis-body", "recycling"].map(String::from).to_vec();
        let coverage = local_coverage(&chain, &segments);
        let summary: Vec<(String, usize, usize)> =
            coverage.iter().map(|c| (c.segment.clone(), c.suppliers, c.local_suppliers.len())).collect();
        assert_eq!(
            summary,
            [
                ("materials".into(), 3, 0),
                ("cells-packs".into(), 3, 1),
                ("e-drive".into(), 2, 1),
                ("chassis-body".into(), 1, 1),
                ("recycling".into(), 0, 0)
            ]
        );
        let ranked: Vec<String> = gaps(&chain, &segments).into_iter().map(|c| c.segment).collect();
        assert_eq!(ranked, ["materials", "recycling", "cells-packs", "e-drive", "chassis-body"]);
        // Without a list: the segments suppliers are tagged with, in id order.
        let all: Vec<String> = local_coverage(&chain, &[]).into_iter().map(|c| c.segment).collect();
        assert_eq!(all, ["cells-packs", "chassis-body", "e-drive", "materials", "vehicles"]);
        assert!(gaps(&ChainGraph::default(), &[]).is_empty());
    }

    #[test]
    fn institutions_provide_support_segments_only() {
        use crate::model::EntityKind;
        use crate::store::{EntityRef, GraphEntity, GraphLink};
        let entity = |id: &str, kind, segment: &str| GraphEntity {
            entity: EntityRef { id: id.to_string(), kind, name_zh: None, name_en: None },
            district: Some("district-x".to_string()),
            segments: vec![segment.to_string()],
            short_zh: None,
            short_en: None,
        };
        let mut chain = ChainGraph::new(
            vec![
                entity("university", EntityKind::University, "education"),
                entity("institute", EntityKind::ResearchInstitute, "cells-packs"),
                entity("maker", EntityKind::Firm, "cells-packs"),
            ],
            Vec::<GraphLink>::new(),
        );
        chain.set_support_segments(["education".to_string()]);
        let found = local_coverage(&chain, &["education".to_string(), "cells-packs".to_string()]);
        let counts: Vec<(&str, usize, usize)> =
            found.iter().map(|c| (c.segment.as_str(), c.suppliers, c.local_suppliers.len())).collect();
        // The university covers education; the institute does not count as a cells supplier.
        assert_eq!(counts, vec![("education", 1, 1), ("cells-packs", 1, 1)]);
    }
}
