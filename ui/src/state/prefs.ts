/**
 * How the app is shown: text size, theme, presentation mode. Remembered in localStorage like the
 * language; pure apart from the storage it is handed. app.ts applies it to <html>.
 */
import type { StorageLike } from "./settings";

export const PREFS_STORAGE_KEY = "nev-atlas.display";

export type Theme = "light" | "dark";

export interface Prefs {
  /** Text size in steps of 10% from the normal size: -2 (80%) to +6 (160%). */
  textStep: number;
  theme: Theme;
  /** Presentation mode: full-width graph, larger labels, high contrast, big click targets. */
  present: boolean;
  /** Show the shipped edition alone, without the user's workspace. */
  editionOnly: boolean;
}

export const MIN_TEXT_STEP = -2;
export const MAX_TEXT_STEP = 6;
export const DEFAULT_PREFS: Prefs = { textStep: 0, theme: "light", present: false, editionOnly: false };

export function clampStep(step: number): number {
  if (!Number.isFinite(step)) return 0;
  return Math.min(MAX_TEXT_STEP, Math.max(MIN_TEXT_STEP, Math.round(step)));
}

/** The root font size in px for a text step (18 px is the normal size). */
export function textSizePx(step: number): number {
  return Math.round(18 * (1 + clampStep(step) / 10) * 10) / 10;
}

/** Reads remembered prefs, ignoring anything malformed. */
export function parsePrefs(raw: string | null): Prefs {
  if (!raw) return { ...DEFAULT_PREFS };
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof Prefs, unknown>>;
    return {
      textStep: typeof v.textStep === "number" ? clampStep(v.textStep) : 0,
      theme: v.theme === "dark" ? "dark" : "light",
      present: v.present === true,
      editionOnly: v.editionOnly === true,
    };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

/** What a key press does to the prefs: Ctrl/⌘ with + / = (larger), - (smaller), 0 (normal). */
export function textStepForKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, step: number): number | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === "+" || e.key === "=") return clampStep(step + 1);
  if (e.key === "-" || e.key === "_") return clampStep(step - 1);
  if (e.key === "0") return 0;
  return null;
}

export class PrefsStore {
  private value: Prefs;
  private readonly listeners = new Set<(prefs: Prefs) => void>();
  constructor(private readonly storage: StorageLike | null) {
    let raw: string | null = null;
    try {
      raw = storage?.getItem(PREFS_STORAGE_KEY) ?? null;
    } catch {
      raw = null;
    }
    this.value = parsePrefs(raw);
  }
  get(): Prefs {
    return this.value;
  }
  update(change: Partial<Prefs>): void {
    const next = parsePrefs(JSON.stringify({ ...this.value, ...change }));
    if (next.textStep === this.value.textStep && next.theme === this.value.theme && next.present === this.value.present && next.editionOnly === this.value.editionOnly) return;
    this.value = next;
    try {
      this.storage?.setItem(PREFS_STORAGE_KEY, JSON.stringify(next));
    } catch {
      /* private mode: lasts for this session */
    }
    for (const l of this.listeners) l(next);
  }
  subscribe(listener: (prefs: Prefs) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
