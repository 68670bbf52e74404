/** Pure helpers of the search box: keyboard selection, debouncing, results grouped by kind with facets. */
import type { EntityKind, EntityRef, Grade, SearchHit, SegmentRef } from "../ipc/types";
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

// ---- Results grouped by kind, with facets (kind, district, segment, evidence grade) ---------------------------------


/** What a result is: an entity's kind, or a published system (not an entity). */
export type ResultKind = EntityKind | "system";

const RESULT_KINDS: Record<ResultKind, true> = {
  firm: true, brand: true, plant: true, university: true, test_agency: true, proving_ground: true, research_institute: true,
  park: true, district: true, government_body: true, alliance: true, policy: true, region: true, system: true,
};
/** True when `value` names a kind of result (as a link may carry it). */
export const isResultKind = (value: string): value is ResultKind => Object.prototype.hasOwnProperty.call(RESULT_KINDS, value);

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

/** The facet chosen for each dimension; null (or absent): all. */
export interface SearchFacets {
  kind: ResultKind | null;
  district: string | null;
  /** A chain segment id. */
  segment?: string | null;
  /** The best evidence grade of the entity's own sources. */
  grade?: Grade | null;
}

export const NO_FACETS: SearchFacets = { kind: null, district: null, segment: null, grade: null };

export interface FacetCount<V> {
  value: V;
  count: number;
}

export interface FacetCounts {
  /** Kinds in the order their best result ranks. */
  kinds: FacetCount<ResultKind>[];
  /** Districts, most results first. */
  districts: FacetCount<EntityRef>[];
  /** Chain segments, most results first. */
  segments: FacetCount<SegmentRef>[];
  /** Evidence grades, A first. */
  grades: FacetCount<Grade>[];
}

type Dimension = "kind" | "district" | "segment" | "grade";

const itemSegments = (item: SearchItem): readonly SegmentRef[] => (item.type === "entity" ? item.hit.segments ?? [] : []);
const itemGrade = (item: SearchItem): Grade | null => (item.type === "entity" ? item.hit.grade ?? null : null);

const matches: { [D in Dimension]: (item: SearchItem, value: NonNullable<SearchFacets[D]> | null | undefined) => boolean } = {
  kind: (item, kind) => kind == null || itemKind(item) === kind,
  district: (item, district) => district == null || itemDistrict(item)?.id === district,
  segment: (item, segment) => segment == null || itemSegments(item).some((s) => s.id === segment),
  grade: (item, grade) => grade == null || itemGrade(item) === grade,
};
const DIMENSIONS: readonly Dimension[] = ["kind", "district", "segment", "grade"];

/** True when the item passes every chosen facet except `except`'s. */
function keptBy(item: SearchItem, facets: SearchFacets, except: Dimension | null = null): boolean {
  return DIMENSIONS.every((d) => d === except || (matches[d] as (i: SearchItem, v: unknown) => boolean)(item, facets[d]));
}

/** The results the chosen facets keep, in rank order. */
export function applyFacets(items: readonly SearchItem[], facets: SearchFacets): SearchItem[] {
  return items.filter((item) => keptBy(item, facets));
}

/** Values of one dimension, counted and ordered: most results first, then the best-ranked first. */
function tally<V>(items: readonly SearchItem[], valuesOf: (item: SearchItem) => readonly V[], key: (v: V) => string) {
  const found = new Map<string, { value: V; count: number; first: number }>();
  items.forEach((item, i) => {
    for (const value of valuesOf(item)) {
      const entry = found.get(key(value)) ?? { value, count: 0, first: i };
      entry.count++;
      found.set(key(value), entry);
    }
  });
  return found;
}

/**
 * The chips of each facet with their counts. Each dimension is counted with the others' choices
 * applied, so a count says how many results choosing it shows. A chosen value stays listed (with
 * 0) when a new query has no result of it, so the choice survives re-typing.
 */
export function facetCounts(
  items: readonly SearchItem[],
  facets: SearchFacets,
  chosenDistrict: EntityRef | null = null,
  chosenSegment: SegmentRef | null = null,
): FacetCounts {
  const among = (d: Dimension) => items.filter((item) => keptBy(item, facets, d));
  const kinds = tally(among("kind"), (item) => [itemKind(item)], (k) => k);
  if (facets.kind != null && !kinds.has(facets.kind)) kinds.set(facets.kind, { value: facets.kind, count: 0, first: Number.MAX_SAFE_INTEGER });
  const districts = tally(among("district"), (item) => { const d = itemDistrict(item); return d ? [d] : []; }, (d) => d.id);
  if (facets.district != null && !districts.has(facets.district)) {
    const ref = chosenDistrict ?? items.map(itemDistrict).find((d) => d?.id === facets.district) ?? { id: facets.district, kind: "district", name_zh: null, name_en: facets.district };
    districts.set(facets.district, { value: ref, count: 0, first: Number.MAX_SAFE_INTEGER });
  }
  const segments = tally(among("segment"), itemSegments, (s) => s.id);
  if (facets.segment != null && !segments.has(facets.segment)) {
    const ref = chosenSegment ?? { id: facets.segment, name_en: facets.segment, name_zh: facets.segment, stage: "support" as const };
    segments.set(facets.segment, { value: ref, count: 0, first: Number.MAX_SAFE_INTEGER });
  }
  const grades = tally(among("grade"), (item) => { const g = itemGrade(item); return g ? [g] : []; }, (g) => g);
  if (facets.grade != null && !grades.has(facets.grade)) grades.set(facets.grade, { value: facets.grade, count: 0, first: Number.MAX_SAFE_INTEGER });
  const byCount = <V>(m: Map<string, { value: V; count: number; first: number }>) =>
    [...m.values()].sort((a, b) => b.count - a.count || a.first - b.first).map((e) => ({ value: e.value, count: e.count }));
  return {
    kinds: [...kinds.values()].sort((a, b) => a.first - b.first).map((e) => ({ value: e.value, count: e.count })),
    districts: byCount(districts),
    segments: byCount(segments),
    grades: [...grades.values()].sort((a, b) => a.value.localeCompare(b.value)).map((e) => ({ value: e.value, count: e.count })),
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
