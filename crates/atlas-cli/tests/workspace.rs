//! `nev-atlas import`, `export`, `workspace` and `call` as scripts use them: exit codes, --json,
//! undo in the CLI, and exports that read back.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mini")
}

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nev-atlas"))
        .args(args)
        .env("NEV_ATLAS_EDITION", dir.join("edition.sqlite"))
        .env("NEV_ATLAS_WORKSPACE", dir.join("ws/workspace.sqlite"))
        .output()
        .unwrap()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("edition.sqlite");
    let built = Command::new(env!("CARGO_BIN_EXE_nev-atlas"))
        .args(["build", mini().to_str().unwrap(), "-o", edition.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    dir
}

#[test]
fn import_dry_run_then_import_then_undo_from_the_command_line() {
    let dir = setup();
    let file = dir.path().join("list.csv");
    std::fs::write(
        &file,
        "supplier,customer,product,source,date\nCATL,Seres Automobile Co. Ltd.,cells,https://example.org/a,2024-13\n",
    )
    .unwrap();
    let bad = run(&["import", file.to_str().unwrap(), "--json"], dir.path());
    assert!(!bad.status.success());
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(report["encoding"], "UTF-8");
    assert_eq!(report["problems"][0]["row"], 2);
    assert_eq!(report["problems"][0]["column"], 5);
    assert_eq!(report["rows"], 1);
    assert_eq!(report["matched"], 2, "CATL and Seres are known");

    std::fs::write(
        &file,
        "supplier,customer,product,source,date\nCATL,Seres Automobile Co. Ltd.,cells,https://example.org/a,2024-12\n",
    )
    .unwrap();
    let dry = run(&["import", file.to_str().unwrap(), "--dry-run", "--json"], dir.path());
    assert!(dry.status.success());
    let report: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(
        (report["new_links"].clone(), report["imported"].clone()),
        (serde_json::json!(1), serde_json::json!(false))
    );
    let done = run(&["import", file.to_str().unwrap()], dir.path());
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let log = String::from_utf8(run(&["workspace", "log"], dir.path()).stdout).unwrap();
    assert!(log.contains("imported list.csv: 1 links"), "{log}");

    let graphml = dir.path().join("out.graphml");
    assert!(run(&["export", "--format", "graphml", "-o", graphml.to_str().unwrap()], dir.path()).status.success());
    let text = std::fs::read_to_string(&graphml).unwrap();
    assert!(text.contains("source=\"catl\" target=\"seres-auto\""), "the imported link is exported");

    let undo = run(&["workspace", "undo"], dir.path());
    assert!(String::from_utf8_lossy(&undo.stdout).starts_with("undone #1"));
    assert!(run(&["export", "--format", "graphml", "-o", graphml.to_str().unwrap()], dir.path()).status.success());
    assert!(!std::fs::read_to_string(&graphml).unwrap().contains("source=\"catl\" target=\"seres-auto\""));

    let check = run(&["workspace", "check"], dir.path());
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).contains("integrity: ok"));
}

#[test]
fn neo4j_and_data_exports_write_their_layouts() {
    let dir = setup();
    let added = run(
        &[
            "call",
            "add_link",
            r#"{"from":"catl","relation":"supplies","to":"seres-auto","product":"cells","share":null,"since":null,"until":null,"note":null,"sources":[{"type":"url","url":"https://example.org/b","grade":"B"}]}"#,
        ],
        dir.path(),
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let neo = dir.path().join("neo4j");
    assert!(run(&["export", "--format", "neo4j", "-o", neo.to_str().unwrap()], dir.path()).status.success());
    let nodes = std::fs::read_to_string(neo.join("nodes.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,kind,name_zh,name_en,district,segments:string[],origin,:LABEL\n"));
    assert!(nodes.contains("宁德时代"));
    let relationships = std::fs::read_to_string(neo.join("relationships.csv")).unwrap();
    assert!(relationships.contains("catl,seres-auto,SUPPLIES,cells"));
    let data = dir.path().join("mine");
    assert!(run(&["export", "--format", "data", "-o", data.to_str().unwrap()], dir.path()).status.success());
    let links = std::fs::read_to_string(data.join("links/workspace.csv")).unwrap();
    assert_eq!(
        links.lines().collect::<Vec<_>>(),
        [
            "from,relation,to,product,share,since,until,confidence,sources,note",
            "catl,supplies,seres-auto,cells,,,,confirmed,yours-1-1,"
        ]
    );
}
