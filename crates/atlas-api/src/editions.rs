//! Editions in the app: what changed since another edition (the diff of `atlas_core::diff`, with
//! each change's sources and the user's facts and notes that need attention), and opening a newer
//! edition, refused when it is unsigned or was changed after signing unless the user accepts it.

use std::path::{Path, PathBuf};

use atlas_core::Atlas;
use atlas_core::diff::{Change, Fact};
use atlas_core::signature::Check;
use atlas_core::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::convert::{entity_ref, source};
use crate::types::*;
use crate::workspace::AppState;
use crate::{ApiError, handlers};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct EditionDiffArgs {
    /// The edition file to compare the opened one with, as the older of the two; when none, the
    /// edition that was open before the one opened last from the app.
    #[serde(default)]
    pub other: Option<String>,
}

/// Which edition a side of a diff is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditionStamp {
    pub title: String,
    pub version: String,
    pub built_at: String,
    pub data_commit: String,
    /// The file's name (without its folder).
    pub file: String,
}

/// The kind of a fact in a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffFact {
    Entity,
    Link,
    Statistic,
    Policy,
    /// A system, one of its groups or one of its members.
    System,
    Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffChange {
    Added,
    Removed,
    Changed,
}

/// How many facts of one kind were added, removed and changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffCount {
    pub fact: DiffFact,
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
}

/// One field that differs; for an added or removed fact, every field it has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChangeView {
    /// The field's name in data/ (name_zh, share, value, note, sources, …).
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One fact added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FactChangeView {
    pub fact: DiffFact,
    pub change: DiffChange,
    /// Its stable key (entity id, link key, statistic key, …).
    pub key: String,
    /// Its name in English where there is one: "A supplies B (product)", "A: metric period (kind)".
    pub label: String,
    /// The entities its key names, then those its district and declared_by fields name, with
    /// their names, from the edition that has them.
    pub entities: Vec<EntityRef>,
    pub fields: Vec<FieldChangeView>,
    /// The sources it rests on, from the newer edition (the older one for a removed fact).
    pub sources: Vec<SourceView>,
}

/// One of the user's facts or notes to look at again with the newer edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffAttention {
    /// link, statistic, district, retraction, correction, "note" (on a fact the newer edition
    /// lacks) or "note on a changed fact".
    pub what: String,
    /// What it refers to: "entity:ID", "link:KEY", "statistic:KEY", "policy:ID", "system:ID".
    pub target: String,
    /// True when it attached to the older edition (or its fact was unchanged) and does not now.
    pub new: bool,
    /// The note's text, for a note.
    pub text: Option<String>,
    /// The entities it names, with their names.
    pub entities: Vec<EntityRef>,
}

/// What changed from the older edition to the newer one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditionDiffView {
    pub old: EditionStamp,
    pub new: EditionStamp,
    /// Per kind of fact, in the order entity, link, statistic, policy, system, source.
    pub summary: Vec<DiffCount>,
    /// Every change, by kind of fact, then key.
    pub changes: Vec<FactChangeView>,
    /// What of your workspace needs attention with the newer edition.
    pub attention: Vec<DiffAttention>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenEditionArgs {
    /// The edition file to open.
    pub path: String,
    /// The user was told that the edition is not signed, or was changed after it was signed, and
    /// chose to open it anyway.
    #[serde(default)]
    pub accept_unverified: bool,
}

/// What opening an edition did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenedEdition {
    /// False when it was refused: unsigned, changed after signing or signed with another key than
    /// the edition opened at start, and not accepted.
    pub opened: bool,
    /// What checking its signature found.
    pub signature: SignatureStatus,
    /// Who signed it, as the signer named themself.
    pub signed_by: Option<String>,
    /// Why it was refused, in English (the UI words it from `signature`).
    pub refused: Option<String>,
    /// The edition now open, when it was opened.
    pub edition: Option<Edition>,
}

const FACTS: [(Fact, DiffFact); 6] = [
    (Fact::Entity, DiffFact::Entity),
    (Fact::Link, DiffFact::Link),
    (Fact::Statistic, DiffFact::Statistic),
    (Fact::Policy, DiffFact::Policy),
    (Fact::System, DiffFact::System),
    (Fact::Source, DiffFact::Source),
];

/// Fields whose values are entity ids.
const ENTITY_FIELDS: [&str; 2] = ["district", "declared_by"];

fn fact_out(fact: Fact) -> DiffFact {
    FACTS.iter().find(|(f, _)| *f == fact).map_or(DiffFact::Entity, |(_, w)| *w)
}

fn change_out(change: Change) -> DiffChange {
    match change {
        Change::Added => DiffChange::Added,
        Change::Removed => DiffChange::Removed,
        Change::Changed => DiffChange::Changed,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An edition file named by the caller: it must exist and be an edition of the schema we know.
fn edition_file(path: &str) -> Result<(PathBuf, Store), ApiError> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(ApiError::invalid_argument("no edition file was given"));
    }
    if !path.is_file() {
        return Err(ApiError::invalid_argument(format!("there is no file at {}", path.display())));
    }
    let store = Store::open(&path).map_err(|e| {
        tracing::warn!(error = format!("{e:#}"), path = %path.display(), "not an edition");
        ApiError::invalid_argument(format!("{} is not an edition of NEV Atlas", path.display()))
    })?;
    Ok((path, store))
}

fn stamp(store: &Store, path: &Path) -> Result<EditionStamp, ApiError> {
    let info = store.edition()?;
    Ok(EditionStamp {
        title: info.title,
        version: info.version,
        built_at: info.built_at,
        data_commit: info.data_commit,
        file: path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
    })
}

/// The entities named in a key ("a|supplies|b|product", "system/group/entity", "id"), looked up
/// in each of `stores` in turn, in order and once each.
fn key_entities(key: &str, stores: &[&Store]) -> Result<Vec<EntityRef>, ApiError> {
    let mut found: Vec<EntityRef> = Vec::new();
    for token in key.split(['|', '/', ':']) {
        if token.is_empty() || found.iter().any(|e| e.id == token) {
            continue;
        }
        for store in stores {
            if let Some(e) = store.entity_ref(token)? {
                found.push(entity_ref(e));
                break;
            }
        }
    }
    Ok(found)
}

/// The diff from the edition at `old` to the one at `new`, and what of the workspace needs
/// attention with it.
fn diff_view(state: &AppState, old: (&Path, &Store), new: (&Path, &Store)) -> Result<EditionDiffView, ApiError> {
    let diff = atlas_core::diff::diff(old.1, new.1)?;
    let attention = state.with_workspace(|w| atlas_workspace::attention::attention(old.0, new.0, w, &diff))?;
    let summary = FACTS
        .iter()
        .map(|&(fact, wire)| DiffCount {
            fact: wire,
            added: count(diff.count(fact, Change::Added)),
            removed: count(diff.count(fact, Change::Removed)),
            changed: count(diff.count(fact, Change::Changed)),
        })
        .collect();
    let mut changes = Vec::with_capacity(diff.changes.len());
    for c in diff.changes {
        // A removed fact is found in the older edition; anything else in the newer one first.
        let stores = if c.change == Change::Removed { [old.1, new.1] } else { [new.1, old.1] };
        let mut sources = Vec::new();
        for id in &c.sources {
            if let Some(s) = stores[0].source(id)? {
                sources.push(source(s));
            }
        }
        let entities = if c.fact == Fact::Source {
            Vec::new()
        } else {
            // The key's entities, then those a district or declared_by field names, old or new.
            let mut names = c.key.clone();
            for f in c.fields.iter().filter(|f| ENTITY_FIELDS.contains(&f.field)) {
                for value in [&f.old, &f.new].into_iter().flatten() {
                    names.push('|');
                    names.push_str(value);
                }
            }
            key_entities(&names, &stores)?
        };
        changes.push(FactChangeView {
            fact: fact_out(c.fact),
            change: change_out(c.change),
            key: c.key,
            label: c.label,
            entities,
            fields: c
                .fields
                .into_iter()
                .map(|f| FieldChangeView { field: f.field.to_string(), old: f.old, new: f.new })
                .collect(),
            sources,
        });
    }
    let attention = attention
        .into_iter()
        .map(|a| {
            let entities = key_entities(&a.target, &[new.1, old.1])?;
            Ok(DiffAttention { what: a.what, target: a.target, new: a.new, text: a.text, entities })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(EditionDiffView { old: stamp(old.1, old.0)?, new: stamp(new.1, new.0)?, summary, changes, attention })
}

/// What changed from the `other` edition (or the one open before) to the edition open now.
pub fn edition_diff(state: &AppState, args: EditionDiffArgs) -> Result<EditionDiffView, ApiError> {
    let current = state.atlases()?;
    let (old_path, old_store) = match args.other.as_deref() {
        Some(other) => edition_file(other)?,
        None => match &current.previous_path {
            Some(previous) => edition_file(&previous.to_string_lossy())?,
            None => {
                return Err(ApiError::invalid_argument(
                    "no edition was open before this one: choose the edition file to compare with",
                ));
            }
        },
    };
    let new_store = Store::open(&current.edition_path)?;
    diff_view(state, (&old_path, &old_store), (&current.edition_path, &new_store))
}

/// Opens the edition at `path` in place of the one open now, when it is signed, unchanged since,
/// with the key of the edition opened at start (see [`AppState::trusts`]), or the user accepted
/// that it is not; the workspace stays attached and what needs attention follows.
pub fn open_edition(state: &AppState, args: OpenEditionArgs) -> Result<OpenedEdition, ApiError> {
    let (path, store) = edition_file(&args.path)?;
    drop(store);
    let atlas = Atlas::open(&path)?;
    let check = atlas.signature.as_deref().cloned().unwrap_or(Check::Unsigned);
    let signature = crate::workspace::signature_status(state, Some(&check));
    let signed_by = check.signer().map(|s| s.name.clone());
    let refused = match (&check, args.accept_unverified) {
        (_, true) => None,
        (Check::Valid(signer), false) if signature == SignatureStatus::Untrusted => Some(format!(
            "{} is signed by {:?}, but with another key than the edition this app opened at start; it was not opened",
            path.display(),
            signer.name
        )),
        (Check::Valid(_), false) => None,
        (Check::Unsigned, false) => Some(format!(
            "{} is not signed, so nothing shows who made it or that it is whole; it was not opened",
            path.display()
        )),
        (Check::Invalid(signer), false) => {
            Some(format!("{} was changed after {:?} signed it; it was not opened", path.display(), signer.name))
        }
    };
    if let Some(refused) = refused {
        return Ok(OpenedEdition { opened: false, signature, signed_by, refused: Some(refused), edition: None });
    }
    state.switch_edition(&path, atlas)?;
    // Opened again at the next start (`AppState::reopen_chosen_edition`).
    state.remember_choice(&path, signature)?;
    let edition = handlers::edition(&state.atlases()?.edition, EditionArgs {})?;
    Ok(OpenedEdition { opened: true, signature, signed_by, refused: None, edition: Some(edition) })
}
