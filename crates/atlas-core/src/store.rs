//! The SQLite edition: writing one from a validated dataset, and the read queries the app needs.
//!
//! All SQL of the atlas lives in this module. An edition is written into a temporary file in one
//! transaction and renamed into place, so a failed build never leaves a half-written edition.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::dataset::Dataset;
use crate::model::*;
use crate::names;

mod search;
pub use search::{Found, SystemHit};

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
    pub version: String,
    pub built_at: String,
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

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub entity: EntityRef,
    pub district: Option<EntityRef>,
    /// The name that matched the query best.
    pub matched: String,
    pub score: i64,
}

/// A name with its derived pinyin.
#[derive(Debug, Clone, PartialEq)]
pub struct NameView {
    pub language: Language,
    pub role: NameRole,
    pub text: String,
    pub pinyin: Option<String>,
}

/// One link seen from one of its ends.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkView {
    pub relation: Relation,
    /// True when the entity asked about is the `from` end.
    pub outgoing: bool,
    pub other: EntityRef,
    pub product: Option<String>,
    pub share: Option<f64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    /// The link's stable key (see [`crate::overlay::link_key`]), for notes, corrections and retractions.
    pub key: String,
    /// Whether it is shipped, added by the user, or a shipped fact the user corrected.
    pub origin: FactOrigin,
    /// The user's reason, when the user retracted it (it then plays no part in analyses).
    pub retracted: Option<String>,
    /// The sources the user gave for retracting it.
    pub retraction_sources: Vec<Source>,
}

/// Everything the entity page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityDetails {
    pub entity: EntityRef,
    pub names: Vec<NameView>,
    pub district: Option<EntityRef>,
    pub segments: Vec<Segment>,
    pub products: Vec<String>,
    pub founded: Option<String>,
    pub website: Option<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    pub links: Vec<LinkView>,
    pub origin: FactOrigin,
}

/// A published system with its groups, as the systems view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemView {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub declared_by: Option<EntityRef>,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    pub groups: Vec<GroupView>,
}

/// One group of a system: its declared count against the members found.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub declared_count: Option<u32>,
    pub status: Status,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    pub members: Vec<MemberView>,
}

/// An entity placed in a group, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberView {
    pub entity: EntityRef,
    pub status: Status,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
}

/// Where an entity appears in a system.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub system_id: String,
    pub system_name_zh: String,
    pub system_name_en: String,
    pub group_name_zh: String,
    pub group_name_en: String,
    pub status: Status,
    pub sources: Vec<Source>,
}

/// A number about an entity, with its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct StatisticView {
    pub metric: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub kind: StatisticKind,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    /// The figure's stable key (see [`crate::overlay::statistic_key`]).
    pub key: String,
    pub origin: FactOrigin,
    pub retracted: Option<String>,
}

/// The details of a policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyView {
    pub doc_number: Option<String>,
    pub issued: Option<String>,
    pub horizon: Option<u32>,
    pub targets: Option<String>,
    pub sources: Vec<Source>,
}

/// An entity as the graph holds it: what analyses need to know besides its links.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEntity {
    pub entity: EntityRef,
    /// The district or park it sits in, when known.
    pub district: Option<String>,
    /// Segment ids of the chain it belongs to.
    pub segments: Vec<String>,
}

/// A link as the graph holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphLink {
    pub id: i64,
    pub from: String,
    pub relation: Relation,
    pub to: String,
}

/// Creates the schema on an empty database.
fn migrate(connection: &Connection) -> Result<()> {
    let applied: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(usize::try_from(applied).unwrap_or(0)) {
        connection.execute_batch(sql).with_context(|| format!("migration {name}"))?;
        connection.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    Ok(())
}

/// Writes `dataset` as a new edition at `path`, replacing any file there only once the new edition
/// is complete.
pub fn build_edition(dataset: &Dataset, path: &Path, version: &str, built_at: &str) -> Result<()> {
    build_edition_marked(dataset, path, version, built_at, false)
}

/// [`build_edition`], marking the edition `synthetic` in its meta table (and its title) when it
/// holds invented data, so no one mistakes it for the curated atlas.
pub fn build_edition_marked(
    dataset: &Dataset,
    path: &Path,
    version: &str,
    built_at: &str,
    synthetic: bool,
) -> Result<()> {
    let temporary = path.with_extension("sqlite.partial");
    if temporary.exists() {
        std::fs::remove_file(&temporary).with_context(|| format!("removing {}", temporary.display()))?;
    }
    let written = write_edition(dataset, &temporary, version, built_at, synthetic);
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    std::fs::rename(&temporary, path).with_context(|| format!("moving the edition to {}", path.display()))?;
    Ok(())
}

fn write_edition(dataset: &Dataset, temporary: &Path, version: &str, built_at: &str, synthetic: bool) -> Result<()> {
    {
        let mut connection =
            Connection::open(temporary).with_context(|| format!("creating {}", temporary.display()))?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.pragma_update(None, "journal_mode", "OFF")?;
        connection.pragma_update(None, "synchronous", "OFF")?;
        let transaction = connection.transaction()?;
        migrate(&transaction)?;
        write_dataset(&transaction, dataset, version, built_at, synthetic)?;
        transaction.commit()?;
        let violations: i64 =
            connection.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| row.get(0))?;
        if violations > 0 {
            bail!("{violations} foreign-key violations in the new edition");
        }
        connection.execute_batch("INSERT INTO names_fts(names_fts) VALUES ('optimize'); VACUUM;")?;
    }
    Ok(())
}

fn write_dataset(
    connection: &Connection,
    dataset: &Dataset,
    version: &str,
    built_at: &str,
    synthetic: bool,
) -> Result<()> {
    let mut meta = connection.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    let (title, marked) =
        if synthetic { ("NEV Atlas: SYNTHETIC national chain", "true") } else { ("NEV Atlas: Chongqing", "false") };
    for (key, value) in [("title", title), ("version", version), ("built_at", built_at), ("synthetic", marked)] {
        meta.execute(params![key, value])?;
    }
    write_facts(connection, dataset)
}

/// Inserts every fact of `dataset` (sources, segments, entities with their names, links, systems,
/// statistics, policies) into an edition's tables. Also used to lay a user's workspace over a copy
/// of an edition (see [`crate::overlay`]).
pub fn write_facts(connection: &Connection, dataset: &Dataset) -> Result<()> {
    let mut insert = connection.prepare("INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    for s in dataset.sources.iter().map(|s| &s.record) {
        insert.execute(params![
            s.id,
            s.url,
            s.publisher,
            s.title,
            s.published,
            s.accessed,
            s.language,
            s.grade.as_str(),
            s.note,
            s.note_zh
        ])?;
    }
    let mut insert = connection.prepare("INSERT INTO segments VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for s in dataset.segments.iter().map(|s| &s.record) {
        insert.execute(params![s.id, s.order, s.stage.as_str(), s.name_en, s.name_zh, s.description])?;
    }
    // Districts are entities too: insert without districts first, then set them.
    let mut insert =
        connection.prepare("INSERT INTO entities VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    let mut district = connection.prepare("UPDATE entities SET district = ?2 WHERE id = ?1")?;
    let mut source = connection.prepare("INSERT OR IGNORE INTO entity_sources VALUES (?1, ?2)")?;
    let mut segment = connection.prepare("INSERT OR IGNORE INTO entity_segments VALUES (?1, ?2)")?;
    let mut name = connection
        .prepare("INSERT INTO names (entity, lang, role, text, pinyin, initials) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    let mut fts = connection.prepare("INSERT INTO names_fts (rowid, tokens) VALUES (?1, ?2)")?;
    let mut add_name = |entity: &str, language: Language, role: NameRole, text: &str| -> Result<()> {
        let (pinyin, initials) = match language {
            Language::Zh => (names::pinyin(text), names::initials(text)),
            Language::En => (None, None),
        };
        name.execute(params![entity, language.as_str(), role.as_str(), text, pinyin, initials])?;
        fts.execute(params![connection.last_insert_rowid(), names::search_tokens(text)])?;
        Ok(())
    };
    for e in dataset.entities.iter().map(|e| &e.record) {
        insert.execute(params![
            e.id,
            e.kind.as_str(),
            e.name_zh,
            e.name_en,
            e.products.join("\n"),
            e.founded,
            e.website,
            e.confidence.as_str(),
            e.note,
            e.note_zh
        ])?;
        for s in &e.sources {
            source.execute(params![e.id, s])?;
        }
        for s in &e.segments {
            segment.execute(params![e.id, s])?;
        }
        let role = if e.kind == EntityKind::Firm { NameRole::Legal } else { NameRole::Short };
        if let Some(text) = &e.name_zh {
            add_name(&e.id, Language::Zh, role, text)?;
        }
        if let Some(text) = &e.name_en {
            add_name(&e.id, Language::En, role, text)?;
        }
    }
    for e in dataset.entities.iter().map(|e| &e.record) {
        if let Some(d) = &e.district {
            district.execute(params![e.id, d])?;
        }
    }
    for n in dataset.names.iter().map(|n| &n.record) {
        add_name(&n.entity, n.language, n.role, &n.text)?;
    }
    let mut insert = connection.prepare("INSERT INTO links (from_id, relation, to_id, product, share, since, until, confidence, note, note_zh) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    let mut source = connection.prepare("INSERT OR IGNORE INTO link_sources VALUES (?1, ?2)")?;
    for l in dataset.links.iter().map(|l| &l.record) {
        insert.execute(params![
            l.from,
            l.relation.as_str(),
            l.to,
            l.product,
            l.share,
            l.since,
            l.until,
            l.confidence.as_str(),
            l.note,
            l.note_zh
        ])?;
        let id = connection.last_insert_rowid();
        for s in &l.sources {
            source.execute(params![id, s])?;
        }
    }
    let mut insert = connection.prepare("INSERT INTO systems VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for s in dataset.systems.iter().map(|s| &s.record) {
        insert.execute(params![s.id, s.name_zh, s.name_en, s.declared_by, s.sources.join(";"), s.note, s.note_zh])?;
    }
    let mut insert =
        connection.prepare("INSERT INTO system_groups VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    for g in dataset.groups.iter().map(|g| &g.record) {
        insert.execute(params![
            g.system,
            g.group,
            g.order,
            g.name_zh,
            g.name_en,
            g.declared_count,
            g.status.as_str(),
            g.sources.join(";"),
            g.note,
            g.note_zh
        ])?;
    }
    let mut insert = connection.prepare("INSERT INTO system_members VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for m in dataset.members.iter().map(|m| &m.record) {
        insert.execute(params![
            m.system,
            m.group,
            m.entity,
            m.status.as_str(),
            m.sources.join(";"),
            m.note,
            m.note_zh
        ])?;
    }
    let mut insert = connection.prepare("INSERT INTO statistics (subject, metric, period, value, unit, kind, confidence, sources, note, note_zh) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    for s in dataset.statistics.iter().map(|s| &s.record) {
        insert.execute(params![
            s.subject,
            s.metric,
            s.period,
            s.value,
            s.unit,
            s.kind.as_str(),
            s.confidence.as_str(),
            s.sources.join(";"),
            s.note,
            s.note_zh
        ])?;
    }
    let mut insert = connection.prepare("INSERT INTO policies VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for p in dataset.policies.iter().map(|p| &p.record) {
        insert.execute(params![p.entity, p.doc_number, p.issued, p.horizon, p.targets, p.sources.join(";")])?;
    }
    Ok(())
}

/// A read-only connection to an edition.
pub struct Store {
    connection: Connection,
    /// The Latin words of the names, for typo correction; built by the first search that needs it.
    vocabulary: std::sync::OnceLock<names::Vocabulary>,
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
        let connection =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .with_context(|| format!("opening {}", path.display()))?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version != MIGRATIONS.len() as i64 {
            bail!("{} has schema version {version}, this program reads version {}", path.display(), MIGRATIONS.len());
        }
        Store::from_connection(connection)
    }

    /// A store over an open connection to an edition (for example an in-memory copy with the
    /// user's workspace laid over it). Adds the temporary `overlay` table the read queries join.
    pub fn from_connection(connection: Connection) -> Result<Store> {
        connection.execute_batch(crate::overlay::OVERLAY_TABLE)?;
        Ok(Store { connection, vocabulary: std::sync::OnceLock::new() })
    }

    /// What the edition says about itself.
    pub fn edition(&self) -> Result<EditionInfo> {
        const META: &str = "SELECT value FROM meta WHERE key = ?1";
        let meta = |key: &str| -> Result<String> {
            Ok(self.connection.prepare_cached(META)?.query_row([key], |row| row.get(0)).optional()?.unwrap_or_default())
        };
        const COUNTS: &str =
            "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM links), (SELECT count(*) FROM sources)";
        let (entities, links, sources) =
            self.connection.prepare_cached(COUNTS)?.query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        Ok(EditionInfo {
            title: meta("title")?,
            version: meta("version")?,
            built_at: meta("built_at")?,
            synthetic: meta("synthetic")? == "true",
            entities,
            links,
            sources,
        })
    }

    /// Ranked search over every name of every entity, in Chinese, English and pinyin.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        const CANDIDATES: &str = "
            SELECT n.entity, n.text, n.pinyin, n.initials
            FROM names_fts JOIN names n ON n.id = names_fts.rowid
            WHERE names_fts MATCH ?1
            ORDER BY rank
            LIMIT 2000";
        let Some(fts) = names::fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut statement = self.connection.prepare_cached(CANDIDATES)?;
        let mut best: std::collections::HashMap<String, (i64, String)> = std::collections::HashMap::new();
        let mut rows = statement.query([&fts])?;
        while let Some(row) = rows.next()? {
            let entity: String = row.get(0)?;
            let text: String = row.get(1)?;
            let pinyin: Option<String> = row.get(2)?;
            let initials: Option<String> = row.get(3)?;
            let score = names::match_score(query, &text, pinyin.as_deref(), initials.as_deref());
            match best.get(&entity) {
                Some((old, _)) if *old >= score => {}
                _ => {
                    best.insert(entity, (score, text));
                }
            }
        }
        let mut ranked: Vec<(String, i64, String)> =
            best.into_iter().map(|(id, (score, text))| (id, score, text)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(limit);
        const HIT: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, d.id, d.kind, d.name_zh, d.name_en
            FROM entities e LEFT JOIN entities d ON d.id = e.district
            WHERE e.id = ?1";
        let mut statement = self.connection.prepare_cached(HIT)?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (id, score, matched) in ranked {
            let (entity, district) = statement.query_row([&id], |row| {
                let district = match row.get::<_, Option<String>>(4)? {
                    Some(_) => Some(entity_ref(row, 4)?),
                    None => None,
                };
                Ok((entity_ref(row, 0)?, district))
            })?;
            hits.push(SearchHit { entity, district, matched, score });
        }
        Ok(hits)
    }

    /// A short reference to an entity, or `None` when the edition has no such id.
    pub fn entity_ref(&self, id: &str) -> Result<Option<EntityRef>> {
        Ok(self.connection.prepare_cached(ENTITY_REF)?.query_row([id], |row| entity_ref(row, 0)).optional()?)
    }

    /// Everything known about one entity, or `None` when the edition has no such id.
    pub fn entity(&self, id: &str) -> Result<Option<EntityDetails>> {
        const ENTITY: &str = "SELECT id, kind, name_zh, name_en, district, products, founded, website, confidence, note, (SELECT origin FROM temp.overlay WHERE fact = 'entity' AND overlay.id = entities.id), note_zh FROM entities WHERE id = ?1";
        const NAMES: &str = "SELECT lang, role, text, pinyin FROM names WHERE entity = ?1 ORDER BY lang DESC, CASE role WHEN 'legal' THEN 0 WHEN 'short' THEN 1 WHEN 'brand' THEN 2 ELSE 3 END, id";
        const SEGMENTS: &str = "SELECT s.id, s.position, s.stage, s.name_en, s.name_zh, s.description FROM entity_segments es JOIN segments s ON s.id = es.segment WHERE es.entity = ?1 ORDER BY s.position";
        const SOURCES: &str = "SELECT s.id, s.url, s.publisher, s.title, s.published, s.accessed, s.language, s.grade, s.note FROM entity_sources es JOIN sources s ON s.id = es.source WHERE es.entity = ?1 ORDER BY s.grade, s.published DESC";
        const LINKS: &str = "
            SELECT l.id, l.relation, l.from_id = ?1, o.id, o.kind, o.name_zh, o.name_en, l.product, l.share, l.since, l.until, l.confidence, l.note,
                   l.from_id, l.to_id, ov.origin, ov.retracted, ov.retraction_sources, l.note_zh
            FROM links l JOIN entities o ON o.id = CASE WHEN l.from_id = ?1 THEN l.to_id ELSE l.from_id END
            LEFT JOIN temp.overlay ov ON ov.fact = 'link' AND ov.id = CAST(l.id AS TEXT)
            WHERE l.from_id = ?1 OR l.to_id = ?1
            ORDER BY l.relation, l.from_id = ?1 DESC, coalesce(o.name_en, o.name_zh)";
        const LINK_SOURCES: &str = "SELECT s.id, s.url, s.publisher, s.title, s.published, s.accessed, s.language, s.grade, s.note FROM link_sources ls JOIN sources s ON s.id = ls.source WHERE ls.link = ?1 ORDER BY s.grade";

        let row = self
            .connection
            .prepare_cached(ENTITY)?
            .query_row([id], |row| {
                Ok((
                    entity_ref(row, 0)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, String>(5)?,
                    row.get(6)?,
                    row.get(7)?,
                    parse::<Confidence>(8, row.get(8)?)?,
                    row.get(9)?,
                    origin(10, row.get(10)?)?,
                    row.get::<_, Option<String>>(11)?,
                ))
            })
            .optional()?;
        let Some((entity, district, products, founded, website, confidence, note, entity_origin, note_zh)) = row else {
            return Ok(None);
        };
        let district = match district {
            Some(d) => self.entity_ref(&d)?,
            None => None,
        };
        let names = self
            .connection
            .prepare_cached(NAMES)?
            .query_map([id], |row| {
                Ok(NameView {
                    language: parse(0, row.get(0)?)?,
                    role: parse(1, row.get(1)?)?,
                    text: row.get(2)?,
                    pinyin: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let segments = self
            .connection
            .prepare_cached(SEGMENTS)?
            .query_map([id], |row| {
                Ok(Segment {
                    id: row.get(0)?,
                    order: row.get(1)?,
                    stage: parse(2, row.get(2)?)?,
                    name_en: row.get(3)?,
                    name_zh: row.get(4)?,
                    description: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let sources =
            self.connection.prepare_cached(SOURCES)?.query_map([id], source)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut links = Vec::new();
        let mut link_sources = self.connection.prepare_cached(LINK_SOURCES)?;
        let mut statement = self.connection.prepare_cached(LINKS)?;
        let mut rows = statement.query([id])?;
        while let Some(row) = rows.next()? {
            let link_id: i64 = row.get(0)?;
            let relation: Relation = parse(1, row.get(1)?)?;
            let product: Option<String> = row.get(7)?;
            let key = crate::overlay::link_key(
                &row.get::<_, String>(13)?,
                relation,
                &row.get::<_, String>(14)?,
                product.as_deref(),
            );
            links.push(LinkView {
                relation,
                outgoing: row.get(2)?,
                other: entity_ref(row, 3)?,
                product,
                share: row.get(8)?,
                since: row.get(9)?,
                until: row.get(10)?,
                confidence: parse(11, row.get(11)?)?,
                note: row.get(12)?,
                note_zh: row.get(18)?,
                sources: link_sources.query_map([link_id], source)?.collect::<rusqlite::Result<Vec<_>>>()?,
                key,
                origin: origin(15, row.get(15)?)?,
                retracted: row.get(16)?,
                retraction_sources: self.sources(&row.get::<_, Option<String>>(17)?.unwrap_or_default())?,
            });
        }
        let products = products.lines().map(str::to_string).filter(|p| !p.is_empty()).collect();
        Ok(Some(EntityDetails {
            entity,
            names,
            district,
            segments,
            products,
            founded,
            website,
            confidence,
            note,
            note_zh,
            sources,
            links,
            origin: entity_origin,
        }))
    }

    /// Sources by id, in the order given; unknown ids are skipped (an edition has none).
    fn sources(&self, ids: &str) -> Result<Vec<Source>> {
        let mut found = Vec::new();
        for id in ids.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            if let Some(source) = self.source(id)? {
                found.push(source);
            }
        }
        Ok(found)
    }

    /// Every published system with its groups and members.
    pub fn systems(&self) -> Result<Vec<SystemView>> {
        const SYSTEMS: &str =
            "SELECT id, name_zh, name_en, declared_by, note, sources, note_zh FROM systems ORDER BY rowid";
        const GROUPS: &str = "SELECT id, name_zh, name_en, declared_count, status, note, sources, note_zh FROM system_groups WHERE system = ?1 ORDER BY position, id";
        const MEMBERS: &str = "SELECT entity, status, note, sources, note_zh FROM system_members WHERE system = ?1 AND group_id = ?2 ORDER BY entity";
        type SystemRow = (String, String, String, Option<String>, Option<String>, String, Option<String>);
        let rows: Vec<SystemRow> = self
            .connection
            .prepare_cached(SYSTEMS)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut systems = Vec::new();
        for (id, name_zh, name_en, declared_by, note, sources, note_zh) in rows {
            type GroupRow = (String, String, String, Option<u32>, String, Option<String>, String, Option<String>);
            let group_rows: Vec<GroupRow> = self
                .connection
                .prepare_cached(GROUPS)?
                .query_map([&id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut groups = Vec::new();
            for (group, group_zh, group_en, declared_count, status, group_note, group_sources, group_note_zh) in
                group_rows
            {
                type MemberRow = (String, String, Option<String>, String, Option<String>);
                let member_rows: Vec<MemberRow> = self
                    .connection
                    .prepare_cached(MEMBERS)?
                    .query_map([&id, &group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut members = Vec::new();
                for (entity, status, note, sources, note_zh) in member_rows {
                    if let Some(entity) = self.entity_ref(&entity)? {
                        members.push(MemberView {
                            entity,
                            status: parse(1, status)?,
                            note,
                            note_zh,
                            sources: self.sources(&sources)?,
                        });
                    }
                }
                groups.push(GroupView {
                    id: group,
                    name_zh: group_zh,
                    name_en: group_en,
                    declared_count,
                    status: parse(4, status)?,
                    note: group_note,
                    note_zh: group_note_zh,
                    sources: self.sources(&group_sources)?,
                    members,
                });
            }
            let declared_by = match declared_by {
                Some(by) => self.entity_ref(&by)?,
                None => None,
            };
            systems.push(SystemView {
                id,
                name_zh,
                name_en,
                declared_by,
                note,
                note_zh,
                sources: self.sources(&sources)?,
                groups,
            });
        }
        Ok(systems)
    }

    /// The systems and groups an entity is placed in.
    pub fn memberships(&self, id: &str) -> Result<Vec<Membership>> {
        const MEMBERSHIPS: &str = "
            SELECT s.id, s.name_zh, s.name_en, g.name_zh, g.name_en, m.status, m.sources
            FROM system_members m
            JOIN systems s ON s.id = m.system
            JOIN system_groups g ON g.system = m.system AND g.id = m.group_id
            WHERE m.entity = ?1 ORDER BY s.rowid, g.position";
        type Row = (String, String, String, String, String, String, String);
        let rows: Vec<Row> = self
            .connection
            .prepare_cached(MEMBERSHIPS)?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(system_id, system_name_zh, system_name_en, group_name_zh, group_name_en, status, sources)| {
                Ok(Membership {
                    system_id,
                    system_name_zh,
                    system_name_en,
                    group_name_zh,
                    group_name_en,
                    status: parse(5, status)?,
                    sources: self.sources(&sources)?,
                })
            })
            .collect()
    }

    /// The statistics about an entity, by metric and period.
    pub fn statistics(&self, id: &str) -> Result<Vec<StatisticView>> {
        const STATISTICS: &str = "
            SELECT s.metric, s.period, s.value, s.unit, s.kind, s.confidence, s.note, s.sources, ov.origin, ov.retracted,
                   s.note_zh
            FROM statistics s LEFT JOIN temp.overlay ov ON ov.fact = 'statistic' AND ov.id = CAST(s.id AS TEXT)
            WHERE s.subject = ?1 ORDER BY s.kind, s.metric, s.period, s.id";
        type Row = (
            String,
            String,
            f64,
            String,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .connection
            .prepare_cached(STATISTICS)?
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(metric, period, value, unit, kind, confidence, note, sources, origin_text, retracted, note_zh)| {
                let kind = parse(4, kind)?;
                Ok(StatisticView {
                    key: crate::overlay::statistic_key(id, &metric, &period, kind, value),
                    metric,
                    period,
                    value,
                    unit,
                    kind,
                    confidence: parse(5, confidence)?,
                    note,
                    note_zh,
                    sources: self.sources(&sources)?,
                    origin: origin(8, origin_text)?,
                    retracted,
                })
            })
            .collect()
    }

    /// The details of a policy entity, or `None` for any other entity.
    pub fn policy(&self, id: &str) -> Result<Option<PolicyView>> {
        const POLICY: &str = "SELECT doc_number, issued, horizon, targets, sources FROM policies WHERE entity = ?1";
        type PolicyRow = (Option<String>, Option<String>, Option<u32>, Option<String>, String);
        let row: Option<PolicyRow> = self
            .connection
            .prepare_cached(POLICY)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        row.map(|(doc_number, issued, horizon, targets, sources)| {
            Ok(PolicyView { doc_number, issued, horizon, targets, sources: self.sources(&sources)? })
        })
        .transpose()
    }

    /// Every entity with its district and segments, for building the graph.
    pub fn all_entities(&self) -> Result<Vec<GraphEntity>> {
        const ALL: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, e.district,
                   (SELECT group_concat(segment, ';') FROM entity_segments WHERE entity = e.id)
            FROM entities e ORDER BY e.id";
        Ok(self
            .connection
            .prepare_cached(ALL)?
            .query_map([], |row| {
                let segments: Option<String> = row.get(5)?;
                Ok(GraphEntity {
                    entity: entity_ref(row, 0)?,
                    district: row.get(4)?,
                    segments: segments.map(|s| s.split(';').map(str::to_string).collect()).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The segments of the chain, upstream first.
    pub fn segments(&self) -> Result<Vec<Segment>> {
        const SEGMENTS: &str =
            "SELECT id, position, stage, name_en, name_zh, description FROM segments ORDER BY position";
        let mut statement = self.connection.prepare_cached(SEGMENTS)?;
        let rows = statement.query_map([], |row| {
            let stage = parse(2, row.get(2)?)?;
            Ok(Segment {
                id: row.get(0)?,
                order: row.get(1)?,
                stage,
                name_en: row.get(3)?,
                name_zh: row.get(4)?,
                description: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The sources of one link, best grade first; empty for an unknown link.
    pub fn link_sources(&self, link: i64) -> Result<Vec<Source>> {
        const LINK_SOURCES: &str = "
            SELECT s.id, s.url, s.publisher, s.title, s.published, s.accessed, s.language, s.grade, s.note
            FROM link_sources ls JOIN sources s ON s.id = ls.source WHERE ls.link = ?1 ORDER BY s.grade, s.id";
        Ok(self
            .connection
            .prepare_cached(LINK_SOURCES)?
            .query_map([link], source)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every link, for building the graph.
    pub fn all_links(&self) -> Result<Vec<GraphLink>> {
        // A link the user retracted plays no part in the graph.
        const ALL: &str = "SELECT id, from_id, relation, to_id FROM links WHERE CAST(id AS TEXT) NOT IN (SELECT id FROM temp.overlay WHERE fact = 'link' AND retracted IS NOT NULL) ORDER BY id";
        Ok(self
            .connection
            .prepare_cached(ALL)?
            .query_map([], |row| {
                Ok(GraphLink { id: row.get(0)?, from: row.get(1)?, relation: parse(2, row.get(2)?)?, to: row.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One source by id.
    pub fn source(&self, id: &str) -> Result<Option<Source>> {
        const SOURCE: &str =
            "SELECT id, url, publisher, title, published, accessed, language, grade, note FROM sources WHERE id = ?1";
        Ok(self.connection.prepare_cached(SOURCE)?.query_row([id], source).optional()?)
    }

    /// Every source, by id.
    pub fn all_sources(&self) -> Result<Vec<Source>> {
        const ALL: &str =
            "SELECT id, url, publisher, title, published, accessed, language, grade, note FROM sources ORDER BY id";
        Ok(self.connection.prepare_cached(ALL)?.query_map([], source)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every name of every entity with its pinyin: (entity id, name, pinyin).
    pub fn all_names(&self) -> Result<Vec<(String, String, Option<String>)>> {
        const ALL: &str = "SELECT entity, text, pinyin FROM names ORDER BY id";
        Ok(self
            .connection
            .prepare_cached(ALL)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every entity with what a graph file carries: district, segments and origin.
    pub fn export_entities(&self) -> Result<Vec<ExportEntity>> {
        const ALL: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, e.district,
                   (SELECT group_concat(segment, ';') FROM entity_segments WHERE entity = e.id),
                   (SELECT origin FROM temp.overlay o WHERE o.fact = 'entity' AND o.id = e.id)
            FROM entities e ORDER BY e.id";
        Ok(self
            .connection
            .prepare_cached(ALL)?
            .query_map([], |row| {
                let segments: Option<String> = row.get(5)?;
                Ok(ExportEntity {
                    entity: entity_ref(row, 0)?,
                    district: row.get(4)?,
                    segments: segments.map(|s| s.split(';').map(str::to_string).collect()).unwrap_or_default(),
                    origin: origin(6, row.get(6)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every link with its attributes, source ids, origin and whether the user retracted it.
    pub fn export_links(&self) -> Result<Vec<ExportLink>> {
        const ALL: &str = "
            SELECT l.from_id, l.relation, l.to_id, l.product, l.share, l.since, l.until, l.confidence,
                   (SELECT group_concat(source, ';') FROM link_sources WHERE link = l.id),
                   o.origin, o.retracted IS NOT NULL
            FROM links l LEFT JOIN temp.overlay o ON o.fact = 'link' AND o.id = CAST(l.id AS TEXT)
            ORDER BY l.id";
        Ok(self
            .connection
            .prepare_cached(ALL)?
            .query_map([], |row| {
                let sources: Option<String> = row.get(8)?;
                Ok(ExportLink {
                    from: row.get(0)?,
                    relation: parse(1, row.get(1)?)?,
                    to: row.get(2)?,
                    product: row.get(3)?,
                    share: row.get(4)?,
                    since: row.get(5)?,
                    until: row.get(6)?,
                    confidence: parse(7, row.get(7)?)?,
                    sources: sources.map(|s| s.split(';').map(str::to_string).collect()).unwrap_or_default(),
                    origin: origin(9, row.get(9)?)?,
                    retracted: row.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// An entity as graph files carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEntity {
    pub entity: EntityRef,
    pub district: Option<String>,
    pub segments: Vec<String>,
    pub origin: FactOrigin,
}

/// A link as graph files carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportLink {
    pub from: String,
    pub relation: Relation,
    pub to: String,
    pub product: Option<String>,
    pub share: Option<f64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub confidence: Confidence,
    pub sources: Vec<String>,
    pub origin: FactOrigin,
    pub retracted: bool,
}

/// The version of the bundled SQLite library, such as "3.51.3".
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}
