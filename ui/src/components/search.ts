/**
 * The search box: results as you type (debounced), arrow keys move the selection, Enter opens the
 * selected entity. Used large on the start screen and compact in the top bar.
 */
import type { SearchHit } from "../ipc/types";
import { primaryName, secondaryName } from "../state/format";
import { entityHref } from "../state/router";
import { debounce, moveSelection, normaliseQuery, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT } from "../state/search";
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
}

export function createSearchBox(ctx: ViewContext, options: SearchOptions): SearchBox {
  const { t } = ctx;
  const tid = options.testid ?? "search";
  const listId = `search-results-${++instance}`;
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
  const list = h("ul", { class: "search-results", testid: `${tid}-results`, id: listId, role: "listbox", hidden: true });
  const status = h("div", { class: "search-status", testid: `${tid}-status`, aria: { live: "polite" } });
  // The large box (start page) keeps its results in view: they can be exported as a table.
  let lastQuery = "";
  const tools = h("div", { class: "table-tools", hidden: true });
  if (options.variant === "large") {
    tools.append(exportMenu(ctx, {
      title: () => `${t("search.label")} ${lastQuery}`,
      table: () => ({
        title: `${t("search.label")} ${lastQuery}`,
        columns: [t("export.name"), t("export.otherName"), t("entity.kind"), t("entity.district"), t("export.matched")],
        rows: hits.map((hit) => [primaryName(hit.entity, ctx.lang), secondaryName(hit.entity, ctx.lang), t(`kind.${hit.entity.kind}`), hit.district ? primaryName(hit.district, ctx.lang) : null, hit.matched]),
      }),
    }, "search-export"));
  }
  const element = h("div", { class: `search search-${options.variant}`, testid: `search-${options.variant}` }, input, status, tools, list);

  let hits: SearchHit[] = [];
  let selected = -1;
  let sequence = 0;
  let destroyed = false;

  const open = (hit: SearchHit) => {
    close();
    if (options.onPick) {
      options.onPick(hit);
      input.value = "";
      onInput();
      return;
    }
    ctx.navigate(entityHref(hit.entity.id));
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    if (options.variant !== "large") status.textContent = "";
  };

  const highlight = () => {
    Array.from(list.children).forEach((child, i) => {
      const on = i === selected;
      child.classList.toggle("selected", on);
      child.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        input.setAttribute("aria-activedescendant", child.id);
        (child as HTMLElement).scrollIntoView?.({ block: "nearest" });
      }
    });
    if (selected < 0) input.removeAttribute("aria-activedescendant");
  };

  const renderHits = (query: string) => {
    clear(list);
    hits.forEach((hit, i) => {
      const primary = primaryName(hit.entity, ctx.lang);
      const secondary = secondaryName(hit.entity, ctx.lang);
      const item = h("li", {
        class: "search-hit",
        testid: `${tid}-hit`,
        id: `${listId}-${i}`,
        role: "option",
        data: { entityId: hit.entity.id },
        on: {
          mousedown: (e) => e.preventDefault(), // keep focus in the input
          click: () => open(hit),
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
          kindBadge(hit.entity.kind, t),
          hit.district ? h("span", { class: "hit-district", testid: "hit-district" }, primaryName(hit.district, ctx.lang)) : null,
          h("span", { class: "hit-matched", testid: "hit-matched", lang: langOf(hit.matched) }, t("search.matched", { text: hit.matched })),
        ),
      );
      list.appendChild(item);
    });
    selected = hits.length > 0 ? 0 : -1;
    highlight();
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", hits.length > 0 ? "true" : "false");
    status.textContent = hits.length === 0 ? t("search.none", { query }) : "";
    lastQuery = query;
    tools.hidden = hits.length === 0;
  };

  const run = debounce(async (query: string) => {
    const mine = ++sequence;
    try {
      const result = await ctx.call("search", { query, limit: SEARCH_LIMIT });
      if (destroyed || mine !== sequence) return; // a newer query is on its way
      hits = result.hits;
      renderHits(query);
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
      hits = [];
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
    if (hits.length > 0 && normaliseQuery(input.value) !== "") {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  });
  input.addEventListener("blur", () => {
    if (options.variant !== "large") setTimeout(close, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden && hits.length > 0) list.hidden = false;
      selected = moveSelection(selected, e.key === "ArrowDown" ? 1 : -1, hits.length);
      highlight();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const hit = hits[selected] ?? hits[0];
      if (hit) open(hit);
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
