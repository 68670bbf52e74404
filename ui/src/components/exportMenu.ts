/**
 * The "Export" menu on tables, charts and the graph: SVG, PNG at a chosen size, CSV and XLSX.
 * CSV is written here (UTF-8 with BOM) until the API's `export_table` command exists; XLSX is
 * offered only when it does, so there is one export code, the Rust one.
 */
import { COMMANDS } from "../ipc/commands";
import { base64ToBlob, saveBlob } from "../export/download";
import { PNG_SIZES, pngBlob, serializeSvg } from "../export/image";
import { fileName, toCsv, type TableData } from "../export/table";
import type { ViewContext } from "../views/context";
import { h } from "./dom";

export interface ExportSource {
  /** The file's title (also its name). */
  title: () => string;
  /** The table behind the view, for CSV and XLSX. */
  table?: () => TableData;
  /** A standalone SVG of the chart or graph at a size (see export/image.ts). */
  image?: (width: number, height: number) => SVGSVGElement | Promise<SVGSVGElement>;
  /** The size on screen, for "SVG" (vector: any size prints sharp). */
  screenSize?: () => { width: number; height: number };
  /** The entities of the graph shown, for GraphML, GEXF, JSON and XLSX (null: the whole atlas). */
  graph?: () => string[] | null;
}

const GRAPH_FORMATS = [["graphml", "export.graphml"], ["gexf", "export.gexf"], ["json", "export.json"], ["xlsx", "export.graphXlsx"]] as const;

/** The graph (the listed entities and the links between them, or all) as a file, downloaded. */
export async function exportGraph(ctx: ViewContext, ids: string[] | null, format: (typeof GRAPH_FORMATS)[number][0]): Promise<void> {
  const result = await ctx.call("export_graph", { format, ids, edition_only: false });
  await saveBlob(result.file_name, base64ToBlob(result.base64, result.mime));
}

/** True when the API lists the table export command (added by the Rust side). */
export const hasTableExport = (): boolean => (COMMANDS as readonly string[]).includes("export_table");

type LooseCall = (command: string, args: unknown) => Promise<unknown>;

export async function exportTable(ctx: ViewContext, table: TableData, format: "csv" | "xlsx"): Promise<void> {
  if (hasTableExport()) {
    const result = (await (ctx.call as unknown as LooseCall)("export_table", { format, title: table.title, columns: table.columns, rows: table.rows })) as { file_name: string; mime: string; base64: string };
    await saveBlob(result.file_name, base64ToBlob(result.base64, result.mime));
    return;
  }
  if (format === "xlsx") throw new Error("XLSX export needs the export_table command");
  await saveBlob(fileName(table.title, "csv"), new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }));
}

export function exportMenu(ctx: ViewContext, source: ExportSource, testid = "export-menu"): HTMLElement {
  const { t } = ctx;
  const run = (work: () => Promise<void>) => () => {
    menu.open = false;
    work().catch((e) => ctx.reportError(e));
  };
  const item = (label: string, id: string, work: () => Promise<void>) =>
    h("button", { class: "export-item", type: "button", testid: `export-${id}`, on: { click: run(work) } }, label);
  const items: HTMLElement[] = [];
  if (source.image) {
    const image = source.image;
    items.push(h("div", { class: "export-group" }, t("export.image")));
    items.push(item(t("export.svg"), "svg", async () => {
      const size = source.screenSize?.() ?? { width: 1920, height: 1080 };
      const el = await image(size.width, size.height);
      await saveBlob(fileName(source.title(), "svg"), new Blob([serializeSvg(el)], { type: "image/svg+xml" }));
    }));
    for (const size of PNG_SIZES) {
      items.push(item(t(`export.png.${size.id}` as "export.png.1920x1080"), `png-${size.id}`, async () => {
        const el = await image(size.width, size.height);
        await saveBlob(fileName(`${source.title()}-${size.width}x${size.height}`, "png"), await pngBlob(el));
      }));
    }
  }
  if (source.table) {
    const table = source.table;
    items.push(h("div", { class: "export-group" }, t("export.table")));
    items.push(item(t("export.csv"), "csv", () => exportTable(ctx, table(), "csv")));
    if (hasTableExport()) items.push(item(t("export.xlsx"), "xlsx", () => exportTable(ctx, table(), "xlsx")));
  }
  if (source.graph) {
    const graph = source.graph;
    items.push(h("div", { class: "export-group" }, t("export.graph")));
    for (const [format, label] of GRAPH_FORMATS) items.push(item(t(label), format, () => exportGraph(ctx, graph(), format)));
  }
  const menu = h("details", { class: "export-menu", testid },
    h("summary", { class: "button small", testid: `${testid}-open` }, "⤓ ", t("export.menu")),
    h("div", { class: "export-items", role: "group", aria: { label: t("export.menu") } }, ...items),
  ) as HTMLDetailsElement;
  return menu;
}
