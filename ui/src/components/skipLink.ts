/**
 * "Skip to content": the first thing Tab reaches, hidden until focused; it moves focus past the
 * top bar into the view (the <main> outlet).
 */
import { translate } from "../i18n";
import type { LangStore } from "../state/settings";
import { h } from "./dom";

export function mountSkipLink(langStore: LangStore): HTMLElement {
  const link = h("a", { class: "skip-link", testid: "skip-link", href: "#view" });
  link.addEventListener("click", (e) => {
    // Not a route: the app's own hash navigation must not see this click.
    e.preventDefault();
    const main = document.getElementById("view");
    if (!main) return;
    if (!main.hasAttribute("tabindex")) main.tabIndex = -1;
    main.focus({ preventScroll: true });
    main.scrollIntoView?.({ block: "start" });
  });
  const label = () => {
    link.textContent = translate(langStore.get(), "skip.toContent");
  };
  label();
  langStore.subscribe(label);
  document.body.prepend(link);
  return link;
}
