//! Which pages the window may show: only the app's own, compared by whole origin (scheme, host and
//! port), never by host alone.

use tauri::Url;

/// An origin as the web defines it: scheme, host and port (the scheme's default when none is given).
type Origin<'a> = (&'a str, &'a str, Option<u16>);

/// Where Tauri serves the app's own pages on this platform: `tauri://localhost`, except on Windows
/// and Android, whose web views cannot load custom schemes and get `http://tauri.localhost` instead
/// (we leave `useHttpsScheme` off). No dev server is configured, so debug builds load the same.
const OWN_ORIGINS: &[Origin<'static>] = if cfg!(any(windows, target_os = "android")) {
    &[("http", "tauri.localhost", Some(80))]
} else {
    &[("tauri", "localhost", None)]
};

/// True when `url` is one of the app's own pages; any other scheme, host or port is refused.
pub fn is_own_page(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let origin: Origin<'_> = (url.scheme(), host, url.port_or_known_default());
    OWN_ORIGINS.contains(&origin)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test stops at the first surprise")]

    use super::*;

    fn own(url: &str) -> bool {
        is_own_page(&Url::parse(url).unwrap())
    }

    #[test]
    fn the_apps_own_origin_passes_with_any_path_query_or_fragment() {
        if cfg!(any(windows, target_os = "android")) {
            assert!(own("http://tauri.localhost/"));
            assert!(own("http://tauri.localhost:80/index.html#/entity/catl"));
            assert!(!own("tauri://localhost/"));
        } else {
            assert!(own("tauri://localhost"));
            assert!(own("tauri://localhost/index.html?x=1#/entity/catl"));
            // What Windows uses is a different origin here.
            assert!(!own("http://tauri.localhost/"));
            assert!(!own("http://tauri.localhost:80/"));
        }
    }

    #[test]
    fn another_scheme_host_or_port_is_refused() {
        for url in [
            "http://tauri.localhost:8080/",
            "https://tauri.localhost/",
            "tauri://evil/",
            "tauri://localhost.evil.com/",
            "tauri://localhost:8080/",
            "https://example.com/",
            "http://localhost/",
            "http://localhost:5173/",
            "file:///etc/passwd",
            "about:blank",
            "data:text/html,<h1>hi</h1>",
            "javascript:alert(1)",
        ] {
            assert!(!own(url), "{url} must be refused");
        }
    }
}
