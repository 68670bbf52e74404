//! One atlas from two databases: the shipped edition copied into memory, with the workspace laid
//! over it. The edition file is never written.

use std::path::Path;

use anyhow::{Context, Result};
use atlas_core::Atlas;
use atlas_core::model::Grade;
use atlas_core::overlay::{self, Unattached};
use atlas_core::store::Store;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::Workspace;
use crate::edits::Known;

/// The edition at `edition` with `workspace` laid over it, and the user's facts that no longer
/// attach to this edition ("needs attention").
pub fn merged_atlas(edition: &Path, workspace: &Workspace) -> Result<(Atlas, Vec<Unattached>)> {
    // Opening the edition as a store first checks that it is one and of the schema we read.
    drop(Store::open(edition)?);
    let mut connection = Connection::open_in_memory()?;
    {
        let source = Connection::open_with_flags(edition, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Backup::new(&source, &mut connection)?
            .run_to_completion(4096, std::time::Duration::ZERO, None)
            .with_context(|| format!("reading the edition {}", edition.display()))?;
    }
    let layer = workspace.overlay()?;
    let unattached = overlay::lay_over(&connection, &layer)?;
    let atlas = Atlas::from_store(Store::from_connection(connection)?)?;
    Ok((atlas, unattached))
}

impl Known for Atlas {
    fn has_entity(&self, id: &str) -> bool {
        self.store.entity_ref(id).ok().flatten().is_some()
    }

    fn source_grade(&self, id: &str) -> Option<Grade> {
        self.store.source(id).ok().flatten().map(|s| s.grade)
    }
}
