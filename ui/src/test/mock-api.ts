/**
 * A small hand-made mock of the API for unit tests (and nothing else). It answers the
 * commands from mock-data.json in the documented shapes; it is not the real search or graph logic.
 */
import type { Call } from "../ipc/transport";
import { ApiFailure } from "../ipc/transport";
import type { Edition, EntityPage, GraphEdge, Neighbourhood, SearchHit, Systems } from "../ipc/types";
import raw from "./mock-data.json";

interface MockData {
  edition: Edition;
  pages: Record<string, EntityPage>;
  edges: GraphEdge[];
  search_keys: Record<string, string[]>;
  systems: Systems;
}

export const mockData = raw as unknown as MockData;

export function mockSearch(data: MockData, query: string, limit = 20): SearchHit[] {
  const q = query.toLowerCase().replace(/\s+/g, "");
  const hits: SearchHit[] = [];
  for (const page of Object.values(data.pages)) {
    const candidates = [...page.names.map((n) => n.text), ...(data.search_keys[page.entity.id] ?? [])];
    const matched = candidates.find((c) => c.toLowerCase().replace(/\s+/g, "").includes(q));
    const grade = page.sources.map((s) => s.grade).sort()[0] ?? null;
    if (matched) hits.push({ entity: page.entity, district: page.district, matched, segments: page.segments, grade });
  }
  return hits.slice(0, limit);
}

export function mockNeighbourhood(data: MockData, id: string, hops = 1, direction: "upstream" | "downstream" | "both" = "both", cap = 50): Neighbourhood {
  const distance = new Map<string, number>([[id, 0]]);
  let frontier = [id];
  for (let d = 1; d <= hops; d++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const e of data.edges) {
        const out = direction !== "upstream" && e.from === at ? e.to : null;
        const inc = direction !== "downstream" && e.to === at ? e.from : null;
        for (const other of [out, inc]) {
          if (other && !distance.has(other)) {
            distance.set(other, d);
            next.push(other);
          }
        }
      }
    }
    frontier = next;
  }
  const all = [...distance.entries()];
  const kept = all.slice(0, cap);
  const keptIds = new Set(kept.map(([k]) => k));
  return {
    centre: id,
    nodes: kept.map(([k, d]) => ({ entity: data.pages[k]!.entity, distance: d })),
    edges: data.edges.filter((e) => keptIds.has(e.from) && keptIds.has(e.to)),
    hidden: all.length - kept.length,
  };
}

export function mockCall(data: MockData = mockData): Call {
  return (async (command: string, args: Record<string, unknown>) => {
    switch (command) {
      case "edition":
        return data.edition;
      case "systems":
        return data.systems;
      case "search":
        return { query: args.query, hits: mockSearch(data, String(args.query), args.limit as number | undefined) };
      case "entity": {
        const page = data.pages[String(args.id)];
        if (!page) throw new ApiFailure({ code: "not_found", message: `No entity with id ${String(args.id)}` });
        return page;
      }
      case "neighbourhood": {
        if (!data.pages[String(args.id)]) throw new ApiFailure({ code: "not_found", message: `No entity with id ${String(args.id)}` });
        return mockNeighbourhood(data, String(args.id), args.hops as number | undefined, args.direction as never, args.cap as number | undefined);
      }
      default:
        throw new ApiFailure({ code: "invalid_argument", message: `Unknown command ${command}` });
    }
  }) as Call;
}
