//! `cargo xtask bench [--entities N --links M --queries Q --samples K --repeat R --seed S]`:
//! builds a synthetic edition, times our analyses and search in a release build, times the same
//! analyses in NetworkX and igraph on the same graph in the same run, prints a table of times and
//! ratios and writes docs/benchmarks.md and docs/benchmarks.json.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::{cargo, root, run_in};

/// The peers, pinned; installed into target/bench-venv by this command.
pub const PEERS: &[&str] = &["networkx==3.6.1", "igraph==1.0.0", "scipy==1.17.1", "numpy==2.3.5"];

struct Options {
    entities: usize,
    links: usize,
    queries: usize,
    samples: usize,
    repeat: usize,
    seed: u64,
}

fn options(args: &[String]) -> Result<Options> {
    let mut options = Options { entities: 100_000, links: 1_000_000, queries: 1000, samples: 20, repeat: 3, seed: 1 };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        let number: u64 = value.parse().with_context(|| format!("{flag} {value}: not a number"))?;
        match flag.as_str() {
            "--entities" => options.entities = number as usize,
            "--links" => options.links = number as usize,
            "--queries" => options.queries = number as usize,
            "--samples" => options.samples = number as usize,
            "--repeat" => options.repeat = number as usize,
            "--seed" => options.seed = number,
            other => {
                bail!("unknown flag {other}; expected --entities, --links, --queries, --samples, --repeat, --seed")
            }
        }
    }
    Ok(options)
}

/// A Python virtual environment under target/ with `packages` installed (only when an import fails).
pub fn ensure_venv(name: &str, packages: &[&str], imports: &str) -> Result<PathBuf> {
    let venv = root().join("target").join(name);
    let python = venv.join("bin/python");
    let ready =
        Command::new(&python).args(["-c", &format!("import {imports}")]).output().is_ok_and(|o| o.status.success());
    if !ready {
        run_in(&root(), "python3", &["-m", "venv", &venv.to_string_lossy()])?;
        let mut install = vec!["-m", "pip", "install", "-q"];
        install.extend_from_slice(packages);
        run_in(&root(), &python.to_string_lossy(), &install)?;
    }
    Ok(python)
}

fn output(program: &Path, args: &[&str]) -> Result<String> {
    eprintln!("xtask: {} {}", program.display(), args.join(" "));
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .with_context(|| format!("starting {}", program.display()))?;
    if !out.status.success() {
        bail!("{} failed: {}", program.display(), String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// One row of the table: what, our time, the peers' times, and the target it is held to.
struct Case {
    id: &'static str,
    what: &'static str,
    target: &'static str,
}

const CASES: &[Case] = &[
    Case {
        id: "trace_upstream",
        what: "full upstream trace of the best-supplied vehicle maker",
        target: ">= 30x NetworkX, <= igraph",
    },
    Case {
        id: "shortest_path",
        what: "one shortest directed path (mean over the pairs)",
        target: ">= 30x NetworkX, <= igraph",
    },
    Case {
        id: "cut_points",
        what: "articulation points + bridges (undirected view)",
        target: "< 1 s, >= 20x NetworkX",
    },
    Case { id: "pagerank", what: "PageRank, damping 0.85, tolerance 1e-6", target: "-" },
    Case { id: "betweenness_sampled", what: "betweenness from K sampled sources", target: "background, cancellable" },
    Case { id: "graph_build", what: "open the edition and build the graph", target: "-" },
    Case { id: "edition_build", what: "write the synthetic edition (generate + SQLite)", target: "< 30 s" },
    Case { id: "search_p50", what: "search latency p50 over mixed queries", target: "-" },
    Case { id: "search_p99", what: "search latency p99 over mixed queries", target: "< 10 ms" },
];

pub fn bench(args: &[String]) -> Result<()> {
    let o = options(args)?;
    cargo(&["build", "--release", "-p", "atlas-cli"])?;
    let binary = root().join("target/release/nev-atlas");
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let edition = dir.join(format!("synthetic-{}-{}-{}.sqlite", o.entities, o.links, o.seed));
    let edges = dir.join("edges.txt");
    let ours_json = dir.join("ours.json");
    let started = Instant::now();
    let (entities, links, seed) = (o.entities.to_string(), o.links.to_string(), o.seed.to_string());
    output(
        &binary,
        &["synth", "--entities", &entities, "--links", &links, "--seed", &seed, "-o", &edition.to_string_lossy()],
    )?;
    let edition_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (queries, samples, repeat) = (o.queries.to_string(), o.samples.to_string(), o.repeat.to_string());
    let ours_text = output(
        &binary,
        &[
            "bench-run",
            "--edition",
            &edition.to_string_lossy(),
            "--edges",
            &edges.to_string_lossy(),
            "--queries",
            &queries,
            "--samples",
            &samples,
            "--repeat",
            &repeat,
            "--seed",
            &seed,
        ],
    )?;
    std::fs::write(&ours_json, &ours_text)?;
    let ours: Value = serde_json::from_str(&ours_text)?;
    let python = ensure_venv("bench-venv", PEERS, "networkx, igraph, scipy")?;
    let peers_text = output(
        &python,
        &[
            &root().join("xtask/bench/peers.py").to_string_lossy(),
            &edges.to_string_lossy(),
            &ours_json.to_string_lossy(),
            &repeat,
        ],
    )?;
    let peers: Value = serde_json::from_str(&peers_text)?;

    let mut cases = serde_json::Map::new();
    let mut rows = Vec::new();
    let ms = |v: &Value| v.as_f64();
    for case in CASES {
        let ours_ms = if case.id == "edition_build" { Some(edition_ms) } else { ms(&ours["ms"][case.id]) };
        let networkx_ms = ms(&peers["networkx_ms"][case.id]);
        let igraph_ms = ms(&peers["igraph_ms"][case.id]);
        cases.insert(
            case.id.to_string(),
            json!({ "what": case.what, "ours_ms": ours_ms, "networkx_ms": networkx_ms, "igraph_ms": igraph_ms, "target": case.target }),
        );
        let ratio = |peer: Option<f64>| match (peer, ours_ms) {
            (Some(p), Some(u)) if u > 0.0 => format!("{:.1}x", p / u),
            _ => "-".to_string(),
        };
        let cell = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
        rows.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            case.id,
            cell(ours_ms),
            cell(networkx_ms),
            cell(igraph_ms),
            ratio(networkx_ms),
            ratio(igraph_ms),
            case.target
        ));
    }
    let agree = ["trace_upstream", "shortest_path_lengths", "articulation_points", "bridges"]
        .iter()
        .all(|k| ours["check"][k] == peers["check"]["networkx"][k] && ours["check"][k] == peers["check"]["igraph"][k]);
    let report = json!({
        "entities": ours["entities"],
        "links": ours["links"],
        "seed": o.seed,
        "queries": o.queries,
        "samples": o.samples,
        "repeat": o.repeat,
        "machine": machine(),
        "versions": peers["versions"],
        "results_agree": agree,
        "cases": cases,
    });
    let table = format!(
        "| case | ours (ms) | NetworkX (ms) | igraph (ms) | NetworkX / ours | igraph / ours | target |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n{}\n",
        rows.join("\n")
    );
    println!("{table}");
    println!(
        "results agree with NetworkX and igraph (trace size, path lengths, articulation points, bridges): {agree}"
    );
    let mut report = report;
    // Cases other commands measure (such as `cargo xtask bench-server`) stay as they were.
    let earlier: Value = std::fs::read_to_string(root().join("docs/benchmarks.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    if let (Some(earlier), Some(now)) = (earlier["cases"].as_object(), report["cases"].as_object_mut()) {
        for (name, case) in earlier {
            now.entry(name.clone()).or_insert_with(|| case.clone());
        }
    }
    std::fs::write(root().join("docs/benchmarks.json"), serde_json::to_string_pretty(&report)? + "\n")?;
    let markdown = root().join("docs/benchmarks.md");
    let notes = std::fs::read_to_string(&markdown)
        .ok()
        .and_then(|m| m.split_once("<!-- notes -->").map(|(_, n)| n.to_string()))
        .unwrap_or_default();
    std::fs::write(
        &markdown,
        format!(
            "# Benchmarks\n\nGenerated by `cargo xtask bench --entities {} --links {} --queries {} --samples {} --repeat {} --seed {}` \
             on {}; peers: {}. Times are medians of {} runs (NetworkX betweenness: one run), all in one run on one machine. \
             Results agree with both peers: {agree}.\n\n{table}\n<!-- notes -->{notes}",
            o.entities,
            o.links,
            o.queries,
            o.samples,
            o.repeat,
            o.seed,
            machine(),
            peers["versions"],
            o.repeat
        ),
    )?;
    eprintln!("xtask: wrote docs/benchmarks.md and docs/benchmarks.json");
    Ok(())
}

/// Puts `case` under `name` into docs/benchmarks.json (keeping every other case) and `line` into
/// the notes of docs/benchmarks.md: in place of the case's earlier line, else under a new
/// `heading` at the end.
pub(crate) fn record_case(name: &str, case: &Value, line: &str, heading: &str) -> Result<()> {
    let json_path = root().join("docs/benchmarks.json");
    let mut report: Value = std::fs::read_to_string(&json_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| json!({ "cases": {} }));
    if !report["cases"].is_object() {
        report["cases"] = json!({});
    }
    report["cases"][name] = case.clone();
    std::fs::write(&json_path, serde_json::to_string_pretty(&report)? + "\n")?;
    let marker = format!("<!-- {name} -->");
    let line = format!("{marker}{line}");
    let md_path = root().join("docs/benchmarks.md");
    let markdown = std::fs::read_to_string(&md_path)?;
    let updated = match markdown.lines().position(|l| l.starts_with(&marker)) {
        Some(index) => {
            let mut lines: Vec<&str> = markdown.lines().collect();
            lines[index] = &line;
            lines.join("\n") + "\n"
        }
        None => {
            // Under the heading's section when there is one (before the next heading), else under
            // a new heading at the end.
            let mut lines: Vec<&str> = markdown.lines().collect();
            let title = format!("## {heading}");
            match lines.iter().position(|l| *l == title) {
                Some(at) => {
                    let end =
                        lines[at + 1..].iter().position(|l| l.starts_with("## ")).map_or(lines.len(), |i| at + 1 + i);
                    let last = lines[..end].iter().rposition(|l| !l.trim().is_empty()).unwrap_or(at);
                    lines.insert(last + 1, &line);
                    lines.insert(last + 1, "");
                    lines.join("\n") + "\n"
                }
                None => format!("{}\n\n{title}\n\n{line}\n", markdown.trim_end_matches('\n')),
            }
        }
    };
    std::fs::write(&md_path, updated)?;
    eprintln!("xtask: {}", line.trim_start_matches(&marker));
    eprintln!("xtask: wrote the {name} case into docs/benchmarks.json and docs/benchmarks.md");
    Ok(())
}

pub(crate) fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_default();
    format!("{cores} cores, {cpu}")
}
