//! Names for search: pinyin derived from Chinese names, and the tokens indexed by full-text search.
//!
//! Chinese has no spaces between words, so every Han character is indexed as its own token and a
//! Chinese query becomes a phrase of characters: "长安" matches any name holding 长 followed by 安,
//! and one- and two-character names match. Pinyin is indexed as the suffixes of the concatenated
//! syllables and initials ("chongqingchangan", "changan", "an"; "cqca", "ca", "a"), so a prefix
//! query finds a name from any syllable on.

use pinyin::{ToPinyin, ToPinyinMulti};

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

/// Readings of characters that depend on the word they are in, for the words that occur in the
/// names of the chain. The crate reads each character alone (重 as "zhong", 长 as "zhang").
const WORD_READINGS: &[(&str, &[&str])] = &[
    ("重庆", &["chong", "qing"]),
    ("长安", &["chang", "an"]),
    ("长城", &["chang", "cheng"]),
    ("长寿", &["chang", "shou"]),
    ("长江", &["chang", "jiang"]),
    ("长春", &["chang", "chun"]),
    ("长沙", &["chang", "sha"]),
    ("长鑫", &["chang", "xin"]),
    ("银行", &["yin", "hang"]),
    ("行业", &["hang", "ye"]),
    ("传动", &["chuan", "dong"]),
];

/// The most likely reading of each Han character of `text`, in order.
fn syllables(text: &str) -> Vec<&'static str> {
    let han: Vec<char> = text.chars().filter(|c| is_han(*c)).collect();
    let mut readings: Vec<&'static str> = han.iter().map(|c| c.to_pinyin().map_or("", |p| p.plain())).collect();
    for (word, reading) in WORD_READINGS {
        let word: Vec<char> = word.chars().collect();
        for start in 0..han.len().saturating_sub(word.len() - 1) {
            if han[start..start + word.len()] == word[..] {
                readings[start..start + word.len()].copy_from_slice(reading);
            }
        }
    }
    readings.into_iter().filter(|r| !r.is_empty()).collect()
}

/// Other readings of characters that have several, each as a full variant of the name's
/// syllables, so that a query in either reading finds the name.
fn variant_syllables(text: &str) -> Vec<Vec<&'static str>> {
    let primary = syllables(text);
    let han: Vec<char> = text.chars().filter(|c| is_han(*c) && c.to_pinyin().is_some()).collect();
    let mut variants = Vec::new();
    for (index, c) in han.iter().enumerate() {
        let Some(multi) = c.to_pinyin_multi() else {
            continue;
        };
        for reading in (0..multi.count()).map(|i| multi.get(i).plain()) {
            if primary.get(index).is_some_and(|p| *p != reading) {
                let mut variant = primary.clone();
                variant[index] = reading;
                variants.push(variant);
            }
        }
    }
    variants
}

/// The form under which two names are the same name: case, spaces and punctuation ignored.
pub fn normalise_name(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The text indexed for one name: Han characters one by one, Latin words, and pinyin suffixes.
pub fn search_tokens(text: &str) -> String {
    // Han characters stay in their order, so that a Chinese query matches them as a phrase.
    let han: Vec<String> = text.chars().filter(|c| is_han(*c)).map(String::from).collect();
    let mut tokens: Vec<String> = latin_words(text);
    for syllables in std::iter::once(syllables(text)).chain(variant_syllables(text)) {
        for start in 0..syllables.len() {
            tokens.push(syllables[start..].concat());
            tokens.push(syllables[start..].iter().filter_map(|s| s.chars().next()).collect());
        }
    }
    tokens.sort();
    tokens.dedup();
    han.into_iter().chain(tokens).collect::<Vec<_>>().join(" ")
}

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric())).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
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
    let n = normalise_name(name);
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
        assert_eq!(pinyin("重庆长安").as_deref(), Some("chong qing chang an"));
    }

    #[test]
    fn other_readings_of_a_character_are_indexed_too() {
        // 行 reads "xing" alone and "hang" in 银行; both find the name.
        let tokens = search_tokens("行");
        assert!(tokens.split(' ').any(|t| t == "xing") && tokens.split(' ').any(|t| t == "hang"), "{tokens}");
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
        assert!(
            match_score("caqc", "长安汽车", Some("chang an qi che"), Some("caqc"))
                > match_score("caqc", "长安汽车集团", Some("chang an qi che ji tuan"), Some("caqjt"))
        );
    }
}
