/**
 * "As of a year", the pure part: the years the control offers and the banner's words. The rule
 * itself (which links stood in a year) lives in atlas-core (asof.rs); the UI only passes the year.
 */
import type { MessageKey } from "../i18n";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The years to offer, newest first: from `thisYear` down to the earliest year any link is dated
 * (`first`, from the edition), with `current` added when it lies outside. Without a first year
 * (no dated link) only `current` is offered, if any.
 */
export function asOfYears(first: number | null | undefined, thisYear: number, current?: number): number[] {
  const years = new Set<number>();
  if (first !== null && first !== undefined && first <= thisYear) {
    for (let y = thisYear; y >= first; y--) years.add(y);
  }
  if (current !== undefined) years.add(current);
  return [...years].sort((a, b) => b - a);
}

/** The banner: "Showing links as they stood in 2023 — 4 undated links included". */
export function asOfBannerText(year: number, undated: number, t: Translate): string {
  const count = undated === 0 ? t("asof.undated.none") : undated === 1 ? t("asof.undated.one") : t("asof.undated.other", { count: undated });
  return `${t("asof.banner", { year })} — ${count}`;
}

/** The arguments of a read with an as-of year, leaving the argument out for "now". */
export function withAsOf<A extends object>(args: A, year: number | undefined): A & { as_of?: number } {
  return year === undefined ? args : { ...args, as_of: year };
}
