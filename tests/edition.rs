//! Editions that can be trusted and updated: what an edition records about its making, its
//! ed25519 signature (and what changing a signed file does to it), and what changed between two
//! editions, with what of the user's workspace needs attention.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::path::{Path, PathBuf};

use atlas_core::diff::{Change, Fact};
use atlas_core::signature::{self, Check};
use atlas_core::store::{Stamp, Store};
use atlas_tests::fixture;
use sha2::{Digest, Sha256};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the dataset in `dir` into `dir/../NAME.sqlite` with a fixed stamp.
fn build(dataset: &Path, output: &Path, version: &str) {
    let data = atlas_core::dataset::load(dataset)
        .unwrap_or_else(|problems| panic!("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")));
    let stamp = Stamp { version, built_at: "2026-12-05", data_commit: "0123abc", synthetic: false };
    atlas_core::store::build_edition_stamped(&data, output, &stamp).unwrap();
}

fn mini_edition(dir: &Path) -> PathBuf {
    let path = dir.join("mini.sqlite");
    build(&fixture("mini"), &path, "1");
    path
}

/// A signing key from a fixed seed, read through the key file format.
fn test_key(seed: u8) -> signature::SigningKey {
    let hex: String = [seed; 32].iter().map(|b| format!("{b:02x}")).collect();
    signature::parse_secret_key(&format!("secret {hex}\n")).unwrap()
}

#[test]
fn an_edition_records_its_version_build_date_and_data_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = mini_edition(dir.path());
    let info = Store::open(&path).unwrap().edition().unwrap();
    assert_eq!(
        (info.version.as_str(), info.built_at.as_str(), info.data_commit.as_str()),
        ("1", "2026-12-05", "0123abc")
    );
    // Built without a commit (as tests and the synthetic chain do), it says so.
    let plain = dir.path().join("plain.sqlite");
    atlas_core::store::build_edition(&atlas_core::dataset::load(&fixture("mini")).unwrap(), &plain, "2", "2026-12-06")
        .unwrap();
    assert_eq!(Store::open(&plain).unwrap().edition().unwrap().data_commit, "unknown");
}

#[test]
fn two_builds_of_one_dataset_have_the_same_digest_and_signing_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let first = mini_edition(dir.path());
    let second = dir.path().join("again.sqlite");
    build(&fixture("mini"), &second, "1");
    let digest = |path: &Path| signature::digest(&rusqlite::Connection::open(path).unwrap()).unwrap();
    let before = digest(&first);
    assert_eq!(before, digest(&second));
    signature::sign(&first, &test_key(7), "Atlas maintainers").unwrap();
    assert_eq!(digest(&first), before, "the signature rows are not part of what is signed");
    // A different version label is different content.
    let third = dir.path().join("other.sqlite");
    build(&fixture("mini"), &third, "1.1");
    assert_ne!(digest(&third), before);
}

#[test]
fn a_signed_edition_verifies_and_names_its_signer() {
    let dir = tempfile::tempdir().unwrap();
    let path = mini_edition(dir.path());
    assert_eq!(signature::check(&path).unwrap(), Check::Unsigned);
    let key = test_key(7);
    let public = signature::public_key_text(&key.verifying_key());
    let signer = signature::sign(&path, &key, "Atlas maintainers").unwrap();
    assert_eq!((signer.name.as_str(), signer.public_key.as_str()), ("Atlas maintainers", public.as_str()));
    assert_eq!(signature::check(&path).unwrap(), Check::Valid(signer.clone()));
    // Signing again replaces the signature: one signer, the latest.
    let other = test_key(9);
    signature::sign(&path, &other, "Another office").unwrap();
    let check = signature::check(&path).unwrap();
    assert_eq!(check.as_str(), "valid");
    assert_eq!(check.signer().unwrap().name, "Another office");
    assert_ne!(check.signer().unwrap().public_key, public);
    let rows: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM meta WHERE key IN ('signature', 'signed_by', 'signer_key')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 3);
    // The app checks the signature when it opens the edition.
    let atlas = atlas_core::Atlas::open(&path).unwrap();
    assert_eq!(atlas.signature.as_deref().map(Check::as_str), Some("valid"));
}

#[test]
fn an_entity_renamed_after_signing_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let path = mini_edition(dir.path());
    signature::sign(&path, &test_key(7), "Atlas maintainers").unwrap();
    let changed = rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE entities SET name_en = 'Catl Fake Co.' WHERE id = 'catl'", [])
        .unwrap();
    assert_eq!(changed, 1);
    let check = signature::check(&path).unwrap();
    assert!(matches!(&check, Check::Invalid(s) if s.name == "Atlas maintainers"), "{check:?}");
    assert_eq!(atlas_core::Atlas::open(&path).unwrap().signature.as_deref().map(Check::as_str), Some("invalid"));
}

#[test]
fn a_flipped_byte_inside_a_value_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let path = mini_edition(dir.path());
    signature::sign(&path, &test_key(7), "Atlas maintainers").unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let needle = b"eastwestconn.com/index.php";
    let at = bytes.windows(needle.len()).position(|w| w == needle).expect("the source URL is stored as text");
    bytes[at] ^= 0x01; // 'e' becomes 'd'
    std::fs::write(&path, &bytes).unwrap();
    let url: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT url FROM sources WHERE id = 's-eastwestconn'", [], |r| r.get(0))
        .unwrap();
    assert!(url.contains("dastwestconn"), "the flip landed in the value: {url}");
    assert_eq!(signature::check(&path).unwrap().as_str(), "invalid");
}

#[test]
fn a_changed_signer_name_or_schema_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let path = mini_edition(dir.path());
    signature::sign(&path, &test_key(7), "Atlas maintainers").unwrap();
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute("UPDATE meta SET value = 'Someone else' WHERE key = 'signed_by'", []).unwrap();
    assert_eq!(signature::check(&path).unwrap().as_str(), "invalid");
    connection.execute("UPDATE meta SET value = 'Atlas maintainers' WHERE key = 'signed_by'", []).unwrap();
    assert_eq!(signature::check(&path).unwrap().as_str(), "valid");
    connection.execute_batch("CREATE TRIGGER t AFTER INSERT ON sources BEGIN SELECT 1; END;").unwrap();
    assert_eq!(signature::check(&path).unwrap().as_str(), "invalid");
}

#[test]
fn key_files_round_trip_and_bad_keys_are_refused() {
    let key = signature::generate_key().unwrap();
    let text = signature::secret_key_text(&key);
    assert_eq!(signature::parse_secret_key(&text).unwrap().to_bytes(), key.to_bytes());
    let public = signature::public_key_text(&key.verifying_key());
    assert!(text.contains(&public), "the key file names its public key");
    assert_eq!(signature::public_key_text(&signature::parse_public_key(&public).unwrap()), public);
    assert_ne!(signature::generate_key().unwrap().to_bytes(), key.to_bytes());
    assert!(signature::parse_secret_key("secret 1234\n").is_err());
    assert!(signature::parse_secret_key("not a key").is_err());
    assert!(signature::parse_public_key("abc").is_err());
    assert!(signature::parse_public_key(&"zz".repeat(32)).is_err());
}

/// The digest's encoding, written out by hand for a one-table database: a test vector of the
/// canonical form that signatures cover.
#[test]
fn the_digest_follows_its_documented_encoding() {
    let connection = rusqlite::Connection::open_in_memory().unwrap();
    connection
        .execute_batch(
            "PRAGMA user_version = 2;
             CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
             CREATE TABLE t (id INTEGER PRIMARY KEY, x REAL, y BLOB, z TEXT) STRICT;
             INSERT INTO meta VALUES ('version', '1'), ('signature', 'ignored'), ('built_at', '2026-12-05');
             INSERT INTO t VALUES (2, 1.5, x'00ff', NULL), (1, NULL, NULL, 'é');",
        )
        .unwrap();
    let text = |hasher: &mut Sha256, tag: u8, bytes: &[u8]| {
        hasher.update([tag]);
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    };
    let meta_sql = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT";
    let t_sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, x REAL, y BLOB, z TEXT) STRICT";
    let mut h = Sha256::new();
    h.update(b"NEV Atlas edition digest v1\0");
    h.update(2i64.to_be_bytes());
    for (name, sql) in [("meta", meta_sql), ("t", t_sql)] {
        h.update(b"S");
        text(&mut h, 3, b"table");
        text(&mut h, 3, name.as_bytes());
        text(&mut h, 3, name.as_bytes());
        text(&mut h, 3, sql.as_bytes());
    }
    text(&mut h, b'T', b"meta");
    for (key, value) in [("built_at", "2026-12-05"), ("version", "1")] {
        h.update(b"R");
        text(&mut h, 3, key.as_bytes());
        text(&mut h, 3, value.as_bytes());
    }
    text(&mut h, b'T', b"t");
    h.update(b"R");
    h.update([1u8]);
    h.update(1i64.to_be_bytes());
    h.update([0u8, 0u8]);
    text(&mut h, 3, "é".as_bytes());
    h.update(b"R");
    h.update([1u8]);
    h.update(2i64.to_be_bytes());
    h.update([2u8]);
    h.update(1.5f64.to_bits().to_be_bytes());
    text(&mut h, 4, &[0x00, 0xff]);
    h.update([0u8]);
    let expected: [u8; 32] = h.finalize().into();
    assert_eq!(signature::digest(&connection).unwrap(), expected);
}

/// Replaces `old` by `new` in a file of a copied dataset, checking `old` is there.
fn replace(dir: &Path, file: &str, old: &str, new: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(old), "{file} has no {old:?}");
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
}

/// The mini fixture and a newer copy of it with ten known changes; both built.
fn two_editions(dir: &Path) -> (PathBuf, PathBuf) {
    let old = mini_edition(dir);
    let next = dir.join("mini-next");
    copy_dir(&fixture("mini"), &next);
    replace(&next, "entities/entities.csv", "battery packs,2023,", "battery packs,2024,");
    replace(
        &next,
        "entities/entities.csv",
        "rumoured-supplier,firm,,Rumoured Supplier,,e-drive,motors,,,uncertain,s-mirror,\n",
        "",
    );
    replace(
        &next,
        "entities/entities.csv",
        "chongqing,region,",
        "policy-test,policy,测试政策,Test policy,,,,,,,s-ichongqing-ev,\nchongqing,region,",
    );
    replace(&next, "policies/policies.csv", "sources\n", "sources\npolicy-test,,2024-01-01,2030,,s-ichongqing-ev\n");
    replace(&next, "links/links.csv", "rumoured-supplier,supplies,seres-auto,motors,,,,uncertain,s-mirror,\n", "");
    replace(&next, "links/links.csv", "changan-auto,owns,avatr,,40.99,", "changan-auto,owns,avatr,,41.5,");
    replace(
        &next,
        "links/links.csv",
        "sources,note\n",
        "sources,note\ncatl,supplies,avatr,power batteries,,,,,s-eastwestconn,\n",
    );
    replace(&next, "statistics/statistics.csv", ",97000,", ",98000,");
    replace(
        &next,
        "systems/systems.csv",
        "the groups are not defined by any source read",
        "no source read defines the groups",
    );
    replace(&next, "sources/sources.csv", "2023-05-23,2026-11-01", "2023-05-23,2026-12-01");
    let new = dir.join("next.sqlite");
    build(&next, &new, "2");
    (old, new)
}

#[test]
fn the_diff_of_two_editions_finds_exactly_the_known_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_editions(dir.path());
    let diff = atlas_core::diff::diff(&Store::open(&old).unwrap(), &Store::open(&new).unwrap()).unwrap();
    let found: Vec<(Fact, Change, &str, Vec<&str>)> = diff
        .changes
        .iter()
        .map(|c| {
            let fields = if c.change == Change::Changed { c.fields.iter().map(|f| f.field).collect() } else { vec![] };
            (c.fact, c.change, c.key.as_str(), fields)
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (Fact::Entity, Change::Added, "policy-test", vec![]),
            (Fact::Entity, Change::Removed, "rumoured-supplier", vec![]),
            (Fact::Entity, Change::Changed, "times-changan", vec!["founded"]),
            (Fact::Link, Change::Added, "catl|supplies|avatr|power batteries", vec![]),
            (Fact::Link, Change::Changed, "changan-auto|owns|avatr|", vec!["share"]),
            (Fact::Link, Change::Removed, "rumoured-supplier|supplies|seres-auto|motors", vec![]),
            (Fact::Statistic, Change::Changed, "chongqing|nev_production|2021-01/2021-09|actual|98000", vec!["value"]),
            (Fact::Policy, Change::Added, "policy-test", vec![]),
            (Fact::System, Change::Changed, "nine-two-five-thirty", vec!["note"]),
            (Fact::Source, Change::Changed, "s-eastwestconn", vec!["accessed"]),
        ]
    );
    let change = |key: &str| diff.changes.iter().find(|c| c.key == key).unwrap();
    let share = &change("changan-auto|owns|avatr|").fields[0];
    assert_eq!((share.old.as_deref(), share.new.as_deref()), (Some("40.99"), Some("41.5")));
    assert_eq!(change("changan-auto|owns|avatr|").sources, vec!["s-eastwestconn"]);
    assert_eq!(change("rumoured-supplier|supplies|seres-auto|motors").sources, vec!["s-mirror"]);
    let founded = &change("times-changan").fields[0];
    assert_eq!((founded.old.as_deref(), founded.new.as_deref()), (Some("2023"), Some("2024")));
    let removed = change("rumoured-supplier");
    assert!(removed.fields.iter().any(|f| f.field == "name_en" && f.old.as_deref() == Some("Rumoured Supplier")));
    assert_eq!(removed.label, "Rumoured Supplier");
    let added = change("policy-test");
    assert!(added.fields.iter().any(|f| f.field == "name_zh" && f.new.as_deref() == Some("测试政策")));
    assert_eq!(diff.count(Fact::Entity, Change::Added), 1);
    // An edition compared with itself has no changes.
    let same = atlas_core::diff::diff(&Store::open(&new).unwrap(), &Store::open(&new).unwrap()).unwrap();
    assert_eq!(same.changes, vec![]);
}

#[test]
fn the_diff_lists_the_workspace_facts_and_notes_that_need_attention() {
    use atlas_api::{AppState, dispatch_state};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_editions(dir.path());
    let workspace_path = dir.path().join("workspace.sqlite");
    {
        let state = AppState::open(&old, &workspace_path).unwrap();
        let call = |command: &str, args: serde_json::Value| dispatch_state(&state, command, args).unwrap();
        call(
            "add_link",
            json!({
                "from": "rumoured-supplier", "relation": "supplies", "to": "avatr", "product": null,
                "share": null, "since": null, "until": null, "note": null,
                "sources": [{ "type": "own_record", "date": "2026-11-30", "citation": "Meeting notes", "grade": "B" }]
            }),
        );
        call("add_note", json!({ "target": "entity:rumoured-supplier", "text": "Ask about motors" }));
        call("add_note", json!({ "target": "link:changan-auto|owns|avatr|", "text": "Check the stake" }));
        call("add_note", json!({ "target": "entity:catl", "text": "Unchanged, no attention" }));
    }
    let workspace = atlas_workspace::Workspace::open(&workspace_path).unwrap();
    let diff = atlas_core::diff::diff(&Store::open(&old).unwrap(), &Store::open(&new).unwrap()).unwrap();
    let items = atlas_workspace::attention::attention(&old, &new, &workspace, &diff).unwrap();
    let found: Vec<(&str, &str, bool, Option<&str>)> =
        items.iter().map(|a| (a.what.as_str(), a.target.as_str(), a.new, a.text.as_deref())).collect();
    assert_eq!(
        found,
        vec![
            ("link", "link:rumoured-supplier|supplies|avatr|", true, None),
            ("note", "entity:rumoured-supplier", true, Some("Ask about motors")),
            ("note on a changed fact", "link:changan-auto|owns|avatr|", true, Some("Check the stake")),
        ]
    );
}

#[test]
fn the_app_reports_the_signature_it_checked_when_it_opened_the_edition() {
    use atlas_api::{AppState, dispatch_state};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let path = mini_edition(dir.path());
    let workspace = dir.path().join("workspace.sqlite");
    {
        let state = AppState::open(&path, &workspace).unwrap();
        let edition = dispatch_state(&state, "edition", json!({})).unwrap();
        assert_eq!((edition["signature"].clone(), edition["signed_by"].clone()), (json!("unsigned"), json!(null)));
        assert_eq!(edition["data_commit"], "0123abc");
    }
    signature::sign(&path, &test_key(7), "Atlas maintainers").unwrap();
    let state = AppState::open(&path, &workspace).unwrap();
    let edition = |only: bool| dispatch_state(&state, "edition", json!({ "edition_only": only })).unwrap();
    for only in [false, true] {
        assert_eq!(edition(only)["signature"], "valid");
        assert_eq!(edition(only)["signed_by"], "Atlas maintainers");
    }
    // The user's own facts do not make the shipped edition look changed.
    dispatch_state(&state, "add_note", json!({ "target": "entity:catl", "text": "Visited" })).unwrap();
    assert_eq!(edition(false)["signature"], "valid");
    drop(state);
    rusqlite::Connection::open(&path).unwrap().execute("UPDATE links SET share = 60 WHERE share = 51", []).unwrap();
    let state = AppState::open(&path, &workspace).unwrap();
    let edition = dispatch_state(&state, "edition", json!({})).unwrap();
    assert_eq!(
        (edition["signature"].clone(), edition["signed_by"].clone()),
        (json!("invalid"), json!("Atlas maintainers"))
    );
}
