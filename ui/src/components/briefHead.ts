/**
 * The head every brief starts with: the kicker, the title (and the other language's name, when
 * given), and the line saying when it was made and from which edition.
 */
import type { Edition } from "../ipc/types";
import { isoDate } from "../state/brief";
import { editionTitle, formatBuiltAt } from "../state/format";
import type { ViewContext } from "../views/context";
import { h, langOf } from "./dom";

export function briefHead(title: string, edition: Edition, ctx: Pick<ViewContext, "t" | "lang">, secondary: string | null = null): HTMLElement[] {
  const { t, lang } = ctx;
  const named = editionTitle(edition, lang);
  return [
    h("p", { class: "brief-kicker" }, t("brief.kicker")),
    h("h1", { class: "brief-title", testid: "brief-title", lang: langOf(title) }, title),
    ...(secondary ? [h("p", { class: "entity-secondary", lang: langOf(secondary) }, secondary)] : []),
    h("p", { class: "brief-meta", testid: "brief-meta" },
      t("brief.made", { date: isoDate(new Date()), version: edition.version, built: formatBuiltAt(edition.built_at) }),
      " · ", h("span", { lang: langOf(named) }, named),
    ),
  ];
}
