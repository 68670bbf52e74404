//! One atlas from two databases: the shipped edition copied into memory, with the workspace laid
//! over it. The edition file is never written.

use std::path::Path;

use anyhow::Result;
use atlas_core::Atlas;
use atlas_core::model::Grade;
use atlas_core::overlay::{self, Unattached};
use atlas_core::store::Store;

use crate::Workspace;
use crate::edits::Known;

/// The edition at `edition` with `workspace` laid over it, and the user's facts that no longer
/// attach to this edition ("needs attention").
pub fn merged_atlas(edition: &Path, workspace: &Workspace) -> Result<(Atlas, Vec<Unattached>)> {
    let layer = workspace.overlay()?;
    let (store, unattached) = Store::in_memory(edition, |connection| overlay::lay_over(connection, &layer))?;
    Ok((Atlas::from_store(store)?, unattached))
}

impl Known for Atlas {
    fn has_entity(&self, id: &str) -> bool {
        self.store.entity_ref(id).ok().flatten().is_some()
    }

    fn source_grade(&self, id: &str) -> Option<Grade> {
        self.store.source(id).ok().flatten().map(|s| s.grade)
    }
}
