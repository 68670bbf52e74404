//! Verified backups of the workspace: SQLite's online backup into `backups/` beside it, then an
//! integrity check of the copy. Taken before every import, migration and restore; the newest
//! [`KEEP`] are kept.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use crate::Workspace;

/// How many backups are kept.
pub const KEEP: usize = 10;

/// A backup on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub path: PathBuf,
    /// Why it was taken: manual, before-import, before-migration, before-restore.
    pub reason: String,
    pub bytes: u64,
}

/// The folder of the backups of the workspace at `workspace`.
pub fn folder(workspace: &Path) -> PathBuf {
    workspace.parent().unwrap_or(Path::new(".")).join("backups")
}

/// SQLite's integrity check of a connection: "ok" or the problems it lists.
pub fn integrity(connection: &Connection) -> Result<String> {
    let mut statement = connection.prepare("PRAGMA integrity_check")?;
    let lines = statement.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("; "))
}

/// Backs up `connection` (the workspace at `workspace`) into the backups folder, verifies the
/// copy and drops the oldest beyond [`KEEP`]. Returns the verified backup.
pub fn backup_connection(connection: &Connection, workspace: &Path, reason: &str) -> Result<Backup> {
    let dir = folder(workspace);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.6fZ").to_string();
    let path = dir.join(format!("workspace-{stamp}-{reason}.sqlite"));
    connection
        .backup(MAIN_DB, &path, None::<fn(rusqlite::backup::Progress)>)
        .with_context(|| format!("backing up to {}", path.display()))?;
    let verdict = {
        let copy = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        integrity(&copy)?
    };
    if verdict != "ok" {
        // Best effort: the error that matters is the failed check.
        let _ = std::fs::remove_file(&path);
        bail!("the backup {} failed its integrity check: {verdict}", path.display());
    }
    let bytes = std::fs::metadata(&path)?.len();
    let all = list(workspace)?;
    for old in all.iter().skip(KEEP) {
        std::fs::remove_file(&old.path).with_context(|| format!("removing old backup {}", old.path.display()))?;
    }
    Ok(Backup { path, reason: reason.to_string(), bytes })
}

/// The backups of the workspace at `workspace`, newest first.
pub fn list(workspace: &Path) -> Result<Vec<Backup>> {
    let dir = folder(workspace);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(rest) = name.strip_prefix("workspace-").and_then(|r| r.strip_suffix(".sqlite")) else {
            continue;
        };
        let reason = rest.split_once('-').map(|(_, r)| r.to_string()).unwrap_or_default();
        found.push(Backup { path: entry.path(), reason, bytes: entry.metadata()?.len() });
    }
    found.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(found)
}

impl Workspace {
    /// A verified backup of this workspace now.
    pub fn backup(&self, reason: &str) -> Result<Backup> {
        backup_connection(self.connection(), self.path(), reason)
    }

    /// Replaces the workspace's content with the backup at `from` (the newest when None), after
    /// checking that backup and backing up the current state first.
    pub fn restore(&mut self, from: Option<&Path>) -> Result<Backup> {
        let chosen = match from {
            Some(path) => path.to_path_buf(),
            None => list(self.path())?.into_iter().next().map(|b| b.path).context("there is no backup to restore")?,
        };
        let verdict = {
            let copy = Connection::open_with_flags(&chosen, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .with_context(|| format!("opening {}", chosen.display()))?;
            let version: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version < 1 || version > crate::MIGRATIONS.len() as i64 {
                bail!("{} is not a workspace this NEV Atlas can read", chosen.display());
            }
            integrity(&copy)?
        };
        if verdict != "ok" {
            bail!("{} failed its integrity check, nothing was restored: {verdict}", chosen.display());
        }
        // Keep the chosen backup's bytes before the new backup may rotate it away.
        let bytes = std::fs::read(&chosen).with_context(|| format!("reading {}", chosen.display()))?;
        let staged = tempfile_beside(self.path())?;
        std::fs::write(&staged, bytes)?;
        let current = self.backup("before-restore")?;
        let restored = self.connection.restore(MAIN_DB, &staged, None::<fn(rusqlite::backup::Progress)>);
        let _ = std::fs::remove_file(&staged);
        restored.with_context(|| format!("restoring {}", chosen.display()))?;
        let verdict = self.integrity()?;
        if verdict != "ok" {
            bail!(
                "the restored workspace failed its integrity check ({verdict}); the previous state is in {}",
                current.path.display()
            );
        }
        Ok(Backup { path: chosen, reason: "restored".to_string(), bytes: std::fs::metadata(self.path())?.len() })
    }
}

fn tempfile_beside(path: &Path) -> Result<PathBuf> {
    let dir = folder(path);
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join(format!(".restoring-{}.sqlite", std::process::id())))
}
