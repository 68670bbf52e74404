/**
 * `#/map`: Chongqing's 38 districts and counties drawn offline from the shipped boundaries
 * (map/chongqing.json) with ECharts' SVG renderer, shaded by how many chain entities are placed in
 * each, filtered by kind and segment (kept in the URL). Choosing a district (on the map or in the
 * list) shows its entities, its parks and its statistics. Areas in no district (such as Liangjiang
 * New Area) are listed beside the map, since they cannot be drawn as one district.
 */
import { h } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import type { MessageKey } from "../i18n";
import type { DistrictEntry } from "../ipc/bindings/DistrictEntry";
import type { Districts } from "../ipc/bindings/Districts";
import type { EntityKind } from "../ipc/bindings/EntityKind";
import type { SegmentInfo } from "../ipc/bindings/SegmentInfo";
import { countByDistrict, kindsPresent, matchPolygons, shown, type MapFilter } from "../map/districts";
import { primaryName, secondaryName } from "../state/format";
import { formatStatValue, metricLabel } from "../state/stats";
import { entityHref, mapHref, type Route } from "../state/router";
import type { View, ViewContext } from "./context";

type MapRoute = Extract<Route, { name: "map" }>;
type ChartModule = typeof import("../map/chart");
type EChartsType = import("../map/chart").MapChartHandle;

export const mapView: View<MapRoute> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("map.title"));
  root.append(h("p", { class: "loading", testid: "loading" }, t("map.loading")));
  let alive = true;
  let chart: EChartsType | null = null;
  let observer: ResizeObserver | null = null;
  // ECharts and the boundaries load with the map only, so other views do not carry them.
  Promise.all([ctx.call("districts", {}), ctx.call("segments", {}), import("../map/chart")]).then(
    ([districts, segments, lib]) => {
      if (!alive) return;
      const rendered = renderMap(districts, segments.segments, route, ctx, lib);
      root.replaceChildren(rendered.element);
      // ECharts measures its box, so it starts once the view is in the document.
      chart = rendered.draw();
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(rendered.canvas);
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "map-error" }, t("map.failed")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
    observer?.disconnect();
    chart?.dispose();
  };
};

const name = (e: { name_zh: string | null; name_en: string | null; id: string; kind: EntityKind }, ctx: ViewContext) => primaryName(e, ctx.lang);

function renderMap(data: Districts, segments: readonly SegmentInfo[], route: MapRoute, ctx: ViewContext, lib: ChartModule): { element: HTMLElement; draw: () => EChartsType; canvas: HTMLElement } {
  const { t } = ctx;
  const filter: MapFilter = { kinds: route.kinds as EntityKind[], segment: route.segment };
  const go = (next: Partial<MapRoute>) => {
    const r = { ...route, ...next };
    ctx.navigate(mapHref(r.district, r.kinds, r.segment), { replace: true });
  };
  const matched = matchPolygons(data.districts.map((d) => d.district), lib.polygonNames);
  const polygonOf = new Map(data.districts.map((d) => [matched.get(d.district.id) ?? "", d]));
  const counts = countByDistrict(data.districts, filter);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);

  // Filters: kind and segment, as selects (their state is the URL).
  const kinds = kindsPresent([...data.districts, ...data.areas]);
  const kindSelect = h("select", { testid: "map-kind", id: "map-kind", on: { change: (e) => go({ kinds: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value] : [] }) } },
    h("option", { data: {} }, t("map.allKinds")),
    ...kinds.map((k) => h("option", {}, t(`kind.${k}` as MessageKey))),
  ) as HTMLSelectElement;
  [...kindSelect.options].forEach((o, i) => { o.value = i === 0 ? "" : kinds[i - 1]!; });
  kindSelect.value = filter.kinds[0] ?? "";
  const segSelect = h("select", { testid: "map-segment", id: "map-segment", on: { change: (e) => go({ segment: (e.target as HTMLSelectElement).value || null }) } },
    h("option", {}, t("map.allSegments")),
    ...segments.map((s) => h("option", {}, ctx.lang === "zh" ? s.segment.name_zh : s.segment.name_en)),
  ) as HTMLSelectElement;
  [...segSelect.options].forEach((o, i) => { o.value = i === 0 ? "" : segments[i - 1]!.segment.id; });
  segSelect.value = filter.segment ?? "";

  const canvas = h("div", { class: "map-canvas", testid: "map-canvas", role: "img", aria: { label: t("map.canvasLabel", { total }) } });
  const detail = h("section", { class: "map-detail", testid: "map-detail", aria: { live: "polite" } });
  const selected = route.district ? [...data.districts, ...data.areas].find((d) => d.district.id === route.district) ?? null : null;

  // The district list: every district with its count, most first; a button selects it.
  const ranked = [...data.districts].sort((a, b) => (counts.get(b.district.id) ?? 0) - (counts.get(a.district.id) ?? 0) || name(a.district, ctx).localeCompare(name(b.district, ctx)));
  const list = h("ol", { class: "map-list", testid: "map-list" },
    ...ranked.map((d) =>
      h("li", {},
        h("button", { type: "button", class: "map-list-item", testid: "map-district", data: { district: d.district.id }, aria: { pressed: String(selected?.district.id === d.district.id) }, on: { click: () => go({ district: d.district.id }) } },
          h("span", {}, name(d.district, ctx)),
          h("span", { class: "map-count" }, String(counts.get(d.district.id) ?? 0)),
        ),
      ),
    ),
  );
  const areas = data.areas.length === 0 ? null : h("section", { class: "map-areas", testid: "map-areas" },
    h("h2", {}, t("map.areas")),
    h("p", { class: "hint" }, t("map.areasText")),
    h("ul", {}, ...data.areas.map((a) =>
      h("li", {}, h("button", { type: "button", class: "map-list-item", testid: "map-area", aria: { pressed: String(selected?.district.id === a.district.id) }, on: { click: () => go({ district: a.district.id }) } },
        h("span", {}, name(a.district, ctx)),
        h("span", { class: "map-count" }, String(shown(a, filter).length)),
      )))),
  );

  const element = h("article", { class: "map-view", testid: "map-view" },
    h("div", { class: "page-head" },
      h("h1", { class: "page-title" }, t("map.title")),
      exportMenu(ctx, {
        title: () => t("map.title"),
        table: () => ({
          title: t("map.title"),
          columns: [t("map.district"), t("map.other"), t("map.count")],
          rows: ranked.map((d) => [name(d.district, ctx), secondaryName(d.district, ctx.lang) ?? "", counts.get(d.district.id) ?? 0]),
        }),
        screenSize: () => ({ width: Math.round(canvas.clientWidth) || 640, height: Math.round(canvas.clientHeight) || 480 }),
        image: (width, height) => {
          if (!chart) throw new Error("map not drawn");
          return lib.chartSvg(chart, width, height);
        },
      }, "map-export"),
    ),
    h("p", { class: "lead" }, t("map.intro")),
    h("div", { class: "map-filters", role: "group", aria: { label: t("map.filters") } },
      h("label", { class: "map-filter" }, t("map.kind"), " ", kindSelect),
      h("label", { class: "map-filter" }, t("map.segment"), " ", segSelect),
      h("span", { class: "map-total", testid: "map-total" }, t("map.total", { total })),
    ),
    h("div", { class: "map-layout" },
      h("div", { class: "map-main" }, canvas, h("p", { class: "map-attribution" }, t("map.attribution"))),
      h("div", { class: "map-side" }, detail, h("h2", {}, t("map.districts")), list, areas),
    ),
  );

  let chart: EChartsType | null = null;
  if (selected) showDistrict(detail, selected, filter, segments, ctx);
  else detail.append(h("p", { class: "hint", testid: "map-choose" }, t("map.choose")));
  return { element, draw: () => (chart = drawChart()), canvas };

  function drawChart(): EChartsType {
    const values = new Map([...polygonOf].map(([polygon, d]) => [polygon, counts.get(d.district.id) ?? 0]));
    return lib.drawChoropleth(canvas, {
      values,
      label: (polygon) => {
        const d = polygonOf.get(polygon);
        return d ? name(d.district, ctx) : polygon;
      },
      selected: selected ? matched.get(selected.district.id) ?? null : null,
      onClick: (polygon) => {
        const d = polygonOf.get(polygon);
        if (d) go({ district: d.district.id });
      },
    });
  }
}

/** The chosen district: its entities under the filter (grouped by park), its parks, its statistics. */
function showDistrict(detail: HTMLElement, entry: DistrictEntry, filter: MapFilter, segments: readonly SegmentInfo[], ctx: ViewContext): void {
  const { t } = ctx;
  const list = shown(entry, filter);
  const parks = entry.entities.filter((p) => p.entity.kind === "park");
  const segName = new Map(segments.map((s) => [s.segment.id, ctx.lang === "zh" ? s.segment.name_zh : s.segment.name_en]));
  const stats = h("div", { class: "map-stats", testid: "map-stats" }, t("map.loadingStats"));
  detail.append(
    h("h2", { testid: "map-detail-title" }, h("a", { href: entityHref(entry.district.id) }, name(entry.district, ctx))),
    h("p", { class: "hint" }, t("map.placed", { count: list.length })),
    list.length === 0 ? h("p", { class: "empty" }, t("map.none")) : h("ul", { class: "map-entities", testid: "map-entities" },
      ...list.map((p) =>
        h("li", {},
          h("a", { href: entityHref(p.entity.id), testid: "map-entity" }, name(p.entity, ctx)),
          h("span", { class: "map-meta" }, " · ", t(`kind.${p.entity.kind}` as MessageKey),
            p.segments.length > 0 ? ` · ${p.segments.map((s) => segName.get(s) ?? "").filter((s) => s).join(ctx.lang === "zh" ? "、" : ", ")}` : "",
            p.park ? ` · ${t("map.inPark", { park: name(p.park, ctx) })}` : ""),
        ),
      ),
    ),
    h("h3", {}, t("map.parks")),
    parks.length === 0 ? h("p", { class: "empty" }, t("map.noParks")) : h("ul", { class: "map-parks", testid: "map-parks" },
      ...parks.map((p) => h("li", {}, h("a", { href: entityHref(p.entity.id) }, name(p.entity, ctx)))),
    ),
    h("h3", {}, t("map.statistics")),
    stats,
  );
  ctx.call("entity", { id: entry.district.id }).then(
    (page) => {
      const rows = page.statistics;
      if (rows.length === 0) {
        stats.replaceChildren(h("p", { class: "empty" }, t("map.noStatistics")));
        return;
      }
      stats.replaceChildren(h("table", { class: "stat-table" },
        h("thead", {}, h("tr", {}, h("th", {}, t("map.metric")), h("th", {}, t("map.period")), h("th", {}, t("map.value")))),
        h("tbody", {}, ...rows.map((s) => h("tr", {},
          h("td", {}, metricLabel(s.metric, ctx.lang)),
          h("td", {}, s.period),
          h("td", {}, formatStatValue(s.value, s.unit, ctx.lang)),
        ))),
      ));
    },
    (err) => {
      stats.replaceChildren();
      ctx.reportError(err);
    },
  );
}
