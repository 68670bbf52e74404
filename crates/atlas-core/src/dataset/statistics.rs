//! statistics/*.csv: numbers over time, with their metrics documented in statistics/METRICS.md.

use std::collections::HashMap;

use super::fields::{is_id, is_period};
use super::read::Reader;
use super::{Checker, Dataset, Located};
use crate::model::{Statistic, StatisticKind};

pub const COLUMNS: &[&str] = &["subject", "metric", "period", "value", "unit", "kind", "confidence", "sources", "note"];

pub(super) fn read(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("statistics", COLUMNS, false, |row| {
        let period = row.required("period");
        if !period.is_empty() && !is_period(&period) {
            row.problem(
                "period",
                format!("period {period:?} is malformed, expected YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY-MM/YYYY-MM"),
            );
        }
        let value = row.decimal("value");
        if value.is_none() && row.text("value").is_empty() {
            row.problem("value", "empty value, expected a plain number".to_string());
        }
        let statistic = Statistic {
            subject: row.required("subject"),
            metric: row.required("metric"),
            period,
            value: value.unwrap_or(f64::NAN),
            unit: row.required("unit"),
            kind: row.parse("kind").unwrap_or(StatisticKind::Actual),
            confidence: row.confidence(),
            sources: row.sources(),
            note: row.optional("note"),
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
        };
        dataset.statistics.push(Located { origin: row.origin(), record: statistic });
    });
    if let Some(text) = reader.read_text("statistics/METRICS.md") {
        dataset.documented_metrics = Some(
            text.lines()
                .filter_map(|line| line.strip_prefix("| `")?.split_once('`').map(|(id, _)| id.to_string()))
                .collect(),
        );
    }
}

/// Known subjects, documented snake_case metrics, known sources; conflicting figures each carry a
/// note.
pub(super) fn check(dataset: &Dataset, check: &mut Checker<'_>) {
    for s in &dataset.statistics {
        check.entity(&s.origin, COLUMNS, "subject", &s.record.subject);
        if let Some(documented) = &dataset.documented_metrics
            && !documented.contains(&s.record.metric)
        {
            check.at(
                &s.origin,
                COLUMNS,
                "metric",
                format!(
                    "metric {:?} is not documented, expected a row for it in statistics/METRICS.md",
                    s.record.metric
                ),
            );
        }
        if !is_id(&s.record.metric.replace('_', "-")) {
            check.at(
                &s.origin,
                COLUMNS,
                "metric",
                format!("metric {:?} is malformed, expected snake_case", s.record.metric),
            );
        }
        check.sources(&s.origin, COLUMNS, &s.record.sources, Some(s.record.confidence));
    }
    // Conflicting figures are kept side by side, and each says so in its note.
    let mut figures: HashMap<(&str, &str, &str, StatisticKind), Vec<&Located<Statistic>>> = HashMap::new();
    for s in &dataset.statistics {
        let r = &s.record;
        figures.entry((r.subject.as_str(), r.metric.as_str(), r.period.as_str(), r.kind)).or_default().push(s);
    }
    for s in dataset.statistics.iter().filter(|s| s.record.note.is_none()) {
        let r = &s.record;
        if let Some(rows) = figures.get(&(r.subject.as_str(), r.metric.as_str(), r.period.as_str(), r.kind))
            && let Some(other) = rows.iter().find(|o| o.record.value != r.value)
        {
            check.at(
                &s.origin,
                COLUMNS,
                "note",
                format!(
                    "value {} conflicts with {} at {}:{} (same subject, metric and period), expected a note on each row naming the other figure",
                    s.record.value, other.record.value, other.origin.file, other.origin.line
                ),
            );
        }
    }
}
