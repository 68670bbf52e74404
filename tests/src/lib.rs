//! Helpers shared by the cross-crate tests: paths to fixtures and editions built from them.

use std::path::{Path, PathBuf};

use atlas_core::Atlas;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A fixture dataset folder under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Builds the edition of `dataset` into a temporary folder and opens it. The folder lives as long
/// as the returned guard.
pub fn open_edition(dataset: &Path) -> anyhow::Result<(tempfile::TempDir, Atlas)> {
    let data = atlas_core::dataset::load(dataset).map_err(|problems| {
        anyhow::anyhow!("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
    })?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("edition.sqlite");
    atlas_core::store::build_edition(&data, &path, "test", "2026-11-29")?;
    let atlas = Atlas::open(&path)?;
    Ok((dir, atlas))
}
