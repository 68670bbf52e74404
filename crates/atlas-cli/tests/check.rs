//! `nev-atlas check` as scripts and the data agents use it: the counts of `--json`, the summary,
//! and the refusal of an open superseded stake.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mini")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn nev_atlas(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nev-atlas")).arg("check").args(args).arg(dir).output().unwrap()
}

#[test]
fn json_reports_the_round_5_counts() {
    let output = nev_atlas(&["--json"], &mini());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let links = std::fs::read_to_string(mini().join("links/links.csv")).unwrap();
    let supplies = links.lines().filter(|l| l.split(',').nth(1) == Some("supplies")).count();
    assert_eq!(report["links_by_relation"]["supplies"], supplies);
    for key in ["entities_without_district", "open_superseded_stakes", "notes_with_internal_text"] {
        assert_eq!(report[key], 0, "{key}");
        assert_eq!(
            report[format!("{key}_{}", if key.starts_with("entities") { "ids" } else { "at" })],
            serde_json::json!([])
        );
    }
    let summary = String::from_utf8_lossy(&nev_atlas(&[], &mini()).stderr).into_owned();
    assert!(summary.contains("links by relation: ") && summary.contains("0 open superseded stakes"), "{summary}");
}

#[test]
fn an_open_superseded_stake_is_refused_at_file_line_column() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("check-stakes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&mini(), &dir);
    let links = dir.join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    std::fs::write(&links, format!("{text}changan-auto,owns,avatr,,95.38,2020,,,s-eastwestconn,\n")).unwrap();
    let output = nev_atlas(&[], &dir);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].ends_with("links/links.csv:6:7: open stake of changan-auto in avatr beside another open figure (links/links.csv:9 owns 95.38%), expected an until on the superseded one, or \"both current\" and why in the note of each"),
        "{}",
        lines[0]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
