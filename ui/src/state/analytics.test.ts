import { describe, expect, it } from "vitest";
import type { ChainPath, CutPointsResult, EntityRef, SourcingResult, TraceResult, WhatIfResult } from "../ipc/types";
import { groupTiers, HighlightStore, pathHighlight, riskFacts, supplyRelations, traceHighlight, whatIfHighlight, whatIfTotals } from "./analytics";

const e = (id: string): EntityRef => ({ id, kind: "firm", name_zh: null, name_en: id.toUpperCase() });
const seg = (id: string) => ({ id, name_en: id, name_zh: id, stage: "midstream" as const });

const trace: TraceResult = {
  origin: e("maker"),
  direction: "upstream",
  entries: [
    { entity: e("cell"), depth: 1, via: "maker", relation: "supplies", link: 1 },
    { entity: e("jv"), depth: 1, via: "maker", relation: "joint_venture", link: 2 },
    { entity: e("lithium"), depth: 2, via: "cell", relation: "supplies", link: 3 },
  ],
  tiers: [2, 5],
  truncated: 3,
};

describe("groupTiers", () => {
  it("groups entries by depth, nearest first, with totals before the limit", () => {
    const tiers = groupTiers(trace);
    expect(tiers.map((t) => [t.depth, t.total, t.entries.map((x) => x.entity.id)])).toEqual([
      [1, 2, ["cell", "jv"]],
      [2, 5, ["lithium"]],
    ]);
  });
  it("is empty for a trace that reached nothing", () => {
    expect(groupTiers({ entries: [], tiers: [] })).toEqual([]);
  });
});

describe("traceHighlight", () => {
  it("draws upstream entries as supplying the entity they were reached through", () => {
    const hl = traceHighlight(trace);
    expect(hl.centre).toBe("maker");
    expect(hl.nodes.map((n) => [n.entity.id, n.distance])).toEqual([["maker", 0], ["cell", 1], ["jv", 1], ["lithium", 2]]);
    expect(hl.edges).toContainEqual({ from: "lithium", to: "cell", relation: "supplies" });
    expect(hl.label.count).toBe(3);
  });
  it("draws downstream entries the other way", () => {
    const hl = traceHighlight({ ...trace, direction: "downstream" });
    expect(hl.edges).toContainEqual({ from: "cell", to: "lithium", relation: "supplies" });
  });
});

describe("pathHighlight", () => {
  it("keeps the order of the path and the direction of each link", () => {
    const path: ChainPath = {
      entities: [e("a"), e("b"), e("c")],
      hops: [
        { from: "a", to: "b", relation: "owns", link: 1, along: true, sources: [] },
        { from: "b", to: "c", relation: "supplies", link: 2, along: false, sources: [] },
      ],
    };
    const hl = pathHighlight(path);
    expect(hl.nodes.map((n) => n.distance)).toEqual([0, 1, 2]);
    expect(hl.edges).toEqual([{ from: "a", to: "b", relation: "owns" }, { from: "c", to: "b", relation: "supplies" }]);
    expect(hl.label.target?.id).toBe("c");
  });
});

describe("riskFacts", () => {
  const sourcing: SourcingResult = {
    dependencies: [
      { maker: e("m"), segment: seg("cells"), suppliers: [e("x")], sole: true },
      { maker: e("m"), segment: seg("drive"), suppliers: [e("x"), e("y")], sole: false },
      { maker: e("n"), segment: seg("cells"), suppliers: [e("m")], sole: true },
    ],
    truncated: 0,
  };
  const cuts: CutPointsResult = { articulation_points: [e("m")], bridges: [{ a: e("m"), b: e("leaf"), links: [9] }, { a: e("p"), b: e("q"), links: [8] }], truncated: 0 };
  it("separates its own sole and dual sources from those it provides", () => {
    const f = riskFacts("m", sourcing, cuts);
    expect(f.sole.map((d) => d.segment.id)).toEqual(["cells"]);
    expect(f.dual.map((d) => d.segment.id)).toEqual(["drive"]);
    expect(f.soleSourceFor.map((d) => d.maker.id)).toEqual(["n"]);
    expect(f.articulation).toBe(true);
    expect(f.bridges.map((b) => b.id)).toEqual(["leaf"]);
  });
  it("finds a supplier's sole-source role and says when the cut list was cut short", () => {
    const f = riskFacts("x", sourcing, { ...cuts, truncated: 5 });
    expect(f.sole).toEqual([]);
    expect(f.soleSourceFor.map((d) => d.maker.id)).toEqual(["m"]);
    expect(f.dualSourceFor.map((d) => d.segment.id)).toEqual(["drive"]);
    expect(f.articulation).toBe(false);
    expect(f.cutPointsIncomplete).toBe(true);
  });
});

describe("what-if", () => {
  const result: WhatIfResult = {
    removed: [e("jv")],
    removed_count: 1,
    unknown: [],
    makers: [
      { maker: e("m1"), segments: [{ segment: seg("cells"), lost_suppliers: [e("jv")] }] },
      { maker: e("m2"), segments: [{ segment: seg("cells"), lost_suppliers: [e("jv"), e("z")] }, { segment: seg("bms"), lost_suppliers: [e("z")] }] },
    ],
    truncated: 0,
  };
  it("counts makers, segment losses and distinct segments", () => {
    expect(whatIfTotals(result)).toEqual({ makers: 2, segmentLosses: 3, segments: [seg("cells"), seg("bms")] });
  });
  it("highlights removed entities, lost suppliers and makers once each", () => {
    const hl = whatIfHighlight(result, e("jv"));
    expect(hl.nodes.map((n) => [n.entity.id, n.distance])).toEqual([["jv", 0], ["m1", 3], ["m2", 3], ["z", 2]]);
    expect(hl.edges).toEqual([
      { from: "jv", to: "m1", relation: "supplies" },
      { from: "jv", to: "m2", relation: "supplies" },
      { from: "z", to: "m2", relation: "supplies" },
    ]);
  });
});

describe("supplyRelations and HighlightStore", () => {
  it("adds ownership relations on request", () => {
    expect(supplyRelations(false)).toEqual(["supplies"]);
    expect(supplyRelations(true)).toEqual(["supplies", "owns", "joint_venture"]);
  });
  it("hands highlights over by token and forgets the oldest", () => {
    const store = new HighlightStore(2);
    const hl = pathHighlight({ entities: [e("a"), e("b")], hops: [{ from: "a", to: "b", relation: "supplies", link: 1, along: true, sources: [] }] });
    const t1 = store.save(hl);
    const t2 = store.save(hl);
    expect(store.get(t1)).toBe(hl);
    store.save(hl);
    expect(store.get(t1)).toBeNull();
    expect(store.get(t2)).toBe(hl);
    expect(store.get(null)).toBeNull();
    expect(store.get("nope")).toBeNull();
  });
  it("keeps highlights across a reload in the storage given, with fresh tokens after", () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const hl = pathHighlight({ entities: [e("a"), e("b")], hops: [{ from: "a", to: "b", relation: "supplies", link: 1, along: true, sources: [] }] });
    const first = new HighlightStore(2, storage);
    const token = first.save(hl);
    const reloaded = new HighlightStore(2, storage);
    expect(reloaded.get(token)).toEqual(hl);
    expect(reloaded.save(hl)).not.toBe(token);
    expect(new HighlightStore(2, { getItem: () => "{not json", setItem: () => {} }).get(token)).toBeNull();
    expect(new HighlightStore(2, null).get(token)).toBeNull();
  });
});
