import { describe, expect, it } from "vitest";
import type { PolicyEntry } from "../ipc/bindings/PolicyEntry";
import type { StatisticView } from "../ipc/types";
import { actualsAgainstTargets, recentPolicies } from "./dashboard";

const stat = (period: string, value: number, kind: "actual" | "target", metric = "nev_production"): StatisticView =>
  ({ metric, period, value, unit: "vehicles", kind, confidence: "confirmed", note: null, note_zh: null, sources: [], key: `${metric}-${period}-${kind}-${value}`, origin: "edition", retracted: null }) as StatisticView;

describe("actuals against targets", () => {
  it("keeps only whole years with both an actual and a target", () => {
    const rows = [stat("2020", 43000, "actual"), stat("2020", 200000, "target"), stat("2021", 152000, "actual"), stat("2022", 365000, "actual"), stat("2022", 369000, "actual"), stat("2022", 400000, "target"), stat("2022-H1", 1, "actual"), stat("2025", 9, "target", "other")];
    const result = actualsAgainstTargets(rows, "nev_production");
    expect(result?.unit).toBe("vehicles");
    expect(result?.years).toEqual([
      { year: 2020, actuals: [43000], targets: [200000] },
      { year: 2022, actuals: [369000, 365000], targets: [400000] },
    ]);
  });
  it("is null when no year has both", () => {
    expect(actualsAgainstTargets([stat("2020", 1, "actual"), stat("2021", 2, "target")], "nev_production")).toBeNull();
  });
});

describe("recent policies", () => {
  const p = (id: string, issued: string | null) => ({ policy: { id, kind: "policy", name_zh: null, name_en: id }, doc_number: null, issued, horizon: null, issuers: [], sources: 1 }) as PolicyEntry;
  it("newest first, undated left out", () => {
    expect(recentPolicies([p("a", "2021-07"), p("b", null), p("c", "2024-03-30"), p("d", "2022")], 2).map((x) => x.policy.id)).toEqual(["c", "d"]);
  });
});
