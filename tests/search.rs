//! Search on the real edition built from data/: typos in Latin words, document numbers however
//! bracketed, systems by name as their own kind of hit, and "did you mean" when nothing matches.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use atlas_api::{SearchResult, dispatch};
use atlas_core::Atlas;
use serde_json::json;

/// The edition of data/, built into a temporary folder that lives as long as the guard.
fn atlas() -> (tempfile::TempDir, Atlas) {
    atlas_tests::open_edition(&atlas_tests::root().join("data")).unwrap()
}

fn search(atlas: &Atlas, query: &str) -> SearchResult {
    let value = dispatch(atlas, "search", json!({ "query": query })).unwrap_or_else(|e| panic!("{query}: {e}"));
    serde_json::from_value(value).unwrap()
}

fn ids(result: &SearchResult) -> Vec<&str> {
    result.hits.iter().map(|h| h.entity.id.as_str()).collect()
}

#[test]
fn latin_typos_of_five_letters_or_more_find_the_name() {
    let (_dir, atlas) = atlas();
    for (typo, spelling, expected) in [
        // Two letters swapped (one edit).
        ("Chanagn", "Changan", "changan-auto"),
        ("Seers", "Seres", "seres-auto"),
        // A letter left out and one doubled (two edits); the case of what was typed is kept.
        ("chngann", "changan", "changan-auto"),
    ] {
        let result = search(&atlas, typo);
        assert_eq!(result.corrected.as_deref(), Some(spelling), "{typo}: {result:?}");
        assert_eq!(result.did_you_mean.first().map(String::as_str), Some(spelling), "{typo}");
        assert!(ids(&result)[..3].contains(&expected), "{typo} gave {:?}", ids(&result));
        // The hits are those of the spelling itself.
        assert_eq!(ids(&result), ids(&search(&atlas, spelling)), "{typo}");
    }
    // Spelt right, nothing is corrected.
    let seres = search(&atlas, "Seres");
    assert_eq!((seres.corrected.as_deref(), seres.did_you_mean.len()), (None, 0));
    assert!(ids(&seres).contains(&"seres-auto"));
}

#[test]
fn short_words_and_far_misspellings_are_not_corrected() {
    let (_dir, atlas) = atlas();
    // Four letters: below the length where typos are tolerated.
    let short = search(&atlas, "Sers");
    assert_eq!(short.corrected, None, "{short:?}");
    // Three edits from "seres".
    let far = search(&atlas, "Sxxxs");
    assert!(far.corrected.is_none() && far.hits.is_empty(), "{far:?}");
    let nothing = search(&atlas, "qqqqqqqq");
    assert!(nothing.hits.is_empty() && nothing.systems.is_empty() && nothing.did_you_mean.is_empty());
}

#[test]
fn document_numbers_are_found_with_any_brackets() {
    let (_dir, atlas) = atlas();
    for query in [
        "渝府办发〔2024〕29号",
        "渝府办发[2024]29号",
        "渝府办发(2024)29号",
        "渝府办发（2024）29号",
        "渝府办发 [2024] 29 号",
    ] {
        let result = search(&atlas, query);
        let first = result.hits.first().unwrap_or_else(|| panic!("{query} found nothing"));
        assert_eq!(first.entity.id, "policy-cq-supercharging-plan-2024-2025", "{query}");
        assert_eq!(first.matched, "渝府办发〔2024〕29号", "{query}");
    }
    // Numbers that differ only in the serial are different documents.
    let result = search(&atlas, "渝府办发[2018]184号");
    assert_eq!(ids(&result)[0], "policy-cq-nev-promotion-measures-2018-2022");
    assert!(!ids(&result).contains(&"policy-cq-auto-upgrade-guidance-2019"), "{:?}", ids(&result));
    // The year and serial alone find it too, and the issuer's code finds its documents.
    assert!(ids(&search(&atlas, "(2023)268号")).contains(&"policy-vehicle-road-cloud-pilot-2024"));
    let issuer = search(&atlas, "渝府办发");
    for id in [
        "policy-cq-supercharging-plan-2024-2025",
        "policy-cq-auto-upgrade-guidance-2019",
        "policy-cq-nev-promotion-measures-2018-2022",
    ] {
        assert!(ids(&issuer).contains(&id), "{id} not in {:?}", ids(&issuer));
    }
}

#[test]
fn systems_are_found_by_name_as_their_own_kind_of_hit() {
    let (_dir, atlas) = atlas();
    for (query, expected) in
        [("9+2+5+30", "nev-9-2-5-30"), ("1+10+1000", "auto-1-10-1000"), ("9 + 3 + 5 + 30", "nev-9-3-5-30")]
    {
        let result = search(&atlas, query);
        let systems: Vec<&str> = result.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(systems, [expected], "{query}");
        assert!(result.systems[0].matched.contains(&query.replace(' ', "")), "{:?}", result.systems[0]);
    }
    // By words of its name too, in either language.
    let result = search(&atlas, "产业集群");
    assert!(result.systems.iter().any(|s| s.id == "auto-1-10-1000"), "{result:?}");
    let result = search(&atlas, "auto industry cluster");
    assert!(result.systems.iter().any(|s| s.id == "auto-1-12"), "{result:?}");
    // A formula no system has finds no system.
    assert!(search(&atlas, "9+9+9").systems.is_empty());
}

#[test]
fn a_chinese_query_that_finds_nothing_offers_names_that_sound_alike() {
    let (_dir, atlas) = atlas();
    // 按 for 安: the same sound, a common slip of a pinyin keyboard.
    let result = search(&atlas, "长按");
    assert!(result.hits.is_empty(), "{:?}", ids(&result));
    assert!(result.did_you_mean.contains(&"长安".to_string()), "{result:?}");
    assert!(!ids(&search(&atlas, &result.did_you_mean[0])).is_empty());
}
