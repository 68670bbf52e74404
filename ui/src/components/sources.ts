/** A source as shown everywhere: grade, publisher, date (or "no date visible"), title, URL as text. */
import type { SourceView } from "../ipc/types";
import type { Translate } from "../views/context";
import { isVisibleDate, sortSources } from "../state/format";
import { gradeBadge } from "./badges";
import { h, langOf } from "./dom";

export function copyButton(text: string, t: Translate): HTMLElement {
  const button = h("button", { class: "copy", type: "button", testid: "copy-url", title: text }, t("source.copy"));
  button.addEventListener("click", () => {
    const done = () => {
      button.textContent = t("source.copied");
      setTimeout(() => (button.textContent = t("source.copy")), 1500);
    };
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(text).then(done, () => selectText(button.previousElementSibling));
    } else {
      selectText(button.previousElementSibling);
    }
  });
  return button;
}

function selectText(node: Element | null): void {
  if (!node) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

export function sourceItem(source: SourceView, t: Translate, compact = false): HTMLElement {
  const date = isVisibleDate(source.published)
    ? h("span", { class: "source-date" }, source.published)
    : h("span", { class: "source-date nodate", testid: "source-nodate" }, t("source.noDate"));
  return h("li", { class: compact ? "source compact" : "source", testid: "source-item", title: compact ? source.title : undefined, data: { sourceId: source.id } },
    h("div", { class: "source-head" },
      gradeBadge(source.grade, t),
      h("span", { class: "source-publisher", lang: langOf(source.publisher) }, source.publisher),
      h("span", { class: "sep", aria: { hidden: "true" } }, "·"),
      date,
    ),
    compact ? null : h("div", { class: "source-title", testid: "source-title", lang: source.language || langOf(source.title) }, source.title),
    // A user's own record (a meeting, an interview) has no web address: its citation is its title.
    source.url === "" && compact ? h("div", { class: "source-title", lang: langOf(source.title) }, source.title) : null,
    source.url === "" ? null : h("div", { class: "source-url-row" },
      h("code", { class: "source-url", testid: "source-url" }, source.url),
      copyButton(source.url, t),
      compact ? null : h("span", { class: "source-accessed" }, t("source.accessed", { date: source.accessed })),
    ),
  );
}

export function sourceList(sources: readonly SourceView[], t: Translate, compact = false): HTMLElement {
  return h("ul", { class: compact ? "sources compact" : "sources" }, ...sortSources(sources).map((s) => sourceItem(s, t, compact)));
}

/**
 * Sources as one line of chips (grade, publisher, date), for sources listed in full nearby (e.g. a
 * group citing its system's sources). The title and URL are in the tooltip.
 */
export function sourceChips(sources: readonly SourceView[], t: Translate): HTMLElement {
  return h("ul", { class: "source-chips", testid: "source-chips" },
    ...sortSources(sources).map((s) =>
      h("li", { class: "source-chip", testid: "source-chip", title: `${s.title}\n${s.url}`, data: { sourceId: s.id } },
        gradeBadge(s.grade, t),
        h("span", { class: "source-publisher", lang: langOf(s.publisher) }, s.publisher),
        isVisibleDate(s.published) ? h("span", { class: "source-date" }, s.published) : h("span", { class: "source-date nodate" }, t("source.noDate")),
      ),
    ),
  );
}
