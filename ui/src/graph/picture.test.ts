import { describe, expect, it } from "vitest";
import { mockData, mockNeighbourhood } from "../test/mock-api";
import { noOverlaps } from "./labels";
import { buildGraph } from "./model";
import { arrowHead, pictureFromGraph, roughMeasure } from "./picture";

describe("a graph as a picture (exports and briefs)", () => {
  const hood = mockNeighbourhood(mockData, "changan-auto", 2, "both");
  const graph = buildGraph(hood, "zh");
  const legend = [{ label: "企业", color: "#1f77b4", shape: "dot" as const }];
  const p = pictureFromGraph(graph, { width: 1000, height: 600, measure: roughMeasure, fontFamily: "sans-serif", fontSize: 15, centre: "changan-auto", legend });

  it("fits every node inside the picture, right of the legend", () => {
    expect(p.nodes).toHaveLength(hood.nodes.length);
    for (const n of p.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(1000);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(600);
    }
  });
  it("labels the centre, with no two labels overlapping and all inside", () => {
    expect(p.labels.some((l) => l.id === "changan-auto")).toBe(true);
    expect(noOverlaps(p.labels.map((l) => l.box))).toBe(true);
    for (const l of p.labels) expect(l.box.x + l.box.w).toBeLessThanOrEqual(1000);
  });
  it("puts arrowheads on the rim of the target node", () => {
    const a = arrowHead(0, 0, 100, 0, 10, 6);
    expect(a.tip).toEqual([90, 0]);
    expect(a.end).toEqual([84, 0]);
  });
});
