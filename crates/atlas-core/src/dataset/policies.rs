//! policies/*.csv: the details of plans and policy documents, each an entity of kind `policy`.

use std::collections::HashSet;

use super::read::Reader;
use super::{Checker, Dataset, Located};
use crate::model::{EntityKind, Policy};

pub(super) const COLUMNS: &[&str] = &["entity", "doc_number", "issued", "horizon", "targets", "sources"];

pub(super) fn read(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("policies", COLUMNS, false, |row| {
        let policy = Policy {
            entity: row.required("entity"),
            doc_number: row.optional("doc_number"),
            issued: row.date("issued"),
            horizon: row.number("horizon"),
            targets: row.optional("targets"),
            sources: row.sources(),
        };
        dataset.policies.push(Located { origin: row.origin(), record: policy });
    });
}

/// Each policy row names a known policy entity, once, and cites known sources.
pub(super) fn check(dataset: &Dataset, check: &mut Checker<'_>) {
    let mut policies = HashSet::new();
    for p in &dataset.policies {
        match check.entities.get(p.record.entity.as_str()) {
            Some(EntityKind::Policy) => {}
            Some(kind) => check.at(
                &p.origin,
                COLUMNS,
                "entity",
                format!("entity {:?} is a {kind}, expected a policy", p.record.entity),
            ),
            None => check.at(
                &p.origin,
                COLUMNS,
                "entity",
                format!("unknown entity {:?}, expected an id from entities/", p.record.entity),
            ),
        }
        if !policies.insert(p.record.entity.as_str()) {
            check.at(
                &p.origin,
                COLUMNS,
                "entity",
                format!("policy {:?} is listed twice, expected one row", p.record.entity),
            );
        }
        check.sources(&p.origin, COLUMNS, &p.record.sources, None);
    }
}
