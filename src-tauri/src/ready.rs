//! The ready mark seen from outside the window: the UI calls `ready` once, after the first frame
//! that shows its search box (ui/src/app.ts), and when NEV_ATLAS_READY_FILE is set the shell writes
//! a line there. `cargo xtask bench --app` makes that file a FIFO and times a start from launching
//! the binary to that line, with no WebDriver in between; the empty window it is compared with
//! (benches/empty-window) answers the same way. Without the variable the command does nothing, and
//! the page cannot choose the path.

use std::sync::atomic::{AtomicBool, Ordering};

static SIGNALLED: AtomicBool = AtomicBool::new(false);

/// The UI's first frame with its search box has been drawn: writes a line to
/// NEV_ATLAS_READY_FILE, once, on a thread of its own (a FIFO blocks until its reader opens it).
#[tauri::command]
pub fn ready() {
    let Some(path) = std::env::var_os("NEV_ATLAS_READY_FILE") else { return };
    if SIGNALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(move || {
        if let Err(error) = std::fs::write(&path, "ready\n") {
            tracing::warn!(%error, "could not write the ready mark");
        }
    });
}
