/**
 * Pure helpers of the start page's tiles: which years have both an actual figure and a plan
 * target for a metric, and the newest policies.
 */
import type { PolicyEntry } from "../ipc/bindings/PolicyEntry";
import type { StatisticView } from "../ipc/types";
import { yearSeries } from "./stats";

export interface TargetYear {
  year: number;
  /** Distinct actual figures of the year, largest first (sources may disagree). */
  actuals: number[];
  /** Distinct target figures of the year, largest first. */
  targets: number[];
}

/** Whole years in which `metric` has both an actual figure and a target, oldest first. */
export function actualsAgainstTargets(stats: readonly StatisticView[], metric: string): { unit: string; years: TargetYear[] } | null {
  const series = yearSeries(stats.filter((s) => s.metric === metric && s.retracted === null));
  if (!series) return null;
  const years = series.years.filter((y) => y.actuals.length > 0 && y.targets.length > 0).map(({ year, actuals, targets }) => ({ year, actuals, targets }));
  return years.length > 0 ? { unit: series.unit, years } : null;
}

/** The `n` most recently issued policies (undated ones left out), newest first. */
export function recentPolicies(policies: readonly PolicyEntry[], n: number): PolicyEntry[] {
  return policies
    .filter((p) => p.issued !== null)
    .sort((a, b) => (b.issued ?? "").localeCompare(a.issued ?? "") || a.policy.id.localeCompare(b.policy.id))
    .slice(0, n);
}
