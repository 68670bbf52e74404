/**
 * Label placement without overlaps. Pure: the caller measures text; a placer keeps the boxes
 * placed so far and tries four spots around each node (right, left, below, above), skipping a
 * label that fits nowhere. The sigma renderer uses one placer per frame, the SVG export one per
 * picture, so what is drawn never overlaps.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Where the text starts (left edge) and its baseline. */
  x: number;
  baseline: number;
  box: Box;
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** Nodes this large (radius in px) are never covered by a label. */
export const BIG_NODE = 15;

export class LabelPlacer {
  readonly placed: PlacedLabel[] = [];
  /** Discs of nodes that labels should not cover (besides their own). */
  private readonly discs: Array<{ id: string; box: Box; r: number }> = [];
  private readonly reserved: Box[] = [];
  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly gap = 2,
  ) {}

  /** Keeps a box free of labels (e.g. the legend). */
  reserve(box: Box): void {
    this.reserved.push(box);
  }

  avoidNode(id: string, x: number, y: number, r: number): void {
    this.discs.push({ id, r, box: { x: x - r, y: y - r, w: 2 * r, h: 2 * r } });
  }

  /**
   * Places a label of the measured width and height (font size) next to a node at (x, y) of
   * radius r. Returns null when every spot overlaps a placed label or leaves the picture.
   */
  place(id: string, text: string, x: number, y: number, r: number, w: number, h: number, force = false): PlacedLabel | null {
    const pad = 4;
    const lineH = h * 1.25;
    const spots: Array<{ left: number; top: number }> = [
      { left: x + r + pad, top: y - lineH / 2 },
      { left: x - r - pad - w, top: y - lineH / 2 },
      { left: x - w / 2, top: y + r + 1 },
      { left: x - w / 2, top: y - r - 1 - lineH },
    ];
    const fits = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= this.width && b.y + b.h <= this.height;
    let fallback: PlacedLabel | null = null;
    for (const s of spots) {
      const box = { x: s.left, y: s.top, w, h: lineH };
      if (!fits(box)) continue;
      if (this.placed.some((p) => overlaps(p.box, box, this.gap)) || this.reserved.some((r) => overlaps(r, box))) continue;
      const label = { id, text, x: s.left, baseline: s.top + lineH / 2 + h * 0.35, box };
      // Prefer a spot that covers no other node; take one that does only if nothing else is free.
      const covered = this.discs.filter((d) => d.id !== id && overlaps(d.box, box));
      if (covered.length > 0) {
        // Never over a large node (the centre): small ones may be covered if nothing else is free.
        if (force || covered.every((d) => d.r < BIG_NODE)) fallback ??= label;
        continue;
      }
      this.placed.push(label);
      return label;
    }
    if (fallback) this.placed.push(fallback);
    return fallback;
  }
}

/** True when no two boxes overlap (for tests). */
export function noOverlaps(boxes: readonly Box[]): boolean {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) return false;
  }
  return true;
}
