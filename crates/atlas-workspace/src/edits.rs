//! The changes a user makes: add an entity, a link or a statistic, correct or retract a shipped
//! fact, write a note, save a view. Each is validated first (a source on every fact, real dates,
//! finite numbers, known entities) and written as one change of the log, or not at all.

use anyhow::{Result, bail};
use atlas_core::model::*;
use atlas_core::overlay::{self, FactKind};
use rusqlite::{Transaction, params};

use crate::{Change, Workspace};

/// Where a user's fact comes from: a web page, or the user's own record (a meeting, an interview,
/// an internal document) with its date and citation. `Known` cites a source the atlas already has.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceInput {
    Url { url: String, publisher: String, title: String, published: Option<String>, grade: Grade },
    OwnRecord { date: String, citation: String, grade: Grade },
    Known(String),
}

/// What the edits need to know of the atlas they are made against.
pub trait Known {
    /// True when the atlas (edition or workspace) has an entity with this id.
    fn has_entity(&self, id: &str) -> bool;
    /// The grade of a source the atlas has, if it has it.
    fn source_grade(&self, id: &str) -> Option<Grade>;
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewEntity {
    pub kind: EntityKind,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub district: Option<String>,
    pub segments: Vec<String>,
    pub products: Vec<String>,
    pub note: Option<String>,
    pub sources: Vec<SourceInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewLink {
    pub from: String,
    pub relation: Relation,
    pub to: String,
    pub product: Option<String>,
    /// Percent, 0 to 100.
    pub share: Option<f64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<SourceInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewStatistic {
    pub subject: String,
    pub metric: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub kind: StatisticKind,
    pub note: Option<String>,
    pub sources: Vec<SourceInput>,
}

pub use atlas_core::dataset::{is_date, is_period};

/// Checks a since/until pair: real dates, until not before since.
pub fn check_period(since: Option<&str>, until: Option<&str>) -> Result<()> {
    for (name, value) in [("since", since), ("until", until)] {
        if let Some(v) = value.filter(|v| !is_date(v)) {
            bail!("{name} {v:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
    }
    if let (Some(s), Some(u)) = (since, until)
        && atlas_core::dataset::is_before(u, s)
    {
        bail!("until {u} is earlier than since {s}");
    }
    Ok(())
}

/// Writes the sources of one fact and returns their ids and the confidence they allow: a fact
/// resting only on grade C is uncertain, as in data/.
pub(crate) fn write_sources(
    tx: &Transaction<'_>,
    change: i64,
    known: &dyn Known,
    sources: &[SourceInput],
) -> Result<(Vec<String>, Confidence)> {
    write_sources_numbered(tx, change, 0, known, sources)
}

/// [`write_sources`] for the `fact`-th fact of a change that holds many (an import).
pub(crate) fn write_sources_numbered(
    tx: &Transaction<'_>,
    change: i64,
    fact: usize,
    known: &dyn Known,
    sources: &[SourceInput],
) -> Result<(Vec<String>, Confidence)> {
    if sources.is_empty() {
        bail!("every fact needs a source: a web page, or your own record with its date and citation");
    }
    let accessed = jiff::Zoned::now().date().to_string();
    let mut ids = Vec::new();
    let mut best = Grade::C;
    for (index, source) in sources.iter().enumerate() {
        let id = if fact == 0 {
            format!("yours-{change}-{}", index + 1)
        } else {
            format!("yours-{change}-{fact}-{}", index + 1)
        };
        let grade = match source {
            SourceInput::Known(existing) => {
                let Some(grade) = known.source_grade(existing) else {
                    bail!("no source {existing:?} is known");
                };
                ids.push(existing.clone());
                grade
            }
            SourceInput::Url { url, publisher, title, published, grade } => {
                if !(url.starts_with("http://") || url.starts_with("https://")) || url.contains(char::is_whitespace) {
                    bail!("{url:?} is not a web address (http:// or https://)");
                }
                if let Some(p) = published.as_deref().filter(|p| !is_date(p)) {
                    bail!("the publication date {p:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
                }
                let publisher = if publisher.trim().is_empty() { host(url) } else { publisher.trim().to_string() };
                tx.prepare_cached(
                    "INSERT INTO sources (id, change, url, publisher, title, published, accessed, language, grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'und', ?8)",
                )?.execute(params![id, change, url, publisher, title.trim(), published, accessed, grade.as_str()],
                )?;
                ids.push(id);
                *grade
            }
            SourceInput::OwnRecord { date, citation, grade } => {
                if !is_date(date) {
                    bail!("the date of your record {date:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
                }
                if citation.trim().is_empty() {
                    bail!(
                        "your own record needs a citation: what it is (a meeting, an interview, a document) and with whom"
                    );
                }
                tx.prepare_cached(
                    "INSERT INTO sources (id, change, url, publisher, title, published, accessed, language, grade, note) VALUES (?1, ?2, '', 'own record', ?3, ?4, ?5, 'und', ?6, 'own record')",
                )?.execute(params![id, change, citation.trim(), date, accessed, grade.as_str()],
                )?;
                ids.push(id);
                *grade
            }
        };
        best = best.min(grade);
    }
    let confidence = if best == Grade::C { Confidence::Uncertain } else { Confidence::Confirmed };
    Ok((ids, confidence))
}

fn host(url: &str) -> String {
    url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or(url).to_string()
}

fn need_entity(known: &dyn Known, id: &str) -> Result<()> {
    if !known.has_entity(id) {
        bail!("no entity {:?} is known", crate::import::short(id));
    }
    Ok(())
}

fn text(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A new entity id from its names: `yours-` and a slug of the English name or the pinyin.
pub(crate) fn new_entity_id(name_en: Option<&str>, name_zh: Option<&str>, taken: &dyn Fn(&str) -> bool) -> String {
    IdMinter::default().mint(name_en, name_zh, taken)
}

/// Mints new entity ids: `yours-` and a slug, numbered on (`-2`, `-3` ...) while taken. It
/// remembers the next number of each slug, so an import of many names with one slug (names that
/// differ only in digits their pinyin drops, say) takes linear time, not quadratic.
#[derive(Default)]
pub(crate) struct IdMinter {
    next: std::collections::HashMap<String, usize>,
}

impl IdMinter {
    pub(crate) fn mint(
        &mut self,
        name_en: Option<&str>,
        name_zh: Option<&str>,
        taken: &dyn Fn(&str) -> bool,
    ) -> String {
        let slug = slug(name_en, name_zh);
        let n = self.next.entry(slug.clone()).or_insert(1);
        let numbered = |n: usize| if n == 1 { format!("yours-{slug}") } else { format!("yours-{slug}-{n}") };
        let mut id = numbered(*n);
        while taken(&id) {
            *n += 1;
            id = numbered(*n);
        }
        *n += 1;
        id
    }
}

/// The slug of an entity's English name, else of the pinyin of its Chinese name.
fn slug(name_en: Option<&str>, name_zh: Option<&str>) -> String {
    let base = name_en
        .map(str::to_string)
        .or_else(|| name_zh.and_then(atlas_core::names::pinyin))
        .unwrap_or_else(|| "entity".to_string());
    let mut slug = String::new();
    for c in base.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "entity" } else { slug }.to_string()
}

pub(crate) fn insert_entity(
    tx: &Transaction<'_>,
    change: i64,
    id: &str,
    e: &NewEntity,
    sources: &[String],
    confidence: Confidence,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO entities (id, change, kind, name_zh, name_en, district, segments, products, confidence, sources, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
            id,
            change,
            e.kind.as_str(),
            text(&e.name_zh),
            text(&e.name_en),
            text(&e.district),
            e.segments.join(";"),
            e.products.join(";"),
            confidence.as_str(),
            sources.join(";"),
            text(&e.note)
        ],
    )?;
    Ok(())
}

pub(crate) fn check_link(known: &dyn Known, l: &NewLink) -> Result<()> {
    need_entity(known, &l.from)?;
    need_entity(known, &l.to)?;
    if l.from == l.to {
        bail!("a link needs two different entities");
    }
    if let Some(share) = l.share
        && !(share.is_finite() && (0.0..=100.0).contains(&share))
    {
        bail!("share {share} is outside 0 to 100 percent");
    }
    check_period(l.since.as_deref(), l.until.as_deref())
}

pub(crate) fn insert_link(
    tx: &Transaction<'_>,
    change: i64,
    l: &NewLink,
    sources: &[String],
    confidence: Confidence,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO links (change, from_id, relation, to_id, product, share, since, until, confidence, sources, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
            change,
            l.from,
            l.relation.as_str(),
            l.to,
            text(&l.product),
            l.share,
            text(&l.since),
            text(&l.until),
            confidence.as_str(),
            sources.join(";"),
            text(&l.note)
        ],
    )?;
    Ok(())
}

pub(crate) fn check_statistic(known: &dyn Known, s: &NewStatistic) -> Result<()> {
    need_entity(known, &s.subject)?;
    if !s.value.is_finite() {
        bail!("the value is not a finite number");
    }
    if !is_period(&s.period) {
        bail!("period {:?} is not YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or a range A/B", s.period);
    }
    if s.metric.trim().is_empty() || s.unit.trim().is_empty() {
        bail!("a statistic needs a metric and a unit");
    }
    Ok(())
}

pub(crate) fn insert_statistic(
    tx: &Transaction<'_>,
    change: i64,
    s: &NewStatistic,
    sources: &[String],
    confidence: Confidence,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO statistics (change, subject, metric, period, value, unit, kind, confidence, sources, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
            change,
            s.subject,
            s.metric.trim(),
            s.period,
            s.value,
            s.unit.trim(),
            s.kind.as_str(),
            confidence.as_str(),
            sources.join(";"),
            text(&s.note)
        ],
    )?;
    Ok(())
}

fn entity_label(e: &NewEntity) -> String {
    text(&e.name_zh).or_else(|| text(&e.name_en)).unwrap_or_default()
}

impl Workspace {
    /// Adds an entity; returns the change and the new entity's id.
    pub fn add_entity(&mut self, known: &dyn Known, e: &NewEntity) -> Result<(Change, String)> {
        if text(&e.name_zh).is_none() && text(&e.name_en).is_none() {
            bail!("an entity needs a Chinese or an English name");
        }
        if let Some(zh) = text(&e.name_zh).filter(|n| !n.chars().any(atlas_core::names::is_han)) {
            bail!("the Chinese name {zh:?} has no Chinese characters");
        }
        if let Some(d) = text(&e.district) {
            need_entity(known, &d)?;
        }
        let summary = format!("added {}", entity_label(e));
        self.change("add_entity", &summary, |tx, change| {
            let (sources, confidence) = write_sources(tx, change, known, &e.sources)?;
            let taken = |id: &str| {
                known.has_entity(id) || tx.query_row("SELECT 1 FROM entities WHERE id = ?1", [id], |_| Ok(())).is_ok()
            };
            let id = new_entity_id(text(&e.name_en).as_deref(), text(&e.name_zh).as_deref(), &taken);
            insert_entity(tx, change, &id, e, &sources, confidence)?;
            Ok(id)
        })
    }

    /// Adds a link between two known entities.
    pub fn add_link(&mut self, known: &dyn Known, l: &NewLink) -> Result<Change> {
        check_link(known, l)?;
        let summary = format!("added {} {} {}", l.from, l.relation, l.to);
        Ok(self
            .change("add_link", &summary, |tx, change| {
                let (sources, confidence) = write_sources(tx, change, known, &l.sources)?;
                insert_link(tx, change, l, &sources, confidence)
            })?
            .0)
    }

    /// Adds a figure about a known entity.
    pub fn add_statistic(&mut self, known: &dyn Known, s: &NewStatistic) -> Result<Change> {
        check_statistic(known, s)?;
        let summary = format!("added {} {} of {}", s.metric, s.period, s.subject);
        Ok(self
            .change("add_statistic", &summary, |tx, change| {
                let (sources, confidence) = write_sources(tx, change, known, &s.sources)?;
                insert_statistic(tx, change, s, &sources, confidence)
            })?
            .0)
    }

    /// Retracts a shipped link or statistic (by its key), with a reason and sources. It stays
    /// visible as retracted and plays no part in analyses.
    pub fn retract(
        &mut self,
        known: &dyn Known,
        fact: FactKind,
        key: &str,
        reason: &str,
        sources: &[SourceInput],
    ) -> Result<Change> {
        if fact == FactKind::Entity {
            bail!("an entity cannot be retracted; retract its links instead");
        }
        if reason.trim().is_empty() {
            bail!("say why the fact is wrong");
        }
        let summary = format!("retracted {} {}", fact.as_str(), key);
        Ok(self
            .change("retract", &summary, |tx, change| {
                let (ids, _) = write_sources(tx, change, known, sources)?;
                tx.execute(
                    "INSERT INTO retractions (change, fact, key, reason, sources) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![change, fact.as_str(), key, reason.trim(), ids.join(";")],
                )?;
                Ok(())
            })?
            .0)
    }

    /// Corrects one field of a shipped fact, with sources.
    pub fn correct(
        &mut self,
        known: &dyn Known,
        fact: FactKind,
        key: &str,
        field: &str,
        value: Option<&str>,
        sources: &[SourceInput],
    ) -> Result<Change> {
        if !overlay::correctable_fields(fact).any(|f| f == field) {
            let fields: Vec<&str> = overlay::correctable_fields(fact).collect();
            bail!("the {field:?} of a {} cannot be corrected; these can: {}", fact.as_str(), fields.join(", "));
        }
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        match (field, value) {
            ("share" | "value", Some(v)) if !v.parse::<f64>().is_ok_and(f64::is_finite) => {
                bail!("{field} {v:?} is not a finite number")
            }
            ("since" | "until" | "founded", Some(v)) if !is_date(v) => bail!("{field} {v:?} is not a date"),
            ("confidence", Some(v)) if v.parse::<Confidence>().is_err() => {
                bail!("confidence is one of {}", Confidence::expected())
            }
            ("district", Some(v)) => need_entity(known, v)?,
            _ => {}
        }
        let summary = format!("corrected {} of {} {}", field, fact.as_str(), key);
        Ok(self
            .change("correct", &summary, |tx, change| {
                let (ids, _) = write_sources(tx, change, known, sources)?;
                tx.execute(
                    "INSERT INTO corrections (change, fact, key, field, value, sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![change, fact.as_str(), key, field, value, ids.join(";")],
                )?;
                Ok(())
            })?
            .0)
    }

    /// Writes a note on an entity, link, statistic, policy or system ("entity:ID", "link:KEY", ...).
    pub fn note(&mut self, target: &str, note: &str) -> Result<Change> {
        let Some((kind, key)) = target.split_once(':') else {
            bail!("a note's target is kind:key, such as entity:changan-auto");
        };
        if !matches!(kind, "entity" | "link" | "statistic" | "policy" | "system") || key.is_empty() {
            bail!("a note is on an entity, link, statistic, policy or system");
        }
        if note.trim().is_empty() {
            bail!("the note is empty");
        }
        let summary = format!("note on {target}");
        Ok(self
            .change("note", &summary, |tx, change| {
                tx.execute(
                    "INSERT INTO notes (change, target, text) VALUES (?1, ?2, ?3)",
                    params![change, target, note.trim()],
                )?;
                Ok(())
            })?
            .0)
    }

    /// Saves a view (a named deep link), or bookmarks one.
    pub fn save_view(&mut self, name: &str, location: &str, bookmark: bool) -> Result<Change> {
        if name.trim().is_empty() || !location.starts_with('#') {
            bail!("a saved view needs a name and a location in the app (starting with #)");
        }
        let summary = format!("saved view {}", name.trim());
        Ok(self
            .change("save_view", &summary, |tx, change| {
                tx.execute(
                    "INSERT INTO saved_views (change, name, location, bookmark) VALUES (?1, ?2, ?3, ?4)",
                    params![change, name.trim(), location, bookmark],
                )?;
                Ok(())
            })?
            .0)
    }

    /// Points the user's facts that refer to `old` (an id or key a new edition lacks) at `new`.
    pub fn reattach(&mut self, known: &dyn Known, fact: FactKind, old: &str, new: &str) -> Result<Change> {
        if fact == FactKind::Entity {
            need_entity(known, new)?;
        }
        let summary = format!("re-attached {} {old} to {new}", fact.as_str());
        Ok(self
            .change("reattach", &summary, |tx, _| {
                let mut touched = 0;
                if fact == FactKind::Entity {
                    for sql in [
                        "UPDATE links SET from_id = ?2 WHERE from_id = ?1",
                        "UPDATE links SET to_id = ?2 WHERE to_id = ?1",
                        "UPDATE statistics SET subject = ?2 WHERE subject = ?1",
                        "UPDATE entities SET district = ?2 WHERE district = ?1",
                        "UPDATE corrections SET key = ?2 WHERE fact = 'entity' AND key = ?1",
                    ] {
                        touched += tx.execute(sql, params![old, new])?;
                    }
                    touched += tx.execute(
                        "UPDATE notes SET target = 'entity:' || ?2 WHERE target = 'entity:' || ?1",
                        params![old, new],
                    )?;
                } else {
                    for sql in [
                        "UPDATE corrections SET key = ?3 WHERE fact = ?1 AND key = ?2",
                        "UPDATE retractions SET key = ?3 WHERE fact = ?1 AND key = ?2",
                    ] {
                        touched += tx.execute(sql, params![fact.as_str(), old, new])?;
                    }
                    touched += tx.execute(
                        "UPDATE notes SET target = ?1 || ':' || ?3 WHERE target = ?1 || ':' || ?2",
                        params![fact.as_str(), old, new],
                    )?;
                }
                if touched == 0 {
                    bail!("none of your facts or notes refers to {old:?}");
                }
                Ok(())
            })?
            .0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashSet;

    /// Mints ids for `names` (Chinese) against ids already `taken`, each minted id taken in turn.
    fn mint_all(names: &[&str], taken: &[&str]) -> Vec<String> {
        let taken: RefCell<HashSet<String>> = RefCell::new(taken.iter().map(|s| s.to_string()).collect());
        let mut minter = IdMinter::default();
        names
            .iter()
            .map(|name| {
                let id = minter.mint(None, Some(name), &|id| taken.borrow().contains(id));
                taken.borrow_mut().insert(id.clone());
                id
            })
            .collect()
    }

    #[test]
    fn names_with_one_slug_are_numbered_on_and_skip_taken_ids() {
        // Digits are not read as pinyin: all three share the slug of 供应商.
        assert_eq!(
            mint_all(&["供应商1", "供应商2", "供应商3"], &["yours-gong-ying-shang-2"]),
            ["yours-gong-ying-shang", "yours-gong-ying-shang-3", "yours-gong-ying-shang-4"]
        );
        assert_eq!(
            mint_all(&["长安", "供应商"], &["yours-gong-ying-shang"]),
            ["yours-chang-an", "yours-gong-ying-shang-2"]
        );
    }

    #[test]
    fn one_minter_gives_what_single_adds_give() {
        // new_entity_id (one add at a time, a fresh minter each) and one minter over a batch agree.
        let names = ["供应商A", "供应商B", "长安", "供应商C"];
        let taken: RefCell<HashSet<String>> = RefCell::new(HashSet::from(["yours-gong-ying-shang".to_string()]));
        let single: Vec<String> = names
            .iter()
            .map(|name| {
                let id = new_entity_id(None, Some(name), &|id| taken.borrow().contains(id));
                taken.borrow_mut().insert(id.clone());
                id
            })
            .collect();
        assert_eq!(mint_all(&names, &["yours-gong-ying-shang"]), single);
    }
}
