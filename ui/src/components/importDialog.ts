/**
 * The import dialog: pick a CSV or XLSX file; a dry run reports its rows, encoding and layout,
 * how each name matched (matched, new, ambiguous with its candidates), the new entities and links,
 * and every problem as row:column: message. Import is offered only when there is no problem; the
 * import itself is all or nothing and shows progress while it runs.
 */
import type { ImportReportView, NameMatchView } from "../ipc/types";
import { toApiError } from "../ipc/transport";
import { primaryName } from "../state/format";
import { reviewImport, toBase64 } from "../state/workspace";
import type { ViewContext } from "../views/context";
import { append, h, langOf } from "./dom";
import { announceChange } from "./workspaceBar";

export function openImportDialog(ctx: ViewContext): void {
  const { t } = ctx;
  const titleId = "import-title";
  const file = h("input", { type: "file", testid: "import-file", id: "import-file", class: "form-input" });
  file.accept = ".csv,.tsv,.txt,.xlsx,.xls,.ods";
  const report = h("div", { class: "import-report", testid: "import-report", aria: { live: "polite" } });
  const progress = h("div", { class: "import-progress", testid: "import-progress", hidden: true, role: "status" });
  const importButton = h("button", { class: "button primary", type: "button", testid: "import-run" }, t("import.run"));
  importButton.disabled = true;
  const close = h("button", { class: "button", type: "button", testid: "import-close", on: { click: () => dialog.close() } }, t("form.close"));
  const dialog = h("dialog", { class: "ws-dialog wide", testid: "import-dialog", aria: { labelledby: titleId } },
    h("h2", { class: "ws-dialog-title", id: titleId }, t("import.title")),
    h("p", { class: "form-hint" }, t("import.help")),
    h("div", { class: "form-field" }, h("label", { class: "form-label" }, t("import.file")), file),
    progress,
    report,
    h("div", { class: "form-buttons" }, importButton, close),
  );
  (dialog.querySelector("label") as HTMLLabelElement).htmlFor = file.id;
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (!busy) dialog.close();
    }
  });
  dialog.addEventListener("close", () => dialog.remove());

  let busy = false;
  let chosen: { name: string; base64: string } | null = null;

  const setBusy = (on: boolean, text = "") => {
    busy = on;
    file.disabled = on;
    (close as HTMLButtonElement).disabled = on;
    progress.hidden = !on;
    progress.replaceChildren(h("progress", { aria: { label: text } }), " ", text);
    dialog.setAttribute("aria-busy", String(on));
  };

  const run = async (dryRun: boolean) => {
    if (!chosen) return;
    importButton.disabled = true;
    setBusy(true, t(dryRun ? "import.checking" : "import.importing", { name: chosen.name }));
    try {
      const result = await ctx.call("import_file", { file_name: chosen.name, base64: chosen.base64, dry_run: dryRun });
      renderReport(result, dryRun);
      if (!dryRun && result.imported) announceChange({ change: null, revision: result.revision, id: null }, "import");
    } catch (e) {
      report.replaceChildren(h("p", { class: "form-error general", role: "alert", testid: "import-failed" }, toApiError(e).message));
    } finally {
      setBusy(false);
    }
  };

  const renderReport = (r: ImportReportView, dryRun: boolean) => {
    report.replaceChildren();
    const review = reviewImport(r);
    importButton.disabled = !dryRun || !review.canImport;
    const names = (n: NameMatchView) => n.named.map((e) => primaryName(e, ctx.lang));
    const nameList = (items: NameMatchView[], testid: string, detail: (n: NameMatchView) => string | null) =>
      items.length === 0
        ? null
        : h("ul", { class: "import-names", testid }, ...items.map((n) => {
            const d = detail(n);
            return h("li", { testid: "import-name", data: { kind: n.kind } }, h("span", { lang: langOf(n.name) }, n.name), d ? h("span", { class: "import-detail", lang: langOf(d) }, " → ", d) : null);
          }));
    const status = r.imported
      ? h("p", { class: "import-status ok", testid: "import-status", data: { state: "imported" } }, t("import.done", { links: Number(r.new_links), entities: Number(r.new_entities), statistics: Number(r.new_statistics) }))
      : review.problems.length > 0
        ? h("p", { class: "import-status bad", testid: "import-status", data: { state: "refused" } }, t("import.refused", { count: review.problems.length }))
        : h("p", { class: "import-status ok", testid: "import-status", data: { state: "ready" } }, t("import.ready"));
    const summary = h("dl", { class: "facts import-summary", testid: "import-summary" },
      h("dt", {}, t("import.rows")), h("dd", { testid: "import-rows" }, String(r.rows)),
      h("dt", {}, t("import.encoding")), h("dd", { testid: "import-encoding" }, r.encoding),
      h("dt", {}, t("import.layout")), h("dd", { testid: "import-layout" }, layoutName(r.layout, t)),
      h("dt", {}, t("import.newEntities")), h("dd", { testid: "import-new-entities" }, String(r.new_entities)),
      h("dt", {}, t("import.newLinks")), h("dd", { testid: "import-new-links" }, String(r.new_links)),
      Number(r.new_statistics) > 0 ? h("dt", {}, t("import.newStatistics")) : null,
      Number(r.new_statistics) > 0 ? h("dd", {}, String(r.new_statistics)) : null,
    );
    append(report,
      status,
      summary,
      review.problems.length > 0
        ? h("section", { class: "import-problems", testid: "import-problems" },
            h("h3", {}, t("import.problems", { count: review.problems.length })),
            h("p", { class: "form-hint" }, t("import.problemsHelp")),
            h("ul", {}, ...[...r.problems].map((p) => h("li", { testid: "import-problem", data: { row: String(p.row), column: String(p.column) } },
              h("strong", {}, t("import.at", { row: Number(p.row), column: Number(p.column) })), " ", h("span", { lang: ctx.lang === "zh" ? "zh-CN" : "en" }, `${p.row}:${p.column}: ${ctx.lang === "zh" ? p.message_zh : p.message}`)))))
        : null,
      h("section", { class: "import-matches", testid: "import-matches" },
        h("h3", {}, t("import.matches")),
        h("p", { class: "import-counts", testid: "import-counts" }, t("import.counts", { matched: review.matched.length, created: review.created.length, ambiguous: review.ambiguous.length })),
        review.ambiguous.length > 0 ? h("h4", {}, t("import.ambiguous")) : null,
        nameList(review.ambiguous, "import-ambiguous", (n) => names(n).join(t("list.sep"))),
        review.created.length > 0 ? h("h4", {}, t("import.created")) : null,
        nameList(review.created, "import-created", () => null),
        review.matched.length > 0 ? h("h4", {}, t("import.matched")) : null,
        nameList(review.matched, "import-matched", (n) => names(n)[0] ?? null),
      ),
    );
  };

  file.addEventListener("change", () => {
    const picked = file.files?.[0];
    if (!picked) return;
    report.replaceChildren();
    setBusy(true, t("import.reading", { name: picked.name }));
    picked.arrayBuffer().then(
      (buffer) => {
        chosen = { name: picked.name, base64: toBase64(new Uint8Array(buffer)) };
        setBusy(false);
        void run(true);
      },
      (e) => {
        setBusy(false);
        report.replaceChildren(h("p", { class: "form-error general", role: "alert" }, String(e)));
      },
    );
  });
  importButton.addEventListener("click", () => void run(false));

  document.body.append(dialog);
  dialog.showModal();
  file.focus();
}

function layoutName(layout: string, t: ViewContext["t"]): string {
  switch (layout) {
    case "supplier list": return t("import.layoutSuppliers");
    case "entities": return t("import.layoutEntities");
    case "links": return t("import.layoutLinks");
    case "statistics": return t("import.layoutStatistics");
    default: return layout;
  }
}
