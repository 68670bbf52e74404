/**
 * Pure state of the statistics dashboard (#/statistics): which series it shows, each metric's
 * figures of one subject (Chongqing, China) as a chart's points (actuals against plan targets),
 * what the series rests on (its sources, how few its figures are, grade-C-only figures), and the
 * table a chart exports. No DOM here.
 */
import type { Grade, SourceView, StatisticView } from "../ipc/types";
import { periodBounds } from "./stats";

/** The subjects the dashboard compares: the city and the country, as entity ids of the atlas. */
export const DASHBOARD_SUBJECTS = ["chongqing", "china"] as const;
export type DashboardSubject = (typeof DASHBOARD_SUBJECTS)[number];

/**
 * How a metric's periods are read. "annual": flows over a whole year (period "YYYY"), partial
 * years left out since they are not comparable. "stock": a total at a point in time ("YYYY-MM",
 * or "YYYY" for the year's end), drawn at the period's end.
 */
export type SeriesMode = "annual" | "stock";

export interface DashboardMetric {
  metric: string;
  mode: SeriesMode;
}

export interface DashboardSection {
  id: "output" | "sales" | "share" | "exports" | "charging";
  metrics: DashboardMetric[];
}

/** The dashboard's sections, each with the metrics of data/statistics/METRICS.md it draws. */
export const DASHBOARD: readonly DashboardSection[] = [
  { id: "output", metrics: [{ metric: "nev_production", mode: "annual" }] },
  { id: "sales", metrics: [{ metric: "nev_sales", mode: "annual" }] },
  { id: "share", metrics: [{ metric: "nev_share_of_sales", mode: "annual" }] },
  {
    id: "exports",
    metrics: [
      { metric: "vehicle_exports", mode: "annual" },
      { metric: "nev_exports", mode: "annual" },
      { metric: "vehicle_export_value", mode: "annual" },
      { metric: "nev_export_value", mode: "annual" },
    ],
  },
  {
    id: "charging",
    metrics: [
      { metric: "charging_piles", mode: "stock" },
      { metric: "public_chargers", mode: "stock" },
      { metric: "swap_stations", mode: "stock" },
    ],
  },
];

/** Fewer actual figures than this and a chart says it rests on few points. */
export const FEW_POINTS = 3;

export interface SeriesPoint {
  /** "2024" (annual) or "2024-12" (stock): where the point stands on the axis. */
  key: string;
  /** The period as the data gives it (for labels): "2024", "2024-09". */
  period: string;
  /** The figure drawn as the bar: from the best-graded source, then the newest. Null: no actual. */
  actual: StatisticView | null;
  /** Other sources' actual figures of the same period that differ from the bar. */
  others: StatisticView[];
  /** The plan targets for the period, one per value, largest first. */
  targets: StatisticView[];
}

export interface DashboardSeries {
  subject: string;
  metric: string;
  mode: SeriesMode;
  unit: string;
  /** Oldest first; in annual mode, years between with no figure are there, empty. */
  points: SeriesPoint[];
  /** Periods with an actual figure. */
  actualPoints: number;
  /** Periods with a target. */
  targetPoints: number;
  /** Actual figures that rest on grade-C sources only (or are marked uncertain). */
  weakFigures: number;
  /** Figures of the metric the chart leaves out: partial years, other units. */
  leftOut: number;
  /** Every source of the figures drawn, best grade first, then newest. */
  sources: SourceView[];
  /** What the chart should say about what it rests on. */
  warnings: SeriesWarning[];
}

export type SeriesWarning = { kind: "few"; count: number } | { kind: "gradeC"; count: number; of: number } | { kind: "noActual" };

const GRADE_RANK: Record<Grade, number> = { A: 0, B: 1, C: 2 };

/** The best grade among a figure's sources (C when it has none). */
export function bestGrade(stat: StatisticView): Grade {
  return stat.sources.reduce<Grade>((best, s) => (GRADE_RANK[s.grade] < GRADE_RANK[best] ? s.grade : best), "C");
}

/** A figure that rests on grade-C sources only, or that the data marks uncertain. */
export function isWeak(stat: StatisticView): boolean {
  return stat.confidence === "uncertain" || bestGrade(stat) === "C";
}

const newest = (stat: StatisticView): string => stat.sources.reduce((d, s) => ((s.published ?? "") > d ? s.published ?? "" : d), "");

/** Best grade first, then the newest source, then the larger figure (so the choice is stable). */
function preferred(a: StatisticView, b: StatisticView): number {
  return GRADE_RANK[bestGrade(a)] - GRADE_RANK[bestGrade(b)] || newest(b).localeCompare(newest(a)) || b.value - a.value;
}

/** Where a period stands on the axis in a mode, or null when the mode does not draw it. */
export function axisKey(period: string, mode: SeriesMode): string | null {
  const p = period.trim();
  if (mode === "annual") return /^\d{4}$/.test(p) ? p : null;
  if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(p)) return null;
  return periodBounds(p)?.end ?? null;
}

/**
 * One subject's figures of one metric as a chart's points, or null when the subject has no
 * figure of it the chart can draw. Retracted figures are left out.
 */
export function dashboardSeries(stats: readonly StatisticView[], subject: string, metric: string, mode: SeriesMode): DashboardSeries | null {
  const all = stats.filter((s) => s.metric === metric && s.retracted === null);
  const drawable = all.filter((s) => axisKey(s.period, mode) !== null && Number.isFinite(s.value));
  if (drawable.length === 0) return null;
  const unitCounts = new Map<string, number>();
  for (const s of drawable) unitCounts.set(s.unit, (unitCounts.get(s.unit) ?? 0) + 1);
  const unit = [...unitCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const chosen = drawable.filter((s) => s.unit === unit);
  const byKey = new Map<string, StatisticView[]>();
  for (const s of chosen) {
    const key = axisKey(s.period, mode)!;
    const list = byKey.get(key);
    if (list) list.push(s);
    else byKey.set(key, [s]);
  }
  let keys = [...byKey.keys()].sort();
  if (mode === "annual" && keys.length > 1) {
    const first = Number(keys[0]), last = Number(keys[keys.length - 1]);
    if (last - first <= 30) keys = Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
  }
  const points: SeriesPoint[] = keys.map((key) => {
    const rows = byKey.get(key) ?? [];
    const actuals = rows.filter((r) => r.kind === "actual").sort(preferred);
    const actual = actuals[0] ?? null;
    const seen = new Set(actual ? [actual.value] : []);
    const others = actuals.slice(1).filter((r) => !seen.has(r.value) && seen.add(r.value));
    // One target per value (several plans may set the same one): the best-graded, largest first.
    const targets = rows.filter((r) => r.kind === "target").sort(preferred).filter((r, i, all) => all.findIndex((x) => x.value === r.value) === i).sort((a, b) => b.value - a.value);
    return { key, period: actual?.period ?? targets[0]?.period ?? key, actual, others, targets };
  });
  const drawn = chosen;
  const sources = new Map<string, SourceView>();
  for (const s of drawn) for (const src of s.sources) sources.set(src.id, src);
  const actualPoints = points.filter((p) => p.actual !== null).length;
  const targetPoints = points.filter((p) => p.targets.length > 0).length;
  const actualFigures = drawn.filter((s) => s.kind === "actual");
  const weakFigures = actualFigures.filter(isWeak).length;
  const warnings: SeriesWarning[] = [];
  if (actualPoints === 0) warnings.push({ kind: "noActual" });
  else if (actualPoints < FEW_POINTS) warnings.push({ kind: "few", count: actualPoints });
  if (weakFigures > 0) warnings.push({ kind: "gradeC", count: weakFigures, of: actualFigures.length });
  return {
    subject,
    metric,
    mode,
    unit,
    points,
    actualPoints,
    targetPoints,
    weakFigures,
    leftOut: all.length - drawn.length,
    sources: [...sources.values()].sort((a, b) => GRADE_RANK[a.grade] - GRADE_RANK[b.grade] || (b.published ?? "").localeCompare(a.published ?? "") || a.publisher.localeCompare(b.publisher)),
    warnings,
  };
}

/**
 * The table a chart exports: one row per figure drawn (the bar, other sources' figures, targets),
 * with its period, kind, value, unit, evidence grade and sources, so the file says what the
 * picture rests on.
 */
export function seriesRows(series: DashboardSeries): Array<{ period: string; kind: "actual" | "other" | "target"; stat: StatisticView }> {
  return series.points.flatMap((p) => [
    ...(p.actual ? [{ period: p.period, kind: "actual" as const, stat: p.actual }] : []),
    ...p.others.map((stat) => ({ period: stat.period, kind: "other" as const, stat })),
    ...p.targets.map((stat) => ({ period: stat.period, kind: "target" as const, stat })),
  ]);
}
