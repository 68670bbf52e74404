//! `cargo xtask bench-import [--rows N --rounds R --baseline REV --baseline-limit S]`: the
//! `import_100k` case. Writes a synthetic supplier list of N rows (UTF-8 CSV under target/bench/:
//! N/5 made-up suppliers, each named 基准供应商 and a number, supplying four real vehicle makers of
//! the edition, with example.org sources; benchmark data only, never data/) and imports it into a
//! fresh workspace over the real edition with our release build and with a release build of
//! commit REV, R times each. A baseline import still running after S seconds is stopped and
//! reported as slower than S. Writes the case into docs/benchmarks.json and docs/benchmarks.md.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::{cargo, root, run_in};

/// The commit before import counted CSV lines from the file's start and numbered same-slug ids
/// one query at a time.
const BASELINE: &str = "1e831cd";

/// Vehicle makers of the edition, by the legal names a supplier list would carry.
const CUSTOMERS: &[&str] =
    &["重庆长安汽车股份有限公司", "赛力斯集团股份有限公司", "阿维塔科技（重庆）有限公司", "深蓝汽车科技有限公司"];

struct Options {
    rows: usize,
    rounds: usize,
    baseline: String,
    baseline_limit: f64,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options { rows: 100_000, rounds: 3, baseline: BASELINE.to_string(), baseline_limit: 120.0 };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<f64>().with_context(|| format!("{flag} {value}: not a number"));
        match flag.as_str() {
            "--rows" => o.rows = number()? as usize,
            "--rounds" => o.rounds = number()? as usize,
            "--baseline" => o.baseline = value.clone(),
            "--baseline-limit" => o.baseline_limit = number()?,
            other => bail!("unknown flag {other}; expected --rows, --rounds, --baseline, --baseline-limit"),
        }
    }
    Ok(o)
}

/// The synthetic supplier list: one row per link, with the headers users write.
fn write_list(path: &Path, rows: usize) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "供应商,客户,产品,来源,日期,份额")?;
    let suppliers = (rows / 5).max(1);
    for i in 0..rows {
        let customer = CUSTOMERS[i % CUSTOMERS.len()];
        writeln!(
            out,
            "基准供应商{:05},{customer},零件{i},https://example.org/bench/{i},2025-01-{:02},",
            i % suppliers,
            i % 28 + 1
        )?;
    }
    out.flush()?;
    Ok(())
}

/// Seconds one import takes into a fresh workspace, or `None` when it outlasts `limit`.
fn import_once(binary: &Path, edition: &Path, list: &Path, workspace: &Path, limit: f64) -> Result<Option<f64>> {
    if let Some(dir) = workspace.parent() {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
    }
    let start = Instant::now();
    let mut child = Command::new(binary)
        .arg("import")
        .arg(list)
        .arg("--edition")
        .arg(edition)
        .arg("--workspace")
        .arg(workspace)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    loop {
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("{} import failed ({status})", binary.display());
            }
            return Ok(Some(start.elapsed().as_secs_f64()));
        }
        if start.elapsed().as_secs_f64() > limit {
            child.kill().ok();
            child.wait().ok();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The median of the finished rounds; `None` when any round did not finish.
fn median(rounds: &[Option<f64>]) -> Option<f64> {
    let mut done: Vec<f64> = rounds.iter().copied().collect::<Option<Vec<f64>>>()?;
    done.sort_by(f64::total_cmp);
    done.get(done.len() / 2).copied()
}

pub fn bench_import(args: &[String]) -> Result<()> {
    let o = options(args)?;
    cargo(&["build", "--release", "-p", "atlas-cli"])?;
    let ours = root().join("target/release/nev-atlas");
    let baseline = crate::server_bench::baseline_binary(&o.baseline)?;
    let scratch = root().join("target/bench/import");
    std::fs::create_dir_all(&scratch)?;
    let edition = scratch.join("edition.sqlite");
    run_in(&root(), &ours.to_string_lossy(), &["build", "data", "-o", &edition.to_string_lossy()])?;
    let list = scratch.join(format!("suppliers-{}.csv", o.rows));
    write_list(&list, o.rows)?;
    let workspace = scratch.join("workspace/workspace.sqlite");
    let (mut ours_rounds, mut baseline_rounds) = (Vec::new(), Vec::new());
    for round in 0..o.rounds.max(1) {
        ours_rounds.push(import_once(&ours, &edition, &list, &workspace, f64::INFINITY)?);
        // One baseline round that outlasts the limit says enough.
        if round == 0 || baseline_rounds.iter().all(Option::is_some) {
            baseline_rounds.push(import_once(&baseline, &edition, &list, &workspace, o.baseline_limit)?);
        }
        eprintln!(
            "xtask: round {}: ours {:?} s, baseline {:?} s",
            round + 1,
            ours_rounds.last(),
            baseline_rounds.last()
        );
    }
    let ours_s = median(&ours_rounds).context("our import did not finish")?;
    let baseline_s = median(&baseline_rounds);
    let case = json!({
        "name": "import_100k",
        "what": format!(
            "`nev-atlas import` of a synthetic {}-row supplier list (UTF-8 CSV, {} new suppliers, four real makers) into a fresh workspace over the real edition: read, match, dry-run checks, backup, write as one change; median of {} rounds",
            o.rows, (o.rows / 5).max(1), o.rounds
        ),
        "ours": ours_s * 1000.0,
        "baseline": baseline_s.map_or(Value::Null, |s| json!(s * 1000.0)),
        "baseline_limit_ms": o.baseline_limit * 1000.0,
        "unit": "ms",
        "target": "< 10 s",
        "baseline_commit": o.baseline,
        "machine": crate::bench::machine(),
        "details": { "ours_s": ours_rounds, "baseline_s": baseline_rounds },
    });
    let baseline_text = match baseline_s {
        Some(s) => format!("{s:.1} s"),
        None => format!("still running after {:.0} s, stopped", o.baseline_limit),
    };
    let line = format!(
        "`import_100k` ({} rows, {} made-up suppliers, four real makers, real edition; median of {} rounds; {}): \
         **{ours_s:.2} s**; the baseline (commit {}, CSV lines counted from the file's start, same-slug ids numbered \
         one query at a time): {baseline_text}. Target: under 10 s. `cargo xtask bench-import`.",
        o.rows,
        (o.rows / 5).max(1),
        o.rounds,
        crate::bench::machine(),
        o.baseline,
    );
    crate::bench::record_case("import_100k", &case, &line, "Import")
}
