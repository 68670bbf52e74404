//! Reading and validating data/: the curated dataset as CSV tables.
//!
//! Loading never stops at the first problem: every malformed field, unknown id and missing source
//! is collected as a [`Problem`] with its file, line and column, so one run of `nev-atlas check`
//! lists everything to fix. A dataset with problems is never written anywhere.
//!
//! [`read`] turns files into rows (encodings, line numbers, headers, field counts); each table's
//! module reads its rows into records and checks what crosses tables: [`sources`], [`entities`]
//! (segments, entities and their names), [`links`], [`statistics`], [`systems`] and [`policies`].
//! [`fields`] holds the forms of single fields (ids, dates, periods, URLs).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::model::*;

mod entities;
mod fields;
mod links;
pub mod notes;
mod policies;
mod read;
mod sources;
mod statistics;
mod systems;

/// The columns of each table of data/, in order (without the optional note columns).
pub use entities::COLUMNS as ENTITY_COLUMNS;
pub use fields::{is_before, is_date, is_id, is_period, is_url};
pub use links::COLUMNS as LINK_COLUMNS;
pub use links::{BOTH_CURRENT, open_superseded_stakes};
pub use sources::COLUMNS as SOURCE_COLUMNS;
pub use statistics::COLUMNS as STATISTIC_COLUMNS;

/// One thing wrong in data/, pointing at the field that holds it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the dataset folder, with `/` separators.
    pub file: String,
    /// 1 is the header row.
    pub line: u64,
    /// 1 is the first field; 0 when the problem concerns the whole row or file.
    pub column: u64,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Where a record was read, kept so that later checks can point back at it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: String,
    pub line: u64,
}

/// A record together with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub origin: Origin,
    pub record: T,
}

/// The whole curated dataset, as read from data/.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub segments: Vec<Located<Segment>>,
    pub sources: Vec<Located<Source>>,
    pub entities: Vec<Located<Entity>>,
    pub names: Vec<Located<Name>>,
    pub links: Vec<Located<Link>>,
    pub systems: Vec<Located<System>>,
    pub groups: Vec<Located<SystemGroup>>,
    pub members: Vec<Located<SystemMember>>,
    pub statistics: Vec<Located<Statistic>>,
    pub policies: Vec<Located<Policy>>,
    /// Metric ids documented in statistics/METRICS.md (rows of the form "| `metric` | ..."), when
    /// that file exists; every metric used must be documented there.
    pub documented_metrics: Option<HashSet<String>>,
}

impl Dataset {
    /// The sources cited by each fact: entities, links, statistics, policies, system groups and
    /// members (systems themselves cite sources too, but are not counted as facts).
    pub fn fact_sources(&self) -> impl Iterator<Item = &[String]> {
        self.entities
            .iter()
            .map(|e| e.record.sources.as_slice())
            .chain(self.links.iter().map(|l| l.record.sources.as_slice()))
            .chain(self.statistics.iter().map(|s| s.record.sources.as_slice()))
            .chain(self.policies.iter().map(|p| p.record.sources.as_slice()))
            .chain(self.groups.iter().map(|g| g.record.sources.as_slice()))
            .chain(self.members.iter().map(|m| m.record.sources.as_slice()))
    }
}

/// Reads and validates the dataset in `dir`. Returns the dataset when it has no problem, or every
/// problem found, sorted by file and position.
pub fn load(dir: &Path) -> Result<Dataset, Vec<Problem>> {
    let mut reader = read::Reader::new(dir);
    let mut dataset = Dataset::default();
    entities::read_segments(&mut reader, &mut dataset);
    sources::read(&mut reader, &mut dataset);
    entities::read(&mut reader, &mut dataset);
    entities::read_names(&mut reader, &mut dataset);
    links::read(&mut reader, &mut dataset);
    systems::read(&mut reader, &mut dataset);
    statistics::read(&mut reader, &mut dataset);
    policies::read(&mut reader, &mut dataset);
    let mut problems = reader.problems;
    if problems.is_empty() {
        problems.extend(validate(&dataset));
    }
    if problems.is_empty() {
        Ok(dataset)
    } else {
        problems.sort();
        problems.dedup();
        Err(problems)
    }
}

/// Checks references, uniqueness and provenance across tables.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut check = Checker::default();
    entities::check_segments(dataset, &mut check);
    sources::check_ids(dataset, &mut check);
    entities::check(dataset, &mut check);
    links::check(dataset, &mut check);
    systems::check(dataset, &mut check);
    statistics::check(dataset, &mut check);
    policies::check(dataset, &mut check);
    sources::check_cited(dataset, &mut check);
    check.problems
}

/// What the checks of the tables share: the ids each table declares, and the problems found.
#[derive(Default)]
struct Checker<'d> {
    problems: Vec<Problem>,
    segments: HashSet<&'d str>,
    /// Source id to grade.
    sources: HashMap<&'d str, Grade>,
    /// Entity id to kind.
    entities: HashMap<&'d str, EntityKind>,
}

impl Checker<'_> {
    /// Reports a problem at a record's origin, in the named column of `columns`.
    fn at(&mut self, origin: &Origin, columns: &[&str], column: &str, message: String) {
        let index = columns.iter().position(|c| *c == column).map_or(0, |i| i as u64 + 1);
        self.problems.push(Problem { file: origin.file.clone(), line: origin.line, column: index, message });
    }

    /// Reports an unknown entity id in `column`, unless it is known.
    fn entity(&mut self, origin: &Origin, columns: &[&str], column: &str, id: &str) {
        if !self.entities.contains_key(id) {
            self.at(origin, columns, column, format!("unknown entity {id:?}, expected an id from entities/"));
        }
    }

    /// Checks that every cited source is known, and that a confirmed fact does not rest on grade C
    /// sources alone (`confidence` is `None` for records that carry none).
    fn sources(&mut self, origin: &Origin, columns: &[&str], cited: &[String], confidence: Option<Confidence>) {
        let mut grades = Vec::new();
        for id in cited {
            match self.sources.get(id.as_str()) {
                Some(grade) => grades.push(*grade),
                None => {
                    self.at(origin, columns, "sources", format!("unknown source {id:?}, expected an id from sources/"))
                }
            }
        }
        if confidence == Some(Confidence::Confirmed) && !grades.is_empty() && grades.iter().all(|g| *g == Grade::C) {
            self.at(
                origin,
                columns,
                "confidence",
                "fact rests only on grade C sources, expected confidence uncertain (or a better source)".to_string(),
            );
        }
    }
}

/// Counts per value, ordered, for the coverage report.
pub type Counts = BTreeMap<String, usize>;
