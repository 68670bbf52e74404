/**
 * The sigma.js adapter: the only file that touches sigma. Labels are drawn on canvas, so data
 * never reaches the DOM as markup. Each frame places its labels with one LabelPlacer, so no two
 * labels overlap; the placed boxes are kept for tests and for exports (which draw what is seen).
 */
import Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import { LabelPlacer, type PlacedLabel } from "./labels";
import type { AtlasGraph, EdgeAttributes, NodeAttributes } from "./model";
import type { LegendEntry, Picture } from "./picture";

import { LABEL_FONT } from "./font";
export { LABEL_FONT, loadLabelFont } from "./font";

export interface GraphHandle {
  /** Where a node is drawn, in pixels relative to the container (for tests and tooltips). */
  positionOf(id: string): { x: number; y: number } | null;
  /** The labels drawn in the last frame, with their boxes in container pixels. */
  labels(): PlacedLabel[];
  /** What is on screen as a picture (for SVG and PNG exports). */
  picture(legend: LegendEntry[], title: string | null): Picture;
  /** Resolves after two animation frames, when the canvas surely shows the graph. */
  settled(): Promise<void>;
  kill(): void;
}

export interface RenderOptions {
  onNodeClick(id: string): void;
  centre: string;
  /** Label size in px (larger in presentation mode and with larger text). */
  labelSize: number;
  dark: boolean;
  /** Presentation mode: more labels, bigger nodes. */
  present: boolean;
}

export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return !!(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

/**
 * From this many links, links and labels are left out while the view pans or zooms and drawn
 * again when it stops: redrawing tens of thousands of arrows every frame holds the page for
 * seconds without a fast GPU (`cargo xtask bench --graph`, docs/benchmarks.md).
 */
export const STILL_DRAWING_MIN_LINKS = 5000;

export function renderGraph(container: HTMLElement, graph: AtlasGraph, options: RenderOptions): GraphHandle {
  let hovered: string | null = null;
  const ink = options.dark ? "#f2f5f9" : "#111";
  const halo = options.dark ? "rgba(24,32,43,0.92)" : "rgba(255,255,255,0.92)";
  let placer = new LabelPlacer(container.clientWidth, container.clientHeight);
  let lastFrame: PlacedLabel[] = [];
  const measurer = document.createElement("canvas").getContext("2d")!;
  let prepared = false;
  let constructed = false;
  const weight = "600";

  const drawLabel = (
    context: CanvasRenderingContext2D,
    data: PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color">,
    settings: Settings<NodeAttributes, EdgeAttributes>,
  ): void => {
    if (!data.label) return;
    if (!prepared) prepare();
    const size = settings.labelSize;
    context.font = `${weight} ${size}px ${settings.labelFont}`;
    const width = context.measureText(data.label).width;
    const id = (data as { key?: string }).key ?? data.label;
    const placed = placer.placed.find((l) => l.id === id) ?? placer.place(id, data.label, data.x, data.y, data.size, width, size);
    if (!placed) return;
    context.lineWidth = Math.max(3, size / 4);
    context.lineJoin = "round";
    context.strokeStyle = halo;
    context.strokeText(data.label, placed.x, placed.baseline);
    context.fillStyle = ink;
    context.fillText(data.label, placed.x, placed.baseline);
  };

  // Hover: a ring and the full name in a box, on the hover layer (over everything).
  const drawHover = (
    context: CanvasRenderingContext2D,
    data: PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color">,
    settings: Settings<NodeAttributes, EdgeAttributes>,
  ): void => {
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
    context.lineWidth = 3;
    context.strokeStyle = options.dark ? "#ffffff" : "#10233f";
    context.stroke();
    if ((data as { key?: string }).key !== hovered || !data.label) return;
    const size = settings.labelSize;
    context.font = `${weight} ${size}px ${settings.labelFont}`;
    const w = context.measureText(data.label).width;
    const x = Math.min(data.x + data.size + 6, context.canvas.width / (window.devicePixelRatio || 1) - w - 10);
    context.fillStyle = options.dark ? "#0f141b" : "#ffffff";
    context.fillRect(x - 4, data.y - size * 0.8, w + 8, size * 1.6);
    context.fillStyle = ink;
    context.fillText(data.label, x, data.y + size / 3);
  };

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    labelFont: LABEL_FONT,
    labelSize: options.labelSize,
    labelWeight: weight,
    labelDensity: options.present ? 1.5 : 0.9,
    labelGridCellSize: options.present ? 120 : 140,
    labelRenderedSizeThreshold: 3,
    defaultEdgeType: "arrow",
    renderEdgeLabels: false,
    zIndex: true,
    stagePadding: Math.max(60, options.labelSize * 3),
    allowInvalidContainer: true,
    hideEdgesOnMove: graph.size >= STILL_DRAWING_MIN_LINKS,
    hideLabelsOnMove: graph.size >= STILL_DRAWING_MIN_LINKS,
    defaultDrawNodeLabel: drawLabel,
    defaultDrawNodeHover: drawHover,
    nodeReducer: (node, data) => {
      const sized = options.present ? { ...data, size: data.size * 1.3 } : data;
      if (node === hovered) return { ...sized, label: data.fullLabel, zIndex: 2, highlighted: true };
      if (node === options.centre) return { ...sized, highlighted: true, zIndex: 1 };
      return sized;
    },
  });
  sigma.on("beforeRender", () => {
    placer = new LabelPlacer(container.clientWidth, container.clientHeight);
    prepared = false;
  });
  // Done at the frame's first label, when sigma has processed the frame's node positions.
  function prepare(): void {
    // sigma draws once inside its constructor, before `sigma` below exists: skip that frame's extras.
    if (!constructed) return;
    prepared = true;
    // Labels keep clear of the discs of every node.
    graph.forEachNode((id) => {
      const d = sigma.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const p = sigma.framedGraphToViewport(d);
      placer.avoidNode(id, p.x, p.y, sigma.scaleSize(d.size));
    });
    // The centre's label first, so a neighbour never takes its place.
    const c = graph.hasNode(options.centre) ? sigma.getNodeDisplayData(options.centre) : undefined;
    const label = c && !c.hidden ? graph.getNodeAttribute(options.centre, "label") : "";
    if (c && label) {
      measurer.font = `${weight} ${options.labelSize}px ${LABEL_FONT}`;
      const p = sigma.framedGraphToViewport(c);
      placer.place(options.centre, label, p.x, p.y, sigma.scaleSize(c.size), measurer.measureText(label).width, options.labelSize, true);
    }
  }
  constructed = true;
  sigma.on("afterRender", () => {
    lastFrame = [...placer.placed];
  });
  sigma.on("clickNode", ({ node }) => options.onNodeClick(node));
  sigma.on("enterNode", ({ node }) => {
    hovered = node;
    container.style.cursor = "pointer";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on("leaveNode", () => {
    hovered = null;
    container.style.cursor = "";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.refresh();

  return {
    settled: () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
    positionOf: (id) => {
      if (!graph.hasNode(id)) return null;
      const { x, y } = graph.getNodeAttributes(id);
      return sigma.graphToViewport({ x, y });
    },
    labels: () => lastFrame,
    picture: (legend, title) => {
      const nodes = graph.mapNodes((id) => {
        const d = sigma.getNodeDisplayData(id)!;
        const p = sigma.framedGraphToViewport(d);
        return { id, x: p.x, y: p.y, r: sigma.scaleSize(d.size), color: d.color };
      });
      const edges = graph.mapEdges((_, a, from, to) => ({ from, to, color: a.color, width: a.size }));
      return {
        width: container.clientWidth,
        height: container.clientHeight,
        background: options.dark ? "#18202b" : "#ffffff",
        ink,
        halo,
        fontFamily: LABEL_FONT,
        fontSize: options.labelSize,
        fontWeight: weight,
        nodes,
        edges,
        labels: lastFrame.filter((l) => graph.hasNode(l.id)),
        legend,
        title,
      };
    },
    kill: () => sigma.kill(),
  };
}
