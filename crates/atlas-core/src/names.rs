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

/// Typo tolerance: a Latin query word of at least this many letters may be a misspelling.
pub const TYPO_MIN_LETTERS: usize = 5;
/// Typo tolerance: the most edits (insertions, deletions, substitutions, swaps of two neighbours)
/// between a misspelt word and the word meant.
pub const TYPO_MAX_EDITS: usize = 2;

/// The optimal-string-alignment distance of two words (Levenshtein distance where swapping two
/// neighbouring letters is one edit: "Seers" is one edit from "Seres"), or `None` when it is
/// above `max`. Compares characters.
///
/// Time O(|a| |b|), stopping early once a whole row is above `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Three rows: two back (for swaps), one back, and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        if current.iter().all(|d| *d > max) {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= max).then_some(distance)
}

/// The words a misspelt query word may have been meant as: the Latin words of every name, and the
/// pinyin of short Chinese names (four characters at most: 长安 "changan", 赛力斯 "sailisi"), each
/// with the number of names it occurs in.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Lowercase words with a bit per letter they hold (a cheap filter) and their name counts.
    words: Vec<(String, u32, u32)>,
}

/// One bit per ASCII letter that `word` holds.
fn letter_mask(word: &str) -> u32 {
    word.bytes().filter(u8::is_ascii_lowercase).fold(0, |mask, b| mask | 1 << (b - b'a'))
}

impl Vocabulary {
    /// The vocabulary of names given as (text, pinyin) pairs.
    ///
    /// Time O(total length of the names).
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Vocabulary {
        let mut counts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for (text, pinyin) in names {
            let mut words: Vec<String> = latin_words(text)
                .into_iter()
                .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
                .collect();
            if let Some(pinyin) = pinyin.filter(|p| p.split(' ').count() <= 4) {
                words.push(pinyin.replace(' ', ""));
            }
            words.sort();
            words.dedup();
            for word in words {
                *counts.entry(word).or_default() += 1;
            }
        }
        let mut words: Vec<(String, u32, u32)> = counts
            .into_iter()
            .map(|(word, count)| (letter_mask(&word), word, count))
            .map(|(mask, word, count)| (word, mask, count))
            .collect();
        words.sort();
        Vocabulary { words }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Up to `limit` words within [`TYPO_MAX_EDITS`] of `word` (lowercase), nearest first, then
    /// those in more names. Nothing for words shorter than [`TYPO_MIN_LETTERS`] or not made of
    /// letters.
    ///
    /// Time O(vocabulary size) for the letter filter, plus O(|word|²) for each word it lets through.
    pub fn closest(&self, word: &str, limit: usize) -> Vec<(&str, usize)> {
        let word = word.to_ascii_lowercase();
        if word.len() < TYPO_MIN_LETTERS || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        let mask = letter_mask(&word);
        let mut found: Vec<(usize, u32, &str)> = self
            .words
            .iter()
            // Each edit changes at most two letters of the set a word holds.
            .filter(|(w, m, _)| {
                w.len().abs_diff(word.len()) <= TYPO_MAX_EDITS && (m ^ mask).count_ones() as usize <= 2 * TYPO_MAX_EDITS
            })
            .filter_map(|(w, _, count)| edit_distance(&word, w, TYPO_MAX_EDITS).map(|d| (d, *count, w.as_str())))
            .filter(|(d, _, _)| *d > 0)
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        found.into_iter().take(limit).map(|(d, _, w)| (w, d)).collect()
    }
}

/// `word` written in the case of `typed`: "Changan" for a typed "Chanagn", "SERES" for "SEERS".
pub fn in_case_of(word: &str, typed: &str) -> String {
    let letters = || typed.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        word.to_uppercase()
    } else if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// The words of a query as full-text search reads them (runs of ASCII letters and digits, and
/// runs of Han characters), with their byte ranges, so that one word can be replaced.
pub fn query_words(query: &str) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (index, c) in query.char_indices() {
        let class = if c.is_ascii_alphanumeric() {
            Some(false)
        } else if is_han(c) {
            Some(true)
        } else {
            None
        };
        match (start, class) {
            (Some((_, han)), Some(now)) if han == now => {}
            (Some((begin, _)), _) => {
                words.push(begin..index);
                start = class.map(|han| (index, han));
            }
            (None, Some(han)) => start = Some((index, han)),
            (None, None) => {}
        }
    }
    if let Some((begin, _)) = start {
        words.push(begin..query.len());
    }
    words
}

/// A document number in the form under which its spellings compare equal: 渝府办发〔2024〕29号,
/// 渝府办发[2024]29号 and 渝府办发 (2024) 29 号 are one number. Brackets of every kind and spaces
/// are dropped, full-width digits and letters become ASCII, letters lowercase.
pub fn document_number_key(text: &str) -> String {
    const BRACKETS: &str = "[]()（）〔〕【】［］〖〗﹝﹞{}<>《》〈〉";
    text.chars()
        .filter(|c| !c.is_whitespace() && !BRACKETS.contains(*c))
        .map(|c| match c as u32 {
            // Full-width forms of ASCII.
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// How well `query` names the document numbered `number`: 1000 for the same number however
/// bracketed, 500 when the query is a part of it of four characters or more (the issuer's code
/// "渝府办发", or the year and serial "〔2024〕29号"), `None` otherwise.
pub fn document_number_score(query: &str, number: &str) -> Option<i64> {
    let q = document_number_key(query);
    let n = document_number_key(number);
    if q.is_empty() || n.is_empty() {
        return None;
    }
    if q == n {
        Some(1000)
    } else if q.chars().count() >= 4 && n.contains(&q) {
        Some(500)
    } else {
        None
    }
}

/// The "formulas" of a text: runs of numbers joined by "+" ("9+2+5+30", "1+10+1000"), spaces
/// around the "+" ignored. Systems are known by them.
fn formulas(text: &str) -> Vec<String> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = Vec::new();
    let mut run = String::new();
    for c in squeezed.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '+' && run.ends_with(|d: char| d.is_ascii_digit())) {
            run.push(c);
        } else {
            let formula = run.trim_end_matches('+');
            if formula.contains('+') {
                found.push(formula.to_string());
            }
            run.clear();
        }
    }
    found
}

/// How well `query` names a published system called `name`, higher is better, `None` for no
/// match. A query holding a formula matches the systems with the same formula ("9+2+5+30" is not
/// "9+3+5+30"); otherwise each Han run of the query must occur in the name and each Latin word
/// must begin one of the name's words, and the query must have two characters at least.
pub fn system_score(query: &str, name: &str) -> Option<i64> {
    let wanted = formulas(query);
    if !wanted.is_empty() {
        let known = formulas(name);
        return wanted.iter().all(|f| known.contains(f)).then_some(1000);
    }
    if normalise_name(query).chars().count() < 2 {
        return None;
    }
    let name_han: String = name.chars().filter(|c| is_han(*c)).collect();
    let name_words = latin_words(name);
    let all = query_words(query).into_iter().map(|range| &query[range]).all(|word| {
        if word.chars().next().is_some_and(is_han) {
            name_han.contains(word)
        } else {
            let word = word.to_ascii_lowercase();
            name_words.iter().any(|w| w.starts_with(&word))
        }
    });
    all.then(|| if normalise_name(name).contains(&normalise_name(query)) { 600 } else { 300 })
}

/// For a Chinese query that matched nothing: its readings as pinyin without spaces (the usual one,
/// then those with one character read otherwise), so that a name sounding the same can be offered
/// ("长按" for 长安). At most `limit`.
pub fn query_readings(query: &str, limit: usize) -> Vec<String> {
    let han: String = query.chars().filter(|c| is_han(*c)).collect();
    let mut readings: Vec<String> = Vec::new();
    for syllables in std::iter::once(syllables(&han)).chain(variant_syllables(&han)) {
        let reading = syllables.concat();
        if !reading.is_empty() && !readings.contains(&reading) {
            readings.push(reading);
        }
    }
    readings.truncate(limit);
    readings
}

/// The part of `name` that sounds like one of `readings` and has as many Han characters as the
/// query (`length`): "长安" in 重庆长安汽车 for the reading "changan". `None` when there is none.
pub fn sounding_part(name: &str, readings: &[String], length: usize) -> Option<String> {
    let han: Vec<char> = name.chars().filter(|c| is_han(*c)).collect();
    // Each character as it is read inside the name (长 in 长安 is "chang").
    let own = syllables(name);
    if length == 0 || han.len() < length || own.len() != han.len() {
        return None;
    }
    (0..=han.len() - length)
        .find(|&start| readings.contains(&own[start..start + length].concat()))
        .map(|start| han[start..start + length].iter().collect())
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

    #[test]
    fn edit_distance_counts_a_swap_of_neighbours_as_one_edit() {
        assert_eq!(edit_distance("seers", "seres", 2), Some(1));
        assert_eq!(edit_distance("chanagn", "changan", 2), Some(1));
        assert_eq!(edit_distance("chngann", "changan", 2), Some(2));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("same", "same", 0), Some(0));
        assert_eq!(edit_distance("", "abc", 2), None);
    }

    #[test]
    fn the_vocabulary_offers_the_nearest_words_of_the_names() {
        let vocabulary = Vocabulary::new([
            ("Changan Automobile", None),
            ("Changan Ford", None),
            ("Chang'an Crossing", None),
            ("Seres", None),
            ("赛力斯", Some("sai li si")),
            ("重庆长安汽车股份有限公司", Some("chong qing chang an qi che gu fen you xian gong si")),
        ]);
        assert_eq!(vocabulary.closest("Chanagn", 3), [("changan", 1), ("chang", 2)]);
        assert_eq!(vocabulary.closest("seers", 3), [("seres", 1)]);
        // Pinyin of short Chinese names only.
        assert_eq!(vocabulary.closest("sailsi", 3), [("sailisi", 1)]);
        // Too short to correct, or already a word.
        assert!(vocabulary.closest("sers", 3).is_empty());
        assert!(vocabulary.closest("seres", 3).is_empty());
    }

    #[test]
    fn a_correction_keeps_the_case_typed() {
        assert_eq!(in_case_of("changan", "Chanagn"), "Changan");
        assert_eq!(in_case_of("seres", "SEERS"), "SERES");
        assert_eq!(in_case_of("seres", "seers"), "seres");
    }

    #[test]
    fn document_numbers_compare_without_brackets() {
        let number = "渝府办发〔2024〕29号";
        for typed in
            ["渝府办发[2024]29号", "渝府办发(2024)29号", "渝府办发（２０２４）２９号", " 渝府办发 【2024】 29 号"]
        {
            assert_eq!(document_number_score(typed, number), Some(1000), "{typed}");
        }
        assert_eq!(document_number_score("[2024]29号", number), Some(500));
        assert_eq!(document_number_score("渝府办发[2024]2号", number), None);
        assert_eq!(document_number_score("29", number), None);
    }

    #[test]
    fn systems_are_known_by_their_formula_or_their_words() {
        let name = "“9+2+5+30”新能源汽车产业体系";
        assert_eq!(system_score("9+2+5+30", name), Some(1000));
        assert_eq!(system_score("9 + 2 + 5 + 30", name), Some(1000));
        assert_eq!(system_score("9+3+5+30", name), None);
        assert_eq!(system_score("2+5", name), None);
        assert!(system_score("产业体系", name).is_some());
        assert!(system_score("NEV industrial", "\"9+2+5+30\" NEV industrial system").is_some());
        assert_eq!(system_score("NEV battery", "\"9+2+5+30\" NEV industrial system"), None);
        assert_eq!(system_score("体", name), None);
    }

    #[test]
    fn a_chinese_slip_is_matched_by_its_sound() {
        let readings = query_readings("长按", 4);
        assert!(readings.contains(&"changan".to_string()), "{readings:?}");
        assert_eq!(sounding_part("重庆长安汽车股份有限公司", &readings, 2).as_deref(), Some("长安"));
        assert_eq!(sounding_part("赛力斯", &readings, 2), None);
    }
}
