/**
 * `#/search?q=…&kind=…&district=…&segment=…&grade=…`: the search results page. The query and the
 * chosen facets live in the URL (written as they change, without drawing the page again), so a
 * reload, a bookmark or a shared link shows the same results with the same filters.
 */
import { h } from "../components/dom";
import { createSearchBox } from "../components/search";
import { searchHref, type Route } from "../state/router";
import type { View } from "./context";

export const searchView: View<Extract<Route, { name: "search" }>> = (root, route, ctx) => {
  const { t } = ctx;
  const title = (query: string) => ctx.setTitle(query ? t("search.pageTitleQuery", { query }) : t("search.pageTitle"));
  title(route.query);
  const search = createSearchBox(ctx, {
    variant: "large",
    initialQuery: route.query,
    initialFacets: route.facets,
    onState: (query, facets) => {
      ctx.replaceUrl(searchHref(query, facets));
      title(query);
    },
  });
  root.append(
    h("section", { class: "search-view", testid: "search-view" },
      h("h1", { class: "search-title" }, t("search.pageTitle")),
      search.element,
      h("p", { class: "hint", testid: "search-hint" }, t("search.pageHint")),
    ),
  );
  search.focus();
  return () => search.destroy();
};
