/**
 * `#/policies`: the policy library. Every policy with its issuer, document number, date, horizon
 * and status (read from the horizon year), searchable and sortable (both kept in the URL); each
 * row opens the policy's page.
 */
import { h } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import type { PolicyEntry } from "../ipc/bindings/PolicyEntry";
import { primaryName, secondaryName } from "../state/format";
import { filterAndSort, policyStatus, type PolicyStatus } from "../state/policies";
import { entityHref, formatRoute, POLICY_SORTS, type PolicySort, type Route } from "../state/router";
import type { View, ViewContext } from "./context";

type PoliciesRoute = Extract<Route, { name: "policies" }>;

export const policiesView: View<PoliciesRoute> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("policies.title"));
  root.append(h("p", { class: "loading", testid: "loading" }, t("policies.loading")));
  let alive = true;
  ctx.call("policies", {}).then(
    (result) => {
      if (alive) root.replaceChildren(renderLibrary(result.policies, route, ctx));
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "policies-error" }, t("policies.failed")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};

const STATUS_KEY = { current: "policies.status.current", passed: "policies.status.passed", unknown: "policies.status.unknown" } as const;
const SORT_KEY = {
  title: "policies.col.title",
  issuer: "policies.col.issuer",
  doc: "policies.col.doc",
  issued: "policies.col.issued",
  horizon: "policies.col.horizon",
  status: "policies.col.status",
} as const;

function renderLibrary(policies: readonly PolicyEntry[], route: PoliciesRoute, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const year = new Date().getFullYear();
  let state = { query: route.query, sort: route.sort, descending: route.descending };
  const issuers = (p: PolicyEntry) => p.issuers.map((i) => primaryName(i, ctx.lang)).join(ctx.lang === "zh" ? "、" : "; ");
  const status = (s: PolicyStatus, p: PolicyEntry) => t(STATUS_KEY[s], { year: p.horizon ?? "" });
  const body = h("tbody", { testid: "policies-rows" });
  const count = h("p", { class: "hint", testid: "policies-count", aria: { live: "polite" } });
  const headers = new Map<PolicySort, HTMLElement>();

  // Keeps the search and sort in the URL without redrawing the view (the search box keeps focus).
  const remember = () => {
    const hash = formatRoute({ name: "policies", ...state });
    if (hash !== location.hash) history.replaceState(history.state, "", hash);
  };
  const draw = () => {
    const rows = filterAndSort(policies, state.query, state.sort, state.descending, ctx.lang, year);
    count.textContent = t("policies.count", { shown: rows.length, total: policies.length });
    body.replaceChildren(...rows.map((p) => {
      const s = policyStatus(p, year);
      const other = secondaryName(p.policy, ctx.lang);
      return h("tr", { testid: "policy-row" },
        h("td", {}, h("a", { href: entityHref(p.policy.id), testid: "policy-link" }, primaryName(p.policy, ctx.lang)), other ? h("div", { class: "policy-other" }, other) : null),
        h("td", {}, issuers(p) || "—"),
        h("td", { class: "col-doc" }, p.doc_number ?? "—"),
        h("td", { class: "col-date" }, p.issued ?? "—"),
        h("td", { class: "col-year" }, p.horizon === null ? "—" : String(p.horizon)),
        h("td", {}, h("span", { class: `policy-status status-${s}` }, status(s, p))),
      );
    }));
    for (const [key, th] of headers) {
      th.setAttribute("aria-sort", key === state.sort ? (state.descending ? "descending" : "ascending") : "none");
    }
    remember();
  };

  const sortButton = (key: PolicySort) => {
    const th = h("th", { aria: { sort: "none" } },
      h("button", { type: "button", class: "sort-button", testid: `policies-sort-${key}`, on: { click: () => {
        state = { ...state, descending: state.sort === key ? !state.descending : key === "issued" || key === "horizon", sort: key };
        draw();
      } } }, t(SORT_KEY[key])),
    );
    headers.set(key, th);
    return th;
  };

  const search = h("input", { type: "search", testid: "policies-search", id: "policies-search", on: { input: (e) => {
    state = { ...state, query: (e.target as HTMLInputElement).value };
    draw();
  } } }) as HTMLInputElement;
  search.value = state.query;
  search.placeholder = t("policies.searchPlaceholder");

  const element = h("article", { class: "policies-view", testid: "policies-view" },
    h("div", { class: "page-head" },
      h("h1", { class: "page-title" }, t("policies.title")),
      exportMenu(ctx, {
        title: () => t("policies.title"),
        table: () => ({
          title: t("policies.title"),
          columns: POLICY_SORTS.map((k) => t(SORT_KEY[k])),
          rows: filterAndSort(policies, state.query, state.sort, state.descending, ctx.lang, year).map((p) => [
            primaryName(p.policy, ctx.lang), issuers(p), p.doc_number ?? "", p.issued ?? "", p.horizon ?? "", status(policyStatus(p, year), p),
          ]),
        }),
      }, "policies-export"),
    ),
    h("p", { class: "lead" }, t("policies.intro")),
    h("label", { class: "policies-search" }, t("policies.search"), " ", search),
    count,
    h("table", { class: "stat-table policies-table", testid: "policies-table", aria: { label: t("policies.title") } },
      h("thead", {}, h("tr", {}, ...POLICY_SORTS.map(sortButton))),
      body,
    ),
    h("p", { class: "hint" }, t("policies.statusNote")),
  );
  draw();
  return element;
}
