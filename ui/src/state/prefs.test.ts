import { describe, expect, it, vi } from "vitest";
import { clampStep, parsePrefs, PREFS_STORAGE_KEY, PrefsStore, textSizePx, textStepForKey } from "./prefs";
import type { StorageLike } from "./settings";

function memory(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe("display prefs", () => {
  it("clamps the text step and maps it to a size", () => {
    expect(clampStep(99)).toBe(6);
    expect(clampStep(-9)).toBe(-2);
    expect(clampStep(Number.NaN)).toBe(0);
    expect(textSizePx(0)).toBe(18);
    expect(textSizePx(2)).toBe(21.6);
    expect(textSizePx(-2)).toBe(14.4);
  });
  it("ignores malformed stored values", () => {
    expect(parsePrefs("{bad")).toEqual({ textStep: 0, theme: "light", present: false, editionOnly: false });
    expect(parsePrefs(JSON.stringify({ textStep: 40, theme: "neon", present: "yes" }))).toEqual({ textStep: 6, theme: "light", present: false, editionOnly: false });
    expect(parsePrefs(JSON.stringify({ textStep: 1, theme: "dark", present: true, editionOnly: true }))).toEqual({ textStep: 1, theme: "dark", present: true, editionOnly: true });
  });
  it("Ctrl + / - / 0 change the text step; other keys do not", () => {
    const k = (key: string, ctrlKey = true) => ({ key, ctrlKey, metaKey: false, altKey: false });
    expect(textStepForKey(k("+"), 0)).toBe(1);
    expect(textStepForKey(k("="), 6)).toBe(6);
    expect(textStepForKey(k("-"), 0)).toBe(-1);
    expect(textStepForKey(k("0"), 4)).toBe(0);
    expect(textStepForKey(k("+", false), 0)).toBeNull();
    expect(textStepForKey(k("p"), 0)).toBeNull();
  });
  it("remembers changes and tells subscribers once per change", () => {
    const storage = memory();
    const store = new PrefsStore(storage);
    const seen = vi.fn();
    store.subscribe(seen);
    store.update({ textStep: 2 });
    store.update({ textStep: 2 });
    store.update({ theme: "dark" });
    expect(seen).toHaveBeenCalledTimes(2);
    expect(JSON.parse(storage.data[PREFS_STORAGE_KEY]!)).toEqual({ textStep: 2, theme: "dark", present: false, editionOnly: false });
    expect(new PrefsStore(storage).get()).toEqual({ textStep: 2, theme: "dark", present: false, editionOnly: false });
  });
});
