//! Names for search: pinyin derived from Chinese names, and the tokens indexed by full-text search.
//!
//! Chinese has no spaces between words, so every Han character is indexed as its own token and a
//! Chinese query becomes a phrase of characters: "长安" matches any name holding 长 followed by 安,
//! and one- and two-character names match. Pinyin is indexed as the suffixes of the concatenated
//! syllables and initials ("chongqingchangan", "changan", "an"; "cqca", "ca", "a"), so a prefix
//! query finds a name from any syllable on.

use pinyin::ToPinyin;

/// Pinyin of a name without tones, syllables separated by spaces; `None` when it has no Han
/// character.
pub fn pinyin(text: &str) -> Option<String> {
    let syllables = syllables(text);
    (!syllables.is_empty()).then(|| syllables.join(" "))
}

/// The first letters of the pinyin syllables of a name; `None` when it has no Han character.
pub fn initials(text: &str) -> Option<String> {
    let syllables = syllables(text);
    (!syllables.is_empty()).then(|| syllables.iter().filter_map(|s| s.chars().next()).collect())
}

fn syllables(text: &str) -> Vec<&'static str> {
    text.to_pinyin().flatten().map(|p| p.plain()).collect()
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The text indexed for one name: Han characters one by one, Latin words, and pinyin suffixes.
pub fn search_tokens(text: &str) -> String {
    let mut tokens: Vec<String> = Vec::new();
    tokens.extend(text.chars().filter(|c| is_han(*c)).map(String::from));
    tokens.extend(latin_words(text));
    let syllables = syllables(text);
    for start in 0..syllables.len() {
        tokens.push(syllables[start..].concat());
        tokens.push(syllables[start..].iter().filter_map(|s| s.chars().next()).collect());
    }
    tokens.join(" ")
}

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Turns what a person typed into an FTS5 query: runs of Han characters become phrases, Latin
/// words become prefix terms, all of them required. `None` when nothing searchable is left.
pub fn fts_query(query: &str) -> Option<String> {
    let mut terms = Vec::new();
    let mut han = String::new();
    let mut word = String::new();
    let flush_han = |han: &mut String, terms: &mut Vec<String>| {
        if !han.is_empty() {
            let spaced: Vec<String> = han.chars().map(String::from).collect();
            terms.push(format!("\"{}\"", spaced.join(" ")));
            han.clear();
        }
    };
    let flush_word = |word: &mut String, terms: &mut Vec<String>| {
        if !word.is_empty() {
            terms.push(format!("\"{}\"*", word.to_ascii_lowercase()));
            word.clear();
        }
    };
    for c in query.chars() {
        if is_han(c) {
            flush_word(&mut word, &mut terms);
            han.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_han(&mut han, &mut terms);
            word.push(c);
        } else {
            flush_han(&mut han, &mut terms);
            flush_word(&mut word, &mut terms);
        }
    }
    flush_han(&mut han, &mut terms);
    flush_word(&mut word, &mut terms);
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// How well a name answers a query, higher is better: exact names first, then prefixes of the
/// name or its pinyin, then names containing the query, then any other full-text match.
pub fn match_score(query: &str, name: &str, pinyin: Option<&str>, initials: Option<&str>) -> i64 {
    let q: String = query.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let n = crate::dataset::normalise_name(name);
    let p = pinyin.map(|p| p.replace(' ', "")).unwrap_or_default();
    let i = initials.unwrap_or_default();
    let base = if q.is_empty() {
        0
    } else if n == q {
        1000
    } else if p == q || i == q {
        800
    } else if n.starts_with(&q) {
        600
    } else if p.starts_with(&q) || i.starts_with(&q) {
        400
    } else if n.contains(&q) {
        300
    } else if p.contains(&q) {
        200
    } else {
        100
    };
    // Shorter names first among equals: "长安汽车" before "长安汽车金融有限公司".
    base - name.chars().count().min(99) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_initials_are_derived() {
        assert_eq!(pinyin("长安汽车").as_deref(), Some("chang an qi che"));
        assert_eq!(initials("长安汽车").as_deref(), Some("caqc"));
        assert_eq!(pinyin("Seres"), None);
    }

    #[test]
    fn tokens_hold_characters_words_and_pinyin_suffixes() {
        let tokens = search_tokens("AITO问界");
        for expected in ["问", "界", "aito", "wenjie", "jie", "wj"] {
            assert!(tokens.split(' ').any(|t| t == expected), "{expected} missing in {tokens}");
        }
    }

    #[test]
    fn queries_become_phrases_and_prefixes() {
        assert_eq!(fts_query("长安 changan").as_deref(), Some("\"长 安\" AND \"changan\"*"));
        assert_eq!(fts_query("  ,;  "), None);
        assert_eq!(fts_query("a\"b").as_deref(), Some("\"a\"* AND \"b\"*"));
    }

    #[test]
    fn exact_names_outrank_prefixes_and_contained_names() {
        let exact = match_score("长安", "长安", None, None);
        let prefix = match_score("长安", "长安汽车", None, None);
        let inside = match_score("长安", "重庆长安", None, None);
        assert!(exact > prefix && prefix > inside);
        assert!(match_score("caqc", "长安汽车", Some("chang an qi che"), Some("caqc")) > match_score("caqc", "长安汽车集团", Some("chang an qi che ji tuan"), Some("caqjt")));
    }
}
