/**
 * The locator map of an entity page: a small map of Chongqing's districts and counties with the
 * district(s) the entity is placed in (directly or through a park) drawn in colour, or the district
 * itself on a district's page. It comes from the `districts` command, so it says what the map view
 * says; ECharts and the boundaries load with it (their own chunk), after the page is shown, and
 * only when there is a district to show: an entity in none gets nothing, not an empty box.
 * Clicking the map (or a district named under it) opens `#/map` with that district chosen.
 */
import { h, langOf } from "../components/dom";
import type { EntityRef } from "../ipc/bindings/EntityRef";
import type { Districts } from "../ipc/bindings/Districts";
import { primaryName } from "../state/format";
import { mapHref } from "../state/router";
import type { ViewContext } from "./context";

/** How many district names the caption lists before "and N more". */
const NAMED = 3;

/** The districts `entity` is placed in (itself, for a district), in the order of the list. */
export function districtsOf(entity: EntityRef, data: Districts): EntityRef[] {
  return data.districts
    .filter((d) => d.district.id === entity.id || d.entities.some((p) => p.entity.id === entity.id))
    .map((d) => d.district);
}

/**
 * Fills `slot` with the locator once the districts are known; `alive` says whether the page is
 * still shown. Returns the disposal of the chart.
 */
export function mountLocator(slot: HTMLElement, entity: EntityRef, ctx: ViewContext, alive: () => boolean): () => void {
  let dispose = () => {};
  const { t, lang } = ctx;
  ctx.call("districts", {}).then((data) => {
    const places = districtsOf(entity, data);
    if (!alive()) return null;
    // The slot says when it is settled (tests wait for it); with no district it stays hidden.
    if (places.length === 0) {
      slot.dataset.locator = "none";
      return null;
    }
    return Promise.all([import("../map/chart"), import("../map/districts")]).then(([lib, match]) => {
      if (!alive()) return;
      const polygons = match.matchPolygons(data.districts.map((d) => d.district), lib.polygonNames);
      const drawn = places.filter((d) => polygons.has(d.id));
      if (drawn.length === 0) {
        slot.dataset.locator = "none";
        return;
      }
      const byPolygon = new Map(data.districts.map((d) => [polygons.get(d.district.id) ?? "", d.district]));
      const names = drawn.map((d) => primaryName(d, lang));
      const sep = lang === "zh" ? "、" : ", ";
      const self = drawn.length === 1 && drawn[0].id === entity.id;
      let picked: string | null = null;
      const canvas = h("div", {
        class: "locator-map",
        testid: "locator-map",
        role: "img",
        aria: { label: t("locator.label", { names: names.join(sep) }) },
        on: { click: () => ctx.navigate(mapHref(picked ?? drawn[0].id)) },
      });
      const shown = drawn.slice(0, NAMED);
      const links = shown.flatMap((d, i) => {
        const name = primaryName(d, lang);
        const link = h("a", { href: mapHref(d.id), testid: "locator-district", data: { district: d.id }, lang: langOf(name), aria: { label: t("locator.open", { name }) } }, name);
        return i === 0 ? [link] : [sep, link];
      });
      const more = drawn.length > NAMED ? [lang === "zh" ? "" : " ", t("locator.more", { count: drawn.length - NAMED })] : [];
      const caption = h("figcaption", { class: "locator-caption" },
        ...(self ? [...links, " ", t("locator.self")] : captionAround(t("locator.caption", { names: "\u0000" }), [...links, ...more])));
      const frame = h("div", { class: "locator-frame" }, canvas);
      slot.replaceChildren(h("figure", { class: "locator", testid: "entity-locator", data: { districts: drawn.map((d) => d.id).join(" ") } }, frame, caption));
      slot.hidden = false;
      const chosen = new Set(drawn.map((d) => polygons.get(d.id)!));
      const chart = lib.drawChoropleth(canvas, {
        values: new Map([...chosen].map((p) => [p, 1])),
        label: (p) => (byPolygon.get(p) ? primaryName(byPolygon.get(p)!, lang) : p),
        tooltip: (p) => t("locator.tooltip", { name: byPolygon.get(p) ? primaryName(byPolygon.get(p)!, lang) : p }),
        selected: null,
        compact: true,
        fill: true,
        colors: ["#eef2f7", "#d9480f"],
        onClick: (p) => {
          // A click on one of the entity's districts opens that one; elsewhere, the first.
          const d = drawn.find((x) => polygons.get(x.id) === p);
          picked = d ? d.id : null;
        },
      });
      // A ring around each district (up to a few): an urban district is only a few pixels wide.
      if (drawn.length <= NAMED) {
        for (const d of drawn) {
          const centre = lib.polygonCentre(chart, polygons.get(d.id)!);
          if (!centre) continue;
          const ring = h("span", { class: "locator-ring", aria: { hidden: "true" } });
          ring.style.left = `${centre[0]}px`;
          ring.style.top = `${centre[1]}px`;
          frame.append(ring);
        }
      }
      slot.dataset.locator = "shown";
      dispose = () => chart.dispose();
    });
  }).catch((err: unknown) => {
    // The locator is an aid: the page stands without it; the banner says what failed.
    if (alive()) ctx.reportError(err);
  });
  return () => dispose();
}

/** The caption's text with the district links put where its placeholder was. */
function captionAround(text: string, inner: Array<Node | string>): Array<Node | string> {
  const [before, after = ""] = text.split("\u0000");
  return [before, ...inner, after].filter((x) => x !== "");
}
