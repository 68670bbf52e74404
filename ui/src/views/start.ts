/** `#/`: the start screen. A large search box (focused) and the edition summary. */
import { createSearchBox } from "../components/search";
import { h } from "../components/dom";
import { formatBuiltAt } from "../state/format";
import type { View } from "./context";

export const startView: View = (root, _route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(null);
  const search = createSearchBox(ctx, { variant: "large" });
  const edition = h("div", { class: "edition", testid: "edition-summary" }, t("start.loading"));
  root.append(
    h("section", { class: "start" },
      h("h1", { class: "start-title", testid: "start-title" }, t("app.title")),
      h("p", { class: "start-subtitle" }, t("app.subtitle")),
      search.element,
      h("p", { class: "hint", testid: "search-hint" }, t("search.hint")),
      edition,
    ),
  );
  search.focus();

  let alive = true;
  ctx.call("edition", {}).then(
    (e) => {
      if (!alive) return;
      edition.replaceChildren(
        h("div", { class: "edition-title", testid: "edition-title" }, e.title),
        h("div", { class: "edition-line" },
          h("span", { class: "edition-label" }, t("start.edition")),
          " ",
          h("span", { testid: "edition-version" }, e.version),
          " · ",
          t("start.builtAt", { date: formatBuiltAt(e.built_at) }),
        ),
        h("div", { class: "edition-counts" },
          h("span", { class: "count", testid: "edition-entities" }, h("strong", {}, e.entities.toLocaleString()), " ", t("start.entities")),
          h("span", { class: "count", testid: "edition-links" }, h("strong", {}, e.links.toLocaleString()), " ", t("start.links")),
          h("span", { class: "count", testid: "edition-sources" }, h("strong", {}, e.sources.toLocaleString()), " ", t("start.sources")),
        ),
      );
    },
    (err) => {
      if (!alive) return;
      edition.textContent = "";
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
    search.destroy();
  };
};
