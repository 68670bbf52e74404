//! What-if: take entities out of the chain (a firm that stops supplying, or everything in a
//! district or park) and list the vehicle makers left without any local supplier of a segment.

use std::collections::VecDeque;

use petgraph::Direction as EdgeDirection;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, NodeIndexable};

use super::risk::{SupplyQuery, suppliers_by_segment};
use super::{is_vehicle_maker, local_entities, upstream_of};
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
/// Time O(V + E) to resolve places plus O(M (V + E)) for M vehicle makers, each search bounded
/// by `max_depth` tiers; makers whose upstream holds no removed entity are skipped after one search.
pub fn what_if(chain: &ChainGraph, removal: &Removal, query: &SupplyQuery) -> WhatIf {
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
    for id in &removal.places {
        let Some(place) = chain.node(id) else {
            unknown.push(id.clone());
            continue;
        };
        removed[place.index()] = true;
        queue.push_back(place);
        for node in graph.node_indices() {
            if graph[node].district.as_deref() == Some(id.as_str()) && !removed[node.index()] {
                removed[node.index()] = true;
                queue.push_back(node);
            }
        }
    }
    // Whatever is located in a removed place goes with it.
    while let Some(place) = queue.pop_front() {
        for edge in graph.edges_directed(place, EdgeDirection::Incoming) {
            if edge.weight().relation == Relation::LocatedIn && !removed[edge.source().index()] {
                removed[edge.source().index()] = true;
                queue.push_back(edge.source());
            }
        }
    }
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
