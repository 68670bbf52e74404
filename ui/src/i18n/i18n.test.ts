import { describe, expect, it } from "vitest";
import { allKeys, en, translate, zh } from ".";
import { KIND_ORDER } from "../graph/colours";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("has every key in both languages, with the same placeholders", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of allKeys) {
      expect(zh[key].length, key).toBeGreaterThan(0);
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });
  it("fills placeholders and leaves unknown ones alone", () => {
    expect(translate("en", "graph.hidden", { count: 7 })).toBe("7 more not shown");
    expect(translate("zh", "graph.hidden", { count: 7 })).toBe("另有 7 个未显示");
    expect(translate("en", "search.none", {})).toBe("No match for “{query}”.");
  });
  it("does not interpret placeholder values", () => {
    expect(translate("en", "search.none", { query: "$& {query} <b>" })).toBe("No match for “$& {query} <b>”.");
  });
  it("labels every kind and both directions of every relation", () => {
    for (const kind of KIND_ORDER) expect(translate("zh", `kind.${kind}`)).not.toMatch(/^kind\./);
    expect(translate("en", "rel.supplies.outgoing")).toBe("Supplies →");
    expect(translate("en", "rel.supplies.incoming")).toBe("← Supplied by");
  });
});

describe("metric labels", () => {
  it("labels every common metric in both languages", async () => {
    const { METRIC_ORDER } = await import("../state/stats");
    for (const metric of METRIC_ORDER) {
      expect(Object.keys(en), metric).toContain(`metric.${metric}`);
      expect(Object.keys(zh), metric).toContain(`metric.${metric}`);
    }
  });
});
