/**
 * Pure helpers of the district map: matching the shipped boundary polygons (named in Chinese) to
 * the edition's district entities by name, and counting what is placed in each district under the
 * chosen filters.
 */
import type { DistrictEntry } from "../ipc/bindings/DistrictEntry";
import type { EntityKind } from "../ipc/bindings/EntityKind";
import type { PlacedEntity } from "../ipc/bindings/PlacedEntity";

/**
 * The stem of a Chinese district or county name: without its ending 区, 县 or (ethnic groups)
 * 自治县, so 梁平县 and 梁平区 (renamed in 2016) match, and 石柱土家族自治县 is 石柱.
 */
export function districtStem(name: string): string {
  const trimmed = name.trim();
  const autonomous = trimmed.replace(/(?:土家族|苗族|回族|彝族|藏族|壮族|侗族|仡佬族|蒙古族)+自治县$/u, "");
  if (autonomous !== trimmed) return autonomous;
  return trimmed.replace(/[区县]$/u, "") || trimmed;
}

/**
 * For each district entity (by id), the name of its polygon among `polygonNames`, matched by
 * stem; districts without a polygon are left out.
 */
export function matchPolygons(districts: ReadonlyArray<{ id: string; name_zh: string | null }>, polygonNames: readonly string[]): Map<string, string> {
  const byStem = new Map<string, string>();
  for (const name of polygonNames) byStem.set(districtStem(name), name);
  const matched = new Map<string, string>();
  for (const d of districts) {
    if (!d.name_zh) continue;
    const polygon = byStem.get(districtStem(d.name_zh));
    if (polygon) matched.set(d.id, polygon);
  }
  return matched;
}

export interface MapFilter {
  /** Entity kinds to count; empty: every kind. */
  kinds: readonly EntityKind[];
  /** A segment id; null: any (an entity counts when it is in this segment). */
  segment: string | null;
}

export const NO_FILTER: MapFilter = { kinds: [], segment: null };

/** Whether a placed entity counts under `filter`. */
export function passes(placed: PlacedEntity, filter: MapFilter): boolean {
  if (filter.kinds.length > 0 && !filter.kinds.includes(placed.entity.kind)) return false;
  if (filter.segment !== null && !placed.segments.includes(filter.segment)) return false;
  return true;
}

/** The entities of a district that count under `filter`. */
export function shown(entry: DistrictEntry, filter: MapFilter): PlacedEntity[] {
  return entry.entities.filter((p) => passes(p, filter));
}

/** How many entities of each district count under `filter`, by district id. */
export function countByDistrict(entries: readonly DistrictEntry[], filter: MapFilter): Map<string, number> {
  return new Map(entries.map((e) => [e.district.id, shown(e, filter).length]));
}

/** The kinds present among all placed entities, most frequent first (ties by name). */
export function kindsPresent(entries: readonly DistrictEntry[]): EntityKind[] {
  const counts = new Map<EntityKind, number>();
  for (const e of entries) for (const p of e.entities) counts.set(p.entity.kind, (counts.get(p.entity.kind) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}
