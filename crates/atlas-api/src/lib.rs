//! The command list of NEV Atlas: every command is declared once in [`commands!`] below, and both
//! transports (the Tauri window and the 127.0.0.1 server) call [`dispatch`], so they cannot drift.
//! This is the only crate whose types cross to the UI; errors cross as `{code, message}` and never
//! carry internal details, which are logged instead.

mod analyses;
pub mod browse;
pub mod editions;
pub mod types;
pub mod workspace;

use std::path::Path;

use atlas_core::Atlas;
use atlas_core::graph::NeighbourhoodQuery;
use serde_json::Value;
use ts_rs::TS;

pub use browse::{DistrictEntry, Districts, DistrictsArgs, PlacedEntity, Policies, PoliciesArgs, PolicyEntry};
pub use editions::{
    DiffAttention, DiffChange, DiffCount, DiffFact, EditionDiffArgs, EditionDiffView, EditionStamp, FactChangeView,
    FieldChangeView, OpenEditionArgs, OpenedEdition,
};
pub use types::*;
pub use workspace::*;

/// The longest message, in characters, that an error carries to the caller. Messages quote what
/// the caller sent (an id, a command name, a JSON error), and a 1 MB id must not come back as a
/// 1 MB body; [`ApiError::not_found`] and [`ApiError::invalid_argument`] cut longer ones.
pub const MESSAGE_MAX_CHARS: usize = 300;

/// `message` cut to [`MESSAGE_MAX_CHARS`] characters, saying how long it was when it is cut.
fn capped(message: String) -> String {
    match message.char_indices().nth(MESSAGE_MAX_CHARS) {
        None => message,
        Some((end, _)) => {
            let total = message.chars().count();
            format!("{}… (cut, {total} characters in all)", &message[..end])
        }
    }
}

impl ApiError {
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { code: ErrorCode::NotFound, message: capped(message.into()) }
    }

    pub fn invalid_argument(message: impl Into<String>) -> ApiError {
        ApiError { code: ErrorCode::InvalidArgument, message: capped(message.into()) }
    }

    /// Logs the real cause and returns a message that reveals nothing about it.
    pub fn internal(error: &anyhow::Error) -> ApiError {
        tracing::error!(error = format!("{error:#}"), "internal error");
        ApiError {
            code: ErrorCode::Internal,
            message: "Something went wrong inside NEV Atlas; the details are in its log.".to_string(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> ApiError {
        ApiError::internal(&error)
    }
}

/// The lists the UI needs from this side of the seam, written into `commands.ts` so they are never
/// copied by hand: error codes, the relations of the supply chain, the kinds that take part in it.
fn vocabulary(config: &ts_rs::Config) -> String {
    use atlas_core::analytics::{MAKER_KINDS, RelationSet, SUPPLIER_KINDS};
    use atlas_core::model::Relation as CoreRelation;
    let list = |items: &[String]| items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ");
    let codes: Vec<String> =
        <ErrorCode as TS>::inline(config).split('|').map(|c| c.trim().trim_matches('"').to_string()).collect();
    let chain = |ownership: bool| -> Vec<String> {
        let set = RelationSet::chain(ownership);
        CoreRelation::ALL.iter().filter(|r| set.contains(**r)).map(|r| r.as_str().to_string()).collect()
    };
    let relations: Vec<String> = CoreRelation::ALL.iter().map(|r| r.as_str().to_string()).collect();
    let supply = chain(false);
    let ownership: Vec<String> = chain(true).into_iter().filter(|r| !supply.contains(r)).collect();
    let mut kinds: Vec<String> = MAKER_KINDS.iter().chain(&SUPPLIER_KINDS).map(|k| k.as_str().to_string()).collect();
    kinds.sort();
    kinds.dedup();
    format!(
        "\n/** The codes of the API's errors. */\nexport const ERROR_CODES = [{}] as const;\n\
         \n/** Every relation a link can have. */\nexport const RELATIONS = [{}] as const;\n\
         \n/** The relations along which goods flow. */\nexport const SUPPLY_RELATIONS = [{}] as const;\n\
         \n/** The relations that join them when ownership counts as supply. */\nexport const OWNERSHIP_RELATIONS = [{}] as const;\n\
         \n/** The kinds of entity that make vehicles or supply them: trace and risk make sense for them. */\nexport const SUPPLY_KINDS = [{}] as const;\n",
        list(&codes),
        list(&relations),
        list(&supply),
        list(&ownership),
        list(&kinds)
    )
}

/// Declares the command list: the dispatch used by every transport, the list of names, and the
/// TypeScript bindings, all from one table. `read` commands see one atlas and answer the same until
/// a write, so the UI may cache them; `jobs` see one atlas too but answer differently each time
/// (background work and its progress); `workspace` commands read the shells' state (workspace,
/// exports, the diff of editions); `write` commands change the user's workspace, or
/// (`open_edition`) the edition open, so cached answers are stale after any of them.
macro_rules! commands {
    (
        read { $($(#[doc = $doc:literal])* $name:ident($args:ty) -> $result:ty;)+ }
        jobs { $($(#[doc = $jdoc:literal])* $jname:ident($jargs:ty) -> $jresult:ty;)+ }
        workspace { $($(#[doc = $wdoc:literal])* $wname:ident($wargs:ty) -> $wresult:ty;)+ }
        write { $($(#[doc = $xdoc:literal])* $xname:ident($xargs:ty) -> $xresult:ty;)+ }
    ) => {
        /// The names of all commands, in the order they are declared.
        pub const COMMANDS: &[&str] = &[$(stringify!($name),)+ $(stringify!($jname),)+ $(stringify!($wname),)+ $(stringify!($xname)),+];

        /// The commands whose answer stays the same until a write: the ones a client may cache.
        pub const CACHEABLE_COMMANDS: &[&str] = &[$(stringify!($name)),+];

        /// The commands that change the user's workspace: after one, cached answers are stale.
        pub const WRITE_COMMANDS: &[&str] = &[$(stringify!($xname)),+];

        /// Runs a read `command` with JSON `args` on one atlas and returns its JSON result.
        pub fn dispatch(atlas: &Atlas, command: &str, args: Value) -> Result<Value, ApiError> {
            match command {
                $(stringify!($name) => {
                    let args: $args = serde_json::from_value(args)
                        .map_err(|e| ApiError::invalid_argument(format!("arguments of {}: {e}", stringify!($name))))?;
                    let result: $result = handlers::$name(atlas, args)?;
                    serde_json::to_value(result).map_err(|e| ApiError::internal(&e.into()))
                })+
                $(stringify!($jname) => {
                    let args: $jargs = serde_json::from_value(args)
                        .map_err(|e| ApiError::invalid_argument(format!("arguments of {}: {e}", stringify!($jname))))?;
                    let result: $jresult = handlers::$jname(atlas, args)?;
                    serde_json::to_value(result).map_err(|e| ApiError::internal(&e.into()))
                })+
                $(stringify!($wname))|+ | $(stringify!($xname))|+ => {
                    Err(ApiError::invalid_argument(format!("{command} needs a workspace")))
                }
                other => Err(ApiError::not_found(format!("no command {other:?}"))),
            }
        }

        /// Runs any `command` against the shells' state: what both transports call.
        pub fn dispatch_state(state: &AppState, command: &str, args: Value) -> Result<Value, ApiError> {
            match command {
                $(stringify!($wname) => {
                    let args: $wargs = serde_json::from_value(args)
                        .map_err(|e| ApiError::invalid_argument(format!("arguments of {}: {e}", stringify!($wname))))?;
                    let result: $wresult = workspace::run::$wname(state, args)?;
                    serde_json::to_value(result).map_err(|e| ApiError::internal(&e.into()))
                })+
                $(stringify!($xname) => {
                    let args: $xargs = serde_json::from_value(args)
                        .map_err(|e| ApiError::invalid_argument(format!("arguments of {}: {e}", stringify!($xname))))?;
                    let result: $xresult = workspace::run::$xname(state, args)?;
                    serde_json::to_value(result).map_err(|e| ApiError::internal(&e.into()))
                })+
                _ => state.read(command, args),
            }
        }

        /// Writes the TypeScript types of every argument and result into `dir`, one file per type,
        /// and `commands.ts` mapping each command to its argument and result types.
        pub fn export_typescript(dir: &Path) -> anyhow::Result<()> {
            let config = ts_rs::Config::new().with_out_dir(dir.join("bindings"));
            $(
                <$args as TS>::export_all(&config)?;
                <$result as TS>::export_all(&config)?;
            )+
            $(
                <$jargs as TS>::export_all(&config)?;
                <$jresult as TS>::export_all(&config)?;
            )+
            $(
                <$wargs as TS>::export_all(&config)?;
                <$wresult as TS>::export_all(&config)?;
            )+
            $(
                <$xargs as TS>::export_all(&config)?;
                <$xresult as TS>::export_all(&config)?;
            )+
            <ApiError as TS>::export_all(&config)?;
            let mut text = String::from("// Generated by `cargo xtask codegen` from crates/atlas-api; do not edit.\n");
            let mut types = vec![
                $(<$args as TS>::ident(&config), <$result as TS>::ident(&config),)+
                $(<$jargs as TS>::ident(&config), <$jresult as TS>::ident(&config),)+
                $(<$wargs as TS>::ident(&config), <$wresult as TS>::ident(&config),)+
                $(<$xargs as TS>::ident(&config), <$xresult as TS>::ident(&config)),+
            ];
            types.sort();
            types.dedup();
            for t in &types {
                text.push_str(&format!("import type {{ {t} }} from \"./bindings/{t}\";\n"));
            }
            text.push_str("\nexport type Commands = {\n");
            $(
                $(text.push_str(&format!("  /**{} */\n", $doc));)*
                text.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", stringify!($name), <$args as TS>::ident(&config), <$result as TS>::ident(&config)));
            )+
            $(
                $(text.push_str(&format!("  /**{} */\n", $jdoc));)*
                text.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", stringify!($jname), <$jargs as TS>::ident(&config), <$jresult as TS>::ident(&config)));
            )+
            $(
                $(text.push_str(&format!("  /**{} */\n", $wdoc));)*
                text.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", stringify!($wname), <$wargs as TS>::ident(&config), <$wresult as TS>::ident(&config)));
            )+
            $(
                $(text.push_str(&format!("  /**{} */\n", $xdoc));)*
                text.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", stringify!($xname), <$xargs as TS>::ident(&config), <$xresult as TS>::ident(&config)));
            )+
            text.push_str("};\n\nexport const COMMANDS = [");
            text.push_str(&COMMANDS.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "));
            text.push_str("] as const;\n\n/** Commands whose answer stays the same until a write: the ones a client may cache. */\nexport const CACHEABLE_COMMANDS: readonly string[] = [");
            text.push_str(&CACHEABLE_COMMANDS.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "));
            text.push_str("];\n\n/** Commands that change the user's workspace. */\nexport const WRITE_COMMANDS: readonly string[] = [");
            text.push_str(&WRITE_COMMANDS.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "));
            text.push_str("];\n");
            text.push_str(&vocabulary(&config));
            std::fs::write(dir.join("commands.ts"), text)?;
            Ok(())
        }
    };
}

commands! {
    read {
    /// What the opened edition holds.
    edition(EditionArgs) -> Edition;
    /// Ranked search over names (Chinese, English, pinyin), document numbers and systems; corrects typos.
    search(SearchArgs) -> SearchResult;
    /// Everything known about one entity, with its links (the first 200 of each relation and direction) and sources.
    entity(EntityArgs) -> EntityPage;
    /// More of one entity's links of one relation and direction, in the page's order, with their sources.
    entity_links(EntityLinksArgs) -> EntityLinks;
    /// The entities around one entity, for the graph view.
    neighbourhood(NeighbourhoodArgs) -> Neighbourhood;
    /// Suppliers upstream of an entity tier by tier, or its customers downstream.
    trace(TraceArgs) -> TraceResult;
    /// How two entities are connected: the shortest paths, each hop with its link and sources.
    paths(PathsArgs) -> PathsResult;
    /// Entities ranked by degree, PageRank or betweenness.
    centrality(CentralityArgs) -> CentralityResult;
    /// Single points of failure: articulation points and bridges.
    cut_points(CutPointsArgs) -> CutPointsResult;
    /// Vehicle makers that get a segment from one or two suppliers only.
    sourcing(SourcingArgs) -> SourcingResult;
    /// Supplier concentration per segment (HHI and top share).
    concentration(SegmentsArgs) -> ConcentrationResult;
    /// How many suppliers of each segment are in Chongqing.
    local_coverage(SegmentsArgs) -> LocalCoverageResult;
    /// Segments with no local supplier or only one, most urgent first.
    gaps(SegmentsArgs) -> LocalCoverageResult;
    /// Remove entities or a whole district or park: which vehicle makers lose all local suppliers of a segment.
    what_if(WhatIfArgs) -> WhatIfResult;
    /// The segments of the chain, upstream to downstream, then the support segments.
    segments(SegmentListArgs) -> SegmentList;
    /// The published systems ("9 + 2 + 5 + 30" first) with their groups and evidence.
    systems(SystemsArgs) -> Systems;
    /// Chongqing's districts and counties with the entities placed in each, directly or through a park.
    districts(DistrictsArgs) -> Districts;
    /// Every policy document: number, date, horizon, issuers.
    policies(PoliciesArgs) -> Policies;
    }
    jobs {
    /// The same ranking computed in the background, for large graphs: returns a job number.
    centrality_start(CentralityArgs) -> JobStarted;
    /// Progress of a background centrality, its result once done; can cancel it.
    centrality_job(CentralityJobArgs) -> CentralityJob;
    }
    workspace {
        /// Your workspace: where it is, its change log, notes, saved views, backups and what needs attention.
        workspace_status(WorkspaceArgs) -> WorkspaceStatus;
        /// A table as CSV (UTF-8 with BOM) or XLSX.
        export_table(ExportTableArgs) -> ExportFile;
        /// The graph (or the listed entities) as GraphML, GEXF, JSON or XLSX.
        export_graph(ExportGraphArgs) -> ExportFile;
        /// A verified backup of your workspace now.
        backup_now(WorkspaceArgs) -> BackupEntry;
        /// What changed since another edition (the one open before, by default): facts added, removed and changed, field by field, with their sources, and what of your workspace needs attention.
        edition_diff(EditionDiffArgs) -> EditionDiffView;
    }
    write {
        /// Add an entity of your own, with its sources.
        add_entity(AddEntityArgs) -> Saved;
        /// Add a link, such as a supplier you know of, with its sources.
        add_link(AddLinkArgs) -> Saved;
        /// Add a figure about an entity, with its sources.
        add_statistic(AddStatisticArgs) -> Saved;
        /// Retract a shipped link or figure, with a reason and sources.
        retract(RetractArgs) -> Saved;
        /// Correct one field of a shipped fact, with sources.
        correct(CorrectArgs) -> Saved;
        /// Write a note on an entity, link, figure, policy or system.
        add_note(NoteArgs) -> Saved;
        /// Save a view or bookmark.
        save_view(SaveViewArgs) -> Saved;
        /// Undo your newest change.
        undo(UndoArgs) -> Saved;
        /// Redo the change you undid last.
        redo(UndoArgs) -> Saved;
        /// Point your facts at an id or key this edition has instead of one it lacks.
        reattach(ReattachArgs) -> Saved;
        /// Import a CSV or XLSX file (a dry run first); all or nothing.
        import_file(ImportArgs) -> ImportReportView;
        /// Restore your workspace from a backup (the current state is backed up first).
        restore_backup(RestoreArgs) -> Saved;
        /// Open another edition file in place of this one (your workspace stays); refused when it is unsigned or changed after signing, unless you accept that.
        open_edition(OpenEditionArgs) -> OpenedEdition;
    }
}

/// One function per command: arguments in, result or coded error out.
mod handlers {
    use super::*;
    use crate::convert::*;

    pub use crate::analyses::{
        centrality, centrality_job, centrality_start, concentration, cut_points, gaps, local_coverage, paths, sourcing,
        trace, what_if,
    };
    pub use crate::browse::{districts, policies};

    pub fn edition(atlas: &Atlas, _: EditionArgs) -> Result<Edition, ApiError> {
        let e = atlas.store.edition()?;
        // Checked once, when the edition was opened (see `Atlas::open`).
        let check = atlas.signature.as_deref();
        let (signature, signer) = (signature_out(check), check.and_then(|c| c.signer()));
        Ok(Edition {
            title: e.title,
            title_zh: Some(e.title_zh).filter(|t| !t.is_empty()),
            version: e.version,
            built_at: e.built_at,
            data_commit: e.data_commit,
            signature,
            signed_by: signer.map(|s| s.name.clone()),
            signer_key: signer.map(|s| s.public_key.clone()),
            synthetic: e.synthetic,
            entities: e.entities,
            links: e.links,
            sources: e.sources,
            first_link_year: atlas.graph.first_link_year(),
        })
    }

    pub fn search(atlas: &Atlas, args: SearchArgs) -> Result<SearchResult, ApiError> {
        let limit = args.limit.unwrap_or(20);
        if !(1..=200).contains(&limit) {
            return Err(ApiError::invalid_argument(format!("limit {limit} is out of range, expected 1 to 200")));
        }
        if args.query.chars().count() > 200 {
            return Err(ApiError::invalid_argument("query is longer than 200 characters"));
        }
        let found = atlas.store.find(&args.query, limit as usize)?;
        let segments: std::collections::HashMap<String, SegmentRef> =
            atlas.store.segments()?.into_iter().map(|s| (s.id.clone(), segment_ref(s))).collect();
        let hits = found
            .hits
            .into_iter()
            .map(|h| {
                let node = atlas.graph.node(&h.entity.id);
                let entity_segments = node
                    .map(|n| atlas.graph.entity(n).segments.iter().filter_map(|s| segments.get(s).cloned()).collect())
                    .unwrap_or_default();
                Ok(SearchHit {
                    grade: atlas.store.best_grade(&h.entity.id)?.map(grade_out),
                    entity: entity_ref(h.entity),
                    district: h.district.map(entity_ref),
                    matched: h.matched,
                    segments: entity_segments,
                })
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(SearchResult {
            query: args.query,
            hits,
            systems: found
                .systems
                .into_iter()
                .map(|s| SystemHit { id: s.id, name_zh: s.name_zh, name_en: s.name_en, matched: s.matched })
                .collect(),
            corrected: found.corrected,
            did_you_mean: found.did_you_mean,
        })
    }

    pub fn entity(atlas: &Atlas, args: EntityArgs) -> Result<EntityPage, ApiError> {
        let as_of = as_of_year(args.as_of)?;
        let mut details =
            atlas.store.entity(&args.id)?.ok_or_else(|| ApiError::not_found(format!("no entity {:?}", args.id)))?;
        // As of a year: only the links that stood then, the user's own among them (one rule, asof.rs).
        let undated = as_of.map(|year| {
            atlas_core::asof::keep_standing(&mut details.links, year, |l| (l.since.as_deref(), l.until.as_deref()))
        });
        let link_groups = cap_links(&mut details.links, LINKS_PER_GROUP);
        atlas.store.fill_link_sources(&mut details.links)?;
        let mut page = entity_page(details);
        page.link_groups = link_groups;
        page.as_of = as_of.zip(undated).map(|(year, undated)| AsOf { year, undated: count(undated) });
        page.systems = atlas.store.memberships(&args.id)?.into_iter().map(membership).collect();
        page.statistics = atlas.store.statistics(&args.id)?.into_iter().map(statistic).collect();
        page.policy = atlas.store.policy(&args.id)?.map(policy);
        Ok(page)
    }

    pub fn entity_links(atlas: &Atlas, args: EntityLinksArgs) -> Result<EntityLinks, ApiError> {
        let as_of = as_of_year(args.as_of)?;
        let offset = args.offset.unwrap_or(0) as usize;
        let limit = args.limit.unwrap_or(LINKS_PER_GROUP as u32);
        if !(1..=1000).contains(&limit) {
            return Err(ApiError::invalid_argument(format!("limit {limit} is out of range, expected 1 to 1000")));
        }
        let outgoing = args.direction == LinkDirection::Outgoing;
        let mut links = atlas
            .store
            .entity_links(&args.id, relation_in(args.relation), outgoing)?
            .ok_or_else(|| ApiError::not_found(format!("no entity {:?}", args.id)))?;
        // The same links as the page as of that year (see `entity`).
        if let Some(year) = as_of {
            atlas_core::asof::keep_standing(&mut links, year, |l| (l.since.as_deref(), l.until.as_deref()));
        }
        let total = links.len();
        let mut links: Vec<_> = links.into_iter().skip(offset).take(limit as usize).collect();
        atlas.store.fill_link_sources(&mut links)?;
        Ok(EntityLinks {
            relation: args.relation,
            direction: args.direction,
            total: count(total),
            offset: count(offset),
            links: links.into_iter().map(link_view).collect(),
        })
    }

    pub fn segments(atlas: &Atlas, _: SegmentListArgs) -> Result<SegmentList, ApiError> {
        let segments = atlas.store.segments()?;
        Ok(SegmentList {
            segments: segments
                .into_iter()
                .map(|s| {
                    let description = s.description.clone();
                    SegmentInfo { segment: segment_ref(s), description }
                })
                .collect(),
        })
    }

    pub fn systems(atlas: &Atlas, _: SystemsArgs) -> Result<Systems, ApiError> {
        Ok(Systems { systems: atlas.store.systems()?.into_iter().map(system).collect() })
    }

    pub fn neighbourhood(atlas: &Atlas, args: NeighbourhoodArgs) -> Result<Neighbourhood, ApiError> {
        let hops = args.hops.unwrap_or(1);
        if hops > 4 {
            return Err(ApiError::invalid_argument(format!("hops {hops} is out of range, expected 0 to 4")));
        }
        let cap = args.cap.unwrap_or(150);
        if !(1..=2000).contains(&cap) {
            return Err(ApiError::invalid_argument(format!("cap {cap} is out of range, expected 1 to 2000")));
        }
        let query = NeighbourhoodQuery {
            hops,
            direction: direction_in(args.direction.unwrap_or(Direction::Both)),
            relations: args.relations.unwrap_or_default().into_iter().map(relation_in).collect(),
            cap: cap as usize,
            as_of: as_of_year(args.as_of)?,
        };
        let found = atlas
            .graph
            .neighbourhood(&args.id, &query)
            .ok_or_else(|| ApiError::not_found(format!("no entity {:?}", args.id)))?;
        Ok(Neighbourhood {
            centre: args.id,
            nodes: found
                .nodes
                .into_iter()
                .map(|(e, distance)| {
                    let entity = match atlas.graph.node(&e.id) {
                        Some(node) => graph_entity(atlas.graph.entity(node)),
                        None => entity_ref(e),
                    };
                    GraphNode { entity, distance }
                })
                .collect(),
            edges: found
                .edges
                .into_iter()
                .map(|(from, to, r)| GraphEdge { from, to, relation: relation_out(r) })
                .collect(),
            hidden: u32::try_from(found.hidden).unwrap_or(u32::MAX),
            as_of: query.as_of.map(|year| AsOf { year, undated: count(found.undated) }),
        })
    }
}

/// How many links of each relation and direction an entity page holds at most; `entity_links`
/// gives the rest. Above the most any entity of the real edition has (Chongqing: 107 entities
/// located in it), so only the hubs of very large editions are cut.
const LINKS_PER_GROUP: usize = 200;

/// Keeps the first `per_group` links of each relation and direction (`links` comes grouped) and
/// returns every group with how many links it had.
fn cap_links(links: &mut Vec<atlas_core::store::LinkView>, per_group: usize) -> Vec<LinkGroup> {
    let mut groups: Vec<LinkGroup> = Vec::new();
    links.retain(|l| {
        let direction = if l.outgoing { LinkDirection::Outgoing } else { LinkDirection::Incoming };
        let relation = convert::relation_out(l.relation);
        let position = match groups.last_mut() {
            Some(g) if g.relation == relation && g.direction == direction => {
                g.total += 1;
                g.total - 1
            }
            _ => {
                groups.push(LinkGroup { relation, direction, total: 1 });
                0
            }
        };
        (position as usize) < per_group
    });
    groups
}

/// A count as it crosses the wire.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The earliest and latest year an `as_of` may name (the years a date in data/ may have).
const AS_OF_YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

/// An `as_of` argument, checked: `None` (as of now) or a year in [`AS_OF_YEARS`].
pub(crate) fn as_of_year(as_of: Option<i32>) -> Result<Option<i32>, ApiError> {
    match as_of {
        Some(year) if !AS_OF_YEARS.contains(&year) => Err(ApiError::invalid_argument(format!(
            "as_of {year} is out of range, expected a year from {} to {}",
            AS_OF_YEARS.start(),
            AS_OF_YEARS.end()
        ))),
        other => Ok(other),
    }
}

/// Conversions between core types and wire types, written out by hand so that neither side's
/// changes leak silently into the other.
mod convert {
    use super::*;
    use atlas_core::model as core;
    use atlas_core::store;

    pub fn kind_out(kind: core::EntityKind) -> EntityKind {
        use core::EntityKind as K;
        match kind {
            K::Firm => EntityKind::Firm,
            K::Brand => EntityKind::Brand,
            K::Plant => EntityKind::Plant,
            K::University => EntityKind::University,
            K::TestAgency => EntityKind::TestAgency,
            K::ProvingGround => EntityKind::ProvingGround,
            K::ResearchInstitute => EntityKind::ResearchInstitute,
            K::Park => EntityKind::Park,
            K::District => EntityKind::District,
            K::GovernmentBody => EntityKind::GovernmentBody,
            K::Alliance => EntityKind::Alliance,
            K::Policy => EntityKind::Policy,
            K::Region => EntityKind::Region,
        }
    }

    const RELATIONS: [(core::Relation, Relation); 11] = [
        (core::Relation::Supplies, Relation::Supplies),
        (core::Relation::Owns, Relation::Owns),
        (core::Relation::JointVenture, Relation::JointVenture),
        (core::Relation::CoDevelops, Relation::CoDevelops),
        (core::Relation::TestsFor, Relation::TestsFor),
        (core::Relation::EducatesFor, Relation::EducatesFor),
        (core::Relation::LocatedIn, Relation::LocatedIn),
        (core::Relation::MemberOf, Relation::MemberOf),
        (core::Relation::InvestsIn, Relation::InvestsIn),
        (core::Relation::IssuedBy, Relation::IssuedBy),
        (core::Relation::Concerns, Relation::Concerns),
    ];

    pub fn relation_out(relation: core::Relation) -> Relation {
        RELATIONS.iter().find(|(c, _)| *c == relation).map_or(Relation::Supplies, |(_, w)| *w)
    }

    pub fn relation_in(relation: Relation) -> core::Relation {
        RELATIONS.iter().find(|(_, w)| *w == relation).map_or(core::Relation::Supplies, |(c, _)| *c)
    }

    pub fn direction_in(direction: Direction) -> atlas_core::graph::Direction {
        match direction {
            Direction::Upstream => atlas_core::graph::Direction::Upstream,
            Direction::Downstream => atlas_core::graph::Direction::Downstream,
            Direction::Both => atlas_core::graph::Direction::Both,
        }
    }

    pub fn confidence_out(confidence: core::Confidence) -> Confidence {
        match confidence {
            core::Confidence::Confirmed => Confidence::Confirmed,
            core::Confidence::Likely => Confidence::Likely,
            core::Confidence::Uncertain => Confidence::Uncertain,
        }
    }

    pub fn entity_ref(e: store::EntityRef) -> EntityRef {
        EntityRef {
            id: e.id,
            kind: kind_out(e.kind),
            name_zh: e.name_zh,
            name_en: e.name_en,
            short_zh: None,
            short_en: None,
        }
    }

    /// What checking an edition's signature found, as the API says it (without asking whether
    /// the key is trusted: see `workspace::signature_status`).
    pub fn signature_out(check: Option<&atlas_core::signature::Check>) -> SignatureStatus {
        use atlas_core::signature::Check;
        match check {
            Some(Check::Valid(_)) => SignatureStatus::Valid,
            Some(Check::Invalid(_)) => SignatureStatus::Invalid,
            Some(Check::Unsigned) | None => SignatureStatus::Unsigned,
        }
    }

    /// An entity as the graph holds it, with the short names for its label.
    pub fn graph_entity(e: &store::GraphEntity) -> EntityRef {
        EntityRef { short_zh: e.short_zh.clone(), short_en: e.short_en.clone(), ..entity_ref(e.entity.clone()) }
    }

    pub fn grade_out(grade: core::Grade) -> Grade {
        match grade {
            core::Grade::A => Grade::A,
            core::Grade::B => Grade::B,
            core::Grade::C => Grade::C,
        }
    }

    pub fn source(s: core::Source) -> SourceView {
        let grade = grade_out(s.grade);
        SourceView {
            id: s.id,
            url: s.url,
            publisher: s.publisher,
            title: s.title,
            published: s.published,
            accessed: s.accessed,
            language: s.language,
            grade,
        }
    }

    pub fn segment_ref(s: core::Segment) -> SegmentRef {
        let stage = match s.stage {
            core::Stage::Upstream => Stage::Upstream,
            core::Stage::Midstream => Stage::Midstream,
            core::Stage::Downstream => Stage::Downstream,
            core::Stage::Support => Stage::Support,
        };
        SegmentRef { id: s.id, name_en: s.name_en, name_zh: s.name_zh, stage }
    }

    pub fn status_out(status: core::Status) -> Status {
        match status {
            core::Status::Confirmed => Status::Confirmed,
            core::Status::Unconfirmed => Status::Unconfirmed,
        }
    }

    fn sources(sources: Vec<core::Source>) -> Vec<SourceView> {
        sources.into_iter().map(source).collect()
    }

    pub fn membership(m: store::Membership) -> MembershipView {
        MembershipView {
            system_id: m.system_id,
            system_name_zh: m.system_name_zh,
            system_name_en: m.system_name_en,
            group_name_zh: m.group_name_zh,
            group_name_en: m.group_name_en,
            status: status_out(m.status),
            sources: sources(m.sources),
        }
    }

    pub fn statistic(s: store::StatisticView) -> StatisticView {
        StatisticView {
            metric: s.metric,
            period: s.period,
            value: s.value,
            unit: s.unit,
            kind: match s.kind {
                core::StatisticKind::Actual => StatisticKind::Actual,
                core::StatisticKind::Target => StatisticKind::Target,
            },
            confidence: confidence_out(s.confidence),
            note: s.note,
            note_zh: s.note_zh,
            sources: sources(s.sources),
            key: s.key,
            origin: origin_out(s.origin),
            retracted: s.retracted,
        }
    }

    pub fn origin_out(origin: core::FactOrigin) -> Origin {
        match origin {
            core::FactOrigin::Edition => Origin::Edition,
            core::FactOrigin::Yours => Origin::Yours,
            core::FactOrigin::Corrected => Origin::Corrected,
        }
    }

    pub fn policy(p: store::PolicyView) -> PolicyView {
        PolicyView {
            doc_number: p.doc_number,
            issued: p.issued,
            horizon: p.horizon,
            targets: p.targets,
            sources: sources(p.sources),
        }
    }

    pub fn system(s: store::SystemView) -> SystemView {
        SystemView {
            id: s.id,
            name_zh: s.name_zh,
            name_en: s.name_en,
            declared_by: s.declared_by.map(entity_ref),
            note: s.note,
            note_zh: s.note_zh,
            sources: sources(s.sources),
            groups: s
                .groups
                .into_iter()
                .map(|g| GroupView {
                    id: g.id,
                    name_zh: g.name_zh,
                    name_en: g.name_en,
                    declared_count: g.declared_count,
                    found: u32::try_from(g.members.len()).unwrap_or(u32::MAX),
                    status: status_out(g.status),
                    note: g.note,
                    note_zh: g.note_zh,
                    sources: sources(g.sources),
                    members: g
                        .members
                        .into_iter()
                        .map(|m| MemberView {
                            entity: entity_ref(m.entity),
                            status: status_out(m.status),
                            note: m.note,
                            note_zh: m.note_zh,
                            sources: sources(m.sources),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn link_view(l: store::LinkView) -> LinkView {
        LinkView {
            relation: relation_out(l.relation),
            direction: if l.outgoing { LinkDirection::Outgoing } else { LinkDirection::Incoming },
            other: entity_ref(l.other),
            product: l.product,
            share: l.share,
            since: l.since,
            until: l.until,
            confidence: confidence_out(l.confidence),
            note: l.note,
            note_zh: l.note_zh,
            sources: l.sources.into_iter().map(source).collect(),
            key: l.key,
            origin: origin_out(l.origin),
            retracted: l.retracted,
            retraction_sources: l.retraction_sources.into_iter().map(source).collect(),
        }
    }

    pub fn entity_page(d: store::EntityDetails) -> EntityPage {
        EntityPage {
            entity: entity_ref(d.entity),
            names: d
                .names
                .into_iter()
                .map(|n| Name {
                    lang: n.language.as_str().to_string(),
                    role: n.role.as_str().to_string(),
                    text: n.text,
                    pinyin: n.pinyin,
                })
                .collect(),
            district: d.district.map(entity_ref),
            segments: d.segments.into_iter().map(segment_ref).collect(),
            products: d.products,
            founded: d.founded,
            website: d.website,
            confidence: confidence_out(d.confidence),
            note: d.note,
            note_zh: d.note_zh,
            sources: d.sources.into_iter().map(source).collect(),
            links: d.links.into_iter().map(link_view).collect(),
            link_groups: Vec::new(),
            systems: Vec::new(),
            statistics: Vec::new(),
            policy: None,
            origin: origin_out(d.origin),
            as_of: None,
        }
    }
}
