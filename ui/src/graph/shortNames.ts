/**
 * Short names for graph labels. The neighbourhood's entity references carry no short names yet,
 * so the view reads them from the (cached) entity pages, for views of up to SHORT_NAMES_MAX nodes
 * and within a time budget; without them labels fall back to the full name. When the API sends
 * `short_zh` / `short_en` on references, this is skipped.
 */
import type { Call } from "../ipc/transport";
import type { EntityRef, Neighbourhood } from "../ipc/types";
import { shortNamesOf } from "../state/format";

export const SHORT_NAMES_MAX = 120;
const BUDGET_MS = 2500;

type WithShort = EntityRef & { short_zh?: string | null; short_en?: string | null };

export async function withShortNames(hood: Neighbourhood, call: Call): Promise<Neighbourhood> {
  const refs = hood.nodes.map((n) => n.entity as WithShort);
  if (refs.some((e) => e.short_zh !== undefined || e.short_en !== undefined)) return hood;
  if (hood.nodes.length > SHORT_NAMES_MAX) return hood;
  const found = new Map<string, { short_zh: string | null; short_en: string | null }>();
  const all = Promise.all(
    refs.map((e) => call("entity", { id: e.id }).then((page) => void found.set(e.id, shortNamesOf(page.names)), () => undefined)),
  );
  await Promise.race([all, new Promise((r) => setTimeout(r, BUDGET_MS))]);
  return { ...hood, nodes: hood.nodes.map((n) => ({ ...n, entity: { ...n.entity, ...(found.get(n.entity.id) ?? {}) } })) };
}
