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
    /// The default sourcing of every vehicle maker (all segments, three tiers), without and with
    /// ownership links (index 0 and 1), each computed by the first call that asks for it: an atlas
    /// never changes once built (a write to the workspace builds a new merged atlas), so the
    /// answer holds as long as the atlas.
    pub sourcing_all: [std::sync::OnceLock<Vec<analytics::risk::Dependency>>; 2],
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
            sourcing_all: Default::default(),
        })
    }
}
