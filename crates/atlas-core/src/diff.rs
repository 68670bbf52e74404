//! What changed between two editions: the entities, links, statistics, policies, systems and
//! sources added, removed and changed, field by field, each with the sources it rests on.
//!
//! Facts are matched by the stable keys the user's workspace uses (see [`crate::overlay`]): an
//! entity, policy, system or source by its id, a link by its [`link_key`]. A statistic is matched
//! by subject, metric, period and kind; when several figures share those, equal values are paired
//! first, and a lone figure left on each side is reported as a changed value.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow};

use crate::model::{Relation, StatisticKind};
use crate::overlay::{link_key, statistic_key};
use crate::store::Store;

/// The kinds of fact a diff lists, in the order it lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    Entity,
    Link,
    Statistic,
    Policy,
    /// A system, one of its groups ("system/group") or one of its members ("system/group/entity").
    System,
    Source,
}

impl Fact {
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::Entity => "entity",
            Fact::Link => "link",
            Fact::Statistic => "statistic",
            Fact::Policy => "policy",
            Fact::System => "system",
            Fact::Source => "source",
        }
    }
}

/// Whether a fact is new, gone, or there in both editions with different fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One field that differs: its value in the old and in the new edition (`None`: empty).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One fact added, removed or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FactChange {
    pub fact: Fact,
    pub change: Change,
    /// Its stable key in the edition that has it (the new one when both have it).
    pub key: String,
    /// Its name for people: the entity's name, "A supplies B", "A: metric period".
    pub label: String,
    /// The fields that differ; for an added or removed fact, every field it has.
    pub fields: Vec<FieldChange>,
    /// The ids of the sources it rests on, in the new edition (the old one for a removed fact).
    pub sources: Vec<String>,
}

/// Every change between two editions, by kind of fact, then key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditionDiff {
    pub changes: Vec<FactChange>,
}

impl EditionDiff {
    /// How many facts of `fact` were added, removed and changed.
    pub fn count(&self, fact: Fact, change: Change) -> usize {
        self.changes.iter().filter(|c| c.fact == fact && c.change == change).count()
    }
}

/// A fact as the diff compares it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    label: String,
    fields: Vec<(&'static str, Option<String>)>,
    sources: Vec<String>,
}

type Rows = BTreeMap<String, Row>;

/// Every fact of one edition, by kind and key.
struct Facts {
    by_kind: Vec<(Fact, Rows)>,
    /// Statistics by subject|metric|period|kind: (statistic key, value, row).
    statistics: BTreeMap<String, Vec<(String, f64, Row)>>,
}

/// Splits `text` at `separator` into trimmed, sorted, distinct parts.
fn list(text: Option<String>, separator: char) -> Vec<String> {
    let set: BTreeSet<String> = text
        .unwrap_or_default()
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    set.into_iter().collect()
}

fn joined(parts: &[String]) -> Option<String> {
    if parts.is_empty() { None } else { Some(parts.join("; ")) }
}

fn number(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}

/// An entity's name for people: English, else Chinese, else its id.
fn name_of(names: &BTreeMap<String, String>, id: &str) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_string())
}

fn read(store: &Store) -> Result<Facts> {
    let connection = store.connection();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut entities = Rows::new();
    {
        let mut statement = connection.prepare(
            "SELECT e.id, e.kind, e.name_zh, e.name_en, e.district, e.products, e.founded, e.website, e.confidence,
                    e.note, e.note_zh,
                    (SELECT group_concat(segment, ';') FROM entity_segments WHERE entity = e.id),
                    (SELECT group_concat(text, ';') FROM names WHERE entity = e.id),
                    (SELECT group_concat(source, ';') FROM entity_sources WHERE entity = e.id)
             FROM entities e ORDER BY e.id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let name_zh: Option<String> = r.get(2)?;
            let name_en: Option<String> = r.get(3)?;
            let label = name_en.clone().or_else(|| name_zh.clone()).unwrap_or_else(|| id.clone());
            names.insert(id.clone(), label.clone());
            let products: String = r.get(5)?;
            let products: Vec<String> =
                products.lines().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
            let sources = list(r.get(13)?, ';');
            let row = Row {
                label,
                fields: vec![
                    ("kind", r.get(1)?),
                    ("name_zh", name_zh),
                    ("name_en", name_en),
                    ("district", r.get(4)?),
                    ("products", joined(&products)),
                    ("founded", r.get(6)?),
                    ("website", r.get(7)?),
                    ("confidence", r.get(8)?),
                    ("note", r.get(9)?),
                    ("note_zh", r.get(10)?),
                    ("segments", joined(&list(r.get(11)?, ';'))),
                    ("names", joined(&list(r.get(12)?, ';'))),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            entities.insert(id, row);
        }
    }
    let mut links = Rows::new();
    {
        let mut statement = connection.prepare(
            "SELECT l.from_id, l.relation, l.to_id, l.product, l.share, l.since, l.until, l.confidence, l.note, l.note_zh,
                    (SELECT group_concat(source, ';') FROM link_sources WHERE link = l.id)
             FROM links l ORDER BY l.id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let from: String = r.get(0)?;
            let relation: String = r.get(1)?;
            let to: String = r.get(2)?;
            let product: Option<String> = r.get(3)?;
            let parsed: Relation = relation.parse().map_err(|e: String| anyhow!(e))?;
            let mut key = link_key(&from, parsed, &to, product.as_deref());
            let mut copy = 1;
            while links.contains_key(&key) {
                copy += 1;
                key = format!("{}#{copy}", link_key(&from, parsed, &to, product.as_deref()));
            }
            let mut label = format!("{} {relation} {}", name_of(&names, &from), name_of(&names, &to));
            if let Some(p) = &product {
                label.push_str(&format!(" ({p})"));
            }
            let sources = list(r.get(10)?, ';');
            let row = Row {
                label,
                fields: vec![
                    ("share", number(r.get(4)?)),
                    ("since", r.get(5)?),
                    ("until", r.get(6)?),
                    ("confidence", r.get(7)?),
                    ("note", r.get(8)?),
                    ("note_zh", r.get(9)?),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            links.insert(key, row);
        }
    }
    let mut statistics: BTreeMap<String, Vec<(String, f64, Row)>> = BTreeMap::new();
    {
        let mut statement = connection.prepare(
            "SELECT subject, metric, period, kind, value, unit, confidence, note, note_zh, sources
             FROM statistics ORDER BY id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let subject: String = r.get(0)?;
            let metric: String = r.get(1)?;
            let period: String = r.get(2)?;
            let kind: String = r.get(3)?;
            let value: f64 = r.get(4)?;
            let parsed: StatisticKind = kind.parse().map_err(|e: String| anyhow!(e))?;
            let key = statistic_key(&subject, &metric, &period, parsed, value);
            let sources = list(r.get(9)?, ';');
            let row = Row {
                label: format!("{}: {metric} {period} ({kind})", name_of(&names, &subject)),
                fields: vec![
                    ("value", Some(value.to_string())),
                    ("unit", r.get(5)?),
                    ("confidence", r.get(6)?),
                    ("note", r.get(7)?),
                    ("note_zh", r.get(8)?),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            statistics.entry(format!("{subject}|{metric}|{period}|{kind}")).or_default().push((key, value, row));
        }
    }
    let mut policies = Rows::new();
    {
        let mut statement = connection
            .prepare("SELECT entity, doc_number, issued, horizon, targets, sources FROM policies ORDER BY entity")?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let sources = list(r.get(5)?, ';');
            let horizon: Option<i64> = r.get(3)?;
            let row = Row {
                label: name_of(&names, &id),
                fields: vec![
                    ("doc_number", r.get(1)?),
                    ("issued", r.get(2)?),
                    ("horizon", horizon.map(|h| h.to_string())),
                    ("targets", r.get(4)?),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            policies.insert(id, row);
        }
    }
    let mut systems = Rows::new();
    {
        let mut statement = connection
            .prepare("SELECT id, name_zh, name_en, declared_by, note, note_zh, sources FROM systems ORDER BY id")?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let name_en: String = r.get(2)?;
            let sources = list(r.get(6)?, ';');
            let row = Row {
                label: name_en.clone(),
                fields: vec![
                    ("name_zh", r.get(1)?),
                    ("name_en", Some(name_en)),
                    ("declared_by", r.get(3)?),
                    ("note", r.get(4)?),
                    ("note_zh", r.get(5)?),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            systems.insert(id, row);
        }
        let mut statement = connection.prepare(
            "SELECT g.system, g.id, g.position, g.name_zh, g.name_en, g.declared_count, g.status, g.note, g.note_zh,
                    g.sources, s.name_en
             FROM system_groups g JOIN systems s ON s.id = g.system ORDER BY g.system, g.id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let system: String = r.get(0)?;
            let group: String = r.get(1)?;
            let name_en: String = r.get(4)?;
            let system_name: String = r.get(10)?;
            let position: i64 = r.get(2)?;
            let declared: Option<i64> = r.get(5)?;
            let sources = list(r.get(9)?, ';');
            let row = Row {
                label: format!("{system_name}: {name_en}"),
                fields: vec![
                    ("position", Some(position.to_string())),
                    ("name_zh", r.get(3)?),
                    ("name_en", Some(name_en)),
                    ("declared_count", declared.map(|d| d.to_string())),
                    ("status", r.get(6)?),
                    ("note", r.get(7)?),
                    ("note_zh", r.get(8)?),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            systems.insert(format!("{system}/{group}"), row);
        }
        let mut statement = connection.prepare(
            "SELECT m.system, m.group_id, m.entity, m.status, m.note, m.note_zh, m.sources, g.name_en
             FROM system_members m JOIN system_groups g ON g.system = m.system AND g.id = m.group_id
             ORDER BY m.system, m.group_id, m.entity",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let system: String = r.get(0)?;
            let group: String = r.get(1)?;
            let entity: String = r.get(2)?;
            let group_name: String = r.get(7)?;
            let sources = list(r.get(6)?, ';');
            let row = Row {
                label: format!("{} in {group_name}", name_of(&names, &entity)),
                fields: vec![
                    ("status", r.get(3)?),
                    ("note", r.get(4)?),
                    ("note_zh", r.get(5)?),
                    ("sources", joined(&sources)),
                ],
                sources,
            };
            systems.insert(format!("{system}/{group}/{entity}"), row);
        }
    }
    let mut sources = Rows::new();
    {
        let mut statement = connection.prepare(
            "SELECT id, url, publisher, title, published, accessed, language, grade, note, note_zh FROM sources ORDER BY id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let publisher: String = r.get(2)?;
            let title: String = r.get(3)?;
            let row = Row {
                label: format!("{publisher}: {title}"),
                fields: vec![
                    ("url", r.get(1)?),
                    ("publisher", Some(publisher)),
                    ("title", Some(title)),
                    ("published", r.get(4)?),
                    ("accessed", r.get(5)?),
                    ("language", r.get(6)?),
                    ("grade", r.get(7)?),
                    ("note", r.get(8)?),
                    ("note_zh", r.get(9)?),
                ],
                sources: vec![id.clone()],
            };
            sources.insert(id, row);
        }
    }
    Ok(Facts {
        by_kind: vec![
            (Fact::Entity, entities),
            (Fact::Link, links),
            (Fact::Policy, policies),
            (Fact::System, systems),
            (Fact::Source, sources),
        ],
        statistics,
    })
}

fn whole(fact: Fact, change: Change, key: String, row: Row) -> FactChange {
    let fields = row
        .fields
        .into_iter()
        .filter(|(_, value)| value.is_some())
        .map(|(field, value)| match change {
            Change::Removed => FieldChange { field, old: value, new: None },
            _ => FieldChange { field, old: None, new: value },
        })
        .collect();
    FactChange { fact, change, key, label: row.label, fields, sources: row.sources }
}

fn compared(fact: Fact, key: String, old: Row, new: Row) -> Option<FactChange> {
    let fields: Vec<FieldChange> = old
        .fields
        .into_iter()
        .zip(new.fields)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, old), (_, new))| FieldChange { field, old, new })
        .collect();
    if fields.is_empty() {
        return None;
    }
    Some(FactChange { fact, change: Change::Changed, key, label: new.label, fields, sources: new.sources })
}

fn compare_rows(fact: Fact, old: Rows, mut new: Rows, changes: &mut Vec<FactChange>) {
    for (key, old_row) in old {
        match new.remove(&key) {
            Some(new_row) => changes.extend(compared(fact, key, old_row, new_row)),
            None => changes.push(whole(fact, Change::Removed, key, old_row)),
        }
    }
    for (key, row) in new {
        changes.push(whole(fact, Change::Added, key, row));
    }
}

type Figures = Vec<(String, f64, Row)>;

fn compare_statistics(
    old: BTreeMap<String, Figures>,
    mut new: BTreeMap<String, Figures>,
    changes: &mut Vec<FactChange>,
) {
    for (group, mut old_figures) in old {
        let mut new_figures = new.remove(&group).unwrap_or_default();
        // Equal values first: the same figure, perhaps with other fields changed.
        let mut index = 0;
        while index < old_figures.len() {
            let value = old_figures[index].1;
            if let Some(at) = new_figures.iter().position(|(_, v, _)| v.to_bits() == value.to_bits()) {
                let (_, _, old_row) = old_figures.remove(index);
                let (key, _, new_row) = new_figures.remove(at);
                changes.extend(compared(Fact::Statistic, key, old_row, new_row));
            } else {
                index += 1;
            }
        }
        if old_figures.len() == 1 && new_figures.len() == 1 {
            let (_, _, old_row) = old_figures.remove(0);
            let (key, _, new_row) = new_figures.remove(0);
            changes.extend(compared(Fact::Statistic, key, old_row, new_row));
        }
        for (key, _, row) in old_figures {
            changes.push(whole(Fact::Statistic, Change::Removed, key, row));
        }
        for (key, _, row) in new_figures {
            changes.push(whole(Fact::Statistic, Change::Added, key, row));
        }
    }
    for (key, _, row) in new.into_values().flatten() {
        changes.push(whole(Fact::Statistic, Change::Added, key, row));
    }
}

/// Everything that changed from the edition `old` to the edition `new`, ordered by kind of fact,
/// then by key.
pub fn diff(old: &Store, new: &Store) -> Result<EditionDiff> {
    let old = read(old)?;
    let new = read(new)?;
    let mut changes = Vec::new();
    let mut new_kinds: BTreeMap<Fact, Rows> = new.by_kind.into_iter().collect();
    for (fact, old_rows) in old.by_kind {
        compare_rows(fact, old_rows, new_kinds.remove(&fact).unwrap_or_default(), &mut changes);
    }
    compare_statistics(old.statistics, new.statistics, &mut changes);
    changes.sort_by(|a, b| (a.fact, &a.key, a.change).cmp(&(b.fact, &b.key, b.change)));
    Ok(EditionDiff { changes })
}

/// Everything in an edition that a note of the user's can be on, as note targets:
/// "entity:ID", "link:KEY", "statistic:KEY", "policy:ID", "system:ID".
pub fn note_targets(store: &Store) -> Result<BTreeSet<String>> {
    let facts = read(store)?;
    let mut targets = BTreeSet::new();
    for (fact, rows) in facts.by_kind {
        let prefix = match fact {
            Fact::Entity => "entity",
            Fact::Link => "link",
            Fact::Policy => "policy",
            Fact::System => "system",
            Fact::Statistic | Fact::Source => continue,
        };
        // Groups and members of systems are not note targets; systems are.
        targets.extend(
            rows.into_keys().filter(|k| fact != Fact::System || !k.contains('/')).map(|key| format!("{prefix}:{key}")),
        );
    }
    targets.extend(facts.statistics.into_values().flatten().map(|(key, _, _)| format!("statistic:{key}")));
    Ok(targets)
}
