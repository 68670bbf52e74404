//! The desktop shell's lock-down, read from its configuration files: the content security policy
//! allows the app's own origin only, the window may call only the atlas's `api` command, and no
//! plugin (shell, fs, http ...) is compiled in.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use serde_json::{Value, json};

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(atlas_tests::root().join(path)).unwrap()).unwrap()
}

#[test]
fn csp_allows_the_app_itself_and_tauri_ipc_only() {
    let config = read_json("src-tauri/tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(
        csp,
        &json!({
            "default-src": "'self'",
            "script-src": "'self'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": "'self' data: blob:",
            "font-src": "'self' data:",
            "connect-src": "ipc: http://ipc.localhost",
            "worker-src": "'self' blob:",
            "object-src": "'none'",
            "base-uri": "'none'",
            "frame-src": "'none'",
            "form-action": "'none'"
        })
    );
    assert_eq!(config["app"]["windows"][0]["title"], "NEV Atlas");
    assert_eq!(config["app"]["withGlobalTauri"], false);
}

#[test]
fn the_window_may_call_only_the_api_command() {
    let capabilities = std::fs::read_dir(atlas_tests::root().join("src-tauri/capabilities")).unwrap().count();
    assert_eq!(capabilities, 1, "one capability file");
    let capability = read_json("src-tauri/capabilities/default.json");
    assert_eq!(capability["permissions"], json!(["allow-api"]));
    assert_eq!(capability["windows"], json!(["main"]));
    assert!(capability.get("remote").is_none(), "no remote origin may call commands");
}

#[test]
fn no_tauri_plugin_is_compiled_in() {
    let manifest = std::fs::read_to_string(atlas_tests::root().join("src-tauri/Cargo.toml")).unwrap();
    assert!(!manifest.contains("tauri-plugin"), "the shell has no plugins (shell, fs, http, opener ...)");
    let source = std::fs::read_to_string(atlas_tests::root().join("src-tauri/src/main.rs")).unwrap();
    assert!(source.contains("on_navigation(|_, url| is_own_page(url))"), "navigation away from the app is refused");
    assert_eq!(source.matches("#[tauri::command]").count(), 1, "one command: api");
}
