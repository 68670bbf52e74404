//! `cargo xtask bundle [--check]`: the release .deb, built by the Tauri bundler (the pinned
//! @tauri-apps/cli of ui/package.json) with the edition as a resource; its size and the release
//! binary's are recorded in docs/benchmarks.{json,md}. `cargo xtask bundle-check [--hide-edition]`
//! (or `bundle --check`) unpacks the newest .deb with `dpkg -x` and runs the installed app under
//! Xvfb (tests/e2e/installed.mjs). Neither is a step of `cargo xtask test`: too slow for CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::{BUILD_PACKAGES, TEST_PACKAGES, build_editions, build_ui, ensure_npm, ensure_packages, root};

/// Targets of the sizes recorded, in MB (10^6 bytes).
const BINARY_TARGET_MB: f64 = 15.0;
const DEB_TARGET_MB: f64 = 25.0;
/// The cargo profile of the package (Cargo.toml: the release profile built for size).
const PROFILE: &str = "dist";
/// The installed program's name (`mainBinaryName` in src-tauri/tauri.bundle.conf.json).
const INSTALLED_BINARY: &str = "nev-atlas-desktop";

pub fn bundle(args: &[String]) -> Result<()> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => bail!("usage: cargo xtask bundle [--check]"),
    };
    ensure_packages(BUILD_PACKAGES)?;
    build_ui()?;
    build_editions()?;
    let tauri = root().join("ui/node_modules/.bin/tauri");
    let config = root().join("src-tauri/tauri.bundle.conf.json");
    // The tauri crate (2.11) and ui's @tauri-apps/api (2.12) differ in minor version, which the
    // CLI refuses by default; the UI uses only `invoke` of the api, unchanged between the two.
    let args = [
        "build",
        "--ci",
        "--ignore-version-mismatches",
        "--bundles",
        "deb",
        "--config",
        &config.to_string_lossy(),
        "--features",
        "custom-protocol",
        "--",
        "--profile",
        PROFILE,
    ];
    eprintln!("xtask: {} {}", tauri.display(), args.join(" "));
    let status = Command::new(&tauri)
        .args(args)
        .current_dir(root())
        .env("TAURI_APP_PATH", root().join("src-tauri"))
        .env("TAURI_FRONTEND_PATH", root().join("ui"))
        .status()
        .with_context(|| format!("starting {} (npm ci in ui/ installs it)", tauri.display()))?;
    if !status.success() {
        bail!("the Tauri bundler failed ({status})");
    }
    let deb = newest_deb()?;
    // The bundler renames atlas-desktop to the installed name; this is the binary in the package.
    let binary = root().join("target").join(PROFILE).join(INSTALLED_BINARY);
    record_size(
        "binary_size",
        "the desktop window's binary as packaged (dist profile: stripped, opt-level s, fat LTO)",
        &binary,
        BINARY_TARGET_MB,
    )?;
    record_size("deb_size", "the .deb (binary, edition, icons, desktop entry)", &deb, DEB_TARGET_MB)?;
    eprintln!("xtask: wrote {}", deb.display());
    if check { bundle_check(&[]) } else { Ok(()) }
}

/// The newest .deb the bundler wrote.
fn newest_deb() -> Result<PathBuf> {
    let dir = root().join("target").join(PROFILE).join("bundle/deb");
    let mut debs: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {} (build the package with `cargo xtask bundle`)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .filter_map(|p| Some((std::fs::metadata(&p).and_then(|m| m.modified()).ok()?, p)))
        .collect();
    debs.sort();
    debs.pop().map(|(_, p)| p).with_context(|| format!("no .deb in {} (run `cargo xtask bundle`)", dir.display()))
}

fn record_size(name: &str, what: &str, path: &Path, target_mb: f64) -> Result<()> {
    let bytes = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
    let mb = bytes as f64 / 1e6;
    let case = json!({
        "name": name,
        "what": what,
        "ours": (mb * 100.0).round() / 100.0,
        "bytes": bytes,
        "unit": "MB",
        "target": format!("<= {target_mb} MB"),
        "machine": crate::bench::machine(),
    });
    let verdict = if mb <= target_mb { "within" } else { "OVER" };
    let line = format!(
        "`{name}` ({what}; Linux x86_64, {}): **{mb:.1} MB** ({bytes} bytes), {verdict} the target of {target_mb} MB. `cargo xtask bundle`.",
        crate::bench::machine()
    );
    crate::bench::record_case(name, &case, &line, "Package size")
}

/// Unpacks the newest .deb (or `--deb PATH`) into a throwaway root and checks the installed app: the window
/// appears, a search answers, the edition is its own resource, the workspace is in XDG_DATA_HOME.
/// `--hide-edition` removes the edition from the unpacked package first, to see the check fail.
pub fn bundle_check(args: &[String]) -> Result<()> {
    let (mut hide_edition, mut deb) = (false, None);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--hide-edition" => hide_edition = true,
            "--deb" => deb = Some(PathBuf::from(args.next().context("--deb needs a path")?)),
            _ => bail!("usage: cargo xtask bundle-check [--deb PATH] [--hide-edition]"),
        }
    }
    ensure_packages(TEST_PACKAGES)?;
    ensure_npm(&root().join("tests/e2e"))?;
    if Command::new("tauri-driver").arg("--help").output().is_err() {
        crate::cargo(&["install", "--locked", "tauri-driver", "--version", crate::TAURI_DRIVER_VERSION])?;
    }
    let deb = match deb {
        Some(deb) => deb,
        None => newest_deb()?,
    };
    let scratch = std::env::temp_dir().join(format!("nev-atlas-bundle-check-{}", std::process::id()));
    let result = check_in(&deb, &scratch, hide_edition);
    std::fs::remove_dir_all(&scratch).ok();
    result
}

fn check_in(deb: &Path, scratch: &Path, hide_edition: bool) -> Result<()> {
    let (unpacked, home) = (scratch.join("root"), scratch.join("home"));
    let data_home = scratch.join("data");
    for dir in [&unpacked, &home, &data_home] {
        std::fs::create_dir_all(dir)?;
    }
    eprintln!("xtask: dpkg -x {} {}", deb.display(), unpacked.display());
    let status = Command::new("dpkg").arg("-x").arg(deb).arg(&unpacked).status().context("starting dpkg")?;
    if !status.success() {
        bail!("dpkg -x {} failed ({status})", deb.display());
    }
    let binary = unpacked.join("usr/bin").join(INSTALLED_BINARY);
    if !binary.is_file() {
        bail!("the package has no usr/bin/{INSTALLED_BINARY}");
    }
    let lib = unpacked.join("usr/lib");
    if find(&lib, "edition.sqlite").is_empty() {
        bail!("the package has no edition.sqlite under usr/lib");
    }
    if hide_edition {
        for edition in find(&lib, "edition.sqlite") {
            eprintln!("xtask: hiding {} (--hide-edition): the check must fail", edition.display());
            std::fs::remove_file(edition)?;
        }
    }
    let desktop_entries = find(&unpacked.join("usr/share/applications"), ".desktop");
    let entry = desktop_entries.first().context("the package has no desktop entry")?;
    let entry_text = std::fs::read_to_string(entry)?;
    for key in
        ["Name=NEV Atlas", "Name[zh_CN]=", &format!("Exec={INSTALLED_BINARY}"), &format!("Icon={INSTALLED_BINARY}")]
    {
        if !entry_text.lines().any(|l| l.starts_with(key)) {
            bail!("the desktop entry {} has no line starting {key:?}", entry.display());
        }
    }
    eprintln!("xtask: the desktop entry names the app in English and Chinese, with its icon");
    // The app sees only the temporary folder: HOME and every XDG folder, the current folder too
    // (so `target/nev-atlas.sqlite` of a source checkout cannot stand in for the resource).
    let script = root().join("tests/e2e/installed.mjs");
    let mut command = Command::new("timeout");
    command
        .args(["-k", "10", "240", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--", "node"])
        .arg(&script)
        .current_dir(root().join("tests/e2e"))
        .env_remove("NEV_ATLAS_EDITION")
        .env_remove("NEV_ATLAS_WORKSPACE")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &data_home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("NEV_ATLAS_INSTALLED_BIN", &binary)
        .env("NEV_ATLAS_CHECK_DIR", &home);
    eprintln!(
        "xtask: HOME={} XDG_DATA_HOME={} xvfb-run -a dbus-run-session -- node {}",
        home.display(),
        data_home.display(),
        script.display()
    );
    let status = command.status().context("starting xvfb-run")?;
    if !status.success() {
        bail!("the installed app failed its check ({status})");
    }
    let workspace = data_home.join("nev-atlas/workspace.sqlite");
    if !workspace.is_file() {
        bail!("the installed app made no workspace at {}", workspace.display());
    }
    let stray: Vec<PathBuf> = [find(&unpacked, "workspace.sqlite"), find(&home, "workspace.sqlite")].concat();
    if !stray.is_empty() {
        bail!("a workspace beside the program or in HOME: {stray:?}");
    }
    eprintln!("xtask: the workspace is {} (in XDG_DATA_HOME), none beside the program", workspace.display());
    eprintln!("xtask: the installed package passed its check");
    Ok(())
}

/// Files under `dir` (recursively) whose name ends with `suffix`.
fn find(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            found.extend(find(&path, suffix));
        } else if path.file_name().is_some_and(|n| n.to_string_lossy().ends_with(suffix)) {
            found.push(path);
        }
    }
    found
}
