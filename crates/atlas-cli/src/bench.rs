//! `nev-atlas bench-run`: times our analyses and search on one edition and prints the timings as
//! JSON. `cargo xtask bench` runs it in a release build beside NetworkX and igraph, on the same
//! graph (written with `--edges` as an edge list) and the same chosen entities.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use atlas_core::analytics::centrality::{BetweennessQuery, PageRankQuery, betweenness, pagerank};
use atlas_core::analytics::paths::distance;
use atlas_core::analytics::risk::cut_points;
use atlas_core::analytics::trace::{TraceQuery, trace};
use atlas_core::analytics::{Progress, RelationSet, SplitMix64, is_vehicle_maker};
use atlas_core::graph::ChainGraph;

use serde_json::json;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// The edition to measure.
    #[arg(long)]
    edition: PathBuf,
    /// Write the graph here as an edge list ("from to" by position in entity order) for the peers.
    #[arg(long)]
    edges: Option<PathBuf>,
    /// Search queries to time.
    #[arg(long, default_value_t = 1000)]
    queries: usize,
    /// Shortest-path pairs to time.
    #[arg(long, default_value_t = 20)]
    pairs: usize,
    /// Sources sampled for betweenness.
    #[arg(long, default_value_t = 20)]
    samples: usize,
    /// Runs of each case; the median is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// Median wall time in milliseconds of `repeat` runs of `case`, and its last result.
fn time<T>(repeat: usize, mut case: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut result = case();
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        result = case();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], result)
}

pub fn run(args: &BenchArgs) -> Result<()> {
    let (build_ms, atlas) = {
        let started = Instant::now();
        let atlas = atlas_core::Atlas::open(&args.edition)?;
        (started.elapsed().as_secs_f64() * 1000.0, atlas)
    };
    let chain = &atlas.graph;
    let nodes: Vec<_> = chain.nodes().collect();
    let mut position = vec![usize::MAX; chain.node_bound()];
    for (i, n) in nodes.iter().enumerate() {
        position[ChainGraph::position(*n)] = i;
    }
    if let Some(path) = &args.edges {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        writeln!(out, "{}", nodes.len())?;
        for (from, to, _) in chain.links() {
            writeln!(out, "{} {}", position[ChainGraph::position(from)], position[ChainGraph::position(to)])?;
        }
        out.flush()?;
    }
    let mut rng = SplitMix64::new(args.seed);
    // The vehicle maker with the most links in, traced upstream over every relation.
    let origin = nodes
        .iter()
        .copied()
        .filter(|n| is_vehicle_maker(chain, *n))
        .max_by_key(|n| (chain.incoming(*n).len(), std::cmp::Reverse(ChainGraph::position(*n))))
        .or_else(|| nodes.first().copied());
    let origin_id = origin.map(|n| chain.id(n).to_owned()).unwrap_or_default();
    let all = RelationSet::all();
    let query = TraceQuery { relations: all, ..TraceQuery::default() };
    let (trace_ms, traced) = time(args.repeat, || trace(chain, &origin_id, &query).map_or(0, |t| t.steps.len()));
    // Shortest directed paths to the origin from entities upstream of it, drawn at random.
    let upstream: Vec<usize> = trace(chain, &origin_id, &query)
        .map(|t| t.steps.iter().map(|s| position[ChainGraph::position(s.entity)]).collect())
        .unwrap_or_default();
    let pairs: Vec<(usize, usize)> = (0..args.pairs.min(upstream.len()))
        .map(|_| (upstream[rng.below(upstream.len())], position[origin.map_or(0, ChainGraph::position)]))
        .collect();
    let (paths_ms, lengths) = time(args.repeat, || {
        pairs
            .iter()
            .map(|(a, b)| distance(chain, chain.id(nodes[*a]), chain.id(nodes[*b]), all, true).unwrap_or(0))
            .collect::<Vec<_>>()
    });
    let (cut_ms, cut) = time(args.repeat, || cut_points(chain, all));
    let (pagerank_ms, _) = time(args.repeat, || pagerank(chain, &PageRankQuery::default(), &mut Progress::none()));
    let mut sampler = SplitMix64::new(args.seed ^ 0x5eed);
    let pivots: Vec<usize> = (0..args.samples.min(nodes.len())).map(|_| sampler.below(nodes.len())).collect();
    let between = BetweennessQuery { relations: all, undirected: false, samples: Some(args.samples), seed: args.seed };
    let (betweenness_ms, _) = time(args.repeat, || betweenness(chain, &between, &mut Progress::none()));
    let queries = search_queries(chain, args.queries, args.seed);
    let mut latencies = Vec::with_capacity(queries.len());
    let mut hits = 0;
    let mut corrected = Vec::new();
    for q in &queries {
        let started = Instant::now();
        let found = atlas.store.find(q, 20)?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        hits += usize::from(!found.hits.is_empty());
        if found.corrected.is_some() {
            corrected.push(elapsed);
        }
        latencies.push(elapsed);
    }
    corrected.sort_by(f64::total_cmp);
    let p99 = |sorted: &[f64]| {
        sorted.get(((sorted.len() as f64 * 0.99) as usize).min(sorted.len().saturating_sub(1))).copied().unwrap_or(0.0)
    };
    let corrected_p99 = p99(&corrected);
    let mut as_typed: Vec<f64> =
        latencies.iter().copied().filter(|l| corrected.binary_search_by(|c| c.total_cmp(l)).is_err()).collect();
    as_typed.sort_by(f64::total_cmp);
    let as_typed_p99 = p99(&as_typed);
    latencies.sort_by(f64::total_cmp);
    let quantile = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    let report = json!({
        "entities": chain.entity_count(),
        "links": chain.link_count(),
        "origin": origin.map(|o| position[o.index()]),
        "pairs": pairs,
        "pivots": pivots,
        "samples": args.samples,
        "ms": {
            "graph_build": build_ms,
            "trace_upstream": trace_ms,
            "shortest_path": if pairs.is_empty() { 0.0 } else { paths_ms / pairs.len() as f64 },
            "cut_points": cut_ms,
            "pagerank": pagerank_ms,
            "betweenness_sampled": betweenness_ms,
            "search_p50": quantile(0.5),
            "search_p99": quantile(0.99),
            "search_corrected_p99": corrected_p99,
            "search_as_typed_p99": as_typed_p99,
        },
        "check": {
            "trace_upstream": traced,
            "shortest_path_lengths": lengths,
            "articulation_points": cut.articulation_points.len(),
            "bridges": cut.bridges.len(),
            "search_queries": queries.len(),
            "search_with_hits": hits,
            "search_corrected": corrected.len(),
        },
        "queries_sample": queries.iter().take(12).collect::<Vec<_>>(),
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// Mixed queries from the names in the graph: two Chinese characters, a whole Chinese name,
/// an English word, full pinyin of two characters, pinyin initials, and an English word of five
/// letters or more with two neighbouring letters swapped (a typo, which search corrects), in turn.
pub(crate) fn search_queries(chain: &atlas_core::graph::ChainGraph, count: usize, seed: u64) -> Vec<String> {
    let named: Vec<_> = chain.nodes().filter(|n| chain.entity(*n).entity.name_zh.is_some()).collect();
    let mut rng = SplitMix64::new(seed ^ 0x5ea4c4);
    let mut queries = Vec::with_capacity(count);
    while queries.len() < count && !named.is_empty() {
        let entity = &chain.entity(named[rng.below(named.len())]).entity;
        let zh = entity.name_zh.clone().unwrap_or_default();
        let first_two: String = zh.chars().take(2).collect();
        let query = match queries.len() % 6 {
            0 => first_two,
            1 => zh,
            2 => {
                entity.name_en.as_deref().and_then(|e| e.split_whitespace().next()).unwrap_or("battery").to_lowercase()
            }
            3 => atlas_core::names::pinyin(&first_two).unwrap_or_default().replace(' ', ""),
            4 => atlas_core::names::initials(&zh.chars().take(3).collect::<String>()).unwrap_or_default(),
            _ => {
                let mut words = entity.name_en.as_deref().unwrap_or_default().split_whitespace();
                let long = words.find(|w| w.len() >= 5 && w.bytes().all(|b| b.is_ascii_alphabetic()));
                long.map(|w| {
                    let mut letters: Vec<char> = w.to_lowercase().chars().collect();
                    letters.swap(1, 2);
                    letters.into_iter().collect()
                })
                .unwrap_or_default()
            }
        };
        if !query.is_empty() {
            queries.push(query);
        }
    }
    queries
}

#[derive(clap::Args)]
pub struct CrosscheckArgs {
    /// How many random graphs.
    #[arg(long, default_value_t = 40)]
    graphs: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// `nev-atlas crosscheck-run`: seeded random graphs (with self-loops, parallel links, cycles and
/// several parts) and our answers on them, as JSON for tests/crosscheck/crosscheck.py to compare
/// with NetworkX's.
pub fn crosscheck(args: &CrosscheckArgs) -> Result<()> {
    use atlas_core::model::{EntityKind, Relation};
    use atlas_core::store::{EntityRef, GraphEntity, GraphLink};
    let mut rng = SplitMix64::new(args.seed);
    let mut graphs = Vec::new();
    for _ in 0..args.graphs {
        let n = 1 + rng.below(40);
        let m = rng.below(n * 3);
        let ids: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
        let edges: Vec<(usize, usize)> = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
        let entities = ids
            .iter()
            .map(|id| GraphEntity {
                entity: EntityRef { id: id.clone(), kind: EntityKind::Firm, name_zh: None, name_en: None },
                district: None,
                segments: Vec::new(),
                short_zh: None,
                short_en: None,
            })
            .collect();
        let links = edges
            .iter()
            .enumerate()
            .map(|(i, (a, b))| GraphLink {
                id: i as i64 + 1,
                from: ids[*a].clone(),
                relation: Relation::Supplies,
                to: ids[*b].clone(),
            })
            .collect();
        let chain = atlas_core::graph::ChainGraph::new(entities, links);
        let all = RelationSet::all();
        let lengths = |directed: bool| -> Vec<Vec<Option<usize>>> {
            ids.iter().map(|a| ids.iter().map(|b| distance(&chain, a, b, all, directed)).collect()).collect()
        };
        let index = ChainGraph::position;
        let cut = cut_points(&chain, all);
        let query = PageRankQuery { tolerance: 1e-12, max_iterations: 10_000, ..PageRankQuery::default() };
        let ranks: Vec<f64> = pagerank(&chain, &query, &mut Progress::none())
            .map_err(anyhow::Error::from)?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let exact = BetweennessQuery { relations: all, undirected: false, samples: None, seed: 0 };
        let between: Vec<f64> = betweenness(&chain, &exact, &mut Progress::none())
            .map_err(anyhow::Error::from)?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        graphs.push(json!({
            "nodes": n,
            "edges": edges,
            "directed_lengths": lengths(true),
            "undirected_lengths": lengths(false),
            "articulation_points": cut.articulation_points.into_iter().map(index).collect::<Vec<_>>(),
            "bridges": cut.bridges.iter().map(|b| [index(b.a), index(b.b)]).collect::<Vec<_>>(),
            "pagerank": ranks,
            "betweenness": between,
        }));
    }
    println!("{}", serde_json::to_string(&json!({ "seed": args.seed, "graphs": graphs }))?);
    Ok(())
}
