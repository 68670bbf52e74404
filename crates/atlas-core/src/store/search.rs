//! Search beyond the names index: policies by document number, published systems by name, and,
//! when nothing matches, close spellings of Latin words and names that sound the same.

use anyhow::Result;

use super::{EntityRef, Store, entity_ref};
use crate::names;

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub entity: EntityRef,
    pub district: Option<EntityRef>,
    /// The name that matched the query best.
    pub matched: String,
    pub score: i64,
}

impl Store {
    /// Ranked search over every name of every entity, in Chinese, English and pinyin.
    ///
    /// A query of one or two Latin letters or digits is answered from [`ShortPrefixes`] (built on
    /// the first such query) when at least `limit` entities have a name, pinyin or initials
    /// starting with it: those prefix matches rank above any other, so ranking every full-text
    /// candidate (most names, for "c") would give the same answer far more slowly.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let ranked = match self.short_ranked(query, limit)? {
            Some(ranked) => ranked,
            None => self.rank_candidates(query, limit)?,
        };
        self.hits(ranked)
    }

    /// The best `limit` entities for a one- or two-letter query from the prefix buckets, or
    /// `None` when the query is longer or fewer than `limit` entities start with it.
    fn short_ranked(&self, query: &str, limit: usize) -> Result<Option<Vec<(String, i64, String)>>> {
        let Some(key) = ShortPrefixes::key(query) else {
            return Ok(None);
        };
        let prefixes = self.short_prefixes()?;
        Ok(prefixes.buckets.get(&key).filter(|bucket| bucket.len() >= limit).map(|bucket| {
            bucket[..limit].iter().map(|(score, id, matched)| (id.clone(), *score, matched.clone())).collect()
        }))
    }

    /// The prefix buckets, built on first use. Time O(names) once per store.
    fn short_prefixes(&self) -> Result<&ShortPrefixes> {
        if let Some(prefixes) = self.short_prefixes.get() {
            return Ok(prefixes);
        }
        let prefixes = ShortPrefixes::build(self)?;
        Ok(self.short_prefixes.get_or_init(|| prefixes))
    }

    /// Every full-text candidate (up to 2,000 by rank) scored with [`names::match_score`], best
    /// `limit` entities first: (entity, score, matched name).
    fn rank_candidates(&self, query: &str, limit: usize) -> Result<Vec<(String, i64, String)>> {
        const CANDIDATES: &str = "
            SELECT n.entity, n.text, n.pinyin, n.initials
            FROM names_fts JOIN names n ON n.id = names_fts.rowid
            WHERE names_fts MATCH ?1
            ORDER BY rank
            LIMIT 2000";
        let Some(fts) = names::fts_query(query) else {
            return Ok(Vec::new());
        };
        let connection = self.connection();
        let mut statement = connection.prepare_cached(CANDIDATES)?;
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
        Ok(ranked)
    }

    fn hits(&self, ranked: Vec<(String, i64, String)>) -> Result<Vec<SearchHit>> {
        const HIT: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, d.id, d.kind, d.name_zh, d.name_en
            FROM entities e LEFT JOIN entities d ON d.id = e.district
            WHERE e.id = ?1";
        let connection = self.connection();
        let mut statement = connection.prepare_cached(HIT)?;
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
}

/// The most entities a prefix bucket keeps: the largest `limit` a search is asked for.
const SHORT_KEPT: usize = 200;

/// For every one- and two-character prefix (lowercase ASCII letters and digits) of the names,
/// their pinyin and their initials: the entities with a name that starts so, best first as
/// [`names::match_score`] ranks them, at most [`SHORT_KEPT`]. A search of one or two letters
/// matches most names in full text; these answer it without ranking them all.
pub(crate) struct ShortPrefixes {
    /// Per prefix: (score, entity, matched name), best first, ties by entity id.
    buckets: std::collections::HashMap<[u8; 2], Vec<(i64, String, String)>>,
}

impl ShortPrefixes {
    /// The bucket key of a query of one or two ASCII letters or digits (spaces around it
    /// ignored), or `None` for any other query.
    fn key(query: &str) -> Option<[u8; 2]> {
        let query = query.trim().as_bytes();
        if query.is_empty() || query.len() > 2 || !query.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut key = [0u8; 2];
        for (slot, byte) in key.iter_mut().zip(query) {
            *slot = byte.to_ascii_lowercase();
        }
        Some(key)
    }

    /// Reads every name once. Time O(names + kept log kept).
    fn build(store: &Store) -> Result<ShortPrefixes> {
        use std::collections::HashMap;
        let connection = store.connection();
        let mut statement = connection.prepare("SELECT entity, text, pinyin, initials FROM names")?;
        let mut rows = statement.query([])?;
        let mut entities: Vec<String> = Vec::new();
        let mut entity_index: HashMap<String, u32> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        // Per prefix, per entity: its best (score, name).
        let mut best: HashMap<[u8; 2], HashMap<u32, (i64, u32)>> = HashMap::new();
        while let Some(row) = rows.next()? {
            let entity: String = row.get(0)?;
            let text: String = row.get(1)?;
            let pinyin: Option<String> = row.get(2)?;
            let initials: Option<String> = row.get(3)?;
            let n = names::normalise_name(&text);
            let p: String = pinyin.as_deref().unwrap_or_default().replace(' ', "");
            let i = initials.unwrap_or_default();
            let length = text.chars().count().min(99) as i64;
            let mut keys: Vec<[u8; 2]> = Vec::with_capacity(6);
            for word in [&n, &p, &i] {
                for size in 1..=2 {
                    if let Some(prefix) = word.get(..size)
                        && let Some(key) = ShortPrefixes::key(prefix)
                        && !keys.contains(&key)
                    {
                        keys.push(key);
                    }
                }
            }
            if keys.is_empty() {
                continue;
            }
            let entity = match entity_index.get(&entity) {
                Some(index) => *index,
                None => {
                    let index = entities.len() as u32;
                    entity_index.insert(entity.clone(), index);
                    entities.push(entity);
                    index
                }
            };
            let name = texts.len() as u32;
            texts.push(text);
            for key in keys {
                let q = &key[..if key[1] == 0 { 1 } else { 2 }];
                let q = std::str::from_utf8(q).unwrap_or_default();
                // names::match_score for a query that is a prefix of the name, its pinyin or
                // its initials (tests check the two agree).
                let base = if n == q {
                    1000
                } else if p == q || i == q {
                    800
                } else if n.starts_with(q) {
                    600
                } else {
                    400
                };
                let score = base - length;
                let slot = best.entry(key).or_default().entry(entity).or_insert((i64::MIN, name));
                if slot.0 < score {
                    *slot = (score, name);
                }
            }
        }
        let mut buckets = HashMap::with_capacity(best.len());
        for (key, found) in best {
            let mut ranked: Vec<(i64, u32, u32)> =
                found.into_iter().map(|(e, (score, name))| (score, e, name)).collect();
            ranked.sort_unstable_by(|a, b| {
                b.0.cmp(&a.0).then_with(|| entities[a.1 as usize].cmp(&entities[b.1 as usize]))
            });
            ranked.truncate(SHORT_KEPT);
            let kept = ranked
                .into_iter()
                .map(|(score, e, name)| (score, entities[e as usize].clone(), texts[name as usize].clone()))
                .collect();
            buckets.insert(key, kept);
        }
        Ok(ShortPrefixes { buckets })
    }
}

/// How many "did you mean" spellings a search offers at most.
const SUGGESTIONS: usize = 3;

/// A published system ("9+2+5+30") whose name matches a query. Systems are not entities; the
/// systems view opens them by id.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemHit {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// The name that matched.
    pub matched: String,
    pub score: i64,
}

/// What a query finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Entities, best first; policies also by their document number.
    pub hits: Vec<SearchHit>,
    /// Systems, best first.
    pub systems: Vec<SystemHit>,
    /// When the query as typed found nothing and a close spelling did: that spelling, which
    /// `hits` and `systems` answer.
    pub corrected: Option<String>,
    /// Spellings to offer when the query as typed found nothing, best first: close spellings of
    /// its Latin words that find something, or parts of names that sound like a Chinese query.
    pub did_you_mean: Vec<String>,
}

impl Found {
    fn is_empty(&self) -> bool {
        self.hits.is_empty() && self.systems.is_empty()
    }
}

impl Store {
    /// Everything `query` finds: entities by name (see [`Store::search`]) or document number,
    /// systems by name; and when that is nothing, the same for the closest spelling of its Latin
    /// words of five letters or more (two edits at most), with spellings to offer.
    ///
    /// Time: one full-text query and two scans of the (small) policy and system tables; when
    /// nothing matches, a one-row full-text lookup per misspelt word and per spelling offered, a
    /// pass over the vocabulary of Latin words (built on the first such search, O(names)), and the
    /// search of the first spelling that finds something.
    pub fn find(&self, query: &str, limit: usize) -> Result<Found> {
        let mut found = self.find_as_typed(query, limit)?;
        if !found.is_empty() {
            return Ok(found);
        }
        for spelling in self.spellings(query)? {
            if found.corrected.is_none() {
                let answer = self.find_as_typed(&spelling, limit)?;
                if answer.is_empty() {
                    continue;
                }
                found.hits = answer.hits;
                found.systems = answer.systems;
                found.corrected = Some(spelling.clone());
            } else if !self.indexes(&spelling)? {
                // Further spellings are only offered: whether any name has them is enough.
                continue;
            }
            found.did_you_mean.push(spelling);
            if found.did_you_mean.len() == SUGGESTIONS {
                break;
            }
        }
        if found.did_you_mean.is_empty() {
            found.did_you_mean = self.sounding_alike(query)?;
        }
        Ok(found)
    }

    fn find_as_typed(&self, query: &str, limit: usize) -> Result<Found> {
        let mut hits = self.search(query, limit)?;
        let documents = self.document_hits(query)?;
        if !documents.is_empty() {
            for (id, score, number) in documents {
                if let Some(known) = hits.iter_mut().find(|h| h.entity.id == id) {
                    if known.score < score {
                        known.score = score;
                        known.matched = number;
                    }
                } else if let Some(hit) = self.hit(&id, score, number)? {
                    hits.push(hit);
                }
            }
            hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.entity.id.cmp(&b.entity.id)));
            hits.truncate(limit);
        }
        let mut systems = self.system_hits(query)?;
        systems.truncate(limit);
        Ok(Found { hits, systems, corrected: None, did_you_mean: Vec::new() })
    }

    /// Policies whose document number `query` gives, however bracketed: (entity, score, number).
    fn document_hits(&self, query: &str) -> Result<Vec<(String, i64, String)>> {
        if names::document_number_key(query).chars().count() < 4 {
            return Ok(Vec::new());
        }
        const NUMBERS: &str =
            "SELECT entity, doc_number FROM policies WHERE doc_number IS NOT NULL AND doc_number <> ''";
        let connection = self.connection();
        let mut statement = connection.prepare_cached(NUMBERS)?;
        let mut rows = statement.query([])?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            let number: String = row.get(1)?;
            if let Some(score) = names::document_number_score(query, &number) {
                found.push((row.get(0)?, score, number));
            }
        }
        Ok(found)
    }

    /// The search hit of entity `id`, or `None` when there is no such entity.
    fn hit(&self, id: &str, score: i64, matched: String) -> Result<Option<SearchHit>> {
        use rusqlite::OptionalExtension;
        const HIT: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, d.id, d.kind, d.name_zh, d.name_en
            FROM entities e LEFT JOIN entities d ON d.id = e.district
            WHERE e.id = ?1";
        let found = self
            .connection()
            .prepare_cached(HIT)?
            .query_row([id], |row| {
                let district = match row.get::<_, Option<String>>(4)? {
                    Some(_) => Some(entity_ref(row, 4)?),
                    None => None,
                };
                Ok((entity_ref(row, 0)?, district))
            })
            .optional()?;
        Ok(found.map(|(entity, district)| SearchHit { entity, district, matched, score }))
    }

    /// Systems whose Chinese or English name matches `query`, best first.
    fn system_hits(&self, query: &str) -> Result<Vec<SystemHit>> {
        const SYSTEMS: &str = "SELECT id, name_zh, name_en FROM systems";
        let connection = self.connection();
        let mut statement = connection.prepare_cached(SYSTEMS)?;
        let mut rows = statement.query([])?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next()? {
            let (name_zh, name_en): (String, String) = (row.get(1)?, row.get(2)?);
            let zh = names::system_score(query, &name_zh);
            let en = names::system_score(query, &name_en);
            let (score, matched) = match (zh, en) {
                (Some(z), Some(e)) if e > z => (e, name_en.clone()),
                (Some(z), _) => (z, name_zh.clone()),
                (None, Some(e)) => (e, name_en.clone()),
                (None, None) => continue,
            };
            hits.push(SystemHit { id: row.get(0)?, name_zh, name_en, matched, score });
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        Ok(hits)
    }

    /// Whether any name holds every word of `text` (as the search reads them), as a prefix.
    fn indexes(&self, text: &str) -> Result<bool> {
        const ANY: &str = "SELECT 1 FROM names_fts WHERE names_fts MATCH ?1 LIMIT 1";
        let Some(fts) = names::fts_query(text) else {
            return Ok(false);
        };
        Ok(self.connection().prepare_cached(ANY)?.exists([fts])?)
    }

    /// The vocabulary of Latin words, built on first use.
    fn vocabulary(&self) -> Result<&names::Vocabulary> {
        if let Some(vocabulary) = self.vocabulary.get() {
            return Ok(vocabulary);
        }
        let connection = self.connection();
        let mut statement = connection.prepare("SELECT text, pinyin FROM names")?;
        let names: Vec<(String, Option<String>)> =
            statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let vocabulary = names::Vocabulary::new(names.iter().map(|(text, pinyin)| (text.as_str(), pinyin.as_deref())));
        Ok(self.vocabulary.get_or_init(|| vocabulary))
    }

    /// Spellings of `query` with each Latin word that no name holds replaced by a close word
    /// that one does: first every such word by its closest, then one word at a time by its next
    /// closest ones. Empty when no word needs or has a replacement.
    fn spellings(&self, query: &str) -> Result<Vec<String>> {
        let mut options: Vec<(std::ops::Range<usize>, Vec<&str>)> = Vec::new();
        for range in names::query_words(query) {
            let word = &query[range.clone()];
            if word.len() < names::TYPO_MIN_LETTERS || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            if self.indexes(word)? {
                continue;
            }
            let closest: Vec<&str> =
                self.vocabulary()?.closest(word, SUGGESTIONS).into_iter().map(|(w, _)| w).collect();
            if !closest.is_empty() {
                options.push((range, closest));
            }
        }
        let spell = |choice: &dyn Fn(usize) -> usize| -> String {
            let mut text = String::new();
            let mut at = 0;
            for (index, (range, words)) in options.iter().enumerate() {
                text.push_str(&query[at..range.start]);
                text.push_str(&names::in_case_of(words[choice(index)], &query[range.clone()]));
                at = range.end;
            }
            text.push_str(&query[at..]);
            text.trim().to_string()
        };
        let mut spellings = Vec::new();
        if options.is_empty() {
            return Ok(spellings);
        }
        spellings.push(spell(&|_| 0));
        for (changed, (_, words)) in options.iter().enumerate() {
            for alternative in 1..words.len() {
                spellings.push(spell(&|index| if index == changed { alternative } else { 0 }));
            }
        }
        spellings.truncate(2 * SUGGESTIONS);
        Ok(spellings)
    }

    /// For a Chinese query that found nothing: parts of names that sound like it, as many
    /// characters long ("长安" for "长按").
    fn sounding_alike(&self, query: &str) -> Result<Vec<String>> {
        const CANDIDATES: &str = "
            SELECT n.text FROM names_fts JOIN names n ON n.id = names_fts.rowid
            WHERE names_fts MATCH ?1 ORDER BY rank LIMIT 200";
        let han: String = query.chars().filter(|c| names::is_han(*c)).collect();
        let length = han.chars().count();
        if length < 2 {
            return Ok(Vec::new());
        }
        let readings = names::query_readings(&han, 4);
        let mut offered: Vec<String> = Vec::new();
        let connection = self.connection();
        let mut statement = connection.prepare_cached(CANDIDATES)?;
        for reading in &readings {
            let Some(fts) = names::fts_query(reading) else { continue };
            let mut rows = statement.query([fts])?;
            while let Some(row) = rows.next()? {
                let text: String = row.get(0)?;
                if let Some(part) = names::sounding_part(&text, &readings, length)
                    && part != han
                    && !offered.contains(&part)
                {
                    offered.push(part);
                }
            }
        }
        offered.truncate(SUGGESTIONS);
        Ok(offered)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

    use super::*;
    use crate::synth::{SynthSize, synthetic_chain};

    /// Every full-text candidate of `query` (no cap) ranked by [`names::match_score`].
    fn every_candidate(store: &Store, query: &str, limit: usize) -> Vec<(String, i64, String)> {
        let fts = names::fts_query(query).unwrap();
        let connection = store.connection();
        let mut statement = connection
            .prepare(
                "SELECT n.entity, n.text, n.pinyin, n.initials FROM names_fts JOIN names n
                 ON n.id = names_fts.rowid WHERE names_fts MATCH ?1",
            )
            .unwrap();
        let mut best: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let rows = statement
            .query_map([&fts], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get(2)?, row.get(3)?)))
            .unwrap();
        for row in rows {
            let (entity, text, pinyin, initials): (String, String, Option<String>, Option<String>) = row.unwrap();
            let score = names::match_score(query, &text, pinyin.as_deref(), initials.as_deref());
            let slot = best.entry(entity).or_insert(i64::MIN);
            *slot = (*slot).max(score);
        }
        let mut ranked: Vec<(String, i64, String)> = best.into_iter().map(|(id, s)| (id, s, String::new())).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
    }

    /// The prefix buckets answer one- and two-letter queries exactly as ranking every full-text
    /// candidate does (which entities, in which order, with which scores), and leave the rest
    /// (longer queries, rare prefixes, other scripts) to it.
    #[test]
    fn short_queries_from_the_prefix_buckets_rank_as_every_candidate_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("synth.sqlite");
        let dataset = synthetic_chain(SynthSize { entities: 3000, links: 9000, seed: 7 });
        crate::store::build_edition(&dataset, &path, "test", "2026-01-01T00:00:00Z").unwrap();
        let store = Store::open(&path).unwrap();
        let mut answered = 0;
        for query in ["c", "x", "s", "ch", "sy", "Sh", "q", "z", "zh", "1", "d", "ca", " c "] {
            for limit in [1, 20, 200] {
                let full = every_candidate(&store, query, limit);
                let Some(short) = store.short_ranked(query, limit).unwrap() else {
                    continue;
                };
                answered += 1;
                let scores = |ranked: &[(String, i64, String)]| {
                    ranked.iter().map(|(id, score, _)| (id.clone(), *score)).collect::<Vec<_>>()
                };
                assert_eq!(scores(&short), scores(&full), "{query:?} limit {limit}");
                assert_eq!(short.len(), limit);
            }
        }
        assert!(answered >= 10, "only {answered} queries came from the buckets");
        for query in ["cha", "长", "c d", "qqq"] {
            assert!(store.short_ranked(query, 20).unwrap().is_none(), "{query}");
        }
        // A prefix too rare to fill the page goes to the full ranking.
        assert!(store.short_ranked("qx", 200).unwrap().is_none());
        assert_eq!(store.search("c", 20).unwrap().len(), 20);
    }
}
