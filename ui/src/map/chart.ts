/**
 * The ECharts part of the district map, loaded only when the map is opened (its own chunk): the
 * shipped boundaries registered once, the choropleth drawn with the SVG renderer (so the export is
 * the drawing itself), and the drawing as a standalone SVG. Only the map chart, tooltip, visual
 * map and SVG renderer are imported.
 */
import { MapChart } from "echarts/charts";
import { TooltipComponent, VisualMapComponent } from "echarts/components";
import { init, registerMap, use, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import geo from "./chongqing.json";

use([MapChart, TooltipComponent, VisualMapComponent, SVGRenderer]);

const MAP_NAME = "chongqing-districts";
let registered = false;

type Geo = { features: Array<{ properties: { name: string } }> };
/** The Chinese names of the shipped polygons, one per district or county. */
export const polygonNames: readonly string[] = (geo as unknown as Geo).features.map((f) => f.properties.name);

export interface Choropleth {
  /** The value of each polygon, by polygon name (missing: 0). */
  values: ReadonlyMap<string, number>;
  /** The name shown for a polygon (in the UI's language). */
  label: (polygon: string) => string;
  /** The polygon drawn as chosen, if any. */
  selected: string | null;
  onClick: (polygon: string) => void;
  /** A small map: no colour legend (the caller names the top districts in words). */
  compact?: boolean;
  /** The tooltip of a polygon; by default its name and value. */
  tooltip?: (polygon: string) => string;
  /** The colours of the lowest and the highest value (default: pale to blue). */
  colors?: [string, string];
  /** Draw the map as large as the box allows (a locator has no room to spare). */
  fill?: boolean;
}

export type MapChartHandle = EChartsType;

export function drawChoropleth(container: HTMLElement, map: Choropleth): EChartsType {
  if (!registered) {
    registerMap(MAP_NAME, geo as never);
    registered = true;
  }
  const max = Math.max(1, ...map.values.values());
  const chart = init(container, undefined, { renderer: "svg" });
  const label = (p: { name: string }) => map.label(p.name);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: (p: { name: string; value: number }) => map.tooltip ? map.tooltip(p.name) : `${map.label(p.name)}: ${Number.isFinite(p.value) ? p.value : 0}` },
    visualMap: { show: !map.compact, min: 0, max, calculable: false, left: 8, bottom: 8, text: [String(max), "0"], inRange: { color: map.colors ?? ["#f1f5fb", "#1f5fa8"] }, textStyle: { color: "#333" } },
    series: [{
      type: "map",
      map: MAP_NAME,
      roam: false,
      ...(map.fill ? { layoutCenter: ["50%", "50%"], layoutSize: "100%" } : {}),
      selectedMode: "single",
      label: { show: false },
      emphasis: { label: { show: true, formatter: label }, itemStyle: { areaColor: "#f2b233" } },
      select: { label: { show: true, formatter: label }, itemStyle: { areaColor: "#e07b00" } },
      itemStyle: { borderColor: "#666", borderWidth: 0.6 },
      data: polygonNames.map((name) => ({ name, value: map.values.get(name) ?? 0, selected: name === map.selected })),
    }],
  });
  chart.on("click", (p) => map.onClick((p as { name: string }).name));
  // The SVG is the app's own drawing (tests tell drawn SVGs from injected ones by this mark).
  container.querySelector("svg")?.setAttribute("data-drawn", "atlas");
  return chart;
}

/** Where a polygon's centre is drawn, in pixels of the chart's box (null: no such polygon). */
export function polygonCentre(chart: EChartsType, polygon: string): [number, number] | null {
  const point = chart.convertToPixel({ seriesIndex: 0 }, polygon) as unknown;
  return Array.isArray(point) && point.length === 2 && point.every((x) => Number.isFinite(x)) ? [point[0], point[1]] : null;
}

export { chartSvg } from "../charts/svg";
