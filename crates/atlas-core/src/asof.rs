//! "As of a year": which links stood in a given year, read from their `since` and `until`.
//!
//! The rule, in whole years because data/ dates links to a year, a month or a day (`2021`,
//! `2021-05`, `2024-08-20`):
//! - a link counts at year Y when `since` is empty or lies on or before the end of Y (its year is
//!   at most Y), and `until` is empty or lies on or after the start of Y (its year is at least Y);
//! - so a stake that changed during Y counts with both its old and its new figure in Y: each
//!   stood for part of the year;
//! - a link with neither date counts in every year. It is *undated*: an answer as of a year
//!   counts the undated links it kept, so that the reader sees how much of it rests on links
//!   whose time is unknown;
//! - a date whose year cannot be read (never in an edition: `nev-atlas check` and the workspace
//!   both refuse it) is treated as absent.
//!
//! Pure functions, no I/O; the graph keeps each link's years ([`Span`]) so walks can ask.

/// The years a link stood, read from its `since` and `until`; `None` where the date is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub since: Option<i32>,
    pub until: Option<i32>,
}

/// Whether a link that stood in a year did so by its dates or only because it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Its dates place it in the year.
    Dated,
    /// It has no dates at all, so it counts in every year.
    Undated,
}

/// The year of a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` when it does not start with one.
pub fn year_of(date: &str) -> Option<i32> {
    let year = date.get(..4)?;
    let rest = &date[4..];
    (year.bytes().all(|b| b.is_ascii_digit()) && (rest.is_empty() || rest.starts_with('-')))
        .then(|| year.parse().ok())
        .flatten()
}

impl Span {
    /// The span of a link dated `since` and `until` (empty or blank dates are absent).
    pub fn of(since: Option<&str>, until: Option<&str>) -> Span {
        let year = |d: Option<&str>| d.map(str::trim).filter(|d| !d.is_empty()).and_then(year_of);
        Span { since: year(since), until: year(until) }
    }

    /// True when the link has neither date.
    pub fn is_undated(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// How the link stood in `year`, or `None` when it did not stand then. O(1).
    pub fn at(&self, year: i32) -> Option<Standing> {
        if self.is_undated() {
            return Some(Standing::Undated);
        }
        let began = self.since.is_none_or(|since| since <= year);
        let lasted = self.until.is_none_or(|until| until >= year);
        (began && lasted).then_some(Standing::Dated)
    }
}

/// How a link dated `since` and `until` stood in `year`; `None` when it did not stand then.
pub fn standing(since: Option<&str>, until: Option<&str>, year: i32) -> Option<Standing> {
    Span::of(since, until).at(year)
}

/// Keeps the items that stood in `year` (read with `dates`) and returns how many of those kept
/// are undated. Order is kept.
pub fn keep_standing<T>(items: &mut Vec<T>, year: i32, dates: impl Fn(&T) -> (Option<&str>, Option<&str>)) -> usize {
    let mut undated = 0;
    items.retain(|item| {
        let (since, until) = dates(item);
        match standing(since, until, year) {
            Some(Standing::Undated) => {
                undated += 1;
                true
            }
            Some(Standing::Dated) => true,
            None => false,
        }
    });
    undated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_dates_of_each_precision() {
        assert_eq!(year_of("2021"), Some(2021));
        assert_eq!(year_of("2021-05"), Some(2021));
        assert_eq!(year_of("2024-08-20"), Some(2024));
        assert_eq!(year_of("21-05"), None);
        assert_eq!(year_of("20211"), None);
        assert_eq!(year_of("abcd"), None);
        assert_eq!(year_of(""), None);
        assert_eq!(year_of("二〇二一"), None);
    }

    #[test]
    fn since_within_the_year_counts_in_it_not_before() {
        for since in ["2023", "2023-01", "2023-12", "2023-12-31"] {
            assert_eq!(standing(Some(since), None, 2023), Some(Standing::Dated), "{since}");
            assert_eq!(standing(Some(since), None, 2022), None, "{since}");
            assert_eq!(standing(Some(since), None, 2030), Some(Standing::Dated), "{since}");
        }
    }

    #[test]
    fn until_within_the_year_counts_in_it_not_after() {
        for until in ["2023", "2023-01", "2023-01-01", "2023-11"] {
            assert_eq!(standing(None, Some(until), 2023), Some(Standing::Dated), "{until}");
            assert_eq!(standing(None, Some(until), 2024), None, "{until}");
            assert_eq!(standing(None, Some(until), 1990), Some(Standing::Dated), "{until}");
        }
    }

    #[test]
    fn until_before_the_year_and_since_after_it_leave_it_out() {
        assert_eq!(standing(Some("2018"), Some("2021-05"), 2022), None);
        assert_eq!(standing(Some("2021-11"), Some("2023"), 2020), None);
        // A stake that changed in 2021: the old and the new figure both stood that year.
        assert_eq!(standing(Some("2018"), Some("2021-05"), 2021), Some(Standing::Dated));
        assert_eq!(standing(Some("2021-05"), Some("2021-11"), 2021), Some(Standing::Dated));
        assert_eq!(standing(Some("2021-11"), None, 2021), Some(Standing::Dated));
        assert_eq!(standing(Some("2018"), Some("2021-05"), 2018), Some(Standing::Dated));
    }

    #[test]
    fn undated_links_count_in_every_year_and_say_so() {
        for year in [1800, 2018, 2025, 2100] {
            assert_eq!(standing(None, None, year), Some(Standing::Undated));
            assert_eq!(standing(Some(""), Some(" "), year), Some(Standing::Undated));
        }
        // One date is enough to be dated.
        assert_eq!(standing(Some("2020"), None, 2025), Some(Standing::Dated));
        assert!(Span::of(None, Some("2020")).at(2025).is_none());
    }

    #[test]
    fn keep_standing_filters_in_order_and_counts_the_undated() {
        let mut links = vec![
            ("old", Some("2018"), Some("2021-05")),
            ("undated", None, None),
            ("new", Some("2024-12"), None),
            ("also undated", None, None),
        ];
        let mut early = links.clone();
        assert_eq!(keep_standing(&mut early, 2019, |l| (l.1, l.2)), 2);
        assert_eq!(early.iter().map(|l| l.0).collect::<Vec<_>>(), ["old", "undated", "also undated"]);
        assert_eq!(keep_standing(&mut links, 2025, |l| (l.1, l.2)), 2);
        assert_eq!(links.iter().map(|l| l.0).collect::<Vec<_>>(), ["undated", "new", "also undated"]);
    }
}
