//! The NEV Atlas desktop window: opens the edition, shows the UI, and answers its `api` command
//! through atlas-api, its `save_file` command through the native save dialog and its
//! `choose_edition` command through the native open dialog, and its `ready` command (the UI's
//! first frame with the search box, for `cargo xtask bench --app`). Navigation to
//! anything but the app's own pages, and every new window, is refused.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod guard;
mod ready;
mod save;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use atlas_api::{ApiError, AppState};
use serde_json::Value;
use tauri::Manager;
use tauri::webview::NewWindowResponse;
use tauri_plugin_dialog::DialogExt as _;

use crate::guard::is_own_page;

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

/// Saves an export: asks where with the native save dialog (offering `name`), then writes the
/// file. Answers the path written, or null when the user cancelled.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(window, bytes_base64), err)]
async fn save_file(window: tauri::Window, name: String, bytes_base64: String) -> Result<Option<String>, ApiError> {
    let bytes = save::decode(&bytes_base64)?;
    let mut dialog = window.dialog().file().set_parent(&window).set_file_name(save::offered_name(&name));
    // Where a browser would put it: the user's Downloads folder, when there is one.
    if let Some(downloads) = window.path().download_dir().ok().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(downloads);
    }
    // The dialog blocks until the user answers, so it must not run on the window's own thread.
    tauri::async_runtime::spawn_blocking(move || {
        let Some(chosen) = dialog.blocking_save_file() else { return Ok(None) };
        let path = chosen
            .into_path()
            .map_err(|e| ApiError::invalid_argument(format!("the save dialog gave no file path: {e}")))?;
        save::write_export(&path, &bytes)
            .map_err(|e| ApiError::invalid_argument(format!("could not save {}: {e}", path.display())))?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .unwrap_or_else(|failed| Err(ApiError::internal(&anyhow::anyhow!("the save task failed: {failed}"))))
}

/// Asks for an edition file with the native open dialog (titled `title`, in the UI's language),
/// for `edition_diff` or `open_edition`. Answers the path chosen, or null when the user cancelled.
#[tauri::command]
#[tracing::instrument(skip(window), err)]
async fn choose_edition(window: tauri::Window, title: String) -> Result<Option<String>, ApiError> {
    let dialog = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title(save::dialog_title(&title))
        .add_filter("NEV Atlas edition (.sqlite)", &["sqlite"]);
    // The dialog blocks until the user answers, so it must not run on the window's own thread.
    tauri::async_runtime::spawn_blocking(move || {
        let Some(chosen) = dialog.blocking_pick_file() else { return Ok(None) };
        let path = chosen
            .into_path()
            .map_err(|e| ApiError::invalid_argument(format!("the open dialog gave no file path: {e}")))?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .unwrap_or_else(|failed| Err(ApiError::internal(&anyhow::anyhow!("the open dialog task failed: {failed}"))))
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
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let path = edition_path(app);
            let workspace = atlas_workspace::default_path()?;
            let state = AppState::open(&path, &workspace).with_context(|| {
                format!("opening the edition {} with your workspace {}", path.display(), workspace.display())
            })?;
            // The edition the user opened from the app last time, unless this start brings
            // another one (see `AppState::reopen_chosen_edition`); a failure leaves the one above.
            match state.reopen_chosen_edition() {
                Ok(Some(chosen)) => tracing::info!(path = %chosen.display(), "opened the edition chosen before"),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "cannot open the edition chosen before"),
            }
            app.manage(Arc::new(state));
            // The window is configured with `"create": false` and built here, so that it refuses
            // every new window (window.open, target=_blank); the guard above refuses navigation.
            for config in app.config().app.windows.iter().filter(|w| !w.create) {
                tauri::WebviewWindowBuilder::from_config(app, config)?
                    .on_new_window(|url, _| {
                        tracing::warn!(%url, "refused a new window");
                        NewWindowResponse::Deny
                    })
                    .build()?;
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![api, save_file, choose_edition, ready::ready])
        .run(tauri::generate_context!())
        .context("running the NEV Atlas window")
}
