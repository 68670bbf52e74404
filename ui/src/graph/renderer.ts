/**
 * The sigma.js adapter: the only file that touches sigma. Labels are drawn on canvas, so data
 * never reaches the DOM as markup.
 */
import Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import type { AtlasGraph, EdgeAttributes, NodeAttributes } from "./model";

export const LABEL_FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

export interface GraphHandle {
  /** Where a node is drawn, in pixels relative to the container (for tests and tooltips). */
  positionOf(id: string): { x: number; y: number } | null;
  /** Resolves after two animation frames, when the canvas surely shows the graph. */
  settled(): Promise<void>;
  kill(): void;
}

export interface RenderOptions {
  onNodeClick(id: string): void;
  centre: string;
}

/** Draws a label with a white halo so it stays readable over edges, even on a projector. */
function drawLabel(
  context: CanvasRenderingContext2D,
  data: PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color">,
  settings: Settings<NodeAttributes, EdgeAttributes>,
): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const y = data.y + size / 3;
  // Labels point away from the middle: left of nodes in the left part of the canvas, right of the
  // others; and never off the canvas when the other side has room.
  const width = context.measureText(data.label).width;
  const canvasWidth = context.canvas.width / (window.devicePixelRatio || 1);
  const right = data.x + data.size + 4;
  const left = data.x - data.size - 4 - width;
  const preferLeft = data.x < canvasWidth * 0.4;
  const x = preferLeft ? (left >= 4 ? left : right) : right + width > canvasWidth - 4 && left >= 4 ? left : right;
  context.lineWidth = 4;
  context.lineJoin = "round";
  context.strokeStyle = "rgba(255,255,255,0.92)";
  context.strokeText(data.label, x, y);
  context.fillStyle = "#111";
  context.fillText(data.label, x, y);
}

export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return !!(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

export function renderGraph(container: HTMLElement, graph: AtlasGraph, options: RenderOptions): GraphHandle {
  let hovered: string | null = null;
  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    labelFont: LABEL_FONT,
    labelSize: 16,
    labelWeight: "600",
    labelDensity: 0.7,
    labelGridCellSize: 160,
    labelRenderedSizeThreshold: 4,
    defaultEdgeType: "arrow",
    renderEdgeLabels: false,
    zIndex: true,
    stagePadding: 60,
    allowInvalidContainer: true,
    defaultDrawNodeLabel: drawLabel,
    nodeReducer: (node, data) => {
      if (node === hovered) return { ...data, label: data.fullLabel, zIndex: 2 };
      if (node === options.centre) return { ...data, highlighted: true, zIndex: 1 };
      return data;
    },
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
  return {
    settled: () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
    positionOf: (id) => {
      if (!graph.hasNode(id)) return null;
      const { x, y } = graph.getNodeAttributes(id);
      return sigma.graphToViewport({ x, y });
    },
    kill: () => sigma.kill(),
  };
}
