import { describe, expect, it } from "vitest";
import { LabelPlacer, noOverlaps, overlaps } from "./labels";

describe("label placement", () => {
  it("detects overlapping boxes", () => {
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBe(true);
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(false);
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 11, y: 0, w: 10, h: 10 }, 2)).toBe(true);
  });
  it("moves a crowded label to another side and drops one that fits nowhere", () => {
    const p = new LabelPlacer(400, 300);
    const a = p.place("a", "Alpha", 100, 100, 5, 60, 16);
    expect(a?.box.x).toBeGreaterThan(100);
    // A node just right of the first: its label cannot go right (over "Alpha"): it goes elsewhere or nowhere.
    const b = p.place("b", "Beta", 120, 100, 5, 60, 16);
    if (b) expect(overlaps(b.box, a!.box)).toBe(false);
    // A node further down: room on its right.
    const c = p.place("c", "Gamma", 100, 160, 5, 60, 16);
    expect(c?.box.x).toBeGreaterThan(100);
    // Many labels on one point: at most four spots, and none overlap.
    const many = Array.from({ length: 8 }, (_, i) => p.place(`m${i}`, "Mmmm", 300, 200, 5, 50, 16));
    expect(many.filter((m) => m !== null).length).toBeLessThanOrEqual(4);
    expect(noOverlaps(p.placed.map((l) => l.box))).toBe(true);
  });
  it("keeps labels inside the picture", () => {
    const p = new LabelPlacer(200, 100);
    const l = p.place("edge", "A long label here", 195, 50, 4, 120, 14);
    expect(l).not.toBeNull();
    expect(l!.box.x + l!.box.w).toBeLessThanOrEqual(200);
    expect(p.place("none", "Too wide for the picture entirely", 100, 50, 4, 260, 14)).toBeNull();
  });
});

describe("reserved areas", () => {
  it("keeps labels off a reserved box (the legend)", () => {
    const p = new LabelPlacer(400, 300);
    p.reserve({ x: 0, y: 0, w: 150, h: 100 });
    const l = p.place("a", "Label", 100, 50, 5, 60, 16);
    if (l) expect(l.box.x >= 150 || l.box.y >= 100).toBe(true);
    expect(p.placed.every((x) => x.id !== "")).toBe(true);
  });
});
