/**
 * `#/brief/what-if?entities=..&places=..`: a printable brief of a what-if result, in the chosen
 * language: what is removed, the date and edition, the result as a vector graph, and per vehicle
 * maker the segments it loses with the local suppliers it had. The result is computed from the
 * edition's supply links; their sources are on the entity pages (the brief says so).
 */
import { briefHead } from "../components/briefHead";
import { exportMenu } from "../components/exportMenu";
import { h, langOf } from "../components/dom";
import { kindColour } from "../graph/colours";
import { canvasMeasure, LABEL_FONT, loadLabelFont } from "../graph/font";
import { buildGraph, kindsPresent } from "../graph/model";
import { pictureFromGraph, pictureSvg, type LegendEntry } from "../graph/picture";
import type { EntityRef, Neighbourhood } from "../ipc/types";
import { whatIfHighlight, whatIfTotals } from "../state/analytics";
import { joinNames, primaryName } from "../state/format";
import { entityHref, whatIfHref } from "../state/router";
import type { View } from "./context";

type Route = { name: "briefWhatIf"; entities: string[]; places: string[]; depth: number };
const FIGURE = { width: 1000, height: 620 };

export const briefWhatIfView: View<Route> = (root, route, ctx) => {
  const { t, lang } = ctx;
  root.append(h("p", { class: "loading", testid: "loading" }, t("whatIf.running")));
  let alive = true;
  const ids = [...route.entities, ...route.places];
  Promise.all([
    ctx.call("what_if", { entities: route.entities, places: route.places, max_depth: route.depth, with_ownership: false }),
    ctx.call("edition", {}),
    Promise.all(ids.map((id) => ctx.call("entity", { id }).then((p) => p.entity, () => null))),
  ]).then(
    async ([result, edition, picked]) => {
      if (!alive) return;
      const known = picked.filter((e): e is EntityRef => e !== null);
      const centre = known[0] ?? result.removed[0] ?? { id: ids[0] ?? "", kind: "firm" as const, name_zh: null, name_en: null };
      const names = joinNames(known.map((e) => primaryName(e, lang)), lang);
      const title = t("brief.whatIfTitle", { names });
      const hl = whatIfHighlight(result, centre);
      const hood: Neighbourhood = { centre: centre.id, nodes: hl.nodes, edges: hl.edges, hidden: 0 };
      const graph = buildGraph(hood, lang, { highlight: { nodes: new Set(hl.nodes.map((n) => n.entity.id)), edges: new Set(hl.edges.map((e) => `${e.from}>${e.to}>${e.relation}`)) } });
      await loadLabelFont(graph.mapNodes((_, a) => a.label), 15);
      if (!alive) return;
      const legend: LegendEntry[] = [
        ...kindsPresent(hood).map((k) => ({ label: t(`kind.${k}`), color: kindColour(k), shape: "dot" as const })),
        ...(hl.edges.length > 0 ? [{ label: t("brief.whatIfEdge"), color: "#e67e00", shape: "line" as const }] : []),
      ];
      const figure = pictureSvg(pictureFromGraph(graph, { ...FIGURE, measure: canvasMeasure(), fontFamily: LABEL_FONT, fontSize: 15, centre: centre.id, legend, padding: 70, caption: title }));
      const totals = whatIfTotals(result);
      root.replaceChildren(
        h("article", { class: "brief", testid: "brief", lang: lang === "zh" ? "zh-CN" : "en" },
          h("div", { class: "brief-tools", testid: "brief-tools" },
            h("a", { class: "button", href: whatIfHref(route.entities, route.places) }, "← ", t("whatIf.title")),
            h("button", { class: "button primary", type: "button", testid: "brief-print", on: { click: () => window.print() } }, "⎙ ", t("brief.print")),
            exportMenu(ctx, {
              title: () => title,
              screenSize: () => FIGURE,
              image: (w, hh) => {
                const copy = figure.cloneNode(true) as SVGSVGElement;
                copy.setAttribute("width", String(w));
                copy.setAttribute("height", String(hh));
                return copy;
              },
              table: () => ({
                title,
                columns: [t("export.maker"), t("export.segment"), t("export.lostSuppliers")],
                rows: result.makers.flatMap((m) => m.segments.map((s) => [primaryName(m.maker, lang), lang === "zh" ? s.segment.name_zh : s.segment.name_en, joinNames(s.lost_suppliers.map((e) => primaryName(e, lang)), lang)])),
              }),
            }, "brief-export"),
          ),
          h("section", { class: "brief-head" },
            ...briefHead(title, edition, ctx),
            h("figure", { class: "brief-figure", testid: "brief-graph" }, figure, h("figcaption", {}, t("brief.whatIfCaption"))),
          ),
          h("section", {},
            h("h2", {}, t("brief.facts")),
            h("ul", { class: "brief-facts" },
              h("li", { testid: "brief-fact" }, t("whatIf.removed", { count: result.removed_count })),
              h("li", { testid: "brief-fact" }, result.makers.length === 0 ? t("whatIf.noneAffected") : t(result.makers.length === 1 ? "whatIf.affected.one" : "whatIf.affected.other", { count: result.makers.length, segments: totals.segments.length })),
              h("li", { testid: "brief-fact" }, t("brief.whatIfDepth", { depth: route.depth })),
            ),
          ),
          result.makers.length > 0
            ? h("section", {},
                h("h2", {}, t("export.maker")),
                h("ul", { class: "brief-facts", testid: "brief-makers" },
                  ...result.makers.map((m) => h("li", { testid: "brief-maker", data: { entityId: m.maker.id } },
                    h("a", { href: entityHref(m.maker.id) }, h("strong", { lang: langOf(primaryName(m.maker, lang)) }, primaryName(m.maker, lang))), lang === "zh" ? "：" : ": ",
                    joinNames(m.segments.map((s) => {
                      const lost = joinNames(s.lost_suppliers.map((e) => primaryName(e, lang)), lang);
                      return lang === "zh" ? `${s.segment.name_zh}（${t("whatIf.had")}${lost}）` : `${s.segment.name_en} (${t("whatIf.had")} ${lost})`;
                    }), lang),
                  )),
                ),
              )
            : null,
          h("section", {}, h("h2", {}, t("entity.sources")), h("p", {}, t("brief.whatIfSources", { version: edition.version }))),
        ),
      );
      ctx.setTitle(title);
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "panel-error" }, t("supply.failed")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};
