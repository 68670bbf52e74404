/**
 * ForceAtlas2 on graphology-layout-forceatlas2's flat matrices, the same steps as its `assign`
 * (matrices from the graph, N iterations, positions back), split so that the iterations can run
 * in a worker (layout.worker.ts) while the page stays responsive. Same code, same input, same
 * positions as `forceAtlas2.assign`.
 */
import type Graph from "graphology";
import DEFAULTS from "graphology-layout-forceatlas2/defaults.js";
import { assignLayoutChanges, graphToByteArrays } from "graphology-layout-forceatlas2/helpers.js";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

export interface LayoutJob {
  settings: ForceAtlas2Settings;
  iterations: number;
  nodes: Float32Array;
  edges: Float32Array;
}

/** The matrices of `graph` and the settings with the library's defaults filled in. */
export function layoutJob(graph: Graph, settings: ForceAtlas2Settings, iterations: number): LayoutJob {
  // No edge carries a weight: every link counts 1, as `assign` counts them without one.
  const { nodes, edges } = graphToByteArrays(graph, () => 1);
  return { settings: { ...DEFAULTS, ...settings }, iterations, nodes, edges };
}

/** Runs the iterations on the job's node matrix, in place; returns it. */
export function runLayout(job: LayoutJob): Float32Array {
  for (let i = 0; i < job.iterations; i++) iterate(job.settings, job.nodes, job.edges);
  return job.nodes;
}

/** Writes the positions of a node matrix back to the graph. */
export function applyLayout(graph: Graph, nodes: Float32Array): void {
  assignLayoutChanges(graph, nodes, null);
}

/** Runs a job in a worker; resolves with the node matrix (the job's arrays are handed over). */
export function runLayoutInWorker(job: LayoutJob): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<Float32Array>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "layout worker failed"));
    };
    worker.postMessage(job, [job.nodes.buffer, job.edges.buffer]);
  });
}
