//! `cargo xtask bench --graph [--nodes N --links M --seed S --rounds R]`: the graph view's drawing
//! of a large synthetic graph (10,000 nodes and 30,000 links by default) in Debian's chromium,
//! against cytoscape.js on the same graph and positions. Builds the benchmark page
//! (ui/vite.bench.config.ts, ui/bench/; not part of the app's dist), runs tests/e2e/graph-bench.mjs
//! and writes the `graph_10k` case into docs/benchmarks.json and its line into docs/benchmarks.md.
//! Not part of `cargo xtask test`: one round takes minutes on a machine without a GPU.

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::{ensure_npm, root, run_in};

struct Options {
    nodes: u64,
    links: u64,
    seed: u64,
    rounds: u64,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options { nodes: 10_000, links: 30_000, seed: 1, rounds: 3 };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        let number: u64 = value.parse().with_context(|| format!("{flag} {value}: not a number"))?;
        match flag.as_str() {
            "--nodes" => o.nodes = number,
            "--links" => o.links = number,
            "--seed" => o.seed = number,
            "--rounds" => o.rounds = number.max(1),
            other => bail!("unknown flag {other}; expected --nodes, --links, --seed, --rounds"),
        }
    }
    Ok(o)
}

/// The 1-minute load average (other work on the machine), as /proc/loadavg gives it.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

pub fn bench_graph(args: &[String]) -> Result<()> {
    let o = options(args)?;
    let ui = root().join("ui");
    let e2e = root().join("tests/e2e");
    ensure_npm(&ui)?;
    ensure_npm(&e2e)?;
    run_in(&ui, "npx", &["vite", "build", "--config", "vite.bench.config.ts"])?;
    let out = root().join("target/graph-bench/result.json");
    let load_before = load_average();
    let (nodes, links, seed, rounds) =
        (o.nodes.to_string(), o.links.to_string(), o.seed.to_string(), o.rounds.to_string());
    run_in(
        &e2e,
        "node",
        &[
            "graph-bench.mjs",
            "--nodes",
            &nodes,
            "--links",
            &links,
            "--seed",
            &seed,
            "--rounds",
            &rounds,
            "--out",
            &out.to_string_lossy(),
        ],
    )?;
    let load_after = load_average();
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    let (ours, cyto) = (&report["ours"], &report["cytoscape"]);
    let date = String::from_utf8(std::process::Command::new("date").args(["-u", "+%Y-%m-%d"]).output()?.stdout)?;
    let date = date.trim();
    let case = json!({
        "name": "graph_10k",
        "what": format!(
            "the graph view's code (model.ts layout, renderer.ts on sigma) drawing a synthetic graph of {} nodes and {} links in chromium at 1920x1080, then a scripted pan and zoom with the mouse; `ours` and `baseline` (cytoscape.js, same graph and positions) are the median time between animation frames during the pan and zoom; median of {} alternating rounds",
            report["nodes"], report["links"], o.rounds
        ),
        "ours": ours["frame_median_ms"],
        "baseline": cyto["frame_median_ms"],
        "unit": "ms",
        "target": "no main-thread task over 100 ms (Long Tasks API)",
        "longest_task_ms": ours["longest_task_ms"],
        "baseline_longest_task_ms": cyto["longest_task_ms"],
        "date": date,
        "machine": crate::bench::machine(),
        "load_average": [load_before, load_after],
        "details": report,
    });
    let f = |side: &Value, key: &str| side[key].as_f64().unwrap_or(f64::NAN);
    let line = format!(
        "`graph_10k` ({date}; {} nodes, {} links, 1920x1080, median of {} alternating rounds; {}, {}, load average {} before and {} after): \
         frame time during the pan and zoom median **{:.1} ms**, p95 {:.0} ms; longest main-thread task **{:.0} ms** \
         (loading {:.0} ms, pan and zoom {:.0} ms); graph drawn in {:.0} ms, of which the layout {:.0} ms (longest task {:.0} ms, \
         the rest in a worker), building sigma {:.0} ms, the first frames {:.0} ms (longest task {:.0} ms). \
         cytoscape.js {}: median {:.1} ms, p95 {:.0} ms; \
         longest task {:.0} ms (loading {:.0} ms, pan and zoom {:.0} ms); drawn in {:.0} ms. Target: no task over 100 ms. \
         `cargo xtask bench --graph`.",
        report["nodes"],
        report["links"],
        o.rounds,
        report["chromium"].as_str().unwrap_or("chromium"),
        crate::bench::machine(),
        load_before.map_or("?".to_string(), |l| format!("{l:.1}")),
        load_after.map_or("?".to_string(), |l| format!("{l:.1}")),
        f(ours, "frame_median_ms"),
        f(ours, "frame_p95_ms"),
        f(ours, "longest_task_ms"),
        f(ours, "longest_load_task_ms"),
        f(ours, "longest_interaction_task_ms"),
        f(ours, "load_ms"),
        f(&ours["steps"]["laid_out"], "ms"),
        f(&ours["steps"]["laid_out"], "longest_task_ms"),
        f(&ours["steps"]["renderer"], "longest_task_ms"),
        f(&ours["steps"]["painted"], "ms"),
        f(&ours["steps"]["painted"], "longest_task_ms"),
        report["cytoscape_version"].as_str().unwrap_or(""),
        f(cyto, "frame_median_ms"),
        f(cyto, "frame_p95_ms"),
        f(cyto, "longest_task_ms"),
        f(cyto, "longest_load_task_ms"),
        f(cyto, "longest_interaction_task_ms"),
        f(cyto, "load_ms"),
    );
    crate::bench::record_case("graph_10k", &case, &line, "Graph view with 10k nodes and 30k links")
}
