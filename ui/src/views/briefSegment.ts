/**
 * `#/brief/segment/<id>`: a printable brief of one chain segment: local coverage (a vector chart
 * drawn with ECharts' SVG renderer, charts/bars.ts, loaded in its own chunk; a viewBox lets it
 * scale to a printed page), concentration when at least 3 suppliers are known, the gap status and the local firms,
 * with the date and edition. Computed from the edition's links; the sources are on the firms' pages.
 */
import { briefHead } from "../components/briefHead";
import { exportMenu } from "../components/exportMenu";
import { h, langOf } from "../components/dom";
import { gapLevel, hhiBand, measurableHhi, percent } from "../state/chain";
import { primaryName, secondaryName } from "../state/format";
import { chainHref, entityHref } from "../state/router";
import type { View } from "./context";

type ChartLib = typeof import("../charts/bars");

export const briefSegmentView: View<{ name: "briefSegment"; id: string }> = (root, route, ctx) => {
  const { t, lang } = ctx;
  root.append(h("p", { class: "loading", testid: "loading" }, t("chain.loading")));
  let alive = true;
  Promise.all([
    ctx.call("local_coverage", { segments: [route.id] }),
    ctx.call("concentration", { segments: [route.id] }),
    ctx.call("edition", {}),
  ]).then(
    ([coverage, concentration, edition]) => {
      if (!alive) return;
      const c = coverage.segments[0];
      if (!c) {
        root.replaceChildren(h("p", { class: "empty" }, t("error.notFoundRoute")));
        return;
      }
      const conc = concentration.segments[0] ?? null;
      const name = lang === "zh" ? c.segment.name_zh : c.segment.name_en;
      const title = t("brief.segmentTitle", { name });
      const hhi = measurableHhi(conc);
      const gap = gapLevel(c);
      // The chart: known firms of the segment, and those in Chongqing.
      const chartLabel = t("chain.coverage", { local: c.local_count, total: c.suppliers });
      const canvas = h("div", { class: "brief-chart-canvas", testid: "brief-chart-canvas", role: "img", aria: { label: chartLabel } });
      let chart: ReturnType<ChartLib["drawCoverage"]> | null = null;
      let lib: ChartLib | null = null;
      const draw = (l: ChartLib) => {
        lib = l;
        chart = l.drawCoverage(canvas, {
          bars: [
            { label: t("export.knownFirms"), value: c.suppliers, color: "#9aa7b8" },
            { label: t("export.localFirms"), value: c.local_count, color: "#1b6b35" },
          ],
          // Dark on white in either theme, as the brief is printed.
          text: "#111111",
          grid: "#d9dee5",
          // Unquoted: ECharts writes the family into a style attribute as it is (quotes would break the SVG).
          font: (getComputedStyle(document.body).fontFamily || "sans-serif").replace(/["']/g, ""),
          background: "#ffffff",
        });
        canvas.dataset.ready = "true";
      };
      // Drawn once the box has a size, resized with it.
      const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => {
        if (!canvas.isConnected || !alive) {
          observer?.disconnect();
          chart?.dispose();
          chart = null;
          return;
        }
        if (canvas.clientWidth === 0) return;
        if (chart && lib) lib.resizeChart(chart);
        else if (lib) draw(lib);
      });
      import("../charts/bars").then((l) => {
        lib = l;
        if (canvas.isConnected && canvas.clientWidth > 0 && !chart) draw(l);
      }, (err) => ctx.reportError(err));
      observer?.observe(canvas);
      const facts = [
        t("chain.coverage", { local: c.local_count, total: c.suppliers }) + (percent(c.local_share) ? ` (${percent(c.local_share)})` : ""),
        gap === "none" ? t("gap.none") : gap === "one" ? t("gap.one") : null,
        hhi !== null && conc
          ? `${t("chain.hhi", { hhi: Math.round(hhi).toLocaleString("en-US") })}: ${t(`hhi.${hhiBand(hhi)}Help`)} ${t("chain.concDetail", { suppliers: conc.suppliers, links: conc.customer_links })}`
          : conc && conc.hhi !== null
            ? `${t("chain.tooFew")}${lang === "zh" ? "。" : ". "}${t("chain.tooFewHelp", { suppliers: conc.suppliers, links: conc.customer_links })}`
            : t("chain.noCustomerLinks"),
        hhi !== null && conc?.top_supplier ? t("chain.top", { name: primaryName(conc.top_supplier, lang), share: percent(conc.top_share) ?? "" }) : null,
      ].filter((f): f is string => f !== null);
      root.replaceChildren(
        h("article", { class: "brief", testid: "brief", lang: lang === "zh" ? "zh-CN" : "en" },
          h("div", { class: "brief-tools", testid: "brief-tools" },
            h("a", { class: "button", href: chainHref() }, "← ", t("nav.chain")),
            h("button", { class: "button primary", type: "button", testid: "brief-print", on: { click: () => window.print() } }, "⎙ ", t("brief.print")),
            exportMenu(ctx, {
              title: () => title,
              screenSize: () => ({ width: Math.round(canvas.clientWidth) || 600, height: Math.round(canvas.clientHeight) || 140 }),
              image: (w, hh) => {
                if (!chart || !lib) throw new Error("chart not drawn");
                return lib.chartSvg(chart, w, hh);
              },
              table: () => ({
                title,
                columns: [t("export.segment"), t("export.name"), t("export.otherName"), t("entity.kind")],
                rows: c.local_suppliers.map((f) => [name, primaryName(f, lang), secondaryName(f, lang), t(`kind.${f.kind}`)]),
              }),
            }, "brief-export"),
          ),
          h("section", { class: "brief-head" },
            ...briefHead(title, edition, ctx),
            h("figure", { class: "brief-figure", testid: "brief-chart" }, canvas),
          ),
          h("section", {}, h("h2", {}, t("brief.facts")), h("ul", { class: "brief-facts" }, ...facts.map((f) => h("li", { testid: "brief-fact" }, f)))),
          h("section", {},
            h("h2", {}, t("export.localFirms"), " (", String(c.local_count), ")"),
            c.local_suppliers.length > 0
              ? h("ul", { class: "brief-facts", testid: "brief-firms" }, ...c.local_suppliers.map((f) => {
                  const n = primaryName(f, lang);
                  return h("li", { testid: "brief-firm" }, h("a", { href: entityHref(f.id), lang: langOf(n) }, n), " · ", t(`kind.${f.kind}`));
                }))
              : h("p", {}, t("chain.noLocal")),
          ),
          h("section", {}, h("h2", {}, t("entity.sources")), h("p", {}, t("brief.segmentSources", { version: edition.version }))),
        ),
      );
      ctx.setTitle(title);
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "chain-error" }, t("chain.failed")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};
