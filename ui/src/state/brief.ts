/**
 * Numbered citations for a brief: each source gets a number the first time a fact cites it, and
 * the source list at the end follows those numbers. Pure.
 */
import type { SourceView } from "../ipc/types";
import { sortSources } from "./format";

export class Citations {
  private readonly numbers = new Map<string, number>();
  private readonly sources: SourceView[] = [];

  /** The numbers of these sources (best sources first), numbering new ones as they come. */
  cite(sources: readonly SourceView[]): number[] {
    const out: number[] = [];
    for (const s of sortSources(sources)) {
      let n = this.numbers.get(s.id);
      if (n === undefined) {
        this.sources.push(s);
        n = this.sources.length;
        this.numbers.set(s.id, n);
      }
      if (!out.includes(n)) out.push(n);
    }
    return out.sort((a, b) => a - b);
  }

  /** Every cited source, in citation order (number = index + 1). */
  list(): readonly SourceView[] {
    return this.sources;
  }
}

/** "[1, 3–5]" style: consecutive numbers joined with a dash. */
export function citationLabel(numbers: readonly number[]): string {
  if (numbers.length === 0) return "";
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0]!;
  let prev = start;
  for (const n of [...sorted.slice(1), Number.NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    parts.push(start === prev ? String(start) : prev === start + 1 ? `${start}, ${prev}` : `${start}–${prev}`);
    start = prev = n;
  }
  return `[${parts.join(", ")}]`;
}

/** Today's date as YYYY-MM-DD in local time (the brief's "made on"). */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
