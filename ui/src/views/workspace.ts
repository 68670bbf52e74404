/**
 * `#/workspace`: the user's own knowledge. Where the file lives, the change log (undo and redo
 * walk it), backups ("back up now", restore after a confirmation), what needs attention after a
 * new edition (with re-attach), notes, saved views, import and export of the whole graph.
 */
import { h, langOf } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import { openEntityForm } from "../components/forms";
import { openImportDialog } from "../components/importDialog";
import { createSearchBox } from "../components/search";
import { copyButton } from "../components/sources";
import { announceChange } from "../components/workspaceBar";
import { formatWhen } from "../components/yours";
import type { AttentionItem, BackupEntry, EntityRef, WorkspaceStatus } from "../ipc/types";
import { toApiError } from "../ipc/transport";
import { primaryName } from "../state/format";
import { entityHref } from "../state/router";
import { backupTime, describeChange } from "../state/workspace";
import type { View, ViewContext } from "./context";

export const workspaceView: View<{ name: "workspace" }> = (root, _route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("ws.title"));
  root.append(h("p", { class: "loading", testid: "loading" }, t("ws.loading")));
  let alive = true;
  const destroyers: Array<() => void> = [];
  ctx.call("workspace_status", {}).then(
    async (status) => {
      if (!alive) return;
      const names = await noteNames(status, ctx);
      if (!alive) return;
      root.replaceChildren(renderWorkspace(status, names, ctx, destroyers));
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "workspace-unavailable" }, t("ws.unavailable")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
    destroyers.forEach((d) => d());
  };
};

/** The entities notes are written on, by id, for their names. */
async function noteNames(status: WorkspaceStatus, ctx: ViewContext): Promise<Map<string, EntityRef>> {
  const ids = [...new Set(status.notes.filter((n) => n.target.startsWith("entity:")).map((n) => n.target.slice("entity:".length)))].slice(0, 50);
  const found = await Promise.all(ids.map((id) => ctx.call("entity", { id }).then((p) => p.entity, () => null)));
  return new Map(found.filter((e): e is EntityRef => e !== null).map((e) => [e.id, e]));
}

function renderWorkspace(status: WorkspaceStatus, names: Map<string, EntityRef>, ctx: ViewContext, destroyers: Array<() => void>): HTMLElement {
  const { t, lang } = ctx;
  const name = (e: EntityRef) => primaryName(e, lang);
  const section = (testid: string, title: string, ...children: Array<Node | null>) =>
    h("section", { class: "panel ws-section", testid }, h("h2", {}, title), ...children);

  const where = section("workspace-location", t("ws.where"),
    h("p", {}, t("ws.whereHelp")),
    h("div", { class: "source-url-row" }, h("code", { class: "source-url", testid: "workspace-path" }, status.location), copyButton(status.location, t)),
    h("p", { class: "hint" }, t("ws.backupHelp")),
  );

  const tools = h("div", { class: "ws-tools", data: { print: "hide" } },
    h("button", { class: "button primary", type: "button", testid: "open-import", on: { click: () => openImportDialog(ctx) } }, "⇪ ", t("import.open")),
    h("button", { class: "button", type: "button", testid: "workspace-add-entity", on: { click: () => openEntityForm(ctx, { onCreated: (e) => ctx.navigate(entityHref(e.id)) }) } }, "+ ", t("ws.addEntity")),
    exportMenu(ctx, { title: () => "nev-atlas", graph: () => null }, "workspace-export"),
  );

  const log = section("change-log", t("ws.log"),
    status.log.length === 0
      ? h("p", { class: "empty", testid: "log-empty" }, t("ws.logEmpty"))
      : h("table", { class: "ws-table" },
          h("thead", {}, h("tr", {}, h("th", {}, t("ws.when")), h("th", {}, t("ws.what")), h("th", {}, t("ws.state")))),
          h("tbody", {}, ...status.log.map((c) =>
            h("tr", { class: c.undone ? "undone" : "", testid: "log-entry", data: { action: c.action, undone: String(c.undone) } },
              h("td", { class: "nowrap" }, formatWhen(c.at, lang)),
              h("td", { testid: "log-what" }, describeChange(c, name, t)),
              h("td", {}, c.undone ? t("ws.undone") : t("ws.done")),
            ))),
        ),
    h("p", { class: "hint" }, t("ws.logHelp")),
  );

  const backups = section("backups", t("ws.backups"),
    h("p", {}, t("ws.backupsHelp")),
    h("div", { class: "ws-tools", data: { print: "hide" } },
      h("button", { class: "button", type: "button", testid: "backup-now", on: { click: () => {
        ctx.call("backup_now", {}).then(() => announceChange(null, "saved"), (e) => ctx.reportError(e));
      } } }, t("ws.backupNow")),
    ),
    status.backups.length === 0
      ? h("p", { class: "empty", testid: "backups-empty" }, t("ws.noBackups"))
      : h("ul", { class: "ws-list" }, ...status.backups.map((b) => backupItem(b, ctx))),
  );

  const attention = section("needs-attention", t("ws.attention"),
    status.needs_attention.length === 0
      ? h("p", { class: "empty", testid: "attention-none" }, t("ws.attentionNone"))
      : h("ul", { class: "ws-list" }, ...status.needs_attention.map((a) => attentionItem(a, ctx, destroyers))),
  );

  const notes = section("workspace-notes", t("ws.notes"),
    status.notes.length === 0
      ? h("p", { class: "empty" }, t("ws.noNotes"))
      : h("ul", { class: "notes" }, ...status.notes.map((n) => {
          const id = n.target.startsWith("entity:") ? n.target.slice("entity:".length) : null;
          const on = id ? names.get(id) : undefined;
          return h("li", { class: "note", testid: "workspace-note" },
            on ? h("a", { href: entityHref(on.id), lang: langOf(name(on)) }, name(on)) : h("span", { class: "hint" }, t("ws.noteOnFact")),
            h("div", { class: "note-text", lang: langOf(n.text) }, n.text),
            h("div", { class: "note-date" }, formatWhen(n.at, lang)),
          );
        })),
  );

  const views = section("saved-views", t("ws.savedViews"),
    status.saved_views.length === 0
      ? h("p", { class: "empty" }, t("ws.noSavedViews"))
      : h("ul", { class: "ws-list" }, ...status.saved_views.map((v) =>
          h("li", { testid: "saved-view" }, v.location.startsWith("#") ? h("a", { href: v.location, lang: langOf(v.name) }, v.name) : h("span", {}, v.name), v.bookmark ? h("span", { class: "hint" }, " · ", t("ws.bookmark")) : null))),
  );

  return h("article", { class: "workspace", testid: "workspace-view" },
    h("div", { class: "page-head" }, h("h1", { class: "page-title" }, t("ws.title")), tools),
    h("p", { class: "lead" }, t("ws.intro")),
    where,
    h("div", { class: "ws-grid" }, log, h("div", {}, backups, attention)),
    h("div", { class: "ws-grid" }, notes, views),
  );
}

function backupItem(b: BackupEntry, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const when = backupTime(b.name);
  const reason = ["manual", "before-import", "before-restore", "before-migration"].includes(b.reason) ? t(`ws.backupReason.${b.reason}` as "ws.backupReason.manual") : b.reason;
  const confirm = h("span", { class: "confirm", hidden: true, role: "group" });
  const restore = h("button", { class: "button small", type: "button", testid: "backup-restore", on: { click: () => {
    confirm.hidden = false;
    restore.hidden = true;
    (confirm.querySelector("button") as HTMLButtonElement | null)?.focus();
  } } }, t("ws.restore"));
  confirm.append(
    h("span", { class: "confirm-text" }, t("ws.restoreConfirm")), " ",
    h("button", { class: "button small primary", type: "button", testid: "backup-restore-yes", on: { click: () => {
      ctx.call("restore_backup", { name: b.name }).then((saved) => announceChange(saved, "restore"), (e) => ctx.reportError(e));
    } } }, t("ws.restoreYes")), " ",
    h("button", { class: "button small", type: "button", testid: "backup-restore-no", on: { click: () => {
      confirm.hidden = true;
      restore.hidden = false;
      restore.focus();
    } } }, t("form.cancel")),
  );
  return h("li", { class: "backup", testid: "backup-item", data: { name: b.name, reason: b.reason } },
    h("span", {}, when ? formatWhen(when.toISOString(), lang) : t("ws.backupUnknownTime")),
    h("span", { class: "hint" }, " · ", reason, " · ", formatBytes(Number(b.bytes))),
    " ",
    h("span", { data: { print: "hide" } }, restore, confirm),
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function attentionItem(item: AttentionItem, ctx: ViewContext, destroyers: Array<() => void>): HTMLElement {
  const { t, lang } = ctx;
  const known = new Set(item.entities.map((e) => e.id));
  // The parts of its key this edition no longer has; a user's new entity never goes missing.
  const missing = item.key.split("|").slice(0, item.fact === "link" ? 3 : 1).filter((p, i) => p !== "" && !known.has(p) && !(item.fact === "link" && i === 1));
  const what = ["link", "statistic", "district", "retraction", "correction"].includes(item.what) ? t(`ws.attentionWhat.${item.what}` as "ws.attentionWhat.link") : item.what;
  const status = h("p", { class: "form-error", role: "alert", hidden: true });
  const reattach = (old: string, picked: EntityRef) => {
    ctx.call("reattach", { fact: "entity", old, new: picked.id }).then((saved) => announceChange(saved, "saved"), (e) => {
      status.textContent = toApiError(e).message;
      status.hidden = false;
    });
  };
  return h("li", { class: "attention", testid: "attention-item", data: { what: item.what } },
    h("strong", {}, what),
    item.entities.length > 0 ? h("span", {}, " · ", item.entities.map((e) => primaryName(e, lang)).join(" · ")) : null,
    ...missing.map((old) => {
      const box = createSearchBox(ctx, { variant: "picker", testid: "reattach-search", placeholder: t("ws.reattachPlaceholder"), onPick: (hit) => reattach(old, hit.entity) });
      destroyers.push(() => box.destroy());
      // The missing reference is shown as it was stored: this edition no longer has a name for it.
      return h("div", { class: "reattach", data: { print: "hide" } }, h("span", {}, t("ws.missing"), " ", h("code", {}, old)), box.element);
    }),
    status,
  );
}
