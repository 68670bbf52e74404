//! Links: the graph's edges, their sources, and the rows graph files carry.

use anyhow::Result;

use super::*;

/// One link seen from one of its ends.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkView {
    /// Its row in the edition (or the workspace's copy).
    pub id: i64,
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

/// A link as the graph holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphLink {
    pub id: i64,
    pub from: String,
    pub relation: Relation,
    pub to: String,
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

impl Store {
    /// The sources of one link, best grade first; empty for an unknown link.
    pub fn link_sources(&self, link: i64) -> Result<Vec<Source>> {
        const LINK_SOURCES: &str = "
            SELECT s.id, s.url, s.publisher, s.title, s.published, s.accessed, s.language, s.grade, s.note
            FROM link_sources ls JOIN sources s ON s.id = ls.source WHERE ls.link = ?1 ORDER BY s.grade, s.id";
        Ok(self
            .connection()
            .prepare_cached(LINK_SOURCES)?
            .query_map([link], source)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every link, for building the graph.
    pub fn all_links(&self) -> Result<Vec<GraphLink>> {
        // A link the user retracted plays no part in the graph.
        const ALL: &str = "SELECT id, from_id, relation, to_id FROM links WHERE CAST(id AS TEXT) NOT IN (SELECT id FROM temp.overlay WHERE fact = 'link' AND retracted IS NOT NULL) ORDER BY id";
        Ok(self
            .connection()
            .prepare_cached(ALL)?
            .query_map([], |row| {
                Ok(GraphLink { id: row.get(0)?, from: row.get(1)?, relation: parse(2, row.get(2)?)?, to: row.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The `since` and `until` of every link that has either (the user's links and corrections
    /// included, being rows of the same table), for [`crate::graph::ChainGraph::set_link_dates`].
    pub fn link_dates(&self) -> Result<Vec<(i64, crate::asof::Span)>> {
        const DATED: &str =
            "SELECT id, since, until FROM links WHERE coalesce(since, '') <> '' OR coalesce(until, '') <> ''";
        Ok(self
            .connection()
            .prepare_cached(DATED)?
            .query_map([], |row| {
                let (since, until): (Option<String>, Option<String>) = (row.get(1)?, row.get(2)?);
                Ok((row.get(0)?, crate::asof::Span::of(since.as_deref(), until.as_deref())))
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
            .connection()
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
