import { describe, expect, it } from "vitest";
import type { Concentration, LocalCoverage, SegmentRef, Stage } from "../ipc/types";
import { byStage, chainTotals, gapLevel, hhiBand, measurableHhi, percent, segmentRows, supportSegments } from "./chain";

// Stages as data/segments.csv gives them; the API sends each segment's stage with it.
const STAGES: Record<string, Stage> = { materials: "upstream", thermal: "midstream", vehicles: "downstream", testing: "support" };
const seg = (id: string): SegmentRef => ({ id, name_en: id, name_zh: id, stage: STAGES[id] ?? "downstream" });

const cov = (id: string, suppliers: number, local: number): LocalCoverage => ({
  segment: seg(id),
  suppliers,
  local_count: local,
  local_share: suppliers === 0 ? null : local / suppliers,
  local_suppliers: [],
});
const conc = (id: string, hhi: number | null, suppliers = 3): Concentration => ({
  segment: seg(id),
  suppliers,
  customer_links: 4,
  hhi,
  top_supplier: null,
  top_share: null,
});

describe("chain helpers", () => {
  it("classifies gaps and HHI bands", () => {
    expect(gapLevel({ local_count: 0 })).toBe("none");
    expect(gapLevel({ local_count: 1 })).toBe("one");
    expect(gapLevel({ local_count: 2 })).toBe("ok");
    expect(hhiBand(1499)).toBe("low");
    expect(hhiBand(1500)).toBe("moderate");
    expect(hhiBand(2500)).toBe("moderate");
    expect(hhiBand(2501)).toBe("high");
    expect(percent(0.4285)).toBe("43%");
    expect(percent(null)).toBeNull();
  });
  it("picks the support segments by the stage the API gives", () => {
    expect(supportSegments(["materials", "testing", "vehicles"].map(seg))).toEqual(["testing"]);
    expect(supportSegments([])).toEqual([]);
  });
  it("joins coverage, concentration and gap ranks per segment in chain order", () => {
    const rows = segmentRows(
      [cov("testing", 1, 0), cov("materials", 7, 3), cov("thermal", 1, 0), cov("vehicles", 58, 1), cov("materials", 7, 3)],
      [conc("materials", 10000), conc("vehicles", 2222)],
      [cov("thermal", 1, 0), cov("testing", 1, 0), cov("vehicles", 58, 1)],
    );
    expect(rows.map((r) => [r.segment.id, r.stage, r.gap, r.gapRank, r.concentration?.hhi ?? null])).toEqual([
      ["materials", "upstream", "ok", null, 10000],
      ["thermal", "midstream", "none", 1, null],
      ["vehicles", "downstream", "one", 3, 2222],
      ["testing", "support", "none", 2, null],
    ]);
    expect(byStage(rows).map((g) => [g.stage, g.rows.length])).toEqual([["upstream", 1], ["midstream", 1], ["downstream", 1], ["support", 1]]);
    expect(chainTotals(rows)).toEqual({ segments: 3, gapsNone: 1, gapsOne: 1, concentrated: 1 });
  });
  it("measures concentration only on at least 3 known suppliers", () => {
    expect(measurableHhi(conc("a", 10000, 1))).toBeNull();
    expect(measurableHhi(conc("a", 5000, 2))).toBeNull();
    expect(measurableHhi(conc("a", 3400, 3))).toBe(3400);
    expect(measurableHhi(conc("a", null, 9))).toBeNull();
    expect(measurableHhi(null)).toBeNull();
    const rows = segmentRows([cov("materials", 7, 3), cov("vehicles", 58, 1)], [conc("materials", 10000, 1), conc("vehicles", 9000, 4)], []);
    // A segment with one known supplier is not "highly concentrated": too few links to say.
    expect(chainTotals(rows).concentrated).toBe(1);
  });
});
