//! The user's workspace over a real edition, through the command list both shells use: adding,
//! undoing, retracting, importing (GB18030 with a bad row, then fixed), exporting and reopening.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::path::PathBuf;

use atlas_api::{AppState, ErrorCode, dispatch_state};
use atlas_tests::fixture;
use serde_json::{Value, json};

struct Setup {
    _dir: tempfile::TempDir,
    edition: PathBuf,
    workspace: PathBuf,
}

fn setup() -> Setup {
    let data = atlas_core::dataset::load(&fixture("mini")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("edition.sqlite");
    atlas_core::store::build_edition(&data, &edition, "test", "2026-12-05").unwrap();
    let workspace = dir.path().join("ws").join("workspace.sqlite");
    Setup { _dir: dir, edition, workspace }
}

fn call(state: &AppState, command: &str, args: Value) -> Value {
    dispatch_state(state, command, args).unwrap_or_else(|e| panic!("{command}: {e}"))
}

fn suppliers(state: &AppState, id: &str, edition_only: bool) -> Vec<String> {
    let trace = call(state, "trace", json!({ "id": id, "edition_only": edition_only }));
    let mut ids: Vec<String> =
        trace["entries"].as_array().unwrap().iter().map(|e| e["entity"]["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    ids
}

fn add_seres_supplier(state: &AppState) -> Value {
    call(
        state,
        "add_link",
        json!({
            "from": "catl", "relation": "supplies", "to": "seres-auto", "product": "battery cells",
            "share": null, "since": "2024", "until": null, "note": null,
            "sources": [{ "type": "own_record", "date": "2026-11-30", "citation": "Meeting with the purchasing office", "grade": "B" }]
        }),
    )
}

#[test]
fn an_added_supplier_shows_in_trace_entity_page_and_undo_removes_it() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    let has_catl =
        |state: &AppState, edition_only| suppliers(state, "seres-auto", edition_only).contains(&"catl".to_string());
    assert!(!has_catl(&state, false));
    let saved = add_seres_supplier(&state);
    assert_eq!(saved["revision"], json!(1));
    assert!(has_catl(&state, false));
    // The shipped edition alone does not have it.
    assert!(!has_catl(&state, true));
    let page = call(&state, "entity", json!({ "id": "seres-auto" }));
    let link = page["links"].as_array().unwrap().iter().find(|l| l["other"]["id"] == "catl").unwrap().clone();
    assert_eq!(link["origin"], "yours");
    assert_eq!(link["sources"][0]["publisher"], "own record");
    assert_eq!(link["confidence"], "confirmed");

    let undone = call(&state, "undo", json!({}));
    assert_eq!(undone["change"]["undone"], json!(true));
    assert!(!has_catl(&state, false));
    call(&state, "redo", json!({}));
    assert!(has_catl(&state, false));
}

#[test]
fn a_fact_without_a_source_or_with_a_bad_date_is_refused_and_changes_nothing() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    let base = json!({ "from": "catl", "relation": "supplies", "to": "seres-auto", "product": null, "share": null,
                       "since": null, "until": null, "note": null, "sources": [] });
    let error = dispatch_state(&state, "add_link", base.clone()).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidArgument);
    assert!(error.message.contains("source"), "{}", error.message);
    let mut bad = base.clone();
    bad["since"] = json!("2023-02-30");
    bad["sources"] = json!([{ "type": "url", "url": "https://example.org/a", "grade": "C" }]);
    assert!(dispatch_state(&state, "add_link", bad).unwrap_err().message.contains("not a date"));
    let mut backwards = base;
    backwards["since"] = json!("2024");
    backwards["until"] = json!("2020");
    backwards["sources"] = json!([{ "type": "url", "url": "https://example.org/a", "grade": "C" }]);
    assert!(dispatch_state(&state, "add_link", backwards).unwrap_err().message.contains("earlier"));
    let status = call(&state, "workspace_status", json!({}));
    assert_eq!(status["revision"], json!(0));
    assert_eq!(status["log"], json!([]));
}

#[test]
fn a_retracted_link_stays_visible_but_leaves_the_analyses() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    let page = call(&state, "entity", json!({ "id": "avatr" }));
    let supply = page["links"].as_array().unwrap().iter().find(|l| l["relation"] == "supplies").unwrap().clone();
    assert_eq!(suppliers(&state, "avatr", false), ["times-changan"]);
    call(
        &state,
        "retract",
        json!({ "fact": "link", "key": supply["key"], "reason": "The contract ended in 2025",
                "sources": [{ "type": "url", "url": "https://example.org/ended", "grade": "B" }] }),
    );
    assert_eq!(suppliers(&state, "avatr", false), Vec::<String>::new());
    let page = call(&state, "entity", json!({ "id": "avatr" }));
    let retracted = page["links"].as_array().unwrap().iter().find(|l| l["key"] == supply["key"]).unwrap().clone();
    assert_eq!(retracted["retracted"], "The contract ended in 2025");
    assert_eq!(retracted["retraction_sources"][0]["url"], "https://example.org/ended");
    assert_eq!(suppliers(&state, "avatr", true), ["times-changan"]);
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn import(state: &AppState, name: &str, bytes: &[u8], dry_run: bool) -> Value {
    use base64::Engine as _;
    let content = base64::engine::general_purpose::STANDARD.encode(bytes);
    call(state, "import_file", json!({ "file_name": name, "base64": content, "dry_run": dry_run }))
}

#[test]
fn a_gbk_supplier_list_with_one_bad_row_is_refused_whole_then_imported_once_fixed() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    let bad = "供应商,客户,产品,来源,日期,份额\r\n\
               宁德时代,赛力斯汽车有限公司,电芯,https://example.org/q3,2024-05-01,0.4\r\n\
               重庆某某电机有限公司,ＳＥＲＥＳ　ＡＵＴＯＭＯＢＩＬＥ　ＣＯ．　ＬＴＤ．,电机,https://example.org/q3,2024-05-01,1.7\r\n";
    let report = import(&state, "suppliers.csv", &gb18030(bad), false);
    assert_eq!(report["encoding"], "GB18030");
    assert_eq!(report["layout"], "supplier list");
    assert_eq!(report["rows"], 2);
    assert_eq!(report["imported"], false);
    // Row 3 (the header is row 1), column 6: the share.
    assert_eq!(
        report["problems"],
        json!([{
            "row": 3,
            "column": 6,
            "message": "share 1.7 is outside 0..1 (or 0%..100%)",
            "message_zh": "份额 1.7 超出 0 到 1（或 0% 到 100%）的范围"
        }])
    );
    // Full-width, upper-case English names still match the entity.
    let names = report["names"].as_array().unwrap();
    assert!(names.iter().any(|n| n["kind"] == "matched" && n["entities"] == json!(["seres-auto"])), "{names:?}");
    assert!(names.iter().any(|n| n["kind"] == "new" && n["name"] == "重庆某某电机有限公司"));
    let before = suppliers(&state, "seres-auto", false);
    assert!(!before.contains(&"catl".to_string()));
    assert_eq!(call(&state, "workspace_status", json!({}))["revision"], json!(0));

    let fixed = bad.replace(",1.7\r\n", ",0.2\r\n");
    let dry = import(&state, "suppliers.csv", &gb18030(&fixed), true);
    assert_eq!((dry["problems"].clone(), dry["imported"].clone()), (json!([]), json!(false)));
    assert_eq!((dry["new_links"].clone(), dry["new_entities"].clone()), (json!(2), json!(1)));
    let done = import(&state, "suppliers.csv", &gb18030(&fixed), false);
    assert_eq!(done["imported"], true);
    let found = suppliers(&state, "seres-auto", false);
    assert_eq!(found.len(), before.len() + 2, "{found:?}");
    assert!(found.contains(&"catl".to_string()));
    let status = call(&state, "workspace_status", json!({}));
    assert_eq!(status["log"].as_array().unwrap().len(), 1, "one import is one change");
    assert!(status["backups"].as_array().unwrap().iter().any(|b| b["reason"] == "before-import"));
    // One undo takes the whole import back.
    call(&state, "undo", json!({}));
    assert_eq!(suppliers(&state, "seres-auto", false), before);
}

#[test]
fn utf16_and_utf8_bom_files_are_read_and_reported() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    let text = "supplier\tcustomer\tsource\tdate\nCATL\tSeres Automobile Co. Ltd.\thttps://example.org/x\t2024\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let report = import(&state, "list.txt", &utf16, true);
    assert_eq!((report["encoding"].clone(), report["problems"].clone()), (json!("UTF-16LE"), json!([])));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.replace('\t', ",").as_bytes());
    let report = import(&state, "list.csv", &bom, true);
    assert_eq!((report["encoding"].clone(), report["new_links"].clone()), (json!("UTF-8 with BOM"), json!(1)));
}

#[test]
fn graphml_export_reads_back_with_chinese_names_and_the_users_link() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    add_seres_supplier(&state);
    let file = call(&state, "export_graph", json!({ "format": "graphml" }));
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD.decode(file["base64"].as_str().unwrap()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let document = roxmltree::Document::parse(&text).unwrap();
    let node = document.descendants().find(|n| n.has_tag_name("node") && n.attribute("id") == Some("catl")).unwrap();
    let values: Vec<&str> = node.children().filter_map(|d| d.text()).collect();
    assert!(values.contains(&"宁德时代新能源科技股份有限公司"), "{values:?}");
    let edge = document
        .descendants()
        .find(|n| {
            n.has_tag_name("edge")
                && n.attribute("source") == Some("catl")
                && n.attribute("target") == Some("seres-auto")
        })
        .unwrap();
    let origin = edge.children().find(|d| d.attribute("key") == Some("e_origin")).and_then(|d| d.text());
    assert_eq!(origin, Some("yours"));
}

#[test]
fn table_export_is_csv_with_a_bom_or_an_xlsx_workbook() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    use base64::Engine as _;
    let decode = |v: &Value| base64::engine::general_purpose::STANDARD.decode(v["base64"].as_str().unwrap()).unwrap();
    let args = json!({ "format": "csv", "title": "供应商 suppliers", "columns": ["名称", "份额"], "rows": [["宁德时代", 0.4], ["x,y", null], ["=HYPERLINK(1)", -3]] });
    let csv = decode(&call(&state, "export_table", args.clone()));
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "\u{feff}名称,份额\r\n宁德时代,0.4\r\n\"x,y\",\r\n'=HYPERLINK(1),-3\r\n"
    );
    let mut xlsx_args = args;
    xlsx_args["format"] = json!("xlsx");
    let file = call(&state, "export_table", xlsx_args);
    assert!(file["file_name"].as_str().unwrap().ends_with(".xlsx"));
    let bytes = decode(&file);
    use calamine::Reader as _;
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.get_value((1, 0)).map(|c| c.to_string()), Some("宁德时代".to_string()));
}

#[test]
fn the_users_work_survives_a_restart_and_a_new_edition_that_lacks_an_entity() {
    let s = setup();
    {
        let state = AppState::open(&s.edition, &s.workspace).unwrap();
        add_seres_supplier(&state);
        call(&state, "add_note", json!({ "target": "entity:catl", "text": "Visited the plant in May" }));
    }
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    assert!(suppliers(&state, "seres-auto", false).contains(&"catl".to_string()));
    let status = call(&state, "workspace_status", json!({}));
    assert_eq!(status["notes"][0]["text"], "Visited the plant in May");
    assert_eq!(status["needs_attention"], json!([]));
    drop(state);

    // A new edition without seres-auto: the user's link is kept and listed, never dropped.
    let mut data = atlas_core::dataset::load(&fixture("mini")).unwrap();
    data.entities.retain(|e| e.record.id != "seres-auto");
    data.links.retain(|l| l.record.from != "seres-auto" && l.record.to != "seres-auto");
    data.statistics.retain(|st| st.record.subject != "seres-auto");
    data.members.retain(|m| m.record.entity != "seres-auto");
    data.names.retain(|n| n.record.entity != "seres-auto");
    data.policies.retain(|p| p.record.entity != "seres-auto");
    let cited: std::collections::HashSet<String> = data.fact_sources().flatten().cloned().collect();
    data.sources.retain(|src| cited.contains(&src.record.id));
    let newer = s.edition.with_file_name("newer.sqlite");
    atlas_core::store::build_edition(&data, &newer, "test-2", "2026-12-06").unwrap();
    let state = AppState::open(&newer, &s.workspace).unwrap();
    let status = call(&state, "workspace_status", json!({}));
    assert_eq!(
        status["needs_attention"],
        json!([{
            "fact": "link",
            "key": "catl|supplies|seres-auto|battery cells",
            "what": "link",
            // The end this edition still has, named so the list shows no bare ids.
            "entities": [{ "id": "catl", "kind": "firm", "name_en": "Contemporary Amperex Technology Co. Ltd.", "name_zh": "宁德时代新能源科技股份有限公司" }]
        }])
    );
    // Re-attached to another maker, it shows again.
    call(&state, "reattach", json!({ "fact": "entity", "old": "seres-auto", "new": "changan-auto" }));
    assert!(suppliers(&state, "changan-auto", false).contains(&"catl".to_string()));
    assert_eq!(call(&state, "workspace_status", json!({}))["needs_attention"], json!([]));
}

#[test]
fn backup_and_restore_bring_back_an_earlier_state() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    let backup = call(&state, "backup_now", json!({}));
    add_seres_supplier(&state);
    assert!(suppliers(&state, "seres-auto", false).contains(&"catl".to_string()));
    call(&state, "restore_backup", json!({ "name": backup["name"] }));
    assert!(!suppliers(&state, "seres-auto", false).contains(&"catl".to_string()));
    let status = call(&state, "workspace_status", json!({}));
    assert!(status["backups"].as_array().unwrap().iter().any(|b| b["reason"] == "before-restore"));
    // A name that is not a backup is refused.
    let error = dispatch_state(&state, "restore_backup", json!({ "name": "../../edition.sqlite" })).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidArgument);
}

proptest::proptest! {
    // 64 cases in `cargo xtask test`; PROPTEST_CASES=N for a long run (docs/reliability.md).
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        ..Default::default()
    })]
    /// The importers over raw bytes (a short fuzz run; CSV-like input is made likely): never a
    /// panic, never a change on a dry run, and a problem or a report for every input.
    #[test]
    fn importers_take_any_bytes_without_panicking_or_changing_anything(
        header in proptest::sample::select(vec!["供应商,客户,来源,日期\n", "from,relation,to,sources\n", "kind,name_zh,sources\n", "subject,metric,period,value,unit,sources\n", ""]),
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        xlsx in proptest::prelude::any::<bool>(),
    ) {
        let s = setup();
        let state = AppState::open(&s.edition, &s.workspace).unwrap();
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend(body);
        let name = if xlsx { "fuzz.xlsx" } else { "fuzz.csv" };
        let report = import(&state, name, &bytes, true);
        proptest::prop_assert_eq!(report["imported"].clone(), json!(false));
        proptest::prop_assert_eq!(call(&state, "workspace_status", json!({}))["revision"].clone(), json!(0));
    }
}

#[test]
fn the_change_log_and_the_import_report_name_entities_by_their_names() {
    let s = setup();
    let state = AppState::open(&s.edition, &s.workspace).unwrap();
    add_seres_supplier(&state);
    let report = import(
        &state,
        "suppliers.csv",
        "supplier,customer,product,source,date\nCATL,Seres,cells,https://example.org/a,2024-05-01\n".as_bytes(),
        true,
    );
    let catl = report["names"].as_array().unwrap().iter().find(|n| n["entities"] == json!(["catl"])).unwrap().clone();
    assert_eq!(catl["named"][0]["id"], "catl");
    assert!(catl["named"][0]["name_en"].as_str().is_some_and(|n| !n.is_empty()), "{catl}");

    let status = call(&state, "workspace_status", json!({}));
    let entry = &status["log"][0];
    assert_eq!(entry["action"], "add_link");
    let named: Vec<&str> = entry["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(named, ["catl", "seres-auto"]);
    call(
        &state,
        "correct",
        json!({ "fact": "entity", "key": "catl", "field": "founded", "value": "2011",
                "sources": [{ "type": "own_record", "date": "2026-11-30", "citation": "Annual report", "grade": "B" }] }),
    );
    let status = call(&state, "workspace_status", json!({}));
    assert_eq!(status["log"][0]["label"], "founded");
    assert_eq!(status["log"][0]["entities"][0]["id"], "catl");
}
