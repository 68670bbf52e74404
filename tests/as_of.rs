//! "As of a year" on the real edition built from data/: an entity page, a trace and a
//! neighbourhood as they stood in an early and a late year. The expected figures are read from
//! data/links/ here (the rule written out again, by year prefixes), never typed in.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::collections::BTreeSet;

use atlas_api::{ErrorCode, dispatch};
use atlas_core::Atlas;
use atlas_core::dataset::{self, Dataset};
use atlas_core::model::Link;
use atlas_tests::{open_edition, root};
use serde_json::{Value, json};

fn edition() -> (tempfile::TempDir, Atlas, Dataset) {
    let data = dataset::load(&root().join("data")).map_err(|p| format!("{} problems", p.len())).unwrap();
    let (dir, atlas) = open_edition(&root().join("data")).unwrap();
    (dir, atlas, data)
}

fn call(atlas: &Atlas, command: &str, args: Value) -> Value {
    dispatch(atlas, command, args).unwrap_or_else(|e| panic!("{command} failed: {e}"))
}

fn year(date: &Option<String>) -> Option<i32> {
    date.as_deref().map(|d| d[..4].parse().unwrap())
}

/// The rule of ARCHITECTURE.md, written out independently of atlas-core's.
fn stood(link: &Link, y: i32) -> bool {
    year(&link.since).is_none_or(|s| s <= y) && year(&link.until).is_none_or(|u| u >= y)
}

fn undated(link: &Link) -> bool {
    link.since.is_none() && link.until.is_none()
}

/// The shares shown on `from`'s page for its `owns` links to `to`.
fn shares(page: &Value, to: &str) -> Vec<f64> {
    page["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["relation"] == "owns" && l["direction"] == "outgoing" && l["other"]["id"] == to)
        .filter_map(|l| l["share"].as_f64())
        .collect()
}

#[test]
fn a_stake_that_changed_shows_the_old_figure_early_and_the_new_one_late() {
    let (_dir, atlas, data) = edition();
    for (owner, owned) in [("changan-auto", "avatr"), ("nio", "avatr")] {
        let stakes: Vec<&Link> = data
            .links
            .iter()
            .map(|l| &l.record)
            .filter(|l| l.from == owner && l.to == owned && l.relation.to_string() == "owns" && l.share.is_some())
            .collect();
        // The oldest figure (earliest since) and the current one (no until, latest since).
        let old = stakes.iter().filter(|l| l.since.is_some()).min_by_key(|l| l.since.clone()).unwrap();
        let new = stakes.iter().filter(|l| l.until.is_none()).max_by_key(|l| l.since.clone()).unwrap();
        // Early: the year the old figure began; late: the first year the new one stood alone.
        let early = year(&old.since).unwrap();
        let late = year(&new.since).unwrap().max(year(&old.until).unwrap() + 1);
        assert!(early < year(&new.since).unwrap(), "{owner}: the data no longer has a changed stake");
        let (old_share, new_share) = (old.share.unwrap(), new.share.unwrap());
        assert_ne!(old_share, new_share);

        let then = call(&atlas, "entity", json!({ "id": owner, "as_of": early }));
        assert!(shares(&then, owned).contains(&old_share), "{owner} as of {early}: {:?}", shares(&then, owned));
        assert!(!shares(&then, owned).contains(&new_share), "{owner} as of {early}: {:?}", shares(&then, owned));
        let later = call(&atlas, "entity", json!({ "id": owner, "as_of": late }));
        assert!(shares(&later, owned).contains(&new_share), "{owner} as of {late}: {:?}", shares(&later, owned));
        assert!(!shares(&later, owned).contains(&old_share), "{owner} as of {late}: {:?}", shares(&later, owned));
        // As of now (no year) every figure is listed, and the answer says nothing about a year.
        let now = call(&atlas, "entity", json!({ "id": owner }));
        assert!(shares(&now, owned).contains(&old_share) && shares(&now, owned).contains(&new_share));
        assert!(now.get("as_of").is_none());

        // The page lists exactly the links that stood, and counts the undated ones it kept.
        let touching: Vec<&Link> =
            data.links.iter().map(|l| &l.record).filter(|l| l.from == owner || l.to == owner).collect();
        for (page, y) in [(&then, early), (&later, late)] {
            let expected: Vec<&&Link> = touching.iter().filter(|l| stood(l, y)).collect();
            assert_eq!(page["links"].as_array().unwrap().len(), expected.len(), "{owner} as of {y}");
            assert_eq!(page["as_of"]["year"], y);
            assert_eq!(page["as_of"]["undated"], expected.iter().filter(|l| undated(l)).count());
        }
        assert!(then["links"].as_array().unwrap().len() < now["links"].as_array().unwrap().len());
    }
}

#[test]
fn trace_and_neighbourhood_follow_only_the_links_that_stood() {
    let (_dir, atlas, data) = edition();
    let centre = "avatr";
    let into: Vec<&Link> = data.links.iter().map(|l| &l.record).filter(|l| l.to == centre).collect();
    let touching: Vec<&Link> =
        data.links.iter().map(|l| &l.record).filter(|l| l.to == centre || l.from == centre).collect();
    let years: BTreeSet<i32> = touching.iter().flat_map(|l| [year(&l.since), year(&l.until)]).flatten().collect();
    let (first, last) = (*years.first().unwrap(), *years.last().unwrap());
    assert!(first < last);

    let mut differs = false;
    for y in [first, last] {
        // Tier 1 of the trace with ownership: the suppliers, owners and partners that stood in y.
        let chain = |l: &&&Link| ["supplies", "owns", "joint_venture"].contains(&l.relation.to_string().as_str());
        let expected: BTreeSet<&str> =
            into.iter().filter(chain).filter(|l| stood(l, y)).map(|l| l.from.as_str()).collect();
        let trace = call(&atlas, "trace", json!({ "id": centre, "with_ownership": true, "max_depth": 1, "as_of": y }));
        let found: BTreeSet<&str> =
            trace["entries"].as_array().unwrap().iter().map(|e| e["entity"]["id"].as_str().unwrap()).collect();
        assert_eq!(found, expected, "trace as of {y}");
        assert_eq!(trace["as_of"]["year"], y);

        // The neighbourhood one hop away: the other ends of the links that stood in y.
        let expected: BTreeSet<&str> = touching
            .iter()
            .filter(|l| stood(l, y))
            .map(|l| if l.from == centre { l.to.as_str() } else { l.from.as_str() })
            .chain([centre])
            .collect();
        let hood = call(&atlas, "neighbourhood", json!({ "id": centre, "cap": 2000, "as_of": y }));
        let found: BTreeSet<&str> =
            hood["nodes"].as_array().unwrap().iter().map(|n| n["entity"]["id"].as_str().unwrap()).collect();
        assert_eq!(found, expected, "neighbourhood as of {y}");
        assert_eq!(hood["as_of"]["year"], y);
        assert!(hood["as_of"]["undated"].as_u64().unwrap() > 0, "avatr has undated links (catl supplies it)");
        let all = call(&atlas, "neighbourhood", json!({ "id": centre, "cap": 2000 }));
        differs |= all["nodes"].as_array().unwrap().len() != found.len();
        assert!(all.get("as_of").is_none());
    }
    assert!(differs, "some link of {centre} did not stand in {first} or {last}");
}

#[test]
fn the_edition_names_its_first_dated_year_and_years_out_of_range_are_refused() {
    let (_dir, atlas, data) = edition();
    let first = data.links.iter().flat_map(|l| [year(&l.record.since), year(&l.record.until)]).flatten().min();
    assert_eq!(call(&atlas, "edition", json!({}))["first_link_year"], json!(first));
    for (command, args) in [
        ("entity", json!({ "id": "avatr", "as_of": 1799 })),
        ("trace", json!({ "id": "avatr", "as_of": 2101 })),
        ("neighbourhood", json!({ "id": "avatr", "as_of": -5 })),
    ] {
        let error = dispatch(&atlas, command, args).expect_err("a year out of range");
        assert_eq!(error.code, ErrorCode::InvalidArgument, "{command}: {}", error.message);
    }
}

/// The user's links are rows of the same merged table, so the year filters them the same way.
#[test]
fn a_link_the_user_added_counts_from_its_since_in_entity_trace_and_neighbourhood() {
    use atlas_api::{AppState, dispatch_state};
    let data = dataset::load(&atlas_tests::fixture("mini")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("edition.sqlite");
    atlas_core::store::build_edition(&data, &edition, "test", "2026-12-05").unwrap();
    let state = AppState::open(&edition, &dir.path().join("ws").join("workspace.sqlite")).unwrap();
    let call =
        |command: &str, args: Value| dispatch_state(&state, command, args).unwrap_or_else(|e| panic!("{command}: {e}"));
    let since = 2024;
    call(
        "add_link",
        json!({
            "from": "catl", "relation": "supplies", "to": "seres-auto", "product": "battery cells",
            "share": null, "since": since.to_string(), "until": null, "note": null,
            "sources": [{ "type": "own_record", "date": "2026-11-30", "citation": "Meeting with the purchasing office", "grade": "B" }]
        }),
    );
    let has_catl = |answer: &Value, list: &str, pointer: &str| {
        answer[list].as_array().unwrap().iter().any(|item| item.pointer(pointer) == Some(&json!("catl")))
    };
    for (y, expected) in [(since - 1, false), (since, true), (since + 2, true)] {
        let page = call("entity", json!({ "id": "seres-auto", "as_of": y }));
        assert_eq!(has_catl(&page, "links", "/other/id"), expected, "entity as of {y}");
        let trace = call("trace", json!({ "id": "seres-auto", "as_of": y }));
        assert_eq!(has_catl(&trace, "entries", "/entity/id"), expected, "trace as of {y}");
        let hood = call("neighbourhood", json!({ "id": "seres-auto", "as_of": y }));
        assert_eq!(has_catl(&hood, "nodes", "/entity/id"), expected, "neighbourhood as of {y}");
    }
    // Without a year the user's link is there, as before.
    assert!(has_catl(&call("entity", json!({ "id": "seres-auto" })), "links", "/other/id"));
}
