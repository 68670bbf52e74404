//! Taking the atlas out: any table as CSV (UTF-8 with a BOM, as Excel expects) or XLSX; the whole
//! graph as CSV, XLSX, GraphML, GEXF (Gephi, Cytoscape, yEd), JSON or the neo4j-admin bulk-import
//! layout; and the user's own facts in the layout of data/, ready for review into the dataset.
//!
//! In graph files a node's id is the entity id; nodes carry kind, name_zh, name_en, district,
//! segments and origin; edges carry relation, product, share, since, until, confidence and the ids
//! of their sources, and the sources themselves go in their own table (CSV, XLSX, JSON).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use atlas_core::Atlas;
use atlas_core::model::Source;
use atlas_core::store::{ExportEntity, ExportLink};
use serde_json::json;

use crate::Workspace;

/// The formats of a whole-graph export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Graphml,
    Gexf,
    Json,
    Neo4j,
    /// The user's own facts as data/ rows.
    Data,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Format, String> {
        Ok(match text {
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "json" => Format::Json,
            "neo4j" => Format::Neo4j,
            "data" => Format::Data,
            other => {
                return Err(format!(
                    "unknown format {other:?}, expected csv, xlsx, graphml, gexf, json, neo4j or data"
                ));
            }
        })
    }
}

/// A cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// A table as the app shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Text a spreadsheet would run as a formula (= + - @ first) is kept as text with a leading '.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

/// A table as CSV: UTF-8 with a BOM, so that Excel and WPS read Chinese correctly, and CRLF line
/// ends (RFC 4180).
pub fn table_csv(table: &Table) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(&table.columns)?;
        for row in &table.rows {
            writer.write_record(row.iter().map(|c| match c {
                Cell::Text(t) => spreadsheet_safe(t),
                Cell::Number(n) => format!("{n}"),
                Cell::Empty => String::new(),
            }))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// Tables as one XLSX workbook, a sheet each.
pub fn tables_xlsx(tables: &[Table]) -> Result<Vec<u8>> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for table in tables {
        let sheet = workbook.add_worksheet();
        // Sheet names: at most 31 characters, none of []:*?/\.
        let name: String = table.title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        if !name.trim().is_empty() {
            sheet.set_name(name.trim())?;
        }
        for (column, title) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, column as u16, title, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).context("too many rows for a sheet")?;
            for (column, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string(r, column as u16, t)?;
                    }
                    Cell::Number(n) if n.is_finite() => {
                        sheet.write_number(r, column as u16, *n)?;
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The graph of `atlas` as three tables: entities, links, sources. Retracted links stay out.
pub fn graph_tables(atlas: &Atlas) -> Result<[Table; 3]> {
    let entities = atlas.store.export_entities()?;
    let links: Vec<ExportLink> = atlas.store.export_links()?.into_iter().filter(|l| !l.retracted).collect();
    let sources = atlas.store.all_sources()?;
    Ok([entities_table(&entities), links_table(&links), sources_table(&sources)])
}

fn text(value: &str) -> Cell {
    if value.is_empty() { Cell::Empty } else { Cell::Text(value.to_string()) }
}

fn optional(value: &Option<String>) -> Cell {
    value.as_deref().map_or(Cell::Empty, text)
}

fn entities_table(entities: &[ExportEntity]) -> Table {
    Table {
        title: "entities".to_string(),
        columns: ["id", "kind", "name_zh", "name_en", "district", "segments", "origin"].map(String::from).to_vec(),
        rows: entities
            .iter()
            .map(|e| {
                vec![
                    text(&e.entity.id),
                    text(e.entity.kind.as_str()),
                    optional(&e.entity.name_zh),
                    optional(&e.entity.name_en),
                    optional(&e.district),
                    text(&e.segments.join(";")),
                    text(e.origin.as_str()),
                ]
            })
            .collect(),
    }
}

fn links_table(links: &[ExportLink]) -> Table {
    Table {
        title: "links".to_string(),
        columns: ["from", "relation", "to", "product", "share", "since", "until", "confidence", "sources", "origin"]
            .map(String::from)
            .to_vec(),
        rows: links
            .iter()
            .map(|l| {
                vec![
                    text(&l.from),
                    text(l.relation.as_str()),
                    text(&l.to),
                    optional(&l.product),
                    l.share.map_or(Cell::Empty, Cell::Number),
                    optional(&l.since),
                    optional(&l.until),
                    text(l.confidence.as_str()),
                    text(&l.sources.join(";")),
                    text(l.origin.as_str()),
                ]
            })
            .collect(),
    }
}

fn sources_table(sources: &[Source]) -> Table {
    Table {
        title: "sources".to_string(),
        columns: ["id", "url", "publisher", "title", "published", "accessed", "language", "grade"]
            .map(String::from)
            .to_vec(),
        rows: sources
            .iter()
            .map(|s| {
                vec![
                    text(&s.id),
                    text(&s.url),
                    text(&s.publisher),
                    text(&s.title),
                    optional(&s.published),
                    text(&s.accessed),
                    text(&s.language),
                    text(s.grade.as_str()),
                ]
            })
            .collect(),
    }
}

/// Escapes text for an XML attribute or element.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The node and edge attributes of graph files, in order: (name, type).
const NODE_ATTRIBUTES: &[(&str, &str)] = &[
    ("kind", "string"),
    ("name_zh", "string"),
    ("name_en", "string"),
    ("district", "string"),
    ("segments", "string"),
    ("origin", "string"),
    ("label", "string"),
];
const EDGE_ATTRIBUTES: &[(&str, &str)] = &[
    ("relation", "string"),
    ("product", "string"),
    ("share", "double"),
    ("since", "string"),
    ("until", "string"),
    ("confidence", "string"),
    ("sources", "string"),
    ("origin", "string"),
];

fn node_values(e: &ExportEntity) -> [String; 7] {
    let label = e.entity.name_zh.clone().or_else(|| e.entity.name_en.clone()).unwrap_or_else(|| e.entity.id.clone());
    [
        e.entity.kind.as_str().to_string(),
        e.entity.name_zh.clone().unwrap_or_default(),
        e.entity.name_en.clone().unwrap_or_default(),
        e.district.clone().unwrap_or_default(),
        e.segments.join(";"),
        e.origin.as_str().to_string(),
        label,
    ]
}

fn edge_values(l: &ExportLink) -> [Option<String>; 8] {
    [
        Some(l.relation.as_str().to_string()),
        l.product.clone(),
        l.share.map(|s| format!("{s}")),
        l.since.clone(),
        l.until.clone(),
        Some(l.confidence.as_str().to_string()),
        Some(l.sources.join(";")),
        Some(l.origin.as_str().to_string()),
    ]
}

/// The graph as GraphML.
pub fn graphml(entities: &[ExportEntity], links: &[ExportLink]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    for (name, kind) in NODE_ATTRIBUTES {
        let _ = writeln!(out, "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{kind}\"/>");
    }
    for (name, kind) in EDGE_ATTRIBUTES {
        let _ = writeln!(out, "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{kind}\"/>");
    }
    out.push_str("  <graph id=\"nev-atlas\" edgedefault=\"directed\">\n");
    for e in entities {
        let _ = writeln!(out, "    <node id=\"{}\">", xml(&e.entity.id));
        for ((name, _), value) in NODE_ATTRIBUTES.iter().zip(node_values(e)) {
            if !value.is_empty() {
                let _ = writeln!(out, "      <data key=\"n_{name}\">{}</data>", xml(&value));
            }
        }
        out.push_str("    </node>\n");
    }
    for (i, l) in links.iter().enumerate() {
        let _ = writeln!(out, "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">", xml(&l.from), xml(&l.to));
        for ((name, _), value) in EDGE_ATTRIBUTES.iter().zip(edge_values(l)) {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                let _ = writeln!(out, "      <data key=\"e_{name}\">{}</data>", xml(&value));
            }
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The graph as GEXF 1.3.
pub fn gexf(entities: &[ExportEntity], links: &[ExportLink]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n  <meta><creator>NEV Atlas</creator></meta>\n  <graph defaultedgetype=\"directed\">\n    <attributes class=\"node\">\n",
    );
    for (i, (name, kind)) in NODE_ATTRIBUTES.iter().enumerate() {
        let _ = writeln!(out, "      <attribute id=\"{i}\" title=\"{name}\" type=\"{kind}\"/>");
    }
    out.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (i, (name, kind)) in EDGE_ATTRIBUTES.iter().enumerate() {
        let _ = writeln!(out, "      <attribute id=\"{i}\" title=\"{name}\" type=\"{kind}\"/>");
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    for e in entities {
        let values = node_values(e);
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">\n        <attvalues>",
            xml(&e.entity.id),
            xml(&values[6])
        );
        for (i, value) in values.iter().enumerate() {
            if !value.is_empty() {
                let _ = writeln!(out, "          <attvalue for=\"{i}\" value=\"{}\"/>", xml(value));
            }
        }
        out.push_str("        </attvalues>\n      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (n, l) in links.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"{n}\" source=\"{}\" target=\"{}\" label=\"{}\">\n        <attvalues>",
            xml(&l.from),
            xml(&l.to),
            l.relation
        );
        for (i, value) in edge_values(l).iter().enumerate() {
            if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
                let _ = writeln!(out, "          <attvalue for=\"{i}\" value=\"{}\"/>", xml(value));
            }
        }
        out.push_str("        </attvalues>\n      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// The graph as JSON: entities, links and the sources they cite.
pub fn json(entities: &[ExportEntity], links: &[ExportLink], sources: &[Source]) -> serde_json::Value {
    json!({
        "entities": entities.iter().map(|e| json!({
            "id": e.entity.id, "kind": e.entity.kind.as_str(), "name_zh": e.entity.name_zh, "name_en": e.entity.name_en,
            "district": e.district, "segments": e.segments, "origin": e.origin.as_str(),
        })).collect::<Vec<_>>(),
        "links": links.iter().map(|l| json!({
            "from": l.from, "relation": l.relation.as_str(), "to": l.to, "product": l.product, "share": l.share,
            "since": l.since, "until": l.until, "confidence": l.confidence.as_str(), "sources": l.sources, "origin": l.origin.as_str(),
        })).collect::<Vec<_>>(),
        "sources": sources.iter().map(|s| json!({
            "id": s.id, "url": s.url, "publisher": s.publisher, "title": s.title, "published": s.published,
            "accessed": s.accessed, "language": s.language, "grade": s.grade.as_str(),
        })).collect::<Vec<_>>(),
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    // Written beside the target and renamed, so a failed export never leaves half a file.
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn csv_text(columns: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The neo4j-admin import layout: nodes.csv and relationships.csv (arrays separated by ';').
fn neo4j(dir: &Path, entities: &[ExportEntity], links: &[ExportLink]) -> Result<()> {
    let nodes = csv_text(
        &["id:ID", "kind", "name_zh", "name_en", "district", "segments:string[]", "origin", ":LABEL"],
        entities.iter().map(|e| {
            let [kind, zh, en, district, segments, origin, _] = node_values(e);
            let label = format!("Entity;{}", camel(&kind));
            vec![e.entity.id.clone(), kind, zh, en, district, segments, origin, label]
        }),
    )?;
    let relationships = csv_text(
        &[
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "product",
            "share:double",
            "since",
            "until",
            "confidence",
            "sources:string[]",
            "origin",
        ],
        links.iter().map(|l| {
            vec![
                l.from.clone(),
                l.to.clone(),
                l.relation.as_str().to_uppercase(),
                l.product.clone().unwrap_or_default(),
                l.share.map(|s| format!("{s}")).unwrap_or_default(),
                l.since.clone().unwrap_or_default(),
                l.until.clone().unwrap_or_default(),
                l.confidence.as_str().to_string(),
                l.sources.join(";"),
                l.origin.as_str().to_string(),
            ]
        }),
    )?;
    write_file(&dir.join("nodes.csv"), &nodes)?;
    write_file(&dir.join("relationships.csv"), &relationships)?;
    write_file(
        &dir.join("IMPORT.txt"),
        b"neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=';' nev-atlas\n",
    )
}

fn camel(snake: &str) -> String {
    snake.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// Writes the whole graph of `atlas` in `format` to `out` (a file, or a folder for csv, neo4j
/// and data). `workspace` is needed for `data`.
pub fn export(atlas: &Atlas, workspace: Option<&Workspace>, format: Format, out: &Path) -> Result<()> {
    let entities = atlas.store.export_entities()?;
    let links: Vec<ExportLink> = atlas.store.export_links()?.into_iter().filter(|l| !l.retracted).collect();
    match format {
        Format::Csv => {
            for table in graph_tables(atlas)? {
                write_file(&out.join(format!("{}.csv", table.title)), &table_csv(&table)?)?;
            }
        }
        Format::Xlsx => write_file(out, &tables_xlsx(&graph_tables(atlas)?)?)?,
        Format::Graphml => write_file(out, graphml(&entities, &links).as_bytes())?,
        Format::Gexf => write_file(out, gexf(&entities, &links).as_bytes())?,
        Format::Json => {
            let value = json(&entities, &links, &atlas.store.all_sources()?);
            write_file(out, serde_json::to_string_pretty(&value)?.as_bytes())?;
        }
        Format::Neo4j => neo4j(out, &entities, &links)?,
        Format::Data => {
            let Some(workspace) = workspace else {
                bail!("exporting your own facts needs a workspace");
            };
            data_layout(workspace, out)?;
        }
    }
    Ok(())
}

/// The user's own facts as rows in the layout of data/ (entities, links, statistics, sources),
/// ready to be reviewed into the shared dataset.
pub fn data_layout(workspace: &Workspace, dir: &Path) -> Result<()> {
    let overlay = workspace.overlay()?;
    let facts = &overlay.facts;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let sources = csv_text(
        atlas_core::dataset::SOURCE_COLUMNS,
        facts.sources.iter().map(|s| {
            let s = &s.record;
            vec![
                s.id.clone(),
                s.url.clone(),
                s.publisher.clone(),
                s.title.clone(),
                o(&s.published),
                s.accessed.clone(),
                s.language.clone(),
                s.grade.as_str().to_string(),
                o(&s.note),
            ]
        }),
    )?;
    let entities = csv_text(
        atlas_core::dataset::ENTITY_COLUMNS,
        facts.entities.iter().map(|e| {
            let e = &e.record;
            vec![
                e.id.clone(),
                e.kind.as_str().to_string(),
                o(&e.name_zh),
                o(&e.name_en),
                o(&e.district),
                e.segments.join(";"),
                e.products.join(";"),
                o(&e.founded),
                o(&e.website),
                e.confidence.as_str().to_string(),
                e.sources.join(";"),
                o(&e.note),
            ]
        }),
    )?;
    let links = csv_text(
        atlas_core::dataset::LINK_COLUMNS,
        facts.links.iter().map(|l| {
            let l = &l.record;
            vec![
                l.from.clone(),
                l.relation.as_str().to_string(),
                l.to.clone(),
                o(&l.product),
                l.share.map(|s| format!("{s}")).unwrap_or_default(),
                o(&l.since),
                o(&l.until),
                l.confidence.as_str().to_string(),
                l.sources.join(";"),
                o(&l.note),
            ]
        }),
    )?;
    let statistics = csv_text(
        atlas_core::dataset::STATISTIC_COLUMNS,
        facts.statistics.iter().map(|s| {
            let s = &s.record;
            vec![
                s.subject.clone(),
                s.metric.clone(),
                s.period.clone(),
                format!("{}", s.value),
                s.unit.clone(),
                s.kind.as_str().to_string(),
                s.confidence.as_str().to_string(),
                s.sources.join(";"),
                o(&s.note),
            ]
        }),
    )?;
    write_file(&dir.join("sources/workspace.csv"), &sources)?;
    write_file(&dir.join("entities/workspace.csv"), &entities)?;
    write_file(&dir.join("links/workspace.csv"), &links)?;
    write_file(&dir.join("statistics/workspace.csv"), &statistics)?;
    Ok(())
}
