//! Importing what users already have: CSV (UTF-8 with or without BOM, GBK/GB18030, UTF-16, as
//! Excel and WPS write them on Chinese Windows) and XLSX, in two kinds of layout:
//! - the layouts of data/ (links, entities, statistics, recognised by their headers);
//! - a supplier list with Chinese or English headers: 供应商/supplier, 客户/customer, 产品/product,
//!   来源/source, 日期/date, and optionally 份额/share, 备注/note, 评级/grade.
//!
//! Names are matched to entities by any of their names (Chinese, English, short, former, pinyin;
//! case and full-width forms folded). Every import is first a dry run; a file with any problem
//! changes nothing, and an import is one change of the log (one undo step), after a backup.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use atlas_core::Atlas;
use atlas_core::model::*;
use unicode_normalization::UnicodeNormalization;

use crate::edits::{self, Known, NewEntity, NewLink, NewStatistic, SourceInput};
use crate::{Change, Workspace};

/// One thing wrong in an imported file. Row 1 is the header row; column 1 the first column, 0 the
/// whole row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportProblem {
    pub row: u64,
    pub column: u64,
    pub message: String,
    /// The same in Chinese, for the app in 中文.
    pub message_zh: String,
}

/// A column as problems name it: in English and in Chinese.
type Field = (&'static str, &'static str);

const F_SUPPLIER: Field = ("the supplier", "供应商");
const F_CUSTOMER: Field = ("the customer", "客户");
const F_SOURCE: Field = ("the source", "来源");
const F_DATE: Field = ("the date", "日期");
const F_FROM: Field = ("from", "起点（from）");
const F_TO: Field = ("to", "终点（to）");
const F_RELATION: Field = ("relation", "关系（relation）");
const F_SHARE: Field = ("share", "份额（share）");
const F_SINCE: Field = ("since", "开始日期（since）");
const F_UNTIL: Field = ("until", "结束日期（until）");
const F_KIND: Field = ("kind", "类型（kind）");
const F_FOUNDED: Field = ("founded", "成立日期（founded）");
const F_GRADE: Field = ("grade", "评级（grade）");
const F_SUBJECT: Field = ("the subject", "对象（subject）");
const F_METRIC: Field = ("the metric", "指标（metric）");
const F_PERIOD: Field = ("the period", "期间（period）");
const F_VALUE: Field = ("value", "数值（value）");
const F_UNIT: Field = ("the unit", "单位（unit）");

/// How a name in the file was understood.
#[derive(Debug, Clone, PartialEq)]
pub enum NameMatch {
    Matched { name: String, entity: String },
    New { name: String },
    Ambiguous { name: String, candidates: Vec<String> },
}

/// What an import found (a dry run) or did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// Data rows read (the header not counted).
    pub rows: usize,
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "GB18030" or "XLSX".
    pub encoding: String,
    /// "supplier list", "links", "entities" or "statistics".
    pub layout: String,
    pub problems: Vec<ImportProblem>,
    pub names: Vec<NameMatch>,
    pub new_entities: usize,
    pub new_links: usize,
    pub new_statistics: usize,
    /// The change that holds the import, when it was applied.
    pub change: Option<Change>,
}

/// A long text cut for an error message, so a message never echoes a whole field back.
pub fn short(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// The bytes of a text file as text, with the encoding found.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let name = match encoding.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16LE",
            _ => "UTF-16BE",
        };
        return (text.into_owned(), name);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8");
    }
    // UTF-16 without a BOM: many zero bytes, on odd (LE) or even (BE) positions.
    let zeros = |start: usize| bytes.iter().skip(start).step_by(2).filter(|b| **b == 0).count();
    let half = bytes.len() / 2;
    if half > 0 && zeros(1) * 3 > half {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return (text.into_owned(), "UTF-16LE");
    }
    if half > 0 && zeros(0) * 3 > half {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(bytes);
        return (text.into_owned(), "UTF-16BE");
    }
    let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (text.into_owned(), "GB18030")
}

/// A table read from a file: the header, then each row with its row number in the file.
struct Table {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
    encoding: &'static str,
}

fn read_table(path: &Path) -> Result<Table> {
    let metadata = std::fs::symlink_metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if !metadata.is_file() {
        bail!("{} is not a regular file", path.display());
    }
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return read_workbook(path);
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    read_csv(&bytes)
}

fn read_csv(bytes: &[u8]) -> Result<Table> {
    let (text, encoding) = decode(bytes);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| anyhow::anyhow!("row {}: this is not valid CSV: {e}", index + 1))?;
        let line = record.position().map_or(index as u64 + 1, |p| lines.line_at(&text, p.byte()));
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if header.is_none() {
            header = Some(fields);
        } else if fields.iter().any(|f| !f.is_empty()) {
            rows.push((line, fields));
        }
    }
    Ok(Table { header: header.unwrap_or_default(), rows, encoding })
}

/// Finds the line (1 is the first) at a byte offset, counting on from the offset asked before, so
/// that numbering every record of a file reads it once. LF, CRLF and a lone CR each end a line; a
/// CRLF is counted at its CR, since the CSV reader may place a record's start between the two.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    ends: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, offset: u64) -> u64 {
        let bytes = text.as_bytes();
        let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        if offset < self.offset {
            *self = LineCounter::default();
        }
        self.ends += (self.offset..offset)
            .filter(|&i| bytes[i] == b'\r' || (bytes[i] == b'\n' && (i == 0 || bytes[i - 1] != b'\r')))
            .count() as u64;
        self.offset = offset;
        self.ends + 1
    }
}

fn read_workbook(path: &Path) -> Result<Table> {
    use calamine::Reader;
    let mut workbook =
        calamine::open_workbook_auto(path).with_context(|| format!("opening the workbook {}", path.display()))?;
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        bail!("{} has no sheet", path.display());
    };
    let range = workbook.worksheet_range(&sheet).with_context(|| format!("reading the sheet {sheet}"))?;
    let first_row = range.start().map_or(0, |(r, _)| r) as u64;
    let mut header = None;
    let mut rows = Vec::new();
    for (index, row) in range.rows().enumerate() {
        let fields: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                calamine::Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_else(|| cell.to_string()),
                other => other.to_string().trim().to_string(),
            })
            .collect();
        let line = first_row + index as u64 + 1;
        if header.is_none() {
            header = Some(fields);
        } else if fields.iter().any(|f| !f.is_empty()) {
            rows.push((line, fields));
        }
    }
    Ok(Table { header: header.unwrap_or_default(), rows, encoding: "XLSX" })
}

/// An Excel date serial (days since 1899-12-30) as YYYY-MM-DD.
fn excel_date(serial: f64) -> Option<String> {
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = jiff::Span::new().try_days(serial.floor() as i64).ok()?;
    epoch.checked_add(days).ok().map(|d| d.to_string())
}

/// The form under which two names are one: NFKC (full-width to half-width), case, spaces and
/// punctuation folded.
pub fn fold(name: &str) -> String {
    atlas_core::names::normalise_name(&name.nfkc().collect::<String>())
}

/// Every name of every entity, folded, with the entities that carry it.
pub struct NameIndex {
    names: HashMap<String, Vec<String>>,
}

impl NameIndex {
    pub fn new(atlas: &Atlas) -> Result<NameIndex> {
        let mut names: HashMap<String, Vec<String>> = HashMap::new();
        let mut add = |key: String, id: &str| {
            if key.is_empty() {
                return;
            }
            let ids = names.entry(key).or_default();
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        };
        for (entity, text, pinyin) in atlas.store.all_names()? {
            add(fold(&text), &entity);
            if let Some(p) = pinyin {
                add(fold(&p), &entity);
            }
            add(fold(&entity), &entity);
        }
        Ok(NameIndex { names })
    }

    /// The entities a name in a file may mean.
    pub fn lookup(&self, name: &str) -> &[String] {
        self.names.get(&fold(name)).map_or(&[], Vec::as_slice)
    }
}

/// Column names, folded, that each layout recognises (first is the canonical name).
const SUPPLIER: &[&str] = &["供应商", "supplier"];
const CUSTOMER: &[&str] = &["客户", "customer"];
const PRODUCT: &[&str] = &["产品", "product"];
const SOURCE: &[&str] = &["来源", "source", "sources"];
const DATE: &[&str] = &["日期", "date", "since"];
const SHARE: &[&str] = &["份额", "share"];
const NOTE: &[&str] = &["备注", "note"];
const GRADE: &[&str] = &["评级", "grade"];

struct Columns {
    by_name: HashMap<String, usize>,
}

impl Columns {
    fn new(header: &[String]) -> Columns {
        let by_name = header.iter().enumerate().map(|(i, h)| (fold(h), i)).collect();
        Columns { by_name }
    }
    fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.by_name.get(&fold(n)).copied())
    }
    fn has(&self, name: &str) -> bool {
        self.by_name.contains_key(&fold(name))
    }
}

/// One row being read: its fields and the problems found in it.
struct Row<'a> {
    number: u64,
    fields: &'a [String],
    problems: &'a mut Vec<ImportProblem>,
}

impl Row<'_> {
    fn get(&self, column: Option<usize>) -> Option<String> {
        column.and_then(|c| self.fields.get(c)).map(|f| f.trim().to_string()).filter(|f| !f.is_empty())
    }
    /// A problem in this row, in English and in Chinese.
    fn problem(&mut self, column: Option<usize>, message: impl Into<String>, message_zh: impl Into<String>) {
        self.problems.push(ImportProblem {
            row: self.number,
            column: column.map_or(0, |c| c as u64 + 1),
            message: message.into(),
            message_zh: message_zh.into(),
        });
    }
    fn required(&mut self, column: Option<usize>, (what, what_zh): Field) -> Option<String> {
        let value = self.get(column);
        if value.is_none() {
            self.problem(column, format!("{what} is missing"), format!("缺少{what_zh}"));
        }
        value
    }
    /// A finite number, or a problem.
    fn number(&mut self, column: Option<usize>, (what, what_zh): Field) -> Option<f64> {
        let text = self.get(column)?;
        match text.replace([',', '，'], "").parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                let text = short(&text);
                self.problem(
                    column,
                    format!("{what} {text:?} is not a finite number"),
                    format!("{what_zh}“{text}”不是有限的数字"),
                );
                None
            }
        }
    }
    fn parsed<T: std::str::FromStr<Err = String>>(
        &mut self,
        column: Option<usize>,
        (what, what_zh): Field,
    ) -> Option<T> {
        let text = self.get(column)?;
        match text.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                // The English message lists the values allowed; they are the data/ layout's words.
                let allowed = e.split_once("expected one of: ").map_or("", |(_, list)| list);
                self.problem(
                    column,
                    format!("{what}: {}", short(&e)),
                    format!("{what_zh}“{}”无法识别；可用的值：{}", short(&text), short(allowed)),
                );
                None
            }
        }
    }
    fn date(&mut self, column: Option<usize>, (what, what_zh): Field) -> Option<String> {
        let text = self.get(column)?;
        let text = text.replace(['/', '.'], "-");
        if edits::is_date(&text) {
            Some(text)
        } else {
            let text = short(&text);
            self.problem(
                column,
                format!("{what} {text:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                format!("{what_zh}“{text}”不是日期（应为 YYYY、YYYY-MM 或 YYYY-MM-DD）"),
            );
            None
        }
    }
    fn grade(&mut self, column: Option<usize>) -> Grade {
        self.parsed::<Grade>(column, F_GRADE).unwrap_or(Grade::C)
    }
    /// The sources of a row: known source ids, web addresses, or (for anything else) the user's
    /// own record, which then needs a date.
    fn sources(
        &mut self,
        column: Option<usize>,
        date: Option<&str>,
        grade: Grade,
        known: &dyn Known,
    ) -> Vec<SourceInput> {
        let Some(text) = self.required(column, F_SOURCE) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for item in text.split([';', '；', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
            if item.starts_with("http://") || item.starts_with("https://") {
                found.push(SourceInput::Url {
                    url: item.to_string(),
                    publisher: String::new(),
                    title: String::new(),
                    published: date.map(str::to_string),
                    grade,
                });
            } else if known.source_grade(item).is_some() {
                found.push(SourceInput::Known(item.to_string()));
            } else if let Some(date) = date {
                found.push(SourceInput::OwnRecord { date: date.to_string(), citation: item.to_string(), grade });
            } else {
                let item = short(item);
                self.problem(
                    column,
                    format!("{item:?} is neither a web address nor a known source; an own record needs a date"),
                    format!("“{item}”既不是网址，也不是已知来源；作为自有记录（会议、访谈、内部文件）需要填写日期"),
                );
            }
        }
        found
    }
}

/// What an import will write.
#[derive(Default)]
struct Plan {
    /// New entities by folded name: (the name as written, its source).
    entities: BTreeMap<String, (String, Vec<SourceInput>)>,
    data_entities: Vec<NewEntity>,
    links: Vec<PlannedLink>,
    statistics: Vec<NewStatistic>,
}

/// A link whose ends may be entities still to be created (by folded name).
struct PlannedLink {
    from: End,
    to: End,
    link: NewLink,
}

enum End {
    Known(String),
    New(String),
}

/// Resolves names to entities, recording each distinct name once in the report.
struct Resolver<'a> {
    index: &'a NameIndex,
    seen: HashSet<String>,
    report: &'a mut Vec<NameMatch>,
}

impl Resolver<'_> {
    fn resolve(&mut self, row: &mut Row<'_>, column: Option<usize>, name: &str, allow_new: bool) -> Option<End> {
        let candidates = self.index.lookup(name);
        let folded = fold(name);
        let first = self.seen.insert(folded.clone());
        match candidates {
            [one] => {
                if first {
                    self.report.push(NameMatch::Matched { name: name.to_string(), entity: one.clone() });
                }
                Some(End::Known(one.clone()))
            }
            [] if allow_new => {
                if first {
                    self.report.push(NameMatch::New { name: name.to_string() });
                }
                Some(End::New(folded))
            }
            [] => {
                let name = short(name);
                row.problem(column, format!("no entity is called {name:?}"), format!("没有名为“{name}”的实体"));
                None
            }
            many => {
                if first {
                    self.report.push(NameMatch::Ambiguous { name: name.to_string(), candidates: many.to_vec() });
                }
                let (name, count, ids) = (short(name), many.len(), many.join(", "));
                row.problem(
                    column,
                    format!("{name:?} may mean {count} entities: {ids}; write the entity id instead"),
                    format!("“{name}”可能指 {count} 个实体：{ids}；请改写为实体标识"),
                );
                None
            }
        }
    }
}

/// Reads `path` and plans its import against `atlas` (the edition with the workspace over it).
fn plan(
    atlas: &Atlas,
    index: &NameIndex,
    path: &Path,
    report: &mut ImportReport,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Plan> {
    let table = match read_table(path) {
        Ok(table) => table,
        Err(error) => {
            report.problems.push(ImportProblem {
                row: 0,
                column: 0,
                message: format!("{error:#}"),
                message_zh: format!("无法读取此文件：{error:#}"),
            });
            return Ok(Plan::default());
        }
    };
    report.encoding = table.encoding.to_string();
    report.rows = table.rows.len();
    let columns = Columns::new(&table.header);
    let layout = if columns.find(SUPPLIER).is_some() && columns.find(CUSTOMER).is_some() {
        "supplier list"
    } else if ["from", "relation", "to"].iter().all(|c| columns.has(c)) {
        "links"
    } else if ["kind"].iter().all(|c| columns.has(c)) && (columns.has("name_zh") || columns.has("name_en")) {
        "entities"
    } else if ["subject", "metric", "period", "value"].iter().all(|c| columns.has(c)) {
        "statistics"
    } else {
        report.problems.push(ImportProblem {
            row: 1,
            column: 0,
            message: "the headers match no known layout: a supplier list needs 供应商/supplier and 客户/customer; \
                      the data/ layouts need from, relation, to (links), kind and name_zh or name_en (entities), \
                      or subject, metric, period, value (statistics)"
                .to_string(),
            message_zh: "表头不符合任何已知格式：供应商清单需要“供应商”和“客户”两列；\
                         data/ 格式需要 from、relation、to（关系），kind 以及 name_zh 或 name_en（实体），\
                         或 subject、metric、period、value（统计）"
                .to_string(),
        });
        return Ok(Plan::default());
    };
    report.layout = layout.to_string();
    let mut plan = Plan::default();
    let mut names = Vec::new();
    let mut resolver = Resolver { index, seen: HashSet::new(), report: &mut names };
    let total = table.rows.len();
    for (done, (number, fields)) in table.rows.iter().enumerate() {
        if done % 1000 == 0 {
            progress(done, total);
        }
        let mut row = Row { number: *number, fields, problems: &mut report.problems };
        match layout {
            "supplier list" => supplier_row(atlas, &columns, &mut row, &mut resolver, &mut plan),
            "links" => link_row(atlas, &columns, &mut row, &mut resolver, &mut plan),
            "entities" => entity_row(atlas, &columns, &mut row, &mut plan),
            _ => statistic_row(atlas, &columns, &mut row, &mut resolver, &mut plan),
        }
    }
    progress(total, total);
    report.names = names;
    report.new_entities = plan.entities.len() + plan.data_entities.len();
    report.new_links = plan.links.len();
    report.new_statistics = plan.statistics.len();
    Ok(plan)
}

fn supplier_row(atlas: &Atlas, c: &Columns, row: &mut Row<'_>, resolver: &mut Resolver<'_>, plan: &mut Plan) {
    let (supplier_col, customer_col) = (c.find(SUPPLIER), c.find(CUSTOMER));
    let supplier = row.required(supplier_col, F_SUPPLIER);
    let customer = row.required(customer_col, F_CUSTOMER);
    let date = row.date(c.find(DATE), F_DATE);
    let grade = row.grade(c.find(GRADE));
    let sources = row.sources(c.find(SOURCE), date.as_deref(), grade, atlas);
    let share_col = c.find(SHARE);
    let share = row.get(share_col).and_then(|text| {
        let (number, percent) = match text.strip_suffix(['%', '％']) {
            Some(n) => (n.trim().to_string(), true),
            None => (text.clone(), false),
        };
        match number.parse::<f64>() {
            Ok(n) if n.is_finite() && percent && (0.0..=100.0).contains(&n) => Some(n),
            Ok(n) if n.is_finite() && !percent && (0.0..=1.0).contains(&n) => Some(n * 100.0),
            Ok(n) if n.is_finite() => {
                let text = short(&text);
                row.problem(
                    share_col,
                    format!("share {text} is outside 0..1 (or 0%..100%)"),
                    format!("份额 {text} 超出 0 到 1（或 0% 到 100%）的范围"),
                );
                None
            }
            _ => {
                let text = short(&text);
                row.problem(share_col, format!("share {text:?} is not a number"), format!("份额“{text}”不是数字"));
                None
            }
        }
    });
    let (Some(supplier), Some(customer)) = (supplier, customer) else {
        return;
    };
    let from = resolver.resolve(row, supplier_col, &supplier, true);
    let to = resolver.resolve(row, customer_col, &customer, true);
    if sources.is_empty() {
        return;
    }
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    for (end, name) in [(&from, &supplier), (&to, &customer)] {
        if let End::New(folded) = end {
            plan.entities.entry(folded.clone()).or_insert_with(|| (name.clone(), sources.clone()));
        }
    }
    if let (End::Known(a), End::Known(b)) | (End::New(a), End::New(b)) = (&from, &to)
        && a == b
    {
        row.problem(customer_col, "the supplier and the customer are the same", "供应商与客户是同一实体");
        return;
    }
    let link = NewLink {
        from: String::new(),
        relation: Relation::Supplies,
        to: String::new(),
        product: row.get(c.find(PRODUCT)),
        share,
        since: date,
        until: None,
        note: row.get(c.find(NOTE)),
        sources,
    };
    plan.links.push(PlannedLink { from, to, link });
}

fn link_row(atlas: &Atlas, c: &Columns, row: &mut Row<'_>, resolver: &mut Resolver<'_>, plan: &mut Plan) {
    let (from_col, to_col) = (c.find(&["from"]), c.find(&["to"]));
    let from_name = row.required(from_col, F_FROM);
    let to_name = row.required(to_col, F_TO);
    let relation = row.parsed::<Relation>(c.find(&["relation"]), F_RELATION);
    if row.get(c.find(&["relation"])).is_none() {
        row.problem(c.find(&["relation"]), "the relation is missing", "缺少关系（relation）");
    }
    let share_col = c.find(&["share"]);
    let share = row.number(share_col, F_SHARE);
    if let Some(s) = share.filter(|s| !(0.0..=100.0).contains(s)) {
        row.problem(
            share_col,
            format!("share {s} is outside 0 to 100 percent"),
            format!("份额 {s} 超出 0 到 100% 的范围"),
        );
    }
    let since = row.date(c.find(&["since"]), F_SINCE);
    let until = row.date(c.find(&["until"]), F_UNTIL);
    if let (Some(s), Some(u)) = (&since, &until)
        && let Err(e) = edits::check_period(Some(s), Some(u))
    {
        row.problem(c.find(&["until"]), format!("{e}"), format!("结束日期 {u} 早于开始日期 {s}"));
    }
    let grade = row.grade(c.find(GRADE));
    let sources = row.sources(c.find(&["sources", "source"]), since.as_deref(), grade, atlas);
    let from = from_name.and_then(|n| resolver.resolve(row, from_col, &n, false));
    let to = to_name.and_then(|n| resolver.resolve(row, to_col, &n, false));
    let (Some(from), Some(to), Some(relation)) = (from, to, relation) else {
        return;
    };
    if sources.is_empty() {
        return;
    }
    let link = NewLink {
        from: String::new(),
        relation,
        to: String::new(),
        product: row.get(c.find(&["product"])),
        share,
        since,
        until,
        note: row.get(c.find(&["note"])),
        sources,
    };
    plan.links.push(PlannedLink { from, to, link });
}

fn entity_row(atlas: &Atlas, c: &Columns, row: &mut Row<'_>, plan: &mut Plan) {
    let kind_col = c.find(&["kind"]);
    let kind = row.parsed::<EntityKind>(kind_col, F_KIND);
    if row.get(kind_col).is_none() {
        row.problem(kind_col, "the kind is missing", "缺少类型（kind）");
    }
    let name_zh = row.get(c.find(&["name_zh"]));
    let name_en = row.get(c.find(&["name_en"]));
    if name_zh.is_none() && name_en.is_none() {
        row.problem(
            c.find(&["name_zh", "name_en"]),
            "an entity needs name_zh or name_en",
            "实体需要中文名（name_zh）或英文名（name_en）",
        );
    }
    if let Some(zh) = name_zh.as_ref().filter(|z| !z.chars().any(atlas_core::names::is_han)) {
        let zh = short(zh);
        row.problem(
            c.find(&["name_zh"]),
            format!("the Chinese name {zh:?} has no Chinese characters"),
            format!("中文名“{zh}”不含汉字"),
        );
    }
    let district_col = c.find(&["district"]);
    let district = row.get(district_col);
    if let Some(d) = district.as_ref().filter(|d| !atlas.has_entity(d)) {
        let d = short(d);
        row.problem(district_col, format!("no district {d:?} is known"), format!("未知的区县“{d}”"));
    }
    let date = row.date(c.find(&["founded", "date"]), F_FOUNDED);
    let grade = row.grade(c.find(GRADE));
    let sources = row.sources(c.find(&["sources", "source"]), date.as_deref(), grade, atlas);
    let Some(kind) = kind else {
        return;
    };
    let list = |column: Option<usize>| row.get(column).map(|t| crate::split_list(&t)).unwrap_or_default();
    let entity = NewEntity {
        kind,
        name_zh,
        name_en,
        district,
        segments: list(c.find(&["segments"])),
        products: list(c.find(&["products"])),
        note: row.get(c.find(&["note"])),
        sources,
    };
    plan.data_entities.push(entity);
}

fn statistic_row(atlas: &Atlas, c: &Columns, row: &mut Row<'_>, resolver: &mut Resolver<'_>, plan: &mut Plan) {
    let subject_col = c.find(&["subject"]);
    let subject = row.required(subject_col, F_SUBJECT).and_then(|n| resolver.resolve(row, subject_col, &n, false));
    let metric = row.required(c.find(&["metric"]), F_METRIC);
    let period_col = c.find(&["period"]);
    let period = row.required(period_col, F_PERIOD);
    if let Some(p) = period.as_ref().filter(|p| !edits::is_period(p)) {
        let p = short(p);
        row.problem(
            period_col,
            format!("period {p:?} is not YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or a range A/B"),
            format!("期间“{p}”的格式不对（应为 YYYY、YYYY-Qn、YYYY-Hn、YYYY-MM 或区间 A/B）"),
        );
    }
    let value_col = c.find(&["value"]);
    let value = row.number(value_col, F_VALUE);
    if row.get(value_col).is_none() {
        row.problem(value_col, "the value is missing", "缺少数值（value）");
    }
    let unit = row.required(c.find(&["unit"]), F_UNIT);
    let kind = row.parsed::<StatisticKind>(c.find(&["kind"]), F_KIND).unwrap_or(StatisticKind::Actual);
    let grade = row.grade(c.find(GRADE));
    let sources = row.sources(c.find(&["sources", "source"]), None, grade, atlas);
    let (Some(End::Known(subject)), Some(metric), Some(period), Some(value), Some(unit)) =
        (subject, metric, period, value, unit)
    else {
        return;
    };
    if sources.is_empty() {
        return;
    }
    plan.statistics.push(NewStatistic {
        subject,
        metric,
        period,
        value,
        unit,
        kind,
        note: row.get(c.find(&["note"])),
        sources,
    });
}

/// A name as a new entity: Chinese when it has Chinese characters, English otherwise.
fn new_entity(name: &str, sources: Vec<SourceInput>) -> NewEntity {
    let han = name.chars().any(atlas_core::names::is_han);
    NewEntity {
        kind: EntityKind::Firm,
        name_zh: han.then(|| name.to_string()),
        name_en: (!han).then(|| name.to_string()),
        district: None,
        segments: Vec::new(),
        products: Vec::new(),
        note: None,
        sources,
    }
}

impl Workspace {
    /// Imports `path` against `atlas` (the edition with this workspace over it). A dry run only
    /// reports. Otherwise, when the file has no problem, the workspace is backed up and the whole
    /// file is written as one change; with any problem nothing changes.
    pub fn import(
        &mut self,
        atlas: &Atlas,
        path: &Path,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let index = NameIndex::new(atlas)?;
        let mut report = ImportReport::default();
        let plan = plan(atlas, &index, path, &mut report, progress)?;
        report.problems.sort_by_key(|p| (p.row, p.column));
        if dry_run || !report.problems.is_empty() {
            return Ok(report);
        }
        self.backup("before-import")?;
        let file = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let summary = format!(
            "imported {file}: {} links, {} entities, {} statistics",
            report.new_links, report.new_entities, report.new_statistics
        );
        let (change, ()) = self.change("import", &summary, |tx, change| {
            let taken_in_tx = |id: &str| {
                atlas.has_entity(id) || tx.query_row("SELECT 1 FROM entities WHERE id = ?1", [id], |_| Ok(())).is_ok()
            };
            let mut ids: HashMap<String, String> = HashMap::new();
            let mut minter = edits::IdMinter::default();
            let mut counter = 0usize;
            // Each fact's sources get their own ids within the change.
            let mut write_sources =
                |tx: &rusqlite::Transaction<'_>, sources: &[SourceInput]| -> Result<(Vec<String>, Confidence)> {
                    counter += 1;
                    crate::edits::write_sources_numbered(tx, change, counter, atlas, sources)
                };
            for (folded, (name, sources)) in &plan.entities {
                let entity = new_entity(name, sources.clone());
                let (source_ids, confidence) = write_sources(tx, &entity.sources)?;
                let id = minter.mint(entity.name_en.as_deref(), entity.name_zh.as_deref(), &taken_in_tx);
                edits::insert_entity(tx, change, &id, &entity, &source_ids, confidence)?;
                ids.insert(folded.clone(), id);
            }
            for entity in &plan.data_entities {
                let (source_ids, confidence) = write_sources(tx, &entity.sources)?;
                let id = minter.mint(entity.name_en.as_deref(), entity.name_zh.as_deref(), &taken_in_tx);
                edits::insert_entity(tx, change, &id, entity, &source_ids, confidence)?;
            }
            let end = |e: &End| -> String {
                match e {
                    End::Known(id) => id.clone(),
                    End::New(folded) => ids.get(folded).cloned().unwrap_or_default(),
                }
            };
            for planned in &plan.links {
                let mut link = planned.link.clone();
                link.from = end(&planned.from);
                link.to = end(&planned.to);
                let (source_ids, confidence) = write_sources(tx, &link.sources)?;
                edits::insert_link(tx, change, &link, &source_ids, confidence)?;
            }
            for statistic in &plan.statistics {
                let (source_ids, confidence) = write_sources(tx, &statistic.sources)?;
                edits::insert_statistic(tx, change, statistic, &source_ids, confidence)?;
            }
            Ok(())
        })?;
        report.change = Some(change);
        Ok(report)
    }
}
