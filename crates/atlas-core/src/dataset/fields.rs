//! The forms of single fields: ids, dates, periods and URLs.

/// Lower-case ASCII letters, digits and hyphens, starting with a letter or digit.
pub fn is_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a date that exists (no 2023-02-30), years 1800 to 2100.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|n| range.contains(n))
    };
    let year = |y: &str| number(y, 4, 1800..=2100);
    match parts.as_slice() {
        [y] => year(y).is_some(),
        [y, m] => year(y).is_some() && number(m, 2, 1..=12).is_some(),
        [y, m, d] => match (year(y), number(m, 2, 1..=12)) {
            (Some(y), Some(m)) => number(d, 2, 1..=days_in_month(y, m)).is_some(),
            _ => false,
        },
        _ => false,
    }
}

/// Days in month `month` (1 to 12) of `year`, in the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// True when date `later` certainly lies before date `earlier`, two well-formed dates of any
/// precision: they are compared on the precision they share, so `2023` is not before `2023-05`
/// (the stake may have ended in December) but `2022-12` is before `2023`.
pub fn is_before(later: &str, earlier: &str) -> bool {
    let shared = later.len().min(earlier.len());
    later[..shared] < earlier[..shared]
}

/// A statistic's period: a date, a quarter, a half year or a cumulative range of months.
pub fn is_period(text: &str) -> bool {
    if let Some((from, to)) = text.split_once('/') {
        return is_date(from) && is_date(to) && from <= to;
    }
    if let Some((year, part)) = text.split_once('-') {
        let quarter = part.len() == 2
            && (part.starts_with('Q') && ('1'..='4').contains(&part.chars().nth(1).unwrap_or('0'))
                || part.starts_with('H') && ('1'..='2').contains(&part.chars().nth(1).unwrap_or('0')));
        if quarter {
            return is_date(year);
        }
    }
    is_date(text)
}

/// An absolute http(s) URL with a host and no spaces.
pub fn is_url(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")) else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // A domain has a dot; localhost, an IP address or a host with a port are accepted as they are.
    let host_ok = host.contains('.')
        || host.starts_with("localhost")
        || host.parse::<std::net::IpAddr>().is_ok()
        || host.contains(':');
    host_ok && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dates_that_exist_are_dates() {
        for good in ["2023", "2023-02", "2023-02-28", "2024-02-29", "2000-02-29", "2023-12-31", "2023-04-30"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2023-02-30",
            "2023-04-31",
            "2023-13",
            "2023-00",
            "2023-01-00",
            "23-01-01",
            "2023-1-1",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn dates_compare_on_the_precision_they_share() {
        assert!(is_before("2022", "2023"));
        assert!(is_before("2022-12", "2023"));
        assert!(is_before("2023-04-30", "2023-05"));
        assert!(!is_before("2023", "2023-05"));
        assert!(!is_before("2023-05-01", "2023-05"));
        assert!(!is_before("2023-05", "2023-05"));
        assert!(!is_before("2024", "2023-05-31"));
    }
}
