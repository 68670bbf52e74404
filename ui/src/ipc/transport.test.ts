import { describe, expect, it, vi } from "vitest";
import { ApiFailure, blobToBase64, createCall, createChooseEdition, createSave, createSignalReady, detectTauri, toApiError, type TransportEnv } from "./transport";

function env(overrides: Partial<TransportEnv>): TransportEnv {
  return {
    isTauri: false,
    invoke: vi.fn(async () => { throw new Error("invoke must not be used"); }),
    fetch: vi.fn(async () => { throw new Error("fetch must not be used"); }),
    ...overrides,
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("transport choice", () => {
  it("detects Tauri by __TAURI_INTERNALS__", () => {
    expect(detectTauri({ __TAURI_INTERNALS__: {} })).toBe(true);
    expect(detectTauri({})).toBe(false);
    expect(detectTauri(undefined)).toBe(false);
  });

  it("uses invoke('api', {command, args}) inside Tauri", async () => {
    const invoke = vi.fn(async () => ({ query: "长安", hits: [] }));
    const fetch = vi.fn();
    const call = createCall(env({ isTauri: true, invoke, fetch }));
    await expect(call("search", { query: "长安" })).resolves.toEqual({ query: "长安", hits: [] });
    expect(invoke).toHaveBeenCalledWith("api", { command: "search", args: { query: "长安" } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("POSTs JSON to /api/<command> in the browser", async () => {
    const fetch = vi.fn(async () => json(200, { title: "t", version: "1", built_at: "", entities: 1, links: 0, sources: 1 }));
    const invoke = vi.fn();
    const call = createCall(env({ fetch, invoke }));
    const edition = await call("edition", {});
    expect(edition.version).toBe("1");
    expect(fetch).toHaveBeenCalledWith("/api/edition", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe("errors arrive as {code, message} on both transports", () => {
  it("HTTP 4xx with an ApiError body", async () => {
    const call = createCall(env({ fetch: async () => json(404, { code: "not_found", message: "No entity with id nope" }) }));
    const error = await call("entity", { id: "nope" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiFailure);
    expect(error).toMatchObject({ code: "not_found", message: "No entity with id nope" });
  });
  it("HTTP 5xx without a JSON body", async () => {
    const call = createCall(env({ fetch: async () => new Response("boom", { status: 502 }) }));
    await expect(call("edition", {})).rejects.toMatchObject({ code: "internal", message: "HTTP 502" });
  });
  it("network failure", async () => {
    const call = createCall(env({ fetch: async () => { throw new TypeError("Failed to fetch"); } }));
    await expect(call("edition", {})).rejects.toMatchObject({ code: "internal" });
  });
  it("Tauri rejecting with the ApiError object", async () => {
    const call = createCall(env({ isTauri: true, invoke: async () => { throw { code: "invalid_argument", message: "hops must be 1 to 3" }; } }));
    await expect(call("neighbourhood", { id: "x", hops: 9 })).rejects.toMatchObject({ code: "invalid_argument", message: "hops must be 1 to 3" });
  });
  it("Tauri rejecting with a string", async () => {
    const call = createCall(env({ isTauri: true, invoke: async () => { throw "command api not found"; } }));
    await expect(call("edition", {})).rejects.toMatchObject({ code: "internal", message: "command api not found" });
  });
  it("normalises odd values", () => {
    expect(toApiError({ code: "weird", message: "m" })).toEqual({ code: "internal", message: "m" });
    // Every code the API has passes through (the list is generated from the Rust side).
    expect(toApiError({ code: "forbidden", message: "not from this app" })).toEqual({ code: "forbidden", message: "not from this app" });
    expect(toApiError('{"code":"not_found","message":"gone"}')).toEqual({ code: "not_found", message: "gone" });
    expect(toApiError(42)).toEqual({ code: "internal", message: "Request failed" });
  });
});

describe("saving an export", () => {
  const csv = () => new Blob(["\uFEFF名称\r\n长安汽车\r\n"], { type: "text/csv" });

  it("inside Tauri, hands name and bytes to the shell's save_file and never downloads", async () => {
    const invoke = vi.fn(async () => "/home/u/长安.csv");
    const download = vi.fn();
    const save = createSave(env({ isTauri: true, invoke }), download);
    await expect(save("长安.csv", csv())).resolves.toBe("/home/u/长安.csv");
    expect(invoke).toHaveBeenCalledTimes(1);
    const [command, args] = invoke.mock.calls[0] as unknown as [string, { name: string; bytes_base64: string }];
    expect(command).toBe("save_file");
    expect(args.name).toBe("长安.csv");
    // The shell writes exactly the bytes of the blob, BOM and Chinese included.
    expect(Buffer.from(args.bytes_base64, "base64")).toEqual(Buffer.from(await csv().arrayBuffer()));
    expect(download).not.toHaveBeenCalled();
  });

  it("inside Tauri, a cancelled dialog resolves to null and a failure to an ApiFailure", async () => {
    const cancelled = createSave(env({ isTauri: true, invoke: vi.fn(async () => null) }), vi.fn());
    await expect(cancelled("a.svg", new Blob(["<svg/>"]))).resolves.toBeNull();
    const failing = createSave(env({ isTauri: true, invoke: vi.fn(async () => { throw { code: "invalid_argument", message: "could not save /x: denied" }; }) }), vi.fn());
    const error = await failing("a.svg", new Blob(["<svg/>"])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiFailure);
    expect(error).toMatchObject({ code: "invalid_argument", message: "could not save /x: denied" });
  });

  it("in the browser, downloads and never invokes", async () => {
    const download = vi.fn();
    const blob = csv();
    const save = createSave(env({}), download);
    await expect(save("长安.csv", blob)).resolves.toBe("download");
    expect(download).toHaveBeenCalledWith("长安.csv", blob);
  });

  it("encodes large binary blobs whole", async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
    const encoded = await blobToBase64(new Blob([bytes]));
    expect(new Uint8Array(Buffer.from(encoded, "base64"))).toEqual(bytes);
    expect(await blobToBase64(new Blob([]))).toBe("");
  });
});

describe("choosing an edition file", () => {
  it("inside Tauri, asks the shell's choose_edition with the dialog's title", async () => {
    const invoke = vi.fn(async () => "/home/u/nev-atlas-2.sqlite");
    const choose = createChooseEdition(env({ isTauri: true, invoke }));
    expect(choose).not.toBeNull();
    await expect(choose!("选择数据版本文件")).resolves.toBe("/home/u/nev-atlas-2.sqlite");
    expect(invoke).toHaveBeenCalledWith("choose_edition", { title: "选择数据版本文件" });
    const cancelled = createChooseEdition(env({ isTauri: true, invoke: vi.fn(async () => null) }));
    await expect(cancelled!("Choose")).resolves.toBeNull();
  });

  it("in the browser, there is no dialog (the page asks for a path)", () => {
    expect(createChooseEdition(env({}))).toBeNull();
  });
});

describe("the ready mark for the desktop shell", () => {
  it("inside Tauri, calls the shell's ready command once, with no arguments", async () => {
    const invoke = vi.fn(async () => null);
    const signal = createSignalReady(env({ isTauri: true, invoke }));
    signal();
    signal();
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith("ready", {});
  });

  it("ignores a shell that refuses it", async () => {
    const invoke = vi.fn(async () => { throw new Error("command ready not allowed"); });
    expect(() => createSignalReady(env({ isTauri: true, invoke }))()).not.toThrow();
    await Promise.resolve();
  });

  it("in the browser, calls nothing", () => {
    const invoke = vi.fn(async () => null);
    createSignalReady(env({ invoke }))();
    expect(invoke).not.toHaveBeenCalled();
  });
});
