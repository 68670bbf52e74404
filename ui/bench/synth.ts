/**
 * A synthetic neighbourhood for the graph benchmark (`cargo xtask bench --graph`), in the shape the
 * `neighbourhood` command returns. Seeded, so every run draws the same graph. Synthetic data is
 * for benchmarks only: it never reaches the app or an edition.
 */
import type { EntityKind, GraphEdge, GraphNode, Neighbourhood, Relation } from "../src/ipc/types";

/** mulberry32: a small seeded generator, enough for drawing a benchmark graph. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: readonly EntityKind[] = ["firm", "firm", "firm", "firm", "plant", "brand", "university", "research_institute", "park", "district"];
const RELATIONS: readonly Relation[] = ["supplies", "supplies", "supplies", "owns", "joint_venture", "co_develops", "located_in", "invests_in"];

/**
 * `nodes` entities and `links` distinct links. Every entity links to an earlier one (so the graph
 * is connected), the rest pick their ends with a preference for well-linked entities, as supply
 * chains do. Distances are breadth-first from entity 0, the centre, as the command reports them.
 */
export function synthNeighbourhood(nodes: number, links: number, seed: number): Neighbourhood {
  const random = seeded(seed);
  const id = (i: number) => `syn${String(i).padStart(5, "0")}`;
  const ends: number[] = [0];
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  const adjacent: number[][] = Array.from({ length: nodes }, () => []);
  const add = (a: number, b: number, relation: Relation): boolean => {
    const key = `${a}>${b}>${relation}`;
    if (a === b || seen.has(key)) return false;
    seen.add(key);
    edges.push({ from: id(a), to: id(b), relation });
    adjacent[a]!.push(b);
    adjacent[b]!.push(a);
    ends.push(a, b);
    return true;
  };
  const relation = () => RELATIONS[Math.floor(random() * RELATIONS.length)]!;
  for (let i = 1; i < nodes && edges.length < links; i++) {
    const other = ends[Math.floor(random() * ends.length)]!;
    if (random() < 0.5) add(i, other, relation());
    else add(other, i, relation());
  }
  while (edges.length < links) {
    const a = random() < 0.5 ? Math.floor(random() * nodes) : ends[Math.floor(random() * ends.length)]!;
    const b = ends[Math.floor(random() * ends.length)]!;
    add(a, b, relation());
  }
  const distance = new Array<number>(nodes).fill(-1);
  distance[0] = 0;
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    for (const m of adjacent[n]!) {
      if (distance[m] === -1) {
        distance[m] = distance[n]! + 1;
        queue.push(m);
      }
    }
  }
  const graphNodes: GraphNode[] = queue.map((i) => {
    const kind = i === 0 ? "brand" : KINDS[Math.floor(random() * KINDS.length)]!;
    return { entity: { id: id(i), kind, name_zh: null, name_en: `Synthetic ${kind.replace("_", " ")} ${i}` }, distance: distance[i]! };
  });
  return { centre: id(0), nodes: graphNodes, edges, hidden: 0 };
}
