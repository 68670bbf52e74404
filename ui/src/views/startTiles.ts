/**
 * The start page's dashboard: tiles that answer the first questions at a glance, each opening a
 * deeper view. Chain segments with their local coverage, the published systems, Chongqing's NEV
 * output against plan targets, recent policies, a small district map, and recent changes in the
 * user's workspace when there is one. Each tile loads on its own; one that fails says so.
 */
import { h } from "../components/dom";
import type { MessageKey } from "../i18n";
import type { Districts } from "../ipc/bindings/Districts";
import { actualsAgainstTargets, recentPolicies } from "../state/dashboard";
import { primaryName } from "../state/format";
import { compactValue, formatStatValue } from "../state/stats";
import { chainHref, entityHref, mapHref, policiesHref, statisticsHref, systemsHref } from "../state/router";
import type { ViewContext } from "./context";

type Tile = { element: HTMLElement; body: HTMLElement };

function tile(ctx: ViewContext, key: string, href: string): Tile {
  const { t } = ctx;
  const body = h("div", { class: "tile-body" }, h("p", { class: "hint" }, t("start.loading")));
  const element = h("section", { class: `tile tile-${key}`, testid: `tile-${key}` },
    h("h3", { class: "tile-title" }, h("a", { href, testid: `tile-${key}-link` }, t(`tiles.${key}.title` as MessageKey))),
    body,
    h("a", { class: "tile-more", href }, t(`tiles.${key}.more` as MessageKey), " →"),
  );
  return { element, body };
}

/** The dashboard; `alive` says whether the start page is still shown when an answer comes. */
export function dashboard(ctx: ViewContext, alive: () => boolean): { element: HTMLElement; dispose: () => void } {
  let disposeMap = () => {};
  const { t } = ctx;
  const failed = (body: HTMLElement) => (err: unknown) => {
    if (!alive()) return;
    body.replaceChildren(h("p", { class: "empty" }, t("tiles.failed")));
    ctx.reportError(err);
  };
  const sep = ctx.lang === "zh" ? "、" : ", ";

  // Chain segments: local suppliers over all known ones.
  const chain = tile(ctx, "chain", chainHref());
  ctx.call("local_coverage", {}).then((result) => {
    if (!alive()) return;
    chain.body.replaceChildren(h("ul", { class: "tile-bars" }, ...result.segments.map((s) => {
      const share = s.local_share ?? 0;
      return h("li", {},
        h("span", { class: "tile-bar-label" }, ctx.lang === "zh" ? s.segment.name_zh : s.segment.name_en),
        h("span", { class: "tile-bar", aria: { hidden: "true" } }, h("span", { class: "tile-bar-fill", data: { share: String(Math.round(share * 100)) } })),
        h("span", { class: "tile-bar-value" }, t("tiles.chain.local", { local: s.local_count, all: s.suppliers })),
      );
    })));
    for (const fill of chain.body.querySelectorAll<HTMLElement>(".tile-bar-fill")) fill.style.width = `${fill.dataset.share}%`;
  }, failed(chain.body));

  // Systems: each with its groups' declared counts.
  const systems = tile(ctx, "systems", systemsHref());
  ctx.call("systems", {}).then((result) => {
    if (!alive()) return;
    systems.body.replaceChildren(h("ul", { class: "tile-list" }, ...result.systems.map((s) =>
      h("li", {}, h("a", { href: systemsHref(s.id) }, (ctx.lang === "zh" ? s.name_zh : s.name_en) || s.name_en || s.name_zh),
        h("span", { class: "tile-meta" }, " · ", t("tiles.systems.groups", { groups: s.groups.length }))),
    )));
  }, failed(systems.body));

  // Chongqing NEV output against plan targets, in the years that have both.
  const output = tile(ctx, "output", statisticsHref());
  // An edition without the city (a test or regional edition) has no such tile to fill: ask
  // search first rather than request a page that is not there.
  ctx.call("search", { query: "chongqing", limit: 5 }).then((found) =>
    found.hits.some((hit) => hit.entity.id === "chongqing") ? ctx.call("entity", { id: "chongqing" }) : null,
  ).then((page) => {
    if (!alive()) return;
    const series = page ? actualsAgainstTargets(page.statistics, "nev_production") : null;
    if (!series) {
      output.body.replaceChildren(h("p", { class: "empty" }, t("tiles.output.none")));
      return;
    }
    const figures = (values: number[]) => values.map((v) => compactValue(v, series.unit, ctx.lang)).join(" / ");
    output.body.replaceChildren(
      h("table", { class: "stat-table tile-table", aria: { label: t("tiles.output.title") } },
        h("thead", {}, h("tr", {}, h("th", {}, t("tiles.output.year")), h("th", {}, t("tiles.output.actual")), h("th", {}, t("tiles.output.target")))),
        h("tbody", {}, ...series.years.map((y) => h("tr", { testid: "tile-output-row" },
          h("td", {}, String(y.year)),
          h("td", { title: y.actuals.map((v) => formatStatValue(v, series.unit, ctx.lang)).join("; ") }, figures(y.actuals)),
          h("td", {}, figures(y.targets)),
        ))),
      ),
      h("p", { class: "hint" }, t("tiles.output.note")),
    );
  }, failed(output.body));

  // Recent policies.
  const policies = tile(ctx, "policies", policiesHref());
  ctx.call("policies", {}).then((result) => {
    if (!alive()) return;
    policies.body.replaceChildren(h("ul", { class: "tile-list" }, ...recentPolicies(result.policies, 4).map((p) =>
      h("li", {}, h("a", { href: entityHref(p.policy.id) }, primaryName(p.policy, ctx.lang)),
        h("span", { class: "tile-meta" }, " · ", p.issued ?? "", p.doc_number ? ` · ${p.doc_number}` : "")),
    )));
  }, failed(policies.body));

  // A small district map; ECharts loads with it, after the page is shown.
  const map = tile(ctx, "map", mapHref());
  Promise.all([ctx.call("districts", {}), import("../map/chart"), import("../map/districts")]).then(([districts, lib, match]: [Districts, typeof import("../map/chart"), typeof import("../map/districts")]) => {
    if (!alive()) return;
    const counts = match.countByDistrict(districts.districts, match.NO_FILTER);
    const polygons = match.matchPolygons(districts.districts.map((d) => d.district), lib.polygonNames);
    const byPolygon = new Map(districts.districts.map((d) => [polygons.get(d.district.id) ?? "", d]));
    const top = [...districts.districts].sort((a, b) => (counts.get(b.district.id) ?? 0) - (counts.get(a.district.id) ?? 0)).slice(0, 3);
    const canvas = h("div", { class: "tile-map", role: "img", aria: { label: t("tiles.map.label", { names: top.map((d) => primaryName(d.district, ctx.lang)).join(sep) }) } });
    map.body.replaceChildren(canvas, h("p", { class: "tile-meta" }, t("tiles.map.top", { names: top.map((d) => `${primaryName(d.district, ctx.lang)} ${counts.get(d.district.id) ?? 0}`).join(sep) })));
    const chart = lib.drawChoropleth(canvas, {
      values: new Map([...byPolygon].map(([p, d]) => [p, counts.get(d.district.id) ?? 0])),
      label: (p) => (byPolygon.get(p) ? primaryName(byPolygon.get(p)!.district, ctx.lang) : p),
      selected: null,
      compact: true,
      onClick: (p) => {
        const d = byPolygon.get(p);
        ctx.navigate(mapHref(d ? d.district.id : null));
      },
    });
    disposeMap = () => chart.dispose();
  }, failed(map.body));

  const tiles = [chain, output, systems, policies, map];

  // Recent changes in the user's workspace, when there is one.
  const workspace = tile(ctx, "workspace", "#/workspace");
  ctx.call("workspace_status", {}).then((status) => {
    if (!alive()) return;
    const recent = status.log.filter((c) => !c.undone).slice(-3).reverse();
    workspace.body.replaceChildren(recent.length === 0
      ? h("p", { class: "empty" }, t("tiles.workspace.none"))
      : h("ul", { class: "tile-list" }, ...recent.map((c) =>
        h("li", {}, c.label || c.entities.map((e) => primaryName(e, ctx.lang)).join(sep) || t("tiles.workspace.change"),
          h("span", { class: "tile-meta" }, " · ", c.at.slice(0, 10))),
      )),
    );
  }, () => {
    // No workspace (a read-only server, say): the tile is left out.
    workspace.element.remove();
  });
  tiles.push(workspace);

  return {
    element: h("section", { class: "dashboard", testid: "dashboard", aria: { label: t("tiles.label") } }, ...tiles.map((x) => x.element)),
    dispose: () => disposeMap(),
  };
}
