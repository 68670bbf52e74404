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
        assert_eq!(
            (edition["title"].as_str(), edition["title_zh"].as_str()),
            (Some("NEV Atlas: Chongqing"), Some("新能源汽车产业图谱：重庆"))
        );
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

/// The shipped data/ and a copy of it with four known changes, both built: a link's start year,
/// a figure's value, a district's place removed, and a firm moved to another district.
fn two_real_editions(dir: &Path) -> (PathBuf, PathBuf) {
    let old = dir.join("data.sqlite");
    build(&atlas_tests::root().join("data"), &old, "1");
    let next = dir.join("data-next");
    copy_dir(&atlas_tests::root().join("data"), &next);
    replace(
        &next,
        "links/suppliers.csv",
        "huawei,co_develops,seres-auto,AITO models,,2021,",
        "huawei,co_develops,seres-auto,AITO models,,2022,",
    );
    replace(
        &next,
        "statistics/core.csv",
        "chongqing,nev_production,2021-01/2021-09,97000,",
        "chongqing,nev_production,2021-01/2021-09,98000,",
    );
    replace(
        &next,
        "links/locations.csv",
        "district-wanzhou,located_in,chongqing,,,,,,s-cqgov-2026-01-25-xzqh,,,\n",
        "",
    );
    replace(
        &next,
        "entities/ecosystem.csv",
        "thundersoft,firm,中科创达,Thundersoft,district-yubei,",
        "thundersoft,firm,中科创达,Thundersoft,district-shapingba,",
    );
    let new = dir.join("data-next.sqlite");
    build(&next, &new, "2");
    (old, new)
}

#[test]
fn the_app_shows_what_changed_between_two_real_editions_with_sources_and_notes_to_look_at() {
    use atlas_api::{AppState, dispatch_state};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_real_editions(dir.path());
    signature::sign(&new, &test_key(3), "Atlas maintainers").unwrap();
    let state = AppState::open(&old, &dir.path().join("workspace.sqlite")).unwrap();
    let call = |command: &str, args: serde_json::Value| dispatch_state(&state, command, args).unwrap();
    call(
        "add_note",
        json!({ "target": "link:district-wanzhou|located_in|chongqing|", "text": "Where does Wanzhou go?" }),
    );
    call("add_note", json!({ "target": "entity:huawei", "text": "Unchanged, no attention" }));
    // Nothing was open before: the diff needs the other edition named.
    let error = dispatch_state(&state, "edition_diff", json!({})).unwrap_err();
    assert!(error.message.contains("choose the edition file"), "{}", error.message);
    let opened = call("open_edition", json!({ "path": new.display().to_string() }));
    assert_eq!((opened["opened"].clone(), opened["signature"].clone()), (json!(true), json!("valid")));
    assert_eq!(call("edition", json!({}))["version"], "2");

    let diff = call("edition_diff", json!({}));
    assert_eq!((diff["old"]["version"].clone(), diff["new"]["version"].clone()), (json!("1"), json!("2")));
    assert_eq!(diff["new"]["file"], "data-next.sqlite");
    let found: Vec<(String, String, String, Vec<String>)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let fields =
                c["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect();
            let text = |k: &str| c[k].as_str().unwrap().to_string();
            (text("fact"), text("change"), text("key"), fields)
        })
        .collect();
    let expected = |fact: &str, change: &str, key: &str, fields: &[&str]| {
        (
            fact.to_string(),
            change.to_string(),
            key.to_string(),
            fields.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        found,
        vec![
            expected("entity", "changed", "thundersoft", &["district"]),
            expected("link", "removed", "district-wanzhou|located_in|chongqing|", &["confidence", "sources"]),
            expected("link", "changed", "huawei|co_develops|seres-auto|AITO models", &["since"]),
            expected("statistic", "changed", "chongqing|nev_production|2021-01/2021-09|actual|98000", &["value"]),
        ]
    );
    // Numbered as above, from 0.
    let change = |i: usize| diff["changes"][i].clone();
    assert_eq!(
        (change(2)["fields"][0]["old"].clone(), change(2)["fields"][0]["new"].clone()),
        (json!("2021"), json!("2022"))
    );
    assert_eq!(
        (change(3)["fields"][0]["old"].clone(), change(3)["fields"][0]["new"].clone()),
        (json!("97000"), json!("98000"))
    );
    // Each change comes with its sources as the edition that has it cites them, and its entities' names.
    let ids = |c: serde_json::Value| {
        c["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(ids(change(1)), vec!["s-cqgov-2026-01-25-xzqh"]);
    assert!(ids(change(2)).contains(&"s-cgtn-2021-10-21-sokon-huawei".to_string()));
    assert!(change(1)["sources"][0]["url"].as_str().unwrap().starts_with("http"));
    let names = |c: serde_json::Value| {
        c["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name_zh"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(change(2)), vec!["华为".to_string(), "赛力斯汽车有限公司".to_string()]);
    // A district field names its districts, old and new, so the app can show their names.
    assert_eq!(names(change(0)), vec!["中科创达".to_string(), "渝北区".to_string(), "沙坪坝区".to_string()]);
    assert_eq!(diff["summary"][0], json!({ "fact": "entity", "added": 0, "removed": 0, "changed": 1 }));
    assert_eq!(diff["summary"][1], json!({ "fact": "link", "added": 0, "removed": 1, "changed": 1 }));
    assert_eq!(diff["summary"][2], json!({ "fact": "statistic", "added": 0, "removed": 0, "changed": 1 }));
    // The note on the link that is gone needs attention; the note on Huawei does not.
    let attention: Vec<(String, String)> = diff["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["what"].as_str().unwrap().to_string(), a["target"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(attention, vec![("note".to_string(), "link:district-wanzhou|located_in|chongqing|".to_string())]);

    // Naming the older file gives the same answer as "the edition open before".
    let named = call("edition_diff", json!({ "other": old.display().to_string() }));
    assert_eq!(named["changes"], diff["changes"]);
    // Compared with itself, nothing changed.
    let same = call("edition_diff", json!({ "other": new.display().to_string() }));
    assert_eq!(same["changes"], json!([]));
    // A file that is not an edition is refused with a message, not an internal error.
    let not_edition = dir.path().join("notes.txt");
    std::fs::write(&not_edition, "not an edition").unwrap();
    let error =
        dispatch_state(&state, "edition_diff", json!({ "other": not_edition.display().to_string() })).unwrap_err();
    assert_eq!(serde_json::to_value(&error).unwrap()["code"], "invalid_argument");
    assert!(error.message.contains("is not an edition of NEV Atlas"), "{}", error.message);
}

#[test]
fn opening_an_edition_from_the_app_refuses_an_unsigned_or_tampered_one_unless_accepted() {
    use atlas_api::{AppState, dispatch_state};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_editions(dir.path());
    let workspace = dir.path().join("workspace.sqlite");
    let state = AppState::open(&old, &workspace).unwrap();
    let call = |command: &str, args: serde_json::Value| dispatch_state(&state, command, args).unwrap();
    // A link of the user's from a supplier the newer edition drops: it attaches now, not after.
    call(
        "add_link",
        json!({
            "from": "rumoured-supplier", "relation": "supplies", "to": "avatr", "product": null,
            "share": null, "since": null, "until": null, "note": null,
            "sources": [{ "type": "own_record", "date": "2026-11-30", "citation": "Meeting notes", "grade": "B" }]
        }),
    );
    let attention =
        |state: &AppState| dispatch_state(state, "workspace_status", json!({})).unwrap()["needs_attention"].clone();
    assert_eq!(attention(&state), json!([]));
    let open =
        |accept: bool| call("open_edition", json!({ "path": new.display().to_string(), "accept_unverified": accept }));
    let version = || call("edition", json!({}))["version"].clone();

    // Unsigned: refused, and the edition open stays open.
    let refused = open(false);
    assert_eq!((refused["opened"].clone(), refused["signature"].clone()), (json!(false), json!("unsigned")));
    assert!(refused["refused"].as_str().unwrap().contains("is not signed"), "{refused}");
    assert_eq!(refused["edition"], json!(null));
    assert_eq!(version(), "1");
    // Tampered after signing: refused, naming the signer.
    signature::sign(&new, &test_key(5), "Atlas maintainers").unwrap();
    rusqlite::Connection::open(&new).unwrap().execute("UPDATE links SET share = 60 WHERE share = 51", []).unwrap();
    let refused = open(false);
    assert_eq!((refused["opened"].clone(), refused["signature"].clone()), (json!(false), json!("invalid")));
    assert_eq!(refused["signed_by"], "Atlas maintainers");
    assert!(refused["refused"].as_str().unwrap().contains("was changed after"), "{refused}");
    assert_eq!(version(), "1");
    // Accepted by the user: opened, and the workspace follows the new edition.
    let opened = open(true);
    assert_eq!((opened["opened"].clone(), opened["signature"].clone()), (json!(true), json!("invalid")));
    assert_eq!(opened["edition"]["version"], "2");
    assert_eq!(version(), "2");
    assert_eq!(call("edition", json!({ "edition_only": true }))["signature"], "invalid");
    let items = attention(&state);
    assert_eq!(items.as_array().unwrap().len(), 1, "{items}");
    assert_eq!(items[0]["key"], "rumoured-supplier|supplies|avatr|");
    // A write after the switch keeps the new edition.
    call("add_note", json!({ "target": "entity:catl", "text": "After the switch" }));
    assert_eq!(version(), "2");
    // The diff against the edition open before: the dropped supplier, and the user's link.
    let diff = call("edition_diff", json!({}));
    assert_eq!(diff["old"]["version"], "1");
    assert!(
        diff["changes"].as_array().unwrap().iter().any(|c| c["key"] == "rumoured-supplier" && c["change"] == "removed")
    );
    assert!(
        diff["attention"].as_array().unwrap().iter().any(|a| a["target"] == "link:rumoured-supplier|supplies|avatr|")
    );

    // Signed and unchanged: opened without asking.
    signature::sign(&old, &test_key(6), "Atlas maintainers").unwrap();
    let opened = call("open_edition", json!({ "path": old.display().to_string() }));
    assert_eq!((opened["opened"].clone(), opened["signature"].clone()), (json!(true), json!("valid")));
    assert_eq!((opened["signed_by"].clone(), version()), (json!("Atlas maintainers"), json!("1")));
    assert_eq!(attention(&state), json!([]));
    // No file there, or not an edition: an invalid argument, and nothing changes.
    let error =
        dispatch_state(&state, "open_edition", json!({ "path": dir.path().join("none.sqlite").display().to_string() }))
            .unwrap_err();
    assert!(error.message.contains("there is no file at"), "{}", error.message);
    assert_eq!(version(), "1");
}

#[test]
fn an_edition_signed_with_another_key_than_the_one_opened_at_start_is_refused_unless_accepted() {
    use atlas_api::{AppState, dispatch_state};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_editions(dir.path());
    signature::sign(&old, &test_key(1), "Atlas maintainers").unwrap();
    let state = AppState::open(&old, &dir.path().join("workspace.sqlite")).unwrap();
    let open = |accept: bool| {
        dispatch_state(
            &state,
            "open_edition",
            json!({ "path": new.display().to_string(), "accept_unverified": accept }),
        )
        .unwrap()
    };
    let version = || dispatch_state(&state, "edition", json!({})).unwrap()["version"].clone();
    // Sound, but someone else's key under the same name: refused, and the edition open stays.
    signature::sign(&new, &test_key(2), "Atlas maintainers").unwrap();
    let refused = open(false);
    assert_eq!((refused["opened"].clone(), refused["signature"].clone()), (json!(false), json!("untrusted")));
    assert!(refused["refused"].as_str().unwrap().contains("another key"), "{refused}");
    assert_eq!(version(), "1");
    // The key of the edition opened at start: opened without asking.
    signature::sign(&new, &test_key(1), "Atlas maintainers").unwrap();
    let opened = open(false);
    assert_eq!((opened["opened"].clone(), opened["signature"].clone()), (json!(true), json!("valid")));
    assert_eq!(version(), "2");
    // Back to the first, then the other key again, accepted by the user: opened.
    dispatch_state(&state, "open_edition", json!({ "path": old.display().to_string() })).unwrap();
    signature::sign(&new, &test_key(2), "Atlas maintainers").unwrap();
    let accepted = open(true);
    assert_eq!((accepted["opened"].clone(), accepted["signature"].clone()), (json!(true), json!("untrusted")));
    assert_eq!(version(), "2");
}

#[test]
fn the_edition_chosen_in_the_app_opens_again_at_start_until_the_app_starts_with_another() {
    use atlas_api::{AppState, dispatch_state};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_editions(dir.path());
    signature::sign(&old, &test_key(1), "Atlas maintainers").unwrap();
    signature::sign(&new, &test_key(1), "Atlas maintainers").unwrap();
    let workspace = dir.path().join("workspace.sqlite");
    let version = |state: &AppState| dispatch_state(state, "edition", json!({})).unwrap()["version"].clone();
    let start = || {
        let state = AppState::open(&old, &workspace).unwrap();
        let reopened = state.reopen_chosen_edition().unwrap();
        (state, reopened)
    };
    // Nothing chosen yet: the app stays on the edition it started with.
    let (state, reopened) = start();
    assert_eq!((reopened, version(&state)), (None, json!("1")));
    dispatch_state(&state, "open_edition", json!({ "path": new.display().to_string() })).unwrap();
    drop(state);
    // The next start opens the chosen one again, and the diff compares it with the start's.
    let (state, reopened) = start();
    assert_eq!((reopened, version(&state)), (Some(new.clone()), json!("2")));
    assert_eq!(dispatch_state(&state, "edition_diff", json!({})).unwrap()["old"]["version"], "1");
    drop(state);
    // Changed after signing since it was chosen: not opened again.
    rusqlite::Connection::open(&new).unwrap().execute("UPDATE links SET share = 60 WHERE share = 41.5", []).unwrap();
    let (state, reopened) = start();
    assert_eq!((reopened, version(&state)), (None, json!("1")));
    drop(state);
    signature::sign(&new, &test_key(1), "Atlas maintainers").unwrap();
    assert_eq!(start().0.reopen_chosen_edition().unwrap(), None, "already open");
    // A new package starts the app with another edition: that one wins over the old choice.
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute("UPDATE meta SET value = '1.1' WHERE key = 'version'", [])
        .unwrap();
    signature::sign(&old, &test_key(1), "Atlas maintainers").unwrap();
    let (state, reopened) = start();
    assert_eq!((reopened, version(&state)), (None, json!("1.1")));
}
