/**
 * Builds the drawable graph model from a Neighbourhood. Pure (no DOM, no WebGL), so it is unit
 * tested; renderer.ts hands the result to sigma.
 *
 * Layout: nodes start on rings by distance from the centre (deterministic: sorted by kind, then
 * id), then ForceAtlas2 runs for a bounded number of iterations, which is also deterministic.
 * `buildGraph` runs it at once; `buildGraphOffThread` (the graph view) runs it in a worker for
 * large graphs, with the same code and the same positions (forceLayout.ts), so a large graph
 * never holds the page for seconds.
 */
import Graph from "graphology";
import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import { applyLayout, layoutJob, runLayout, runLayoutInWorker } from "./forceLayout";
import type { Lang } from "../i18n";
import type { EntityKind, GraphEdge, GraphNode, Neighbourhood, Relation } from "../ipc/types";
import { primaryName, shortName } from "../state/format";
import { KIND_ORDER, kindColour, relationColour } from "./colours";

export interface NodeAttributes {
  label: string;
  fullLabel: string;
  fixed?: boolean;
  kind: EntityKind;
  distance: number;
  color: string;
  size: number;
  x: number;
  y: number;
  forceLabel?: boolean;
  zIndex?: number;
  /** Part of a highlighted result (trace, path, what-if). Not sigma's `highlighted`, which draws a second label. */
  emphasis?: boolean;
}

export interface EdgeAttributes {
  relation: Relation;
  color: string;
  size: number;
  type: "arrow";
  zIndex?: number;
}

export type AtlasGraph = Graph<NodeAttributes, EdgeAttributes>;

export const LAYOUT_ITERATIONS = 80;
/** Up to this many nodes the ring layout alone is tidier than a force layout. */
export const RING_ONLY_MAX_NODES = 14;
/** From this many nodes `buildGraphOffThread` runs the force layout in a worker. */
export const WORKER_LAYOUT_MIN_NODES = 300;
const LABEL_MAX_LATIN = 30;
const LABEL_MAX_CJK = 14;

/** Shortens long labels for the canvas (the full name is in the list beside the graph). */
export function shortLabel(label: string): string {
  const cjk = /[\u3400-\u9fff]/.test(label);
  const max = cjk ? LABEL_MAX_CJK : LABEL_MAX_LATIN;
  const chars = Array.from(label);
  return chars.length <= max ? label : chars.slice(0, max - 1).join("").trimEnd() + "…";
}

function nodeSize(distance: number): number {
  return distance === 0 ? 16 : distance === 1 ? 10 : distance === 2 ? 7 : 6;
}

/** Positions on concentric rings, one ring per distance. */
export function ringLayout(nodes: ReadonlyArray<{ id: string; kind: EntityKind; distance: number }>): Map<string, { x: number; y: number }> {
  const byDistance = new Map<number, Array<{ id: string; kind: EntityKind }>>();
  for (const n of nodes) {
    const ring = byDistance.get(n.distance) ?? [];
    ring.push(n);
    byDistance.set(n.distance, ring);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [distance, ring] of byDistance) {
    ring.sort((a, b) => {
      const ka = KIND_ORDER.indexOf(a.kind);
      const kb = KIND_ORDER.indexOf(b.kind);
      return ka !== kb ? ka - kb : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    if (distance === 0 && ring.length === 1) {
      positions.set(ring[0]!.id, { x: 0, y: 0 });
      continue;
    }
    const radius = Math.max(1, distance) * 10;
    const offset = distance * 0.37; // rotate rings against each other so labels do not stack
    ring.forEach((n, i) => {
      const angle = offset + (2 * Math.PI * i) / ring.length;
      positions.set(n.id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  }
  return positions;
}

export interface BuildOptions {
  iterations?: number;
  /** Emphasise these nodes and edges (keys from `edgeKey`) and fade the rest. */
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
}

export const edgeKey = (from: string, to: string, relation: Relation): string => `${from}>${to}>${relation}`;

const FADED_NODE = "#c3c9d1";
const FADED_EDGE = "#e1e5ea";
const HIGHLIGHT_EDGE = "#e67e00";

/**
 * Adds a highlight's nodes and edges to a neighbourhood (those beyond its hops too), so the graph
 * view can show a trace, path or what-if result around the centre. Returns the merged
 * neighbourhood and the ids and edge keys to emphasise. Pure.
 */
export function mergeHighlight(
  hood: Neighbourhood,
  highlight: { nodes: ReadonlyArray<{ entity: GraphNode["entity"]; distance: number }>; edges: ReadonlyArray<GraphEdge> },
): { hood: Neighbourhood; nodes: Set<string>; edges: Set<string> } {
  const nodes = new Map(hood.nodes.map((n) => [n.entity.id, n] as const));
  for (const n of highlight.nodes) {
    const prev = nodes.get(n.entity.id);
    if (!prev) nodes.set(n.entity.id, { entity: n.entity, distance: n.distance });
  }
  const edgeKeys = new Set(hood.edges.map((e) => edgeKey(e.from, e.to, e.relation)));
  const edges = [...hood.edges];
  for (const e of highlight.edges) {
    const key = edgeKey(e.from, e.to, e.relation);
    if (!edgeKeys.has(key) && nodes.has(e.from) && nodes.has(e.to)) {
      edgeKeys.add(key);
      edges.push({ from: e.from, to: e.to, relation: e.relation });
    }
  }
  return {
    hood: { ...hood, nodes: [...nodes.values()], edges },
    nodes: new Set(highlight.nodes.map((n) => n.entity.id)),
    edges: new Set(highlight.edges.map((e) => edgeKey(e.from, e.to, e.relation))),
  };
}

/** Builds a graphology graph with positions, colours and labels for the chosen language. */
export function buildGraph(hood: Neighbourhood, lang: Lang, options: BuildOptions = {}): AtlasGraph {
  const graph = placeGraph(hood, lang, options);
  const force = forceSettings(graph, hood, options);
  if (force) forceAtlas2.assign(graph, force);
  return graph;
}

/**
 * The same graph as `buildGraph`, with the force layout of a graph of WORKER_LAYOUT_MIN_NODES or
 * more run in a worker (where there are workers), so the page keeps answering meanwhile.
 */
export async function buildGraphOffThread(hood: Neighbourhood, lang: Lang, options: BuildOptions = {}): Promise<AtlasGraph> {
  const graph = placeGraph(hood, lang, options);
  const force = forceSettings(graph, hood, options);
  if (!force) return graph;
  const job = () => layoutJob(graph, force.settings, force.iterations);
  if (graph.order >= WORKER_LAYOUT_MIN_NODES && typeof Worker !== "undefined") {
    try {
      applyLayout(graph, await runLayoutInWorker(job()));
      return graph;
    } catch {
      // A webview that refuses the worker still gets its graph, laid out here as before.
    }
  }
  applyLayout(graph, runLayout(job()));
  return graph;
}

/** The force layout's settings and iterations for a graph, or null when rings are best. */
function forceSettings(graph: AtlasGraph, hood: Neighbourhood, options: BuildOptions): { iterations: number; settings: ForceAtlas2Settings } | null {
  const iterations = options.iterations ?? LAYOUT_ITERATIONS;
  // A one-hop view is a star: rings show it best. Force layout helps from two hops on.
  const maxDistance = hood.nodes.reduce((m, n) => Math.max(m, n.distance), 0);
  if (!(iterations > 0 && maxDistance > 1 && graph.order > RING_ONLY_MAX_NODES && graph.size > 0)) return null;
  // The centre stays pinned at the origin so the others arrange around it.
  if (graph.hasNode(hood.centre)) graph.setNodeAttribute(hood.centre, "fixed", true);
  const settings = forceAtlas2.inferSettings(graph);
  // More repulsion than inferred: labels need room more than clusters need to be tight.
  const scalingRatio = (settings.scalingRatio ?? 1) * 4;
  return { iterations, settings: { ...settings, scalingRatio, barnesHutOptimize: graph.order > 500 } };
}

/** Nodes and links with colours, labels and ring positions, before any force layout. */
function placeGraph(hood: Neighbourhood, lang: Lang, options: BuildOptions): AtlasGraph {
  const graph: AtlasGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: true, allowSelfLoops: false });
  const hl = options.highlight ?? null;
  const labelEveryNode = hood.nodes.length <= RING_ONLY_MAX_NODES;
  const labelHighlighted = hl !== null && hl.nodes.size <= 40;
  const positions = ringLayout(hood.nodes.map((n) => ({ id: n.entity.id, kind: n.entity.kind, distance: n.distance })));
  for (const node of hood.nodes) {
    if (graph.hasNode(node.entity.id)) continue;
    const pos = positions.get(node.entity.id) ?? { x: 0, y: 0 };
    const on = hl !== null && hl.nodes.has(node.entity.id);
    const faded = hl !== null && !on;
    graph.addNode(node.entity.id, {
      // With a highlight, faded nodes are labelled on hover only (fullLabel), so the result reads clearly.
      label: faded ? "" : shortLabel(shortName(node.entity, lang)),
      fullLabel: primaryName(node.entity, lang),
      kind: node.entity.kind,
      distance: node.distance,
      color: faded ? FADED_NODE : kindColour(node.entity.kind),
      size: faded ? Math.max(4, nodeSize(node.distance) - 3) : on ? nodeSize(node.distance) + 3 : nodeSize(node.distance),
      x: pos.x,
      y: pos.y,
      // Small views label every node; bigger ones let sigma's label grid avoid overlaps.
      forceLabel: (hl === null ? labelEveryNode : on && labelHighlighted) || node.entity.id === hood.centre,
      ...(on ? { emphasis: true, zIndex: 1 } : {}),
    });
  }
  for (const edge of hood.edges) {
    if (!graph.hasNode(edge.from) || !graph.hasNode(edge.to) || edge.from === edge.to) continue;
    const on = hl !== null && hl.edges.has(edgeKey(edge.from, edge.to, edge.relation));
    graph.addEdge(edge.from, edge.to, {
      relation: edge.relation,
      color: hl === null ? relationColour(edge.relation) : on ? HIGHLIGHT_EDGE : FADED_EDGE,
      size: on ? 5 : hl !== null ? 1 : edge.relation === "supplies" ? 2.5 : 1.5,
      type: "arrow",
      ...(on ? { zIndex: 1 } : {}),
    });
  }
  return graph;
}

/** The kinds present, in legend order. */
export function kindsPresent(hood: Neighbourhood): EntityKind[] {
  const present = new Set(hood.nodes.map((n) => n.entity.kind));
  return KIND_ORDER.filter((k) => present.has(k));
}
