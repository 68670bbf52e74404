/**
 * Pure formatting and grouping of statistics (EntityPage.statistics) for display. No DOM here.
 * Metric ids are snake_case (data/statistics/METRICS.md); periods are "2024", "2024-Q3",
 * "2024-H1", "2024-05" or a cumulative range "2024-01/2024-09".
 */
import { en, translate, type Lang, type MessageKey } from "../i18n";
import type { StatisticView } from "../ipc/types";

/** Metrics shown first, in this order; the rest follow by their readable label. */
export const METRIC_ORDER: readonly string[] = [
  "nev_production",
  "nev_sales",
  "vehicle_production",
  "vehicle_sales",
  "nev_production_growth",
  "nev_sales_growth",
  "nev_share_of_sales",
  "local_supply_rate",
  "auto_industry_output_value",
  "icv_nev_cluster_output_value",
  "output_value",
  "charging_piles",
  "swap_stations",
  "hydrogen_stations",
];

/** A readable metric label: from the i18n table when there is one, else the id with spaces. */
export function metricLabel(metric: string, lang: Lang): string {
  const key = `metric.${metric}`;
  if (Object.prototype.hasOwnProperty.call(en, key)) return translate(lang, key as MessageKey);
  const spaced = metric.replace(/_+/g, " ").trim();
  return spaced === "" ? metric : spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const GROUPING = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** Thousands separators, up to three decimals, no trailing zeros: 1234567 -> "1,234,567". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return GROUPING.format(value);
}

/** Unit labels for Chinese; English shows the unit as the data has it. */
const ZH_UNITS: Record<string, string> = {
  vehicles: "辆",
  units: "个",
  firms: "家",
  km: "公里",
  "vehicles per year": "辆/年",
  "units per year": "个/年",
  "GWh per year": "GWh/年",
  chips: "颗",
  orders: "个",
  persons: "人",
  plants: "个",
  stores: "家",
  "square metres": "平方米",
};

/**
 * A value with its unit, for the chosen language. Percentages get a "%" sign; in Chinese,
 * "billion yuan" is shown in 亿元 (×10, the unit Chinese readers expect). Unknown units are shown
 * as they are.
 */
export function formatStatValue(value: number, unit: string, lang: Lang): string {
  const { number, suffix } = statParts(value, unit, lang);
  return number + suffix;
}

/** The number and the unit suffix (" vehicles", "%", " 亿元") of a value, separately. */
export function statParts(value: number, unit: string, lang: Lang): { number: string; suffix: string } {
  const u = unit.trim();
  if (u === "percent" || u === "%") return { number: formatNumber(value), suffix: "%" };
  if (lang === "zh") {
    if (u === "billion yuan") return { number: formatNumber(Math.round(value * 10 * 1000) / 1000), suffix: " 亿元" };
    if (u === "billion US dollars") return { number: formatNumber(Math.round(value * 10 * 1000) / 1000), suffix: " 亿美元" };
    const zhUnit = ZH_UNITS[u];
    if (zhUnit) return { number: formatNumber(value), suffix: " " + zhUnit };
  }
  return { number: formatNumber(value), suffix: u === "" ? "" : " " + u };
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const QUARTERS_ZH = ["一", "二", "三", "四"];

type Point = { year: string; month: number | null; part: string | null };

function parsePoint(p: string): Point | null {
  let m = /^(\d{4})$/.exec(p);
  if (m) return { year: m[1]!, month: null, part: null };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return { year: m[1]!, month: Number(m[2]), part: null };
  m = /^(\d{4})-([QH][1-4])$/i.exec(p);
  if (m) return { year: m[1]!, month: null, part: m[2]!.toUpperCase() };
  return null;
}

function pointLabel(p: Point, lang: Lang): string {
  if (lang === "zh") {
    if (p.month !== null) return `${p.year}年${p.month}月`;
    if (p.part?.startsWith("Q")) return `${p.year}年第${QUARTERS_ZH[Number(p.part.slice(1)) - 1] ?? p.part.slice(1)}季度`;
    if (p.part === "H1") return `${p.year}年上半年`;
    if (p.part === "H2") return `${p.year}年下半年`;
    return `${p.year}年`;
  }
  if (p.month !== null) return `${MONTHS_EN[p.month - 1]} ${p.year}`;
  if (p.part) return `${p.part} ${p.year}`;
  return p.year;
}

/**
 * A readable period: "2024-Q3" -> "Q3 2024" / "2024年第三季度"; "2021-01/2021-09" ->
 * "Jan–Sep 2021" / "2021年1—9月". Anything unrecognised is shown as it is.
 */
export function formatStatPeriod(period: string, lang: Lang): string {
  const raw = period.trim();
  const [a, b, ...rest] = raw.split("/");
  if (rest.length > 0 || a === undefined) return raw;
  const start = parsePoint(a.trim());
  if (!start) return raw;
  if (b === undefined) return pointLabel(start, lang);
  const end = parsePoint(b.trim());
  if (!end) return raw;
  if (start.month !== null && end.month !== null && start.year === end.year) {
    return lang === "zh" ? `${start.year}年${start.month}—${end.month}月` : `${MONTHS_EN[start.month - 1]}–${MONTHS_EN[end.month - 1]} ${start.year}`;
  }
  return lang === "zh" ? `${pointLabel(start, lang)}—${pointLabel(end, lang)}` : `${pointLabel(start, lang)} – ${pointLabel(end, lang)}`;
}

/** A sortable "YYYY-MM" for where a period point begins or ends. */
function pointKey(p: Point, edge: "start" | "end"): string {
  let month: number;
  if (p.month !== null) month = p.month;
  else if (p.part?.startsWith("Q")) month = Number(p.part.slice(1)) * 3 - (edge === "start" ? 2 : 0);
  else if (p.part?.startsWith("H")) month = Number(p.part.slice(1)) * 6 - (edge === "start" ? 5 : 0);
  else month = edge === "start" ? 1 : 12;
  return `${p.year}-${String(month).padStart(2, "0")}`;
}

/** Start and end of a period as "YYYY-MM" (null when the period is not recognised). */
export function periodBounds(period: string): { start: string; end: string } | null {
  const [a, b] = period.trim().split("/");
  const start = a === undefined ? null : parsePoint(a.trim());
  const end = b === undefined ? start : parsePoint(b.trim());
  if (!start || !end) return null;
  return { start: pointKey(start, "start"), end: pointKey(end, "end") };
}

/** Oldest first by end, then longer periods first; actuals before targets; unknown periods last. */
export function compareStatistics(a: StatisticView, b: StatisticView): number {
  const pa = periodBounds(a.period);
  const pb = periodBounds(b.period);
  if (pa && !pb) return -1;
  if (!pa && pb) return 1;
  if (pa && pb) {
    if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1;
    if (pa.start !== pb.start) return pa.start < pb.start ? -1 : 1;
  } else if (a.period !== b.period) {
    return a.period < b.period ? -1 : 1;
  }
  if (a.kind !== b.kind) return a.kind === "actual" ? -1 : 1;
  return 0;
}

export interface MetricGroup {
  metric: string;
  label: string;
  rows: StatisticView[];
  /**
   * The most recent actuals: every actual of the latest period (several when sources conflict,
   * kept side by side); empty when there is no actual figure.
   */
  latest: StatisticView[];
  targets: number;
}

/** Statistics grouped by metric: common metrics first (METRIC_ORDER), then by label. */
export function groupStatistics(stats: readonly StatisticView[], lang: Lang): MetricGroup[] {
  const byMetric = new Map<string, StatisticView[]>();
  for (const s of stats) {
    const rows = byMetric.get(s.metric);
    if (rows) rows.push(s);
    else byMetric.set(s.metric, [s]);
  }
  const groups: MetricGroup[] = [...byMetric.entries()].map(([metric, rows]) => {
    const sorted = [...rows].sort(compareStatistics);
    const actuals = sorted.filter((r) => r.kind === "actual");
    return {
      metric,
      label: metricLabel(metric, lang),
      rows: sorted,
      latest: latestActuals(actuals),
      targets: sorted.length - actuals.length,
    };
  });
  const rank = (m: string): number => {
    const i = METRIC_ORDER.indexOf(m);
    return i === -1 ? METRIC_ORDER.length : i;
  };
  return groups.sort((a, b) => rank(a.metric) - rank(b.metric) || a.label.localeCompare(b.label, lang === "zh" ? "zh-CN" : "en"));
}

function latestActuals(sortedActuals: readonly StatisticView[]): StatisticView[] {
  const last = sortedActuals[sortedActuals.length - 1];
  if (!last) return [];
  return sortedActuals.filter((r) => r.period === last.period);
}

/** "953,000 / 950,000 vehicles (2024)"-style text for a group's latest actuals; null when none. */
export function formatLatest(latest: readonly StatisticView[], lang: Lang): { value: string; period: string } | null {
  const first = latest[0];
  if (!first) return null;
  const sameUnit = latest.every((r) => r.unit === first.unit);
  const values = [...new Set(latest.map((r) => r.value))];
  const value = sameUnit
    ? values.map((v) => statParts(v, first.unit, lang).number).join(" / ") + statParts(first.value, first.unit, lang).suffix
    : latest.map((r) => formatStatValue(r.value, r.unit, lang)).join(" / ");
  return { value, period: formatStatPeriod(first.period, lang) };
}

/** The whole-year figures of one year, for the chart of actuals against targets. */
export interface YearFigures {
  year: number;
  /** Distinct actual figures (several when sources conflict), largest first. */
  actuals: number[];
  /** Distinct target figures, largest first. */
  targets: number[];
  /** Every actual figure of the year is uncertain (it rests on grade-C sources only). */
  uncertain: boolean;
}

export interface YearSeries {
  unit: string;
  /** Oldest first; years between the first and the last with no figure are there, empty. */
  years: YearFigures[];
  /** The largest figure, for the scale. */
  max: number;
}

/**
 * Whole-year figures (period "YYYY") in the group's most common unit, for a bar chart of actuals
 * against plan targets. Null when fewer than two years have a figure, or when a figure is
 * negative or not finite (a bar chart from zero would mislead).
 */
export function yearSeries(rows: readonly StatisticView[]): YearSeries | null {
  const annual = rows.filter((r) => /^\d{4}$/.test(r.period.trim()));
  const unitCounts = new Map<string, number>();
  for (const r of annual) unitCounts.set(r.unit, (unitCounts.get(r.unit) ?? 0) + 1);
  let unit = "";
  let best = 0;
  for (const [u, count] of unitCounts) {
    if (count > best) [unit, best] = [u, count];
  }
  const chosen = annual.filter((r) => r.unit === unit);
  if (chosen.some((r) => !Number.isFinite(r.value) || r.value < 0)) return null;
  const byYear = new Map<number, { actual: StatisticView[]; target: StatisticView[] }>();
  for (const r of chosen) {
    const year = Number(r.period.trim());
    const entry = byYear.get(year) ?? { actual: [], target: [] };
    entry[r.kind].push(r);
    byYear.set(year, entry);
  }
  if (byYear.size < 2) return null;
  const listed = [...byYear.keys()].sort((a, b) => a - b);
  const first = listed[0]!;
  const last = listed[listed.length - 1]!;
  const span = last - first > 30 ? listed : Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const distinct = (rs: readonly StatisticView[]) => [...new Set(rs.map((r) => r.value))].sort((a, b) => b - a);
  const years = span.map((year) => {
    const entry = byYear.get(year) ?? { actual: [], target: [] };
    return {
      year,
      actuals: distinct(entry.actual),
      targets: distinct(entry.target),
      uncertain: entry.actual.length > 0 && entry.actual.every((r) => r.confidence === "uncertain"),
    };
  });
  const max = Math.max(...chosen.map((r) => r.value));
  return max > 0 ? { unit, years, max } : null;
}

/**
 * A short label for a bar, in the unit the chart's caption names (statParts' suffix):
 * "1.3M" / "129.6万" vehicles, "54.3%", "8000" 亿元 for 800 billion yuan in Chinese.
 */
export function compactValue(value: number, unit: string, lang: Lang): string {
  const u = unit.trim();
  if (u === "percent" || u === "%") return formatNumber(value) + "%";
  const shown = lang === "zh" && (u === "billion yuan" || u === "billion US dollars") ? value * 10 : value;
  return new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", { notation: "compact", maximumFractionDigits: 1 }).format(shown);
}
