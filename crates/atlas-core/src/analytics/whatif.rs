//! What-if: take entities out of the chain (a firm that stops supplying, or everything in a
//! district or park) and list the vehicle makers left without any local supplier of a segment.

use std::collections::VecDeque;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;

use super::risk::{SupplyQuery, suppliers_by_segment};
use super::{Walker, is_supplier, is_vehicle_maker, local_entities, upstream_of};
use crate::graph::ChainGraph;
use crate::model::Relation;

/// What to remove.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Removal {
    /// Entity ids.
    pub entities: Vec<String>,
    /// Ids of districts or parks: the place itself and everything whose district it is or that is
    /// `located_in` it (directly or through a park inside it) goes.
    pub places: Vec<String>,
}

/// A segment a vehicle maker no longer gets from any local supplier.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentLoss {
    pub segment: String,
    /// The local suppliers of the segment the maker had before.
    pub lost_suppliers: Vec<NodeIndex>,
}

/// A vehicle maker that loses every local supplier of one or more segments.
#[derive(Debug, Clone, PartialEq)]
pub struct MakerLoss {
    pub maker: NodeIndex,
    pub segments: Vec<SegmentLoss>,
}

/// The outcome of a removal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WhatIf {
    /// Every entity taken out, in node order.
    pub removed: Vec<NodeIndex>,
    /// Ids in the removal that the graph does not know.
    pub unknown: Vec<String>,
    /// Vehicle makers (not themselves removed) that lose all local suppliers of a segment.
    pub makers: Vec<MakerLoss>,
}

/// Removes the entities of `removal` and compares, for every vehicle maker that is not removed,
/// its local suppliers per segment within `query.max_depth` tiers before and after. Removing an
/// entity also cuts the supply that ran through it.
///
/// Only makers within `max_depth` tiers downstream of a removed entity can change, so one
/// breadth-first search down from the removed set picks them; for each of them one search up
/// finds the segments it has local suppliers of (or [`Prepared`] knows them), and a second one,
/// skipping removed entities, stops as soon as it has found every one of those segments again.
/// The searches walk the packed adjacency lists with reused, generation-stamped arrays. The answer
/// is that of [`what_if_plain`] (tests compare the two).
///
/// Time O(V + E) to resolve places and find the makers within reach, plus O(M (V' + E')) for the
/// M makers within reach, each search bounded by `max_depth` tiers (V', E' the part reached).
pub fn what_if(chain: &ChainGraph, removal: &Removal, query: &SupplyQuery) -> WhatIf {
    let local = local_entities(chain);
    let segments = LocalSegments::new(chain, &local, query);
    changes(chain, removal, query, &segments, None)
}

/// [`what_if`] with what does not depend on the removal worked out beforehand, for `prepared`'s
/// query (the query asked is ignored): the same answer, without a search per maker for the
/// segments it had.
///
/// Time O(V + E) plus O(M' (V' + E')) for the M' makers within reach, whose second search usually
/// stops early.
pub fn what_if_prepared(chain: &ChainGraph, removal: &Removal, prepared: &Prepared) -> WhatIf {
    changes(chain, removal, &prepared.query, &prepared.segments, Some(&prepared.before))
}

/// What a what-if under one query needs that no removal changes: which segments each local
/// supplier counts for, and the segments each vehicle maker has local suppliers of. An atlas
/// never changes once built, so it can keep one for the questions asked most.
#[derive(Debug, Clone)]
pub struct Prepared {
    query: SupplyQuery,
    segments: LocalSegments,
    /// Per node: the segments (numbers of `segments`) it has local suppliers of, for makers.
    before: Packed,
}

impl Prepared {
    /// Time O(V + E) plus one search of `query.max_depth` tiers per vehicle maker.
    pub fn new(chain: &ChainGraph, query: &SupplyQuery) -> Prepared {
        let local = local_entities(chain);
        let segments = LocalSegments::new(chain, &local, query);
        let nodes = chain.graph.node_bound();
        let mut walker = Walker::new(nodes);
        let mut mark = vec![0u32; segments.names.len()];
        let mut before = Packed { offsets: Vec::with_capacity(nodes + 1), ids: Vec::new() };
        before.offsets.push(0);
        for n in 0..nodes {
            let node = NodeIndex::new(n);
            if is_vehicle_maker(chain, node) {
                walker.walk(chain, node, query, None, |found| {
                    for &s in segments.packed.of(found) {
                        if mark[s as usize] != n as u32 + 1 {
                            mark[s as usize] = n as u32 + 1;
                            before.ids.push(s);
                        }
                    }
                    true
                });
            }
            before.offsets.push(before.ids.len() as u32);
        }
        Prepared { query: query.clone(), segments, before }
    }

    /// The query it was prepared for.
    pub fn query(&self) -> &SupplyQuery {
        &self.query
    }
}

/// The what-if itself; `before` holds each maker's segments with local suppliers when known.
fn changes(
    chain: &ChainGraph,
    removal: &Removal,
    query: &SupplyQuery,
    segments: &LocalSegments,
    before: Option<&Packed>,
) -> WhatIf {
    let (removed, unknown) = removed_set(chain, removal);
    let graph = &chain.graph;
    let nodes = graph.node_bound();
    // Makers that have a removed entity within `max_depth` tiers upstream.
    let mut reach = vec![false; nodes];
    let mut frontier: Vec<NodeIndex> = (0..nodes).filter(|&n| removed[n]).map(NodeIndex::new).collect();
    let mut next = Vec::new();
    for _ in 0..query.max_depth {
        for &node in &frontier {
            for step in chain.outgoing(node) {
                let customer = step.other.index();
                if query.relations.contains(step.relation) && !reach[customer] && !removed[customer] {
                    reach[customer] = true;
                    next.push(step.other);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        std::mem::swap(&mut frontier, &mut next);
        next.clear();
    }
    let mut walker = Walker::new(nodes);
    let mut found: Vec<NodeIndex> = Vec::new();
    // Per segment: the maker (stamp) it was last found for before and after the removal.
    let mut before_mark = vec![0u32; segments.names.len()];
    let mut after_mark = vec![0u32; segments.names.len()];
    let mut before_list: Vec<u16> = Vec::new();
    let mut makers = Vec::new();
    let mut stamp = 0u32;
    // Every entity within reach upstream of `maker`, in the order of `upstream_of`.
    let upstream = |walker: &mut Walker, found: &mut Vec<NodeIndex>, maker: NodeIndex| {
        found.clear();
        walker.walk(chain, maker, query, None, |node| {
            found.push(node);
            true
        });
    };
    for maker in graph.node_indices().filter(|n| reach[n.index()] && is_vehicle_maker(chain, *n)) {
        stamp += 1;
        before_list.clear();
        found.clear();
        match before {
            Some(known) => before_list.extend_from_slice(known.of(maker)),
            None => {
                upstream(&mut walker, &mut found, maker);
                for &node in &found {
                    before_list.extend(segments.packed.of(node));
                }
                before_list.sort_unstable();
                before_list.dedup();
            }
        }
        if before_list.is_empty() {
            continue;
        }
        for &s in &before_list {
            before_mark[s as usize] = stamp;
        }
        let mut covered = 0;
        walker.walk(chain, maker, query, Some(&removed), |node| {
            for &s in segments.packed.of(node) {
                if before_mark[s as usize] == stamp && after_mark[s as usize] != stamp {
                    after_mark[s as usize] = stamp;
                    covered += 1;
                }
            }
            covered < before_list.len()
        });
        if covered == before_list.len() {
            continue;
        }
        let mut lost: Vec<u16> = before_list.iter().copied().filter(|s| after_mark[*s as usize] != stamp).collect();
        lost.sort_by(|a, b| segments.names[*a as usize].cmp(&segments.names[*b as usize]));
        let mut losses: Vec<SegmentLoss> = lost
            .iter()
            .map(|s| SegmentLoss { segment: segments.names[*s as usize].clone(), lost_suppliers: Vec::new() })
            .collect();
        if found.is_empty() {
            upstream(&mut walker, &mut found, maker);
        }
        for &node in &found {
            for &s in segments.packed.of(node) {
                if let Some(at) = lost.iter().position(|l| *l == s) {
                    losses[at].lost_suppliers.push(node);
                }
            }
        }
        makers.push(MakerLoss { maker, segments: losses });
    }
    let removed = graph.node_indices().filter(|n| removed[n.index()]).collect();
    WhatIf { removed, unknown, makers }
}

/// The entities `removal` takes out (indexed by node index) and the ids the graph does not know.
///
/// Time O(V + E).
fn removed_set(chain: &ChainGraph, removal: &Removal) -> (Vec<bool>, Vec<String>) {
    let graph = &chain.graph;
    let mut removed = vec![false; graph.node_bound()];
    let mut unknown = Vec::new();
    let mut queue = VecDeque::new();
    for id in &removal.entities {
        match chain.node(id) {
            Some(node) => removed[node.index()] = true,
            None => unknown.push(id.clone()),
        }
    }
    let mut places = std::collections::HashSet::new();
    for id in &removal.places {
        let Some(place) = chain.node(id) else {
            unknown.push(id.clone());
            continue;
        };
        removed[place.index()] = true;
        queue.push_back(place);
        places.insert(id.as_str());
    }
    if !places.is_empty() {
        for node in graph.node_indices() {
            if graph[node].district.as_deref().is_some_and(|d| places.contains(d)) && !removed[node.index()] {
                removed[node.index()] = true;
                queue.push_back(node);
            }
        }
    }
    // Whatever is located in a removed place goes with it.
    while let Some(place) = queue.pop_front() {
        for step in chain.incoming(place) {
            if step.relation == Relation::LocatedIn && !removed[step.other.index()] {
                removed[step.other.index()] = true;
                queue.push_back(step.other);
            }
        }
    }
    (removed, unknown)
}

/// Small numbers per node, packed: those of node `n` are `ids[offsets[n]..offsets[n + 1]]`.
#[derive(Debug, Clone, Default)]
struct Packed {
    offsets: Vec<u32>,
    ids: Vec<u16>,
}

impl Packed {
    fn of(&self, node: NodeIndex) -> &[u16] {
        match (self.offsets.get(node.index()), self.offsets.get(node.index() + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// The segments each local supplier counts for under a query, as small numbers.
#[derive(Debug, Clone)]
struct LocalSegments {
    names: Vec<String>,
    packed: Packed,
}

impl LocalSegments {
    /// Time O(V + S) for S segment tags.
    fn new(chain: &ChainGraph, local: &[bool], query: &SupplyQuery) -> LocalSegments {
        let graph = &chain.graph;
        let mut number: std::collections::HashMap<&str, u16> = std::collections::HashMap::new();
        let mut names = Vec::new();
        let mut packed = Packed { offsets: Vec::with_capacity(graph.node_bound() + 1), ids: Vec::new() };
        packed.offsets.push(0);
        for (n, &is_local) in local.iter().enumerate() {
            let node = NodeIndex::new(n);
            if is_local && is_supplier(chain, node) {
                for segment in graph[node].segments.iter().filter(|s| query.counts(s)) {
                    let id = *number.entry(segment.as_str()).or_insert_with(|| {
                        names.push(segment.clone());
                        (names.len() - 1) as u16
                    });
                    packed.ids.push(id);
                }
            }
            packed.offsets.push(packed.ids.len() as u32);
        }
        LocalSegments { names, packed }
    }
}

/// The straightforward computation: for every maker not removed, its local suppliers per
/// segment before and after, each from its own search. [`what_if`] gives the same answer faster;
/// this one stays as the reference the tests compare it with.
///
/// Time O(M (V + E)) for M vehicle makers.
pub fn what_if_plain(chain: &ChainGraph, removal: &Removal, query: &SupplyQuery) -> WhatIf {
    let graph = &chain.graph;
    let (removed, unknown) = removed_set(chain, removal);
    let local = local_entities(chain);
    let mut makers = Vec::new();
    for maker in graph.node_indices().filter(|n| is_vehicle_maker(chain, *n) && !removed[n.index()]) {
        let upstream = upstream_of(chain, maker, query.relations, query.max_depth, &[]);
        if !upstream.iter().any(|n| removed[n.index()]) {
            continue;
        }
        let local_only = |by_segment: std::collections::BTreeMap<String, Vec<NodeIndex>>| {
            by_segment
                .into_iter()
                .map(|(s, suppliers)| (s, suppliers.into_iter().filter(|n| local[n.index()]).collect::<Vec<_>>()))
                .filter(|(_, v)| !v.is_empty())
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        let before = local_only(suppliers_by_segment(chain, maker, query, &[]));
        let after = local_only(suppliers_by_segment(chain, maker, query, &removed));
        let segments: Vec<SegmentLoss> = before
            .into_iter()
            .filter(|(segment, _)| !after.contains_key(segment))
            .map(|(segment, lost_suppliers)| SegmentLoss { segment, lost_suppliers })
            .collect();
        if !segments.is_empty() {
            makers.push(MakerLoss { maker, segments });
        }
    }
    let removed = graph.node_indices().filter(|n| removed[n.index()]).collect();
    WhatIf { removed, unknown, makers }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::EntityKind;

    /// Maker m (local) gets cells from local c1 (in park p) and from far c2, and motors from local
    /// e1 through local integrator i1. Maker n gets cells from c1 only.
    fn chain() -> ChainGraph {
        let firm_in =
            |id: &str, segment: &str, district: Option<&str>| entity(id, EntityKind::Firm, district, &[segment]);
        graph(
            vec![
                entity("district-a", EntityKind::District, None, &[]),
                entity("p", EntityKind::Park, Some("district-a"), &[]),
                firm_in("m", "vehicles", Some("district-a")),
                firm_in("n", "vehicles", None),
                firm_in("c1", "cells-packs", None),
                firm_in("c2", "cells-packs", None),
                firm_in("e1", "e-drive", Some("district-b")),
                firm_in("i1", "e-control", Some("district-b")),
            ],
            vec![
                ("c1", Relation::LocatedIn, "p"),
                ("c1", Relation::Supplies, "m"),
                ("c2", Relation::Supplies, "m"),
                ("e1", Relation::Supplies, "i1"),
                ("i1", Relation::Supplies, "m"),
                ("c1", Relation::Supplies, "n"),
                ("m", Relation::Supplies, "m"),
            ],
        )
    }

    fn losses(chain: &ChainGraph, outcome: &WhatIf) -> Vec<String> {
        outcome
            .makers
            .iter()
            .flat_map(|m| {
                m.segments.iter().map(move |s| {
                    format!(
                        "{} {} {}",
                        chain.graph[m.maker].entity.id,
                        s.segment,
                        ids(chain, s.lost_suppliers.iter().copied()).join("+")
                    )
                })
            })
            .collect()
    }

    #[test]
    fn removing_a_local_supplier() {
        let chain = chain();
        let outcome =
            what_if(&chain, &Removal { entities: vec!["c1".into()], places: vec![] }, &SupplyQuery::default());
        // m still gets cells from c2, but c2 is not local: m and n both lose local cells.
        assert_eq!(losses(&chain, &outcome), ["m cells-packs c1", "n cells-packs c1"]);
        assert_eq!(ids(&chain, outcome.removed), ["c1"]);
    }

    #[test]
    fn removing_an_intermediate_cuts_the_supply_behind_it() {
        let chain = chain();
        let outcome =
            what_if(&chain, &Removal { entities: vec!["i1".into()], places: vec![] }, &SupplyQuery::default());
        assert_eq!(losses(&chain, &outcome), ["m e-control i1", "m e-drive e1"]);
    }

    #[test]
    fn removing_a_place_takes_everything_in_it() {
        let chain = chain();
        let outcome = what_if(
            &chain,
            &Removal { entities: vec![], places: vec!["district-a".into(), "nowhere".into()] },
            &SupplyQuery::default(),
        );
        // district-a, p (its district), m (its district) and c1 (located in p) go; m is removed, so
        // only n is listed.
        let mut removed = ids(&chain, outcome.removed.iter().copied());
        removed.sort();
        assert_eq!(removed, ["c1", "district-a", "m", "p"]);
        assert_eq!(losses(&chain, &outcome), ["n cells-packs c1"]);
        assert_eq!(outcome.unknown, ["nowhere"]);
    }

    #[test]
    fn nothing_removed_nothing_lost() {
        let chain = chain();
        assert!(what_if(&chain, &Removal::default(), &SupplyQuery::default()).makers.is_empty());
        let far = what_if(&chain, &Removal { entities: vec!["c2".into()], places: vec![] }, &SupplyQuery::default());
        assert!(far.makers.is_empty(), "c2 was never local");
        assert_eq!(what_if(&ChainGraph::default(), &Removal::default(), &SupplyQuery::default()), WhatIf::default());
    }
}

#[cfg(test)]
mod same_as_plain {
    use super::super::RelationSet;
    use super::super::testing::*;
    use super::*;
    use crate::model::EntityKind;

    /// A seeded random chain: districts, parks in them, firms, plants and brands in a few
    /// segments (some placed in a district or park, some not), makers among them, and supply,
    /// ownership and location links, self-loops and parallel links included.
    fn random_chain(seed: u64, entities: usize, links: usize) -> ChainGraph {
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut next = move |bound: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % bound.max(1)
        };
        let segments = ["vehicles", "cells-packs", "e-drive", "chips", "testing"];
        let mut list = Vec::new();
        for d in 0..3 {
            list.push(entity(&format!("district-{d}"), EntityKind::District, None, &[]));
        }
        for p in 0..3 {
            let district = format!("district-{}", next(3));
            list.push(entity(&format!("park-{p}"), EntityKind::Park, Some(&district), &[]));
        }
        for i in 0..entities {
            let kind =
                [EntityKind::Firm, EntityKind::Firm, EntityKind::Plant, EntityKind::Brand, EntityKind::University]
                    [next(5)];
            let tags: Vec<&str> = (0..1 + next(2)).map(|_| segments[next(segments.len())]).collect();
            let district = (next(3) == 0).then(|| format!("district-{}", next(3)));
            list.push(entity(&format!("e{i}"), kind, district.as_deref(), &tags));
        }
        let ids: Vec<String> = list.iter().map(|e| e.entity.id.clone()).collect();
        let mut edges = Vec::new();
        for _ in 0..links {
            let relation =
                [Relation::Supplies, Relation::Supplies, Relation::Supplies, Relation::Owns, Relation::LocatedIn]
                    [next(5)];
            let from = 6 + next(entities);
            let to = if relation == Relation::LocatedIn { next(6) } else { 6 + next(entities) };
            edges.push((from, relation, to));
        }
        let edges = edges.iter().map(|(a, r, b)| (ids[*a].as_str(), *r, ids[*b].as_str())).collect();
        graph(list, edges)
    }

    /// The sourcing's single counting search gives the straightforward computation's answer (on
    /// the same random chains, which are shared here).
    #[test]
    fn sourcing_answers_as_the_plain_computation_on_random_chains() {
        use super::super::risk::{sourcing, sourcing_plain};
        let mut listed = 0;
        for seed in 0..12 {
            let chain = random_chain(seed, 60 + 20 * seed as usize, 150 + 60 * seed as usize);
            for query in [
                SupplyQuery::default(),
                SupplyQuery { relations: RelationSet::chain(true), max_depth: 2, segments: Vec::new() },
                SupplyQuery { relations: RelationSet::chain(false), max_depth: 5, segments: vec!["chips".into()] },
            ] {
                let all = sourcing(&chain, None, &query);
                assert_eq!(all, sourcing_plain(&chain, None, &query), "seed {seed}, {query:?}");
                listed += all.len();
                for maker in chain.graph.node_indices().step_by(7) {
                    assert_eq!(sourcing(&chain, Some(maker), &query), sourcing_plain(&chain, Some(maker), &query));
                }
            }
        }
        assert!(listed > 50, "{listed} dependencies in all");
    }

    #[test]
    fn the_fast_path_answers_as_the_plain_computation_on_random_chains() {
        let mut listed = 0;
        for seed in 0..12 {
            let chain = random_chain(seed, 60 + 20 * seed as usize, 150 + 60 * seed as usize);
            let queries = [
                SupplyQuery::default(),
                SupplyQuery { relations: RelationSet::chain(true), max_depth: 2, segments: Vec::new() },
                SupplyQuery {
                    relations: RelationSet::chain(false),
                    max_depth: 5,
                    segments: vec!["cells-packs".into(), "chips".into()],
                },
            ];
            let mut removals: Vec<Removal> = (0..chain.graph.node_count())
                .step_by(3)
                .map(|n| Removal { entities: vec![chain.graph[NodeIndex::new(n)].entity.id.clone()], places: vec![] })
                .collect();
            removals.push(Removal { entities: vec![], places: vec!["district-0".into()] });
            removals.push(Removal { entities: vec!["e1".into(), "e2".into()], places: vec!["park-1".into()] });
            for query in &queries {
                let prepared = Prepared::new(&chain, query);
                for removal in &removals {
                    let fast = what_if(&chain, removal, query);
                    let plain = what_if_plain(&chain, removal, query);
                    assert_eq!(fast, plain, "seed {seed}, {removal:?}, {query:?}");
                    assert_eq!(
                        what_if_prepared(&chain, removal, &prepared),
                        plain,
                        "seed {seed}, {removal:?}, {query:?}"
                    );
                    listed += fast.makers.len();
                }
            }
        }
        // The comparison means something only if some removals cost makers something.
        assert!(listed > 50, "{listed} makers listed in all");
    }
}
