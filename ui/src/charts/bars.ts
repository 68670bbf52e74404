/**
 * The ECharts part of the statistics dashboard, loaded only when it is opened (its own chunk):
 * a bar chart of actual figures against plan targets, drawn with the SVG renderer so the export
 * is the drawing itself. Actuals are solid bars (pale when they rest on grade-C sources only),
 * targets dashed outlines beside them, other sources' differing figures small diamonds (in the
 * text colour, so they show on either theme).
 * Only the bar and scatter charts, grid, tooltip, legend and SVG renderer are imported.
 */
import { BarChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface BarsSpec {
  /** Axis labels, oldest first. */
  categories: string[];
  /** The actual figure of each category (null: none); `weak` draws it pale. */
  actuals: Array<{ value: number; weak: boolean; tooltip: string } | null>;
  /** The (largest) target of each category (null: none). */
  targets: Array<{ value: number; tooltip: string } | null>;
  /** Other sources' differing figures: category index and value. */
  others: Array<{ index: number; value: number; tooltip: string }>;
  /** Short value labels on the bars ("1.3M", "54.3%"). */
  label: (value: number) => string;
  names: { actual: string; target: string; other: string };
  /** Text colour and font (the page's, so Chinese labels export with the bundled font). */
  text: string;
  font: string;
  /** Grid lines (the theme's line colour). */
  grid: string;
  background: string;
  /** Every category labelled on the axis (none hidden where they would overlap). */
  allLabels?: boolean;
}

const ACTUAL = "#1f5fa8";
const WEAK = "#9dbbe0";
const TARGET = "#b85c00";

export function drawBars(container: HTMLElement, spec: BarsSpec): EChartsType {
  const chart = init(container, undefined, { renderer: "svg" });
  const labelStyle = { show: true, position: "top" as const, color: spec.text, fontSize: 11, formatter: (p: { value: number | null }) => (p.value === null || p.value === undefined ? "" : spec.label(Number(p.value))) };
  const hasTargets = spec.targets.some((x) => x !== null);
  const hasOthers = spec.others.length > 0;
  chart.setOption({
    animation: false,
    backgroundColor: spec.background,
    textStyle: { color: spec.text, fontFamily: spec.font },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: spec.text }, data: [spec.names.actual, ...(hasTargets ? [spec.names.target] : []), ...(hasOthers ? [spec.names.other] : [])] },
    tooltip: { trigger: "item", formatter: (p: { data: { tooltip?: string } }) => p.data?.tooltip ?? "" },
    xAxis: { type: "category", data: spec.categories, axisLabel: { color: spec.text, hideOverlap: !spec.allLabels, ...(spec.allLabels ? { interval: 0 } : {}) }, axisTick: { alignWithLabel: true } },
    yAxis: { type: "value", axisLabel: { color: spec.text, formatter: (v: number) => spec.label(v) }, splitLine: { lineStyle: { color: spec.grid } } },
    series: [
      {
        type: "bar",
        name: spec.names.actual,
        itemStyle: { color: ACTUAL },
        barMaxWidth: 36,
        barGap: "10%",
        label: labelStyle,
        data: spec.actuals.map((a) => (a === null ? { value: null } : { value: a.value, tooltip: a.tooltip, itemStyle: { color: a.weak ? WEAK : ACTUAL } })),
      },
      ...(hasTargets ? [{
        type: "bar",
        name: spec.names.target,
        itemStyle: { color: "rgba(184,92,0,0.08)", borderColor: TARGET, borderType: "dashed", borderWidth: 2 },
        barMaxWidth: 36,
        label: { ...labelStyle, color: TARGET },
        data: spec.targets.map((x) => (x === null ? { value: null } : { value: x.value, tooltip: x.tooltip })),
      }] : []),
      ...(hasOthers ? [{
        type: "scatter",
        name: spec.names.other,
        symbol: "diamond",
        symbolSize: 10,
        itemStyle: { color: spec.text },
        data: spec.others.map((o) => ({ value: [o.index, o.value], tooltip: o.tooltip })),
      }] : []),
    ],
  });
  // The SVG is the app's own drawing (tests tell drawn SVGs from injected ones by this mark).
  container.querySelector("svg")?.setAttribute("data-drawn", "atlas");
  fitSvg(chart);
  return chart;
}

/**
 * Gives the drawing a viewBox of the size it was drawn at, so it scales with its box (the CSS
 * makes it fill it) until it is drawn again: a printed page is narrower than the screen.
 */
export function fitSvg(chart: EChartsType): void {
  chart.getDom().querySelector("svg")?.setAttribute("viewBox", `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
}

/** Draws the chart again at its box's size, and fits its viewBox. */
export function resizeChart(chart: EChartsType): void {
  chart.resize();
  fitSvg(chart);
}

export { chartSvg } from "./svg";

export interface CoverageSpec {
  /** One horizontal bar each, top to bottom: a label, a count and its colour. */
  bars: Array<{ label: string; value: number; color: string }>;
  text: string;
  font: string;
  grid: string;
  background: string;
}

/**
 * A segment brief's coverage chart: one horizontal bar per count (the segment's known firms, those
 * in Chongqing), labelled on the left and with its count at its end.
 */
export function drawCoverage(container: HTMLElement, spec: CoverageSpec): EChartsType {
  const chart = init(container, undefined, { renderer: "svg" });
  chart.setOption({
    animation: false,
    backgroundColor: spec.background,
    textStyle: { color: spec.text, fontFamily: spec.font },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1, axisLabel: { color: spec.text }, splitLine: { lineStyle: { color: spec.grid } } },
    yAxis: { type: "category", inverse: true, data: spec.bars.map((b) => b.label), axisLabel: { color: spec.text, fontSize: 14 }, axisTick: { show: false } },
    series: [{
      type: "bar",
      barMaxWidth: 32,
      label: { show: true, position: "right", color: spec.text, fontSize: 15, fontWeight: "bold" },
      data: spec.bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
    }],
  });
  container.querySelector("svg")?.setAttribute("data-drawn", "atlas");
  fitSvg(chart);
  return chart;
}
