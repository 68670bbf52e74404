/**
 * "As of a year": the year control (a compact select, "As of: now / 2025 / 2024 …" down to the
 * earliest year a link is dated) and the banner that says which year is shown and how many
 * undated links the answer includes. The year lives in the address (`asof=2023`), so choosing one
 * navigates; the control that was used gets focus back on the redrawn view.
 */
import type { AsOf } from "../ipc/bindings/AsOf";
import { asOfBannerText, asOfYears } from "../state/asof";
import type { ViewContext } from "../views/context";
import { h } from "./dom";

/** The control whose change led to the navigation, to focus again once the view is redrawn. */
let refocus: string | null = null;

export function asOfControl(ctx: ViewContext, current: number | undefined, hrefFor: (year: number | undefined) => string, testid: string): HTMLElement {
  const { t } = ctx;
  const select = h("select", { class: "asof-select", testid, title: t("asof.help") });
  const fill = (years: number[]) => {
    select.replaceChildren(
      new Option(t("asof.now"), "", current === undefined, current === undefined),
      ...years.map((y) => new Option(String(y), String(y), y === current, y === current)),
    );
  };
  const thisYear = new Date().getFullYear();
  fill(asOfYears(undefined, thisYear, current));
  ctx.call("edition", {}).then(
    (edition) => fill(asOfYears(edition.first_link_year, thisYear, current)),
    () => undefined, // the control then offers "now" and the year in the address only
  );
  select.addEventListener("change", () => {
    const year = select.value === "" ? undefined : Number(select.value);
    refocus = testid;
    ctx.navigate(hrefFor(year));
  });
  if (refocus === testid) {
    refocus = null;
    // The redrawn view attaches the control once its answer is in: focus it then.
    const focusWhenShown = (tries: number) => {
      if (select.isConnected) select.focus();
      else if (tries > 0) requestAnimationFrame(() => focusWhenShown(tries - 1));
    };
    requestAnimationFrame(() => focusWhenShown(300));
  }
  return h("label", { class: "asof-control", data: { asof: current === undefined ? "" : String(current) } },
    h("span", { class: "control-label" }, t("asof.label")), " ", select);
}

/**
 * The banner of an answer given as of a year, with a way back to now; `null` as of now. `nowHref`
 * may be a function, asked again when the link is used (the page may have written other settings
 * into the address since it was drawn).
 */
export function asOfBanner(ctx: ViewContext, asOf: AsOf | undefined, nowHref: string | (() => string), testid = "asof-banner"): HTMLElement | null {
  if (!asOf) return null;
  const { t } = ctx;
  return h("div", { class: "asof-banner", testid, data: { year: String(asOf.year), undated: String(asOf.undated) } },
    h("span", { class: "asof-text" },
      h("strong", { testid: `${testid}-text` }, asOfBannerText(asOf.year, asOf.undated, t)),
      asOf.undated > 0 ? h("small", { class: "asof-help" }, t("asof.undatedHelp", { year: asOf.year })) : null,
    ),
    backToNow(nowHref, t("asof.backToNow"), `${testid}-now`),
  );
}

function backToNow(nowHref: string | (() => string), label: string, testid: string): HTMLElement {
  const href = () => (typeof nowHref === "string" ? nowHref : nowHref());
  const link = h("a", { class: "button small", testid, href: href() }, label);
  // Brought up to date before it is followed, copied or opened elsewhere.
  const refresh = () => link.setAttribute("href", href());
  for (const event of ["click", "focus", "mouseenter", "contextmenu"]) link.addEventListener(event, refresh);
  return link;
}
