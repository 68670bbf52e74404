//! The command list on the mini fixture: search (Chinese, English, pinyin, initials, prefixes,
//! two-character names), entity pages, neighbourhoods, and the error codes.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use atlas_api::{ApiError, ErrorCode, dispatch};
use atlas_core::Atlas;
use atlas_tests::{fixture, open_edition};
use serde_json::{Value, json};

fn atlas() -> (tempfile::TempDir, Atlas) {
    open_edition(&fixture("mini")).unwrap()
}

fn call(atlas: &Atlas, command: &str, args: Value) -> Value {
    dispatch(atlas, command, args).unwrap_or_else(|e| panic!("{command} failed: {e}"))
}

fn error(atlas: &Atlas, command: &str, args: Value) -> ApiError {
    dispatch(atlas, command, args).expect_err("expected an error")
}

/// The ids of the hits of a search, best first.
fn search(atlas: &Atlas, query: &str) -> Vec<String> {
    let result = call(atlas, "search", json!({ "query": query }));
    result["hits"].as_array().unwrap().iter().map(|h| h["entity"]["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn search_in_every_script_finds_the_entity_first() {
    let (_dir, atlas) = atlas();
    for (query, expected) in [
        ("长安", "changan-auto"),
        ("赛力斯", "seres-auto"),
        ("Seres", "seres-auto"),
        ("seres", "seres-auto"),
        ("CATL", "catl"),
        ("宁德", "catl"),
        ("changan", "changan-auto"),
        ("chongqingchangan", "changan-auto"),
        ("caqc", "changan-auto"),
        ("ningde", "catl"),
        ("ndsd", "catl"),
        ("Contemporary Amperex", "catl"),
        ("Contemp", "catl"),
        ("金康", "seres-auto"),
        ("avat", "avatr"),
    ] {
        let hits = search(&atlas, query);
        assert_eq!(hits.first().map(String::as_str), Some(expected), "query {query:?} gave {hits:?}");
    }
}

#[test]
fn one_character_queries_and_ranking() {
    let (_dir, atlas) = atlas();
    // 长 is in 重庆长安汽车… (changan-auto) and in 时代长安动力电池… (times-changan).
    let hits = search(&atlas, "长");
    assert!(hits.contains(&"changan-auto".to_string()) && hits.contains(&"times-changan".to_string()), "{hits:?}");
    // The entity whose own short name is exactly 长安 ranks above one that only contains it.
    let hits = search(&atlas, "长安");
    assert_eq!(&hits[..2], &["changan-auto".to_string(), "times-changan".to_string()]);
    assert!(search(&atlas, "no such thing").is_empty());
    assert!(search(&atlas, " ;,. ").is_empty());
}

#[test]
fn search_hits_carry_both_names_kind_and_district() {
    let (_dir, atlas) = atlas();
    let result = call(&atlas, "search", json!({ "query": "Changan", "limit": 1 }));
    let hit = &result["hits"][0];
    assert_eq!(
        hit["entity"],
        json!({ "id": "changan-auto", "kind": "firm", "name_zh": "重庆长安汽车股份有限公司", "name_en": "Chongqing Changan Automobile Co. Ltd." })
    );
    assert_eq!(hit["district"]["name_zh"], "江北区");
    assert_eq!(hit["matched"], "Changan");
    assert_eq!(result["hits"].as_array().unwrap().len(), 1);
}

#[test]
fn entity_page_has_names_links_both_ways_and_sources() {
    let (_dir, atlas) = atlas();
    let page = call(&atlas, "entity", json!({ "id": "times-changan" }));
    assert_eq!(page["entity"]["name_en"], "Times Changan Power Battery Co. Ltd.");
    let pinyin = page["names"].as_array().unwrap().iter().find(|n| n["lang"] == "zh").unwrap()["pinyin"].clone();
    assert_eq!(pinyin, "shi dai chang an dong li dian chi you xian gong si");
    assert_eq!(page["segments"][0]["id"], "cells-packs");
    let links = page["links"].as_array().unwrap();
    let incoming: Vec<_> = links
        .iter()
        .filter(|l| l["direction"] == "incoming")
        .map(|l| (l["relation"].as_str().unwrap(), l["other"]["id"].as_str().unwrap(), l["share"].as_f64()))
        .collect();
    // Ordered by relation, then by the English name of the other end ("Chongqing…" before "Contemporary…").
    assert_eq!(incoming, vec![("joint_venture", "changan-auto", Some(51.0)), ("joint_venture", "catl", Some(49.0))]);
    let outgoing: Vec<_> = links.iter().filter(|l| l["direction"] == "outgoing").collect();
    assert_eq!(outgoing.len(), 1);
    assert_eq!(outgoing[0]["product"], "battery packs");
    assert_eq!(outgoing[0]["sources"][0]["publisher"], "eastwestconn");
    let source = &page["sources"][0];
    assert_eq!((source["grade"].as_str(), source["published"].as_str()), (Some("B"), Some("2023-05-23")));
}

#[test]
fn a_source_without_date_and_an_uncertain_fact_say_so() {
    let (_dir, atlas) = atlas();
    let page = call(&atlas, "entity", json!({ "id": "rumoured-supplier" }));
    assert_eq!(page["confidence"], "uncertain");
    assert_eq!(page["sources"][0]["published"], Value::Null);
    assert_eq!(page["entity"]["name_zh"], Value::Null);
}

#[test]
fn search_hits_carry_segments_and_best_grade_for_the_facets() {
    let (_dir, atlas) = atlas();
    for query in ["CATL", "长安", "Avatr"] {
        let result = call(&atlas, "search", json!({ "query": query }));
        let hit = &result["hits"][0];
        let page = call(&atlas, "entity", json!({ "id": hit["entity"]["id"] }));
        // The same segments as the entity page, and the best grade of its own sources.
        assert_eq!(hit["segments"], page["segments"], "{query}");
        let best = page["sources"].as_array().unwrap().iter().map(|s| s["grade"].as_str().unwrap()).min();
        assert_eq!(hit["grade"].as_str(), best, "{query}");
        assert!(!hit["segments"].as_array().unwrap().is_empty(), "{query} has a segment in the fixture");
    }
}

#[test]
fn neighbourhood_by_direction_and_cap() {
    let (_dir, atlas) = atlas();
    let ids = |v: &Value| -> Vec<String> {
        v["nodes"].as_array().unwrap().iter().map(|n| n["entity"]["id"].as_str().unwrap().to_string()).collect()
    };
    let up = call(
        &atlas,
        "neighbourhood",
        json!({ "id": "avatr", "direction": "upstream", "hops": 2, "relations": ["supplies", "joint_venture"] }),
    );
    let mut found = ids(&up);
    found.sort();
    assert_eq!(found, vec!["avatr", "catl", "changan-auto", "times-changan"]);
    assert_eq!(up["hidden"], 0);
    // Each node carries its short names from names/ for the label: Avatr has only an English one.
    let short = |id: &str, lang: &str| {
        let node = up["nodes"].as_array().unwrap().iter().find(|n| n["entity"]["id"] == id).unwrap();
        node["entity"][format!("short_{lang}")].clone()
    };
    assert_eq!((short("catl", "zh"), short("catl", "en")), (json!("宁德时代"), json!("CATL")));
    assert_eq!((short("avatr", "zh"), short("avatr", "en")), (Value::Null, json!("Avatr")));
    let down = call(&atlas, "neighbourhood", json!({ "id": "avatr", "direction": "downstream" }));
    assert_eq!(ids(&down), vec!["avatr"]);
    let capped = call(&atlas, "neighbourhood", json!({ "id": "changan-auto", "hops": 2, "cap": 2 }));
    assert_eq!(capped["nodes"].as_array().unwrap().len(), 3);
    // Within two hops of Changan: CATL, Times Changan, Avatr and Jiangbei; two are shown.
    assert_eq!(capped["hidden"], 2, "{capped}");
    assert!(
        capped["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| ids(&capped).contains(&e["from"].as_str().unwrap().to_string()))
    );
}

#[test]
fn errors_are_coded_and_reveal_no_internals() {
    let (_dir, atlas) = atlas();
    let e = error(&atlas, "entity", json!({ "id": "nobody" }));
    assert_eq!((e.code, e.message.as_str()), (ErrorCode::NotFound, "no entity \"nobody\""));
    assert_eq!(error(&atlas, "launch_rockets", json!({})).code, ErrorCode::NotFound);
    assert_eq!(error(&atlas, "search", json!({ "query": 42 })).code, ErrorCode::InvalidArgument);
    assert_eq!(error(&atlas, "search", json!({ "query": "x", "limit": 0 })).code, ErrorCode::InvalidArgument);
    assert_eq!(error(&atlas, "neighbourhood", json!({ "id": "catl", "hops": 9 })).code, ErrorCode::InvalidArgument);
    assert_eq!(error(&atlas, "entity", json!({ "id": "catl", "extra": true })).code, ErrorCode::InvalidArgument);
    let internal = ApiError::internal(&anyhow::anyhow!("disk I/O error at /secret/path"));
    assert_eq!(
        serde_json::to_value(&internal).unwrap(),
        json!({ "code": "internal", "message": "Something went wrong inside NEV Atlas; the details are in its log." })
    );
}

#[test]
fn edition_reports_its_counts() {
    let (_dir, atlas) = atlas();
    let edition = call(&atlas, "edition", json!({}));
    assert_eq!(
        (edition["entities"].as_u64(), edition["links"].as_u64(), edition["sources"].as_u64()),
        (Some(9), Some(7), Some(3))
    );
    assert_eq!(edition["version"], "test");
}

#[test]
fn systems_show_declared_counts_against_members_found() {
    let (_dir, atlas) = atlas();
    let systems = call(&atlas, "systems", json!({}));
    let first = &systems["systems"][0];
    assert_eq!(first["name_en"], "9 + 2 + 5 + 30");
    let group = &first["groups"][0];
    assert_eq!(
        (group["declared_count"].as_u64(), group["found"].as_u64(), group["status"].as_str()),
        (Some(9), Some(0), Some("unconfirmed"))
    );
    let leader = &systems["systems"][1]["groups"][0];
    assert_eq!(leader["members"][0]["entity"]["id"], "changan-auto");
    assert_eq!(leader["members"][0]["sources"][0]["id"], "s-ichongqing-ev");
}

#[test]
fn entity_page_shows_systems_and_statistics_with_sources() {
    let (_dir, atlas) = atlas();
    let changan = call(&atlas, "entity", json!({ "id": "changan-auto" }));
    assert_eq!(changan["systems"][0]["group_name_en"], "the leader");
    assert_eq!(changan["policy"], Value::Null);
    let chongqing = call(&atlas, "entity", json!({ "id": "chongqing" }));
    let statistics = chongqing["statistics"].as_array().unwrap();
    assert_eq!(statistics.len(), 2);
    assert_eq!((statistics[0]["kind"].as_str(), statistics[0]["value"].as_f64()), (Some("actual"), Some(97000.0)));
    assert_eq!(
        (statistics[1]["kind"].as_str(), statistics[1]["confidence"].as_str()),
        (Some("target"), Some("uncertain"))
    );
    assert_eq!(statistics[1]["sources"][0]["grade"], "C");
}

/// An entity page holds at most the first 200 links of each relation and direction, with each
/// group's total; `entity_links` pages through the rest in the same order, with sources. Checked on
/// a synthetic chain's busiest supplier against the links of the dataset it was built from.
#[test]
fn a_hub_page_caps_its_links_per_group_and_pages_the_rest() {
    let data =
        atlas_core::synth::synthetic_chain(atlas_core::synth::SynthSize { entities: 3_000, links: 30_000, seed: 4 });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.sqlite");
    atlas_core::store::build_edition_marked(&data, &path, "synthetic-4", "1970-01-01", true).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    let mut out: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for link in data.links.iter().filter(|l| l.record.relation == atlas_core::model::Relation::Supplies) {
        out.entry(link.record.from.as_str()).or_default().push(link.record.to.as_str());
    }
    let (hub, customers) = out.iter().max_by_key(|(id, to)| (to.len(), *id)).unwrap();
    assert!(customers.len() > 450, "the busiest supplier has only {} customers", customers.len());

    let page = call(&atlas, "entity", json!({ "id": hub }));
    let groups = page["link_groups"].as_array().unwrap();
    let links = page["links"].as_array().unwrap();
    for group in groups {
        let shown = links.iter().filter(|l| l["relation"] == group["relation"] && l["direction"] == group["direction"]);
        let total = group["total"].as_u64().unwrap() as usize;
        assert_eq!(shown.count(), total.min(200), "{group}");
    }
    let supplies = groups.iter().find(|g| g["relation"] == "supplies" && g["direction"] == "outgoing").unwrap();
    assert_eq!(supplies["total"], json!(customers.len()));
    let first: Vec<&Value> =
        links.iter().filter(|l| l["relation"] == "supplies" && l["direction"] == "outgoing").collect();

    // Page through the group 200 at a time: the first page is the entity page's, and together the
    // pages hold every customer once.
    let mut paged: Vec<Value> = Vec::new();
    loop {
        let more = call(
            &atlas,
            "entity_links",
            json!({ "id": hub, "relation": "supplies", "direction": "outgoing", "offset": paged.len(), "limit": 200 }),
        );
        assert_eq!(more["total"], json!(customers.len()));
        assert_eq!(more["offset"], json!(paged.len()));
        let batch = more["links"].as_array().unwrap().clone();
        if batch.is_empty() {
            break;
        }
        assert!(batch.iter().all(|l| !l["sources"].as_array().unwrap().is_empty()), "links come with their sources");
        paged.extend(batch);
    }
    assert_eq!(paged[..200].iter().collect::<Vec<_>>(), first);
    let mut got: Vec<&str> = paged.iter().map(|l| l["other"]["id"].as_str().unwrap()).collect();
    let mut want = customers.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let names: Vec<String> = paged
        .iter()
        .map(|l| l["other"]["name_en"].as_str().or(l["other"]["name_zh"].as_str()).unwrap().to_string())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "pages keep the page's order (by name)");

    let limit = error(
        &atlas,
        "entity_links",
        json!({ "id": hub, "relation": "supplies", "direction": "outgoing", "limit": 1001 }),
    );
    assert_eq!(limit.code, ErrorCode::InvalidArgument);
    let missing =
        error(&atlas, "entity_links", json!({ "id": "nobody", "relation": "supplies", "direction": "outgoing" }));
    assert_eq!(missing.code, ErrorCode::NotFound);
}

/// No entity of the real edition has more than 200 links of one relation and direction, so every
/// page shows all its links, as before the cap (Chongqing, with 107 entities located in it, most).
#[test]
fn real_edition_pages_show_every_link() {
    let (_dir, atlas) = open_edition(&atlas_tests::root().join("data")).unwrap();
    let mut most = 0;
    for node in atlas.graph.nodes() {
        let id = atlas.graph.id(node);
        let page = call(&atlas, "entity", json!({ "id": id }));
        let totals: u64 = page["link_groups"].as_array().unwrap().iter().map(|g| g["total"].as_u64().unwrap()).sum();
        assert_eq!(totals as usize, page["links"].as_array().unwrap().len(), "{id}");
        assert_eq!(
            page["links"].as_array().unwrap().len(),
            atlas.graph.incoming(node).len() + atlas.graph.outgoing(node).len()
                - atlas.graph.outgoing(node).iter().filter(|s| s.other == node).count(),
            "{id}"
        );
        most = most.max(
            page["link_groups"].as_array().unwrap().iter().map(|g| g["total"].as_u64().unwrap()).max().unwrap_or(0),
        );
    }
    assert!((100..=200).contains(&most), "the largest group has {most} links");
}
