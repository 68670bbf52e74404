import { afterEach, describe, expect, it, vi } from "vitest";
import type { EntityKind, EntityRef, Grade, SearchHit, SegmentRef } from "../ipc/types";
import type { SystemHit } from "../ipc/bindings/SystemHit";
import { applyFacets, debounce, facetCounts, groupByKind, itemId, looksLikeFormula, moveSelection, NO_FACETS, normaliseQuery, searchItems, shownOrder, type SearchItem } from "./search";

describe("moveSelection", () => {
  it("starts at the first or last hit", () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
  });
  it("wraps around", () => {
    expect(moveSelection(2, 1, 3)).toBe(0);
    expect(moveSelection(0, -1, 3)).toBe(2);
    expect(moveSelection(1, 1, 3)).toBe(2);
  });
  it("selects nothing when there is nothing", () => {
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe("debounce", () => {
  afterEach(() => vi.useRealTimers());
  it("calls once with the last arguments after the quiet time", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 80);
    d("c");
    d("ch");
    vi.advanceTimersByTime(79);
    d("cha");
    vi.advanceTimersByTime(79);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("cha");
  });
  it("can be cancelled", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 80);
    d();
    d.cancel();
    vi.advanceTimersByTime(200);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe("normaliseQuery", () => {
  it("trims and collapses whitespace", () => {
    expect(normaliseQuery("  chang   an ")).toBe("chang an");
    expect(normaliseQuery("\t")).toBe("");
  });
});

describe("results grouped by kind, with facets", () => {
  const district = (id: string, en: string): EntityRef => ({ id, kind: "district", name_zh: null, name_en: en });
  const yubei = district("district-yubei", "Yubei"), dazu = district("district-dazu", "Dazu");
  const hit = (id: string, kind: EntityKind, d: EntityRef | null): SearchHit => ({ entity: { id, kind, name_zh: null, name_en: id }, district: d, matched: id, segments: [], grade: null });
  const system: SystemHit = { id: "nev-9-2-5-30", name_zh: "“9+2+5+30”", name_en: "9+2+5+30", matched: "9+2+5+30" };
  // Ranked by the answer: a firm, a plant, another firm, a park, a university.
  const hits = [hit("a-firm", "firm", yubei), hit("b-plant", "plant", yubei), hit("c-firm", "firm", dazu), hit("d-park", "park", dazu), hit("e-uni", "university", null)];
  const items = searchItems({ hits, systems: [system] }, "chang");
  const ids = (list: readonly SearchItem[]) => list.map(itemId);

  it("puts systems after the entities, or first when the query is a formula", () => {
    expect(ids(items)).toEqual(["a-firm", "b-plant", "c-firm", "d-park", "e-uni", "nev-9-2-5-30"]);
    expect(ids(searchItems({ hits, systems: [system] }, "9+2"))[0]).toBe("nev-9-2-5-30");
    expect(looksLikeFormula("1 ＋ 10")).toBe(true);
    expect(looksLikeFormula("长安")).toBe(false);
    expect(ids(searchItems({ hits: [], systems: null }, "x"))).toEqual([]);
  });

  it("groups by kind in the order of each group's best result, keeping rank order inside", () => {
    const groups = groupByKind(items);
    expect(groups.map((g) => g.kind)).toEqual(["firm", "plant", "park", "university", "system"]);
    expect(ids(groups[0]!.items)).toEqual(["a-firm", "c-firm"]);
    // Arrows and exports follow the groups as shown.
    expect(ids(shownOrder(groups))).toEqual(["a-firm", "c-firm", "b-plant", "d-park", "e-uni", "nev-9-2-5-30"]);
  });

  it("counts each facet with the other's choice applied", () => {
    const all = facetCounts(items, NO_FACETS);
    expect(all.kinds).toEqual([{ value: "firm", count: 2 }, { value: "plant", count: 1 }, { value: "park", count: 1 }, { value: "university", count: 1 }, { value: "system", count: 1 }]);
    expect(all.districts).toEqual([{ value: yubei, count: 2 }, { value: dazu, count: 2 }]);
    const firms = facetCounts(items, { kind: "firm", district: null });
    expect(firms.districts).toEqual([{ value: yubei, count: 1 }, { value: dazu, count: 1 }]);
    expect(firms.kinds.find((k) => k.value === "firm")?.count).toBe(2);
    const inDazu = facetCounts(items, { kind: null, district: "district-dazu" });
    expect(inDazu.kinds).toEqual([{ value: "firm", count: 1 }, { value: "park", count: 1 }]);
  });

  it("filters by kind and district together", () => {
    expect(ids(applyFacets(items, { kind: "firm", district: null }))).toEqual(["a-firm", "c-firm"]);
    expect(ids(applyFacets(items, { kind: null, district: "district-dazu" }))).toEqual(["c-firm", "d-park"]);
    expect(ids(applyFacets(items, { kind: "firm", district: "district-yubei" }))).toEqual(["a-firm"]);
    expect(ids(applyFacets(items, { kind: "system", district: "district-yubei" }))).toEqual([]);
    expect(applyFacets(items, NO_FACETS)).toEqual(items);
  });

  it("keeps a chosen facet listed with 0 when a new query has none of it", () => {
    const other = searchItems({ hits: [hit("x-firm", "firm", yubei)] }, "x");
    const counts = facetCounts(other, { kind: "park", district: "district-dazu" }, dazu);
    expect(counts.kinds).toContainEqual({ value: "park", count: 0 });
    expect(counts.districts).toContainEqual({ value: dazu, count: 0 });
    expect(applyFacets(other, { kind: "park", district: null })).toEqual([]);
  });

  it("filters and counts by chain segment and evidence grade, with the other choices applied", () => {
    const seg = (id: string): SegmentRef => ({ id, name_en: id, name_zh: id, stage: "midstream" });
    const cells = seg("cells-packs"), drive = seg("e-drive");
    const graded = (id: string, kind: EntityKind, segments: SegmentRef[], grade: Grade | null): SearchHit => ({ ...hit(id, kind, null), segments, grade });
    const list = searchItems({ hits: [graded("catl", "firm", [cells], "A"), graded("svolt", "firm", [cells, drive], "C"), graded("drive-co", "firm", [drive], "A"), graded("uni", "university", [], null)], systems: [system] }, "c");
    const all = facetCounts(list, NO_FACETS);
    expect(all.segments).toEqual([{ value: cells, count: 2 }, { value: drive, count: 2 }]);
    expect(all.grades).toEqual([{ value: "A", count: 2 }, { value: "C", count: 1 }]);
    // An entity in two segments counts in both; a system has neither segment nor grade.
    expect(ids(applyFacets(list, { kind: null, district: null, segment: "e-drive" }))).toEqual(["svolt", "drive-co"]);
    expect(ids(applyFacets(list, { kind: null, district: null, segment: "cells-packs", grade: "A" }))).toEqual(["catl"]);
    const gradeA = facetCounts(list, { kind: null, district: null, grade: "A" });
    expect(gradeA.segments).toEqual([{ value: cells, count: 1 }, { value: drive, count: 1 }]);
    expect(gradeA.grades).toEqual([{ value: "A", count: 2 }, { value: "C", count: 1 }]);
    const inCells = facetCounts(list, { kind: null, district: null, segment: "cells-packs" });
    expect(inCells.grades).toEqual([{ value: "A", count: 1 }, { value: "C", count: 1 }]);
    expect(inCells.kinds).toEqual([{ value: "firm", count: 2 }]);
    // A chosen segment the new answer lacks stays listed with 0, under its remembered name.
    expect(facetCounts(searchItems({ hits: [] }, "z"), { kind: null, district: null, segment: "e-drive" }, null, drive).segments).toEqual([{ value: drive, count: 0 }]);
  });
});
