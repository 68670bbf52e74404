//! The user's own knowledge laid over an edition: facts the user added, shipped facts the user
//! corrected or retracted. The workspace crate keeps them; this module writes them into a writable
//! copy of an edition (usually in memory), so every read query and every analysis sees one graph.
//!
//! Shipped facts are referred to by stable keys, never by row numbers, so that the user's
//! corrections survive a new edition: an entity by its id, a link by [`link_key`], a statistic by
//! [`statistic_key`]. What no longer attaches is returned as [`Unattached`], never dropped.

use std::collections::HashSet;

use anyhow::{Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

use crate::dataset::Dataset;
use crate::model::*;
use crate::store;

/// The temporary table every store has (empty for a plain edition): one row for each fact that
/// is the user's, corrected by the user, or retracted by the user. `id` is an entity id, or the
/// rowid of a link or statistic as text.
pub const OVERLAY_TABLE: &str = "CREATE TEMP TABLE IF NOT EXISTS overlay (
    fact TEXT NOT NULL,
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    retracted TEXT,
    retraction_sources TEXT,
    PRIMARY KEY (fact, id)
)";

/// The kinds of fact a user can correct, retract or annotate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Entity,
    Link,
    Statistic,
}

impl FactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Entity => "entity",
            FactKind::Link => "link",
            FactKind::Statistic => "statistic",
        }
    }
}

impl std::str::FromStr for FactKind {
    type Err = String;
    fn from_str(text: &str) -> Result<FactKind, String> {
        match text {
            "entity" => Ok(FactKind::Entity),
            "link" => Ok(FactKind::Link),
            "statistic" => Ok(FactKind::Statistic),
            other => Err(format!("unknown kind of fact {other:?}, expected entity, link or statistic")),
        }
    }
}

/// The stable key of a link: `from|relation|to|product` (product empty when there is none).
pub fn link_key(from: &str, relation: Relation, to: &str, product: Option<&str>) -> String {
    format!("{from}|{relation}|{to}|{}", product.unwrap_or(""))
}

/// The stable key of a statistic: `subject|metric|period|kind|value`. The value is part of it
/// because conflicting figures for one period are kept side by side.
pub fn statistic_key(subject: &str, metric: &str, period: &str, kind: StatisticKind, value: f64) -> String {
    format!("{subject}|{metric}|{period}|{kind}|{value}")
}

/// A shipped fact the user says is wrong, with why and on what evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Retraction {
    pub fact: FactKind,
    pub key: String,
    pub reason: String,
    pub sources: Vec<String>,
}

/// A new value for one field of a shipped fact, with its sources. `value` None clears the field.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub fact: FactKind,
    pub key: String,
    pub field: String,
    pub value: Option<String>,
    pub sources: Vec<String>,
}

/// Everything a workspace lays over an edition.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// The user's sources, entities, names, links and statistics.
    pub facts: Dataset,
    pub retractions: Vec<Retraction>,
    pub corrections: Vec<Correction>,
}

/// A fact of the user's that refers to something the edition no longer has.
#[derive(Debug, Clone, PartialEq)]
pub struct Unattached {
    pub fact: FactKind,
    pub key: String,
    /// What the user's fact is: "link", "statistic", "district", "retraction" or "correction".
    pub what: &'static str,
}

/// The fields a correction may change, per kind of fact, with their column.
const CORRECTABLE: &[(FactKind, &str)] = &[
    (FactKind::Entity, "name_zh"),
    (FactKind::Entity, "name_en"),
    (FactKind::Entity, "district"),
    (FactKind::Entity, "products"),
    (FactKind::Entity, "founded"),
    (FactKind::Entity, "website"),
    (FactKind::Entity, "confidence"),
    (FactKind::Entity, "note"),
    (FactKind::Link, "share"),
    (FactKind::Link, "since"),
    (FactKind::Link, "until"),
    (FactKind::Link, "confidence"),
    (FactKind::Link, "note"),
    (FactKind::Statistic, "value"),
    (FactKind::Statistic, "unit"),
    (FactKind::Statistic, "confidence"),
    (FactKind::Statistic, "note"),
];

/// The fields of `fact` a correction may change.
pub fn correctable_fields(fact: FactKind) -> impl Iterator<Item = &'static str> {
    CORRECTABLE.iter().filter(move |(f, _)| *f == fact).map(|(_, field)| *field)
}

/// The rowids (entity ids for entities) of the shipped facts that `key` names.
pub fn find(connection: &Connection, fact: FactKind, key: &str) -> Result<Vec<String>> {
    let ids = match fact {
        FactKind::Entity => connection
            .prepare_cached("SELECT id FROM entities WHERE id = ?1")?
            .query_map([key], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        FactKind::Link => {
            let parts: Vec<&str> = key.splitn(4, '|').collect();
            let [from, relation, to, product] = parts.as_slice() else {
                bail!("a link key is from|relation|to|product, not {key:?}");
            };
            connection
                .prepare_cached(
                    "SELECT CAST(id AS TEXT) FROM links WHERE from_id = ?1 AND relation = ?2 AND to_id = ?3 AND coalesce(product, '') = ?4",
                )?
                .query_map(params![from, relation, to, product], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        FactKind::Statistic => {
            let parts: Vec<&str> = key.split('|').collect();
            let [subject, metric, period, kind, value] = parts.as_slice() else {
                bail!("a statistic key is subject|metric|period|kind|value, not {key:?}");
            };
            let Ok(value) = value.parse::<f64>() else {
                bail!("the value in the statistic key {key:?} is not a number");
            };
            connection
                .prepare_cached(
                    "SELECT CAST(id AS TEXT) FROM statistics WHERE subject = ?1 AND metric = ?2 AND period = ?3 AND kind = ?4 AND value = ?5",
                )?
                .query_map(params![subject, metric, period, kind, value], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
    };
    Ok(ids)
}

/// Writes `overlay` into `connection`, a writable copy of an edition opened as a store would be
/// (the temporary overlay table exists). Facts that refer to entities the edition lacks are left
/// out and returned, as are retractions and corrections whose fact is gone.
pub fn lay_over(connection: &Connection, overlay: &Overlay) -> Result<Vec<Unattached>> {
    connection.execute_batch(OVERLAY_TABLE)?;
    let mut unattached = Vec::new();
    let mut known: HashSet<String> = HashSet::new();
    {
        let mut statement = connection.prepare("SELECT id FROM entities")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            known.insert(row.get(0)?);
        }
    }
    let mut facts = overlay.facts.clone();
    facts.entities.retain(|e| !known.contains(&e.record.id));
    known.extend(facts.entities.iter().map(|e| e.record.id.clone()));
    for entity in &mut facts.entities {
        if entity.record.district.as_ref().is_some_and(|d| !known.contains(d)) {
            unattached.push(Unattached { fact: FactKind::Entity, key: entity.record.id.clone(), what: "district" });
            entity.record.district = None;
        }
    }
    facts.names.retain(|n| known.contains(&n.record.entity));
    facts.links.retain(|l| {
        let ok = known.contains(&l.record.from) && known.contains(&l.record.to);
        if !ok {
            let l = &l.record;
            unattached.push(Unattached {
                fact: FactKind::Link,
                key: link_key(&l.from, l.relation, &l.to, l.product.as_deref()),
                what: "link",
            });
        }
        ok
    });
    facts.statistics.retain(|s| {
        let ok = known.contains(&s.record.subject);
        if !ok {
            let s = &s.record;
            unattached.push(Unattached {
                fact: FactKind::Statistic,
                key: statistic_key(&s.subject, &s.metric, &s.period, s.kind, s.value),
                what: "statistic",
            });
        }
        ok
    });
    let max = |table: &str| -> Result<i64> {
        Ok(connection.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?)
    };
    let (links_before, statistics_before) = (max("links")?, max("statistics")?);
    store::write_facts(connection, &facts)?;
    let mut mark = connection.prepare(
        "INSERT INTO temp.overlay (fact, id, origin) VALUES (?1, ?2, ?3)
         ON CONFLICT (fact, id) DO UPDATE SET origin = CASE WHEN origin = 'yours' THEN origin ELSE excluded.origin END",
    )?;
    for e in &facts.entities {
        mark.execute(params!["entity", e.record.id, "yours"])?;
    }
    connection.execute(
        "INSERT INTO temp.overlay (fact, id, origin) SELECT 'link', CAST(id AS TEXT), 'yours' FROM links WHERE id > ?1",
        [links_before],
    )?;
    connection.execute(
        "INSERT INTO temp.overlay (fact, id, origin) SELECT 'statistic', CAST(id AS TEXT), 'yours' FROM statistics WHERE id > ?1",
        [statistics_before],
    )?;
    for c in &overlay.corrections {
        let ids = find(connection, c.fact, &c.key)?;
        if ids.is_empty() || !correctable_fields(c.fact).any(|f| f == c.field) {
            unattached.push(Unattached { fact: c.fact, key: c.key.clone(), what: "correction" });
            continue;
        }
        for id in ids {
            correct(connection, c, &id)?;
            mark.execute(params![c.fact.as_str(), id, "corrected"])?;
        }
    }
    let mut retract = connection.prepare(
        "INSERT INTO temp.overlay (fact, id, origin, retracted, retraction_sources) VALUES (?1, ?2, 'edition', ?3, ?4)
         ON CONFLICT (fact, id) DO UPDATE SET retracted = excluded.retracted, retraction_sources = excluded.retraction_sources",
    )?;
    for r in &overlay.retractions {
        let ids = find(connection, r.fact, &r.key)?;
        if ids.is_empty() {
            unattached.push(Unattached { fact: r.fact, key: r.key.clone(), what: "retraction" });
        }
        for id in ids {
            retract.execute(params![r.fact.as_str(), id, r.reason, r.sources.join(";")])?;
        }
    }
    Ok(unattached)
}

/// Applies one correction to the fact with rowid (or entity id) `id`, and cites its sources.
fn correct(connection: &Connection, c: &Correction, id: &str) -> Result<()> {
    // The field was checked against CORRECTABLE, so it is a known column name.
    let (table, key_column) = match c.fact {
        FactKind::Entity => ("entities", "id"),
        FactKind::Link => ("links", "id"),
        FactKind::Statistic => ("statistics", "id"),
    };
    let value: rusqlite::types::Value = match (c.field.as_str(), &c.value) {
        (_, None) => rusqlite::types::Value::Null,
        ("share" | "value", Some(v)) => match v.parse::<f64>() {
            Ok(n) if n.is_finite() => rusqlite::types::Value::Real(n),
            _ => bail!("the correction of {} is not a finite number: {v:?}", c.field),
        },
        ("products", Some(v)) => {
            rusqlite::types::Value::Text(v.split(';').map(str::trim).collect::<Vec<_>>().join("\n"))
        }
        (_, Some(v)) => rusqlite::types::Value::Text(v.clone()),
    };
    let sql = format!("UPDATE {table} SET {} = ?1 WHERE {key_column} = ?2", c.field);
    connection.execute(&sql, params![value, id])?;
    match c.fact {
        FactKind::Entity => {
            for s in &c.sources {
                connection.execute("INSERT OR IGNORE INTO entity_sources VALUES (?1, ?2)", params![id, s])?;
            }
        }
        FactKind::Link => {
            for s in &c.sources {
                connection
                    .execute("INSERT OR IGNORE INTO link_sources VALUES (CAST(?1 AS INTEGER), ?2)", params![id, s])?;
            }
        }
        FactKind::Statistic => {
            let old: Option<String> = connection
                .query_row("SELECT sources FROM statistics WHERE id = CAST(?1 AS INTEGER)", [id], |r| r.get(0))
                .optional()?;
            let mut all: Vec<String> = old.unwrap_or_default().split(';').map(str::to_string).collect();
            all.extend(c.sources.iter().cloned());
            all.retain(|s| !s.is_empty());
            connection.execute(
                "UPDATE statistics SET sources = ?1 WHERE id = CAST(?2 AS INTEGER)",
                params![all.join(";"), id],
            )?;
        }
    }
    Ok(())
}
