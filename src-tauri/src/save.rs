//! Saving an export where the user chooses (and the title of the open dialog for an edition). The Rust side opens the native save dialog and writes the
//! file; the web view has no file-system or dialog permission of its own.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::Path;

use atlas_api::ApiError;
use base64::Engine as _;

/// The name offered in the save dialog: the UI's name without folders or characters that are not
/// allowed in file names, never empty and never hidden.
pub fn offered_name(name: &str) -> String {
    let cleaned: String =
        name.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() { "export".to_string() } else { cleaned.chars().take(200).collect() }
}

/// A dialog's title as the UI sent it: one line, at most 100 characters, never empty.
pub fn dialog_title(title: &str) -> String {
    let line: String = title.chars().filter(|c| !c.is_control()).take(100).collect();
    let line = line.trim();
    if line.is_empty() { "NEV Atlas".to_string() } else { line.to_string() }
}

/// The file's bytes, sent by the UI as standard base64.
pub fn decode(bytes_base64: &str) -> Result<Vec<u8>, ApiError> {
    base64::engine::general_purpose::STANDARD
        .decode(bytes_base64)
        .map_err(|e| ApiError::invalid_argument(format!("the file's bytes are not base64: {e}")))
}

/// Writes `bytes` to `path` whole or not at all: into a hidden file beside it first, flushed to
/// disk, then renamed over it, so a full disk never leaves half a file where the user looks.
pub fn write_export(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{} names no file", path.display())))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let written = File::create(&partial)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        // Best effort: the error that matters is the write's.
        let _ = std::fs::remove_file(&partial);
    }
    written
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

    use super::*;

    #[test]
    fn the_file_holds_exactly_the_bytes_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("长安 suppliers.csv");
        let bytes = "\u{feff}名称,kind\r\n长安汽车,vehicle maker\r\n".as_bytes();
        write_export(&path, bytes).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("长安 suppliers.csv")]);
    }

    #[test]
    fn an_existing_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.svg");
        std::fs::write(&path, vec![b'x'; 10_000]).unwrap();
        write_export(&path, b"<svg/>").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<svg/>");
    }

    #[test]
    fn a_failed_write_leaves_no_file_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no such folder").join("brief.html");
        let error = write_export(&path, b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(!path.exists());
        let error = write_export(dir.path().join("..").as_path(), b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn bytes_arrive_as_base64_and_anything_else_is_an_invalid_argument() {
        assert_eq!(decode("iVBORw0KGgo=").unwrap(), b"\x89PNG\r\n\x1a\n");
        assert_eq!(decode("").unwrap(), b"");
        let error = decode("not base64!").unwrap_err();
        assert_eq!(serde_json::to_value(&error).unwrap()["code"], "invalid_argument");
    }

    #[test]
    fn a_dialog_title_is_one_short_line_and_never_empty() {
        assert_eq!(dialog_title("选择数据版本文件"), "选择数据版本文件");
        assert_eq!(dialog_title("Choose\nan edition"), "Choosean edition");
        assert_eq!(dialog_title(" \t "), "NEV Atlas");
        assert_eq!(dialog_title(&"长".repeat(300)).chars().count(), 100);
    }

    #[test]
    fn the_offered_name_has_no_folders_and_is_never_empty_or_hidden() {
        assert_eq!(offered_name("宁德时代 供应商.xlsx"), "宁德时代 供应商.xlsx");
        assert_eq!(offered_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(offered_name("a\\b:c*?\"<>|.csv"), "a_b_c______.csv");
        assert_eq!(offered_name(".hidden.csv"), "hidden.csv");
        assert_eq!(offered_name("  "), "export");
        assert_eq!(offered_name("line\nbreak.png"), "line_break.png");
        assert_eq!(offered_name(&"长".repeat(300)).chars().count(), 200);
    }
}
