//! The analysis commands, end to end: on the mini fixture, whose answers are checked by hand
//! against tests/fixtures/mini/links, and on a synthetic chain, where every payload must stay
//! under 1 MB.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use atlas_api::{ErrorCode, dispatch};
use atlas_core::Atlas;
use atlas_tests::{fixture, open_edition};
use serde_json::{Value, json};

fn call(atlas: &Atlas, command: &str, args: Value) -> Value {
    dispatch(atlas, command, args).unwrap_or_else(|e| panic!("{command} failed: {e}"))
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect()
}

#[test]
fn trace_upstream_by_tier() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    // avatr <- times-changan (supplies); with ownership also <- changan-auto (owns), and catl behind both.
    let supplies = call(&atlas, "trace", json!({ "id": "avatr" }));
    let entries = supplies["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0]["entity"]["id"].as_str(), entries[0]["depth"].as_u64()), (Some("times-changan"), Some(1)));
    let owned = call(&atlas, "trace", json!({ "id": "avatr", "with_ownership": true }));
    let mut found: Vec<(String, u64)> = owned["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["entity"]["id"].as_str().unwrap().to_string(), e["depth"].as_u64().unwrap()))
        .collect();
    found.sort();
    assert_eq!(found, [("catl".into(), 2), ("changan-auto".into(), 1), ("times-changan".into(), 1)]);
    assert_eq!(owned["tiers"], json!([2, 1]));
    assert_eq!(dispatch(&atlas, "trace", json!({ "id": "nobody" })).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(
        dispatch(&atlas, "trace", json!({ "id": "avatr", "limit": 0 })).unwrap_err().code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn paths_carry_links_and_sources() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    // avatr to catl: through times-changan or changan-auto (two hops each), then the two ways
    // round the triangle catl - times-changan - changan-auto (three hops).
    let result = call(&atlas, "paths", json!({ "from": "avatr", "to": "catl", "k": 10 }));
    let paths = result["paths"].as_array().unwrap();
    let lengths: Vec<usize> = paths.iter().map(|p| p["hops"].as_array().unwrap().len()).collect();
    assert_eq!(lengths, [2, 2, 3, 3]);
    for path in paths {
        assert_eq!(ids(&path["entities"]).first(), Some(&"avatr"));
        assert_eq!(ids(&path["entities"]).last(), Some(&"catl"));
        for hop in path["hops"].as_array().unwrap() {
            assert!(!hop["sources"].as_array().unwrap().is_empty(), "every link cites a source: {hop}");
            assert!(hop["link"].as_i64().unwrap() > 0);
        }
    }
    // The ends carry their short names from names/ for graph labels; Avatr has only an English one.
    let ends = &paths[0]["entities"];
    let last = ends.as_array().unwrap().len() - 1;
    assert_eq!((&ends[0]["short_en"], &ends[0]["short_zh"]), (&json!("Avatr"), &Value::Null));
    assert_eq!((&ends[last]["short_en"], &ends[last]["short_zh"]), (&json!("CATL"), &json!("宁德时代")));
    let directed = call(&atlas, "paths", json!({ "from": "avatr", "to": "catl", "directed": true }));
    assert!(directed["paths"].as_array().unwrap().is_empty(), "nothing flows from avatr up to catl");
}

#[test]
fn risk_facts_of_the_mini_chain() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    // changan-auto is the only way to district-jiangbei; rumoured-supplier - seres-auto is a pair.
    let cut = call(&atlas, "cut_points", json!({}));
    assert_eq!(ids(&cut["articulation_points"]), ["changan-auto"]);
    assert_eq!(cut["bridges"].as_array().unwrap().len(), 2);
    // Every maker has one supplier of one segment.
    let sourcing = call(&atlas, "sourcing", json!({}));
    let mut sole: Vec<(String, String, String)> = sourcing["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["sole"], json!(true));
            let supplier = d["suppliers"][0]["id"].as_str().unwrap().to_string();
            (d["maker"]["id"].as_str().unwrap().to_string(), d["segment"]["id"].as_str().unwrap().to_string(), supplier)
        })
        .collect();
    sole.sort();
    assert_eq!(
        sole,
        [
            ("avatr".into(), "cells-packs".into(), "times-changan".into()),
            ("changan-auto".into(), "cells-packs".into(), "catl".into()),
            ("seres-auto".into(), "e-drive".into(), "rumoured-supplier".into()),
        ]
    );
    // Local are the two makers with a district; no supplier of cells or e-drive is local.
    let coverage = call(&atlas, "local_coverage", json!({ "segments": ["cells-packs", "vehicles"] }));
    let counts: Vec<(u64, u64)> = coverage["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["suppliers"].as_u64().unwrap(), s["local_count"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [(2, 0), (3, 2)]);
    let gaps = call(&atlas, "gaps", json!({}));
    let first: Vec<&str> =
        gaps["segments"].as_array().unwrap().iter().take(3).map(|s| s["segment"]["id"].as_str().unwrap()).collect();
    assert_eq!(first, ["cells-packs", "e-drive", "materials"]);
    let concentration = call(&atlas, "concentration", json!({ "segments": ["cells-packs"] }));
    // catl and times-changan have one customer link each: shares 0.5, HHI 5000.
    assert_eq!(concentration["segments"][0]["hhi"], json!(5000.0));
    assert_eq!(
        dispatch(&atlas, "gaps", json!({ "segments": ["nonsense"] })).unwrap_err().code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn what_if_a_district_goes() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    // Jiangbei takes changan-auto with it: avatr loses its owner, its only local "supplier".
    let result = call(&atlas, "what_if", json!({ "places": ["district-jiangbei"], "with_ownership": true }));
    let mut removed = ids(&result["removed"]);
    removed.sort();
    assert_eq!(removed, ["changan-auto", "district-jiangbei"]);
    let makers = result["makers"].as_array().unwrap();
    assert_eq!(makers.len(), 1);
    assert_eq!(makers[0]["maker"]["id"], json!("avatr"));
    assert_eq!(ids(&makers[0]["segments"][0]["lost_suppliers"]), ["changan-auto"]);
    let lost = &makers[0]["segments"][0]["lost_suppliers"][0];
    assert_eq!((&lost["short_zh"], &lost["short_en"]), (&json!("长安"), &json!("Changan")));
    let supplies_only = call(&atlas, "what_if", json!({ "places": ["district-jiangbei"] }));
    assert!(supplies_only["makers"].as_array().unwrap().is_empty());
}

#[test]
fn centrality_ranks_by_the_measure() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    let degree = call(&atlas, "centrality", json!({ "measure": "degree", "limit": 2 }));
    // changan-auto has four links (two out to partners, one in from catl, one to its district).
    assert_eq!(degree["entities"][0]["entity"]["id"], json!("changan-auto"));
    assert_eq!(degree["entities"][0]["score"], json!(4.0));
    assert_eq!(degree["entities"].as_array().unwrap().len(), 2);
    for measure in ["pagerank", "betweenness"] {
        let result = call(&atlas, "centrality", json!({ "measure": measure }));
        assert!(!result["entities"].as_array().unwrap().is_empty(), "{measure}");
    }
}

#[test]
fn payloads_stay_under_a_megabyte_at_scale() {
    let data =
        atlas_core::synth::synthetic_chain(atlas_core::synth::SynthSize { entities: 20_000, links: 120_000, seed: 5 });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.sqlite");
    atlas_core::store::build_edition_marked(&data, &path, "synthetic-5", "1970-01-01", true).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    assert_eq!(call(&atlas, "edition", json!({}))["synthetic"], json!(true));
    let maker = data
        .entities
        .iter()
        .rev()
        .find(|e| e.record.segments.iter().any(|s| s == "vehicles"))
        .unwrap()
        .record
        .id
        .clone();
    let supplier = data.links.iter().find(|l| l.record.to == maker).unwrap().record.from.clone();
    for (command, args) in [
        ("trace", json!({ "id": maker, "limit": 3000, "with_ownership": true })),
        ("trace", json!({ "id": supplier, "direction": "downstream", "limit": 3000 })),
        ("paths", json!({ "from": supplier, "to": maker, "k": 10 })),
        ("centrality", json!({ "measure": "betweenness", "samples": 20, "limit": 500 })),
        ("cut_points", json!({ "limit": 2000 })),
        ("sourcing", json!({ "limit": 1500 })),
        ("concentration", json!({})),
        ("local_coverage", json!({})),
        ("gaps", json!({})),
        ("what_if", json!({ "places": ["district-00", "district-01"] })),
    ] {
        let size = serde_json::to_vec(&call(&atlas, command, args)).unwrap().len();
        assert!(size < 1_000_000, "{command}: {size} bytes");
    }
}

/// Polls a background centrality until it stops running, cancelling it first when asked.
fn finish(atlas: &Atlas, started: &Value, cancel: bool) -> Value {
    let args = json!({ "job": started["job"], "centrality": started["args"], "cancel": cancel });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let state = call(atlas, "centrality_job", args.clone());
        if state["status"] != "running" || std::time::Instant::now() > deadline {
            return state;
        }
        let done = state["done"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&done), "{state}");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn centrality_in_the_background_gives_the_direct_answer() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    for measure in ["degree", "pagerank", "betweenness"] {
        let started = call(&atlas, "centrality_start", json!({ "measure": measure, "limit": 5 }));
        let state = finish(&atlas, &started, false);
        assert_eq!((state["status"].as_str(), state["done"].as_f64()), (Some("done"), Some(1.0)), "{measure}");
        assert_eq!(state["result"], call(&atlas, "centrality", json!({ "measure": measure, "limit": 5 })), "{measure}");
    }
    let missing = dispatch(&atlas, "centrality_job", json!({ "job": 4242, "centrality": {} })).unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn a_background_centrality_can_be_cancelled() {
    let data =
        atlas_core::synth::synthetic_chain(atlas_core::synth::SynthSize { entities: 5_000, links: 40_000, seed: 9 });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.sqlite");
    atlas_core::store::build_edition_marked(&data, &path, "synthetic-9", "1970-01-01", true).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    // Exact betweenness from all 5,000 entities: seconds of work, stopped at once.
    let started = call(&atlas, "centrality_start", json!({ "measure": "betweenness", "samples": 2000 }));
    let state = finish(&atlas, &started, true);
    assert_eq!(state["status"], "cancelled", "{state}");
    assert_eq!(state["result"], Value::Null);
}

/// The sourcing of every maker is kept per atlas, with and without ownership apart: asked again
/// it is the same, and it agrees maker by maker with the sourcing of each maker alone (never
/// kept).
#[test]
fn sourcing_of_every_maker_is_kept_and_agrees_with_each_maker_alone() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    for with_ownership in [false, true, false] {
        let args = json!({ "with_ownership": with_ownership });
        let all = call(&atlas, "sourcing", args.clone());
        assert_eq!(call(&atlas, "sourcing", args), all);
        let dependencies = all["dependencies"].as_array().unwrap();
        assert!(!dependencies.is_empty());
        let mut makers: Vec<&str> = dependencies.iter().map(|d| d["maker"]["id"].as_str().unwrap()).collect();
        makers.dedup();
        for maker in makers {
            let alone = call(&atlas, "sourcing", json!({ "maker": maker, "with_ownership": with_ownership }));
            let of_maker: Vec<&Value> = dependencies.iter().filter(|d| d["maker"]["id"] == json!(maker)).collect();
            assert_eq!(alone["dependencies"].as_array().unwrap().iter().collect::<Vec<_>>(), of_maker, "{maker}");
        }
    }
}

/// The what-if's fast path (only makers downstream of the removal, searches that stop early) gives
/// the straightforward computation's answer: on the real edition for every entity and every place
/// removed alone, and on a synthetic chain for its busiest suppliers, a maker and two districts.
#[test]
fn what_if_answers_as_the_plain_computation() {
    use atlas_core::analytics::whatif::{Prepared, Removal, what_if, what_if_plain, what_if_prepared};
    use atlas_core::analytics::{RelationSet, risk::SupplyQuery};
    let check = |atlas: &Atlas, removals: &[Removal]| {
        let chain_segments: Vec<String> = atlas
            .store
            .segments()
            .unwrap()
            .into_iter()
            .filter(|s| s.stage != atlas_core::model::Stage::Support)
            .map(|s| s.id)
            .collect();
        let queries = [
            SupplyQuery { relations: RelationSet::chain(false), max_depth: 3, segments: chain_segments.clone() },
            SupplyQuery { relations: RelationSet::chain(true), max_depth: 3, segments: chain_segments },
            SupplyQuery { relations: RelationSet::chain(false), max_depth: 5, segments: Vec::new() },
        ];
        let mut listed = 0;
        for query in &queries {
            let prepared = Prepared::new(&atlas.graph, query);
            for removal in removals {
                let fast = what_if(&atlas.graph, removal, query);
                let plain = what_if_plain(&atlas.graph, removal, query);
                assert_eq!(fast, plain, "{removal:?} {query:?}");
                assert_eq!(what_if_prepared(&atlas.graph, removal, &prepared), plain, "{removal:?} {query:?}");
                listed += fast.makers.len();
            }
        }
        listed
    };
    let alone = |id: &str| Removal { entities: vec![id.to_string()], places: vec![] };
    let (_dir, atlas) = open_edition(&atlas_tests::root().join("data")).unwrap();
    let mut removals: Vec<Removal> = Vec::new();
    for node in atlas.graph.nodes() {
        let entity = atlas.graph.entity(node);
        removals.push(alone(&entity.entity.id));
        if matches!(entity.entity.kind, atlas_core::model::EntityKind::District | atlas_core::model::EntityKind::Park) {
            removals.push(Removal { entities: vec![], places: vec![entity.entity.id.clone()] });
        }
    }
    assert!(check(&atlas, &removals) > 0, "no removal on the real edition costs a maker anything");

    let data =
        atlas_core::synth::synthetic_chain(atlas_core::synth::SynthSize { entities: 6_000, links: 40_000, seed: 3 });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.sqlite");
    atlas_core::store::build_edition_marked(&data, &path, "synthetic-3", "1970-01-01", true).unwrap();
    let atlas = Atlas::open(&path).unwrap();
    let mut by_customers: Vec<(usize, String)> =
        atlas.graph.nodes().map(|n| (atlas.graph.outgoing(n).len(), atlas.graph.id(n).to_string())).collect();
    by_customers.sort_by(|a, b| b.cmp(a));
    let mut removals: Vec<Removal> = by_customers.iter().take(5).map(|(_, id)| alone(id)).collect();
    let maker = data.entities.iter().find(|e| e.record.segments.iter().any(|s| s == "vehicles")).unwrap();
    removals.push(alone(&maker.record.id));
    removals.push(Removal { entities: vec![], places: vec!["district-00".into()] });
    removals.push(Removal { entities: vec![by_customers[7].1.clone()], places: vec!["district-01".into()] });
    assert!(check(&atlas, &removals) > 0, "no removal on the synthetic chain costs a maker anything");
    // The sourcing's fast path, likewise, on the synthetic chain.
    use atlas_core::analytics::risk::{sourcing, sourcing_plain};
    for with_ownership in [false, true] {
        let query = atlas.default_supply_query(with_ownership).unwrap();
        let fast = sourcing(&atlas.graph, None, &query);
        assert!(!fast.is_empty());
        assert_eq!(fast, sourcing_plain(&atlas.graph, None, &query));
    }
}

/// An atlas prepared in the background answers the default sourcing and what-if at once and the
/// same as one that computes them on request, whether the request comes before the preparation is
/// done or after; and it keeps them.
#[test]
fn prepared_in_background_answers_as_computed_on_request() {
    let data =
        atlas_core::synth::synthetic_chain(atlas_core::synth::SynthSize { entities: 8_000, links: 50_000, seed: 9 });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.sqlite");
    atlas_core::store::build_edition_marked(&data, &path, "synthetic-9", "1970-01-01", true).unwrap();
    let (on_request, prepared) = (Atlas::open(&path).unwrap(), Atlas::open(&path).unwrap());
    prepared.prepare_in_background().unwrap();
    let questions = [
        ("sourcing", json!({ "limit": 1500 })),
        ("what_if", json!({ "places": ["district-00"] })),
        ("what_if", json!({ "entities": [data.links[0].record.from] })),
        ("sourcing", json!({ "limit": 1500, "with_ownership": true })),
        ("what_if", json!({ "places": ["district-01"], "with_ownership": true })),
    ];
    for (command, args) in &questions {
        assert_eq!(
            call(&prepared, command, args.clone()),
            call(&on_request, command, args.clone()),
            "{command} {args}"
        );
    }
    assert!(prepared.kept.sourcing_all[0].get().is_some() && prepared.kept.what_if[0].get().is_some());
    assert!(!call(&prepared, "what_if", json!({ "places": ["district-00"] }))["makers"].as_array().unwrap().is_empty());
}

/// The UI caches exactly the commands the command list calls cacheable: a job must not be one,
/// since asking twice starts two jobs, and no write may be one.
#[test]
fn only_answers_that_stay_the_same_are_cacheable() {
    let (_dir, atlas) = open_edition(&fixture("mini")).unwrap();
    let args = json!({ "measure": "degree" });
    let first = call(&atlas, "centrality_start", args.clone());
    let second = call(&atlas, "centrality_start", args);
    assert_ne!(first, second, "two starts are two jobs");
    assert!(!atlas_api::CACHEABLE_COMMANDS.contains(&"centrality_start"));
    assert!(!atlas_api::CACHEABLE_COMMANDS.contains(&"centrality_job"));
    for write in atlas_api::WRITE_COMMANDS {
        assert!(!atlas_api::CACHEABLE_COMMANDS.contains(write), "{write} changes the workspace");
    }
    for command in ["search", "entity", "trace", "what_if"] {
        assert!(atlas_api::CACHEABLE_COMMANDS.contains(&command), "{command} is a plain read");
    }
    let search = json!({ "query": "长安" });
    assert_eq!(call(&atlas, "search", search.clone()), call(&atlas, "search", search));
}
