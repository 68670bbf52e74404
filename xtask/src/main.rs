//! Project tasks, so that a newcomer needs two commands:
//!
//! - `cargo xtask run`: installs what is missing, builds the UI and the edition, opens the window.
//! - `cargo xtask test`: installs what the tests need, then runs every check and test.
//!
//! Also `cargo xtask codegen` (TypeScript bindings), `cargo xtask e2e` (end-to-end tests only) and
//! `cargo xtask bundle [--check]` (the .deb, and a run of the installed app; not part of `test`),
//! `cargo xtask bench --app` (start-up and memory of the window against an empty one; not part of `test`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

mod app_bench;
mod bench;
mod bundle;
mod crash;
mod graph_bench;
mod import_bench;
mod server_bench;

/// Debian packages needed to build the desktop shell.
const BUILD_PACKAGES: &[&str] =
    &["libwebkit2gtk-4.1-dev", "build-essential", "pkg-config", "libssl-dev", "file", "fonts-noto-cjk"];
/// Debian packages needed by the end-to-end tests: a virtual display, WebKitWebDriver, chromium.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "dbus-daemon",
    "dbus-x11",
    "at-spi2-core",
    "x11-utils",
    "xdotool",
    "imagemagick",
    "webkit2gtk-driver",
    "chromium",
];
const TAURI_DRIVER_VERSION: &str = "2.0.6";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("codegen") => codegen(),
        Some("crosscheck") => crosscheck(),
        Some("e2e") => prepare_e2e().and_then(|_| e2e()),
        Some("bench") if args.get(1).is_some_and(|a| a == "--app") => app_bench::bench_app(&args[2..]),
        Some("bench") if args.get(1).is_some_and(|a| a == "--graph") => graph_bench::bench_graph(&args[2..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("bench-app-run") => app_bench::bench_app_run(&args[1..]),
        Some("bench-server") => server_bench::bench_server(&args[1..]),
        Some("bench-import") => import_bench::bench_import(&args[1..]),
        Some("crash") => crash::crash(&args[1..]),
        Some("bundle") => bundle::bundle(&args[1..]),
        Some("bundle-check") => bundle::bundle_check(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask run | test | codegen | e2e | crosscheck | crash [--trials N] | bench | bench [--entities N --links M --queries Q] | bench --app [--runs N --idle S] | bench --graph [--nodes N --links M --rounds R] | bench-server [--clients C --seconds S --rounds R --baseline REV] | bench-import [--rows N --rounds R --baseline REV --baseline-limit S] | bundle [--check] | bundle-check [--deb PATH] [--hide-edition]"
            );
            std::process::exit(2);
        }
    };
    if let Err(error) = result {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn edition() -> PathBuf {
    root().join("target/nev-atlas.sqlite")
}

fn xss_edition() -> PathBuf {
    root().join("target/xss.sqlite")
}

/// Runs a command in `dir`, failing with its name when it fails.
fn run_in(dir: &Path, program: &str, args: &[&str]) -> Result<()> {
    eprintln!("xtask: {program} {}", args.join(" "));
    let status =
        Command::new(program).args(args).current_dir(dir).status().with_context(|| format!("starting {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

fn cargo(args: &[&str]) -> Result<()> {
    run_in(&root(), env!("CARGO"), args)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Installs the Debian packages that are not installed yet (with sudo when not root).
fn ensure_packages(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            !Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output()
                .is_ok_and(|o| o.stdout.ends_with(b"install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| -> Result<()> {
        let mut command: Vec<&str> = sudo.to_vec();
        command.extend_from_slice(args);
        let status = Command::new(command[0])
            .args(&command[1..])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .context("starting apt-get")?;
        if !status.success() {
            bail!("`{}` failed", command.join(" "));
        }
        Ok(())
    };
    eprintln!("xtask: installing Debian packages: {}", missing.join(" "));
    apt(&["apt-get", "update", "-qq"])?;
    let mut install = vec!["apt-get", "install", "-y", "-qq", "--no-install-recommends"];
    install.extend(missing);
    apt(&install)
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn ensure_npm(dir: &Path) -> Result<()> {
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = match (modified(dir.join("node_modules/.package-lock.json")), modified(dir.join("package-lock.json"))) {
        (Some(installed), Some(lock)) => installed < lock,
        _ => true,
    };
    if stale {
        run_in(dir, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

fn build_ui() -> Result<()> {
    let ui = root().join("ui");
    ensure_npm(&ui)?;
    run_in(&ui, "npm", &["run", "build"])
}

fn nev_atlas() -> PathBuf {
    root().join("target/debug/nev-atlas")
}

fn build_editions() -> Result<()> {
    cargo(&["build", "-p", "atlas-cli"])?;
    let binary = nev_atlas();
    let binary = binary.to_string_lossy();
    let edition = edition();
    run_in(&root(), &binary, &["build", "data", "-o", &edition.to_string_lossy()])?;
    run_in(&root(), &binary, &["build", "tests/fixtures/xss", "-o", &xss_edition().to_string_lossy()])
}

fn build_desktop() -> Result<()> {
    cargo(&["build", "-p", "atlas-desktop", "--features", "custom-protocol"])
}

fn run() -> Result<()> {
    ensure_packages(BUILD_PACKAGES)?;
    build_ui()?;
    build_editions()?;
    build_desktop()?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "xtask: there is no display here (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.\n\
             Serve the atlas to a web browser instead:\n\n    target/debug/nev-atlas serve --edition target/nev-atlas.sqlite\n\n\
             then open http://127.0.0.1:7878/"
        );
        bail!("no display");
    }
    let desktop = root().join("target/debug/atlas-desktop");
    let status = Command::new(&desktop)
        .env("NEV_ATLAS_EDITION", edition())
        .current_dir(root())
        .status()
        .context("starting the desktop window")?;
    if !status.success() {
        bail!("the desktop window exited with {status}");
    }
    Ok(())
}

fn codegen() -> Result<()> {
    let dir = root().join("ui/src/ipc");
    let bindings = dir.join("bindings");
    if bindings.exists() {
        std::fs::remove_dir_all(&bindings)?;
    }
    atlas_api::export_typescript(&dir)?;
    eprintln!("xtask: wrote {}", dir.display());
    Ok(())
}

/// Everything the end-to-end tests need: packages, tauri-driver, the UI, the editions, the binaries.
fn prepare_e2e() -> Result<()> {
    ensure_packages(BUILD_PACKAGES)?;
    ensure_packages(TEST_PACKAGES)?;
    if Command::new("tauri-driver").arg("--help").output().is_err() {
        cargo(&["install", "--locked", "tauri-driver", "--version", TAURI_DRIVER_VERSION])?;
    }
    build_ui()?;
    build_editions()?;
    build_desktop()?;
    ensure_npm(&root().join("tests/e2e"))
}

fn e2e() -> Result<()> {
    let e2e = root().join("tests/e2e");
    let env = [
        ("NEV_ATLAS_BIN", nev_atlas()),
        ("NEV_ATLAS_EDITION", edition()),
        ("NEV_ATLAS_XSS_EDITION", xss_edition()),
        ("NEV_ATLAS_UI", root().join("ui/dist")),
        ("NEV_ATLAS_DESKTOP_BIN", root().join("target/debug/atlas-desktop")),
        // A fresh workspace for each run, never the user's own.
        ("NEV_ATLAS_WORKSPACE", root().join("target/e2e-workspace/workspace.sqlite")),
    ];
    let workspace = root().join("target/e2e-workspace");
    if workspace.exists() {
        std::fs::remove_dir_all(&workspace)?;
    }
    let node = |args: &[&str]| -> Result<()> {
        eprintln!("xtask: {}", args.join(" "));
        let status = Command::new(args[0])
            .args(&args[1..])
            .envs(env.iter().map(|(k, v)| (k, v.as_os_str())))
            .current_dir(&e2e)
            .status()
            .with_context(|| format!("starting {}", args[0]))?;
        if !status.success() {
            bail!("`{}` failed", args.join(" "));
        }
        Ok(())
    };
    // Each run is bounded: a hung browser or driver fails the step instead of the whole CI run.
    node(&[
        "timeout",
        "-k",
        "10",
        "900",
        "node",
        "--test",
        "--test-force-exit",
        "browser.test.mjs",
        "xss.test.mjs",
        "present.test.mjs",
        "workspace.test.mjs",
        "explore.test.mjs",
        "asof.test.mjs",
        "statistics.test.mjs",
        "connected.test.mjs",
        "editions.test.mjs",
    ])?;
    node(&[
        "timeout",
        "-k",
        "10",
        "600",
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1280x800x24",
        "dbus-run-session",
        "--",
        "node",
        "--test",
        "--test-force-exit",
        "desktop.test.mjs",
        "installed-exit.test.mjs",
    ])
}

/// Our shortest paths, articulation points, bridges, PageRank and betweenness on seeded random
/// graphs, compared with NetworkX's by tests/crosscheck/crosscheck.py.
fn crosscheck() -> Result<()> {
    // NetworkX's PageRank needs numpy and scipy; the pins are the benchmark's.
    let peers: Vec<&str> = bench::PEERS.iter().copied().filter(|p| !p.starts_with("igraph")).collect();
    let python = bench::ensure_venv("crosscheck-venv", &peers, "networkx, numpy, scipy")?;
    cargo(&["build", "-p", "atlas-cli"])?;
    let ours = root().join("target/crosscheck.json");
    let out = Command::new(nev_atlas())
        .args(["crosscheck-run", "--graphs", "200", "--seed", "1"])
        .output()
        .context("starting nev-atlas")?;
    if !out.status.success() {
        bail!("nev-atlas crosscheck-run failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    std::fs::write(&ours, out.stdout)?;
    run_in(&root(), &python.to_string_lossy(), &["tests/crosscheck/crosscheck.py", &ours.to_string_lossy()])
}

/// A named step of `cargo xtask test`.
type Step = (&'static str, Box<dyn Fn() -> Result<()>>);

fn test() -> Result<()> {
    let steps: Vec<Step> = vec![
        (
            "packages and UI",
            Box::new(|| {
                ensure_packages(BUILD_PACKAGES)?;
                ensure_packages(TEST_PACKAGES)?;
                build_ui()
            }),
        ),
        ("rustfmt", Box::new(|| cargo(&["fmt", "--all", "--check"]))),
        ("clippy", Box::new(|| cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))),
        (
            "dataset check",
            Box::new(|| {
                cargo(&["build", "-p", "atlas-cli"])?;
                run_in(&root(), &nev_atlas().to_string_lossy(), &["check", "data"])
            }),
        ),
        ("Rust tests", Box::new(|| cargo(&["test", "--workspace"]))),
        ("cross-check with NetworkX", Box::new(crosscheck)),
        (
            "crash safety of the workspace (short)",
            Box::new(|| crash::crash(&["--trials".to_string(), "30".to_string()])),
        ),
        ("UI unit tests", Box::new(|| run_in(&root().join("ui"), "npm", &["test"]))),
        ("end-to-end tests", Box::new(|| prepare_e2e().and_then(|_| e2e()))),
    ];
    let mut failed = Vec::new();
    for (name, step) in &steps {
        eprintln!("\nxtask: === {name} ===");
        if let Err(error) = step() {
            eprintln!("xtask: {name} FAILED: {error:#}");
            failed.push(*name);
        }
    }
    let passed = steps.len() - failed.len();
    eprintln!();
    if failed.is_empty() {
        println!("steps: {passed} passed, 0 failed");
        Ok(())
    } else {
        eprintln!("xtask: failed steps: {}", failed.join(", "));
        println!("steps: {passed} passed, {} failed", failed.len());
        bail!("{} step(s) failed", failed.len())
    }
}
