//! Wire types: the arguments and results of every command, as they cross to the UI. TypeScript
//! copies are generated from these into ui/src/ipc/bindings (see `export_typescript`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Firm,
    Brand,
    Plant,
    University,
    TestAgency,
    ProvingGround,
    ResearchInstitute,
    Park,
    District,
    GovernmentBody,
    Alliance,
    Policy,
    Region,
}

/// The type of a directed link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Supplies,
    Owns,
    JointVenture,
    CoDevelops,
    TestsFor,
    EducatesFor,
    LocatedIn,
    MemberOf,
    InvestsIn,
    IssuedBy,
    Concerns,
}

/// How far a source can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Grade {
    A,
    B,
    C,
}

/// How sure the atlas is of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Confirmed,
    Likely,
    Uncertain,
}

/// Which way to walk the chain: upstream follows links into an entity (its suppliers), downstream
/// follows links out of it (its customers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Upstream,
    Downstream,
    Both,
}

/// Whether a link leaves the entity on the page or arrives at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LinkDirection {
    Outgoing,
    Incoming,
}

/// An entity as others refer to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityRef {
    pub id: String,
    pub kind: EntityKind,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    pub query: String,
    /// At most this many hits (default 20, at most 200).
    #[ts(optional)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub entity: EntityRef,
    pub district: Option<EntityRef>,
    /// The name that matched best.
    pub matched: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResult {
    pub query: String,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EntityArgs {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Name {
    /// "zh" or "en".
    pub lang: String,
    /// "legal", "short", "former" or "brand".
    pub role: String,
    pub text: String,
    /// Derived from Chinese names, without tones.
    pub pinyin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceView {
    pub id: String,
    pub url: String,
    pub publisher: String,
    pub title: String,
    /// `null` when the page showed no publication date.
    pub published: Option<String>,
    pub accessed: String,
    pub language: String,
    pub grade: Grade,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentRef {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LinkView {
    pub relation: Relation,
    pub direction: LinkDirection,
    pub other: EntityRef,
    pub product: Option<String>,
    /// Ownership share in percent.
    pub share: Option<f64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityPage {
    pub entity: EntityRef,
    pub names: Vec<Name>,
    pub district: Option<EntityRef>,
    pub segments: Vec<SegmentRef>,
    pub products: Vec<String>,
    pub founded: Option<String>,
    pub website: Option<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
    pub links: Vec<LinkView>,
    /// The published systems (such as "9 + 2 + 5 + 30") it is placed in.
    pub systems: Vec<MembershipView>,
    /// Numbers about it: actuals and plan targets.
    pub statistics: Vec<StatisticView>,
    /// Document number, date and targets when the entity is a policy.
    pub policy: Option<PolicyView>,
}

/// Whether a system's group or member is backed by a source that defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Confirmed,
    Unconfirmed,
}

/// Whether a number was measured or is a plan's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatisticKind {
    Actual,
    Target,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MembershipView {
    pub system_id: String,
    pub system_name_zh: String,
    pub system_name_en: String,
    pub group_name_zh: String,
    pub group_name_en: String,
    pub status: Status,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatisticView {
    /// Such as "nev_production"; data/statistics/METRICS.md explains each.
    pub metric: String,
    /// "2024", "2024-Q3", "2024-H1", "2024-05" or a cumulative range "2024-01/2024-09".
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub kind: StatisticKind,
    pub confidence: Confidence,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PolicyView {
    pub doc_number: Option<String>,
    pub issued: Option<String>,
    /// The year its targets aim at.
    pub horizon: Option<u32>,
    pub targets: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SystemsArgs {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Systems {
    pub systems: Vec<SystemView>,
}

/// A published grouping such as "9 + 2 + 5 + 30": groups with a declared count and the members
/// found with evidence. "Unconfirmed" is a legitimate state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SystemView {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub declared_by: Option<EntityRef>,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
    pub groups: Vec<GroupView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupView {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// The count a source declares; `null` when none does.
    pub declared_count: Option<u32>,
    /// Members found with evidence, to set against the declared count.
    pub found: u32,
    /// Confirmed when a source defines what the group is.
    pub status: Status,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberView {
    pub entity: EntityRef,
    pub status: Status,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NeighbourhoodArgs {
    pub id: String,
    /// Links away from the entity (default 1, at most 4).
    #[ts(optional)]
    pub hops: Option<u32>,
    /// Default both.
    #[ts(optional)]
    pub direction: Option<Direction>,
    /// Relations to follow; default all.
    #[ts(optional)]
    pub relations: Option<Vec<Relation>>,
    /// At most this many entities besides the centre (default 150, at most 2000).
    #[ts(optional)]
    pub cap: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphNode {
    pub entity: EntityRef,
    pub distance: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphEdge {
    pub from: String,
    pub to: String,
    pub relation: Relation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Neighbourhood {
    pub centre: String,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// Entities within reach that the cap left out.
    pub hidden: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EditionArgs {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Edition {
    pub title: String,
    pub version: String,
    pub built_at: String,
    pub entities: u32,
    pub links: u32,
    pub sources: u32,
}

/// The code of an error, for programs; the message is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    InvalidArgument,
    /// The request came from a page the atlas did not serve.
    Forbidden,
    Internal,
}

/// The only error shape that crosses to the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}
