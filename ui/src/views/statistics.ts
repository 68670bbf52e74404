/**
 * `#/statistics`: the statistics dashboard. Chongqing's and China's series (NEV output, sales,
 * share, exports, charging) as ECharts bar charts of actual figures against plan targets, read
 * from the two entity pages' statistics. Each chart says what it rests on (its sources with
 * publisher, date and grade; few points; figures resting on grade C only) and can be exported
 * (SVG, PNG, CSV, XLSX). ECharts loads with the view, in its own chunk.
 */
import "../statistics.css";
import { gradeBadge } from "../components/badges";
import { h } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import { sourceItem } from "../components/sources";
import type { MessageKey } from "../i18n";
import type { EntityPage, Grade } from "../ipc/types";
import { primaryName } from "../state/format";
import { entityHref } from "../state/router";
import { DASHBOARD, DASHBOARD_SUBJECTS, dashboardSeries, isWeak, seriesRows, type DashboardSeries, type SeriesWarning } from "../state/statistics";
import { compactValue, formatStatPeriod, formatStatValue, metricLabel, statParts } from "../state/stats";
import type { View, ViewContext } from "./context";

type Lib = typeof import("../charts/bars");
type Chart = ReturnType<Lib["drawBars"]>;

export const statisticsView: View<{ name: "statistics" }> = (root, _route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("dash.title"));
  let alive = true;
  const charts: Chart[] = [];
  const body = h("div", { class: "dash-body", testid: "dash-body" }, h("p", { class: "loading" }, t("dash.loading")));
  root.append(h("section", { class: "dash", testid: "statistics-view" },
    h("h1", {}, t("dash.title")),
    h("p", { class: "lead" }, t("dash.intro")),
    h("p", { class: "dash-legend hint" }, t("dash.legend")),
    body,
  ));
  // An edition without a subject (a test or regional edition) has none of its figures: its charts say so.
  const page = (id: string): Promise<EntityPage | null> => ctx.call("entity", { id }).catch((e: unknown) => {
    if ((e as { code?: string })?.code === "not_found") return null;
    throw e;
  });
  Promise.all([Promise.all(DASHBOARD_SUBJECTS.map(page)), import("../charts/bars")]).then(([pages, lib]) => {
    if (!alive) return;
    body.replaceChildren(...DASHBOARD.map((section) => renderSection(section, pages, lib, ctx, charts)).filter((x): x is HTMLElement => x !== null));
    if (!body.firstChild) body.append(h("p", { class: "empty" }, t("dash.none")));
  }, (e) => {
    if (!alive) return;
    body.replaceChildren(h("p", { class: "empty" }, t("tiles.failed")));
    ctx.reportError(e);
  });
  return () => {
    alive = false;
    charts.forEach((c) => c.dispose());
  };
};

function renderSection(section: (typeof DASHBOARD)[number], pages: Array<EntityPage | null>, lib: Lib, ctx: ViewContext, charts: Chart[]): HTMLElement | null {
  const { t } = ctx;
  const metrics = section.metrics.map((m) => {
    const series = pages.map((p, i) => ({ page: p, subject: DASHBOARD_SUBJECTS[i]!, series: p ? dashboardSeries(p.statistics, p.entity.id, m.metric, m.mode) : null }));
    if (series.every((s) => s.series === null)) return null;
    const label = metricLabel(m.metric, ctx.lang);
    // A section of one metric needs no heading of its own for it (the section's says it).
    const single = section.metrics.length === 1;
    return h("div", { class: "dash-metric", testid: "dash-metric", data: { metric: m.metric } },
      single ? null : h("h3", {}, label),
      h("div", { class: "dash-pair" }, ...series.map((s) => card(s.page, s.subject, s.series, label, lib, ctx, charts, single ? "h3" : "h4"))),
    );
  }).filter((x): x is HTMLDivElement => x !== null);
  if (metrics.length === 0) return null;
  return h("section", { class: "dash-section", testid: "dash-section", data: { section: section.id }, aria: { labelledby: `dash-${section.id}` } },
    h("h2", { id: `dash-${section.id}` }, t(`dash.section.${section.id}` as MessageKey)),
    ...metrics,
  );
}

function subjectName(page: EntityPage | null, subject: string, ctx: ViewContext): string {
  return page ? primaryName(page.entity, ctx.lang) : subject;
}

function warningText(w: SeriesWarning, ctx: ViewContext): string {
  switch (w.kind) {
    case "few": return ctx.t(w.count === 1 ? "dash.fewOne" : "dash.few", { count: w.count });
    case "gradeC": return ctx.t("dash.gradeC", { count: w.count, of: w.of });
    case "noActual": return ctx.t("dash.noActual");
  }
}

function card(page: EntityPage | null, subject: string, series: DashboardSeries | null, label: string, lib: Lib, ctx: ViewContext, charts: Chart[], level: "h3" | "h4"): HTMLElement {
  const { t, lang } = ctx;
  const name = subjectName(page, subject, ctx);
  const heading = h(level, { class: "dash-card-title" }, page ? h("a", { href: entityHref(page.entity.id) }, name) : name);
  if (!series) {
    return h("div", { class: "dash-card dash-card-empty", testid: "dash-card", data: { subject, empty: "true" } }, heading, h("p", { class: "empty" }, t("dash.noFigures")));
  }
  const unit = statParts(0, series.unit, lang).suffix.trim();
  const title = `${label} — ${name}`;
  const full = (v: number) => formatStatValue(v, series.unit, lang);
  const grades = (s: { sources: { grade: Grade }[] }) => s.sources.map((x) => x.grade).join("/") || "—";
  const canvas = h("div", { class: "dash-canvas", testid: "dash-canvas", role: "img", aria: { label: t("dash.chartLabel", { label, subject: name }) } });
  const background = () => getComputedStyle(document.documentElement).getPropertyValue("--panel").trim() || "#ffffff";
  const text = () => getComputedStyle(document.documentElement).getPropertyValue("--fg").trim() || "#222222";
  let chart: Chart | null = null;
  const columns = [t("stat.period"), t("stat.kind"), t("stat.value"), t("stat.unit"), t("stat.grade"), t("stat.sources")];
  const rows = seriesRows(series).map((r) => [
    formatStatPeriod(r.period, lang),
    t(r.kind === "other" ? "dash.other" : r.kind === "target" ? "stat.target" : "stat.actual"),
    r.stat.value,
    unit || series.unit,
    grades(r.stat),
    r.stat.sources.map((s) => `${s.publisher} ${s.published ?? t("source.noDate")}`).join("; "),
  ]);
  const menu = exportMenu(ctx, {
    title: () => title,
    screenSize: () => ({ width: Math.round(canvas.clientWidth) || 640, height: Math.round(canvas.clientHeight) || 280 }),
    image: (w, hh) => {
      if (!chart) throw new Error("chart not drawn");
      const svg = lib.chartSvg(chart, w, hh);
      return svg;
    },
    table: () => ({ title, columns, rows }),
  }, "dash-export");
  const counts = { A: 0, B: 0, C: 0 } as Record<Grade, number>;
  for (const s of series.sources) counts[s.grade]++;
  const gradeLine = (["A", "B", "C"] as const).filter((g) => counts[g] > 0).map((g) => h("span", { class: "dash-grade" }, gradeBadge(g, t), " ", String(counts[g])));
  const warnings = series.warnings.map((w) => h("p", { class: "dash-warning", testid: "dash-warning", data: { kind: w.kind } }, "⚠ ", warningText(w, ctx)));
  const element = h("figure", { class: "dash-card", testid: "dash-card", data: { subject, metric: series.metric, points: String(series.actualPoints), targets: String(series.targetPoints) } },
    h("div", { class: "dash-card-head" }, heading, h("div", { class: "table-tools" }, menu)),
    canvas,
    h("figcaption", {},
      unit !== "" && unit !== "%" ? h("span", { class: "legend-unit" }, t("stat.chartUnit", { unit })) : null,
      series.leftOut > 0 && unit !== "" && unit !== "%" ? " · " : null,
      series.leftOut > 0 ? h("span", {}, t(series.mode === "annual" ? "dash.leftOutAnnual" : "dash.leftOutStock", { count: series.leftOut })) : null,
    ),
    ...warnings,
    h("details", { class: "dash-sources", testid: "dash-sources" },
      h("summary", {}, t("dash.sources", { count: series.sources.length }), " ", ...gradeLine),
      h("ul", { class: "sources compact" }, ...series.sources.map((s) => sourceItem(s, t, true))),
    ),
    h("details", { class: "dash-figures", testid: "dash-figures" },
      h("summary", {}, t("dash.figures", { count: rows.length })),
      h("table", { class: "stat-table" },
        h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { }, c)))),
        h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, typeof c === "number" ? full(c) : String(c)))))),
      ),
    ),
  );
  // Drawn once the card is in the page (ECharts measures its box).
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    const point = (p: DashboardSeries["points"][number]) => formatStatPeriod(p.period, lang);
    chart = lib.drawBars(canvas, {
      categories: series.points.map((p) => (series.mode === "annual" ? p.key : point(p))),
      actuals: series.points.map((p) => p.actual === null ? null : {
        value: p.actual.value,
        weak: isWeak(p.actual),
        tooltip: `${point(p)}: ${t("stat.actual")} ${full(p.actual.value)} (${grades(p.actual)}${isWeak(p.actual) ? ", " + t("confidence.uncertain") : ""})`,
      }),
      targets: series.points.map((p) => p.targets[0] === undefined ? null : { value: p.targets[0].value, tooltip: `${point(p)}: ${t("stat.target")} ${p.targets.map((x) => full(x.value)).join(" / ")}` }),
      others: series.points.flatMap((p, index) => p.others.map((o) => ({ index, value: o.value, tooltip: `${point(p)}: ${t("dash.other")} ${full(o.value)} (${grades(o)})` }))),
      label: (v) => compactValue(v, series.unit, lang),
      names: { actual: t("dash.actual"), target: t("dash.target"), other: t("dash.other") },
      text: text(),
      // Unquoted: ECharts writes the family into a style attribute as it is (quotes would break the SVG).
      grid: getComputedStyle(document.documentElement).getPropertyValue("--line").trim() || "#d9dee5",
      font: (getComputedStyle(document.body).fontFamily || "sans-serif").replace(/["']/g, ""),
      background: background(),
    });
    charts.push(chart);
    canvas.dataset.ready = "true";
    // Drawn again when its card changes size (the window, or the layout of a printed page); in
    // between, its viewBox (drawBars) scales the drawing to the card.
    if (typeof ResizeObserver === "undefined") return;
    let width = canvas.clientWidth;
    const observer = new ResizeObserver(() => {
      if (!canvas.isConnected) {
        observer.disconnect();
        return;
      }
      if (!chart || canvas.clientWidth === 0 || canvas.clientWidth === width) return;
      width = canvas.clientWidth;
      lib.resizeChart(chart);
    });
    observer.observe(canvas);
  });
  return element;
}
