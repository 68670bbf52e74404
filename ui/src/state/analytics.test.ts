import { describe, expect, it } from "vitest";
import type { ChainPath, CutPointsResult, EntityRef, SourcingResult, TraceResult, WhatIfResult } from "../ipc/types";
import type { Call } from "../ipc/transport";
import { answerQuestion, groupTiers, parseQuestion, pathHighlight, questionToken, riskFacts, supplyRelations, traceHighlight, whatIfHighlight, whatIfTotals, type HighlightQuestion } from "./analytics";

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

describe("supplyRelations", () => {
  it("adds ownership relations on request", () => {
    expect(supplyRelations(false)).toEqual(["supplies"]);
    expect(supplyRelations(true)).toEqual(["supplies", "owns", "joint_venture"]);
  });
});

describe("highlights asked again from the question in the address", () => {
  const path: ChainPath = { entities: [e("a"), e("b")], hops: [{ from: "a", to: "b", relation: "supplies", link: 1, along: true, sources: [] }] };
  const whatIf: WhatIfResult = { removed: [e("cell")], removed_count: 1, unknown: [], makers: [{ maker: e("maker"), segments: [{ segment: seg("cells"), lost_suppliers: [e("cell")] }] }] } as unknown as WhatIfResult;
  /** A fake API answering each command once, recording what it was asked. */
  const fake = (answers: Record<string, unknown>) => {
    const asked: Array<[string, unknown]> = [];
    const call = (async (command: string, args: unknown) => {
      asked.push([command, args]);
      if (!(command in answers)) throw new Error(`unexpected ${command}`);
      return answers[command];
    }) as unknown as Call;
    return { call, asked };
  };

  it("writes each question as text and reads it back; anything else is no question", () => {
    const questions: HighlightQuestion[] = [
      { kind: "trace", args: { id: "maker", direction: "upstream", max_depth: 2, with_ownership: true, as_of: 2023 } },
      { kind: "path", args: { from: "a", to: "b", k: 3, directed: false }, index: 1 },
      { kind: "whatIf", args: { entities: ["cell"], places: ["district-dazu"], max_depth: 3 }, centre: "cell" },
    ];
    for (const q of questions) expect(parseQuestion(questionToken(q))).toEqual(q);
    for (const junk of [null, "", "h1", "{", "[]", '{"kind":"trace"}', '{"kind":"trace","args":{}}', '{"kind":"path","args":{"from":"a","to":"b"},"index":-1}', '{"kind":"whatIf","args":{}}', '{"kind":"nuke","args":{}}']) {
      expect(parseQuestion(junk)).toBeNull();
    }
  });

  it("answers a trace, a path and a what-if with the same highlight as the panel that asked", async () => {
    const t = fake({ trace });
    expect(await answerQuestion(t.call, { kind: "trace", args: { id: "maker" } })).toEqual(traceHighlight(trace));
    expect(t.asked).toEqual([["trace", { id: "maker" }]]);
    const p = fake({ paths: { paths: [path, path] } });
    expect(await answerQuestion(p.call, { kind: "path", args: { from: "a", to: "b" }, index: 1 })).toEqual(pathHighlight(path));
    // The edition changed and the path is gone: no highlight rather than another one.
    expect(await answerQuestion(p.call, { kind: "path", args: { from: "a", to: "b" }, index: 5 })).toBeNull();
    const w = fake({ what_if: whatIf });
    expect(await answerQuestion(w.call, { kind: "whatIf", args: { entities: ["cell"] }, centre: "cell" })).toEqual(whatIfHighlight(whatIf, e("cell")));
    // A district is not among the removed entities: its name comes from its page.
    const d = fake({ what_if: whatIf, entity: { entity: e("district-dazu") } });
    expect((await answerQuestion(d.call, { kind: "whatIf", args: { places: ["district-dazu"] }, centre: "district-dazu" }))?.label.origin).toEqual(e("district-dazu"));
  });
});
