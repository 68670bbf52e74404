/** Pure formatting of API data for display. No DOM here. */
import type { Lang } from "../i18n";
import type { Edition, EntityRef, LinkView, Relation, LinkDirection, SourceView, Name } from "../ipc/types";

/** The entity's name in the chosen language, else the other one, else its id. */
export function primaryName(entity: EntityRef, lang: Lang): string {
  const first = lang === "zh" ? entity.name_zh : entity.name_en;
  const second = lang === "zh" ? entity.name_en : entity.name_zh;
  return nonEmpty(first) ?? nonEmpty(second) ?? entity.id;
}

/** The name in the other language, when there is one and it differs from the primary name. */
export function secondaryName(entity: EntityRef, lang: Lang): string | null {
  const primary = primaryName(entity, lang);
  const other = nonEmpty(lang === "zh" ? entity.name_en : entity.name_zh);
  const fallback = nonEmpty(lang === "zh" ? entity.name_zh : entity.name_en);
  const candidate = other ?? fallback;
  return candidate !== null && candidate !== primary ? candidate : null;
}

/** The edition's title in the chosen language (its Chinese title where it has one). */
export function editionTitle(edition: Pick<Edition, "title" | "title_zh">, lang: Lang): string {
  return lang === "zh" && edition.title_zh ? edition.title_zh : edition.title;
}

/**
 * The short name (names/ role "short") in the chosen language, for graph labels; falls back to the
 * primary name. The neighbourhood and the analyses send `short_zh` / `short_en` where they have them.
 */
export function shortName(entity: EntityRef, lang: Lang): string {
  const first = lang === "zh" ? entity.short_zh : entity.short_en;
  const full = primaryName(entity, lang);
  const fullIsOther = lang === "zh" ? nonEmpty(entity.name_zh) === null : nonEmpty(entity.name_en) === null;
  // A short name in the chosen language first; the other language's only when the label falls back to that language anyway.
  return nonEmpty(first) ?? (fullIsOther ? nonEmpty(lang === "zh" ? entity.short_en : entity.short_zh) : null) ?? full;
}

function nonEmpty(s: string | null | undefined): string | null {
  return s !== null && s !== undefined && s.trim().length > 0 ? s : null;
}

/**
 * A data note for readers in the chosen language: `note_zh` in Chinese when the API sends it
 * (the wire types gain it with the dataset's reader notes), else the note.
 */
export function readerNote(item: { note?: string | null; note_zh?: string | null }, lang: Lang): string | null {
  if (lang === "zh") {
    const zh = nonEmpty(item.note_zh);
    if (zh) return zh;
  }
  return nonEmpty(item.note);
}

/** Names joined for reading: "A, B and C" style separators, "、" in Chinese. */
export function joinNames(names: readonly string[], lang: Lang): string {
  return names.join(lang === "zh" ? "、" : ", ");
}

/** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` are shown as they are; `n/v` and null are not dates. */
export function isVisibleDate(date: string | null | undefined): date is string {
  return typeof date === "string" && date.trim() !== "" && date.trim().toLowerCase() !== "n/v";
}

/** Ownership share in percent (0-100), without trailing zeros. */
export function formatShare(share: number | null): string | null {
  if (share === null || !Number.isFinite(share)) return null;
  const rounded = Math.round(share * 100) / 100;
  return `${rounded}%`;
}

/** "2019 – 2023", "since 2019" style period; null when neither end is known. */
export function formatPeriod(since: string | null, until: string | null): string | null {
  const s = isVisibleDate(since) ? since : null;
  const u = isVisibleDate(until) ? until : null;
  if (s && u) return `${s} – ${u}`;
  if (s) return `${s} –`;
  if (u) return `– ${u}`;
  return null;
}

export interface LinkGroup {
  relation: Relation;
  direction: LinkDirection;
  links: LinkView[];
}

const RELATION_ORDER: readonly Relation[] = [
  "supplies",
  "owns",
  "joint_venture",
  "invests_in",
  "co_develops",
  "tests_for",
  "educates_for",
  "member_of",
  "located_in",
  "issued_by",
  "concerns",
];

/**
 * Groups links by relation and direction, in a stable order: supply first (outgoing, then
 * incoming), then ownership and the rest; inside a group the order of the API is kept.
 */
export function groupLinks(links: readonly LinkView[]): LinkGroup[] {
  const groups = new Map<string, LinkGroup>();
  for (const link of links) {
    const key = `${link.relation}:${link.direction}`;
    let group = groups.get(key);
    if (!group) {
      group = { relation: link.relation, direction: link.direction, links: [] };
      groups.set(key, group);
    }
    group.links.push(link);
  }
  const rank = (g: LinkGroup): number => {
    const r = RELATION_ORDER.indexOf(g.relation);
    return (r === -1 ? RELATION_ORDER.length : r) * 2 + (g.direction === "outgoing" ? 0 : 1);
  };
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

/** Names ordered: the chosen language first, then legal, short, brand, former. */
export function sortNames(names: readonly Name[], lang: Lang): Name[] {
  const roleRank: Record<string, number> = { legal: 0, short: 1, brand: 2, former: 3 };
  return [...names].sort((a, b) => {
    const la = a.lang === lang ? 0 : 1;
    const lb = b.lang === lang ? 0 : 1;
    if (la !== lb) return la - lb;
    return (roleRank[a.role] ?? 9) - (roleRank[b.role] ?? 9);
  });
}

/** Sources best-first: grade A before B before C, then newest published first. */
export function sortSources(sources: readonly SourceView[]): SourceView[] {
  return [...sources].sort((a, b) => {
    if (a.grade !== b.grade) return a.grade < b.grade ? -1 : 1;
    const pa = isVisibleDate(a.published) ? a.published : "";
    const pb = isVisibleDate(b.published) ? b.published : "";
    return pb.localeCompare(pa);
  });
}

/** The built_at timestamp trimmed to a date (or date and minute) for the start screen. */
export function formatBuiltAt(builtAt: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(builtAt);
  if (!m) return builtAt;
  return m[2] ? `${m[1]} ${m[2]}` : m[1]!;
}
