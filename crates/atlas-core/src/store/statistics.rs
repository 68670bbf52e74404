//! Statistics: figures about an entity, with their sources.

use anyhow::Result;

use super::*;

/// A number about an entity, with its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct StatisticView {
    pub metric: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub kind: StatisticKind,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    /// The figure's stable key (see [`crate::overlay::statistic_key`]).
    pub key: String,
    pub origin: FactOrigin,
    pub retracted: Option<String>,
}

impl Store {
    /// The statistics about an entity, by metric and period.
    pub fn statistics(&self, id: &str) -> Result<Vec<StatisticView>> {
        const STATISTICS: &str = "
            SELECT s.metric, s.period, s.value, s.unit, s.kind, s.confidence, s.note, s.sources, ov.origin, ov.retracted,
                   s.note_zh
            FROM statistics s LEFT JOIN temp.overlay ov ON ov.fact = 'statistic' AND ov.id = CAST(s.id AS TEXT)
            WHERE s.subject = ?1 ORDER BY s.kind, s.metric, s.period, s.id";
        type Row = (
            String,
            String,
            f64,
            String,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .connection()
            .prepare_cached(STATISTICS)?
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(metric, period, value, unit, kind, confidence, note, sources, origin_text, retracted, note_zh)| {
                let kind = parse(4, kind)?;
                Ok(StatisticView {
                    key: crate::overlay::statistic_key(id, &metric, &period, kind, value),
                    metric,
                    period,
                    value,
                    unit,
                    kind,
                    confidence: parse(5, confidence)?,
                    note,
                    note_zh,
                    sources: self.sources(&sources)?,
                    origin: origin(8, origin_text)?,
                    retracted,
                })
            })
            .collect()
    }
}
