//! Centrality: which entities the chain runs through. Degree counts links; PageRank weighs an
//! entity by the weight of those linking to it; betweenness counts the shortest paths through it.
//!
//! PageRank and betweenness see the graph as a simple directed graph (parallel links between the
//! same two entities count once), like NetworkX's `DiGraph`, so their figures can be compared.

use petgraph::Direction as EdgeDirection;
use petgraph::stable_graph::NodeIndex;

use super::{Adjacency, Cancelled, Progress, RelationSet, SplitMix64, View};
use crate::graph::ChainGraph;

/// Links into and out of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Degree {
    pub entity: NodeIndex,
    /// Links into the entity (from its suppliers, for `supplies`).
    pub links_in: usize,
    /// Links out of it (to its customers).
    pub links_out: usize,
}

/// In- and out-degree of every entity over the links in `relations`, in node order. A self-loop
/// counts once each way; parallel links each count.
///
/// Time O(V + E), memory O(V).
pub fn degrees(chain: &ChainGraph, relations: RelationSet) -> Vec<Degree> {
    let graph = &chain.graph;
    let count = |node, direction| {
        graph.edges_directed(node, direction).filter(|e| relations.contains(e.weight().relation)).count()
    };
    graph
        .node_indices()
        .map(|node| Degree {
            entity: node,
            links_in: count(node, EdgeDirection::Incoming),
            links_out: count(node, EdgeDirection::Outgoing),
        })
        .collect()
}

/// How PageRank runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRankQuery {
    pub relations: RelationSet,
    /// The chance of following a link rather than jumping anywhere; 0.85 by convention.
    pub damping: f64,
    /// Stop when the scores move less than `tolerance` times the number of entities in one
    /// iteration (NetworkX's rule).
    pub tolerance: f64,
    pub max_iterations: u32,
}

impl Default for PageRankQuery {
    fn default() -> PageRankQuery {
        PageRankQuery { relations: RelationSet::all(), damping: 0.85, tolerance: 1e-6, max_iterations: 100 }
    }
}

/// PageRank of every entity by power iteration, as `(entity, score)` in node order; the scores
/// sum to one. Entities with no link out (dangling) spread their score evenly over all entities,
/// as in NetworkX. An empty graph gives an empty list (petgraph's own `page_rank` would assert).
/// Returns the last iterate if `max_iterations` is reached first.
///
/// Time O((V + E) I) for I iterations (tens at the default tolerance), memory O(V + E).
/// Reports progress once per iteration.
pub fn pagerank(
    chain: &ChainGraph,
    query: &PageRankQuery,
    progress: &mut Progress<'_>,
) -> Result<Vec<(NodeIndex, f64)>, Cancelled> {
    let adjacency = Adjacency::new(chain, query.relations, View::Out, true);
    let n = adjacency.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let damping = query.damping.clamp(0.0, 1.0);
    let uniform = 1.0 / n as f64;
    let mut score = vec![uniform; n];
    let mut next = vec![0.0; n];
    for iteration in 0..query.max_iterations {
        progress.step(u64::from(iteration), u64::from(query.max_iterations))?;
        let mut dangling = 0.0;
        next.iter_mut().for_each(|x| *x = 0.0);
        for (v, &s) in score.iter().enumerate() {
            let out = adjacency.neighbours(v);
            if out.is_empty() {
                dangling += s;
            } else {
                let share = damping * s / out.len() as f64;
                for &w in out {
                    next[w as usize] += share;
                }
            }
        }
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        let mut change = 0.0;
        for (x, old) in next.iter_mut().zip(&score) {
            *x += base;
            change += (*x - old).abs();
        }
        std::mem::swap(&mut score, &mut next);
        if change < n as f64 * query.tolerance {
            break;
        }
    }
    Ok(adjacency.nodes.iter().copied().zip(score).collect())
}

/// How betweenness runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetweennessQuery {
    pub relations: RelationSet,
    /// Count paths as if links had no direction.
    pub undirected: bool,
    /// Start shortest paths from this many entities drawn at random (with `seed`) and scale up;
    /// `None` starts from every entity (exact).
    pub samples: Option<usize>,
    pub seed: u64,
}

/// Betweenness of every entity (Brandes 2001, unweighted), as `(entity, score)` in node order,
/// normalised like NetworkX: divided by (V - 1)(V - 2), and when sampled, scaled by V / samples.
///
/// Time O(S (V + E)) for S source entities (V when exact), memory O(V + E). Reports progress and
/// checks for cancellation after every source.
pub fn betweenness(
    chain: &ChainGraph,
    query: &BetweennessQuery,
    progress: &mut Progress<'_>,
) -> Result<Vec<(NodeIndex, f64)>, Cancelled> {
    let view = if query.undirected { View::Undirected } else { View::Out };
    let adjacency = Adjacency::new(chain, query.relations, view, false);
    let n = adjacency.len();
    let sources: Vec<usize> = match query.samples {
        Some(k) if k < n => {
            // A partial Fisher-Yates shuffle: k distinct sources.
            let mut all: Vec<usize> = (0..n).collect();
            let mut rng = SplitMix64::new(query.seed);
            for i in 0..k {
                let j = i + rng.below(n - i);
                all.swap(i, j);
            }
            all.truncate(k);
            all
        }
        _ => (0..n).collect(),
    };
    let mut centrality = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut distance = vec![u32::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for (done, &s) in sources.iter().enumerate() {
        progress.step(done as u64, sources.len() as u64)?;
        // Breadth-first from s, counting shortest paths; `order` holds entities by distance.
        // Only the entities the last search reached need resetting.
        for &v in &order {
            (distance[v], sigma[v], delta[v]) = (u32::MAX, 0.0, 0.0);
        }
        order.clear();
        distance[s] = 0;
        sigma[s] = 1.0;
        order.push(s);
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in adjacency.neighbours(v) {
                let w = w as usize;
                if distance[w] == u32::MAX {
                    distance[w] = distance[v] + 1;
                    order.push(w);
                }
                if distance[w] == distance[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        // Dependencies, farthest first: each v gathers from its successors one step farther, so
        // no predecessor lists are stored.
        for &v in order.iter().rev() {
            for &w in adjacency.neighbours(v) {
                let w = w as usize;
                if distance[w] == distance[v] + 1 {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            if v != s {
                centrality[v] += delta[v];
            }
        }
    }
    progress.step(sources.len() as u64, sources.len() as u64)?;
    if n > 2 {
        let mut scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        if sources.len() < n && !sources.is_empty() {
            scale *= n as f64 / sources.len() as f64;
        }
        centrality.iter_mut().for_each(|c| *c *= scale);
    }
    Ok(adjacency.nodes.iter().copied().zip(centrality).collect())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::super::testing::*;
    use super::*;
    use crate::model::Relation;

    fn scores(chain: &ChainGraph, list: &[(NodeIndex, f64)]) -> Vec<(String, f64)> {
        list.iter().map(|(n, s)| (chain.graph[*n].entity.id.clone(), *s)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn degrees_count_links_of_the_chosen_relations() {
        let chain = graph(
            vec![firm("a"), firm("b")],
            vec![
                ("a", Relation::Supplies, "b"),
                ("a", Relation::Supplies, "b"),
                ("a", Relation::Owns, "b"),
                ("b", Relation::Supplies, "b"),
            ],
        );
        let d = degrees(&chain, RelationSet::chain(false));
        assert_eq!((d[0].links_in, d[0].links_out, d[1].links_in, d[1].links_out), (0, 2, 3, 1));
        assert!(degrees(&ChainGraph::default(), RelationSet::all()).is_empty());
    }

    #[test]
    fn pagerank_of_a_two_cycle_and_a_dangling_entity() {
        // a <-> b: symmetric, each 1/2.
        let chain = supplies(&["a", "b"], &[("a", "b"), ("b", "a")]);
        let query = PageRankQuery { tolerance: 1e-12, max_iterations: 1000, ..PageRankQuery::default() };
        let pr = pagerank(&chain, &query, &mut Progress::none()).unwrap();
        assert!(close(pr[0].1, 0.5) && close(pr[1].1, 0.5));
        // a -> b, b dangling. By hand: b = 0.15/2 + 0.85 (a + b/2), a = 0.15/2 + 0.85 b/2, a + b = 1
        // gives a = 0.075 + 0.425 b, so 1.425 b = 0.925 and b = 0.925 / 1.425.
        let chain = supplies(&["a", "b"], &[("a", "b")]);
        let pr = scores(&chain, &pagerank(&chain, &query, &mut Progress::none()).unwrap());
        let b = 0.925 / 1.425;
        assert!(close(pr[1].1, b) && close(pr[0].1, 1.0 - b), "{pr:?}");
        assert!(pagerank(&ChainGraph::default(), &query, &mut Progress::none()).unwrap().is_empty());
    }

    #[test]
    fn pagerank_with_self_loops_sums_to_one_and_can_be_cancelled() {
        let chain = supplies(&["a", "b", "c", "island"], &[("a", "a"), ("a", "b"), ("b", "c"), ("c", "a")]);
        let pr = pagerank(&chain, &PageRankQuery::default(), &mut Progress::none()).unwrap();
        assert!(close(pr.iter().map(|p| p.1).sum::<f64>(), 1.0));
        let cancel = AtomicBool::new(true);
        assert_eq!(
            pagerank(&chain, &PageRankQuery::default(), &mut Progress::new(Some(&cancel), None)),
            Err(Cancelled)
        );
    }

    fn exact(undirected: bool) -> BetweennessQuery {
        BetweennessQuery { relations: RelationSet::all(), undirected, samples: None, seed: 1 }
    }

    #[test]
    fn betweenness_of_a_directed_line_and_a_star() {
        // a -> b -> c: b lies on the one path a..c; normalised by (3 - 1)(3 - 2) = 2.
        let chain = supplies(&["a", "b", "c"], &[("a", "b"), ("b", "c"), ("b", "b")]);
        let bc = scores(&chain, &betweenness(&chain, &exact(false), &mut Progress::none()).unwrap());
        assert!(close(bc[0].1, 0.0) && close(bc[1].1, 0.5) && close(bc[2].1, 0.0), "{bc:?}");
        // Undirected star with centre h and 4 leaves: h is on all 12 ordered leaf pairs; 12 / (4 * 3) = 1.
        let chain = supplies(&["h", "l1", "l2", "l3", "l4"], &[("l1", "h"), ("h", "l2"), ("l3", "h"), ("h", "l4")]);
        let bc = betweenness(&chain, &exact(true), &mut Progress::none()).unwrap();
        assert!(close(bc[0].1, 1.0) && bc[1..].iter().all(|b| close(b.1, 0.0)), "{bc:?}");
    }

    #[test]
    fn betweenness_splits_over_equal_paths_and_handles_cycles() {
        // a -> b -> d and a -> c -> d: b and c each carry half of the one pair (a, d).
        let chain = supplies(&["a", "b", "c", "d"], &[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]);
        let bc = betweenness(&chain, &exact(false), &mut Progress::none()).unwrap();
        let norm = 1.0 / 6.0;
        assert!(close(bc[1].1, 0.5 * norm) && close(bc[2].1, 0.5 * norm), "{bc:?}");
        // A directed 3-cycle: each entity lies on one path (the one of length 2 through it).
        let chain = supplies(&["a", "b", "c"], &[("a", "b"), ("b", "c"), ("c", "a")]);
        let bc = betweenness(&chain, &exact(false), &mut Progress::none()).unwrap();
        assert!(bc.iter().all(|b| close(b.1, 0.5)), "{bc:?}");
        assert!(betweenness(&ChainGraph::default(), &exact(true), &mut Progress::none()).unwrap().is_empty());
    }

    #[test]
    fn sampled_betweenness_is_seeded_reports_progress_and_cancels() {
        let names: Vec<String> = (0..30).map(|i| format!("n{i}")).collect();
        let ids: Vec<&str> = names.iter().map(String::as_str).collect();
        let links: Vec<(&str, &str)> = (0..29).map(|i| (ids[i], ids[i + 1])).collect();
        let chain = supplies(&ids, &links);
        let query = BetweennessQuery { samples: Some(10), seed: 42, ..exact(true) };
        let mut reports = Vec::new();
        let mut report = |done: u64, total: u64| reports.push((done, total));
        let first = betweenness(&chain, &query, &mut Progress::new(None, Some(&mut report))).unwrap();
        assert_eq!(reports.len(), 11);
        assert_eq!(reports.last(), Some(&(10, 10)));
        assert_eq!(first, betweenness(&chain, &query, &mut Progress::none()).unwrap());
        // Ends of a line lie on no path, sampled or not.
        assert!(close(first[0].1, 0.0) && close(first[29].1, 0.0));
        let cancel = AtomicBool::new(true);
        assert_eq!(betweenness(&chain, &query, &mut Progress::new(Some(&cancel), None)), Err(Cancelled));
    }
}
