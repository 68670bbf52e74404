/**
 * The entity page's "Supply chain" section: the trace (suppliers by tier, or customers), risk
 * facts (sole and dual sources, single point of failure) and the "Connected to…" path finder.
 * Each part loads on its own, shows its loading state, and reports errors in the banner.
 */
import type { ChainPath, Dependency, EntityPage, EntityRef, PathHop, TraceResult } from "../ipc/types";
import type { PathsArgs } from "../ipc/bindings/PathsArgs";
import type { TraceArgs } from "../ipc/bindings/TraceArgs";
import { primaryName, secondaryName } from "../state/format";
import { DEFAULT_PATH_K, entityHref, entityYearHref, formatRoute, graphHref, pathBriefHref, whatIfHref, type TraceView } from "../state/router";
import {
  groupTiers,
  questionToken,
  riskFacts,
  supplyRelations,
  VEHICLES_SEGMENT,
} from "../state/analytics";
import type { ViewContext } from "../views/context";
import { SUPPLY_KINDS } from "../ipc/commands";
import { kindBadge } from "./badges";
import { h, langOf } from "./dom";
import { createSearchBox } from "./search";
import { sourceList } from "./sources";
import { exportMenu } from "./exportMenu";
import { fetchOrigins, type Origins } from "../state/origins";
import { originBadge } from "./yours";
import { asOfControl } from "./asOf";
import { withAsOf } from "../state/asof";

/** Kinds that take part in supply (trace and risk make sense for them). */
const SUPPLY_KIND = new Set<string>(SUPPLY_KINDS);

/**
 * The supply-chain section. `view` is how the address asks the trace to be shown (customers, a
 * tier depth, with ownership); a change here is written back into the address (`ctx.replaceUrl`),
 * so a reload or a shared link shows the same trace.
 */
export function supplyChainSection(page: EntityPage, ctx: ViewContext, view: { id: string; asOf?: number } & TraceView = { id: page.entity.id }): { element: HTMLElement; destroy(): void } {
  const { t } = ctx;
  const supplyKind = SUPPLY_KIND.has(page.entity.kind);
  let withOwnership = view.own === true;
  const destroyers: Array<() => void> = [];
  // How the trace is shown now and what the path finder was asked, written into the address on each change.
  const shown = {
    customers: view.customers === true, tier: view.tier ?? null, own: view.own === true,
    pathTo: view.pathTo ?? null, pathK: view.pathK ?? DEFAULT_PATH_K, pathDirected: view.pathDirected === true,
  };
  const remember = (change: TraceChange) => {
    Object.assign(shown, change);
    ctx.replaceUrl(formatRoute({
      name: "entity",
      id: view.id,
      ...(view.asOf !== undefined ? { asOf: view.asOf } : {}),
      ...(shown.customers ? { customers: true as const } : {}),
      ...(shown.tier !== null ? { tier: shown.tier } : {}),
      ...(shown.own ? { own: true as const } : {}),
      ...(shown.pathTo !== null ? { pathTo: shown.pathTo, pathK: shown.pathK } : {}),
      ...(shown.pathTo !== null && shown.pathDirected ? { pathDirected: true as const } : {}),
    }));
  };

  const ownership = h("input", { type: "checkbox", testid: "supply-ownership" });
  ownership.checked = withOwnership;
  ownership.addEventListener("change", () => {
    withOwnership = ownership.checked;
    remember({ own: withOwnership });
    trace?.reload();
    risk?.reload();
  });

  const trace = supplyKind ? tracePanel(page, ctx, () => withOwnership, view, remember) : null;
  const risk = supplyKind ? riskPanel(page, ctx, () => withOwnership) : null;
  const paths = pathsPanel(page, ctx, { to: shown.pathTo, k: shown.pathK, directed: shown.pathDirected }, (asked) => remember({ pathTo: asked.to, pathK: asked.k, pathDirected: asked.directed }));
  destroyers.push(paths.destroy);

  const element = h("section", { class: "panel supply", testid: "supply-chain" },
    h("div", { class: "supply-head" },
      h("h2", {}, t(supplyKind ? "supply.title" : "supply.connections")),
      supplyKind ? h("label", { class: "check", title: t("supply.ownershipHelp") }, ownership, " ", t("supply.ownership")) : null,
    ),
    h("div", { class: "supply-grid" }, trace?.element ?? null, risk?.element ?? null),
    paths.element,
  );
  trace?.reload();
  risk?.reload();
  return { element, destroy: () => destroyers.forEach((d) => d()) };
}

function entityLink(entity: EntityRef, ctx: ViewContext, testid = "entity-link"): HTMLElement {
  const name = primaryName(entity, ctx.lang);
  const other = secondaryName(entity, ctx.lang);
  return h("a", { class: "entity-chip", testid, href: entityHref(entity.id), title: other ?? undefined, lang: langOf(name), data: { entityId: entity.id } }, name);
}

function segButtons<T extends string | number | null>(
  values: readonly T[],
  current: () => T,
  label: (v: T) => string,
  testid: (v: T) => string,
  onPick: (v: T) => void,
): HTMLElement[] {
  const buttons = values.map((v) =>
    h("button", { class: "seg", type: "button", testid: testid(v), on: { click: () => onPick(v) } }, label(v)),
  );
  const sync = () => buttons.forEach((b, i) => {
    const on = values[i] === current();
    b.classList.toggle("active", on);
    b.setAttribute("aria-pressed", String(on));
  });
  sync();
  buttons.forEach((b) => b.addEventListener("click", sync));
  return buttons;
}

/** A panel whose body is replaced by each load; older answers are dropped. */
function loader(body: HTMLElement, ctx: ViewContext) {
  let sequence = 0;
  return async <T>(work: () => Promise<T>, render: (value: T) => Array<Node | null>): Promise<void> => {
    const mine = ++sequence;
    body.dataset.state = "loading";
    body.replaceChildren(h("p", { class: "loading", testid: "panel-loading" }, ctx.t("supply.loading")));
    try {
      const value = await work();
      if (mine !== sequence) return;
      body.replaceChildren(...render(value).filter((n): n is Node => n !== null));
      body.dataset.state = "ready";
    } catch (e) {
      if (mine !== sequence) return;
      body.replaceChildren(h("p", { class: "empty", testid: "panel-error" }, ctx.t("supply.failed")));
      body.dataset.state = "error";
      ctx.reportError(e);
    }
  };
}

// ---------------------------------------------------------------- trace

const DEPTHS: ReadonlyArray<number | null> = [1, 2, 3, null];

type TraceChange = { customers?: boolean; tier?: number | null; own?: boolean; pathTo?: string | null; pathK?: number; pathDirected?: boolean };

function tracePanel(page: EntityPage, ctx: ViewContext, withOwnership: () => boolean, view: TraceView, remember: (change: TraceChange) => void) {
  const { t } = ctx;
  let direction: "upstream" | "downstream" = view.customers ? "downstream" : "upstream";
  let depth: number | null = view.tier ?? null;
  const body = h("div", { class: "panel-body", testid: "trace-body" });
  const load = loader(body, ctx);

  // The first load falls back to customers when no supplier is known (a tier-1 supplier's page),
  // unless the address asked for a direction.
  let firstLoad = !view.customers;
  const fetchTrace = async () => {
    // As of the page's year (asof= in the address), when one is chosen.
    const args = withAsOf({ id: page.entity.id, with_ownership: withOwnership(), ...(depth === null ? {} : { max_depth: depth }) }, page.as_of?.year);
    const result = await ctx.call("trace", { ...args, direction });
    if (firstLoad && result.entries.length === 0) {
      firstLoad = false;
      const other = await ctx.call("trace", { ...args, direction: "downstream" });
      if (other.entries.length > 0) {
        direction = "downstream";
        syncDir();
        return { result: other, args: { ...args, direction } };
      }
    }
    firstLoad = false;
    return { result, args: { ...args, direction } };
  };
  // The trace does not say whose its links are; the user's are marked from the graph export.
  const reload = () => load(async () => {
    const { result, args } = await fetchTrace();
    const origins = await fetchOrigins(ctx.call, [result.origin.id, ...result.entries.map((e) => e.entity.id)]);
    return { result, args, origins };
  }, ({ result, args, origins }) => renderTrace(result, args, ctx, origins));

  const syncDir = () => dirButtons.forEach((b, i) => {
    const on = (i === 0 ? "upstream" : "downstream") === direction;
    b.classList.toggle("active", on);
    b.setAttribute("aria-pressed", String(on));
  });
  const dirButtons = segButtons(["upstream", "downstream"] as const, () => direction, (d) => t(d === "upstream" ? "trace.suppliers" : "trace.customers"), (d) => `trace-${d}`, (d) => {
    direction = d;
    remember({ customers: d === "downstream" });
    void reload();
  });
  const depthButtons = segButtons(DEPTHS, () => depth, (d) => (d === null ? t("trace.all") : String(d)), (d) => `trace-depth-${d ?? "all"}`, (d) => {
    depth = d;
    remember({ tier: d });
    void reload();
  });

  const element = h("details", { class: "sub-panel", testid: "trace-panel" },
    h("summary", {}, h("span", { class: "sub-panel-title" }, t("trace.title"))),
    h("div", { class: "mini-controls" },
      h("div", { class: "control", role: "group", aria: { label: t("graph.direction") } }, ...dirButtons),
      h("div", { class: "control", role: "group", aria: { label: t("trace.depth") } }, h("span", { class: "control-label" }, t("trace.depth")), ...depthButtons),
      asOfControl(ctx, page.as_of?.year, (year) => entityYearHref(location.hash, page.entity.id, year), "trace-asof"),
    ),
    body,
  );
  (element as HTMLDetailsElement).open = true;
  return { element, reload };
}

function renderTrace(result: TraceResult, args: TraceArgs, ctx: ViewContext, origins: Origins): Array<Node | null> {
  const { t, lang } = ctx;
  const tiers = groupTiers(result);
  const upstream = result.direction !== "downstream";
  if (tiers.length === 0) {
    return [h("p", { class: "empty", testid: "trace-empty" }, t(upstream ? "trace.noSuppliers" : "trace.noCustomers"))];
  }
  const names = new Map<string, EntityRef>([[result.origin.id, result.origin], ...result.entries.map((e) => [e.entity.id, e.entity] as const)]);
  const total = tiers.reduce((n, tier) => n + tier.total, 0);
  const showInGraph = h("button", { class: "button small", type: "button", testid: "trace-show-graph", on: {
    click: () => ctx.navigate(graphHref(result.origin.id, 1, upstream ? "upstream" : "downstream", questionToken({ kind: "trace", args }), result.as_of?.year)),
  } }, "◎ ", t("supply.showInGraph"));
  const title = `${primaryName(result.origin, lang)} ${t(upstream ? "trace.suppliers" : "trace.customers").replace(/^[↑↓]\s*/, "")}`;
  const table = () => ({
    title,
    columns: [t("trace.tier"), t("export.name"), t("export.otherName"), t("entity.kind"), t("export.relation"), t("export.via")],
    rows: tiers.flatMap((tier) => tier.entries.map((e) => {
      const via = names.get(e.via);
      return [tier.depth, primaryName(e.entity, lang), secondaryName(e.entity, lang), t(`kind.${e.entity.kind}`), t(`rel.${e.relation}`), via ? primaryName(via, lang) : null];
    })),
  });
  return [
    h("div", { class: "panel-summary" },
      h("span", { testid: "trace-summary" }, t("trace.summary", { tiers: tiers.length, count: total })),
      h("span", { class: "graph-tools" }, showInGraph, exportMenu(ctx, { title: () => title, table }, "trace-export")),
    ),
    result.as_of
      ? h("p", { class: "trace-undated hint", testid: "trace-undated", data: { year: String(result.as_of.year), undated: String(result.as_of.undated) } },
          t("asof.banner", { year: result.as_of.year }), " · ",
          t(result.as_of.undated === 1 ? "asof.traceUndated.one" : "asof.traceUndated.other", { count: result.as_of.undated }))
      : null,
    h("ol", { class: "tiers", testid: "trace-tiers" },
      ...tiers.map((tier) =>
        h("li", { class: "tier", testid: "trace-tier", data: { depth: String(tier.depth), total: String(tier.total) } },
          h("div", { class: "tier-label" }, t(upstream ? "trace.tierUp" : "trace.tierDown", { n: tier.depth }), " ", h("span", { class: "count-pill" }, String(tier.total))),
          h("ul", { class: "tier-entries" },
            ...tier.entries.map((e) => {
              const via = names.get(e.via);
              // The link that reached it is yours (or corrected by you), or the entity itself is yours.
              const linkOrigin = origins.link(e.entity.id, e.via, e.relation);
              const origin = linkOrigin !== "edition" ? linkOrigin : origins.entity(e.entity.id);
              return h("li", { class: "tier-entry", testid: "trace-entry", data: { entityId: e.entity.id, relation: e.relation, origin } },
                entityLink(e.entity, ctx, "trace-entity"),
                e.relation !== "supplies" ? h("span", { class: "rel-tag" }, t(`rel.${e.relation}`)) : null,
                tier.depth > 1 && via ? h("span", { class: "via" }, t("trace.via", { name: primaryName(via, lang) })) : null,
                originBadge(origin, ctx),
              );
            }),
          ),
          tier.total > tier.entries.length ? h("p", { class: "hint" }, t("graph.hidden", { count: tier.total - tier.entries.length })) : null,
        ),
      ),
    ),
  ];
}

// ---------------------------------------------------------------- risk

function riskPanel(page: EntityPage, ctx: ViewContext, withOwnership: () => boolean) {
  const { t } = ctx;
  const body = h("div", { class: "panel-body", testid: "risk-body" });
  const load = loader(body, ctx);
  const isMaker = page.segments.some((s) => s.id === VEHICLES_SEGMENT);
  const reload = () =>
    load(
      async () => {
        const w = withOwnership();
        // The risk figures are for now: as of a year, their basis is counted on the page as of now.
        const [sourcing, cuts, basisPage] = await Promise.all([
          ctx.call("sourcing", { with_ownership: w, limit: 1500 }),
          ctx.call("cut_points", { relations: supplyRelations(w), limit: 2000 }),
          page.as_of ? ctx.call("entity", { id: page.entity.id }) : Promise.resolve(page),
        ]);
        return { ...riskFacts(page.entity.id, sourcing, cuts), basisPage };
      },
      (facts) => {
        const out: Array<Node | null> = [];
        // Single point of failure.
        out.push(h("div", { class: `risk-line ${facts.articulation ? "risk-bad" : "risk-ok"}`, testid: "risk-articulation", data: { articulation: String(facts.articulation) } },
          h("span", { class: "risk-mark", aria: { hidden: "true" } }, facts.articulation ? "!" : "✓"),
          h("span", {}, facts.articulation ? t("risk.articulationYes") : facts.cutPointsIncomplete ? t("risk.articulationUnknown") : t("risk.articulationNo")),
        ));
        if (facts.bridges.length > 0) {
          out.push(h("div", { class: "risk-line risk-warn", testid: "risk-bridges" },
            h("span", { class: "risk-mark", aria: { hidden: "true" } }, "⚠"),
            h("span", {}, t("risk.bridges", { count: facts.bridges.length }), " ", ...facts.bridges.slice(0, 12).flatMap((b, i) => [i > 0 ? t("list.sep") : null, entityLink(b, ctx)])),
          ));
        }
        if (isMaker || facts.sole.length + facts.dual.length > 0) {
          out.push(dependencyList(t("risk.soleSources", { count: facts.sole.length }), facts.sole, "risk-sole", ctx, "supplier"));
          out.push(dependencyList(t("risk.dualSources", { count: facts.dual.length }), facts.dual, "risk-dual", ctx, "supplier"));
        }
        if (facts.soleSourceFor.length + facts.dualSourceFor.length > 0) {
          out.push(dependencyList(t("risk.soleSourceFor", { count: facts.soleSourceFor.length }), facts.soleSourceFor, "risk-sole-for", ctx, "maker"));
          out.push(dependencyList(t("risk.dualSourceFor", { count: facts.dualSourceFor.length }), facts.dualSourceFor, "risk-dual-for", ctx, "maker"));
        }
        out.push(h("p", { class: "risk-actions" },
          h("a", { class: "button small", testid: "risk-what-if", href: whatIfHref([page.entity.id]) }, "⚡ ", t("risk.whatIf")),
        ));
        const known = facts.basisPage.links.filter((l) => l.relation === "supplies" && l.direction === "incoming").length;
        out.push(h("p", { class: "risk-basis", testid: "risk-basis", data: { links: String(known) } }, known === 1 ? t("risk.basisOne") : t("risk.basis", { count: known })));
        out.push(h("p", { class: "hint" }, t("risk.help")));
        if (page.as_of) out.push(h("p", { class: "hint", testid: "risk-now" }, t("asof.riskNow", { year: page.as_of.year })));
        return out;
      },
    );
  const element = h("details", { class: "sub-panel", testid: "risk-panel" },
    h("summary", {}, h("span", { class: "sub-panel-title" }, t("risk.title"))),
    body,
  );
  (element as HTMLDetailsElement).open = true;
  return { element, reload };
}

function dependencyList(title: string, deps: readonly Dependency[], testid: string, ctx: ViewContext, show: "supplier" | "maker"): HTMLElement | null {
  const { lang } = ctx;
  if (deps.length === 0) return null;
  return h("div", { class: "deps", testid },
    h("div", { class: "deps-title" }, title),
    h("ul", { class: "deps-list" },
      ...deps.map((d) =>
        h("li", { class: "dep", testid: "risk-dependency", data: { segment: d.segment.id, maker: d.maker.id, sole: String(d.sole) } },
          h("span", { class: "dep-segment", lang: lang }, lang === "zh" ? d.segment.name_zh : d.segment.name_en),
          h("span", { class: "sep", aria: { hidden: "true" } }, show === "supplier" ? "←" : "→"),
          ...(show === "supplier" ? d.suppliers.flatMap((s, i) => [i > 0 ? ctx.t("list.sep") : null, entityLink(s, ctx)]) : [entityLink(d.maker, ctx)]),
          h("span", { class: "dep-basis", testid: "risk-known" }, "(", ctx.t(d.suppliers.length === 1 ? "risk.knownOne" : "risk.knownTwo"), ")"),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- paths

/** What the path finder is asked: the entity to reach (its id), how many paths, directed or not. */
interface PathQuestion {
  to: string | null;
  k: number;
  directed: boolean;
}

/**
 * The "Connected to…" path finder. `asked` is the question the address carries (asked again on
 * a reload, the target's name coming with the answer); each change is told to `remember`.
 */
function pathsPanel(page: EntityPage, ctx: ViewContext, asked: PathQuestion, remember: (question: PathQuestion) => void) {
  const { t } = ctx;
  let target: { id: string } | null = asked.to === null ? null : { id: asked.to };
  let k = asked.k;
  let directed = asked.directed;
  const body = h("div", { class: "panel-body", testid: "paths-body" });
  const load = loader(body, ctx);
  const chosen = h("div", { class: "path-target", testid: "paths-target" });

  /** Asks the question; `tell`: it changed here (not read from the address), so the address is rewritten. */
  const run = (tell = true) => {
    if (!target) {
      body.replaceChildren(h("p", { class: "hint" }, t("paths.help")));
      return;
    }
    const to = target;
    const [kk, dd] = [k, directed];
    if (tell) remember({ to: to.id, k: kk, directed: dd });
    const args = { from: page.entity.id, to: to.id, k: kk, directed: dd };
    void load(() => ctx.call("paths", args), (result) => {
      // A target asked by the address is known by its id only until the answer names it.
      if (!("kind" in to)) showTarget(result.to);
      return renderPaths(result.paths, args, ctx, (i) => pathBriefHref(page.entity.id, to.id, kk, dd, i));
    });
  };
  const showTarget = (entity: EntityRef) => {
    target = entity;
    chosen.replaceChildren(h("span", { class: "control-label" }, t("paths.to")), " ", entityLink(entity, ctx, "paths-target-link"), " ", kindBadge(entity.kind, t));
  };

  const picker = createSearchBox(ctx, {
    variant: "picker",
    testid: "paths-search",
    placeholder: t("paths.placeholder"),
    onPick: (hit) => {
      showTarget(hit.entity);
      run();
    },
  });
  const kButtons = segButtons([1, 3, 5] as const, () => k as 1 | 3 | 5, (v) => String(v), (v) => `paths-k-${v}`, (v) => {
    k = v;
    run();
  });
  const directedBox = h("input", { type: "checkbox", testid: "paths-directed" });
  directedBox.checked = directed;
  directedBox.addEventListener("change", () => {
    directed = directedBox.checked;
    run();
  });

  const element = h("details", { class: "sub-panel", testid: "paths-panel" },
    h("summary", {}, h("span", { class: "sub-panel-title" }, t("paths.title"))),
    h("div", { class: "paths-controls" },
      h("div", { class: "paths-picker" }, picker.element),
      h("div", { class: "control", role: "group", aria: { label: t("paths.k") } }, h("span", { class: "control-label" }, t("paths.k")), ...kButtons),
      h("label", { class: "check", title: t("paths.directedHelp") }, directedBox, " ", t("paths.directed")),
    ),
    chosen,
    body,
  );
  (element as HTMLDetailsElement).open = true;
  run(false);
  return { element, destroy: () => picker.destroy() };
}

function renderPaths(paths: readonly ChainPath[], args: PathsArgs, ctx: ViewContext, briefHref: (index: number) => string): Array<Node | null> {
  const { t } = ctx;
  if (paths.length === 0) return [h("p", { class: "empty", testid: "paths-none" }, t("paths.none"))];
  return [
    h("ol", { class: "paths", testid: "paths-list" },
      ...paths.map((p, i) =>
        h("li", { class: "path", testid: "path", data: { hops: String(p.hops.length) } },
          h("div", { class: "path-head" },
            h("span", { class: "path-title" }, t(i === 0 ? "paths.shortest" : "paths.nth", { n: i + 1 }), " · ", t(p.hops.length === 1 ? "paths.hops.one" : "paths.hops.other", { count: p.hops.length })),
            h("button", { class: "button small", type: "button", testid: "path-show-graph", on: {
              click: () => ctx.navigate(graphHref(p.entities[0]!.id, 1, "both", questionToken({ kind: "path", args, index: i }))),
            } }, "◎ ", t("supply.showInGraph")),
            h("a", { class: "button small", testid: "path-brief", href: briefHref(i) }, "▤ ", t("brief.open")),
          ),
          h("ol", { class: "hops" }, ...p.hops.map((hop, j) => renderHop(hop, p.entities[j]!, p.entities[j + 1]!, ctx))),
        ),
      ),
    ),
  ];
}

function renderHop(hop: PathHop, from: EntityRef, to: EntityRef, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  return h("li", { class: "hop", testid: "path-hop", data: { relation: hop.relation, along: String(hop.along) } },
    h("div", { class: "hop-line" },
      entityLink(from, ctx, "hop-from"),
      h("span", { class: "hop-rel", testid: "hop-relation" }, t(`rel.${hop.relation}.${hop.along ? "outgoing" : "incoming"}`)),
      entityLink(to, ctx, "hop-to"),
    ),
    hop.sources.length > 0 ? sourceList(hop.sources, t, true) : h("p", { class: "hint" }, t("paths.noSources")),
  );
}
