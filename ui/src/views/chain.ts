/**
 * `#/chain`: the chain's segments from upstream to downstream (then support segments), each with
 * its local coverage, supplier concentration and gap status; the ranked gap list (补链) beside it.
 * A segment expands to its local firms.
 */
import { h, langOf } from "../components/dom";
import { exportMenu } from "../components/exportMenu";
import type { TableData } from "../export/table";
import type { LocalCoverage, SegmentRef } from "../ipc/types";
import { byStage, chainTotals, hhiBand, measurableHhi, percent, segmentRows, supportSegments, type SegmentRow } from "../state/chain";
import { primaryName, secondaryName } from "../state/format";
import { entityHref, formatRoute, segmentBriefHref, whatIfHref } from "../state/router";
import type { View, ViewContext } from "./context";

export const chainView: View<{ name: "chain"; open?: string[] }> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("chain.title"));
  root.append(h("p", { class: "loading", testid: "loading" }, t("chain.loading")));
  let alive = true;
  // Support segments are asked for by id, as the edition lists them; without any, just the chain.
  const supportIds = ctx.call("segments", {}).then((list) => supportSegments(list.segments.map((s) => s.segment)));
  const none = { segments: [] as LocalCoverage[] };
  const support = supportIds.then((ids) => (ids.length ? ctx.call("local_coverage", { segments: ids }) : none));
  const supportGaps = supportIds.then((ids) => (ids.length ? ctx.call("gaps", { segments: ids }) : none));
  Promise.all([ctx.call("local_coverage", {}), ctx.call("concentration", {}), ctx.call("gaps", {}), support, supportGaps]).then(
    ([coverage, concentration, gaps, sup, supGaps]) => {
      if (!alive) return;
      const allGaps = [...gaps.segments, ...supGaps.segments];
      const rows = segmentRows([...coverage.segments, ...sup.segments], concentration.segments, allGaps);
      root.replaceChildren(renderChain(rows, allGaps, ctx));
      keepOpenInUrl(root, route.open ?? [], ctx);
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "chain-error" }, t("chain.failed")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};

const segName = (s: SegmentRef, ctx: ViewContext) => (ctx.lang === "zh" ? s.name_zh : s.name_en);
const segOther = (s: SegmentRef, ctx: ViewContext) => (ctx.lang === "zh" ? s.name_en : s.name_zh);

function renderChain(rows: readonly SegmentRow[], gaps: readonly LocalCoverage[], ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const totals = chainTotals(rows);
  return h("article", { class: "chain", testid: "chain-view" },
    h("div", { class: "page-head" },
      h("h1", { class: "page-title" }, t("chain.title")),
      h("div", { class: "graph-tools" },
        h("a", { class: "button", testid: "chain-what-if", href: whatIfHref() }, "⚡ ", t("whatIf.title")),
        exportMenu(ctx, { title: () => t("chain.title"), table: () => chainTable(rows, ctx) }, "chain-export"),
      ),
    ),
    h("p", { class: "lead" }, t("chain.intro")),
    h("p", { class: "chain-totals", testid: "chain-totals" },
      t("chain.totals", { segments: totals.segments, none: totals.gapsNone, one: totals.gapsOne, concentrated: totals.concentrated }),
    ),
    h("div", { class: "chain-layout" },
      h("div", { class: "chain-main" },
        ...byStage(rows).map((group) =>
          h("section", { class: `stage stage-${group.stage}`, testid: "chain-stage", data: { stage: group.stage } },
            h("h2", { class: "stage-title" }, t(`stage.${group.stage}`)),
            h("ol", { class: "segments" }, ...group.rows.map((r) => renderSegment(r, ctx))),
          ),
        ),
        h("p", { class: "hint" }, t("chain.help")),
      ),
      h("aside", { class: "chain-aside panel", testid: "gap-list" },
        h("h2", {}, t("chain.gaps")),
        h("p", { class: "hint" }, t("chain.gapsHelp")),
        gaps.length === 0
          ? h("p", { class: "empty", testid: "gaps-none" }, t("chain.noGaps"))
          : h("ol", { class: "gap-items" },
              ...gaps.map((g) =>
                h("li", { class: `gap-item gap-${g.local_count === 0 ? "none" : "one"}`, testid: "gap-item", data: { segment: g.segment.id, local: String(g.local_count) } },
                  h("button", { class: "gap-name link-button", type: "button", testid: "gap-open", on: { click: () => openSegment(g.segment.id) }, lang: langOf(segName(g.segment, ctx)) }, segName(g.segment, ctx)),
                  h("span", { class: "gap-detail" },
                    g.local_count === 0 ? t("gap.none") : t("gap.oneNamed", { name: g.local_suppliers[0] ? primaryName(g.local_suppliers[0], ctx.lang) : "1" }),
                    " · ",
                    t("chain.firmsKnown", { count: g.suppliers }),
                  ),
                ),
              ),
            ),
      ),
    ),
  );
}

/**
 * The segments opened are part of the URL (`#/chain?open=a,b`): those it names open on arrival,
 * and opening or closing one rewrites it (without drawing the view again).
 */
function keepOpenInUrl(root: HTMLElement, open: readonly string[], ctx: ViewContext): void {
  const rows = Array.from(root.querySelectorAll<HTMLDetailsElement>('[data-testid="chain-segment"]'));
  for (const row of rows) if (open.includes(row.dataset.segment ?? "")) row.open = true;
  for (const row of rows) {
    row.addEventListener("toggle", () => {
      const now = rows.filter((r) => r.open).map((r) => r.dataset.segment ?? "").filter((id) => id !== "");
      ctx.replaceUrl(formatRoute({ name: "chain", open: now }));
    });
  }
}

function openSegment(id: string): void {
  const row = document.querySelector<HTMLDetailsElement>(`[data-testid="chain-segment"][data-segment="${CSS.escape(id)}"]`);
  if (!row) return;
  row.open = true;
  row.scrollIntoView({ block: "center" });
  row.classList.add("focused");
  setTimeout(() => row.classList.remove("focused"), 1600);
}

function renderSegment(row: SegmentRow, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const c = row.coverage;
  const share = percent(c.local_share);
  const bar = h("span", { class: "bar", aria: { hidden: "true" } }, h("span", { class: "bar-fill" }));
  (bar.firstChild as HTMLElement).style.width = `${Math.round((c.local_share ?? 0) * 100)}%`;
  const conc = row.concentration;
  const hhi = measurableHhi(conc);
  const band = hhi !== null ? hhiBand(hhi) : null;
  const top = conc?.top_supplier ? primaryName(conc.top_supplier, ctx.lang) : null;

  const gapBadge = row.gap === "ok" ? null
    : h("span", { class: `gap-badge gap-${row.gap}`, testid: "segment-gap", data: { gap: row.gap } }, row.gap === "none" ? t("gap.none") : t("gap.one"));

  const details = h("details", { class: `segment segment-${row.gap}`, testid: "chain-segment", data: { segment: row.segment.id, gap: row.gap, stage: row.stage } },
    h("summary", { class: "segment-summary" },
      h("span", { class: "segment-names" },
        h("span", { class: "segment-name", testid: "segment-name", lang: langOf(segName(row.segment, ctx)) }, segName(row.segment, ctx)),
        h("span", { class: "segment-other", lang: langOf(segOther(row.segment, ctx)) }, segOther(row.segment, ctx)),
        gapBadge,
      ),
      h("span", { class: "segment-coverage", testid: "segment-coverage", data: { local: String(c.local_count), suppliers: String(c.suppliers) } },
        bar,
        h("span", { class: "coverage-text" }, t("chain.coverage", { local: c.local_count, total: c.suppliers }), share ? ` · ${share}` : ""),
      ),
      h("span", { class: "segment-conc", testid: "segment-concentration", data: { hhi: conc?.hhi != null ? String(Math.round(conc.hhi)) : "" } },
        hhi !== null
          ? h("span", { class: `hhi hhi-${band}`, title: t(`hhi.${band!}Help`) }, t("chain.hhi", { hhi: Math.round(hhi).toLocaleString("en-US") }))
          : conc?.hhi != null
            ? h("span", { class: "unknown", testid: "segment-too-few", title: t("chain.tooFewHelp", { suppliers: conc.suppliers, links: conc.customer_links }) }, t("chain.tooFew"))
            : h("span", { class: "unknown" }, t("chain.noCustomerLinks")),
        hhi !== null && conc && top ? h("span", { class: "top-share", lang: langOf(top) }, t("chain.top", { name: top, share: percent(conc.top_share) ?? "" })) : null,
      ),
    ),
    h("div", { class: "segment-body" },
      h("div", { class: "table-tools" }, h("a", { class: "button small", testid: "segment-brief", href: segmentBriefHref(row.segment.id) }, "▤ ", t("brief.open")), exportMenu(ctx, {
        title: () => `${segName(row.segment, ctx)} ${t("chain.localFirms")}`,
        table: () => ({
          title: `${segName(row.segment, ctx)} ${t("chain.localFirms")}`,
          columns: [t("export.segment"), t("export.name"), t("export.otherName"), t("entity.kind")],
          rows: c.local_suppliers.map((f) => [segName(row.segment, ctx), primaryName(f, ctx.lang), secondaryName(f, ctx.lang), t(`kind.${f.kind}`)]),
        }),
      }, "segment-export")),
      c.local_suppliers.length > 0
        ? h("ul", { class: "segment-firms", testid: "segment-firms" },
            ...c.local_suppliers.map((f) => {
              const name = primaryName(f, ctx.lang);
              return h("li", {}, h("a", { class: "entity-chip", testid: "segment-firm", href: entityHref(f.id), lang: langOf(name), data: { entityId: f.id } }, name));
            }),
          )
        : h("p", { class: "empty", testid: "segment-no-firms" }, t("chain.noLocal")),
      c.local_count > c.local_suppliers.length ? h("p", { class: "hint" }, t("graph.hidden", { count: c.local_count - c.local_suppliers.length })) : null,
      conc && hhi !== null ? h("p", { class: "hint" }, t("chain.concDetail", { suppliers: conc.suppliers, links: conc.customer_links }), " ", t(`hhi.${band!}Help`)) : null,
      conc && hhi === null && conc.hhi != null ? h("p", { class: "hint" }, t("chain.tooFewHelp", { suppliers: conc.suppliers, links: conc.customer_links })) : null,
    ),
  );
  return h("li", {}, details);
}

function chainTable(rows: readonly SegmentRow[], ctx: ViewContext): TableData {
  const { t } = ctx;
  return {
    title: t("chain.title"),
    columns: [t("export.stage"), t("export.segment"), t("export.localFirms"), t("export.knownFirms"), t("export.localShare"), t("export.hhi"), t("export.topSupplier"), t("export.gap")],
    rows: rows.map((r) => {
      const hhi = measurableHhi(r.concentration);
      return [
        t(`stage.${r.stage}`),
        segName(r.segment, ctx),
        r.coverage.local_count,
        r.coverage.suppliers,
        percent(r.coverage.local_share),
        hhi !== null ? Math.round(hhi) : t("chain.tooFew"),
        hhi !== null && r.concentration?.top_supplier ? primaryName(r.concentration.top_supplier, ctx.lang) : null,
        r.gap === "none" ? t("gap.none") : r.gap === "one" ? t("gap.one") : null,
      ];
    }),
  };
}
