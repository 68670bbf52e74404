/**
 * `#/changes`: what changed since the previous edition. The edition open now is compared with the
 * one open before it (after "Open a newer edition") or with an older edition file the user picks:
 * entities, links, statistics, policies, systems and sources added, removed and changed, grouped
 * by kind and collapsible, each change field by field with its sources; then the user's notes and
 * facts that need attention. Exported as one table. In the desktop window the file is picked in
 * the native open dialog; in a browser the user types its path (the server listens on this
 * computer only). Opening an unsigned or tampered edition asks first.
 */
import { h } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import { sourceList } from "../components/sources";
import { announceChange } from "../components/workspaceBar";
import { ApiFailure, chooseEditionFile } from "../ipc/transport";
import type { EditionDiffView, FactChangeView, OpenedEdition } from "../ipc/types";
import { attentionText, changeTitle, diffTable, fieldLabel, fieldValue, groupByFact, FACT_ORDER } from "../state/changes";
import { formatBuiltAt } from "../state/format";
import type { View, ViewContext } from "./context";

/** Groups with more changes than this start closed. */
const OPEN_GROUP_MAX = 40;

/** Said once, on the next drawing of the view, after an edition was opened (the app redraws). */
let justOpened: string | null = null;

export const changesView: View = (root, _route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("changes.title"));
  let alive = true;
  const choose = chooseEditionFile();
  const status = h("p", { class: "changes-status", testid: "changes-status", role: "status", aria: { live: "polite" } });
  const current = h("p", { class: "changes-current", testid: "changes-current" });
  const result = h("div", { class: "changes-result", testid: "changes-result" }, h("p", { class: "loading", testid: "loading" }, t("changes.loading")));
  const pathInput = h("input", { class: "form-input", type: "text", id: "changes-path", testid: "changes-path" });
  pathInput.autocomplete = "off";
  pathInput.spellcheck = false;
  const pathLabel = h("label", { class: "form-label" }, t("changes.pathLabel"));
  pathLabel.htmlFor = pathInput.id;
  const pathHelp = h("p", { class: "hint", id: "changes-path-help" }, t("changes.pathHelp"));
  pathInput.setAttribute("aria-describedby", pathHelp.id);
  const say = (text: string) => (status.textContent = text);

  const pickPath = async (): Promise<string | null> => {
    if (choose) return choose(t("changes.dialogTitle"));
    const path = pathInput.value.trim();
    if (path === "") {
      say(t("changes.pathMissing"));
      pathInput.focus();
      return null;
    }
    return path;
  };

  const compare = async () => {
    const path = await pickPath();
    if (path === null || !alive) return;
    say(t("changes.loading"));
    const diff = await ctx.call("edition_diff", { other: path });
    if (!alive) return;
    say("");
    show(diff);
  };

  const open = async () => {
    const path = await pickPath();
    if (path === null || !alive) return;
    let opened = await ctx.call("open_edition", { path, accept_unverified: false });
    if (!opened.opened) {
      if (!(await confirmOpen(opened, t))) return;
      opened = await ctx.call("open_edition", { path, accept_unverified: true });
    }
    if (!opened.opened || !alive) return;
    justOpened = t("changes.opened", { version: opened.edition?.version ?? "" });
    // Every view, the workspace bar and this page draw again from the new edition.
    announceChange(null, "saved");
  };

  const run = (work: () => Promise<void>) => () => {
    work().catch((e) => {
      say("");
      ctx.reportError(e);
    });
  };
  const compareButton = h("button", { class: "button", type: "button", testid: "changes-compare", on: { click: run(compare) } }, choose ? t("changes.compare") : t("changes.compareButton"));
  const openButton = h("button", { class: "button primary", type: "button", testid: "changes-open", on: { click: run(open) } }, choose ? t("changes.open") : t("changes.openButton"));

  const show = (diff: EditionDiffView) => {
    result.replaceChildren(...diffView(diff, ctx));
  };

  root.append(
    h("section", { class: "changes", testid: "changes" },
      h("div", { class: "page-head" }, h("h1", { class: "page-title" }, t("changes.title"))),
      h("p", { class: "changes-intro" }, t("changes.intro")),
      current,
      h("div", { class: "changes-pick", testid: "changes-pick" },
        choose ? null : h("div", { class: "changes-path" }, pathLabel, pathInput, pathHelp),
        h("div", { class: "form-buttons" }, compareButton, openButton),
      ),
      status,
      result,
    ),
  );
  if (justOpened) {
    say(justOpened);
    justOpened = null;
  }

  ctx.call("edition", {}).then(
    (e) => {
      if (alive) current.textContent = t("changes.current", { version: e.version, date: formatBuiltAt(e.built_at) });
    },
    (e) => alive && ctx.reportError(e),
  );
  ctx.call("edition_diff", { other: null }).then(
    (diff) => alive && show(diff),
    (e) => {
      if (!alive) return;
      // Nothing was open before this edition: the user picks a file to compare with.
      if (e instanceof ApiFailure && e.code === "invalid_argument") result.replaceChildren(h("p", { class: "hint", testid: "changes-no-previous" }, t("changes.noPrevious")));
      else {
        result.replaceChildren();
        ctx.reportError(e);
      }
    },
  );
  return () => {
    alive = false;
  };
};

/** Asks whether to open an edition that is unsigned or was changed after signing. */
function confirmOpen(opened: OpenedEdition, t: ViewContext["t"]): Promise<boolean> {
  return new Promise((resolve) => {
    const name = opened.signed_by ?? "";
    const text =
      opened.signature === "invalid" ? t("changes.refusedInvalid", { name })
      : opened.signature === "untrusted" ? t("changes.refusedUntrusted", { name })
      : t("changes.refusedUnsigned");
    let answer = false;
    const yes = h("button", { class: "button primary", type: "button", testid: "changes-confirm-open", on: { click: () => { answer = true; dialog.close(); } } }, t("changes.openAnyway"));
    const no = h("button", { class: "button", type: "button", testid: "changes-confirm-cancel", on: { click: () => dialog.close() } }, t("form.cancel"));
    const dialog = h("dialog", { class: "ws-dialog", testid: "changes-confirm", role: "alertdialog", aria: { labelledby: "changes-confirm-title", describedby: "changes-confirm-text" } },
      h("h2", { class: "ws-dialog-title", id: "changes-confirm-title" }, t("changes.confirmTitle")),
      h("p", { class: "edition-warning", id: "changes-confirm-text", testid: "changes-confirm-text", data: { signature: opened.signature } }, text),
      h("div", { class: "form-buttons" }, yes, no),
    );
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        dialog.close();
      }
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

function diffView(diff: EditionDiffView, ctx: ViewContext): HTMLElement[] {
  const { t, lang } = ctx;
  const groups = groupByFact(diff);
  const from = h("p", { class: "changes-from", testid: "changes-from" }, t("changes.from", {
    old: diff.old.version, oldBuilt: formatBuiltAt(diff.old.built_at), new: diff.new.version, newBuilt: formatBuiltAt(diff.new.built_at),
  }));
  const summary = h("table", { class: "stat-table changes-summary", testid: "changes-summary", aria: { label: t("changes.title") } },
    h("thead", {}, h("tr", {}, h("th", {}, t("changes.col.fact")), h("th", {}, t("changes.added")), h("th", {}, t("changes.removed")), h("th", {}, t("changes.changed")))),
    h("tbody", {}, ...FACT_ORDER.map((fact) => {
      const c = diff.summary.find((s) => s.fact === fact);
      return h("tr", { data: { fact } }, h("th", { class: "changes-fact" }, t(`changes.fact.${fact}`)), h("td", {}, c?.added ?? 0), h("td", {}, c?.removed ?? 0), h("td", {}, c?.changed ?? 0));
    })),
  );
  const details: HTMLDetailsElement[] = [];
  const groupEls = groups.map((group) => {
    const items = group.changes.map((c) => {
      const item = changeItem(c, ctx);
      details.push(item);
      return item;
    });
    const el = h("details", { class: "changes-group", testid: "changes-group", data: { fact: group.fact } },
      h("summary", { class: "changes-group-head" },
        h("h2", { class: "changes-group-title" }, t(`changes.fact.${group.fact}`)),
        h("span", { class: "changes-group-count" }, t("changes.count", group.counts)),
      ),
      h("ul", { class: "changes-list" }, ...items.map((item) => h("li", {}, item))),
    ) as HTMLDetailsElement;
    el.open = group.changes.length <= OPEN_GROUP_MAX;
    details.push(el);
    return el;
  });
  let expanded = false;
  const toggleAll = h("button", { class: "button small", type: "button", testid: "changes-expand-all" }, t("stat.expandAll"));
  toggleAll.addEventListener("click", () => {
    expanded = !expanded;
    for (const d of details) d.open = expanded;
    toggleAll.textContent = t(expanded ? "stat.collapseAll" : "stat.expandAll");
  });
  const menu = exportMenu(ctx, { title: () => diffTable(diff, lang, t).title, table: () => diffTable(diff, lang, t) }, "changes-export");
  const attention = h("section", { class: "changes-attention", testid: "changes-attention" },
    h("h2", {}, t("changes.attention.title")),
    diff.attention.length === 0
      ? h("p", { class: "hint" }, t("changes.attention.none"))
      : h("ul", { class: "changes-attention-list" }, ...diff.attention.map((a) => h("li", { testid: "changes-attention-item", data: { what: a.what } }, attentionText(a, lang, t)))),
    diff.attention.length === 0 ? null : h("p", {}, h("a", { href: "#/workspace" }, t("changes.attention.workspace"))),
  );
  return [
    from,
    h("div", { class: "table-tools" }, groups.length > 0 ? toggleAll : null, menu),
    summary,
    groups.length === 0 ? h("p", { class: "hint", testid: "changes-none" }, t("changes.none")) : null,
    ...groupEls,
    attention,
  ].filter((x): x is HTMLElement => x !== null);
}

/** One change: closed, its name and what happened; open, its fields and sources (drawn on first opening). */
function changeItem(c: FactChangeView, ctx: ViewContext): HTMLDetailsElement {
  const { t, lang } = ctx;
  const body = h("div", { class: "change-body" });
  const item = h("details", { class: "change", testid: "change", data: { change: c.change, fact: c.fact } },
    h("summary", { class: "change-head" },
      h("span", { class: `change-mark change-${c.change}` }, t(`changes.${c.change}`)),
      " ",
      h("span", { class: "change-title", testid: "change-title" }, changeTitle(c, lang, t)),
    ),
    body,
  ) as HTMLDetailsElement;
  let drawn = false;
  item.addEventListener("toggle", () => {
    if (!item.open || drawn) return;
    drawn = true;
    const value = (v: string | null) => (v === null || v === "" ? h("span", { class: "muted" }, t("changes.empty")) : v);
    const parts: Array<HTMLElement | null> = [
      h("table", { class: "stat-table change-fields", testid: "change-fields" },
        h("thead", {}, h("tr", {}, h("th", {}, t("changes.col.field")), h("th", {}, t("changes.col.old")), h("th", {}, t("changes.col.new")))),
        h("tbody", {}, ...c.fields.map((f) => h("tr", { data: { field: f.field } },
          h("th", {}, fieldLabel(f.field, t)),
          h("td", { class: "change-old" }, value(fieldValue(c, f.field, f.old, t, lang))),
          h("td", { class: "change-new" }, value(fieldValue(c, f.field, f.new, t, lang))),
        ))),
      ),
      c.fact === "source" ? null : h("h3", { class: "change-sources-title" }, t("changes.sources")),
      c.fact === "source" ? null : c.sources.length > 0 ? sourceList(c.sources, t, true) : h("p", { class: "hint" }, t("changes.noSources")),
    ];
    body.append(...parts.filter((p): p is HTMLElement => p !== null));
  });
  return item;
}
