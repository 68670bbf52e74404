import { describe, expect, it } from "vitest";
import { rememberView, viewToReopen } from "./lastView";

function memory(): Storage {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } as Storage;
}

describe("the last view, reopened at start", () => {
  it("reopens the view kept last when the window starts on the start page", () => {
    const store = memory();
    expect(viewToReopen(store, "")).toBeNull();
    expect(rememberView(store, "#/entity/changan-auto")).toBe(true);
    expect(rememberView(store, "#/entity/changan-auto")).toBe(false);
    expect(rememberView(store, "#/policies?q=%E8%A1%A5%E8%B4%B4&sort=issued")).toBe(true);
    expect(viewToReopen(store, "")).toBe("#/policies?q=%E8%A1%A5%E8%B4%B4&sort=issued");
    expect(viewToReopen(store, "#/")).toBe("#/policies?q=%E8%A1%A5%E8%B4%B4&sort=issued");
  });

  it("keeps a deep link the window was opened on, and the start page when that was last", () => {
    const store = memory();
    rememberView(store, "#/map");
    expect(viewToReopen(store, "#/chain")).toBeNull();
    rememberView(store, "#/");
    expect(viewToReopen(store, "")).toBeNull();
  });

  it("keeps only the app's own routes, and survives a storage that refuses", () => {
    const store = memory();
    expect(rememberView(store, "javascript:alert(1)")).toBe(false);
    expect(rememberView(store, "#/" + "x".repeat(3000))).toBe(false);
    store.setItem("nev-atlas.lastView", "https://example.com/");
    expect(viewToReopen(store, "")).toBeNull();
    const refusing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } } as unknown as Storage;
    expect(rememberView(refusing, "#/map")).toBe(false);
    expect(viewToReopen(refusing, "")).toBeNull();
    expect(viewToReopen(null, "")).toBeNull();
  });
});
