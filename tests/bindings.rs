//! Generated and pinned artefacts: the TypeScript bindings match the Rust types, applied
//! migrations never change, and the bundled SQLite is recent enough.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for (name, text) in read_tree(&path) {
                files.insert(format!("{}/{name}", path.file_name().unwrap().to_string_lossy()), text);
            }
        } else {
            files.insert(
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            );
        }
    }
    files
}

#[test]
fn committed_typescript_bindings_are_fresh() {
    let fresh = tempfile::tempdir().unwrap();
    atlas_api::export_typescript(fresh.path()).unwrap();
    let committed_dir = atlas_tests::root().join("ui/src/ipc");
    let mut committed = read_tree(&committed_dir.join("bindings"))
        .into_iter()
        .map(|(k, v)| (format!("bindings/{k}"), v))
        .collect::<BTreeMap<_, _>>();
    committed.insert(
        "commands.ts".to_string(),
        std::fs::read_to_string(committed_dir.join("commands.ts")).unwrap_or_default(),
    );
    let generated = read_tree(fresh.path());
    for (name, text) in &generated {
        assert_eq!(committed.get(name), Some(text), "ui/src/ipc/{name} is stale: run `cargo xtask codegen`");
    }
    let extra: Vec<_> = committed.keys().filter(|k| !generated.contains_key(*k)).collect();
    assert!(extra.is_empty(), "ui/src/ipc has files no Rust type generates: {extra:?}; run `cargo xtask codegen`");
}

/// The SHA-256 of each applied migration. Append a line for a new migration; never edit one.
const MIGRATION_HASHES: &[(&str, &str)] = &[
    ("0001_edition.sql", "8128eb8bf27ec9047ff55a25ca7bda06e559abe69650f89ab332216d9950b1ae"),
    ("0002_note_zh.sql", "61e806ce3f8e4c267bc7c1f447521cbcf6598ad42e1eea7cb3eff84339067a7c"),
];

#[test]
fn applied_migrations_never_change() {
    let actual: Vec<(&str, String)> = atlas_core::store::MIGRATIONS
        .iter()
        .map(|(name, sql)| (*name, format!("{:x}", Sha256::digest(sql.as_bytes()))))
        .collect();
    assert_eq!(actual.len(), MIGRATION_HASHES.len(), "a migration was added or removed: pin its hash here");
    for ((name, hash), (pinned_name, pinned_hash)) in actual.iter().zip(MIGRATION_HASHES) {
        assert_eq!(
            (*name, hash.as_str()),
            (*pinned_name, *pinned_hash),
            "migration {name} changed; add a new migration instead"
        );
    }
    let migrations = atlas_tests::root().join("crates/atlas-core/migrations");
    let mut on_disk: Vec<String> =
        std::fs::read_dir(migrations).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    assert_eq!(
        on_disk,
        actual.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>(),
        "every migration file is listed in MIGRATIONS"
    );
}

#[test]
fn bundled_sqlite_is_at_least_3_51_3() {
    // 3.7.0 to 3.51.2 can corrupt a database when a WAL reset races a checkpoint.
    let version: Vec<u32> = atlas_core::store::sqlite_version().split('.').map(|p| p.parse().unwrap()).collect();
    assert!(version >= vec![3, 51, 3], "bundled SQLite is {version:?}");
}
