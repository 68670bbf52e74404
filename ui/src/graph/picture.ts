/**
 * A drawn graph as plain data (nodes, edges, placed labels in pixels), and its SVG. The graph view
 * takes the picture from what sigma drew (so an export matches the screen); a brief makes one
 * from the layout. SVG elements are built with createElementNS and text nodes only.
 */
import { svg } from "../components/dom";
import { LabelPlacer, type PlacedLabel } from "./labels";
import type { AtlasGraph } from "./model";

export interface PictureNode {
  id: string;
  x: number;
  y: number;
  r: number;
  color: string;
}

export interface PictureEdge {
  from: string;
  to: string;
  color: string;
  width: number;
}

export interface LegendEntry {
  label: string;
  color: string;
  shape: "dot" | "line";
}

export interface Picture {
  width: number;
  height: number;
  background: string;
  ink: string;
  halo: string;
  fontFamily: string;
  fontSize: number;
  fontWeight: string;
  nodes: PictureNode[];
  edges: PictureEdge[];
  labels: PlacedLabel[];
  legend: LegendEntry[];
  title: string | null;
  /** The accessible name of the SVG (else the title, else the labels). */
  caption?: string;
}

export type Measure = (text: string, fontPx: number) => number;

/** A rough width when no canvas is at hand: CJK characters a full em, others about half. */
export const roughMeasure: Measure = (text, px) =>
  Array.from(text).reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? px : px * 0.56), 0);

export interface FromGraphOptions {
  width: number;
  height: number;
  measure: Measure;
  fontFamily: string;
  fontSize: number;
  centre?: string;
  dark?: boolean;
  legend?: LegendEntry[];
  title?: string | null;
  caption?: string;
  padding?: number;
}

/**
 * Fits the layout (graph y points up, as in sigma) into width × height and places the labels:
 * the centre first, then nearer and larger nodes.
 */
export function pictureFromGraph(graph: AtlasGraph, o: FromGraphOptions): Picture {
  const pad = o.padding ?? Math.max(40, o.fontSize * 3);
  const ids = graph.nodes();
  const xs = ids.map((id) => graph.getNodeAttribute(id, "x"));
  const ys = ids.map((id) => graph.getNodeAttribute(id, "y"));
  const minX = Math.min(...xs, 0), maxX = Math.max(...xs, 0);
  const minY = Math.min(...ys, 0), maxY = Math.max(...ys, 0);
  const spanX = Math.max(1e-9, maxX - minX), spanY = Math.max(1e-9, maxY - minY);
  // The legend sits top left: the graph is fitted into the room beside it.
  const legendFont = Math.round(o.fontSize * 0.8);
  const legendWidth = (o.legend ?? []).length > 0 ? 50 + Math.max(...(o.legend ?? []).map((l) => o.measure(l.label, legendFont))) : 0;
  const left = legendWidth + pad;
  const scale = Math.min((o.width - left - pad) / spanX, (o.height - 2 * pad) / spanY);
  const offX = left + (o.width - left - pad - spanX * scale) / 2, offY = (o.height - spanY * scale) / 2;
  const sizeScale = Math.max(1, o.fontSize / 16);
  const nodes: PictureNode[] = ids.map((id) => {
    const a = graph.getNodeAttributes(id);
    return { id, x: offX + (a.x - minX) * scale, y: offY + (maxY - a.y) * scale, r: a.size * sizeScale, color: a.color };
  });
  const edges: PictureEdge[] = graph.mapEdges((_, a, from, to) => ({ from, to, color: a.color, width: a.size }));
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const placer = new LabelPlacer(o.width, o.height);
  for (const n of nodes) placer.avoidNode(n.id, n.x, n.y, n.r);
  if (legendWidth > 0) placer.reserve({ x: 0, y: 0, w: legendWidth, h: 16 + legendFont * 1.5 * (o.legend ?? []).length + 8 });
  const order = [...ids].sort((a, b) => {
    const A = graph.getNodeAttributes(a), B = graph.getNodeAttributes(b);
    return Number(b === o.centre) - Number(a === o.centre) || A.distance - B.distance || B.size - A.size || (a < b ? -1 : 1);
  });
  for (const id of order) {
    const text = graph.getNodeAttribute(id, "label");
    const n = byId.get(id)!;
    if (text) placer.place(id, text, n.x, n.y, n.r, o.measure(text, o.fontSize), o.fontSize, id === o.centre);
  }
  return {
    width: o.width,
    height: o.height,
    background: o.dark ? "#18202b" : "#ffffff",
    ink: o.dark ? "#f2f5f9" : "#111111",
    halo: o.dark ? "rgba(24,32,43,0.92)" : "rgba(255,255,255,0.92)",
    fontFamily: o.fontFamily,
    fontSize: o.fontSize,
    fontWeight: "600",
    nodes,
    edges,
    labels: placer.placed,
    legend: o.legend ?? [],
    title: o.title ?? null,
    ...(o.caption ? { caption: o.caption } : {}),
  };
}

/** An arrowhead's three corners for an edge ending at the rim of the target node. */
export function arrowHead(x1: number, y1: number, x2: number, y2: number, r: number, size: number): { tip: [number, number]; points: string; end: [number, number] } {
  const dx = x2 - x1, dy = y2 - y1;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  const tip: [number, number] = [x2 - ux * r, y2 - uy * r];
  const base: [number, number] = [tip[0] - ux * size, tip[1] - uy * size];
  const half = size * 0.5;
  const left: [number, number] = [base[0] - uy * half, base[1] + ux * half];
  const right: [number, number] = [base[0] + uy * half, base[1] - ux * half];
  const f = (p: [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`;
  return { tip, points: `${f(tip)} ${f(left)} ${f(right)}`, end: base };
}

/**
 * The picture as an SVG element. With `outWidth`/`outHeight` the drawing is scaled to fit that
 * size (the whole picture, centred), for exports at a chosen size.
 */
export function pictureSvg(p: Picture, outWidth = p.width, outHeight = p.height): SVGSVGElement {
  const byId = new Map(p.nodes.map((n) => [n.id, n] as const));
  const edges = p.edges.flatMap((e) => {
    const a = byId.get(e.from), b = byId.get(e.to);
    if (!a || !b) return [];
    const head = arrowHead(a.x, a.y, b.x, b.y, b.r, Math.max(6, e.width * 3));
    return [svg("g", { class: "edge" },
      svg("line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: head.end[0].toFixed(1), y2: head.end[1].toFixed(1), stroke: e.color, "stroke-width": e.width }),
      svg("polygon", { points: head.points, fill: e.color }),
    )];
  });
  const nodes = p.nodes.map((n) => svg("circle", { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: n.r.toFixed(1), fill: n.color, stroke: p.background, "stroke-width": 1.5, "data-id": n.id }));
  const font = { "font-family": p.fontFamily, "font-size": p.fontSize, "font-weight": p.fontWeight };
  const labels = p.labels.map((l) =>
    svg("text", { class: "node-label", x: l.x.toFixed(1), y: l.baseline.toFixed(1), fill: p.ink, stroke: p.halo, "stroke-width": 4, "stroke-linejoin": "round", "paint-order": "stroke", "data-id": l.id, ...font }, l.text),
  );
  const legendFont = Math.round(p.fontSize * 0.8);
  const legend = p.legend.map((entry, i) => {
    const y = 16 + legendFont * 1.5 * (i + 0.5);
    const mark = entry.shape === "dot"
      ? svg("circle", { cx: 22, cy: y, r: legendFont * 0.4, fill: entry.color })
      : svg("line", { x1: 12, x2: 32, y1: y, y2: y, stroke: entry.color, "stroke-width": 3 });
    return svg("g", { class: "legend-entry" }, mark,
      svg("text", { x: 40, y: y + legendFont * 0.35, fill: p.ink, "font-family": p.fontFamily, "font-size": legendFont }, entry.label));
  });
  const title = p.title ? svg("text", { x: p.width - 16, y: p.height - 14, "text-anchor": "end", fill: p.ink, "font-family": p.fontFamily, "font-size": legendFont, "font-weight": "600" }, p.title) : null;
  return svg("svg", {
    xmlns: "http://www.w3.org/2000/svg",
    width: outWidth,
    height: outHeight,
    viewBox: `0 0 ${p.width} ${p.height}`,
    preserveAspectRatio: "xMidYMid meet",
    role: "img",
    // Marks SVGs the app draws (with text nodes only), for the XSS probes that count <svg>.
    "data-drawn": "atlas",
    "aria-label": p.caption ?? p.title ?? p.labels.map((l) => l.text).join(", "),
  },
    svg("rect", { x: -p.width, y: -p.height, width: p.width * 3, height: p.height * 3, fill: p.background }),
    svg("g", { class: "edges" }, ...edges),
    svg("g", { class: "nodes" }, ...nodes),
    svg("g", { class: "labels" }, ...labels),
    legend.length > 0
      ? svg("g", { class: "legend" },
          // A panel behind the legend keeps it readable where the drawing runs under it.
          svg("rect", { x: 4, y: 4, width: 48 + Math.max(...p.legend.map((e) => roughMeasure(e.label, legendFont))), height: 16 + legendFont * 1.5 * p.legend.length, fill: p.background, "fill-opacity": 0.88, rx: 6 }),
          ...legend)
      : null,
    title,
  ) as SVGSVGElement;
}
