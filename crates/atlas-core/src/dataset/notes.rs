//! Text that belongs to maintainers, not readers: the one list of patterns that finds it in the
//! notes users read (`note`, `note_zh`). Such text goes to `maintainer_note` or OPEN-QUESTIONS.md.

/// Words of the maintainers' work, matched without regard to case.
const MAINTAINER_WORDS: &[&str] =
    &["searched", "search log", "lead list", "final-pass", "final pass", "open-questions", "maintainer"];

/// What in `note` is internal text, or `None` when a reader may see all of it: a source id
/// (`s-` and an id, as in `s-ichongqing-ev`), a `.csv` file name, a search round (`round 4`), or
/// one of [`MAINTAINER_WORDS`].
pub fn internal_text(note: &str) -> Option<String> {
    let lower = note.to_lowercase();
    // A word starts at the beginning or after a character that is neither a letter, a digit nor a
    // hyphen (so "Mercedes-Benz" holds no source id, and "all-round 4" no search round).
    let starts_word =
        |at: usize| lower[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
    for (at, _) in lower.match_indices("s-") {
        let id: String = lower[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        if starts_word(at) && id.len() >= 5 && id[2..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Some(format!("source id {id}"));
        }
    }
    if lower.contains(".csv") {
        return Some("a .csv file name".to_string());
    }
    for (at, _) in lower.match_indices("round") {
        let rest = lower[at + "round".len()..].trim_start_matches([' ', '-']);
        if starts_word(at) && rest.starts_with(|c: char| c.is_ascii_digit()) {
            let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
            return Some(format!("search round {number}"));
        }
    }
    MAINTAINER_WORDS.iter().find(|w| lower.contains(*w)).map(|w| format!("maintainer words \"{w}\""))
}

#[cfg(test)]
mod tests {
    use super::internal_text;

    #[test]
    fn source_ids_file_names_rounds_and_search_logs_are_internal() {
        for note in [
            "Figure from s-ichongqing-ev.",
            "see S-CQNEWS-2023 and others",
            "(s-xinhua-2024-01)",
            "moved from entities/round4-makers.csv",
            "Added in round 4.",
            "Round 5: confirmed",
            "round-3 check",
            "Searched Baidu, nothing found",
            "no page in the search log",
            "from the lead list",
        ] {
            assert!(internal_text(note).is_some(), "{note}");
        }
    }

    #[test]
    fn ordinary_reader_text_is_not_internal() {
        for note in [
            "Mercedes-Benz's plant; 30% held by Changan.",
            "Joint venture of CATL (49%) and Changan (51%).",
            "s-", // too short to be an id
            "an all-round 4-door sedan",
            "year-round production",
            "Ownership as of 2023; both stakes are current.",
            "宁德时代与长安汽车的合资公司",
            "",
        ] {
            assert_eq!(internal_text(note), None, "{note}");
        }
    }
}
