//! Browsing by place and by document: the districts with what is placed in each (for the map),
//! and the policy library. Wire types and handlers of the `districts` and `policies` commands.

use atlas_core::Atlas;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::convert::entity_ref;
use crate::{ApiError, EntityRef};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DistrictsArgs {}

/// Chongqing's districts and counties, each with everything placed in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Districts {
    pub districts: Vec<DistrictEntry>,
    /// Areas placed in no district (such as a new area spanning several), with what is in them.
    pub areas: Vec<DistrictEntry>,
}

/// A district or county (or an area in none) and the entities placed in it, directly or through a park.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DistrictEntry {
    pub district: EntityRef,
    /// Each entity once; an entity placed in several districts is listed in each.
    pub entities: Vec<PlacedEntity>,
}

/// An entity placed in a district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlacedEntity {
    pub entity: EntityRef,
    /// The nearest park on the way to the district, if the entity is placed through one.
    pub park: Option<EntityRef>,
    /// Ids of its chain segments (see `segments`).
    pub segments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PoliciesArgs {}

/// Every policy document of the atlas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Policies {
    pub policies: Vec<PolicyEntry>,
}

/// A policy document as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PolicyEntry {
    pub policy: EntityRef,
    pub doc_number: Option<String>,
    /// The date it was issued: a year, year-month or full date.
    pub issued: Option<String>,
    /// The year its targets aim at.
    pub horizon: Option<u32>,
    pub issuers: Vec<EntityRef>,
    /// How many sources it cites.
    pub sources: u32,
}

pub fn districts(atlas: &Atlas, _: DistrictsArgs) -> Result<Districts, ApiError> {
    let entry = |d: atlas_core::store::DistrictPlacement| DistrictEntry {
        district: entity_ref(d.district),
        entities: d
            .entities
            .into_iter()
            .map(|p| PlacedEntity { entity: entity_ref(p.entity), park: p.park.map(entity_ref), segments: p.segments })
            .collect(),
    };
    let (districts, areas) = atlas.store.district_placements()?;
    Ok(Districts {
        districts: districts.into_iter().map(entry).collect(),
        areas: areas.into_iter().map(entry).collect(),
    })
}

pub fn policies(atlas: &Atlas, _: PoliciesArgs) -> Result<Policies, ApiError> {
    let policies = atlas
        .store
        .policy_library()?
        .into_iter()
        .map(|p| PolicyEntry {
            policy: entity_ref(p.entity),
            doc_number: p.doc_number,
            issued: p.issued,
            horizon: p.horizon,
            issuers: p.issuers.into_iter().map(entity_ref).collect(),
            sources: p.sources,
        })
        .collect();
    Ok(Policies { policies })
}
