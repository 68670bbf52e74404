//! NEV Atlas core: the domain model, the dataset in data/ (loading and validation), the SQLite
//! edition (writing and reading) and the chain graph with its analyses.
//!
//! This crate knows nothing of Tauri, HTTP, JSON or the UI, and prints nothing: callers decide
//! how results travel and are shown.

pub mod analytics;
pub mod asof;
pub mod coverage;
pub mod dataset;
pub mod diff;
pub mod graph;
pub mod jobs;
pub mod model;
pub mod names;
pub mod overlay;
pub mod signature;
pub mod store;
pub mod synth;

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use petgraph::stable_graph::NodeIndex;

/// Scores of a centrality computed in the background, with the number of sampled sources.
pub type CentralityScores = (Vec<(NodeIndex, f64)>, Option<usize>);

/// An opened edition: the store for details, the graph for walking the chain (shared with
/// background jobs), and the jobs running on it.
pub struct Atlas {
    pub store: store::Store,
    pub graph: Arc<graph::ChainGraph>,
    pub centrality_jobs: jobs::Jobs<CentralityScores>,
    /// What checking the edition's signature found when it was opened from its file; `None` for
    /// an atlas built over another store (a shell copies the shipped edition's result over).
    pub signature: Option<Arc<signature::Check>>,
    /// Answers to the questions asked most, kept once computed (see [`Kept`]).
    pub kept: Arc<Kept>,
}

/// What an atlas keeps once computed: an atlas never changes once built (a write to the workspace
/// builds a new merged atlas), so these hold as long as the atlas. Each is computed by the first
/// call that asks for it, or ahead of time by [`Atlas::prepare_in_background`]; a call that
/// asks while it is being computed waits for that computation instead of starting another.
#[derive(Debug, Default)]
pub struct Kept {
    /// The default sourcing of every vehicle maker ([`Atlas::default_supply_query`]), without and
    /// with ownership links (index 0 and 1).
    pub sourcing_all: [std::sync::OnceLock<Vec<analytics::risk::Dependency>>; 2],
    /// What the what-if needs under the default query, without and with ownership links.
    pub what_if: [std::sync::OnceLock<analytics::whatif::Prepared>; 2],
}

impl Atlas {
    /// Opens the edition at `path` and builds its graph.
    pub fn open(path: &Path) -> Result<Atlas> {
        let mut atlas = Atlas::from_store(store::Store::open(path)?)?;
        atlas.signature = Some(Arc::new(signature::check(path)?));
        Ok(atlas)
    }

    /// An atlas over an opened store (for example an edition with the user's workspace laid over it).
    pub fn from_store(store: store::Store) -> Result<Atlas> {
        let mut graph = graph::ChainGraph::new(store.all_entities()?, store.all_links()?);
        let support = store.segments()?.into_iter().filter(|s| s.stage == model::Stage::Support).map(|s| s.id);
        graph.set_support_segments(support);
        graph.set_link_dates(store.link_dates()?);
        Ok(Atlas {
            store,
            graph: Arc::new(graph),
            centrality_jobs: jobs::Jobs::default(),
            signature: None,
            kept: Arc::default(),
        })
    }

    /// The question the risk panels and the what-if ask unless told otherwise: supply links (and
    /// ownership ones when `with_ownership`), three tiers, the chain's segments (not support ones).
    pub fn default_supply_query(&self, with_ownership: bool) -> Result<analytics::risk::SupplyQuery> {
        let segments =
            self.store.segments()?.into_iter().filter(|s| s.stage != model::Stage::Support).map(|s| s.id).collect();
        Ok(analytics::risk::SupplyQuery {
            relations: analytics::RelationSet::chain(with_ownership),
            max_depth: 3,
            segments,
        })
    }

    /// Computes, on a thread of its own, the default sourcing of every maker and what the
    /// what-if needs (without ownership links: what the entity pages and the what-if view ask
    /// first), so that the first request finds them ready. A request arriving before they are
    /// done waits for them and gets the same answer.
    pub fn prepare_in_background(&self) -> Result<()> {
        let query = self.default_supply_query(false)?;
        let (graph, kept) = (Arc::clone(&self.graph), Arc::clone(&self.kept));
        std::thread::Builder::new().name("atlas-prepare".into()).spawn(move || {
            kept.sourcing_all[0].get_or_init(|| analytics::risk::sourcing(&graph, None, &query));
            kept.what_if[0].get_or_init(|| analytics::whatif::Prepared::new(&graph, &query));
        })?;
        Ok(())
    }
}
