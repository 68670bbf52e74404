/**
 * A bar chart of one metric's whole-year figures: actuals as solid bars (pale when they rest on
 * grade-C sources only), plan targets as dashed outlines beside them, conflicting actuals as
 * ticks on the bar. Plain SVG; every label is a text node.
 */
import type { Lang } from "../i18n";
import type { Translate } from "../views/context";
import { compactValue, formatStatValue, statParts, type YearSeries } from "../state/stats";
import { h, svg } from "./dom";
import { exportMenu } from "./exportMenu";
import { standaloneSvg } from "../export/image";
import type { ViewContext } from "../views/context";

const HEIGHT = 150;
const TOP = 18;
const BOTTOM = 22;
const SLOT = 56;

export function statChart(series: YearSeries, label: string, lang: Lang, t: Translate, ctx?: ViewContext, title?: string): HTMLElement {
  const width = series.years.length * SLOT;
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plot - (v / series.max) * plot;
  const unit = statParts(0, series.unit, lang).suffix.trim();
  const full = (v: number) => formatStatValue(v, series.unit, lang);
  const slots = series.years.map((f, i) => {
    const x = i * SLOT;
    const bar = SLOT * 0.36;
    const parts: SVGElement[] = [];
    const described: string[] = [];
    const top = f.actuals[0];
    if (top !== undefined) {
      parts.push(svg("rect", { class: f.uncertain ? "bar-actual bar-uncertain" : "bar-actual", x: x + SLOT * 0.1, y: y(top), width: bar, height: Math.max(1, y(0) - y(top)) }));
      for (const other of f.actuals.slice(1)) {
        parts.push(svg("line", { class: "bar-conflict", x1: x + SLOT * 0.06, x2: x + SLOT * 0.1 + bar + SLOT * 0.04, y1: y(other), y2: y(other) }));
      }
      parts.push(svg("text", { class: "bar-label", x: x + SLOT * 0.1 + bar / 2, y: y(top) - 4 }, compactValue(top, series.unit, lang)));
      described.push(t("stat.chartActual", { value: f.actuals.map(full).join(" / ") }) + (f.uncertain ? " (" + t("confidence.uncertain") + ")" : ""));
    }
    const target = f.targets[0];
    if (target !== undefined) {
      const tx = x + SLOT * (top === undefined ? 0.1 : 0.5);
      parts.push(svg("rect", { class: "bar-target", x: tx, y: y(target), width: bar, height: Math.max(1, y(0) - y(target)) }));
      parts.push(svg("text", { class: "bar-label bar-label-target", x: tx + bar / 2, y: y(target) - 4 }, compactValue(target, series.unit, lang)));
      described.push(t("stat.chartTarget", { value: f.targets.map(full).join(" / ") }));
    }
    const title = described.length > 0 ? `${f.year}: ${described.join("; ")}` : `${f.year}: ${t("stat.chartNone")}`;
    return svg("g", { class: "bar-slot", "data-year": f.year, "data-actual": top ?? "", "data-target": target ?? "" },
      svg("title", {}, title),
      svg("rect", { class: "bar-hit", x, y: 0, width: SLOT, height: HEIGHT }),
      ...parts,
      svg("text", { class: "bar-year", x: x + SLOT / 2, y: HEIGHT - 6 }, String(f.year)),
    );
  });
  const chart = svg("svg", { class: "stat-chart-svg", viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "data-drawn": "atlas", "aria-label": t("stat.chartLabel", { label }), style: `max-width:${width * 1.4}px` },
    svg("line", { class: "bar-axis", x1: 0, x2: width, y1: y(0), y2: y(0) }),
    ...slots,
  );
  const background = () => getComputedStyle(document.documentElement).getPropertyValue("--panel").trim() || "#ffffff";
  const menu = ctx
    ? exportMenu(ctx, {
        title: () => title ?? label,
        screenSize: () => ({ width: Math.round(chart.getBoundingClientRect().width) || width, height: Math.round(chart.getBoundingClientRect().height) || HEIGHT }),
        image: (w, hh) => standaloneSvg(chart as SVGSVGElement, w, hh, background()),
        table: () => ({
          title: title ?? label,
          columns: [t("stat.year"), t("stat.actual"), t("stat.target"), t("stat.unit")],
          rows: series.years.map((f) => [f.year, f.actuals[0] ?? null, f.targets[0] ?? null, statParts(0, series.unit, lang).suffix.trim() || series.unit]),
        }),
      }, "chart-export")
    : null;
  return h("figure", { class: "stat-chart", testid: "stat-chart" },
    menu ? h("div", { class: "table-tools" }, menu) : null,
    chart,
    h("figcaption", {},
      h("span", { class: "legend legend-actual" }, t("stat.actual")),
      series.years.some((f) => f.uncertain) ? h("span", { class: "legend legend-uncertain" }, t("confidence.uncertain")) : null,
      series.years.some((f) => f.targets.length > 0) ? h("span", { class: "legend legend-target" }, t("stat.target")) : null,
      unit !== "" && unit !== "%" ? h("span", { class: "legend-unit" }, t("stat.chartUnit", { unit })) : null,
      series.years.some((f) => f.actuals.length > 1) ? h("span", { class: "legend legend-conflict" }, t("stat.chartConflict")) : null,
    ),
  );
}
