fn main() {
    // Its one command, `ready`; the capability file grants just this.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["ready"])),
    )
    .unwrap_or_else(|error| panic!("tauri build script: {error:#}"));
}
