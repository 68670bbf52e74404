// Starts `nev-atlas serve` (or, with NEV_ATLAS_SERVER=mock, the mock server) on a free loopback
// port and resolves once it prints `listening on http://127.0.0.1:PORT`.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { paths } from "./paths.mjs";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{edition: string, ui?: string, timeoutMs?: number}} options
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startServer({ edition, ui = paths.ui, timeoutMs = 20000 }) {
  const port = await freePort();
  const mock = process.env.NEV_ATLAS_SERVER === "mock";
  const command = mock ? process.execPath : paths.bin;
  const args = mock
    ? [join(dirname(fileURLToPath(import.meta.url)), "mock-server.mjs"), "--port", String(port), "--ui", ui, "--edition", edition]
    : ["serve", "--port", String(port), "--edition", edition, "--ui", ui];
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_BACKTRACE: "1" } });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => (out += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not report 'listening on' within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${out}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return { url, stop, output: () => out };
}
