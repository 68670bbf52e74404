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
