//! The NEV Atlas desktop window: opens the edition, shows the UI, and answers its one `api`
//! command through atlas-api. Navigation to anything but the app's own pages is refused.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use atlas_api::{ApiError, AppState};
use serde_json::Value;
use tauri::Manager;

/// The one command: runs `command` of the atlas's command list with `args`, on a worker thread so
/// that a long analysis never blocks the window.
#[tauri::command]
#[tracing::instrument(skip(state, args), err)]
async fn api(state: tauri::State<'_, Arc<AppState>>, command: String, args: Value) -> Result<Value, ApiError> {
    tauri::async_runtime::spawn_blocking({
        let state = Arc::clone(&state);
        move || atlas_api::dispatch_state(&state, &command, args)
    })
    .await
    .unwrap_or_else(|failed| Err(ApiError::internal(&anyhow::anyhow!("a command task failed: {failed}"))))
}

/// The edition to open: NEV_ATLAS_EDITION, else `edition.sqlite` among the app's resources, else
/// `target/nev-atlas.sqlite` under the current folder (as `cargo xtask run` builds it).
fn edition_path(app: &tauri::App) -> PathBuf {
    if let Some(path) = std::env::var_os("NEV_ATLAS_EDITION") {
        return PathBuf::from(path);
    }
    app.path()
        .resource_dir()
        .ok()
        .map(|d| d.join("edition.sqlite"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("target/nev-atlas.sqlite"))
}

fn is_own_page(url: &tauri::Url) -> bool {
    matches!(url.scheme(), "tauri")
        || url.host_str() == Some("tauri.localhost")
        || (cfg!(debug_assertions) && url.host_str() == Some("localhost"))
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("NEV_ATLAS_LOG").unwrap_or_else(|_| "warn".into()))
        .init();
    tauri::Builder::default()
        .plugin(
            tauri::plugin::Builder::<tauri::Wry, ()>::new("navigation-guard")
                .on_navigation(|_, url| is_own_page(url))
                .build(),
        )
        .setup(|app| {
            let path = edition_path(app);
            let workspace = atlas_workspace::default_path()?;
            let state = AppState::open(&path, &workspace).with_context(|| {
                format!(
                    "opening the edition {} (build it with `cargo xtask run`) with your workspace {}",
                    path.display(),
                    workspace.display()
                )
            })?;
            app.manage(Arc::new(state));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![api])
        .run(tauri::generate_context!())
        .context("running the NEV Atlas window")
}
