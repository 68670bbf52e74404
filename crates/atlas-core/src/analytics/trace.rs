//! Trace: every supplier upstream of an entity, tier by tier, or every customer downstream.

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;

use super::RelationSet;
use crate::asof::Standing;
use crate::graph::{ChainGraph, Direction};
use crate::model::Relation;

/// What to trace from an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceQuery {
    pub direction: Direction,
    /// Follow at most this many links; `None` walks to the end of the chain.
    pub max_depth: Option<u32>,
    pub relations: RelationSet,
    /// List only entities in one of these segments; empty lists all. The walk itself goes
    /// through every entity, so a materials supplier behind a pack maker is still found at its
    /// true tier.
    pub segments: Vec<String>,
    /// Follow only the links that stood in this year (see [`crate::asof`]); `None` follows all.
    pub as_of: Option<i32>,
}

impl Default for TraceQuery {
    fn default() -> TraceQuery {
        TraceQuery {
            direction: Direction::Upstream,
            max_depth: None,
            relations: RelationSet::chain(false),
            segments: Vec::new(),
            as_of: None,
        }
    }
}

/// One entity reached by a trace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraceStep {
    pub entity: NodeIndex,
    /// Its tier: 1 for direct suppliers (or customers), 2 for theirs, and so on.
    pub depth: u32,
    /// The entity one tier nearer the origin through which it was first reached.
    pub via: NodeIndex,
    pub link: i64,
    pub relation: Relation,
}

/// Entities reached from an origin, in breadth-first order: tier 1 first, then tier 2, ...
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    pub origin: NodeIndex,
    pub steps: Vec<TraceStep>,
    /// The deepest tier reached (listed or not); 0 when nothing was reached.
    pub deepest: u32,
    /// With `as_of`: how many of `steps` were reached through a link kept only because it
    /// carries no date.
    pub undated: usize,
}

/// Breadth-first trace from the entity `id`: each entity appears once, at its minimal depth.
/// `None` when the graph has no such entity. Cycles and self-loops end where they revisit.
///
/// Time O(V + E) over the part within reach, memory O(V).
pub fn trace(chain: &ChainGraph, id: &str, query: &TraceQuery) -> Option<Trace> {
    let origin = chain.node(id)?;
    let graph = &chain.graph;
    let listed =
        |node: NodeIndex| query.segments.is_empty() || graph[node].segments.iter().any(|s| query.segments.contains(s));
    let mut seen = vec![false; graph.node_bound()];
    seen[origin.index()] = true;
    let mut steps = Vec::new();
    let mut deepest = 0;
    let mut undated = 0;
    let mut frontier = vec![origin];
    let mut depth = 0;
    while !frontier.is_empty() && query.max_depth.is_none_or(|max| depth < max) {
        depth += 1;
        let mut next = Vec::new();
        for &node in &frontier {
            for step in chain.steps(node, query.direction) {
                let other = step.other;
                if !query.relations.contains(step.relation) || seen[other.index()] {
                    continue;
                }
                let standing = match query.as_of {
                    Some(year) => match chain.standing(step.link, year) {
                        Some(standing) => Some(standing),
                        None => continue,
                    },
                    None => None,
                };
                seen[other.index()] = true;
                next.push(other);
                deepest = depth;
                if listed(other) {
                    undated += usize::from(standing == Some(Standing::Undated));
                    steps.push(TraceStep { entity: other, depth, via: node, link: step.link, relation: step.relation });
                }
            }
        }
        frontier = next;
    }
    Some(Trace { origin, steps, deepest, undated })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::EntityKind;

    fn found(chain: &ChainGraph, trace: &Trace) -> Vec<(String, u32)> {
        trace.steps.iter().map(|s| (chain.graph[s.entity].entity.id.clone(), s.depth)).collect()
    }

    /// lithium -> cathode -> cell -> pack -> maker; cell -> maker directly too; motor -> maker.
    fn chain() -> ChainGraph {
        supplies(
            &["lithium", "cathode", "cell", "pack", "maker", "motor"],
            &[
                ("lithium", "cathode"),
                ("cathode", "cell"),
                ("cell", "pack"),
                ("pack", "maker"),
                ("cell", "maker"),
                ("motor", "maker"),
            ],
        )
    }

    #[test]
    fn upstream_tiers_at_minimal_depth() {
        let chain = chain();
        let t = trace(&chain, "maker", &TraceQuery::default()).unwrap();
        let mut tiers = found(&chain, &t);
        tiers.sort();
        // cell is both a direct supplier and behind the pack: it is listed once, at tier 1.
        assert_eq!(
            tiers,
            [("cathode".into(), 2), ("cell".into(), 1), ("lithium".into(), 3), ("motor".into(), 1), ("pack".into(), 1)]
        );
        assert_eq!(t.deepest, 3);
        let cathode = t.steps.iter().find(|s| chain.graph[s.entity].entity.id == "cathode").unwrap();
        assert_eq!((chain.graph[cathode.via].entity.id.as_str(), cathode.link), ("cell", 2));
    }

    #[test]
    fn downstream_depth_limit_and_unknown_entity() {
        let chain = chain();
        let query = TraceQuery { direction: Direction::Downstream, max_depth: Some(2), ..TraceQuery::default() };
        let mut tiers = found(&chain, &trace(&chain, "cathode", &query).unwrap());
        tiers.sort();
        assert_eq!(tiers, [("cell".into(), 1), ("maker".into(), 2), ("pack".into(), 2)]);
        let zero = TraceQuery { max_depth: Some(0), ..TraceQuery::default() };
        assert!(trace(&chain, "maker", &zero).unwrap().steps.is_empty());
        assert!(trace(&chain, "nobody", &query).is_none());
        assert!(trace(&ChainGraph::default(), "maker", &query).is_none());
    }

    #[test]
    fn cycles_self_loops_and_other_relations() {
        let chain = graph(
            vec![firm("a"), firm("b"), firm("c"), firm("owner"), firm("island")],
            vec![
                ("a", Relation::Supplies, "b"),
                ("b", Relation::Supplies, "c"),
                ("c", Relation::Supplies, "a"),
                ("b", Relation::Supplies, "b"),
                ("owner", Relation::Owns, "a"),
            ],
        );
        let t = trace(&chain, "a", &TraceQuery::default()).unwrap();
        assert_eq!(found(&chain, &t), [("c".into(), 1), ("b".into(), 2)]);
        let owned = TraceQuery { relations: RelationSet::chain(true), ..TraceQuery::default() };
        let mut tiers = found(&chain, &trace(&chain, "a", &owned).unwrap());
        tiers.sort();
        assert_eq!(tiers, [("b".into(), 2), ("c".into(), 1), ("owner".into(), 1)]);
        assert!(trace(&chain, "island", &TraceQuery::default()).unwrap().steps.is_empty());
    }

    #[test]
    fn as_of_walks_only_links_that_stood_and_counts_the_undated() {
        // lithium -> cathode -> cell -> pack -> maker; cell -> maker; motor -> maker (links 1 to 6).
        let mut chain = chain();
        // pack -> maker ended in 2020; motor -> maker began in 2022; cell -> maker from 2019.
        chain.set_link_dates([
            (4, crate::asof::Span { since: None, until: Some(2020) }),
            (6, crate::asof::Span { since: Some(2022), until: None }),
            (5, crate::asof::Span { since: Some(2019), until: None }),
        ]);
        let at = |year| {
            let t = trace(&chain, "maker", &TraceQuery { as_of: Some(year), ..TraceQuery::default() }).unwrap();
            let mut tiers = found(&chain, &t);
            tiers.sort();
            (tiers, t.undated)
        };
        let (early, undated) = at(2018);
        assert_eq!(early, [("cathode".into(), 3), ("cell".into(), 2), ("lithium".into(), 4), ("pack".into(), 1)]);
        assert_eq!(undated, 3, "cell, cathode and lithium came through undated links; pack through a dated one");
        let (late, undated) = at(2023);
        assert_eq!(late, [("cathode".into(), 2), ("cell".into(), 1), ("lithium".into(), 3), ("motor".into(), 1)]);
        assert_eq!(undated, 2);
        let (now, undated) = {
            let t = trace(&chain, "maker", &TraceQuery::default()).unwrap();
            (t.steps.len(), t.undated)
        };
        assert_eq!((now, undated), (5, 0));
    }

    #[test]
    fn segment_filter_lists_only_matching_entities_at_their_true_tier() {
        let chain = graph(
            vec![
                entity("lithium", EntityKind::Firm, None, &["materials"]),
                entity("pack", EntityKind::Firm, None, &["cells-packs"]),
                entity("maker", EntityKind::Firm, None, &["vehicles"]),
            ],
            vec![("lithium", Relation::Supplies, "pack"), ("pack", Relation::Supplies, "maker")],
        );
        let query = TraceQuery { segments: vec!["materials".into()], ..TraceQuery::default() };
        let t = trace(&chain, "maker", &query).unwrap();
        assert_eq!(found(&chain, &t), [("lithium".into(), 2)]);
        assert_eq!(t.deepest, 2);
    }
}
