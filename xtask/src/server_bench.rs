//! `cargo xtask bench-server [--clients C --seconds S --rounds R --baseline REV]`: the `server_p99`
//! case. Serves the real edition (built from data/) with our release build and with a release
//! build of commit REV (checked out and built under target/bench-baseline/), in turn, and runs
//! `nev-atlas bench-server` against each: C clients at once mixing search, entity,
//! neighbourhood and trace for S seconds. Reports the median of R rounds of each, and writes the
//! case into docs/benchmarks.json and a line into docs/benchmarks.md.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::{cargo, root, run_in};

/// The commit before reads were shared without a lock: one `Mutex<Atlas>` per atlas.
const BASELINE: &str = "1e831cd";

struct Options {
    clients: usize,
    seconds: f64,
    rounds: usize,
    baseline: String,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options { clients: 64, seconds: 10.0, rounds: 3, baseline: BASELINE.to_string() };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<f64>().with_context(|| format!("{flag} {value}: not a number"));
        match flag.as_str() {
            "--clients" => o.clients = number()? as usize,
            "--seconds" => o.seconds = number()?,
            "--rounds" => o.rounds = number()? as usize,
            "--baseline" => o.baseline = value.clone(),
            other => bail!("unknown flag {other}; expected --clients, --seconds, --rounds, --baseline"),
        }
    }
    Ok(o)
}

/// The release `nev-atlas` of commit `rev`, built in its own checkout and target folder.
pub(crate) fn baseline_binary(rev: &str) -> Result<PathBuf> {
    let dir = root().join("target/bench-baseline");
    let source = dir.join("src");
    if !source.join(".git").is_dir() {
        std::fs::create_dir_all(&dir)?;
        run_in(&dir, "git", &["clone", "--quiet", &root().to_string_lossy(), &source.to_string_lossy()])?;
    }
    run_in(&source, "git", &["checkout", "--quiet", "--detach", rev])?;
    let target = dir.join("target");
    eprintln!("xtask: building the baseline {rev} in {}", source.display());
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "atlas-cli"])
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(&source)
        .status()
        .context("starting cargo")?;
    if !status.success() {
        bail!("building the baseline {rev} failed");
    }
    Ok(target.join("release/nev-atlas"))
}

/// A server we started; stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Starts `binary serve` on the edition with a new, empty workspace under `scratch`, and waits
/// until it accepts connections.
fn serve(binary: &Path, edition: &Path, scratch: &Path, name: &str) -> Result<(Server, SocketAddr)> {
    let ui = scratch.join("ui");
    std::fs::create_dir_all(&ui)?;
    std::fs::write(ui.join("index.html"), "<!doctype html><title>NEV Atlas</title>")?;
    let workspace = scratch.join(format!("{name}-workspace-{}.sqlite", free_port()?));
    let port = free_port()?;
    let child = Command::new(binary)
        .args(["serve", "--port", &port.to_string(), "--edition", &edition.to_string_lossy()])
        .args(["--ui", &ui.to_string_lossy(), "--workspace", &workspace.to_string_lossy()])
        .env("NEV_ATLAS_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let mut server = Server(child);
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    while TcpStream::connect(address).is_err() {
        if let Some(status) = server.0.try_wait()? {
            bail!("{} serve stopped ({status})", binary.display());
        }
        if started.elapsed() > Duration::from_secs(60) {
            bail!("{} serve did not listen within a minute", binary.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((server, address))
}

/// One measured round against `binary`'s server, with our load generator.
fn round(load: &Path, binary: &Path, edition: &Path, scratch: &Path, name: &str, o: &Options) -> Result<Value> {
    let (server, address) = serve(binary, edition, scratch, name)?;
    let out = Command::new(load)
        .args(["bench-server", "--address", &address.to_string(), "--edition", &edition.to_string_lossy()])
        .args(["--clients", &o.clients.to_string(), "--seconds", &o.seconds.to_string()])
        .output()
        .context("starting nev-atlas bench-server")?;
    drop(server);
    if !out.status.success() {
        bail!("nev-atlas bench-server failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let report: Value = serde_json::from_slice(&out.stdout)?;
    eprintln!(
        "xtask: {name}: p50 {:.2} ms, p99 {:.2} ms, {:.0} requests/s, {} failed",
        report["p50_ms"].as_f64().unwrap_or(f64::NAN),
        report["p99_ms"].as_f64().unwrap_or(f64::NAN),
        report["requests_per_second"].as_f64().unwrap_or(f64::NAN),
        report["failed"]
    );
    Ok(report)
}

fn median(rounds: &[Value], key: &str) -> f64 {
    let mut values: Vec<f64> = rounds.iter().filter_map(|r| r[key].as_f64()).collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn bench_server(args: &[String]) -> Result<()> {
    let o = options(args)?;
    cargo(&["build", "--release", "-p", "atlas-cli"])?;
    let ours = root().join("target/release/nev-atlas");
    let baseline = baseline_binary(&o.baseline)?;
    let scratch = root().join("target/bench/server");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    std::fs::create_dir_all(&scratch)?;
    let edition = scratch.join("edition.sqlite");
    run_in(&root(), &ours.to_string_lossy(), &["build", "data", "-o", &edition.to_string_lossy()])?;
    let (mut ours_rounds, mut baseline_rounds) = (Vec::new(), Vec::new());
    for _ in 0..o.rounds.max(1) {
        ours_rounds.push(round(&ours, &ours, &edition, &scratch, "ours", &o)?);
        baseline_rounds.push(round(&ours, &baseline, &edition, &scratch, "baseline", &o)?);
    }
    let failed: u64 = ours_rounds.iter().chain(&baseline_rounds).filter_map(|r| r["failed"].as_u64()).sum();
    if failed > 0 {
        bail!("{failed} requests failed; the numbers would not be comparable");
    }
    let side = |rounds: &[Value]| {
        json!({
            "p50_ms": median(rounds, "p50_ms"),
            "p99_ms": median(rounds, "p99_ms"),
            "requests_per_second": median(rounds, "requests_per_second"),
            "rounds": rounds,
        })
    };
    let (ours_side, baseline_side) = (side(&ours_rounds), side(&baseline_rounds));
    let case = json!({
        "name": "server_p99",
        "what": format!(
            "p99 latency of {} clients at once against `nev-atlas serve` on the real edition (with an empty workspace), mixing search, entity, neighbourhood and trace; median of {} rounds of {} s, alternating with the baseline",
            o.clients, o.rounds, o.seconds
        ),
        "ours": ours_side["p99_ms"],
        "baseline": baseline_side["p99_ms"],
        "unit": "ms",
        "target": "< 30 ms",
        "baseline_commit": o.baseline,
        "machine": crate::bench::machine(),
        "details": { "ours": ours_side, "baseline": baseline_side },
    });
    write_case(&case, &o, &ours_side, &baseline_side)
}

/// Puts `case` into docs/benchmarks.json and its line into docs/benchmarks.md.
fn write_case(case: &Value, o: &Options, ours: &Value, baseline: &Value) -> Result<()> {
    let f = |side: &Value, key: &str| side[key].as_f64().unwrap_or(f64::NAN);
    let line = format!(
        "`server_p99` ({} clients at once, real edition, median of {} rounds of {} s; {}): \
         p99 **{:.1} ms**, p50 {:.2} ms, {:.0} requests/s; the baseline (commit {}, one lock per atlas): \
         p99 {:.1} ms, p50 {:.2} ms, {:.0} requests/s. Target: p99 under 30 ms. `cargo xtask bench-server`.",
        o.clients,
        o.rounds,
        o.seconds,
        crate::bench::machine(),
        f(ours, "p99_ms"),
        f(ours, "p50_ms"),
        f(ours, "requests_per_second"),
        o.baseline,
        f(baseline, "p99_ms"),
        f(baseline, "p50_ms"),
        f(baseline, "requests_per_second"),
    );
    crate::bench::record_case("server_p99", case, &line, "Server under load")
}
