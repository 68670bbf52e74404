/**
 * A bar chart of one metric's whole-year figures, drawn with ECharts (the statistics dashboard's
 * charts/bars.ts, SVG renderer, in its own chunk loaded with the first chart): actuals as solid
 * bars (pale when they rest on grade-C sources only), plan targets as dashed outlines beside them,
 * other sources' differing actuals as diamonds. The chart is drawn once its box has a size (it
 * often sits in a closed <details>) and follows the box's width. The figures drawn are also in a
 * table for screen readers (and tests); the export writes the drawing (SVG, PNG) or that table.
 */
import type { Lang } from "../i18n";
import type { Translate } from "../views/context";
import { compactValue, formatStatValue, statParts, type YearSeries } from "../state/stats";
import { h } from "./dom";
import { exportMenu } from "./exportMenu";
import type { ViewContext } from "../views/context";

type Lib = typeof import("../charts/bars");
type Chart = ReturnType<Lib["drawBars"]>;

const css = (name: string, fallback: string, el: Element = document.documentElement) => getComputedStyle(el).getPropertyValue(name).trim() || fallback;

export function statChart(series: YearSeries, label: string, lang: Lang, t: Translate, ctx?: ViewContext, title?: string): HTMLElement {
  const unit = statParts(0, series.unit, lang).suffix.trim();
  const full = (v: number) => formatStatValue(v, series.unit, lang);
  const describe = (f: YearSeries["years"][number]) => {
    const said: string[] = [];
    if (f.actuals.length > 0) said.push(t("stat.chartActual", { value: f.actuals.map(full).join(" / ") }) + (f.uncertain ? ` (${t("confidence.uncertain")})` : ""));
    if (f.targets.length > 0) said.push(t("stat.chartTarget", { value: f.targets.map(full).join(" / ") }));
    return said.length > 0 ? said.join("; ") : t("stat.chartNone");
  };
  const chartLabel = t("stat.chartLabel", { label });
  const canvas = h("div", { class: "stat-chart-canvas", testid: "stat-chart-canvas", role: "img", aria: { label: chartLabel } });
  // What the chart shows, year by year, for those who cannot see it.
  const values = h("table", { class: "sr-only", testid: "stat-chart-values" },
    h("caption", {}, chartLabel),
    h("thead", {}, h("tr", {}, h("th", {}, t("stat.year")), h("th", {}, t("stat.value")))),
    h("tbody", {}, ...series.years.map((f) =>
      h("tr", { testid: "stat-chart-year", data: { year: String(f.year), actual: f.actuals[0] === undefined ? "" : String(f.actuals[0]), target: f.targets[0] === undefined ? "" : String(f.targets[0]) } },
        h("th", {}, String(f.year)),
        h("td", {}, describe(f)),
      ))),
  );
  let chart: Chart | null = null;
  let lib: Lib | null = null;
  const menu = ctx
    ? exportMenu(ctx, {
        title: () => title ?? label,
        screenSize: () => ({ width: Math.round(canvas.clientWidth) || 640, height: Math.round(canvas.clientHeight) || 220 }),
        image: (w, hh) => {
          if (!chart || !lib) throw new Error("chart not drawn");
          return lib.chartSvg(chart, w, hh);
        },
        table: () => ({
          title: title ?? label,
          columns: [t("stat.year"), t("stat.actual"), t("stat.target"), t("stat.unit")],
          rows: series.years.map((f) => [f.year, f.actuals[0] ?? null, f.targets[0] ?? null, unit || series.unit]),
        }),
      }, "chart-export")
    : null;

  // A viewBox on the drawing, so it scales with its box (a printed page is narrower than the screen).
  const fit = () => {
    if (chart) canvas.querySelector("svg")?.setAttribute("viewBox", `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
  };
  const draw = (l: Lib) => {
    lib = l;
    chart = l.drawBars(canvas, {
      categories: series.years.map((f) => String(f.year)),
      actuals: series.years.map((f) => f.actuals[0] === undefined ? null : { value: f.actuals[0], weak: f.uncertain, tooltip: `${f.year}: ${describe(f)}` }),
      targets: series.years.map((f) => f.targets[0] === undefined ? null : { value: f.targets[0], tooltip: `${f.year}: ${t("stat.chartTarget", { value: f.targets.map(full).join(" / ") })}` }),
      others: series.years.flatMap((f, index) => f.actuals.slice(1).map((value) => ({ index, value, tooltip: `${f.year}: ${t("stat.chartConflict")} ${full(value)}` }))),
      label: (v) => compactValue(v, series.unit, lang),
      names: { actual: t("stat.actual"), target: t("stat.target"), other: t("stat.chartConflict") },
      text: css("--fg", "#222222"),
      grid: css("--line", "#d9dee5"),
      // Unquoted: ECharts writes the family into a style attribute as it is (quotes would break the SVG).
      font: (getComputedStyle(document.body).fontFamily || "sans-serif").replace(/["']/g, ""),
      background: css("--panel", "#ffffff"),
      allLabels: true,
    });
    fit();
    canvas.dataset.ready = "true";
  };

  // Drawn when the box first has a size (a closed <details> has none), resized with it, and let go
  // when it leaves the page.
  if (typeof ResizeObserver !== "undefined") {
    let loading = false;
    const observer = new ResizeObserver(() => {
      if (!canvas.isConnected) {
        observer.disconnect();
        chart?.dispose();
        chart = null;
        return;
      }
      if (canvas.clientWidth === 0) return;
      if (chart) {
        chart.resize();
        fit();
        return;
      }
      if (loading) return;
      loading = true;
      import("../charts/bars").then((l) => {
        if (canvas.isConnected && canvas.clientWidth > 0) draw(l);
        else loading = false;
      }, () => {
        loading = false;
      });
    });
    observer.observe(canvas);
  }

  return h("figure", { class: "stat-chart", testid: "stat-chart", data: { years: String(series.years.length) } },
    menu ? h("div", { class: "table-tools" }, menu) : null,
    canvas,
    values,
    h("figcaption", {},
      series.years.some((f) => f.uncertain) ? h("span", { class: "legend legend-uncertain" }, t("confidence.uncertain")) : null,
      unit !== "" && unit !== "%" ? h("span", { class: "legend-unit" }, t("stat.chartUnit", { unit })) : null,
    ),
  );
}
