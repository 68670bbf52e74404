//! segments.csv, entities/*.csv and names/*.csv: the steps of the chain, what the atlas knows
//! about, and the names of each. One entity has one id: a name used by two ids is refused.

use std::collections::HashMap;

use super::read::Reader;
use super::{Checker, Dataset, Located, Origin};
use crate::model::{Entity, EntityKind, Language, Name, NameRole, Segment, Stage};
use crate::names::{is_han, normalise_name};

pub(super) const SEGMENT_COLUMNS: &[&str] = &["id", "order", "stage", "name_en", "name_zh", "description"];
pub const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "name_zh",
    "name_en",
    "district",
    "segments",
    "products",
    "founded",
    "website",
    "confidence",
    "sources",
    "note",
];
pub(super) const NAME_COLUMNS: &[&str] = &["entity", "lang", "role", "name"];

pub(super) fn read_segments(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("segments.csv", SEGMENT_COLUMNS, true, |row| {
        let order = row.number("order");
        if row.text("order").is_empty() {
            row.problem("order", "empty order, expected a position such as 1".to_string());
        }
        let segment = Segment {
            id: row.id("id"),
            order: order.unwrap_or(0),
            stage: row.parse("stage").unwrap_or(Stage::Support),
            name_en: row.required("name_en"),
            name_zh: row.required("name_zh"),
            description: row.text("description"),
        };
        dataset.segments.push(Located { origin: row.origin(), record: segment });
    });
}

pub(super) fn read(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("entities", COLUMNS, true, |row| {
        let entity = Entity {
            id: row.id("id"),
            kind: row.parse("kind").unwrap_or(EntityKind::Firm),
            name_zh: row.optional("name_zh"),
            name_en: row.optional("name_en"),
            district: row.optional("district"),
            segments: row.list("segments"),
            products: row.list("products"),
            founded: row.date("founded"),
            website: row.url("website"),
            confidence: row.confidence(),
            sources: row.sources(),
            note: row.optional("note"),
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
        };
        if entity.name_zh.is_none() && entity.name_en.is_none() {
            row.problem("name_en", "no name, expected name_zh or name_en".to_string());
        }
        dataset.entities.push(Located { origin: row.origin(), record: entity });
    });
}

pub(super) fn read_names(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("names", NAME_COLUMNS, false, |row| {
        let name = Name {
            entity: row.required("entity"),
            language: row.parse("lang").unwrap_or(Language::Zh),
            role: row.parse("role").unwrap_or(NameRole::Short),
            text: row.required("name"),
        };
        dataset.names.push(Located { origin: row.origin(), record: name });
    });
}

/// Declares the segment ids for the other checks; refuses one used twice.
pub(super) fn check_segments<'d>(dataset: &'d Dataset, check: &mut Checker<'d>) {
    for s in &dataset.segments {
        if !check.segments.insert(s.record.id.as_str()) {
            check.at(
                &s.origin,
                SEGMENT_COLUMNS,
                "id",
                format!("segment id {:?} is used twice, expected unique ids", s.record.id),
            );
        }
    }
}

/// Declares the entity ids for the other checks, then checks each entity (district, segments,
/// sources) and every name of entities/ and names/.
pub(super) fn check<'d>(dataset: &'d Dataset, check: &mut Checker<'d>) {
    for e in &dataset.entities {
        if check.entities.insert(e.record.id.as_str(), e.record.kind).is_some() {
            check.at(
                &e.origin,
                COLUMNS,
                "id",
                format!("entity id {:?} is used twice, expected unique ids", e.record.id),
            );
        }
    }
    let mut names = Names::default();
    for e in &dataset.entities {
        let r = &e.record;
        if let Some(district) = &r.district {
            match check.entities.get(district.as_str()) {
                Some(EntityKind::District | EntityKind::Park | EntityKind::Region) => {}
                Some(kind) => check.at(
                    &e.origin,
                    COLUMNS,
                    "district",
                    format!("district {district:?} is a {kind}, expected a district or park"),
                ),
                None => check.at(
                    &e.origin,
                    COLUMNS,
                    "district",
                    format!("unknown district {district:?}, expected an entity id of kind district or park"),
                ),
            }
        }
        for segment in &r.segments {
            if !check.segments.contains(segment.as_str()) {
                check.at(
                    &e.origin,
                    COLUMNS,
                    "segments",
                    format!("unknown segment {segment:?}, expected an id from segments.csv"),
                );
            }
        }
        if r.kind == EntityKind::Firm && r.segments.is_empty() {
            check.at(
                &e.origin,
                COLUMNS,
                "segments",
                "firm has no segment, expected at least one segment id".to_string(),
            );
        }
        check.sources(&e.origin, COLUMNS, &r.sources, Some(r.confidence));
        if let Some(text) = &r.name_zh {
            names.note(check, &e.origin, COLUMNS, "name_zh", &r.id, Language::Zh, text);
        }
        if let Some(text) = &r.name_en {
            names.note(check, &e.origin, COLUMNS, "name_en", &r.id, Language::En, text);
        }
    }
    for n in &dataset.names {
        let r = &n.record;
        if !check.entities.contains_key(r.entity.as_str()) {
            check.at(
                &n.origin,
                NAME_COLUMNS,
                "entity",
                format!("unknown entity {:?}, expected an id from entities/", r.entity),
            );
            continue;
        }
        names.note(check, &n.origin, NAME_COLUMNS, "name", &r.entity, r.language, &r.text);
    }
}

/// The names seen so far, to find the same entity under two ids.
#[derive(Default)]
struct Names {
    /// (language, normalised name) to the entity id that has it.
    by_name: HashMap<(Language, String), String>,
}

impl Names {
    /// Checks one name of `entity`: a Chinese name is in Chinese characters, and no other entity
    /// has the same name.
    #[allow(clippy::too_many_arguments, reason = "a record's position, its entity and its name")]
    fn note(
        &mut self,
        check: &mut Checker<'_>,
        origin: &Origin,
        columns: &[&str],
        column: &str,
        entity: &str,
        language: Language,
        text: &str,
    ) {
        if language == Language::Zh && !text.chars().any(is_han) {
            check.at(
                origin,
                columns,
                column,
                format!(
                    "Chinese name {text:?} has no Chinese character, expected the name in Chinese characters (pinyin is derived by the program)"
                ),
            );
        }
        let key = (language, normalise_name(text));
        match self.by_name.get(&key) {
            Some(other) if *other != entity => check.at(
                origin,
                columns,
                column,
                format!(
                    "name {text:?} already belongs to entity {other:?}, expected one id per entity (merge them, or tell them apart by name)"
                ),
            ),
            Some(_) => {}
            None => {
                self.by_name.insert(key, entity.to_string());
            }
        }
    }
}
