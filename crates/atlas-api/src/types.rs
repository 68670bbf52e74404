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
    /// The short names (names/ role "short") for graph labels, in Chinese and English, where
    /// known; sent by the analyses and the neighbourhood, whose answers are drawn as graphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub short_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub short_en: Option<String>,
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
    /// The chain segments the entity is in, upstream first (for the segment facet).
    pub segments: Vec<SegmentRef>,
    /// The best reliability grade among the sources of the entity itself (for the evidence facet).
    pub grade: Option<Grade>,
}

/// A published system ("9+2+5+30") whose name matches the query. Systems are not entities: open
/// one in the systems view (the `systems` command) by its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SystemHit {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// The name that matched.
    pub matched: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResult {
    pub query: String,
    /// Entities, best first. A policy is also found by its document number, however bracketed
    /// (渝府办发〔2024〕29号, [2024] or (2024)); `matched` is then the number.
    pub hits: Vec<SearchHit>,
    /// Systems whose name matches, best first; a separate kind of hit.
    pub systems: Vec<SystemHit>,
    /// Set when the query as typed found nothing and a close spelling did ("Chanagn" to
    /// "Changan"): `hits` and `systems` are then for this spelling. Say so ("Showing results for").
    pub corrected: Option<String>,
    /// When the query as typed found nothing: spellings to offer as "Did you mean", best first
    /// (the first is `corrected` when that is set). Empty otherwise.
    pub did_you_mean: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EntityArgs {
    pub id: String,
    /// Only the links that stood in this year (by their since and until; undated links count in
    /// every year); default all links, as of now.
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<i32>,
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
    pub stage: Stage,
}

/// Where a segment sits in the chain; support segments (testing, research, education,
/// government) stand beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Upstream,
    Midstream,
    Downstream,
    Support,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SegmentListArgs {}

/// The segments of the chain from upstream to downstream, then the support segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentList {
    pub segments: Vec<SegmentInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentInfo {
    pub segment: SegmentRef,
    pub description: String,
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
    /// The note in Chinese, when there is one; show it in 中文 mode.
    pub note_zh: Option<String>,
    pub sources: Vec<SourceView>,
    /// Its stable key, for notes, corrections and retractions.
    pub key: String,
    pub origin: Origin,
    /// Your reason, when you retracted it; it then plays no part in analyses.
    pub retracted: Option<String>,
    pub retraction_sources: Vec<SourceView>,
}

/// How many links of one relation and direction an entity has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LinkGroup {
    pub relation: Relation,
    pub direction: LinkDirection,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EntityLinksArgs {
    pub id: String,
    pub relation: Relation,
    pub direction: LinkDirection,
    /// Skip this many links of the group (default 0).
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<u32>,
    /// At most this many links (default 200, at most 1000).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Only the links that stood in this year, as on the entity page asked with the same year.
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<i32>,
}

/// Links of one relation and direction of an entity from `offset`, in the entity page's order,
/// with their sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityLinks {
    pub relation: Relation,
    pub direction: LinkDirection,
    /// How many links the group holds in all.
    pub total: u32,
    pub offset: u32,
    pub links: Vec<LinkView>,
}

/// Where a fact comes from: the shipped edition, your workspace, or a shipped fact you corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Edition,
    Yours,
    Corrected,
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
    /// The note in Chinese, when there is one; show it in 中文 mode.
    pub note_zh: Option<String>,
    pub sources: Vec<SourceView>,
    /// Its links by relation and direction, at most the first 200 of each (see `link_groups`;
    /// `entity_links` gives the rest).
    pub links: Vec<LinkView>,
    /// Every relation and direction it has links of, with how many (as of `as_of` when asked);
    /// in the order of `links`.
    pub link_groups: Vec<LinkGroup>,
    /// The published systems (such as "9 + 2 + 5 + 30") it is placed in.
    pub systems: Vec<MembershipView>,
    /// Numbers about it: actuals and plan targets.
    pub statistics: Vec<StatisticView>,
    /// Document number, date and targets when the entity is a policy.
    pub policy: Option<PolicyView>,
    pub origin: Origin,
    /// When asked `as_of` a year: the year, and how many of `links` are undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub as_of: Option<AsOf>,
}

/// An answer given as of a year: the year, and how many of the links it shows were kept only
/// because they carry no date (undated links count in every year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AsOf {
    pub year: i32,
    pub undated: u32,
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
    /// The note in Chinese, when there is one; show it in 中文 mode.
    pub note_zh: Option<String>,
    pub sources: Vec<SourceView>,
    /// Its stable key, for notes, corrections and retractions.
    pub key: String,
    pub origin: Origin,
    /// Your reason, when you retracted it.
    pub retracted: Option<String>,
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
    /// The note in Chinese, when there is one; show it in 中文 mode.
    pub note_zh: Option<String>,
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
    /// The note in Chinese, when there is one; show it in 中文 mode.
    pub note_zh: Option<String>,
    pub sources: Vec<SourceView>,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberView {
    pub entity: EntityRef,
    pub status: Status,
    pub note: Option<String>,
    /// The note in Chinese, when there is one; show it in 中文 mode.
    pub note_zh: Option<String>,
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
    /// Follow only the links that stood in this year; default all.
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<i32>,
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
    /// When asked `as_of` a year: the year, and how many of `edges` are undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub as_of: Option<AsOf>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EditionArgs {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Edition {
    pub title: String,
    /// The title in Chinese, when the edition has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title_zh: Option<String>,
    pub version: String,
    pub built_at: String,
    /// The git commit of data/ the edition was built from, or "unknown".
    pub data_commit: String,
    /// What checking its signature found when the app opened it.
    pub signature: SignatureStatus,
    /// Who signed it, as the signer named themself (for a valid or an invalid signature).
    pub signed_by: Option<String>,
    /// The signer's public key (64 hexadecimal digits).
    pub signer_key: Option<String>,
    /// True for an edition of invented data (`nev-atlas synth`), never the curated atlas.
    pub synthetic: bool,
    pub entities: u32,
    pub links: u32,
    pub sources: u32,
    /// The earliest year a link's since or until names, for choosing an "as of" year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub first_link_year: Option<i32>,
}

/// Whether an edition is signed, and whether it is unchanged since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    /// Signed, and unchanged since it was signed.
    Valid,
    /// Signed, but changed after it was signed.
    Invalid,
    Unsigned,
    /// Signed and unchanged, but with another key than the one that signed the edition the app
    /// opened at start (only when opening another edition from the app).
    Untrusted,
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

// Analyses of the chain. Results are capped so that no payload passes 1 MB; `truncated` says how
// many items a cap left out.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TraceArgs {
    pub id: String,
    /// Upstream (suppliers, the default), downstream (customers) or both.
    #[ts(optional)]
    pub direction: Option<Direction>,
    /// Follow at most this many links; default to the end of the chain.
    #[ts(optional)]
    pub max_depth: Option<u32>,
    /// Also follow owns and joint_venture links (default false: supplies only).
    #[ts(optional)]
    pub with_ownership: Option<bool>,
    /// List only entities in these segments; default all.
    #[ts(optional)]
    pub segments: Option<Vec<String>>,
    /// At most this many entities (default 500, at most 3000), nearest tiers first.
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Follow only the links that stood in this year; default all.
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<i32>,
}

/// An entity reached by a trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TraceEntry {
    pub entity: EntityRef,
    /// Its tier: 1 for direct suppliers (or customers).
    pub depth: u32,
    /// The id of the entity one tier nearer through which it was reached.
    pub via: String,
    pub relation: Relation,
    #[ts(type = "number")]
    pub link: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TraceResult {
    pub origin: EntityRef,
    pub direction: Direction,
    pub entries: Vec<TraceEntry>,
    /// How many entities each tier holds (before the limit): tiers[0] is tier 1.
    pub tiers: Vec<u32>,
    pub truncated: u32,
    /// When asked `as_of` a year: the year, and how many entities were reached through an
    /// undated link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub as_of: Option<AsOf>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PathsArgs {
    pub from: String,
    pub to: String,
    /// How many distinct paths, shortest first (default 3, at most 10).
    #[ts(optional)]
    pub k: Option<u32>,
    /// Relations to follow; default all.
    #[ts(optional)]
    pub relations: Option<Vec<Relation>>,
    /// Follow links only from upstream to downstream (default false: either way).
    #[ts(optional)]
    pub directed: Option<bool>,
}

/// One hop of a path, with the link that makes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PathHop {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    #[ts(type = "number")]
    pub link: i64,
    /// True when the link points from `from` to `to`; false when the path walks it backwards.
    pub along: bool,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainPath {
    /// Both ends included.
    pub entities: Vec<EntityRef>,
    pub hops: Vec<PathHop>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PathsResult {
    pub from: EntityRef,
    pub to: EntityRef,
    /// Shortest first; empty when the two are not connected.
    pub paths: Vec<ChainPath>,
}

/// What makes an entity central.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CentralityMeasure {
    /// Links in plus links out.
    Degree,
    Pagerank,
    Betweenness,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CentralityArgs {
    /// Default pagerank.
    #[ts(optional)]
    pub measure: Option<CentralityMeasure>,
    /// Links to count; default all.
    #[ts(optional)]
    pub relations: Option<Vec<Relation>>,
    /// Betweenness from this many sampled entities (at most 2000); default exact up to 5000
    /// entities and 200 samples above.
    #[ts(optional)]
    pub samples: Option<u32>,
    /// Seed of the sample (default 1).
    #[ts(optional)]
    pub seed: Option<u32>,
    /// The top this many (default 50, at most 500).
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// A background job, started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JobStarted {
    /// Its number, for `centrality_job`.
    pub job: u32,
    /// The arguments it runs with, to pass back to `centrality_job`.
    pub args: CentralityArgs,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CentralityJobArgs {
    pub job: u32,
    /// The arguments the job was started with (they say how to rank and cap its scores).
    pub centrality: CentralityArgs,
    /// Ask the job to stop.
    #[ts(optional)]
    pub cancel: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Running,
    Done,
    Cancelled,
}

/// Where a background centrality stands; the result once done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CentralityJob {
    pub job: u32,
    pub status: JobStatus,
    /// Share of the work done, 0 to 1.
    pub done: f64,
    pub result: Option<CentralityResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RankedEntity {
    pub entity: EntityRef,
    pub score: f64,
    pub links_in: u32,
    pub links_out: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CentralityResult {
    pub measure: CentralityMeasure,
    /// How many sampled entities betweenness started from; `null` when exact.
    pub samples: Option<u32>,
    /// Highest first.
    pub entities: Vec<RankedEntity>,
    pub truncated: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CutPointsArgs {
    /// Links to consider, as undirected; default all.
    #[ts(optional)]
    pub relations: Option<Vec<Relation>>,
    /// At most this many of each list (default 200, at most 2000).
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// Two entities whose only connection is the links between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BridgeView {
    pub a: EntityRef,
    pub b: EntityRef,
    #[ts(type = "Array<number>")]
    pub links: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CutPointsResult {
    /// Entities whose loss splits the network.
    pub articulation_points: Vec<EntityRef>,
    pub bridges: Vec<BridgeView>,
    pub truncated: u32,
}

/// Arguments shared by the supply analyses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SourcingArgs {
    /// One vehicle maker; default all.
    #[ts(optional)]
    pub maker: Option<String>,
    /// Count suppliers up to this many tiers upstream (default 3, at most 10).
    #[ts(optional)]
    pub max_depth: Option<u32>,
    /// Also follow owns and joint_venture links (default false).
    #[ts(optional)]
    pub with_ownership: Option<bool>,
    /// Segments to consider; default every segment of the chain (not support ones).
    #[ts(optional)]
    pub segments: Option<Vec<String>>,
    /// At most this many dependencies (default 500, at most 1500).
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// A vehicle maker that gets a segment from one or two suppliers only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dependency {
    pub maker: EntityRef,
    pub segment: SegmentRef,
    pub suppliers: Vec<EntityRef>,
    /// One supplier: a sole source.
    pub sole: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourcingResult {
    pub dependencies: Vec<Dependency>,
    pub truncated: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SegmentsArgs {
    /// Count owns and joint_venture links as customer links too (default false).
    #[ts(optional)]
    pub with_ownership: Option<bool>,
    /// Segments to report; default every segment of the chain (not support ones).
    #[ts(optional)]
    pub segments: Option<Vec<String>>,
}

/// How concentrated one segment's supply is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Concentration {
    pub segment: SegmentRef,
    /// Suppliers with at least one customer link.
    pub suppliers: u32,
    pub customer_links: u32,
    /// Herfindahl-Hirschman index, 0 to 10000; `null` without customer links.
    pub hhi: Option<f64>,
    pub top_supplier: Option<EntityRef>,
    /// The top supplier's share of customer links, 0 to 1.
    pub top_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConcentrationResult {
    pub segments: Vec<Concentration>,
}

/// How many suppliers of a segment are in Chongqing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LocalCoverage {
    pub segment: SegmentRef,
    /// Firms and plants of the segment; for support segments (testing, research, education,
    /// government) also the institutions placed in them.
    pub suppliers: u32,
    pub local_count: u32,
    /// Local suppliers over all suppliers; `null` when there are none.
    pub local_share: Option<f64>,
    /// The local suppliers (at most 50).
    pub local_suppliers: Vec<EntityRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LocalCoverageResult {
    /// Per segment; for `gaps`, only those with at most one local supplier, most urgent first.
    pub segments: Vec<LocalCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WhatIfArgs {
    /// Entities to remove.
    #[ts(optional)]
    pub entities: Option<Vec<String>>,
    /// Districts or parks whose entities are all removed.
    #[ts(optional)]
    pub places: Option<Vec<String>>,
    /// Count suppliers up to this many tiers upstream (default 3, at most 10).
    #[ts(optional)]
    pub max_depth: Option<u32>,
    /// Also follow owns and joint_venture links (default false).
    #[ts(optional)]
    pub with_ownership: Option<bool>,
    /// Segments to consider; default every segment of the chain.
    #[ts(optional)]
    pub segments: Option<Vec<String>>,
}

/// A segment a vehicle maker no longer gets from any local supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentLoss {
    pub segment: SegmentRef,
    /// The local suppliers it had before.
    pub lost_suppliers: Vec<EntityRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MakerLoss {
    pub maker: EntityRef,
    pub segments: Vec<SegmentLoss>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WhatIfResult {
    /// Entities taken out (at most 500 listed; `removed_count` counts all).
    pub removed: Vec<EntityRef>,
    pub removed_count: u32,
    /// Ids the edition does not know.
    pub unknown: Vec<String>,
    /// Vehicle makers that lose every local supplier of a segment.
    pub makers: Vec<MakerLoss>,
    pub truncated: u32,
}
