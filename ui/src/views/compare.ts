/**
 * `#/compare?ids=a,b`: 2 to 4 entities side by side: kind, district, segments, products, key
 * statistics, suppliers and customers (the ones they share highlighted), systems and sources. The
 * set lives in the URL; it is also remembered so that an entity page can add to it.
 */
import { h } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import type { MessageKey } from "../i18n";
import type { EntityPage } from "../ipc/bindings/EntityPage";
import type { EntityRef } from "../ipc/types";
import { partners, shared } from "../state/compare";
import { primaryName } from "../state/format";
import { formatLatest, groupStatistics } from "../state/stats";
import { compareHref, entityHref, type Route } from "../state/router";
import type { View, ViewContext } from "./context";

type CompareRoute = Extract<Route, { name: "compare" }>;
export const COMPARE_KEY = "nev-atlas.compare";

/** The compare set last shown, for "add to compare" on entity pages. */
export function rememberedSet(): string[] {
  try {
    const raw = localStorage.getItem(COMPARE_KEY);
    const ids = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string").slice(0, 4) : [];
  } catch {
    return [];
  }
}

export const compareView: View<CompareRoute> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("compare.title"));
  try {
    localStorage.setItem(COMPARE_KEY, JSON.stringify(route.ids));
  } catch {
    // Storage may be off; the URL still holds the set.
  }
  if (route.ids.length < 2) {
    root.append(h("article", { class: "compare-view", testid: "compare-view" },
      h("h1", { class: "page-title" }, t("compare.title")),
      h("p", { class: "empty", testid: "compare-empty" }, t("compare.tooFew")),
      ...route.ids.map((id) => h("p", {}, h("a", { href: entityHref(id) }, t("compare.back")))),
    ));
    return;
  }
  root.append(h("p", { class: "loading", testid: "loading" }, t("compare.loading")));
  let alive = true;
  Promise.all(route.ids.map((id) => ctx.call("entity", { id }))).then(
    (pages) => {
      if (alive) root.replaceChildren(renderCompare(pages, route, ctx));
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "compare-error" }, t("compare.failed")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};

function renderCompare(pages: readonly EntityPage[], route: CompareRoute, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const sep = ctx.lang === "zh" ? "、" : "; ";
  const name = (e: EntityRef) => primaryName(e, ctx.lang);
  const sharedSuppliers = shared(pages, "suppliers");
  const sharedCustomers = shared(pages, "customers");
  const list = (items: HTMLElement[]) => (items.length === 0 ? h("span", { class: "muted" }, "—") : h("ul", { class: "compare-list" }, ...items));
  const partnerList = (page: EntityPage, side: "suppliers" | "customers", common: Set<string>) =>
    list(partners(page, side).sort((a, b) => Number(common.has(b.id)) - Number(common.has(a.id))).map((p) =>
      h("li", { class: common.has(p.id) ? "compare-shared" : "", testid: common.has(p.id) ? "compare-shared" : undefined },
        h("a", { href: entityHref(p.id) }, name(p)),
        common.has(p.id) ? h("span", { class: "compare-shared-mark" }, " · ", t("compare.shared")) : null),
    ));
  const keyStats = (page: EntityPage) => list(groupStatistics(page.statistics.filter((s) => s.retracted === null), ctx.lang).slice(0, 4).flatMap((g) => {
    const latest = formatLatest(g.latest, ctx.lang);
    return latest ? [h("li", {}, h("span", { class: "muted" }, g.label, ": "), latest.value, " ", h("span", { class: "muted" }, `(${latest.period})`))] : [];
  }));
  const grades = (page: EntityPage) => {
    const by = new Map<string, number>();
    for (const s of page.sources) by.set(s.grade, (by.get(s.grade) ?? 0) + 1);
    return t("compare.sources", { count: page.sources.length, grades: [...by].sort().map(([g, n]) => `${g} ${n}`).join(", ") || "—" });
  };
  const rows: Array<[MessageKey, (p: EntityPage) => HTMLElement | string]> = [
    ["compare.kind", (p) => t(`kind.${p.entity.kind}` as MessageKey)],
    ["compare.district", (p) => (p.district ? h("a", { href: entityHref(p.district.id) }, name(p.district)) : "—")],
    ["compare.segments", (p) => p.segments.map((s) => (ctx.lang === "zh" ? s.name_zh : s.name_en)).join(sep) || "—"],
    ["compare.products", (p) => p.products.join(sep) || "—"],
    ["compare.statistics", keyStats],
    ["compare.suppliers", (p) => partnerList(p, "suppliers", sharedSuppliers)],
    ["compare.customers", (p) => partnerList(p, "customers", sharedCustomers)],
    ["compare.systems", (p) => list(p.systems.map((m) => h("li", {}, ctx.lang === "zh" ? `${m.system_name_zh}：${m.group_name_zh}` : `${m.system_name_en}: ${m.group_name_en}`)))],
    ["compare.sourcesRow", grades],
  ];
  const remove = (id: string) => compareHref(route.ids.filter((x) => x !== id));
  return h("article", { class: "compare-view", testid: "compare-view" },
    h("div", { class: "page-head" },
      h("h1", { class: "page-title" }, t("compare.title")),
      exportMenu(ctx, {
        title: () => t("compare.title"),
        table: () => ({
          title: t("compare.title"),
          columns: ["", ...pages.map((p) => name(p.entity))],
          rows: rows.map(([key, cell]) => [t(key), ...pages.map((p) => { const c = cell(p); return typeof c === "string" ? c : c.innerText || c.textContent || ""; })]),
        }),
      }, "compare-export"),
    ),
    h("p", { class: "lead" }, t("compare.intro")),
    h("div", { class: "compare-scroll" },
      h("table", { class: "stat-table compare-table", testid: "compare-table", aria: { label: t("compare.title") } },
        h("thead", {}, h("tr", {},
          h("th", {}, h("span", { class: "muted" }, t("compare.field"))),
          ...pages.map((p) => h("th", { testid: "compare-column" },
            h("a", { href: entityHref(p.entity.id), class: "compare-name" }, name(p.entity)),
            " ",
            h("a", { href: remove(p.entity.id), class: "compare-remove", title: t("compare.remove"), aria: { label: `${t("compare.remove")}: ${name(p.entity)}` } }, "×"),
          )),
        )),
        h("tbody", {}, ...rows.map(([key, cell]) => h("tr", {}, h("th", { class: "compare-field" }, t(key)), ...pages.map((p) => h("td", {}, cell(p)))))),
      ),
    ),
    h("p", { class: "hint" }, t("compare.howToAdd")),
  );
}
