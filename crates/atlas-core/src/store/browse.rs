//! Browsing the edition by place and by document: which district each entity is in (directly, or
//! through a park), and the policy library with issuers.

use std::collections::BTreeMap;

use anyhow::Result;

use super::*;

/// An entity placed in a district: the park it is in there (if it is reached through one) and its
/// chain segments.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEntity {
    pub entity: EntityRef,
    /// The park the entity is placed in on its way to the district, if any (the nearest one).
    pub park: Option<EntityRef>,
    pub segments: Vec<String>,
}

/// A district with everything placed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictPlacement {
    pub district: EntityRef,
    /// Everything placed in the district, parks included, each once, by id.
    pub entities: Vec<PlacedEntity>,
}

/// A policy document as the library lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyEntry {
    pub entity: EntityRef,
    pub doc_number: Option<String>,
    pub issued: Option<String>,
    pub horizon: Option<u32>,
    /// The bodies that issued it (`issued_by` links), by id.
    pub issuers: Vec<EntityRef>,
    /// The number of sources the policy row cites.
    pub sources: u32,
}

/// Where each entity sits: the place an entity names as its `district` (a district or park) and
/// every place it is `located_in`, leaving out retracted links. Rows: entity, place.
const PLACED_IN: &str = "
    SELECT e.id AS entity, e.district AS place FROM entities e
      JOIN entities p ON p.id = e.district AND p.kind IN ('district', 'park')
    UNION
    SELECT l.from_id, l.to_id FROM links l
      JOIN entities p ON p.id = l.to_id AND p.kind IN ('district', 'park')
     WHERE l.relation = 'located_in'
       AND CAST(l.id AS TEXT) NOT IN (SELECT id FROM temp.overlay WHERE fact = 'link' AND retracted IS NOT NULL)";

impl Store {
    /// Every district with the entities placed in it: directly, or through parks (a park in a
    /// park counts too), each entity with the nearest park it is placed through (even when it also names the district itself). An entity placed in several
    /// districts is listed in each. Then the areas placed in no district (such as a new area that
    /// spans several), each with what is placed in it, as `DistrictPlacement`s whose `district`
    /// is the area. Districts in id order, then areas in id order; entities by id.
    ///
    /// Time O(P·D) for P placements and the depth D of parks within parks (at most 8 followed).
    pub fn district_placements(&self) -> Result<(Vec<DistrictPlacement>, Vec<DistrictPlacement>)> {
        let sql = format!(
            "WITH RECURSIVE placed(entity, place) AS ({PLACED_IN}),
             up(entity, place, park, depth) AS (
                SELECT p.entity, p.place, NULL, 1 FROM placed p
                UNION
                SELECT up.entity, p.place, coalesce(up.park, up.place), up.depth + 1
                  FROM up JOIN placed p ON p.entity = up.place
                 WHERE up.depth < 8 AND (SELECT kind FROM entities WHERE id = up.place) = 'park'
             )
             SELECT d.id, d.kind, d.name_zh, d.name_en,
                    e.id, e.kind, e.name_zh, e.name_en,
                    k.id, k.kind, k.name_zh, k.name_en,
                    (SELECT group_concat(segment, ';') FROM (SELECT segment FROM entity_segments s
                       WHERE s.entity = e.id ORDER BY segment))
               FROM up
               JOIN entities d ON d.id = up.place
               JOIN entities e ON e.id = up.entity
               LEFT JOIN entities k ON k.id = up.park
              WHERE e.id <> d.id
              ORDER BY d.id, e.id, up.park IS NULL, up.depth"
        );
        let mut places: BTreeMap<String, DistrictPlacement> = BTreeMap::new();
        for d in self.districts()? {
            places.insert(d.id.clone(), DistrictPlacement { district: d, entities: Vec::new() });
        }
        let connection = self.connection();
        let mut statement = connection.prepare(&sql)?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let place = entity_ref(row, 0)?;
            let entity = entity_ref(row, 4)?;
            let park = match row.get::<_, Option<String>>(8)? {
                Some(_) => Some(entity_ref(row, 8)?),
                None => None,
            };
            let segments: Option<String> = row.get(12)?;
            let placement = places
                .entry(place.id.clone())
                .or_insert_with(|| DistrictPlacement { district: place, entities: Vec::new() });
            // An entity's first row names the nearest park it is placed through, if any.
            if placement.entities.last().is_some_and(|p| p.entity.id == entity.id) {
                continue;
            }
            placement.entities.push(PlacedEntity {
                entity,
                park,
                segments: segments.map(|s| s.split(';').map(str::to_string).collect()).unwrap_or_default(),
            });
        }
        // A park is in a district when some district lists it; an area is a park in none, and in
        // no other such park.
        let in_district: std::collections::HashSet<String> = places
            .values()
            .filter(|p| p.district.kind == EntityKind::District)
            .flat_map(|p| p.entities.iter().map(|e| e.entity.id.clone()))
            .collect();
        let in_area: std::collections::HashSet<String> = places
            .values()
            .filter(|p| p.district.kind == EntityKind::Park && !in_district.contains(&p.district.id))
            .flat_map(|p| p.entities.iter().map(|e| e.entity.id.clone()))
            .collect();
        let (districts, rest): (Vec<_>, Vec<_>) =
            places.into_values().partition(|p| p.district.kind == EntityKind::District);
        let areas = rest
            .into_iter()
            .filter(|p| !in_district.contains(&p.district.id) && !in_area.contains(&p.district.id))
            .collect();
        Ok((districts, areas))
    }

    /// The district entities, by id.
    fn districts(&self) -> Result<Vec<EntityRef>> {
        const DISTRICTS: &str = "SELECT id, kind, name_zh, name_en FROM entities WHERE kind = 'district' ORDER BY id";
        let connection = self.connection();
        let mut statement = connection.prepare_cached(DISTRICTS)?;
        let rows = statement.query_map([], |row| entity_ref(row, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every policy document with its number, date, horizon, issuers and how many sources it
    /// cites, newest first (undated last), then by id.
    pub fn policy_library(&self) -> Result<Vec<PolicyEntry>> {
        const POLICIES: &str = "
            SELECT e.id, e.kind, e.name_zh, e.name_en, p.doc_number, p.issued, p.horizon, p.sources
              FROM policies p JOIN entities e ON e.id = p.entity
             ORDER BY p.issued IS NULL, p.issued DESC, e.id";
        const ISSUERS: &str = "
            SELECT l.from_id, e.id, e.kind, e.name_zh, e.name_en
              FROM links l JOIN entities e ON e.id = l.to_id
             WHERE l.relation = 'issued_by'
               AND CAST(l.id AS TEXT) NOT IN (SELECT id FROM temp.overlay WHERE fact = 'link' AND retracted IS NOT NULL)
             ORDER BY l.from_id, e.id";
        let mut issuers: BTreeMap<String, Vec<EntityRef>> = BTreeMap::new();
        {
            let connection = self.connection();
            let mut statement = connection.prepare_cached(ISSUERS)?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let policy: String = row.get(0)?;
                let issuer = entity_ref(row, 1)?;
                let list = issuers.entry(policy).or_default();
                if !list.iter().any(|i| i.id == issuer.id) {
                    list.push(issuer);
                }
            }
        }
        let connection = self.connection();
        let mut statement = connection.prepare_cached(POLICIES)?;
        let mut rows = statement.query([])?;
        let mut library = Vec::new();
        while let Some(row) = rows.next()? {
            let entity = entity_ref(row, 0)?;
            let sources: String = row.get(7)?;
            library.push(PolicyEntry {
                issuers: issuers.remove(&entity.id).unwrap_or_default(),
                entity,
                doc_number: row.get(4)?,
                issued: row.get(5)?,
                horizon: row.get(6)?,
                sources: u32::try_from(sources.split(';').filter(|s| !s.trim().is_empty()).count()).unwrap_or(u32::MAX),
            });
        }
        Ok(library)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use super::*;

    /// A small edition in memory: a district, a park in a park in it, a firm in the inner park, a
    /// firm placed directly, a retracted placement, and an area in no district with a park in it.
    fn store() -> Store {
        let connection = Connection::open_in_memory().unwrap();
        for (_, sql) in MIGRATIONS {
            connection.execute_batch(sql).unwrap();
        }
        connection
            .execute_batch(
                "INSERT INTO segments VALUES ('battery', 1, 'upstream', 'Battery', '电池', '');
                 INSERT INTO entities (id, kind, name_zh, name_en, district, products, confidence) VALUES
                   ('district-a', 'district', '甲区', 'A District', NULL, '', 'confirmed'),
                   ('district-b', 'district', '乙县', 'B County', NULL, '', 'confirmed'),
                   ('park-outer', 'park', '外园', 'Outer Park', 'district-a', '', 'confirmed'),
                   ('park-inner', 'park', '内园', 'Inner Park', NULL, '', 'confirmed'),
                   ('firm-deep', 'firm', '深', 'Deep', NULL, '', 'confirmed'),
                   ('firm-direct', 'firm', '直', 'Direct', 'district-b', '', 'confirmed'),
                   ('firm-gone', 'firm', '去', 'Gone', NULL, '', 'confirmed'),
                   ('area-new', 'park', '新区', 'New Area', NULL, '', 'confirmed'),
                   ('park-sub', 'park', '子园', 'Sub Park', 'area-new', '', 'confirmed'),
                   ('firm-area', 'firm', '区企', 'Area Firm', 'park-sub', '', 'confirmed'),
                   ('gov', 'government_body', '政府', 'Gov', NULL, '', 'confirmed'),
                   ('policy-x', 'policy', '政策', 'Policy', NULL, '', 'confirmed');
                 INSERT INTO entity_segments VALUES ('firm-deep', 'battery');
                 INSERT INTO links (id, from_id, relation, to_id, confidence) VALUES
                   (1, 'park-inner', 'located_in', 'park-outer', 'confirmed'),
                   (2, 'firm-deep', 'located_in', 'park-inner', 'confirmed'),
                   (3, 'firm-gone', 'located_in', 'district-b', 'confirmed'),
                   (4, 'policy-x', 'issued_by', 'gov', 'confirmed');
                 INSERT INTO policies VALUES ('policy-x', '渝府发〔2022〕38号', '2022-08-19', 2030, NULL, 's1;s2');",
            )
            .unwrap();
        let store = Store::from_connection(connection).unwrap();
        store
            .connection()
            .execute(
                "INSERT INTO temp.overlay (fact, id, origin, retracted) VALUES ('link', '3', 'workspace', 'moved')",
                [],
            )
            .unwrap();
        store
    }

    #[test]
    fn entities_reach_their_district_through_parks_and_retracted_links_do_not_count() {
        let (placements, areas) = store().district_placements().unwrap();
        let ids = |i: usize| placements[i].entities.iter().map(|p| p.entity.id.as_str()).collect::<Vec<_>>();
        assert_eq!(placements.len(), 2);
        assert_eq!(placements[0].district.id, "district-a");
        assert_eq!(ids(0), ["firm-deep", "park-inner", "park-outer"]);
        let deep = &placements[0].entities[0];
        assert_eq!(deep.park.as_ref().map(|p| p.id.as_str()), Some("park-inner"));
        assert_eq!(deep.segments, ["battery"]);
        assert_eq!(placements[0].entities[2].park.as_ref().map(|p| p.id.as_str()), None);
        assert_eq!(ids(1), ["firm-direct"]);
        // The area in no district is listed with what is in it; its sub-park is not an area.
        assert_eq!(areas.iter().map(|a| a.district.id.as_str()).collect::<Vec<_>>(), ["area-new"]);
        let area: Vec<_> =
            areas[0].entities.iter().map(|p| (p.entity.id.as_str(), p.park.as_ref().map(|k| k.id.as_str()))).collect();
        assert_eq!(area, [("firm-area", Some("park-sub")), ("park-sub", None)]);
    }

    #[test]
    fn the_library_lists_policies_with_issuers_and_source_counts() {
        let library = store().policy_library().unwrap();
        assert_eq!(library.len(), 1);
        let p = &library[0];
        assert_eq!(p.entity.id, "policy-x");
        assert_eq!(p.doc_number.as_deref(), Some("渝府发〔2022〕38号"));
        assert_eq!(p.horizon, Some(2030));
        assert_eq!(p.issuers.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["gov"]);
        assert_eq!(p.sources, 2);
    }
}
