//! Writing an edition: the schema, then every table in one transaction into a temporary file renamed into place.

use anyhow::Result;
use rusqlite::{Connection, params};

use super::*;
use std::path::Path;

use anyhow::{Context, bail};

use crate::dataset::Dataset;
use crate::names;

/// Creates the schema on an empty database.
fn migrate(connection: &Connection) -> Result<()> {
    let applied: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(usize::try_from(applied).unwrap_or(0)) {
        connection.execute_batch(sql).with_context(|| format!("migration {name}"))?;
        connection.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    Ok(())
}

/// What an edition records about its making, in its `meta` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp<'a> {
    /// The edition's version label.
    pub version: &'a str,
    /// The day it was built (ISO date).
    pub built_at: &'a str,
    /// The git commit of data/ it was built from, or "unknown".
    pub data_commit: &'a str,
    /// True for an edition of invented data (`nev-atlas synth`): marked in its title too.
    pub synthetic: bool,
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
    build_edition_stamped(dataset, path, &Stamp { version, built_at, data_commit: "unknown", synthetic })
}

/// [`build_edition`] with everything the edition records about its making.
pub fn build_edition_stamped(dataset: &Dataset, path: &Path, stamp: &Stamp<'_>) -> Result<()> {
    let temporary = path.with_extension("sqlite.partial");
    if temporary.exists() {
        std::fs::remove_file(&temporary).with_context(|| format!("removing {}", temporary.display()))?;
    }
    let written = write_edition(dataset, &temporary, stamp);
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    std::fs::rename(&temporary, path).with_context(|| format!("moving the edition to {}", path.display()))?;
    Ok(())
}

fn write_edition(dataset: &Dataset, temporary: &Path, stamp: &Stamp<'_>) -> Result<()> {
    {
        let mut connection =
            Connection::open(temporary).with_context(|| format!("creating {}", temporary.display()))?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.pragma_update(None, "journal_mode", "OFF")?;
        connection.pragma_update(None, "synchronous", "OFF")?;
        let transaction = connection.transaction()?;
        migrate(&transaction)?;
        write_dataset(&transaction, dataset, stamp)?;
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

fn write_dataset(connection: &Connection, dataset: &Dataset, stamp: &Stamp<'_>) -> Result<()> {
    let mut meta = connection.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    let (title, title_zh, marked) = if stamp.synthetic {
        ("NEV Atlas: SYNTHETIC national chain", "新能源汽车产业图谱：虚构的全国产业链（合成数据）", "true")
    } else {
        ("NEV Atlas: Chongqing", "新能源汽车产业图谱：重庆", "false")
    };
    for (key, value) in [
        ("title", title),
        ("title_zh", title_zh),
        ("version", stamp.version),
        ("built_at", stamp.built_at),
        ("data_commit", stamp.data_commit),
        ("synthetic", marked),
    ] {
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
