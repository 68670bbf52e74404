/**
 * The user's knowledge on the entity page: "yours" / "corrected" / "retracted by you" badges,
 * the actions on a fact (correct, retract), the buttons that add facts, the filter "only yours",
 * and the notes panel.
 */
import type { EntityPage, EntityRef, LinkView, NoteView, Origin, StatisticView } from "../ipc/types";
import { primaryName } from "../state/format";
import { isYours, noteTarget } from "../state/workspace";
import type { ViewContext } from "../views/context";
import { h, langOf } from "./dom";
import { openCorrectForm, openEntityForm, openLinkForm, openRetractForm, openStatisticForm, type FactTarget } from "./forms";
import { sourceList } from "./sources";
import { announceChange } from "./workspaceBar";
import { toApiError } from "../ipc/transport";
import { fieldForError } from "../state/workspace";

/** "Yours" or "Corrected by you"; nothing for a shipped fact. */
export function originBadge(origin: Origin | undefined, ctx: ViewContext): HTMLElement | null {
  if (!origin || origin === "edition") return null;
  return h("span", { class: `origin-badge origin-${origin}`, testid: "origin-badge", title: ctx.t(origin === "yours" ? "ws.yoursHelp" : "ws.correctedHelp"), data: { origin } },
    ctx.t(origin === "yours" ? "ws.yours" : "ws.corrected"));
}

/** A retracted fact: "Retracted by you", the reason, and the sources given. */
export function retractedNote(reason: string | null | undefined, sources: LinkView["retraction_sources"] | undefined, ctx: ViewContext): HTMLElement | null {
  if (reason === null || reason === undefined) return null;
  return h("div", { class: "retracted-note", testid: "retracted-note" },
    h("span", { class: "origin-badge origin-retracted" }, ctx.t("ws.retracted")),
    " ",
    h("span", { class: "retracted-reason", testid: "retracted-reason", lang: langOf(reason) }, reason),
    sources && sources.length > 0 ? sourceList(sources, ctx.t, true) : null,
  );
}

/** The data attributes that mark a fact for the "only yours" filter. */
export function originData(fact: { origin?: Origin; retracted?: string | null }): Record<string, string> {
  const origin = fact.origin ?? "edition";
  return { origin, yours: String(isYours({ origin, retracted: fact.retracted ?? null })) };
}

/** Correct and Retract buttons for a shipped link. */
export function linkActions(page: EntityPage, link: LinkView, ctx: ViewContext): HTMLElement | null {
  if (link.origin === "yours" || link.retracted !== null || !link.key) return null;
  const here = primaryName(page.entity, ctx.lang);
  const there = primaryName(link.other, ctx.lang);
  const label = `${link.direction === "outgoing" ? here : there} · ${ctx.t(`rel.${link.relation}`)} · ${link.direction === "outgoing" ? there : here}`;
  const target: FactTarget = {
    fact: "link",
    key: link.key,
    label,
    current: { share: link.share === null ? null : String(link.share), since: link.since, until: link.until, confidence: link.confidence, note: link.note },
  };
  return factButtons(target, ctx, "link");
}

/** Correct and Retract buttons for a shipped figure. */
export function statisticActions(entity: EntityRef, stat: StatisticView, ctx: ViewContext, label: string): HTMLElement | null {
  if (stat.origin === "yours" || stat.retracted !== null || !stat.key) return null;
  const target: FactTarget = {
    fact: "statistic",
    key: stat.key,
    label: `${primaryName(entity, ctx.lang)} · ${label} · ${stat.period}`,
    current: { value: String(stat.value), unit: stat.unit, confidence: stat.confidence, note: stat.note },
  };
  return factButtons(target, ctx, "stat");
}

function factButtons(target: FactTarget, ctx: ViewContext, prefix: string): HTMLElement {
  return h("span", { class: "fact-actions", data: { print: "hide" } },
    h("button", { class: "link-button", type: "button", testid: `${prefix}-correct`, on: { click: () => openCorrectForm(ctx, target) } }, ctx.t("ws.correct")),
    h("button", { class: "link-button", type: "button", testid: `${prefix}-retract`, on: { click: () => openRetractForm(ctx, target) } }, ctx.t("ws.retract")),
  );
}

/** The buttons under an entity's name: add a supplier, a customer, a figure; correct the entity. */
export function entityActions(page: EntityPage, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const entity: EntityRef = page.entity;
  const edit = page.origin === "yours"
    ? null
    : h("button", { class: "button small", type: "button", testid: "entity-correct", on: { click: () => openCorrectForm(ctx, {
        fact: "entity",
        key: entity.id,
        label: primaryName(entity, ctx.lang),
        current: { name_zh: entity.name_zh, name_en: entity.name_en, district: page.district?.id ?? null, products: page.products.join("; "), founded: page.founded, website: page.website, confidence: page.confidence, note: page.note },
      }) } }, "✎ ", t("ws.correctEntity"));
  return h("div", { class: "ws-actions", testid: "entity-workspace-actions", data: { print: "hide" } },
    h("button", { class: "button small", type: "button", testid: "add-supplier", on: { click: () => openLinkForm(ctx, entity, "supplier") } }, "+ ", t("ws.addSupplier")),
    h("button", { class: "button small", type: "button", testid: "add-customer", on: { click: () => openLinkForm(ctx, entity, "customer") } }, "+ ", t("ws.addCustomer")),
    h("button", { class: "button small", type: "button", testid: "add-figure", on: { click: () => openStatisticForm(ctx, entity) } }, "+ ", t("ws.addFigure")),
    h("button", { class: "button small", type: "button", testid: "add-entity", on: { click: () => openEntityForm(ctx, { onCreated: (e) => ctx.navigate(`#/entity/${encodeURIComponent(e.id)}`) }) } }, "+ ", t("ws.addEntity")),
    edit,
  );
}

/** The switch "Only yours": hides shipped facts in the page it is placed in. */
export function onlyYoursFilter(page: EntityPage, ctx: ViewContext, scope: () => HTMLElement | null): HTMLElement {
  const count = page.links.filter((l) => isYours(l)).length + (page.statistics ?? []).filter((s) => isYours(s)).length;
  const box = h("input", { type: "checkbox", testid: "only-yours" });
  box.addEventListener("change", () => scope()?.classList.toggle("only-yours", box.checked));
  return h("label", { class: "check only-yours-filter", data: { print: "hide" }, title: ctx.t("ws.onlyYoursHelp") }, box, " ", ctx.t("ws.onlyYours", { count }));
}

/** The notes panel: the user's notes on this entity, and a box to write one. */
export function notesPanel(entity: EntityRef, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const target = noteTarget("entity", entity.id);
  const list = h("ul", { class: "notes", testid: "notes-list" });
  const text = h("textarea", { class: "form-input", testid: "note-text", id: `note-${entity.id}` });
  text.rows = 3;
  const error = h("p", { class: "form-error", testid: "note-error", role: "alert", hidden: true });
  const save = h("button", { class: "button small primary", type: "submit", testid: "note-save" }, t("ws.noteSave"));
  const form = h("form", { class: "note-form", data: { print: "hide" } },
    h("label", { class: "form-label" }, t("ws.noteLabel")),
    text, error, save,
  );
  (form.querySelector("label") as HTMLLabelElement).htmlFor = text.id;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    error.hidden = true;
    if (text.value.trim() === "") {
      error.textContent = t("form.error.note");
      error.hidden = false;
      text.focus();
      return;
    }
    (save as HTMLButtonElement).disabled = true;
    ctx.call("add_note", { target, text: text.value.trim() }).then(
      (saved) => announceChange(saved, "saved"),
      (err) => {
        const message = toApiError(err).message;
        const known = fieldForError(message);
        error.textContent = known ? `${t(known.key)} (${message})` : message;
        error.hidden = false;
        (save as HTMLButtonElement).disabled = false;
      },
    );
  });
  const render = (notes: readonly NoteView[]) => {
    list.replaceChildren(...notes.map((n) =>
      h("li", { class: "note", testid: "note-item" },
        h("div", { class: "note-text", lang: langOf(n.text) }, n.text),
        h("div", { class: "note-date" }, formatWhen(n.at, ctx.lang)),
      )));
    if (notes.length === 0) list.append(h("li", { class: "empty", testid: "notes-none" }, t("ws.noNotes")));
  };
  ctx.call("workspace_status", {}).then(
    (status) => render(status.notes.filter((n) => n.target === target)),
    () => list.replaceChildren(h("li", { class: "empty" }, t("ws.unavailable"))),
  );
  return h("section", { class: "panel notes-panel", testid: "notes-panel" }, h("h2", {}, t("ws.notes")), list, form);
}

/** A time from the log (RFC 3339, UTC) in the user's locale. */
export function formatWhen(at: string, lang: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return d.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
