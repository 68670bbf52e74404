/**
 * The top bar's tools (undo, redo, save view, edition only, text size, dark theme, presentation
 * mode): a row of small buttons when the bar has room for them beside a search box of useful
 * width, else folded into a "⋯" panel under one button (a disclosure: Esc or a click elsewhere
 * closes it). The same buttons move, so their test ids, shortcuts (Ctrl+Z, Ctrl +/−) and states
 * stay as they are; in the panel each shows its words beside its sign.
 */
import type { Translate } from "../views/context";
import { h } from "./dom";

/** The search box keeps at least this width (in rem) before the tools fold away. */
const MIN_SEARCH_REM = 16;

export interface TopbarTools {
  element: HTMLElement;
  /** Re-labels for the language. */
  render(t: Translate): void;
  /** Folds or unfolds the tools as `bar` has room, now and whenever its size changes. */
  fitTo(bar: HTMLElement, search: HTMLElement): void;
}

export function topbarTools(...groups: HTMLElement[]): TopbarTools {
  const more = h("button", {
    class: "display-button tools-more",
    type: "button",
    testid: "tools-more",
    aria: { expanded: "false", controls: "topbar-tools-panel" },
  }, h("span", { class: "tool-icon", aria: { hidden: "true" } }, "⋯"));
  const panel = h("div", { class: "tools-panel", id: "topbar-tools-panel", testid: "tools-panel" }, ...groups);
  const element = h("div", { class: "topbar-tools", testid: "topbar-tools" }, more, panel);

  const setOpen = (open: boolean) => {
    panel.dataset.open = String(open);
    more.setAttribute("aria-expanded", String(open));
  };
  setOpen(false);
  more.addEventListener("click", () => setOpen(panel.dataset.open !== "true"));
  element.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || panel.dataset.open !== "true") return;
    // Esc closes the panel only (the app's Esc would go back a page).
    e.preventDefault();
    e.stopPropagation();
    setOpen(false);
    more.focus();
  });
  document.addEventListener("click", (e) => {
    if (panel.dataset.open === "true" && !element.contains(e.target as Node)) setOpen(false);
  });
  // A dialog opened from the panel (save this view) takes the focus; the panel closes behind it.
  panel.addEventListener("click", (e) => {
    if ((e.target as Element | null)?.closest?.('[data-testid="save-view"]')) setOpen(false);
  });

  let bar: HTMLElement | null = null;
  let searchSlot: HTMLElement | null = null;
  let frame = 0;
  const fit = () => {
    frame = 0;
    if (!bar || !searchSlot) return;
    // Measure with the tools in the row: fold them when the row overflows or squeezes the search.
    bar.dataset.compact = "false";
    const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 18;
    const squeezed = searchSlot.getBoundingClientRect().width < MIN_SEARCH_REM * rem;
    const overflowing = bar.scrollWidth > bar.clientWidth + 1;
    const compact = squeezed || overflowing;
    bar.dataset.compact = String(compact);
    if (!compact) setOpen(false);
  };
  // Refitted a frame later, never inside the observer's own callback (no resize loop).
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(fit);
  };

  return {
    element,
    render(t) {
      more.title = t("tools.more");
      more.setAttribute("aria-label", t("tools.more"));
      panel.setAttribute("role", "group");
      panel.setAttribute("aria-label", t("tools.label"));
      schedule();
    },
    fitTo(b, s) {
      bar = b;
      searchSlot = s;
      if (typeof ResizeObserver !== "undefined") {
        const observer = new ResizeObserver(schedule);
        observer.observe(b);
        observer.observe(s);
      }
      schedule();
    },
  };
}
