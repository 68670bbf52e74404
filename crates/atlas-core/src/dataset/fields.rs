//! The forms of single fields: ids, dates, periods and URLs.

/// Lower-case ASCII letters, digits and hyphens, starting with a letter or digit.
pub fn is_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) && s.parse().is_ok_and(|n| range.contains(&n))
    };
    match parts.as_slice() {
        [y] => number(y, 4, 1800..=2100),
        [y, m] => number(y, 4, 1800..=2100) && number(m, 2, 1..=12),
        [y, m, d] => number(y, 4, 1800..=2100) && number(m, 2, 1..=12) && number(d, 2, 1..=31),
        _ => false,
    }
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
