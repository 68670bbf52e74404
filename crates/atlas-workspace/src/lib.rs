//! The user's workspace: a SQLite database of the user's own, beside the read-only shipped edition.
//!
//! It holds the entities, links and statistics the user adds, corrections and retractions of
//! shipped facts, notes, and saved views, each in exactly one change of an append-only log. Undo
//! and redo flip a change between done and undone, so they survive a restart; a new change drops
//! whatever was undone. The database runs in WAL mode with full synchronisation: a change is
//! reported done only after its transaction is durably committed.
//!
//! [`merge::merged_atlas`] lays the workspace over an edition, so every view sees one graph.

pub mod attention;
pub mod backup;
pub mod edits;
pub mod export;
pub mod import;
pub mod merge;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use atlas_core::dataset::{Dataset, Located, Origin};
use atlas_core::model::*;
use atlas_core::overlay::{Correction, FactKind, Overlay, Retraction};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Migrations of the workspace, in order. Append only: a user's workspace outlives many versions.
pub const MIGRATIONS: &[(&str, &str)] = &[("0001_workspace.sql", include_str!("../migrations/0001_workspace.sql"))];

/// The file name of a workspace inside its folder.
pub const FILE_NAME: &str = "workspace.sqlite";

/// Where the workspace lives when nothing says otherwise: NEV_ATLAS_WORKSPACE, else the user's
/// data folder ($XDG_DATA_HOME/nev-atlas on Linux, the platform's equivalent elsewhere).
pub fn default_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("NEV_ATLAS_WORKSPACE") {
        return Ok(PathBuf::from(path));
    }
    let data = dirs::data_dir().context("this system has no user data folder; give --workspace PATH")?;
    Ok(data.join("nev-atlas").join(FILE_NAME))
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub id: i64,
    /// When it was made, RFC 3339 in UTC.
    pub at: String,
    /// add_entity, add_link, add_statistic, correct, retract, note, save_view, import, reattach.
    pub action: String,
    pub summary: String,
    pub undone: bool,
}

/// A note the user wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: i64,
    pub target: String,
    pub text: String,
    pub at: String,
}

/// A saved view or bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    pub location: String,
    pub bookmark: bool,
}

/// An open workspace.
pub struct Workspace {
    connection: Connection,
    path: PathBuf,
}

fn now() -> String {
    jiff::Timestamp::now().round(jiff::Unit::Second).map(|t| t.to_string()).unwrap_or_default()
}

/// `a;b;c` as a list, without empty items.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn located<T>(record: T) -> Located<T> {
    Located { origin: Origin { file: "workspace".to_string(), line: 0 }, record }
}

fn parse_column<T: std::str::FromStr<Err = String>>(index: usize, text: String) -> rusqlite::Result<T> {
    text.parse().map_err(|message: String| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
    })
}

/// An edition the user opened from the app in place of the one it started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenEdition {
    pub path: PathBuf,
    /// What the user accepted about its signature when it did not hold ("unsigned", "invalid",
    /// "untrusted"); `None` when it held.
    pub accepted: Option<String>,
    /// The edition the app had started with then (version, build date, data commit): when the
    /// app starts with another one (a new package), that one wins.
    pub over: String,
}

impl Workspace {
    /// Opens the workspace at `path`, creating it (and its folder) on first use. A workspace that
    /// needs a migration is backed up (and the backup verified) first.
    pub fn open(path: &Path) -> Result<Workspace> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        let existed = path.is_file();
        let mut connection = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = connection.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            bail!("{} cannot use write-ahead logging (journal mode {mode})", path.display());
        }
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        let applied: i64 = connection.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let applied = usize::try_from(applied).unwrap_or(0);
        if applied > MIGRATIONS.len() {
            bail!(
                "{} was written by a newer NEV Atlas (workspace version {applied}); this one reads up to {}",
                path.display(),
                MIGRATIONS.len()
            );
        }
        if applied < MIGRATIONS.len() {
            if existed && applied > 0 {
                backup::backup_connection(&connection, path, "before-migration")?;
            }
            let transaction = connection.transaction()?;
            for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(applied) {
                transaction.execute_batch(sql).with_context(|| format!("workspace migration {name}"))?;
                transaction.pragma_update(None, "user_version", index as i64 + 1)?;
            }
            transaction.commit()?;
        }
        Ok(Workspace { connection, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.connection
    }

    /// The edition the user last opened from the app (see [`ChosenEdition`]), `None` when they
    /// never opened one.
    pub fn chosen_edition(&self) -> Result<Option<ChosenEdition>> {
        let value = |key: &str| -> Result<Option<String>> {
            Ok(self.connection.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
        };
        let Some(path) = value("chosen_edition")? else { return Ok(None) };
        Ok(Some(ChosenEdition {
            path: PathBuf::from(path),
            accepted: value("chosen_edition_accepted")?.filter(|a| !a.is_empty()),
            over: value("chosen_edition_over")?.unwrap_or_default(),
        }))
    }

    /// Remembers the edition the user opened from the app, so the app opens it again at start.
    /// A setting, not a fact: no change of the log, and undo does not touch it.
    pub fn choose_edition(&mut self, chosen: &ChosenEdition) -> Result<()> {
        const SET: &str = "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2";
        let transaction = self.connection.transaction()?;
        transaction.execute(SET, ["chosen_edition", &chosen.path.to_string_lossy()])?;
        transaction.execute(SET, ["chosen_edition_accepted", chosen.accepted.as_deref().unwrap_or("")])?;
        transaction.execute(SET, ["chosen_edition_over", &chosen.over])?;
        transaction.commit()?;
        Ok(())
    }

    /// A number that grows with every change, undo and redo: the UI keys its cache by it.
    pub fn revision(&self) -> Result<i64> {
        let value: Option<String> =
            self.connection.query_row("SELECT value FROM meta WHERE key = 'revision'", [], |r| r.get(0)).optional()?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Runs `write` as one change of the log, in one transaction: any error changes nothing.
    /// Returns the change once it is durably committed.
    pub fn change<T>(
        &mut self,
        action: &str,
        summary: &str,
        write: impl FnOnce(&Transaction<'_>, i64) -> Result<T>,
    ) -> Result<(Change, T)> {
        let transaction = self.connection.transaction()?;
        // A new change ends the redo history.
        for table in
            ["sources", "entities", "links", "statistics", "retractions", "corrections", "notes", "saved_views"]
        {
            transaction.execute(
                &format!("DELETE FROM {table} WHERE change IN (SELECT id FROM changes WHERE state = 'undone')"),
                [],
            )?;
        }
        transaction.execute("DELETE FROM changes WHERE state = 'undone'", [])?;
        let at = now();
        transaction
            .execute("INSERT INTO changes (at, action, summary) VALUES (?1, ?2, ?3)", params![at, action, summary])?;
        let id = transaction.last_insert_rowid();
        let result = write(&transaction, id)?;
        bump_revision(&transaction)?;
        transaction.commit()?;
        Ok((Change { id, at, action: action.to_string(), summary: summary.to_string(), undone: false }, result))
    }

    /// The change log, newest first.
    pub fn log(&self, limit: usize) -> Result<Vec<Change>> {
        let mut statement = self
            .connection
            .prepare("SELECT id, at, action, summary, state = 'undone' FROM changes ORDER BY id DESC LIMIT ?1")?;
        let rows = statement.query_map([limit as i64], |r| {
            Ok(Change { id: r.get(0)?, at: r.get(1)?, action: r.get(2)?, summary: r.get(3)?, undone: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Undoes the newest change that is done; None when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Change>> {
        self.flip("SELECT max(id) FROM changes WHERE state = 'done'", "undone")
    }

    /// Redoes the oldest undone change; None when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Change>> {
        self.flip("SELECT min(id) FROM changes WHERE state = 'undone'", "done")
    }

    fn flip(&mut self, pick: &str, state: &str) -> Result<Option<Change>> {
        let transaction = self.connection.transaction()?;
        let id: Option<i64> = transaction.query_row(pick, [], |r| r.get(0))?;
        let Some(id) = id else {
            return Ok(None);
        };
        transaction.execute("UPDATE changes SET state = ?2 WHERE id = ?1", params![id, state])?;
        bump_revision(&transaction)?;
        let change = transaction.query_row(
            "SELECT id, at, action, summary, state = 'undone' FROM changes WHERE id = ?1",
            [id],
            |r| Ok(Change { id: r.get(0)?, at: r.get(1)?, action: r.get(2)?, summary: r.get(3)?, undone: r.get(4)? }),
        )?;
        transaction.commit()?;
        Ok(Some(change))
    }

    /// Everything the workspace lays over an edition: only rows of changes that are done.
    pub fn overlay(&self) -> Result<Overlay> {
        const LIVE: &str = "change IN (SELECT id FROM changes WHERE state = 'done')";
        let c = &self.connection;
        let mut facts = Dataset::default();
        let mut statement = c.prepare(&format!(
            "SELECT id, url, publisher, title, published, accessed, language, grade, note FROM sources WHERE {LIVE} ORDER BY id"
        ))?;
        facts.sources = statement
            .query_map([], |r| {
                Ok(located(Source {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    publisher: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    accessed: r.get(5)?,
                    language: r.get(6)?,
                    grade: parse_column(7, r.get(7)?)?,
                    note: r.get(8)?,
                    note_zh: None,
                    maintainer_note: None,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement = c.prepare(&format!(
            "SELECT id, kind, name_zh, name_en, district, segments, products, confidence, sources, note FROM entities WHERE {LIVE} ORDER BY change, id"
        ))?;
        facts.entities = statement
            .query_map([], |r| {
                Ok(located(Entity {
                    id: r.get(0)?,
                    kind: parse_column(1, r.get(1)?)?,
                    name_zh: r.get(2)?,
                    name_en: r.get(3)?,
                    district: r.get(4)?,
                    segments: split_list(&r.get::<_, String>(5)?),
                    products: split_list(&r.get::<_, String>(6)?),
                    founded: None,
                    website: None,
                    confidence: parse_column(7, r.get(7)?)?,
                    sources: split_list(&r.get::<_, String>(8)?),
                    note: r.get(9)?,
                    note_zh: None,
                    maintainer_note: None,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement = c.prepare(&format!(
            "SELECT from_id, relation, to_id, product, share, since, until, confidence, sources, note FROM links WHERE {LIVE} ORDER BY id"
        ))?;
        facts.links = statement
            .query_map([], |r| {
                Ok(located(Link {
                    from: r.get(0)?,
                    relation: parse_column(1, r.get(1)?)?,
                    to: r.get(2)?,
                    product: r.get(3)?,
                    share: r.get(4)?,
                    since: r.get(5)?,
                    until: r.get(6)?,
                    confidence: parse_column(7, r.get(7)?)?,
                    sources: split_list(&r.get::<_, String>(8)?),
                    note: r.get(9)?,
                    note_zh: None,
                    maintainer_note: None,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement = c.prepare(&format!(
            "SELECT subject, metric, period, value, unit, kind, confidence, sources, note FROM statistics WHERE {LIVE} ORDER BY id"
        ))?;
        facts.statistics = statement
            .query_map([], |r| {
                Ok(located(Statistic {
                    subject: r.get(0)?,
                    metric: r.get(1)?,
                    period: r.get(2)?,
                    value: r.get(3)?,
                    unit: r.get(4)?,
                    kind: parse_column(5, r.get(5)?)?,
                    confidence: parse_column(6, r.get(6)?)?,
                    sources: split_list(&r.get::<_, String>(7)?),
                    note: r.get(8)?,
                    note_zh: None,
                    maintainer_note: None,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement =
            c.prepare(&format!("SELECT fact, key, reason, sources FROM retractions WHERE {LIVE} ORDER BY id"))?;
        let retractions = statement
            .query_map([], |r| {
                Ok(Retraction {
                    fact: parse_fact(0, r.get(0)?)?,
                    key: r.get(1)?,
                    reason: r.get(2)?,
                    sources: split_list(&r.get::<_, String>(3)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement =
            c.prepare(&format!("SELECT fact, key, field, value, sources FROM corrections WHERE {LIVE} ORDER BY id"))?;
        let corrections = statement
            .query_map([], |r| {
                Ok(Correction {
                    fact: parse_fact(0, r.get(0)?)?,
                    key: r.get(1)?,
                    field: r.get(2)?,
                    value: r.get(3)?,
                    sources: split_list(&r.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Overlay { facts, retractions, corrections })
    }

    /// The notes on `target` ("entity:ID", "link:KEY", ...), or on everything when None; oldest first.
    pub fn notes(&self, target: Option<&str>) -> Result<Vec<Note>> {
        let mut statement = self.connection.prepare(
            "SELECT n.id, n.target, n.text, c.at FROM notes n JOIN changes c ON c.id = n.change
             WHERE c.state = 'done' AND (?1 IS NULL OR n.target = ?1) ORDER BY n.id",
        )?;
        let rows = statement
            .query_map([target], |r| Ok(Note { id: r.get(0)?, target: r.get(1)?, text: r.get(2)?, at: r.get(3)? }))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Saved views and bookmarks, oldest first.
    pub fn saved_views(&self) -> Result<Vec<SavedView>> {
        let mut statement = self.connection.prepare(
            "SELECT v.id, v.name, v.location, v.bookmark FROM saved_views v JOIN changes c ON c.id = v.change
             WHERE c.state = 'done' ORDER BY v.id",
        )?;
        let rows = statement.query_map([], |r| {
            Ok(SavedView { id: r.get(0)?, name: r.get(1)?, location: r.get(2)?, bookmark: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// SQLite's integrity check: "ok", or what is wrong.
    pub fn integrity(&self) -> Result<String> {
        backup::integrity(&self.connection)
    }
}

fn parse_fact(index: usize, text: String) -> rusqlite::Result<FactKind> {
    parse_column(index, text)
}

fn bump_revision(transaction: &Transaction<'_>) -> Result<()> {
    transaction.execute(
        "INSERT INTO meta (key, value) VALUES ('revision', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
        [],
    )?;
    Ok(())
}
