/** `#/entity/<id>`: everything the edition knows about one entity, with sources. */
import { confidenceFlag, kindBadge } from "../components/badges";
import { h, langOf } from "../components/dom";
import { copyButton, sourceList } from "../components/sources";
import type { EntityPage, LinkView } from "../ipc/types";
import { formatPeriod, formatShare, groupLinks, primaryName, secondaryName, sortNames } from "../state/format";
import { entityHref, graphHref } from "../state/router";
import type { Translate, View, ViewContext } from "./context";

export const entityView: View<{ name: "entity"; id: string }> = (root, route, ctx) => {
  const { t } = ctx;
  root.append(h("p", { class: "loading", testid: "loading" }, t("entity.loading")));
  let alive = true;
  ctx.call("entity", { id: route.id }).then(
    (page) => {
      if (!alive) return;
      root.replaceChildren(renderPage(page, ctx));
      ctx.setTitle(primaryName(page.entity, ctx.lang));
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "entity-missing" }, t("entity.notFound")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};

function renderPage(page: EntityPage, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const primary = primaryName(page.entity, lang);
  const secondary = secondaryName(page.entity, lang);

  const header = h("header", { class: "entity-header" },
    h("div", { class: "entity-badges" }, kindBadge(page.entity.kind, t), confidenceFlag(page.confidence, t)),
    h("h1", { class: "entity-name", testid: "entity-name", lang: langOf(primary) }, primary),
    secondary ? h("p", { class: "entity-secondary", testid: "entity-secondary", lang: langOf(secondary) }, secondary) : null,
    h("div", { class: "entity-actions" },
      h("a", { class: "button primary", testid: "open-graph", href: graphHref(page.entity.id), title: t("entity.graphLabel") }, "◎ ", t("entity.graph")),
    ),
  );

  const facts = h("dl", { class: "facts", testid: "facts" });
  const fact = (label: string, testid: string, ...value: Array<Node | string | null>) =>
    facts.append(h("dt", {}, label), h("dd", { testid }, ...value));
  fact(t("entity.kind"), "fact-kind", t(`kind.${page.entity.kind}`));
  if (page.district) {
    const d = primaryName(page.district, lang);
    fact(t("entity.district"), "fact-district", h("a", { testid: "district-link", href: entityHref(page.district.id), lang: langOf(d) }, d));
  }
  if (page.segments.length > 0) {
    fact(t("entity.segments"), "fact-segments",
      h("span", { class: "chips" }, ...page.segments.map((s) => h("span", { class: "chip", data: { segment: s.id } }, lang === "zh" ? s.name_zh : s.name_en))));
  }
  if (page.products.length > 0) fact(t("entity.products"), "fact-products", page.products.join("; "));
  if (page.founded) fact(t("entity.founded"), "fact-founded", page.founded);
  if (page.website) {
    fact(t("entity.website"), "fact-website", h("code", { class: "source-url", testid: "website" }, page.website), copyButton(page.website, t));
  }
  if (page.note) fact(t("entity.note"), "fact-note", h("span", { lang: langOf(page.note) }, page.note));

  const names = h("section", { class: "panel", testid: "names" },
    h("h2", {}, t("entity.names")),
    h("ul", { class: "names" },
      ...sortNames(page.names, lang).map((n) =>
        h("li", { class: "name", testid: "name-item", data: { lang: n.lang, role: n.role } },
          h("span", { class: "name-text", lang: n.lang === "zh" ? "zh" : langOf(n.text) }, n.text),
          n.pinyin ? h("small", { class: "pinyin", testid: "pinyin" }, n.pinyin) : null,
          h("span", { class: "name-role" }, `${n.lang} · ${roleLabel(n.role, t)}`),
        ),
      ),
    ),
  );

  const links = h("section", { class: "panel links-panel", testid: "links" }, h("h2", {}, t("entity.links"), " ", h("span", { class: "count-pill" }, String(page.links.length))));
  const groups = groupLinks(page.links);
  if (groups.length === 0) links.append(h("p", { class: "empty", testid: "no-links" }, t("entity.noLinks")));
  for (const group of groups) {
    links.append(
      h("div", { class: "link-group", testid: "link-group", data: { relation: group.relation, direction: group.direction } },
        h("h3", { class: "link-group-title" }, t(`rel.${group.relation}.${group.direction}`), " ", h("span", { class: "count-pill" }, String(group.links.length))),
        h("ul", { class: "link-list" }, ...group.links.map((l) => renderLink(l, ctx))),
      ),
    );
  }

  const sources = h("section", { class: "panel", testid: "sources" },
    h("h2", {}, t("entity.sources"), " ", h("span", { class: "count-pill" }, String(page.sources.length))),
    sourceList(page.sources, t),
  );

  return h("article", { class: "entity", testid: "entity-page", data: { entityId: page.entity.id } },
    header,
    h("div", { class: "entity-grid" },
      h("div", { class: "entity-side" }, h("section", { class: "panel" }, facts), names),
      links,
    ),
    sources,
  );
}

function roleLabel(role: string, t: Translate): string {
  switch (role) {
    case "legal":
    case "short":
    case "former":
    case "brand":
      return t(`name.role.${role}`);
    default:
      return role;
  }
}

function renderLink(link: LinkView, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const name = primaryName(link.other, lang);
  const other = secondaryName(link.other, lang);
  const details: Array<HTMLElement> = [];
  if (link.product) details.push(h("span", { class: "detail" }, h("span", { class: "detail-label" }, t("link.product")), " ", h("span", { lang: langOf(link.product) }, link.product)));
  const share = formatShare(link.share);
  if (share) details.push(h("span", { class: "detail" }, h("span", { class: "detail-label" }, t("link.share")), " ", share));
  const period = formatPeriod(link.since, link.until);
  if (period) details.push(h("span", { class: "detail" }, period));
  return h("li", { class: "link", testid: "link-item", data: { relation: link.relation, direction: link.direction, other: link.other.id } },
    h("div", { class: "link-head" },
      h("a", { class: "link-other", testid: "link-other", href: entityHref(link.other.id), lang: langOf(name) }, name),
      other ? h("span", { class: "link-other-secondary", lang: langOf(other) }, other) : null,
      kindBadge(link.other.kind, t),
      confidenceFlag(link.confidence, t),
    ),
    details.length > 0 ? h("div", { class: "link-details" }, ...details) : null,
    link.note ? h("div", { class: "link-note", lang: langOf(link.note) }, link.note) : null,
    link.sources.length > 0 ? sourceList(link.sources, t, true) : null,
  );
}
