//! Entities: references, pages, names, segments, and the rows graph files carry.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::*;

/// A name with its derived pinyin.
#[derive(Debug, Clone, PartialEq)]
pub struct NameView {
    pub language: Language,
    pub role: NameRole,
    pub text: String,
    pub pinyin: Option<String>,
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
    /// Its links by relation, outgoing before incoming, and by the other end's name, each without
    /// its sources (a hub has tens of thousands): read them with [`Store::fill_link_sources`]
    /// for the links shown.
    pub links: Vec<LinkView>,
    pub origin: FactOrigin,
}

/// The links of an entity (`?1`), in the entity page's order: by relation, outgoing before
/// incoming, and by the other end's name; `?2` (a relation) and `?3` (1: outgoing, 0: incoming)
/// pick one group, or NULL for all.
const ENTITY_LINKS: &str = "
    SELECT l.id, l.relation, l.from_id = ?1, o.id, o.kind, o.name_zh, o.name_en, l.product, l.share, l.since, l.until, l.confidence, l.note,
           l.from_id, l.to_id, ov.origin, ov.retracted, ov.retraction_sources, l.note_zh
    FROM links l JOIN entities o ON o.id = CASE WHEN l.from_id = ?1 THEN l.to_id ELSE l.from_id END
    LEFT JOIN temp.overlay ov ON ov.fact = 'link' AND ov.id = CAST(l.id AS TEXT)
    WHERE (l.from_id = ?1 OR l.to_id = ?1) AND (?2 IS NULL OR l.relation = ?2) AND (?3 IS NULL OR (l.from_id = ?1) = ?3)
    ORDER BY l.relation, l.from_id = ?1 DESC, coalesce(o.name_en, o.name_zh)";

/// An entity as the graph holds it: what analyses need to know besides its links.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEntity {
    pub entity: EntityRef,
    /// The district or park it sits in, when known.
    pub district: Option<String>,
    /// Segment ids of the chain it belongs to.
    pub segments: Vec<String>,
    /// The first short name (names/ role "short") in Chinese and in English, for graph labels.
    pub short_zh: Option<String>,
    pub short_en: Option<String>,
}

/// An entity as graph files carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEntity {
    pub entity: EntityRef,
    pub district: Option<String>,
    pub segments: Vec<String>,
    pub origin: FactOrigin,
}

impl Store {
    /// A short reference to an entity, or `None` when the edition has no such id.
    pub fn entity_ref(&self, id: &str) -> Result<Option<EntityRef>> {
        Ok(self.connection().prepare_cached(ENTITY_REF)?.query_row([id], |row| entity_ref(row, 0)).optional()?)
    }

    /// The best reliability grade among the sources of the entity itself, `None` without one.
    pub fn best_grade(&self, id: &str) -> Result<Option<Grade>> {
        const BEST: &str =
            "SELECT min(s.grade) FROM entity_sources es JOIN sources s ON s.id = es.source WHERE es.entity = ?1";
        let grade: Option<String> = self.connection().prepare_cached(BEST)?.query_row([id], |row| row.get(0))?;
        grade.map(|g| g.parse::<Grade>()).transpose().map_err(anyhow::Error::msg)
    }

    /// Everything known about one entity, or `None` when the edition has no such id.
    pub fn entity(&self, id: &str) -> Result<Option<EntityDetails>> {
        const ENTITY: &str = "SELECT id, kind, name_zh, name_en, district, products, founded, website, confidence, note, (SELECT origin FROM temp.overlay WHERE fact = 'entity' AND overlay.id = entities.id), note_zh FROM entities WHERE id = ?1";
        const NAMES: &str = "SELECT lang, role, text, pinyin FROM names WHERE entity = ?1 ORDER BY lang DESC, CASE role WHEN 'legal' THEN 0 WHEN 'short' THEN 1 WHEN 'brand' THEN 2 ELSE 3 END, id";
        const SEGMENTS: &str = "SELECT s.id, s.position, s.stage, s.name_en, s.name_zh, s.description FROM entity_segments es JOIN segments s ON s.id = es.segment WHERE es.entity = ?1 ORDER BY s.position";
        const SOURCES: &str = "SELECT s.id, s.url, s.publisher, s.title, s.published, s.accessed, s.language, s.grade, s.note FROM entity_sources es JOIN sources s ON s.id = es.source WHERE es.entity = ?1 ORDER BY s.grade, s.published DESC";

        let row = self
            .connection()
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
            .connection()
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
            .connection()
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
        let sources = self
            .connection()
            .prepare_cached(SOURCES)?
            .query_map([id], source)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let links = self.links_of(id, None)?;
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

    /// The links of `id` of one relation and direction (`outgoing`: those from it) in the entity
    /// page's order, without their sources (see [`Store::fill_link_sources`]); `None` when there
    /// is no such entity.
    pub fn entity_links(&self, id: &str, relation: Relation, outgoing: bool) -> Result<Option<Vec<LinkView>>> {
        if self.entity_ref(id)?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.links_of(id, Some((relation, outgoing)))?))
    }

    /// Reads the sources of `links` (one query per link).
    pub fn fill_link_sources(&self, links: &mut [LinkView]) -> Result<()> {
        const LINK_SOURCES: &str = "SELECT s.id, s.url, s.publisher, s.title, s.published, s.accessed, s.language, s.grade, s.note FROM link_sources ls JOIN sources s ON s.id = ls.source WHERE ls.link = ?1 ORDER BY s.grade";
        let connection = self.connection();
        let mut statement = connection.prepare_cached(LINK_SOURCES)?;
        for link in links {
            link.sources = statement.query_map([link.id], source)?.collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(())
    }

    /// The links of `id` (of one group, when given) without their sources.
    ///
    /// Time O(L log L) for the L links of the entity.
    fn links_of(&self, id: &str, group: Option<(Relation, bool)>) -> Result<Vec<LinkView>> {
        let mut links = Vec::new();
        let connection = self.connection();
        let mut statement = connection.prepare_cached(ENTITY_LINKS)?;
        let relation = group.map(|g| g.0.as_str());
        let outgoing = group.map(|g| g.1);
        let mut rows = statement.query(rusqlite::params![id, relation, outgoing])?;
        while let Some(row) = rows.next()? {
            let relation: Relation = parse(1, row.get(1)?)?;
            let product: Option<String> = row.get(7)?;
            let key = crate::overlay::link_key(
                &row.get::<_, String>(13)?,
                relation,
                &row.get::<_, String>(14)?,
                product.as_deref(),
            );
            links.push(LinkView {
                id: row.get(0)?,
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
                sources: Vec::new(),
                key,
                origin: origin(15, row.get(15)?)?,
                retracted: row.get(16)?,
                retraction_sources: self.sources(&row.get::<_, Option<String>>(17)?.unwrap_or_default())?,
            });
        }
        Ok(links)
    }

    /// Every entity with its district, segments and short names, for building the graph.
    pub fn all_entities(&self) -> Result<Vec<GraphEntity>> {
        const ALL: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, e.district,
                   (SELECT group_concat(segment, ';') FROM entity_segments WHERE entity = e.id)
            FROM entities e ORDER BY e.id";
        const SHORT: &str =
            "SELECT entity, lang, trim(text) FROM names WHERE role = 'short' AND trim(text) <> '' ORDER BY id";
        let connection = self.connection();
        let mut short: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
        let mut statement = connection.prepare_cached(SHORT)?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let (entity, lang, text): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let slots = short.entry(entity).or_default();
            match lang.parse::<Language>() {
                Ok(Language::Zh) => slots.0.get_or_insert(text),
                Ok(Language::En) => slots.1.get_or_insert(text),
                Err(_) => continue,
            };
        }
        Ok(connection
            .prepare_cached(ALL)?
            .query_map([], |row| {
                let segments: Option<String> = row.get(5)?;
                let entity = entity_ref(row, 0)?;
                let (short_zh, short_en) = short.remove(&entity.id).unwrap_or_default();
                Ok(GraphEntity {
                    entity,
                    district: row.get(4)?,
                    segments: segments.map(|s| s.split(';').map(str::to_string).collect()).unwrap_or_default(),
                    short_zh,
                    short_en,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The segments of the chain, upstream first.
    pub fn segments(&self) -> Result<Vec<Segment>> {
        const SEGMENTS: &str =
            "SELECT id, position, stage, name_en, name_zh, description FROM segments ORDER BY position";
        let connection = self.connection();
        let mut statement = connection.prepare_cached(SEGMENTS)?;
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

    /// Every name of every entity with its pinyin: (entity id, name, pinyin).
    pub fn all_names(&self) -> Result<Vec<(String, String, Option<String>)>> {
        const ALL: &str = "SELECT entity, text, pinyin FROM names ORDER BY id";
        Ok(self
            .connection()
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
            .connection()
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
}
