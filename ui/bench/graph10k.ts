/**
 * The page of `cargo xtask bench --graph` (built by ui/vite.bench.config.ts, never part of the
 * app's dist). It draws a synthetic graph either with the app's own graph code (model.ts layout,
 * renderer.ts on sigma, as the graph view does) or with cytoscape.js on the same nodes, links and
 * positions, and records what tests/e2e/graph-bench.mjs reads: load time, long tasks and the time
 * between animation frames while the runner pans and zooms with the mouse.
 */
// First of all: every main-thread task over 50 ms, from the Long Tasks API (`buffered` also
// reports those before this line).
window.benchLongTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.benchLongTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });

import "../src/fonts/noto-sans-sc.css";
import { synthNeighbourhood } from "./synth";
import type { Neighbourhood } from "../src/ipc/types";

type Positions = Record<string, { x: number; y: number }>;

interface Bench {
  nodes: number;
  links: number;
  /** Draws the graph; resolves with the time from the call to a painted graph (ms). */
  start(positions?: Positions): Promise<{ started: number; ready: number }>;
  /** When each step ended (ours only): laid_out, font, renderer (sigma built). */
  steps: Record<string, number>;
  /** The layout drawn (ours only), to hand the same positions to cytoscape. */
  positions(): Positions;
  startFrames(): void;
  stopFrames(): number[];
}

declare global {
  interface Window {
    bench: Bench;
    benchLongTasks: Array<{ start: number; duration: number }>;
  }
}

const params = new URLSearchParams(location.search);
const which = params.get("renderer") ?? "ours";
const hood: Neighbourhood = synthNeighbourhood(Number(params.get("nodes") ?? 10000), Number(params.get("links") ?? 30000), Number(params.get("seed") ?? 1));
const container = document.getElementById("graph")!;
const twoFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
let positions: () => Positions = () => ({});
let frames: number[] = [];
let counting = false;
/** When each step of ours ended (performance.now()), to tell which step a long task fell in. */
const steps: Record<string, number> = {};

async function ours(): Promise<void> {
  // The graph view's steps (views/graph.ts): model, then the renderer module, font, sigma.
  const model = await import("../src/graph/model");
  const graph = await model.buildGraphOffThread(hood, "en");
  steps.laid_out = performance.now();
  const renderer = await import("../src/graph/renderer");
  const labelSize = Math.round(18 * 0.85);
  await renderer.loadLabelFont(graph.mapNodes((_, a) => a.label), labelSize);
  steps.font = performance.now();
  // A new task from here, so that a long task falls in one step (the view goes on in the same,
  // short, task: nothing but the font check runs before sigma is built).
  await new Promise((r) => setTimeout(r, 0));
  const handle = renderer.renderGraph(container, graph, { centre: hood.centre, onNodeClick: () => {}, labelSize, present: false, dark: false });
  steps.renderer = performance.now();
  await handle.settled();
  positions = () => Object.fromEntries(graph.mapNodes((id, a) => [id, { x: a.x, y: a.y }]));
}

async function cyto(given: Positions): Promise<void> {
  const { default: cytoscape } = await import("cytoscape");
  const { kindColour, relationColour } = await import("../src/graph/colours");
  const size = (d: number) => (d === 0 ? 16 : d === 1 ? 10 : d === 2 ? 7 : 6);
  const cy = cytoscape({
    container,
    pixelRatio: 1,
    layout: { name: "preset" },
    elements: {
      nodes: hood.nodes.map((n) => ({
        data: { id: n.entity.id, label: n.entity.name_en ?? n.entity.id, color: kindColour(n.entity.kind), size: 2 * size(n.distance) },
        // sigma's y axis points up, cytoscape's down.
        position: { x: given[n.entity.id]?.x ?? 0, y: -(given[n.entity.id]?.y ?? 0) },
      })),
      edges: hood.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, color: relationColour(e.relation), width: e.relation === "supplies" ? 2.5 : 1.5 } })),
    },
    style: [
      { selector: "node", style: { "background-color": "data(color)", width: "data(size)", height: "data(size)", label: "data(label)", "font-size": 15, "min-zoomed-font-size": 9 } },
      { selector: "edge", style: { "line-color": "data(color)", width: "data(width)", "curve-style": "straight", "target-arrow-shape": "triangle", "target-arrow-color": "data(color)" } },
    ],
  });
  cy.fit(undefined, 60);
  await twoFrames();
}

window.bench = {
  nodes: hood.nodes.length,
  links: hood.edges.length,
  steps,
  async start(given) {
    const started = performance.now();
    if (which === "cytoscape") await cyto(given ?? {});
    else await ours();
    return { started, ready: performance.now() };
  },
  positions: () => positions(),
  startFrames() {
    frames = [];
    counting = true;
    let last = performance.now();
    const tick = (now: number) => {
      if (!counting) return;
      frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  },
  stopFrames() {
    counting = false;
    return frames;
  },
};
