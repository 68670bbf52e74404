//! From files to rows: finding a table's files, checking their encoding and header, and handing
//! each record to its table as a [`Row`] that reports problems at their line and column.

use std::path::{Path, PathBuf};

use super::fields::{is_date, is_id, is_url};
use super::{Origin, Problem};
use crate::model::Confidence;

/// The columns that may follow `note` at the end of a table: the reader's note in Chinese, and a
/// note for maintainers that is never shown nor written to the edition. A file has both or neither.
pub(super) const NOTE_COLUMNS: &[&str] = &["note_zh", "maintainer_note"];

/// Reads the tables of one dataset folder, collecting every problem met on the way.
pub(super) struct Reader {
    dir: PathBuf,
    pub(super) problems: Vec<Problem>,
}

/// One CSV record with the means to parse its fields and report problems at their position.
pub(super) struct Row<'a> {
    file: &'a str,
    line: u64,
    columns: &'a [&'a str],
    record: csv::StringRecord,
    problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    pub(super) fn origin(&self) -> Origin {
        Origin { file: self.file.to_string(), line: self.line }
    }

    pub(super) fn problem(&mut self, column: &str, message: String) {
        let index = self.columns.iter().position(|c| *c == column).map_or(0, |i| i as u64 + 1);
        self.problems.push(Problem { file: self.file.to_string(), line: self.line, column: index, message });
    }

    pub(super) fn text(&self, column: &str) -> String {
        let index = self.columns.iter().position(|c| *c == column);
        index.and_then(|i| self.record.get(i)).map(str::trim).unwrap_or_default().to_string()
    }

    pub(super) fn optional(&self, column: &str) -> Option<String> {
        Some(self.text(column)).filter(|t| !t.is_empty())
    }

    pub(super) fn required(&mut self, column: &str) -> String {
        let text = self.text(column);
        if text.is_empty() {
            self.problem(column, format!("empty {column}, expected a value"));
        }
        text
    }

    pub(super) fn id(&mut self, column: &str) -> String {
        let text = self.required(column);
        if !text.is_empty() && !is_id(&text) {
            self.problem(
                column,
                format!("id {text:?} is malformed, expected lower-case ASCII letters, digits and hyphens"),
            );
        }
        text
    }

    pub(super) fn list(&self, column: &str) -> Vec<String> {
        self.text(column).split(';').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
    }

    pub(super) fn sources(&mut self) -> Vec<String> {
        let sources = self.list("sources");
        if sources.is_empty() {
            self.problem("sources", "no source, expected at least one source id".to_string());
        }
        sources
    }

    pub(super) fn parse<T: std::str::FromStr<Err = String>>(&mut self, column: &str) -> Option<T> {
        let text = self.required(column);
        if text.is_empty() {
            return None;
        }
        match text.parse() {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(column, message);
                None
            }
        }
    }

    pub(super) fn confidence(&mut self) -> Confidence {
        match self.optional("confidence") {
            None => Confidence::Confirmed,
            Some(text) => text.parse().unwrap_or_else(|message| {
                self.problem("confidence", message);
                Confidence::Confirmed
            }),
        }
    }

    pub(super) fn date(&mut self, column: &str) -> Option<String> {
        let text = self.optional(column)?;
        if !is_date(&text) {
            self.problem(
                column,
                format!("date {text:?} is malformed, expected a date that exists, as YYYY, YYYY-MM or YYYY-MM-DD"),
            );
        }
        Some(text)
    }

    pub(super) fn number<T: std::str::FromStr>(&mut self, column: &str) -> Option<T> {
        let text = self.optional(column)?;
        match text.parse() {
            Ok(value) => Some(value),
            Err(_) => {
                self.problem(column, format!("{text:?} is not a number, expected a plain number such as 42 or 12.5"));
                None
            }
        }
    }

    /// A number that is finite: NaN, inf and numbers too large for a float (1e309) are refused.
    pub(super) fn decimal(&mut self, column: &str) -> Option<f64> {
        let value: f64 = self.number(column)?;
        if value.is_finite() {
            Some(value)
        } else {
            let text = self.text(column);
            self.problem(
                column,
                format!("{text:?} is not a finite number, expected a plain number such as 42 or 12.5"),
            );
            None
        }
    }

    pub(super) fn url(&mut self, column: &str) -> Option<String> {
        let text = self.optional(column)?;
        if !is_url(&text) {
            self.problem(column, format!("URL {text:?} is malformed, expected http:// or https:// followed by a host"));
        }
        Some(text)
    }
}

impl Reader {
    pub(super) fn new(dir: &Path) -> Reader {
        Reader { dir: dir.to_path_buf(), problems: Vec::new() }
    }

    /// Reads one table: a single file, or every `*.csv` in a folder in file-name order.
    pub(super) fn read_table(
        &mut self,
        name: &str,
        columns: &[&str],
        required: bool,
        mut each: impl FnMut(&mut Row<'_>),
    ) {
        let path = self.dir.join(name);
        let files = match std::fs::symlink_metadata(&path) {
            Err(_) => {
                if required {
                    self.file_problem(name, "missing, expected this file or folder".to_string());
                }
                return;
            }
            Ok(meta) if meta.is_dir() => match std::fs::read_dir(&path) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
                        .collect();
                    files.sort();
                    files
                }
                Err(error) => {
                    self.file_problem(name, format!("cannot read folder: {error}"));
                    return;
                }
            },
            Ok(_) => vec![path],
        };
        for file in files {
            let relative = file.strip_prefix(&self.dir).unwrap_or(&file).to_string_lossy().replace('\\', "/");
            if let Err(message) = regular_file(&file) {
                self.file_problem(&relative, message);
                continue;
            }
            self.read_file(&file, &relative, columns, &mut each);
        }
    }

    /// The text of a file that is not a table (such as statistics/METRICS.md), or `None` when there
    /// is no such file; anything but a regular UTF-8 file is a problem.
    pub(super) fn read_text(&mut self, name: &str) -> Option<String> {
        let path = self.dir.join(name);
        std::fs::symlink_metadata(&path).ok()?;
        if let Err(message) = regular_file(&path) {
            self.file_problem(name, message);
            return None;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(error) => {
                self.file_problem(name, format!("cannot read file: {error}"));
                None
            }
        }
    }

    fn file_problem(&mut self, file: &str, message: String) {
        self.problems.push(Problem { file: file.to_string(), line: 0, column: 0, message });
    }

    fn read_file(&mut self, path: &Path, relative: &str, columns: &[&str], each: &mut impl FnMut(&mut Row<'_>)) {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => return self.file_problem(relative, format!("cannot read file: {error}")),
        };
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.problems.push(Problem {
                file: relative.to_string(),
                line: 1,
                column: 1,
                message: "file starts with a byte-order mark, expected UTF-8 without BOM".to_string(),
            });
            return;
        }
        let lines = Lines::new(&bytes);
        if let Err(error) = std::str::from_utf8(&bytes) {
            let line = lines.line(error.valid_up_to());
            let column = lines.column(error.valid_up_to());
            self.problems.push(Problem {
                file: relative.to_string(),
                line,
                column,
                message: "invalid UTF-8 (a GBK or Latin-1 file?), expected UTF-8 text".to_string(),
            });
            return;
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes.as_slice());
        // A table with a `note` column may end with both note columns of NOTE_COLUMNS, or neither.
        let with_notes: Vec<&str> = columns.iter().chain(NOTE_COLUMNS).copied().collect();
        let columns: &[&str] = match reader.headers() {
            Ok(header) => {
                let found: Vec<&str> = header.iter().map(str::trim).collect();
                if found == columns {
                    columns
                } else if columns.contains(&"note") && found == with_notes {
                    &with_notes
                } else {
                    let column =
                        found.iter().zip(columns).position(|(a, b)| a != b).unwrap_or(found.len().min(columns.len()))
                            as u64
                            + 1;
                    let optional = if columns.contains(&"note") {
                        format!(" (or that followed by {})", NOTE_COLUMNS.join(","))
                    } else {
                        String::new()
                    };
                    self.problems.push(Problem {
                        file: relative.to_string(),
                        line: 1,
                        column,
                        message: format!("header is {}, expected {}{optional}", found.join(","), columns.join(",")),
                    });
                    return;
                }
            }
            Err(error) => {
                return self.file_problem(relative, format!("cannot read header: {error}"));
            }
        };
        for result in reader.records() {
            match result {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| lines.record_line(&bytes, p.byte() as usize));
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    if record.len() != columns.len() {
                        self.problems.push(Problem {
                            file: relative.to_string(),
                            line,
                            column: record.len().min(columns.len()) as u64 + 1,
                            message: format!("{} fields, expected {}", record.len(), columns.len()),
                        });
                        continue;
                    }
                    let mut row = Row { file: relative, line, columns, record, problems: &mut self.problems };
                    each(&mut row);
                }
                Err(error) => {
                    let line = error.position().map_or(0, |p| lines.record_line(&bytes, p.byte() as usize));
                    self.problems.push(Problem {
                        file: relative.to_string(),
                        line,
                        column: 0,
                        message: format!("malformed CSV: {error}"),
                    });
                }
            }
        }
    }
}

/// Refuses anything but a regular file: a symbolic link is not followed (nor is its target read),
/// and a FIFO, socket or device would block or mislead the reader.
fn regular_file(path: &Path) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|error| format!("cannot read file: {error}"))?;
    if meta.file_type().is_symlink() {
        Err("is a symbolic link, expected a regular file (links are not followed)".to_string())
    } else if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err("is a folder, expected a regular file".to_string())
    } else {
        Err("is not a regular file (a FIFO, socket or device), expected a regular file".to_string())
    }
}

/// Where the lines of a file begin. A line ends at LF, CRLF or a lone CR, as a spreadsheet or an
/// old Mac editor may write; the CSV reader's own count knows only LF.
struct Lines {
    /// Byte offset of the start of each line after the first.
    starts: Vec<usize>,
}

impl Lines {
    fn new(bytes: &[u8]) -> Lines {
        let mut starts = Vec::new();
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { starts }
    }

    /// The line of a record that the CSV reader says starts at byte `offset`: it may point at the
    /// line end before the record (the LF of a CRLF), which is skipped.
    fn record_line(&self, bytes: &[u8], offset: usize) -> u64 {
        let skipped = bytes.get(offset..).unwrap_or_default().iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        self.line(offset + skipped)
    }

    /// The line (1 is the first) holding byte `offset`.
    fn line(&self, offset: usize) -> u64 {
        self.starts.partition_point(|start| *start <= offset) as u64 + 1
    }

    /// The column (1 is the first byte of its line) of byte `offset`.
    fn column(&self, offset: usize) -> u64 {
        let start = self.starts.partition_point(|start| *start <= offset).checked_sub(1).map_or(0, |i| self.starts[i]);
        (offset - start) as u64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn lines_end_at_lf_crlf_or_a_lone_cr() {
        for text in ["a\nbc\nd", "a\r\nbc\r\nd", "a\rbc\rd"] {
            let lines = Lines::new(text.as_bytes());
            let d = text.find('d').unwrap_or_default();
            let c = text.find('c').unwrap_or_default();
            assert_eq!((lines.line(0), lines.line(c), lines.line(d)), (1, 2, 3), "{text:?}");
            assert_eq!((lines.column(0), lines.column(c), lines.column(d)), (1, 2, 1), "{text:?}");
        }
    }
}
