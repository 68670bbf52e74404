//! Reading and validating data/: the curated dataset as CSV tables.
//!
//! Loading never stops at the first problem: every malformed field, unknown id and missing source
//! is collected as a [`Problem`] with its file, line and column, so one run of `nev-atlas check`
//! lists everything to fix. A dataset with problems is never written anywhere.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::*;

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
    let mut reader = Reader { dir: dir.to_path_buf(), problems: Vec::new() };
    let dataset = reader.read_all();
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

// Column lists, in the order the files must have them.
const SEGMENT_COLUMNS: &[&str] = &["id", "order", "stage", "name_en", "name_zh", "description"];
const SOURCE_COLUMNS: &[&str] =
    &["id", "url", "publisher", "title", "published", "accessed", "language", "grade", "note"];
const ENTITY_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "name_zh",
    "name_en",
    "district",
    "segments",
    "products",
    "founded",
    "website",
    "confidence",
    "sources",
    "note",
];
const NAME_COLUMNS: &[&str] = &["entity", "lang", "role", "name"];
const LINK_COLUMNS: &[&str] =
    &["from", "relation", "to", "product", "share", "since", "until", "confidence", "sources", "note"];
const SYSTEM_COLUMNS: &[&str] = &["id", "name_zh", "name_en", "declared_by", "sources", "note"];
const GROUP_COLUMNS: &[&str] =
    &["system", "group", "order", "name_zh", "name_en", "declared_count", "status", "sources", "note"];
const MEMBER_COLUMNS: &[&str] = &["system", "group", "entity", "status", "sources", "note"];
const STATISTIC_COLUMNS: &[&str] =
    &["subject", "metric", "period", "value", "unit", "kind", "confidence", "sources", "note"];
const POLICY_COLUMNS: &[&str] = &["entity", "doc_number", "issued", "horizon", "targets", "sources"];

struct Reader {
    dir: PathBuf,
    problems: Vec<Problem>,
}

/// One CSV record with the means to parse its fields and report problems at their position.
struct Row<'a> {
    file: &'a str,
    line: u64,
    columns: &'a [&'a str],
    record: csv::StringRecord,
    problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    fn origin(&self) -> Origin {
        Origin { file: self.file.to_string(), line: self.line }
    }

    fn problem(&mut self, column: &str, message: String) {
        let index = self.columns.iter().position(|c| *c == column).map_or(0, |i| i as u64 + 1);
        self.problems.push(Problem { file: self.file.to_string(), line: self.line, column: index, message });
    }

    fn text(&self, column: &str) -> String {
        let index = self.columns.iter().position(|c| *c == column);
        index.and_then(|i| self.record.get(i)).map(str::trim).unwrap_or_default().to_string()
    }

    fn optional(&self, column: &str) -> Option<String> {
        Some(self.text(column)).filter(|t| !t.is_empty())
    }

    fn required(&mut self, column: &str) -> String {
        let text = self.text(column);
        if text.is_empty() {
            self.problem(column, format!("empty {column}, expected a value"));
        }
        text
    }

    fn id(&mut self, column: &str) -> String {
        let text = self.required(column);
        if !text.is_empty() && !is_id(&text) {
            self.problem(
                column,
                format!("id {text:?} is malformed, expected lower-case ASCII letters, digits and hyphens"),
            );
        }
        text
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.text(column).split(';').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
    }

    fn sources(&mut self) -> Vec<String> {
        let sources = self.list("sources");
        if sources.is_empty() {
            self.problem("sources", "no source, expected at least one source id".to_string());
        }
        sources
    }

    fn parse<T: std::str::FromStr<Err = String>>(&mut self, column: &str) -> Option<T> {
        let text = self.required(column);
        if text.is_empty() {
            return None;
        }
        match text.parse() {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(column, message);
                None
            }
        }
    }

    fn confidence(&mut self) -> Confidence {
        match self.optional("confidence") {
            None => Confidence::Confirmed,
            Some(text) => text.parse().unwrap_or_else(|message| {
                self.problem("confidence", message);
                Confidence::Confirmed
            }),
        }
    }

    fn date(&mut self, column: &str) -> Option<String> {
        let text = self.optional(column)?;
        if !is_date(&text) {
            self.problem(column, format!("date {text:?} is malformed, expected YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        Some(text)
    }

    fn number<T: std::str::FromStr>(&mut self, column: &str) -> Option<T> {
        let text = self.optional(column)?;
        match text.parse() {
            Ok(value) => Some(value),
            Err(_) => {
                self.problem(column, format!("{text:?} is not a number, expected a plain number such as 42 or 12.5"));
                None
            }
        }
    }

    fn url(&mut self, column: &str) -> Option<String> {
        let text = self.optional(column)?;
        if !is_url(&text) {
            self.problem(column, format!("URL {text:?} is malformed, expected http:// or https:// followed by a host"));
        }
        Some(text)
    }
}

impl Reader {
    fn read_all(&mut self) -> Dataset {
        let mut dataset = Dataset::default();
        self.read_table("segments.csv", SEGMENT_COLUMNS, true, |row| {
            let order = row.number("order");
            if row.text("order").is_empty() {
                row.problem("order", "empty order, expected a position such as 1".to_string());
            }
            let segment = Segment {
                id: row.id("id"),
                order: order.unwrap_or(0),
                stage: row.parse("stage").unwrap_or(Stage::Support),
                name_en: row.required("name_en"),
                name_zh: row.required("name_zh"),
                description: row.text("description"),
            };
            dataset.segments.push(Located { origin: row.origin(), record: segment });
        });
        self.read_table("sources", SOURCE_COLUMNS, true, |row| {
            let url = row.required("url");
            if !url.is_empty() && !is_url(&url) {
                row.problem(
                    "url",
                    format!("URL {url:?} is malformed, expected http:// or https:// followed by a host"),
                );
            }
            let published = row.required("published");
            let published = if published == "n/v" || published.is_empty() {
                None
            } else {
                if !is_date(&published) {
                    row.problem(
                        "published",
                        format!("date {published:?} is malformed, expected YYYY, YYYY-MM, YYYY-MM-DD or n/v"),
                    );
                }
                Some(published)
            };
            let accessed = row.required("accessed");
            if !accessed.is_empty() && !is_date(&accessed) {
                row.problem("accessed", format!("date {accessed:?} is malformed, expected YYYY-MM-DD"));
            }
            let language = row.required("language");
            if !(language.is_empty() || language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase())) {
                row.problem(
                    "language",
                    format!(
                        "language {language:?} is malformed, expected a two-letter ISO 639-1 code such as zh or en"
                    ),
                );
            }
            let source = Source {
                id: row.id("id"),
                url,
                publisher: row.required("publisher"),
                title: row.required("title"),
                published,
                accessed,
                language,
                grade: row.parse("grade").unwrap_or(Grade::C),
                note: row.optional("note"),
            };
            dataset.sources.push(Located { origin: row.origin(), record: source });
        });
        self.read_table("entities", ENTITY_COLUMNS, true, |row| {
            let entity = Entity {
                id: row.id("id"),
                kind: row.parse("kind").unwrap_or(EntityKind::Firm),
                name_zh: row.optional("name_zh"),
                name_en: row.optional("name_en"),
                district: row.optional("district"),
                segments: row.list("segments"),
                products: row.list("products"),
                founded: row.date("founded"),
                website: row.url("website"),
                confidence: row.confidence(),
                sources: row.sources(),
                note: row.optional("note"),
            };
            if entity.name_zh.is_none() && entity.name_en.is_none() {
                row.problem("name_en", "no name, expected name_zh or name_en".to_string());
            }
            dataset.entities.push(Located { origin: row.origin(), record: entity });
        });
        self.read_table("names", NAME_COLUMNS, false, |row| {
            let name = Name {
                entity: row.required("entity"),
                language: row.parse("lang").unwrap_or(Language::Zh),
                role: row.parse("role").unwrap_or(NameRole::Short),
                text: row.required("name"),
            };
            dataset.names.push(Located { origin: row.origin(), record: name });
        });
        self.read_table("links", LINK_COLUMNS, false, |row| {
            let share: Option<f64> = row.number("share");
            if let Some(share) = share.filter(|s| !(0.0..=100.0).contains(s)) {
                row.problem("share", format!("share {share} is out of range, expected a percentage from 0 to 100"));
            }
            let link = Link {
                from: row.required("from"),
                relation: row.parse("relation").unwrap_or(Relation::Supplies),
                to: row.required("to"),
                product: row.optional("product"),
                share,
                since: row.date("since"),
                until: row.date("until"),
                confidence: row.confidence(),
                sources: row.sources(),
                note: row.optional("note"),
            };
            dataset.links.push(Located { origin: row.origin(), record: link });
        });
        self.read_table("systems/systems.csv", SYSTEM_COLUMNS, false, |row| {
            let system = System {
                id: row.id("id"),
                name_zh: row.text("name_zh"),
                name_en: row.required("name_en"),
                declared_by: row.optional("declared_by"),
                sources: row.sources(),
                note: row.optional("note"),
            };
            dataset.systems.push(Located { origin: row.origin(), record: system });
        });
        self.read_table("systems/groups.csv", GROUP_COLUMNS, false, |row| {
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
            };
            dataset.groups.push(Located { origin: row.origin(), record: group });
        });
        self.read_table("systems/members.csv", MEMBER_COLUMNS, false, |row| {
            let member = SystemMember {
                system: row.required("system"),
                group: row.required("group"),
                entity: row.required("entity"),
                status: row.parse("status").unwrap_or(Status::Unconfirmed),
                sources: row.sources(),
                note: row.optional("note"),
            };
            dataset.members.push(Located { origin: row.origin(), record: member });
        });
        self.read_table("statistics", STATISTIC_COLUMNS, false, |row| {
            let period = row.required("period");
            if !period.is_empty() && !is_period(&period) {
                row.problem(
                    "period",
                    format!(
                        "period {period:?} is malformed, expected YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY-MM/YYYY-MM"
                    ),
                );
            }
            let value = row.number("value");
            if value.is_none() && row.text("value").is_empty() {
                row.problem("value", "empty value, expected a plain number".to_string());
            }
            let statistic = Statistic {
                subject: row.required("subject"),
                metric: row.required("metric"),
                period,
                value: value.unwrap_or(f64::NAN),
                unit: row.required("unit"),
                kind: row.parse("kind").unwrap_or(StatisticKind::Actual),
                confidence: row.confidence(),
                sources: row.sources(),
                note: row.optional("note"),
            };
            dataset.statistics.push(Located { origin: row.origin(), record: statistic });
        });
        let metrics = self.dir.join("statistics/METRICS.md");
        if let Ok(text) = std::fs::read_to_string(&metrics) {
            dataset.documented_metrics = Some(
                text.lines()
                    .filter_map(|line| line.strip_prefix("| `")?.split_once('`').map(|(id, _)| id.to_string()))
                    .collect(),
            );
        }
        self.read_table("policies", POLICY_COLUMNS, false, |row| {
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
        dataset
    }

    /// Reads one table: a single file, or every `*.csv` in a folder in file-name order.
    fn read_table(&mut self, name: &str, columns: &[&str], required: bool, mut each: impl FnMut(&mut Row<'_>)) {
        let path = self.dir.join(name);
        let files = if path.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
                        .collect();
                    files.sort();
                    files
                }
                Err(error) => {
                    self.file_problem(name, format!("cannot read folder: {error}"));
                    return;
                }
            }
        } else if path.is_file() {
            vec![path]
        } else {
            if required {
                self.file_problem(name, "missing, expected this file or folder".to_string());
            }
            return;
        };
        for file in files {
            let relative = file.strip_prefix(&self.dir).unwrap_or(&file).to_string_lossy().replace('\\', "/");
            self.read_file(&file, &relative, columns, &mut each);
        }
    }

    fn file_problem(&mut self, file: &str, message: String) {
        self.problems.push(Problem { file: file.to_string(), line: 0, column: 0, message });
    }

    fn read_file(&mut self, path: &Path, relative: &str, columns: &[&str], each: &mut impl FnMut(&mut Row<'_>)) {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => return self.file_problem(relative, format!("cannot read file: {error}")),
        };
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.problems.push(Problem {
                file: relative.to_string(),
                line: 1,
                column: 1,
                message: "file starts with a byte-order mark, expected UTF-8 without BOM".to_string(),
            });
            return;
        }
        if let Err(error) = std::str::from_utf8(&bytes) {
            let line = bytes[..error.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64 + 1;
            let column = bytes[..error.valid_up_to()].iter().rev().take_while(|b| **b != b'\n').count() as u64 + 1;
            self.problems.push(Problem {
                file: relative.to_string(),
                line,
                column,
                message: "invalid UTF-8 (a GBK or Latin-1 file?), expected UTF-8 text".to_string(),
            });
            return;
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes.as_slice());
        match reader.headers() {
            Ok(header) => {
                let found: Vec<&str> = header.iter().map(str::trim).collect();
                if found != columns {
                    let column =
                        found.iter().zip(columns).position(|(a, b)| a != b).unwrap_or(found.len().min(columns.len()))
                            as u64
                            + 1;
                    self.problems.push(Problem {
                        file: relative.to_string(),
                        line: 1,
                        column,
                        message: format!("header is {}, expected {}", found.join(","), columns.join(",")),
                    });
                    return;
                }
            }
            Err(error) => {
                return self.file_problem(relative, format!("cannot read header: {error}"));
            }
        }
        for result in reader.records() {
            match result {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    if record.len() != columns.len() {
                        self.problems.push(Problem {
                            file: relative.to_string(),
                            line,
                            column: record.len().min(columns.len()) as u64 + 1,
                            message: format!("{} fields, expected {}", record.len(), columns.len()),
                        });
                        continue;
                    }
                    let mut row = Row { file: relative, line, columns, record, problems: &mut self.problems };
                    each(&mut row);
                }
                Err(error) => {
                    let line = error.position().map_or(0, |p| p.line());
                    self.problems.push(Problem {
                        file: relative.to_string(),
                        line,
                        column: 0,
                        message: format!("malformed CSV: {error}"),
                    });
                }
            }
        }
    }
}

/// Reports a problem at a record's origin, in a named column.
type Report<'a> = dyn FnMut(&Origin, &[&str], &str, String) + 'a;

/// Checks references, uniqueness and provenance across tables.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut at = |origin: &Origin, columns: &[&str], column: &str, message: String| {
        let index = columns.iter().position(|c| *c == column).map_or(0, |i| i as u64 + 1);
        problems.push(Problem { file: origin.file.clone(), line: origin.line, column: index, message });
    };

    let mut segments = HashSet::new();
    for s in &dataset.segments {
        if !segments.insert(s.record.id.as_str()) {
            at(
                &s.origin,
                SEGMENT_COLUMNS,
                "id",
                format!("segment id {:?} is used twice, expected unique ids", s.record.id),
            );
        }
    }
    let mut sources: HashMap<&str, Grade> = HashMap::new();
    let mut urls: HashMap<&str, &str> = HashMap::new();
    for s in &dataset.sources {
        if sources.contains_key(s.record.id.as_str()) {
            at(
                &s.origin,
                SOURCE_COLUMNS,
                "id",
                format!("source id {:?} is used twice, expected unique ids", s.record.id),
            );
        } else {
            sources.insert(s.record.id.as_str(), s.record.grade);
        }
        if let Some(other) = urls.insert(s.record.url.as_str(), s.record.id.as_str())
            && other != s.record.id
        {
            at(
                &s.origin,
                SOURCE_COLUMNS,
                "url",
                format!("URL already cited as source {other:?}, expected each URL once (reuse {other:?})"),
            );
        }
    }
    let mut entities: HashMap<&str, EntityKind> = HashMap::new();
    for e in &dataset.entities {
        if entities.insert(e.record.id.as_str(), e.record.kind).is_some() {
            at(
                &e.origin,
                ENTITY_COLUMNS,
                "id",
                format!("entity id {:?} is used twice, expected unique ids", e.record.id),
            );
        }
    }
    let check_sources = |origin: &Origin,
                         columns: &[&str],
                         cited: &[String],
                         confidence: Option<Confidence>,
                         at: &mut Report<'_>| {
        let mut grades = Vec::new();
        for id in cited {
            match sources.get(id.as_str()) {
                Some(grade) => grades.push(*grade),
                None => at(origin, columns, "sources", format!("unknown source {id:?}, expected an id from sources/")),
            }
        }
        if confidence == Some(Confidence::Confirmed) && !grades.is_empty() && grades.iter().all(|g| *g == Grade::C) {
            at(
                origin,
                columns,
                "confidence",
                "fact rests only on grade C sources, expected confidence uncertain (or a better source)".to_string(),
            );
        }
    };

    // Entities: district, segments, sources; and the same entity under two ids, found by name.
    let mut by_name: HashMap<(Language, String), String> = HashMap::new();
    let mut note_name = |origin: &Origin,
                         columns: &[&str],
                         column: &str,
                         entity: &str,
                         language: Language,
                         text: &str,
                         at: &mut Report<'_>| {
        if language == Language::Zh && !text.chars().any(crate::names::is_han) {
            at(
                origin,
                columns,
                column,
                format!(
                    "Chinese name {text:?} has no Chinese character, expected the name in Chinese characters (pinyin is derived by the program)"
                ),
            );
        }
        let key = (language, normalise_name(text));
        match by_name.get(&key) {
            Some(other) if *other != entity => at(
                origin,
                columns,
                column,
                format!(
                    "name {text:?} already belongs to entity {other:?}, expected one id per entity (merge them, or tell them apart by name)"
                ),
            ),
            Some(_) => {}
            None => {
                by_name.insert(key, entity.to_string());
            }
        }
    };
    for e in &dataset.entities {
        let r = &e.record;
        if let Some(district) = &r.district {
            match entities.get(district.as_str()) {
                Some(EntityKind::District | EntityKind::Park | EntityKind::Region) => {}
                Some(kind) => at(
                    &e.origin,
                    ENTITY_COLUMNS,
                    "district",
                    format!("district {district:?} is a {kind}, expected a district or park"),
                ),
                None => at(
                    &e.origin,
                    ENTITY_COLUMNS,
                    "district",
                    format!("unknown district {district:?}, expected an entity id of kind district or park"),
                ),
            }
        }
        for segment in &r.segments {
            if !segments.contains(segment.as_str()) {
                at(
                    &e.origin,
                    ENTITY_COLUMNS,
                    "segments",
                    format!("unknown segment {segment:?}, expected an id from segments.csv"),
                );
            }
        }
        if r.kind == EntityKind::Firm && r.segments.is_empty() {
            at(
                &e.origin,
                ENTITY_COLUMNS,
                "segments",
                "firm has no segment, expected at least one segment id".to_string(),
            );
        }
        check_sources(&e.origin, ENTITY_COLUMNS, &r.sources, Some(r.confidence), &mut at);
        if let Some(text) = &r.name_zh {
            note_name(&e.origin, ENTITY_COLUMNS, "name_zh", &r.id, Language::Zh, text, &mut at);
        }
        if let Some(text) = &r.name_en {
            note_name(&e.origin, ENTITY_COLUMNS, "name_en", &r.id, Language::En, text, &mut at);
        }
    }
    for n in &dataset.names {
        let r = &n.record;
        if !entities.contains_key(r.entity.as_str()) {
            at(
                &n.origin,
                NAME_COLUMNS,
                "entity",
                format!("unknown entity {:?}, expected an id from entities/", r.entity),
            );
            continue;
        }
        note_name(&n.origin, NAME_COLUMNS, "name", &r.entity, r.language, &r.text, &mut at);
    }
    let mut seen_links = HashSet::new();
    for l in &dataset.links {
        let r = &l.record;
        for (column, id) in [("from", &r.from), ("to", &r.to)] {
            if !entities.contains_key(id.as_str()) {
                at(&l.origin, LINK_COLUMNS, column, format!("unknown entity {id:?}, expected an id from entities/"));
            }
        }
        if r.from == r.to {
            at(
                &l.origin,
                LINK_COLUMNS,
                "to",
                format!("link from {:?} to itself, expected two different entities", r.from),
            );
        }
        // Conflicting figures (another share, another date) are kept side by side; only exact
        // repeats are refused.
        let key = (
            r.from.as_str(),
            r.relation,
            r.to.as_str(),
            r.product.as_deref(),
            r.share.map(f64::to_bits),
            r.since.as_deref(),
            r.until.as_deref(),
        );
        if !seen_links.insert(key) {
            at(
                &l.origin,
                LINK_COLUMNS,
                "from",
                format!(
                    "link {} {} {} is listed twice, expected one row (cite both sources in it)",
                    r.from, r.relation, r.to
                ),
            );
        }
        check_sources(&l.origin, LINK_COLUMNS, &r.sources, Some(r.confidence), &mut at);
    }
    let mut systems = HashSet::new();
    for s in &dataset.systems {
        if !systems.insert(s.record.id.as_str()) {
            at(
                &s.origin,
                SYSTEM_COLUMNS,
                "id",
                format!("system id {:?} is used twice, expected unique ids", s.record.id),
            );
        }
        if let Some(by) = &s.record.declared_by
            && !entities.contains_key(by.as_str())
        {
            at(
                &s.origin,
                SYSTEM_COLUMNS,
                "declared_by",
                format!("unknown entity {by:?}, expected an id from entities/"),
            );
        }
        check_sources(&s.origin, SYSTEM_COLUMNS, &s.record.sources, None, &mut at);
    }
    let mut groups = HashSet::new();
    for g in &dataset.groups {
        if !systems.contains(g.record.system.as_str()) {
            at(
                &g.origin,
                GROUP_COLUMNS,
                "system",
                format!("unknown system {:?}, expected an id from systems/systems.csv", g.record.system),
            );
        }
        if !groups.insert((g.record.system.as_str(), g.record.group.as_str())) {
            at(
                &g.origin,
                GROUP_COLUMNS,
                "group",
                format!("group {:?} is listed twice in system {:?}", g.record.group, g.record.system),
            );
        }
        check_sources(&g.origin, GROUP_COLUMNS, &g.record.sources, None, &mut at);
    }
    for m in &dataset.members {
        if !groups.contains(&(m.record.system.as_str(), m.record.group.as_str())) {
            at(
                &m.origin,
                MEMBER_COLUMNS,
                "group",
                format!(
                    "unknown group {:?} of system {:?}, expected one from systems/groups.csv",
                    m.record.group, m.record.system
                ),
            );
        }
        if !entities.contains_key(m.record.entity.as_str()) {
            at(
                &m.origin,
                MEMBER_COLUMNS,
                "entity",
                format!("unknown entity {:?}, expected an id from entities/", m.record.entity),
            );
        }
        check_sources(&m.origin, MEMBER_COLUMNS, &m.record.sources, None, &mut at);
    }
    for s in &dataset.statistics {
        if !entities.contains_key(s.record.subject.as_str()) {
            at(
                &s.origin,
                STATISTIC_COLUMNS,
                "subject",
                format!("unknown entity {:?}, expected an id from entities/", s.record.subject),
            );
        }
        if let Some(documented) = &dataset.documented_metrics
            && !documented.contains(&s.record.metric)
        {
            at(
                &s.origin,
                STATISTIC_COLUMNS,
                "metric",
                format!(
                    "metric {:?} is not documented, expected a row for it in statistics/METRICS.md",
                    s.record.metric
                ),
            );
        }
        if !is_id(&s.record.metric.replace('_', "-")) {
            at(
                &s.origin,
                STATISTIC_COLUMNS,
                "metric",
                format!("metric {:?} is malformed, expected snake_case", s.record.metric),
            );
        }
        check_sources(&s.origin, STATISTIC_COLUMNS, &s.record.sources, Some(s.record.confidence), &mut at);
    }
    // Conflicting figures are kept side by side, and each says so in its note.
    let mut figures: HashMap<(&str, &str, &str, StatisticKind), Vec<&Located<Statistic>>> = HashMap::new();
    for s in &dataset.statistics {
        let r = &s.record;
        figures.entry((r.subject.as_str(), r.metric.as_str(), r.period.as_str(), r.kind)).or_default().push(s);
    }
    for s in dataset.statistics.iter().filter(|s| s.record.note.is_none()) {
        let r = &s.record;
        if let Some(rows) = figures.get(&(r.subject.as_str(), r.metric.as_str(), r.period.as_str(), r.kind))
            && let Some(other) = rows.iter().find(|o| o.record.value != r.value)
        {
            at(
                &s.origin,
                STATISTIC_COLUMNS,
                "note",
                format!(
                    "value {} conflicts with {} at {}:{} (same subject, metric and period), expected a note on each row naming the other figure",
                    s.record.value, other.record.value, other.origin.file, other.origin.line
                ),
            );
        }
    }
    let mut policies = HashSet::new();
    for p in &dataset.policies {
        match entities.get(p.record.entity.as_str()) {
            Some(EntityKind::Policy) => {}
            Some(kind) => at(
                &p.origin,
                POLICY_COLUMNS,
                "entity",
                format!("entity {:?} is a {kind}, expected a policy", p.record.entity),
            ),
            None => at(
                &p.origin,
                POLICY_COLUMNS,
                "entity",
                format!("unknown entity {:?}, expected an id from entities/", p.record.entity),
            ),
        }
        if !policies.insert(p.record.entity.as_str()) {
            at(
                &p.origin,
                POLICY_COLUMNS,
                "entity",
                format!("policy {:?} is listed twice, expected one row", p.record.entity),
            );
        }
        check_sources(&p.origin, POLICY_COLUMNS, &p.record.sources, None, &mut at);
    }
    // A source nothing cites is a leftover (its fact was removed or never written).
    let cited: HashSet<&str> = dataset
        .fact_sources()
        .chain(dataset.systems.iter().map(|s| s.record.sources.as_slice()))
        .flatten()
        .map(String::as_str)
        .collect();
    for s in dataset.sources.iter().filter(|s| !cited.contains(s.record.id.as_str())) {
        at(
            &s.origin,
            SOURCE_COLUMNS,
            "id",
            format!("source {:?} is cited by no fact, expected a fact citing it (or remove the row)", s.record.id),
        );
    }
    problems
}

/// Lower-case ASCII letters, digits and hyphens, starting with a letter or digit.
pub fn is_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) && s.parse().is_ok_and(|n| range.contains(&n))
    };
    match parts.as_slice() {
        [y] => number(y, 4, 1800..=2100),
        [y, m] => number(y, 4, 1800..=2100) && number(m, 2, 1..=12),
        [y, m, d] => number(y, 4, 1800..=2100) && number(m, 2, 1..=12) && number(d, 2, 1..=31),
        _ => false,
    }
}

/// A statistic's period: a date, a quarter, a half year or a cumulative range of months.
pub fn is_period(text: &str) -> bool {
    if let Some((from, to)) = text.split_once('/') {
        return is_date(from) && is_date(to) && from <= to;
    }
    if let Some((year, part)) = text.split_once('-') {
        let quarter = part.len() == 2
            && (part.starts_with('Q') && ('1'..='4').contains(&part.chars().nth(1).unwrap_or('0'))
                || part.starts_with('H') && ('1'..='2').contains(&part.chars().nth(1).unwrap_or('0')));
        if quarter {
            return is_date(year);
        }
    }
    is_date(text)
}

/// An absolute http(s) URL with a host and no spaces.
pub fn is_url(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")) else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // A domain has a dot; localhost, an IP address or a host with a port are accepted as they are.
    let host_ok = host.contains('.')
        || host.starts_with("localhost")
        || host.parse::<std::net::IpAddr>().is_ok()
        || host.contains(':');
    host_ok && !text.chars().any(char::is_whitespace)
}

/// The form under which two names are the same name: case, spaces and punctuation ignored.
pub fn normalise_name(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Counts per value, ordered, for the coverage report.
pub type Counts = BTreeMap<String, usize>;
