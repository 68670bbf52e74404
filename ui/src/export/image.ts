/**
 * Charts and the graph as files: SVG (vector, styles written into the file so it looks as on
 * screen) and PNG at a chosen size. PNGs are drawn on a canvas from the SVG's own shapes (rect,
 * line, circle, polygon, path, text) with the page's fonts, so Chinese labels print with the
 * bundled Noto Sans SC even where the system has no Chinese font.
 */

export interface ExportSize {
  id: string;
  width: number;
  height: number;
}

/** The sizes offered for PNG exports. */
export const PNG_SIZES: readonly ExportSize[] = [
  { id: "1920x1080", width: 1920, height: 1080 },
  { id: "a4-landscape-300dpi", width: 3508, height: 2480 },
  { id: "a4-portrait-300dpi", width: 2480, height: 3508 },
];

const STYLE_PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "stroke-linejoin",
  "paint-order",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "font-variant-numeric",
] as const;

/**
 * A copy of an on-screen SVG with each element's computed style written inline, so the file
 * needs no stylesheet; `<title>` tooltips are kept. Sized to width × height (the drawing fits).
 */
export function standaloneSvg(original: SVGSVGElement, width: number, height: number, background: string): SVGSVGElement {
  const clone = original.cloneNode(true) as SVGSVGElement;
  const a = [original, ...Array.from(original.querySelectorAll("*"))];
  const b = [clone, ...Array.from(clone.querySelectorAll("*"))];
  a.forEach((el, i) => {
    const target = b[i] as SVGElement | undefined;
    if (!target || el.tagName === "title") return;
    const cs = getComputedStyle(el);
    if (cs.display === "none") {
      target.setAttribute("display", "none");
      return;
    }
    for (const prop of STYLE_PROPS) {
      const v = cs.getPropertyValue(prop);
      if (v) target.style.setProperty(prop, v);
    }
    target.removeAttribute("class");
  });
  const box = original.viewBox.baseVal;
  const vb = box && box.width > 0 ? box : { x: 0, y: 0, width: original.clientWidth || width, height: original.clientHeight || height };
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.width} ${vb.height}`);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.setAttribute("preserveAspectRatio", "xMidYMid meet");
  clone.removeAttribute("style");
  clone.style.background = background;
  // The background, as a shape so PNG drawing and other viewers show it too.
  const ns = "http://www.w3.org/2000/svg";
  const bg = document.createElementNS(ns, "rect");
  for (const [k, v] of Object.entries({ x: vb.x - vb.width, y: vb.y - vb.height, width: vb.width * 3, height: vb.height * 3, fill: background })) bg.setAttribute(k, String(v));
  clone.insertBefore(bg, clone.firstChild);
  return clone;
}

export function serializeSvg(el: SVGSVGElement): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(el);
}

function num(el: Element, name: string, fallback = 0): number {
  const v = Number.parseFloat(el.getAttribute(name) ?? "");
  return Number.isFinite(v) ? v : fallback;
}

/** A presentation value from inline style or attribute (the export SVGs carry both kinds). */
function prop(el: Element, name: string, inherited: Record<string, string>): string {
  const style = (el as SVGElement).style?.getPropertyValue(name);
  if (style) return style.trim();
  const attr = el.getAttribute(name);
  if (attr) return attr.trim();
  return inherited[name] ?? "";
}

const INHERITED = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linejoin", "paint-order", "font-family", "font-size", "font-weight", "text-anchor"];

function paint(ctx: CanvasRenderingContext2D, el: Element, inh: Record<string, string>, path: () => void, closed: boolean): void {
  const fill = prop(el, "fill", inh) || (closed ? "black" : "none");
  const stroke = prop(el, "stroke", inh) || "none";
  const strokeWidth = Number.parseFloat(prop(el, "stroke-width", inh) || "1");
  const dash = prop(el, "stroke-dasharray", inh);
  const opacity = Number.parseFloat(prop(el, "opacity", {}) || "1");
  ctx.save();
  ctx.globalAlpha *= Number.isFinite(opacity) ? opacity : 1;
  ctx.beginPath();
  path();
  if (fill !== "none" && fill !== "transparent" && closed) {
    ctx.fillStyle = fill;
    const fo = Number.parseFloat(prop(el, "fill-opacity", inh) || "1");
    ctx.globalAlpha *= Number.isFinite(fo) ? fo : 1;
    ctx.fill();
    ctx.globalAlpha /= Number.isFinite(fo) && fo > 0 ? fo : 1;
  }
  if (stroke !== "none" && strokeWidth > 0) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = strokeWidth;
    ctx.setLineDash(dash && dash !== "none" ? dash.split(/[ ,]+/).map(Number).filter(Number.isFinite) : []);
    ctx.stroke();
  }
  ctx.restore();
}

/** Applies an SVG transform of the forms ECharts writes: translate(x y), matrix(a b c d e f), scale(s). */
function applyTransform(ctx: CanvasRenderingContext2D, transform: string | null): void {
  if (!transform) return;
  for (const [, fn, args] of transform.matchAll(/(translate|matrix|scale)\(([^)]*)\)/g)) {
    const n = (args ?? "").trim().split(/[\s,]+/).map(Number);
    if (!n.every(Number.isFinite)) continue;
    if (fn === "translate") ctx.translate(n[0] ?? 0, n[1] ?? 0);
    else if (fn === "scale") ctx.scale(n[0] ?? 1, n[1] ?? n[0] ?? 1);
    else if (n.length === 6) ctx.transform(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!);
  }
}

function drawElement(ctx: CanvasRenderingContext2D, el: Element, inherited: Record<string, string>): void {
  const tag = el.tagName.toLowerCase();
  if (tag === "title" || tag === "desc" || el.getAttribute("display") === "none") return;
  const inh: Record<string, string> = { ...inherited };
  for (const k of INHERITED) {
    const v = prop(el, k, {});
    if (v) inh[k] = v;
  }
  switch (tag) {
    case "svg":
    case "g": {
      const t = el.getAttribute("transform");
      ctx.save();
      const m = t && /translate\(\s*([-\d.]+)[ ,]+([-\d.]+)\s*\)/.exec(t);
      if (m) ctx.translate(Number(m[1]), Number(m[2]));
      for (const child of Array.from(el.children)) drawElement(ctx, child, inh);
      ctx.restore();
      return;
    }
    case "rect":
      paint(ctx, el, inh, () => ctx.rect(num(el, "x"), num(el, "y"), num(el, "width"), num(el, "height")), true);
      return;
    case "circle":
      paint(ctx, el, inh, () => ctx.arc(num(el, "cx"), num(el, "cy"), num(el, "r"), 0, Math.PI * 2), true);
      return;
    case "line":
      paint(ctx, el, inh, () => {
        ctx.moveTo(num(el, "x1"), num(el, "y1"));
        ctx.lineTo(num(el, "x2"), num(el, "y2"));
      }, false);
      return;
    case "polygon":
    case "polyline": {
      const pts = (el.getAttribute("points") ?? "").trim().split(/[\s,]+/).map(Number);
      paint(ctx, el, inh, () => {
        for (let i = 0; i + 1 < pts.length; i += 2) (i === 0 ? ctx.moveTo.bind(ctx) : ctx.lineTo.bind(ctx))(pts[i]!, pts[i + 1]!);
        if (tag === "polygon") ctx.closePath();
      }, tag === "polygon");
      return;
    }
    case "path": {
      const d = el.getAttribute("d");
      if (!d) return;
      const p = new Path2D(d);
      const fill = prop(el, "fill", inh) || "black";
      const stroke = prop(el, "stroke", inh) || "none";
      const strokeWidth = Number.parseFloat(prop(el, "stroke-width", inh) || "1");
      const alpha = (name: string, from: Record<string, string>) => {
        const v = Number.parseFloat(prop(el, name, from) || "1");
        return Number.isFinite(v) ? v : 1;
      };
      ctx.save();
      // ECharts places its shapes with transform="translate(…)" or "matrix(…)" on the path itself.
      applyTransform(ctx, el.getAttribute("transform"));
      ctx.globalAlpha *= alpha("opacity", {});
      // A gradient or pattern fill (url(#…)) is not drawn: no solid colour stands in for it.
      if (fill !== "none" && fill !== "transparent" && !fill.startsWith("url(")) {
        ctx.save();
        ctx.globalAlpha *= alpha("fill-opacity", inh);
        ctx.fillStyle = fill;
        ctx.fill(p);
        ctx.restore();
      }
      if (stroke !== "none" && strokeWidth > 0) {
        const dash = prop(el, "stroke-dasharray", inh);
        ctx.globalAlpha *= alpha("stroke-opacity", inh);
        ctx.strokeStyle = stroke;
        ctx.lineWidth = strokeWidth;
        ctx.setLineDash(dash && dash !== "none" ? dash.split(/[ ,]+/).map(Number).filter(Number.isFinite) : []);
        ctx.stroke(p);
      }
      ctx.restore();
      return;
    }
    case "text": {
      const text = el.textContent ?? "";
      if (!text) return;
      const size = Number.parseFloat(inh["font-size"] ?? "16") || 16;
      const family = inh["font-family"] || "sans-serif";
      ctx.save();
      ctx.font = `${inh["font-weight"] || "400"} ${size}px ${family}`;
      const anchor = inh["text-anchor"];
      ctx.textAlign = anchor === "middle" ? "center" : anchor === "end" ? "right" : "left";
      const baseline = prop(el, "dominant-baseline", {});
      ctx.textBaseline = baseline === "central" || baseline === "middle" ? "middle" : baseline === "hanging" ? "hanging" : "alphabetic";
      applyTransform(ctx, el.getAttribute("transform"));
      const x = num(el, "x"), y = num(el, "y");
      const stroke = inh["stroke"];
      if (stroke && stroke !== "none") {
        ctx.strokeStyle = stroke;
        ctx.lineWidth = Number.parseFloat(inh["stroke-width"] ?? "1") || 1;
        ctx.lineJoin = "round";
        ctx.strokeText(text, x, y);
      }
      const fill = inh["fill"] || "black";
      if (fill !== "none") {
        ctx.fillStyle = fill;
        ctx.fillText(text, x, y);
      }
      ctx.restore();
      return;
    }
    default:
      return;
  }
}

/** Waits until the page's fonts can draw every text of the SVG (canvas does not load fonts itself). */
async function loadFonts(el: SVGSVGElement): Promise<void> {
  if (!document.fonts) return;
  const seen = new Set<string>();
  const loads: Promise<unknown>[] = [];
  for (const t of Array.from(el.querySelectorAll("text"))) {
    const family = prop(t, "font-family", {}) || (t.closest("[font-family]")?.getAttribute("font-family") ?? "");
    if (!family) continue;
    const key = family + "|" + t.textContent;
    if (seen.has(key)) continue;
    seen.add(key);
    loads.push(document.fonts.load(`16px ${family}`, t.textContent ?? "").catch(() => []));
  }
  await Promise.all(loads);
}

/** Draws a standalone SVG (see standaloneSvg / pictureSvg) on a canvas of its width × height. */
export async function rasterize(el: SVGSVGElement): Promise<HTMLCanvasElement> {
  const width = num(el, "width", 800);
  const height = num(el, "height", 600);
  const [vx, vy, vw, vh] = (el.getAttribute("viewBox") ?? `0 0 ${width} ${height}`).split(/[\s,]+/).map(Number) as [number, number, number, number];
  await loadFonts(el);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas");
  // preserveAspectRatio xMidYMid meet
  const scale = Math.min(width / vw, height / vh);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.clip();
  ctx.translate((width - vw * scale) / 2, (height - vh * scale) / 2);
  ctx.scale(scale, scale);
  ctx.translate(-vx, -vy);
  for (const child of Array.from(el.children)) drawElement(ctx, child, {});
  ctx.restore();
  return canvas;
}

export async function pngBlob(el: SVGSVGElement): Promise<Blob> {
  const canvas = await rasterize(el);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
}
