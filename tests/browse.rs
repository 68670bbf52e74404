//! Browsing by place and by document on the shipped dataset: every district and county with what
//! is placed in it (through parks too), the areas in no district, and the policy library.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use atlas_api::dispatch;
use atlas_tests::{open_edition, root};
use serde_json::{Value, json};

fn ids(list: &Value, field: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|e| e[field]["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn districts_list_all_38_with_entities_placed_directly_or_through_parks() {
    let (_dir, atlas) = open_edition(&root().join("data")).unwrap();
    let result = dispatch(&atlas, "districts", json!({})).unwrap();
    let districts = result["districts"].as_array().unwrap();
    assert_eq!(districts.len(), 38);
    assert!(districts.iter().all(|d| d["district"]["kind"] == "district" && d["district"]["name_zh"].is_string()));
    let dazu = districts.iter().find(|d| d["district"]["id"] == "district-dazu").unwrap();
    // CAERI's proving ground is located in the Shuangqiao development zone, which is in Dazu.
    let ground =
        dazu["entities"].as_array().unwrap().iter().find(|e| e["entity"]["id"] == "caeri-dazu-proving-ground").unwrap();
    assert_eq!(ground["park"]["id"], "dazu-shuangqiao-etdz");
    assert!(ids(&dazu["entities"], "entity").contains(&"dazu-shuangqiao-etdz".to_string()));
    // No entity is listed twice in one district, and a district never lists itself.
    for d in districts {
        let mut listed = ids(&d["entities"], "entity");
        let n = listed.len();
        listed.sort();
        listed.dedup();
        assert_eq!(listed.len(), n, "{}", d["district"]["id"]);
        assert!(!listed.contains(&d["district"]["id"].as_str().unwrap().to_string()));
    }
    // Liangjiang New Area spans districts: it is an area, with CAERI in it.
    let areas = result["areas"].as_array().unwrap();
    let liangjiang = areas.iter().find(|a| a["district"]["id"] == "liangjiang-new-area").unwrap();
    assert!(ids(&liangjiang["entities"], "entity").contains(&"caeri".to_string()));
    assert!(areas.iter().all(|a| a["district"]["kind"] == "park"));
}

#[test]
fn the_policy_library_lists_every_policy_with_its_issuer() {
    let (_dir, atlas) = open_edition(&root().join("data")).unwrap();
    let result = dispatch(&atlas, "policies", json!({})).unwrap();
    let policies = result["policies"].as_array().unwrap();
    // One entry per row of data/policies/.
    let rows = std::fs::read_to_string(root().join("data/policies/core.csv")).unwrap();
    let rows = rows.lines().skip(1).filter(|l| l.starts_with("policy-")).count();
    assert_eq!(policies.len(), rows);
    let plan = policies.iter().find(|p| p["policy"]["id"] == "policy-cq-icv-nev-cluster-plan-2022-2030").unwrap();
    assert_eq!(plan["doc_number"], "渝府发〔2022〕38号");
    assert_eq!(plan["issued"], "2022-08-19");
    assert_eq!(plan["horizon"], 2030);
    assert!(plan["issuers"].as_array().unwrap().iter().any(|i| i["id"] == "chongqing-government"));
    assert!(plan["sources"].as_u64().unwrap() >= 1);
    // Dated policies come newest first.
    let dates: Vec<&str> = policies.iter().filter_map(|p| p["issued"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(dispatch(&atlas, "policies", json!({"extra": 1})).is_err());
}
