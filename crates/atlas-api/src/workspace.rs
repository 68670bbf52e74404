//! The user's workspace over the wire: the state both shells hold (the shipped edition alone, the
//! edition with the workspace laid over it, and the workspace), the commands that read and write
//! it, and table and graph exports.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use atlas_core::Atlas;
use atlas_core::overlay::{FactKind, Unattached};
use atlas_workspace::Workspace;
use atlas_workspace::edits::{NewEntity, NewLink, NewStatistic, SourceInput};
use atlas_workspace::export::{self, Cell};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::*;
use crate::{ApiError, dispatch};

/// What a shell holds: the atlases it answers from, and the workspace. Reads take the merged
/// atlas unless asked for the edition alone; every write goes to the workspace, then the merged
/// atlas is rebuilt, so an edit shows everywhere at once.
///
/// Reads wait for nothing: a read takes the atlases in effect (a clone of an `Arc`, under a lock
/// held only for that) and answers from them, in parallel with every other read, since an atlas
/// serves many threads at once. Writes wait for each other on the workspace's own lock; each
/// builds the new merged atlas beside the old one, which reads keep using until the new one is
/// swapped in.
pub struct AppState {
    current: RwLock<Arc<Atlases>>,
    workspace: Mutex<Workspace>,
    /// The key that signed the edition opened at start, when its signature held: editions opened
    /// later from the app must carry the same key, or the user must accept them.
    trusted_key: Option<String>,
    /// The edition opened at start: version, build date and data commit.
    started_with: String,
}

/// An edition's version, build date and data commit, which tell editions apart.
fn stamp(atlas: &Atlas) -> anyhow::Result<String> {
    let e = atlas.store.edition()?;
    Ok(format!("{} {} {}", e.version, e.built_at, e.data_commit))
}

/// The atlases a shell answers from at one moment: the shipped edition alone, and the edition with
/// the workspace over it.
pub struct Atlases {
    pub edition_path: PathBuf,
    pub edition: Arc<Atlas>,
    pub merged: Atlas,
    /// The user's facts that no longer attach to this edition.
    pub attention: Vec<Unattached>,
    /// The edition open before this one, when this one was opened from the app (`open_edition`).
    pub previous_path: Option<PathBuf>,
}

/// Starts working out, in the background, the answers the merged atlas is asked for most (see
/// `Atlas::prepare_in_background`); without it they are computed by the first request instead.
fn prepare(merged: &Atlas) {
    if let Err(e) = merged.prepare_in_background() {
        tracing::warn!(error = format!("{e:#}"), "cannot prepare the atlas in the background");
    }
}

fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, ApiError> {
    mutex.lock().map_err(|_| ApiError::internal(&anyhow::anyhow!("a lock is poisoned")))
}

impl AppState {
    /// Opens the edition at `edition` and the workspace at `workspace` (created on first use).
    pub fn open(edition: &Path, workspace: &Path) -> anyhow::Result<AppState> {
        let shipped = Atlas::open(edition)?;
        let trusted_key = match shipped.signature.as_deref() {
            Some(atlas_core::signature::Check::Valid(signer)) => Some(signer.public_key.clone()),
            _ => None,
        };
        let started_with = stamp(&shipped)?;
        let workspace = Workspace::open(workspace)?;
        let (mut merged, attention) = atlas_workspace::merge::merged_atlas(edition, &workspace)?;
        // The merged copy reports the signature checked on the shipped file.
        merged.signature = shipped.signature.clone();
        prepare(&merged);
        let atlases = Atlases {
            edition_path: edition.to_path_buf(),
            edition: Arc::new(shipped),
            merged,
            attention,
            previous_path: None,
        };
        Ok(AppState {
            current: RwLock::new(Arc::new(atlases)),
            workspace: Mutex::new(workspace),
            trusted_key,
            started_with,
        })
    }

    /// Whether an edition signed with `key` may be opened without asking: yes when the edition
    /// opened at start was signed with the same key, or carried no valid signature to compare with.
    pub fn trusts(&self, key: &str) -> bool {
        self.trusted_key.as_deref().is_none_or(|trusted| trusted == key)
    }

    /// The atlases in effect now. They stay whole for as long as the caller keeps them, even when
    /// a write replaces them meanwhile.
    pub fn atlases(&self) -> Result<Arc<Atlases>, ApiError> {
        let current = self.current.read().map_err(|_| ApiError::internal(&anyhow::anyhow!("a lock is poisoned")))?;
        Ok(Arc::clone(&current))
    }

    /// Puts `atlases` in effect for every read that starts from now on.
    fn replace(&self, atlases: Atlases) -> Result<(), ApiError> {
        let mut current =
            self.current.write().map_err(|_| ApiError::internal(&anyhow::anyhow!("a lock is poisoned")))?;
        *current = Arc::new(atlases);
        Ok(())
    }

    /// Runs a read command on the merged atlas, or on the shipped edition alone when `args` holds
    /// `"edition_only": true`.
    pub fn read(&self, command: &str, mut args: serde_json::Value) -> Result<serde_json::Value, ApiError> {
        let edition_only =
            args.as_object_mut().and_then(|o| o.remove("edition_only")).and_then(|v| v.as_bool()).unwrap_or(false);
        let atlases = self.atlases()?;
        dispatch(if edition_only { &atlases.edition } else { &atlases.merged }, command, args)
    }

    /// Runs `write` on the workspace with the merged atlas to check against, then rebuilds the
    /// merged atlas, puts it in effect and returns the new revision. One write at a time.
    fn write<T>(&self, write: impl FnOnce(&mut Workspace, &Atlas) -> anyhow::Result<T>) -> Result<(T, i64), ApiError> {
        let mut workspace = lock(&self.workspace)?;
        let before = self.atlases()?;
        let result = write(&mut workspace, &before.merged).map_err(user_error)?;
        let (mut merged, attention) = atlas_workspace::merge::merged_atlas(&before.edition_path, &workspace)?;
        merged.signature = before.edition.signature.clone();
        prepare(&merged);
        self.replace(Atlases {
            edition_path: before.edition_path.clone(),
            edition: Arc::clone(&before.edition),
            merged,
            attention,
            previous_path: before.previous_path.clone(),
        })?;
        Ok((result, workspace.revision()?))
    }

    /// Puts the edition `shipped`, opened from `path`, in place of the one in effect, with the
    /// workspace laid over it; the edition it replaces is remembered as the previous one. Waits
    /// for writes, like a write.
    pub fn switch_edition(&self, path: &Path, shipped: Atlas) -> Result<(), ApiError> {
        let workspace = lock(&self.workspace)?;
        let before = self.atlases()?;
        let (mut merged, attention) = atlas_workspace::merge::merged_atlas(path, &workspace)?;
        merged.signature = shipped.signature.clone();
        prepare(&merged);
        self.replace(Atlases {
            edition_path: path.to_path_buf(),
            edition: Arc::new(shipped),
            merged,
            attention,
            previous_path: Some(before.edition_path.clone()),
        })
    }

    /// Remembers `path` as the edition the user chose in the app, opened again at start.
    pub(crate) fn remember_choice(&self, path: &Path, status: SignatureStatus) -> Result<(), ApiError> {
        let chosen = atlas_workspace::ChosenEdition {
            path: path.to_path_buf(),
            accepted: (status != SignatureStatus::Valid).then(|| status_name(status).to_string()),
            over: self.started_with.clone(),
        };
        let mut workspace = lock(&self.workspace)?;
        Ok(workspace.choose_edition(&chosen)?)
    }

    /// Opens again the edition the user last opened from the app (see `open_edition`), when the
    /// app started with the same edition as then (a new package's edition wins), the file is
    /// still there, and its signature holds with the trusted key or is as the user accepted it.
    /// Returns where it was, when it was opened. For the desktop window, right after `open`.
    pub fn reopen_chosen_edition(&self) -> Result<Option<PathBuf>, ApiError> {
        let Some(chosen) = self.with_workspace(|w| w.chosen_edition())? else { return Ok(None) };
        let current = self.atlases()?;
        if chosen.over != self.started_with || !chosen.path.is_file() || chosen.path == current.edition_path {
            return Ok(None);
        }
        let atlas = match Atlas::open(&chosen.path) {
            Ok(atlas) => atlas,
            Err(e) => {
                tracing::warn!(path = %chosen.path.display(), error = format!("{e:#}"), "the edition chosen before does not open");
                return Ok(None);
            }
        };
        let status = signature_status(self, atlas.signature.as_deref());
        if status != SignatureStatus::Valid && chosen.accepted.as_deref() != Some(status_name(status)) {
            tracing::warn!(path = %chosen.path.display(), status = status_name(status), "the edition chosen before no longer checks out");
            return Ok(None);
        }
        self.switch_edition(&chosen.path, atlas)?;
        Ok(Some(chosen.path))
    }

    /// Runs `read` on the workspace (waiting for a write under way).
    pub fn with_workspace<T>(&self, read: impl FnOnce(&Workspace) -> anyhow::Result<T>) -> Result<T, ApiError> {
        let workspace = lock(&self.workspace)?;
        Ok(read(&workspace)?)
    }
}

/// What checking an edition's signature found, against the key this state trusts.
pub(crate) fn signature_status(state: &AppState, check: Option<&atlas_core::signature::Check>) -> SignatureStatus {
    match check {
        Some(atlas_core::signature::Check::Valid(signer)) if !state.trusts(&signer.public_key) => {
            SignatureStatus::Untrusted
        }
        other => crate::convert::signature_out(other),
    }
}

/// The name a status has in the API ("valid", "untrusted", ...).
pub(crate) fn status_name(status: SignatureStatus) -> &'static str {
    match status {
        SignatureStatus::Valid => "valid",
        SignatureStatus::Invalid => "invalid",
        SignatureStatus::Unsigned => "unsigned",
        SignatureStatus::Untrusted => "untrusted",
    }
}

/// A workspace error is the user's to fix (a missing source, a bad date): say what it is.
fn user_error(error: anyhow::Error) -> ApiError {
    ApiError::invalid_argument(format!("{error:#}"))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChangeEntry {
    pub id: i64,
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// add_entity, add_link, add_statistic, correct, retract, note, save_view, import, reattach.
    pub action: String,
    pub summary: String,
    pub undone: bool,
    /// The entities the change names, with their names (filled in the change log).
    #[serde(default)]
    pub entities: Vec<EntityRef>,
    /// What the user named in it: an entity's name, a saved view's name, an imported file's name,
    /// or the field a correction changed (filled in the change log).
    #[serde(default)]
    pub label: Option<String>,
}

fn change_out(c: atlas_workspace::Change) -> ChangeEntry {
    ChangeEntry {
        id: c.id,
        at: c.at,
        action: c.action,
        summary: c.summary,
        undone: c.undone,
        entities: Vec::new(),
        label: None,
    }
}

/// The entities named in `text` (a summary or a key), by the ids in it that the merged atlas or
/// the shipped edition knows, in order and once each.
fn named_entities(text: &str, atlases: &[&Atlas]) -> Vec<EntityRef> {
    let mut found: Vec<EntityRef> = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '|' | ':' | ',' | ';')) {
        if token.is_empty() || found.iter().any(|e| e.id == token) {
            continue;
        }
        if let Some(e) = atlases.iter().find_map(|a| a.store.entity_ref(token).ok().flatten()) {
            found.push(crate::convert::entity_ref(e));
        }
    }
    found
}

/// A change of the log with the entities and the name it concerns, so the UI can say what it
/// was in the user's language without showing ids.
fn described(mut entry: ChangeEntry, atlases: &[&Atlas]) -> ChangeEntry {
    let summary = entry.summary.as_str();
    entry.label = match entry.action.as_str() {
        "add_entity" => summary.strip_prefix("added ").map(str::to_string),
        "save_view" => summary.strip_prefix("saved view ").map(str::to_string),
        "import" => {
            summary.strip_prefix("imported ").and_then(|s| s.rsplit_once(": ")).map(|(file, _)| file.to_string())
        }
        "correct" => {
            summary.strip_prefix("corrected ").and_then(|s| s.split_once(" of ")).map(|(field, _)| field.to_string())
        }
        _ => None,
    };
    if entry.action != "add_entity" && entry.action != "save_view" && entry.action != "import" {
        entry.entities = named_entities(summary, atlases);
    }
    entry
}

/// The result of every write: the change made (none for an undo with nothing to undo) and the
/// workspace's new revision, by which the UI keys its cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Saved {
    pub change: Option<ChangeEntry>,
    pub revision: i64,
    /// The id of a new entity.
    pub id: Option<String>,
}

/// Where a fact you add comes from: a web page, or your own record (a meeting, an interview, an
/// internal document) with its date and citation, or a source the atlas already has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SourceArg {
    Url {
        url: String,
        #[serde(default)]
        publisher: String,
        #[serde(default)]
        title: String,
        published: Option<String>,
        grade: Grade,
    },
    OwnRecord {
        date: String,
        citation: String,
        grade: Grade,
    },
    Known {
        id: String,
    },
}

fn grade_in(grade: Grade) -> atlas_core::model::Grade {
    match grade {
        Grade::A => atlas_core::model::Grade::A,
        Grade::B => atlas_core::model::Grade::B,
        Grade::C => atlas_core::model::Grade::C,
    }
}

fn sources_in(sources: Vec<SourceArg>) -> Vec<SourceInput> {
    sources
        .into_iter()
        .map(|s| match s {
            SourceArg::Url { url, publisher, title, published, grade } => {
                SourceInput::Url { url, publisher, title, published, grade: grade_in(grade) }
            }
            SourceArg::OwnRecord { date, citation, grade } => {
                SourceInput::OwnRecord { date, citation, grade: grade_in(grade) }
            }
            SourceArg::Known { id } => SourceInput::Known(id),
        })
        .collect()
}

fn wire_text<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse_core<T: std::str::FromStr<Err = String>, W: Serialize>(value: W) -> Result<T, ApiError> {
    wire_text(value).parse().map_err(ApiError::invalid_argument)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AddEntityArgs {
    pub kind: EntityKind,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub district: Option<String>,
    #[serde(default)]
    pub segments: Vec<String>,
    #[serde(default)]
    pub products: Vec<String>,
    pub note: Option<String>,
    pub sources: Vec<SourceArg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AddLinkArgs {
    pub from: String,
    pub relation: Relation,
    pub to: String,
    pub product: Option<String>,
    /// Percent, 0 to 100.
    pub share: Option<f64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<SourceArg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AddStatisticArgs {
    pub subject: String,
    pub metric: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub kind: StatisticKind,
    pub note: Option<String>,
    pub sources: Vec<SourceArg>,
}

/// The kind of fact a correction, retraction or re-attachment concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FactArg {
    Entity,
    Link,
    Statistic,
}

fn fact_in(fact: FactArg) -> FactKind {
    match fact {
        FactArg::Entity => FactKind::Entity,
        FactArg::Link => FactKind::Link,
        FactArg::Statistic => FactKind::Statistic,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RetractArgs {
    pub fact: FactArg,
    /// The fact's key, as entity pages give it.
    pub key: String,
    pub reason: String,
    pub sources: Vec<SourceArg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CorrectArgs {
    pub fact: FactArg,
    pub key: String,
    pub field: String,
    /// The new value; none clears the field.
    pub value: Option<String>,
    pub sources: Vec<SourceArg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NoteArgs {
    /// "entity:ID", "link:KEY", "statistic:KEY", "policy:ID" or "system:ID".
    pub target: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SaveViewArgs {
    pub name: String,
    /// The view's location in the app, starting with #.
    pub location: String,
    #[serde(default)]
    pub bookmark: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct UndoArgs {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReattachArgs {
    pub fact: FactArg,
    /// The id or key the edition no longer has.
    pub old: String,
    /// What to point at instead.
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportArgs {
    /// The file's name, for its format (.csv, .xlsx) and the log.
    pub file_name: String,
    /// The file's bytes, base64.
    pub base64: String,
    /// Only report what an import would do.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProblemView {
    pub row: u64,
    pub column: u64,
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Matched,
    New,
    Ambiguous,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NameMatchView {
    pub name: String,
    pub kind: MatchKind,
    /// The entity it matched, or the candidates when ambiguous.
    pub entities: Vec<String>,
    /// The same entities with their names (filled by the app's import command).
    #[serde(default)]
    pub named: Vec<EntityRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReportView {
    pub rows: u64,
    pub encoding: String,
    pub layout: String,
    pub problems: Vec<ImportProblemView>,
    /// How many distinct names matched an entity; `names` says which.
    pub matched: u64,
    pub names: Vec<NameMatchView>,
    pub new_entities: u64,
    pub new_links: u64,
    pub new_statistics: u64,
    /// True when the file was imported (no problem and not a dry run).
    pub imported: bool,
    pub revision: i64,
}

/// Converts an import report for the wire (the CLI's --json prints the same).
pub fn import_report(report: atlas_workspace::import::ImportReport, revision: i64) -> ImportReportView {
    use atlas_workspace::import::NameMatch;
    let matched = report.names.iter().filter(|n| matches!(n, NameMatch::Matched { .. })).count() as u64;
    ImportReportView {
        matched,
        rows: report.rows as u64,
        encoding: report.encoding,
        layout: report.layout,
        problems: report
            .problems
            .into_iter()
            .map(|p| ImportProblemView { row: p.row, column: p.column, message: p.message, message_zh: p.message_zh })
            .collect(),
        names: report
            .names
            .into_iter()
            .map(|n| match n {
                NameMatch::Matched { name, entity } => {
                    NameMatchView { name, kind: MatchKind::Matched, entities: vec![entity], named: Vec::new() }
                }
                NameMatch::New { name } => {
                    NameMatchView { name, kind: MatchKind::New, entities: Vec::new(), named: Vec::new() }
                }
                NameMatch::Ambiguous { name, candidates } => {
                    NameMatchView { name, kind: MatchKind::Ambiguous, entities: candidates, named: Vec::new() }
                }
            })
            .collect(),
        new_entities: report.new_entities as u64,
        new_links: report.new_links as u64,
        new_statistics: report.new_statistics as u64,
        imported: report.change.is_some(),
        revision,
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct WorkspaceArgs {}

/// The workspace at a glance: where it is, its revision, what can be undone, what needs attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceStatus {
    pub revision: i64,
    /// The workspace file, so you can find and back it up.
    pub location: String,
    pub log: Vec<ChangeEntry>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Your facts that refer to something this edition no longer has.
    pub needs_attention: Vec<AttentionItem>,
    pub notes: Vec<NoteView>,
    pub saved_views: Vec<SavedViewEntry>,
    pub backups: Vec<BackupEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttentionItem {
    pub fact: FactArg,
    pub key: String,
    /// link, statistic, district, retraction or correction.
    pub what: String,
    /// The entities in its key that this edition still has, with their names.
    #[serde(default)]
    pub entities: Vec<EntityRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NoteView {
    pub id: i64,
    pub target: String,
    pub text: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedViewEntry {
    pub id: i64,
    pub name: String,
    pub location: String,
    pub bookmark: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupEntry {
    /// The backup's file name, which restore takes.
    pub name: String,
    pub reason: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreArgs {
    /// A backup's name from the workspace status; the newest when none.
    pub name: Option<String>,
}

/// A cell of a table to export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum CellArg {
    Number(f64),
    Text(String),
    Empty(Option<()>),
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Graphml,
    Gexf,
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportTableArgs {
    /// csv or xlsx.
    pub format: ExportFormat,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<CellArg>>,
}

/// A file to save or download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportFile {
    pub file_name: String,
    pub mime: String,
    pub base64: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportGraphArgs {
    /// graphml, gexf, json or xlsx (entities, links and sources as sheets).
    pub format: ExportFormat,
    /// Only these entities and the links between them; all when none.
    pub ids: Option<Vec<String>>,
    #[serde(default)]
    pub edition_only: bool,
}

fn file_name(title: &str, extension: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    let stem = if stem.is_empty() { "nev-atlas".to_string() } else { stem };
    format!("{stem}.{extension}")
}

fn file(title: &str, format: ExportFormat, bytes: &[u8]) -> ExportFile {
    let (extension, mime) = match format {
        ExportFormat::Csv => ("csv", "text/csv;charset=utf-8"),
        ExportFormat::Xlsx => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ExportFormat::Graphml => ("graphml", "application/graphml+xml"),
        ExportFormat::Gexf => ("gexf", "application/gexf+xml"),
        ExportFormat::Json => ("json", "application/json"),
    };
    ExportFile {
        file_name: file_name(title, extension),
        mime: mime.to_string(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

/// One function per workspace and write command.
pub mod run {
    use super::*;
    pub use crate::editions::{edition_diff, open_edition};

    pub fn workspace_status(state: &AppState, _: WorkspaceArgs) -> Result<WorkspaceStatus, ApiError> {
        let workspace = lock(&state.workspace)?;
        let current = state.atlases()?;
        let (log, needs_attention) = {
            let atlases = [&current.merged, &*current.edition];
            let log: Vec<ChangeEntry> =
                workspace.log(200)?.into_iter().map(|c| described(change_out(c), &atlases)).collect();
            let needs_attention: Vec<AttentionItem> = current
                .attention
                .iter()
                .map(|u| AttentionItem {
                    fact: match u.fact {
                        FactKind::Entity => FactArg::Entity,
                        FactKind::Link => FactArg::Link,
                        FactKind::Statistic => FactArg::Statistic,
                    },
                    key: u.key.clone(),
                    what: u.what.to_string(),
                    entities: named_entities(&u.key, &atlases),
                })
                .collect();
            (log, needs_attention)
        };
        let backups = atlas_workspace::backup::list(workspace.path())?;
        Ok(WorkspaceStatus {
            revision: workspace.revision()?,
            location: workspace.path().display().to_string(),
            can_undo: log.iter().any(|c| !c.undone),
            can_redo: log.iter().any(|c| c.undone),
            log,
            needs_attention,
            notes: workspace
                .notes(None)?
                .into_iter()
                .map(|n| NoteView { id: n.id, target: n.target, text: n.text, at: n.at })
                .collect(),
            saved_views: workspace
                .saved_views()?
                .into_iter()
                .map(|v| SavedViewEntry { id: v.id, name: v.name, location: v.location, bookmark: v.bookmark })
                .collect(),
            backups: backups
                .into_iter()
                .map(|b| BackupEntry {
                    name: b.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                    reason: b.reason,
                    bytes: b.bytes,
                })
                .collect(),
        })
    }

    pub fn export_table(_: &AppState, args: ExportTableArgs) -> Result<ExportFile, ApiError> {
        let table = export::Table {
            title: args.title.clone(),
            columns: args.columns,
            rows: args
                .rows
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|c| match c {
                            CellArg::Number(n) => Cell::Number(n),
                            CellArg::Text(t) => Cell::Text(t),
                            CellArg::Empty(_) => Cell::Empty,
                        })
                        .collect()
                })
                .collect(),
        };
        let bytes = match args.format {
            ExportFormat::Csv => export::table_csv(&table)?,
            ExportFormat::Xlsx => export::tables_xlsx(&[table])?,
            other => {
                return Err(ApiError::invalid_argument(format!(
                    "a table exports to csv or xlsx, not {}",
                    wire_text(other)
                )));
            }
        };
        Ok(file(&args.title, args.format, &bytes))
    }

    pub fn export_graph(state: &AppState, args: ExportGraphArgs) -> Result<ExportFile, ApiError> {
        let atlases = state.atlases()?;
        let atlas = if args.edition_only { &*atlases.edition } else { &atlases.merged };
        let keep = args.ids.map(|ids| ids.into_iter().collect::<std::collections::HashSet<String>>());
        let entities: Vec<_> = atlas
            .store
            .export_entities()?
            .into_iter()
            .filter(|e| keep.as_ref().is_none_or(|k| k.contains(&e.entity.id)))
            .collect();
        let links: Vec<_> = atlas
            .store
            .export_links()?
            .into_iter()
            .filter(|l| !l.retracted)
            .filter(|l| keep.as_ref().is_none_or(|k| k.contains(&l.from) && k.contains(&l.to)))
            .collect();
        let bytes = match args.format {
            ExportFormat::Graphml => export::graphml(&entities, &links).into_bytes(),
            ExportFormat::Gexf => export::gexf(&entities, &links).into_bytes(),
            ExportFormat::Json => {
                serde_json::to_vec_pretty(&export::json(&entities, &links, &atlas.store.all_sources()?))
                    .map_err(|e| ApiError::internal(&e.into()))?
            }
            ExportFormat::Xlsx => export::tables_xlsx(&export::graph_tables(atlas)?)?,
            ExportFormat::Csv => {
                return Err(ApiError::invalid_argument("the graph exports to graphml, gexf, json or xlsx"));
            }
        };
        Ok(file("nev-atlas-graph", args.format, &bytes))
    }

    pub fn add_entity(state: &AppState, args: AddEntityArgs) -> Result<Saved, ApiError> {
        let entity = NewEntity {
            kind: parse_core(args.kind)?,
            name_zh: args.name_zh,
            name_en: args.name_en,
            district: args.district,
            segments: args.segments,
            products: args.products,
            note: args.note,
            sources: sources_in(args.sources),
        };
        let ((change, id), revision) = state.write(|w, atlas| w.add_entity(atlas, &entity))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: Some(id) })
    }

    pub fn add_link(state: &AppState, args: AddLinkArgs) -> Result<Saved, ApiError> {
        let link = NewLink {
            from: args.from,
            relation: crate::convert::relation_in(args.relation),
            to: args.to,
            product: args.product,
            share: args.share,
            since: args.since,
            until: args.until,
            note: args.note,
            sources: sources_in(args.sources),
        };
        let (change, revision) = state.write(|w, atlas| w.add_link(atlas, &link))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn add_statistic(state: &AppState, args: AddStatisticArgs) -> Result<Saved, ApiError> {
        let statistic = NewStatistic {
            subject: args.subject,
            metric: args.metric,
            period: args.period,
            value: args.value,
            unit: args.unit,
            kind: parse_core(args.kind)?,
            note: args.note,
            sources: sources_in(args.sources),
        };
        let (change, revision) = state.write(|w, atlas| w.add_statistic(atlas, &statistic))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn retract(state: &AppState, args: RetractArgs) -> Result<Saved, ApiError> {
        let sources = sources_in(args.sources);
        let (change, revision) =
            state.write(|w, atlas| w.retract(atlas, fact_in(args.fact), &args.key, &args.reason, &sources))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn correct(state: &AppState, args: CorrectArgs) -> Result<Saved, ApiError> {
        let sources = sources_in(args.sources);
        let (change, revision) = state.write(|w, atlas| {
            w.correct(atlas, fact_in(args.fact), &args.key, &args.field, args.value.as_deref(), &sources)
        })?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn add_note(state: &AppState, args: NoteArgs) -> Result<Saved, ApiError> {
        let (change, revision) = state.write(|w, _| w.note(&args.target, &args.text))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn save_view(state: &AppState, args: SaveViewArgs) -> Result<Saved, ApiError> {
        let (change, revision) = state.write(|w, _| w.save_view(&args.name, &args.location, args.bookmark))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn undo(state: &AppState, _: UndoArgs) -> Result<Saved, ApiError> {
        let (change, revision) = state.write(|w, _| w.undo())?;
        Ok(Saved { change: change.map(change_out), revision, id: None })
    }

    pub fn redo(state: &AppState, _: UndoArgs) -> Result<Saved, ApiError> {
        let (change, revision) = state.write(|w, _| w.redo())?;
        Ok(Saved { change: change.map(change_out), revision, id: None })
    }

    pub fn reattach(state: &AppState, args: ReattachArgs) -> Result<Saved, ApiError> {
        let (change, revision) = state.write(|w, atlas| w.reattach(atlas, fact_in(args.fact), &args.old, &args.new))?;
        Ok(Saved { change: Some(change_out(change)), revision, id: None })
    }

    pub fn import_file(state: &AppState, args: ImportArgs) -> Result<ImportReportView, ApiError> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(args.base64.as_bytes())
            .map_err(|_| ApiError::invalid_argument("the file's content is not base64"))?;
        let extension = Path::new(&args.file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .filter(|e| matches!(e.as_str(), "csv" | "txt" | "tsv" | "xlsx" | "xls" | "ods"))
            .unwrap_or_else(|| "csv".to_string());
        let dir = tempfile::tempdir().map_err(|e| ApiError::internal(&e.into()))?;
        let stem = Path::new(&args.file_name).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let path = dir.path().join(format!("{}.{extension}", if stem.is_empty() { "import" } else { &stem }));
        std::fs::write(&path, bytes).map_err(|e| ApiError::internal(&e.into()))?;
        let (report, revision) = state.write(|w, atlas| w.import(atlas, &path, args.dry_run, &mut |_, _| {}))?;
        let mut view = import_report(report, revision);
        let atlases = state.atlases()?;
        for name in &mut view.names {
            name.named = named_entities(&name.entities.join(" "), &[&atlases.merged]);
        }
        Ok(view)
    }

    pub fn backup_now(state: &AppState, _: WorkspaceArgs) -> Result<BackupEntry, ApiError> {
        let workspace = lock(&state.workspace)?;
        let backup = workspace.backup("manual")?;
        Ok(BackupEntry {
            name: backup.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            reason: backup.reason,
            bytes: backup.bytes,
        })
    }

    pub fn restore_backup(state: &AppState, args: RestoreArgs) -> Result<Saved, ApiError> {
        let chosen = match args.name {
            Some(name) => {
                if name.contains(['/', '\\']) || !name.ends_with(".sqlite") {
                    return Err(ApiError::invalid_argument("that is not the name of a backup"));
                }
                let workspace = lock(&state.workspace)?;
                Some(atlas_workspace::backup::folder(workspace.path()).join(name))
            }
            None => None,
        };
        let ((), revision) = state.write(|w, _| w.restore(chosen.as_deref()).map(|_| ()))?;
        Ok(Saved { change: None, revision, id: None })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// The mini fixture's edition and a new workspace, in a temporary folder.
    fn state() -> (tempfile::TempDir, AppState) {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mini");
        let data = atlas_core::dataset::load(&fixture).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let edition = dir.path().join("edition.sqlite");
        atlas_core::store::build_edition(&data, &edition, "test", "2026-12-05").unwrap();
        let state = AppState::open(&edition, &dir.path().join("workspace.sqlite")).unwrap();
        (dir, state)
    }

    #[test]
    fn the_state_is_shared_between_threads_without_a_lock_around_it() {
        fn shared<T: Send + Sync>() {}
        shared::<AppState>();
        shared::<Atlas>();
    }

    #[test]
    fn reads_answer_while_a_write_is_under_way_and_see_it_once_it_is_done() {
        let (_dir, state) = state();
        let (started, wait_started) = mpsc::channel::<()>();
        let (answered, wait_answer) = mpsc::channel();
        std::thread::scope(|scope| {
            let state = &state;
            // Made in here so that a failing assertion drops it and the write does not wait forever.
            let (open_gate, gate) = mpsc::channel::<()>();
            // A write that stops half-way, holding the workspace, until the test lets it go on.
            let writer = scope.spawn(move || {
                state.write(|workspace, _| {
                    started.send(()).unwrap();
                    gate.recv().unwrap();
                    workspace.note("entity:catl", "Visited the plant in May")
                })
            });
            wait_started.recv().unwrap();
            // Reads on other threads answer meanwhile, from the atlas in effect before the write.
            for command in ["search", "entity", "trace"] {
                let answered = answered.clone();
                scope.spawn(move || {
                    let args = match command {
                        "search" => serde_json::json!({ "query": "宁德" }),
                        _ => serde_json::json!({ "id": "catl" }),
                    };
                    answered.send((command, state.read(command, args).is_ok())).unwrap();
                });
            }
            for _ in 0..3 {
                // Not a speed bar: without it a read stuck behind the write would hang the test.
                let (command, ok) =
                    wait_answer.recv_timeout(Duration::from_secs(60)).expect("a read waited for the write");
                assert!(ok, "{command} failed");
            }
            assert!(!writer.is_finished(), "the write was still held while the reads answered");
            open_gate.send(()).unwrap();
            let (_, revision) = writer.join().unwrap().unwrap();
            assert_eq!(revision, 1);
        });
        let status = run::workspace_status(&state, WorkspaceArgs {}).unwrap();
        assert_eq!(status.notes.len(), 1, "the write shows once it is done");
    }
}
