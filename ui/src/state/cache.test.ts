import { describe, expect, it, vi } from "vitest";
import type { Call, CommandName } from "../ipc/transport";
import { cachingCall } from "./cache";

describe("cachingCall", () => {
  it("memoises listed commands only, and forgets failures", async () => {
    let fail = true;
    const inner = vi.fn(async (command: string) => {
      if (command === "entity" && fail) {
        fail = false;
        throw new Error("once");
      }
      return { command };
    }) as unknown as Call;
    const call = cachingCall(inner, new Set(["entity"]));
    await expect(call("entity", { id: "a" })).rejects.toThrow("once");
    await call("entity", { id: "a" });
    await call("entity", { id: "a" });
    await call("search", { query: "a" });
    await call("search", { query: "a" });
    expect(inner).toHaveBeenCalledTimes(4);
  });
  it("is bounded", async () => {
    const inner = vi.fn(async () => ({})) as unknown as Call;
    const call = cachingCall(inner, new Set(["entity"]), 2);
    await call("entity", { id: "a" });
    await call("entity", { id: "b" });
    await call("entity", { id: "c" });
    await call("entity", { id: "a" });
    expect(inner).toHaveBeenCalledTimes(4);
  });
});

describe("cachingCall after a write", () => {
  it("drops cached answers once a write command succeeds, and keeps them when it fails", async () => {
    let calls = 0;
    let fail = false;
    const inner = ((command: string) => {
      if (command === "add_link") return fail ? Promise.reject(new Error("no")) : Promise.resolve({ revision: 2 });
      calls += 1;
      return Promise.resolve({ n: calls });
    }) as unknown as Call;
    const call = cachingCall(inner, new Set(["entity"] as CommandName[]), 64, new Set(["add_link"]));
    expect(await call("entity", { id: "a" } as never)).toEqual({ n: 1 });
    expect(await call("entity", { id: "a" } as never)).toEqual({ n: 1 });
    fail = true;
    await expect(call("add_link" as CommandName, {} as never)).rejects.toThrow("no");
    expect(await call("entity", { id: "a" } as never)).toEqual({ n: 1 });
    fail = false;
    await call("add_link" as CommandName, {} as never);
    expect(await call("entity", { id: "a" } as never)).toEqual({ n: 2 });
  });
});
