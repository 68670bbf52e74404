/**
 * `#/brief/path?from=..&to=..&k=..&i=..`: a printable brief of how two entities are connected:
 * the date and edition, the path as a vector graph, each hop with its numbered citations, and the
 * numbered source list (publisher, date, grade, URL).
 */
import { briefHead } from "../components/briefHead";
import { exportMenu } from "../components/exportMenu";
import { h, langOf } from "../components/dom";
import { kindColour, relationColour, relationGroup, RELATION_GROUPS } from "../graph/colours";
import { canvasMeasure, LABEL_FONT, loadLabelFont } from "../graph/font";
import { buildGraph, kindsPresent } from "../graph/model";
import { pictureFromGraph, pictureSvg, type LegendEntry } from "../graph/picture";
import type { Neighbourhood } from "../ipc/types";
import { pathHighlight } from "../state/analytics";
import { citationLabel, Citations } from "../state/brief";
import { isVisibleDate, primaryName } from "../state/format";
import { entityHref } from "../state/router";
import type { View } from "./context";

type Route = { name: "briefPath"; from: string; to: string; k: number; directed: boolean; index: number };
const FIGURE = { width: 1000, height: 420 };

export const briefPathView: View<Route> = (root, route, ctx) => {
  const { t, lang } = ctx;
  root.append(h("p", { class: "loading", testid: "loading" }, t("supply.loading")));
  let alive = true;
  Promise.all([ctx.call("paths", { from: route.from, to: route.to, k: route.k, directed: route.directed }), ctx.call("edition", {})]).then(
    async ([result, edition]) => {
      if (!alive) return;
      const path = result.paths[route.index] ?? result.paths[0];
      if (!path) {
        root.replaceChildren(h("p", { class: "empty", testid: "paths-none" }, t("paths.none")));
        return;
      }
      const from = path.entities[0]!, to = path.entities[path.entities.length - 1]!;
      const title = t("brief.pathTitle", { from: primaryName(from, lang), to: primaryName(to, lang) });
      const hl = pathHighlight(path);
      const hood: Neighbourhood = { centre: from.id, nodes: hl.nodes, edges: hl.edges, hidden: 0 };
      const graph = buildGraph(hood, lang);
      await loadLabelFont(graph.mapNodes((_, a) => a.label), 15);
      if (!alive) return;
      const groups = RELATION_GROUPS.filter((g) => hl.edges.some((e) => relationGroup(e.relation) === g.id));
      const legend: LegendEntry[] = [
        ...kindsPresent(hood).map((k) => ({ label: t(`kind.${k}`), color: kindColour(k), shape: "dot" as const })),
        ...groups.map((g) => ({ label: [...new Set(hl.edges.filter((e) => relationGroup(e.relation) === g.id).map((e) => t(`rel.${e.relation}`)))].join(", "), color: relationColour(g.sample), shape: "line" as const })),
      ];
      const figure = pictureSvg(pictureFromGraph(graph, { ...FIGURE, measure: canvasMeasure(), fontFamily: LABEL_FONT, fontSize: 15, centre: from.id, legend, padding: 60, caption: title }));
      const cites = new Citations();
      const hops = path.hops.map((hop, j) => {
        const a = path.entities[j]!, b = path.entities[j + 1]!;
        // The link as it points: "A supplies B" even when the path walks it backwards.
        const [x, y] = hop.along ? [a, b] : [b, a];
        const label = citationLabel(cites.cite(hop.sources));
        return h("li", { testid: "brief-hop" },
          h("strong", { lang: langOf(primaryName(x, lang)) }, primaryName(x, lang)), " ",
          h("span", { class: "rel-tag" }, t(`rel.${hop.relation}`)), " ",
          h("strong", { lang: langOf(primaryName(y, lang)) }, primaryName(y, lang)),
          label ? h("span", { class: "cite", testid: "brief-cite" }, label) : null,
        );
      });
      const sources = cites.list();
      root.replaceChildren(
        h("article", { class: "brief", testid: "brief", lang: lang === "zh" ? "zh-CN" : "en" },
          h("div", { class: "brief-tools", testid: "brief-tools" },
            h("a", { class: "button", href: entityHref(from.id) }, "← ", t("graph.openEntity")),
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
            }, "brief-export"),
          ),
          h("section", { class: "brief-head" },
            ...briefHead(title, edition, ctx),
            h("figure", { class: "brief-figure", testid: "brief-graph" }, figure),
          ),
          h("section", {}, h("h2", {}, t(path.hops.length === 1 ? "paths.hops.one" : "paths.hops.other", { count: path.hops.length })), h("ol", { class: "brief-facts" }, ...hops)),
          h("section", { class: "brief-page" },
            h("h2", {}, t("entity.sources"), " (", String(sources.length), ")"),
            h("ol", { class: "brief-sources", testid: "brief-sources" },
              ...sources.map((s) => h("li", { testid: "brief-source", data: { grade: s.grade } },
                h("span", { lang: langOf(s.publisher) }, s.publisher), ". ",
                h("span", { lang: s.language || langOf(s.title) }, s.title), ". ",
                isVisibleDate(s.published) ? s.published : t("source.noDate"), ". ",
                t("brief.grade", { grade: s.grade }), ". ",
                h("code", { class: "source-url" }, s.url),
              )),
            ),
            h("p", { class: "brief-meta" }, t("brief.gradeKey")),
          ),
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
