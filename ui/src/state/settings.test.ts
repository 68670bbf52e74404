import { describe, expect, it, vi } from "vitest";
import { initialLang, LangStore, LANG_STORAGE_KEY, type StorageLike } from "./settings";

function memory(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe("language setting", () => {
  it("prefers the remembered choice, then the browser language", () => {
    expect(initialLang(memory({ [LANG_STORAGE_KEY]: "zh" }), "en-US")).toBe("zh");
    expect(initialLang(memory(), "zh-CN")).toBe("zh");
    expect(initialLang(memory(), "de")).toBe("en");
    expect(initialLang(memory({ [LANG_STORAGE_KEY]: "fr" }), undefined)).toBe("en");
    expect(initialLang(null, undefined)).toBe("en");
  });
  it("remembers a toggle and tells subscribers", () => {
    const storage = memory();
    const store = new LangStore(storage, "en");
    const seen = vi.fn();
    store.subscribe(seen);
    store.toggle();
    expect(store.get()).toBe("zh");
    expect(storage.data[LANG_STORAGE_KEY]).toBe("zh");
    expect(seen).toHaveBeenCalledWith("zh");
  });
  it("survives a storage that throws", () => {
    const broken: StorageLike = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
    expect(initialLang(broken, "zh")).toBe("zh");
    const store = new LangStore(broken, "en");
    store.set("zh");
    expect(store.get()).toBe("zh");
  });
});
