/**
 * The workspace controls in the top bar: Undo and Redo (also Ctrl+Z and Ctrl+Shift+Z when not
 * typing in a field), the link to the workspace page, and the switch "Shipped edition only"
 * (remembered; a strip under the bar says when it is on). A polite live region tells what a
 * change, an undo or a redo did ("Undid: …").
 */
import type { ChangeEntry, Saved, WorkspaceStatus } from "../ipc/types";
import type { Call } from "../ipc/transport";
import { primaryName } from "../state/format";
import type { PrefsStore } from "../state/prefs";
import { describeChange, undoKey } from "../state/workspace";
import type { Translate } from "../views/context";
import type { Lang } from "../i18n";
import { h } from "./dom";

/** Fired on window after any write: the app redraws the view and the bar reloads the status. */
export const CHANGED_EVENT = "atlas-workspace-changed";

export interface ChangedDetail {
  saved: Saved | null;
  /** saved (a form), undo, redo, import, restore. */
  what: "saved" | "undo" | "redo" | "import" | "restore";
}

export function announceChange(saved: Saved | null, what: ChangedDetail["what"]): void {
  window.dispatchEvent(new CustomEvent<ChangedDetail>(CHANGED_EVENT, { detail: { saved, what } }));
}

export interface WorkspaceBar {
  /** The buttons for the top bar (undo, redo, save view, edition only). */
  controls: HTMLElement;
  /** The link to the workspace page, for the top bar. */
  link: HTMLElement;
  /** The strip under the top bar ("Shipped edition only", messages). */
  strip: HTMLElement;
  /** Re-labels for the language and route. */
  render(lang: Lang, t: Translate, route: string): void;
}

export function createWorkspaceBar(call: Call, prefs: PrefsStore | null): WorkspaceBar {
  let t: Translate = (k) => k;
  let lang: Lang = "en";
  let status: WorkspaceStatus | null = null;
  let available = true;
  let busy = false;

  // Each button's words show beside its sign when the top bar folds them into its "⋯" panel.
  const undoText = h("span", { class: "tool-text" });
  const redoText = h("span", { class: "tool-text" });
  const saveText = h("span", { class: "tool-text" });
  const undo = h("button", { class: "display-button ws-undo", type: "button", testid: "undo", on: { click: () => void step("undo") } }, h("span", { class: "tool-icon", aria: { hidden: "true" } }, "↶"), undoText);
  const redo = h("button", { class: "display-button ws-redo", type: "button", testid: "redo", on: { click: () => void step("redo") } }, h("span", { class: "tool-icon", aria: { hidden: "true" } }, "↷"), redoText);
  const link = h("a", { class: "topnav", testid: "nav-workspace", href: "#/workspace" });
  const editionOnly = h("button", { class: "display-button ws-edition", type: "button", testid: "edition-only", on: { click: () => prefs?.update({ editionOnly: !prefs.get().editionOnly }) } });
  const saveView = h("button", { class: "display-button", type: "button", testid: "save-view", on: { click: () => openSaveView() } }, h("span", { class: "tool-icon", aria: { hidden: "true" } }, "☆"), saveText);
  const controls = h("div", { class: "ws-controls", role: "group", testid: "workspace-controls" }, undo, redo, saveView, editionOnly);

  /** "Save this view": a name for the current location, kept in the workspace. */
  const openSaveView = () => {
    const nameInput = h("input", { class: "form-input", type: "text", testid: "save-view-name", id: "save-view-name" });
    nameInput.value = document.title;
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const form = h("form", { class: "ws-form" },
      h("label", { class: "form-label" }, t("ws.saveViewName")),
      nameInput,
      error,
      h("div", { class: "form-buttons" },
        h("button", { class: "button primary", type: "submit", testid: "save-view-save" }, t("form.save")),
        h("button", { class: "button", type: "button", on: { click: () => dialog.close() } }, t("form.cancel")),
      ),
    );
    (form.querySelector("label") as HTMLLabelElement).htmlFor = nameInput.id;
    const dialog = h("dialog", { class: "ws-dialog", testid: "save-view-dialog", aria: { label: t("ws.saveView") } }, h("h2", { class: "ws-dialog-title" }, t("ws.saveView")), form);
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        dialog.close();
      }
    });
    dialog.addEventListener("close", () => dialog.remove());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      call("save_view", { name: nameInput.value.trim(), location: location.hash || "#/", bookmark: location.hash.startsWith("#/entity/") }).then(
        (saved) => {
          dialog.close();
          announceChange(saved, "saved");
        },
        (err) => {
          error.textContent = err instanceof Error ? err.message : String(err);
          error.hidden = false;
        },
      );
    });
    document.body.append(dialog);
    dialog.showModal();
    nameInput.select();
  };
  const message = h("p", { class: "ws-message", testid: "workspace-message", role: "status", aria: { live: "polite" } });
  const editionNote = h("p", { class: "ws-edition-note", testid: "edition-only-note", hidden: true });
  const strip = h("div", { class: "ws-strip", testid: "workspace-strip" }, editionNote, message);
  let messageTimer: ReturnType<typeof setTimeout> | undefined;

  const say = (text: string) => {
    message.textContent = text;
    message.hidden = false;
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => {
      message.textContent = "";
      message.hidden = true;
    }, 8000);
  };
  message.hidden = true;

  const describe = (entry: ChangeEntry | undefined | null) =>
    entry ? describeChange(entry, (e) => primaryName(e, lang), t) : "";

  const sync = () => {
    const on = prefs?.get().editionOnly === true;
    (undo as HTMLButtonElement).disabled = busy || !available || !status?.can_undo;
    (redo as HTMLButtonElement).disabled = busy || !available || !status?.can_redo;
    const newest = status?.log.find((c) => !c.undone);
    const next = status ? [...status.log].reverse().find((c) => c.undone) : undefined;
    const label = (el: HTMLElement, text: string, detail: string) => {
      el.title = detail ? `${text}: ${detail}` : text;
      el.setAttribute("aria-label", el.title);
    };
    label(undo, t("ws.undo"), describe(newest));
    label(redo, t("ws.redo"), describe(next));
    label(saveView, t("ws.saveView"), "");
    undoText.textContent = t("ws.undo");
    redoText.textContent = t("ws.redo");
    saveText.textContent = t("ws.saveView");
    saveView.hidden = !available;
    editionOnly.textContent = t(on ? "ws.editionOnlyOn" : "ws.editionOnlyOff");
    editionOnly.title = t("ws.editionOnlyHelp");
    editionOnly.setAttribute("aria-pressed", String(on));
    editionOnly.classList.toggle("active", on);
    editionNote.hidden = !on;
    editionNote.textContent = t("ws.editionOnlyNote");
    document.documentElement.dataset.editionOnly = String(on);
    undo.hidden = redo.hidden = !available;
  };

  const load = async (): Promise<void> => {
    try {
      status = await call("workspace_status", {});
      available = true;
    } catch {
      status = null;
      available = false;
    }
    sync();
  };

  const step = async (which: "undo" | "redo") => {
    if (busy || !available) return;
    busy = true;
    sync();
    try {
      const saved = await call(which, {});
      await load();
      const entry = saved.change ? status?.log.find((c) => String(c.id) === String(saved.change!.id)) ?? saved.change : null;
      say(entry ? t(which === "undo" ? "ws.undid" : "ws.redid", { what: describe(entry) }) : t(which === "undo" ? "ws.nothingToUndo" : "ws.nothingToRedo"));
      announceChange(saved, which);
    } catch (e) {
      say(e instanceof Error ? e.message : String(e));
    } finally {
      busy = false;
      sync();
    }
  };

  window.addEventListener(CHANGED_EVENT, (e) => {
    const detail = (e as CustomEvent<ChangedDetail>).detail;
    if (detail.what === "undo" || detail.what === "redo") return;
    void load().then(() => {
      const id = detail.saved?.change?.id;
      const entry = id === undefined ? null : status?.log.find((c) => String(c.id) === String(id));
      if (entry) say(t("ws.saved", { what: describe(entry) }));
    });
  });

  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
    const which = undoKey(e);
    if (!which) return;
    e.preventDefault();
    void step(which);
  });

  prefs?.subscribe(() => sync());
  void load();

  return {
    controls,
    link,
    strip,
    render(l, translate, route) {
      lang = l;
      t = translate;
      link.textContent = t("ws.nav");
      link.title = t("ws.navLabel");
      if (route === "workspace") link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
      controls.setAttribute("aria-label", t("ws.controls"));
      sync();
    },
  };
}
