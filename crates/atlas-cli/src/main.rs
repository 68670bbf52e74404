//! `nev-atlas`: check and build the curated dataset, and serve the atlas on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use atlas_core::{coverage, dataset};
use clap::{Parser, Subcommand};

mod bench;
mod edition;
mod load;
mod workspace;

#[derive(Parser)]
#[command(name = "nev-atlas", version, about = "NEV Atlas: the new-energy-vehicle chain of Chongqing, offline")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a dataset folder; print every problem as file:line:column: message.
    Check {
        /// The dataset folder.
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Print a machine-readable report with coverage figures.
        #[arg(long)]
        json: bool,
    },
    /// Build the SQLite edition of a dataset folder.
    Build {
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Where to write the edition.
        #[arg(short, long)]
        output: PathBuf,
        /// The edition's version label.
        #[arg(long, default_value = env!("CARGO_PKG_VERSION"))]
        version: String,
    },
    /// Serve the UI and the API on 127.0.0.1 for a web browser.
    Serve {
        /// Port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 7878)]
        port: u16,
        /// The edition to open.
        #[arg(long, default_value = "target/nev-atlas.sqlite")]
        edition: PathBuf,
        /// The built UI (ui/dist).
        #[arg(long, default_value = "ui/dist")]
        ui: PathBuf,
        /// Your workspace (default: NEV_ATLAS_WORKSPACE, else your data folder).
        #[arg(long)]
        workspace: Option<PathBuf>,
        /// Serve the shipped edition alone, read-only, without a workspace.
        #[arg(long)]
        no_workspace: bool,
    },
    /// Editions people can trust: make a signing key, sign an edition, verify one.
    Edition(edition::EditionArgs),
    /// What changed between two editions, fact by fact and field by field, with their sources.
    Diff(edition::DiffArgs),
    /// Import a CSV or XLSX file into your workspace (a supplier list or a data/ layout).
    Import(workspace::ImportArgs),
    /// Export the edition with your workspace: csv, xlsx, graphml, gexf, json, neo4j, or data (your own facts).
    Export(workspace::ExportArgs),
    /// Your workspace: log, undo, redo, backup, restore, check.
    Workspace(workspace::WorkspaceArgs),
    /// Run any command of the app's command list against the edition with your workspace; prints JSON.
    Call(workspace::CallArgs),
    /// Write a seeded SYNTHETIC national chain as an edition, for benchmarks (never ship it).
    Synth {
        #[arg(long, default_value_t = 100_000)]
        entities: usize,
        #[arg(long, default_value_t = 1_000_000)]
        links: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the edition.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Time the analyses and search on an edition and print the timings as JSON (for `cargo xtask bench`).
    #[command(hide = true)]
    BenchRun(bench::BenchArgs),
    /// Send many clients' requests at once to a running `nev-atlas serve` and print latencies as JSON (for `cargo xtask bench-server`).
    #[command(hide = true)]
    BenchServer(load::LoadArgs),
    /// Print our answers on seeded random graphs as JSON (for tests/crosscheck/crosscheck.py).
    #[command(hide = true)]
    CrosscheckRun(bench::CrosscheckArgs),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("NEV_ATLAS_LOG").unwrap_or_else(|_| "warn".into()))
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { dir, json } => check(&dir, json),
        Command::Build { dir, output, version } => build(&dir, &output, &version),
        Command::Serve { port, edition, ui, workspace, no_workspace } => {
            let workspace = if no_workspace { Ok(None) } else { workspace::resolve(workspace).map(Some) };
            workspace.and_then(|w| serve(port, &edition, ui, w.as_deref()))
        }
        Command::Edition(args) => edition::edition(&args),
        Command::Diff(args) => edition::diff(&args),
        Command::Import(args) => workspace::import(&args),
        Command::Export(args) => workspace::export(&args),
        Command::Workspace(args) => workspace::workspace(&args),
        Command::Call(args) => workspace::call(&args),
        Command::Synth { entities, links, seed, output } => synth(entities, links, seed, &output),
        Command::BenchRun(args) => bench::run(&args).map(|_| ExitCode::SUCCESS),
        Command::BenchServer(args) => load::run(&args).map(|_| ExitCode::SUCCESS),
        Command::CrosscheckRun(args) => bench::crosscheck(&args).map(|_| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("nev-atlas: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn check(dir: &Path, json: bool) -> Result<ExitCode> {
    let (dataset, problems) = match dataset::load(dir) {
        Ok(dataset) => (Some(dataset), Vec::new()),
        Err(problems) => (None, problems),
    };
    let with_dir = |p: &dataset::Problem| format!("{}/{p}", dir.display());
    if json {
        let report = dataset.as_ref().map(coverage::coverage).unwrap_or_default();
        let value = serde_json::json!({
            "ok": problems.is_empty(),
            "entities": report.entities,
            "links": report.links,
            "sources": report.sources,
            "statistics": report.statistics,
            "policies": report.policies,
            "facts": report.facts,
            "facts_without_source": report.facts_without_source,
            "facts_by_grade": report.facts_by_grade,
            "entities_without_zh": report.entities_without_zh,
            "entities_without_en": report.entities_without_en,
            "by_kind": report.by_kind,
            "by_segment": report.by_segment,
            "by_district": report.by_district,
            "segments_without_local_firm": report.segments_without_local_firm,
            "links_by_relation": report.links_by_relation,
            "entities_without_district": report.entities_without_district.len(),
            "entities_without_district_ids": report.entities_without_district,
            "open_superseded_stakes": report.open_superseded_stakes.len(),
            "open_superseded_stakes_at": report.open_superseded_stakes,
            "notes_with_internal_text": report.notes_with_internal_text.len(),
            "notes_with_internal_text_at": report.notes_with_internal_text,
            "errors": problems.iter().map(|p| serde_json::json!({
                "file": format!("{}/{}", dir.display(), p.file), "line": p.line, "column": p.column, "message": p.message,
                "text": with_dir(p),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for problem in &problems {
            println!("{}", with_dir(problem));
        }
        if let Some(dataset) = &dataset {
            let report = coverage::coverage(dataset);
            eprintln!(
                "{}: ok, {} entities, {} links, {} sources, {} statistics, {} policies",
                dir.display(),
                report.entities,
                report.links,
                report.sources,
                report.statistics,
                report.policies
            );
            // Quality floors of the dataset (issue 3): reported, not enforced, so that a true but
            // incomplete dataset still builds.
            let on_a_or_b = report.facts_by_grade.get("A").copied().unwrap_or(0)
                + report.facts_by_grade.get("B").copied().unwrap_or(0);
            let share = if report.facts == 0 { 100.0 } else { 100.0 * on_a_or_b as f64 / report.facts as f64 };
            let floor = if share >= 80.0 { "meets" } else { "below" };
            eprintln!(
                "{}: {share:.1}% of {} facts rest on a grade A or B source ({floor} the 80% floor)",
                dir.display(),
                report.facts
            );
            if report.entities_without_zh > 0 || report.entities_without_en > 0 {
                eprintln!(
                    "{}: {} entities have no Chinese name and {} no English name in any source read",
                    dir.display(),
                    report.entities_without_zh,
                    report.entities_without_en
                );
            }
            let relations: Vec<String> =
                report.links_by_relation.iter().map(|(relation, count)| format!("{relation} {count}")).collect();
            eprintln!("{}: links by relation: {}", dir.display(), relations.join(", "));
            eprintln!(
                "{}: {} Chongqing entities placed in no district, {} open superseded stakes, {} reader notes with internal text (details: check --json)",
                dir.display(),
                report.entities_without_district.len(),
                report.open_superseded_stakes.len(),
                report.notes_with_internal_text.len()
            );
            if !report.segments_without_local_firm.is_empty() {
                eprintln!(
                    "{}: segments without a local firm: {}",
                    dir.display(),
                    report.segments_without_local_firm.join(", ")
                );
            }
        } else {
            eprintln!("{}: {} problem(s), nothing written", dir.display(), problems.len());
        }
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn build(dir: &Path, output: &Path, version: &str) -> Result<ExitCode> {
    let dataset = match dataset::load(dir) {
        Ok(dataset) => dataset,
        Err(problems) => {
            for problem in &problems {
                println!("{}/{problem}", dir.display());
            }
            eprintln!("{}: {} problem(s), no edition written", dir.display(), problems.len());
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let built_at = std::env::var("SOURCE_DATE_EPOCH").ok().unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs().to_string())
            .unwrap_or_default()
    });
    let built_at = unix_to_date(&built_at);
    let data_commit = data_commit(dir);
    let stamp = atlas_core::store::Stamp { version, built_at: &built_at, data_commit: &data_commit, synthetic: false };
    atlas_core::store::build_edition_stamped(&dataset, output, &stamp)?;
    eprintln!(
        "wrote {} ({} entities, {} links, {} sources)",
        output.display(),
        dataset.entities.len(),
        dataset.links.len(),
        dataset.sources.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The git commit `dir` was read from ("-modified" when it differs from that commit), or
/// "unknown" outside a git checkout or without git: never a reason to fail a build.
fn data_commit(dir: &Path) -> String {
    let git = |args: &[&str]| -> Option<String> {
        let output = std::process::Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    };
    let Some(commit) = git(&["rev-parse", "HEAD"]).filter(|c| !c.is_empty()) else {
        return "unknown".to_string();
    };
    match git(&["status", "--porcelain", "--", "."]) {
        Some(changes) if changes.is_empty() => commit,
        _ => format!("{commit}-modified"),
    }
}

/// Seconds since 1970 as an ISO date, without a date crate: days to civil date (Howard Hinnant).
fn unix_to_date(seconds: &str) -> String {
    let Ok(seconds) = seconds.parse::<i64>() else {
        return seconds.to_string();
    };
    let days = seconds.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn synth(entities: usize, links: usize, seed: u64, output: &Path) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let dataset = atlas_core::synth::synthetic_chain(atlas_core::synth::SynthSize { entities, links, seed });
    let generated = started.elapsed();
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let version = format!("synthetic-{seed}");
    atlas_core::store::build_edition_marked(&dataset, output, &version, "1970-01-01", true)?;
    eprintln!(
        "wrote SYNTHETIC {} ({} entities, {} links; generated in {:.1} s, written in {:.1} s)",
        output.display(),
        dataset.entities.len(),
        dataset.links.len(),
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn serve(port: u16, edition: &Path, ui: PathBuf, workspace: Option<&Path>) -> Result<ExitCode> {
    let hint = || "build an edition first: nev-atlas build data -o target/nev-atlas.sqlite".to_string();
    let opened = match workspace {
        Some(w) => atlas_server::Opened::Workspace(Box::new(atlas_api::AppState::open(edition, w).with_context(hint)?)),
        None => {
            let atlas = atlas_core::Atlas::open(edition).with_context(hint)?;
            atlas.prepare_in_background()?;
            atlas_server::Opened::Edition(Box::new(atlas))
        }
    };
    if !ui.join("index.html").is_file() {
        anyhow::bail!("no UI at {} (build it: cd ui && npm ci && npm run build)", ui.display());
    }
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let (listener, address) = atlas_server::bind(port).await?;
        let router = atlas_server::router_for(opened, ui, address.port());
        // Tests and people wait for this line before they connect.
        println!("listening on http://{address}");
        atlas_server::serve(listener, router).await
    })?;
    Ok(ExitCode::SUCCESS)
}
