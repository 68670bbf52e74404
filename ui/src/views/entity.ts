/** `#/entity/<id>`: everything the edition knows about one entity, with sources. */
import { addToSet } from "../state/compare";
import { compareHref, type TraceView } from "../state/router";
import { rememberedSet } from "./compare";
import { mountLocator } from "./entityLocator";
import { confidenceFlag, gradeBadge, kindBadge, statKindBadge, statusBadge } from "../components/badges";
import { prepareSections, sectionKeys, sectionNav, type PageSection } from "../components/sections";
import { h, langOf } from "../components/dom";
import { statChart } from "../components/statChart";
import { copyButton, sourceList } from "../components/sources";
import { supplyChainSection } from "../components/supplyChain";
import { asOfBanner, asOfControl } from "../components/asOf";
import { withAsOf } from "../state/asof";
import type { EntityPage, LinkView, MembershipView, PolicyView, StatisticView } from "../ipc/types";
import { formatPeriod, formatShare, primaryName, readerNote, secondaryName, sortNames } from "../state/format";
import { formatCount, nextLinksArgs, pagedLinkGroups, totalLinks, type PagedLinkGroup } from "../state/entityLinks";
import { briefHref, entityHref, entityYearHref, graphHref, systemsHref } from "../state/router";
import { formatLatest, formatStatPeriod, formatStatValue, groupStatistics, statParts, yearSeries } from "../state/stats";
import { exportMenu } from "../components/exportMenu";
import type { TableData } from "../export/table";
import { bilingual, groupMemberships } from "../state/systems";
import type { Translate, View, ViewContext } from "./context";
import { entityActions, linkActions, notesPanel, onlyYoursFilter, originBadge, originData, retractedNote, statisticActions } from "../components/yours";

export const entityView: View<{ name: "entity"; id: string; asOf?: number } & TraceView> = (root, route, ctx) => {
  const { t } = ctx;
  root.append(h("p", { class: "loading", testid: "loading" }, t("entity.loading")));
  let alive = true;
  let destroySupply: (() => void) | null = null;
  let destroyLocator: (() => void) | null = null;
  let destroyKeys: (() => void) | null = null;
  ctx.call("entity", withAsOf({ id: route.id }, route.asOf)).then(
    (page) => {
      if (!alive) return;
      const supply = supplyChainSection(page, ctx, route);
      destroySupply = supply.destroy;
      const rendered = renderPage(page, ctx, supply.element);
      root.replaceChildren(rendered.article);
      destroyKeys = sectionKeys(() => rendered.sections);
      destroyLocator = mountLocator(rendered.locator, page.entity, ctx, () => alive);
      ctx.setTitle(primaryName(page.entity, ctx.lang));
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "entity-missing" }, t("entity.notFound")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
    destroySupply?.();
    destroyLocator?.();
    destroyKeys?.();
  };
};

/** Kinds whose supply chain is shown right under the header; for the others it follows the links. */
const SUPPLY_FIRST = new Set(["firm", "brand", "plant"]);

function renderPage(page: EntityPage, ctx: ViewContext, supply: HTMLElement): { article: HTMLElement; locator: HTMLElement; sections: PageSection[] } {
  const { t, lang } = ctx;
  const primary = primaryName(page.entity, lang);
  const secondary = secondaryName(page.entity, lang);

  // The locator map joins the header once its districts are known (none: the slot stays hidden).
  const locator = h("div", { class: "entity-locator-slot", testid: "locator-slot", hidden: true });
  const header = h("header", { class: "entity-header" }, h("div", { class: "entity-header-main" },
    h("div", { class: "entity-badges" }, kindBadge(page.entity.kind, t), confidenceFlag(page.confidence, t), originBadge(page.origin, ctx)),
    h("h1", { class: "entity-name", testid: "entity-name", lang: langOf(primary) }, primary),
    secondary ? h("p", { class: "entity-secondary", testid: "entity-secondary", lang: langOf(secondary) }, secondary) : null,
    h("div", { class: "entity-actions" },
      h("a", { class: "button primary", testid: "open-graph", href: graphHref(page.entity.id, undefined, undefined, null, page.as_of?.year), title: t("entity.graphLabel") }, "◎ ", t("entity.graph")),
      h("a", { class: "button", testid: "open-brief", href: briefHref(page.entity.id) }, "▤ ", t("brief.open")),
      h("a", { class: "button", testid: "add-compare", href: compareHref(addToSet(rememberedSet(), page.entity.id)), title: t("compare.addLabel") }, "⇆ ", t("compare.add")),
    ),
    entityActions(page, ctx),
    asOfControl(ctx, page.as_of?.year, (year) => entityYearHref(location.hash, page.entity.id, year), "entity-asof"),
  ), locator);

  const facts = h("dl", { class: "facts", testid: "facts" });
  const fact = (label: string, testid: string, ...value: Array<Node | string | null>) =>
    facts.append(h("dt", {}, label), h("dd", { testid }, ...value));
  fact(t("entity.kind"), "fact-kind", t(`kind.${page.entity.kind}`));
  if (page.district) {
    const d = primaryName(page.district, lang);
    fact(t("entity.district"), "fact-district", h("a", { testid: "district-link", href: entityHref(page.district.id), lang: langOf(d) }, d));
  }
  if (page.segments.length > 0) {
    fact(t("entity.segments"), "fact-segments",
      h("span", { class: "chips" }, ...page.segments.map((s) => h("span", { class: "chip", data: { segment: s.id } }, lang === "zh" ? s.name_zh : s.name_en))));
  }
  if (page.products.length > 0) fact(t("entity.products"), "fact-products", page.products.join("; "));
  if (page.founded) fact(t("entity.founded"), "fact-founded", page.founded);
  if (page.website) {
    fact(t("entity.website"), "fact-website", h("code", { class: "source-url", testid: "website" }, page.website), copyButton(page.website, t));
  }
  const note = readerNote(page, lang);
  if (note) fact(t("entity.note"), "fact-note", h("span", { lang: langOf(note) }, note));

  const names = h("section", { class: "panel", testid: "names" },
    h("h2", {}, t("entity.names")),
    h("ul", { class: "names" },
      ...sortNames(page.names, lang).map((n) =>
        h("li", { class: "name", testid: "name-item", data: { lang: n.lang, role: n.role } },
          h("span", { class: "name-text", lang: n.lang === "zh" ? "zh" : langOf(n.text) }, n.text),
          n.pinyin ? h("small", { class: "pinyin", testid: "pinyin" }, n.pinyin) : null,
          h("span", { class: "name-role" }, `${n.lang} · ${roleLabel(n.role, t)}`),
        ),
      ),
    ),
  );

  let article: HTMLElement | null = null;
  // A hub's page holds the first links of each group; the rest load on demand.
  const groups = pagedLinkGroups(page);
  const links = h("section", { class: "panel links-panel", testid: "links" }, h("div", { class: "page-head" }, h("h2", {}, t("entity.links"), " ", h("span", { class: "count-pill" }, formatCount(totalLinks(groups), lang))), onlyYoursFilter(page, ctx, () => article)));
  if (groups.length === 0) links.append(h("p", { class: "empty", testid: "no-links" }, t("entity.noLinks")));
  for (const group of groups) {
    const list = h("ul", { class: "link-list" }, ...group.links.map((l) => renderLink(l, ctx, page)));
    links.append(
      h("div", { class: "link-group", testid: "link-group", data: { relation: group.relation, direction: group.direction } },
        h("h3", { class: "link-group-title" }, t(`rel.${group.relation}.${group.direction}`), " ", h("span", { class: "count-pill" }, formatCount(group.total, lang))),
        list,
        moreLinks(group, list, ctx, page),
      ),
    );
  }

  const sources = h("section", { class: "panel", testid: "sources" },
    h("h2", {}, t("entity.sources"), " ", h("span", { class: "count-pill" }, String(page.sources.length))),
    sourceList(page.sources, t),
  );

  // Older editions (or the mock) may lack the newer fields; treat them as empty.
  const memberships = page.systems ?? [];
  const statistics = page.statistics ?? [];
  const policy = page.policy ? renderPolicy(page.policy, ctx) : null;
  const stats = statistics.length > 0 ? renderStatistics(statistics, ctx, page.entity) : null;
  const systems = memberships.length > 0 ? renderMemberships(memberships, ctx) : null;
  const notes = notesPanel(page.entity, ctx);
  // Firms, brands and plants: the supply chain comes right under the header, before the figures.
  const supplyFirst = SUPPLY_FIRST.has(page.entity.kind);
  const body = [
    asOfBanner(ctx, page.as_of ?? undefined, () => entityYearHref(location.hash, page.entity.id, undefined)),
    policy,
    supplyFirst ? supply : null,
    stats,
    h("div", { class: "entity-grid" },
      h("div", { class: "entity-side" },
        h("section", { class: "panel" }, facts),
        systems,
        names,
      ),
      links,
    ),
    supplyFirst ? null : supply,
    sources,
    notes,
  ];
  article = h("article", { class: "entity", testid: "entity-page", data: { entityId: page.entity.id } }, header, ...body);
  const heading = (el: HTMLElement | null, selector = "h2") => el?.querySelector<HTMLElement>(selector) ?? null;
  const candidates: Array<[string, HTMLElement | null, HTMLElement | null, string | null]> = [
    ["policy", policy, heading(policy), t("entity.policy")],
    ["supply", supply, heading(supply), heading(supply)?.textContent ?? null],
    ["risk", supply.querySelector<HTMLElement>('[data-testid="risk-panel"]'), heading(supply.querySelector<HTMLElement>('[data-testid="risk-panel"]'), "summary"), t("sections.risk")],
    ["statistics", stats, heading(stats), t("entity.statistics")],
    ["systems", systems, heading(systems), t("entity.systems")],
    ["links", links, heading(links), t("entity.links")],
    ["sources", sources, heading(sources), t("entity.sources")],
    ["notes", notes, heading(notes), t("ws.notes")],
  ];
  const sections = prepareSections(candidates.flatMap(([key, element, head, label]) => (element && head && label ? [{ key, element, heading: head, label }] : [])));
  header.after(sectionNav(sections, t));
  return { article, locator, sections };
}

function roleLabel(role: string, t: Translate): string {
  switch (role) {
    case "legal":
    case "short":
    case "former":
    case "brand":
      return t(`name.role.${role}`);
    default:
      return role;
  }
}

/** "Showing 200 of 12,345 — Show more" under a group the page holds only the first links of. */
function moreLinks(group: PagedLinkGroup, list: HTMLElement, ctx: ViewContext, page: EntityPage): HTMLElement | null {
  const { t, lang } = ctx;
  let loaded = group.links.length;
  if (nextLinksArgs(page.entity.id, group, loaded) === null) return null;
  const status = h("span", { class: "link-more-status", testid: "link-more-status", role: "status" });
  const button = h("button", { class: "button small", type: "button", testid: "link-more" }, t("entity.linksMore"));
  const box = h("p", { class: "link-more", testid: "link-more-box", data: { print: "hide" } }, status, " — ", button);
  const show = () => {
    status.textContent = t("entity.linksShowing", { shown: formatCount(loaded, lang), total: formatCount(group.total, lang) });
    box.dataset.loaded = String(loaded);
  };
  show();
  button.addEventListener("click", () => {
    const args = nextLinksArgs(page.entity.id, group, loaded, page.as_of?.year);
    if (!args) return;
    button.disabled = true;
    status.textContent = t("entity.linksLoading");
    ctx.call("entity_links", args).then(
      (more) => {
        list.append(...more.links.map((l) => renderLink(l, ctx, page)));
        loaded += more.links.length;
        show();
        button.disabled = false;
        if (more.links.length === 0 || nextLinksArgs(page.entity.id, group, loaded) === null) button.remove();
      },
      (err) => {
        show();
        button.disabled = false;
        ctx.reportError(err);
      },
    );
  });
  return box;
}

function renderLink(link: LinkView, ctx: ViewContext, page: EntityPage): HTMLElement {
  const { t, lang } = ctx;
  const name = primaryName(link.other, lang);
  const other = secondaryName(link.other, lang);
  const details: Array<HTMLElement> = [];
  if (link.product) details.push(h("span", { class: "detail" }, h("span", { class: "detail-label" }, t("link.product")), " ", h("span", { lang: langOf(link.product) }, link.product)));
  const share = formatShare(link.share);
  if (share) details.push(h("span", { class: "detail", testid: "link-share", data: { share: String(link.share) } }, h("span", { class: "detail-label" }, t("link.share")), " ", h("span", { class: "share-value" }, share)));
  const period = formatPeriod(link.since, link.until);
  if (period) details.push(h("span", { class: "detail" }, period));
  return h("li", { class: link.retracted !== null && link.retracted !== undefined ? "link retracted" : "link", testid: "link-item", data: { relation: link.relation, direction: link.direction, other: link.other.id, ...originData(link) } },
    h("div", { class: "link-head" },
      h("a", { class: "link-other", testid: "link-other", href: entityHref(link.other.id, page.as_of?.year), lang: langOf(name) }, name),
      other ? h("span", { class: "link-other-secondary", lang: langOf(other) }, other) : null,
      kindBadge(link.other.kind, t),
      confidenceFlag(link.confidence, t),
      originBadge(link.origin, ctx),
      linkActions(page, link, ctx),
    ),
    retractedNote(link.retracted, link.retraction_sources, ctx),
    details.length > 0 ? h("div", { class: "link-details" }, ...details) : null,
    ...noteDiv(readerNote(link, lang), "link-note"),
    link.sources.length > 0 ? sourceList(link.sources, t, true) : null,
  );
}

function renderPolicy(policy: PolicyView, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const facts = h("dl", { class: "facts" });
  const fact = (label: string, testid: string, value: Node | string) => facts.append(h("dt", {}, label), h("dd", { testid }, value));
  const unknown = (text: string) => h("span", { class: "unknown" }, text);
  fact(t("policy.docNumber"), "policy-doc-number", policy.doc_number ? h("span", { lang: langOf(policy.doc_number) }, policy.doc_number) : unknown(t("policy.noDocNumber")));
  fact(t("policy.issued"), "policy-issued", policy.issued ?? unknown(t("policy.unknown")));
  fact(t("policy.horizon"), "policy-horizon", policy.horizon !== null ? String(policy.horizon) : unknown(t("policy.unknown")));
  if (policy.targets) fact(t("policy.targets"), "policy-targets", h("span", { class: "policy-targets", lang: langOf(policy.targets) }, policy.targets));
  const table = (): TableData => ({
    title: t("entity.policy"),
    columns: [t("policy.docNumber"), t("policy.issued"), t("policy.horizon"), t("policy.targets"), t("entity.sources")],
    rows: [[policy.doc_number, policy.issued, policy.horizon, policy.targets, policy.sources.map((s) => `${s.publisher} (${s.grade}) ${s.url}`).join("\n")]],
  });
  return h("section", { class: "panel policy", testid: "policy" },
    h("div", { class: "page-head" }, h("h2", {}, t("entity.policy")), exportMenu(ctx, { title: () => `${t("entity.policy")} ${policy.doc_number ?? ""}`, table }, "policy-export")),
    facts,
    policy.sources.length > 0 ? sourceList(policy.sources, t, true) : null,
  );
}

function renderMemberships(memberships: readonly MembershipView[], ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  return h("section", { class: "panel", testid: "entity-systems" },
    h("h2", {}, t("entity.systems"), " ", h("span", { class: "count-pill" }, String(memberships.length))),
    h("ul", { class: "memberships" },
      ...groupMemberships(memberships).flatMap((sys) => {
        const sysName = bilingual(sys.systemNameZh, sys.systemNameEn, lang, sys.systemId).primary;
        return sys.memberships.map((m) => {
          const groupName = bilingual(m.group_name_zh, m.group_name_en, lang, "").primary;
          return h("li", { class: "membership", testid: "membership", data: { systemId: m.system_id, status: m.status } },
            h("div", { class: "membership-head" },
              h("a", { class: "membership-system", testid: "membership-system", href: systemsHref(m.system_id), title: t("systems.open"), lang: langOf(sysName) }, sysName),
              groupName ? h("span", { class: "sep", aria: { hidden: "true" } }, "·") : null,
              groupName ? h("span", { class: "membership-group", testid: "membership-group", lang: langOf(groupName) }, groupName) : null,
              statusBadge(m.status, t),
            ),
            m.sources.length > 0 ? sourceList(m.sources, t, true) : null,
          );
        });
      }),
    ),
  );
}

/** Metric groups the reader opened, per entity, kept while the app runs (a write redraws the page). */
const openMetrics = new Map<string, Set<string>>();

function statTable(rows: readonly StatisticView[], label: string, ctx: ViewContext): TableData {
  const { t, lang } = ctx;
  return {
    title: label,
    columns: [t("stat.metric"), t("stat.period"), t("stat.value"), t("stat.unit"), t("stat.kind"), t("confidence.label"), t("stat.note"), t("entity.sources")],
    rows: rows.map((r) => [
      label,
      formatStatPeriod(r.period, lang),
      r.value,
      statParts(r.value, r.unit, lang).suffix.trim() || r.unit,
      t(`stat.${r.kind}`),
      t(`confidence.${r.confidence}`),
      readerNote(r, lang),
      r.sources.map((s) => `${s.publisher} (${s.grade}) ${s.url}`).join("\n"),
    ]),
  };
}

/**
 * One row per metric: its latest actual figure with period, unit and evidence grade; the row opens
 * to the full series, the chart and every source.
 */
function renderStatistics(statistics: readonly StatisticView[], ctx: ViewContext, statsOwner: EntityPage["entity"]): HTMLElement {
  const { t, lang } = ctx;
  const groups = groupStatistics(statistics, lang);
  const remembered = openMetrics.get(statsOwner.id) ?? new Set<string>();
  openMetrics.set(statsOwner.id, remembered);
  const all: HTMLDetailsElement[] = [];
  const toggleAll = h("button", { class: "button small", type: "button", testid: "stat-expand-all", data: { print: "hide" } });
  const syncToggle = () => {
    toggleAll.textContent = t(all.length > 0 && all.every((d) => d.open) ? "stat.collapseAll" : "stat.expandAll");
  };
  // The button stays where it is (and keeps focus); only the rows open or close.
  toggleAll.addEventListener("click", () => {
    const open = !all.every((d) => d.open);
    for (const d of all) d.open = open;
    syncToggle();
  });
  const rows = groups.map((g) => {
    const latestParts = formatLatest(g.latest, lang);
    const series = yearSeries(g.rows);
    const grades = [...new Set(g.latest.flatMap((r) => r.sources.map((s) => s.grade)))].sort();
    const uncertain = g.latest.length > 0 && g.latest.every((r) => r.confidence !== "confirmed") ? g.latest[0]!.confidence : null;
    const details = h("details", { class: "stat-group", testid: "stat-group", data: { metric: g.metric } },
      h("summary", { class: "stat-summary", testid: "stat-summary" },
        h("span", { class: "stat-metric", testid: "stat-metric" }, g.label),
        h("span", { class: "stat-latest-cell" },
          h("span", { class: "sr-only" }, t("stat.latestLabel"), ": "),
          latestParts
            ? h("span", { class: "stat-latest", testid: "stat-latest", data: { value: g.latest.map((r) => String(r.value)).join(" "), unit: g.latest[0]!.unit } }, latestParts.value)
            : h("span", { class: "stat-latest stat-none", testid: "stat-latest" }, t("stat.noActual")),
        ),
        h("span", { class: "stat-latest-period", testid: "stat-latest-period", data: { period: g.latest[0]?.period ?? "" } }, latestParts?.period ?? ""),
        h("span", { class: "stat-latest-grade", testid: "stat-latest-grade", data: { grades: grades.join(" ") } },
          grades.length > 0 ? h("span", { class: "sr-only" }, t("stat.gradeLabel"), " ") : null,
          ...grades.map((grade) => gradeBadge(grade, t)),
          uncertain ? confidenceFlag(uncertain, t) : null,
        ),
        h("span", { class: "stat-counts" },
          h("span", { class: "count-pill" }, g.rows.length === 1 ? t("stat.rowsOne") : t("stat.rows", { count: g.rows.length })),
          g.targets > 0 ? h("span", { class: "stat-targets" }, g.targets === 1 ? t("stat.targetsOne") : t("stat.targets", { count: g.targets })) : null,
        ),
      ),
      h("div", { class: "stat-body", testid: "stat-body" },
        series ? statChart(series, g.label, lang, t, ctx, `${primaryName(statsOwner, lang)} ${g.label}`) : null,
        h("div", { class: "table-tools" }, exportMenu(ctx, { title: () => `${primaryName(statsOwner, lang)} ${g.label}`, table: () => statTable(g.rows, g.label, ctx) }, "stat-export")),
        h("table", { class: "stat-table" },
          h("thead", {},
            h("tr", {},
              h("th", { class: "col-period" }, t("stat.period")),
              h("th", { class: "col-value" }, t("stat.value")),
              h("th", { class: "col-kind" }, t("stat.kind")),
              h("th", { class: "col-sources" }, t("stat.sources")),
            ),
          ),
          h("tbody", {}, ...g.rows.map((row) => renderStatRow(row, ctx, statsOwner, g.label))),
        ),
      ),
    );
    details.open = groups.length === 1 || remembered.has(g.metric);
    details.addEventListener("toggle", () => {
      if (details.open) remembered.add(g.metric);
      else remembered.delete(g.metric);
      syncToggle();
    });
    all.push(details);
    return details;
  });
  syncToggle();
  return h("section", { class: "panel stats", testid: "statistics" },
    h("div", { class: "page-head" },
      h("h2", {}, t("entity.statistics"), " ", h("span", { class: "count-pill" }, String(statistics.length))),
      groups.length > 1 ? toggleAll : null,
    ),
    h("p", { class: "hint" }, t("entity.statisticsIntro"), " ", groups.length > 1 ? t("stat.collapsedHint") : ""),
    groups.length > 1
      ? h("div", { class: "stat-head", aria: { hidden: "true" } },
          h("span", {}, t("stat.metric")), h("span", {}, t("stat.latestFigure")), h("span", {}, t("stat.period")), h("span", {}, t("stat.grade")), h("span", {}, t("stat.figures")))
      : null,
    h("div", { class: "stat-groups" }, ...rows),
  );
}

function renderStatRow(row: StatisticView, ctx: ViewContext, owner: EntityPage["entity"], label: string): HTMLElement {
  const { t, lang } = ctx;
  return h("tr", { class: `stat-row stat-${row.kind}${row.retracted != null ? " retracted" : ""}`, testid: "stat-row", data: { kind: row.kind, period: row.period, confidence: row.confidence, ...originData(row) } },
    h("td", { class: "col-period", testid: "stat-period", title: row.period }, formatStatPeriod(row.period, lang)),
    h("td", { class: "col-value" },
      h("span", { class: "stat-value", testid: "stat-value", data: { value: String(row.value), unit: row.unit } }, formatStatValue(row.value, row.unit, lang)),
      confidenceFlag(row.confidence, t),
      originBadge(row.origin, ctx),
    ),
    h("td", { class: "col-kind" }, statKindBadge(row.kind, t), statisticActions(owner, row, ctx, label)),
    h("td", { class: "col-sources" },
      retractedNote(row.retracted, undefined, ctx),
      ...noteDiv(readerNote(row, lang), "stat-note", "stat-note"),
      row.sources.length > 0 ? sourceList(row.sources, t, true) : null,
    ),
  );
}

function noteDiv(note: string | null, cls: string, testid?: string): HTMLElement[] {
  return note ? [h("div", { class: cls, testid, lang: langOf(note) }, note)] : [];
}
