/**
 * `#/connected`: the most connected entities of the chain, ranked by degree, PageRank or
 * betweenness over all links or the supply links only (both kept in the URL). The ranking runs as
 * a background job with its progress and a cancel button; the table exports like every other.
 */
import { h } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import type { CentralityMeasure } from "../ipc/bindings/CentralityMeasure";
import type { CentralityResult } from "../ipc/bindings/CentralityResult";
import { centralityArgs, formatScore, MEASURES, runCentrality } from "../state/centrality";
import { primaryName, secondaryName } from "../state/format";
import { entityHref, formatRoute, type Route } from "../state/router";
import type { View, ViewContext } from "./context";

type ConnectedRoute = Extract<Route, { name: "connected" }>;

const MEASURE_KEY = { degree: "connected.degree", pagerank: "connected.pagerank", betweenness: "connected.betweenness" } as const;
const MEASURE_HELP = { degree: "connected.degreeHelp", pagerank: "connected.pagerankHelp", betweenness: "connected.betweennessHelp" } as const;

export const connectedView: View<ConnectedRoute> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("connected.title"));
  let alive = true;
  let cancelRequested = false;

  const go = (measure: CentralityMeasure, supplyOnly: boolean) =>
    ctx.navigate(formatRoute({ name: "connected", measure, supplyOnly }), { replace: true });
  const seg = (on: boolean, testid: string, label: string, click: () => void) =>
    h("button", { class: on ? "seg active" : "seg", type: "button", testid, aria: { pressed: String(on) }, on: { click } }, label);
  const group = (label: string, ...buttons: HTMLElement[]) =>
    h("div", { class: "control", role: "group", aria: { label } }, h("span", { class: "control-label" }, label), ...buttons);
  const controls = h("div", { class: "graph-controls", testid: "connected-controls" },
    group(t("connected.measure"), ...MEASURES.map((m) => seg(m === route.measure, `connected-measure-${m}`, t(MEASURE_KEY[m]), () => go(m, route.supplyOnly)))),
    group(t("connected.links"),
      seg(!route.supplyOnly, "connected-links-all", t("connected.allLinks"), () => go(route.measure, false)),
      seg(route.supplyOnly, "connected-links-supply", t("connected.supplyLinks"), () => go(route.measure, true))),
  );

  const progress = h("progress", { testid: "connected-progress", aria: { label: t("connected.running") } });
  progress.max = 1;
  progress.value = 0;
  const cancel = h("button", { type: "button", testid: "connected-cancel", on: { click: () => {
    cancelRequested = true;
    (cancel as HTMLButtonElement).disabled = true;
  } } }, t("connected.cancel"));
  const status = h("div", { class: "job-status", testid: "connected-status", aria: { live: "polite" } },
    h("span", {}, t("connected.running")), " ", progress, " ", cancel);
  const results = h("div", { testid: "connected-results" });
  let shown: CentralityResult | null = null;

  const element = h("article", { class: "connected-view", testid: "connected-view" },
    h("div", { class: "page-head" },
      h("h1", { class: "page-title" }, t("connected.title")),
      exportMenu(ctx, { title: () => t("connected.title"), table: () => tableOf(shown, route, ctx) }, "connected-export"),
    ),
    h("p", { class: "lead" }, t("connected.intro")),
    controls,
    h("p", { class: "hint" }, t(MEASURE_HELP[route.measure])),
    results,
  );
  root.append(element);

  const run = () => {
    cancelRequested = false;
    (cancel as HTMLButtonElement).disabled = false;
    progress.value = 0;
    results.replaceChildren();
    element.insertBefore(status, results);
    Promise.all([
      ctx.call("edition", {}),
      runCentrality(ctx.call, centralityArgs(route.measure, route.supplyOnly), {
        onProgress: (done) => {
          progress.value = done;
        },
        cancelled: () => cancelRequested || !alive,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
    ]).then(
      ([edition, outcome]) => {
        if (!alive) return;
        status.remove();
        if (outcome.status === "cancelled") {
          results.replaceChildren(h("p", { class: "empty", testid: "connected-cancelled" }, t("connected.cancelled"), " ",
            h("button", { type: "button", class: "button", testid: "connected-again", on: { click: run } }, t("connected.again"))));
          return;
        }
        shown = outcome.result;
        results.replaceChildren(renderRanking(outcome.result, edition.links, route, ctx));
      },
      (err) => {
        if (!alive) return;
        status.remove();
        results.replaceChildren(h("p", { class: "empty", testid: "connected-error" }, t("connected.failed")));
        ctx.reportError(err);
      },
    );
  };
  run();
  return () => {
    alive = false;
  };
};

function renderRanking(result: CentralityResult, links: number, route: ConnectedRoute, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const rows = result.entities.map((r, i) => {
    const other = secondaryName(r.entity, ctx.lang);
    return h("tr", { testid: "connected-row" },
      h("td", { class: "col-year" }, String(i + 1)),
      h("td", {}, h("a", { href: entityHref(r.entity.id), testid: "connected-link" }, primaryName(r.entity, ctx.lang)), other ? h("div", { class: "policy-other" }, other) : null),
      h("td", {}, t(`kind.${r.entity.kind}`)),
      h("td", { class: "col-year", testid: "connected-score" }, formatScore(result.measure, r.score)),
      h("td", { class: "col-year" }, String(r.links_in)),
      h("td", { class: "col-year" }, String(r.links_out)),
    );
  });
  return h("div", {},
    h("p", { class: "hint", testid: "connected-basis" },
      t(route.supplyOnly ? "connected.basisSupply" : "connected.basisAll", { links }),
      result.samples === null ? "" : " " + t("connected.sampled", { samples: result.samples })),
    h("table", { class: "stat-table", testid: "connected-table", aria: { label: t("connected.title") } },
      h("thead", {}, h("tr", {}, ...headers(ctx).map((c) => h("th", {}, c)))),
      h("tbody", {}, ...rows),
    ),
    result.truncated > 0 ? h("p", { class: "hint" }, t("connected.more", { count: result.truncated })) : null,
  );
}

function headers(ctx: ViewContext): string[] {
  const { t } = ctx;
  return [t("connected.rank"), t("connected.name"), t("connected.kind"), t("connected.score"), t("connected.linksIn"), t("connected.linksOut")];
}

function tableOf(result: CentralityResult | null, route: ConnectedRoute, ctx: ViewContext) {
  const title = `${ctx.t("connected.title")} (${ctx.t(MEASURE_KEY[route.measure])})`;
  return {
    title,
    columns: headers(ctx),
    rows: (result?.entities ?? []).map((r, i) => [i + 1, primaryName(r.entity, ctx.lang), ctx.t(`kind.${r.entity.kind}`), formatScore(result?.measure ?? route.measure, r.score), r.links_in, r.links_out]),
  };
}
