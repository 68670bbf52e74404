/**
 * `#/graph/<id>?hops=N&direction=D`: the neighbourhood as a sigma.js graph, with hop and direction
 * controls, a legend, "N more not shown", and a plain list of the same entities (keyboard users,
 * screen readers, and a fallback where WebGL is missing).
 */
import { kindBadge } from "../components/badges";
import { append, h, langOf } from "../components/dom";
import type { Direction, Neighbourhood } from "../ipc/types";
import { exportMenu } from "../components/exportMenu";
import { kindColour, relationColour, relationGroup, RELATION_GROUPS } from "../graph/colours";
import { buildGraphOffThread, kindsPresent, mergeHighlight } from "../graph/model";
import { pictureSvg, type LegendEntry } from "../graph/picture";
import type { GraphHandle } from "../graph/renderer";
import { answerQuestion, parseQuestion, type Highlight } from "../state/analytics";
import { primaryName, secondaryName } from "../state/format";
import { briefHref, entityHref, graphHref } from "../state/router";
import type { View, ViewContext } from "./context";
import { openLinkForm } from "../components/forms";
import type { EntityRef } from "../ipc/types";
import { originBadge } from "../components/yours";
import { fetchOrigins, NO_ORIGINS, type Origins } from "../state/origins";
import { asOfBanner, asOfControl } from "../components/asOf";
import { withAsOf } from "../state/asof";

type GraphRoute = { name: "graph"; id: string; hops: number; direction: Direction; highlight: string | null; asOf?: number };

const DIRECTIONS: readonly Direction[] = ["upstream", "downstream", "both"];

export const graphView: View<GraphRoute> = (root, route, ctx) => {
  const { t } = ctx;
  let alive = true;
  let kill: (() => void) | null = null;

  const title = h("h1", { class: "graph-title", testid: "graph-title" }, "…");
  const back = h("a", { class: "button", testid: "graph-entity-link", href: entityHref(route.id, route.asOf) }, "← ", t("graph.openEntity"));
  let handle: GraphHandle | null = null;
  let legendEntries: LegendEntry[] = [];
  let shown: string[] = [route.id];
  let centreEntity: EntityRef | null = null;
  const exportTitle = () => title.textContent ?? route.id;
  const exports = exportMenu(ctx, {
    title: exportTitle,
    screenSize: () => ({ width: canvas.clientWidth, height: canvas.clientHeight }),
    image: (width, height) => {
      if (!handle) throw new Error(t("graph.unavailable"));
      return pictureSvg(handle.picture(legendEntries, exportTitle()), width, height);
    },
    graph: () => shown,
  }, "graph-export");
  const addSupplier = h("button", { class: "button", type: "button", testid: "graph-add-supplier", on: { click: () => centreEntity && openLinkForm(ctx, centreEntity, "supplier") } }, "+ ", t("ws.addSupplier"));
  (addSupplier as HTMLButtonElement).disabled = true;
  const brief = h("a", { class: "button", testid: "graph-brief", href: briefHref(route.id) }, "▤ ", t("brief.open"));

  const hopButtons = [1, 2, 3].map((n) =>
    h("button", {
      class: n === route.hops ? "seg active" : "seg",
      type: "button",
      testid: `hops-${n}`,
      aria: { pressed: String(n === route.hops) },
      on: { click: () => ctx.navigate(graphHref(route.id, n, route.direction, route.highlight, route.asOf), { replace: true }) },
    }, String(n)),
  );
  const dirButtons = DIRECTIONS.map((d) =>
    h("button", {
      class: d === route.direction ? "seg active" : "seg",
      type: "button",
      testid: `direction-${d}`,
      aria: { pressed: String(d === route.direction) },
      on: { click: () => ctx.navigate(graphHref(route.id, route.hops, d, route.highlight, route.asOf), { replace: true }) },
    }, t(`graph.${d}`)),
  );
  const controls = h("div", { class: "graph-controls", testid: "graph-controls" },
    h("div", { class: "control", role: "group", aria: { label: t("graph.hops") } }, h("span", { class: "control-label" }, t("graph.hops")), ...hopButtons),
    h("div", { class: "control", role: "group", aria: { label: t("graph.direction") } }, h("span", { class: "control-label" }, t("graph.direction")), ...dirButtons),
    asOfControl(ctx, route.asOf, (year) => graphHref(route.id, route.hops, route.direction, route.highlight, year), "graph-asof"),
  );
  // Filled with the answer: which year is shown and how many undated links it includes.
  const asOfSlot = h("div", { class: "asof-slot", testid: "graph-asof-slot" });
  // A trace, path or what-if to emphasise, asked again from the question in the address; the
  // graph is drawn plain when it cannot be answered (the error shows in the banner).
  const question = parseQuestion(route.highlight);
  const asked: Promise<Highlight | null> = question
    ? answerQuestion(ctx.call, question).catch((err: unknown) => {
        ctx.reportError(err);
        return null;
      })
    : Promise.resolve(null);
  const highlightSlot = h("div", { class: "highlight-slot", testid: "graph-highlight-slot" });
  const status = h("div", { class: "graph-status", testid: "graph-status" });
  const canvas = h("div", { class: "graph-canvas", testid: "graph-canvas", data: { nodeCount: "0", ready: "false" } });
  const legend = h("div", { class: "legend", testid: "graph-legend" });
  // On paper the WebGL canvas may come out blank: a vector copy of what is drawn stands in for it.
  const printCopy = h("figure", { class: "graph-print", testid: "graph-print" });
  const refreshPrintCopy = () => {
    if (handle) printCopy.replaceChildren(pictureSvg(handle.picture(legendEntries, null)));
  };
  window.addEventListener("beforeprint", refreshPrintCopy);
  const list = h("div", { class: "graph-list", testid: "graph-node-list" });

  root.append(
    h("section", { class: "graph-view", testid: "graph-view" },
      h("div", { class: "graph-top" }, back, title, h("div", { class: "graph-tools" }, addSupplier, brief, exports)),
      controls,
      asOfSlot,
      highlightSlot,
      h("div", { class: "graph-body" },
        h("div", { class: "graph-main" }, canvas, printCopy, h("p", { class: "hint" }, t("graph.help"))),
        h("aside", { class: "graph-aside" }, status, legend, list),
      ),
    ),
  );

  Promise.all([ctx.call("neighbourhood", withAsOf({ id: route.id, hops: route.hops, direction: route.direction }, route.asOf)), asked]).then(
    async ([fetched, highlight]) => {
      if (!alive) return;
      if (highlight) highlightSlot.replaceChildren(renderHighlightBar(highlight, route, ctx));
      const merged = highlight ? mergeHighlight(fetched, highlight) : null;
      const hood = merged ? merged.hood : fetched;
      const centre = hood.nodes.find((n) => n.entity.id === hood.centre);
      const centreName = centre ? primaryName(centre.entity, ctx.lang) : route.id;
      shown = hood.nodes.map((n) => n.entity.id);
      centreEntity = centre?.entity ?? null;
      (addSupplier as HTMLButtonElement).disabled = centreEntity === null;
      if (centreEntity) addSupplier.title = t("form.supplierTitle", { name: centreName });
      title.textContent = t("graph.title", { name: centreName });
      title.lang = langOf(centreName);
      ctx.setTitle(centreName);
      renderStatus(status, hood, ctx);
      asOfSlot.replaceChildren(...[asOfBanner(ctx, fetched.as_of ?? undefined, graphHref(route.id, route.hops, route.direction, route.highlight), "graph-asof-banner")].filter((n): n is HTMLElement => n !== null));
      legendEntries = renderLegend(legend, hood, ctx);
      renderList(list, hood, ctx, merged?.nodes ?? null, NO_ORIGINS);
      // The neighbourhood does not say whose its facts are: the list marks the user's once known.
      void fetchOrigins(ctx.call, hood.nodes.map((n) => n.entity.id)).then((origins) => {
        if (!alive) return;
        renderList(list, hood, ctx, merged?.nodes ?? null, origins);
        list.dataset.origins = "ready";
      });
      canvas.dataset.nodeCount = String(hood.nodes.length);
      canvas.dataset.edgeCount = String(hood.edges.length);
      if (merged) {
        canvas.dataset.highlightNodes = String(merged.nodes.size);
        canvas.dataset.highlightEdges = String(merged.edges.size);
      }
      // A large graph's force layout runs in a worker, so the page keeps answering meanwhile.
      const graph = await buildGraphOffThread(hood, ctx.lang, merged ? { highlight: { nodes: merged.nodes, edges: merged.edges } } : {});
      if (!alive) return;
      const renderer = await import("../graph/renderer");
      if (!alive) return;
      const root = document.documentElement;
      const present = root.dataset.present === "true";
      const rootPx = Number.parseFloat(getComputedStyle(root).fontSize) || 18;
      const labelSize = Math.round(rootPx * (present ? 1.15 : 0.85));
      await renderer.loadLabelFont(graph.mapNodes((_, a) => a.label), labelSize);
      if (!alive) return;
      if (!renderer.webglAvailable()) {
        canvas.append(h("p", { class: "empty", testid: "graph-unavailable" }, t("graph.unavailable")));
        canvas.dataset.ready = "true";
        return;
      }
      handle = renderer.renderGraph(canvas, graph, {
        centre: hood.centre,
        onNodeClick: (id) => ctx.navigate(entityHref(id, route.asOf)),
        labelSize,
        present,
        dark: root.dataset.theme === "dark",
      });
      kill = handle.kill;
      // End-to-end tests click nodes on the canvas and check labels; they ask the view what it drew.
      Object.defineProperty(canvas, "atlasNodePosition", { value: handle.positionOf, configurable: true });
      Object.defineProperty(canvas, "atlasLabels", { value: handle.labels, configurable: true });
      await handle.settled();
      if (!alive) return;
      refreshPrintCopy();
      canvas.dataset.ready = "true";
    },
    (err) => {
      if (!alive) return;
      title.textContent = route.id;
      canvas.dataset.ready = "true";
      ctx.reportError(err);
    },
  );

  return () => {
    alive = false;
    window.removeEventListener("beforeprint", refreshPrintCopy);
    kill?.();
  };
};

function renderStatus(status: HTMLElement, hood: Neighbourhood, ctx: ViewContext): void {
  const nodes = ctx.t(hood.nodes.length === 1 ? "graph.nodes.one" : "graph.nodes.other", { count: hood.nodes.length });
  const edges = ctx.t(hood.edges.length === 1 ? "graph.edges.one" : "graph.edges.other", { count: hood.edges.length });
  status.replaceChildren(h("div", { testid: "graph-count" }, `${nodes} · ${edges}`));
  if (hood.hidden > 0) status.append(h("div", { class: "hidden-count", testid: "graph-hidden" }, ctx.t("graph.hidden", { count: hood.hidden })));
}

/** The legend: node kinds and link colours present in the view. Returns it for exports too. */
function renderLegend(legend: HTMLElement, hood: Neighbourhood, ctx: ViewContext): LegendEntry[] {
  const kinds = kindsPresent(hood);
  const groups = RELATION_GROUPS.filter((g) => hood.edges.some((e) => relationGroup(e.relation) === g.id));
  const relationsIn = (g: (typeof RELATION_GROUPS)[number]) =>
    [...new Set(hood.edges.filter((e) => relationGroup(e.relation) === g.id).map((e) => e.relation))].map((r) => ctx.t(`rel.${r}`)).join(", ");
  legend.replaceChildren();
  append(legend,
    h("h2", {}, ctx.t("graph.legend")),
    h("h3", {}, ctx.t("graph.legendKinds")),
    h("ul", {}, ...kinds.map((kind) => {
      const swatch = h("span", { class: "swatch", aria: { hidden: "true" } });
      swatch.style.background = kindColour(kind);
      return h("li", { data: { kind } }, swatch, ctx.t(`kind.${kind}`));
    })),
    groups.length > 0 ? h("h3", {}, ctx.t("graph.legendLinks")) : null,
    groups.length > 0 ? h("ul", { testid: "graph-legend-links" }, ...groups.map((g) => {
      const swatch = h("span", { class: "edge-swatch", aria: { hidden: "true" } });
      swatch.style.borderTopColor = relationColour(g.sample);
      return h("li", { data: { relations: g.id } }, swatch, relationsIn(g));
    })) : null,
  );
  return [
    ...kinds.map((k) => ({ label: ctx.t(`kind.${k}`), color: kindColour(k), shape: "dot" as const })),
    ...groups.map((g) => ({ label: relationsIn(g), color: relationColour(g.sample), shape: "line" as const })),
  ];
}

function renderHighlightBar(highlight: Highlight, route: GraphRoute, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const origin = primaryName(highlight.label.origin, lang);
  const target = highlight.label.target ? primaryName(highlight.label.target, lang) : "";
  const text =
    highlight.kind === "trace"
      ? t("highlight.trace", { name: origin, count: highlight.label.count })
      : highlight.kind === "path"
        ? t("highlight.path", { from: origin, to: target, count: highlight.label.count })
        : t("highlight.whatIf", { name: origin, count: highlight.label.count });
  return h("div", { class: "highlight-bar", testid: "graph-highlight", data: { kind: highlight.kind } },
    h("span", { class: "highlight-swatch", aria: { hidden: "true" } }),
    h("span", { class: "highlight-text" }, text),
    h("a", { class: "button small", testid: "graph-highlight-clear", href: graphHref(route.id, route.hops, route.direction, null, route.asOf) }, t("highlight.clear")),
  );
}

function renderList(list: HTMLElement, hood: Neighbourhood, ctx: ViewContext, highlighted: ReadonlySet<string> | null, origins: Origins): void {
  const on = (id: string) => (highlighted?.has(id) ? 0 : 1);
  const nodes = [...hood.nodes].sort((a, b) => on(a.entity.id) - on(b.entity.id) || a.distance - b.distance || primaryName(a.entity, ctx.lang).localeCompare(primaryName(b.entity, ctx.lang)));
  list.replaceChildren(
    // The user's own links first: in a list of fifty entities they would be hard to find.
    ...yourLinks(hood, ctx, origins),
    h("h2", {}, ctx.t("graph.list")),
    h("ul", {}, ...nodes.map((n) => {
      const name = primaryName(n.entity, ctx.lang);
      const other = secondaryName(n.entity, ctx.lang);
      const cls = [n.entity.id === hood.centre ? "centre" : "", highlighted?.has(n.entity.id) ? "highlighted" : highlighted ? "faded" : ""].filter(Boolean).join(" ");
      return h("li", { class: cls, data: { distance: String(n.distance), highlighted: highlighted?.has(n.entity.id) ? "true" : "false" } },
        h("a", { testid: "graph-node", href: entityHref(n.entity.id, hood.as_of?.year), data: { entityId: n.entity.id }, lang: langOf(name) }, name),
        other ? h("small", { lang: langOf(other) }, other) : null,
        kindBadge(n.entity.kind, ctx.t),
        originBadge(origins.entity(n.entity.id), ctx),
      );
    })),
  );
}

/** The links in view that the user added or corrected, each with its mark. */
function yourLinks(hood: Neighbourhood, ctx: ViewContext, origins: Origins): HTMLElement[] {
  const names = new Map(hood.nodes.map((n) => [n.entity.id, n.entity]));
  const drawn = new Set(hood.edges.map((e) => `${e.from}\u0000${e.to}\u0000${e.relation}`));
  const mine = origins.links.filter((l) => drawn.has(`${l.from}\u0000${l.to}\u0000${l.relation}`) && names.has(l.from) && names.has(l.to));
  if (mine.length === 0) return [];
  const name = (id: string) => {
    const text = primaryName(names.get(id)!, ctx.lang);
    return h("a", { href: entityHref(id), lang: langOf(text) }, text);
  };
  return [
    h("h2", {}, ctx.t("ws.yourLinks")),
    h("ul", { class: "graph-your-links", testid: "graph-your-links" }, ...mine.map((l) =>
      h("li", { testid: "graph-your-link", data: { from: l.from, to: l.to, relation: l.relation, origin: l.origin } },
        name(l.from), h("span", { class: "rel-tag" }, ctx.t(`rel.${l.relation}`), " →"), name(l.to), originBadge(l.origin, ctx)),
    )),
  ];
}
