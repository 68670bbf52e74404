//! `cargo xtask crash --trials N`: kills `nev-atlas` with SIGKILL at random moments while it adds
//! links and imports files into a workspace, then reopens the workspace and checks that its
//! integrity check passes, that every change the CLI acknowledged is there, and that no import
//! is half there. Its last line is `crash: N trials, L lost, F integrity failures`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Rows of each imported file: an import is all of them or none.
const IMPORT_ROWS: usize = 300;

/// A small xorshift generator: the harness needs varied kill times, not statistical quality.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

pub fn crash(args: &[String]) -> Result<()> {
    let trials: usize = match args {
        [flag, n] if flag == "--trials" => n.parse().context("--trials takes a number")?,
        [] => 20,
        _ => bail!("usage: cargo xtask crash [--trials N]"),
    };
    crate::cargo(&["build", "-p", "atlas-cli"])?;
    let binary = crate::root().join("target/debug/nev-atlas");
    let dir = crate::root().join("target/crash");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let edition = dir.join("edition.sqlite");
    let fixture = crate::root().join("tests/fixtures/mini");
    let built = Command::new(&binary).arg("build").arg(&fixture).arg("-o").arg(&edition).output()?;
    if !built.status.success() {
        bail!("building the crash edition failed: {}", String::from_utf8_lossy(&built.stderr));
    }
    let list = dir.join("list.csv");
    let mut text = String::from("supplier,customer,product,source,date\n");
    for i in 0..IMPORT_ROWS {
        text.push_str(&format!(
            "Crash Test Supplier {i},Seres Automobile Co. Ltd.,part {i},https://example.org/crash/{i},2024\n"
        ));
    }
    std::fs::write(&list, text)?;
    let workspace = dir.join("ws/workspace.sqlite");
    let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ u64::from(std::process::id()));
    let mut acknowledged: Vec<i64> = Vec::new();
    let (mut lost, mut failures) = (0usize, 0usize);
    let nev = |args: &[&str]| {
        let mut command = Command::new(&binary);
        command.args(args).env("NEV_ATLAS_EDITION", &edition).env("NEV_ATLAS_WORKSPACE", &workspace);
        command
    };
    for trial in 0..trials {
        let importing = random.next().is_multiple_of(3);
        let mut command = if importing {
            nev(&["import", list.to_str().unwrap_or_default(), "--json"])
        } else {
            let link = format!(
                r#"{{"from":"catl","relation":"supplies","to":"seres-auto","product":"trial {trial}","share":null,"since":null,"until":null,"note":null,"sources":[{{"type":"url","url":"https://example.org/t{trial}","grade":"B"}}]}}"#
            );
            let mut c = nev(&["call", "add_link"]);
            c.arg(link);
            c
        };
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn()?;
        let delay = Duration::from_micros(random.next() % 60_000);
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < delay {
            if child.try_wait()?.is_some() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        if !finished {
            // SIGKILL: no destructor, no flush, no goodbye.
            let _ = child.kill();
        }
        let output = child.wait_with_output()?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(stdout.trim()) {
            let change = if importing { None } else { value["change"]["id"].as_i64() };
            if let Some(id) = change {
                acknowledged.push(id);
            } else if value["imported"] == true {
                // The import's change is the newest at that moment; read it back below.
                acknowledged.push(-1);
            }
        }
        // Reopen and check after every trial.
        let check = nev(&["workspace", "check"]).output()?;
        let report = String::from_utf8_lossy(&check.stdout);
        if !report.contains("integrity: ok") {
            failures += 1;
        }
        // The whole log (the app's status shows only the newest 200).
        let log = nev(&["workspace", "log"]).output()?;
        let log: Vec<(i64, String)> = String::from_utf8_lossy(&log.stdout)
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let id = fields.next()?.strip_prefix('#')?.parse().ok()?;
                Some((id, fields.nth(1)?.to_string()))
            })
            .collect();
        if let Some(slot) = acknowledged.iter_mut().find(|id| **id == -1) {
            *slot = log.iter().find(|(_, action)| action == "import").map_or(0, |(id, _)| *id);
        }
        let present: std::collections::HashSet<i64> = log.iter().map(|(id, _)| *id).collect();
        lost = acknowledged.iter().filter(|id| !present.contains(id)).count();
        // No half import: the links from imports are a whole number of files.
        let links =
            nev(&["export", "--format", "data", "-o", dir.join("mine").to_str().unwrap_or_default()]).output()?;
        if links.status.success() {
            let rows = std::fs::read_to_string(dir.join("mine/links/workspace.csv")).unwrap_or_default();
            let imported = rows.lines().filter(|l| l.contains(",part ")).count();
            if !imported.is_multiple_of(IMPORT_ROWS) {
                failures += 1;
                eprintln!("crash: trial {trial}: {imported} imported links, not a whole number of imports");
            }
        } else {
            failures += 1;
        }
    }
    if !Path::new(&workspace).exists() {
        bail!("the workspace was never created");
    }
    eprintln!("crash: {} acknowledged changes checked", acknowledged.len());
    println!("crash: {trials} trials, {lost} lost, {failures} integrity failures");
    if lost > 0 || failures > 0 {
        bail!("the workspace lost acknowledged changes or failed its checks");
    }
    Ok(())
}
