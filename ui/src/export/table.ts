/**
 * Tables for export. Pure: a table is a title, column names and rows of text or numbers. CSV is
 * written as UTF-8 with a byte-order mark (what Excel and WPS need to read Chinese), RFC 4180
 * quoting, CRLF line ends. XLSX comes from the Rust command `export_table` when the API has it.
 */
export type Cell = string | number | null;

export interface TableData {
  title: string;
  columns: string[];
  rows: Cell[][];
}

const BOM = "\uFEFF";

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  const text = typeof cell === "number" ? (Number.isFinite(cell) ? String(cell) : "") : cell;
  // A leading = + - @ would be read as a formula by spreadsheets: keep such text as text.
  const safe = typeof cell === "string" && /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Pick<TableData, "columns" | "rows">): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** Parses CSV written by toCsv (for tests and round trips). */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || (ch === "\r" && src[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A file name from a title: letters (any script), digits and dashes; never empty. */
export function fileName(title: string, ext: string): string {
  const base = title
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 80);
  return `${base || "nev-atlas"}.${ext}`;
}
