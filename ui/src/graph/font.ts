/** The label font of the graph and its exports: the bundled Noto Sans SC first (src/fonts). */
export const LABEL_FONT =
  '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

/** Makes sure the bundled font can draw these labels before they are measured on a canvas. */
export async function loadLabelFont(labels: readonly string[], size: number): Promise<void> {
  if (typeof document === "undefined" || !document.fonts) return;
  const text = [...new Set(labels.join(""))].join("");
  await Promise.all([
    document.fonts.load(`600 ${size}px ${LABEL_FONT}`, text || "A").catch(() => []),
    document.fonts.load(`400 ${size}px ${LABEL_FONT}`, text || "A").catch(() => []),
  ]);
}

/** Text width on a canvas in the label font (a rough estimate where there is no canvas). */
export function canvasMeasure(weight = "600"): (text: string, px: number) => number {
  const ctx = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  return (text, px) => {
    if (!ctx) return Array.from(text).length * px * 0.7;
    ctx.font = `${weight} ${px}px ${LABEL_FONT}`;
    return ctx.measureText(text).width;
  };
}
