/**
 * In-page navigation of a long page (the entity page): a compact row of jump links to the
 * sections present, each section's heading a focusable target, and `[` / `]` to move to the
 * previous / next section when focus is not in a text field.
 */
import type { Translate } from "../views/context";
import { h } from "./dom";

export interface PageSection {
  /** Short name, also the element id's suffix ("links" -> #section-links). */
  key: string;
  label: string;
  /** The section; gets the id. A <details> is opened when jumped to. */
  element: HTMLElement;
  /** What takes focus: the section's heading (made focusable) or its <summary>. */
  heading: HTMLElement;
}

export const sectionId = (key: string): string => `section-${key}`;

/** Marks each section and its heading as jump targets; returns them in page order. */
export function prepareSections(sections: readonly PageSection[]): PageSection[] {
  for (const s of sections) {
    s.element.id = sectionId(s.key);
    s.element.dataset.section = s.key;
    if (s.heading.tagName !== "SUMMARY" && !s.heading.hasAttribute("tabindex")) s.heading.tabIndex = -1;
    s.heading.classList.add("section-target");
  }
  return [...sections].sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** Scrolls a section into view and puts focus on its heading. */
export function goToSection(section: PageSection): void {
  if (section.element instanceof HTMLDetailsElement) section.element.open = true;
  section.element.scrollIntoView?.({ block: "start" });
  section.heading.focus({ preventScroll: true });
  const nav = document.querySelector('[data-testid="section-nav"]');
  if (nav) markCurrent(nav, section.key);
}

/** Marks the link of section `key` as where the reader is (aria-current="location"). */
function markCurrent(nav: Element, key: string | null): void {
  nav.querySelectorAll<HTMLElement>("a.section-link").forEach((a) => {
    if (a.dataset.section === key) a.setAttribute("aria-current", "location");
    else a.removeAttribute("aria-current");
  });
}

/**
 * The section at a reading line `line` px from the top of the window, given each section's top
 * and bottom there: the last one that holds the line (the innermost, when one holds another:
 * Risk inside Supply chain), so a section whose end has scrolled past the line no longer counts
 * (below Risk, the path finder is Supply chain's again); when none holds it (the line is in a gap
 * between sections), the last one whose top is above it; the last section when the page is
 * scrolled to its end (a short last section never reaches the line); else none (-1: above the first).
 */
export function sectionAtLine(boxes: ReadonlyArray<{ top: number; bottom: number }>, line: number, atEnd: boolean): number {
  if (atEnd && boxes.length > 0) return boxes.length - 1;
  let holding = -1;
  let passed = -1;
  boxes.forEach((box, i) => {
    if (box.top > line) return;
    passed = i;
    if (box.bottom > line) holding = i;
  });
  return holding >= 0 ? holding : passed;
}

/**
 * Keeps the jump links following the scroll: an IntersectionObserver watches a thin band at the
 * reading line (just under the sticky bars) and the page's end; each time a section's edge
 * crosses it, the link of the section now read is marked. Stops when the nav leaves the page.
 */
function followScroll(nav: HTMLElement, sections: readonly PageSection[]): void {
  if (typeof IntersectionObserver === "undefined" || sections.length === 0) return;
  // Where a jumped-to section's top lands (its scroll margin: under both sticky bars), and the
  // reading line just below it.
  const offset = () => (document.querySelector('[data-testid="topbar"]')?.getBoundingClientRect().bottom ?? 0) + nav.getBoundingClientRect().height + 12;
  const line = () => offset() + 8;
  let observers: IntersectionObserver[] = [];
  const mark = () => {
    if (!nav.isConnected) {
      observers.forEach((o) => o.disconnect());
      observers = [];
      return;
    }
    const topbar = document.querySelector('[data-testid="topbar"]')?.getBoundingClientRect().bottom ?? 0;
    nav.style.top = `${Math.round(topbar)}px`;
    document.documentElement.style.setProperty("--section-offset", `${Math.round(offset())}px`);
    const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    const i = sectionAtLine(sections.map((s) => s.element.getBoundingClientRect()), line(), atEnd && window.scrollY > 0);
    markCurrent(nav, i >= 0 ? sections[i]!.key : null);
  };
  const observe = () => {
    observers.forEach((o) => o.disconnect());
    const at = Math.round(line());
    const band = new IntersectionObserver(mark, { rootMargin: `-${at}px 0px -${Math.max(0, window.innerHeight - at - 2)}px 0px`, threshold: 0 });
    const end = new IntersectionObserver(mark, { threshold: [0, 0.5, 1] });
    sections.forEach((s) => band.observe(s.element));
    end.observe(sections[sections.length - 1]!.element);
    observers = [band, end];
  };
  // Observed once the nav is in the page (its height sets the reading line); again on resize.
  requestAnimationFrame(() => {
    if (!nav.isConnected) return;
    observe();
    mark();
    const onResize = () => (nav.isConnected ? observe() : window.removeEventListener("resize", onResize));
    window.addEventListener("resize", onResize);
  });
}

/** The row of jump links, in page order, with the keyboard hint; it stays under the top bar and marks the section in view. */
export function sectionNav(sections: readonly PageSection[], t: Translate): HTMLElement {
  const nav = h("nav", { class: "section-nav", testid: "section-nav", aria: { label: t("sections.label") }, data: { print: "hide" } },
    h("ul", { class: "section-links" },
      ...sections.map((s) =>
        h("li", {},
          h("a", {
            class: "section-link",
            testid: "section-link",
            href: `#${sectionId(s.key)}`,
            data: { section: s.key },
            // Not a route: the app's own hash navigation must not see this click.
            on: { click: (e) => {
              e.preventDefault();
              goToSection(s);
            } },
          }, s.label),
        ),
      ),
    ),
    h("span", { class: "section-keys hint", testid: "section-keys" }, t("sections.keys")),
  );
  followScroll(nav, sections);
  return nav;
}

/** Which section the reader is in: the one holding focus, else the last one scrolled past. */
export function currentSection(sections: readonly PageSection[]): number {
  const active = document.activeElement;
  // The innermost one: Risk sits inside Supply chain.
  let holding = -1;
  sections.forEach((s, i) => {
    if (active instanceof Node && s.element.contains(active)) holding = i;
  });
  if (holding >= 0) return holding;
  const topbar = document.querySelector('[data-testid="topbar"]')?.getBoundingClientRect().bottom ?? 0;
  let index = -1;
  sections.forEach((s, i) => {
    if (s.element.getBoundingClientRect().top <= topbar + 24) index = i;
  });
  return index;
}

/** `[` and `]` move between sections; returns the function that stops listening. */
export function sectionKeys(sections: () => readonly PageSection[]): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "[" && e.key !== "]") return;
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || document.querySelector("dialog[open]")) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) return;
    const list = sections();
    if (list.length === 0) return;
    const here = currentSection(list);
    const next = e.key === "]" ? Math.min(here + 1, list.length - 1) : Math.max(here - 1, 0);
    e.preventDefault();
    goToSection(list[next]!);
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
