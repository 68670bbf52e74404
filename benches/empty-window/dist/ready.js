// After the first frame that shows the page, tell the shell once (as the app does when its search box is painted).
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("ready")));
