/** Pure helpers for the published systems ("9 + 2 + 5 + 30" and others). No DOM here. */
import type { Lang } from "../i18n";
import type { GroupView, MembershipView, SystemView } from "../ipc/types";

/** A bilingual label: the chosen language first, the other one second (when it differs). */
export function bilingual(zh: string | null | undefined, en: string | null | undefined, lang: Lang, fallback: string): { primary: string; secondary: string | null } {
  const clean = (s: string | null | undefined) => (s !== null && s !== undefined && s.trim() !== "" ? s.trim() : null);
  const z = clean(zh);
  const e = clean(en);
  const primary = (lang === "zh" ? z ?? e : e ?? z) ?? fallback;
  const other = lang === "zh" ? e : z;
  return { primary, secondary: other !== null && other !== primary ? other : null };
}

/**
 * How the members found compare with the declared count:
 * - "unknown": no source declares a count (shown as unknown, never as zero);
 * - "none": a count is declared but no member is supported by a source yet;
 * - "partial" / "complete": some / all declared members found.
 */
export type Coverage = "unknown" | "none" | "partial" | "complete";

export function groupCoverage(group: Pick<GroupView, "declared_count" | "found">): Coverage {
  if (group.declared_count === null) return "unknown";
  if (group.found === 0) return "none";
  return group.found >= group.declared_count ? "complete" : "partial";
}

/** Totals over a system's groups, for its header line. `declared` is null if any group's is unknown. */
export function systemTotals(system: Pick<SystemView, "groups">): { groups: number; declared: number | null; found: number; unconfirmed: number } {
  let declared: number | null = 0;
  let found = 0;
  let unconfirmed = 0;
  for (const g of system.groups) {
    declared = declared === null || g.declared_count === null ? null : declared + g.declared_count;
    found += g.found;
    if (g.status === "unconfirmed") unconfirmed++;
  }
  return { groups: system.groups.length, declared, found, unconfirmed };
}

export interface MembershipGroup {
  systemId: string;
  systemNameZh: string;
  systemNameEn: string;
  memberships: MembershipView[];
}

/** An entity's memberships grouped by system, in the order the API gives them. */
export function groupMemberships(memberships: readonly MembershipView[]): MembershipGroup[] {
  const out = new Map<string, MembershipGroup>();
  for (const m of memberships) {
    let g = out.get(m.system_id);
    if (!g) {
      g = { systemId: m.system_id, systemNameZh: m.system_name_zh, systemNameEn: m.system_name_en, memberships: [] };
      out.set(m.system_id, g);
    }
    g.memberships.push(m);
  }
  return [...out.values()];
}

/** The DOM id of a system's section in the systems view (for `#/systems/<id>`). */
export function systemAnchor(id: string): string {
  return "system-" + id.replace(/[^A-Za-z0-9_-]/g, "_");
}

/** True when every source in `some` is also in `all` (by id), so it can be cited briefly. */
export function sourcesWithin(some: readonly { id: string }[], all: readonly { id: string }[]): boolean {
  const ids = new Set(all.map((s) => s.id));
  return some.every((s) => ids.has(s.id));
}
