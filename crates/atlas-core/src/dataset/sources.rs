//! sources/*.csv: where facts were read. Ids and URLs are unique, and every source is cited.

use std::collections::{HashMap, HashSet};

use super::fields::{is_date, is_url};
use super::read::Reader;
use super::{Checker, Dataset, Located};
use crate::model::{Grade, Source};

pub const COLUMNS: &[&str] = &["id", "url", "publisher", "title", "published", "accessed", "language", "grade", "note"];

pub(super) fn read(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("sources", COLUMNS, true, |row| {
        let url = row.required("url");
        if !url.is_empty() && !is_url(&url) {
            row.problem("url", format!("URL {url:?} is malformed, expected http:// or https:// followed by a host"));
        }
        let published = row.required("published");
        let published = if published == "n/v" || published.is_empty() {
            None
        } else {
            if !is_date(&published) {
                row.problem(
                    "published",
                    format!("date {published:?} is malformed, expected YYYY, YYYY-MM, YYYY-MM-DD or n/v"),
                );
            }
            Some(published)
        };
        let accessed = row.required("accessed");
        if !accessed.is_empty() && !is_date(&accessed) {
            row.problem("accessed", format!("date {accessed:?} is malformed, expected YYYY-MM-DD"));
        }
        let language = row.required("language");
        if !(language.is_empty() || language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase())) {
            row.problem(
                "language",
                format!("language {language:?} is malformed, expected a two-letter ISO 639-1 code such as zh or en"),
            );
        }
        let source = Source {
            id: row.id("id"),
            url,
            publisher: row.required("publisher"),
            title: row.required("title"),
            published,
            accessed,
            language,
            grade: row.parse("grade").unwrap_or(Grade::C),
            note: row.optional("note"),
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
        };
        dataset.sources.push(Located { origin: row.origin(), record: source });
    });
}

/// Declares the source ids for the other checks; refuses an id or a URL used twice.
pub(super) fn check_ids<'d>(dataset: &'d Dataset, check: &mut Checker<'d>) {
    let mut urls: HashMap<&str, &str> = HashMap::new();
    for s in &dataset.sources {
        if check.sources.contains_key(s.record.id.as_str()) {
            check.at(
                &s.origin,
                COLUMNS,
                "id",
                format!("source id {:?} is used twice, expected unique ids", s.record.id),
            );
        } else {
            check.sources.insert(s.record.id.as_str(), s.record.grade);
        }
        if let Some(other) = urls.insert(s.record.url.as_str(), s.record.id.as_str())
            && other != s.record.id
        {
            check.at(
                &s.origin,
                COLUMNS,
                "url",
                format!("URL already cited as source {other:?}, expected each URL once (reuse {other:?})"),
            );
        }
    }
}

/// A source nothing cites is a leftover (its fact was removed or never written).
pub(super) fn check_cited(dataset: &Dataset, check: &mut Checker<'_>) {
    let cited: HashSet<&str> = dataset
        .fact_sources()
        .chain(dataset.systems.iter().map(|s| s.record.sources.as_slice()))
        .flatten()
        .map(String::as_str)
        .collect();
    for s in dataset.sources.iter().filter(|s| !cited.contains(s.record.id.as_str())) {
        check.at(
            &s.origin,
            COLUMNS,
            "id",
            format!("source {:?} is cited by no fact, expected a fact citing it (or remove the row)", s.record.id),
        );
    }
}
