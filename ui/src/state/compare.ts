/**
 * Pure state of the compare view: the compare set (2 to 4 entities, kept in the URL and
 * remembered for "add to compare"), and the suppliers and customers entities share.
 */
import type { EntityPage } from "../ipc/bindings/EntityPage";
import type { EntityRef } from "../ipc/types";

export const MAX_COMPARE = 4;

/** The set after adding `id`: no duplicates, the newest kept when it would pass the limit. */
export function addToSet(ids: readonly string[], id: string): string[] {
  const next = [...ids.filter((x) => x !== id), id];
  return next.slice(Math.max(0, next.length - MAX_COMPARE));
}

/** An entity's suppliers (links of kind supplies into it) or customers (out of it), each once. */
export function partners(page: EntityPage, side: "suppliers" | "customers"): EntityRef[] {
  const direction = side === "suppliers" ? "incoming" : "outgoing";
  const seen = new Map<string, EntityRef>();
  for (const l of page.links) {
    if (l.relation === "supplies" && l.direction === direction && l.retracted === null) seen.set(l.other.id, l.other);
  }
  return [...seen.values()];
}

/** Ids found on the same side of at least two of the pages. */
export function shared(pages: readonly EntityPage[], side: "suppliers" | "customers"): Set<string> {
  const counts = new Map<string, number>();
  for (const page of pages) for (const p of partners(page, side)) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= 2).map(([id]) => id));
}
