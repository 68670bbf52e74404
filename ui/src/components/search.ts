/**
 * The search box: results as you type (debounced), grouped under their kind (firms, plants,
 * parks …, and published systems), with facet chips (kind, district, each with its count) that
 * filter them. Arrow keys move the selection across the groups, Enter opens the selected result,
 * Esc clears. The chosen facets stay when the query changes. Used large on the start screen and
 * the search page (`#/search`, whose URL keeps the query and facets), compact in the top bar, and
 * as a picker in forms. "All results" opens the search page with the query and facets chosen.
 */
import type { EntityRef, SearchHit, SegmentRef } from "../ipc/types";
import type { MessageKey } from "../i18n";
import { primaryName, secondaryName } from "../state/format";
import { entityHref, searchHref, systemsHref } from "../state/router";
import {
  applyFacets, debounce, facetCounts, groupByKind, itemDistrict, itemKind, moveSelection, NO_FACETS, normaliseQuery,
  searchItems, shownOrder, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT, type ResultKind, type SearchFacets, type SearchItem,
} from "../state/search";
import type { ViewContext } from "../views/context";
import { kindBadge } from "./badges";
import { clear, h, langOf } from "./dom";
import { exportMenu } from "./exportMenu";

export interface SearchBox {
  element: HTMLElement;
  input: HTMLInputElement;
  focus(): void;
  destroy(): void;
}

let instance = 0;

export interface SearchOptions {
  variant: "large" | "compact" | "picker";
  initialQuery?: string;
  /** Picker mode: choosing a hit calls this (and clears the box) instead of opening the entity. */
  onPick?: (hit: SearchHit) => void;
  placeholder?: string;
  /** Prefix of the data-testids ("search" by default: search-input, search-hit ...). */
  testid?: string;
  /** The facets chosen at first (from the search page's URL). */
  initialFacets?: SearchFacets;
  /** Told of the query answered and the facets chosen, whenever either changes. */
  onState?: (query: string, facets: SearchFacets) => void;
  /** Offer a link to the search page with the query and facets (and Enter goes there when nothing is found). */
  allResults?: boolean;
}

export function createSearchBox(ctx: ViewContext, options: SearchOptions): SearchBox {
  const { t } = ctx;
  const tid = options.testid ?? "search";
  const listId = `search-results-${++instance}`;
  // A picker chooses entities only: systems are not offered, and no facets.
  const picker = options.variant === "picker" || options.onPick !== undefined;
  const input = h("input", {
    class: "search-input",
    testid: `${tid}-input`,
    type: "search",
    role: "combobox",
    aria: { label: t("search.label"), expanded: "false", controls: listId, autocomplete: "list" },
  });
  input.placeholder = options.placeholder ?? t("search.placeholder");
  input.autocomplete = "off";
  input.spellcheck = false;
  input.value = options.initialQuery ?? "";
  const list = h("div", { class: "search-results", testid: `${tid}-results`, id: listId, role: "listbox", aria: { label: t("search.label") }, hidden: true });
  const status = h("div", { class: "search-status", testid: `${tid}-status`, aria: { live: "polite" } });
  const facetBar = h("div", { class: "search-facets", testid: `${tid}-facets`, role: "group", aria: { label: t("search.facets") } });
  const name = (item: SearchItem) => (item.type === "entity" ? primaryName(item.hit.entity, ctx.lang) : (ctx.lang === "zh" ? item.hit.name_zh : item.hit.name_en) || item.hit.name_en || item.hit.name_zh);
  const otherName = (item: SearchItem) => (item.type === "entity" ? secondaryName(item.hit.entity, ctx.lang) : (ctx.lang === "zh" ? item.hit.name_en : item.hit.name_zh) || null);
  const kindLabel = (kind: ResultKind) => (kind === "system" ? t("search.systemKind") : t(`kind.${kind}`));
  // The large box (start page) keeps its results in view: they can be exported as a table, as shown.
  let lastQuery = "";
  const tools = h("div", { class: "table-tools", hidden: true });
  if (options.variant === "large") {
    tools.append(exportMenu(ctx, {
      title: () => `${t("search.label")} ${lastQuery}`,
      table: () => ({
        title: `${t("search.label")} ${lastQuery}`,
        columns: [t("export.name"), t("export.otherName"), t("entity.kind"), t("entity.district"), t("export.matched")],
        rows: shown.map((item) => {
          const district = itemDistrict(item);
          return [name(item), otherName(item), kindLabel(itemKind(item)), district ? primaryName(district, ctx.lang) : null, item.hit.matched];
        }),
      }),
    }, "search-export"));
  }
  const allLink = options.allResults && !picker ? h("a", { class: "search-all", testid: `${tid}-all`, href: "#/search", on: { mousedown: (e) => e.preventDefault() } }, t("search.allResults")) : null;
  const panel = h("div", { class: "search-panel", hidden: true }, picker ? null : facetBar, list, allLink);
  // Below the box: what the answer says, then facets and results (a dropdown in the compact box and the picker).
  const element = h("div", { class: `search search-${options.variant}`, testid: `search-${options.variant}` }, input, h("div", { class: "search-drop" }, status, tools, panel));

  /** Every result of the last answer, ranked; `shown`: those the facets keep, in the order shown. */
  let items: SearchItem[] = [];
  let shown: SearchItem[] = [];
  let facets: SearchFacets = picker ? NO_FACETS : { ...NO_FACETS, ...options.initialFacets };
  /** The chosen district as a reference, so its chip keeps its name when a query has none in it. */
  let chosenDistrict: EntityRef | null = null;
  let chosenSegment: SegmentRef | null = null;
  let selected = -1;
  let sequence = 0;
  let destroyed = false;

  const open = (item: SearchItem) => {
    close();
    if (item.type === "system") {
      ctx.navigate(systemsHref(item.hit.id));
      return;
    }
    if (options.onPick) {
      options.onPick(item.hit);
      input.value = "";
      onInput();
      return;
    }
    ctx.navigate(entityHref(item.hit.entity.id));
  };

  const setOpen = (on: boolean) => {
    list.hidden = !on;
    panel.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
  };

  const close = () => {
    setOpen(false);
    if (options.variant !== "large") status.textContent = "";
  };

  const options_ = () => Array.from(list.querySelectorAll<HTMLElement>("[role=option]"));

  const highlight = () => {
    options_().forEach((child, i) => {
      const on = i === selected;
      child.classList.toggle("selected", on);
      child.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        input.setAttribute("aria-activedescendant", child.id);
        child.scrollIntoView?.({ block: "nearest" });
      }
    });
    if (selected < 0) input.removeAttribute("aria-activedescendant");
  };

  const renderItem = (item: SearchItem, i: number): HTMLElement => {
    const primary = name(item);
    const secondary = otherName(item);
    const district = itemDistrict(item);
    const kind = itemKind(item);
    return h("div", {
      class: "search-hit",
      testid: `${tid}-hit`,
      id: `${listId}-${i}`,
      role: "option",
      data: item.type === "entity" ? { entityId: item.hit.entity.id, kind } : { systemId: item.hit.id, kind },
      on: {
        mousedown: (e) => e.preventDefault(), // keep focus in the input
        click: () => open(item),
        mousemove: () => {
          if (selected !== i) {
            selected = i;
            highlight();
          }
        },
      },
    },
      h("div", { class: "hit-names" },
        h("span", { class: "hit-primary", testid: "hit-primary", lang: langOf(primary) }, primary),
        secondary ? h("span", { class: "hit-secondary", testid: "hit-secondary", lang: langOf(secondary) }, secondary) : null,
      ),
      h("div", { class: "hit-meta" },
        kind === "system" ? h("span", { class: "kind-badge", testid: "kind-badge", data: { kind } }, t("search.systemKind")) : kindBadge(kind, t),
        district ? h("span", { class: "hit-district", testid: "hit-district" }, primaryName(district, ctx.lang)) : null,
        h("span", { class: "hit-matched", testid: "hit-matched", lang: langOf(item.hit.matched) }, t("search.matched", { text: item.hit.matched })),
      ),
    );
  };

  const chip = (label: string, count: number | null, on: boolean, testid: string, value: string, choose: () => void) =>
    h("button", {
      class: "facet-chip",
      type: "button",
      testid,
      data: { value },
      aria: { pressed: on ? "true" : "false" },
      title: count === null ? undefined : t("search.facetChip", { label, count }),
      on: { mousedown: (e) => e.preventDefault(), click: choose },
    }, label, count === null ? null : " ", count === null ? null : h("span", { class: "facet-count" }, String(count)));

  const renderFacets = () => {
    const counts = facetCounts(items, facets, chosenDistrict, chosenSegment);
    const choose = (next: Partial<SearchFacets>) => () => {
      facets = { ...facets, ...next };
      renderResults();
      input.focus();
    };
    const row = (label: string, testid: string, chips: HTMLElement[]) =>
      h("div", { class: "facet-row", testid, role: "group", aria: { label } }, h("span", { class: "facet-label", aria: { hidden: "true" } }, label), ...chips);
    const kindRow = row(t("search.facetKind"), `${tid}-facet-kinds`, [
      chip(t("search.facetAll"), null, facets.kind === null, "facet-kind", "", choose({ kind: null })),
      ...counts.kinds.map((k) => chip(t(`search.group.${k.value}` as MessageKey), k.count, facets.kind === k.value, "facet-kind", k.value, choose({ kind: facets.kind === k.value ? null : k.value }))),
    ]);
    const districtRow = counts.districts.length === 0 ? null : row(t("search.facetDistrict"), `${tid}-facet-districts`, [
      chip(t("search.facetAll"), null, facets.district === null, "facet-district", "", () => { chosenDistrict = null; choose({ district: null })(); }),
      ...counts.districts.map((d) => chip(primaryName(d.value, ctx.lang), d.count, facets.district === d.value.id, "facet-district", d.value.id, () => {
        const off = facets.district === d.value.id;
        chosenDistrict = off ? null : d.value;
        choose({ district: off ? null : d.value.id })();
      })),
    ]);
    const segmentRow = counts.segments.length === 0 ? null : row(t("search.facetSegment"), `${tid}-facet-segments`, [
      chip(t("search.facetAll"), null, facets.segment == null, "facet-segment", "", () => { chosenSegment = null; choose({ segment: null })(); }),
      ...counts.segments.map((sg) => chip(ctx.lang === "zh" ? sg.value.name_zh : sg.value.name_en, sg.count, facets.segment === sg.value.id, "facet-segment", sg.value.id, () => {
        const off = facets.segment === sg.value.id;
        chosenSegment = off ? null : sg.value;
        choose({ segment: off ? null : sg.value.id })();
      })),
    ]);
    const gradeRow = counts.grades.length === 0 ? null : row(t("search.facetGrade"), `${tid}-facet-grades`, [
      chip(t("search.facetAll"), null, facets.grade == null, "facet-grade", "", choose({ grade: null })),
      ...counts.grades.map((g) => {
        const button = chip(t("search.facetGradeValue", { grade: g.value }), g.count, facets.grade === g.value, "facet-grade", g.value, choose({ grade: facets.grade === g.value ? null : g.value }));
        button.title = `${t(`source.grade${g.value}`)} · ${t("search.facetChip", { label: t("search.facetGradeValue", { grade: g.value }), count: g.count })}`;
        return button;
      }),
    ]);
    facetBar.replaceChildren(kindRow, ...[districtRow, segmentRow, gradeRow].filter((r) => r !== null));
    // Facets are worth a row only when there is something to tell apart, or a choice to undo.
    const chosen = facets.kind !== null || facets.district !== null || facets.segment != null || facets.grade != null;
    facetBar.hidden = !chosen && [counts.kinds, counts.districts, counts.segments, counts.grades].every((c) => c.length < 2);
  };

  /** Draws the results the facets keep, under their kind. Selection starts at the first shown. */
  const renderResults = () => {
    clear(list);
    const groups = groupByKind(picker ? items : applyFacets(items, facets));
    shown = shownOrder(groups);
    let i = 0;
    for (const group of groups) {
      const headingId = `${listId}-g-${group.kind}`;
      list.appendChild(h("div", { class: "search-group", role: "group", testid: `${tid}-group`, data: { kind: group.kind }, aria: { labelledby: headingId } },
        h("div", { class: "search-group-title", id: headingId, testid: `${tid}-group-title` }, t(`search.group.${group.kind}` as MessageKey), " ", h("span", { class: "count-pill" }, String(group.items.length))),
        ...group.items.map((item) => renderItem(item, i++)),
      ));
    }
    if (!picker) renderFacets();
    allLink?.setAttribute("href", searchHref(lastQuery, facets));
    options.onState?.(lastQuery, facets);
    selected = shown.length > 0 ? 0 : -1;
    highlight();
    setOpen(items.length > 0);
    tools.hidden = shown.length === 0;
    if (items.length > 0 && shown.length === 0) {
      status.replaceChildren(t("search.filteredNone", { count: items.length }), " ",
        h("button", { class: "link-button", type: "button", testid: `${tid}-clear-facets`, on: { mousedown: (e) => e.preventDefault(), click: () => { facets = NO_FACETS; chosenDistrict = null; chosenSegment = null; renderResults(); input.focus(); } } }, t("search.clearFacets")));
    }
  };

  const renderAnswer = (query: string, corrected: string | null, didYouMean: readonly string[]) => {
    status.replaceChildren();
    lastQuery = query;
    renderResults();
    if (items.length === 0) {
      status.append(t("search.none", { query }));
      if (didYouMean.length > 0) {
        status.append(" ", t("search.didYouMean"), " ", ...didYouMean.slice(0, 3).flatMap((s, k) => [
          k > 0 ? (ctx.lang === "zh" ? "、" : ", ") : "",
          h("button", { class: "link-button", type: "button", testid: `${tid}-did-you-mean`, lang: langOf(s), on: { mousedown: (e) => e.preventDefault(), click: () => { input.value = s; onInput(); input.focus(); } } }, s),
        ]));
      }
    } else if (corrected) {
      status.prepend(t("search.corrected", { query, corrected }));
    }
  };

  const run = debounce(async (query: string) => {
    const mine = ++sequence;
    try {
      const result = await ctx.call("search", { query, limit: SEARCH_LIMIT });
      if (destroyed || mine !== sequence) return; // a newer query is on its way
      items = searchItems(picker ? { hits: result.hits } : result, query);
      renderAnswer(query, result.corrected ?? null, result.did_you_mean ?? []);
    } catch (e) {
      if (destroyed || mine !== sequence) return;
      ctx.reportError(e);
    }
  }, SEARCH_DEBOUNCE_MS);

  const onInput = () => {
    const query = normaliseQuery(input.value);
    if (query === "") {
      run.cancel();
      sequence++;
      items = [];
      shown = [];
      lastQuery = "";
      options.onState?.("", facets);
      tools.hidden = true;
      clear(list);
      close();
      status.textContent = "";
      return;
    }
    run(query);
  };

  input.addEventListener("input", onInput);
  input.addEventListener("focus", () => {
    if (items.length > 0 && normaliseQuery(input.value) !== "") setOpen(true);
  });
  // The dropdowns close when the focus leaves the box (not when it moves to a facet chip).
  element.addEventListener("focusout", (e) => {
    if (options.variant === "large") return;
    if (e.relatedTarget instanceof Node && element.contains(e.relatedTarget)) return;
    setTimeout(() => {
      if (!element.contains(document.activeElement)) close();
    }, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden && items.length > 0) setOpen(true);
      selected = moveSelection(selected, e.key === "ArrowDown" ? 1 : -1, shown.length);
      highlight();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const item = shown[selected] ?? shown[0];
      const query = normaliseQuery(input.value);
      if (item) open(item);
      else if (allLink && query !== "") {
        close();
        ctx.navigate(searchHref(query, facets));
      }
    } else if (e.key === "Escape") {
      // First Esc clears the box; the global handler (go back) runs only when it is empty.
      if (input.value !== "" || !list.hidden) {
        e.preventDefault();
        e.stopPropagation();
        input.value = "";
        onInput();
      } else {
        input.blur();
      }
    }
  });

  if (input.value !== "") onInput();

  return {
    element,
    input,
    focus: () => input.focus(),
    destroy: () => {
      destroyed = true;
      run.cancel();
    },
  };
}
