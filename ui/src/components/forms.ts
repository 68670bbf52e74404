/**
 * Forms that write to the user's workspace, each in a modal dialog: add an entity, a link ("add a
 * supplier of …"), a figure; correct a field of a shipped fact; retract a link or figure. Every
 * form asks for a source (a web page, or the user's own record with its date and citation, graded
 * as data/ grades sources). Missing fields are caught before sending; the API's own refusals are
 * shown under the field they concern, in the user's language.
 */
import type { MessageKey } from "../i18n";
import { toApiError } from "../ipc/transport";
import { RELATIONS } from "../ipc/commands";
import type { EntityKind, EntityRef, Grade, Relation, Saved, SourceArg } from "../ipc/types";
import { primaryName, secondaryName } from "../state/format";
import { METRIC_ORDER, metricLabel } from "../state/stats";
import { CORRECTABLE, emptySource, fieldForError, sourceArg, type FactKind, type FieldError, type FieldName, type SourceInput } from "../state/workspace";
import type { ViewContext } from "../views/context";
import { kindBadge } from "./badges";
import { keepFocus } from "./focus";
import { h, langOf } from "./dom";
import { createSearchBox } from "./search";
import { announceChange } from "./workspaceBar";

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${++serial}`;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** One form in a dialog: its fields, their error slots, a general error line and the buttons. */
class FormDialog {
  readonly dialog: HTMLDialogElement;
  readonly form: HTMLFormElement;
  private readonly errors = new Map<FieldName, { slot: HTMLElement; control: HTMLElement | null }>();
  private readonly general: HTMLElement;
  private readonly save: HTMLButtonElement;
  private readonly destroyers: Array<() => void> = [];

  constructor(private readonly ctx: ViewContext, title: string, testid: string, private readonly submit: () => Promise<void>) {
    const titleId = nextId("form-title");
    this.general = h("p", { class: "form-error general", testid: "form-error", role: "alert", hidden: true });
    this.save = h("button", { class: "button primary", type: "submit", testid: "form-save" }, ctx.t("form.save"));
    const cancel = h("button", { class: "button", type: "button", testid: "form-cancel", on: { click: () => this.close() } }, ctx.t("form.cancel"));
    this.form = h("form", { class: "ws-form", testid, aria: { labelledby: titleId } });
    this.form.noValidate = true;
    this.dialog = h("dialog", { class: "ws-dialog", testid: `${testid}-dialog`, aria: { labelledby: titleId } },
      h("h2", { class: "ws-dialog-title", id: titleId }, title),
      this.form,
    );
    this.form.append(this.general);
    this.footer = h("div", { class: "form-buttons" }, this.save, cancel);
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.run();
    });
    // Esc closes the dialog only; the app's own Esc (go back) must not see it.
    this.dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.close();
      }
    });
    this.dialog.addEventListener("close", () => this.dispose());
  }

  readonly footer: HTMLElement;

  /** A labelled field: label, control, optional hint, and an error slot the control points to. */
  field(name: FieldName | null, label: string, control: HTMLElement, options: { hint?: string; required?: boolean; testid?: string } = {}): HTMLElement {
    const id = control.id || nextId("field");
    const input = isControl(control) ? control : control.querySelector<HTMLElement>("input, select, textarea");
    if (isControl(control)) control.id = id;
    const slot = h("p", { class: "form-error", testid: name ? `error-${name}` : undefined, id: nextId("error"), hidden: true });
    const hint = options.hint ? h("p", { class: "form-hint", id: nextId("hint") }, options.hint) : null;
    if (input) input.setAttribute("aria-describedby", [hint?.id, slot.id].filter(Boolean).join(" "));
    if (input && options.required) input.setAttribute("aria-required", "true");
    if (name) this.errors.set(name, { slot, control: input });
    const labelEl = isControl(control)
      ? h("label", { class: "form-label" }, label, options.required ? h("span", { class: "required", aria: { hidden: "true" } }, " *") : null)
      : h("span", { class: "form-label", id: nextId("label") }, label, options.required ? h("span", { class: "required", aria: { hidden: "true" } }, " *") : null);
    if (labelEl instanceof HTMLLabelElement) labelEl.htmlFor = id;
    else if (input && !input.getAttribute("aria-label")) input.setAttribute("aria-labelledby", labelEl.id);
    return h("div", { class: "form-field", testid: options.testid ?? (name ? `field-${name}` : undefined) }, labelEl, control, hint, slot);
  }

  onDestroy(d: () => void): void {
    this.destroyers.push(d);
  }

  clearErrors(): void {
    this.general.hidden = true;
    for (const { slot, control } of this.errors.values()) {
      slot.hidden = true;
      slot.textContent = "";
      control?.removeAttribute("aria-invalid");
    }
  }

  /** Shows errors under their fields; focuses the first. */
  showErrors(errors: readonly FieldError[]): void {
    let first: HTMLElement | null = null;
    for (const e of errors) {
      const target = this.errors.get(e.field);
      if (!target) {
        this.showGeneral(this.ctx.t(e.key));
        continue;
      }
      target.slot.textContent = this.ctx.t(e.key);
      target.slot.hidden = false;
      target.control?.setAttribute("aria-invalid", "true");
      first ??= target.control;
    }
    first?.focus();
  }

  showGeneral(text: string): void {
    this.general.textContent = text;
    this.general.hidden = false;
  }

  /** Shows an API refusal under its field, in the user's words, with the API's own words after it. */
  showApiError(error: unknown): void {
    const { message } = toApiError(error);
    const known = fieldForError(message);
    if (known && this.errors.has(known.field)) {
      const target = this.errors.get(known.field)!;
      target.slot.replaceChildren(this.ctx.t(known.key), h("span", { class: "api-words", lang: "en" }, ` (${message})`));
      target.slot.hidden = false;
      target.control?.setAttribute("aria-invalid", "true");
      target.control?.focus();
    } else {
      this.showGeneral(known ? `${this.ctx.t(known.key)} (${message})` : message);
    }
  }

  private async run(): Promise<void> {
    this.clearErrors();
    this.save.disabled = true;
    this.form.setAttribute("aria-busy", "true");
    try {
      await this.submit();
    } finally {
      this.save.disabled = false;
      this.form.removeAttribute("aria-busy");
    }
  }

  open(): void {
    // Focus goes back to the button that opened the form (or its twin, after a write redraws the view).
    this.restoreFocus = keepFocus(document.activeElement);
    this.form.append(this.footer);
    document.body.append(this.dialog);
    this.dialog.showModal();
    this.form.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }

  private restoreFocus: ((follow?: boolean) => void) | null = null;
  private saved = false;

  /** Closes after a successful write: the view is drawn again, focus follows the opener's twin. */
  closeSaved(): void {
    this.saved = true;
    this.close();
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
    else this.dispose();
  }

  private disposed = false;
  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.destroyers.forEach((d) => d());
    this.dialog.remove();
    this.restoreFocus?.(this.saved);
  }
}

function isControl(el: HTMLElement): el is Control {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

function input(testid: string, type = "text", value = ""): HTMLInputElement {
  const el = h("input", { type, testid, class: "form-input" });
  el.value = value;
  return el;
}

function textarea(testid: string, rows = 3, value = ""): HTMLTextAreaElement {
  const el = h("textarea", { testid, class: "form-input" });
  el.rows = rows;
  el.value = value;
  return el;
}

function select<T extends string>(testid: string, options: ReadonlyArray<[T, string]>, value: T | "" = ""): HTMLSelectElement {
  const el = h("select", { testid, class: "form-input" });
  for (const [v, label] of options) {
    const o = h("option", {}, label);
    o.value = v;
    o.selected = v === value;
    el.append(o);
  }
  return el;
}

const text = (el: { value: string }): string | null => (el.value.trim() === "" ? null : el.value.trim());

// ---------------------------------------------------------------- the source

/** The source part of every form: a web page or the user's own record, and its grade. */
function sourceFields(form: FormDialog, ctx: ViewContext): () => ReturnType<typeof sourceArg> {
  const { t } = ctx;
  const state: SourceInput = emptySource();
  const name = nextId("source-mode");
  const radio = (mode: SourceInput["mode"], label: string) => {
    const r = h("input", { type: "radio", testid: `source-${mode}` });
    r.name = name;
    r.value = mode;
    r.checked = state.mode === mode;
    r.addEventListener("change", () => {
      state.mode = mode;
      sync();
    });
    return h("label", { class: "check" }, r, " ", label);
  };
  const url = input("source-url", "url");
  url.placeholder = "https://";
  const publisher = input("source-publisher");
  const title = input("source-title");
  const published = input("source-published");
  published.placeholder = t("form.datePlaceholder");
  const date = input("source-date");
  date.placeholder = t("form.datePlaceholder");
  const citation = textarea("source-citation", 2);
  citation.placeholder = t("form.citationPlaceholder");
  const grade = select<Grade | "">("source-grade", [["", t("form.gradeChoose")], ["A", t("source.gradeA")], ["B", t("source.gradeB")], ["C", t("source.gradeC")]]);
  const web = h("div", { class: "source-web" },
    form.field("url", t("form.url"), url, { required: true }),
    h("div", { class: "form-row" },
      form.field(null, t("form.publisher"), publisher, { hint: t("form.publisherHint") }),
      form.field("published", t("form.published"), published),
    ),
    form.field(null, t("form.sourceTitle"), title),
  );
  const own = h("div", { class: "source-own" },
    form.field("date", t("form.ownDate"), date, { required: true }),
    form.field("citation", t("form.citation"), citation, { required: true, hint: t("form.citationHint") }),
  );
  const sync = () => {
    web.hidden = state.mode !== "url";
    own.hidden = state.mode !== "own";
  };
  sync();
  form.form.append(h("fieldset", { class: "source-fieldset", testid: "source-fieldset" },
    h("legend", {}, t("form.source"), h("span", { class: "required", aria: { hidden: "true" } }, " *")),
    h("p", { class: "form-hint" }, t("form.sourceHelp")),
    h("div", { class: "form-radios", role: "radiogroup", aria: { label: t("form.sourceKind") } }, radio("url", t("form.sourceUrl")), radio("own", t("form.sourceOwn"))),
    web,
    own,
    form.field("grade", t("form.grade"), grade, { required: true, hint: t("form.gradeHint") }),
  ));
  return () =>
    sourceArg({ ...state, url: url.value, publisher: publisher.value, title: title.value, published: published.value, date: date.value, citation: citation.value, grade: grade.value as Grade | "" });
}

/** Runs a write: checks the source and the form's own fields, calls the API, reports success. */
async function write(form: FormDialog, source: () => ReturnType<typeof sourceArg>, local: () => FieldError[], send: (sources: SourceArg[]) => Promise<Saved>, done?: (saved: Saved) => void): Promise<void> {
  const checked = source();
  const errors = [...local(), ...("errors" in checked ? checked.errors : [])];
  if (errors.length > 0 || !("source" in checked)) {
    form.showErrors(errors);
    return;
  }
  try {
    const saved = await send([checked.source]);
    form.closeSaved();
    announceChange(saved, "saved");
    done?.(saved);
  } catch (e) {
    form.showApiError(e);
  }
}

// ---------------------------------------------------------------- entity picker

/** A search box that picks an entity, shows the pick, and can start a new entity. */
function entityPicker(form: FormDialog, ctx: ViewContext, testid: string, placeholder: string, allowNew: boolean): { element: HTMLElement; picked: () => EntityRef | null; pick(e: EntityRef): void } {
  const { t } = ctx;
  let picked: EntityRef | null = null;
  const chosen = h("div", { class: "picked-entity", testid: `${testid}-picked`, aria: { live: "polite" } });
  const show = () => {
    if (!picked) {
      chosen.replaceChildren(h("span", { class: "hint" }, t("form.nonePicked")));
      return;
    }
    const name = primaryName(picked, ctx.lang);
    const other = secondaryName(picked, ctx.lang);
    chosen.replaceChildren(h("strong", { lang: langOf(name) }, name), other ? h("small", { lang: langOf(other) }, " ", other) : "", " ", kindBadge(picked.kind, t));
  };
  const box = createSearchBox(ctx, { variant: "picker", testid, placeholder, onPick: (hit) => pick(hit.entity) });
  form.onDestroy(() => box.destroy());
  box.input.setAttribute("aria-label", placeholder);
  const pick = (e: EntityRef) => {
    picked = e;
    show();
  };
  show();
  const create = allowNew
    ? h("button", { class: "button small", type: "button", testid: `${testid}-new`, on: { click: () => openEntityForm(ctx, { onCreated: (ref) => pick(ref) }) } }, "+ ", t("form.newEntity"))
    : null;
  return { element: h("div", { class: "entity-picker" }, box.element, chosen, create), picked: () => picked, pick };
}

// ---------------------------------------------------------------- entity

const KINDS: readonly EntityKind[] = ["firm", "brand", "plant", "park", "university", "research_institute", "test_agency", "proving_ground", "government_body", "alliance"];

export function openEntityForm(ctx: ViewContext, options: { onCreated?: (entity: EntityRef) => void } = {}): void {
  const { t } = ctx;
  let getSource: () => ReturnType<typeof sourceArg> = () => ({ errors: [] });
  const kind = select<EntityKind>("entity-kind", KINDS.map((k) => [k, t(`kind.${k}`)]), "firm");
  const nameZh = input("entity-name-zh");
  const nameEn = input("entity-name-en");
  const products = input("entity-products");
  products.placeholder = t("form.productsPlaceholder");
  const note = textarea("entity-note", 2);
  const segments = h("div", { class: "form-checks", testid: "entity-segments", role: "group" });
  ctx.call("segments", {}).then(
    (list) => segments.replaceChildren(...list.segments.map((s) => {
      const box = h("input", { type: "checkbox", testid: `segment-${s.segment.id}` });
      box.value = s.segment.id;
      const label = ctx.lang === "zh" ? s.segment.name_zh : s.segment.name_en;
      return h("label", { class: "check" }, box, " ", h("span", { lang: langOf(label) }, label));
    })),
    (e) => ctx.reportError(e),
  );
  const form: FormDialog = new FormDialog(ctx, t("form.entityTitle"), "entity-form", () =>
    write(form, getSource,
      () => (text(nameZh) || text(nameEn) ? [] : [{ field: "name", key: "form.error.name" }]),
      (sources) => ctx.call("add_entity", {
        kind: kind.value as EntityKind,
        name_zh: text(nameZh),
        name_en: text(nameEn),
        district: district.picked()?.id ?? null,
        segments: [...segments.querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value),
        products: (text(products) ?? "").split(/[;；]/).map((p) => p.trim()).filter(Boolean),
        note: text(note),
        sources,
      }),
      (saved) => {
        if (saved.id && options.onCreated) {
          options.onCreated({ id: saved.id, kind: kind.value as EntityKind, name_zh: text(nameZh), name_en: text(nameEn) });
        }
      }),
  );
  const district = entityPicker(form, ctx, "entity-district", t("form.districtPlaceholder"), false);
  form.form.append(
    form.field(null, t("entity.kind"), kind, { required: true }),
    h("div", { class: "form-row" },
      form.field("name_zh", t("form.nameZh"), nameZh, { hint: t("form.nameZhHint") }),
      form.field("name", t("form.nameEn"), nameEn, { hint: t("form.nameHint") }),
    ),
    form.field("district", t("entity.district"), district.element),
    h("fieldset", { class: "form-fieldset" }, h("legend", {}, t("entity.segments")), segments),
    form.field(null, t("entity.products"), products),
    form.field(null, t("form.note"), note),
  );
  getSource = sourceFields(form, ctx);
  form.open();
}

// ---------------------------------------------------------------- link

/** The relations a user can add: all but the policies' own (issued by, concerns), which come with the edition. */
const LINK_RELATIONS: readonly Relation[] = RELATIONS.filter((r) => r !== "issued_by" && r !== "concerns");

/** "Add a supplier of X" (role supplier), "Add a customer of X" (role customer). */
export function openLinkForm(ctx: ViewContext, entity: EntityRef, role: "supplier" | "customer"): void {
  const { t } = ctx;
  let getSource: () => ReturnType<typeof sourceArg> = () => ({ errors: [] });
  const name = primaryName(entity, ctx.lang);
  const relation = select<Relation>("link-relation", LINK_RELATIONS.map((r) => [r, t(`rel.${r}`)]), "supplies");
  const product = input("link-product");
  const share = input("link-share", "text");
  share.inputMode = "decimal";
  const since = input("link-since");
  since.placeholder = t("form.datePlaceholder");
  const until = input("link-until");
  until.placeholder = t("form.datePlaceholder");
  const note = textarea("link-note", 2);
  const form: FormDialog = new FormDialog(ctx, t(role === "supplier" ? "form.supplierTitle" : "form.customerTitle", { name }), "link-form", () =>
    write(form, getSource,
      () => {
        const errors: FieldError[] = [];
        if (!other.picked()) errors.push({ field: "other", key: "form.error.pick" });
        const s = text(share);
        if (s !== null && !(Number.isFinite(Number(s)) && Number(s) >= 0 && Number(s) <= 100)) errors.push({ field: "share", key: "form.error.share" });
        return errors;
      },
      (sources) => {
        const picked = other.picked()!;
        const s = text(share);
        return ctx.call("add_link", {
          from: role === "supplier" ? picked.id : entity.id,
          relation: relation.value as Relation,
          to: role === "supplier" ? entity.id : picked.id,
          product: text(product),
          share: s === null ? null : Number(s),
          since: text(since),
          until: text(until),
          note: text(note),
          sources,
        });
      }),
  );
  const other = entityPicker(form, ctx, "link-other", t(role === "supplier" ? "form.pickSupplier" : "form.pickCustomer"), true);
  form.form.append(
    h("p", { class: "form-lead" }, t(role === "supplier" ? "form.supplierLead" : "form.customerLead", { name })),
    form.field("other", t(role === "supplier" ? "form.supplier" : "form.customer"), other.element, { required: true }),
    h("div", { class: "form-row" },
      form.field("relation", t("form.relation"), relation, { required: true }),
      form.field(null, t("form.product"), product),
    ),
    h("div", { class: "form-row" },
      form.field("share", t("form.share"), share, { hint: t("form.shareHint") }),
      form.field("since", t("form.since"), since),
      form.field("until", t("form.until"), until),
    ),
    form.field(null, t("form.note"), note),
  );
  getSource = sourceFields(form, ctx);
  form.open();
}

// ---------------------------------------------------------------- figure

export function openStatisticForm(ctx: ViewContext, entity: EntityRef): void {
  const { t, lang } = ctx;
  let getSource: () => ReturnType<typeof sourceArg> = () => ({ errors: [] });
  const metric = select<string>("stat-metric", [["", t("form.metricChoose")], ...METRIC_ORDER.map((m): [string, string] => [m, metricLabel(m, lang)])]);
  const period = input("stat-period");
  period.placeholder = "2024, 2024-Q3, 2024-05";
  const value = input("stat-value");
  value.inputMode = "decimal";
  const unit = input("stat-unit");
  unit.placeholder = t("form.unitPlaceholder");
  const kind = select<"actual" | "target">("stat-kind", [["actual", t("stat.actual")], ["target", t("stat.target")]], "actual");
  const note = textarea("stat-note", 2);
  const form: FormDialog = new FormDialog(ctx, t("form.statTitle", { name: primaryName(entity, lang) }), "stat-form", () =>
    write(form, getSource,
      () => {
        const errors: FieldError[] = [];
        if (!metric.value) errors.push({ field: "metric", key: "form.error.required" });
        if (!text(period)) errors.push({ field: "period", key: "form.error.required" });
        if (!Number.isFinite(Number(value.value)) || value.value.trim() === "") errors.push({ field: "value", key: "form.error.number" });
        if (!text(unit)) errors.push({ field: "unit", key: "form.error.required" });
        return errors;
      },
      (sources) => ctx.call("add_statistic", { subject: entity.id, metric: metric.value, period: period.value.trim(), value: Number(value.value), unit: unit.value.trim(), kind: kind.value as "actual" | "target", note: text(note), sources })),
  );
  form.form.append(
    form.field("metric", t("stat.metric"), metric, { required: true }),
    h("div", { class: "form-row" },
      form.field("period", t("stat.period"), period, { required: true, hint: t("form.periodHint") }),
      form.field("value", t("stat.value"), value, { required: true }),
      form.field("unit", t("stat.unit"), unit, { required: true }),
    ),
    form.field(null, t("stat.kind"), kind),
    form.field(null, t("form.note"), note),
  );
  getSource = sourceFields(form, ctx);
  form.open();
}

// ---------------------------------------------------------------- correct and retract

export interface FactTarget {
  fact: FactKind;
  /** Its stable key (an entity id for entities). */
  key: string;
  /** What it is, in words, for the dialog's title ("CATL supplies Changan"). */
  label: string;
  /** The current values of the correctable fields, to start from. */
  current: Partial<Record<string, string | null>>;
}

export function openCorrectForm(ctx: ViewContext, target: FactTarget): void {
  const { t } = ctx;
  let getSource: () => ReturnType<typeof sourceArg> = () => ({ errors: [] });
  const fields = CORRECTABLE[target.fact];
  const field = select<string>("correct-field", fields.map((f): [string, string] => [f, t(`field.${f}` as MessageKey)]), fields[0]);
  const value = input("correct-value");
  const fill = () => {
    value.value = target.current[field.value] ?? "";
  };
  fill();
  field.addEventListener("change", fill);
  const form: FormDialog = new FormDialog(ctx, t("form.correctTitle"), "correct-form", () =>
    write(form, getSource, () => [], (sources) => ctx.call("correct", { fact: target.fact, key: target.key, field: field.value, value: text(value), sources })),
  );
  form.form.append(
    h("p", { class: "form-lead", lang: langOf(target.label) }, target.label),
    form.field("field", t("form.field"), field, { required: true }),
    form.field("correction", t("form.newValue"), value, { hint: t("form.newValueHint") }),
  );
  getSource = sourceFields(form, ctx);
  form.open();
}

export function openRetractForm(ctx: ViewContext, target: FactTarget): void {
  const { t } = ctx;
  let getSource: () => ReturnType<typeof sourceArg> = () => ({ errors: [] });
  const reason = textarea("retract-reason", 3);
  const form: FormDialog = new FormDialog(ctx, t("form.retractTitle"), "retract-form", () =>
    write(form, getSource,
      () => (text(reason) ? [] : [{ field: "reason", key: "form.error.reason" }]),
      (sources) => ctx.call("retract", { fact: target.fact as "link" | "statistic", key: target.key, reason: reason.value.trim(), sources })),
  );
  form.form.append(
    h("p", { class: "form-lead", lang: langOf(target.label) }, target.label),
    h("p", { class: "form-hint" }, t("form.retractHelp")),
    form.field("reason", t("form.reason"), reason, { required: true }),
  );
  getSource = sourceFields(form, ctx);
  form.open();
}
