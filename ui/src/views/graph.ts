/**
 * `#/graph/<id>?hops=N&direction=D`: the neighbourhood as a sigma.js graph, with hop and direction
 * controls, a legend, "N more not shown", and a plain list of the same entities (keyboard users,
 * screen readers, and a fallback where WebGL is missing).
 */
import { kindBadge } from "../components/badges";
import { h, langOf } from "../components/dom";
import type { Direction, Neighbourhood } from "../ipc/types";
import { kindColour } from "../graph/colours";
import { buildGraph, kindsPresent } from "../graph/model";
import { primaryName, secondaryName } from "../state/format";
import { entityHref, graphHref } from "../state/router";
import type { View, ViewContext } from "./context";

type GraphRoute = { name: "graph"; id: string; hops: number; direction: Direction };

const DIRECTIONS: readonly Direction[] = ["upstream", "downstream", "both"];

export const graphView: View<GraphRoute> = (root, route, ctx) => {
  const { t } = ctx;
  let alive = true;
  let kill: (() => void) | null = null;

  const title = h("h1", { class: "graph-title", testid: "graph-title" }, "…");
  const back = h("a", { class: "button", testid: "graph-entity-link", href: entityHref(route.id) }, "← ", t("graph.openEntity"));

  const hopButtons = [1, 2, 3].map((n) =>
    h("button", {
      class: n === route.hops ? "seg active" : "seg",
      type: "button",
      testid: `hops-${n}`,
      aria: { pressed: String(n === route.hops) },
      on: { click: () => ctx.navigate(graphHref(route.id, n, route.direction), { replace: true }) },
    }, String(n)),
  );
  const dirButtons = DIRECTIONS.map((d) =>
    h("button", {
      class: d === route.direction ? "seg active" : "seg",
      type: "button",
      testid: `direction-${d}`,
      aria: { pressed: String(d === route.direction) },
      on: { click: () => ctx.navigate(graphHref(route.id, route.hops, d), { replace: true }) },
    }, t(`graph.${d}`)),
  );
  const controls = h("div", { class: "graph-controls", testid: "graph-controls" },
    h("div", { class: "control", role: "group", aria: { label: t("graph.hops") } }, h("span", { class: "control-label" }, t("graph.hops")), ...hopButtons),
    h("div", { class: "control", role: "group", aria: { label: t("graph.direction") } }, h("span", { class: "control-label" }, t("graph.direction")), ...dirButtons),
  );
  const status = h("div", { class: "graph-status", testid: "graph-status" });
  const canvas = h("div", { class: "graph-canvas", testid: "graph-canvas", data: { nodeCount: "0", ready: "false" } });
  const legend = h("div", { class: "legend", testid: "graph-legend" });
  const list = h("div", { class: "graph-list", testid: "graph-node-list" });

  root.append(
    h("section", { class: "graph-view", testid: "graph-view" },
      h("div", { class: "graph-top" }, back, title),
      controls,
      h("div", { class: "graph-body" },
        h("div", { class: "graph-main" }, canvas, h("p", { class: "hint" }, t("graph.help"))),
        h("aside", { class: "graph-aside" }, status, legend, list),
      ),
    ),
  );

  ctx.call("neighbourhood", { id: route.id, hops: route.hops, direction: route.direction }).then(
    async (hood) => {
      if (!alive) return;
      const centre = hood.nodes.find((n) => n.entity.id === hood.centre);
      const centreName = centre ? primaryName(centre.entity, ctx.lang) : route.id;
      title.textContent = t("graph.title", { name: centreName });
      title.lang = langOf(centreName);
      ctx.setTitle(centreName);
      renderStatus(status, hood, ctx);
      renderLegend(legend, hood, ctx);
      renderList(list, hood, ctx);
      canvas.dataset.nodeCount = String(hood.nodes.length);
      canvas.dataset.edgeCount = String(hood.edges.length);
      const graph = buildGraph(hood, ctx.lang);
      const renderer = await import("../graph/renderer");
      if (!alive) return;
      if (!renderer.webglAvailable()) {
        canvas.append(h("p", { class: "empty", testid: "graph-unavailable" }, t("graph.unavailable")));
        canvas.dataset.ready = "true";
        return;
      }
      const handle = renderer.renderGraph(canvas, graph, {
        centre: hood.centre,
        onNodeClick: (id) => ctx.navigate(entityHref(id)),
      });
      kill = handle.kill;
      // End-to-end tests click nodes on the canvas; they ask the view where a node is drawn.
      Object.defineProperty(canvas, "atlasNodePosition", { value: handle.positionOf, configurable: true });
      await handle.settled();
      if (alive) canvas.dataset.ready = "true";
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
    kill?.();
  };
};

function renderStatus(status: HTMLElement, hood: Neighbourhood, ctx: ViewContext): void {
  const nodes = ctx.t(hood.nodes.length === 1 ? "graph.nodes.one" : "graph.nodes.other", { count: hood.nodes.length });
  const edges = ctx.t(hood.edges.length === 1 ? "graph.edges.one" : "graph.edges.other", { count: hood.edges.length });
  status.replaceChildren(h("div", { testid: "graph-count" }, `${nodes} · ${edges}`));
  if (hood.hidden > 0) status.append(h("div", { class: "hidden-count", testid: "graph-hidden" }, ctx.t("graph.hidden", { count: hood.hidden })));
}

function renderLegend(legend: HTMLElement, hood: Neighbourhood, ctx: ViewContext): void {
  legend.replaceChildren(
    h("h2", {}, ctx.t("graph.legend")),
    h("ul", {}, ...kindsPresent(hood).map((kind) => {
      const swatch = h("span", { class: "swatch", aria: { hidden: "true" } });
      swatch.style.background = kindColour(kind);
      return h("li", { data: { kind } }, swatch, ctx.t(`kind.${kind}`));
    })),
  );
}

function renderList(list: HTMLElement, hood: Neighbourhood, ctx: ViewContext): void {
  const nodes = [...hood.nodes].sort((a, b) => a.distance - b.distance || primaryName(a.entity, ctx.lang).localeCompare(primaryName(b.entity, ctx.lang)));
  list.replaceChildren(
    h("h2", {}, ctx.t("graph.list")),
    h("ul", {}, ...nodes.map((n) => {
      const name = primaryName(n.entity, ctx.lang);
      const other = secondaryName(n.entity, ctx.lang);
      return h("li", { class: n.entity.id === hood.centre ? "centre" : "", data: { distance: String(n.distance) } },
        h("a", { testid: "graph-node", href: entityHref(n.entity.id), data: { entityId: n.entity.id }, lang: langOf(name) }, name),
        other ? h("small", { lang: langOf(other) }, other) : null,
        kindBadge(n.entity.kind, ctx.t),
      );
    })),
  );
}
