//! links/*.csv: typed, directed facts between two entities.

use std::collections::HashSet;

use super::fields::{is_before, is_date};
use super::read::Reader;
use super::{Checker, Dataset, Located};
use crate::model::{Link, Relation};

pub(super) const COLUMNS: &[&str] =
    &["from", "relation", "to", "product", "share", "since", "until", "confidence", "sources", "note"];

pub(super) fn read(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("links", COLUMNS, false, |row| {
        let share = row.decimal("share");
        if let Some(share) = share.filter(|s| !(0.0..=100.0).contains(s)) {
            row.problem("share", format!("share {share} is out of range, expected a percentage from 0 to 100"));
        }
        let since = row.date("since");
        let until = row.date("until");
        if let (Some(since), Some(until)) = (&since, &until)
            && is_date(since)
            && is_date(until)
            && is_before(until, since)
        {
            row.problem(
                "until",
                format!("until {until} is earlier than since {since}, expected until on or after since"),
            );
        }
        let link = Link {
            from: row.required("from"),
            relation: row.parse("relation").unwrap_or(Relation::Supplies),
            to: row.required("to"),
            product: row.optional("product"),
            share,
            since,
            until,
            confidence: row.confidence(),
            sources: row.sources(),
            note: row.optional("note"),
        };
        dataset.links.push(Located { origin: row.origin(), record: link });
    });
}

/// Both ends known and different, no exact repeat, sources known.
pub(super) fn check(dataset: &Dataset, check: &mut Checker<'_>) {
    let mut seen = HashSet::new();
    for l in &dataset.links {
        let r = &l.record;
        check.entity(&l.origin, COLUMNS, "from", &r.from);
        check.entity(&l.origin, COLUMNS, "to", &r.to);
        if r.from == r.to {
            check.at(
                &l.origin,
                COLUMNS,
                "to",
                format!("link from {:?} to itself, expected two different entities", r.from),
            );
        }
        // Conflicting figures (another share, another date) are kept side by side; only exact
        // repeats are refused.
        let key = (
            r.from.as_str(),
            r.relation,
            r.to.as_str(),
            r.product.as_deref(),
            r.share.map(f64::to_bits),
            r.since.as_deref(),
            r.until.as_deref(),
        );
        if !seen.insert(key) {
            check.at(
                &l.origin,
                COLUMNS,
                "from",
                format!(
                    "link {} {} {} is listed twice, expected one row (cite both sources in it)",
                    r.from, r.relation, r.to
                ),
            );
        }
        check.sources(&l.origin, COLUMNS, &r.sources, Some(r.confidence));
    }
}
