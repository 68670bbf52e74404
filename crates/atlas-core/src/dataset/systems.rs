//! systems/: published groupings such as "9 + 2 + 5 + 30", their groups and members.

use std::collections::HashSet;

use super::read::Reader;
use super::{Checker, Dataset, Located};
use crate::model::{Status, System, SystemGroup, SystemMember};

pub(super) const SYSTEM_COLUMNS: &[&str] = &["id", "name_zh", "name_en", "declared_by", "sources", "note"];
pub(super) const GROUP_COLUMNS: &[&str] =
    &["system", "group", "order", "name_zh", "name_en", "declared_count", "status", "sources", "note"];
pub(super) const MEMBER_COLUMNS: &[&str] = &["system", "group", "entity", "status", "sources", "note"];

pub(super) fn read(reader: &mut Reader, dataset: &mut Dataset) {
    reader.read_table("systems/systems.csv", SYSTEM_COLUMNS, false, |row| {
        let system = System {
            id: row.id("id"),
            name_zh: row.text("name_zh"),
            name_en: row.required("name_en"),
            declared_by: row.optional("declared_by"),
            sources: row.sources(),
            note: row.optional("note"),
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
        };
        dataset.systems.push(Located { origin: row.origin(), record: system });
    });
    reader.read_table("systems/groups.csv", GROUP_COLUMNS, false, |row| {
        let group = SystemGroup {
            system: row.required("system"),
            group: row.id("group"),
            order: row.number("order").unwrap_or(0),
            name_zh: row.text("name_zh"),
            name_en: row.required("name_en"),
            declared_count: row.number("declared_count"),
            status: row.parse("status").unwrap_or(Status::Unconfirmed),
            sources: row.sources(),
            note: row.optional("note"),
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
        };
        dataset.groups.push(Located { origin: row.origin(), record: group });
    });
    reader.read_table("systems/members.csv", MEMBER_COLUMNS, false, |row| {
        let member = SystemMember {
            system: row.required("system"),
            group: row.required("group"),
            entity: row.required("entity"),
            status: row.parse("status").unwrap_or(Status::Unconfirmed),
            sources: row.sources(),
            note: row.optional("note"),
            note_zh: row.optional("note_zh"),
            maintainer_note: row.optional("maintainer_note"),
        };
        dataset.members.push(Located { origin: row.origin(), record: member });
    });
}

/// Unique systems and groups, members in a known group, known entities and sources.
pub(super) fn check(dataset: &Dataset, check: &mut Checker<'_>) {
    let mut systems = HashSet::new();
    for s in &dataset.systems {
        if !systems.insert(s.record.id.as_str()) {
            check.at(
                &s.origin,
                SYSTEM_COLUMNS,
                "id",
                format!("system id {:?} is used twice, expected unique ids", s.record.id),
            );
        }
        if let Some(by) = &s.record.declared_by {
            check.entity(&s.origin, SYSTEM_COLUMNS, "declared_by", by);
        }
        check.sources(&s.origin, SYSTEM_COLUMNS, &s.record.sources, None);
    }
    let mut groups = HashSet::new();
    for g in &dataset.groups {
        if !systems.contains(g.record.system.as_str()) {
            check.at(
                &g.origin,
                GROUP_COLUMNS,
                "system",
                format!("unknown system {:?}, expected an id from systems/systems.csv", g.record.system),
            );
        }
        if !groups.insert((g.record.system.as_str(), g.record.group.as_str())) {
            check.at(
                &g.origin,
                GROUP_COLUMNS,
                "group",
                format!("group {:?} is listed twice in system {:?}", g.record.group, g.record.system),
            );
        }
        check.sources(&g.origin, GROUP_COLUMNS, &g.record.sources, None);
    }
    for m in &dataset.members {
        if !groups.contains(&(m.record.system.as_str(), m.record.group.as_str())) {
            check.at(
                &m.origin,
                MEMBER_COLUMNS,
                "group",
                format!(
                    "unknown group {:?} of system {:?}, expected one from systems/groups.csv",
                    m.record.group, m.record.system
                ),
            );
        }
        check.entity(&m.origin, MEMBER_COLUMNS, "entity", &m.record.entity);
        check.sources(&m.origin, MEMBER_COLUMNS, &m.record.sources, None);
    }
}
