/**
 * Pure helpers for the supply-chain analyses (trace, paths, risk, what-if): grouping results for
 * display and turning them into graph highlights. No DOM here.
 */
import type {
  ChainPath,
  CutPointsResult,
  Dependency,
  EntityRef,
  Relation,
  SegmentRef,
  SourcingResult,
  TraceEntry,
  TraceResult,
  WhatIfResult,
} from "../ipc/types";
import type { PathsArgs } from "../ipc/bindings/PathsArgs";
import type { TraceArgs } from "../ipc/bindings/TraceArgs";
import type { WhatIfArgs } from "../ipc/bindings/WhatIfArgs";
import type { Call } from "../ipc/transport";
import { OWNERSHIP_RELATIONS, SUPPLY_RELATIONS } from "../ipc/commands";

/** The segment every vehicle maker belongs to. */
export const VEHICLES_SEGMENT = "vehicles";

/** Relations that make the supply network: supplies, plus ownership when asked. */
export function supplyRelations(withOwnership: boolean): Relation[] {
  return withOwnership ? [...SUPPLY_RELATIONS, ...OWNERSHIP_RELATIONS] : [...SUPPLY_RELATIONS];
}

export interface Tier {
  depth: number;
  /** How many entities the tier holds in all (before the API's limit). */
  total: number;
  entries: TraceEntry[];
}

/** A trace's entries by tier, nearest first; `total` from `tiers` (which counts before the limit). */
export function groupTiers(result: Pick<TraceResult, "entries" | "tiers">): Tier[] {
  const byDepth = new Map<number, TraceEntry[]>();
  for (const e of result.entries) {
    const list = byDepth.get(e.depth) ?? [];
    list.push(e);
    byDepth.set(e.depth, list);
  }
  const depths = new Set<number>([...byDepth.keys(), ...result.tiers.map((_, i) => i + 1)]);
  return [...depths]
    .sort((a, b) => a - b)
    .map((depth) => {
      const entries = byDepth.get(depth) ?? [];
      return { depth, total: Math.max(result.tiers[depth - 1] ?? 0, entries.length), entries };
    })
    .filter((t) => t.total > 0);
}

export interface RiskFacts {
  /** Segments in which this vehicle maker has one supplier (sole) or two (dual). */
  sole: Dependency[];
  dual: Dependency[];
  /** Makers for which this entity is one of only one or two suppliers of a segment. */
  soleSourceFor: Dependency[];
  dualSourceFor: Dependency[];
  /** Whether removing the entity splits the network. */
  articulation: boolean;
  /** The entities whose only connection to the rest is through a link with this entity. */
  bridges: EntityRef[];
  /** True when the cut-point lists were truncated and the entity was not in them (unknown, not "no"). */
  cutPointsIncomplete: boolean;
}

/** The risk facts about one entity, from the sourcing and cut-point analyses over the whole chain. */
export function riskFacts(id: string, sourcing: Pick<SourcingResult, "dependencies">, cuts: CutPointsResult): RiskFacts {
  const own = sourcing.dependencies.filter((d) => d.maker.id === id);
  const supplied = sourcing.dependencies.filter((d) => d.maker.id !== id && d.suppliers.some((s) => s.id === id));
  const articulation = cuts.articulation_points.some((e) => e.id === id);
  const bridges: EntityRef[] = [];
  const seen = new Set<string>();
  for (const b of cuts.bridges) {
    const other = b.a.id === id ? b.b : b.b.id === id ? b.a : null;
    if (other && !seen.has(other.id)) {
      seen.add(other.id);
      bridges.push(other);
    }
  }
  return {
    sole: own.filter((d) => d.sole),
    dual: own.filter((d) => !d.sole),
    soleSourceFor: supplied.filter((d) => d.sole),
    dualSourceFor: supplied.filter((d) => !d.sole),
    articulation,
    bridges,
    cutPointsIncomplete: cuts.truncated > 0 && !articulation,
  };
}

/** Nodes and links to emphasise in the graph view, with a title for the banner above it. */
export interface Highlight {
  kind: "trace" | "path" | "whatIf";
  /** The entity the graph is centred on. */
  centre: string;
  /** Entities to emphasise, with a distance from the centre for the layout. */
  nodes: Array<{ entity: EntityRef; distance: number }>;
  edges: Array<{ from: string; to: string; relation: Relation }>;
  /** Parameters for the title, e.g. the origin's name. */
  label: { origin: EntityRef; target?: EntityRef; count: number };
}

/** A trace as a highlight: every entity reached, and the link that reached it. */
export function traceHighlight(result: TraceResult): Highlight {
  const nodes = [{ entity: result.origin, distance: 0 }, ...result.entries.map((e) => ({ entity: e.entity, distance: e.depth }))];
  const edges = result.entries.map((e) => {
    // Upstream entries supply (or own) the entity they were reached through; downstream the reverse.
    // (With "both" the API does not say which side an entry is on; they are drawn as upstream.)
    return result.direction === "downstream" ? { from: e.via, to: e.entity.id, relation: e.relation } : { from: e.entity.id, to: e.via, relation: e.relation };
  });
  return { kind: "trace", centre: result.origin.id, nodes: dedupeNodes(nodes), edges, label: { origin: result.origin, count: result.entries.length } };
}

/** One path as a highlight, each hop drawn in the direction of its link. */
export function pathHighlight(path: ChainPath): Highlight {
  const origin = path.entities[0]!;
  const target = path.entities[path.entities.length - 1]!;
  return {
    kind: "path",
    centre: origin.id,
    nodes: path.entities.map((entity, i) => ({ entity, distance: i })),
    edges: path.hops.map((hop) => (hop.along ? { from: hop.from, to: hop.to, relation: hop.relation } : { from: hop.to, to: hop.from, relation: hop.relation })),
    label: { origin, target, count: path.hops.length },
  };
}

/**
 * A what-if as a highlight: the removed entities (centre: the first), the local suppliers lost and
 * the makers that lose them. Lost supplier -> maker is drawn as a supply link (it may run through
 * up to `max_depth` tiers).
 */
export function whatIfHighlight(result: WhatIfResult, centre: EntityRef): Highlight {
  const nodes: Array<{ entity: EntityRef; distance: number }> = [{ entity: centre, distance: 0 }];
  for (const r of result.removed) nodes.push({ entity: r, distance: 1 });
  const edges: Highlight["edges"] = [];
  const edgeKeys = new Set<string>();
  for (const m of result.makers) {
    nodes.push({ entity: m.maker, distance: 3 });
    for (const s of m.segments) {
      for (const lost of s.lost_suppliers) {
        nodes.push({ entity: lost, distance: 2 });
        const key = lost.id + ">" + m.maker.id;
        if (!edgeKeys.has(key) && lost.id !== m.maker.id) {
          edgeKeys.add(key);
          edges.push({ from: lost.id, to: m.maker.id, relation: "supplies" });
        }
      }
    }
  }
  return { kind: "whatIf", centre: centre.id, nodes: dedupeNodes(nodes), edges, label: { origin: centre, count: result.makers.length } };
}

/** Keeps the first (nearest) occurrence of each entity. */
function dedupeNodes(nodes: Array<{ entity: EntityRef; distance: number }>): Array<{ entity: EntityRef; distance: number }> {
  const best = new Map<string, { entity: EntityRef; distance: number }>();
  for (const n of nodes) {
    const prev = best.get(n.entity.id);
    if (!prev || n.distance < prev.distance) best.set(n.entity.id, n);
  }
  return [...best.values()];
}

/** Segments lost per maker, counted over a what-if result, for its summary line. */
export function whatIfTotals(result: Pick<WhatIfResult, "makers">): { makers: number; segmentLosses: number; segments: SegmentRef[] } {
  const segments = new Map<string, SegmentRef>();
  let segmentLosses = 0;
  for (const m of result.makers) {
    for (const s of m.segments) {
      segmentLosses++;
      segments.set(s.segment.id, s.segment);
    }
  }
  return { makers: result.makers.length, segmentLosses, segments: [...segments.values()] };
}

/**
 * The question behind a highlight: the trace, paths or what-if the user ran, with its arguments.
 * The graph's address carries it (`#/graph/<id>?hl=<question>`), and the graph view asks it again,
 * so a reload, a bookmark or a link sent to a colleague shows the same highlight.
 */
export type HighlightQuestion =
  | { kind: "trace"; args: TraceArgs }
  | { kind: "path"; args: PathsArgs; index: number }
  | { kind: "whatIf"; args: WhatIfArgs; centre: string };

/** The question as the text of the `hl` parameter (the router encodes it). */
export function questionToken(question: HighlightQuestion): string {
  return JSON.stringify(question);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The question in an `hl` parameter, or null when it holds none (the API checks the arguments). */
export function parseQuestion(token: string | null): HighlightQuestion | null {
  if (token === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(token);
  } catch {
    return null;
  }
  if (!isObject(value) || !isObject(value.args)) return null;
  if (value.kind === "trace" && typeof value.args.id === "string") return { kind: "trace", args: value.args as TraceArgs };
  if (value.kind === "path" && typeof value.args.from === "string" && typeof value.args.to === "string" && Number.isInteger(value.index) && (value.index as number) >= 0) {
    return { kind: "path", args: value.args as PathsArgs, index: value.index as number };
  }
  if (value.kind === "whatIf" && typeof value.centre === "string") return { kind: "whatIf", args: value.args as WhatIfArgs, centre: value.centre };
  return null;
}

/** Asks the question again and turns the answer into a highlight; null when the path is gone. */
export async function answerQuestion(call: Call, question: HighlightQuestion): Promise<Highlight | null> {
  switch (question.kind) {
    case "trace":
      return traceHighlight(await call("trace", question.args));
    case "path": {
      const path = (await call("paths", question.args)).paths[question.index];
      return path ? pathHighlight(path) : null;
    }
    case "whatIf": {
      const result = await call("what_if", question.args);
      const centre = result.removed.find((e) => e.id === question.centre) ?? (await call("entity", { id: question.centre })).entity;
      return whatIfHighlight(result, centre);
    }
  }
}
