/** Pure helpers of the search box: keyboard selection, debouncing, results grouped by kind with facets. */
import type { EntityKind, EntityRef, SearchHit } from "../ipc/types";
import type { SystemHit } from "../ipc/bindings/SystemHit";

/** Moves the selection by `delta`, wrapping around; -1 means nothing selected. */
export function moveSelection(current: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (((current + delta) % count) + count) % count;
}

export const SEARCH_DEBOUNCE_MS = 80;
export const SEARCH_LIMIT = 20;

/** Debounces `fn` by `ms`; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** Normalises what the user typed before it is sent (trim, collapse spaces). */
export function normaliseQuery(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

// ---- Results grouped by kind, with facets (kind, district) ---------------------------------


/** What a result is: an entity's kind, or a published system (not an entity). */
export type ResultKind = EntityKind | "system";

/** One result of a search, in the order the answer ranked it. */
export type SearchItem = { type: "entity"; hit: SearchHit } | { type: "system"; hit: SystemHit };

export const itemKind = (item: SearchItem): ResultKind => (item.type === "system" ? "system" : item.hit.entity.kind);
export const itemDistrict = (item: SearchItem): EntityRef | null => (item.type === "entity" ? item.hit.district : null);
export const itemId = (item: SearchItem): string => (item.type === "system" ? item.hit.id : item.hit.entity.id);

/** A query naming a system by its formula ("9+2+5+30", "1 + 10"). */
export function looksLikeFormula(query: string): boolean {
  return /\d\s*[+＋]\s*\d/.test(query);
}

/**
 * Entities and systems in one ranked list. The answer ranks each kind on its own; systems come
 * first when the query is a formula (then a system is what was asked for), else after the entities.
 */
export function searchItems(result: { hits: readonly SearchHit[]; systems?: readonly SystemHit[] | null }, query: string): SearchItem[] {
  const entities: SearchItem[] = result.hits.map((hit) => ({ type: "entity", hit }));
  const systems: SearchItem[] = (result.systems ?? []).map((hit) => ({ type: "system", hit }));
  return looksLikeFormula(query) ? [...systems, ...entities] : [...entities, ...systems];
}

/** The facet chosen for each dimension; null: all. */
export interface SearchFacets {
  kind: ResultKind | null;
  district: string | null;
}

export const NO_FACETS: SearchFacets = { kind: null, district: null };

export interface FacetCount<V> {
  value: V;
  count: number;
}

export interface FacetCounts {
  /** Kinds in the order their best result ranks, each counted among results of the chosen district. */
  kinds: FacetCount<ResultKind>[];
  /** Districts, most results first, each counted among results of the chosen kind. */
  districts: FacetCount<EntityRef>[];
}

const matchesKind = (item: SearchItem, kind: ResultKind | null) => kind === null || itemKind(item) === kind;
const matchesDistrict = (item: SearchItem, district: string | null) => district === null || itemDistrict(item)?.id === district;

/** The results the chosen facets keep, in rank order. */
export function applyFacets(items: readonly SearchItem[], facets: SearchFacets): SearchItem[] {
  return items.filter((item) => matchesKind(item, facets.kind) && matchesDistrict(item, facets.district));
}

/**
 * The chips of each facet with their counts. Each dimension is counted with the other's choice
 * applied, so a count says how many results choosing it shows. A chosen value stays listed (with
 * 0) when a new query has no result of it, so the choice survives re-typing.
 */
export function facetCounts(items: readonly SearchItem[], facets: SearchFacets, chosenDistrict: EntityRef | null = null): FacetCounts {
  const kinds = new Map<ResultKind, number>();
  for (const item of items) {
    if (!matchesDistrict(item, facets.district)) continue;
    const kind = itemKind(item);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  if (facets.kind !== null && !kinds.has(facets.kind)) kinds.set(facets.kind, 0);
  const districts = new Map<string, { ref: EntityRef; count: number; first: number }>();
  items.forEach((item, i) => {
    const district = itemDistrict(item);
    if (!district || !matchesKind(item, facets.kind)) return;
    const entry = districts.get(district.id) ?? { ref: district, count: 0, first: i };
    entry.count++;
    districts.set(district.id, entry);
  });
  if (facets.district !== null && !districts.has(facets.district)) {
    const ref = chosenDistrict ?? items.map(itemDistrict).find((d) => d?.id === facets.district) ?? { id: facets.district, kind: "district", name_zh: null, name_en: facets.district };
    districts.set(facets.district, { ref, count: 0, first: Number.MAX_SAFE_INTEGER });
  }
  return {
    kinds: [...kinds.entries()].map(([value, count]) => ({ value, count })),
    districts: [...districts.values()].sort((a, b) => b.count - a.count || a.first - b.first).map((d) => ({ value: d.ref, count: d.count })),
  };
}

export interface ResultGroup {
  kind: ResultKind;
  items: SearchItem[];
}

/** Results under their kind: groups in the order of their best result, results in rank order. */
export function groupByKind(items: readonly SearchItem[]): ResultGroup[] {
  const groups = new Map<ResultKind, SearchItem[]>();
  for (const item of items) {
    const kind = itemKind(item);
    const list = groups.get(kind);
    if (list) list.push(item);
    else groups.set(kind, [item]);
  }
  return [...groups.entries()].map(([kind, list]) => ({ kind, items: list }));
}

/** The results in the order they are shown (group after group): what arrows move through and exports write. */
export function shownOrder(groups: readonly ResultGroup[]): SearchItem[] {
  return groups.flatMap((g) => g.items);
}
