/**
 * Pure helpers for the chain view: segments from upstream to downstream with local coverage,
 * concentration and gaps. No DOM here.
 */
import type { Concentration, LocalCoverage, SegmentRef, Stage } from "../ipc/types";

export type { Stage } from "../ipc/types";

export const STAGE_ORDER: readonly Stage[] = ["upstream", "midstream", "downstream", "support"];

/** Ids of the support segments (testing, research ...), which the analyses leave out unless asked. */
export function supportSegments(segments: readonly SegmentRef[]): string[] {
  return segments.filter((s) => s.stage === "support").map((s) => s.id);
}

/** No local supplier, one, or more. */
export type GapLevel = "none" | "one" | "ok";

export function gapLevel(coverage: Pick<LocalCoverage, "local_count">): GapLevel {
  return coverage.local_count === 0 ? "none" : coverage.local_count === 1 ? "one" : "ok";
}

/**
 * HHI bands as competition authorities use them (0-10000): below 1500 unconcentrated, up to 2500
 * moderately concentrated, above highly concentrated.
 */
export type HhiBand = "low" | "moderate" | "high";

export function hhiBand(hhi: number): HhiBand {
  return hhi < 1500 ? "low" : hhi <= 2500 ? "moderate" : "high";
}

/** HHI is shown only when at least this many suppliers of the segment are known. */
export const MIN_SUPPLIERS_FOR_HHI = 3;

/** The HHI when it means something: known, and resting on at least 3 known suppliers; else null. */
export function measurableHhi(c: Pick<Concentration, "hhi" | "suppliers"> | null | undefined): number | null {
  if (!c || c.hhi === null || c.hhi === undefined || !Number.isFinite(c.hhi)) return null;
  return c.suppliers >= MIN_SUPPLIERS_FOR_HHI ? c.hhi : null;
}

export interface SegmentRow {
  segment: SegmentRef;
  stage: Stage;
  coverage: LocalCoverage;
  concentration: Concentration | null;
  gap: GapLevel;
  /** Position in the ranked gap list (1 = most urgent), or null when not a gap. */
  gapRank: number | null;
}

/**
 * Joins coverage, concentration and the ranked gaps into one row per segment, in chain order
 * (the API's order, chain segments first, support segments last).
 */
export function segmentRows(
  coverage: readonly LocalCoverage[],
  concentration: readonly Concentration[],
  gaps: readonly LocalCoverage[],
): SegmentRow[] {
  const conc = new Map(concentration.map((c) => [c.segment.id, c] as const));
  const rank = new Map(gaps.map((g, i) => [g.segment.id, i + 1] as const));
  const seen = new Set<string>();
  const rows: SegmentRow[] = [];
  for (const c of coverage) {
    if (seen.has(c.segment.id)) continue;
    seen.add(c.segment.id);
    rows.push({
      segment: c.segment,
      stage: c.segment.stage,
      coverage: c,
      concentration: conc.get(c.segment.id) ?? null,
      gap: gapLevel(c),
      gapRank: rank.get(c.segment.id) ?? null,
    });
  }
  const stageRank = (s: Stage) => (s === "support" ? 1 : 0);
  // Stable: chain before support, otherwise the API's order.
  return rows.map((r, i) => [r, i] as const).sort((a, b) => stageRank(a[0].stage) - stageRank(b[0].stage) || a[1] - b[1]).map(([r]) => r);
}

/** Rows grouped by stage, in stage order, leaving out empty stages. */
export function byStage(rows: readonly SegmentRow[]): Array<{ stage: Stage; rows: SegmentRow[] }> {
  return STAGE_ORDER.map((stage) => ({ stage, rows: rows.filter((r) => r.stage === stage) })).filter((g) => g.rows.length > 0);
}

/** Totals for the chain view's summary line (chain segments only). */
export function chainTotals(rows: readonly SegmentRow[]): { segments: number; gapsNone: number; gapsOne: number; concentrated: number } {
  const chain = rows.filter((r) => r.stage !== "support");
  return {
    segments: chain.length,
    gapsNone: chain.filter((r) => r.gap === "none").length,
    gapsOne: chain.filter((r) => r.gap === "one").length,
    concentrated: chain.filter((r) => {
      const hhi = measurableHhi(r.concentration);
      return hhi !== null && hhiBand(hhi) === "high";
    }).length,
  };
}

/** A share 0..1 as a whole percentage ("43%"); null stays null. */
export function percent(share: number | null | undefined): string | null {
  if (share === null || share === undefined || !Number.isFinite(share)) return null;
  return `${Math.round(share * 100)}%`;
}
