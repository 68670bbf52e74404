/**
 * `#/brief/<id>`: a printable brief of one entity, in the chosen language: a title, the date and
 * edition it was made from, its neighbourhood as a vector graph, the facts with numbered
 * citations, and the numbered source list (publisher, date, grade, URL).
 */
import { briefHead } from "../components/briefHead";
import { exportMenu } from "../components/exportMenu";
import { h, langOf } from "../components/dom";
import { statChart } from "../components/statChart";
import { kindColour, relationColour, relationGroup, RELATION_GROUPS } from "../graph/colours";
import { canvasMeasure, LABEL_FONT, loadLabelFont } from "../graph/font";
import { buildGraph, kindsPresent } from "../graph/model";
import { pictureFromGraph, pictureSvg, type LegendEntry } from "../graph/picture";
import type { Edition, EntityPage, LinkView, Neighbourhood, SourceView } from "../ipc/types";
import { citationLabel, Citations } from "../state/brief";
import { formatPeriod, formatShare, groupLinks, isVisibleDate, primaryName, secondaryName } from "../state/format";
import { entityHref, graphHref } from "../state/router";
import { formatLatest, groupStatistics, yearSeries } from "../state/stats";
import type { View, ViewContext } from "./context";

/** Links listed in a brief before "and N more". */
const MAX_LINKS = 60;
const FIGURE = { width: 1000, height: 620 };

export const briefView: View<{ name: "brief"; id: string }> = (root, route, ctx) => {
  const { t } = ctx;
  root.append(h("p", { class: "loading", testid: "loading" }, t("entity.loading")));
  let alive = true;
  Promise.all([
    ctx.call("entity", { id: route.id }),
    ctx.call("edition", {}),
    ctx.call("neighbourhood", { id: route.id, hops: 1, direction: "both" }),
  ]).then(
    async ([page, edition, hood]) => {
      if (!alive) return;
      const figure = await graphFigure(hood, page, ctx);
      if (!alive) return;
      root.replaceChildren(renderBrief(page, edition, figure, ctx));
      ctx.setTitle(`${t("brief.kicker")}: ${primaryName(page.entity, ctx.lang)}`);
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "entity-missing" }, t("entity.notFound")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};

async function graphFigure(hood: Neighbourhood, page: EntityPage, ctx: ViewContext): Promise<SVGSVGElement> {
  const graph = buildGraph(hood, ctx.lang);
  const fontSize = 15;
  await loadLabelFont(graph.mapNodes((_, a) => a.label), fontSize);
  const kinds = kindsPresent(hood);
  const groups = RELATION_GROUPS.filter((g) => hood.edges.some((e) => relationGroup(e.relation) === g.id));
  const legend: LegendEntry[] = [
    ...kinds.map((k) => ({ label: ctx.t(`kind.${k}`), color: kindColour(k), shape: "dot" as const })),
    ...groups.map((g) => ({
      label: [...new Set(hood.edges.filter((e) => relationGroup(e.relation) === g.id).map((e) => ctx.t(`rel.${e.relation}`)))].join(", "),
      color: relationColour(g.sample),
      shape: "line" as const,
    })),
  ];
  const picture = pictureFromGraph(graph, {
    ...FIGURE,
    measure: canvasMeasure(),
    fontFamily: LABEL_FONT,
    fontSize,
    centre: page.entity.id,
    legend,
    // Room on the left for the legend.
    padding: 70,
    caption: ctx.t("brief.graphCaption", { name: primaryName(page.entity, ctx.lang) }),
  });
  return pictureSvg(picture);
}

function renderBrief(page: EntityPage, edition: Edition, figure: SVGSVGElement, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const cites = new Citations();
  const cite = (sources: readonly SourceView[]) => {
    const label = citationLabel(cites.cite(sources));
    return label ? h("span", { class: "cite", testid: "brief-cite" }, label) : null;
  };
  const name = primaryName(page.entity, lang);
  const other = secondaryName(page.entity, lang);

  const facts: HTMLElement[] = [];
  const fact = (label: string, value: string, sources: readonly SourceView[] = page.sources) =>
    facts.push(h("li", { testid: "brief-fact" }, h("strong", {}, label, ": "), h("span", { lang: langOf(value) }, value), " ", cite(sources)));
  fact(t("entity.kind"), t(`kind.${page.entity.kind}`));
  if (page.district) fact(t("entity.district"), primaryName(page.district, lang));
  if (page.segments.length > 0) fact(t("entity.segments"), page.segments.map((s) => (lang === "zh" ? s.name_zh : s.name_en)).join(lang === "zh" ? "、" : ", "));
  if (page.products.length > 0) fact(t("entity.products"), page.products.join(lang === "zh" ? "、" : "; "));
  if (page.founded) fact(t("entity.founded"), page.founded);
  if (page.website) fact(t("entity.website"), page.website);
  if (page.policy) {
    const p = page.policy;
    if (p.doc_number) fact(t("policy.docNumber"), p.doc_number, p.sources);
    if (p.issued) fact(t("policy.issued"), p.issued, p.sources);
    if (p.horizon !== null) fact(t("policy.horizon"), String(p.horizon), p.sources);
    if (p.targets) fact(t("policy.targets"), p.targets, p.sources);
  }

  const statGroups = groupStatistics(page.statistics ?? [], lang);
  const charted = statGroups.find((g) => yearSeries(g.rows) !== null);
  const stats = statGroups.map((g) => {
    const latest = formatLatest(g.latest, lang);
    const sources = (g.latest.length > 0 ? g.latest : g.rows).flatMap((r) => r.sources);
    return h("li", { testid: "brief-stat" }, h("strong", {}, g.label, ": "), latest ? `${latest.value} (${latest.period})` : t("stat.noActual"), " ", cite(sources));
  });

  const linkItems: HTMLElement[] = [];
  let shown = 0;
  for (const group of groupLinks(page.links)) {
    for (const link of group.links) {
      if (shown++ >= MAX_LINKS) continue;
      linkItems.push(linkFact(link, ctx, cite));
    }
  }
  const hiddenLinks = Math.max(0, page.links.length - MAX_LINKS);

  const sources = cites.list();
  const series = charted ? yearSeries(charted.rows) : null;
  return h("article", { class: "brief", testid: "brief", lang: lang === "zh" ? "zh-CN" : "en", data: { entityId: page.entity.id } },
    h("div", { class: "brief-tools", testid: "brief-tools" },
      h("a", { class: "button", href: entityHref(page.entity.id) }, "← ", t("graph.openEntity")),
      h("a", { class: "button", href: graphHref(page.entity.id) }, "◎ ", t("entity.graph")),
      h("button", { class: "button primary", type: "button", testid: "brief-print", on: { click: () => window.print() } }, "⎙ ", t("brief.print")),
      exportMenu(ctx, {
        title: () => `${t("brief.kicker")}-${name}`,
        screenSize: () => FIGURE,
        image: (w, hgt) => {
          const copy = figure.cloneNode(true) as SVGSVGElement;
          copy.setAttribute("width", String(w));
          copy.setAttribute("height", String(hgt));
          return copy;
        },
      }, "brief-export"),
    ),
    h("section", { class: "brief-head" },
      ...briefHead(name, edition, ctx, other),
      h("figure", { class: "brief-figure", testid: "brief-graph" }, figure, h("figcaption", {}, t("brief.graphCaption", { name }))),
    ),
    h("section", {}, h("h2", {}, t("brief.facts")), h("ul", { class: "brief-facts" }, ...facts)),
    stats.length > 0
      ? h("section", {},
          h("h2", {}, t("entity.statistics")),
          series && charted ? statChart(series, charted.label, lang, t) : null,
          h("ul", { class: "brief-facts" }, ...stats),
        )
      : null,
    linkItems.length > 0
      ? h("section", {},
          h("h2", {}, t("entity.links"), " (", String(page.links.length), ")"),
          h("ul", { class: "brief-facts", testid: "brief-links" }, ...linkItems),
          hiddenLinks > 0 ? h("p", {}, t("brief.moreLinks", { count: hiddenLinks })) : null,
        )
      : null,
    h("section", { class: "brief-page" },
      h("h2", {}, t("entity.sources"), " (", String(sources.length), ")"),
      h("ol", { class: "brief-sources", testid: "brief-sources" },
        ...sources.map((s) =>
          h("li", { testid: "brief-source", data: { grade: s.grade } },
            h("span", { lang: langOf(s.publisher) }, s.publisher), ". ",
            h("span", { lang: s.language || langOf(s.title) }, s.title), ". ",
            isVisibleDate(s.published) ? s.published : t("source.noDate"), ". ",
            t("brief.grade", { grade: s.grade }), ". ",
            h("code", { class: "source-url" }, s.url),
          ),
        ),
      ),
      h("p", { class: "brief-meta" }, t("brief.gradeKey")),
    ),
  );
}

function linkFact(link: LinkView, ctx: ViewContext, cite: (s: readonly SourceView[]) => HTMLElement | null): HTMLElement {
  const { t, lang } = ctx;
  const other = primaryName(link.other, lang);
  const details = [
    link.product ? `${t("link.product")} ${link.product}` : null,
    formatShare(link.share) ? `${t("link.share")} ${formatShare(link.share)}` : null,
    formatPeriod(link.since, link.until),
  ].filter((d): d is string => d !== null);
  return h("li", { testid: "brief-link" },
    h("span", { class: "rel-tag" }, t(`rel.${link.relation}.${link.direction}`)), " ",
    h("strong", { lang: langOf(other) }, other),
    details.length > 0 ? ` (${details.join(lang === "zh" ? "；" : "; ")})` : "",
    link.confidence !== "confirmed" ? ` — ${t(`confidence.${link.confidence}`)}` : "",
    " ", cite(link.sources),
  );
}
