/**
 * The one transport adapter. Views call `call(command, args)` and never learn whether the answer
 * came from the Tauri shell (IPC `invoke`) or from `nev-atlas serve` (HTTP POST /api/<command>).
 * Both transports report failures as an `ApiError` ({code, message}); anything else that goes
 * wrong (network failure, a non-JSON body, a thrown string) is normalised to that shape here.
 * Saving an export takes the same turn (`saveFile`): the desktop shell's save dialog, or a download.
 */
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { ApiError, Commands } from "./types";
import { ERROR_CODES } from "./commands";

export type CommandName = keyof Commands;
export type ArgsOf<C extends CommandName> = Commands[C]["args"];
export type ResultOf<C extends CommandName> = Commands[C]["result"];

/** What a transport needs from its surroundings; injected so tests can mock it. */
export interface TransportEnv {
  isTauri: boolean;
  invoke: (cmd: string, args: Record<string, unknown>) => Promise<unknown>;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
}

export type Call = <C extends CommandName>(command: C, args: ArgsOf<C>) => Promise<ResultOf<C>>;

const CODES: ReadonlyArray<ApiError["code"]> = ERROR_CODES;

/** Thrown by `call`: an Error (so stacks and `instanceof` work) that carries the API's code. */
export class ApiFailure extends Error {
  readonly code: ApiError["code"];
  constructor(error: ApiError) {
    super(error.message);
    this.name = "ApiFailure";
    this.code = error.code;
  }
}

/** True inside the Tauri webview. */
export function detectTauri(win: object | undefined): boolean {
  return win !== undefined && win !== null && "__TAURI_INTERNALS__" in win;
}

/** Turns whatever a transport rejected with into an ApiError. */
export function toApiError(value: unknown, fallback = "Request failed"): ApiError {
  if (value instanceof ApiFailure) return { code: value.code, message: value.message };
  if (typeof value === "object" && value !== null) {
    const v = value as { code?: unknown; message?: unknown };
    if (typeof v.message === "string") {
      const code = CODES.includes(v.code as ApiError["code"]) ? (v.code as ApiError["code"]) : "internal";
      return { code, message: v.message };
    }
  }
  if (typeof value === "string" && value.length > 0) {
    // Tauri may reject with a JSON string when the error was serialised by hand.
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null) return toApiError(parsed, value);
    } catch {
      /* not JSON: use it as the message */
    }
    return { code: "internal", message: value };
  }
  return { code: "internal", message: fallback };
}

/** Builds `call` over the given environment. */
export function createCall(env: TransportEnv): Call {
  if (env.isTauri) {
    return async (command, args) => {
      try {
        return (await env.invoke("api", { command, args: args ?? {} })) as never;
      } catch (e) {
        throw new ApiFailure(toApiError(e));
      }
    };
  }
  return async (command, args) => {
    let response: Response;
    try {
      response = await env.fetch("/api/" + command, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args ?? {}),
      });
    } catch (e) {
      throw new ApiFailure({ code: "internal", message: "Cannot reach the atlas server: " + String(e) });
    }
    let body: unknown = undefined;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      throw new ApiFailure(toApiError(body, `HTTP ${response.status}`));
    }
    if (body === undefined) {
      throw new ApiFailure({ code: "internal", message: "The server sent an unreadable answer" });
    }
    return body as never;
  };
}

/** Hands a file to the browser as a download (what saving is outside the desktop window). */
export type Download = (name: string, blob: Blob) => void;

/**
 * Saves an export. Resolves to where it went: the path chosen in the desktop window's native save
 * dialog, "download" in a browser, or null when the user cancelled the dialog.
 */
export type Save = (name: string, blob: Blob) => Promise<string | null>;

/** The bytes of a blob as standard base64, in chunks so that large PNGs do not overflow the stack. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Builds `save` over the given environment: the shell's `save_file` inside Tauri, else `download`. */
export function createSave(env: TransportEnv, download: Download): Save {
  if (env.isTauri) {
    return async (name, blob) => {
      const bytes_base64 = await blobToBase64(blob);
      try {
        return (await env.invoke("save_file", { name, bytes_base64 })) as string | null;
      } catch (e) {
        throw new ApiFailure(toApiError(e));
      }
    };
  }
  return async (name, blob) => {
    download(name, blob);
    return "download";
  };
}

function defaultEnv(): TransportEnv {
  const win = typeof window === "undefined" ? undefined : window;
  return {
    isTauri: detectTauri(win),
    invoke: (cmd, args) => tauriInvoke(cmd, args),
    fetch: (input, init) => fetch(input, init),
  };
}

let current: Call | null = null;

/** Calls one API command over whichever transport this page runs on. */
export const call: Call = (command, args) => {
  if (current === null) current = createCall(defaultEnv());
  return current(command, args);
};

/** For tests and the dev harness: replace the transport. */
export function setCall(replacement: Call | null): void {
  current = replacement;
}

/** Saves an export over whichever transport this page runs on; `download` is the browser's way. */
export function saveFile(name: string, blob: Blob, download: Download): Promise<string | null> {
  return createSave(defaultEnv(), download)(name, blob);
}

/**
 * Tells the desktop shell, once, that the first frame with the search box has been drawn (its
 * `ready` command, which writes where NEV_ATLAS_READY_FILE says for `cargo xtask bench --app`, and
 * otherwise does nothing). Outside the desktop window: nothing. A failure is ignored; the app does
 * not depend on it.
 */
export function createSignalReady(env: TransportEnv): () => void {
  let sent = false;
  return () => {
    if (!env.isTauri || sent) return;
    sent = true;
    env.invoke("ready", {}).catch(() => undefined);
  };
}

let readySignal: (() => void) | null = null;

/** Tells the desktop shell that the search box is drawn, once (see `createSignalReady`). */
export function signalReady(): void {
  readySignal ??= createSignalReady(defaultEnv());
  readySignal();
}

/**
 * Asks for an edition file: the desktop shell's native open dialog (`choose_edition`), titled
 * `title`. Resolves to the path chosen, or null when the user cancelled. Only inside the desktop
 * window (see `canChooseFile`); a browser page types the path instead.
 */
export function createChooseEdition(env: TransportEnv): ((title: string) => Promise<string | null>) | null {
  if (!env.isTauri) return null;
  return async (title) => {
    try {
      return (await env.invoke("choose_edition", { title })) as string | null;
    } catch (e) {
      throw new ApiFailure(toApiError(e));
    }
  };
}

/** The native open dialog for an edition file, or null outside the desktop window. */
export function chooseEditionFile(): ((title: string) => Promise<string | null>) | null {
  return createChooseEdition(defaultEnv());
}
