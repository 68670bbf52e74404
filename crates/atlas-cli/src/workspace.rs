//! `nev-atlas import`, `export`, `workspace` and `call`: the user's workspace from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use atlas_workspace::Workspace;
use clap::{Args, Subcommand};

/// The edition and workspace every workspace command opens.
#[derive(Args)]
pub struct Opened {
    /// The shipped edition.
    #[arg(long, env = "NEV_ATLAS_EDITION", default_value = "target/nev-atlas.sqlite")]
    edition: PathBuf,
    /// Your workspace (default: NEV_ATLAS_WORKSPACE, else your data folder).
    #[arg(long)]
    workspace: Option<PathBuf>,
}

#[derive(Args)]
pub struct ImportArgs {
    /// A .csv (UTF-8, GBK/GB18030 or UTF-16) or .xlsx file.
    file: PathBuf,
    #[command(flatten)]
    opened: Opened,
    /// Only report what the import would do.
    #[arg(long)]
    dry_run: bool,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    /// csv, xlsx, graphml, gexf, json, neo4j or data.
    #[arg(long)]
    format: atlas_workspace::export::Format,
    #[command(flatten)]
    opened: Opened,
    /// Export the shipped edition alone.
    #[arg(long)]
    edition_only: bool,
    /// The file (graphml, gexf, json, xlsx) or folder (csv, neo4j, data) to write.
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Args)]
pub struct WorkspaceArgs {
    #[command(subcommand)]
    action: Action,
    #[command(flatten)]
    opened: Opened,
}

#[derive(Subcommand)]
enum Action {
    /// The change log, newest first.
    Log,
    /// Undo the newest change.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// A verified backup now.
    Backup,
    /// Restore a backup (the newest when none is named); the current state is backed up first.
    Restore { backup: Option<PathBuf> },
    /// Integrity check, and your facts that no longer attach to this edition.
    Check,
}

#[derive(Args)]
pub struct CallArgs {
    /// A command of the app's command list, such as add_link or entity.
    command: String,
    /// Its arguments as JSON.
    #[arg(default_value = "{}")]
    args: String,
    #[command(flatten)]
    opened: Opened,
}

/// The workspace path: the one given, else NEV_ATLAS_WORKSPACE, else the user's data folder.
pub fn resolve(given: Option<PathBuf>) -> Result<PathBuf> {
    given.map_or_else(atlas_workspace::default_path, Ok)
}

fn open(opened: &Opened) -> Result<(Workspace, PathBuf)> {
    let path = resolve(opened.workspace.clone())?;
    Ok((Workspace::open(&path)?, path))
}

fn merged(opened: &Opened, workspace: &Workspace) -> Result<atlas_core::Atlas> {
    let (atlas, _) = atlas_workspace::merge::merged_atlas(&opened.edition, workspace)
        .with_context(|| format!("opening the edition {}", opened.edition.display()))?;
    Ok(atlas)
}

pub fn import(args: &ImportArgs) -> Result<ExitCode> {
    let (mut workspace, _) = open(&args.opened)?;
    let atlas = merged(&args.opened, &workspace)?;
    let mut last = std::time::Instant::now();
    let mut progress = |done: usize, total: usize| {
        if !args.json && last.elapsed().as_millis() > 500 {
            eprintln!("read {done} of {total} rows");
            last = std::time::Instant::now();
        }
    };
    let report = workspace.import(&atlas, &args.file, args.dry_run, &mut progress)?;
    let ok = report.problems.is_empty();
    let view = atlas_api::import_report(report, workspace.revision()?);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&view)?);
    } else {
        let file = args.file.display();
        for p in &view.problems {
            println!("{file}:{}:{}: {}", p.row, p.column, p.message);
        }
        println!(
            "{file}: {} rows ({}, {}); {} names matched, {} new, {} ambiguous; {} new entities, {} new links, {} new statistics; {}",
            view.rows,
            view.encoding,
            if view.layout.is_empty() { "unknown layout" } else { &view.layout },
            view.names.iter().filter(|n| n.kind == atlas_api::MatchKind::Matched).count(),
            view.names.iter().filter(|n| n.kind == atlas_api::MatchKind::New).count(),
            view.names.iter().filter(|n| n.kind == atlas_api::MatchKind::Ambiguous).count(),
            view.new_entities,
            view.new_links,
            view.new_statistics,
            if view.imported {
                "imported as one change (undo with `nev-atlas workspace undo`)"
            } else if ok {
                "dry run, nothing changed"
            } else {
                "refused, nothing changed"
            }
        );
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

pub fn export(args: &ExportArgs) -> Result<ExitCode> {
    let (workspace, _) = open(&args.opened)?;
    let atlas = if args.edition_only {
        atlas_core::Atlas::open(&args.opened.edition)?
    } else {
        merged(&args.opened, &workspace)?
    };
    atlas_workspace::export::export(&atlas, Some(&workspace), args.format, &args.output)?;
    eprintln!("wrote {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}

fn print_change(change: Option<atlas_workspace::Change>, none: &str) {
    match change {
        Some(c) => println!("{} #{} {} ({})", if c.undone { "undone" } else { "done" }, c.id, c.summary, c.at),
        None => println!("{none}"),
    }
}

pub fn workspace(args: &WorkspaceArgs) -> Result<ExitCode> {
    let (mut workspace, path) = open(&args.opened)?;
    match &args.action {
        Action::Log => {
            for c in workspace.log(10_000)? {
                println!(
                    "#{}\t{}\t{}\t{}{}",
                    c.id,
                    c.at,
                    c.action,
                    c.summary,
                    if c.undone { "\t(undone)" } else { "" }
                );
            }
        }
        Action::Undo => print_change(workspace.undo()?, "nothing to undo"),
        Action::Redo => print_change(workspace.redo()?, "nothing to redo"),
        Action::Backup => println!("{}", workspace.backup("manual")?.path.display()),
        Action::Restore { backup } => {
            let restored = workspace.restore(backup.as_deref())?;
            println!("restored {} into {}", restored.path.display(), path.display());
        }
        Action::Check => {
            let verdict = workspace.integrity()?;
            println!("integrity: {verdict}");
            let (_, unattached) = atlas_workspace::merge::merged_atlas(&args.opened.edition, &workspace)?;
            for u in &unattached {
                println!(
                    "needs attention: your {} on {} {} no longer attaches to this edition",
                    u.what,
                    u.fact.as_str(),
                    u.key
                );
            }
            println!("{} item(s) need attention", unattached.len());
            if verdict != "ok" {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn call(args: &CallArgs) -> Result<ExitCode> {
    let path = resolve(args.opened.workspace.clone())?;
    let state = atlas_api::AppState::open(&args.opened.edition, &path)?;
    let value: serde_json::Value = serde_json::from_str(&args.args).context("the arguments are not JSON")?;
    match atlas_api::dispatch_state(&state, &args.command, value) {
        Ok(result) => {
            // Printed only after the change is committed: what a script sees done is durable.
            println!("{}", serde_json::to_string(&result)?);
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("nev-atlas: {}", error.message);
            Ok(ExitCode::FAILURE)
        }
    }
}
