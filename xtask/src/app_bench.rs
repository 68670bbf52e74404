//! `cargo xtask bench --app [--runs N] [--idle S]`: the app as users feel it, against an empty
//! Tauri 2 window (benches/empty-window) built with the same release profile in the same run.
//!
//! - `app_start`: from launching the binary to the UI's ready mark: the first frame with the search
//!   box drawn (ui/src/app.ts calls the shell's `ready` command, src-tauri/src/ready.rs, which
//!   writes a line to NEV_ATLAS_READY_FILE; here that file is a FIFO, read the moment it is
//!   written). The empty window's page does the same after its first frame. Each run is a new
//!   process with fresh HOME and XDG folders (no WebKit cache, no remembered view; the files the
//!   binaries read are in the page cache after the warm-up run of each, which is not counted).
//!   Runs alternate: ours, the empty window, ours, ...; the median of N of each.
//! - `app_pss`: after ready and S seconds idle, the PSS of the whole process tree (the binary and
//!   every descendant: WebKitWebProcess, WebKitNetworkProcess, ...), read from
//!   /proc/<pid>/smaps_rollup; the median of the runs, and each process kind's median.
//! - `app_binary`: the two release binaries started.
//! - `binary_size`, `deb_size`: the package of `cargo xtask bundle` (target/dist), when built.
//!
//! Everything runs under one Xvfb display and one D-Bus session (`xvfb-run -a`, `dbus-run-session`,
//! as the desktop e2e): the outer command builds, then runs `cargo xtask bench-app-run` inside
//! them. Not a step of `cargo xtask test`: it needs release builds.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::{BUILD_PACKAGES, build_ui, cargo, ensure_packages, root, run_in};

const START_TARGET: f64 = 1.3;
const PSS_TARGET: f64 = 1.2;
/// The display the window is drawn on, as the desktop e2e's.
const SCREEN: &str = "-screen 0 1280x800x24";
/// How long one start may take before the run is given up.
const START_TIMEOUT: Duration = Duration::from_secs(60);

struct Options {
    runs: usize,
    idle: f64,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options { runs: 10, idle: 5.0 };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<f64>().with_context(|| format!("{flag} {value}: not a number"));
        match flag.as_str() {
            "--runs" => o.runs = number()? as usize,
            "--idle" => o.idle = number()?,
            other => bail!("unknown flag {other}; expected --runs N, --idle SECONDS"),
        }
    }
    if o.runs == 0 {
        bail!("--runs must be at least 1");
    }
    Ok(o)
}

fn ours_binary() -> PathBuf {
    root().join("target/release/atlas-desktop")
}

fn empty_binary() -> PathBuf {
    root().join("target/release/atlas-empty-window")
}

fn bench_dir() -> PathBuf {
    root().join("target/bench-app")
}

fn edition() -> PathBuf {
    bench_dir().join("nev-atlas.sqlite")
}

/// `cargo xtask bench --app`: builds the UI, the edition and both release binaries, then measures
/// under Xvfb.
pub fn bench_app(args: &[String]) -> Result<()> {
    let o = options(args)?;
    ensure_packages(BUILD_PACKAGES)?;
    ensure_packages(&["xvfb", "xauth", "dbus-daemon", "dbus-x11"])?;
    build_ui()?;
    // The edition of data/, written where only this benchmark reads it.
    cargo(&["build", "--release", "-p", "atlas-cli"])?;
    std::fs::create_dir_all(bench_dir())?;
    let edition = edition();
    run_in(
        &root(),
        &root().join("target/release/nev-atlas").to_string_lossy(),
        &["build", "data", "-o", &edition.to_string_lossy()],
    )?;
    // One build of both, so they share every dependency, built with the same features.
    cargo(&[
        "build",
        "--release",
        "-p",
        "atlas-desktop",
        "-p",
        "atlas-empty-window",
        "--features",
        "atlas-desktop/custom-protocol,atlas-empty-window/custom-protocol",
    ])?;
    // A copy of this xtask binary runs the measuring half: cargo may replace target/debug/xtask
    // meanwhile (another `cargo xtask` or `cargo build` in the same tree).
    let me = bench_dir().join("xtask");
    // /proc/self/exe still reads when the file was replaced since this process started.
    std::fs::copy("/proc/self/exe", &me).with_context(|| format!("copying the xtask binary to {}", me.display()))?;
    let (runs, idle) = (o.runs.to_string(), o.idle.to_string());
    let me = me.to_string_lossy();
    run_in(
        &root(),
        "timeout",
        &[
            "-k",
            "10",
            "1800",
            "xvfb-run",
            "-a",
            "-s",
            SCREEN,
            "dbus-run-session",
            "--",
            &me,
            "bench-app-run",
            "--runs",
            &runs,
            "--idle",
            &idle,
        ],
    )
}

/// One of the two programs compared.
struct App {
    name: &'static str,
    binary: PathBuf,
    env: Vec<(&'static str, PathBuf)>,
}

/// What one run measured.
struct Run {
    start_ms: f64,
    pss_kb: u64,
    /// PSS by process name (several processes of one name are added up).
    by_process: BTreeMap<String, u64>,
}

/// `cargo xtask bench-app-run`: the measuring half, run inside Xvfb and a D-Bus session.
pub fn bench_app_run(args: &[String]) -> Result<()> {
    let o = options(args)?;
    if std::env::var_os("DISPLAY").is_none() {
        bail!("no DISPLAY: run `cargo xtask bench --app`, which starts Xvfb");
    }
    let dir = bench_dir();
    let runs_dir = dir.join("runs");
    if runs_dir.exists() {
        std::fs::remove_dir_all(&runs_dir)?;
    }
    std::fs::create_dir_all(&runs_dir)?;
    for binary in [ours_binary(), empty_binary()] {
        if !binary.is_file() {
            bail!("{} is missing: run `cargo xtask bench --app`", binary.display());
        }
    }
    // One workspace for every run of ours, created by its warm-up run: a returning user's start.
    let ours = App {
        name: "ours",
        binary: ours_binary(),
        env: vec![("NEV_ATLAS_EDITION", edition()), ("NEV_ATLAS_WORKSPACE", runs_dir.join("workspace.sqlite"))],
    };
    let empty = App { name: "empty window", binary: empty_binary(), env: vec![] };
    let load_before = load_average();
    let others_before = other_work();
    let date = utc_now();
    eprintln!("xtask: warm-up runs (not counted)");
    run_once(&ours, &runs_dir.join("warm-ours"), 1.0)?;
    run_once(&empty, &runs_dir.join("warm-empty"), 1.0)?;
    let (mut ours_runs, mut empty_runs) = (Vec::new(), Vec::new());
    for i in 0..o.runs {
        for (app, runs) in [(&ours, &mut ours_runs), (&empty, &mut empty_runs)] {
            let run = run_once(app, &runs_dir.join(format!("{}-{i}", app.name.replace(' ', "-"))), o.idle)?;
            eprintln!(
                "xtask: run {} {}: ready after {:.0} ms, PSS {:.1} MB",
                i + 1,
                app.name,
                run.start_ms,
                run.pss_kb as f64 / 1024.0
            );
            runs.push(run);
        }
    }
    let load_after = load_average();
    let others_after = other_work();
    let conditions = format!(
        "{date}; load average {load_before} before, {load_after} after; other work at the same time: {}",
        describe_other_work(&others_before, &others_after)
    );
    record(&o, &ours_runs, &empty_runs, &conditions)
}

/// Starts `app` with fresh folders under `dir`, waits for its ready mark, idles `idle` seconds,
/// reads the PSS of its process tree, and stops it.
fn run_once(app: &App, dir: &Path, idle: f64) -> Result<Run> {
    std::fs::create_dir_all(dir)?;
    for sub in ["home", "data", "cache", "config"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    let fifo = dir.join("ready");
    run_quiet("mkfifo", &[&fifo.to_string_lossy()])?;
    let (sender, receiver) = mpsc::channel();
    {
        let fifo = fifo.clone();
        // Opening a FIFO for reading blocks until the app opens it for writing; the read ends when
        // the app closes it, having written its line.
        std::thread::spawn(move || {
            let text = std::fs::read_to_string(&fifo);
            let _ = sender.send((Instant::now(), text));
        });
    }
    let log = std::fs::File::create(dir.join("log.txt"))?;
    let mut command = Command::new(&app.binary);
    command
        .current_dir(dir)
        .env("HOME", dir.join("home"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("NEV_ATLAS_READY_FILE", &fifo)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    for (key, value) in &app.env {
        command.env(key, value);
    }
    let started = Instant::now();
    let mut child = command.spawn().with_context(|| format!("starting {}", app.binary.display()))?;
    let ready = loop {
        match receiver.recv_timeout(Duration::from_millis(50)) {
            Ok((at, Ok(text))) if text.starts_with("ready") => break at,
            Ok((_, text)) => {
                stop(&mut child);
                bail!("{}: an unexpected ready mark {text:?}", app.name);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("{}: the FIFO reader ended", app.name),
        }
        let exited = child.try_wait()?;
        if exited.is_some() || started.elapsed() > START_TIMEOUT {
            stop(&mut child);
            // Unblock the reader, which still waits for a writer.
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
            let log = std::fs::read_to_string(dir.join("log.txt")).unwrap_or_default();
            let tail: String =
                log.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
            match exited {
                Some(status) => bail!("{} ended before it was ready ({status}):\n{tail}", app.name),
                None => bail!("{} gave no ready mark in {} s:\n{tail}", app.name, START_TIMEOUT.as_secs()),
            }
        }
    };
    let start_ms = ready.duration_since(started).as_secs_f64() * 1000.0;
    std::thread::sleep(Duration::from_secs_f64(idle));
    let mut by_process = BTreeMap::new();
    let mut pss_kb = 0;
    for pid in tree(child.id()) {
        // A process that ended in between has no PSS left to count.
        let Some(pss) = pss_kb_of(pid) else { continue };
        // The binary itself under one name for both, so that the two compare line by line.
        let name = if pid == child.id() {
            "main process".to_string()
        } else {
            std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string()
        };
        *by_process.entry(name).or_insert(0) += pss;
        pss_kb += pss;
    }
    stop(&mut child);
    Ok(Run { start_ms, pss_kb, by_process })
}

/// Ends `child` and every process under it, by id: SIGTERM, then SIGKILL to what remains after
/// 5 s; waits until none is left, so the next run starts on a quiet machine.
fn stop(child: &mut Child) {
    let pids = tree(child.id());
    let signal = |sig: &str, pids: &[u32]| {
        let alive: Vec<String> =
            pids.iter().filter(|p| Path::new(&format!("/proc/{p}")).exists()).map(u32::to_string).collect();
        if !alive.is_empty() {
            let _ = Command::new("kill").arg(sig).args(&alive).stderr(Stdio::null()).status();
        }
    };
    signal("-TERM", &pids);
    let deadline = Instant::now() + Duration::from_secs(5);
    let gone = |pids: &[u32]| pids.iter().all(|p| !is_running(*p));
    while Instant::now() < deadline {
        let _ = child.try_wait();
        if gone(&pids) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    signal("-KILL", &pids);
    let _ = child.wait();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && !gone(&pids) {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// True while `pid` exists and is not a zombie.
fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit_once(')').map(|(_, rest)| rest.trim_start().starts_with('Z')))
        .is_some_and(|zombie| !zombie)
}

/// `root` and all its descendants, from the parent ids in /proc/*/stat.
fn tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (pid, ppid) in processes() {
        children.entry(ppid).or_default().push(pid);
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        if let Some(kids) = children.get(&out[i]) {
            out.extend(kids.iter().copied());
        }
        i += 1;
    }
    out
}

/// Every process as (pid, parent pid).
fn processes() -> Vec<(u32, u32)> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split at the last ')'.
            let (_, rest) = stat.rsplit_once(')')?;
            let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect()
}

/// The PSS of one process in kB, from /proc/<pid>/smaps_rollup.
fn pss_kb_of(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    text.lines()
        .find(|l| l.starts_with("Pss:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}

/// Builds, tests and browsers running beside the benchmark (compilers, linkers, node, browsers),
/// by process name and count.
fn other_work() -> BTreeMap<String, usize> {
    const BUSY: &[&str] =
        &["rustc", "cargo", "cc1", "cc1plus", "ld", "rust-lld", "node", "chromium", "esbuild", "python3", "nev-atlas"];
    let mine: HashSet<u32> = tree(std::process::id()).into_iter().collect();
    let mut seen = BTreeMap::new();
    for (pid, _) in processes() {
        if mine.contains(&pid) {
            continue;
        }
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        if BUSY.contains(&name.as_str()) {
            *seen.entry(name).or_insert(0) += 1;
        }
    }
    seen
}

fn describe_other_work(before: &BTreeMap<String, usize>, after: &BTreeMap<String, usize>) -> String {
    let list = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter().map(|(name, n)| format!("{name} x{n}")).collect::<Vec<_>>().join(", ")
        }
    };
    format!("{} at the start, {} at the end", list(before), list(after))
}

fn utc_now() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn run_quiet(program: &str, args: &[&str]) -> Result<()> {
    let status = Command::new(program).args(args).status().with_context(|| format!("starting {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// Each process name's median PSS over the runs, in MB (a run without that process counts 0).
fn pss_by_process(runs: &[Run]) -> BTreeMap<String, f64> {
    let names: HashSet<&String> = runs.iter().flat_map(|r| r.by_process.keys()).collect();
    names
        .into_iter()
        .map(|name| {
            let mut values: Vec<f64> =
                runs.iter().map(|r| r.by_process.get(name).copied().unwrap_or(0) as f64 / 1024.0).collect();
            (name.clone(), round(median(&mut values), 1))
        })
        .collect()
}

/// "within the target" or "misses the target by N%".
fn verdict(ratio: f64, target: f64) -> String {
    if ratio <= target {
        format!("within the target of {target}x")
    } else {
        format!("**misses the target of {target}x by {:.0}%**", (ratio / target - 1.0) * 100.0)
    }
}

fn record(o: &Options, ours: &[Run], empty: &[Run], conditions: &str) -> Result<()> {
    let machine = crate::bench::machine();
    let mut ours_ms: Vec<f64> = ours.iter().map(|r| r.start_ms).collect();
    let mut empty_ms: Vec<f64> = empty.iter().map(|r| r.start_ms).collect();
    let details_ms = json!({
        "ours_ms": ours_ms.iter().map(|v| round(*v, 1)).collect::<Vec<_>>(),
        "baseline_ms": empty_ms.iter().map(|v| round(*v, 1)).collect::<Vec<_>>(),
    });
    let (start_ours, start_empty) = (median(&mut ours_ms), median(&mut empty_ms));
    let start_ratio = start_ours / start_empty;
    let case = json!({
        "name": "app_start",
        "what": "launching the release binary to the first frame with the search box drawn (the UI's ready mark), against an empty Tauri 2 window with a one-line page; fresh HOME and XDG folders per run, runs alternating, median",
        "ours": round(start_ours, 1),
        "baseline": round(start_empty, 1),
        "unit": "ms",
        "ratio": round(start_ratio, 2),
        "target": format!("<= {START_TARGET}x the empty window"),
        "runs": o.runs,
        "details": details_ms,
        "conditions": conditions,
        "machine": machine,
    });
    let line = format!(
        "`app_start` (launch to the first frame with the search box drawn, under Xvfb; median of {} alternating runs each; {machine}; {conditions}): **{start_ours:.0} ms** against {start_empty:.0} ms for an empty Tauri 2 window, **{start_ratio:.2}x**, {}. `cargo xtask bench --app`.",
        o.runs,
        verdict(start_ratio, START_TARGET)
    );
    crate::bench::record_case("app_start", &case, &line, "The app as users feel it")?;

    let mut ours_pss: Vec<f64> = ours.iter().map(|r| r.pss_kb as f64 / 1024.0).collect();
    let mut empty_pss: Vec<f64> = empty.iter().map(|r| r.pss_kb as f64 / 1024.0).collect();
    let (pss_ours, pss_empty) = (median(&mut ours_pss), median(&mut empty_pss));
    let pss_ratio = pss_ours / pss_empty;
    let (by_ours, by_empty) = (pss_by_process(ours), pss_by_process(empty));
    // Where the difference is: each process kind's median, ours minus the empty window's.
    let names: std::collections::BTreeSet<&String> = by_ours.keys().chain(by_empty.keys()).collect();
    let mut differences: Vec<(String, f64)> = names
        .into_iter()
        .map(|n| {
            let (a, b) = (by_ours.get(n).copied().unwrap_or(0.0), by_empty.get(n).copied().unwrap_or(0.0));
            (n.clone(), a - b)
        })
        .collect();
    differences.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let by = |m: &BTreeMap<String, f64>| m.iter().map(|(n, v)| format!("{n} {v:.1}")).collect::<Vec<_>>().join(", ");
    let case = json!({
        "name": "app_pss",
        "what": format!("PSS of the whole process tree (the binary and every descendant, WebKit's processes included; /proc/<pid>/smaps_rollup) {} s after the ready mark, against the empty window; median of the runs", o.idle),
        "ours": round(pss_ours, 1),
        "baseline": round(pss_empty, 1),
        "unit": "MB",
        "ratio": round(pss_ratio, 2),
        "target": format!("<= {PSS_TARGET}x the empty window"),
        "runs": o.runs,
        "by_process": { "ours": by_ours, "baseline": by_empty },
        "details": {
            "ours_mb": ours.iter().map(|r| round(r.pss_kb as f64 / 1024.0, 1)).collect::<Vec<_>>(),
            "baseline_mb": empty.iter().map(|r| round(r.pss_kb as f64 / 1024.0, 1)).collect::<Vec<_>>(),
        },
        "conditions": conditions,
        "machine": machine,
    });
    let line = format!(
        "`app_pss` (PSS of the whole process tree {} s after ready, WebKit's processes included; median of {} runs each; same run as app_start): **{pss_ours:.0} MB** against {pss_empty:.0} MB for the empty window, **{pss_ratio:.2}x**, {}. By process, ours (MB, median): {}; the empty window: {}. The largest differences: {}.",
        o.idle,
        o.runs,
        verdict(pss_ratio, PSS_TARGET),
        by(&by_ours),
        by(&by_empty),
        differences.iter().take(3).map(|(n, d)| format!("{n} {d:+.1} MB")).collect::<Vec<_>>().join(", ")
    );
    crate::bench::record_case("app_pss", &case, &line, "The app as users feel it")?;

    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).with_context(|| format!("reading {}", p.display()));
    let (ours_bytes, empty_bytes) = (size(&ours_binary())?, size(&empty_binary())?);
    let mb = |b: u64| round(b as f64 / 1e6, 2);
    let case = json!({
        "name": "app_binary",
        "what": "the release binaries started by app_start (release profile: stripped, thin LTO), ours against the empty window",
        "ours": mb(ours_bytes),
        "baseline": mb(empty_bytes),
        "unit": "MB",
        "bytes": { "ours": ours_bytes, "baseline": empty_bytes },
        "machine": machine,
    });
    let line = format!(
        "`app_binary` (the release binaries started above; release profile): {:.1} MB against {:.1} MB for the empty window. The packaged binary is `binary_size` (Package size).",
        ours_bytes as f64 / 1e6,
        empty_bytes as f64 / 1e6
    );
    crate::bench::record_case("app_binary", &case, &line, "The app as users feel it")?;
    package_sizes()
}

/// `binary_size` and `deb_size`: the package's binary and .deb as `cargo xtask bundle` left them
/// in target/dist (the dist profile), with when they were built; when there is no package, the
/// cases say so.
fn package_sizes() -> Result<()> {
    let dist = root().join("target/dist");
    let deb = std::fs::read_dir(dist.join("bundle/deb")).ok().and_then(|entries| {
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "deb"))
            .filter_map(|p| Some((std::fs::metadata(&p).and_then(|m| m.modified()).ok()?, p)))
            .max()
            .map(|(_, p)| p)
    });
    let machine = crate::bench::machine();
    let cases = [
        (
            "binary_size",
            "the desktop window's binary as packaged (dist profile: stripped, opt-level s, fat LTO)",
            Some(dist.join("nev-atlas-desktop")),
            15.0,
        ),
        ("deb_size", "the .deb (binary, edition, icons, desktop entry)", deb, 25.0),
    ];
    for (name, what, path, target) in cases {
        let Some(path) = path.filter(|p| p.is_file()) else {
            let case = json!({ "name": name, "what": what, "ours": null, "unit": "MB", "target": format!("<= {target} MB"), "note": "not built" });
            let line =
                format!("`{name}` ({what}): not built on this machine; `cargo xtask bundle` builds and records it.");
            crate::bench::record_case(name, &case, &line, "Package size")?;
            continue;
        };
        let built = Command::new("date")
            .args(["-u", "-r", &path.to_string_lossy(), "+%Y-%m-%d %H:%M UTC"])
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let bytes = std::fs::metadata(&path)?.len();
        let mb = bytes as f64 / 1e6;
        let case = json!({
            "name": name,
            "what": what,
            "ours": round(mb, 2),
            "bytes": bytes,
            "unit": "MB",
            "target": format!("<= {target} MB"),
            "built": built,
            "machine": machine,
        });
        let verdict = if mb <= target { "within" } else { "OVER" };
        let line = format!(
            "`{name}` ({what}; Linux x86_64, {machine}; built {built}): **{mb:.1} MB** ({bytes} bytes), {verdict} the target of {target} MB. `cargo xtask bundle`, read again by `cargo xtask bench --app`."
        );
        crate::bench::record_case(name, &case, &line, "Package size")?;
    }
    Ok(())
}
