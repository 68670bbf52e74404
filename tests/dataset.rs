//! The loader and validator on a good fixture and on copies of it broken one way at a time. Each
//! case names the file to change, how, and the one problem (file:line:column: message) expected.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::path::Path;

use atlas_core::dataset;
use atlas_tests::fixture;

/// Copies the mini fixture into a temporary folder.
fn copy_of_mini() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("mini"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Replaces the first occurrence of `from` by `to` in `file`, loads the copy, and returns the
/// problems as `file:line:column: message` lines.
fn problems_after(file: &str, from: &str, to: &str) -> Vec<String> {
    let dir = copy_of_mini();
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    match dataset::load(dir.path()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// Asserts that the change produces exactly one problem, at `position`, whose message contains
/// `message`.
fn check(file: &str, from: &str, to: &str, position: &str, message: &str) {
    let problems = problems_after(file, from, to);
    assert_eq!(problems.len(), 1, "expected one problem for {from:?} -> {to:?}, found {problems:#?}");
    assert!(
        problems[0].starts_with(&format!("{position}: ")),
        "expected the problem at {position}, found {}",
        problems[0]
    );
    assert!(problems[0].contains(message), "expected {message:?} in {}", problems[0]);
}

#[test]
fn the_mini_fixture_is_valid() {
    let data = dataset::load(&fixture("mini")).unwrap();
    assert_eq!((data.entities.len(), data.links.len(), data.sources.len()), (9, 7, 3));
    assert_eq!(data.names.len(), 8);
    let seres = data.entities.iter().find(|e| e.record.id == "seres-auto").unwrap();
    assert_eq!(seres.origin.line, 9);
    assert_eq!(seres.record.products, vec!["AITO vehicles".to_string()]);
}

#[test]
fn the_curated_dataset_is_valid() {
    let data = dataset::load(&atlas_tests::root().join("data"))
        .unwrap_or_else(|problems| panic!("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")));
    assert!(data.entities.len() >= 40 && data.links.len() >= 60);
}

#[test]
fn duplicate_ids() {
    check(
        "entities/entities.csv",
        "\nrumoured-supplier,",
        "\ncatl,brand,,Another name,,,,,,,s-ichongqing-ev,\nrumoured-supplier,",
        "entities/entities.csv:10:1",
        "entity id \"catl\" is used twice",
    );
    check(
        "sources/sources.csv",
        "\ns-mirror,",
        "\ns-ichongqing-ev,https://example.org/other,x,y,n/v,2026-11-01,en,C,\ns-mirror,",
        "sources/sources.csv:4:1",
        "source id \"s-ichongqing-ev\" is used twice",
    );
}

#[test]
fn link_ends_must_exist() {
    check(
        "links/links.csv",
        "times-changan,supplies,avatr",
        "times-changan,supplies,nobody",
        "links/links.csv:4:3",
        "unknown entity \"nobody\"",
    );
    check(
        "links/links.csv",
        "catl,supplies,changan-auto",
        "ghost,supplies,changan-auto",
        "links/links.csv:5:1",
        "unknown entity \"ghost\"",
    );
}

#[test]
fn facts_must_cite_known_sources() {
    check(
        "links/links.csv",
        "power batteries,,,,,s-eastwestconn",
        "power batteries,,,,,s-nowhere",
        "links/links.csv:5:9",
        "unknown source \"s-nowhere\"",
    );
    check(
        "entities/entities.csv",
        "smart EVs,,,,s-eastwestconn",
        "smart EVs,,,,",
        "entities/entities.csv:6:11",
        "no source",
    );
}

#[test]
fn enumerations_must_be_known() {
    check(
        "entities/entities.csv",
        "avatr,firm,",
        "avatr,startup,",
        "entities/entities.csv:6:2",
        "unknown EntityKind \"startup\"",
    );
    check(
        "links/links.csv",
        "times-changan,supplies,",
        "times-changan,sells_to,",
        "links/links.csv:4:2",
        "unknown Relation \"sells_to\"",
    );
    check(
        "sources/sources.csv",
        "2023-05-23,2026-11-01,en,B",
        "2023-05-23,2026-11-01,en,D",
        "sources/sources.csv:3:8",
        "unknown Grade \"D\"",
    );
    check("names/names.csv", "catl,en,short,CATL", "catl,en,nickname,CATL", "names/names.csv:7:3", "unknown NameRole");
}

#[test]
fn dates_and_urls_must_be_well_formed() {
    check(
        "sources/sources.csv",
        "2023-05-23,2026-11-01",
        "23/05/2023,2026-11-01",
        "sources/sources.csv:3:5",
        "date \"23/05/2023\" is malformed",
    );
    check("links/links.csv", ",49,2023,", ",49,2023-13,", "links/links.csv:2:6", "date \"2023-13\" is malformed");
    check(
        "sources/sources.csv",
        "https://eastwestconn.com",
        "eastwestconn.com",
        "sources/sources.csv:3:2",
        "is malformed, expected http:// or https://",
    );
    check(
        "entities/entities.csv",
        "https://www.changan.com.cn",
        "ftp://changan",
        "entities/entities.csv:5:9",
        "URL \"ftp://changan\" is malformed",
    );
}

#[test]
fn the_same_entity_under_two_ids_is_refused() {
    check(
        "names/names.csv",
        "avatr,en,short,Avatr",
        "avatr,en,short,CATL",
        "names/names.csv:9:4",
        "name \"CATL\" already belongs to entity \"catl\"",
    );
}

#[test]
fn a_confirmed_fact_on_grade_c_alone_is_refused() {
    check(
        "links/links.csv",
        "motors,,,,uncertain,s-mirror",
        "motors,,,,,s-mirror",
        "links/links.csv:8:8",
        "rests only on grade C sources",
    );
}

#[test]
fn malformed_csv_and_headers_are_reported_with_position() {
    check("links/links.csv", "from,relation,to", "from,rel,to", "links/links.csv:1:2", "header is from,rel,to");
    check(
        "links/links.csv",
        "catl,supplies,changan-auto,power batteries,,,,,s-eastwestconn,",
        "catl,supplies,changan-auto",
        "links/links.csv:5:4",
        "3 fields, expected 10",
    );
    check("links/links.csv", ",49,2023,", ",forty-nine,2023,", "links/links.csv:2:5", "\"forty-nine\" is not a number");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let dir = copy_of_mini();
    let links = dir.path().join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap().replace("s-eastwestconn", "s-gone");
    std::fs::write(&links, text).unwrap();
    let problems = dataset::load(dir.path()).unwrap_err();
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(problems.iter().all(|p| p.file == "links/links.csv" && p.column == 9));
}

#[test]
fn gbk_and_bom_files_get_a_clear_error() {
    let dir = copy_of_mini();
    let names = dir.path().join("names/names.csv");
    // "长安" in GBK is C3 A4 B0 B2.
    std::fs::write(&names, b"entity,lang,role,name\nchangan-auto,zh,short,\xb3\xa4\xb0\xb2\n").unwrap();
    let problems = dataset::load(dir.path()).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "names/names.csv:2:23: invalid UTF-8 (a GBK or Latin-1 file?), expected UTF-8 text"
    );
    std::fs::write(&names, b"\xef\xbb\xbfentity,lang,role,name\n").unwrap();
    let problems = dataset::load(dir.path()).unwrap_err();
    assert!(problems[0].to_string().starts_with("names/names.csv:1:1: file starts with a byte-order mark"));
}

#[test]
fn a_failed_build_writes_nothing_and_keeps_the_old_edition() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edition.sqlite");
    let data = dataset::load(&fixture("mini")).unwrap();
    atlas_core::store::build_edition(&data, &path, "1", "2026-11-29").unwrap();
    let before = std::fs::read(&path).unwrap();
    // A dataset that breaks a foreign key cannot be written; the old edition stays as it was.
    let mut broken = data.clone();
    broken.links[0].record.to = "nobody".to_string();
    assert!(atlas_core::store::build_edition(&broken, &path, "2", "2026-11-29").is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("edition.sqlite.partial").exists(), "the half-written file is removed");
}

#[test]
fn every_metric_is_documented() {
    check(
        "statistics/statistics.csv",
        "chongqing,nev_production,2025,",
        "chongqing,nev_output,2025,",
        "statistics/statistics.csv:3:2",
        "metric \"nev_output\" is not documented",
    );
}

#[test]
fn chinese_names_are_written_in_chinese_characters() {
    check(
        "names/names.csv",
        "changan-auto,zh,short,长安",
        "changan-auto,zh,short,Chang'an",
        "names/names.csv:2:4",
        "Chinese name \"Chang'an\" has no Chinese character",
    );
}

#[test]
fn conflicting_figures_each_carry_a_note() {
    let mirror =
        "chongqing,nev_production,2025,1000000,vehicles,target,uncertain,s-mirror,a target repeated by a mirror";
    let other = "chongqing,nev_production,2021-01/2021-09,98000,vehicles,actual,,s-ichongqing-ev,";
    check(
        "statistics/statistics.csv",
        mirror,
        &format!("{mirror}\n{other}"),
        "statistics/statistics.csv:4:9",
        "value 98000 conflicts with 97000 at statistics/statistics.csv:2",
    );
    // The same figure twice, from two sources, is no conflict.
    let same = "chongqing,nev_production,2021-01/2021-09,97000,vehicles,actual,,s-ichongqing-ev,";
    assert_eq!(problems_after("statistics/statistics.csv", mirror, &format!("{mirror}\n{same}")), Vec::<String>::new());
}

#[test]
fn a_segment_is_covered_by_a_firm_located_in_chongqing_as_the_analyses_count_it() {
    let dir = copy_of_mini();
    let without = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap()).segments_without_local_firm;
    assert!(without.contains(&"cells-packs".to_string()), "{without:?}");
    assert!(!without.contains(&"vehicles".to_string()), "Changan has a district: {without:?}");
    // Located in the Chongqing region, not in a district: local all the same, as in local_coverage.
    let links = dir.path().join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    std::fs::write(&links, format!("{text}times-changan,located_in,chongqing,,,,,,s-ichongqing-ev,\n")).unwrap();
    let with = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap()).segments_without_local_firm;
    assert!(!with.contains(&"cells-packs".to_string()), "{with:?}");
    assert_eq!(with.len(), without.len() - 1);
}

#[test]
fn a_source_nothing_cites_is_refused() {
    let mirror = "s-mirror,http://example-mirror.cn/repost.html,a mirror,重庆 新能源汽车 (repost),n/v,2026-11-01,zh,C,a repost of state media";
    check(
        "sources/sources.csv",
        mirror,
        &format!("{mirror}\ns-unused,https://example.org/unused,Example,Unused page,n/v,2026-11-01,en,B,"),
        "sources/sources.csv:5:1",
        "source \"s-unused\" is cited by no fact",
    );
}

#[test]
fn a_chinese_name_in_names_counts_as_the_entity_s_chinese_name() {
    let dir = copy_of_mini();
    let before = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap());
    assert_eq!(before.entities_without_zh, 1, "the rumoured supplier has no Chinese name");
    let names = dir.path().join("names/names.csv");
    let text = std::fs::read_to_string(&names).unwrap();
    std::fs::write(&names, format!("{text}rumoured-supplier,zh,short,传闻供应商\n")).unwrap();
    let after = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap());
    assert_eq!(after.entities_without_zh, 0);
}

/// Writes `text` over `file` in a copy of the mini fixture and returns the problems as lines.
fn problems_with(file: &str, text: &[u8]) -> Vec<String> {
    let dir = copy_of_mini();
    std::fs::write(dir.path().join(file), text).unwrap();
    match dataset::load(dir.path()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn line_numbers_are_right_with_crlf_and_lone_cr_line_ends() {
    let text = std::fs::read_to_string(fixture("mini").join("links/links.csv")).unwrap();
    let broken = text.replacen("times-changan,supplies,avatr", "times-changan,supplies,nobody", 1);
    // A field holding a line break counts its lines too: the bad row is one line further down.
    let quoted = broken.replacen(
        "catl,joint_venture,times-changan,,49,2023,,,s-eastwestconn,",
        "catl,joint_venture,times-changan,,49,2023,,,s-eastwestconn,\"two\nlines\"",
        1,
    );
    for (end, text, line) in [("LF", &broken, 4), ("LF, quoted", &quoted, 5)] {
        for (name, newline) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
            let problems = problems_with("links/links.csv", text.replace('\n', newline).as_bytes());
            assert_eq!(problems.len(), 1, "{end} as {name}: {problems:#?}");
            assert!(
                problems[0].starts_with(&format!("links/links.csv:{line}:3: unknown entity \"nobody\"")),
                "{end} as {name}: {}",
                problems[0]
            );
        }
    }
}

#[test]
fn non_finite_numbers_are_refused() {
    for number in ["NaN", "nan", "inf", "-inf", "infinity", "1e309"] {
        check(
            "links/links.csv",
            ",49,2023,",
            &format!(",{number},2023,"),
            "links/links.csv:2:5",
            &format!("{number:?} is not a finite number"),
        );
        check(
            "statistics/statistics.csv",
            ",97000,",
            &format!(",{number},"),
            "statistics/statistics.csv:2:4",
            &format!("{number:?} is not a finite number"),
        );
    }
    // Large but finite numbers stay numbers.
    assert_eq!(problems_after("statistics/statistics.csv", ",97000,", ",1e300,"), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_it() {
    let dir = copy_of_mini();
    let fifo = dir.path().join("links/pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let path = dir.path().to_path_buf();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(dataset::load(&path).map(|_| ())));
    let result = receive.recv_timeout(std::time::Duration::from_secs(20)).expect("check hangs on a FIFO");
    let problems: Vec<String> = result.unwrap_err().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        vec!["links/pipe.csv:0:0: is not a regular file (a FIFO, socket or device), expected a regular file"]
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_is_refused_and_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.csv");
    std::fs::write(&secret, "SECRET-FIRST-LINE,do not echo\n").unwrap();
    let dir = copy_of_mini();
    std::os::unix::fs::symlink(&secret, dir.path().join("links/linked.csv")).unwrap();
    // A table that is one file, linked, is refused too.
    std::os::unix::fs::symlink(&secret, dir.path().join("segments.csv.link")).unwrap();
    std::fs::remove_file(dir.path().join("segments.csv")).unwrap();
    std::fs::rename(dir.path().join("segments.csv.link"), dir.path().join("segments.csv")).unwrap();
    let problems: Vec<String> = dataset::load(dir.path()).unwrap_err().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        vec![
            "links/linked.csv:0:0: is a symbolic link, expected a regular file (links are not followed)",
            "segments.csv:0:0: is a symbolic link, expected a regular file (links are not followed)",
        ]
    );
    assert!(!problems.iter().any(|p| p.contains("SECRET")));
}

#[test]
fn impossible_dates_and_until_before_since_are_refused() {
    check("links/links.csv", ",49,2023,", ",49,2023-02-30,", "links/links.csv:2:6", "date \"2023-02-30\" is malformed");
    check("links/links.csv", ",49,2023,", ",49,2023-02-29,", "links/links.csv:2:6", "date \"2023-02-29\" is malformed");
    check(
        "sources/sources.csv",
        "2023-05-23,2026-11-01",
        "2023-04-31,2026-11-01",
        "sources/sources.csv:3:5",
        "date \"2023-04-31\" is malformed",
    );
    check(
        "links/links.csv",
        ",49,2023,,",
        ",49,2023-06,2023-05-31,",
        "links/links.csv:2:7",
        "until 2023-05-31 is earlier than since 2023-06",
    );
    // A leap day, and an until within the since year, are fine.
    assert_eq!(problems_after("links/links.csv", ",49,2023,,", ",49,2024-02-29,2024,"), Vec::<String>::new());
}

/// The mini fixture with `rows` appended to links/links.csv.
fn mini_with_links(rows: &str) -> tempfile::TempDir {
    let dir = copy_of_mini();
    let links = dir.path().join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    std::fs::write(&links, format!("{text}{rows}")).unwrap();
    dir
}

#[test]
fn tables_with_a_note_may_end_with_note_zh_and_maintainer_note() {
    let dir = copy_of_mini();
    let links = dir.path().join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[0].push_str(",note_zh,maintainer_note");
    for line in &mut lines[1..] {
        line.push_str(",,");
    }
    lines[3] = "times-changan,supplies,avatr,battery packs,,,,,s-eastwestconn,Packs for Avatr.,供阿维塔的电池包。,read on s-eastwestconn in round 4".to_string();
    std::fs::write(&links, lines.join("\n") + "\n").unwrap();
    let data = dataset::load(dir.path()).unwrap();
    let link = data.links.iter().find(|l| l.origin.line == 4).unwrap();
    assert_eq!(link.record.note.as_deref(), Some("Packs for Avatr."));
    assert_eq!(link.record.note_zh.as_deref(), Some("供阿维塔的电池包。"));
    assert_eq!(link.record.maintainer_note.as_deref(), Some("read on s-eastwestconn in round 4"));
    // Internal text is fine in a maintainer's note, not in a reader's.
    assert_eq!(atlas_core::coverage::coverage(&data).notes_with_internal_text, Vec::<String>::new());

    // Both columns or neither.
    lines[0] = lines[0].replace(",maintainer_note", "");
    std::fs::write(&links, lines.join("\n") + "\n").unwrap();
    let problems = dataset::load(dir.path()).unwrap_err();
    assert!(
        problems[0].to_string().starts_with("links/links.csv:1:11: header is ")
            && problems[0].message.ends_with("(or that followed by note_zh,maintainer_note)"),
        "{}",
        problems[0]
    );
    // A table without a note (policies) takes neither.
    check(
        "policies/policies.csv",
        "entity,doc_number,issued,horizon,targets,sources",
        "entity,doc_number,issued,horizon,targets,sources,note_zh,maintainer_note",
        "policies/policies.csv:1:7",
        "header is",
    );
}

#[test]
fn reader_notes_with_source_ids_file_names_or_search_rounds_are_counted() {
    let dir = mini_with_links(
        "avatr,located_in,district-jiangbei,,,,,,s-eastwestconn,Read on s-eastwestconn.\n\
         seres-auto,co_develops,avatr,,,,,,s-eastwestconn,moved from links/round4-makers.csv\n\
         catl,co_develops,avatr,,,,,,s-eastwestconn,A pack partnership (Mercedes-Benz style).\n",
    );
    let report = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap());
    assert_eq!(
        report.notes_with_internal_text,
        vec![
            "links/links.csv:9: note: source id s-eastwestconn".to_string(),
            "links/links.csv:10: note: a .csv file name".to_string()
        ]
    );
}

#[test]
fn open_stakes_with_different_shares_are_refused_unless_both_are_current() {
    // A second open figure for Changan's stake in Avatr (40.99% at line 6): both rows refused.
    let second = "changan-auto,owns,avatr,,95.38,2020,,,s-eastwestconn,\n";
    let problems = problems_with(
        "links/links.csv",
        format!("{}{second}", std::fs::read_to_string(fixture("mini").join("links/links.csv")).unwrap()).as_bytes(),
    );
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "links/links.csv:6:7: open stake of changan-auto in avatr beside another open figure (links/links.csv:9 owns 95.38%), expected an until"
        ),
        "{}",
        problems[0]
    );
    assert!(problems[1].starts_with("links/links.csv:9:7: open stake of changan-auto in avatr"), "{}", problems[1]);
    // The report of check --json names the pair and its rows.
    let mut data = dataset::load(&fixture("mini")).unwrap();
    assert_eq!(dataset::open_superseded_stakes(&data), Vec::<String>::new());
    let mut extra = data.links.iter().find(|l| l.record.relation == atlas_core::model::Relation::Owns).unwrap().clone();
    extra.record.share = Some(95.38);
    extra.origin.line = 9;
    data.links.push(extra);
    assert_eq!(
        dataset::open_superseded_stakes(&data),
        vec!["changan-auto -> avatr: links/links.csv:6 owns 40.99%, links/links.csv:9 owns 95.38%".to_string()]
    );
    assert_eq!(atlas_core::coverage::coverage(&data).open_superseded_stakes.len(), 1);
    // The older figure closed, or the same share twice: nothing to refuse.
    for row in [
        "changan-auto,owns,avatr,,95.38,2020,2022,,s-eastwestconn,\n",
        "changan-auto,owns,avatr,,40.99,2024,,,s-eastwestconn,\n",
    ] {
        let dir = mini_with_links(row);
        assert!(dataset::load(dir.path()).is_ok(), "{row}");
    }
    // Both current, said in each row's note (here: one note, one maintainer note).
    let dir = copy_of_mini();
    let links = dir.path().join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    let mut lines: Vec<String> = text.lines().map(|l| format!("{l},,")).collect();
    lines[0] = lines[0].replace(",,", ",note_zh,maintainer_note");
    lines[5] = "changan-auto,owns,avatr,,40.99,,,,s-eastwestconn,Direct stake; both current with the indirect one.,,"
        .to_string();
    lines.push("changan-auto,owns,avatr,,95.38,2020,,,s-eastwestconn,,,Both current: through a holding.".to_string());
    std::fs::write(&links, lines.join("\n") + "\n").unwrap();
    let data = dataset::load(dir.path()).unwrap();
    assert_eq!(dataset::open_superseded_stakes(&data), Vec::<String>::new());
    // Said in one row only: refused.
    lines[5] = "changan-auto,owns,avatr,,40.99,,,,s-eastwestconn,Direct stake.,,".to_string();
    std::fs::write(&links, lines.join("\n") + "\n").unwrap();
    assert_eq!(dataset::load(dir.path()).unwrap_err().len(), 2);
}

#[test]
fn a_stake_held_as_both_owns_and_joint_venture_is_refused() {
    check(
        "links/links.csv",
        "changan-auto,located_in,",
        "catl,owns,times-changan,,49,2023-06,,,s-eastwestconn,\nchangan-auto,located_in,",
        "links/links.csv:2:2",
        "catl holds times-changan both as owns and as joint_venture, expected one model",
    );
}

#[test]
fn links_are_counted_by_relation_and_chongqing_entities_without_a_district_are_listed() {
    let text = std::fs::read_to_string(fixture("mini").join("links/links.csv")).unwrap();
    let data = dataset::load(&fixture("mini")).unwrap();
    let report = atlas_core::coverage::coverage(&data);
    for relation in ["supplies", "joint_venture", "owns", "located_in"] {
        let rows = text.lines().filter(|l| l.split(',').nth(1) == Some(relation)).count();
        assert_eq!(report.links_by_relation.get(relation).copied().unwrap_or(0), rows, "{relation}");
    }
    assert_eq!(report.links_by_relation.values().sum::<usize>(), data.links.len());
    // Changan and Seres have a district; the districts and the region are places themselves.
    assert_eq!(report.entities_without_district, Vec::<String>::new());
    // In Chongqing, but at city level: counted.
    let dir = mini_with_links("times-changan,located_in,chongqing,,,,,,s-ichongqing-ev,\n");
    let report = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap());
    assert_eq!(report.entities_without_district, vec!["times-changan".to_string()]);
    // Located in something that is in a district: placed.
    let dir = mini_with_links("times-changan,located_in,changan-auto,,,,,,s-ichongqing-ev,\n");
    let report = atlas_core::coverage::coverage(&dataset::load(dir.path()).unwrap());
    assert_eq!(report.entities_without_district, Vec::<String>::new());
}

#[test]
fn the_edition_keeps_note_zh_and_never_the_maintainer_note() {
    let dir = copy_of_mini();
    let links = dir.path().join("links/links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    let mut lines: Vec<String> = text.lines().map(|l| format!("{l},,")).collect();
    lines[0] = lines[0].replace("note,,", "note,note_zh,maintainer_note");
    lines[3] = "times-changan,supplies,avatr,battery packs,,,,,s-eastwestconn,Packs for Avatr.,供阿维塔的电池包。,MAINTAINER-ONLY-TEXT read in round 4".to_string();
    std::fs::write(&links, lines.join("\n") + "\n").unwrap();
    let entities = dir.path().join("entities/entities.csv");
    let text = std::fs::read_to_string(&entities).unwrap();
    let mut lines: Vec<String> = text.lines().map(|l| format!("{l},,")).collect();
    lines[0] = lines[0].replace("note,,", "note,note_zh,maintainer_note");
    let avatr = lines.iter().position(|l| l.starts_with("avatr,")).unwrap();
    lines[avatr] = lines[avatr].replace(
        ",s-eastwestconn,,,",
        ",s-eastwestconn,Changan's premium EV brand.,长安的高端电动车品牌。,MAINTAINER-ONLY-ENTITY",
    );
    std::fs::write(&entities, lines.join("\n") + "\n").unwrap();

    let data = dataset::load(dir.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("edition.sqlite");
    atlas_core::store::build_edition(&data, &path, "1", "2026-12-05").unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let holds = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(holds("供阿维塔的电池包。") && holds("长安的高端电动车品牌。"), "note_zh is stored");
    assert!(!holds("MAINTAINER-ONLY"), "a maintainer's note never reaches the edition");

    let store = atlas_core::store::Store::open(&path).unwrap();
    let page = store.entity("avatr").unwrap().unwrap();
    assert_eq!(page.note.as_deref(), Some("Changan's premium EV brand."));
    assert_eq!(page.note_zh.as_deref(), Some("长安的高端电动车品牌。"));
    let link = page.links.iter().find(|l| l.other.id == "times-changan").unwrap();
    assert_eq!(link.note_zh.as_deref(), Some("供阿维塔的电池包。"));
    assert!(page.links.iter().filter(|l| l.other.id != "times-changan").all(|l| l.note_zh.is_none()));
}
