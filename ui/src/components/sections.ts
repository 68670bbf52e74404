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
  nav?.querySelectorAll("a").forEach((a) => {
    if (a.dataset.section === section.key) a.setAttribute("aria-current", "location");
    else a.removeAttribute("aria-current");
  });
}

/** The row of jump links, in page order, with the keyboard hint. */
export function sectionNav(sections: readonly PageSection[], t: Translate): HTMLElement {
  return h("nav", { class: "section-nav", testid: "section-nav", aria: { label: t("sections.label") }, data: { print: "hide" } },
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
