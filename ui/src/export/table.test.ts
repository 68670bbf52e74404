import { describe, expect, it } from "vitest";
import { fileName, parseCsv, toCsv } from "./table";

describe("CSV export", () => {
  it("starts with a BOM, quotes what needs it and keeps Chinese", () => {
    const csv = toCsv({ columns: ["名称", "Value"], rows: [["长安汽车", 1.5], ['He said "hi", twice', null], ["line\nbreak", -3]] });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"He said ""hi"", twice",');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv)).toEqual([["名称", "Value"], ["长安汽车", "1.5"], ['He said "hi", twice', ""], ["line\nbreak", "-3"]]);
  });
  it("keeps text that looks like a formula as text", () => {
    expect(parseCsv(toCsv({ columns: ["a"], rows: [["=1+1"], ["-x"]] }))).toEqual([["a"], ["'=1+1"], ["'-x"]]);
  });
  it("makes file names from titles in any script", () => {
    expect(fileName("长安汽车 suppliers / tier 1", "csv")).toBe("长安汽车-suppliers-tier-1.csv");
    expect(fileName("  ", "svg")).toBe("nev-atlas.svg");
  });
});
