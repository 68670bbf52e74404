/**
 * `#/what-if?entities=a,b&places=p`: remove firms, or everything in a district or park, and list
 * the vehicle makers that lose every local supplier of a segment, and which segments. The picks
 * live in the route, so a result can be shared and Esc goes back to the previous picks.
 */
import { kindBadge } from "../components/badges";
import { h, langOf } from "../components/dom";
import { createSearchBox } from "../components/search";
import { exportMenu } from "../components/exportMenu";
import type { EntityRef, WhatIfResult } from "../ipc/types";
import type { WhatIfArgs } from "../ipc/bindings/WhatIfArgs";
import { questionToken, whatIfTotals } from "../state/analytics";
import { primaryName, secondaryName } from "../state/format";
import { entityHref, graphHref, whatIfBriefHref, whatIfHref } from "../state/router";
import type { View, ViewContext } from "./context";

type WhatIfRoute = { name: "whatIf"; entities: string[]; places: string[] };

/** Kinds removed as a place (everything located in them). */
const PLACE_KINDS = new Set(["district", "park"]);

/** Suggestions for an empty panel; shown only if the edition has them. */
const EXAMPLES: ReadonlyArray<{ id: string; place: boolean }> = [
  { id: "times-changan", place: false },
  { id: "chongqing-tsingshan-industrial", place: false },
  { id: "district-bishan", place: true },
  { id: "liangjiang-new-area", place: true },
];

export const whatIfView: View<WhatIfRoute> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("whatIf.title"));
  let alive = true;
  let maxDepth = 3;
  let withOwnership = false;
  const picked = [...route.entities.map((id) => ({ id, place: false })), ...route.places.map((id) => ({ id, place: true }))];

  const go = (entities: string[], places: string[]) => ctx.navigate(whatIfHref(entities, places), { replace: false });
  const add = (entity: EntityRef) => {
    const place = PLACE_KINDS.has(entity.kind);
    const entities = route.entities.filter((x) => x !== entity.id);
    const places = route.places.filter((x) => x !== entity.id);
    go(place ? entities : [...entities, entity.id], place ? [...places, entity.id] : places);
  };
  const remove = (id: string) => go(route.entities.filter((x) => x !== id), route.places.filter((x) => x !== id));

  const picker = createSearchBox(ctx, { variant: "picker", testid: "whatif-search", placeholder: t("whatIf.placeholder"), onPick: (hit) => add(hit.entity) });
  const chips = h("ul", { class: "picked", testid: "whatif-picked" });
  const result = h("div", { class: "whatif-result", testid: "whatif-result" });

  const depthSelect = h("select", { testid: "whatif-depth", aria: { label: t("whatIf.depth") } });
  for (const d of [1, 2, 3, 4, 5]) {
    const o = h("option", {}, String(d));
    o.value = String(d);
    o.selected = d === maxDepth;
    depthSelect.append(o);
  }
  depthSelect.addEventListener("change", () => {
    maxDepth = Number(depthSelect.value);
    run();
  });
  const ownership = h("input", { type: "checkbox", testid: "whatif-ownership" });
  ownership.addEventListener("change", () => {
    withOwnership = ownership.checked;
    run();
  });

  root.append(
    h("article", { class: "whatif", testid: "whatif-view" },
      h("h1", { class: "page-title" }, t("whatIf.title")),
      h("p", { class: "lead" }, t("whatIf.intro")),
      h("section", { class: "panel whatif-form" },
        h("div", { class: "whatif-picker" }, picker.element),
        chips,
        h("div", { class: "mini-controls" },
          h("label", { class: "check" }, t("whatIf.depth"), " ", depthSelect),
          h("label", { class: "check", title: t("supply.ownershipHelp") }, ownership, " ", t("supply.ownership")),
        ),
      ),
      result,
    ),
  );
  if (picked.length === 0) picker.focus();

  // Names for the chips (cached entity pages); an unknown id keeps its id and the banner says why.
  const names = new Map<string, EntityRef>();
  const renderChips = () => {
    chips.replaceChildren(
      ...picked.map((p) => {
        const e = names.get(p.id);
        const name = e ? primaryName(e, ctx.lang) : p.id;
        return h("li", { class: "picked-chip", testid: "whatif-chip", data: { entityId: p.id, place: String(p.place) } },
          e ? kindBadge(e.kind, t) : null,
          h("a", { href: entityHref(p.id), lang: langOf(name) }, name),
          p.place ? h("span", { class: "hint" }, t("whatIf.everythingIn")) : null,
          h("button", { class: "chip-remove", type: "button", testid: "whatif-remove", title: t("whatIf.remove"), aria: { label: t("whatIf.remove") }, on: { click: () => remove(p.id) } }, "×"),
        );
      }),
    );
  };
  renderChips();
  for (const p of picked) {
    ctx.call("entity", { id: p.id }).then((page) => {
      if (!alive) return;
      names.set(p.id, page.entity);
      renderChips();
    }, () => {});
  }

  let sequence = 0;
  function run(): void {
    if (picked.length === 0) {
      result.replaceChildren(renderExamples(ctx, add));
      return;
    }
    const mine = ++sequence;
    result.dataset.state = "loading";
    result.replaceChildren(h("p", { class: "loading", testid: "panel-loading" }, t("whatIf.running")));
    const args = { entities: route.entities, places: route.places, max_depth: maxDepth, with_ownership: withOwnership };
    ctx.call("what_if", args).then(
      (r) => {
        if (!alive || mine !== sequence) return;
        const centre = names.get(picked[0]!.id) ?? r.removed.find((e) => e.id === picked[0]!.id) ?? { id: picked[0]!.id, kind: "firm" as const, name_zh: null, name_en: null };
        result.replaceChildren(renderResult(r, centre, args, ctx, whatIfBriefHref(route.entities, route.places, maxDepth)));
        result.dataset.state = "ready";
      },
      (err) => {
        if (!alive || mine !== sequence) return;
        result.replaceChildren(h("p", { class: "empty", testid: "panel-error" }, t("supply.failed")));
        result.dataset.state = "error";
        ctx.reportError(err);
      },
    );
  }
  run();

  return () => {
    alive = false;
    picker.destroy();
  };
};

function renderExamples(ctx: ViewContext, add: (e: EntityRef) => void): HTMLElement {
  const { t } = ctx;
  const list = h("ul", { class: "examples", testid: "whatif-examples" });
  for (const ex of EXAMPLES) {
    ctx.call("entity", { id: ex.id }).then((page) => {
      const name = primaryName(page.entity, ctx.lang);
      list.append(h("li", {}, h("button", { class: "button small", type: "button", testid: "whatif-example", data: { entityId: ex.id }, on: { click: () => add(page.entity) } }, name)));
    }, () => {});
  }
  return h("div", { class: "panel" }, h("p", { class: "hint" }, t("whatIf.empty")), list);
}

function renderResult(r: WhatIfResult, centre: EntityRef, args: WhatIfArgs, ctx: ViewContext, briefHref: string): HTMLElement {
  const { t, lang } = ctx;
  const totals = whatIfTotals(r);
  const summary = h("div", { class: "whatif-summary", testid: "whatif-summary", data: { makers: String(r.makers.length), removed: String(r.removed_count) } },
    h("p", { class: "big" },
      r.makers.length === 0 ? t("whatIf.noneAffected") : t(r.makers.length === 1 ? "whatIf.affected.one" : "whatIf.affected.other", { count: r.makers.length, segments: totals.segments.length }),
    ),
    h("p", {}, t("whatIf.removed", { count: r.removed_count })),
    h("a", { class: "button small", testid: "whatif-brief", href: briefHref }, "▤ ", t("brief.open")),
    r.makers.length > 0
      ? exportMenu(ctx, {
          title: () => `${t("whatIf.title")} ${primaryName(centre, lang)}`,
          table: () => ({
            title: `${t("whatIf.title")} ${primaryName(centre, lang)}`,
            columns: [t("export.maker"), t("export.segment"), t("export.lostSuppliers")],
            rows: r.makers.flatMap((m) => m.segments.map((s) => [primaryName(m.maker, lang), lang === "zh" ? s.segment.name_zh : s.segment.name_en, s.lost_suppliers.map((e) => primaryName(e, lang)).join(t("list.sep"))])),
          }),
        }, "whatif-export")
      : null,
    r.makers.length > 0
      ? h("button", { class: "button small", type: "button", testid: "whatif-show-graph", on: {
          click: () => ctx.navigate(graphHref(centre.id, 1, "both", questionToken({ kind: "whatIf", args, centre: centre.id }))),
        } }, "◎ ", t("supply.showInGraph"))
      : null,
  );
  const unknown = r.unknown.length > 0 ? h("p", { class: "banner-inline", testid: "whatif-unknown" }, t("whatIf.unknown", { count: r.unknown.length })) : null;
  const makers = h("ul", { class: "makers", testid: "whatif-makers" },
    ...r.makers.map((m) => {
      const name = primaryName(m.maker, lang);
      const other = secondaryName(m.maker, lang);
      return h("li", { class: "maker panel", testid: "whatif-maker", data: { entityId: m.maker.id, segments: String(m.segments.length) } },
        h("div", { class: "link-head" },
          h("a", { class: "link-other", testid: "whatif-maker-link", href: entityHref(m.maker.id), lang: langOf(name) }, name),
          other ? h("span", { class: "link-other-secondary", lang: langOf(other) }, other) : null,
        ),
        h("ul", { class: "lost-segments" },
          ...m.segments.map((s) =>
            h("li", { class: "lost-segment", testid: "whatif-segment", data: { segment: s.segment.id } },
              h("span", { class: "gap-badge gap-none" }, lang === "zh" ? s.segment.name_zh : s.segment.name_en),
              h("span", { class: "hint" }, t("whatIf.had")),
              ...s.lost_suppliers.flatMap((e, i) => {
                const n = primaryName(e, lang);
                return [i > 0 ? t("list.sep") : null, h("a", { class: "entity-chip", href: entityHref(e.id), lang: langOf(n) }, n)];
              }),
            ),
          ),
        ),
      );
    }),
  );
  const removedList = r.removed.length > 1
    ? h("details", { class: "removed", testid: "whatif-removed" },
        h("summary", {}, t("whatIf.removedList", { count: r.removed_count })),
        h("ul", { class: "segment-firms" }, ...r.removed.map((e) => {
          const n = primaryName(e, lang);
          return h("li", {}, h("a", { class: "entity-chip", href: entityHref(e.id), lang: langOf(n) }, n));
        })),
      )
    : null;
  return h("div", {}, summary, unknown, makers, removedList, r.truncated > 0 ? h("p", { class: "hint" }, t("graph.hidden", { count: r.truncated })) : null, h("p", { class: "hint" }, t("whatIf.help")));
}
