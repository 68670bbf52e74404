fn main() {
    // Only the app's own `api` command exists, and the capability file grants just that.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["api"])),
    )
    .unwrap_or_else(|error| panic!("tauri build script: {error:#}"));
}
