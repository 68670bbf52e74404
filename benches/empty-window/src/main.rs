//! The baseline of `cargo xtask bench --app`: an empty Tauri 2 window with a one-line page. Its
//! page calls `ready` after its first frame, and `ready` records the moment exactly as the app's
//! shell does (src-tauri/src/ready.rs): once, and only when NEV_ATLAS_READY_FILE names where.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::atomic::{AtomicBool, Ordering};

static SIGNALLED: AtomicBool = AtomicBool::new(false);

/// The page has drawn its first frame: writes a line to NEV_ATLAS_READY_FILE, once, on a thread of
/// its own (the file may be a FIFO whose reader is not there yet).
#[tauri::command]
fn ready() {
    let Some(path) = std::env::var_os("NEV_ATLAS_READY_FILE") else { return };
    if SIGNALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(move || {
        if let Err(error) = std::fs::write(&path, "ready\n") {
            eprintln!("empty window: could not write the ready mark: {error}");
        }
    });
}

fn main() {
    if let Err(error) =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![ready]).run(tauri::generate_context!())
    {
        eprintln!("empty window: {error}");
        std::process::exit(1);
    }
}
