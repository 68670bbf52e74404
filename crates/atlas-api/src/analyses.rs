//! Handlers of the analysis commands: check and default the arguments, run the analysis in
//! atlas-core, and turn its node indices into entity references, capping every list so that no
//! payload passes 1 MB (the `truncated` fields count what a cap left out).

use std::collections::HashMap;

use atlas_core::Atlas;
use atlas_core::analytics::{self as core, RelationSet};
use atlas_core::graph::{ChainGraph, Node};
use atlas_core::model::Stage;

use crate::ApiError;
use crate::convert::{direction_in, graph_entity, relation_in, relation_out, source};
use crate::types::*;

/// Above this many entities, betweenness is sampled unless the caller says otherwise.
const EXACT_BETWEENNESS_UP_TO: usize = 5000;

fn entity(chain: &ChainGraph, node: Node) -> EntityRef {
    graph_entity(chain.entity(node))
}

fn known(chain: &ChainGraph, id: &str) -> Result<Node, ApiError> {
    chain.node(id).ok_or_else(|| ApiError::not_found(format!("no entity {id:?}")))
}

fn within(name: &str, value: u32, range: std::ops::RangeInclusive<u32>) -> Result<usize, ApiError> {
    if range.contains(&value) {
        Ok(value as usize)
    } else {
        Err(ApiError::invalid_argument(format!(
            "{name} {value} is out of range, expected {} to {}",
            range.start(),
            range.end()
        )))
    }
}

fn relations(list: Option<Vec<Relation>>) -> RelationSet {
    match list {
        Some(list) if !list.is_empty() => list.into_iter().map(relation_in).collect(),
        _ => RelationSet::all(),
    }
}

fn truncated(total: usize, kept: usize) -> u32 {
    u32::try_from(total.saturating_sub(kept)).unwrap_or(u32::MAX)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The segments of the edition by id, and the ids asked for (default: the chain's own segments,
/// not the support ones), checked.
fn segments(atlas: &Atlas, asked: Option<Vec<String>>) -> Result<(HashMap<String, SegmentRef>, Vec<String>), ApiError> {
    let all = atlas.store.segments()?;
    let chain: Vec<String> = all.iter().filter(|s| s.stage != Stage::Support).map(|s| s.id.clone()).collect();
    let refs: HashMap<String, SegmentRef> =
        all.into_iter().map(|s| (s.id.clone(), crate::convert::segment_ref(s))).collect();
    let chosen = match asked {
        Some(list) if !list.is_empty() => list,
        _ => chain,
    };
    if let Some(unknown) = chosen.iter().find(|s| !refs.contains_key(*s)) {
        return Err(ApiError::invalid_argument(format!("no segment {unknown:?}")));
    }
    Ok((refs, chosen))
}

fn segment_ref(refs: &HashMap<String, SegmentRef>, id: &str) -> SegmentRef {
    refs.get(id).cloned().unwrap_or_else(|| SegmentRef {
        id: id.to_string(),
        name_en: id.to_string(),
        name_zh: id.to_string(),
        stage: crate::Stage::Support,
    })
}

pub fn trace(atlas: &Atlas, args: TraceArgs) -> Result<TraceResult, ApiError> {
    let chain = &atlas.graph;
    let origin = known(chain, &args.id)?;
    let limit = within("limit", args.limit.unwrap_or(500), 1..=3000)?;
    let direction = args.direction.unwrap_or(Direction::Upstream);
    let query = core::trace::TraceQuery {
        direction: direction_in(direction),
        max_depth: args.max_depth,
        relations: RelationSet::chain(args.with_ownership.unwrap_or(false)),
        segments: args.segments.unwrap_or_default(),
        as_of: crate::as_of_year(args.as_of)?,
    };
    let found = core::trace::trace(chain, &args.id, &query)
        .ok_or_else(|| ApiError::not_found(format!("no entity {:?}", args.id)))?;
    let mut tiers = vec![0u32; found.steps.last().map_or(0, |s| s.depth as usize)];
    for step in &found.steps {
        tiers[step.depth as usize - 1] += 1;
    }
    let entries = found
        .steps
        .iter()
        .take(limit)
        .map(|s| TraceEntry {
            entity: entity(chain, s.entity),
            depth: s.depth,
            via: chain.id(s.via).to_owned(),
            relation: relation_out(s.relation),
            link: s.link,
        })
        .collect();
    Ok(TraceResult {
        origin: entity(chain, origin),
        direction,
        entries,
        tiers,
        truncated: truncated(found.steps.len(), limit),
        as_of: query.as_of.map(|year| AsOf { year, undated: count(found.undated) }),
    })
}

pub fn paths(atlas: &Atlas, args: PathsArgs) -> Result<PathsResult, ApiError> {
    let chain = &atlas.graph;
    let (from, to) = (known(chain, &args.from)?, known(chain, &args.to)?);
    let k = within("k", args.k.unwrap_or(3), 1..=10)?;
    let query =
        core::paths::PathQuery { k, relations: relations(args.relations), directed: args.directed.unwrap_or(false) };
    let found = core::paths::paths(chain, &args.from, &args.to, &query).unwrap_or_default();
    let mut paths = Vec::with_capacity(found.len());
    for path in found {
        let mut hops = Vec::with_capacity(path.hops.len());
        for hop in &path.hops {
            hops.push(PathHop {
                from: chain.id(hop.from).to_owned(),
                to: chain.id(hop.to).to_owned(),
                relation: relation_out(hop.relation),
                link: hop.link,
                along: hop.along,
                sources: atlas.store.link_sources(hop.link)?.into_iter().map(source).collect(),
            });
        }
        paths.push(ChainPath { entities: path.entities().into_iter().map(|n| entity(chain, n)).collect(), hops });
    }
    Ok(PathsResult { from: entity(chain, from), to: entity(chain, to), paths })
}

/// What a centrality request asks for, checked, ready to run here or in the background.
struct CentralityWork {
    measure: CentralityMeasure,
    relations: RelationSet,
    samples: Option<usize>,
    seed: u64,
    limit: usize,
}

impl CentralityWork {
    fn new(chain: &ChainGraph, args: CentralityArgs) -> Result<CentralityWork, ApiError> {
        let measure = args.measure.unwrap_or(CentralityMeasure::Pagerank);
        let samples = match (measure, args.samples) {
            (CentralityMeasure::Betweenness, Some(s)) => Some(within("samples", s, 1..=2000)?),
            (CentralityMeasure::Betweenness, None) if chain.entity_count() > EXACT_BETWEENNESS_UP_TO => Some(200),
            _ => None,
        };
        Ok(CentralityWork {
            measure,
            relations: relations(args.relations),
            samples,
            seed: u64::from(args.seed.unwrap_or(1)),
            limit: within("limit", args.limit.unwrap_or(50), 1..=500)?,
        })
    }

    /// The scores of every entity; stops with `Cancelled` when the progress says so.
    fn scores(
        &self,
        chain: &ChainGraph,
        progress: &mut core::Progress<'_>,
    ) -> Result<atlas_core::CentralityScores, core::Cancelled> {
        let scores = match self.measure {
            CentralityMeasure::Degree => core::centrality::degrees(chain, self.relations)
                .into_iter()
                .map(|d| (d.entity, (d.links_in + d.links_out) as f64))
                .collect(),
            CentralityMeasure::Pagerank => {
                let query = core::centrality::PageRankQuery { relations: self.relations, ..Default::default() };
                core::centrality::pagerank(chain, &query, progress)?
            }
            CentralityMeasure::Betweenness => {
                let query = core::centrality::BetweennessQuery {
                    relations: self.relations,
                    undirected: false,
                    samples: self.samples,
                    seed: self.seed,
                };
                core::centrality::betweenness(chain, &query, progress)?
            }
        };
        Ok((scores, self.samples))
    }

    /// The top entities by score, with their degrees.
    fn ranked(&self, chain: &ChainGraph, (scores, samples): atlas_core::CentralityScores) -> CentralityResult {
        let degrees: HashMap<Node, (usize, usize)> = core::centrality::degrees(chain, self.relations)
            .into_iter()
            .map(|d| (d.entity, (d.links_in, d.links_out)))
            .collect();
        let mut ranked = scores;
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| chain.id(a.0).cmp(chain.id(b.0))));
        let total = ranked.len();
        let entities = ranked
            .into_iter()
            .take(self.limit)
            .map(|(n, score)| {
                let (links_in, links_out) = degrees.get(&n).copied().unwrap_or_default();
                RankedEntity { entity: entity(chain, n), score, links_in: count(links_in), links_out: count(links_out) }
            })
            .collect();
        CentralityResult {
            measure: self.measure,
            samples: samples.map(count),
            entities,
            truncated: truncated(total, self.limit),
        }
    }
}

pub fn centrality(atlas: &Atlas, args: CentralityArgs) -> Result<CentralityResult, ApiError> {
    let work = CentralityWork::new(&atlas.graph, args)?;
    let scores = work.scores(&atlas.graph, &mut core::Progress::none()).map_err(|e| ApiError::internal(&e.into()))?;
    Ok(work.ranked(&atlas.graph, scores))
}

pub fn centrality_start(atlas: &Atlas, args: CentralityArgs) -> Result<JobStarted, ApiError> {
    let work = CentralityWork::new(&atlas.graph, args.clone())?;
    let chain = std::sync::Arc::clone(&atlas.graph);
    let job = atlas.centrality_jobs.start(move |progress| work.scores(&chain, progress));
    let job = u32::try_from(job).map_err(|_| ApiError::internal(&anyhow::anyhow!("job numbers ran out")))?;
    Ok(JobStarted { job, args })
}

pub fn centrality_job(atlas: &Atlas, args: CentralityJobArgs) -> Result<CentralityJob, ApiError> {
    use atlas_core::jobs::JobState;
    let id = u64::from(args.job);
    if args.cancel == Some(true) {
        atlas.centrality_jobs.cancel(id);
    }
    let state = atlas.centrality_jobs.state(id).ok_or_else(|| ApiError::not_found(format!("no job {id}")))?;
    let (state, done, result) = match state {
        JobState::Running { done, total } => {
            (JobStatus::Running, if total == 0 { 0.0 } else { done as f64 / total as f64 }, None)
        }
        JobState::Cancelled => (JobStatus::Cancelled, 0.0, None),
        JobState::Failed(error) => return Err(ApiError::internal(&anyhow::anyhow!("centrality job {id}: {error}"))),
        JobState::Done(scores) => {
            let work = CentralityWork::new(&atlas.graph, args.centrality)?;
            (JobStatus::Done, 1.0, Some(work.ranked(&atlas.graph, scores)))
        }
    };
    Ok(CentralityJob { job: args.job, status: state, done, result })
}

pub fn cut_points(atlas: &Atlas, args: CutPointsArgs) -> Result<CutPointsResult, ApiError> {
    let chain = &atlas.graph;
    let limit = within("limit", args.limit.unwrap_or(200), 1..=2000)?;
    let found = core::risk::cut_points(chain, relations(args.relations));
    let left_out = truncated(found.articulation_points.len(), limit) + truncated(found.bridges.len(), limit);
    Ok(CutPointsResult {
        articulation_points: found.articulation_points.iter().take(limit).map(|n| entity(chain, *n)).collect(),
        bridges: found
            .bridges
            .iter()
            .take(limit)
            .map(|b| BridgeView { a: entity(chain, b.a), b: entity(chain, b.b), links: b.links.clone() })
            .collect(),
        truncated: left_out,
    })
}

fn supply_query(
    atlas: &Atlas,
    max_depth: Option<u32>,
    with_ownership: Option<bool>,
    asked: Option<Vec<String>>,
) -> Result<(core::risk::SupplyQuery, HashMap<String, SegmentRef>), ApiError> {
    let (refs, segments) = segments(atlas, asked)?;
    let query = core::risk::SupplyQuery {
        relations: RelationSet::chain(with_ownership.unwrap_or(false)),
        max_depth: within("max_depth", max_depth.unwrap_or(3), 1..=10)? as u32,
        segments,
    };
    Ok((query, refs))
}

pub fn sourcing(atlas: &Atlas, args: SourcingArgs) -> Result<SourcingResult, ApiError> {
    let chain = &atlas.graph;
    let limit = within("limit", args.limit.unwrap_or(500), 1..=1500)?;
    let maker = args.maker.as_deref().map(|id| known(chain, id)).transpose()?;
    let with_ownership = args.with_ownership.unwrap_or(false);
    let (query, refs) = supply_query(atlas, args.max_depth, args.with_ownership, args.segments)?;
    // The default question of every maker (the risk panels' one) is answered once per atlas
    // (computed ahead of time when the shell opened it, see `Atlas::prepare_in_background`).
    let default_all = maker.is_none() && query == atlas.default_supply_query(with_ownership)?;
    let computed;
    let found: &[core::risk::Dependency] = if default_all {
        atlas.kept.sourcing_all[usize::from(with_ownership)].get_or_init(|| core::risk::sourcing(chain, None, &query))
    } else {
        computed = core::risk::sourcing(chain, maker, &query);
        &computed
    };
    let dependencies = found
        .iter()
        .take(limit)
        .map(|d| Dependency {
            maker: entity(chain, d.maker),
            segment: segment_ref(&refs, &d.segment),
            suppliers: d.suppliers.iter().map(|n| entity(chain, *n)).collect(),
            sole: d.suppliers.len() == 1,
        })
        .collect();
    Ok(SourcingResult { dependencies, truncated: truncated(found.len(), limit) })
}

pub fn concentration(atlas: &Atlas, args: SegmentsArgs) -> Result<ConcentrationResult, ApiError> {
    let chain = &atlas.graph;
    let (refs, segments) = segments(atlas, args.segments)?;
    let found = core::risk::concentration(chain, RelationSet::chain(args.with_ownership.unwrap_or(false)), &segments);
    let segments = found
        .into_iter()
        .map(|c| Concentration {
            segment: segment_ref(&refs, &c.segment),
            suppliers: count(c.suppliers),
            customer_links: count(c.customer_links),
            hhi: c.hhi,
            top_supplier: c.top_supplier.map(|(n, _)| entity(chain, n)),
            top_share: c.top_supplier.map(|(_, share)| share),
        })
        .collect();
    Ok(ConcentrationResult { segments })
}

fn coverage_out(chain: &ChainGraph, refs: &HashMap<String, SegmentRef>, c: core::risk::Coverage) -> LocalCoverage {
    LocalCoverage {
        segment: segment_ref(refs, &c.segment),
        suppliers: count(c.suppliers),
        local_count: count(c.local_suppliers.len()),
        local_share: (c.suppliers > 0).then(|| c.local_suppliers.len() as f64 / c.suppliers as f64),
        local_suppliers: c.local_suppliers.iter().take(50).map(|n| entity(chain, *n)).collect(),
    }
}

pub fn local_coverage(atlas: &Atlas, args: SegmentsArgs) -> Result<LocalCoverageResult, ApiError> {
    let (refs, segments) = segments(atlas, args.segments)?;
    let found = core::risk::local_coverage(&atlas.graph, &segments);
    Ok(LocalCoverageResult { segments: found.into_iter().map(|c| coverage_out(&atlas.graph, &refs, c)).collect() })
}

pub fn gaps(atlas: &Atlas, args: SegmentsArgs) -> Result<LocalCoverageResult, ApiError> {
    let (refs, segments) = segments(atlas, args.segments)?;
    let found = core::risk::gaps(&atlas.graph, &segments);
    Ok(LocalCoverageResult { segments: found.into_iter().map(|c| coverage_out(&atlas.graph, &refs, c)).collect() })
}

pub fn what_if(atlas: &Atlas, args: WhatIfArgs) -> Result<WhatIfResult, ApiError> {
    let chain = &atlas.graph;
    let removal =
        core::whatif::Removal { entities: args.entities.unwrap_or_default(), places: args.places.unwrap_or_default() };
    if removal.entities.len() + removal.places.len() > 1000 {
        return Err(ApiError::invalid_argument("remove at most 1000 entities and places at once"));
    }
    let with_ownership = args.with_ownership.unwrap_or(false);
    let (query, refs) = supply_query(atlas, args.max_depth, args.with_ownership, args.segments)?;
    // Under the default query, what no removal changes is worked out once per atlas.
    let found = if query == atlas.default_supply_query(with_ownership)? {
        let prepared =
            atlas.kept.what_if[usize::from(with_ownership)].get_or_init(|| core::whatif::Prepared::new(chain, &query));
        core::whatif::what_if_prepared(chain, &removal, prepared)
    } else {
        core::whatif::what_if(chain, &removal, &query)
    };
    const LISTED: usize = 500;
    let makers = found
        .makers
        .iter()
        .take(LISTED)
        .map(|m| MakerLoss {
            maker: entity(chain, m.maker),
            segments: m
                .segments
                .iter()
                .map(|s| SegmentLoss {
                    segment: segment_ref(&refs, &s.segment),
                    lost_suppliers: s.lost_suppliers.iter().take(50).map(|n| entity(chain, *n)).collect(),
                })
                .collect(),
        })
        .collect();
    Ok(WhatIfResult {
        removed: found.removed.iter().take(LISTED).map(|n| entity(chain, *n)).collect(),
        removed_count: count(found.removed.len()),
        unknown: found.unknown,
        makers,
        truncated: truncated(found.makers.len(), LISTED),
    })
}
