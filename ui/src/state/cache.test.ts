import { describe, expect, it, vi } from "vitest";
import type { Call } from "../ipc/transport";
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
