//! links/*.csv: typed, directed facts between two entities.

use std::collections::{BTreeMap, HashSet};

use super::fields::{is_before, is_date};
use super::read::Reader;
use super::{Checker, Dataset, Located};
use crate::model::{Link, Relation};

pub const COLUMNS: &[&str] =
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
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
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
    check_superseded(dataset, check);
    // One model per fact: a joint venture is an entity that its partners each `own` a share of.
    for rows in two_model_groups(dataset) {
        for l in rows.iter().filter(|l| l.record.relation == Relation::JointVenture) {
            check.at(
                &l.origin,
                COLUMNS,
                "relation",
                format!(
                    "{} holds {} both as owns and as joint_venture, expected one model: an owns link from each partner, with its share",
                    l.record.from, l.record.to
                ),
            );
        }
    }
}

/// The phrase that says, in the `note` or `maintainer_note` of each row, why two open stakes of
/// one owner in one entity are both current (a direct and an indirect holding, two share classes).
pub const BOTH_CURRENT: &str = "both current";

/// An ownership stake: `owns`, or a `joint_venture` or `invests_in` link with a share.
fn is_stake(link: &Link) -> bool {
    link.relation == Relation::Owns
        || matches!(link.relation, Relation::JointVenture | Relation::InvestsIn) && link.share.is_some()
}

fn says_both_current(link: &Link) -> bool {
    [&link.note, &link.maintainer_note].into_iter().flatten().any(|n| n.to_lowercase().contains(BOTH_CURRENT))
}

/// Where a link was read, with its relation and share, for reports.
fn describe(l: &Located<Link>) -> String {
    let share = l.record.share.map_or(String::new(), |s| format!(" {s}%"));
    format!("{}:{} {}{share}", l.origin.file, l.origin.line, l.record.relation)
}

/// The rows of each owner and owned with two open stakes (no `until`) of different shares, where
/// not every such row says [`BOTH_CURRENT`]: an old figure that reads as current.
fn superseded_groups(dataset: &Dataset) -> Vec<Vec<&Located<Link>>> {
    let mut open: BTreeMap<(&str, &str), Vec<&Located<Link>>> = BTreeMap::new();
    for l in dataset.links.iter().filter(|l| is_stake(&l.record) && l.record.until.is_none()) {
        open.entry((l.record.from.as_str(), l.record.to.as_str())).or_default().push(l);
    }
    open.into_values()
        .filter(|rows| {
            let shares: HashSet<Option<u64>> = rows.iter().map(|l| l.record.share.map(f64::to_bits)).collect();
            shares.len() > 1 && !rows.iter().all(|l| says_both_current(&l.record))
        })
        .collect()
}

/// The rows of each pair that holds the same stake in two models, `owns` and `joint_venture` (a
/// joint venture is an entity whose partners each `own` their share).
fn two_model_groups(dataset: &Dataset) -> Vec<Vec<&Located<Link>>> {
    let mut pairs: BTreeMap<(&str, &str), Vec<&Located<Link>>> = BTreeMap::new();
    for l in dataset.links.iter().filter(|l| matches!(l.record.relation, Relation::Owns | Relation::JointVenture)) {
        pairs.entry((l.record.from.as_str(), l.record.to.as_str())).or_default().push(l);
    }
    pairs
        .into_values()
        .filter(|rows| {
            rows.iter().any(|l| l.record.relation == Relation::Owns)
                && rows.iter().any(|l| l.record.relation == Relation::JointVenture)
        })
        .collect()
}

/// One line per group: the pair, then each row's position, relation and share.
fn summaries(groups: Vec<Vec<&Located<Link>>>) -> Vec<String> {
    groups
        .into_iter()
        .filter_map(|rows| {
            let first = &rows.first()?.record;
            Some(format!(
                "{} -> {}: {}",
                first.from,
                first.to,
                rows.iter().map(|l| describe(l)).collect::<Vec<_>>().join(", ")
            ))
        })
        .collect()
}

/// Owner and owned with open stakes of different shares not all marked [`BOTH_CURRENT`], one line
/// per pair with its rows (`check --json`: `open_superseded_stakes`).
pub fn open_superseded_stakes(dataset: &Dataset) -> Vec<String> {
    summaries(superseded_groups(dataset))
}

/// Refuses open superseded stakes, at the `until` of each of their rows.
fn check_superseded(dataset: &Dataset, check: &mut Checker<'_>) {
    for rows in superseded_groups(dataset) {
        let others = |l: &Located<Link>| {
            rows.iter().filter(|o| o.origin != l.origin).map(|o| describe(o)).collect::<Vec<_>>().join(", ")
        };
        for l in &rows {
            check.at(
                &l.origin,
                COLUMNS,
                "until",
                format!(
                    "open stake of {} in {} beside another open figure ({}), expected an until on the superseded one, or \"{BOTH_CURRENT}\" and why in the note of each",
                    l.record.from,
                    l.record.to,
                    others(l)
                ),
            );
        }
    }
}
