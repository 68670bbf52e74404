//! The SQLite edition: writing one from a validated dataset, and the read queries the app needs.
//!
//! All SQL of the atlas lives in this module and its children, one per table. An edition is written into a temporary file in one
//! transaction and renamed into place, so a failed build never leaves a half-written edition.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::model::*;
use crate::names;

mod browse;
mod build;
mod entities;
mod links;
mod policies;
mod pool;
mod search;
mod sources;
mod statistics;
mod systems;

pub use browse::{DistrictPlacement, PlacedEntity, PolicyEntry};
pub use build::{Stamp, build_edition, build_edition_marked, build_edition_stamped, write_facts};
pub use entities::{EntityDetails, ExportEntity, GraphEntity, NameView};
pub use links::{ExportLink, GraphLink, LinkView};
pub use policies::PolicyView;
pub use search::{Found, SearchHit, SystemHit};
pub use statistics::StatisticView;
pub use systems::{GroupView, MemberView, Membership, SystemView};

/// Migrations in order. Append only: an applied migration's text never changes (a test pins the
/// hash of each).
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_edition.sql", include_str!("../migrations/0001_edition.sql")),
    ("0002_note_zh.sql", include_str!("../migrations/0002_note_zh.sql")),
];

/// What an edition says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionInfo {
    pub title: String,
    /// The title in Chinese; empty in editions built before it was written.
    pub title_zh: String,
    pub version: String,
    pub built_at: String,
    /// The git commit of data/ the edition was built from, or "unknown".
    pub data_commit: String,
    /// True for an edition of invented data made by `nev-atlas synth`.
    pub synthetic: bool,
    pub entities: u32,
    pub links: u32,
    pub sources: u32,
}

/// An entity as others refer to it: id, kind and its two main names.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRef {
    pub id: String,
    pub kind: EntityKind,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
}

/// Read-only connections to an edition, shared by the threads that read it (see [`pool`]).
pub struct Store {
    connections: pool::Pool,
    /// The Latin words of the names, for typo correction; built by the first search that needs it.
    vocabulary: std::sync::OnceLock<names::Vocabulary>,
    /// The best entities for each one- and two-letter Latin prefix, for the shortest queries;
    /// built by the first search that needs it.
    short_prefixes: std::sync::OnceLock<search::ShortPrefixes>,
}

fn parse<T: std::str::FromStr<Err = String>>(index: usize, text: String) -> rusqlite::Result<T> {
    text.parse().map_err(|message: String| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
    })
}

const ENTITY_REF: &str = "SELECT id, kind, name_zh, name_en FROM entities WHERE id = ?1";

fn entity_ref(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<EntityRef> {
    Ok(EntityRef {
        id: row.get(first)?,
        kind: parse(first + 1, row.get(first + 1)?)?,
        name_zh: row.get(first + 2)?,
        name_en: row.get(first + 3)?,
    })
}

/// Where a fact came from, as the temporary overlay table records it (no row: the edition).
fn origin(index: usize, text: Option<String>) -> rusqlite::Result<FactOrigin> {
    text.map_or(Ok(FactOrigin::Edition), |t| parse(index, t))
}

fn source(row: &rusqlite::Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        url: row.get(1)?,
        publisher: row.get(2)?,
        title: row.get(3)?,
        published: row.get(4)?,
        accessed: row.get(5)?,
        language: row.get(6)?,
        grade: parse(7, row.get(7)?)?,
        note: row.get(8)?,
        note_zh: None,
        maintainer_note: None,
    })
}

impl Store {
    /// Opens the edition at `path` read-only and checks that its schema is the one this program
    /// knows.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            bail!("no edition at {}", path.display());
        }
        Store::check_schema(path)?;
        Ok(Store::over(pool::open_file(path, pool::size())?))
    }

    /// Checks that the file at `path` is an edition of the schema this program reads.
    fn check_schema(path: &Path) -> Result<()> {
        let connection =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .with_context(|| format!("opening {}", path.display()))?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version != MIGRATIONS.len() as i64 {
            bail!("{} has schema version {version}, this program reads version {}", path.display(), MIGRATIONS.len());
        }
        Ok(())
    }

    /// A copy of the edition at `path` in memory, changed by `change` before anyone reads it (the
    /// user's workspace is laid over it this way; `change` gets a connection with the temporary
    /// `overlay` table). The file is never written.
    pub fn in_memory<T>(path: &Path, change: impl FnOnce(&Connection) -> Result<T>) -> Result<(Store, T)> {
        if !path.is_file() {
            bail!("no edition at {}", path.display());
        }
        Store::check_schema(path)?;
        let (connections, changed) = pool::copy_into_memory(path, pool::size(), change)?;
        Ok((Store::over(connections), changed))
    }

    /// A store over one open connection to an edition. Adds the temporary `overlay` table the
    /// read queries join.
    pub fn from_connection(connection: Connection) -> Result<Store> {
        connection.execute_batch(crate::overlay::OVERLAY_TABLE)?;
        Ok(Store::over(pool::Pool::new(vec![connection])))
    }

    fn over(connections: pool::Pool) -> Store {
        Store { connections, vocabulary: std::sync::OnceLock::new(), short_prefixes: std::sync::OnceLock::new() }
    }

    /// A connection for the queries of one call (also the comparison of two editions, see
    /// [`crate::diff`]). Held until dropped; a method may call another while it holds one (the
    /// pool's locks are re-entrant).
    pub(crate) fn connection(&self) -> pool::Pooled<'_> {
        self.connections.get()
    }

    /// What the edition says about itself.
    pub fn edition(&self) -> Result<EditionInfo> {
        const META: &str = "SELECT value FROM meta WHERE key = ?1";
        let meta = |key: &str| -> Result<String> {
            Ok(self
                .connection()
                .prepare_cached(META)?
                .query_row([key], |row| row.get(0))
                .optional()?
                .unwrap_or_default())
        };
        const COUNTS: &str =
            "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM links), (SELECT count(*) FROM sources)";
        let (entities, links, sources) = self
            .connection()
            .prepare_cached(COUNTS)?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        Ok(EditionInfo {
            title: meta("title")?,
            title_zh: meta("title_zh")?,
            version: meta("version")?,
            built_at: meta("built_at")?,
            data_commit: Some(meta("data_commit")?).filter(|c| !c.is_empty()).unwrap_or_else(|| "unknown".to_string()),
            synthetic: meta("synthetic")? == "true",
            entities,
            links,
            sources,
        })
    }
}

/// The version of the bundled SQLite library, such as "3.51.3".
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}
