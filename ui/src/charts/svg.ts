/**
 * An ECharts drawing (SVG renderer) as a standalone SVG at the size asked for: the drawing keeps
 * its proportions and is centred (what is on the screen, scaled), so a PNG or SVG export honours
 * the size chosen in the export menu. Shared by the map and the statistics charts.
 */
import type { EChartsType } from "echarts/core";

export function chartSvg(chart: EChartsType, width: number, height: number): SVGSVGElement {
  const text = chart.renderToSVGString();
  const el = new DOMParser().parseFromString(text, "image/svg+xml").documentElement as unknown as SVGSVGElement;
  el.setAttribute("viewBox", `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
  el.setAttribute("width", String(width));
  el.setAttribute("height", String(height));
  el.setAttribute("preserveAspectRatio", "xMidYMid meet");
  return el;
}
