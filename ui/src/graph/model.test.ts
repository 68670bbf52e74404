import { describe, expect, it, vi } from "vitest";
import type { Neighbourhood } from "../ipc/types";
import { mockData, mockNeighbourhood } from "../test/mock-api";
import { buildGraph, buildGraphOffThread, edgeKey, kindsPresent, mergeHighlight, ringLayout } from "./model";
import { KIND_COLOURS } from "./colours";

describe("buildGraph", () => {
  const hood = mockNeighbourhood(mockData, "changan-auto", 2, "both");

  it("has one node per entity and one edge per link, with kind colours", () => {
    const graph = buildGraph(hood, "en");
    expect(graph.order).toBe(hood.nodes.length);
    expect(graph.size).toBe(hood.edges.length);
    expect(graph.getNodeAttribute("changan-auto", "color")).toBe(KIND_COLOURS.firm);
    expect(graph.getNodeAttribute("district-yubei", "color")).toBe(KIND_COLOURS.district);
    expect(graph.getNodeAttribute("changan-auto", "size")).toBeGreaterThan(graph.getNodeAttribute("district-yubei", "size"));
  });

  it("labels nodes in the chosen language, falling back to the other", () => {
    expect(buildGraph(hood, "zh").getNodeAttribute("district-yubei", "label")).toBe("渝北区");
    expect(buildGraph(hood, "en").getNodeAttribute("district-yubei", "label")).toBe("Yubei District");
  });

  it("is deterministic and keeps the centre at the origin", () => {
    const a = buildGraph(hood, "en");
    const b = buildGraph(hood, "en");
    a.forEachNode((id, attr) => {
      expect(Number.isFinite(attr.x) && Number.isFinite(attr.y)).toBe(true);
      expect(b.getNodeAttributes(id)).toMatchObject({ x: attr.x, y: attr.y });
    });
    expect(a.getNodeAttribute("changan-auto", "x")).toBeCloseTo(0);
    expect(a.getNodeAttribute("changan-auto", "y")).toBeCloseTo(0);
  });

  it("drops edges to nodes outside the view and self loops, and keeps parallel edges", () => {
    const odd: Neighbourhood = {
      centre: "a",
      nodes: [
        { entity: { id: "a", kind: "firm", name_zh: null, name_en: "A" }, distance: 0 },
        { entity: { id: "b", kind: "brand", name_zh: "乙", name_en: null }, distance: 1 },
      ],
      edges: [
        { from: "a", to: "b", relation: "owns" },
        { from: "a", to: "b", relation: "supplies" },
        { from: "a", to: "gone", relation: "supplies" },
        { from: "a", to: "a", relation: "supplies" },
      ],
      hidden: 3,
    };
    const graph = buildGraph(odd, "en");
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(2);
    expect(graph.getNodeAttribute("b", "label")).toBe("乙");
  });

  it("pins the centre and runs the force layout on bigger graphs, deterministically", () => {
    const nodes = Array.from({ length: 30 }, (_, i) => ({ entity: { id: `n${i}`, kind: "firm" as const, name_zh: null, name_en: `Node ${i}` }, distance: i === 0 ? 0 : i < 10 ? 1 : 2 }));
    const edges = nodes.slice(1).map((n, i) => ({ from: i < 9 ? "n0" : `n${1 + (i % 9)}`, to: n.entity.id, relation: "supplies" as const }));
    const big: Neighbourhood = { centre: "n0", nodes, edges, hidden: 0 };
    const a = buildGraph(big, "en");
    const b = buildGraph(big, "en");
    expect(a.getNodeAttributes("n0")).toMatchObject({ x: 0, y: 0 });
    a.forEachNode((id, attr) => expect(b.getNodeAttributes(id)).toMatchObject({ x: attr.x, y: attr.y }));
    const ring = buildGraph(big, "en", { iterations: 0 });
    const star: Neighbourhood = { ...big, nodes: nodes.map((n) => ({ ...n, distance: Math.min(n.distance, 1) })) };
    expect(buildGraph(star, "en").getNodeAttributes("n15")).toMatchObject(buildGraph(star, "en", { iterations: 0 }).getNodeAttributes("n15"));
    expect(ring.getNodeAttribute("n15", "x")).not.toBeCloseTo(a.getNodeAttribute("n15", "x"));
  });

  it("lays out a large graph the same way when the force layout runs apart (as in the worker)", async () => {
    // 600 nodes: Barnes-Hut on, the path the graph view sends to a worker where there is one.
    const nodes = Array.from({ length: 600 }, (_, i) => ({ entity: { id: `n${i}`, kind: "firm" as const, name_zh: null, name_en: `Node ${i}` }, distance: i === 0 ? 0 : i < 20 ? 1 : 2 }));
    const edges = nodes.slice(1).flatMap((n, i) => [
      { from: i < 19 ? "n0" : `n${1 + (i % 19)}`, to: n.entity.id, relation: "supplies" as const },
      { from: n.entity.id, to: `n${(i * 7) % 600}`, relation: "owns" as const },
    ]).filter((e) => e.from !== e.to);
    const big: Neighbourhood = { centre: "n0", nodes, edges, hidden: 0 };
    const at_once = buildGraph(big, "en");
    const apart = await buildGraphOffThread(big, "en");
    const ring = buildGraph(big, "en", { iterations: 0 });
    expect(apart.order).toBe(600);
    expect(apart.size).toBe(at_once.size);
    let moved = 0;
    at_once.forEachNode((id, attr) => {
      expect(apart.getNodeAttributes(id)).toMatchObject({ x: attr.x, y: attr.y, label: attr.label, color: attr.color });
      if (attr.x !== ring.getNodeAttribute(id, "x")) moved++;
    });
    expect(moved).toBeGreaterThan(500);
  });

  it("lays a large graph out on the page when the worker cannot start", async () => {
    const nodes = Array.from({ length: 320 }, (_, i) => ({ entity: { id: `n${i}`, kind: "firm" as const, name_zh: null, name_en: `Node ${i}` }, distance: i === 0 ? 0 : i < 10 ? 1 : 2 }));
    const edges = nodes.slice(1).map((n, i) => ({ from: i < 9 ? "n0" : `n${1 + (i % 9)}`, to: n.entity.id, relation: "supplies" as const }));
    const big: Neighbourhood = { centre: "n0", nodes, edges, hidden: 0 };
    let started = 0;
    // A worker that fails to load, as one refused by a content policy does.
    class FailingWorker {
      onerror: ((e: { message: string }) => void) | null = null;
      constructor() {
        started++;
        setTimeout(() => this.onerror?.({ message: "refused" }), 0);
      }
      postMessage(): void {}
      terminate(): void {}
    }
    vi.stubGlobal("Worker", FailingWorker);
    try {
      const apart = await buildGraphOffThread(big, "en");
      expect(started).toBe(1);
      const at_once = buildGraph(big, "en");
      at_once.forEachNode((id, attr) => expect(apart.getNodeAttributes(id)).toMatchObject({ x: attr.x, y: attr.y }));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("shortens long labels for the canvas and keeps the full name", () => {
    const long: Neighbourhood = { centre: "a", nodes: [{ entity: { id: "a", kind: "firm", name_zh: "重庆市经济和信息化委员会下属某某研究中心", name_en: "Chongqing Municipal Commission of Economy and Information Technology" }, distance: 0 }], edges: [], hidden: 0 };
    const en = buildGraph(long, "en").getNodeAttributes("a");
    expect(en.label.endsWith("…")).toBe(true);
    expect(Array.from(en.label).length).toBeLessThanOrEqual(30);
    expect(en.fullLabel).toBe("Chongqing Municipal Commission of Economy and Information Technology");
    expect(Array.from(buildGraph(long, "zh").getNodeAttribute("a", "label")).length).toBeLessThanOrEqual(14);
  });

  it("copes with a lone centre", () => {
    const lone: Neighbourhood = { centre: "a", nodes: [{ entity: { id: "a", kind: "firm", name_zh: null, name_en: null }, distance: 0 }], edges: [], hidden: 0 };
    const graph = buildGraph(lone, "en");
    expect(graph.getNodeAttributes("a")).toMatchObject({ x: 0, y: 0, label: "a" });
  });
});

describe("ringLayout", () => {
  it("puts distance d on a ring of radius 10·d", () => {
    const pos = ringLayout([
      { id: "c", kind: "firm", distance: 0 },
      { id: "x", kind: "firm", distance: 1 },
      { id: "y", kind: "park", distance: 2 },
    ]);
    expect(pos.get("c")).toEqual({ x: 0, y: 0 });
    expect(Math.hypot(pos.get("x")!.x, pos.get("x")!.y)).toBeCloseTo(10);
    expect(Math.hypot(pos.get("y")!.x, pos.get("y")!.y)).toBeCloseTo(20);
  });
});

describe("kindsPresent", () => {
  it("lists kinds in legend order, once each", () => {
    const hood = mockNeighbourhood(mockData, "changan-auto", 1, "both");
    expect(kindsPresent(hood)).toEqual(["firm", "brand", "research_institute", "district"]);
  });
});

describe("mock neighbourhood directions", () => {
  it("upstream follows links into the entity, downstream links out of it", () => {
    const up = mockNeighbourhood(mockData, "changan-auto", 1, "upstream").nodes.map((n) => n.entity.id).sort();
    const down = mockNeighbourhood(mockData, "changan-auto", 1, "downstream").nodes.map((n) => n.entity.id).sort();
    expect(up).toEqual(["caeri", "changan-auto", "times-changan"]);
    expect(down).toEqual(["changan-auto", "deepal", "district-yubei", "times-changan"]);
  });
});

describe("mergeHighlight", () => {
  const hood: Neighbourhood = {
    centre: "a",
    nodes: [
      { entity: { id: "a", kind: "firm", name_zh: null, name_en: "A" }, distance: 0 },
      { entity: { id: "b", kind: "firm", name_zh: null, name_en: "B" }, distance: 1 },
      { entity: { id: "x", kind: "park", name_zh: null, name_en: "X" }, distance: 1 },
    ],
    edges: [
      { from: "b", to: "a", relation: "supplies" },
      { from: "a", to: "x", relation: "located_in" },
    ],
    hidden: 0,
  };
  const far = { id: "c", kind: "firm" as const, name_zh: null, name_en: "C" };
  const highlight = {
    nodes: [{ entity: hood.nodes[0]!.entity, distance: 0 }, { entity: hood.nodes[1]!.entity, distance: 1 }, { entity: far, distance: 2 }],
    edges: [{ from: "b", to: "a", relation: "supplies" as const }, { from: "c", to: "b", relation: "supplies" as const }],
  };

  it("adds highlighted entities and links beyond the neighbourhood", () => {
    const merged = mergeHighlight(hood, highlight);
    expect(merged.hood.nodes.map((n) => [n.entity.id, n.distance])).toEqual([["a", 0], ["b", 1], ["x", 1], ["c", 2]]);
    expect(merged.hood.edges).toHaveLength(3);
    expect([...merged.nodes]).toEqual(["a", "b", "c"]);
    expect(merged.edges.has(edgeKey("c", "b", "supplies"))).toBe(true);
  });

  it("emphasises the highlight and fades the rest", () => {
    const merged = mergeHighlight(hood, highlight);
    const graph = buildGraph(merged.hood, "en", { highlight: { nodes: merged.nodes, edges: merged.edges } });
    expect(graph.getNodeAttribute("c", "emphasis")).toBe(true);
    expect(graph.getNodeAttribute("x", "emphasis")).toBeUndefined();
    expect(graph.getNodeAttribute("x", "color")).not.toBe(KIND_COLOURS.park);
    expect(graph.getNodeAttribute("c", "forceLabel")).toBe(true);
    const on = graph.edges().filter((e) => graph.getEdgeAttribute(e, "size") > 2);
    expect(on).toHaveLength(2);
  });
});
