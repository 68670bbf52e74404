fn main() {
    // The app's own commands: `api`, `save_file`, `choose_edition` and `ready`; the capability file
    // grants just these.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
        "api",
        "save_file",
        "choose_edition",
        "ready",
    ])))
    .unwrap_or_else(|error| panic!("tauri build script: {error:#}"));
}
