import { describe, expect, it } from "vitest";
import type { Grade, SourceView, StatisticView } from "../ipc/types";
import { axisKey, DASHBOARD, dashboardSeries, isWeak, seriesRows } from "./statistics";

const source = (id: string, grade: Grade, published: string | null): SourceView => ({ id, url: "https://example.org/" + id, publisher: "P " + id, title: "T " + id, published, accessed: "2025-01-01", language: "zh", grade });
const stat = (period: string, value: number, kind: "actual" | "target", sources: SourceView[], extra: Partial<StatisticView> = {}): StatisticView => ({
  metric: "nev_production", period, value, unit: "vehicles", kind, confidence: "confirmed", note: null, note_zh: null, sources, key: `k-${period}-${value}-${kind}`, origin: "edition", retracted: null, ...extra,
});
const a = source("a", "A", "2024-02-01"), b = source("b", "B", "2025-01-10"), c = source("c", "C", "2023-05-05");

describe("axisKey", () => {
  it("draws whole years in annual mode and points in time in stock mode", () => {
    expect(axisKey("2024", "annual")).toBe("2024");
    expect(axisKey("2024-H1", "annual")).toBeNull();
    expect(axisKey("2024-01/2024-09", "annual")).toBeNull();
    expect(axisKey("2024-09", "stock")).toBe("2024-09");
    expect(axisKey("2025", "stock")).toBe("2025-12");
    expect(axisKey("2024-Q3", "stock")).toBeNull();
    expect(axisKey("2021-01/2023-12", "stock")).toBeNull();
  });
});

describe("dashboardSeries", () => {
  it("draws actuals against targets year by year, filling the years between", () => {
    const s = dashboardSeries([stat("2022", 100, "actual", [a]), stat("2024", 300, "actual", [b]), stat("2024", 280, "target", [a]), stat("2024-H1", 140, "actual", [a])], "chongqing", "nev_production", "annual")!;
    expect(s.points.map((p) => p.key)).toEqual(["2022", "2023", "2024"]);
    expect(s.points.map((p) => p.actual?.value ?? null)).toEqual([100, null, 300]);
    expect(s.points[2]!.targets.map((t) => t.value)).toEqual([280]);
    expect(s.leftOut).toBe(1); // the half year
    expect(s.actualPoints).toBe(2);
    expect(s.targetPoints).toBe(1);
    expect(s.warnings).toEqual([{ kind: "few", count: 2 }]);
  });

  it("draws the best-graded figure when sources disagree, and keeps the others beside it", () => {
    const s = dashboardSeries([stat("2023", 950, "actual", [c]), stat("2023", 930, "actual", [a]), stat("2023", 930, "actual", [b]), stat("2022", 1, "actual", [a]), stat("2021", 1, "actual", [a])], "x", "nev_production", "annual")!;
    const p = s.points.find((x) => x.key === "2023")!;
    expect(p.actual?.value).toBe(930);
    expect(p.actual?.sources[0]?.grade).toBe("A");
    expect(p.others.map((o) => o.value)).toEqual([950]);
    expect(s.warnings).toEqual([{ kind: "gradeC", count: 1, of: 5 }]);
  });

  it("says when figures rest on grade C only or are uncertain", () => {
    expect(isWeak(stat("2020", 1, "actual", [c]))).toBe(true);
    expect(isWeak(stat("2020", 1, "actual", [c, b]))).toBe(false);
    expect(isWeak(stat("2020", 1, "actual", [a], { confidence: "uncertain" }))).toBe(true);
    expect(isWeak(stat("2020", 1, "actual", []))).toBe(true);
  });

  it("reads stocks at the period's end, with year targets at the year's end", () => {
    const s = dashboardSeries([stat("2023-12", 10, "actual", [a], { unit: "units", metric: "charging_piles" }), stat("2024-08", 20, "actual", [a], { unit: "units", metric: "charging_piles" }), stat("2025", 50, "target", [b], { unit: "units", metric: "charging_piles" })], "chongqing", "charging_piles", "stock")!;
    expect(s.points.map((p) => p.key)).toEqual(["2023-12", "2024-08", "2025-12"]);
    expect(s.points[2]!.actual).toBeNull();
    expect(s.points[2]!.period).toBe("2025");
  });

  it("keeps the most common unit, leaves out retracted figures, and is null with nothing to draw", () => {
    const s = dashboardSeries([stat("2020", 1, "actual", [a]), stat("2021", 2, "actual", [a]), stat("2022", 3, "actual", [a], { unit: "thousand vehicles" }), stat("2023", 9, "actual", [a], { retracted: "wrong" })], "x", "nev_production", "annual")!;
    expect(s.unit).toBe("vehicles");
    expect(s.points.map((p) => p.key)).toEqual(["2020", "2021"]);
    expect(s.leftOut).toBe(1); // the other unit; a retracted figure is not counted
    expect(dashboardSeries([stat("2024-H1", 1, "actual", [a])], "x", "nev_production", "annual")).toBeNull();
    expect(dashboardSeries([], "x", "nev_production", "annual")).toBeNull();
  });

  it("lists a target set by several plans once", () => {
    const s = dashboardSeries([stat("2025", 5, "target", [c]), stat("2025", 5, "target", [a]), stat("2025", 7, "target", [b]), stat("2024", 1, "actual", [a])], "x", "nev_production", "annual")!;
    const targets = s.points.find((p) => p.key === "2025")!.targets;
    expect(targets.map((t) => t.value)).toEqual([7, 5]);
    expect(targets[1]!.sources[0]!.grade).toBe("A");
  });

  it("says when there is no actual figure, only targets", () => {
    const s = dashboardSeries([stat("2025", 5, "target", [a])], "x", "nev_production", "annual")!;
    expect(s.warnings).toEqual([{ kind: "noActual" }]);
  });

  it("lists each source once, best grade first then newest", () => {
    const s = dashboardSeries([stat("2020", 1, "actual", [c, b]), stat("2021", 2, "actual", [a, b]), stat("2022", 3, "target", [source("d", "A", "2025-06-01")])], "x", "nev_production", "annual")!;
    expect(s.sources.map((x) => x.id)).toEqual(["d", "a", "b", "c"]);
  });

  it("exports every figure drawn: the bar, other sources' figures, and targets", () => {
    const s = dashboardSeries([stat("2023", 950, "actual", [c]), stat("2023", 930, "actual", [a]), stat("2023", 900, "target", [b])], "x", "nev_production", "annual")!;
    expect(seriesRows(s).map((r) => [r.period, r.kind, r.stat.value])).toEqual([["2023", "actual", 930], ["2023", "other", 950], ["2023", "target", 900]]);
  });
});

describe("DASHBOARD", () => {
  it("covers output, sales, share, exports and charging, each metric once", () => {
    expect(DASHBOARD.map((s) => s.id)).toEqual(["output", "sales", "share", "exports", "charging"]);
    const metrics = DASHBOARD.flatMap((s) => s.metrics.map((m) => m.metric));
    expect(new Set(metrics).size).toBe(metrics.length);
  });
});
