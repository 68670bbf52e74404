/**
 * The entity page's links when a hub has more than the page holds: the API sends at most the
 * first 200 links of each relation and direction, with each group's total (`link_groups`), and
 * `entity_links` gives the rest, in the same order, on demand.
 */
import type { EntityLinksArgs, EntityPage } from "../ipc/types";
import type { Lang } from "../i18n";
import { groupLinks, type LinkGroup } from "./format";

/** How many more links one "Show more" asks for. */
export const MORE_LINKS = 200;

/** A group of links as the page shows it, with how many the entity has in all. */
export interface PagedLinkGroup extends LinkGroup {
  total: number;
}

/**
 * The page's links grouped as `groupLinks` does, each group with its total. A page without
 * `link_groups` (an older answer) counts the links it holds.
 */
export function pagedLinkGroups(page: Pick<EntityPage, "links"> & { link_groups?: EntityPage["link_groups"] }): PagedLinkGroup[] {
  const totals = new Map((page.link_groups ?? []).map((g) => [`${g.relation}:${g.direction}`, g.total] as const));
  return groupLinks(page.links).map((g) => ({ ...g, total: Math.max(totals.get(`${g.relation}:${g.direction}`) ?? 0, g.links.length) }));
}

/** Every link of the entity, shown or not. */
export function totalLinks(groups: readonly PagedLinkGroup[]): number {
  return groups.reduce((n, g) => n + g.total, 0);
}

/**
 * The arguments asking for the links of `group` after the `loaded` first ones (as of `asOf` when
 * the page is); `null` once all are loaded.
 */
export function nextLinksArgs(id: string, group: Pick<PagedLinkGroup, "relation" | "direction" | "total">, loaded: number, asOf?: number | null): EntityLinksArgs | null {
  if (loaded >= group.total) return null;
  const args: EntityLinksArgs = { id, relation: group.relation, direction: group.direction, offset: loaded, limit: MORE_LINKS };
  if (asOf !== undefined && asOf !== null) args.as_of = asOf;
  return args;
}

/** A count with the page language's digit grouping: 12,345. */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
}
