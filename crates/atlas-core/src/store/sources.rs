//! Sources: the evidence every fact names.

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::*;

impl Store {
    /// Sources by id, in the order given; unknown ids are skipped (an edition has none).
    pub(super) fn sources(&self, ids: &str) -> Result<Vec<Source>> {
        let mut found = Vec::new();
        for id in ids.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            if let Some(source) = self.source(id)? {
                found.push(source);
            }
        }
        Ok(found)
    }

    /// One source by id.
    pub fn source(&self, id: &str) -> Result<Option<Source>> {
        const SOURCE: &str =
            "SELECT id, url, publisher, title, published, accessed, language, grade, note FROM sources WHERE id = ?1";
        Ok(self.connection().prepare_cached(SOURCE)?.query_row([id], source).optional()?)
    }

    /// Every source, by id.
    pub fn all_sources(&self) -> Result<Vec<Source>> {
        const ALL: &str =
            "SELECT id, url, publisher, title, published, accessed, language, grade, note FROM sources ORDER BY id";
        Ok(self.connection().prepare_cached(ALL)?.query_map([], source)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
