/** `#/`: the start screen. A large search box (focused) and the edition summary. */
import { createSearchBox } from "../components/search";
import { h } from "../components/dom";
import type { MessageKey } from "../i18n";
import type { Edition } from "../ipc/types";
import { editionTitle, formatBuiltAt } from "../state/format";
import { chainHref, entityHref, mapHref, policiesHref, systemsHref, whatIfHref } from "../state/router";
import type { View, ViewContext } from "./context";
import { dashboard } from "./startTiles";

/** The one-click entries for a first visit. Labels are UI strings, so nothing is fetched for them. */
const ENTRIES: ReadonlyArray<{ key: "chongqing" | "changan" | "seres" | "plan"; id: string }> = [
  { key: "chongqing", id: "chongqing" },
  { key: "changan", id: "changan-auto" },
  { key: "seres", id: "seres-group" },
  { key: "plan", id: "policy-cq-icv-nev-cluster-plan-2022-2030" },
];

function explore(ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const card = (href: string, title: string, text: string, testid: string, extra: string, data: Record<string, string>) =>
    h("a", { class: `card ${extra}`, href, testid, data },
      h("span", { class: "card-title" }, title),
      h("span", { class: "card-text" }, text),
    );
  return h("section", { class: "explore", testid: "explore" },
    h("h2", { class: "explore-title" }, t("start.explore")),
    h("div", { class: "cards" },
      card(chainHref(), t("start.chain.title"), t("start.chain.text"), "start-chain", "card-primary", {}),
      card(whatIfHref(), t("start.whatIf.title"), t("start.whatIf.text"), "start-what-if", "card-primary", {}),
      card(systemsHref(), t("start.systems.title"), t("start.systems.text"), "start-systems", "card-primary card-wide", {}),
      card(mapHref(), t("start.map.title"), t("start.map.text"), "start-map", "card-primary", {}),
      card(policiesHref(), t("start.policies.title"), t("start.policies.text"), "start-policies", "card-primary", {}),
      ...ENTRIES.map((e) =>
        card(entityHref(e.id), t(`start.${e.key}.title` as MessageKey), t(`start.${e.key}.text` as MessageKey), "start-entry", "", { entityId: e.id }),
      ),
    ),
  );
}

export const startView: View = (root, _route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(null);
  const search = createSearchBox(ctx, { variant: "large", allResults: true });
  let alive = true;
  const tiles = dashboard(ctx, () => alive);
  const edition = h("div", { class: "edition", testid: "edition-summary" }, t("start.loading"));
  root.append(
    h("section", { class: "start" },
      h("h1", { class: "start-title", testid: "start-title" }, t("app.title")),
      h("p", { class: "start-subtitle" }, t("app.subtitle")),
      search.element,
      h("p", { class: "hint", testid: "search-hint" }, t("search.hint")),
      edition,
      tiles.element,
      explore(ctx),
    ),
  );
  search.focus();

  ctx.call("edition", {}).then(
    (e) => {
      if (!alive) return;
      edition.replaceChildren(
        h("div", { class: "edition-title", testid: "edition-title" }, editionTitle(e, ctx.lang)),
        h("div", { class: "edition-line" },
          h("span", { class: "edition-label" }, t("start.edition")),
          " ",
          h("span", { testid: "edition-version" }, e.version),
          " · ",
          t("start.builtAt", { date: formatBuiltAt(e.built_at) }),
          e.signature === "invalid" ? "" : " · ",
          signatureLine(e, t),
        ),
        h("div", { class: "edition-line" }, h("a", { href: "#/changes", testid: "edition-changes" }, t("changes.link"))),
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
    tiles.dispose();
    search.destroy();
  };
};

/** Who signed the edition, checked when the app opened it; a warning when it was changed since. */
function signatureLine(e: Edition, t: ViewContext["t"]): HTMLElement {
  const name = e.signed_by ?? "";
  switch (e.signature) {
    case "valid":
      return h("span", { class: "edition-signed", testid: "edition-signature" }, t("start.signedBy", { name }));
    case "invalid":
      return h("span", { class: "edition-warning", testid: "edition-signature", role: "alert" }, t("start.signatureInvalid", { name }));
    default:
      return h("span", { class: "edition-unsigned", testid: "edition-signature" }, t("start.unsigned"));
  }
}
