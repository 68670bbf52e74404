//! Published systems ("9+2+5+30"), their groups and members.

use anyhow::Result;

use super::*;

/// A published system with its groups, as the systems view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemView {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub declared_by: Option<EntityRef>,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    pub groups: Vec<GroupView>,
}

/// One group of a system: its declared count against the members found.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub declared_count: Option<u32>,
    pub status: Status,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
    pub members: Vec<MemberView>,
}

/// An entity placed in a group, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberView {
    pub entity: EntityRef,
    pub status: Status,
    pub note: Option<String>,
    /// The reader's note in Chinese, when data/ gives one.
    pub note_zh: Option<String>,
    pub sources: Vec<Source>,
}

/// Where an entity appears in a system.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub system_id: String,
    pub system_name_zh: String,
    pub system_name_en: String,
    pub group_name_zh: String,
    pub group_name_en: String,
    pub status: Status,
    pub sources: Vec<Source>,
}

impl Store {
    /// Every published system with its groups and members.
    pub fn systems(&self) -> Result<Vec<SystemView>> {
        const SYSTEMS: &str =
            "SELECT id, name_zh, name_en, declared_by, note, sources, note_zh FROM systems ORDER BY rowid";
        const GROUPS: &str = "SELECT id, name_zh, name_en, declared_count, status, note, sources, note_zh FROM system_groups WHERE system = ?1 ORDER BY position, id";
        const MEMBERS: &str = "SELECT entity, status, note, sources, note_zh FROM system_members WHERE system = ?1 AND group_id = ?2 ORDER BY entity";
        type SystemRow = (String, String, String, Option<String>, Option<String>, String, Option<String>);
        let rows: Vec<SystemRow> = self
            .connection()
            .prepare_cached(SYSTEMS)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut systems = Vec::new();
        for (id, name_zh, name_en, declared_by, note, sources, note_zh) in rows {
            type GroupRow = (String, String, String, Option<u32>, String, Option<String>, String, Option<String>);
            let group_rows: Vec<GroupRow> = self
                .connection()
                .prepare_cached(GROUPS)?
                .query_map([&id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut groups = Vec::new();
            for (group, group_zh, group_en, declared_count, status, group_note, group_sources, group_note_zh) in
                group_rows
            {
                type MemberRow = (String, String, Option<String>, String, Option<String>);
                let member_rows: Vec<MemberRow> = self
                    .connection()
                    .prepare_cached(MEMBERS)?
                    .query_map([&id, &group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut members = Vec::new();
                for (entity, status, note, sources, note_zh) in member_rows {
                    if let Some(entity) = self.entity_ref(&entity)? {
                        members.push(MemberView {
                            entity,
                            status: parse(1, status)?,
                            note,
                            note_zh,
                            sources: self.sources(&sources)?,
                        });
                    }
                }
                groups.push(GroupView {
                    id: group,
                    name_zh: group_zh,
                    name_en: group_en,
                    declared_count,
                    status: parse(4, status)?,
                    note: group_note,
                    note_zh: group_note_zh,
                    sources: self.sources(&group_sources)?,
                    members,
                });
            }
            let declared_by = match declared_by {
                Some(by) => self.entity_ref(&by)?,
                None => None,
            };
            systems.push(SystemView {
                id,
                name_zh,
                name_en,
                declared_by,
                note,
                note_zh,
                sources: self.sources(&sources)?,
                groups,
            });
        }
        Ok(systems)
    }

    /// The systems and groups an entity is placed in.
    pub fn memberships(&self, id: &str) -> Result<Vec<Membership>> {
        const MEMBERSHIPS: &str = "
            SELECT s.id, s.name_zh, s.name_en, g.name_zh, g.name_en, m.status, m.sources
            FROM system_members m
            JOIN systems s ON s.id = m.system
            JOIN system_groups g ON g.system = m.system AND g.id = m.group_id
            WHERE m.entity = ?1 ORDER BY s.rowid, g.position";
        type Row = (String, String, String, String, String, String, String);
        let rows: Vec<Row> = self
            .connection()
            .prepare_cached(MEMBERSHIPS)?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(system_id, system_name_zh, system_name_en, group_name_zh, group_name_en, status, sources)| {
                Ok(Membership {
                    system_id,
                    system_name_zh,
                    system_name_en,
                    group_name_zh,
                    group_name_en,
                    status: parse(5, status)?,
                    sources: self.sources(&sources)?,
                })
            })
            .collect()
    }
}
