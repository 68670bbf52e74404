/**
 * Hash routes. Pure: parse and format only; main.ts listens to `hashchange`.
 * Adding a view means adding a variant here and a file in views/.
 */
import type { CentralityMeasure } from "../ipc/bindings/CentralityMeasure";
import type { Direction } from "../ipc/types";
import { isResultKind, NO_FACETS, type SearchFacets } from "./search";

export type Route =
  | { name: "start" }
  | ({ name: "entity"; id: string; asOf?: number } & TraceView)
  | { name: "graph"; id: string; hops: number; direction: Direction; highlight: string | null; asOf?: number }
  | { name: "systems"; id: string | null }
  | { name: "chain"; open?: string[] }
  | { name: "whatIf"; entities: string[]; places: string[] }
  | { name: "brief"; id: string }
  | { name: "briefWhatIf"; entities: string[]; places: string[]; depth: number }
  | { name: "briefSegment"; id: string }
  | { name: "briefPath"; from: string; to: string; k: number; directed: boolean; index: number }
  | { name: "workspace" }
  | { name: "changes" }
  | { name: "map"; district: string | null; kinds: string[]; segment: string | null }
  | { name: "policies"; query: string; sort: PolicySort; descending: boolean }
  | { name: "compare"; ids: string[] }
  | { name: "statistics" }
  | { name: "connected"; measure: CentralityMeasure; supplyOnly: boolean }
  | { name: "search"; query: string; facets: SearchFacets }
  | { name: "notFound"; hash: string };

/**
 * How an entity page's supply-chain trace is shown, when not as it opens by default: its
 * customers rather than its suppliers (`trace=customers`), one tier depth (`tier=1..3`), with
 * ownership links (`own=1`); and what the path finder was asked: the entity to reach (`to=id`),
 * how many paths (`k=1|5`, 3 when absent) and whether along the links' direction (`directed=1`).
 */
export interface TraceView {
  customers?: true;
  tier?: number;
  own?: true;
  pathTo?: string;
  pathK?: number;
  pathDirected?: true;
}

/** The numbers of paths the path finder offers; 3 is asked when a link names none. */
export const PATH_KS = [1, 3, 5] as const;
export const DEFAULT_PATH_K = 3;

function traceView(query: URLSearchParams): TraceView {
  const view: TraceView = {};
  if (query.get("trace") === "customers") view.customers = true;
  const tier = query.get("tier");
  if (tier === "1" || tier === "2" || tier === "3") view.tier = Number(tier);
  if (query.get("own") === "1") view.own = true;
  const to = query.get("to");
  if (to) {
    view.pathTo = to;
    const k = Number(query.get("k"));
    if (k !== DEFAULT_PATH_K && (PATH_KS as readonly number[]).includes(k)) view.pathK = k;
    if (query.get("directed") === "1") view.pathDirected = true;
  }
  return view;
}

/** The columns the policy library sorts by. */
export const POLICY_SORTS = ["title", "issuer", "doc", "issued", "horizon", "status"] as const;
export type PolicySort = (typeof POLICY_SORTS)[number];

/** The rankings of the "most connected" view, in the order its buttons show them. */
export const CENTRALITY_MEASURES: readonly CentralityMeasure[] = ["degree", "pagerank", "betweenness"];

export const DEFAULT_HOPS = 1;
export const DEFAULT_DIRECTION: Direction = "both";
const DIRECTIONS: readonly Direction[] = ["upstream", "downstream", "both"];

function clampHops(raw: string | null): number {
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  if (!Number.isFinite(n)) return DEFAULT_HOPS;
  return Math.min(3, Math.max(1, n));
}

/** The years an "as of" may name (as the API accepts them). */
export const AS_OF_MIN = 1800;
export const AS_OF_MAX = 2100;

/** `asof=YYYY` of a query: a whole year in range, or nothing (as of now). */
export function parseAsOf(raw: string | null): number | undefined {
  if (raw === null || !/^\d{4}$/.test(raw)) return undefined;
  const year = Number(raw);
  return year >= AS_OF_MIN && year <= AS_OF_MAX ? year : undefined;
}

/** `route` with its as-of year set, or removed when `year` is undefined. */
function withAsOf<R extends object>(route: R, year: number | undefined): R & { asOf?: number } {
  return year === undefined ? route : { ...route, asOf: year };
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** A comma-separated id list from a query parameter: trimmed, no empties, no duplicates. */
function idList(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0))];
}

/** Parses `location.hash` (with or without the leading `#`). */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  const [pathPart, queryPart = ""] = raw.split("?", 2) as [string, string?];
  const path = pathPart === "" ? "/" : pathPart;
  const segments = path.split("/").filter((s) => s.length > 0);
  if (segments.length === 0) return { name: "start" };
  const id = segments.length === 2 ? safeDecode(segments[1]!) : null;
  if (segments[0] === "entity" && id) {
    const query = new URLSearchParams(queryPart);
    return { ...withAsOf({ name: "entity" as const, id }, parseAsOf(query.get("asof"))), ...traceView(query) };
  }
  if (segments[0] === "systems" && segments.length === 1) return { name: "systems", id: null };
  if (segments[0] === "systems" && id) return { name: "systems", id };
  if (segments[0] === "graph" && id) {
    const query = new URLSearchParams(queryPart);
    const dir = query.get("direction");
    const direction = DIRECTIONS.includes(dir as Direction) ? (dir as Direction) : DEFAULT_DIRECTION;
    const highlight = query.get("hl");
    return withAsOf({ name: "graph" as const, id, hops: clampHops(query.get("hops")), direction, highlight: highlight ? highlight : null }, parseAsOf(query.get("asof")));
  }
  if (segments[0] === "brief" && segments[1] === "what-if" && segments.length === 2) {
    const query = new URLSearchParams(queryPart);
    const depth = Number.parseInt(query.get("depth") ?? "3", 10);
    return { name: "briefWhatIf", entities: idList(query.get("entities")), places: idList(query.get("places")), depth: Number.isFinite(depth) ? Math.min(5, Math.max(1, depth)) : 3 };
  }
  if (segments[0] === "brief" && segments[1] === "path" && segments.length === 2) {
    const query = new URLSearchParams(queryPart);
    const int = (name: string, fallback: number, max: number) => {
      const n = Number.parseInt(query.get(name) ?? "", 10);
      return Number.isFinite(n) ? Math.min(max, Math.max(0, n)) : fallback;
    };
    const from = query.get("from"), to = query.get("to");
    if (from && to) return { name: "briefPath", from, to, k: Math.max(1, int("k", 3, 10)), directed: query.get("directed") === "1", index: int("i", 0, 9) };
    return { name: "notFound", hash: raw };
  }
  if (segments[0] === "brief" && segments[1] === "segment" && segments.length === 3) {
    const seg = safeDecode(segments[2]!);
    if (seg) return { name: "briefSegment", id: seg };
  }
  if (segments[0] === "brief" && id) return { name: "brief", id };
  if (segments[0] === "chain" && segments.length === 1) {
    const open = idList(new URLSearchParams(queryPart).get("open"));
    return open.length > 0 ? { name: "chain", open } : { name: "chain" };
  }
  if (segments[0] === "workspace" && segments.length === 1) return { name: "workspace" };
  if (segments[0] === "changes" && segments.length === 1) return { name: "changes" };
  if (segments[0] === "statistics" && segments.length === 1) return { name: "statistics" };
  if (segments[0] === "connected" && segments.length === 1) {
    const query = new URLSearchParams(queryPart);
    const measure = query.get("measure") as CentralityMeasure | null;
    return { name: "connected", measure: measure && CENTRALITY_MEASURES.includes(measure) ? measure : "pagerank", supplyOnly: query.get("links") === "supply" };
  }
  if (segments[0] === "search" && segments.length === 1) {
    const query = new URLSearchParams(queryPart);
    const grade = query.get("grade"), kind = query.get("kind");
    return {
      name: "search",
      query: query.get("q") ?? "",
      facets: {
        kind: kind && isResultKind(kind) ? kind : null,
        district: query.get("district") || null,
        segment: query.get("segment") || null,
        grade: grade === "A" || grade === "B" || grade === "C" ? grade : null,
      },
    };
  }
  if (segments[0] === "map" && segments.length === 1) {
    const query = new URLSearchParams(queryPart);
    return { name: "map", district: query.get("district") || null, kinds: idList(query.get("kinds")), segment: query.get("segment") || null };
  }
  if (segments[0] === "compare" && segments.length === 1) {
    return { name: "compare", ids: idList(new URLSearchParams(queryPart).get("ids")).slice(0, 4) };
  }
  if (segments[0] === "policies" && segments.length === 1) {
    const query = new URLSearchParams(queryPart);
    const sort = query.get("sort") as PolicySort | null;
    return { name: "policies", query: query.get("q") ?? "", sort: sort && POLICY_SORTS.includes(sort) ? sort : "issued", descending: query.get("order") !== "asc" };
  }
  if (segments[0] === "what-if" && segments.length === 1) {
    const query = new URLSearchParams(queryPart);
    return { name: "whatIf", entities: idList(query.get("entities")), places: idList(query.get("places")) };
  }
  return { name: "notFound", hash: raw };
}

/** Formats a route as a hash (`#/…`). Defaults are left out so links stay short. */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case "start":
      return "#/";
    case "entity": {
      const query = new URLSearchParams();
      if (route.asOf !== undefined) query.set("asof", String(route.asOf));
      if (route.customers) query.set("trace", "customers");
      if (route.tier !== undefined) query.set("tier", String(route.tier));
      if (route.own) query.set("own", "1");
      if (route.pathTo) {
        query.set("to", route.pathTo);
        if (route.pathK !== undefined && route.pathK !== DEFAULT_PATH_K) query.set("k", String(route.pathK));
        if (route.pathDirected) query.set("directed", "1");
      }
      const q = query.toString();
      return "#/entity/" + encodeURIComponent(route.id) + (q ? "?" + q : "");
    }
    case "graph": {
      const query = new URLSearchParams();
      if (route.hops !== DEFAULT_HOPS) query.set("hops", String(route.hops));
      if (route.direction !== DEFAULT_DIRECTION) query.set("direction", route.direction);
      if (route.highlight) query.set("hl", route.highlight);
      if (route.asOf !== undefined) query.set("asof", String(route.asOf));
      const q = query.toString();
      return "#/graph/" + encodeURIComponent(route.id) + (q ? "?" + q : "");
    }
    case "systems":
      return route.id === null ? "#/systems" : "#/systems/" + encodeURIComponent(route.id);
    case "chain":
      return "#/chain" + (route.open && route.open.length > 0 ? "?open=" + route.open.map(encodeURIComponent).join(",") : "");
    case "whatIf": {
      const query = new URLSearchParams();
      if (route.entities.length > 0) query.set("entities", route.entities.join(","));
      if (route.places.length > 0) query.set("places", route.places.join(","));
      const q = query.toString().replace(/%2C/g, ",");
      return "#/what-if" + (q ? "?" + q : "");
    }
    case "brief":
      return "#/brief/" + encodeURIComponent(route.id);
    case "briefSegment":
      return "#/brief/segment/" + encodeURIComponent(route.id);
    case "briefPath": {
      const query = new URLSearchParams({ from: route.from, to: route.to, k: String(route.k), i: String(route.index) });
      if (route.directed) query.set("directed", "1");
      return "#/brief/path?" + query.toString();
    }
    case "briefWhatIf": {
      const query = new URLSearchParams();
      if (route.entities.length > 0) query.set("entities", route.entities.join(","));
      if (route.places.length > 0) query.set("places", route.places.join(","));
      if (route.depth !== 3) query.set("depth", String(route.depth));
      const q = query.toString().replace(/%2C/g, ",");
      return "#/brief/what-if" + (q ? "?" + q : "");
    }
    case "workspace":
      return "#/workspace";
    case "changes":
      return "#/changes";
    case "statistics":
      return "#/statistics";
    case "connected":
      return `#/connected?measure=${route.measure}` + (route.supplyOnly ? "&links=supply" : "");
    case "search": {
      const query = new URLSearchParams();
      if (route.query) query.set("q", route.query);
      const { kind, district, segment, grade } = route.facets;
      if (kind) query.set("kind", kind);
      if (district) query.set("district", district);
      if (segment) query.set("segment", segment);
      if (grade) query.set("grade", grade);
      const q = query.toString();
      return "#/search" + (q ? "?" + q : "");
    }
    case "map": {
      const query = new URLSearchParams();
      if (route.district) query.set("district", route.district);
      if (route.kinds.length > 0) query.set("kinds", route.kinds.join(","));
      if (route.segment) query.set("segment", route.segment);
      const q = query.toString().replace(/%2C/g, ",");
      return "#/map" + (q ? "?" + q : "");
    }
    case "compare":
      return "#/compare" + (route.ids.length > 0 ? "?ids=" + route.ids.map(encodeURIComponent).join(",") : "");
    case "policies": {
      const query = new URLSearchParams();
      if (route.query) query.set("q", route.query);
      if (route.sort !== "issued") query.set("sort", route.sort);
      if (!route.descending) query.set("order", "asc");
      const q = query.toString();
      return "#/policies" + (q ? "?" + q : "");
    }
    case "notFound":
      return "#" + route.hash;
  }
}

/**
 * The language a link asks for (`lang=zh` or `lang=en` in the query of any route), so a link can
 * be shared in a language; null when it names none. The routes themselves ignore it.
 */
export function langOfHash(hash: string): "en" | "zh" | null {
  const query = hash.split("?", 2)[1];
  if (query === undefined) return null;
  const lang = new URLSearchParams(query).get("lang");
  return lang === "en" || lang === "zh" ? lang : null;
}

/** `hash` with its `lang` parameter set to `lang` (or removed when null), the rest kept as it is. */
export function withLang(hash: string, lang: "en" | "zh" | null): string {
  const [path = "", query = ""] = hash.split("?", 2) as [string, string?];
  const kept = query.split("&").filter((p) => p !== "" && !p.startsWith("lang="));
  if (lang) kept.push(`lang=${lang}`);
  return path + (kept.length > 0 ? "?" + kept.join("&") : "");
}

export const entityHref = (id: string, asOf?: number): string => formatRoute(withAsOf({ name: "entity" as const, id }, asOf));
/**
 * The address of entity `id` as of `year` (now when undefined), keeping how the page at `current`
 * (the address shown, with what the trace and path finder were set to) shows it: its trace
 * (customers, tier, ownership) and the path finder's question. Another page's address keeps nothing.
 */
export function entityYearHref(current: string, id: string, year: number | undefined): string {
  const route = parseRoute(current);
  if (route.name !== "entity" || route.id !== id) return entityHref(id, year);
  const { asOf: _, ...kept } = route;
  return formatRoute(withAsOf(kept, year));
}
export const graphHref = (id: string, hops = DEFAULT_HOPS, direction: Direction = DEFAULT_DIRECTION, highlight: string | null = null, asOf?: number): string =>
  formatRoute(withAsOf({ name: "graph" as const, id, hops, direction, highlight }, asOf));
export const chainHref = (): string => "#/chain";
export const whatIfHref = (entities: readonly string[] = [], places: readonly string[] = []): string =>
  formatRoute({ name: "whatIf", entities: [...entities], places: [...places] });
export const systemsHref = (id: string | null = null): string => formatRoute({ name: "systems", id });
export const briefHref = (id: string): string => formatRoute({ name: "brief", id });
export const whatIfBriefHref = (entities: readonly string[], places: readonly string[], depth = 3): string =>
  formatRoute({ name: "briefWhatIf", entities: [...entities], places: [...places], depth });
export const pathBriefHref = (from: string, to: string, k: number, directed: boolean, index: number): string =>
  formatRoute({ name: "briefPath", from, to, k, directed, index });
export const segmentBriefHref = (id: string): string => formatRoute({ name: "briefSegment", id });
export const mapHref = (district: string | null = null, kinds: readonly string[] = [], segment: string | null = null): string =>
  formatRoute({ name: "map", district, kinds: [...kinds], segment });
export const policiesHref = (): string => "#/policies";
export const statisticsHref = (): string => "#/statistics";
export const connectedHref = (): string => "#/connected";
/** The search results page of `query` with the facets chosen. */
export const searchHref = (query: string, facets: SearchFacets = NO_FACETS): string => formatRoute({ name: "search", query, facets });
export const compareHref = (ids: readonly string[]): string => formatRoute({ name: "compare", ids: [...ids] });
