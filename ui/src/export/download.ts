/**
 * Saving an export: `saveBlob` goes through the transport, which picks the desktop window's native
 * save dialog (the shell writes the file) or, in a browser, `downloadBlob`.
 */
import { saveFile } from "../ipc/transport";

/** Saves `blob` as `name`: the path it went to, "download", or null when the user cancelled. */
export function saveBlob(name: string, blob: Blob): Promise<string | null> {
  return saveFile(name, blob, downloadBlob);
}

/** A browser download of `blob` named `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBlob(base64: string, mime: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}
