// Every metric and unit in data/statistics is translated: no "Rd expense" in 中文 mode.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatStatValue, metricLabel } from "./stats";

const dir = join(__dirname, "../../../data/statistics");
const rows = readdirSync(dir)
  .filter((f) => f.endsWith(".csv"))
  .flatMap((f) => {
    const [head, ...lines] = readFileSync(join(dir, f), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
    const cols = head!.split(",");
    const mi = cols.indexOf("metric");
    const ui = cols.indexOf("unit");
    // metric and unit come before any quoted column, so a plain split is enough for them.
    return lines.map((l) => ({ metric: l.split(",")[mi]!, unit: l.split(",")[ui]! }));
  });

describe("metric names and units in the data", () => {
  it("finds the data", () => expect(rows.length).toBeGreaterThan(50));
  it("every metric has an English and a Chinese name", () => {
    const missing = [...new Set(rows.map((r) => r.metric))].filter((m) => !/[\u4e00-\u9fff]/.test(metricLabel(m, "zh")) || metricLabel(m, "en") === metricLabel(m, "zh"));
    expect(missing).toEqual([]);
  });
  it("every unit reads in Chinese without English words", () => {
    const english = [...new Set(rows.map((r) => r.unit))].filter((u) => /[a-z]{3,}/i.test(formatStatValue(1, u, "zh").replace(/GWh/, "")));
    expect(english).toEqual([]);
  });
});
