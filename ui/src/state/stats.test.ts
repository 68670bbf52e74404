import { describe, expect, it } from "vitest";
import type { StatisticView } from "../ipc/types";
import { compactValue, compareStatistics, formatLatest, formatNumber, formatStatPeriod, formatStatValue, groupStatistics, metricLabel, periodBounds, yearSeries } from "./stats";

const stat = (metric: string, period: string, value: number, extra: Partial<StatisticView> = {}): StatisticView => ({
  metric, period, value, unit: "vehicles", kind: "actual", confidence: "confirmed", note: null, note_zh: null, sources: [], key: `${metric}|${period}`, origin: "edition", retracted: null, ...extra,
});

describe("metric labels", () => {
  it("uses the i18n label for known metrics in both languages", () => {
    expect(metricLabel("nev_production", "en")).toBe("NEV production");
    expect(metricLabel("nev_production", "zh")).toBe("新能源汽车产量");
    expect(metricLabel("vehicle_production", "en")).toMatch(/^Vehicle production/);
  });
  it("falls back to the id with spaces for unknown metrics", () => {
    expect(metricLabel("battery_cells_made", "en")).toBe("Battery cells made");
    expect(metricLabel("battery_cells_made", "zh")).toBe("Battery cells made");
    expect(metricLabel("", "en")).toBe("");
  });
});

describe("values", () => {
  it("uses thousands separators and drops trailing zeros", () => {
    expect(formatNumber(1296000)).toBe("1,296,000");
    expect(formatNumber(26.7)).toBe("26.7");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1234.5678)).toBe("1,234.568");
  });
  it("adds the unit, a % sign for percent, and Chinese units in Chinese", () => {
    expect(formatStatValue(1296000, "vehicles", "en")).toBe("1,296,000 vehicles");
    expect(formatStatValue(1296000, "vehicles", "zh")).toBe("1,296,000 辆");
    expect(formatStatValue(26.7, "percent", "en")).toBe("26.7%");
    expect(formatStatValue(26.7, "percent", "zh")).toBe("26.7%");
    expect(formatStatValue(1000, "firms", "zh")).toBe("1,000 家");
    expect(formatStatValue(2000000, "vehicles per year", "en")).toBe("2,000,000 vehicles per year");
    expect(formatStatValue(5, "widgets", "zh")).toBe("5 widgets");
    expect(formatStatValue(5, "", "en")).toBe("5");
  });
  it("shows billion yuan as 亿元 in Chinese (×10, exact)", () => {
    expect(formatStatValue(800, "billion yuan", "en")).toBe("800 billion yuan");
    expect(formatStatValue(800, "billion yuan", "zh")).toBe("8,000 亿元");
    expect(formatStatValue(0.3, "billion yuan", "zh")).toBe("3 亿元");
    expect(formatStatValue(26.75, "billion yuan", "zh")).toBe("267.5 亿元");
  });
});

describe("periods", () => {
  it("formats years, quarters, halves, months and ranges in both languages", () => {
    expect(formatStatPeriod("2024", "en")).toBe("2024");
    expect(formatStatPeriod("2024", "zh")).toBe("2024年");
    expect(formatStatPeriod("2024-Q3", "en")).toBe("Q3 2024");
    expect(formatStatPeriod("2024-Q3", "zh")).toBe("2024年第三季度");
    expect(formatStatPeriod("2024-H1", "en")).toBe("H1 2024");
    expect(formatStatPeriod("2024-H1", "zh")).toBe("2024年上半年");
    expect(formatStatPeriod("2024-05", "en")).toBe("May 2024");
    expect(formatStatPeriod("2024-05", "zh")).toBe("2024年5月");
    expect(formatStatPeriod("2021-01/2021-09", "en")).toBe("Jan–Sep 2021");
    expect(formatStatPeriod("2021-01/2021-09", "zh")).toBe("2021年1—9月");
    expect(formatStatPeriod("2018-01/2022-12", "en")).toBe("Jan 2018 – Dec 2022");
    expect(formatStatPeriod("2018-01/2022-12", "zh")).toBe("2018年1月—2022年12月");
  });
  it("shows unrecognised periods as they are", () => {
    expect(formatStatPeriod("FY2024", "en")).toBe("FY2024");
    expect(formatStatPeriod("2024/2025/2026", "zh")).toBe("2024/2025/2026");
    expect(formatStatPeriod("2024-13", "en")).toBe("2024-13");
  });
  it("knows where periods begin and end", () => {
    expect(periodBounds("2024")).toEqual({ start: "2024-01", end: "2024-12" });
    expect(periodBounds("2024-Q3")).toEqual({ start: "2024-07", end: "2024-09" });
    expect(periodBounds("2024-H1")).toEqual({ start: "2024-01", end: "2024-06" });
    expect(periodBounds("2021-01/2021-09")).toEqual({ start: "2021-01", end: "2021-09" });
    expect(periodBounds("soon")).toBeNull();
  });
  it("sorts oldest first by end, longer periods first, actuals before targets, unknown last", () => {
    const rows = [
      stat("m", "2024", 4),
      stat("m", "2024", 5, { kind: "target" }),
      stat("m", "soon", 9),
      stat("m", "2024-01/2024-09", 3),
      stat("m", "2024-H1", 2),
      stat("m", "2021", 1),
    ];
    expect([...rows].sort(compareStatistics).map((r) => r.value)).toEqual([1, 2, 3, 4, 5, 9]);
  });
});

describe("grouping", () => {
  const rows = [
    stat("zz_other_metric", "2020", 1),
    stat("nev_sales", "2023", 10),
    stat("nev_production", "2025", 1296000),
    stat("nev_production", "2020", 43000),
    stat("nev_production", "2030", 2000000, { kind: "target" }),
    stat("nev_production", "2024", 953000),
    stat("nev_production", "2024", 950000, { confidence: "uncertain" }),
    stat("charging_piles", "2025", 1, { kind: "target", unit: "units" }),
  ];
  it("puts common metrics first and sorts each group by period", () => {
    const groups = groupStatistics(rows, "en");
    expect(groups.map((g) => g.metric)).toEqual(["nev_production", "nev_sales", "charging_piles", "zz_other_metric"]);
    expect(groups[0]!.rows.map((r) => r.period)).toEqual(["2020", "2024", "2024", "2025", "2030"]);
    expect(groups[0]!.targets).toBe(1);
    expect(groups[0]!.label).toBe("NEV production");
  });
  it("finds the latest actual, and keeps conflicting figures side by side", () => {
    const groups = groupStatistics(rows, "en");
    expect(groups[0]!.latest.map((r) => r.value)).toEqual([1296000]);
    expect(formatLatest(groups[0]!.latest, "en")).toEqual({ value: "1,296,000 vehicles", period: "2025" });
    const conflict = groupStatistics(rows.filter((r) => r.period !== "2025"), "zh")[0]!;
    expect(formatLatest(conflict.latest, "zh")).toEqual({ value: "953,000 / 950,000 辆", period: "2024年" });
    const targetsOnly = groups.find((g) => g.metric === "charging_piles")!;
    expect(targetsOnly.latest).toEqual([]);
    expect(formatLatest(targetsOnly.latest, "en")).toBeNull();
  });
});

describe("year series for the chart", () => {
  it("keeps whole years of the main unit, fills the years between, and sets targets beside actuals", () => {
    const series = yearSeries([
      stat("nev_production", "2020", 43000, { confidence: "uncertain" }),
      stat("nev_production", "2021-01/2021-09", 97000),
      stat("nev_production", "2022", 369000),
      stat("nev_production", "2022", 365000),
      stat("nev_production", "2022", 369000, { confidence: "uncertain" }),
      stat("nev_production", "2023", 10, { unit: "percent" }),
      stat("nev_production", "2025", 1296000),
      stat("nev_production", "2025", 1000000, { kind: "target" }),
    ])!;
    expect(series.unit).toBe("vehicles");
    expect(series.max).toBe(1296000);
    expect(series.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(series.years[0]).toEqual({ year: 2020, actuals: [43000], targets: [], uncertain: true });
    expect(series.years[1]).toEqual({ year: 2021, actuals: [], targets: [], uncertain: false });
    expect(series.years[2]).toEqual({ year: 2022, actuals: [369000, 365000], targets: [], uncertain: false });
    expect(series.years[5]).toEqual({ year: 2025, actuals: [1296000], targets: [1000000], uncertain: false });
  });
  it("draws nothing for fewer than two years, or for negative figures", () => {
    expect(yearSeries([stat("a", "2024", 1), stat("a", "2024-H1", 2)])).toBeNull();
    expect(yearSeries([stat("a", "2023", 5, { unit: "percent" }), stat("a", "2024", -3, { unit: "percent" })])).toBeNull();
    expect(yearSeries([stat("a", "2023", 0), stat("a", "2024", 0)])).toBeNull();
  });
  it("labels bars briefly in the chart's unit", () => {
    expect(compactValue(1296000, "vehicles", "en")).toBe("1.3M");
    expect(compactValue(1296000, "vehicles", "zh")).toBe("129.6万");
    expect(compactValue(54.3, "percent", "zh")).toBe("54.3%");
    expect(compactValue(800, "billion yuan", "zh")).toBe("8000");
    expect(compactValue(800, "billion yuan", "en")).toBe("800");
  });
});
