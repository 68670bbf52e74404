// Reading back the files the app exports: CSV (UTF-8 with a byte-order mark, RFC 4180 quoting,
// CRLF) and PNG.

/** The rows of an exported CSV file's bytes; fails when the byte-order mark Excel needs is missing. */
export function readCsv(bytes) {
  const text = bytes.toString("utf8");
  if (!text.startsWith("\uFEFF")) throw new Error("the CSV has no UTF-8 byte-order mark");
  return parseCsv(text.slice(1));
}

/** A small RFC 4180 reader. */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Width and height from a PNG's IHDR chunk; fails when the bytes are not a PNG. */
export function pngSize(bytes) {
  if (bytes.subarray(1, 4).toString("latin1") !== "PNG") throw new Error("not a PNG file");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
