//! NEV Atlas core: the domain model, the dataset in data/ (loading and validation), the SQLite
//! edition (writing and reading) and the chain graph with its analyses.
//!
//! This crate knows nothing of Tauri, HTTP, JSON or the UI, and prints nothing: callers decide
//! how results travel and are shown.

pub mod analytics;
pub mod coverage;
pub mod dataset;
pub mod graph;
pub mod model;
pub mod names;
pub mod store;
pub mod synth;

use std::path::Path;

use anyhow::Result;

/// An opened edition: the store for details and the graph for walking the chain.
pub struct Atlas {
    pub store: store::Store,
    pub graph: graph::ChainGraph,
}

impl Atlas {
    /// Opens the edition at `path` and builds its graph.
    pub fn open(path: &Path) -> Result<Atlas> {
        let store = store::Store::open(path)?;
        let graph = graph::ChainGraph::new(store.all_entities()?, store.all_links()?);
        Ok(Atlas { store, graph })
    }
}
