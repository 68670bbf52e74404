import { describe, expect, it } from "vitest";
import type { SourceView } from "../ipc/types";
import { citationLabel, Citations, isoDate } from "./brief";

const src = (id: string, grade: "A" | "B" | "C" = "A"): SourceView =>
  ({ id, grade, publisher: id, title: id, url: `https://example.org/${id}`, published: "2024-01-01", accessed: "2025-01-01", language: "en" }) as SourceView;

describe("brief citations", () => {
  it("numbers sources on first citation and reuses numbers", () => {
    const c = new Citations();
    expect(c.cite([src("a"), src("b")])).toEqual([1, 2]);
    expect(c.cite([src("b"), src("c")])).toEqual([2, 3]);
    expect(c.cite([])).toEqual([]);
    expect(c.list().map((s) => s.id)).toEqual(["a", "b", "c"]);
  });
  it("cites better-graded sources first", () => {
    const c = new Citations();
    expect(c.cite([src("weak", "C"), src("strong", "A")])).toEqual([1, 2]);
    expect(c.list().map((s) => s.id)).toEqual(["strong", "weak"]);
  });
  it("writes citation labels with ranges", () => {
    expect(citationLabel([3, 1, 2, 5])).toBe("[1–3, 5]");
    expect(citationLabel([4, 5])).toBe("[4, 5]");
    expect(citationLabel([7])).toBe("[7]");
    expect(citationLabel([])).toBe("");
  });
  it("formats the date", () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
});
